"""Language and country codes, and their names in a reader's language (Babel's CLDR data)."""

from __future__ import annotations

from functools import cache

from babel import Locale
from babel.localedata import locale_identifiers


@cache
def known_languages() -> frozenset[str]:
    """Two-letter ISO 639-1 codes that CLDR knows: the codes a project may offer."""
    return frozenset(code for code in locale_identifiers() if len(code) == 2)


@cache
def known_countries() -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes (upper case), without CLDR's numeric regions like 150."""
    return frozenset(code for code in Locale("en").territories if isinstance(code, str) and len(code) == 2 and code.isalpha())


@cache
def language_name(code: str, in_language: str) -> str:
    """'fr' in 'de' -> 'Französisch', in 'es' -> 'francés': as written inside a sentence."""
    return Locale.parse(in_language).languages.get(code, code)


@cache
def own_language_name(code: str) -> str:
    """'fr' -> 'Français': how a language calls itself, capitalised as a list item."""
    name = language_name(code, code)
    return name[:1].upper() + name[1:]


@cache
def country_name(code: str, in_language: str) -> str:
    return Locale.parse(in_language).territories.get(code, code)



def code_hint(found: object, kind: str) -> str:
    """'Spain' -> "did you mean 'ES'?", 'français' -> "did you mean 'fr'?": a name written where a
    code belongs is the commonest slip; names are matched in English and in the language itself."""
    if not isinstance(found, str):
        return ""
    wanted = found.strip().casefold()
    if kind == "country":
        for code in sorted(known_countries()):
            if wanted in (code.casefold(), country_name(code, "en").casefold()):
                return f"did you mean {code!r}?"
    else:
        for code in sorted(known_languages()):
            if wanted in (code, language_name(code, "en").casefold(), language_name(code, code).casefold()):
                return f"did you mean {code!r}?"
    return ""
