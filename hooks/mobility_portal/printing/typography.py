"""Typography of the printed documents in each language: quotation marks and the space before a
colon. Hyphenation is the print CSS's (`hyphens: auto` with each element's `lang`).

Babel does not carry CLDR's delimiters, so the quotation marks of the portal's 29 languages are
written here as CLDR 44 gives them (main/<lang>/delimiters: quotationStart, quotationEnd). French
sets them apart from the words with a narrow no-break space, and puts a no-break space before a
colon; the other languages put none.
"""

from __future__ import annotations

from markupsafe import Markup, escape

QUOTES = {
    "bg": ("„", "“"), "cs": ("„", "“"), "da": ("“", "”"), "de": ("„", "“"), "el": ("«", "»"),
    "en": ("“", "”"), "es": ("«", "»"), "et": ("„", "“"), "fi": ("”", "”"), "fr": ("«\u202f", "\u202f»"),
    "ga": ("“", "”"), "hr": ("„", "“"), "hu": ("„", "”"), "it": ("«", "»"), "lt": ("„", "“"),
    "lv": ("“", "”"), "mt": ("“", "”"), "nl": ("‘", "’"), "pl": ("„", "”"), "pt": ("“", "”"),
    "ro": ("„", "”"), "sk": ("„", "“"), "sl": ("„", "“"), "sv": ("”", "”"), "is": ("„", "“"),
    "no": ("«", "»"), "nb": ("«", "»"), "tr": ("“", "”"), "mk": ("„", "“"), "sr": ("„", "“"),
}
COLON = {"fr": "\u00a0:"}  # what follows a label; every other language: ":"


def language(lang: str) -> str:
    return lang.split("-")[0].split("_")[0].lower()


def quoted(text: object, lang: str) -> Markup:
    """A quotation in the language's marks: “…” in English, „…“ in German, « … » in French."""
    start, end = QUOTES.get(language(lang), QUOTES["en"])
    return Markup(f"{start}{escape(text)}{end}")


def colon(lang: str) -> str:
    """The colon after a label, with the no-break space French puts before it."""
    return COLON.get(language(lang), ":")
