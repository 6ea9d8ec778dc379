"""What a person sees, in a real browser: Debian's chromium, headless, driven by Playwright."""

import pytest

pytestmark = pytest.mark.slow  # real builds, a browser, a server or an external checker


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def test_the_home_shows_a_card_per_project_upcoming_first(page, site_url):
    page.goto(site_url + "/")
    cards = page.locator(".mp-projects li:visible")
    assert cards.count() == 3
    assert [card.split("\n")[0] for card in cards.all_inner_texts()] == ["Upcoming", "Upcoming", "Completed"]
    assert cards.nth(0).locator("a").is_visible()


def test_the_home_filters_projects_by_status(page, site_url):
    page.goto(site_url + "/fr/")
    assert page.locator(".tabbed-labels label").all_inner_texts() == ["Tous", "À venir", "Terminé"]
    page.locator(".tabbed-labels label", has_text="Terminé").click()
    cards = page.locator(".mp-projects li:visible")
    assert cards.count() == 1
    assert "Mechatronics without borders" in cards.nth(0).inner_text()  # a de/fi/en project: English for a French reader


def test_a_card_leads_to_the_project_with_its_emblem_visible(page, site_url):
    page.goto(site_url + "/")
    page.locator(".mp-projects li:visible").nth(2).locator("a").first.click()
    page.wait_for_url("**/projects/stuttgart-tampere-mechatronics/")
    emblem = page.locator(".mp-eu-funding img")
    emblem.scroll_into_view_if_needed()
    assert emblem.is_visible()
    assert page.evaluate("img => img.naturalWidth", emblem.element_handle()) > 0
    assert page.locator(".mp-eu-funding").inner_text().startswith("Co-funded by the European Union")


def test_the_language_switcher_keeps_the_reader_on_the_same_project(page, site_url):
    page.goto(site_url + "/projects/lyon-valencia-cookery/")
    page.locator(".md-header__option .md-select").first.hover()
    page.get_by_role("link", name="Español").click()
    page.wait_for_url("**/es/projects/lyon-valencia-cookery/")
    assert page.locator("html").get_attribute("lang") == "es"
    assert "Valencia" in page.locator("h1").inner_text()
    assert "Objetivos" in page.locator("article").inner_text()
