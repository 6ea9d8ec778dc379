"""content/timeline.yml: the guide's steps, the default checklist every project's timeline
merges with (render/timeline.py)."""

from __future__ import annotations

from .fields import Id, Part
from .project import Audience, Phase
from .text import Text


class ChecklistStep(Part):
    id: Id
    phase: Phase
    audiences: list[Audience] = []
    title: Text


class Checklist(Part):
    steps: list[ChecklistStep] = []

    @property
    def step_ids(self) -> list[str]:
        return [step.id for step in self.steps]
