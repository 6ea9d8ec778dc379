"""UI labels of our own pages, from theme/locales/<lang>.yml.

A label missing in the page's language falls back to English, like Material's own
`lang.t(key) or fallback.t(key)`, and every fallback is remembered so the build can report it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ..load.yaml_source import SAFE_LOADER

FALLBACK_LANGUAGE = "en"


class Labels:
    def __init__(self, locales_dir: Path):
        self.locales_dir = locales_dir
        self._by_language: dict[str, dict[str, str]] = {}  # read when first asked for
        self.missing: set[tuple[str, str]] = set()

    def of(self, lang: str) -> dict[str, str]:
        """Every label of a language (empty if the theme has no file for it)."""
        if lang not in self._by_language:
            file = self.locales_dir / f"{lang}.yml"
            data = yaml.load(file.read_text(encoding="utf-8"), Loader=SAFE_LOADER) if file.is_file() else None
            self._by_language[lang] = {str(key): str(value) for key, value in (data or {}).items()}
        return self._by_language[lang]

    def get(self, key: str, lang: str, **values: object) -> str:
        text = self.of(lang).get(key)
        if text is None:
            self.missing.add((lang, key))
            text = self.of(FALLBACK_LANGUAGE).get(key, key)
        return text.format(**values) if values else text
