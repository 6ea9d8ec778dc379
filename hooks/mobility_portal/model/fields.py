"""The field types every part of project.yml shares: ids, codes, addresses, paths, and `Part`.

Each type says what it expects in the coordinator's words, and its JSON Schema carries the same
pattern, so an editor flags a mistake while the coordinator types.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, WithJsonSchema

from ..languages.codes import known_countries, known_languages


def _check_language(value: str) -> str:
    if value not in known_languages():
        raise ValueError(f"expected a language code (ISO 639-1, like 'fr'), found {value!r}")
    return value


def _check_country(value: str) -> str:
    if value not in known_countries():
        raise ValueError(f"expected a country code (ISO 3166-1, like 'ES'), found {value!r}")
    return value


def _matching(pattern: str, expected: str):
    """A string type that accepts a whole string matching `pattern`, else says what it expected.

    The schema carries the same pattern, so an editor flags a mismatch while the coordinator types."""

    def check(value: str) -> str:
        if not re.fullmatch(pattern, value):
            raise ValueError(f"expected {expected}, found {value!r}")
        return value

    return Annotated[str, AfterValidator(check), WithJsonSchema({"type": "string", "pattern": f"^(?:{pattern})$"})]


def _code(check, pattern: str):
    """A code checked against Babel's list; the schema checks only its shape (two letters)."""
    return Annotated[str, AfterValidator(check), WithJsonSchema({"type": "string", "pattern": pattern})]


def points_outside(path: str) -> bool:
    """An absolute path or one with '..': it names a file outside the project folder."""
    return path.startswith(("/", "\\")) or ".." in path.replace("\\", "/").split("/")


def _check_relative_file(value: str) -> str:
    if points_outside(value):
        raise ValueError(
            f"expected a path inside the project folder (like images/logo.svg), found {value!r}"
        )
    return value


ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"


Id = _matching(ID_PATTERN, "an id of lower-case letters, digits and hyphens (like 'lycee-lyon')")


LanguageCode = _code(_check_language, "^[a-z]{2}$")


CountryCode = _code(_check_country, "^[A-Z]{2}$")


WebUrl = _matching(r"https?://[^\s/$.?#][^\s]*", "a web address starting with https:// or http://")


Email = _matching(r"[^@\s]+@[^@\s]+\.[^@\s]+", "an e-mail address like name@school.eu")


Phone = _matching(r"\+?[0-9][0-9 ().-]*[0-9]", "a phone number like +33 4 72 00 00 00 or 112")


ProjectFile = Annotated[str, AfterValidator(_check_relative_file)]


class Part(BaseModel):
    """Every part of project.yml: unknown keys are errors (they are almost always typos)."""

    model_config = ConfigDict(extra="forbid", frozen=True)
