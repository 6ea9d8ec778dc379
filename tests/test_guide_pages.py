"""The guide's pages, built for real from tests/roots/guide: every audience and every step."""

import datetime as dt
import re

import icalendar
import pytest

from conftest import article_text as text
from conftest import built

PAGES = [
    "", "for/learners", "for/sending-companies", "for/host-partner", "for/host-companies",
    "for/funders-and-public", "call", "learning-outcomes", "pedagogical-contract", "host-companies",
    "host-companies/padaria-sol", "host-companies/padaria-lua", "practical", "preparation",
    "programme", "during", "timeline", "news",
]


@pytest.fixture(scope="module")
def guide(tmp_path_factory):
    return built(tmp_path_factory, "guide", "--strict")




@pytest.mark.parametrize("lang", ["", "fr/"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_kind_exists_in_every_language_with_the_eu_disclaimer(guide, lang, page):
    html = guide.page(f"{lang}projects/gamma/{page}")
    assert "mp-eu-funding" in html and "Erasmus+ France" in html


def test_the_overview_links_every_page_of_the_project(guide):
    overview = guide.page("projects/gamma")
    for page in PAGES[1:]:
        if page.startswith("host-companies/"):
            continue
        assert f'href="{page}/"' in overview, page


def test_an_audience_page_gives_key_message_expectations_its_steps_and_the_communication_plan(guide):
    learners = text(guide.page("projects/gamma/for/learners"))
    assert "In short — Bake in Porto and earn a unit of your diploma." in learners
    assert "What is expected of you Be on time every morning" in learners
    # the steps of the checklist for learners, with their dates; not the steps of other audiences
    assert "September 20, 2026 Inform candidates Coordinator Done" in learners
    assert "Disseminate" not in learners and "Preparatory visit" not in learners
    assert "Information meeting January 12, 2027 School hall Mobility coordinator" in learners
    assert "Bakery teacher Visits each company weekly" in learners
    french = text(guide.page("fr/projects/gamma/for/learners"))
    assert "Réunion d&#39;information 12 janvier 2027 Salle polyvalente Coordinatrice mobilité" in french


def test_the_host_partner_and_host_companies_see_the_learner_profiles(guide):
    for audience in ("host-partner", "host-companies"):
        page = text(guide.page(f"projects/gamma/for/{audience}"))
        assert re.search(r"CAP Baker, first year .*Age 16-18 .*6 .*A2", page), page  # one table per profile
    assert "CAP Baker, first year" not in text(guide.page("projects/gamma/for/learners"))
    assert "Preparatory visit to Porto" in text(guide.page("projects/gamma/for/host-partner"))


def test_the_call_page_has_dates_weighted_criteria_application_and_the_document_checklist(guide):
    call = text(guide.page("projects/gamma/call"))
    assert "Deadline for applications October 31, 2026" in call
    assert "Motivation 60% Employer&#39;s support 40%" in call  # as English writes percentages (CLDR)
    # On the build date (29 November 2026) the call is closed: it says so, and offers no way to apply.
    assert "This call is closed." in call
    assert "apply.example.org" not in guide.page("projects/gamma/call")
    # A project's own files are in the site once, under the default language, for every language.
    assert (guide.site / "projects/gamma/files/application-form.pdf").read_bytes().startswith(b"%PDF")
    assert not (guide.site / "fr/projects/gamma/files").exists()
    for document in ("Curriculum vitae (CV)", "Cover letter", "Employer&#39;s authorisation",
                     "Proof of insurance", "Identity card or passport", "Parental authorisation"):
        assert document in call


@pytest.mark.parametrize("epoch, state, apply", [
    ("1790726400", "Applications open on October 1, 2026.", False),  # 2026-09-30: upcoming
    ("1791676800", "Applications are open until October 31, 2026.", True),  # 2026-10-11: open
])
def test_the_call_page_knows_the_build_date(site_root, epoch, state, apply):
    from conftest import run_mkdocs

    root = site_root("guide")
    result = run_mkdocs(root, "build", epoch=epoch, MOBILITY_PORTAL_PDF="off")
    assert result.returncode == 0, result.output
    html = result.page("projects/gamma/call")
    assert state in text(html)
    assert ('href="https://apply.example.org/porto"' in html) is apply
    assert ('href="../files/application-form.pdf"' in html) is True
    fr = result.page("fr/projects/gamma/call")
    assert 'href="../../../../projects/gamma/files/application-form.pdf"' in fr


def test_the_contract_page_links_units_per_profile_and_host_company(guide):
    html = guide.page("projects/gamma/pedagogical-contract")
    assert '<a href="../host-companies/padaria-sol/">Padaria do Sol</a>' in html
    assert '<a href="../learning-outcomes/#bread">Make traditional bread</a>' in html
    page = text(html)
    assert "The learner" in page and "Boulangerie Durand (Sending company)" in page
    assert "Evaluation grid" in page and "Individual statement of results" in page


def test_a_host_company_page_shows_tasks_hours_units_and_a_tutor_name_only_with_consent(guide):
    sol = text(guide.page("projects/gamma/host-companies/padaria-sol"))
    assert "Tasks Shape loaves" in sol
    assert "Working hours: 5:00 to 12:00" in sol
    assert "Tutor Rui Costa Master baker" in sol
    assert "Make traditional bread" in sol and "CAP Baker, first year" in sol
    lua = text(guide.page("projects/gamma/host-companies/padaria-lua"))
    assert "Tutor Head baker" in lua


def test_practical_information_has_the_ehic_and_emergency_numbers(guide):
    html = guide.page("projects/gamma/practical")
    assert "European Health Insurance Card (EHIC)" in html
    assert '<a href="tel:112">112</a>' in html
    assert '<a href="tel:+33611223344">+33 6 11 22 33 44</a>' in html


def test_preparation_programme_and_during_pages(guide):
    assert "Bakeries start at 5 in the morning." in text(guide.page("projects/gamma/preparation"))
    assert "Région Pays de la Loire : Frais de voyage" in text(guide.page("fr/projects/gamma/preparation"))
    assert "Week 1 May 3, 2027 Welcome and first days in the bakery" in text(guide.page("projects/gamma/programme"))
    during = text(guide.page("projects/gamma/during"))
    assert "How often: Every week" in during
    assert "Each learner receives a Europass Mobility." in during


def test_the_timeline_lists_undated_steps_and_keeps_overdue_for_the_coordinator(guide):
    html = guide.page("projects/gamma/timeline")
    assert "mp-step--overdue" not in html  # "overdue" is internal: the preview and `status` show it
    page = text(html)
    assert "Not yet dated Disseminate" in page
    assert page.index("Before the mobility") < page.index("During the mobility") < page.index("After the mobility")


def test_the_calendar_file_holds_the_period_and_the_dated_steps(guide):
    ics = guide.site / "fr/projects/gamma/timeline.ics"
    calendar = icalendar.Calendar.from_ical(ics.read_bytes())
    events = {str(event["uid"]): event for event in calendar.walk("VEVENT")}
    assert sorted(events) == [
        "gamma-period-may@mobility-portal",
        "gamma-step-debriefing@mobility-portal",
        "gamma-step-inform-candidates@mobility-portal",
        "gamma-step-sign-contract@mobility-portal",
        "gamma-step-visit-porto@mobility-portal",
    ]
    period = events["gamma-period-may@mobility-portal"]
    assert str(period["summary"]) == "Mobilité\u00a0: Groupe de mai"  # the French no-break space before the colon
    assert period.decoded("dtstart") == dt.date(2027, 5, 3)
    assert period.decoded("dtend") == dt.date(2027, 5, 29)  # exclusive, as RFC 5545 wants
    assert str(events["gamma-step-inform-candidates@mobility-portal"]["summary"]) == "Informer les candidats"
    assert 'href="../timeline.ics"' in guide.page("fr/projects/gamma/timeline")


def test_news_newest_first_on_the_project_and_the_home(guide):
    news = text(guide.page("projects/gamma/news"))
    assert news.index("Six learners selected") < news.index("The call is open")
    home = guide.page("")
    assert home.index("Six learners selected") < home.index("The call is open")
    assert 'href="projects/gamma/news/#2026-11-16-selection_results"' in home
