"""Readers first (issue 18): pages know the build date, internal matter stays internal, each
audience page opens with what its reader does next and whom to ask, emergency numbers near the
top, and a project not in the reader's language is shown in the portal's fallback language."""

import dataclasses
import html as html_module
import re
import subprocess
import sys

import pytest
import yaml
from pypdf import PdfReader

from conftest import BUILD_EPOCH, REPO, article_text, copy_root, edit
from mobility_portal.build.generation import Generation
from mobility_portal.build.portal_config import PortalConfigError, read_portal_config, settings_of
from mobility_portal.render.templates import reading_language

LYON, STUTTGART, ALICANTE = "lyon-valencia-cookery", "stuttgart-tampere-mechatronics", "alicante-fct-europa"
INTERNAL_NOTE = "encore en relecture à l'IES"  # a step's internal note in the Lyon example
PROJECT_NOTE = "Relancer l'hôtel Jardí del Túria"  # one of its project's internal notes
OVERDUE_LABELS = {"en": "Overdue", "fr": "En retard", "es": "Retrasado", "de": "Überfällig", "fi": "Myöhässä"}


def words(html: str) -> str:
    """The article's text without the headings' permalink marks."""
    return html_module.unescape(article_text(html)).replace(" ¶", "").strip()


def generated(root, *, coordinator: bool) -> dict[str, str]:
    """The staged pages of a root, as the published build or the coordinator's preview makes them."""
    settings = dataclasses.replace(settings_of(root / "mkdocs.yml", pdf=False), workers=1, coordinator=coordinator)
    return {path: content.decode() for path, content in Generation(settings).run().files.items() if path.endswith(".md")}


@pytest.fixture
def gamma_with_a_note(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_EPOCH)
    root = copy_root("guide", tmp_path)
    edit(root / "projects/gamma/project.yml", "{step: sign-contract, date: 2026-11-15, status: todo}",
         "{step: sign-contract, date: 2026-11-15, status: todo, internal_note: Two signatures missing (Padaria Lua)}")
    return root


# ---------------------------------------------------------------- internal matter stays internal


def test_the_published_timeline_shows_no_overdue_badge_and_no_internal_note(gamma_with_a_note):
    pages = generated(gamma_with_a_note, coordinator=False)
    for path, page in pages.items():
        assert "mp-step--overdue" not in page, path
        assert "Two signatures missing" not in page, path


def test_the_coordinators_preview_marks_the_overdue_step_with_its_internal_note(gamma_with_a_note):
    timeline = generated(gamma_with_a_note, coordinator=True)["en/projects/gamma/timeline.md"]
    rows = [row for row in timeline.splitlines() if "mp-step--overdue" in row]
    assert len(rows) == 1 and "Sign the contract" in rows[0] and "Two signatures missing (Padaria Lua)" in rows[0]


def test_no_overdue_text_and_no_internal_note_anywhere_in_the_example_site(examples):
    for path in examples.site.rglob("*"):
        if not path.is_file() or path.suffix in (".png", ".jpg", ".woff2", ".pdf"):
            continue
        data = path.read_bytes().decode("utf-8", errors="replace")
        assert "mp-step--overdue\"" not in data and 'mp-step mp-step--overdue' not in data, path
        assert INTERNAL_NOTE not in data and PROJECT_NOTE not in data, path
        if path.suffix == ".html":
            page = article_text(data) if "<article" in data else ""
            assert not any(re.search(rf"\b{label}\b", page) for label in OVERDUE_LABELS.values()), path
    for pdf in (examples.site / f"projects/{LYON}/downloads").glob("*.pdf"):
        text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
        assert "relecture" not in text and "Relancer" not in text, pdf


def test_the_status_report_tells_the_coordinator_what_is_late_coming_and_noted():
    env = {"SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO / "hooks"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "mobility_portal", "status", LYON], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report = result.stdout
    assert report.startswith(f"projects/{LYON}: De Lyon à Valencia")
    assert "upcoming, 2027-03-08 to 2027-04-02 (today 2026-11-29)" in report
    overdue = report.split("overdue (1):")[1].split("in the next 30 days")[0]
    assert "2026-11-20  finalise-contract" in overdue and INTERNAL_NOTE in overdue
    assert "2026-12-11  sign-contract" in report.split("in the next 30 days (2):")[1]
    assert f"note: {PROJECT_NOTE}" in report
    assert f"projects/{STUTTGART}" not in report  # one project asked for, one reported


def test_the_status_of_an_unknown_project_is_one_line():
    env = {"SOURCE_DATE_EPOCH": BUILD_EPOCH, "PYTHONPATH": str(REPO / "hooks"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-m", "mobility_portal", "status", "nowhere"], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2 and result.stderr == "mobility-portal: no project folder projects/nowhere\n"


# ---------------------------------------------------------------- pages know the build date


def test_a_completed_project_shows_no_pending_or_undated_step(examples):
    for lang in ("", "de/", "fi/"):
        timeline = examples.page(f"{lang}projects/{STUTTGART}/timeline")
        assert "mp-undated" not in timeline and "mp-step--todo" not in timeline  # open steps left, never dated
        assert timeline.count("mp-step--done") >= 10
        assert timeline.count("mp-step--doing") == 1  # the dissemination, still under way after the stay
    learners = words(examples.page(f"projects/{STUTTGART}/for/learners"))
    assert "Next steps The project is completed. Results Your contact" in learners


def test_an_upcoming_project_still_lists_its_undated_steps(examples):
    assert "mp-undated" in examples.page(f"projects/{ALICANTE}/timeline")


def test_an_open_call_says_by_when_and_a_closed_call_is_not_offered(examples):
    open_call = words(examples.page(f"es/projects/{ALICANTE}/for/learners"))
    assert "Próximos pasos El plazo de solicitud termina el 4 de diciembre de 2026. Convocatoria y selección" in open_call
    closed = words(examples.page(f"projects/{LYON}/for/learners"))
    assert "Applications close" not in closed and "Applications open" not in closed


def test_the_publish_workflow_rebuilds_every_day():
    workflow = yaml.safe_load((REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert re.fullmatch(r"\d+ \d+ \* \* \*", triggers["schedule"][0]["cron"])
    assert "push" in triggers


# ---------------------------------------------------------------- what you do next, whom to ask


def test_each_audience_page_opens_with_next_steps_and_a_contact_to_call(examples):
    for audience in ("learners", "sending-companies", "host-partner", "host-companies"):
        html = examples.page(f"projects/{LYON}/for/{audience}")
        article = re.search(r"<article.*?</article>", html, re.S).group(0)
        first = article.index('class="mp-next"')
        assert first < article.index("mp-key-message"), audience
        block = article[first:article.index("</div>", first)]
        assert "Your contact" in block and 'href="tel:+' in block and 'href="mailto:' in block, audience
    learners = words(examples.page(f"projects/{LYON}/for/learners"))
    assert re.search(r"Next steps .*Dec 11, 2026 – Feb 17, 2027 — Sign the pedagogical contract", learners)
    host_companies = words(examples.page(f"projects/{LYON}/for/host-companies"))
    assert "IES Escola d'Hostaleria del Túria" in host_companies.split("Your contact")[1][:300]  # the host side answers them


def test_the_funders_page_presents_the_project_and_lists_no_tasks(examples):
    html = examples.page(f"projects/{STUTTGART}/for/funders-and-public")
    assert "mp-next" not in html and "mp-step--" not in html
    page = article_text(html)
    assert "Partners" in page and "Pyynikin ammattiopisto" in page
    assert "Results" in page and "All eight apprentices" in page


# ---------------------------------------------------------------- emergencies


def test_the_emergency_numbers_are_near_the_top_as_links_to_call(examples):
    for page in ("for/learners", "for/host-companies", "practical"):
        html = examples.page(f"projects/{LYON}/{page}")
        article = re.search(r"<article.*?</article>", html, re.S).group(0)
        box = article[article.index('class="mp-emergency"'):]
        box = box[:box.index("</div>")]
        assert '<a href="tel:112">112</a>' in box, page
        assert re.search(r'<a href="tel:\+34\d+">\+34[\d ]+</a>', box), page
        assert article.index('class="mp-emergency"') < len(article) // 3, page  # near the top


def test_the_host_companies_pack_carries_the_emergency_sheet(examples):
    reader = PdfReader(examples.site / f"fr/projects/{LYON}/downloads/info-pack-host-companies.pdf")
    pages = [page.extract_text() for page in reader.pages]
    sheet = [number for number, text in enumerate(pages) if "112" in text and "pompiers" in text]  # the numbers, not the contents
    assert sheet == [0, len(pages) - 1] and "Numéros et contacts d" in pages[-1]  # on page 1, and the whole sheet last


@pytest.mark.parametrize("width", [390, 1280])
def test_the_next_steps_and_emergency_boxes_read_well_on_a_phone_and_a_laptop(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{site_url}/projects/{LYON}/for/learners/")
        next_steps, emergency = page.locator(".mp-next"), page.locator(".mp-emergency")
        assert next_steps.is_visible() and emergency.is_visible()
        article = page.locator("article").bounding_box()
        for box in (next_steps.bounding_box(), emergency.bounding_box()):
            assert box["x"] >= article["x"] - 1 and box["x"] + box["width"] <= article["x"] + article["width"] + 1
        assert next_steps.bounding_box()["y"] < 400  # the first thing under the title
        assert emergency.bounding_box()["y"] < (1600 if width == 390 else 900)
        numbers = emergency.locator("a[href^='tel:']")
        assert numbers.count() >= 3
        for index in range(numbers.count()):
            link = numbers.nth(index).bounding_box()
            assert link["height"] >= 20 and link["x"] + link["width"] <= width  # big enough to tap, never cut
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        context.close()


# ---------------------------------------------------------------- the fallback language chain


def test_a_project_not_in_the_readers_language_is_read_in_the_first_fallback_it_has():
    assert reading_language("de", ["fr", "es", "en"], ("en",)).content == "en"
    assert reading_language("de", ["fr", "es", "en"], ()).content == "fr"  # no fallback: the main language
    assert reading_language("de", ["fr", "es"], ("en",)).content == "fr"
    assert reading_language("es", ["fr", "es", "en"], ("en",)).content == "es"
    assert reading_language("fi", ["de", "fi", "en"], ("fr", "en")).content == "fi"
    german = reading_language("de", ["fr", "es", "en"], ("it", "en"))
    assert (german.content, german.main, german.offered) == ("en", "fr", False)


def test_a_german_reader_reads_the_french_project_in_english_and_is_told(examples):
    html = examples.page(f"de/projects/{LYON}")
    assert words(html).startswith("From Lyon to Valencia — four weeks in Valencian kitchens In dieser Sprache nicht verfügbar")
    assert "Seine Texte werden auf Englisch angezeigt." in words(html)
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', html, re.S).group(0)
    assert "From Lyon to Valencia" in nav and "De Lyon à Valencia" not in nav


def test_the_fallback_languages_are_read_from_mkdocs_yml(tmp_path):
    root = copy_root("guide", tmp_path)
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert read_portal_config(config).fallback_languages == (("en",) if "locale: en" in text else ())
    config.write_text(text.replace("extra:\n", "extra:\n  portal:\n    fallback_languages: [xx]\n", 1)
                      if "extra:\n" in text else text + "extra:\n  portal:\n    fallback_languages: [xx]\n", encoding="utf-8")
    with pytest.raises(PortalConfigError, match=r"mkdocs.yml: extra.portal.fallback_languages: xx is not a language of the portal"):
        read_portal_config(config)


@pytest.mark.parametrize("pack", ["info-pack-learners", "info-pack-host-companies"])
def test_the_packs_give_the_emergency_numbers_on_page_one_and_the_whole_sheet_last(examples, pack):
    for slug in (LYON, STUTTGART):
        reader = PdfReader(examples.site / f"projects/{slug}/downloads/{pack}.pdf")
        first, last = reader.pages[0].extract_text(), reader.pages[-1].extract_text()
        project = yaml.safe_load((REPO / f"projects/{slug}/project.yml").read_text(encoding="utf-8"))
        numbers = [item["number"] for item in project["practical"]["emergency_numbers"]]
        assert "Emergency numbers" in first and numbers[0] in first, (slug, pack)  # near the front, for the traveller
        assert "Emergency numbers" in last and all(number in last for number in numbers), (slug, pack)  # the sheet to keep


@pytest.mark.parametrize("width", [390, 1280])
def test_in_the_browser_the_call_open_on_the_build_date_invites_and_the_closed_one_does_not(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{site_url}/es/projects/{ALICANTE}/for/learners/")  # spring call open until 4 December 2026
        assert "El plazo de solicitud termina el 4 de diciembre de 2026." in page.locator(".mp-next").inner_text()
        page.goto(f"{site_url}/es/projects/{ALICANTE}/call/")
        assert page.get_by_text("El plazo de solicitud está abierto hasta el 4 de diciembre de 2026.").first.is_visible()
        page.goto(f"{site_url}/projects/{LYON}/for/learners/")  # its call closed on 9 October 2026
        assert "Applications" not in page.locator(".mp-next").inner_text()
        page.goto(f"{site_url}/projects/{LYON}/call/")
        assert page.get_by_text("This call is closed.").first.is_visible()
        assert page.get_by_role("link", name="Apply online").count() == 0
        page.goto(f"{site_url}/de/projects/{LYON}/")  # a German reader, a French project that exists in English
        assert page.locator("h1").inner_text().startswith("From Lyon to Valencia")
        assert page.locator("h1 [lang='en']").count() == 1
    finally:
        context.close()
