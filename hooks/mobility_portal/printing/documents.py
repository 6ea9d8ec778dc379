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


# The forms of the process, printed blank for the site and filled in for each learner (individual.py).
CONTRACT = PrintedDocument("pedagogical-contract", "contract.html.j2", "page_contract", "pedagogical-contract.md", "document")


CERTIFICATE = PrintedDocument("certificate-of-attendance", "certificate.html.j2", "certificate_of_attendance", "index.md", "document")


def pack_name(audience: Audience) -> str:
    return f"info-pack-{audience.value.replace('_', '-')}"


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
                                {"questionnaire": questionnaires.questionnaires[respondent], "scale": questionnaires.scale})
            )
    if project.results or project.dissemination:
        documents.append(PrintedDocument("results", "results.html.j2", "page_results", "results.md", "document"))
    if project.all_calls:
        documents.append(PrintedDocument("application-checklist", "application_checklist.html.j2",
                                         "application_checklist", "call.md", "document"))
    return documents
