"""The typed model of projects/<slug>/project.yml.

Each section of the model table in DESIGN.md is a typed part here. Identity and partners are
complete; the other sections are a first typed skeleton (optional) that later work fills in.
Field names are the coordinator's words, the same in YAML, Python, templates and URLs.
Checks that need the whole project (ids, references) live in references.py.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import Enum
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from .languages import known_countries, known_languages
from .text import TranslatableText

# ---------------------------------------------------------------- shared field types


def _check_language(value: str) -> str:
    if value not in known_languages():
        raise ValueError(f"expected a language code (ISO 639-1, like 'fr'), found {value!r}")
    return value


def _check_country(value: str) -> str:
    if value not in known_countries():
        raise ValueError(f"expected a country code (ISO 3166-1, like 'ES'), found {value!r}")
    return value


def _matching(pattern: str, expected: str):
    """A validator that accepts a whole string matching `pattern`, else says what it expected."""

    def check(value: str) -> str:
        if not re.fullmatch(pattern, value):
            raise ValueError(f"expected {expected}, found {value!r}")
        return value

    return AfterValidator(check)


def _check_relative_file(value: str) -> str:
    if value.startswith(("/", "\\")) or ".." in value.replace("\\", "/").split("/"):
        raise ValueError(
            f"expected a path inside the project folder (like images/logo.svg), found {value!r}"
        )
    return value


Id = Annotated[str, _matching(r"[a-z0-9]+(?:-[a-z0-9]+)*", "an id of lower-case letters, digits and hyphens (like 'lycee-lyon')")]
LanguageCode = Annotated[str, AfterValidator(_check_language)]
CountryCode = Annotated[str, AfterValidator(_check_country)]
WebUrl = Annotated[str, _matching(r"https?://[^\s/$.?#][^\s]*", "a web address starting with https:// or http://")]
Email = Annotated[str, _matching(r"[^@\s]+@[^@\s]+\.[^@\s]+", "an e-mail address like name@school.eu")]
Phone = Annotated[str, _matching(r"\+?[0-9][0-9 ().-]{4,}", "a phone number like +33 4 72 00 00 00")]
ProjectFile = Annotated[str, AfterValidator(_check_relative_file)]
Text = TranslatableText


class Part(BaseModel):
    """Every part of project.yml: unknown keys are errors (they are almost always typos)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Status(str, Enum):
    UPCOMING = "upcoming"
    ONGOING = "ongoing"
    COMPLETED = "completed"


# ---------------------------------------------------------------- identity


class GrantingAgency(Part):
    """Who signed the grant: EACEA or the national agency of the sending country."""

    name: Text = Field(description="Full name, as the EU disclaimer must name it.")
    kind: Literal["national_agency", "eacea"] = "national_agency"
    country: CountryCode | None = None
    website: WebUrl | None = None


class MobilityPeriod(Part):
    id: Id
    label: Text | None = None
    start: dt.date
    end: dt.date
    host: Id | None = Field(None, description="Id of the host or intermediary partner.")
    learners: int | None = Field(None, ge=1, description="Planned number of learners.")

    @field_validator("end")
    @classmethod
    def _end_not_before_start(cls, end: dt.date, info: ValidationInfo) -> dt.date:
        start = info.data.get("start")
        if start and end < start:
            raise ValueError(f"expected a date on or after start ({start.isoformat()}), found {end.isoformat()}")
        return end


# ---------------------------------------------------------------- partners


class ContactRole(str, Enum):
    MENTOR = "mentor"
    ADMINISTRATIVE = "administrative"
    EMERGENCY = "emergency"


class Contact(Part):
    role: ContactRole
    name: str | None = Field(None, description="A person's name, or omit for a role address.")
    function: Text | None = None
    email: Email | None = None
    phone: Phone | None = None
    hours: Text | None = Field(None, description="When to call, e.g. '24/7' or 'weekdays 8-17'.")


class PartnerRole(str, Enum):
    SENDING = "sending"
    HOST = "host"
    INTERMEDIARY = "intermediary"
    SENDING_COMPANY = "sending_company"
    CERTIFIER = "certifier"


class Partner(Part):
    id: Id
    role: PartnerRole
    name: Text
    country: CountryCode
    city: str
    website: WebUrl | None = None
    logo: ProjectFile | None = None
    description: Text | None = None
    contacts: list[Contact] = []


# ---------------------------------------------------------------- before, during, after (skeleton)


class CertificationFramework(Part):
    qualification: Text
    eqf_level: int | None = Field(None, ge=1, le=8)
    nqf_level: str | None = None
    certifier: Id | None = Field(None, description="Id of the certifier partner.")
    reference: Text | None = None
    assessment: Text | None = None
    validation: Text | None = None
    recognition: Text | None = None


class LearningOutcomeUnit(Part):
    id: Id
    title: Text
    knowledge: list[Text] = []
    skills: list[Text] = []
    responsibility_and_autonomy: list[Text] = []
    assessment_method: Text | None = None
    assessment_tools: list[Text] = []
    evidence: list[Text] = []
    assessed_by: Text | None = None


class LearnerProfile(Part):
    id: Id
    programme: Text
    level: Text | None = None
    age_range: str | None = None
    number: int | None = Field(None, ge=1)
    prerequisites: list[Text] = []
    language_level: str | None = None


class Audience(str, Enum):
    LEARNERS = "learners"
    SENDING_COMPANIES = "sending_companies"
    HOST_PARTNER = "host_partner"
    HOST_COMPANIES = "host_companies"
    FUNDERS_AND_PUBLIC = "funders_and_public"


class CommunicationAction(Part):
    channel: Text
    date: dt.date | None = None
    when: Text | None = None
    where: Text | None = None
    by: Text | None = None


class AudiencePlan(Part):
    key_message: Text
    expected: list[Text] = []
    support: list[Text] = []
    added_value: list[Text] = []
    actions: list[CommunicationAction] = []


class Call(Part):
    opens: dt.date | None = None
    closes: dt.date | None = None
    eligibility: list[Text] = []
    application_url: WebUrl | None = None
    required_documents: list[Text] = []


class PedagogicalContract(Part):
    parties: list[Id] = []
    signatures: Text | None = None


class AccompanyingPerson(Part):
    id: Id
    function: Text
    role: Text
    name: str | None = None


class HostCompany(Part):
    id: Id
    name: Text
    city: str
    sector: Text | None = None
    website: WebUrl | None = None
    description: Text | None = None
    units: list[Id] = []
    profiles: list[Id] = []
    places: int | None = Field(None, ge=1)


class Practical(Part):
    travel: Text | None = None
    local_transport: Text | None = None
    accommodation: Text | None = None
    meals: Text | None = None
    insurance: Text | None = None
    money: Text | None = None
    what_to_bring: list[Text] = []
    health_and_safety: Text | None = None


class Preparation(Part):
    linguistic: Text | None = None
    cultural: Text | None = None
    working_culture: Text | None = None


class ProgrammeDay(Part):
    when: Text
    what: Text


class FollowUp(Part):
    who: Text | None = None
    how_often: Text | None = None
    mediation: Text | None = None


class Evaluation(Part):
    in_company_assessment: Text | None = None
    europass_mobility: bool = False
    certificate_of_attendance: bool = True


class Results(Part):
    participants: int | None = Field(None, ge=0)
    units_validated: int | None = Field(None, ge=0)
    summary: Text | None = None


class TimelineStep(Part):
    id: Id
    date: dt.date | None = None
    owner: Text | None = None
    status: Literal["todo", "doing", "done", "not_applicable"] = "todo"


class NewsPost(Part):
    date: dt.date
    title: Text
    body: Text


# ---------------------------------------------------------------- the project


class Project(Part):
    """One mobility project: projects/<slug>/project.yml."""

    # identity
    title: Text
    summary: Text
    objectives: list[Text] = Field(min_length=1)
    programme: str = Field("Erasmus+", description="Funding programme, e.g. Erasmus+.")
    action: str = Field(description="Key action and field, e.g. KA121-VET.")
    project_code: str = Field(description="The grant agreement number.")
    granting_agency: GrantingAgency
    sector: Text
    languages: list[LanguageCode] = Field(min_length=1, description="Main language first.")
    mobility_periods: list[MobilityPeriod] = Field(min_length=1)
    partners: list[Partner] = Field(min_length=1)

    # before, during, after: later work fills these in
    certification: CertificationFramework | None = None
    learning_outcomes: list[LearningOutcomeUnit] = []
    learner_profiles: list[LearnerProfile] = []
    communication: dict[Audience, AudiencePlan] = {}
    call: Call | None = None
    pedagogical_contract: PedagogicalContract | None = None
    accompanying_persons: list[AccompanyingPerson] = []
    host_companies: list[HostCompany] = []
    practical: Practical | None = None
    preparation: Preparation | None = None
    stay_programme: list[ProgrammeDay] = []
    follow_up: FollowUp | None = None
    evaluation: Evaluation | None = None
    results: Results | None = None
    timeline: list[TimelineStep] = []
    news: list[NewsPost] = []

    @property
    def main_language(self) -> str:
        return self.languages[0]

    @property
    def start(self) -> dt.date:
        return min(period.start for period in self.mobility_periods)

    @property
    def end(self) -> dt.date:
        return max(period.end for period in self.mobility_periods)

    @property
    def countries(self) -> list[str]:
        """Countries of the partners, sending side first, each once."""
        seen: dict[str, None] = {}
        for partner in sorted(self.partners, key=lambda p: p.role != PartnerRole.SENDING):
            seen.setdefault(partner.country)
        return list(seen)

    def status(self, today: dt.date) -> Status:
        if today < self.start:
            return Status.UPCOMING
        if today > self.end:
            return Status.COMPLETED
        return Status.ONGOING

    def partners_by_role(self) -> dict[PartnerRole, list[Partner]]:
        """Partners grouped in the order of PartnerRole, empty roles left out."""
        groups = {role: [p for p in self.partners if p.role == role] for role in PartnerRole}
        return {role: partners for role, partners in groups.items() if partners}


class LoadedProject(BaseModel):
    """A validated project with where it came from."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    slug: str
    folder: str
    project: Project
