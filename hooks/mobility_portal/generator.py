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
from .loading import load_projects
from .model import LoadedProject
from .pages import PageLanguage, PageRenderer, sort_for_home
from .text import Text, iter_texts

# Markdown files in content/<lang>/ whose name starts with this are parts of generated pages
# (like _home.md, the intro of the portal home), not pages of their own.
PARTIAL_PREFIX = "_"


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
    projects = sort_for_home(load_projects(settings.root / "projects", settings.root), settings.today)
    labels = Labels(settings.theme_dir / "locales")
    renderer = PageRenderer(settings.theme_dir / "pages", labels, settings.today)
    out = Generated(projects=projects)

    for lang in settings.site_languages:
        home = PageLanguage(lang, lang, lang)
        out.files[f"{lang}/index.md"] = renderer.render(
            "home.md.j2", home, projects=projects, intro=_home_intro(settings, lang),
            status_of=lambda loaded: loaded.project.status(settings.today).value,
        ).encode()
        for loaded in projects:
            project = loaded.project
            page_lang = PageLanguage(lang, lang if lang in project.languages else project.main_language, project.main_language)
            folder = f"{lang}/projects/{loaded.slug}"
            out.files[f"{folder}/index.md"] = renderer.render(
                "project.md.j2", page_lang, project=project, slug=loaded.slug,
                status=project.status(settings.today).value,
                eu_disclaimer=_disclaimer(labels, project, page_lang),
            ).encode()
            for partner in project.partners:
                if partner.logo:
                    out.files[f"{folder}/{partner.logo}"] = (Path(loaded.folder) / partner.logo).read_bytes()
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
    project_entries = [
        {loaded.project.title.read(lang, loaded.project.main_language).text: [f"projects/{loaded.slug}/index.md"]}
        for loaded in projects
    ]
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
