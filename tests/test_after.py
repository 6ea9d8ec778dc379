"""After the stay, on the completed example: results, satisfaction as aggregates, dissemination,
the results one-pager, the feed; and no raw survey answer anywhere in site/."""

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest
import yaml
from pypdf import PdfReader

from conftest import REPO
from conftest import article_text as text

STUTTGART = "stuttgart-tampere-mechatronics"
PROJECT = REPO / "projects" / STUTTGART
ATOM = "{http://www.w3.org/2005/Atom}"




def raw_free_answers() -> set[str]:
    """Every answer in the survey exports' text columns and metadata that is not published."""
    data = yaml.safe_load((PROJECT / "project.yml").read_text(encoding="utf-8"))
    questionnaires = yaml.safe_load((REPO / "content/questionnaires.yml").read_text(encoding="utf-8"))["questionnaires"]
    testimonials = {
        text for quote in data["dissemination"]["testimonials"] for text in quote["text"].values()
    }
    answers = set()
    for survey in data["surveys"]:
        kinds = {q["id"]: q["kind"] for q in questionnaires[survey["respondents"]]["questions"]}
        content = (PROJECT / survey["file"]).read_text(encoding="utf-8-sig")
        delimiter = ";" if survey["file"].endswith("limesurvey.csv") else ","
        rows = list(csv.DictReader(io.StringIO(content), delimiter=delimiter))
        for row in rows:
            for column, value in row.items():
                free = column not in survey["columns"] or kinds[survey["columns"][column]] == "text"
                if free and value and len(value) > 12 and value not in testimonials:
                    answers.add(value)
    return answers


def test_the_results_page_shows_participants_units_documents_and_transmission(examples):
    page = text(examples.page(f"projects/{STUTTGART}/results"))
    assert re.search(r"Total \d+ 8", page)
    assert "Certificate of attendance: 8" in page and "Europass Mobility: 8" in page
    assert "Validated" in page and "Sent" in page


def test_satisfaction_is_an_accessible_chart_with_its_data_beside_it(examples):
    html = examples.page(f"projects/{STUTTGART}/results")
    charts = re.findall(r'<svg [^>]*role="img" aria-labelledby="(survey-\d)-title survey-\d-desc".*?</svg>', html, re.S)
    assert charts == ["survey-1", "survey-2", "survey-3"]
    description = re.search(r'<desc id="survey-1-desc">(.*?)</desc>', html).group(1)
    assert ("The preparation before departure was useful. — Mean 4.38 / 5, Strongly disagree 0, Disagree 0, "
            "Neither agree nor disagree 1, Agree 3, Strongly agree 4") in description
    page = text(html)
    assert "The preparation before departure was useful. 0 0 1 3 4 4.38 8" in page
    assert "Q1" not in page  # every chart and table names its questions by their words
    assert "Would you recommend this stay abroad to other learners? Yes: 7 · No: 0 · Not sure: 1" in page


def test_no_raw_survey_answer_reaches_the_site(examples):
    secrets = raw_free_answers()
    assert len(secrets) >= 8, secrets  # the exports do hold free answers and timestamps
    assert not list(examples.site.glob("**/*.csv"))
    for path in examples.site.rglob("*"):
        if path.suffix in (".html", ".json", ".xml", ".ics"):
            content = path.read_text(encoding="utf-8", errors="replace")
        elif path.suffix == ".pdf":
            content = "".join(page.extract_text() for page in PdfReader(path).pages)
        else:
            continue
        leaked = [secret for secret in secrets if secret in content]
        assert not leaked, f"{path.relative_to(examples.site)}: {leaked}"


def test_the_dissemination_page_has_testimonials_gallery_thanks_lessons_and_activities(examples):
    html = examples.page(f"de/projects/{STUTTGART}/dissemination")
    assert len(re.findall(r'<figure class="mp-quote">', html)) == 3
    gallery = re.findall(r'<img alt="([^"]+)" loading="lazy" src="([^"]+)"', html)
    assert len(gallery) == 3 and all(alt for alt, _ in gallery)
    assert all((examples.site / f"de/projects/{STUTTGART}/dissemination" / src).resolve().is_file() for _, src in gallery)
    page = text(html)
    for company in ("Näsi Automation Oy", "Kessler Sondermaschinenbau GmbH", "Pyynikin ammattiopisto"):
        assert company in page
    dates = re.findall(r"<td>(\d+\. \w+ 2026)</td>", html)
    assert dates[0] == "26. Juni 2026" and dates[-1] == "9. Dezember 2026"


def test_a_completed_project_leads_with_its_results(examples):
    overview = text(examples.page(f"fi/projects/{STUTTGART}"))
    assert overview.index("Tulokset lyhyesti") < overview.index("Tietoa hankkeesta")
    lyon = text(examples.page("projects/lyon-valencia-cookery"))
    assert "Results at a glance" not in lyon


def test_the_results_one_pager_pdf(examples):
    reader = PdfReader(examples.site / f"projects/{STUTTGART}/downloads/results.pdf")
    assert len(reader.pages) == 1  # one A4 page, letterhead included (the build fails otherwise)
    body = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert "Results at a glance" in body and "4.5 / 5" in body


@pytest.mark.parametrize("lang, prefix", [("en", ""), ("de", "de/")])
def test_an_atom_feed_of_the_news_per_language(examples, lang, prefix):
    feed = ET.parse(examples.site / prefix / "feed.xml").getroot()
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 9  # every news item of the three example projects
    published = [entry.find(f"{ATOM}published").text for entry in entries]
    assert published == sorted(published, reverse=True)
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link.startswith(f"https://mobility-portal.example.eu/{prefix}projects/")
    assert '<link rel="alternate" type="application/atom+xml" href="feed.xml"' in examples.page(prefix)
