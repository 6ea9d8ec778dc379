"""Personal data of learners: projects/<slug>/private/participants.yml (git-ignored).

The site generation never reads it. The guard reads it at the very end of a build, only to make
sure that no participant's name, e-mail or date of birth appears anywhere in site/: pages,
search index, sitemap, feeds, calendars and the text of every PDF.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import Field

from .errors import ProjectError
from .loading import validate
from .model import Email, Id, Part
from .yaml_source import read_yaml

PARTICIPANTS = Path("private") / "participants.yml"
TEXT_FILES = (".html", ".json", ".xml", ".txt", ".ics", ".md")


class Participant(Part):
    name: str
    date_of_birth: dt.date | None = None
    email: Email | None = None
    profile: Id | None = None
    host_company: Id | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    results: dict[Id, Literal["validated", "not_validated", "not_assessed"]] = {}
    consents: list[Literal["name", "photo", "quote"]] = Field([], description="What they agreed to be published.")


class Participants(Part):
    participants: list[Participant] = []


@dataclass(frozen=True)
class Leak:
    file: str
    what: str  # "name", "e-mail" or "date of birth", and of which project


def load_participants(projects_dir: Path, root: Path) -> tuple[list[tuple[str, Participant]], list[ProjectError]]:
    found, errors = [], []
    for file in sorted(projects_dir.glob(f"*/{PARTICIPANTS.as_posix()}")):
        source = read_yaml(file, file.relative_to(root).as_posix())
        loaded, problems = (None, source.errors) if source.errors else validate(source, Participants)
        errors += problems
        if loaded:
            slug = file.parent.parent.name
            found += [(slug, participant) for participant in loaded.participants]
    return found, errors


def _markers(participants: list[tuple[str, Participant]]) -> list[tuple[re.Pattern, str]]:
    """What would identify a participant, as patterns tolerant of case and line breaks."""
    markers = []
    for slug, person in participants:
        words = person.name.split()
        markers.append((re.compile(r"\s+".join(map(re.escape, words)), re.I), f"a participant's name ({slug})"))
        if person.email:
            markers.append((re.compile(re.escape(person.email), re.I), f"a participant's e-mail ({slug})"))
        if person.date_of_birth:
            day = person.date_of_birth
            forms = {day.isoformat(), f"{day.day:02d}/{day.month:02d}/{day.year}", f"{day.day:02d}.{day.month:02d}.{day.year}",
                     f"{day.day}/{day.month}/{day.year}", f"{day.day}.{day.month}.{day.year}"}
            markers.append((re.compile("|".join(map(re.escape, sorted(forms)))), f"a participant's date of birth ({slug})"))
    return markers


def scan_site(site_dir: Path, participants: list[tuple[str, Participant]]) -> list[Leak]:
    from pypdf import PdfReader

    markers = _markers(participants)
    if not markers:
        return []
    leaks = []
    for path in sorted(site_dir.rglob("*")):
        if path.suffix == ".json":  # the search index writes é as \u00e9
            raw = path.read_text(encoding="utf-8", errors="replace")
            try:
                content = json.dumps(json.loads(raw), ensure_ascii=False)
            except ValueError:
                content = raw
        elif path.suffix in TEXT_FILES:  # O&#39;Brien in a page is O'Brien to a reader
            content = html.unescape(path.read_text(encoding="utf-8", errors="replace"))
        elif path.suffix == ".pdf":
            content = " ".join(page.extract_text() or "" for page in PdfReader(path).pages)
        else:
            continue
        for pattern, what in markers:
            if pattern.search(content):
                leaks.append(Leak(path.relative_to(site_dir).as_posix(), what))
    return leaks
