"""content/questionnaires.yml: the satisfaction questionnaires every project prints and reads
the survey exports against (load/surveys.py)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .fields import Id, Part
from .text import Text


class Question(Part):
    id: Id
    kind: Literal["scale", "choice", "text"]
    text: Text
    options: list[Text] = []


class Questionnaire(Part):
    title: Text
    intro: Text | None = None
    questions: list[Question] = Field(min_length=1)


class Questionnaires(Part):
    """content/questionnaires.yml: the satisfaction questionnaires every project prints."""

    scale: list[Text] = Field([], description="The five labels of the agreement scale, 1 to 5.")
    smallest_group: int = Field(
        5, ge=1, description="Anonymity of the printed questionnaires: a question on who answers (learner profile, "
                             "host company) is printed only when each of its answers is shared by at least this many people.")
    questionnaires: dict[str, Questionnaire] = {}
