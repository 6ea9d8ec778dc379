"""UI labels of our own pages, from theme/locales/<lang>.yml.

A label missing in the page's language falls back to English, like Material's own
`lang.t(key) or fallback.t(key)`, and every fallback is remembered so the build can report it.

A label with a number in it is *counted*: its value is a mapping of the language's CLDR plural
categories to texts, `places: {one: "{count} place", other: "{count} places"}`. The category of
a number follows the language's rules (Babel), so Polish reads 1 miejsce, 2 miejsca, 5 miejsc,
and the number is written the language's way (1 000 in French).

Labels are set in their language's typography as they are read (languages/typography.py): a
translator types "Autre :" and the reader sees a no-break space before the colon.

A label may name a programme term by its id in theme/glossary.yml instead of writing it out, so
that a term is translated once: `{{term:learning_agreement}}` is the term as the glossary writes
it ("contrat pédagogique"), `{{Term:learning_agreement}}` with a capital, for a label that starts
with it ("Contrat pédagogique"). Only where the term stands in the glossary's form: an inflected
use (Finnish "oppimissopimuksen") is written out, and checked against the glossary's `forms`.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from babel import Locale
from babel.numbers import format_decimal

from ..load.yaml_source import SAFE_LOADER
from .typography import typeset
from .words import Glossary, resolve_terms

FALLBACK_LANGUAGE = "en"
OTHER = "other"  # the category every language has, and the one a missing category falls back to

Label = str | dict[str, str]
"""A label's text, or a counted label's texts by CLDR plural category."""


class Labels:
    def __init__(self, locales_dir: Path):
        self.locales_dir = locales_dir
        self._by_language: dict[str, dict[str, Label]] = {}  # read when first asked for
        self.missing: set[tuple[str, str]] = set()
        self.glossary = Glossary.read(locales_dir.parent / "glossary.yml")

    def of(self, lang: str) -> dict[str, Label]:
        """Every label of a language (empty if the theme has no file for it)."""
        if lang not in self._by_language:
            file = self.locales_dir / f"{lang}.yml"
            data = yaml.load(file.read_text(encoding="utf-8"), Loader=SAFE_LOADER) if file.is_file() else None
            self._by_language[lang] = {str(key): self._label(str(key), value, lang) for key, value in (data or {}).items()}
        return self._by_language[lang]

    def text(self, key: str, lang: str, count: float | None = None) -> str:
        """The label's text before its values are put in: for a counted label, the form that
        `count` takes in the language of the text (the page's, or English when it falls back)."""
        label, text_lang = self.of(lang).get(key), lang
        if label is None:
            self.missing.add((lang, key))
            label, text_lang = self.of(FALLBACK_LANGUAGE).get(key, key), FALLBACK_LANGUAGE
        if isinstance(label, str):
            return label
        category = plural_category(count, text_lang) if count is not None else OTHER
        return label.get(category) or label[OTHER]

    def get(self, key: str, lang: str, **values: object) -> str:
        """The label with its values put in; a `count` chooses a counted label's form and is
        written as the page's language writes numbers."""
        count = values.get("count")
        if isinstance(count, (int, float)) and not isinstance(count, bool):
            values["count"] = number(count, lang)
            text = self.text(key, lang, count)
        else:
            text = self.text(key, lang)
        return text.format(**values) if values else text


    def _label(self, key: str, value: object, lang: str) -> Label:
        """A label as read: its glossary terms put in, set in the language's typography (French
        no-break spaces). A term the glossary lacks in the language is shown in English and
        reported like a missing label."""
        def text(words: object) -> str:
            resolved, unknown = resolve_terms(str(words), lang, self.glossary)
            self.missing.update((lang, f"{key}: {{{{term:{term_id}}}}}") for term_id in unknown)
            return typeset(resolved, lang)

        if isinstance(value, dict):
            return {str(category): text(words) for category, words in value.items()}
        return text(value)


@lru_cache(maxsize=4096)
def plural_category(count: float, lang: str) -> str:
    """The CLDR plural category of a number in a language: 'one', 'few', 'many', 'other', ..."""
    return Locale.parse(lang).plural_form(count)


@lru_cache(maxsize=4096)
def number(count: float, lang: str) -> str:
    """A count as the language writes it: 1,000 in English, 1 000 in French (Babel)."""
    return format_decimal(count, locale=lang)


def plural_categories(lang: str) -> set[str]:
    """Every plural category of a language, 'other' included: en {one, other}, pl {one, few,
    many, other}, ga {one, two, few, many, other}."""
    return {*Locale.parse(lang).plural_form.tags, OTHER}
