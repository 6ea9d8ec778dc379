"""The example portal that `./run build` makes: strict build, every language, both statuses."""

import re

import pytest

SITE_LANGUAGES = ["en", "fr", "es", "de", "fi"]
PROJECTS = {
    "lyon-valencia-cookery": ("fr", {"fr", "es", "en"}),
    "stuttgart-tampere-mechatronics": ("de", {"de", "fi", "en"}),
}


def test_the_examples_build_strict_without_a_warning(examples):
    assert "WARNING" not in examples.output


@pytest.mark.parametrize("lang", SITE_LANGUAGES)
def test_every_example_project_has_a_page_in_every_site_language(examples, lang):
    prefix = "" if lang == "en" else f"{lang}/"
    home = examples.page(prefix)
    assert f'<html lang="{lang}"' in home
    for slug, (_main, offered) in PROJECTS.items():
        page = examples.page(f"{prefix}projects/{slug}")
        assert f'href="{slug}/"' in home or f'href="projects/{slug}/"' in home
        notice = 'class="admonition info"' in page
        assert notice == (lang not in offered), (slug, lang)


def test_one_example_is_upcoming_and_one_completed(examples):
    home = examples.page("")
    assert re.search(r"mp-status--upcoming\">Upcoming</span>.*?lyon-valencia-cookery", home, re.S)
    assert re.search(r"mp-status--completed\">Completed</span>.*?stuttgart-tampere-mechatronics", home, re.S)
    assert home.index("lyon-valencia-cookery") < home.index("stuttgart-tampere-mechatronics")


def test_the_example_partners_show_logos_and_contacts(examples):
    page = examples.page("fr/projects/lyon-valencia-cookery")
    logos = re.findall(r'<img alt="Logo\W[^"]+" class="mp-logo"[^>]* src="([^"]+)"', page)  # "Logo : ..."
    assert len(logos) == 3
    for logo in logos:
        assert (examples.site / "fr/projects/lyon-valencia-cookery" / logo).is_file()
    assert "mailto:" in page and "tel:" in page


def test_a_partner_description_is_a_paragraph_of_its_own(examples):
    page = examples.page("de/projects/stuttgart-tampere-mechatronics")
    assert re.search(r'example\.fi</a></p>\s*<div class="mp-prose">\s*<p>Öffentliches Berufsbildungszentrum', page)


GUIDE_PAGES = [
    "for/learners", "for/sending-companies", "for/host-partner", "for/host-companies",
    "for/funders-and-public", "call", "learning-outcomes", "pedagogical-contract", "host-companies",
    "practical", "preparation", "programme", "during", "timeline", "news",
]


@pytest.mark.parametrize("slug", sorted(PROJECTS))
@pytest.mark.parametrize("lang", SITE_LANGUAGES)
def test_the_examples_fill_every_page_of_the_guide_in_every_language(examples, slug, lang):
    prefix = "" if lang == "en" else f"{lang}/"
    for page in GUIDE_PAGES:
        html = examples.page(f"{prefix}projects/{slug}/{page}")
        assert "mp-untranslated" not in html, (page, lang)  # every text translated where offered
    assert (examples.site / f"{prefix}projects/{slug}/timeline.ics").is_file()


def test_no_example_shows_an_overdue_step_to_the_public(examples):
    # Lyon has a step past its date (the coordinator's preview and `mobility-portal status` say so)
    assert "mp-step--overdue" not in examples.page("projects/lyon-valencia-cookery/timeline")
    assert "mp-step--overdue" not in examples.page("projects/stuttgart-tampere-mechatronics/timeline")


def test_the_home_lists_the_news_of_all_projects_newest_first(examples):
    home = examples.page("")
    news = home[home.index('id="latest-news"'):]
    dates = re.findall(r'news/#(\d{4}-\d{2}-\d{2})-', news)
    assert len(dates) == 6 and dates == sorted(dates, reverse=True)
    assert "lyon-valencia-cookery/news/" in news and "stuttgart-tampere-mechatronics/news/" in news


def test_a_date_that_starts_with_a_number_is_not_read_as_a_list(examples):
    # "8. März" at the start of a line would make an ordered list in Markdown
    home = examples.page("de")
    assert '<span class="mp-dates">8. März\u2009–\u20092. Apr. 2027</span>' in home
    cards = home.split('class="grid cards mp-projects"')[1].split("</ul>")[0]
    assert "<ol" not in cards
