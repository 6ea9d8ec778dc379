"""Who publishes the portal: the footer of every page names them, with the legal notice, the
privacy notice and a contact, in the reader's language.

Written once in mkdocs.yml, under extra.portal.publisher:

    publisher:
      name: Réseau Mobilité Pro            # a text, or a mapping language -> text
      address: 12 rue ..., 69000 Lyon, France
      email: contact@example.eu
      legal_notice: legal-notice.md        # a page of content/<lang>/ (German: the Impressum)
      privacy_notice: privacy-notice.md    # a page of content/<lang>/

The two notices are pages people write in content/<lang>/, each language its own; a language
without one shows the default language's (the i18n plugin's fallback). A German site must
publish an Impressum (Digitale-Dienste-Gesetz, section 5): with German among the languages, the
publisher and its legal notice are required.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model.text import Text, parse_text

KEY = "extra.portal.publisher"
PAGES = ("legal_notice", "privacy_notice")
FIELDS = ("name", "address", "email", *PAGES)
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
NEEDS_LEGAL_NOTICE = ("de",)  # languages whose readers' law requires an imprint (Impressum)


@dataclass(frozen=True)
class Publisher:
    name: Text
    address: Text | None
    email: str
    legal_notice: str | None  # a page's path under content/<lang>/, like "legal-notice.md"
    privacy_notice: str | None


def read_publisher(file: Path, data: Any, languages: Sequence[str]) -> tuple[Publisher | None, list[str]]:
    """The publisher of extra.portal.publisher, or None; and every error, each a line naming the
    file, the key path, what was expected and what was found, then a hint."""
    if data is None:
        if any(lang in NEEDS_LEGAL_NOTICE for lang in languages):
            return None, [_error(file, KEY, "the portal's publisher, with a legal_notice page (German sites must have an Impressum)",
                                 "nothing", f"add {KEY}: name, email, legal_notice and privacy_notice (see the user guide, Publishing)")]
        return None, []
    if not isinstance(data, Mapping):
        return None, [_error(file, KEY, "a mapping with name, address, email, legal_notice and privacy_notice",
                             repr(data), "write each on its own line, indented under publisher:")]
    errors = [_error(file, f"{KEY}.{key}", "one of " + ", ".join(FIELDS), repr(key), "remove it or correct its name")
              for key in data if key not in FIELDS]
    texts: dict[str, Text | None] = {}
    for key in ("name", "address"):
        value = data.get(key)
        if value is None:
            if key == "name":
                errors.append(_error(file, f"{KEY}.name", "the name of the school or network that publishes the portal",
                                     "nothing", "the footer of every page shows it"))
            texts[key] = None
            continue
        try:
            texts[key] = parse_text(value)
        except ValueError as error:
            errors.append(_error(file, f"{KEY}.{key}", "a text, or a mapping language -> text", repr(value), str(error)))
            texts[key] = None
    email = data.get("email")
    if not isinstance(email, str) or not EMAIL.fullmatch(email.strip()):
        errors.append(_error(file, f"{KEY}.email", "an e-mail address readers can write to",
                             repr(email) if email is not None else "nothing", "the footer links it as the portal's contact"))
    pages = {key: _page(file, key, data.get(key), languages, errors) for key in PAGES}
    if pages["legal_notice"] is None and "legal_notice" not in data and any(lang in NEEDS_LEGAL_NOTICE for lang in languages):
        errors.append(_error(file, f"{KEY}.legal_notice", "a legal notice page: German sites must have an Impressum",
                             "nothing", f"write content/{languages[0]}/legal-notice.md and name it here"))
    if errors or texts["name"] is None:
        return None, errors
    return Publisher(texts["name"], texts["address"], str(email).strip(), pages["legal_notice"], pages["privacy_notice"]), []


def _page(file: Path, key: str, value: Any, languages: Sequence[str], errors: list[str]) -> str | None:
    """A page of content/<default language>/ (the other languages fall back to it)."""
    if value is None:
        return None
    default = languages[0]
    if not isinstance(value, str) or not value.endswith(".md") or value.startswith("/") or ".." in Path(value).parts:
        errors.append(_error(file, f"{KEY}.{key}", f"a page of content/{default}/, like {key.replace('_', '-')}.md",
                             repr(value), "a path inside each language's folder of content/, ending in .md"))
        return None
    if not (file.parent / "content" / default / value).is_file():
        errors.append(_error(file, f"{KEY}.{key}", f"a page of content/{default}/", f"{value!r}, which does not exist",
                             f"write content/{default}/{value} (and its translations in content/<lang>/)"))
        return None
    return value


def _error(file: Path, key: str, expected: str, found: str, hint: str) -> str:
    return f"{file.name}: {key}\n    expected {expected}, found {found}\n    hint: {hint}"
