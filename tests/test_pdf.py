"""Printed documents of the example portal: they open, have sensible lengths, speak the right
language, carry a QR code to their web page, are tagged PDF/UA-1, and the web links to them."""

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import REPO, run_mkdocs
from mobility_portal.languages.labels import Labels

SITE_URL = "https://mobility-portal.example.eu/"
ALICANTE = "alicante-fct-europa"
LYON = "lyon-valencia-cookery"
STUTTGART = "stuttgart-tampere-mechatronics"

# name -> (fewest pages, most pages); tests/test_print_layout.py holds each document to its count
PAGE_RANGES = {
    "info-pack-learners": (4, 12),  # 4: a school-based project (no contract, no sending companies)
    "info-pack-sending-companies": (3, 10),
    "info-pack-host-partner": (4, 12),
    "info-pack-host-companies": (4, 12),
    "info-pack-funders-and-public": (2, 8),
    "pedagogical-contract": (4, 12),
    "certificate-of-attendance": (1, 1),
    "questionnaire-learners": (2, 2),
    "questionnaire-host-companies": (1, 2),
    "questionnaire-sending-companies": (1, 2),
    "application-checklist": (2, 4),
    "results": (1, 1),
}
# The web page each document's QR code opens, under projects/<slug>/
QR_PAGES = {
    "info-pack-learners": "for/learners/",
    "pedagogical-contract": "pedagogical-contract/",
    "application-checklist": "call/",
    "certificate-of-attendance": "",
}


def pdfs_of(site: Path) -> list[Path]:
    return sorted(site.glob("**/downloads/*.pdf"))


def test_every_project_prints_every_document_in_each_language_it_offers(examples):
    expected = {
        f"{prefix}projects/{slug}/downloads/{name}.pdf"
        for slug, langs in ((LYON, ["fr", "es", ""]), (STUTTGART, ["de", "fi", ""]))
        for prefix in (f"{lang}/" if lang else "" for lang in langs)
        for name in PAGE_RANGES
        if name != "results" or slug == STUTTGART  # only the completed project has results yet
    }
    # The school-based project: no sending companies, no host partner, no contract, no results yet.
    expected |= {
        f"{prefix}projects/{ALICANTE}/downloads/{name}.pdf"
        for prefix in ("es/", "")
        for name in ("info-pack-learners", "info-pack-host-companies", "info-pack-funders-and-public",
                     "certificate-of-attendance", "questionnaire-learners", "questionnaire-host-companies",
                     "application-checklist")
    }
    found = {path.relative_to(examples.site).as_posix() for path in pdfs_of(examples.site)}
    assert found == expected


def test_every_pdf_opens_with_a_page_count_in_its_range(examples):
    for path in pdfs_of(examples.site):
        pages = len(PdfReader(path).pages)
        low, high = PAGE_RANGES[path.stem]
        assert low <= pages <= high, f"{path.relative_to(examples.site)}: {pages} pages"


@pytest.mark.parametrize(
    "path, words",
    [
        (f"fr/projects/{LYON}/downloads/info-pack-learners.pdf", ["Apprenants et familles", "De Lyon à Valencia"]),
        (f"es/projects/{LYON}/downloads/info-pack-learners.pdf", ["Estudiantes y familias", "De Lyon a Valencia"]),
        (f"projects/{LYON}/downloads/info-pack-learners.pdf", ["Learners and families", "From Lyon to Valencia"]),
        (f"de/projects/{STUTTGART}/downloads/info-pack-host-companies.pdf", ["Mechatronik ohne Grenzen"]),
        (f"fi/projects/{STUTTGART}/downloads/pedagogical-contract.pdf", ["Euroopan unionin osarahoittama"]),
    ],
)
def test_a_pdf_speaks_its_language_on_the_cover(examples, path, words):
    cover = PdfReader(examples.site / path).pages[0].extract_text()
    for word in words:
        assert word in re.sub(r"\s+", " ", cover), word


def test_the_text_is_selectable_and_the_fonts_embedded(examples):
    reader = PdfReader(examples.site / f"de/projects/{STUTTGART}/downloads/info-pack-learners.pdf")
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Notfall" in text  # the emergency page, as text, not as a picture
    fonts = {
        str(font["/BaseFont"])
        for page in reader.pages
        for font in (page["/Resources"].get("/Font") or {}).values()
    }
    assert any(font.endswith("+DejaVu-Sans") for font in fonts), fonts  # embedded subset


@pytest.mark.parametrize("lang", ["", "fr/"])
@pytest.mark.parametrize("name", sorted(QR_PAGES))
def test_the_qr_code_on_the_cover_opens_the_documents_web_page(examples, tmp_path, lang, name):
    pdf = examples.site / f"{lang}projects/{LYON}/downloads/{name}.pdf"
    subprocess.run(["pdftoppm", "-r", "150", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "cover")], check=True)
    image = next(tmp_path.glob("cover*.png"))
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sqrcode.enable", str(image)], capture_output=True, text=True)
    assert decoded.stdout.strip() == f"{SITE_URL}{lang}projects/{LYON}/{QR_PAGES[name]}"


def test_pdfs_are_tagged_pdf_ua_with_title_language_and_bookmarks(examples):
    reader = PdfReader(examples.site / f"fr/projects/{LYON}/downloads/info-pack-learners.pdf")
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] is True or str(root["/MarkInfo"]["/Marked"]) == "True"
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]) == "fr"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in xmp
    assert reader.metadata.title.startswith("Apprenants et familles · De Lyon à Valencia")
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert "Informations pratiques" in outline and "Numéros et contacts d'urgence" in outline


def test_the_cover_carries_the_eu_statement_and_disclaimer(examples):
    cover = PdfReader(examples.site / f"projects/{STUTTGART}/downloads/info-pack-funders-and-public.pdf").pages[0]
    text = re.sub(r"\s+", " ", cover.extract_text())
    assert "Co-funded by the European Union" in text
    assert "Neither the European Union nor" in text


def resolve(site: Path, page_url: str, href: str) -> Path:
    return (site / page_url / href).resolve()


def test_the_downloads_page_links_every_document_in_every_language(examples):
    for lang, _offered in (("", True), ("fr/", True), ("de/", False)):
        page_url = f"{lang}projects/{LYON}/downloads/"
        html = examples.page(page_url)
        hrefs = re.findall(r'<a href="([^"]+\.pdf)" hreflang="(\w+)"', html)
        assert len(hrefs) == (len(PAGE_RANGES) - 1) * 3, lang  # no results yet for Lyon
        for href, code in hrefs:
            target = resolve(examples.site, page_url, href)
            assert target.is_file(), (lang, href)
            assert target.is_relative_to((examples.site / ("" if code == "en" else code)).resolve())


def test_each_audience_page_links_its_pack(examples):
    page_url = f"es/projects/{LYON}/for/host-companies/"
    hrefs = re.findall(r'class="mp-pack".*?</p>', examples.page(page_url), re.S)[0]
    links = re.findall(r'href="([^"]+)"', hrefs)
    assert [Path(link).name for link in links] == ["info-pack-host-companies.pdf"] * 3
    assert all(resolve(examples.site, page_url, link).is_file() for link in links)


def test_a_rebuild_with_no_change_renders_no_pdf(site_root, tmp_path):
    root = site_root("guide")
    cache = str(tmp_path / "pdf-cache")
    first = run_mkdocs(root, "build", MOBILITY_PORTAL_PDF_CACHE=cache)
    assert re.search(r"PDFs: [1-9]\d* rendered, 0 from the cache", first.output), first.output
    second = run_mkdocs(root, "build", MOBILITY_PORTAL_PDF_CACHE=cache)
    assert re.search(r"PDFs: 0 rendered, [1-9]\d* from the cache", second.output), second.output
    assert (root / "site/projects/gamma/downloads/certificate-of-attendance.pdf").is_file()


def test_pdfs_can_be_switched_off_and_then_nothing_links_to_them(site_root):
    root = site_root("guide")
    result = run_mkdocs(root, "build", MOBILITY_PORTAL_PDF="off")
    assert result.returncode == 0
    assert not list((root / "site").glob("**/*.pdf")) or all(
        "downloads" not in path.parts for path in (root / "site").glob("**/*.pdf")
    )
    assert not (root / "site/projects/gamma/downloads").exists()
    assert "mp-pack" not in result.page("projects/gamma/for/learners")


@pytest.mark.parametrize(
    "path, header",
    [
        (f"projects/{STUTTGART}/downloads/info-pack-host-partner.pdf",
         ["Mechatronics without borders", "Host partner", "Co-funded by the European Union", "Page 3 /"]),
        (f"de/projects/{STUTTGART}/downloads/info-pack-host-partner.pdf",
         ["Mechatronik ohne Grenzen", "Aufnahmepartner", "Kofinanziert von der Europäischen Union", "Seite 3 /"]),
        (f"fi/projects/{STUTTGART}/downloads/info-pack-host-partner.pdf",
         ["Mekatroniikkaa ilman rajoja", "Vastaanottava kumppani", "Euroopan unionin osarahoittama", "Sivu 3 /"]),
        (f"fr/projects/{LYON}/downloads/info-pack-host-partner.pdf",
         ["De Lyon à Valencia", "Partenaire d'accueil", "Cofinancé par l'Union européenne", "Page 3 /"]),
        (f"es/projects/{LYON}/downloads/info-pack-host-partner.pdf",
         ["De Lyon a Valencia", "Socio de acogida", "Cofinanciado por la Unión Europea", "Página 3 /"]),
    ],
)
def test_running_header_and_page_x_of_y_in_the_document_language(examples, path, header):
    reader = PdfReader(examples.site / path)
    third = re.sub(r"\s+", " ", reader.pages[2].extract_text()).replace("’", "'")
    for words in header:  # the project and the document at the top, the funding and page x / y at the foot
        assert words in third, words
    assert f"{header[-1]} {len(reader.pages)}" in third


def english_labels_of(lang: str) -> set[str]:
    """The English labels a reader of `lang` must never see: those the language writes otherwise
    (French "Programme" and "Contacts" are French too), of two words or more."""
    labels = Labels(REPO / "theme/locales")

    def texts(code: str) -> list[str]:
        return [text for value in labels.of(code).values() for text in (value.values() if isinstance(value, dict) else [value])]

    own = " ".join(texts(lang))
    english = {re.sub(r"\{\w+\}", "", text).strip(" :.,") for text in texts("en")}
    return {text for text in english if " " in text and "{" not in text and text not in own}


@pytest.mark.parametrize("lang", ["fr", "es", "de", "fi"])
def test_no_english_label_is_printed_in_another_language(examples, lang):
    # Every running header, alt text, label and questionnaire text of a French, Spanish, German or
    # Finnish document is in its language (the web addresses printed under the QR codes aside).
    english = english_labels_of(lang)
    printed = list((examples.site / lang).glob("projects/*/downloads/*.pdf"))
    assert len(printed) >= 11
    for path in printed:
        reader = PdfReader(path)
        alt_texts = " ".join(str(node.get("/Alt", "")) for node in _structure(reader.trailer["/Root"]["/StructTreeRoot"]))
        text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages) + " " + alt_texts)
        text = re.sub(r"\S*/\S*", " ", text)  # the addresses
        found = [label for label in english if re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text)]
        assert found == [], f"{path.relative_to(examples.site)}: {found}"


def _structure(node, depth: int = 0):
    """Every element of a tagged PDF's structure tree (figures carry their /Alt)."""
    node = node.get_object()
    yield node
    kids = node.get("/K") if hasattr(node, "get") else None
    for kid in (kids if isinstance(kids, list) else [kids] if kids is not None else []):
        kid = kid.get_object()
        if hasattr(kid, "get") and depth < 60:
            yield from _structure(kid, depth + 1)


def test_greek_and_cyrillic_print_in_the_embedded_dejavu_font(site_root):
    root = site_root("guide")
    result = run_mkdocs(root, "build")
    assert result.returncode == 0, result.output
    reader = PdfReader(root / "site/projects/gamma/downloads/info-pack-funders-and-public.pdf")
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Πόρτο" in text and "Порту" in text
    fonts = {str(font["/BaseFont"]) for page in reader.pages for font in (page["/Resources"].get("/Font") or {}).values()}
    assert fonts and all("DejaVu" in font for font in fonts), fonts  # no fallback font was needed


def test_an_image_weasyprint_cannot_read_is_named_in_the_log_without_its_data(caplog):
    import base64

    from mobility_portal.printing.pdf import render_pdf

    broken = "data:image/png;base64," + base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"x" * 1_000_000).decode()
    with caplog.at_level("WARNING", logger="weasyprint"):
        render_pdf(f'<html lang="en"><title>t</title><body><img src="{broken}" alt="logo"></body></html>')
    assert caplog.records, "WeasyPrint logs an image it cannot read"
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "data:image/png (inlined image)" in logged
    assert len(logged) < 2000
