"""Accessibility, WCAG 2.1 AA, of the built example portal.

axe-core (shipped inside the pinned axe-playwright-python package: nothing is downloaded) runs in
Debian's chromium, headless, over one page of every kind of the portal in every language: the
portal's own pages, every page of the upcoming and of the completed example project (one host
company page each: they share one template) and the 404 page. No serious or critical violation
may remain. Every page carries the language of its address, every chart is an image with a name
and its numbers in a table beside it, and every PDF is tagged PDF/UA-1 with a language and a text
alternative for each figure.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
import yaml

pytestmark = pytest.mark.slow  # real builds, a browser, a server or an external checker

REPO = Path(__file__).resolve().parents[1]

# The languages of the example portal, the default first: it lives at the site's root.
_LANGUAGES = next(plugin["i18n"]["languages"] for plugin in
                  yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))["plugins"]
                  if isinstance(plugin, dict) and "i18n" in plugin)
LANGUAGES = [language["locale"] for language in _LANGUAGES if language.get("default")] + [
    language["locale"] for language in _LANGUAGES if not language.get("default")]
DEFAULT = LANGUAGES[0]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Best practices outside those tags that the portal keeps too: Material's search dialog had no name.
MORE_RULES = ["aria-dialog-name"]
BLOCKING = ("serious", "critical")
# One page per kind: the host company pages of a project share one template.
SAME_KIND = re.compile(r"^projects/[^/]+/host-companies/[^/]+/$")
COMPLETED_RESULTS = "projects/stuttgart-tampere-mechatronics/results/"


def language_of(relative: str) -> str:
    """The language of a site path: its first folder, or the default language at the root."""
    first = relative.split("/", 1)[0]
    return first if first in LANGUAGES[1:] else DEFAULT


def pages_of(site: Path, language: str) -> list[str]:
    """The addresses of one page of every kind in a language, like 'fr/projects/x/call/'."""
    prefix = "" if language == DEFAULT else f"{language}/"
    addresses = sorted(
        "" if path.parent == site else f"{path.parent.relative_to(site).as_posix()}/"
        for path in site.rglob("index.html")
    )
    pages, kinds = [], set()
    for address in addresses:
        if language_of(address) != language:
            continue
        inner = address[len(prefix):]
        if SAME_KIND.match(inner):
            kind = inner.rsplit("/", 2)[0]
            if kind in kinds:
                continue
            kinds.add(kind)
        pages.append(address)
    if (site / prefix / "404.html").exists():  # each language's own page not found
        pages.append(f"{prefix}404.html")
    return pages


@pytest.fixture(scope="module")
def axe_page(browser):
    """One tab for the whole module, with axe-core loaded into every page it opens."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(Axe().axe_script)
    yield context.new_page()
    context.close()


def run_axe(page) -> list[dict]:
    """axe's violations on the open page, for WCAG 2.0 and 2.1, levels A and AA, and MORE_RULES."""
    return page.evaluate(
        """async ([tags, more]) => {
            const rules = axe.getRules(tags).map(rule => rule.ruleId).concat(more);
            const results = await axe.run(document, {runOnly: {type: "rule", values: rules},
                                                    resultTypes: ["violations"]});
            return results.violations;
        }""",
        [WCAG_TAGS, MORE_RULES],
    )


def report(address: str, violation: dict) -> str:
    targets = "; ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
    more = len(violation["nodes"]) - 5
    return (f"/{address}: {violation['id']} ({violation['impact']}): {violation['help']} "
            f"at {targets}{f' and {more} more' if more > 0 else ''}")


@pytest.fixture(scope="module", params=LANGUAGES)
def audit(request, examples, site_url, axe_page):
    """Every page kind of one language, visited once: axe's findings and the charts seen."""
    language = request.param
    findings, charts = [], []
    pages = pages_of(examples.site, language)
    for address in pages:
        axe_page.goto(f"{site_url}/{address}")
        findings += [report(address, violation) for violation in run_axe(axe_page)
                     if violation["impact"] in BLOCKING]
        charts += [(address, chart) for chart in axe_page.evaluate(CHARTS)]
    return {"language": language, "pages": pages, "findings": findings, "charts": charts}


# Each chart: its role, the text its name is made of, the table after its figure.
CHARTS = """() => [...document.querySelectorAll("article svg.mp-chart")].map(svg => {
    const names = (svg.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean)
        .map(id => document.getElementById(id)).map(node => node ? node.textContent.trim() : "");
    const after = svg.closest("figure")?.nextElementSibling;
    const table = after && (after.matches("table") ? after : after.querySelector("table"));
    return {
        role: svg.getAttribute("role"),
        label: (svg.getAttribute("aria-label") || "").trim(),
        names,
        means: [...svg.querySelectorAll("text[text-anchor=end]")].map(text => text.textContent.trim()),
        rows: table ? [...table.querySelectorAll("tbody tr")].map(row => row.innerText) : null,
    };
})"""


def test_no_page_has_a_serious_or_critical_axe_violation(audit):
    assert len(audit["pages"]) > 20, audit["pages"]
    assert not audit["findings"], f"{len(audit['findings'])} serious or critical violations in " \
        f"{audit['language']}:\n" + "\n".join(audit["findings"])


def test_every_chart_is_a_named_image_with_its_numbers_in_a_table(audit):
    assert any(address.endswith(COMPLETED_RESULTS) for address, _ in audit["charts"]), \
        f"no chart seen on the results page of the completed project in {audit['language']}"
    for address, chart in audit["charts"]:
        assert chart["role"] == "img", address
        assert chart["label"] or (chart["names"] and all(chart["names"])), (address, chart)
        assert chart["rows"], f"/{address}: a chart without a data table after its figure"
        for mean in chart["means"]:
            assert any(mean in row for row in chart["rows"]), (address, mean, chart["rows"])


def test_every_page_carries_the_language_of_its_address(examples):
    """Every HTML page of the site, all host companies included."""
    wrong = []
    for path in sorted(examples.site.rglob("*.html")):
        relative = path.relative_to(examples.site).as_posix()
        match = re.search(r"<html\b[^>]*\blang=\"([^\"]*)\"", path.read_text(encoding="utf-8"))
        found = match and match.group(1)
        if found != language_of(relative):  # the root 404 page too: the default language's
            wrong.append(f"{relative}: lang={found!r}, expected {language_of(relative)!r}")
    assert not wrong, "\n".join(wrong)


def test_content_in_another_language_says_so(examples):
    """A project not offered in a language shows another language's text (the portal's fallback,
    English, for the French project), marked with its lang."""
    html = examples.page("de/projects/lyon-valencia-cookery")
    assert re.search(r'<html\b[^>]*\blang="de"', html)
    article = re.search(r"<article.*?</article>", html, re.S).group(0)
    assert re.search(r'<div\b[^>]*\blang="en"', article) and re.search(r'<span\b[^>]*\blang="en"', article)


# (The results' tables no longer scroll on a phone: one line per question, issue 18.)
@pytest.mark.parametrize("address", ["de/projects/stuttgart-tampere-mechatronics/timeline/"])
def test_a_wide_table_on_a_phone_is_a_named_region_reached_by_keyboard(browser, site_url, address):
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    context.add_init_script(Axe().axe_script)
    page = context.new_page()
    try:
        page.goto(f"{site_url}/{address}")
        wrappers = page.evaluate("""() => [...document.querySelectorAll(".md-typeset__scrollwrap")].map(wrap => ({
            overflows: wrap.scrollWidth > wrap.clientWidth, tabindex: wrap.getAttribute("tabindex"),
            role: wrap.getAttribute("role"), label: wrap.getAttribute("aria-label")}))""")
        overflowing = [wrapper for wrapper in wrappers if wrapper["overflows"]]
        assert overflowing, wrappers
        for wrapper in overflowing:
            assert wrapper["tabindex"] == "0" and wrapper["role"] == "region" and wrapper["label"], wrapper
        findings = [report(address, violation) for violation in run_axe(page) if violation["impact"] in BLOCKING]
        assert not findings, "\n".join(findings)
        # Tab reaches the first wide table, and the arrow keys scroll it.
        wrap = page.locator(".md-typeset__scrollwrap[tabindex='0']").first
        for _ in range(200):
            page.keyboard.press("Tab")
            if wrap.evaluate("element => element === document.activeElement"):
                break
        else:
            pytest.fail("Tab never reached the scrolling table")
        page.keyboard.press("ArrowRight")
        page.wait_for_function("element => element.scrollLeft > 0", arg=wrap.element_handle())
    finally:
        context.close()


def test_the_search_override_differs_from_materials_only_by_the_dialog_name():
    """theme/overrides/partials/search.html is Material's partial plus an aria-label: an upgrade
    of Material that changes its partial must be carried over."""
    import material

    theirs = (Path(material.__file__).parent / "templates/partials/search.html").read_text(encoding="utf-8")
    ours = (REPO / "theme/overrides/partials/search.html").read_text(encoding="utf-8")
    strip = lambda text: re.sub(r"^\{#-.*?-#\}\n", "", text, flags=re.S)  # noqa: E731 - the leading comment
    named = strip(ours)
    assert 'role="dialog" aria-label="{{ lang.t(\'search\') }}"' in named
    assert named.replace(' aria-label="{{ lang.t(\'search\') }}"', "", 1) == strip(theirs)


# --- PDFs -----------------------------------------------------------------------------------

def _structure(node, found: list) -> None:
    """Every structure element under a node of the structure tree, depth first."""
    node = node.get_object()
    if isinstance(node, list):
        for kid in node:
            _structure(kid, found)
        return
    if not hasattr(node, "get"):
        return  # a marked-content id
    if "/S" in node:
        found.append(node)
    if "/K" in node:
        _structure(node["/K"], found)


def _true(value) -> bool:
    """A PDF boolean that is true (pypdf's BooleanObject(False) is truthy in Python)."""
    return getattr(value, "value", None) is True


def test_every_pdf_is_tagged_pdf_ua_with_its_language_and_text_alternatives(examples):
    """Every PDF the portal prints. The files of a project's library (files/) come from the school
    as they are: their accessibility is the school's (the user guide says how to export a tagged PDF)."""
    from pypdf import PdfReader

    pdfs = sorted(examples.site.glob("**/downloads/*.pdf"))
    assert len(pdfs) > 20, pdfs
    problems = []
    for path in pdfs:
        relative = path.relative_to(examples.site).as_posix()
        catalog = PdfReader(path).trailer["/Root"]
        mark_info = catalog.get("/MarkInfo")
        if not (mark_info and _true(mark_info.get_object().get("/Marked"))):
            problems.append(f"{relative}: not marked as tagged (/MarkInfo /Marked true)")
        if catalog.get("/Lang") != language_of(relative):
            problems.append(f"{relative}: /Lang {catalog.get('/Lang')!r}, expected {language_of(relative)!r}")
        preferences = catalog.get("/ViewerPreferences")
        if not (preferences and _true(preferences.get_object().get("/DisplayDocTitle"))):
            problems.append(f"{relative}: the viewer is not told to show the title")
        metadata = catalog.get("/Metadata")
        xmp = ElementTree.fromstring(metadata.get_object().get_data()) if metadata else None
        part = xmp is not None and any(
            element.get("{http://www.aiim.org/pdfua/ns/id/}part") == "1" for element in xmp.iter())
        if not part:
            problems.append(f"{relative}: no PDF/UA-1 identification (pdfuaid:part 1) in the XMP metadata")
        titles = [] if xmp is None else [
            (item.text or "").strip() for title in xmp.iter("{http://purl.org/dc/elements/1.1/}title")
            for item in title.iter("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}li")]
        if not any(titles):
            problems.append(f"{relative}: no dc:title in the XMP metadata")
        if "/StructTreeRoot" not in catalog:
            problems.append(f"{relative}: no structure tree")
            continue
        elements = []
        _structure(catalog["/StructTreeRoot"], elements)
        figures = [element for element in elements if element["/S"] == "/Figure"]
        if len(figures) < 2:
            problems.append(f"{relative}: {len(figures)} /Figure, expected the QR code and the EU emblem at least")
        for figure in figures:
            if not str(figure.get("/Alt", "")).strip():
                problems.append(f"{relative}: a /Figure without /Alt")
    assert not problems, "\n".join(problems)
