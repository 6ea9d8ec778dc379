"""What the theme shows around every page, in each language: the footer naming the publisher with
its notices and contact, and the 404 page. The theme overrides read these through the backend
(config.extra.mobility_portal in MkDocs), as they read the funding line."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..languages.labels import Labels
from .addresses import page_url

if TYPE_CHECKING:
    from ..build.generation import Settings


def footer_labels(settings: Settings, labels: Labels, lang: str) -> dict[str, Any]:
    """The footer's publisher line and links (None when mkdocs.yml names no publisher), and its
    "Made with" line."""
    publisher = settings.publisher
    made_with = labels.get("footer_made_with", lang)
    if publisher is None:
        return {"publisher": None, "made_with": made_with}
    default = settings.default_language
    notices = (("footer_legal_notice", publisher.legal_notice), ("footer_privacy_notice", publisher.privacy_notice))
    links = [{"label": labels.get(key, lang), "url": page_url(lang, default, page)} for key, page in notices if page]
    return {
        "publisher": {
            "heading": labels.get("footer_published_by", lang),
            "name": publisher.name.read(lang, default).text,
            "address": publisher.address.read(lang, default).text if publisher.address else None,
            "email": publisher.email,
            "contact": labels.get("footer_contact", lang),
            "links": links,
        },
        "footer_links": labels.get("footer_links", lang),
        "made_with": made_with,
    }


def not_found_labels(settings: Settings, labels: Labels, lang: str) -> dict[str, Any]:
    """The 404 page's texts in `lang`; the default language's page, which hosts serve at the root
    for a missing address in any language, also carries every other language's, so that its
    script can show the reader's (theme/overrides/404.html)."""

    def texts(code: str) -> dict[str, str]:
        return {
            "lang": code,
            "root": page_url(code, settings.default_language, "index.md"),
            "title": labels.get("not_found_title", code),
            "text": labels.get("not_found_text", code),
            "home": labels.get("not_found_home", code),
            "search": labels.get("not_found_search", code),
        }

    others = [texts(code) for code in settings.site_languages if code != lang] if lang == settings.default_language else []
    return {"not_found": texts(lang), "not_found_elsewhere": others}
