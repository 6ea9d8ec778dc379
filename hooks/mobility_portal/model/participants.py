"""The model of projects/<slug>/private/participants.yml: the learners' personal data, read
only by the leak guard and by `mobility-portal private` (privacy/)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Literal

from pydantic import Field

from .fields import Email, Id, LanguageCode, Part


class Participant(Part):
    id: Id | None = Field(None, description="A short id for the folder of their documents; default: from the name.")
    name: str
    date_of_birth: dt.date | None = None
    email: Email | None = None
    language: LanguageCode | None = Field(None, description="The language of their documents; default: the project's main language.")
    profile: Id | None = None
    host_company: Id | None = None
    tutor: str | None = Field(None, description="Their tutor at the host company, named in their own documents only.")
    start: dt.date | None = None
    end: dt.date | None = None
    results: dict[Id, Literal["validated", "not_validated", "not_assessed"]] = {}
    consents: list[Literal["name", "photo", "quote"]] = Field([], description="What they agreed to be published.")

    @property
    def key(self) -> str:
        """The name of the folder of their documents: the id, or the name in plain letters."""
        if self.id:
            return self.id
        ascii_name = unicodedata.normalize("NFKD", self.name).encode("ascii", "ignore").decode()
        return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "participant"


class Participants(Part):
    participants: list[Participant] = []
