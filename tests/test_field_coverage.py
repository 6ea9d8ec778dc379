"""Web and print show the same facts: every text field of the two example projects gets a sentinel
of its own, the portal is built with its PDFs, and each sentinel is looked for on the project's
web pages and in its printed documents. A field shown in one place only must be listed below
with the reason; a field that is added to the model and shown nowhere, or on the web only
without a reason, fails here."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import copy_root, run_mkdocs
from mobility_portal.load.projects import load_project
from mobility_portal.model.text import iter_texts

pytestmark = pytest.mark.slow

# Fields the web shows and print leaves out on purpose: key path pattern -> why.
WEB_ONLY = {
    "news.*.body": "news is for the web and the feeds",
    "timeline.*.note": "a remark on a step, shown with the step on the timeline page",
    "timeline.*.owner": "each pack prints the steps of its reader; the web's timeline has every owner",
    "dissemination.activities.*.title": "the list of dissemination activities is the web's record; the one-page results sheet has room for the results",
    "dissemination.activities.*.where": "as above",
    "dissemination.corrective_measures.*": "the assessment with the partners, on the web; the results sheet keeps to results and impact",
    "dissemination.lessons_learned.*": "as above",
    "dissemination.thanks": "the thanks to the companies, on the web page they are invited to read",
    "dissemination.gallery.*.alt": "the gallery is not printed",
    "dissemination.gallery.*.caption": "the gallery is not printed",
    "dissemination.testimonials.*.text": "the results sheet quotes the first testimonials its one page holds",
    "dissemination.testimonials.*.by": "as above",
    "results.transmissions.*.note": "the results sheet counts the transmissions; their notes are on the web",
    "news.*.picture.alt": "news is for the web and the feeds",
    "news.*.links.*.title": "news is for the web and the feeds",
    "cover.alt": "the cover picture presents the project on the web (home card, overview); a printed cover keeps to the title and the EU emblem",
    "calls.*.title": "the application checklist prints the call open or coming next; the web shows every call",
    "calls.*.criteria.*.criterion": "as above",
}


def pattern_of(path: tuple) -> str:
    return ".".join("*" if isinstance(part, int) else str(part) for part in path)


@pytest.fixture(scope="module")
def sentinel_site(tmp_path_factory):
    """The example portal with a sentinel in every text field, built with its PDFs; the
    sentinels by (project, key path pattern)."""
    root = copy_root("examples", tmp_path_factory.mktemp("coverage"))
    sentinels: dict[str, tuple[str, str]] = {}
    for folder in sorted((root / "projects").iterdir()):
        loaded, errors = load_project(folder, root)
        assert errors == []
        data = yaml.safe_load((folder / "project.yml").read_text(encoding="utf-8"))
        for number, (path, _) in enumerate(iter_texts(loaded.project)):
            sentinel = f"Zq{number:04d}{folder.name[:4]}q"
            sentinels[sentinel] = (folder.name, pattern_of(path))
            node = data
            for part in path[:-1]:
                node = node[part]
            node[path[-1]] = dict.fromkeys(node[path[-1]], sentinel) if isinstance(node[path[-1]], dict) else sentinel
        (folder / "project.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_mkdocs(root, "build", MOBILITY_PORTAL_PDF_CACHE=str(root / ".cache/pdf"))
    assert result.returncode == 0, result.output
    return root / "site", sentinels


def shown(site: Path, slug: str, lang: str) -> tuple[str, str]:
    """All the web pages of a project in a language, and all its printed documents, as text."""
    folder = site / ("" if lang == "en" else lang) / "projects" / slug
    web = " ".join(html.unescape(page.read_text(encoding="utf-8")) for page in folder.rglob("index.html"))
    printed = " ".join(" ".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
                       for pdf in (folder / "downloads").glob("*.pdf"))
    return web, re.sub(r"\s+", "", printed)  # a sentinel may be broken across lines in print


def test_every_field_is_on_the_web_and_in_print_or_said_why_not(sentinel_site):
    site, sentinels = sentinel_site
    texts = {}
    for slug in {slug for slug, _ in sentinels.values()}:
        languages = yaml.safe_load((site.parent / "projects" / slug / "project.yml").read_text(encoding="utf-8"))["languages"]
        texts[slug] = shown(site, slug, "en" if "en" in languages else languages[0])
    missing_on_web, missing_in_print, printed_after_all = set(), set(), set()
    for sentinel, (slug, pattern) in sentinels.items():
        web, printed = texts[slug]
        if sentinel not in web:
            missing_on_web.add(pattern)
        if sentinel not in printed and pattern not in WEB_ONLY:
            missing_in_print.add(pattern)
    for pattern in WEB_ONLY:
        fields = [(sentinel, slug) for sentinel, (slug, where) in sentinels.items() if where == pattern]
        if fields and all(sentinel in texts[slug][1] for sentinel, slug in fields):
            printed_after_all.add(pattern)
    assert sorted(missing_on_web) == []
    assert sorted(missing_in_print) == [], f"shown on the web but not printed: print it, or say why in WEB_ONLY: {sorted(missing_in_print)}"
    assert sorted(printed_after_all) == [], f"printed after all: take it out of WEB_ONLY: {sorted(printed_after_all)}"
