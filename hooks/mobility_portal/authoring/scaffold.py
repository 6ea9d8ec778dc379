"""`mobility-portal new <slug>`: a new project folder whose project.yml builds at once.

The file comes from templates/project.yml: the required keys filled with placeholders that
validate, every optional section commented out with a one-line explanation and an example.
A coordinator starts from a working portal page and replaces one value at a time.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from importlib.resources import files
from pathlib import Path
from string import Template

import yaml

from ..errors import ProjectError, ProjectErrors
from ..languages.codes import code_hint, known_languages
from ..load.projects import PROJECT_FILE
from ..model.fields import ID_PATTERN

TEMPLATE = "templates/project.yml"

_SENDING = """  - id: sending-school
    role: sending                     # sending, host, intermediary, sending_company or certifier
    name: Name of the sending school
    country: EU                       # the country code, like FR, DE or ES
    city: Name of the town
    # website: https://www.example.org
    # logo: images/logo.svg           # the file goes in projects/$slug/images/
    # description: What the school is, and what it does in the project.
    # contacts:
    #   - role: mentor                # mentor, administrative or emergency
    #     name: Firstname Lastname
    #     email: mobility@school.example.org
    #     phone: +33 4 00 00 00 00
"""
# The stays and the partners of each shape of project (DESIGN.md, "Shapes of real projects").
SHAPES = {
    "apprenticeship": """mobility_periods:
  - id: stay-1
    start: $start
    end: $end
    host: host-partner                # the id of the host partner below
    # label: Placement in Valencia, March 2027
    # learners: 12

partners:
""" + _SENDING + """  - id: host-partner
    role: host
    name: Name of the host partner
    country: EU
    city: Name of the town
  ## The apprentices' employers, who let them go and gain from it:
  # - id: company-1
  #   role: sending_company
  #   name: Name of a training company
  #   country: EU
  #   city: Name of the town
""",
    "school-based": """## A school-based programme: the school finds the companies abroad itself (no host partner),
## and the learners are not employed (no sending companies). Each stay says where it goes.
mobility_periods:
  - id: stay-1
    start: $start
    end: $end
    country: EU                       # the destination country, like PT, IT or IE
    city: Name of the town
    # label: Placement in Porto, spring 2027
    # learners: 4

partners:
""" + _SENDING,
    "pool": """## A pool: an intermediary organisation places the learners of several schools and companies.
mobility_periods:
  - id: stay-1
    start: $start
    end: $end
    host: intermediary                # the id of the intermediary below
    # learners: 20

partners:
""" + _SENDING + """  - id: intermediary
    role: intermediary
    name: Name of the intermediary organisation
    country: EU
    city: Name of the town
""",
}


def new_project(root: Path, slug: str, today: dt.date, title: str | None = None,
                languages: list[str] | None = None, shape: str = "apprenticeship") -> Path:
    """Write projects/<slug>/project.yml under `root` and return its path.

    Raises ProjectErrors, having written nothing, when the slug cannot be a folder name, the
    folder exists already (a project is never overwritten) or a language code is unknown."""
    shown_as = f"projects/{slug}/{PROJECT_FILE}"
    languages = languages or ["en"]
    errors = _check(root, slug, languages, shown_as)
    if errors:
        raise ProjectErrors(errors)
    text = render_template(slug, today, title, languages, shape)
    folder = root / "projects" / slug
    folder.mkdir(parents=True)  # fails rather than reuse a folder created since the check
    file = folder / PROJECT_FILE
    with file.open("x", encoding="utf-8") as out:
        out.write(text)
    return file


def render_template(slug: str, today: dt.date, title: str | None = None, languages: list[str] | None = None,
                    shape: str = "apprenticeship") -> str:
    """The template filled in for a shape of project (SHAPES): the stay starts on a Monday about
    three months after `today` and ends on the Friday four weeks later."""
    start = today + dt.timedelta(days=91)
    start += dt.timedelta(days=-start.weekday() % 7)
    template = Template(files(__package__).joinpath(TEMPLATE).read_text(encoding="utf-8"))
    return template.substitute(
        schema="$schema",  # the modeline's own variable, for the editor: it stays as written
        slug=slug,
        title=_scalar(title.strip() if title and title.strip() else _title_from(slug)),
        today=today.isoformat(),
        start=start.isoformat(),
        end=(start + dt.timedelta(days=25)).isoformat(),
        year=start.year,
        languages="[" + ", ".join(_scalar(lang) for lang in languages or ["en"]) + "]",
        periods_and_partners=Template(SHAPES[shape]).substitute(
            start=start.isoformat(), end=(start + dt.timedelta(days=25)).isoformat(), slug=slug),
    )


def _check(root: Path, slug: str, languages: list[str], shown_as: str) -> list[ProjectError]:
    errors = []
    if not re.fullmatch(ID_PATTERN, slug):
        suggestion = _slug_from(slug)
        errors.append(ProjectError(
            shown_as, 1, "",
            f"expected a folder name of lower-case letters, digits and hyphens (it becomes the web "
            f"address), found {slug!r}",
            f"try {suggestion!r}" if suggestion else "for example lyon-valencia-2027",
        ))
    elif (root / "projects" / slug).exists():
        errors.append(ProjectError(
            shown_as, 1, "", f"expected a new project, found a folder projects/{slug} already",
            f"choose another name, or edit projects/{slug}/{PROJECT_FILE}",
        ))
    for index, lang in enumerate(languages):
        if lang in languages[:index]:
            errors.append(ProjectError(shown_as, 1, "languages", f"duplicate language {lang!r}", "list each language once"))
        elif lang not in known_languages():
            errors.append(ProjectError(
                shown_as, 1, "languages", f"expected a language code (ISO 639-1, like 'fr'), found {lang!r}",
                code_hint(lang, "language"),
            ))
    return errors


def _title_from(slug: str) -> str:
    """'lyon-valencia-2027' -> 'Lyon Valencia 2027': a title to replace, but one that reads."""
    return " ".join(word.capitalize() for word in slug.split("-"))


def _slug_from(text: str) -> str:
    """'Lyon → València 2027' -> 'lyon-valencia-2027': accents dropped, the rest joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


def _scalar(text: str) -> str:
    """`text` as a YAML value: bare when YAML reads it back unchanged, else double-quoted
    (a JSON string is a valid YAML one). 'no' stays a language, 'A: B' a title."""
    try:
        if yaml.safe_load(text) == text:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)
