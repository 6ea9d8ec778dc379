"""The engine's one entry point: load -> render every language -> the files to stage.

Plain Python, no MkDocs: the adapter (mkdocs_adapter.py) calls `generate` once per build and
hands the result to MkDocs. Another builder could call it the same way.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ProjectError, ProjectErrors, describe_path
from .labels import Labels
from .loading import load_checklist, load_projects
from .model import LoadedProject
from .pages import PageLanguage, PageRenderer, sort_for_home
from .project_pages import project_nav, project_pages
from .text import Text, iter_texts
from .timeline import TimelineRow, calendar, timeline_rows

# Markdown files in content/<lang>/ whose name starts with this are parts of generated pages
# (like _home.md, the intro of the portal home), not pages of their own.
PARTIAL_PREFIX = "_"
HOME_NEWS = 6  # news items on the portal home, newest first
CALENDAR_HOST = "mobility-portal"  # the right-hand side of calendar event UIDs


@dataclass(frozen=True)
class Settings:
    root: Path
    site_languages: tuple[str, ...]  # the default language first
    today: dt.date
    funding_line: Text | None = None

    @property
    def default_language(self) -> str:
        return self.site_languages[0]

    @property
    def theme_dir(self) -> Path:
        return self.root / "theme"


@dataclass
class Generated:
    files: dict[str, bytes] = field(default_factory=dict)
    nav: dict[str, list] = field(default_factory=dict)
    theme_labels: dict[str, dict[str, str | None]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    projects: list[LoadedProject] = field(default_factory=list)


def build_date() -> dt.date:
    """Today, or the day SOURCE_DATE_EPOCH names (reproducible builds, and tests that fix it)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def generate(settings: Settings) -> Generated:
    """Everything the site builder needs; raises ProjectErrors with every error found."""
    checklist = load_checklist(settings.root)
    projects = sort_for_home(load_projects(settings.root / "projects", settings.root, checklist), settings.today)
    labels = Labels(settings.theme_dir / "locales")
    renderer = PageRenderer(settings.theme_dir / "pages", labels, settings.today)
    out = Generated(projects=projects)
    timelines = {loaded.slug: timeline_rows(loaded.project, checklist, settings.today) for loaded in projects}
    latest_news = sorted(
        ((post, loaded) for loaded in projects for post in loaded.project.news),
        key=lambda pair: (pair[0].date, pair[1].slug), reverse=True,
    )[:HOME_NEWS]

    for lang in settings.site_languages:
        home = PageLanguage(lang, lang, lang)
        out.files[f"{lang}/index.md"] = renderer.render(
            "home.md.j2", home, "index.md", projects=projects, intro=_home_intro(settings, lang),
            status_of=lambda loaded: loaded.project.status(settings.today).value, latest_news=latest_news,
        ).encode()
        for loaded in projects:
            _render_project(renderer, labels, loaded, lang, timelines[loaded.slug], settings, out)
        out.theme_labels[lang] = {
            "eu_emblem_alt": labels.get("eu_emblem_alt", lang),
            "eu_cofunded": labels.get("eu_cofunded", lang),
            "funding_line": settings.funding_line.read(lang, settings.default_language).text if settings.funding_line else None,
        }

    content_pages = _stage_content(settings, out)
    for lang in settings.site_languages:
        out.nav[lang] = _nav(labels, lang, projects, content_pages)
    _report_translations(settings, projects, out)
    out.warnings += [
        f"Label {key!r} is missing in theme/locales/{lang}.yml: shown in English"
        for lang, key in sorted(labels.missing)
    ]
    return out


def _render_project(renderer: PageRenderer, labels: Labels, loaded: LoadedProject, lang: str,
                    rows: list[TimelineRow], settings: Settings, out: Generated) -> None:
    """Every page of one project in one language, its calendar and the files it refers to."""
    project = loaded.project
    page_lang = PageLanguage(lang, lang if lang in project.languages else project.main_language, project.main_language)
    folder = f"{lang}/projects/{loaded.slug}"
    pages = project_pages(project)
    common = {
        "project": project,
        "slug": loaded.slug,
        "status": project.status(settings.today).value,
        "eu_disclaimer": _disclaimer(labels, project, page_lang),
        "pages": pages,
        "has_page": {page.path for page in pages}.__contains__,
        "timeline": rows,
        "partners": {partner.id: partner for partner in project.partners},
        "companies": {company.id: company for company in project.host_companies},
        "units": {unit.id: unit for unit in project.learning_outcomes},
        "profiles": {profile.id: profile for profile in project.learner_profiles},
    }
    for page in pages:
        heading = page.name.read(page_lang.content, project.main_language).text if page.name else labels.get(page.label, lang)
        out.files[f"{folder}/{page.path}"] = renderer.render(
            page.template, page_lang, f"projects/{loaded.slug}/{page.path}",
            heading=heading, page=page, **common, **page.context,
        ).encode()
    out.files[f"{folder}/timeline.ics"] = calendar(
        project, loaded.slug, rows, page_lang.content, settings.today, CALENDAR_HOST,
        period_summary=lambda label: labels.get("mobility_event", lang, label=label),
    )
    for relative in _project_files(project):
        out.files[f"{folder}/{relative}"] = (Path(loaded.folder) / relative).read_bytes()


def _project_files(project) -> list[str]:
    """Files inside the project folder that its pages link to."""
    files = [partner.logo for partner in project.partners if partner.logo]
    if project.call and project.call.application and project.call.application.form:
        files.append(project.call.application.form)
    return files


def _home_intro(settings: Settings, lang: str) -> str:
    for candidate in (lang, settings.default_language):
        intro = settings.root / "content" / candidate / f"{PARTIAL_PREFIX}home.md"
        if intro.is_file():
            return intro.read_text(encoding="utf-8")
    return ""


def _disclaimer(labels: Labels, project, lang: PageLanguage) -> str:
    agency = project.granting_agency
    if agency.kind == "eacea":
        name = labels.get("eacea", lang.page)
    else:
        name = agency.name.read(lang.content, lang.main).text
    return labels.get("eu_disclaimer", lang.page, agency=name)


def _stage_content(settings: Settings, out: Generated) -> list[str]:
    """Copy content/<lang>/ into the files; return the Markdown pages for the navigation."""
    content = settings.root / "content"
    pages: set[str] = set()
    errors = []
    for lang in settings.site_languages:
        folder = content / lang
        if not folder.is_dir():
            continue
        for file in sorted(folder.rglob("*")):
            relative = file.relative_to(folder).as_posix()
            if not file.is_file() or file.name.startswith((PARTIAL_PREFIX, ".")):
                continue
            target = f"{lang}/{relative}"
            if target in out.files:
                errors.append(
                    ProjectError(
                        f"content/{target}", 1, "",
                        "this page is generated from the projects and cannot be written by hand",
                        f"put the portal home's intro in content/{lang}/{PARTIAL_PREFIX}home.md" if relative == "index.md"
                        else "move the page outside the projects/ folder",
                    )
                )
                continue
            out.files[target] = file.read_bytes()
            if file.suffix == ".md":
                pages.add(relative)
    if errors:
        raise ProjectErrors(errors)
    return sorted(pages)


def _nav(labels: Labels, lang: str, projects: list[LoadedProject], content_pages: list[str]) -> list:
    project_entries = [project_nav(loaded, lang, labels.get) for loaded in projects]
    nav: list = [{labels.get("home", lang): "index.md"}]
    if project_entries:
        nav.append({labels.get("projects", lang): project_entries})
    return nav + content_pages


def _report_translations(settings: Settings, projects: list[LoadedProject], out: Generated) -> None:
    """Every text missing in a language its project offers, by project, language and key path."""
    for loaded in projects:
        project = loaded.project
        data = project.model_dump(mode="json")
        for lang in project.languages:
            if lang not in settings.site_languages:
                out.warnings.append(
                    f"projects/{loaded.slug}: offers {lang!r}, which the portal does not build "
                    f"(site languages: {', '.join(settings.site_languages)}); add it to mkdocs.yml"
                )
                continue
            missing = [describe_path(path, data) for path, text in iter_texts(project) if not text.has(lang)]
            if missing:
                out.warnings.append(
                    f"projects/{loaded.slug}: {len(missing)} text(s) missing in {lang!r}, shown in "
                    f"{project.main_language!r}: " + ", ".join(missing)
                )
        not_offered = [lang for lang in settings.site_languages if lang not in project.languages]
        if not_offered:
            out.notes.append(
                f"projects/{loaded.slug}: not offered in {', '.join(not_offered)}; "
                f"those pages show the {project.main_language!r} texts under a notice"
            )
