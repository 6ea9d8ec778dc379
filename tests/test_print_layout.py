"""Print as a print shop would deliver it (issue #20): the layout checks catch what a reader
would notice, the example portal's PDFs pass them, and the PDFs themselves, opened with pypdf
and pdfplumber, show the rules kept: page counts, one-page documents, no question ids, a whole
emergency sheet, anonymous questionnaires, contents only in long documents."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

from conftest import REPO, article_text, copy_root, run_mkdocs
from mobility_portal.errors import ProjectErrors
from mobility_portal.printing.layout import check_layout
from mobility_portal.printing.pdf import CONTENTS_FROM, OnePage, PdfJob, lay_out, render_pdfs

LYON = "lyon-valencia-cookery"
STUTTGART = "stuttgart-tampere-mechatronics"
ALICANTE = "alicante-fct-europa"
PRINT_CSS = (REPO / "theme/pdf/print.css").read_text(encoding="utf-8")


def page(body: str, css: str = "") -> str:
    return f'<!DOCTYPE html><html lang="en"><head><title>t</title><style>{css}</style></head><body>{body}</body></html>'


def problems(body: str, css: str = "") -> tuple[str, ...]:
    return check_layout(lay_out(page(body, css))).problems


def filler(count: int) -> str:
    return "".join(f"<p>Paragraph {number} of the filler text that takes up the page.</p>" for number in range(count))


FILLER = filler(38)
STEPS = "<h3>Steps</h3><table><thead><tr><th>Date</th><th>Step</th></tr></thead><tbody>" + "".join(
    f"<tr><td>row {number}</td><td>text</td></tr>" for number in range(12)) + "</tbody></table>"


# The checks themselves, on small documents made to break the rules (WeasyPrint's defaults keep none).

def test_a_row_running_onto_the_next_page_is_named():
    tall = "<br>".join(f"line {number}" for number in range(80))
    found = problems(f"<h2>Contacts</h2><table><tbody><tr><th>Mentor</th><td>{tall}</td></tr></tbody></table>")
    assert any(re.match(r"a row of the table under 'Contacts' runs from page 1 onto page 2: 'Mentor line 0", p) for p in found), found


def test_a_heading_left_at_the_foot_of_a_page_is_named():
    found = problems('<p>Intro</p><h2 style="break-after: page">Emergency</h2><p>112</p>')
    assert "the heading 'Emergency' is the last thing on page 1" in found


def test_a_table_starting_with_one_row_at_the_foot_of_a_page_is_named():
    found = problems(filler(25) + STEPS)  # 25 paragraphs leave room for the header and one row
    assert found == ("the table under 'Steps' starts at the foot of page 1 with 1 row under its header",)


def test_a_block_kept_together_but_split_anyway_is_named():
    tall = "".join(f"<p>{number}</p>" for number in range(90))
    found = problems(f'<section class="emergency" style="break-inside: avoid"><h2>Emergency</h2>{tall}</section>')
    assert any(p.startswith("<section class='emergency'> ('Emergency") and "is split over pages 1-" in p for p in found), found


def test_a_nearly_empty_page_that_is_not_the_last_is_named():
    found = problems('<p>One line</p><p style="break-before: page">Next page</p>')
    assert "page 1 is only 2% full" in found or any(re.match(r"page 1 is only [0-9]% full", p) for p in found), found


def test_the_print_css_keeps_the_rules_the_checks_look_for():
    """The same documents with theme/pdf/print.css: nothing to report; without its rule on a
    table's first row, the table would start at the foot of the page with one row."""
    rule = "tbody tr:first-child:not(:last-child) { break-after: avoid; }"
    assert rule in PRINT_CSS
    assert problems(filler(36) + STEPS, PRINT_CSS.replace(rule, "")) == (
        "the table under 'Steps' starts at the foot of page 1 with 1 row under its header",)
    assert problems(filler(36) + STEPS, PRINT_CSS) == ()
    assert problems(f"{FILLER}<h2>Contacts</h2><table><tbody>" + "".join(
        f"<tr><th>Mentor {number}</th><td>{'<br>'.join(['text'] * 6)}</td></tr>" for number in range(6)) + "</tbody></table>",
        PRINT_CSS) == ()


def test_contents_are_kept_only_in_a_long_document():
    contents = '<!--contents--><section class="contents"><h2>Contents</h2><!--toc--></section><!--/contents-->'
    short = page(contents + '<h2 id="a">Alpha</h2><p>text</p>', PRINT_CSS)
    long = page(contents + "".join(f'<h2 id="s{n}" style="break-before: page">Section {n}</h2><p>text</p>' for n in range(CONTENTS_FROM)),
                PRINT_CSS)
    assert "Contents" not in "".join(box_text(lay_out(short)))
    assert "Contents" in "".join(box_text(lay_out(long)))


def box_text(document) -> list[str]:
    texts = []

    def walk(box):
        if type(box).__name__ == "TextBox":
            texts.append(box.text)
        for child in getattr(box, "children", ()):
            walk(child)
    for one in document.pages:
        walk(one._page_box)
    return texts


def test_a_one_page_document_that_runs_longer_stops_with_one_line_naming_what_to_shorten(tmp_path):
    job = PdfJob("en/projects/demo/downloads/results.pdf", page(FILLER * 2, PRINT_CSS),
                 OnePage("projects/demo/project.yml", 12, "en/projects/demo/downloads/results.pdf (en)",
                         ("results.summary", "dissemination.key_results", "dissemination.impact")))
    with pytest.raises(ProjectErrors) as raised:
        render_pdfs([job], tmp_path)
    [error] = raised.value.errors
    assert (error.file, error.line) == ("projects/demo/project.yml", 12)
    assert error.message.startswith("the printed document en/projects/demo/downloads/results.pdf (en) runs to 2 pages but must "
                                    "fit one A4 page: shorten results.summary, dissemination.key_results or dissemination.impact "
                                    "(page 2 starts at 'Paragraph ")
    assert "\n" not in error.message
    # cached, it stops the next build the same way
    with pytest.raises(ProjectErrors):
        render_pdfs([job], tmp_path)


def test_the_layout_findings_are_cached_with_the_pdf_and_reported_each_build(tmp_path):
    job = PdfJob("en/x.pdf", page('<p>Intro</p><h2 style="break-after: page">Emergency</h2><p>112</p>'))
    first = render_pdfs([job], tmp_path)[1]
    second = render_pdfs([job], tmp_path)[1]
    assert (first.rendered, second.rendered) == (1, 0)
    assert first.warnings == second.warnings == ["print: en/x.pdf: the heading 'Emergency' is the last thing on page 1",
                                                 "print: en/x.pdf: page 1 is only 9% full"]
    assert first.pages == {"en/x.pdf": 2}


# The example portal, as printed.

def pdfs(site: Path, name: str) -> list[Path]:
    return sorted(site.glob(f"**/downloads/{name}.pdf"))


def text_of(path: Path) -> list[str]:
    return [re.sub(r"[ \t]+", " ", one.extract_text() or "") for one in PdfReader(path).pages]


def test_the_example_portal_prints_without_a_layout_warning(examples):
    """Built with --strict, a warning would have failed the build: none is there to fail it."""
    assert "print:" not in examples.output


# name -> most pages in any language of the examples; before issue #20 the packs ran to 10-13
MOST_PAGES = {
    # learners: 9 before the documents library (issue 17); host companies: 9 before the emergency sheet (issue 18)
    "info-pack-learners": 10, "info-pack-sending-companies": 7, "info-pack-host-partner": 9, "info-pack-host-companies": 10,
    "info-pack-funders-and-public": 4, "pedagogical-contract": 10, "certificate-of-attendance": 1, "results": 1,
    "questionnaire-learners": 2, "questionnaire-host-companies": 2, "questionnaire-sending-companies": 2,
    "application-checklist": 3,
}


@pytest.mark.parametrize("name", sorted(MOST_PAGES))
def test_page_counts(examples, name):
    counts = {path.relative_to(examples.site).as_posix(): len(PdfReader(path).pages) for path in pdfs(examples.site, name)}
    assert counts and max(counts.values()) <= MOST_PAGES[name], counts


@pytest.mark.parametrize("name", ["certificate-of-attendance", "results"])
def test_the_official_one_page_documents_have_one_page_no_running_header_and_the_eu_emblem(examples, name):
    for path in pdfs(examples.site, name):
        reader = PdfReader(path)
        assert len(reader.pages) == 1, path
        text = re.sub(r"\s+", " ", reader.pages[0].extract_text())
        assert not re.search(r"\b\d+ / 1\b", text), path  # no "Page 1 / 1"
        assert "European Union" in text or "Euroopan unioni" in text or "Europäischen Union" in text or "Union européenne" in text \
            or "Unión Europea" in text, path
        figures = figures_of(reader)  # the EU emblem, the partners' logos (one for a school with no host partner), the QR code
        assert len(figures) >= 3 and any("QR" in alt for alt in figures), (path, figures)


def figures_of(reader: PdfReader) -> list[str]:
    """The alternative texts of the tagged figures (images) of a PDF."""
    found = []

    def walk(element):
        element = element.get_object()
        if isinstance(element, dict):
            if element.get("/S") == "/Figure":
                found.append(str(element.get("/Alt", "")))
            kids = element.get("/K")
            for kid in (kids if isinstance(kids, list) else [kids] if kids is not None else []):
                if hasattr(kid, "get_object"):
                    walk(kid)
    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def test_the_certificate_has_signature_blocks_for_each_party(examples):
    text = text_of(examples.site / f"projects/{LYON}/downloads/certificate-of-attendance.pdf")[0]
    for party in ("Host organisation", "Host company", "Sending organisation"):
        assert party in text
    assert text.count("Signature") >= 3


def test_no_question_id_is_printed(examples):
    ids = {question["id"] for questionnaire in yaml.safe_load((REPO / "content/questionnaires.yml").read_text(encoding="utf-8"))
           ["questionnaires"].values() for question in questionnaire["questions"]}
    for path in pdfs(examples.site, "questionnaire-*"):
        text = " ".join(text_of(path))
        assert not [question for question in ids if question in text], path
    german = " ".join(text_of(examples.site / f"de/projects/{STUTTGART}/downloads/questionnaire-learners.pdf"))
    assert "preparation-useful" not in german and "Vorbereitung" in german
    # Nor on the web: the results pages name each question by its words, in every language.
    results = sorted(examples.site.glob("**/results/index.html"))
    assert len(results) == 5
    for path in results:
        page = article_text(path.read_text(encoding="utf-8"))
        assert not [question for question in ids if re.search(rf"(?<![\w/#-]){question}(?![\w-])", page)], path


def test_the_questionnaires_ask_nothing_that_identifies_a_person(examples):
    """Every host company of the examples takes 2 to 4 learners and every profile has 4 or fewer:
    none of them is asked, nor a date, nor an 'other' to fill in."""
    for slug, langs in ((LYON, ["", "fr/"]), (STUTTGART, ["", "de/"])):
        project = yaml.safe_load((REPO / f"projects/{slug}/project.yml").read_text(encoding="utf-8"))
        names = [company["name"] if isinstance(company["name"], str) else next(iter(company["name"].values()))
                 for company in project["host_companies"]]
        for lang in langs:
            for path in pdfs(examples.site / f"{lang}projects/{slug}", "questionnaire-*"):
                text = re.sub(r"\s+", " ", " ".join(text_of(path)))
                assert not [name for name in names if name in text], path
        english = re.sub(r"\s+", " ", " ".join(text_of(examples.site / f"projects/{slug}/downloads/questionnaire-learners.pdf")))
        assert "anonymous" in english
        assert "Other" not in english and "Date" not in english.replace("dates", "")


def test_a_questionnaire_asks_a_profile_shared_by_enough_people():
    from mobility_portal.load.projects import load_project
    from mobility_portal.printing.documents import respondent_fields

    loaded, errors = load_project(REPO / "projects" / STUTTGART, REPO)
    assert errors == []
    project = loaded.project
    assert respondent_fields(project, "learners", 5) == []  # 4 learners per profile, 2 per company
    asked = respondent_fields(project, "learners", 4)
    assert [label for label, _, _ in asked] == ["learner_profile"]  # companies take 2: still not asked
    assert [label for label, _, _ in respondent_fields(project, "learners", 2)] == ["learner_profile", "host_company"]
    assert respondent_fields(project, "host_companies", 2) == [] or all(label == "learner_profile"
                                                                          for label, _, _ in respondent_fields(project, "host_companies", 2))
    assert respondent_fields(project, "sending_companies", 1) == []


def test_the_emergency_sheet_is_whole_on_one_page(examples):
    for path in pdfs(examples.site, "info-pack-learners"):
        reader = PdfReader(path)
        marks = [item for item in reader.outline if not isinstance(item, list)]
        emergency = marks[-1]
        page = reader.get_destination_page_number(emergency)
        assert page == len(reader.pages) - 1, path  # the last sheet of the pack
        slug = next(slug for slug in (STUTTGART, LYON, ALICANTE) if slug in str(path))
        numbers = [item["number"] for item in yaml.safe_load((REPO / f"projects/{slug}/project.yml").read_text(encoding="utf-8"))
                   ["practical"]["emergency_numbers"]]
        last = reader.pages[page].extract_text()
        assert all(number in last for number in numbers), (path, numbers)  # the heading and every number on one page


def test_the_documents_checklist_shows_a_box_and_no_bullet(examples):
    text = " ".join(text_of(examples.site / f"projects/{STUTTGART}/downloads/info-pack-learners.pdf"))
    assert "Curriculum vitae" in text
    assert not re.search(r"•\s*Curriculum vitae", text)


def test_contents_only_in_documents_of_more_than_8_pages(examples):
    for path in sorted(examples.site.glob("**/downloads/*.pdf")):
        reader = PdfReader(path)
        first = reader.pages[0].extract_text()
        has_contents = any(word in first for word in ("Contents", "Sommaire", "Índice", "Inhalt", "Sisällys"))
        assert has_contents == (len(reader.pages) >= CONTENTS_FROM), (path, len(reader.pages))


def test_page_one_holds_the_essentials(examples):
    first = re.sub(r"\s+", " ", text_of(examples.site / f"projects/{STUTTGART}/downloads/info-pack-learners.pdf")[0])
    for essential in ("Learners and families", "Mechatronics without borders", "Apr 13", "Jonas Weller", "+49 711 2168 4410",
                      "Co-funded by the European Union"):
        assert essential in first, essential
    assert "https://mobility-portal.example.eu/projects/stuttgart-tampere-mechatronics/for/learners/" in first.replace(" ", "")
    assert "Learners and families" in first.split("Contents")[-1]  # the pack starts on page 1 too


def test_the_contract_has_initials_on_every_page_and_a_signature_page(examples):
    pages = text_of(examples.site / f"projects/{LYON}/downloads/pedagogical-contract.pdf")
    assert all("Initials" in one for one in pages)
    signature_page = next(one for one in pages if "Signatures of the parties" in one or "signatures" in one.lower().split("\n")[0])
    assert signature_page.count("Signature") >= 4


def sheet_checks():
    """scripts/contact_sheets.py: its checks of a PDF as printed (pdfplumber)."""
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        import contact_sheets
    finally:
        sys.path.remove(str(REPO / "scripts"))
    return contact_sheets


@pytest.mark.parametrize("name", ["info-pack-*", "pedagogical-contract", "application-checklist", "questionnaire-*"])
def test_pdfplumber_finds_no_heading_at_a_page_foot_and_no_page_under_a_fifth_full(examples, name):
    checks = sheet_checks()
    for path in pdfs(examples.site, name):
        assert checks.pdf_problems(path) == {}, path
        fills = checks.page_fill(path)
        assert all(fill >= 0.2 for fill in fills[:-1]), (path, [round(fill, 2) for fill in fills])


def test_pdfplumber_sees_a_heading_at_the_foot_and_a_nearly_empty_page(tmp_path):
    """The checks of the contact sheets catch what the layout checks catch, from the PDF alone."""
    path = tmp_path / "bad.pdf"
    path.write_bytes(render_pdfs([PdfJob("bad.pdf", page('<p>Intro</p><h2 style="break-after: page">Emergency</h2><p>112</p>'))],
                                 tmp_path / "cache")[0]["bad.pdf"])
    assert sheet_checks().pdf_problems(path) == {1: "heading 'Emergency' at the foot"}


@pytest.mark.slow
def test_a_results_page_too_long_stops_the_build_with_one_line(tmp_path):
    root = copy_root("examples", tmp_path)
    file = root / f"projects/{STUTTGART}/project.yml"
    text = file.read_text(encoding="utf-8")
    at = text.index("\n    en: >-\n", text.index("\nresults:\n  summary:\n")) + len("\n    en: >-\n")
    file.write_text(text[:at] + "      " + "A long summary. " * 300 + "\n" + text[at:], encoding="utf-8")
    result = run_mkdocs(root, "build")
    assert result.returncode != 0
    assert "Traceback" not in result.output
    line = next(one for one in result.output.splitlines() if "runs to" in one)
    assert "projects/stuttgart-tampere-mechatronics/project.yml" in result.output
    assert re.search(r"results\.pdf \(en\) runs to \d pages but must fit one A4 page: shorten results\.summary, ", line), line


def test_the_contact_sheets_show_every_page_of_every_pdf(examples, tmp_path):
    folder = examples.site / f"projects/{LYON}"
    result = subprocess.run([sys.executable, str(REPO / "scripts/contact_sheets.py"), str(folder), "-o", str(tmp_path), "--check"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    from PIL import Image

    sheets = sorted(tmp_path.glob("*.png"))
    assert [sheet.stem for sheet in sheets] == sorted(path.stem for path in (folder / "downloads").glob("*.pdf"))
    one = Image.open(tmp_path / "certificate-of-attendance.png")
    many = Image.open(tmp_path / "info-pack-learners.png")
    assert many.width > 4 * one.width  # a page side by side with the next
    assert (tmp_path / "index.html").is_file()
    assert "0 pages flagged" in result.stdout


# For the photocopier: A5 booklets and two-sided A4 (printing/editions.py, `mobility-portal print`).

def test_a_booklet_puts_every_page_once_and_the_last_page_on_the_back_cover():
    from mobility_portal.printing.editions import booklet_order

    assert booklet_order(8) == [(7, 0), (1, 6), (5, 2), (3, 4)]  # sheet 1 front and back, sheet 2 front and back
    for pages in range(1, 14):
        sides = booklet_order(pages)
        printed = [index for side in sides for index in side if index is not None]
        assert sorted(printed) == list(range(pages)) and len(sides) * 2 % 4 == 0
        assert sides[0][1] == 0  # the outside of the first sheet: back cover, then front cover
        assert sides[0][0] == (pages - 1 if pages > 1 else None)


def test_a_booklet_is_imposed_two_a5_pages_to_an_a4_landscape_sheet_the_same_every_time():
    from mobility_portal.printing.editions import EDITION_CSS, impose_booklet

    html = page("".join(f'<h2 style="break-before: page">Page {n}</h2>' for n in range(6)), PRINT_CSS + EDITION_CSS["a5-booklet"])
    pdf = lay_out(html).write_pdf()
    assert [round(float(size)) for size in PdfReader(io.BytesIO(pdf)).pages[0].mediabox[2:]] == [420, 595]
    booklet = impose_booklet(pdf, "Pack", "en")
    assert booklet == impose_booklet(pdf, "Pack", "en")
    reader = PdfReader(io.BytesIO(booklet))
    assert len(reader.pages) == 4  # 6 pages and 2 blanks: 2 sheets, both sides
    assert [round(float(size)) for size in reader.pages[0].mediabox[2:]] == [839, 595]
    assert "Page 5" in reader.pages[0].extract_text() and "Page 0" in reader.pages[0].extract_text()


@pytest.mark.slow
def test_the_print_command_writes_booklets_and_two_sided_packs_outside_the_site(tmp_path):
    root = copy_root("guide", tmp_path)
    command = [sys.executable, "-m", "mobility_portal.cli", "--root", str(root), "print", "gamma", "--languages", "en"]
    env = {"SOURCE_DATE_EPOCH": "1795910400", "NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"}
    for edition in ("a5-booklet", "a4-two-sided"):
        result = subprocess.run([*command, "--edition", edition], capture_output=True, text=True, timeout=600, env=env,
                                cwd=REPO)
        assert result.returncode == 0, result.stdout + result.stderr
        assert f"Wrote 5 {edition} PDFs into" in result.stdout
    folder = root / "print/gamma/en"
    booklet = PdfReader(folder / "info-pack-learners.a5-booklet.pdf")
    assert all(round(float(one.mediabox[2])) == 839 for one in booklet.pages)
    two_sided = PdfReader(folder / "info-pack-learners.a4-two-sided.pdf")
    assert len(two_sided.pages) % 2 == 0
    texts = [one.extract_text() for one in two_sided.pages]
    emergency = next(number for number, text in enumerate(texts) if "Emergency numbers" in text)
    assert emergency % 2 == 0  # a right-hand page (page 1, 3, ...): its leaf can be taken out
    assert emergency == len(texts) - 2 and "intentionally left blank" in texts[-1]
    assert not (root / "site").exists()
