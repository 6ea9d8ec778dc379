"""Which printed documents a project has: the info pack of each audience and the documents of
the process. One list serves the PDF renderer, the downloads page and the links to packs.
File names are stable: /<lang>/projects/<slug>/downloads/<name>.pdf (printed QR codes and
mailed links rely on them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model.project import Audience, Project
from ..model.questionnaires import Questionnaires
from ..render.addresses import audience_path

# The questionnaires of content/questionnaires.yml and who answers each.
RESPONDENTS = ("learners", "host_companies", "sending_companies")


@dataclass(frozen=True)
class PrintedDocument:
    name: str  # the file name without .pdf
    template: str  # in theme/pdf/
    label: str  # key in theme/locales: the document's title
    page: str  # the project page (under projects/<slug>/) its QR code opens
    kind: str  # "pack" or "document", for grouping on the downloads page
    context: dict[str, Any] = field(default_factory=dict)
    # A document that must fit one A4 page: the fields of project.yml that fill it, which a build
    # that finds it longer names (pdf.py). Empty: any length.
    one_page: tuple[str, ...] = ()


# The forms of the process, printed blank for the site and filled in for each learner (individual.py).
CONTRACT = PrintedDocument("pedagogical-contract", "contract.html.j2", "page_contract", "pedagogical-contract.md", "document")


CERTIFICATE = PrintedDocument("certificate-of-attendance", "certificate.html.j2", "certificate_of_attendance", "index.md", "document",
                              one_page=("the titles of learning_outcomes", "certification.qualification"))

RESULTS = PrintedDocument("results", "results.html.j2", "page_results", "results.md", "document",
                          one_page=("results.summary", "dissemination.key_results", "dissemination.impact",
                                    "the first of dissemination.testimonials"))


def pack_name(audience: Audience) -> str:
    return f"info-pack-{audience.value.replace('_', '-')}"


def respondent_fields(project: Project, respondent: str, smallest: int) -> list[tuple[str, list, str]]:
    """The questions on who answers that a printed questionnaire may ask, as (label, items to tick,
    their attribute to print): a question is asked only when each of its answers is shared by at
    least `smallest` people, so that no answer sheet tells who wrote it. A learner profile is shared
    by its planned number of learners; a host company by its places (learners) or, among the
    companies answering, by itself alone; an unknown number shares nothing. No "other" box and no
    date: either could single a person out."""
    profiles, companies = project.learner_profiles, project.host_companies
    asked: list[tuple[str, list, str, list[int | None]]]
    if respondent == "learners":
        asked = [("learner_profile", profiles, "programme", [profile.number for profile in profiles]),
                 ("host_company", companies, "name", [company.places for company in companies])]
    elif respondent == "host_companies":  # the tutors: how many companies host each profile
        hosting: list[int | None] = [sum(1 for company in companies if not company.profiles or profile.id in company.profiles)
                                     for profile in profiles]
        asked = [("learner_profile", profiles, "programme", hosting)]
    else:  # each sending company answers for itself
        asked = []
    return [(label, items, attribute) for label, items, attribute, sizes in asked
            if len(items) > 1 and all(size is not None and size >= smallest for size in sizes)]


def printed_documents(project: Project, questionnaires: Questionnaires) -> list[PrintedDocument]:
    documents = [
        PrintedDocument(pack_name(audience), f"pack_{audience.value}.html.j2", f"page_for_{audience.value}",
                        audience_path(audience), "pack", {"audience": audience, "plan": project.audiences[audience]})
        for audience in Audience
        if audience in project.audiences
    ]
    if project.pedagogical_contract:
        documents.append(CONTRACT)
    documents.append(CERTIFICATE)
    for respondent in RESPONDENTS:
        if respondent == "sending_companies" and not project.has_sending_companies:
            continue  # a school-based programme: no apprentices' employers to ask
        if respondent in questionnaires.questionnaires:
            documents.append(
                PrintedDocument(f"questionnaire-{respondent.replace('_', '-')}", "questionnaire.html.j2",
                                f"questionnaire_{respondent}", "index.md", "document",
                                {"questionnaire": questionnaires.questionnaires[respondent], "scale": questionnaires.scale,
                                 "respondent_fields": respondent_fields(project, respondent, questionnaires.smallest_group)})
            )
    if project.results or project.dissemination:
        documents.append(RESULTS)
    if project.all_calls:
        documents.append(PrintedDocument("application-checklist", "application_checklist.html.j2",
                                         "application_checklist", "call.md", "document"))
    return documents
