"""What every page and document of a project in a language is rendered with: the project, its
rows of the timeline, its pages and documents, lookups by id, and the helpers templates call.

One place, as MkDocs' get_context: the site's pages (build/generation.py), the public PDFs and
each learner's own documents (printing/individual.py) are rendered from the same context.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from markupsafe import Markup

from ..languages.labels import Labels
from ..model.checklist import Checklist
from ..model.project import LoadedProject
from ..model.questionnaires import Questionnaires
from ..printing.documents import printed_documents
from .addresses import download_path
from .charts import scale_chart
from .formats import decimal
from .project_pages import project_pages
from .templates import PageLanguage
from .timeline import TimelineRow, timeline_rows

if TYPE_CHECKING:
    from ..build.generation import Settings


def project_context(loaded: LoadedProject, lang: str, settings: Settings, labels: Labels, checklist: Checklist,
                    questionnaires: Questionnaires, rows: list[TimelineRow] | None = None) -> tuple[PageLanguage, dict]:
    """The language a project's pages are shown in, and their context. `rows`: the timeline's
    rows when the caller has them already (they do not depend on the language)."""
    project = loaded.project
    if rows is None:
        rows = timeline_rows(project, checklist, settings.today)
    page_lang = PageLanguage(lang, lang if lang in project.languages else project.main_language, project.main_language)
    documents = printed_documents(project, questionnaires) if settings.pdf else []
    pdf_languages = [code for code in project.languages if code in settings.site_languages]
    pages = project_pages(project, downloads=bool(documents), loaded_surveys=loaded.surveys)
    scale_labels = [label.read(lang, "en").text for label in questionnaires.scale]
    common = {
        "project": project,
        "slug": loaded.slug,
        "status": project.status(settings.today).value,
        "eu_disclaimer": _disclaimer(labels, project, page_lang),
        "pages": pages,
        "has_page": {page.path for page in pages}.__contains__,
        "timeline": rows,
        # the timeline's rows grouped here once, not filtered row by row on every page
        "rows_in_phase": _grouped(rows, lambda row: [row.phase.value]),
        "rows_for_audience": _grouped(rows, lambda row: row.audiences),
        "partners": {partner.id: partner for partner in project.partners},
        "companies": {company.id: company for company in project.host_companies},
        "units": {unit.id: unit for unit in project.learning_outcomes},
        "profiles": {profile.id: profile for profile in project.learner_profiles},
        "documents": documents,
        "pdf_languages": pdf_languages,
        "pdf_url": lambda document, code: download_path(code, settings.default_language, loaded.slug, document.name),
        "surveys": loaded.surveys,
        "files": loaded.files,
        "scale_labels": scale_labels,
        "chart": lambda result, index: Markup(scale_chart(
            result, f"survey-{index}", result.title.read(page_lang.content, "en").text,
            lambda number: labels.get("question_number", lang, number=number), scale_labels, labels.get("mean", lang),
            lambda value: decimal(value, "0.00", lang),
        )),
    }
    return page_lang, common


def _grouped(rows: list[TimelineRow], keys: Callable[[TimelineRow], Iterable]) -> dict:
    """The rows under each of their keys, in their order."""
    groups: dict = {}
    for row in rows:
        for key in keys(row):
            groups.setdefault(key, []).append(row)
    return groups


def _disclaimer(labels: Labels, project, lang: PageLanguage) -> str:
    agency = project.granting_agency
    if agency.kind == "eacea":
        name = labels.get("eacea", lang.page)
    else:
        name = agency.name.read(lang.content, lang.main).text
    return labels.get("eu_disclaimer", lang.page, agency=name)
