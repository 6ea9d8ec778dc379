"""Which pages a project has, where they live, and in what order they appear.

One list serves the renderer, the navigation and the links between pages, so a page is named in
one place. A page exists only when the project has something to say on it (the overview and
the timeline always do).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..model.project import Audience, Project
from ..model.text import Text
from .addresses import DOWNLOADS, audience_path, company_path


@dataclass(frozen=True)
class ProjectPage:
    path: str  # under projects/<slug>/, e.g. "for/learners.md"
    template: str
    label: str  # key in theme/locales: the page's title in the navigation
    group: str | None = None  # label key of the navigation section it sits in
    name: Text | None = None  # a title from the data instead of a label (a host company)
    context: dict[str, Any] = field(default_factory=dict)


def project_pages(project: Project, *, downloads: bool = False, loaded_surveys: tuple = ()) -> list[ProjectPage]:
    pages = [ProjectPage("index.md", "project.md.j2", "page_overview")]
    for audience in Audience:
        if audience in project.audiences:
            pages.append(
                ProjectPage(audience_path(audience), "audience.md.j2", f"page_for_{audience.value}", "page_audiences",
                            context={"audience": audience, "plan": project.audiences[audience]})
            )
    if project.all_calls:
        pages.append(ProjectPage("call.md", "call.md.j2", "page_call"))
    if project.certification or project.learning_outcomes:
        pages.append(ProjectPage("learning-outcomes.md", "learning_outcomes.md.j2", "page_learning_outcomes"))
    if project.pedagogical_contract:
        pages.append(ProjectPage("pedagogical-contract.md", "pedagogical_contract.md.j2", "page_contract"))
    if project.host_companies:
        pages.append(ProjectPage("host-companies/index.md", "host_companies.md.j2", "page_host_companies", "page_host_companies"))
        for company in project.host_companies:
            pages.append(
                ProjectPage(company_path(company), "host_company.md.j2", "page_host_companies", "page_host_companies",
                            name=company.name, context={"company": company})
            )
    if project.practical:
        pages.append(ProjectPage("practical.md", "practical.md.j2", "page_practical"))
    if project.preparation or project.funders:
        pages.append(ProjectPage("preparation.md", "preparation.md.j2", "page_preparation"))
    if project.stay_programme:
        pages.append(ProjectPage("programme.md", "programme.md.j2", "page_programme"))
    if project.during:
        pages.append(ProjectPage("during.md", "during.md.j2", "page_during"))
    if project.results or loaded_surveys:
        pages.append(ProjectPage("results.md", "results.md.j2", "page_results"))
    if project.dissemination:
        pages.append(ProjectPage("dissemination.md", "dissemination.md.j2", "page_dissemination"))
    pages.append(ProjectPage("timeline.md", "timeline.md.j2", "page_timeline"))
    if project.news:
        pages.append(ProjectPage("news.md", "news.md.j2", "page_news"))
    if downloads or project.documents:
        pages.append(ProjectPage(f"{DOWNLOADS}/index.md", "downloads.md.j2", "page_downloads"))
    return pages
