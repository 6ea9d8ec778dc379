"""Every EU script renders: Greek and Bulgarian (non-Latin), Maltese and Irish (rich diacritics),
on the web and in the PDFs, with the right language everywhere."""

import re

import pytest
from pypdf import PdfReader

from conftest import built

CASES = [
    ("el", "athina-sofia", "Μάγειρες από την Αθήνα στη Σόφια", "Με τη συγχρηματοδότηση της Ευρωπαϊκής Ένωσης"),
    ("bg", "athina-sofia", "Готвачи от Атина в София", "Съфинансирано от Европейския съюз"),
    ("mt", "valletta-galway", "Minn il-Belt Valletta għal Galway", "Kofinanzjat mill-Unjoni Ewropea"),
    ("ga", "valletta-galway", "Ó Vaileite go Gaillimh", "Arna chómhaoiniú ag an Aontas Eorpach"),
]


@pytest.fixture(scope="module")
def portal(tmp_path_factory):
    return built(tmp_path_factory, "scripts", "--strict")


@pytest.mark.parametrize("lang, slug, title, cofunded", CASES)
def test_the_web_page_speaks_the_language_in_its_script(portal, lang, slug, title, cofunded):
    html = portal.page(f"{lang}/projects/{slug}")
    assert f'<html lang="{lang}"' in html
    assert f"<title>{title} - Scripts Portal</title>" in html
    assert cofunded in html


@pytest.mark.parametrize("lang, slug, title, cofunded", CASES)
def test_the_pdf_prints_the_script_in_the_embedded_dejavu_font(portal, lang, slug, title, cofunded):
    reader = PdfReader(portal.site / f"{lang}/projects/{slug}/downloads/info-pack-learners.pdf")
    assert str(reader.trailer["/Root"]["/Lang"]) == lang
    cover = re.sub(r"\s+", " ", reader.pages[0].extract_text())
    assert title in cover and cofunded in cover
    fonts = {str(font["/BaseFont"]) for page in reader.pages for font in (page["/Resources"].get("/Font") or {}).values()}
    assert fonts and all("DejaVu" in font for font in fonts), fonts
