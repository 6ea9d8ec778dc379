"""The printed documents of a project as self-contained HTML, ready for pdf.py.

Each document gets a cover with a QR code (segno) to its web page's stable URL, the EU emblem,
the funding statement and the disclaimer; its images are inlined so its HTML alone decides its
bytes (and its place in the cache).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import segno

from ..load.files import PublishedFile
from ..render.addresses import download_file, page_url
from ..render.templates import PageLanguage, PageRenderer
from .documents import PrintedDocument
from .pdf import OnePage, PdfJob, data_uri

EMBLEM = Path("overrides/assets/images/eu-emblem.svg")  # inside theme/


@dataclass(frozen=True)
class BlankLearner:
    """The learner of a public form: every field left blank, to be written on paper. An individual
    document (individual.py) gets a participant instead, with the same attributes."""

    name: None = None
    date_of_birth: None = None
    profile: None = None
    host_company: None = None
    tutor: None = None
    start: None = None
    end: None = None
    results: Mapping[str, str] = field(default_factory=dict)


class Printer:
    def __init__(self, renderer: PageRenderer, theme_dir: Path, site_url: str, default_language: str):
        self.renderer = renderer
        self.site_url = site_url.rstrip("/") + "/"
        self.default_language = default_language
        self.emblem = data_uri((theme_dir / EMBLEM).read_bytes(), "image/svg+xml")
        self.root = theme_dir.parent
        self._uris: dict[tuple[str, str], str] = {}

    def _data_uri(self, slug: str, relative: str, published: PublishedFile) -> str:
        """Each image's print copy encoded once, whatever the number of languages and documents."""
        key = (slug, relative)
        if key not in self._uris:
            self._uris[key] = data_uri(published.printed or published.web, published.media_type)
        return self._uris[key]

    def jobs(self, lang: PageLanguage, slug: str, documents: list[PrintedDocument],
             context: dict[str, Any]) -> list[PdfJob]:
        """The project's public documents, for site/<lang>/projects/<slug>/downloads/."""
        return [
            PdfJob(target := f"{lang.page}/{download_file(slug, document.name)}",
                   self.html(lang, slug, document, context, BlankLearner()),
                   self.one_page(document, slug, lang, target))
            for document in documents
        ]

    def one_page(self, document: PrintedDocument, slug: str, lang: PageLanguage, target: str) -> OnePage | None:
        """For a document that must fit one page: what the build names when it does not."""
        if not document.one_page:
            return None
        file = f"projects/{slug}/project.yml"
        first = document.one_page[0].split()[-1].split(".")[0]  # "results.summary" -> results
        return OnePage(file, _line_of(self.root / file, first), f"{target} ({lang.page})", document.one_page)

    def html(self, lang: PageLanguage, slug: str, document: PrintedDocument,
             context: dict[str, Any], learner: Any) -> str:
        """One document as self-contained HTML, blank or filled in for one `learner`."""
        project = context["project"]
        files = context["files"]
        logos = {partner.id: self._data_uri(slug, partner.logo, files[partner.logo]) for partner in project.partners if partner.logo}
        url = self.site_url + page_url(lang.page, self.default_language, f"projects/{slug}/{document.page}")
        html = self.renderer.render(
            document.template, lang, download_file(slug, document.name),
            document=document, url=url, qr=segno.make(url, error="m").svg_data_uri(scale=4, border=2),
            emblem=self.emblem, logos=logos, learner=learner,
            file_url=lambda path: self.site_url + f"projects/{slug}/{path}",  # files are published in the default language
            **context, **document.context,
        )
        return html


def _line_of(file: Path, key: str) -> int:
    """The line of a top-level key in a YAML file, for an error to point at; 1 when not found."""
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    return next((number for number, line in enumerate(lines, start=1) if line.startswith(f"{key}:")), 1)
