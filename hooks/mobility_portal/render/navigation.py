"""The navigation of each language: the home, the projects (each a section of its pages), then
the pages people write, in the order their front matter gives."""

from __future__ import annotations

import html
from pathlib import Path

from markupsafe import escape

from ..languages.labels import Labels
from ..model.project import LoadedProject
from .content_pages import ContentPage
from .project_pages import project_pages
from .templates import reading_language


def project_nav(loaded: LoadedProject, lang: str, label, *, downloads: bool = False,
                fallbacks: tuple[str, ...] = ()) -> dict[str, list]:
    """The project's navigation section: pages in order, grouped where they share a group."""
    project = loaded.project
    reading = reading_language(lang, project.languages, fallbacks)
    entries: list = []
    groups: dict[str, list] = {}
    for page in project_pages(project, downloads=downloads, loaded_surveys=loaded.surveys):
        target = f"projects/{loaded.slug}/{page.path}"
        if page.path == "index.md":
            entries.append(target)  # the section's own page (navigation.indexes)
            continue
        title = escape(reading.read(page.name).text) if page.name else label(page.label, lang)
        entry: str | dict[str, str]
        if page.path.endswith("/index.md") and page.group:
            entry = target  # a group's own page, titled by the group
        else:
            entry = {str(title): target}
        if page.group:
            if page.group not in groups:
                groups[page.group] = []
                entries.append({label(page.group, lang): groups[page.group]})
            groups[page.group].append(entry)
        else:
            entries.append(entry)
    # Navigation titles are printed as they are by the theme: escape the coordinator's text.
    return {str(escape(reading.read(project.title).text)): entries}


def content_nav(pages: list[ContentPage], lang: str, labels: Labels | None = None) -> list:
    """Top-level pages, then one section per folder, led by its index.md. A section whose index
    is not written in `lang` takes its title from the label `section_<folder>` of that language,
    when there is one: the menu is the reader's, even where the pages are still in English."""
    def key(page: ContentPage) -> tuple:
        return (Path(page.path).name != "index.md", page.order, page.path)

    nav: list = []
    sections: dict[str, list[ContentPage]] = {}
    for page in sorted(pages, key=key):
        folder = str(Path(page.path).parent)
        if folder == ".":
            nav.append(_titled(page, lang))
        else:
            sections.setdefault(folder, []).append(page)
    for folder, members in sorted(sections.items(), key=lambda item: (min(page.order for page in item[1]), item[0])):
        index = next((page for page in members if Path(page.path).name == "index.md"), members[0])
        title = index.titles[lang]
        section_label = f"section_{Path(folder).name}"
        if labels is not None and lang not in index.written_in and section_label in labels.of(lang):
            title = labels.get(section_label, lang)
        nav.append({title: [_titled(page, lang) for page in members]})
    return nav


def _titled(page: ContentPage, lang: str) -> dict[str, str]:
    """A page with its title in the menu, as MkDocs would take it from the page's first heading.
    Given here, the title is known without reading the page: a build that renders only the
    changed pages (MkDocs' dirty build) would otherwise show the others' menu entries as "None"."""
    return {html.escape(page.titles[lang], quote=False): page.path}  # MkDocs' rendered title keeps quotes as they are


def site_nav(labels: Labels, lang: str, projects: list[LoadedProject], content: list[ContentPage], *, downloads: bool,
             fallbacks: tuple[str, ...] = ()) -> list:
    """A language's whole navigation: the home, the projects, then the pages people write."""
    project_entries = [project_nav(loaded, lang, labels.get, downloads=downloads, fallbacks=fallbacks) for loaded in projects]
    nav: list = [{labels.get("home", lang): "index.md"}]
    if project_entries:
        nav.append({labels.get("projects", lang): project_entries})
    return nav + content_nav(content, lang, labels)
