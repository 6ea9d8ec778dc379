"""Typography of the printed documents in each language: the same as the web pages'
(languages/typography.py). Hyphenation is the print CSS's (`hyphens: auto` with each element's `lang`)."""

from __future__ import annotations

from ..languages.typography import COLON, QUOTES, colon, language, quoted, typeset

__all__ = ["COLON", "QUOTES", "colon", "language", "quoted", "typeset"]
