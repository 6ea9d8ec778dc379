"""content/timeline.yml: the guide's steps, the default checklist every project's timeline
merges with (render/timeline.py).

Not every step fits every project: a school-based programme has no sending companies (the
apprentices' employers), some projects have no host partner. A step says what it `needs` to be
there at all, and how its title reads `without` a feature the project lacks, so that no project
lists by hand the steps that do not apply to it.
"""

from __future__ import annotations

from typing import Literal

from .fields import Id, Part
from .project import Audience, Phase, Project
from .text import Text

Feature = Literal["sending_companies", "host_partner", "call", "required_documents"]


class ChecklistStep(Part):
    id: Id
    phase: Phase
    audiences: list[Audience] = []
    title: Text  # may hold {documents}: the documents the project's calls require, as a list
    needs: list[Feature] = []
    without: dict[Feature, Text] = {}


class Checklist(Part):
    steps: list[ChecklistStep] = []

    @property
    def step_ids(self) -> list[str]:
        return [step.id for step in self.steps]


def features(project: Project) -> set[str]:
    """What of the features a step may need the project has."""
    found = set()
    if project.has_sending_companies:
        found.add("sending_companies")
    if project.has_host_partner:
        found.add("host_partner")
    if project.all_calls:
        found.add("call")
    if any(call.required_documents or call.other_documents for call in project.all_calls):
        found.add("required_documents")
    return found
