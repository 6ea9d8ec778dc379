"""Dates and numbers as each language writes them (Babel's CLDR data), and text made safe for
print CSS. Cached: the same dates come back on many pages, and Babel is costly next to a page."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from babel.dates import format_date, format_interval
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent
from markupsafe import Markup


# The same dates come back on many pages (a step is on the timeline and on its audiences' pages),
# and Babel's formatting is costly next to a page's rendering.
@lru_cache(maxsize=4096)
def long_date(day: dt.date, lang: str) -> str:
    return format_date(day, format="long", locale=lang)


@lru_cache(maxsize=4096)
def date_interval(start: dt.date, end: dt.date, lang: str) -> str:
    return format_interval(start, end, skeleton="yMMMd", locale=lang)


@lru_cache(maxsize=4096)
def decimal(value: float, pattern: str, lang: str) -> str:
    """A number in the language's way ("3,5" in French), after a Babel number pattern."""
    return format_decimal(value, format=pattern, locale=lang)


def css_string(value: object) -> Markup:
    """A quoted CSS string (for content: in print CSS); '<' is escaped so text cannot end <style>."""
    text = value.unescape() if isinstance(value, Markup) else str(value)
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ").replace("<", "\\3C ")
    return Markup(f'"{text}"')


@lru_cache(maxsize=1024)
def percent(value: float, lang: str) -> str:
    """A percentage as the language writes it: 30% in English, 30 % in French (non-breaking)."""
    return format_percent(value / 100, locale=lang)


def listing(items: list[str], lang: str) -> str:
    """'a, b and c' as the language writes it (CLDR list patterns)."""
    return format_list(items, locale=lang) if items else ""
