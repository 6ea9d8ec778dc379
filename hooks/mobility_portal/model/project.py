"""The typed model of projects/<slug>/project.yml.

Each section of the model table in DESIGN.md is a typed part here. Identity and partners are
complete; the other sections are a first typed skeleton (optional) that later work fills in.
Field names are the coordinator's words, the same in YAML, Python, templates and URLs.
Checks that need the whole project (ids, references) live in load/references.py.

Every field has a description and an example, written for the coordinator: they become the
JSON Schema (authoring/schema.py) that an editor shows while project.yml is being typed.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

from .fields import CountryCode, Email, Id, LanguageCode, Part, Phone, ProjectFile, WebUrl
from .text import Text

"""An id, and a project's folder name: it becomes part of web addresses."""




class Status(str, Enum):
    UPCOMING = "upcoming"
    ONGOING = "ongoing"
    COMPLETED = "completed"


class GrantingAgency(Part):
    """Who signed the grant: EACEA or the national agency of the sending country."""

    name: Text = Field(
        description="Full name, as the EU disclaimer must name it.",
        examples=["Agence Erasmus+ France / Education Formation"])
    kind: Literal["national_agency", "eacea"] = Field(
        "national_agency", description="national_agency (most projects) or eacea (the EU's executive agency).",
        examples=["national_agency"])
    country: CountryCode | None = Field(
        None, description="Country of a national agency, as a code (ISO 3166-1, like FR).", examples=["FR"])
    website: WebUrl | None = Field(
        None, description="The agency's website, starting with https://.", examples=["https://agence.erasmusplus.fr"])


class MobilityPeriod(Part):
    id: Id = Field(
        description="A short id of your choice (lower-case letters, digits, hyphens) to refer to this period.",
        examples=["valencia-2027"])
    label: Text | None = Field(
        None, description="A name for the period, shown when a project has several.",
        examples=[{"en": "Restaurant placement in Valencia, March 2027",
                   "fr": "Stage en restaurant à Valencia, mars 2027"}])
    start: dt.date = Field(description="First day abroad: ISO date, YYYY-MM-DD.", examples=["2027-03-08"])
    end: dt.date = Field(description="Last day abroad: ISO date, YYYY-MM-DD, not before start.", examples=["2027-04-02"])
    host: Id | None = Field(None, description="Id of the host or intermediary partner.", examples=["ies-turia"])
    country: CountryCode | None = Field(
        None, description="The destination country, as a code (ISO 3166-1, like ES); default: the host partner's.",
        examples=["ES"])
    city: str | None = Field(None, description="The destination city; default: the host partner's.", examples=["Valencia"])
    learners: int | None = Field(None, ge=1, description="Planned number of learners.", examples=[12])

    @field_validator("end")
    @classmethod
    def _end_not_before_start(cls, end: dt.date, info: ValidationInfo) -> dt.date:
        return _not_before(end, info, "start")


class ContactRole(str, Enum):
    MENTOR = "mentor"
    ADMINISTRATIVE = "administrative"
    EMERGENCY = "emergency"


class Contact(Part):
    role: ContactRole = Field(
        description="mentor, administrative or emergency: what to contact them for.", examples=["mentor"])
    name: str | None = Field(
        None, description="A person's name, or omit for a role address.", examples=["Claire Martinon"])
    function: Text | None = Field(
        None, description="Their job, in words.",
        examples=[{"en": "Cookery teacher and mobility mentor", "fr": "Professeure de cuisine, référente mobilité"}])
    email: Email | None = Field(
        None, description="E-mail address.", examples=["claire.martinon@lycee-hotelier-lumiere.example.fr"])
    phone: Phone | None = Field(
        None, description="Phone number with the country code, like +33 4 65 71 20 14.", examples=["+33 4 65 71 20 14"])
    hours: Text | None = Field(
        None, description="When to call, e.g. '24/7' or 'weekdays 8-17'.",
        examples=[{"en": "Monday to Friday, 8:00 to 17:00", "fr": "Du lundi au vendredi, de 8 h à 17 h"}])


class PartnerRole(str, Enum):
    SENDING = "sending"
    HOST = "host"
    INTERMEDIARY = "intermediary"
    SENDING_COMPANY = "sending_company"
    CERTIFIER = "certifier"


class Partner(Part):
    id: Id = Field(
        description="A short id of your choice (lower-case letters, digits, hyphens) to refer to this partner.",
        examples=["lycee-lumiere"])
    role: PartnerRole = Field(
        description="sending, host, intermediary, sending_company or certifier.", examples=["sending"])
    name: Text = Field(
        description="The organisation's full name.",
        examples=["Lycée professionnel hôtelier Lumière",
                  {"en": "Académie de Lyon — examinations department", "fr": "Académie de Lyon — service des examens"}])
    country: CountryCode = Field(description="Country, as a code (ISO 3166-1, like ES).", examples=["ES"])
    city: str = Field(description="City or town.", examples=["Valencia"])
    website: WebUrl | None = Field(
        None, description="Website, starting with https://.", examples=["https://ies-hostaleria-turia.example.es"])
    logo: ProjectFile | None = Field(
        None, description="Logo file in the project folder, e.g. images/logo.svg.", examples=["images/ies-turia.svg"])
    description: Text | None = Field(
        None, description="A few sentences on the organisation and its part in the project.",
        examples=[{"en": "A public vocational school specialising in hospitality; it finds the host companies.",
                   "fr": "Établissement public de formation hôtelière ; il recherche les entreprises d'accueil."}])
    contacts: list[Contact] = Field(
        [], description="People or addresses to contact, by role.",
        examples=[[{"role": "mentor", "name": "Lucía Ferrer Soler", "email": "movilidad@ies-hostaleria-turia.example.es",
                    "phone": "+34 960 55 41 08"}]])


class CertificationFramework(Part):
    """The qualification the mobility counts toward, and how it counts."""

    qualification: Text = Field(
        description="The qualification the learners are preparing.",
        examples=[{"en": "Vocational baccalaureate in Cookery", "fr": "Baccalauréat professionnel Cuisine"}])
    eqf_level: int | None = Field(
        None, ge=1, le=8, description="Level in the European Qualifications Framework, 1 to 8.", examples=[4])
    nqf_level: str | None = Field(None, description="Level in the national framework, as written there.", examples=["4"])
    certifier: Id | None = Field(None, description="Id of the certifier partner.", examples=["academie-lyon"])
    reference: Text | None = Field(
        None, description="The reference document (référentiel), by name.",
        examples=[{"en": "Certification standard of the vocational baccalaureate in Cookery",
                   "fr": "Référentiel de certification du baccalauréat professionnel Cuisine"}])
    reference_url: WebUrl | None = Field(
        None, description="Where to read the reference document, starting with https://.",
        examples=["https://referentiels.example.fr/bac-pro-cuisine.pdf"])
    assessment: Text | None = Field(
        None, description="How the mobility is assessed.",
        examples=[{"en": "In the last week, the tutor assesses each learner with the shared evaluation grid.",
                   "fr": "La dernière semaine, le tuteur évalue chaque élève avec la grille commune."}])
    validation: Text | None = Field(
        None, description="How the results are validated.",
        examples=[{"en": "Back home, the teaching team reviews each learner's grid and statement of results.",
                   "fr": "Au retour, l'équipe pédagogique examine la grille et le relevé de résultats de chaque élève."}])
    recognition: Text | None = Field(
        None, description="How they are recognised toward the qualification.",
        examples=[{"en": "The period counts as in-company training of the qualification.",
                   "fr": "La période compte comme période de formation en milieu professionnel du diplôme."}])


class LearningOutcomeUnit(Part):
    """A unit of learning outcomes (ECVET sense): what the learner knows and can do."""

    id: Id = Field(
        description="A short id of your choice (lower-case letters, digits, hyphens) to refer to this unit.",
        examples=["organisation-production"])
    title: Text = Field(
        description="The unit's title.",
        examples=[{"en": "Organising culinary production", "fr": "Organiser la production culinaire"}])
    knowledge: list[Text] = Field(
        [], description="What the learner knows, one item each.",
        examples=[[{"en": "Recipe cards, portion weights and stores requisitions",
                    "fr": "Les fiches techniques, les grammages et le bon d'économat"}]])
    skills: list[Text] = Field(
        [], description="What the learner can do, one item each.",
        examples=[[{"en": "Receive and check a delivery, store the goods",
                    "fr": "Réceptionner et contrôler une livraison, ranger les denrées"}]])
    responsibility_and_autonomy: list[Text] = Field(
        [], description="How independently the learner works, one item each.",
        examples=[[{"en": "Reports any missing or non-compliant product to the tutor",
                    "fr": "Signale au tuteur tout produit manquant ou non conforme"}]])
    assessment_method: Text | None = Field(
        None, description="How the unit is assessed.",
        examples=[{"en": "Observation at work by the tutor, then an interview",
                   "fr": "Observation en situation réelle de travail par le tuteur, puis un entretien"}])
    assessment_tools: list[Text] = Field(
        [], description="The documents used to assess it.",
        examples=[[{"en": "Shared evaluation grid (French-Spanish)", "fr": "Grille d'évaluation commune (français-espagnol)"}]])
    evidence: list[Text] = Field(
        [], description="What shows the outcomes were reached.",
        examples=[[{"en": "Placement logbook", "fr": "Carnet de bord du stage"}]])
    assessed_by: Text | None = Field(
        None, description="Who assesses the unit.",
        examples=[{"en": "The company tutor (head chef or sous-chef)", "fr": "Le tuteur en entreprise (chef de cuisine ou second)"}])


class LearnerProfile(Part):
    id: Id = Field(
        description="A short id of your choice (lower-case letters, digits, hyphens) to refer to this profile.",
        examples=["cap-cuisine"])
    programme: Text = Field(
        description="The learners' programme and year.",
        examples=[{"en": "CAP Cookery, second year", "fr": "CAP Cuisine, deuxième année"}])
    level: Text | None = Field(
        None, description="The level of the programme.",
        examples=[{"en": "Level 3 of the European Qualifications Framework",
                   "fr": "Niveau 3 du cadre européen des certifications"}])
    age_range: str | None = Field(None, description="Ages of the learners, e.g. 16-19.", examples=["17-19"])
    number: int | None = Field(None, ge=1, description="How many learners of this profile go.", examples=[4])
    prerequisites: list[Text] = Field(
        [], description="What a learner needs before applying, one item each.",
        examples=[[{"en": "Positive opinion of the teaching team", "fr": "Avis favorable de l'équipe pédagogique"}]])
    language_level: str | None = Field(
        None, description="Level expected in the host country's language (CEFR, A1 to C2).", examples=["A2"])
    qualification: Text | None = Field(
        None, description="The qualification these learners prepare, when not the project's (certification:).",
        examples=[{"en": "Technician in Cookery (intermediate VET)", "es": "Técnico en Cocina y Gastronomía (grado medio)"}])
    eqf_level: int | None = Field(
        None, ge=1, le=8, description="Its level in the European Qualifications Framework, 1 to 8.", examples=[4])
    nqf_level: str | None = Field(None, description="Its level in the national framework, as written there.", examples=["CINE 3.5.4"])
    certifier: Id | None = Field(
        None, description="Id of the partner that certifies it (role certifier).", examples=["conselleria-educacion"])


class Audience(str, Enum):
    LEARNERS = "learners"
    SENDING_COMPANIES = "sending_companies"
    HOST_PARTNER = "host_partner"
    HOST_COMPANIES = "host_companies"
    FUNDERS_AND_PUBLIC = "funders_and_public"


class CommunicationAction(Part):
    """One action of the communication plan: how, when, where, by whom."""

    channel: Text = Field(
        description="How: an information meeting, a letter, a visit...",
        examples=[{"en": "Information evening for learners and their families",
                   "fr": "Réunion d'information pour les élèves et leurs familles"}])
    date: dt.date | None = Field(None, description="When: ISO date, YYYY-MM-DD.", examples=["2026-09-24"])
    when: Text | None = Field(
        None, description="When, in words, if there is no single date.",
        examples=[{"en": "Throughout the project, at each step", "fr": "Tout au long du projet, à chaque étape"}])
    where: Text | None = Field(
        None, description="Where it takes place.",
        examples=[{"en": "The school's training restaurant", "fr": "Restaurant d'application du lycée"}])
    by: Text | None = Field(
        None, description="Who does it.",
        examples=[{"en": "The deputy head and the mobility mentor", "fr": "La proviseure adjointe et la référente mobilité"}])


class AudiencePlan(Part):
    """What one audience is told: the communication plan for it."""

    key_message: Text = Field(
        description="The one sentence this audience should remember.",
        examples=[{"en": "Four weeks in a real Valencian kitchen that count toward your qualification.",
                   "fr": "Quatre semaines dans une vraie cuisine valencienne, qui comptent pour votre diplôme."}])
    objectives: list[Text] = Field(
        [], description="The objectives as they concern this audience.",
        examples=[[{"en": "Improve your Spanish and become more independent",
                    "fr": "Progresser en espagnol et gagner en autonomie"}]])
    expected: list[Text] = Field(
        [], description="What is expected of them.",
        examples=[[{"en": "Keep your logbook every day", "fr": "Tenir chaque jour votre carnet de bord"}]])
    support: list[Text] = Field(
        [], description="The support they can count on.",
        examples=[[{"en": "A school on-call line available 24 hours a day",
                    "fr": "Une ligne d'astreinte du lycée joignable 24 h/24"}]])
    added_value: list[Text] = Field(
        [], description="What they gain from the project.",
        examples=[[{"en": "Experience abroad that makes a difference on a cook's CV",
                    "fr": "Une expérience à l'étranger qui fait la différence sur un CV de cuisinier"}]])
    communication: list[CommunicationAction] = Field(
        [], description="How, when, where and by whom they are informed.",
        examples=[[{"channel": {"en": "Presentation of the project in each class", "fr": "Présentation du projet dans chaque classe"},
                    "date": "2026-09-14"}]])


class StandardDocument(str, Enum):
    """Documents the guide asks every candidate for; their names come from theme/locales."""

    CV = "cv"
    COVER_LETTER = "cover_letter"
    EMPLOYER_AUTHORISATION = "employer_authorisation"
    INSURANCE = "insurance"
    IDENTITY_DOCUMENT = "identity_document"


class ScaleLevel(Part):
    """One step of a criterion's own scale, e.g. a language level and its points."""

    level: Text = Field(description="The level, as the school writes it.", examples=["B1"])
    points: float = Field(ge=0, description="The points it gives.", examples=[3])


class SelectionCriterion(Part):
    criterion: Text = Field(
        description="What the selection looks at.",
        examples=[{"en": "Motivation and career plans (letter and interview)",
                   "fr": "Motivation et projet professionnel (lettre et entretien)"}])
    weight: int | None = Field(
        None, ge=1, le=100, description="Its weight in percent; the weights of a call add up to 100. Or give points:.",
        examples=[30])
    points: float | None = Field(
        None, gt=0, description="The most points it gives (e.g. 4 in a total out of 20). Or give weight:.", examples=[4])
    scale: list[ScaleLevel] = Field(
        [], description="Its own scale, level by level, e.g. a language grid.",
        examples=[[{"level": "A2", "points": 1}, {"level": "B1", "points": 2}, {"level": "B2 or above", "points": 3}]])


class Application(Part):
    online: WebUrl | None = Field(
        None, description="The online application form.",
        examples=["https://lycee-hotelier-lumiere.example.fr/erasmus/candidature-valencia-2027"])
    form: ProjectFile | None = Field(
        None, description="A form to download, e.g. files/application.pdf.", examples=["files/application.pdf"])
    how_to_apply: Text | None = Field(
        None, description="How to apply, step by step, with the deadline.",
        examples=[{"en": "Fill in the online form before Friday 9 October 2026 and upload the documents requested.",
                   "fr": "Remplis le formulaire en ligne avant le vendredi 9 octobre 2026 et déposes-y les pièces demandées."}])


class CallPhaseKind(str, Enum):
    PUBLICATION = "publication"
    APPLICATIONS = "applications"
    PROVISIONAL_LIST = "provisional_list"
    APPEALS = "appeals"
    FINAL_LIST = "final_list"
    WAITING_LIST = "waiting_list"
    WITHDRAWALS = "withdrawals"


class CallPhase(Part):
    """A step of a call that schools publish: the lists, the appeals, the waiting list."""

    phase: CallPhaseKind = Field(
        description="publication, applications, provisional_list, appeals, final_list, waiting_list or withdrawals.",
        examples=["provisional_list"])
    date: dt.date = Field(description="When: ISO date, YYYY-MM-DD.", examples=["2027-02-12"])
    end: dt.date | None = Field(None, description="Last day, for a phase that lasts: ISO date.", examples=["2027-02-19"])
    note: Text | None = Field(
        None, description="What to know or do in this phase.",
        examples=[{"en": "Appeals in writing to the school office, within five working days.",
                   "es": "Reclamaciones por escrito en secretaría, en cinco días hábiles."}])

    @field_validator("end")
    @classmethod
    def _end_not_before_date(cls, end: dt.date | None, info: ValidationInfo) -> dt.date | None:
        return _not_before(end, info, "date")


class Call(Part):
    id: Id | None = Field(
        None, description="A short id, needed when a project has several calls: it becomes the call's anchor.",
        examples=["autumn-2027"])
    title: Text | None = Field(
        None, description="A name for the call, shown when a project has several.",
        examples=[{"en": "First call: placements from March to June 2027",
                   "es": "Primera convocatoria: estancias de marzo a junio de 2027"}])
    rolling: bool = Field(
        False, description="Applications any time, first come first served (no closing date needed).", examples=[False])
    opens: dt.date | None = Field(None, description="Applications open: ISO date, YYYY-MM-DD.", examples=["2026-09-14"])
    closes: dt.date | None = Field(
        None, description="Applications close: ISO date, YYYY-MM-DD, not before opens (required unless rolling).",
        examples=["2026-10-09"])
    places: int | None = Field(None, ge=1, description="How many learners the call selects.", examples=[12])
    profiles: list[Id] = Field(
        [], description="Ids of the learner profiles it is for; all when left out.", examples=[["cocina-gm"]])
    periods: list[Id] = Field(
        [], description="Ids of the mobility periods it fills; their countries are its destinations.", examples=[["valencia-2027"]])
    phases: list[CallPhase] = Field(
        [], description="The steps after the applications that the school publishes, with their dates.",
        examples=[[{"phase": "provisional_list", "date": "2027-02-12"}, {"phase": "appeals", "date": "2027-02-13", "end": "2027-02-19"}]])
    selection_date: dt.date | None = Field(
        None, description="The selection committee meets: ISO date, YYYY-MM-DD.", examples=["2026-10-16"])
    results_date: dt.date | None = Field(
        None, description="Candidates are told the results: ISO date, YYYY-MM-DD.", examples=["2026-10-23"])
    eligibility: list[Text] = Field(
        [], description="Who may apply, one condition each.",
        examples=[[{"en": "Be in the second year of the CAP Cookery", "fr": "Être en deuxième année de CAP Cuisine"}]])
    criteria: list[SelectionCriterion] = Field(
        [], description="How candidates are chosen: weights in percent adding up to 100, or points with a maximum each.",
        examples=[[{"criterion": {"en": "Motivation (letter and interview)", "fr": "Motivation (lettre et entretien)"},
                    "weight": 60},
                   {"criterion": {"en": "Professional attitude", "fr": "Attitude professionnelle"}, "weight": 40}]])
    criteria_note: Text | None = Field(
        None, description="Vetoes, minimum scores, how ties are broken.",
        examples=[{"en": "A candidate with a serious disciplinary sanction this year cannot be selected. Ties: the better grades.",
                   "es": "No puede ser seleccionado quien tenga una sanción grave este curso. Empates: mejor expediente."}])
    application: Application | None = Field(
        None, description="Where and how to apply.",
        examples=[{"online": "https://lycee-hotelier-lumiere.example.fr/erasmus/candidature-valencia-2027"}])
    required_documents: list[StandardDocument] = Field(
        [],
        description="Documents every candidate gives: cv, cover_letter, employer_authorisation, insurance, "
                    "identity_document. None when left out.",
        examples=[["cv", "cover_letter", "identity_document"]])
    other_documents: list[Text] = Field(
        [], description="Any other document asked for.",
        examples=[[{"en": "For minors, the parents' consent to take part", "fr": "Pour les mineurs, l'autorisation parentale"}]])
    informing_the_selected: Text | None = Field(
        None, description="How and when the selected learners and their sending companies are told.",
        examples=[{"en": "On 23 October every candidate receives an answer by e-mail.",
                   "fr": "Le 23 octobre, chaque candidat reçoit une réponse par courriel."}])

    @field_validator("closes")
    @classmethod
    def _closes_after_opening(cls, closes: dt.date | None, info: ValidationInfo) -> dt.date | None:
        return _not_before(closes, info, "opens")

    @field_validator("criteria")
    @classmethod
    def _one_scale(cls, criteria: list[SelectionCriterion]) -> list[SelectionCriterion]:
        for number, item in enumerate(criteria, start=1):
            if item.weight is not None and item.points is not None:
                raise ValueError(f"expected either weight: (percent) or points: (a maximum) on criterion {number}, found both")
            if item.weight is None and item.points is None:
                raise ValueError(f"expected weight: (percent) or points: (a maximum) on criterion {number}, found neither")
        weighted = [number for number, item in enumerate(criteria, start=1) if item.weight is not None]
        if weighted and len(weighted) != len(criteria):
            pointed = next(number for number, item in enumerate(criteria, start=1) if item.points is not None)
            raise ValueError(f"expected one scale for all criteria, found weight: in percent on criterion {weighted[0]} "
                             f"and points: on criterion {pointed}")
        total = sum(item.weight or 0 for item in criteria)
        if weighted and total != 100:
            raise ValueError(f"expected weights adding up to 100, found {total}")
        return criteria

    @model_validator(mode="after")
    def _dates_as_the_kind_needs(self) -> Call:
        if not self.rolling and (self.opens is None or self.closes is None):
            missing = "opens" if self.opens is None else "closes"
            raise ValueError(f"expected {missing}: for a call with dates, found none (a call open all the time says rolling: true)")
        return self

    @property
    def scale(self) -> str:
        """'percent' or 'points': how the criteria count."""
        return "points" if any(item.points is not None for item in self.criteria) else "percent"

    @property
    def total_points(self) -> float:
        return sum(item.points or 0 for item in self.criteria)

    def state(self, today: dt.date) -> str:
        """'upcoming', 'open' or 'closed' on `today`."""
        if self.opens is not None and today < self.opens:
            return "upcoming"
        if self.closes is not None and today > self.closes:
            return "closed"
        return "open"


class ContractUnits(Part):
    """The units a learner of one profile works on at one host company (or at any)."""

    profile: Id = Field(description="Id of the learner profile.", examples=["cap-cuisine"])
    host_company: Id | None = Field(
        None, description="Id of the host company; leave out when it applies at any host company.",
        examples=["barraca-del-port"])
    units: list[Id] = Field(
        min_length=1, description="Ids of the units of learning outcomes worked on.",
        examples=[["organisation-production", "hygiene-brigade"]])


class Signature(Part):
    by: Text = Field(
        description="Who signs.",
        examples=[{"en": "The head of the Lycée Lumière", "fr": "La proviseure du lycée Lumière"}])
    date: dt.date | None = Field(None, description="When: ISO date, YYYY-MM-DD.", examples=["2026-12-11"])
    when: Text | None = Field(
        None, description="When, in words, if there is no single date.",
        examples=[{"en": "At the families' meeting, at school", "fr": "À la réunion des familles, au lycée"}])


class PedagogicalContract(Part):
    """The learning agreement between the learner and the sending and host organisations."""

    parties: list[Id] = Field(
        [], description="Ids of the partners that sign; the learner always does.",
        examples=[["lycee-lumiere", "ies-turia"]])
    units: list[ContractUnits] = Field(
        [], description="The units each learner profile works on, at which host company.",
        examples=[[{"profile": "cap-cuisine", "host_company": "barraca-del-port",
                    "units": ["organisation-production", "hygiene-brigade"]}]])
    evaluation: Text | None = Field(
        None, description="What is evaluated.",
        examples=[{"en": "The skills of the units planned for each learner, against the shared grid.",
                   "fr": "Les compétences des unités prévues pour chaque élève, selon la grille commune."}])
    methods: list[Text] = Field(
        [], description="How they are evaluated, one method each.",
        examples=[[{"en": "Observation in real work during service",
                    "fr": "Observation en situation réelle de travail pendant le service"}]])
    tools: list[Text] = Field(
        [], description="The documents used, one each.",
        examples=[[{"en": "Shared French-Spanish evaluation grid (annex 1)",
                    "fr": "Grille d'évaluation commune français-espagnol (annexe 1)"}]])
    signatures: list[Signature] = Field(
        [], description="Who signs the contract, and when.",
        examples=[[{"by": {"en": "The head of the Lycée Lumière", "fr": "La proviseure du lycée Lumière"},
                    "date": "2026-12-11"}]])


class AccompanyingPerson(Part):
    id: Id = Field(
        description="A short id of your choice (lower-case letters, digits, hyphens) for this person.",
        examples=["teacher-cookery"])
    function: Text = Field(
        description="Their job.",
        examples=[{"en": "Cookery teacher, the school's mobility mentor",
                   "fr": "Professeure de cuisine, référente mobilité du lycée"}])
    role: Text = Field(
        description="The role agreed between the partners.",
        examples=[{"en": "Accompanies the group in the first and last weeks, and takes part in the final assessment.",
                   "fr": "Accompagne le groupe la première et la dernière semaine, et participe à l'évaluation finale."}])
    name: str | None = Field(None, description="Their name, if it may be published.", examples=["Claire Martinon"])
    period: Id | None = Field(
        None, description="Id of the mobility period they accompany.", examples=["valencia-2027"])


class Tutor(Part):
    """The host company's contact for the learner. A name is published only with consent."""

    role: Text = Field(
        description="The tutor's job in the company.",
        examples=[{"en": "Head chef and co-owner of the restaurant", "fr": "Cheffe de cuisine et copropriétaire du restaurant"}])
    name: str | None = Field(
        None, description="The tutor's name; needs consent: true.", examples=["Amparo Vidal Ortega"])
    consent: bool = Field(
        False, validate_default=True, description="The tutor agreed to have their name published.", examples=[True])

    @field_validator("consent")
    @classmethod
    def _name_only_with_consent(cls, consent: bool, info: ValidationInfo) -> bool:
        name = info.data.get("name")
        if name and not consent:
            raise ValueError(f"expected consent: true before the tutor's name {name!r} is published, found no consent")
        return consent


class HostCompany(Part):
    id: Id = Field(
        description="A short id of your choice (lower-case letters, digits, hyphens); it becomes the company's web address.",
        examples=["barraca-del-port"])
    name: Text = Field(description="The company's name.", examples=["Restaurante La Barraca del Port"])
    city: str = Field(description="City or town.", examples=["Valencia"])
    country: CountryCode | None = Field(
        None, description="Country, as a code (ISO 3166-1, like PT); needed unless the project hosts in one country.",
        examples=["ES"])
    sector: Text | None = Field(
        None, description="What the company does.",
        examples=[{"en": "Traditional restaurant — rice dishes and fish", "fr": "Restaurant traditionnel — riz et poissons"}])
    website: WebUrl | None = Field(
        None, description="Website, starting with https://.", examples=["https://labarracadelport.example.es"])
    description: Text | None = Field(
        None, description="A few sentences on the company.",
        examples=[{"en": "A family restaurant seating 90 near the harbour, known for its wood-fired paellas.",
                   "fr": "Restaurant familial de 90 couverts près du port, célèbre pour ses paellas au feu de bois."}])
    tasks: list[Text] = Field(
        [], description="What the learner does there, one task each.",
        examples=[[{"en": "Prepare the fish and seafood delivered every morning",
                    "fr": "Préparer les poissons et les fruits de mer livrés chaque matin"}]])
    techniques: list[Text] = Field(
        [], description="Gestures and techniques the learner practises.",
        examples=[[{"en": "Scale, gut and fillet round and flat fish", "fr": "Écailler, vider et lever les filets de poissons"}]])
    products: list[Text] = Field(
        [], description="What the company makes or works with.",
        examples=[[{"en": "Bomba rice from the Arròs de València designation",
                    "fr": "Riz bomba de l'appellation Arròs de València"}]])
    working_conditions: Text | None = Field(
        None, description="Workplace, clothing, equipment, meals at work.",
        examples=[{"en": "An open kitchen, very hot near the wood fires: water breaks are planned.",
                   "fr": "Cuisine ouverte, chaleur forte près des feux de bois : des pauses d'hydratation sont prévues."}])
    hours: Text | None = Field(
        None, description="Working days and hours.",
        examples=[{"en": "Wednesday to Sunday, 10:00 to 17:00; 35 hours a week at most.",
                   "fr": "Du mercredi au dimanche, de 10 h à 17 h ; 35 heures par semaine au plus."}])
    pace: Text | None = Field(
        None, description="The rhythm of a working day: busy and quiet times.",
        examples=[{"en": "A calm morning of preparation; lunch is the big service.",
                   "fr": "Matinée calme de préparation ; le grand service est celui du midi."}])
    tutor: Tutor | None = Field(
        None, description="The learner's tutor in the company.",
        examples=[{"role": {"en": "Head chef", "fr": "Cheffe de cuisine"}, "name": "Amparo Vidal Ortega", "consent": True}])
    evaluation_role: Text | None = Field(
        None, description="The company's role in the evaluation.",
        examples=[{"en": "The tutor assesses the units in the last week and signs the statement of results.",
                   "fr": "La tutrice évalue les unités la dernière semaine et signe le relevé de résultats."}])
    units: list[Id] = Field(
        [], description="Ids of the units of learning outcomes worked on here.",
        examples=[["organisation-production", "cuisine-valencienne"]])
    profiles: list[Id] = Field(
        [], description="Ids of the learner profiles it takes.", examples=[["cap-cuisine", "bac-pro-cuisine"]])
    places: int | None = Field(None, ge=1, description="How many learners it takes.", examples=[3])


class EmergencyNumber(Part):
    label: Text = Field(
        description="Whom the number reaches.",
        examples=[{"en": "Emergencies (ambulance, fire, police)", "fr": "Urgences (ambulance, pompiers, police)"}])
    number: Phone = Field(description="The number to dial.", examples=["112"])


class Practical(Part):
    travel: Text | None = Field(
        None, description="How the group travels there and back.",
        examples=[{"en": "A group flight from Lyon to Valencia on Monday 8 March, back on Friday 2 April.",
                   "fr": "Vol de groupe Lyon – Valencia le lundi 8 mars, retour le vendredi 2 avril."}])
    local_transport: Text | None = Field(
        None, description="Getting around on site.",
        examples=[{"en": "Each learner receives a monthly metro and bus card, paid by the project.",
                   "fr": "Chaque élève reçoit une carte mensuelle de métro et de bus, payée par le projet."}])
    accommodation: Text | None = Field(
        None, description="Where the learners stay.",
        examples=[{"en": "A student residence, 20 minutes by metro from the centre, in twin rooms.",
                   "fr": "Une résidence d'étudiants, à 20 minutes de métro du centre, en chambres de deux."}])
    meals: Text | None = Field(
        None, description="Who provides which meals.",
        examples=[{"en": "Breakfast and dinner at the residence; lunch is the staff meal at the company.",
                   "fr": "Petit-déjeuner et dîner à la résidence ; le midi, repas du personnel dans l'entreprise."}])
    insurance: Text | None = Field(
        None, description="Which insurance covers the participants.",
        examples=[{"en": "The school insures every participant for civil liability, accidents and repatriation.",
                   "fr": "Le lycée assure chaque participant en responsabilité civile, accident et rapatriement."}])
    ehic: Text | None = Field(
        None, description="The European Health Insurance Card.",
        examples=[{"en": "Each learner requests their card free of charge three weeks before departure.",
                   "fr": "Chaque élève demande sa carte gratuitement trois semaines avant le départ."}])
    money: Text | None = Field(
        None, description="Currency, cards, what things cost.",
        examples=[{"en": "Spain uses the euro and most shops accept bank cards.",
                   "fr": "L'euro est la monnaie en Espagne ; la plupart des commerces acceptent la carte bancaire."}])
    grant: Text | None = Field(
        None, description="What the grant pays for, and what the learner receives.",
        examples=[{"en": "The Erasmus+ grant pays directly for travel, accommodation and insurance.",
                   "fr": "La bourse Erasmus+ paie directement le voyage, l'hébergement et l'assurance."}])
    what_to_bring: list[Text] = Field(
        [], description="What to pack, one item each.",
        examples=[[{"en": "A valid identity card or passport", "fr": "Carte d'identité ou passeport valide"}]])
    health_and_safety: Text | None = Field(
        None, description="Safety at work and on site, and what to do when something happens.",
        examples=[{"en": "Any injury is reported to the tutor and the teacher the same day.",
                   "fr": "Toute blessure est signalée au tuteur et à l'enseignant le jour même."}])
    emergency_numbers: list[EmergencyNumber] = Field(
        [], description="Numbers to call on site.",
        examples=[[{"label": {"en": "Emergencies", "fr": "Urgences"}, "number": "112"}]])


class PreparationSession(Part):
    what: Text = Field(
        description="What the session is.",
        examples=[{"en": "Kitchen Spanish class (weekly)", "fr": "Cours d'espagnol de cuisine (hebdomadaire)"}])
    date: dt.date | None = Field(None, description="When: ISO date, YYYY-MM-DD.", examples=["2027-01-13"])
    when: Text | None = Field(
        None, description="When, in words, if there is no single date.",
        examples=[{"en": "Wednesdays 14:00 to 15:30, from November to February",
                   "fr": "Le mercredi de 14 h à 15 h 30, de novembre à février"}])
    where: Text | None = Field(None, description="Where it takes place.", examples=["Lycée Lumière"])
    by: Text | None = Field(
        None, description="Who runs it.",
        examples=[{"en": "The French and Spanish teacher", "fr": "Le professeur de lettres-espagnol"}])


class Preparation(Part):
    linguistic: Text | None = Field(
        None, description="Language preparation.",
        examples=[{"en": "Twenty hours of kitchen Spanish, and the Erasmus+ online language course.",
                   "fr": "Vingt heures d'espagnol de cuisine, et le cours de langue en ligne Erasmus+."}])
    cultural: Text | None = Field(
        None, description="Cultural preparation: the country, the city, everyday life.",
        examples=[{"en": "An introduction to Valencia, the history of paella and the Fallas.",
                   "fr": "Présentation de Valencia, de l'histoire de la paella et des Fallas."}])
    working_culture: Text | None = Field(
        None, description="Working hours and pace of work in the host country.",
        examples=[{"en": "In Spain lunch is eaten between 14:00 and 16:00; many restaurants work split shifts.",
                   "fr": "En Espagne, on déjeune entre 14 h et 16 h ; beaucoup de restaurants travaillent en horaire coupé."}])
    sessions: list[PreparationSession] = Field(
        [], description="The preparation sessions, with their dates.",
        examples=[[{"what": {"en": "Families' meeting", "fr": "Réunion des familles"}, "date": "2027-01-20"}]])


class Funder(Part):
    name: Text = Field(
        description="Who funds the project.",
        examples=["Région Auvergne-Rhône-Alpes",
                  {"en": "European Union — Erasmus+ programme", "fr": "Union européenne — programme Erasmus+"}])
    contribution: Text | None = Field(
        None, description="What it pays for.",
        examples=[{"en": "Co-funds the learners' pocket money and the language preparation.",
                   "fr": "Cofinance l'argent de poche des élèves et la préparation linguistique."}])
    website: WebUrl | None = Field(
        None, description="Website, starting with https://.", examples=["https://erasmus-plus.ec.europa.eu"])
    logo: ProjectFile | None = Field(
        None, description="The funder's logo in the project folder (SVG or PNG), shown with its name on the project's "
                          "overview and funders pages, e.g. images/region-logo.svg.", examples=["images/region-logo.svg"])


class Cover(Part):
    """The picture that presents the project on the portal home and at the top of its overview."""

    file: ProjectFile = Field(
        description="The picture in the project folder: one of its images (a gallery picture, a photo of the "
                    "workshop) or a file of its own, e.g. images/cover.jpg. Wider than tall reads best (about 3:2).",
        examples=["images/cover.svg"])
    alt: Text = Field(
        description="What the picture shows, for people who cannot see it, in each language.",
        examples=[{"en": "Drawing of a kitchen brigade at work around a paella pan",
                   "fr": "Dessin d'une brigade en cuisine autour d'une poêle à paella"}])
    faces: bool = Field(False, description="People can be recognised on it.", examples=[False])
    consent: bool = Field(
        False, validate_default=True, description="Everyone recognisable agreed.", examples=[True])

    @field_validator("consent")
    @classmethod
    def _faces_need_consent(cls, consent: bool, info: ValidationInfo) -> bool:
        return _consent_for_faces(consent, info, "a cover picture")


class ProgrammeItem(Part):
    """A day or a week of the stay."""

    when: Text = Field(
        description="e.g. 'Week 1' or 'Monday 8 March'.",
        examples=[{"en": "Arrival day — Monday 8 March", "fr": "Jour d'arrivée — lundi 8 mars"}])
    date: dt.date | None = Field(None, description="The day: ISO date, YYYY-MM-DD.", examples=["2027-03-08"])
    what: Text = Field(
        description="What happens then.",
        examples=[{"en": "Morning flight to Valencia, settling in, welcome at the IES in the afternoon.",
                   "fr": "Vol pour Valencia le matin, installation, accueil à l'IES l'après-midi."}])


class FollowUp(Part):
    who: Text = Field(
        description="Who checks the working and training conditions.",
        examples=[{"en": "The IES mentor teacher, with the school's accompanying teacher",
                   "fr": "La professeure référente de l'IES, avec l'enseignant accompagnateur du lycée"}])
    how_often: Text = Field(
        description="How often they check.",
        examples=[{"en": "One visit a week to each company", "fr": "Une visite par semaine dans chaque entreprise"}])
    how: Text | None = Field(
        None, description="How they check.",
        examples=[{"en": "A weekly follow-up sheet checks the actual hours, the tasks and safety.",
                   "fr": "Une fiche de suivi hebdomadaire vérifie les horaires réels, les tâches et la sécurité."}])


class Mediation(Part):
    contact: Text = Field(
        description="Whom to call.",
        examples=[{"en": "Lucía Ferrer Soler at the IES (+34 960 55 41 08)",
                   "fr": "Lucía Ferrer Soler à l'IES (+34 960 55 41 08)"}])
    procedure: list[Text] = Field(
        [], description="What happens when there is a difficulty, step by step.",
        examples=[[{"en": "The learner or the tutor reports the difficulty to the accompanying teacher",
                    "fr": "L'élève ou le tuteur signale la difficulté à l'enseignant accompagnateur"}]])


class During(Part):
    reception: Text | None = Field(
        None, description="Reception and installation of the learners.",
        examples=[{"en": "The IES mentor teacher meets the group at the airport and takes them to the residence.",
                   "fr": "La professeure de l'IES accueille le groupe à l'aéroport et l'accompagne à la résidence."}])
    follow_up: FollowUp | None = Field(
        None, description="Who checks the working and training conditions, how often and how.",
        examples=[{"who": {"en": "The IES mentor teacher", "fr": "La professeure référente de l'IES"},
                   "how_often": {"en": "One visit a week", "fr": "Une visite par semaine"}}])
    mediation: Mediation | None = Field(
        None, description="Whom to call when something goes wrong, and what happens then.",
        examples=[{"contact": {"en": "The school's on-call line, +33 6 39 98 21 47",
                               "fr": "L'astreinte du lycée, +33 6 39 98 21 47"}}])
    assessment_plan: Text | None = Field(
        None, description="The in-company assessment plan.",
        examples=[{"en": "In week 2, a mid-term review with the shared grid; in week 4, the final assessment.",
                   "fr": "En semaine 2, bilan à mi-parcours avec la grille commune ; en semaine 4, l'évaluation finale."}])
    europass_mobility: Text | None = Field(
        None, description="How the Europass Mobility is filled in and handed over.",
        examples=[{"en": "The school opens a Europass Mobility for each learner; the tutor signs it in the last week.",
                   "fr": "Le lycée ouvre un Europass Mobilité pour chaque élève ; le tuteur le signe la dernière semaine."}])
    certificate_of_attendance: Text | None = Field(
        None, description="Who issues the certificate of attendance, and when.",
        examples=[{"en": "On 1 April the IES issues each learner a certificate with the actual dates.",
                   "fr": "Le 1er avril, l'IES délivre à chaque élève une attestation avec les dates réelles."}])
    contract_complement: Text | None = Field(
        None, description="The complement to the pedagogical contract: actual dates, units, changes.",
        examples=[{"en": "It records the actual dates and units; the learner, the tutor and the IES sign it.",
                   "fr": "Il indique les dates et les unités réelles ; l'élève, le tuteur et l'IES le signent."}])
    debriefing: Text | None = Field(
        None, description="Debriefing with learners and companies.",
        examples=[{"en": "A group debriefing at the IES on the last Thursday, with a satisfaction questionnaire.",
                   "fr": "Un bilan collectif à l'IES le dernier jeudi, avec un questionnaire de satisfaction."}])


class ProfileParticipation(Part):
    profile: Id = Field(description="Id of the learner profile.", examples=["zweites-ausbildungsjahr"])
    planned: int = Field(ge=0, description="How many learners of this profile were planned.", examples=[4])
    took_part: int = Field(ge=0, description="How many took part.", examples=[4])


class UnitResult(Part):
    unit: Id = Field(description="Id of the unit of learning outcomes.", examples=["pneumatik"])
    assessed: int = Field(ge=0, description="How many learners were assessed on it.", examples=[3])
    validated: int = Field(ge=0, description="How many had it validated; at most the number assessed.", examples=[3])

    @field_validator("validated")
    @classmethod
    def _not_more_than_assessed(cls, validated: int, info: ValidationInfo) -> int:
        assessed = info.data.get("assessed")
        if assessed is not None and validated > assessed:
            raise ValueError(f"expected at most the number assessed ({assessed}), found {validated}")
        return validated


class Transmission(Part):
    """The results sent to the sending organisation or the certifier."""

    to: Id = Field(description="Id of the partner receiving the results.", examples=["ihk-stuttgart"])
    date: dt.date | None = Field(None, description="When they were sent: ISO date, YYYY-MM-DD.", examples=["2026-07-03"])
    status: Literal["planned", "sent", "validated"] = Field(
        "planned", description="planned, sent or validated.", examples=["sent"])
    note: Text | None = Field(
        None, description="What was sent, and what happened to it.",
        examples=[{"en": "Confirmation of the periods abroad, with the certificates of attendance.",
                   "de": "Bestätigung der Auslandsabschnitte, mit den Teilnahmebescheinigungen."}])


class Results(Part):
    summary: Text | None = Field(
        None, description="The results in a few sentences.",
        examples=[{"en": "All eight apprentices completed their four-week placement in Tampere as planned.",
                   "de": "Alle acht Auszubildenden haben ihr vierwöchiges Praktikum in Tampere wie geplant abgeschlossen."}])
    participants: list[ProfileParticipation] = Field(
        [], description="Learners planned and taking part, per profile.",
        examples=[[{"profile": "zweites-ausbildungsjahr", "planned": 4, "took_part": 4}]])
    units: list[UnitResult] = Field(
        [], description="Learners assessed and validated, per unit of learning outcomes.",
        examples=[[{"unit": "pneumatik", "assessed": 3, "validated": 3}]])
    certificates_of_attendance: int | None = Field(
        None, ge=0, description="How many certificates of attendance were issued.", examples=[8])
    europass_mobility: int | None = Field(
        None, ge=0, description="How many Europass Mobility documents were issued.", examples=[8])
    transmissions: list[Transmission] = Field(
        [], description="Results sent to the sending organisation or the certifier.",
        examples=[[{"to": "gs-neckarblick", "date": "2026-06-19", "status": "validated"}]])


class SurveyRespondents(str, Enum):
    LEARNERS = "learners"
    HOST_COMPANIES = "host_companies"
    SENDING_COMPANIES = "sending_companies"


class Survey(Part):
    """A survey export (CSV) in the project's surveys/ folder. Only aggregates are published."""

    file: ProjectFile = Field(description="e.g. surveys/learners.csv", examples=["surveys/learners-google-forms.csv"])
    respondents: SurveyRespondents = Field(
        description="Who answered: learners, host_companies or sending_companies.", examples=["learners"])
    columns: dict[str, Id] = Field(
        min_length=1, description="Column header in the export -> question id of content/questionnaires.yml.",
        examples=[{"The preparation before departure was useful.": "preparation-useful"}])
    values: dict[str, int] = Field(
        {}, description="Extra answer texts -> 1..5, e.g. {A1: 1, A5: 5}.",
        examples=[{"A1": 1, "A2": 2, "A3": 3, "A4": 4, "A5": 5}])


class Quote(Part):
    """A testimonial, for instance a free answer the coordinator chose from a survey."""

    text: Text = Field(
        description="What was said.",
        examples=[{"en": "The coffee breaks! Twice a day everyone sits together, the boss too.",
                   "de": "Die Kaffeepausen! Zweimal am Tag sitzen alle zusammen, auch der Chef."}])
    by: Text = Field(
        description="Who said it, without a name unless consent: e.g. 'a learner, 17'.",
        examples=[{"en": "a tutor at Näsi Automation", "de": "ein Tutor bei Näsi Automation Oy"}])
    name: str | None = Field(None, description="The person's name, if they agreed to it.", examples=["Mikko Järvinen"])
    consent: bool = Field(
        False, validate_default=True, description="The person agreed to publication.", examples=[True])

    @field_validator("consent")
    @classmethod
    def _consented(cls, consent: bool, info: ValidationInfo) -> bool:
        if not consent:
            raise ValueError("expected consent: true before a quote is published, found no consent")
        return consent


class Photo(Part):
    file: ProjectFile = Field(
        description="The picture in the project folder, e.g. images/workshop.jpg.", examples=["images/gallery-werkstatt.svg"])
    alt: Text = Field(
        description="What the picture shows, for people who cannot see it.",
        examples=[{"en": "Drawing of a workshop: a workbench, an industrial robot behind a fence. No people.",
                   "de": "Zeichnung einer Werkstatt: Werkbank, Industrieroboter hinter einem Zaun. Keine Personen."}])
    caption: Text | None = Field(
        None, description="A caption shown under the picture.",
        examples=[{"en": "The workplace at one of the host companies (illustration)",
                   "de": "Der Arbeitsplatz in einem der Praktikumsbetriebe (Illustration)"}])
    faces: bool = Field(False, description="People can be recognised on it.", examples=[False])
    consent: bool = Field(
        False, validate_default=True, description="Everyone recognisable agreed.", examples=[True])

    @field_validator("consent")
    @classmethod
    def _faces_need_consent(cls, consent: bool, info: ValidationInfo) -> bool:
        return _consent_for_faces(consent, info, "a photo")


class DisseminationActivity(Part):
    date: dt.date = Field(description="When: ISO date, YYYY-MM-DD.", examples=["2026-06-26"])
    kind: Literal["event", "press", "social_media", "website", "other"] = Field(
        "other", description="event, press, social_media, website or other.", examples=["website"])
    title: Text = Field(
        description="What it was.",
        examples=[{"en": "Back from Tampere — results, pictures and voices",
                   "de": "Zurück aus Tampere – Ergebnisse, Bilder und Stimmen"}])
    where: Text | None = Field(
        None, description="Where it appeared or took place.",
        examples=[{"en": "The school's website", "de": "Website der Schule"}])
    link: WebUrl | None = Field(
        None, description="Web address, starting with https://.",
        examples=["https://gs-neckarblick.example.de/erasmus/tampere-2026"])


class Dissemination(Part):
    key_results: list[Text] = Field(
        [], description="The main results, one each.",
        examples=[[{"en": "All eight apprentices completed the four weeks in Tampere.",
                    "de": "Alle acht Auszubildenden haben die vier Wochen in Tampere abgeschlossen."}]])
    impact: list[Text] = Field(
        [], description="What changed for the learners, the companies and the school.",
        examples=[[{"en": "The apprentices report more confidence in technical English.",
                    "de": "Die Auszubildenden berichten von mehr Sicherheit im technischen Englisch."}]])
    testimonials: list[Quote] = Field(
        [], description="Quotes from participants, each with consent.",
        examples=[[{"text": {"en": "The coffee breaks! Twice a day everyone sits together.",
                             "de": "Die Kaffeepausen! Zweimal am Tag sitzen alle zusammen."},
                    "by": {"en": "an apprentice, cohort 1", "de": "Auszubildende/r der 1. Gruppe"}, "consent": True}]])
    gallery: list[Photo] = Field(
        [], description="Pictures, each with a text for people who cannot see it.",
        examples=[[{"file": "images/gallery-tampere.svg", "alt": {"en": "Drawing of Tampere by a lake",
                                                               "de": "Zeichnung von Tampere an einem See"}}]])
    thanks: Text | None = Field(
        None, description="A word of thanks to the sending and host companies.",
        examples=[{"en": "We thank the four host companies in Tampere and their tutors.",
                   "de": "Wir danken den vier Praktikumsbetrieben in Tampere und ihren Tutoren."}])
    lessons_learned: list[Text] = Field(
        [], description="What to do differently next time, one lesson each.",
        examples=[[{"en": "The technical discussion in English needs practice during the preparation.",
                    "de": "Das Fachgespräch auf Englisch muss schon in der Vorbereitung geübt werden."}]])
    corrective_measures: list[Text] = Field(
        [], description="What will be changed, one measure each.",
        examples=[[{"en": "An online workshop for the tutors as early as February.",
                    "de": "Online-Workshop für die Tutoren schon im Februar."}]])
    activities: list[DisseminationActivity] = Field(
        [], description="Events, articles and posts that spread the results.",
        examples=[[{"date": "2026-06-26", "kind": "website",
                    "title": {"en": "Back from Tampere", "de": "Zurück aus Tampere"}}]])


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

    step: Id = Field(
        description="Id of a step of content/timeline.yml, or a new id for a step of the project's own.",
        examples=["present-project"])
    title: Text | None = Field(
        None, description="Only for a step of the project's own.",
        examples=[{"en": "Valencian evening cooked by the returning learners",
                   "fr": "Soirée valencienne cuisinée par les élèves de retour"}])
    phase: Phase | None = Field(
        None, description="Only for a step of the project's own: before, during or after.", examples=["after"])
    audiences: list[Audience] | None = Field(
        None, description="Who is concerned; default from the checklist.",
        examples=[["learners", "sending_companies", "funders_and_public"]])
    date: dt.date | None = Field(
        None, description="When it is due or starts: ISO date, YYYY-MM-DD.", examples=["2026-06-15"])
    end: dt.date | None = Field(
        None, description="When it ends, for a step that lasts: ISO date, YYYY-MM-DD.", examples=["2026-09-30"])
    owner: Text | None = Field(
        None, description="Who is responsible for it.",
        examples=[{"en": "The school's mobility mentor", "fr": "La référente mobilité du lycée"}])
    status: StepStatus = Field(
        StepStatus.TODO, description="todo, doing, done or not_applicable.", examples=["done"])
    note: Text | None = Field(
        None, description="A remark for the readers of the step, shown with it on the portal and in the packs.",
        examples=[{"en": "In the school's conference room, parents welcome.",
                   "fr": "Dans la salle de conférence du lycée, parents bienvenus."}])
    internal_note: str | None = Field(
        None, description="For the coordinator only (why it is late, what is missing): shown by `mobility-portal status` "
                          "and in the preview, never on the portal or in the packs.",
        examples=["Three of the four tutors are confirmed; the hotel names its own in January."])

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


class WebLink(Part):
    title: Text = Field(description="What the link leads to.", examples=[{"en": "The school's report", "es": "La crónica del centro"}])
    url: WebUrl = Field(description="The address, starting with https://.", examples=["https://ies-example.es/erasmus/2027"])


class Attachment(Part):
    title: Text = Field(description="The file's title.", examples=[{"en": "Final list of selected learners", "es": "Listado definitivo"}])
    file: ProjectFile = Field(description="The file in the project folder, e.g. files/list.pdf.", examples=["files/final-list.pdf"])


class NewsPost(Part):
    date: dt.date = Field(description="Publication date: ISO date, YYYY-MM-DD.", examples=["2026-09-14"])
    kind: NewsKind = Field(
        NewsKind.OTHER,
        description="call_opened, selection_results, departure, during_the_stay, return or other.",
        examples=["call_opened"])
    title: Text = Field(
        description="The headline.",
        examples=[{"en": "Placement in Valencia in March 2027 — applications are open",
                   "fr": "Stage à Valencia en mars 2027 — les candidatures sont ouvertes"}])
    picture: Photo | None = Field(
        None, description="A picture with the news, with its alt text; faces need consent as in the gallery.",
        examples=[{"file": "images/departure.jpg", "alt": {"en": "The group at the airport, seen from behind",
                                                         "es": "El grupo en el aeropuerto, de espaldas"}}])
    attachments: list[Attachment] = Field(
        [], description="Files to download with the news (a list of results, a form).",
        examples=[[{"title": {"en": "Final list", "es": "Listado definitivo"}, "file": "files/final-list.pdf"}]])
    links: list[WebLink] = Field(
        [], description="Links to read more.",
        examples=[[{"title": {"en": "Our blog", "es": "Nuestro blog"}, "url": "https://ies-example.es/blog"}]])
    video: WebUrl | None = Field(
        None, description="A video elsewhere (YouTube, Vimeo...), shown as a link: nothing is embedded.",
        examples=["https://www.youtube.com/watch?v=example"])
    body: Text = Field(
        description="The news itself, a paragraph or two.",
        examples=[{"en": "Twelve learners will spend four weeks in restaurants in Valencia. Apply by 9 October.",
                   "fr": "Douze élèves partiront quatre semaines dans des restaurants de Valencia. Candidatures jusqu'au 9 octobre."}])


class DocumentCategory(str, Enum):
    APPLICATION = "application"
    FORMS = "forms"
    GRANTS = "grants"
    RESULTS = "results"
    QUALITY = "quality"
    CONSENT = "consent"
    INFORMATION = "information"
    OTHER = "other"


class LibraryDocument(Part):
    """A file of the project to download: a form, a list, a charter, a consent form..."""

    id: Id = Field(description="A short id of your choice for this document.", examples=["application-form"])
    title: Text = Field(
        description="The document's title.",
        examples=[{"en": "Application form", "es": "Solicitud de participación"}])
    category: DocumentCategory = Field(
        description="application, forms, grants, results, quality, consent, information or other.", examples=["application"])
    audiences: list[Audience] = Field(
        [], description="Whom it concerns (learners, sending_companies, host_partner, host_companies, "
                        "funders_and_public); everyone when left out.", examples=[["learners"]])
    file: ProjectFile | None = Field(
        None, description="The file in the project folder (PDF, DOCX, XLSX, ODT...), e.g. files/form.pdf.",
        examples=["files/application-form.pdf"])
    files: dict[LanguageCode, ProjectFile] = Field(
        {}, description="A file per language instead, language code -> file.",
        examples=[{"es": "files/solicitud.pdf", "en": "files/application.pdf"}])
    description: Text | None = Field(
        None, description="A sentence on what it is for.",
        examples=[{"en": "To fill in and hand in with the application.", "es": "Para rellenar y entregar con la solicitud."}])
    call: Id | None = Field(None, description="Id of the call it belongs to, if any.", examples=["autumn-2027"])

    @model_validator(mode="after")
    def _a_file(self) -> LibraryDocument:
        if self.file is None and not self.files:
            raise ValueError("expected file: or files: (one per language), found neither")
        return self

    def file_for(self, lang: str, main: str) -> tuple[str, str | None]:
        """The file to offer a reader of `lang`, and its language when it is not theirs."""
        if self.files:
            for code in (lang, main, *self.files):
                if code in self.files:
                    return self.files[code], (None if code == lang else code)
        assert self.file is not None
        return self.file, None


class Grant(Part):
    year: int = Field(ge=2014, le=2100, description="The call year of the grant.", examples=[2025])
    code: str = Field(description="The grant agreement number.", examples=["2025-1-ES01-KA121-VET-000301234"])


MaybeDate = TypeVar("MaybeDate", dt.date, dt.date | None)


def _consent_for_faces(consent: bool, info: ValidationInfo, picture: str) -> bool:
    """A picture on which people can be recognised is published only with their consent."""
    if info.data.get("faces") and not consent:
        raise ValueError(f"expected consent: true for {picture} with faces, found no consent")
    return consent


def _not_before(later: MaybeDate, info: ValidationInfo, earlier_key: str) -> MaybeDate:
    earlier = info.data.get(earlier_key)
    if later and earlier and later < earlier:
        raise ValueError(f"expected a date on or after {earlier_key} ({earlier.isoformat()}), found {later.isoformat()}")
    return later


class Project(Part):
    """One mobility project: projects/<slug>/project.yml."""

    # identity
    title: Text = Field(
        description="The project's title, as on the portal's home page.",
        examples=[{"en": "From Lyon to Valencia — four weeks in Valencian kitchens",
                   "fr": "De Lyon à Valencia — quatre semaines dans les cuisines valenciennes"}])
    summary: Text = Field(
        description="One paragraph: who goes where, for how long, to learn what.",
        examples=[{"en": "Twelve cookery learners from Lyon spend a four-week work placement in restaurants in Valencia.",
                   "fr": "Douze élèves cuisiniers de Lyon effectuent un stage de quatre semaines dans des restaurants de Valencia."}])
    objectives: list[Text] = Field(
        min_length=1, description="The project's objectives, one each; at least one.",
        examples=[[{"en": "Improve professional Spanish and learn to communicate within a kitchen brigade.",
                    "fr": "Progresser en espagnol professionnel et savoir communiquer au sein d'une brigade."}]])
    programme: str = Field("Erasmus+", description="Funding programme, e.g. Erasmus+.", examples=["Erasmus+"])
    action: str = Field(description="Key action and field, e.g. KA121-VET.", examples=["KA121-VET"])
    project_code: str | None = Field(
        None, description="The grant agreement number (or give grants: for an accredited school's yearly grants).",
        examples=["2026-1-FR01-KA121-VET-000198765"])
    accreditation: str | None = Field(
        None, description="The Erasmus accreditation code, for a school that has one.", examples=["2021-1-ES01-KA120-VET-000012345"])
    grants: list[Grant] = Field(
        [], description="The yearly grant agreements of an accredited school, with their call year.",
        examples=[[{"year": 2025, "code": "2025-1-ES01-KA121-VET-000301234"}]])
    granting_agency: GrantingAgency = Field(
        description="Who signed the grant: the national agency, or EACEA.",
        examples=[{"name": "Agence Erasmus+ France / Education Formation", "kind": "national_agency", "country": "FR"}])
    sector: Text = Field(
        description="The trade or sector of the placements.",
        examples=[{"en": "Hospitality and catering — cookery", "fr": "Hôtellerie-restauration — cuisine"}])
    cover: Cover | None = Field(
        None, description="A picture that presents the project, with its text for people who cannot see it: on the "
                          "portal home's card and at the top of the overview.",
        examples=[{"file": "images/cover.svg", "alt": {"en": "Drawing of a kitchen brigade at work",
                                                       "fr": "Dessin d'une brigade en cuisine"}}])
    languages: list[LanguageCode] = Field(
        min_length=1, description="Language codes the project is written in (ISO 639-1). Main language first.",
        examples=[["fr", "es", "en"]])
    mobility_periods: list[MobilityPeriod] = Field(
        min_length=1, description="The stays abroad, with their dates; at least one.",
        examples=[[{"id": "valencia-2027", "start": "2027-03-08", "end": "2027-04-02", "host": "ies-turia", "learners": 12}]])
    partners: list[Partner] = Field(
        min_length=1, description="The organisations taking part, each with its role; at least one.",
        examples=[[{"id": "lycee-lumiere", "role": "sending", "name": "Lycée professionnel hôtelier Lumière",
                    "country": "FR", "city": "Lyon"},
                   {"id": "ies-turia", "role": "host", "name": "IES Escola d'Hostaleria del Túria",
                    "country": "ES", "city": "Valencia"}]])

    # before: framework, outcomes, audiences, call, contract, companies, preparation
    certification: CertificationFramework | None = Field(
        None, description="The qualification the stay counts toward, and how the results are recognised.",
        examples=[{"qualification": {"en": "Vocational baccalaureate in Cookery", "fr": "Baccalauréat professionnel Cuisine"},
                   "eqf_level": 4, "certifier": "academie-lyon"}])
    learning_outcomes: list[LearningOutcomeUnit] = Field(
        [], description="The units of learning outcomes the learners work on abroad.",
        examples=[[{"id": "organisation-production",
                    "title": {"en": "Organising culinary production", "fr": "Organiser la production culinaire"}}]])
    learner_profiles: list[LearnerProfile] = Field(
        [], description="The groups of learners the project takes: programme, level, number.",
        examples=[[{"id": "cap-cuisine", "programme": {"en": "CAP Cookery, second year", "fr": "CAP Cuisine, deuxième année"},
                    "number": 4}]])
    audiences: dict[Audience, AudiencePlan] = Field(
        {}, description="What each audience is told: learners, sending_companies, host_partner, host_companies, "
                        "funders_and_public.",
        examples=[{"learners": {"key_message": {"en": "Four weeks in a real Valencian kitchen.",
                                                "fr": "Quatre semaines dans une vraie cuisine valencienne."}}}])
    call: Call | None = Field(
        None, description="The call for applications and the selection (or calls: for several).",
        examples=[{"opens": "2026-09-14", "closes": "2026-10-09", "results_date": "2026-10-23"}])
    calls: list[Call] = Field(
        [], description="Several calls (rounds) of the project, each with an id: two a year, a rolling one...",
        examples=[[{"id": "spring-2027", "opens": "2026-11-02", "closes": "2026-11-27"},
                   {"id": "autumn-2027", "rolling": True, "opens": "2027-03-01"}]])
    pedagogical_contract: PedagogicalContract | None = Field(
        None, description="The learning agreement: who signs, which units, how they are evaluated.",
        examples=[{"parties": ["lycee-lumiere", "ies-turia"],
                   "units": [{"profile": "cap-cuisine", "units": ["organisation-production"]}]}])
    accompanying_persons: list[AccompanyingPerson] = Field(
        [], description="Teachers or staff who travel with the learners.",
        examples=[[{"id": "teacher-cookery", "function": {"en": "Cookery teacher", "fr": "Professeure de cuisine"},
                    "role": {"en": "Accompanies the group in the first week", "fr": "Accompagne le groupe la première semaine"}}]])
    host_companies: list[HostCompany] = Field(
        [], description="The companies where the learners work, each with its own page.",
        examples=[[{"id": "barraca-del-port", "name": "Restaurante La Barraca del Port", "city": "Valencia"}]])
    documents: list[LibraryDocument] = Field(
        [], description="The project's files to download (forms, lists, charters), by category and audience.",
        examples=[[{"id": "application-form", "title": {"en": "Application form", "es": "Solicitud"},
                    "category": "application", "audiences": ["learners"], "file": "files/application-form.pdf"}]])
    practical: Practical | None = Field(
        None, description="Travel, accommodation, meals, insurance, money, what to bring, emergencies.",
        examples=[{"travel": {"en": "A group flight from Lyon to Valencia", "fr": "Vol de groupe Lyon – Valencia"}}])
    preparation: Preparation | None = Field(
        None, description="How the participants are prepared: language, culture, working culture.",
        examples=[{"linguistic": {"en": "Twenty hours of kitchen Spanish", "fr": "Vingt heures d'espagnol de cuisine"}}])
    funders: list[Funder] = Field(
        [], description="Who funds the project, what each pays for, and its logo.",
        examples=[[{"name": "Région Auvergne-Rhône-Alpes", "logo": "images/region-logo.svg"}]])
    stay_programme: list[ProgrammeItem] = Field(
        [], description="The programme of the stay, day by day or week by week.",
        examples=[[{"when": {"en": "Week 1", "fr": "Semaine 1"},
                    "what": {"en": "Discovering the company and the team", "fr": "Découverte de l'entreprise et de l'équipe"}}]])
    # during, after, all along
    during: During | None = Field(
        None, description="During the stay: reception, follow-up, mediation, assessment, certificates.",
        examples=[{"reception": {"en": "The host partner meets the group at the airport.",
                                 "fr": "Le partenaire d'accueil accueille le groupe à l'aéroport."}}])
    results: Results | None = Field(
        None, description="After the stay: the results, as numbers only (no learner is named).",
        examples=[{"certificates_of_attendance": 8, "europass_mobility": 8}])
    surveys: list[Survey] = Field(
        [], description="Satisfaction survey exports (CSV) in the project's surveys/ folder.",
        examples=[[{"file": "surveys/learners-google-forms.csv", "respondents": "learners",
                    "columns": {"The preparation before departure was useful.": "preparation-useful"}}]])
    dissemination: Dissemination | None = Field(
        None, description="Sharing the results: key results, impact, testimonials, pictures, activities.",
        examples=[{"key_results": [{"en": "All eight apprentices completed the four weeks.",
                                    "de": "Alle acht Auszubildenden haben die vier Wochen abgeschlossen."}]}])
    timeline: list[TimelineEntry] = Field(
        [], description="The steps of content/timeline.yml dated and marked by the project, and its own steps.",
        examples=[[{"step": "present-project", "date": "2026-06-15", "end": "2026-09-30", "status": "done"}]])
    internal_notes: list[str] = Field(
        [], description="The coordinator's own notes (to do, to check, to chase): shown by `mobility-portal status` "
                        "and in the preview, never on the portal or in the packs.",
        examples=[["Ask the national agency whether the second call may move to March."]])
    news: list[NewsPost] = Field(
        [], description="News of the project, newest shown first.",
        examples=[[{"date": "2026-09-14", "kind": "call_opened",
                    "title": {"en": "Applications are open", "fr": "Les candidatures sont ouvertes"},
                    "body": {"en": "Apply by 9 October.", "fr": "Candidatures jusqu'au 9 octobre."}}]])

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
        """The sending side's countries, then the destinations, each once."""
        seen: dict[str, None] = {}
        for partner in self.partners:
            if partner.role == PartnerRole.SENDING:
                seen.setdefault(partner.country)
        for country in self.destinations:
            seen.setdefault(country)
        return list(seen)

    @property
    def destinations(self) -> list[str]:
        """The countries learners go to: of the periods, then of the host companies, each once."""
        seen: dict[str, None] = {}
        for period in self.mobility_periods:
            country = self.period_country(period)
            if country:
                seen.setdefault(country)
        for company in self.host_companies:
            country = self.company_country(company)
            if country:
                seen.setdefault(country)
        return list(seen)

    def period_country(self, period: MobilityPeriod) -> str | None:
        if period.country:
            return period.country
        host = next((partner for partner in self.partners if partner.id == period.host), None)
        return host.country if host else None

    def period_city(self, period: MobilityPeriod) -> str | None:
        if period.city:
            return period.city
        host = next((partner for partner in self.partners if partner.id == period.host), None)
        return host.city if host and not period.country else None

    def company_country(self, company: HostCompany) -> str | None:
        """A company's country: its own, else the one country all the stays go to."""
        if company.country:
            return company.country
        countries = {self.period_country(period) for period in self.mobility_periods} - {None}
        return countries.pop() if len(countries) == 1 else None

    @property
    def all_calls(self) -> list[Call]:
        """The project's calls, whether written as call: or calls:."""
        return self.calls or ([self.call] if self.call else [])

    def current_call(self, today: dt.date) -> Call | None:
        """The call a reader acts on today: the first that is not closed, else the last one."""
        calls = self.all_calls
        return next((call for call in calls if call.state(today) != "closed"), calls[-1] if calls else None)

    @property
    def has_sending_companies(self) -> bool:
        """An apprenticeship shape: the learners' employers take part."""
        return Audience.SENDING_COMPANIES in self.audiences or any(
            partner.role == PartnerRole.SENDING_COMPANY for partner in self.partners)

    @property
    def has_host_partner(self) -> bool:
        return any(partner.role in (PartnerRole.HOST, PartnerRole.INTERMEDIARY) for partner in self.partners)

    @property
    def code(self) -> str:
        """The number to print: the project's, else its latest grant's."""
        return self.project_code or (self.grant_codes[0] if self.grant_codes else "")

    @property
    def grant_codes(self) -> list[str]:
        """The grant agreement numbers, the latest first."""
        codes = [grant.code for grant in sorted(self.grants, key=lambda grant: -grant.year)]
        return codes or ([self.project_code] if self.project_code else [])

    def profile_qualification(self, profile: LearnerProfile | None) -> tuple[Text | None, int | None]:
        """The qualification and EQF level a profile's learners prepare: the profile's own, else the project's."""
        framework = self.certification
        own = profile.qualification if profile else None
        qualification = own or (framework.qualification if framework else None)
        level = profile.eqf_level if profile and profile.eqf_level else (framework.eqf_level if framework else None)
        return qualification, level

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
    surveys: tuple = ()  # SurveyResult aggregates of the project's survey exports (load/surveys.py)
    files: dict = {}  # the files its pages and PDFs show, by path in its folder: PublishedFile (load/files.py)
    warnings: tuple[str, ...] = ()  # what the build log should say about it
