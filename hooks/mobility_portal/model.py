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


def points_outside(path: str) -> bool:
    """An absolute path or one with '..': it names a file outside the project folder."""
    return path.startswith(("/", "\\")) or ".." in path.replace("\\", "/").split("/")


def _check_relative_file(value: str) -> str:
    if points_outside(value):
        raise ValueError(
            f"expected a path inside the project folder (like images/logo.svg), found {value!r}"
        )
    return value


Id = Annotated[str, _matching(r"[a-z0-9]+(?:-[a-z0-9]+)*", "an id of lower-case letters, digits and hyphens (like 'lycee-lyon')")]
LanguageCode = Annotated[str, AfterValidator(_check_language)]
CountryCode = Annotated[str, AfterValidator(_check_country)]
WebUrl = Annotated[str, _matching(r"https?://[^\s/$.?#][^\s]*", "a web address starting with https:// or http://")]
Email = Annotated[str, _matching(r"[^@\s]+@[^@\s]+\.[^@\s]+", "an e-mail address like name@school.eu")]
Phone = Annotated[str, _matching(r"\+?[0-9][0-9 ().-]*[0-9]", "a phone number like +33 4 72 00 00 00 or 112")]
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
        return _not_before(end, info, "start")


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


# ---------------------------------------------------------------- before: framework and outcomes


class CertificationFramework(Part):
    """The qualification the mobility counts toward, and how it counts."""

    qualification: Text
    eqf_level: int | None = Field(None, ge=1, le=8)
    nqf_level: str | None = None
    certifier: Id | None = Field(None, description="Id of the certifier partner.")
    reference: Text | None = Field(None, description="The reference document (référentiel), by name.")
    reference_url: WebUrl | None = None
    assessment: Text | None = Field(None, description="How the mobility is assessed.")
    validation: Text | None = Field(None, description="How the results are validated.")
    recognition: Text | None = Field(None, description="How they are recognised toward the qualification.")


class LearningOutcomeUnit(Part):
    """A unit of learning outcomes (ECVET sense): what the learner knows and can do."""

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
    age_range: str | None = Field(None, description="e.g. 16-19")
    number: int | None = Field(None, ge=1)
    prerequisites: list[Text] = []
    language_level: str | None = Field(None, description="CEFR level, e.g. A2")


# ---------------------------------------------------------------- before: informing each audience


class Audience(str, Enum):
    LEARNERS = "learners"
    SENDING_COMPANIES = "sending_companies"
    HOST_PARTNER = "host_partner"
    HOST_COMPANIES = "host_companies"
    FUNDERS_AND_PUBLIC = "funders_and_public"


class CommunicationAction(Part):
    """One action of the communication plan: how, when, where, by whom."""

    channel: Text = Field(description="How: an information meeting, a letter, a visit...")
    date: dt.date | None = None
    when: Text | None = Field(None, description="When, in words, if there is no single date.")
    where: Text | None = None
    by: Text | None = None


class AudiencePlan(Part):
    """What one audience is told: the communication plan for it."""

    key_message: Text
    objectives: list[Text] = Field([], description="The objectives as they concern this audience.")
    expected: list[Text] = Field([], description="What is expected of them.")
    support: list[Text] = Field([], description="The support they can count on.")
    added_value: list[Text] = []
    communication: list[CommunicationAction] = []


# ---------------------------------------------------------------- before: call and selection


class StandardDocument(str, Enum):
    """Documents the guide asks every candidate for; their names come from theme/locales."""

    CV = "cv"
    COVER_LETTER = "cover_letter"
    EMPLOYER_AUTHORISATION = "employer_authorisation"
    INSURANCE = "insurance"
    IDENTITY_DOCUMENT = "identity_document"


class SelectionCriterion(Part):
    criterion: Text
    weight: int = Field(ge=1, le=100, description="Weight in percent; the weights add up to 100.")


class Application(Part):
    online: WebUrl | None = Field(None, description="The online application form.")
    form: ProjectFile | None = Field(None, description="A form to download, e.g. files/application.pdf.")
    how_to_apply: Text | None = None


class Call(Part):
    opens: dt.date
    closes: dt.date
    selection_date: dt.date | None = None
    results_date: dt.date | None = None
    eligibility: list[Text] = []
    criteria: list[SelectionCriterion] = []
    application: Application | None = None
    required_documents: list[StandardDocument] = list(StandardDocument)
    other_documents: list[Text] = []
    informing_the_selected: Text | None = Field(
        None, description="How and when the selected learners and their sending companies are told."
    )

    @field_validator("closes")
    @classmethod
    def _closes_after_opening(cls, closes: dt.date, info: ValidationInfo) -> dt.date:
        return _not_before(closes, info, "opens")

    @field_validator("criteria")
    @classmethod
    def _weights_add_up(cls, criteria: list[SelectionCriterion]) -> list[SelectionCriterion]:
        total = sum(criterion.weight for criterion in criteria)
        if criteria and total != 100:
            raise ValueError(f"expected weights adding up to 100, found {total}")
        return criteria


# ---------------------------------------------------------------- before: contract and people


class ContractUnits(Part):
    """The units a learner of one profile works on at one host company (or at any)."""

    profile: Id
    host_company: Id | None = None
    units: list[Id] = Field(min_length=1)


class Signature(Part):
    by: Text
    date: dt.date | None = None
    when: Text | None = None


class PedagogicalContract(Part):
    """The learning agreement between the learner and the sending and host organisations."""

    parties: list[Id] = Field([], description="Ids of the partners that sign; the learner always does.")
    units: list[ContractUnits] = []
    evaluation: Text | None = Field(None, description="What is evaluated.")
    methods: list[Text] = []
    tools: list[Text] = []
    signatures: list[Signature] = []


class AccompanyingPerson(Part):
    id: Id
    function: Text
    role: Text = Field(description="The role agreed between the partners.")
    name: str | None = None
    period: Id | None = Field(None, description="Id of the mobility period they accompany.")


class Tutor(Part):
    """The host company's contact for the learner. A name is published only with consent."""

    role: Text
    name: str | None = None
    consent: bool = Field(False, validate_default=True, description="The tutor agreed to have their name published.")

    @field_validator("consent")
    @classmethod
    def _name_only_with_consent(cls, consent: bool, info: ValidationInfo) -> bool:
        name = info.data.get("name")
        if name and not consent:
            raise ValueError(f"expected consent: true before the tutor's name {name!r} is published, found no consent")
        return consent


class HostCompany(Part):
    id: Id
    name: Text
    city: str
    sector: Text | None = None
    website: WebUrl | None = None
    description: Text | None = None
    tasks: list[Text] = []
    techniques: list[Text] = Field([], description="Gestures and techniques the learner practises.")
    products: list[Text] = []
    working_conditions: Text | None = None
    hours: Text | None = None
    pace: Text | None = None
    tutor: Tutor | None = None
    evaluation_role: Text | None = Field(None, description="The company's role in the evaluation.")
    units: list[Id] = []
    profiles: list[Id] = []
    places: int | None = Field(None, ge=1)


# ---------------------------------------------------------------- before: preparing the participants


class EmergencyNumber(Part):
    label: Text
    number: Phone


class Practical(Part):
    travel: Text | None = None
    local_transport: Text | None = None
    accommodation: Text | None = None
    meals: Text | None = None
    insurance: Text | None = None
    ehic: Text | None = Field(None, description="The European Health Insurance Card.")
    money: Text | None = None
    grant: Text | None = None
    what_to_bring: list[Text] = []
    health_and_safety: Text | None = None
    emergency_numbers: list[EmergencyNumber] = []


class PreparationSession(Part):
    what: Text
    date: dt.date | None = None
    when: Text | None = None
    where: Text | None = None
    by: Text | None = None


class Preparation(Part):
    linguistic: Text | None = None
    cultural: Text | None = None
    working_culture: Text | None = Field(None, description="Working hours and pace of work in the host country.")
    sessions: list[PreparationSession] = []


class Funder(Part):
    name: Text
    contribution: Text | None = None
    website: WebUrl | None = None


class ProgrammeItem(Part):
    """A day or a week of the stay."""

    when: Text = Field(description="e.g. 'Week 1' or 'Monday 8 March'.")
    date: dt.date | None = None
    what: Text


# ---------------------------------------------------------------- during


class FollowUp(Part):
    who: Text = Field(description="Who checks the working and training conditions.")
    how_often: Text
    how: Text | None = None


class Mediation(Part):
    contact: Text = Field(description="Whom to call.")
    procedure: list[Text] = []


class During(Part):
    reception: Text | None = Field(None, description="Reception and installation of the learners.")
    follow_up: FollowUp | None = None
    mediation: Mediation | None = None
    assessment_plan: Text | None = Field(None, description="The in-company assessment plan.")
    europass_mobility: Text | None = None
    certificate_of_attendance: Text | None = None
    contract_complement: Text | None = None
    debriefing: Text | None = Field(None, description="Debriefing with learners and companies.")


# ---------------------------------------------------------------- after: results and dissemination
# Aggregates only: no learner is named here. Names, faces and quotes need a consent flag.


class ProfileParticipation(Part):
    profile: Id
    planned: int = Field(ge=0)
    took_part: int = Field(ge=0)


class UnitResult(Part):
    unit: Id
    assessed: int = Field(ge=0)
    validated: int = Field(ge=0)

    @field_validator("validated")
    @classmethod
    def _not_more_than_assessed(cls, validated: int, info: ValidationInfo) -> int:
        assessed = info.data.get("assessed")
        if assessed is not None and validated > assessed:
            raise ValueError(f"expected at most the number assessed ({assessed}), found {validated}")
        return validated


class Transmission(Part):
    """The results sent to the sending organisation or the certifier."""

    to: Id = Field(description="Id of the partner receiving the results.")
    date: dt.date | None = None
    status: Literal["planned", "sent", "validated"] = "planned"
    note: Text | None = None


class Results(Part):
    summary: Text | None = None
    participants: list[ProfileParticipation] = []
    units: list[UnitResult] = []
    certificates_of_attendance: int | None = Field(None, ge=0)
    europass_mobility: int | None = Field(None, ge=0)
    transmissions: list[Transmission] = []


class SurveyRespondents(str, Enum):
    LEARNERS = "learners"
    HOST_COMPANIES = "host_companies"
    SENDING_COMPANIES = "sending_companies"


class Survey(Part):
    """A survey export (CSV) in the project's surveys/ folder. Only aggregates are published."""

    file: ProjectFile = Field(description="e.g. surveys/learners.csv")
    respondents: SurveyRespondents
    columns: dict[str, Id] = Field(
        min_length=1, description="Column header in the export -> question id of content/questionnaires.yml."
    )
    values: dict[str, int] = Field({}, description="Extra answer texts -> 1..5, e.g. {A1: 1, A5: 5}.")


class Quote(Part):
    """A testimonial, for instance a free answer the coordinator chose from a survey."""

    text: Text
    by: Text = Field(description="Who said it, without a name unless consent: e.g. 'a learner, 17'.")
    name: str | None = None
    consent: bool = Field(False, validate_default=True, description="The person agreed to publication.")

    @field_validator("consent")
    @classmethod
    def _consented(cls, consent: bool, info: ValidationInfo) -> bool:
        if not consent:
            raise ValueError("expected consent: true before a quote is published, found no consent")
        return consent


class Photo(Part):
    file: ProjectFile
    alt: Text = Field(description="What the picture shows, for people who cannot see it.")
    caption: Text | None = None
    faces: bool = Field(False, description="People can be recognised on it.")
    consent: bool = Field(False, validate_default=True, description="Everyone recognisable agreed.")

    @field_validator("consent")
    @classmethod
    def _faces_need_consent(cls, consent: bool, info: ValidationInfo) -> bool:
        if info.data.get("faces") and not consent:
            raise ValueError("expected consent: true for a photo with faces, found no consent")
        return consent


class DisseminationActivity(Part):
    date: dt.date
    kind: Literal["event", "press", "social_media", "website", "other"] = "other"
    title: Text
    where: Text | None = None
    link: WebUrl | None = None


class Dissemination(Part):
    key_results: list[Text] = []
    impact: list[Text] = []
    testimonials: list[Quote] = []
    gallery: list[Photo] = []
    thanks: Text | None = Field(None, description="A word of thanks to the sending and host companies.")
    lessons_learned: list[Text] = []
    corrective_measures: list[Text] = []
    activities: list[DisseminationActivity] = []


# ---------------------------------------------------------------- all along: timeline and news


class StepStatus(str, Enum):
    TODO = "todo"
    DOING = "doing"
    DONE = "done"
    NOT_APPLICABLE = "not_applicable"


class Phase(str, Enum):
    BEFORE = "before"
    DURING = "during"
    AFTER = "after"


class TimelineEntry(Part):
    """A step of the guide's checklist (content/timeline.yml) dated and marked by the project,
    or a step of the project's own (it then has a title and a phase)."""

    step: Id
    title: Text | None = Field(None, description="Only for a step of the project's own.")
    phase: Phase | None = Field(None, description="Only for a step of the project's own.")
    audiences: list[Audience] | None = Field(None, description="Who is concerned; default from the checklist.")
    date: dt.date | None = None
    end: dt.date | None = None
    owner: Text | None = None
    status: StepStatus = StepStatus.TODO
    note: Text | None = None

    @field_validator("end")
    @classmethod
    def _end_not_before_date(cls, end: dt.date | None, info: ValidationInfo) -> dt.date | None:
        return _not_before(end, info, "date")


class NewsKind(str, Enum):
    CALL_OPENED = "call_opened"
    SELECTION_RESULTS = "selection_results"
    DEPARTURE = "departure"
    DURING_THE_STAY = "during_the_stay"
    RETURN = "return"
    OTHER = "other"


class NewsPost(Part):
    date: dt.date
    kind: NewsKind = NewsKind.OTHER
    title: Text
    body: Text


def _not_before(later: dt.date | None, info: ValidationInfo, earlier_key: str) -> dt.date | None:
    earlier = info.data.get(earlier_key)
    if later and earlier and later < earlier:
        raise ValueError(f"expected a date on or after {earlier_key} ({earlier.isoformat()}), found {later.isoformat()}")
    return later


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

    # before: framework, outcomes, audiences, call, contract, companies, preparation
    certification: CertificationFramework | None = None
    learning_outcomes: list[LearningOutcomeUnit] = []
    learner_profiles: list[LearnerProfile] = []
    audiences: dict[Audience, AudiencePlan] = {}
    call: Call | None = None
    pedagogical_contract: PedagogicalContract | None = None
    accompanying_persons: list[AccompanyingPerson] = []
    host_companies: list[HostCompany] = []
    practical: Practical | None = None
    preparation: Preparation | None = None
    funders: list[Funder] = []
    stay_programme: list[ProgrammeItem] = []
    # during, after, all along
    during: During | None = None
    results: Results | None = None
    surveys: list[Survey] = []
    dissemination: Dissemination | None = None
    timeline: list[TimelineEntry] = []
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
    surveys: tuple = ()  # SurveyResult aggregates of the project's survey exports (surveys.py)
