"""Translatable text: every text a reader sees is a plain string or a mapping language -> text.

A plain string is the same in every language (a proper name, a code, an address). A mapping
names its languages; reading it in a language it lacks falls back to the project's main
language, and the caller is told, so the page can show it and the build can report it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import core_schema

from ..languages.codes import known_languages


@dataclass(frozen=True, slots=True)
class Translation:
    """A text as read in one language: `lang` is the language the words are really in
    (None for a plain string), `fallback` is True when it is not the language asked for."""

    text: str
    lang: str | None
    fallback: bool

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True, slots=True)
class Text:
    """A validated translatable text. `by_language` is empty for a plain string."""

    plain: str | None = None
    by_language: tuple[tuple[str, str], ...] = ()

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(lang for lang, _ in self.by_language)

    def has(self, lang: str) -> bool:
        return self.plain is not None or lang in dict(self.by_language)

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> core_schema.CoreSchema:
        """In the model, a field of type Text reads a string or a mapping language -> text."""
        return core_schema.no_info_before_validator_function(
            parse_text, core_schema.is_instance_schema(cls),
            serialization=core_schema.plain_serializer_function_ser_schema(_dump_text),
        )

    @classmethod
    def __get_pydantic_json_schema__(cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler) -> dict:
        return dict(TEXT_SCHEMA)

    def read(self, lang: str, main: str, fallbacks: tuple[str, ...] = ()) -> Translation:
        """The text in `lang`, else in the first of `fallbacks` it has, else in `main`, else in
        its first language."""
        if self.plain is not None:
            return Translation(self.plain, None, False)
        in_main = None
        for text_lang, text in self.by_language:  # a few languages: a scan beats building a dict
            if text_lang == lang:
                return Translation(text, lang, False)
            if text_lang == main:
                in_main = text
        for fallback in fallbacks:
            for text_lang, text in self.by_language:
                if text_lang == fallback:
                    return Translation(text, fallback, True)
        if in_main is not None:
            return Translation(in_main, main, True)
        first_lang, first_text = self.by_language[0]
        return Translation(first_text, first_lang, True)


def parse_text(value: Any) -> Text:
    if isinstance(value, Text):
        return value
    if isinstance(value, str):
        if not value.strip():
            raise ValueError("expected a non-empty text, found an empty string")
        return Text(plain=value)
    if isinstance(value, dict):
        if not value:
            raise ValueError("expected a text or a mapping language -> text, found an empty mapping")
        pairs = []
        for lang, text in value.items():
            if lang not in known_languages():
                raise ValueError(f"expected a language code (ISO 639-1) as key, found {lang!r}")
            if not isinstance(text, str) or not text.strip():
                raise ValueError(f"expected a non-empty text in language {lang!r}, found {text!r}")
            pairs.append((lang, text))
        return Text(by_language=tuple(pairs))
    raise ValueError(
        f"expected a text or a mapping language -> text, found {type(value).__name__} {value!r}"
    )


def _dump_text(text: Text) -> str | dict[str, str]:
    return text.plain if text.plain is not None else dict(text.by_language)


TEXT_SCHEMA = {
    "anyOf": [
        {"type": "string", "minLength": 1},
        {
            "type": "object",
            "propertyNames": {"pattern": "^[a-z]{2}$"},
            "additionalProperties": {"type": "string", "minLength": 1},
        },
    ],
    "description": "A text: the same in every language, or a mapping language -> text.",
}


def iter_texts(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Text]]:
    """Every translatable text inside a model, with its key path (as in the YAML file)."""
    if isinstance(value, Text):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from iter_texts(getattr(value, name), (*path, name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from iter_texts(item, (*path, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_texts(item, (*path, getattr(key, "value", key)))
