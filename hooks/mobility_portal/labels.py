"""UI labels of our own pages, from theme/locales/<lang>.yml.

A label missing in the page's language falls back to English, like Material's own
`lang.t(key) or fallback.t(key)`, and every fallback is remembered so the build can report it.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .yaml_source import SAFE_LOADER

FALLBACK_LANGUAGE = "en"


class Labels:
    def __init__(self, locales_dir: Path):
        self.by_language: dict[str, dict[str, str]] = {}
        for file in sorted(locales_dir.glob("*.yml")):
            data = yaml.load(file.read_text(encoding="utf-8"), Loader=SAFE_LOADER) or {}
            self.by_language[file.stem] = {str(key): str(value) for key, value in data.items()}
        self.missing: set[tuple[str, str]] = set()

    def get(self, key: str, lang: str, **values: object) -> str:
        text = self.by_language.get(lang, {}).get(key)
        if text is None:
            self.missing.add((lang, key))
            text = self.by_language.get(FALLBACK_LANGUAGE, {}).get(key, key)
        return text.format(**values) if values else text
