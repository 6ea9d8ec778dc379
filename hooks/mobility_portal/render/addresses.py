"""Where each page and file of the site lives: one place for every address, because printed QR
codes and mailed links rely on them. Language folders: /<path> in the default language,
/<lang>/<path> in the others."""

from __future__ import annotations

from ..model.project import Audience, HostCompany


def page_url(lang: str, default_language: str, page_path: str) -> str:
    """An address under the site root: 'projects/x/call.md' in fr -> 'fr/projects/x/call/';
    a file that is not a page keeps its name: 'feed.xml' in fr -> 'fr/feed.xml'."""
    prefix = "" if lang == default_language else f"{lang}/"
    if not page_path.endswith(".md"):
        return prefix + page_path
    stem = page_path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return prefix + stem[: -len("index")]
    return prefix + f"{stem}/"


def audience_path(audience: Audience) -> str:
    return f"for/{audience.value.replace('_', '-')}.md"


def company_path(company: HostCompany) -> str:
    return f"host-companies/{company.id}.md"


DOWNLOADS = "downloads"  # a project's printed documents: projects/<slug>/downloads/<name>.pdf


def download_file(slug: str, name: str) -> str:
    """A printed document's file under a language folder."""
    return f"projects/{slug}/{DOWNLOADS}/{name}.pdf"


def download_path(lang: str, default_language: str, slug: str, name: str) -> str:
    """A printed document's address under the site root, stable: <lang>/projects/<slug>/downloads/<name>.pdf."""
    return page_url(lang, default_language, download_file(slug, name))
