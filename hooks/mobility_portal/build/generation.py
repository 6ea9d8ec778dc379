"""The engine's one entry point: load -> render every language -> the files to stage.

Plain Python, no site generator: a backend (backends/mkdocs/) calls `generate` once per build and
hands the staged files to its site generator. Another backend calls it the same way.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel import localedata
from markupsafe import escape

from ..errors import ProjectError, ProjectErrors
from ..languages.labels import FALLBACK_LANGUAGE, Labels
from ..load.projects import load_checklist, load_project, load_projects, load_questionnaires, project_folders
from ..model.project import LoadedProject
from ..model.text import Text
from ..printing.pdf import PdfJob, PdfReport, render_pdfs
from ..printing.printer import Printer
from ..render.calendar import calendar
from ..render.content_pages import check_not_generated, stage_content
from ..render.context import project_context, project_rows
from ..render.home import home_pages, sort_for_home
from ..render.navigation import site_nav
from ..render.templates import PageLanguage, PageRenderer, reading_language
from ..render.timeline import TimelineRow
from ..translate.coverage import LanguageCoverage, coverage
from .kept import keep, kept
from .processes import fork_map, shared_flag
from .publisher import Publisher
from .stamps import files_under, stamp

CALENDAR_HOST = "mobility-portal"  # the right-hand side of calendar event UIDs
PDF_CACHE = Path(".cache") / "pdf"  # rendered PDFs by the hash of their input


@dataclass(frozen=True)
class Settings:
    root: Path
    site_languages: tuple[str, ...]  # the default language first
    today: dt.date
    funding_line: Text | None = None
    publisher: Publisher | None = None  # the footer's publisher, notices and contact (publisher.py)
    site_url: str = "http://localhost/"  # the public address, for QR codes on printed documents
    pdf: bool = True  # print the documents (PDF); a live preview may skip them
    pdf_cache: Path | None = None  # rendered PDFs by input hash; default .cache/pdf in the root
    workers: int | None = None  # processes that render the languages and the PDFs; default one per core
    compiled_templates: Path | None = None  # keeps the compiled templates between runs; None: compile each time
    read_projects: Path | None = None  # keeps each project.yml as read between runs; None: read each time
    # The coordinator's preview (serve): overdue steps and internal notes shown. Never for a
    # published build: they are internal matter.
    coordinator: bool = False
    fallback_languages: tuple[str, ...] = ("en",)  # a reader's next choices when a project lacks their language

    @property
    def default_language(self) -> str:
        return self.site_languages[0]

    @property
    def theme_dir(self) -> Path:
        return self.root / "theme"


@dataclass
class ProjectPart:
    """What a worker process gives back for one project folder: the project loaded, or its
    errors; once loaded, its pages and calendars in every language, and its PDF jobs."""

    loaded: LoadedProject | None
    errors: list[ProjectError] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    pdf_jobs: list[PdfJob] = field(default_factory=list)
    missing_labels: set[tuple[str, str]] = field(default_factory=set)
    translations: list[LanguageCoverage] = field(default_factory=list)  # by site language, for the build summary


@dataclass
class Generated:
    files: dict[str, bytes] = field(default_factory=dict)
    nav: dict[str, list] = field(default_factory=dict)
    theme_labels: dict[str, dict[str, Any]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    projects: list[LoadedProject] = field(default_factory=list)
    pdf_report: PdfReport | None = None
    reused: set[str] = field(default_factory=set)  # files of the projects taken from a Reuse: staged by the generation before
    rendered: int | None = None  # with a Reuse: how many projects were rendered again


@dataclass
class Reuse:
    """Each project's part of the last generation, by the fingerprint of its folder, used again
    while neither the folder nor what every project's rendering depends on (the settings, content/,
    the theme, and `code`: the engine's code and the libraries' versions) changed. A save of one
    project.yml then loads and renders that project only. A preview keeps it in memory;
    `mobility-portal build` in .cache/generation.pickle (`load` and `save`)."""

    code: str = ""
    shared: str = ""
    parts: dict[Path, tuple[str, ProjectPart]] = field(default_factory=dict)

    @classmethod
    def load(cls, file: Path, code: str) -> Reuse:
        """The parts kept in `file` if the same code made them, else none."""
        parts = kept(file, code)  # none, or of another version of the engine: render everything
        return parts if isinstance(parts, cls) else cls(code)

    def save(self, file: Path) -> None:
        keep(file, self, self.code)


def build_date() -> dt.date:
    """Today, or the day SOURCE_DATE_EPOCH names (reproducible builds, and tests that fix it)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def generate(settings: Settings, on_files: Callable[[dict[str, bytes]], None] | None = None,
             reuse: Reuse | None = None) -> Generated:
    """Everything the site builder needs; raises ProjectErrors with every error found.

    `on_files` is given each batch of rendered files as soon as it is ready, so that a caller
    can start writing them while the rest renders; the result holds every file anyway. With
    `reuse`, the parts of the projects unchanged since the generation that filled it are taken
    from it (and not given to `on_files`: they were staged then)."""
    return Generation(settings).run(on_files, reuse)


class Generation:
    """One generation: the shared inputs loaded once, then every project loaded and rendered in
    every language (its pages, calendars and PDF jobs), then what spans the projects."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.checklist = load_checklist(settings.root)
        self.questionnaires = load_questionnaires(settings.root)
        self.labels = Labels(settings.theme_dir / "locales")
        self.renderer = PageRenderer(settings.theme_dir / "pages", self.labels, settings.today, settings.default_language,
                                     compiled=settings.compiled_templates)
        self.printer = Printer(
            PageRenderer(settings.theme_dir / "pdf", self.labels, settings.today, settings.default_language, html=True,
                         compiled=settings.compiled_templates),
            settings.theme_dir, settings.site_url, settings.default_language,
        ) if settings.pdf else None
        self.projects: list[LoadedProject] = []  # in the order of the home page
        self.out = Generated()
        # Set by the first project with errors: the workers go on loading the others, so that
        # every error is reported at once, but render nothing more, since nothing will be built.
        self.failed = shared_flag(settings.workers)

    def load(self) -> Generation:
        """The projects only, for a caller that renders one project's documents itself."""
        settings = self.settings
        self.projects = sort_for_home(
            load_projects(settings.root / "projects", settings.root, self.checklist, self.questionnaires, settings.workers),
            settings.today,
        )
        return self

    def run(self, on_files: Callable[[dict[str, bytes]], None] | None = None, reuse: Reuse | None = None) -> Generated:
        settings, out = self.settings, self.out
        # Done once here: the worker processes forked next inherit it instead of each doing it again.
        self.renderer.compile_templates()
        if self.printer:
            self.printer.renderer.compile_templates()
        for lang in (*settings.site_languages, FALLBACK_LANGUAGE):
            self.labels.of(lang)
            localedata.load(lang)

        # Projects are independent: each is loaded and rendered in every language by one worker
        # process, one per core; a project's pages need no other project.
        loaded: list[LoadedProject] = []
        errors: list[ProjectError] = []
        pdf_jobs: list[PdfJob] = []
        translations: dict[str, list[LanguageCoverage]] = {}  # by project slug
        folders = project_folders(settings.root / "projects")
        kept: dict[Path, ProjectPart] = {}
        keys: dict[Path, str] = {}
        if reuse is not None:
            shared = stamp(files_under(settings.root / "content", settings.theme_dir), salt=repr(settings) + reuse.code)
            if reuse.shared != shared:
                reuse.shared, reuse.parts = shared, {}
            keys = {folder: stamp(files_under(folder)) for folder in folders}
            kept = {folder: reuse.parts[folder][1] for folder in folders
                    if folder in reuse.parts and reuse.parts[folder][0] == keys[folder]}
        todo = [folder for folder in folders if folder not in kept]
        if reuse is not None:
            out.rendered = len(todo)
        parts: dict[Path, tuple[str, ProjectPart]] = {}  # for `reuse`, kept if nothing failed
        with fork_map(self._project_part, todo, settings.workers) as made:
            # Meanwhile, here: what needs no project.
            content = stage_content(settings.root / "content", settings.site_languages, self.labels)
            new_parts = iter(made)
            for folder in folders:
                part = kept[folder] if folder in kept else next(new_parts)
                errors += part.errors
                if part.loaded is None:
                    continue
                if reuse is not None:
                    parts[folder] = (keys[folder], part)
                loaded.append(part.loaded)
                out.warnings += part.loaded.warnings
                translations[part.loaded.slug] = part.translations
                out.files.update(part.files)
                if folder in kept:
                    out.reused.update(part.files)
                elif on_files and not errors:  # a build that will stop on errors writes nothing more
                    on_files(part.files)
                pdf_jobs += part.pdf_jobs
                self.labels.missing |= part.missing_labels
        if errors:
            raise ProjectErrors(_once(errors))
        if reuse is not None:  # only now: a project left unrendered because another failed must not be kept
            reuse.parts = parts
        self.projects = out.projects = sort_for_home(loaded, settings.today)

        # What spans the projects: the home pages and feeds, the navigation, the build summary.
        home, out.theme_labels = home_pages(self.projects, settings, self.renderer, self.labels)
        out.files.update(home)
        for lang in settings.site_languages:
            out.nav[lang] = site_nav(self.labels, lang, self.projects, content.pages, downloads=self.printer is not None,
                                    fallbacks=settings.fallback_languages)
        _report_translations(settings, self.projects, translations, out)
        # The files a project's pages link to (logos, photos) are staged in the default language
        # only: static-i18n's fallback_to_default puts them under every other language of the site.
        linked = {
            f"{settings.default_language}/projects/{loaded.slug}/{relative}": published.web
            for loaded in self.projects for relative, published in loaded.files.items()
        }
        out.files.update(linked)
        if on_files:
            on_files({**home, **linked})
        check_not_generated(content, out.files)
        out.files.update(content.files)
        if pdf_jobs:
            pdfs, report = render_pdfs(pdf_jobs, settings.pdf_cache or settings.root / PDF_CACHE, settings.workers)
            out.files.update(pdfs)
            out.pdf_report = report
            out.notes.append(f"PDFs: {report.rendered} rendered, {report.cached} from the cache, {report.seconds:.1f} s")
            out.warnings += report.warnings  # what the print layout checks found (printing/layout.py)
        out.warnings += [
            f"Label {key!r} is missing in theme/locales/{lang}.yml: shown in English"
            for lang, key in sorted(self.labels.missing)
        ]
        return out

    def _project_part(self, folder: Path) -> ProjectPart:
        """In a worker: one project folder loaded, then, when it is valid and no project has
        failed so far, rendered in every language of the site. A template's error is reported
        as the project's."""
        settings = self.settings
        loaded, errors = load_project(folder, settings.root, self.checklist, self.questionnaires, settings.read_projects)
        if loaded is None:
            self.failed.set()
            return ProjectPart(None, errors)
        part = ProjectPart(loaded)
        if self.failed.is_set():
            return part
        rows = project_rows(loaded, self.checklist, settings.today, self.labels)
        try:
            for lang in settings.site_languages:
                self._project(loaded, lang, rows, part)
        except ProjectErrors as template_errors:
            self.failed.set()
            return ProjectPart(None, template_errors.errors)
        part.missing_labels = set(self.labels.missing)  # this worker's so far: the parent unites them
        part.translations = coverage(loaded, list(settings.site_languages))
        return part

    def context(self, loaded: LoadedProject, lang: str, rows: list[TimelineRow] | None = None) -> tuple[PageLanguage, dict]:
        """What every page and document of a project in a language is rendered with (render/context.py)."""
        return project_context(loaded, lang, self.settings, self.labels, self.checklist, self.questionnaires, rows)

    def _project(self, loaded: LoadedProject, lang: str, rows: list[TimelineRow], part: ProjectPart) -> None:
        """Every page of one project in one language, its calendar and its PDF jobs."""
        settings, labels, project = self.settings, self.labels, loaded.project
        page_lang, common = self.context(loaded, lang, rows)
        folder = f"{lang}/projects/{loaded.slug}"
        for page in common["pages"]:
            heading = escape(page_lang.read(page.name).text if page.name else labels.get(page.label, lang))
            out_path = f"{folder}/{page.path}"
            part.files[out_path] = self.renderer.render(
                page.template, page_lang, f"projects/{loaded.slug}/{page.path}",
                heading=heading, page=page, **common, **page.context,
            ).encode()
        part.files[f"{folder}/timeline.ics"] = calendar(
            project, loaded.slug, rows, page_lang.content, settings.today, CALENDAR_HOST,
            period_summary=lambda label: labels.get("mobility_event", lang, label=label),
        )
        if self.printer and lang in common["pdf_languages"]:
            part.pdf_jobs += self.printer.jobs(page_lang, loaded.slug, common["documents"], common)


def _once(errors: list[ProjectError]) -> list[ProjectError]:
    """Each error once, in order: a template's error comes back from every project that uses the
    template, each time with the page it was rendering; the first says enough."""
    unique: dict[tuple, ProjectError] = {}
    for error in errors:
        unique.setdefault((error.file, error.line, error.path, error.message), error)
    return list(unique.values())


def _report_translations(settings: Settings, projects: list[LoadedProject], translations: dict[str, list[LanguageCoverage]],
                         out: Generated) -> None:
    """The build summary of translations: one line per project, and every text missing in a
    language the project offers, by project, language and key path (`translations`: each
    project's coverage of the site languages, by slug)."""
    for loaded in projects:
        project = loaded.project
        for lang in project.languages:
            if lang not in settings.site_languages:
                out.warnings.append(
                    f"projects/{loaded.slug}: offers {lang!r}, which the portal does not build "
                    f"(site languages: {', '.join(settings.site_languages)}); add it to mkdocs.yml"
                )
        rows = translations[loaded.slug]
        shown = {row.lang: reading_language(row.lang, project.languages, settings.fallback_languages).content for row in rows}
        out.notes.append(f"projects/{loaded.slug} translations: " + "; ".join(
            f"{row.lang} {row.translated}/{row.translated + row.fallback + len(row.missing)}"
            + ("" if row.offered else f" (not offered: {shown[row.lang]} shown)")
            for row in rows
        ))
        for row in rows:
            if row.missing:
                out.warnings.append(
                    f"projects/{loaded.slug}: {len(row.missing)} text(s) missing in {row.lang!r}, shown in "
                    f"{project.main_language!r}: " + ", ".join(row.missing)
                )
