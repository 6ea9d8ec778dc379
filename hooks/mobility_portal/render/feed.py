"""The news of every project as an Atom feed per language (feedgenerator, Pelican's library)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

import feedgenerator

from ..model.project import LoadedProject, NewsPost


def atom_feed(news: list[tuple[NewsPost, LoadedProject]], lang: str, title: str, site_url: str,
              home_url: str, news_url) -> bytes:
    """`news` newest first; `news_url(loaded, post)` is the absolute address of a post."""
    host = urlsplit(site_url).hostname or "localhost"
    feed = feedgenerator.Atom1Feed(
        title=title, link=home_url, description=title, language=lang, feed_url=f"{home_url}feed.xml",
    )
    for post, loaded in news:
        main = loaded.project.main_language
        project_title = loaded.project.title.read(lang, main).text
        feed.add_item(
            title=f"{post.title.read(lang, main).text} — {project_title}",
            link=news_url(loaded, post),
            description=post.body.read(lang, main).text,
            # noon UTC: the same calendar day in every European time zone
            pubdate=dt.datetime.combine(post.date, dt.time(12), tzinfo=dt.UTC),
            unique_id=f"tag:{host},{post.date.isoformat()}:{loaded.slug}/{post.kind.value}",
        )
    return feed.writeString("utf-8").encode()
