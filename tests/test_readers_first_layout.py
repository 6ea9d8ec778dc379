"""Readers first (issue 18, items 10 to 12: results, home, layout), in a real browser at the width of a phone (390 px)
and of a laptop (1280 px): results that read on both, a home that presents its projects, and the
layout papercuts gone. Each test fails if the feature it names breaks."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow  # the example portal built, a browser

STUTTGART = "projects/stuttgart-tampere-mechatronics"
LYON = "projects/lyon-valencia-cookery"
WIDTHS = [390, 1280]


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}px")
def page(request, browser):
    context = browser.new_context(viewport={"width": request.param, "height": 900})
    yield context.new_page()
    context.close()


def no_overflow(page, selector: str) -> list[str]:
    """The elements matching `selector` wider inside than their box, or sticking out of the page."""
    return page.evaluate("""selector => [...document.querySelectorAll(selector)].filter(node => {
        const box = node.getBoundingClientRect();
        return node.scrollWidth > node.clientWidth + 1 || box.right > document.documentElement.clientWidth + 1;
    }).map(node => node.outerHTML.slice(0, 120))""", selector)


# 10. Results readable on a phone and a laptop

def test_the_results_page_never_scrolls_sideways(page, site_url):
    page.goto(f"{site_url}/{STUTTGART}/results/")
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    assert page.locator("article svg.mp-chart").count() == 3
    for selector in ("article svg.mp-chart", "article figure.mp-figure", "article table",
                     "article .md-typeset__table", "article .md-typeset__scrollwrap", "article .mp-scale"):
        assert no_overflow(page, selector) == [], selector


def test_each_chart_names_its_questions_by_their_words(page, site_url):
    page.goto(f"{site_url}/{STUTTGART}/results/")
    for chart in page.locator("article figure.mp-figure").all():
        drawn = " ".join(chart.locator("svg text").all_text_contents())
        table = chart.locator("xpath=following-sibling::*[1]")
        questions = [row.strip() for row in table.locator("tbody tr td:first-child").all_inner_texts()]
        assert len(questions) >= 7
        for question in questions:
            assert all(word in drawn for word in question.split()), (question, drawn)
        assert "Q1" not in drawn
        description = chart.locator("svg desc").text_content()
        assert questions[0] in description
    assert "The preparation before departure was useful." in page.locator("article svg.mp-chart").first.text_content()


def test_the_answer_scale_is_visible_beside_each_chart(page, site_url):
    page.goto(f"{site_url}/{STUTTGART}/results/")
    scale = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]
    width = page.evaluate("document.documentElement.clientWidth")
    for legend in page.locator("article figcaption.mp-scale").all():
        points = legend.locator(".mp-scale__point")
        assert points.count() == 5
        for number, (point, label) in enumerate(zip(points.all(), scale), start=1):
            point.scroll_into_view_if_needed()
            assert point.is_visible()
            assert point.inner_text().strip() == f"{number} {label}"
            box = point.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, (label, box)


def test_the_survey_table_fits_the_column_with_one_line_per_question_on_a_phone(page, site_url):
    page.goto(f"{site_url}/{STUTTGART}/results/")
    table = page.locator("article .mp-survey-table table").first
    row = table.locator("tbody tr").first
    question, first_count = row.locator("td").nth(0).bounding_box(), row.locator("td").nth(1).bounding_box()
    if page.viewport_size["width"] < 600:  # the question on its line, its numbers under it
        assert first_count["y"] >= question["y"] + question["height"] - 1
    else:  # a table: the numbers beside their question
        assert abs(first_count["y"] - question["y"]) < 2
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth")


# 11. A home page that presents

def test_every_home_card_has_its_cover_picture_and_key_figures(page, site_url):
    page.goto(f"{site_url}/")
    cards = page.locator(".mp-projects li:visible")
    assert cards.count() == 3
    for card in cards.all():
        cover = card.locator("img.mp-cover")
        cover.scroll_into_view_if_needed()
        assert cover.is_visible()
        assert len(cover.get_attribute("alt")) > 20
        assert cover.evaluate("img => img.complete && img.naturalWidth > 0")
        text = card.inner_text()
        assert "learners" in text and "Partner organisations: " in text
    assert "8 learners" in cards.nth(2).inner_text()  # the completed project counts who took part
    assert no_overflow(page, ".mp-projects li") == []


def test_the_user_guide_is_out_of_the_public_menu_but_reachable(page, site_url):
    page.goto(f"{site_url}/")
    guide = page.locator('.md-nav--primary > .md-nav__list > li:has(> a[href$="guide/"])')
    assert guide.count() == 1 and guide.evaluate("li => getComputedStyle(li).display") == "none"
    link = page.locator(".mp-coordinators a")
    assert link.inner_text() == "For coordinators: the user guide"
    link.click()
    page.wait_for_url("**/guide/")
    assert page.locator("h1").inner_text().startswith("User guide")
    section = page.locator(".md-nav--primary > .md-nav__list > li.md-nav__item--active")
    assert "User guide" in section.inner_text()  # inside the guide, its own menu


def test_the_cover_and_the_funders_logos_are_on_the_project_pages(page, site_url):
    page.goto(f"{site_url}/{LYON}/")
    cover = page.locator("article figure.mp-cover-figure img")
    assert cover.get_attribute("alt").startswith("Drawing of a restaurant kitchen in Valencia")
    assert cover.evaluate("img => img.naturalWidth > 0")
    for address in (f"{LYON}/", f"{LYON}/preparation/"):
        page.goto(f"{site_url}/{address}")
        logo = page.locator('article .mp-funder-logo img[alt="Logo of Région Auvergne-Rhône-Alpes"]')
        logo.scroll_into_view_if_needed()
        assert logo.is_visible() and logo.evaluate("img => img.naturalWidth > 0"), address
        assert page.locator("article .mp-funder-logo figcaption").count() == 2  # the Erasmus+ funder by name
        assert no_overflow(page, "article .mp-funder-logos") == []


# 12. Layout papercuts

def test_key_value_tables_have_room_between_key_and_value(page, site_url):
    page.goto(f"{site_url}/{LYON}/")
    facts = page.locator("article table.mp-facts").first
    key, value = facts.locator("th").first.bounding_box(), facts.locator("td").first.bounding_box()
    if page.viewport_size["width"] < 600:  # the key above its value
        assert value["y"] >= key["y"] + key["height"] - 1
    else:
        padding = facts.locator("th").first.evaluate("th => parseFloat(getComputedStyle(th).paddingRight)")
        assert padding >= 12 and value["x"] >= key["x"] + key["width"]
    rule = facts.locator("td").first.evaluate("td => getComputedStyle(td).borderBottomStyle")
    assert rule == "solid"
    assert no_overflow(page, "article table.mp-facts") == []


def test_learner_profiles_are_one_readable_table_each(page, site_url):
    page.goto(f"{site_url}/{LYON}/for/host-companies/")
    profiles = page.locator("article table.mp-profile")
    assert profiles.count() >= 2
    assert profiles.first.locator("caption").inner_text()
    assert no_overflow(page, "article table.mp-profile") == []
    assert profiles.first.evaluate("t => t.getBoundingClientRect().width") <= page.evaluate(
        "document.querySelector('article').clientWidth")


@pytest.mark.parametrize("lang, start, end", [("", "“", "”"), ("de/", "„", "“"), ("fr/", "«\u202f", "\u202f»")])
def test_testimonials_are_quotations_in_the_language_s_marks(page, site_url, lang, start, end):
    page.goto(f"{site_url}/{lang}{STUTTGART}/dissemination/")
    quotes = page.locator("article figure.mp-quote")
    assert quotes.count() == 3
    for quote in quotes.all():
        said = quote.locator("blockquote").inner_text().strip()
        assert said.startswith(start.strip()) and said.endswith(end.strip()), said
        assert quote.locator("figcaption").inner_text().startswith("— ")
        assert quote.locator("blockquote").evaluate("q => getComputedStyle(q).borderLeftStyle") == "solid"
    if not lang:
        assert "«" not in quotes.first.inner_text()


def test_thank_you_cards_are_alike(page, site_url):
    page.goto(f"{site_url}/{STUTTGART}/dissemination/")
    cards = page.locator("article .mp-thanks li")
    assert cards.count() >= 5
    offsets = set()
    for card in cards.all():
        mark, name = card.locator(".mp-thanks-logo"), card.locator(".mp-thanks-name")
        box = mark.bounding_box()
        assert round(box["width"]) == 48 and round(box["height"]) == 48
        offsets.add(round(name.bounding_box()["x"] - card.bounding_box()["x"]))
    assert len(offsets) == 1, offsets  # every name starts at the same place in its card


def test_the_documents_checklist_has_a_box_and_no_bullet(page, site_url):
    page.goto(f"{site_url}/{LYON}/call/")
    items = page.locator("article ul.mp-checklist li")
    assert items.count() >= 3
    for item in items.all():
        assert item.evaluate("li => getComputedStyle(li).listStyleType") == "none"
        assert item.evaluate("li => getComputedStyle(li, '::before').content") in ("none", "normal")
        assert item.locator(".mp-box").is_visible()
