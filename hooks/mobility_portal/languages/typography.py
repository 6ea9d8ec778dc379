"""Typography of each language, for the web pages and the printed documents alike: quotation
marks, the spaces French puts before : ; ? ! and inside « », and the colon after a label.

Babel (2.18) does not carry CLDR's delimiters (no `Locale.quotation_start`), so the quotation
marks of the portal's 29 languages are written here as CLDR gives them (main/<lang>/delimiters:
quotationStart, quotationEnd); tests/test_words.py holds them to the system's ICU data. French
sets them apart from the words with a narrow no-break space, and puts a no-break space before a
colon (and a narrow one before ; ? !); the other languages put none.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

NBSP, NNBSP = "\u00a0", "\u202f"

QUOTES = {
    "bg": ("„", "“"), "cs": ("„", "“"), "da": ("“", "”"), "de": ("„", "“"), "el": ("«", "»"),
    "en": ("“", "”"), "es": ("«", "»"), "et": ("„", "“"), "fi": ("”", "”"), "fr": ("«" + NNBSP, NNBSP + "»"),
    "ga": ("“", "”"), "hr": ("„", "“"), "hu": ("„", "”"), "it": ("«", "»"), "lt": ("„", "“"),
    "lv": ("“", "”"), "mt": ("“", "”"), "nl": ("‘", "’"), "pl": ("„", "”"), "pt": ("“", "”"),
    "ro": ("„", "”"), "sk": ("„", "“"), "sl": ("„", "“"), "sv": ("”", "”"), "is": ("„", "“"),
    "no": ("«", "»"), "nb": ("«", "»"), "tr": ("“", "”"), "mk": ("„", "“"), "sr": ("„", "“"),
}
COLON = {"fr": NBSP + ":"}  # what follows a label; every other language: ":"

# French: the space typed before a high punctuation mark, or inside « », becomes a no-break one.
_FRENCH = [
    (re.compile(r" +:"), NBSP + ":"),
    (re.compile(r" +([;?!])"), NNBSP + r"\1"),
    (re.compile(r"« +"), "«" + NNBSP),
    (re.compile(r" +»"), NNBSP + "»"),
]


def language(lang: str) -> str:
    return lang.split("-")[0].split("_")[0].lower()


def quoted(text: object, lang: str) -> Markup:
    """A quotation in the language's marks: “…” in English, „…“ in German, « … » in French."""
    start, end = QUOTES.get(language(lang), QUOTES["en"])
    return Markup(f"{start}{escape(text)}{end}")


def colon(lang: str) -> str:
    """The colon after a label, with the no-break space French puts before it."""
    return COLON.get(language(lang), ":")


def typeset(text: str, lang: str) -> str:
    """A label as the language sets it: in French, "Autre :" with a no-break space, "Merci !"
    with a narrow one, so that the mark never starts a line."""
    if language(lang) != "fr":
        return text
    for pattern, replacement in _FRENCH:
        text = pattern.sub(replacement, text)
    return text
