"""How much of each project is translated, per language: translated, fallback, missing."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import describe_path
from ..model.project import LoadedProject
from ..model.text import iter_texts


@dataclass
class LanguageCoverage:
    lang: str
    offered: bool
    translated: int = 0  # texts in this language (plain strings count: they are the same in all)
    fallback: int = 0  # texts shown in the main language because the project does not offer it
    missing: list[str] = field(default_factory=list)  # key paths: offered, but this text lacks it

    def line(self) -> str:
        total = self.translated + self.fallback + len(self.missing)
        state = "offered" if self.offered else "not offered"
        text = (f"{self.lang} ({state}): {self.translated}/{total} translated, "
                f"{self.fallback} fallback, {len(self.missing)} missing")
        return text + (": " + ", ".join(self.missing) if self.missing else "")


def coverage(loaded: LoadedProject, languages: list[str]) -> list[LanguageCoverage]:
    project = loaded.project
    data = None  # the project as data, for the key paths of missing texts ([id=...]) only
    texts = list(iter_texts(project))
    report = []
    for lang in languages:
        row = LanguageCoverage(lang, lang in project.languages)
        for path, text in texts:
            if text.has(lang):
                row.translated += 1
            elif row.offered:
                if data is None:
                    data = project.model_dump(mode="json")
                row.missing.append(describe_path(path, data))
            else:
                row.fallback += 1
        report.append(row)
    return report
