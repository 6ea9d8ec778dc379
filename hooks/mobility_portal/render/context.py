"""What every page and document of a project in a language is rendered with: the project, its
rows of the timeline, its pages and documents, lookups by id, and the helpers templates call.

One place, as MkDocs' get_context: the site's pages (build/generation.py), the public PDFs and
each learner's own documents (printing/individual.py) are rendered from the same context.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from babel.units import format_unit
from markupsafe import Markup

from ..languages.labels import Labels
from ..model.checklist import Checklist
from ..model.project import LoadedProject, Status
from ..model.questionnaires import Questionnaires
from ..model.text import Text
from ..printing.documents import printed_documents
from ..printing.typography import quoted
from .addresses import download_path
from .charts import COLOURS, scale_chart
from .formats import decimal, listing
from .next_steps import next_for_reader
from .project_pages import project_pages
from .templates import PageLanguage, reading_language
from .timeline import TimelineRow, rows_for_readers, timeline_rows

if TYPE_CHECKING:
    from ..build.generation import Settings


def project_context(loaded: LoadedProject, lang: str, settings: Settings, labels: Labels, checklist: Checklist,
                    questionnaires: Questionnaires, rows: list[TimelineRow] | None = None) -> tuple[PageLanguage, dict]:
    """The language a project's pages are shown in, and their context. `rows`: the timeline's
    rows when the caller has them already (they do not depend on the language)."""
    project = loaded.project
    if rows is None:
        rows = project_rows(loaded, checklist, settings.today, labels)
    page_lang = reading_language(lang, project.languages, settings.fallback_languages)
    status = project.status(settings.today)
    shown = rows if settings.coordinator else rows_for_readers(rows, status == Status.COMPLETED, settings.today)
    by_audience = _grouped(shown, lambda row: row.audiences)
    documents = printed_documents(project, questionnaires) if settings.pdf else []
    pdf_languages = [code for code in project.languages if code in settings.site_languages]
    pages = project_pages(project, downloads=bool(documents), loaded_surveys=loaded.surveys)
    scale_labels = [label.read(lang, "en").text for label in questionnaires.scale]
    common = {
        "project": project,
        "slug": loaded.slug,
        "status": status.value,
        "eu_disclaimer": _disclaimer(labels, project, page_lang),
        "pages": pages,
        "has_page": {page.path for page in pages}.__contains__,
        "timeline": shown,
        # the timeline's rows grouped here once, not filtered row by row on every page
        "rows_in_phase": _grouped(shown, lambda row: [row.phase.value]),
        "rows_for_audience": by_audience,
        "coordinator": settings.coordinator,
        "next_steps_of": lambda audience: next_for_reader(project, audience, by_audience.get(audience, []), settings.today),
        "partners": {partner.id: partner for partner in project.partners},
        "companies": {company.id: company for company in project.host_companies},
        "units": {unit.id: unit for unit in project.learning_outcomes},
        "profiles": {profile.id: profile for profile in project.learner_profiles},
        "documents": documents,
        "pdf_languages": pdf_languages,
        "pdf_url": lambda document, code: download_path(code, settings.default_language, loaded.slug, document.name),
        "surveys": loaded.surveys,
        "files": loaded.files,
        "file_facts": lambda path: file_facts(path, loaded.files, lang),
        "scale_labels": scale_labels,
        "scale_colours": COLOURS,
        "quotation": lambda text: quoted(text, lang),  # a testimonial in the page language's quotation marks
        "chart": lambda result, index: Markup(scale_chart(
            result, f"survey-{index}", result.title.read(lang, page_lang.content).text,
            lambda question: _words(question.text, lang, page_lang.content), scale_labels, labels.get("mean", lang),
            lambda value: decimal(value, "0.00", lang),
        )),
    }
    return page_lang, common


def _words(text: Text, lang: str, content: str) -> tuple[str, str | None]:
    """A shared text (a question) in the page's language, else the content language, and its
    language when not the page's: the portal translates its questionnaires itself."""
    reading = text.read(lang, content)
    return reading.text, (reading.lang if reading.lang and reading.lang != lang else None)


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
        name = lang.read(agency.name).text
    return labels.get("eu_disclaimer", lang.page, agency=name)


def project_rows(loaded: LoadedProject, checklist: Checklist, today: dt.date, labels: Labels) -> list[TimelineRow]:
    """The project's timeline, the documents its calls require named in each language."""
    project = loaded.project

    def documents_in(lang: str) -> str:
        names: list[str] = []
        for call in project.all_calls:
            names += [labels.get(f"doc_{document.value}", lang) for document in call.required_documents]
            names += [text.read(lang, project.main_language).text for text in call.other_documents]
        return listing(list(dict.fromkeys(names)), lang)

    return timeline_rows(project, checklist, today, documents_in)


def file_facts(path: str, files: dict, lang: str) -> str:
    """'PDF, 120 kB': what a reader downloads, in the language's units (Babel)."""
    kind = path.rsplit(".", 1)[-1].upper()
    published = files.get(path)
    if published is None:
        return kind
    size = len(published.web)
    unit, value = ("digital-megabyte", size / 1_000_000) if size >= 1_000_000 else ("digital-kilobyte", max(1, round(size / 1000)))
    return f"{kind}, {format_unit(round(value, 1) if unit == 'digital-megabyte' else value, unit, length='short', locale=lang)}"
