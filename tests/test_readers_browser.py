"""Readers first (issue 18), in a real browser at a phone's and a laptop's width: search in the
reader's language with each result's project, no request to another site, the publisher in
every footer, and the page not found in the reader's language."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

pytestmark = pytest.mark.slow  # real builds, a browser, a server or an external checker

REPO = Path(__file__).resolve().parents[1]
LANGUAGES = ["en", "fr", "es", "de", "fi"]  # the example portal's, the default first
OTHERS = LANGUAGES[1:]
WIDTHS = (390, 1280)
LOCALES = {lang: yaml.safe_load((REPO / "theme/locales" / f"{lang}.yml").read_text(encoding="utf-8")) for lang in LANGUAGES}

UPCOMING = "projects/lyon-valencia-cookery/"
COMPLETED = "projects/stuttgart-tampere-mechatronics/"
AUDIENCES = ("learners", "sending-companies", "host-partner", "host-companies", "funders-and-public")
# One page of every kind a reader meets, from the site root of a language.
PAGE_KINDS = (
    "", UPCOMING, *(f"{UPCOMING}for/{audience}/" for audience in AUDIENCES), f"{UPCOMING}call/",
    f"{UPCOMING}host-companies/", f"{UPCOMING}host-companies/mercat-taula/", f"{UPCOMING}practical/",
    f"{UPCOMING}programme/", f"{COMPLETED}results/", f"{COMPLETED}news/", f"{COMPLETED}downloads/",
    "guide/", "legal-notice/", "privacy-notice/", "about/", "no-such-page/",
)


def prefix(lang: str) -> str:
    return "" if lang == LANGUAGES[0] else f"{lang}/"


@pytest.fixture
def tab(browser):
    """A new tab at a given width: tab(390)."""
    contexts = []

    def _open(width: int):
        context = browser.new_context(viewport={"width": width, "height": 900}, is_mobile=width < 600)
        contexts.append(context)
        return context.new_page()

    yield _open
    for context in contexts:
        context.close()


def search(page, site_url: str, lang: str, query: str) -> list[dict]:
    """Material's search opened on a language's home with `query` (its ?q= address): each result
    item's link addresses, its page's title and the project tags it shows (a project's overview,
    titled by the project, has none)."""
    page.goto(f"{site_url}/{prefix(lang)}?q={query}")
    page.locator(".md-search-result__item").first.wait_for()
    return page.evaluate("""() => [...document.querySelectorAll(".md-search-result__item")].map(item => ({
        links: [...item.querySelectorAll("a.md-search-result__link")].map(a => a.href),
        title: item.querySelector("a.md-search-result__link:first-of-type h1").textContent.trim(),
        tags: [...item.querySelectorAll("a.md-search-result__link:first-of-type .md-tag")].map(tag => tag.textContent.trim()),
    }))""")


def project_titles(page, site_url: str, lang: str) -> dict[str, str]:
    titles = {}
    for slug in ("lyon-valencia-cookery", "stuttgart-tampere-mechatronics", "alicante-fct-europa"):
        page.goto(f"{site_url}/{prefix(lang)}projects/{slug}/")
        titles[slug] = page.locator("article h1").first.inner_text().strip().rstrip("¶").strip()  # without its permalink
    return titles


@pytest.mark.parametrize("lang,query", [("fr", "cuisine"), ("fr", "Valencia"), ("de", "Praktikum"), ("es", "empresa")])
def test_a_search_finds_pages_of_the_readers_language_each_with_its_project(tab, site_url, lang, query):
    page = tab(1280)
    titles = project_titles(page, site_url, lang)
    results = search(page, site_url, lang, query)
    assert len(results) >= 3, results
    for result in results:
        for link in result["links"]:
            assert urlsplit(link).path.startswith(f"/{lang}/"), (query, link)
        slug = re.match(rf"/{lang}/projects/([^/]+)/", urlsplit(result["links"][0]).path)
        if slug:
            assert result["tags"] == [titles[slug.group(1)]] or result["title"] == titles[slug.group(1)], (result, titles)
    assert any(result["tags"] for result in results), "no result of a project"


@pytest.mark.parametrize("width", WIDTHS)
def test_a_search_in_the_default_language_finds_no_page_of_another(tab, site_url, width):
    page = tab(width)
    titles = project_titles(page, site_url, "en")
    results = search(page, site_url, "en", "placement")
    assert len(results) >= 3
    for result in results:
        for link in result["links"]:
            assert not urlsplit(link).path.startswith(tuple(f"/{lang}/" for lang in OTHERS)), link
        slug = re.match(r"/projects/([^/]+)/", urlsplit(result["links"][0]).path)
        if slug:
            assert result["tags"] == [titles[slug.group(1)]] or result["title"] == titles[slug.group(1)], result
    # Shown: the project's name is visible under the first result, not only in the markup.
    first_tag = page.locator(".md-search-result__item .md-tag").first
    assert first_tag.is_visible() and first_tag.inner_text().strip() in titles.values()


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_of_any_kind_requests_another_site(tab, site_url, width):
    """Every page kind in every language, and the search opened once per language: every request
    the browser makes goes to the site's own origin."""
    page = tab(width)
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site_url))
    requests: list[tuple[str, str]] = []
    visiting = [""]
    page.on("request", lambda request: requests.append((visiting[0], request.url)))
    visited = 0
    for lang in LANGUAGES:
        for kind in PAGE_KINDS:
            visiting[0] = f"/{prefix(lang)}{kind}"
            response = page.goto(f"{site_url}{visiting[0]}", wait_until="load")
            assert response is not None and response.status == (404 if kind == "no-such-page/" else 200), visiting[0]
            visited += 1
        visiting[0] = f"/{prefix(lang)}?q=erasmus (search)"
        search(page, site_url, lang, "erasmus")
    foreign = sorted({(where, url) for where, url in requests
                      if not url.startswith(origin + "/") and not url.startswith(("data:", "blob:", "about:"))})
    assert visited == len(LANGUAGES) * len(PAGE_KINDS)
    assert len(requests) > visited
    assert not foreign, "requests to another site:\n" + "\n".join(f"{where}: {url}" for where, url in foreign)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_footer_names_the_publisher_and_links_its_notices_in_the_readers_language(tab, site_url, lang):
    page = tab(390)
    labels = LOCALES[lang]
    for kind in ("", f"{UPCOMING}call/", f"{COMPLETED}results/"):
        page.goto(f"{site_url}/{prefix(lang)}{kind}")
        footer = page.locator(".mp-footer")
        footer.scroll_into_view_if_needed()
        assert footer.is_visible()
        text = footer.inner_text()
        assert "Réseau Mobilité Pro / VET Mobility Network" in text
        assert labels["footer_published_by"] in text
        assert "contact@reseau-mobilite-pro.example.eu" in text
        assert "Material for MkDocs" in text  # "Made with" stays, not alone
    for label, heading in ((labels["footer_legal_notice"], "legal-notice"), (labels["footer_privacy_notice"], "privacy-notice")):
        page.goto(f"{site_url}/{prefix(lang)}")
        page.locator(".mp-footer a", has_text=label).click()
        page.wait_for_url(f"**/{prefix(lang)}{heading}/")
        assert page.locator("html").get_attribute("lang") == lang
    if lang == "de":
        assert labels["footer_legal_notice"] == "Impressum"
        assert page.locator(".mp-footer a", has_text="Impressum").count() == 1


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_missing_address_shows_the_page_not_found_in_its_language(tab, site_url, lang, width):
    """The test server answers a missing address with the site's 404.html, as GitHub Pages and
    most static hosts do: the page shows the language of the address, leads to that language's
    home, and searches that language for the words of the address."""
    page = tab(width)
    labels = LOCALES[lang]
    response = page.goto(f"{site_url}/{prefix(lang)}projects/lyon-cooks/")
    assert response is not None and response.status == 404
    heading = page.locator("article h1:visible")
    assert heading.count() == 1 and heading.inner_text().strip() == labels["not_found_title"]
    assert heading.evaluate("h1 => h1.closest('[lang]').lang") == lang
    assert labels["not_found_title"] in page.title()
    home = page.get_by_role("link", name=labels["not_found_home"])
    assert home.is_visible()
    find = page.get_by_role("link", name=labels["not_found_search"])
    assert find.is_visible()
    find.click()
    page.wait_for_url(f"**/{prefix(lang)}?q=projects%20lyon%20cooks")
    page.locator(".md-search-result__item").first.wait_for()
    links = page.locator("a.md-search-result__link").evaluate_all("links => links.map(a => a.href)")
    assert links and all(urlsplit(link).path.startswith(f"/{prefix(lang)}") for link in links)
    assert not any(urlsplit(link).path.startswith(tuple(f"/{other}/" for other in OTHERS if other != lang)) for link in links)
    page.go_back()
    page.get_by_role("link", name=labels["not_found_home"]).click()
    page.wait_for_url(f"{site_url}/{prefix(lang)}")


def test_each_language_has_its_own_page_not_found(examples):
    """For hosts that serve the nearest 404.html: one in each language's folder, in its language."""
    for lang in LANGUAGES:
        html = (examples.site / prefix(lang) / "404.html").read_text(encoding="utf-8")
        assert re.search(rf'<html\b[^>]*\blang="{lang}"', html), lang
        assert LOCALES[lang]["not_found_title"] in html
