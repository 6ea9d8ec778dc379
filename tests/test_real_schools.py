"""Real schools' shapes: several calls with phases, points as schools count them, destinations in
several countries, a qualification per profile, a documents library, prose with links, news
with pictures, pages that follow the shape of the project, yearly grants, checks across the file.

tests/roots/school is a school-based project (no host partner, no sending companies), built as
of 29 November 2026: its first call is open, its second upcoming."""

from __future__ import annotations

import re
import textwrap

import pytest
from pypdf import PdfReader

from conftest import article_text, built, run_mkdocs
from mobility_portal.load.projects import load_project
from test_model import VALID

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    return built(tmp_path_factory, "school")


def pdf_text(path) -> str:
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or "" for page in PdfReader(path).pages))


# ---------------------------------------------------------------- 1. calls, phases, the build date


def test_each_call_has_its_own_section_state_dates_and_phases(school):
    call = article_text(school.page("projects/delta/call"))
    first, second = call.split("Second call")
    assert "First call" in first and "Applications are open until December 4, 2026." in first
    assert "Provisional list of selected learners By application number. December 14, 2026" in first
    assert "Appeals Dec 15 – 18, 2026" in first.replace("\u2009", " ")
    assert "Final list of selected learners December 21, 2026" in first
    assert "Applications open on January 11, 2027." in second
    html = school.page("projects/delta/call")
    assert html.count('href="https://apply.example.es/delta"') == 1  # the open call only
    assert 'id="first"' in html and 'id="second"' in html  # each call has its anchor


def test_a_call_says_whom_it_is_for_and_where_it_goes(school):
    first = article_text(school.page("projects/delta/call")).split("Second call")[0]
    assert "8 places" in first
    assert "Who it is for Cookery, intermediate Kitchen management, higher" in first
    assert "Destinations Porto, Portugal · Mar 15 – Jun 4, 2027 Bologna, Italy · Mar 15 – Jun 4, 2027" in first.replace("\u2009", " ")


def test_a_rolling_call_needs_no_closing_date(project_folder):
    root, folder = project_folder(VALID + "call: {rolling: true, opens: 2026-01-05}\n")
    loaded, errors = load_project(folder, root)
    assert errors == []
    assert loaded.project.all_calls[0].state(__import__("datetime").date(2030, 1, 1)) == "open"


@pytest.mark.parametrize("yaml, path, message", [
    ("call: {opens: 2026-10-01, closes: 2026-10-31}\ncalls: [{opens: 2026-10-01, closes: 2026-10-31}]\n",
     "calls", "expected call: (one call) or calls: (several), found both"),
    ("calls: [{id: a, opens: 2026-10-01, closes: 2026-10-31}, {opens: 2026-11-01, closes: 2026-11-30}]\n",
     "calls[2]", "expected an id: on each call of a project with several calls, found none"),
    ("call: {opens: 2026-10-01}\n", "call",
     "expected closes: for a call with dates, found none (a call open all the time says rolling: true)"),
    ("call: {opens: 2026-10-01, closes: 2027-03-20, periods: [first]}\n", "call.closes",
     "expected the call to close before its stay begins (first starts on 2027-03-08, line 13), found closes: 2027-03-20"),
], ids=["call-and-calls", "call-without-id", "dates-missing", "closes-after-stay"])
def test_call_mistakes_are_explained(project_folder, yaml, path, message):
    root, folder = project_folder(VALID + yaml)
    errors = [(error.path, error.message) for error in load_project(folder, root)[1]]
    assert (path, message) in errors, errors


# ---------------------------------------------------------------- 2. criteria in points


def test_points_criteria_show_each_maximum_the_total_and_the_scale(school):
    first = article_text(school.page("projects/delta/call")).split("Second call")[0]
    assert "Criterion Points Academic record 4 English A2: 1 · B1: 2 · B2: 3 3 Total 7" in first
    assert "Ties go to the academic record." in first


@pytest.mark.parametrize("criteria, message", [
    ("[{criterion: A, weight: 60}, {criterion: B, points: 4}]",
     "expected one scale for all criteria, found weight: in percent on criterion 1 and points: on criterion 2"),
    ("[{criterion: A, weight: 60, points: 4}]",
     "expected either weight: (percent) or points: (a maximum) on criterion 1, found both"),
    ("[{criterion: A}]", "expected weight: (percent) or points: (a maximum) on criterion 1, found neither"),
    ("[{criterion: A, weight: 60}, {criterion: B, weight: 30}]", "expected weights adding up to 100, found 90"),
], ids=["mixed", "both", "neither", "percent-sum"])
def test_a_points_scale_misuse_is_explained(project_folder, criteria, message):
    root, folder = project_folder(VALID + f"call: {{opens: 2026-10-01, closes: 2026-10-31, criteria: {criteria}}}\n")
    errors = [(error.path, error.message) for error in load_project(folder, root)[1]]
    assert errors == [("call.criteria", message)]


def test_points_need_not_add_up_to_100(project_folder):
    root, folder = project_folder(VALID + "call: {opens: 2026-10-01, closes: 2026-10-31, criteria: "
                                          "[{criterion: A, points: 12}, {criterion: B, points: 8}]}\n")
    loaded, errors = load_project(folder, root)
    assert errors == [] and loaded.project.call.total_points == 20


# ---------------------------------------------------------------- 3. destinations


def test_countries_are_the_sending_country_then_the_destinations(school):
    assert "Countries Spain, Portugal, and Italy" in article_text(school.page("projects/delta")).replace(" ,", ",")
    card = article_text(school.page(""))
    assert "Spain, Portugal, and Italy" in card.replace(" ,", ",")
    assert "Porto, Portugal" in article_text(school.page("projects/delta/host-companies/taberna"))


def test_a_destination_without_a_country_is_an_error(project_folder):
    text = VALID.replace("  - {id: second, start: 2027-05-03, end: 2027-05-28, country: PT, city: Porto}",
                         "  - {id: second, start: 2027-05-03, end: 2027-05-28}")
    root, folder = project_folder(text)
    errors = [str(error) for error in load_project(folder, root)[1]]
    assert errors == ["projects/demo/project.yml:14: mobility_periods[id=second]\n"
                      "    expected the destination of this stay: a country: or a host: partner, found neither\n"
                      "    hint: add country: (a code, like PT) and city: to the period"]


def test_a_host_company_in_a_project_of_several_countries_needs_its_own(project_folder):
    root, folder = project_folder(VALID + "host_companies: [{id: bar, name: Bar, city: Porto}]\n")
    errors = [(error.path, error.message) for error in load_project(folder, root)[1]]
    assert errors == [("host_companies[id=bar]", "expected a country: on this host company, found none: the stays go to ES, PT")]


# ---------------------------------------------------------------- 4. a qualification per profile


def test_the_learning_outcomes_page_lists_each_profiles_qualification(school):
    page = article_text(school.page("projects/delta/learning-outcomes"))
    assert "Qualifications by learner profile" in page
    assert "Cookery, intermediate Technician in Cookery 4 Conselleria" in page
    assert "Kitchen management, higher Higher Technician in Kitchen Management 5 Conselleria" in page


def test_the_blank_certificate_offers_each_qualification_to_tick(school):
    text = pdf_text(school.site / "projects/delta/downloads/certificate-of-attendance.pdf")
    assert "Technician in Cookery · EQF level 4" in text and "Higher Technician in Kitchen Management · EQF level 5" in text
    assert "organised by IES Delta under Erasmus+ KA121-VET, project number 2026-1-ES01-KA121-VET-000356789" in text
    assert "in Porto, Portugal / Bologna, Italy" in text


def test_a_learners_own_documents_print_their_own_qualification(site_root):
    import subprocess
    import sys

    from conftest import BUILD_EPOCH, SESSION_PDF_CACHE

    root = site_root("school")
    private = root / "projects/delta/private"
    private.mkdir()
    (private / "participants.yml").write_text(textwrap.dedent("""
        participants:
          - {id: learner-1, name: Ana Gil, profile: gs, host_company: osteria, language: en}
    """), encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "mobility_portal", "private", "delta"], cwd=root, capture_output=True, text=True,
                            env={**__import__("os").environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1",
                                 "MOBILITY_PORTAL_PDF_CACHE": str(SESSION_PDF_CACHE)})
    assert result.returncode == 0, result.stderr
    for document in ("certificate-of-attendance", "statement-of-results"):
        text = pdf_text(private / f"documents/learner-1/{document}.pdf")
        assert "Higher Technician in Kitchen Management · EQF level 5" in text, document
        assert "Technician in Cookery · EQF level 4" not in text, document


# ---------------------------------------------------------------- 5. the documents library


def test_the_documents_page_lists_the_library_by_category(school):
    page = article_text(school.page("projects/delta/downloads"))
    assert re.search(r"Applying Application form \(PDF, \d+ kB\)", page)
    assert re.search(r"Consent Consent form for minors \(DOCX, \d+ kB\) Signed by a parent or guardian", page)
    assert re.search(r"Quality Quality charter \(PDF, \d+ kB\)", page)
    html = school.page("projects/delta/downloads")
    assert 'href="../files/application.pdf"' in html  # the English file for an English reader
    assert 'href="../../../../projects/delta/files/solicitud.pdf"' in school.page("es/projects/delta/downloads")


def test_each_audience_page_lists_its_documents_and_the_call_page_its_call(school):
    learners = article_text(school.page("projects/delta/for/learners"))
    assert "Documents for you" in learners and "Application form" in learners and "Consent form for minors" in learners
    assert "Quality charter" not in learners
    assert "Quality charter" in article_text(school.page("projects/delta/for/host-companies"))
    first = article_text(school.page("projects/delta/call")).split("Second call")[0]
    assert "Documents to download Application form" in first


def test_the_packs_list_the_documents_of_their_audience_with_their_address(school):
    text = pdf_text(school.site / "projects/delta/downloads/info-pack-learners.pdf")
    assert "Application form" in text and "https://school.example.org/projects/delta/files/application.pdf" in text.replace(" ", "")


def test_a_library_file_in_private_is_refused(project_folder):
    root, folder = project_folder(VALID + "documents: [{id: list, title: List, category: results, file: private/list.pdf}]\n")
    (folder / "private").mkdir()
    (folder / "private/list.pdf").write_bytes(b"%PDF-1.4\n")
    errors = [(error.path, error.message) for error in load_project(folder, root)[1]]
    assert errors[0][0] == "documents[id=list].file" and errors[0][1].startswith("expected a file outside private/")


# ---------------------------------------------------------------- 6. prose: links and light formatting


def test_longer_texts_have_links_emphasis_and_lists_and_nothing_else(school):
    html = school.page("projects/delta/news")
    prose = re.search(r'<div class="mp-prose">(.*?)</div>', html, re.S).group(1)
    assert "<strong>by 4 December</strong>" in prose
    assert "<li>read the conditions</li>" in prose
    assert '<a href="https://school.example.es/erasmus" rel="noopener">More</a>' in prose
    assert "javascript:" not in re.sub(r"\[no\]\(javascript:alert\(1\)\)", "", prose)  # shown as typed, not a link
    assert "[no](javascript:alert(1))" in prose and "&lt;b&gt;no HTML&lt;/b&gt;" in prose
    assert "<img" not in prose
    overview = school.page("projects/delta")
    assert '<a href="https://school.example.es/erasmus" rel="noopener">https://school.example.es/erasmus</a>' in overview
    assert "<strong>Porto</strong>" in overview


def test_prose_is_printed_with_its_formatting(school):
    text = pdf_text(school.site / "projects/delta/downloads/info-pack-funders-and-public.pdf")
    assert "Cookery learners in Porto and Bologna" in text and "**" not in text


# ---------------------------------------------------------------- 7. news with a picture, files and links


def test_news_has_its_picture_attachments_links_and_a_video_link_not_an_embed(school):
    html = school.page("projects/delta/news")
    assert re.search(r'<img alt="Drawing of a kitchen, no people" loading="lazy" src="../images/news.jpg"', html)
    assert 'href="../files/application.pdf"' in html and 'href="https://school.example.es/blog"' in html
    assert 'href="https://video.example.org/watch/delta">Watch the video (on another website)</a>' in html
    assert "<iframe" not in html


def test_a_news_picture_with_faces_needs_consent(project_folder):
    from PIL import Image

    root, folder = project_folder(VALID + textwrap.dedent("""
        news:
          - date: 2026-11-02
            title: Hi
            body: Hello
            picture: {file: images/group.jpg, alt: The group, faces: true}
    """))
    (folder / "images").mkdir()
    Image.new("RGB", (8, 8)).save(folder / "images/group.jpg")
    errors = [(error.path, error.message) for error in load_project(folder, root)[1]]
    assert errors == [("news[1].picture.consent", "expected consent: true for a photo with faces, found no consent")]


# ---------------------------------------------------------------- 8. the shape decides what is shown


def test_a_school_based_project_shows_nothing_for_sending_companies_or_a_host_partner(school):
    folder = school.site / "projects/delta"
    assert sorted(path.name for path in (folder / "for").iterdir()) == ["funders-and-public", "host-companies", "learners"]
    downloads = sorted(path.name for path in (folder / "downloads").glob("*.pdf"))
    assert "questionnaire-sending-companies.pdf" not in downloads and "info-pack-sending-companies.pdf" not in downloads
    timeline = article_text(school.page("projects/delta/timeline"))
    assert "sending compan" not in timeline.lower() and "host partner" not in timeline.lower()
    assert "Sign the pedagogical contract and its annexes with the host companies" in timeline
    assert "Thank the host companies and value their commitment" in timeline
    assert "Tell the host partner the learner profiles" not in timeline


def test_the_documents_step_names_the_documents_the_calls_require(school):
    timeline = article_text(school.page("projects/delta/timeline"))
    assert "Check and collect the application documents: Curriculum vitae (CV) and Identity card or passport" in timeline
    es = article_text(school.page("es/projects/delta/timeline"))
    assert "Comprobar y recoger los documentos de la solicitud: Currículum vítae (CV) y" in es


def test_no_required_documents_means_none_and_no_step(project_folder):
    root, folder = project_folder(VALID + "call: {opens: 2026-10-01, closes: 2026-10-31}\n")
    loaded, errors = load_project(folder, root)
    assert errors == [] and loaded.project.call.required_documents == []
    from conftest import REPO
    from mobility_portal.load.projects import load_checklist
    from mobility_portal.render.timeline import timeline_rows

    rows = timeline_rows(loaded.project, load_checklist(REPO), __import__("datetime").date(2026, 11, 29))
    assert "collect-documents" not in [row.step for row in rows]


# ---------------------------------------------------------------- 9. grants over the years


def test_an_accredited_school_shows_its_accreditation_and_yearly_grants(school):
    facts = article_text(school.page("projects/delta"))
    assert "Erasmus accreditation 2021-1-ES01-KA120-VET-000047113" in facts
    assert "Grant agreements 2026: 2026-1-ES01-KA121-VET-000356789 2025: 2025-1-ES01-KA121-VET-000301234" in facts
    text = pdf_text(school.site / "projects/delta/downloads/info-pack-learners.pdf")
    assert "2026-1-ES01-KA121-VET-000356789" in text


def test_a_project_without_project_code_or_grants_is_an_error(project_folder):
    root, folder = project_folder(VALID.replace("project_code: 2026-1-FR01-KA121-VET-000000001\n", ""))
    errors = [(error.path, error.message) for error in load_project(folder, root)[1]]
    assert errors == [("", "expected project_code: (the grant agreement number) or grants: (an accredited school's "
                           "yearly grants), found neither")]


# ---------------------------------------------------------------- 10. checks across the file


def test_planned_learners_that_disagree_are_a_warning_naming_both_places(project_folder):
    text = VALID.replace("  - {id: first, start: 2027-03-08, end: 2027-04-02, host: ies-valencia}",
                         "  - {id: first, start: 2027-03-08, end: 2027-04-02, host: ies-valencia, learners: 6}")
    text = text.replace("  - {id: second, start: 2027-05-03, end: 2027-05-28, country: PT, city: Porto}",
                        "  - {id: second, start: 2027-05-03, end: 2027-05-28, country: PT, city: Porto, learners: 6}")
    text += "learner_profiles: [{id: cap, programme: CAP, number: 10}]\n"
    root, folder = project_folder(text)
    loaded, errors = load_project(folder, root)
    assert errors == []
    assert list(loaded.warnings) == [
        "projects/demo/project.yml:30: learner_profiles\n"
        "    expected the learners planned by profile to add up as those planned by period, found 10 by profile and 12 "
        "by period (mobility_periods, line 12)\n"
        "    hint: correct number: of a profile or learners: of a period"]


def test_a_warning_reaches_the_build_log(school):
    assert "WARNING" not in school.output.replace("WARNING -  Label", "")  # the school's plans agree


# ---------------------------------------------------------------- the shapes of `mobility-portal new`


@pytest.mark.parametrize("shape", ["apprenticeship", "school-based", "pool"])
def test_each_shape_of_a_new_project_builds_at_once(site_root, shape):
    import subprocess
    import sys

    root = site_root("basic")
    made = subprocess.run([sys.executable, "-m", "mobility_portal", "new", "new-one", "--shape", shape],
                          cwd=root, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    text = (root / "projects/new-one/project.yml").read_text(encoding="utf-8")
    assert ("role: host\n" in text) is (shape == "apprenticeship")
    assert ("role: intermediary\n" in text) is (shape == "pool")
    result = run_mkdocs(root, "build", MOBILITY_PORTAL_PDF="off")
    assert result.returncode == 0, result.output
