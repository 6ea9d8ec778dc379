"""The portal home: the projects in the order a reader looks for them, their cards and the latest
news, in every language, with the news feed and the labels the theme shows on every page."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from ..languages.labels import Labels
from ..model.project import LoadedProject, Status
from .addresses import page_url
from .content_pages import PARTIAL_PREFIX
from .feed import atom_feed
from .site_labels import footer_labels, not_found_labels
from .templates import PageLanguage, PageRenderer

if TYPE_CHECKING:
    from ..build.generation import Settings


# Home cards and navigation: what is happening now first, then what comes, then the past.
STATUS_ORDER = {Status.ONGOING: 0, Status.UPCOMING: 1, Status.COMPLETED: 2}


def sort_for_home(projects: list[LoadedProject], today: dt.date) -> list[LoadedProject]:
    def key(loaded: LoadedProject) -> tuple:
        project = loaded.project
        status = project.status(today)
        # completed: the most recent first; the others: the soonest first
        when = -project.end.toordinal() if status == Status.COMPLETED else project.start.toordinal()
        return (STATUS_ORDER[status], when, loaded.slug)

    return sorted(projects, key=key)


def learners(project, today: dt.date) -> int | None:
    """The learners a card counts: who took part once the project is over and its results say,
    else the planned numbers of the stays, else of the learner profiles; None when none is known."""
    if project.status(today) == Status.COMPLETED and project.results and project.results.participants:
        return sum(row.took_part for row in project.results.participants)
    planned = [period.learners for period in project.mobility_periods]
    if all(planned):
        return sum(planned)
    profiles = [profile.number for profile in project.learner_profiles]
    return sum(profiles) if profiles and all(profiles) else None


GUIDE = "guide"  # the folder of content/<lang>/ that holds the user guide
HOME_NEWS = 6  # news items on the portal home, newest first


def home_pages(projects: list[LoadedProject], settings: Settings, renderer: PageRenderer,
               labels: Labels) -> tuple[dict[str, bytes], dict[str, dict[str, Any]]]:
    """The home page and news feed of every language, and the labels the theme shows (by language)."""
    all_news = sorted(
        ((post, loaded) for loaded in projects for post in loaded.project.news),
        key=lambda pair: (pair[0].date, pair[1].slug), reverse=True,
    )
    status_slugs = {
        status.value: [loaded.slug for loaded in projects if loaded.project.status(settings.today) == status]
        for status in Status
    }
    # The user guide is for coordinators: out of the public menu (portal.css), one discreet link on the home.
    has_guide = any((settings.root / "content" / lang / GUIDE / "index.md").is_file() for lang in settings.site_languages)
    files: dict[str, bytes] = {}
    theme_labels: dict[str, dict[str, Any]] = {}
    for lang in settings.site_languages:
        files[f"{lang}/index.md"] = renderer.render(
            "home.md.j2", PageLanguage(lang, lang, lang, settings.fallback_languages), "index.md", projects=projects,
            intro=_home_intro(settings, lang), status_of=lambda loaded: loaded.project.status(settings.today).value,
            latest_news=all_news[:HOME_NEWS], status_slugs=status_slugs,
            learners_of=lambda loaded: learners(loaded.project, settings.today), has_guide=has_guide,
        ).encode()
        if all_news:
            files[f"{lang}/feed.xml"] = _feed(settings, labels, lang, all_news)
        theme_labels[lang] = {
            "eu_emblem_alt": labels.get("eu_emblem_alt", lang),
            "eu_cofunded": labels.get("eu_cofunded", lang),
            "funding_line": settings.funding_line.read(lang, settings.default_language).text if settings.funding_line else None,
            "feed": page_url(lang, settings.default_language, "feed.xml") if all_news else None,
            "news_feed": labels.get("news_feed", lang),
            **footer_labels(settings, labels, lang),
            **not_found_labels(settings, labels, lang),
        }
    return files, theme_labels


def _feed(settings: Settings, labels: Labels, lang: str, news: list) -> bytes:
    site = settings.site_url.rstrip("/") + "/"
    home = site + page_url(lang, settings.default_language, "index.md")
    return atom_feed(
        news, lang, labels.get("latest_news", lang), site, home,
        lambda loaded, post: site + page_url(lang, settings.default_language, f"projects/{loaded.slug}/news.md")
        + f"#{post.date.isoformat()}-{post.kind.value}",
    )


def _home_intro(settings: Settings, lang: str) -> str:
    for candidate in (lang, settings.default_language):
        intro = settings.root / "content" / candidate / f"{PARTIAL_PREFIX}home.md"
        if intro.is_file():
            return intro.read_text(encoding="utf-8")
    return ""
