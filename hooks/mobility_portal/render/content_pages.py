"""The pages people write by hand: content/<lang>/**/*.md (about, accessibility, the user guide).

Each is staged for every site language. A page not yet translated into a language is staged
there in the language it exists in, inside an element carrying that language's code and under a
notice, so screen readers read it with the right voice (WCAG 3.1.2) and readers know why.

In the navigation, pages come after the projects; a folder becomes a section led by its
index.md. Pages are ordered by `order:` in their front matter, then by file name.
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import ProjectError, ProjectErrors
from ..languages.codes import language_name
from ..languages.labels import Labels

# Files whose name starts with this are parts of generated pages (like _home.md, the intro of
# the portal home), not pages of their own.
PARTIAL_PREFIX = "_"


FRONT_MATTER = re.compile(r"\A---\s*\n(.*?\n)---\s*\n", re.S)


HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.M)


@dataclass(frozen=True)
class ContentPage:
    path: str  # under the language folder, e.g. guide/printing.md
    order: float
    titles: dict[str, str]  # the first heading, per language (the language it is shown in)
    written_in: frozenset[str] = frozenset()  # the languages it is written in (the others show a fallback)


@dataclass
class StagedContent:
    files: dict[str, bytes]  # language folder path -> bytes, translations and fallbacks alike
    pages: list[ContentPage]
    written: set[str]  # the files that exist under content/ (not fallback copies), as paths in `files`


def stage_content(content: Path, languages: tuple[str, ...], labels: Labels) -> StagedContent:
    """content/<lang>/ for every language; a page missing in a language is staged there in the
    language it exists in."""
    files: dict[str, bytes] = {}
    sources: dict[str, dict[str, bytes]] = {}  # page path -> language -> bytes
    for lang in languages:
        folder = content / lang
        if not folder.is_dir():
            continue
        for file in sorted(folder.rglob("*")):
            relative = file.relative_to(folder).as_posix()
            if not file.is_file() or file.name.startswith((PARTIAL_PREFIX, ".")):
                continue
            target = f"{lang}/{relative}"
            files[target] = file.read_bytes()
            if file.suffix == ".md":
                sources.setdefault(relative, {})[lang] = files[target]
    written = set(files)

    pages = []
    for relative, by_lang in sorted(sources.items()):
        origin = next(lang for lang in languages if lang in by_lang)  # the default language first
        titles = {}
        for lang in languages:
            text = by_lang.get(lang)
            if text is None:
                text = _untranslated(by_lang[origin].decode("utf-8"), origin, lang, labels).encode()
                files[f"{lang}/{relative}"] = text
            titles[lang] = _title(by_lang.get(lang, by_lang[origin]).decode("utf-8"), relative)
        pages.append(ContentPage(relative, _order(by_lang[origin].decode("utf-8")), titles, frozenset(by_lang)))
    return StagedContent(files, pages, written)


def check_not_generated(content: StagedContent, generated: Container[str]) -> None:
    """Raise ProjectErrors for every file under content/ at the place of a generated one (the
    portal home, a project page): the generated file would silently replace it."""
    errors = [
        ProjectError(
            f"content/{target}", 1, "", "this page is generated from the projects and cannot be written by hand",
            f"put the portal home's intro in content/{target.split('/')[0]}/{PARTIAL_PREFIX}home.md"
            if target.split("/", 1)[1] == "index.md" else "move the page outside the projects/ folder",
        )
        for target in sorted(content.written) if target in generated
    ]
    if errors:
        raise ProjectErrors(errors)


def _untranslated(text: str, origin: str, lang: str, labels: Labels) -> str:
    """The page in the language it exists in, marked as such, under a notice in `lang`. Its title
    goes into the front matter: MkDocs looks for the first heading only outside the marked part."""
    front = FRONT_MATTER.match(text)
    meta = (yaml.safe_load(front.group(1)) or {}) if front else {}
    body = text[front.end():] if front else text
    meta = {"title": _title(text, "page"), **(meta if isinstance(meta, dict) else {})}
    notice = labels.get("page_not_translated", lang, language=language_name(lang, lang), shown=language_name(origin, lang))
    return (f"---\n{yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)}---\n\n"
            f'!!! info ""\n\n    {notice}\n\n<div lang="{origin}" markdown>\n\n{body}\n\n</div>\n')


def _title(text: str, relative: str) -> str:
    front = FRONT_MATTER.match(text)
    if front:
        meta = yaml.safe_load(front.group(1)) or {}
        if isinstance(meta, dict) and meta.get("title"):
            return str(meta["title"])
    heading = HEADING.search(text[front.end():] if front else text)
    return heading.group(1) if heading else Path(relative).stem.replace("-", " ").capitalize()


def _order(text: str) -> float:
    front = FRONT_MATTER.match(text)
    meta = (yaml.safe_load(front.group(1)) or {}) if front else {}
    order = meta.get("order") if isinstance(meta, dict) else None
    return float(order) if isinstance(order, (int, float)) else float("inf")
