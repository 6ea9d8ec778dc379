"""Personal data of learners never reaches site/: the guard at the end of every build scans the
pages, the search index, the feeds and the text of every PDF for each participant."""

import textwrap

import pytest

from conftest import edit, run_mkdocs

PARTICIPANTS = """
participants:
  - name: Zoé O'Boulangère
    date_of_birth: 2010-04-05
    email: zoe.b@example.net
    profile: cap-first-year
    host_company: padaria-sol
    results: {bread: validated}
    consents: []
"""


@pytest.fixture
def portal(site_root):
    root = site_root("guide")
    private = root / "projects/gamma/private"
    private.mkdir()
    (private / "participants.yml").write_text(textwrap.dedent(PARTICIPANTS), encoding="utf-8")
    return root


def edit_gamma(root, old, new):
    edit(root / "projects/gamma/project.yml", old, new)


def test_a_clean_site_passes_the_guard(portal):
    result = run_mkdocs(portal, "build")
    assert result.returncode == 0, result.output
    assert "site/ checked for the personal data of 1 participants: none found" in result.output


def test_a_name_in_a_news_post_fails_the_build_naming_every_file(portal):
    edit_gamma(portal, "body: {en: Congratulations!,", "body: {en: \"Congratulations Zoé O'Boulangère!\",")
    result = run_mkdocs(portal, "build")
    assert result.returncode == 1
    for file in ("feed.xml", "projects/gamma/news/index.html", "search/search_index.json"):
        assert f"Personal data in site/{file}: a participant's name (gamma)" in result.output
    assert "Traceback" not in result.output


def test_a_date_of_birth_or_an_email_in_a_pdf_fails_the_build(portal):
    edit_gamma(portal, 'summary: {en: "Six bakery learners in Porto (Πόρτο, Порту).",',
         'summary: {en: "Contact zoe.b@example.net, born 05/04/2010.",')
    result = run_mkdocs(portal, "build")
    assert result.returncode == 1
    assert "Personal data in site/projects/gamma/downloads/info-pack-funders-and-public.pdf: a participant's e-mail (gamma)" in result.output
    assert "Personal data in site/projects/gamma/downloads/info-pack-funders-and-public.pdf: a participant's date of birth (gamma)" in result.output


def test_the_site_generation_never_reads_private(portal):
    (portal / "projects/gamma/private/notes.yml").write_text("this: [is not: valid yaml", encoding="utf-8")
    first = run_mkdocs(portal, "build")
    assert first.returncode == 0, first.output
    (portal / "projects/gamma/private/participants.yml").write_text(textwrap.dedent(PARTICIPANTS).replace("Zoé", "Zoë"), encoding="utf-8")
    second = run_mkdocs(portal, "build")
    assert "staged" in second.output and "(0 written, 0 removed)" in second.output


def test_private_is_git_ignored_by_default():
    from conftest import REPO

    assert "projects/*/private/" in (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()


# ---------------------------------------------------------------- names as people write them


def person(name, **fields):
    from mobility_portal.model.participants import Participant

    return ("gamma", Participant(name=name, **fields))


@pytest.mark.parametrize("name, written", [
    ("José Álvarez", "Jose Alvarez"),
    ("Zoé Garnier", "Zoe\u0301 Garnier"),  # typed with a combining accent (NFD)
    ("Jörg Weiß", "Jörg Weiss"),
    ("Jörg Weiß", "Joerg Weiss"),
    ("Tim Berger", "<strong>Tim</strong> Berger"),
    ("Tim Berger", "<td>Tim</td><td>Berger</td>"),
    ("Tim Berger", "Ti<em>m</em> Ber&shy;ger".replace("&shy;", "")),
    ("Zoé Garnier", "GARNIER Zoé"),
    ("Zoé Garnier", "Zo&eacute; Garnier"),
    ("Zoé Garnier", "Zo\\u00e9 Garnier"),  # as JSON and JavaScript escape it
    ("Zoé Garnier", "https://example.org/?q=Zo%C3%A9%20Garnier"),
    ("José Antonio Álvarez García", "José Álvarez"),
    ("Søren Ærø", "Soren Aero"),
    ("Иван Петров", "Ivan Petrov"),
    ("Marie-Claire O'Neil", "Marie Claire O’Neil"),
])
def test_a_name_is_found_as_people_really_write_it(name, written):
    from mobility_portal.privacy.leaks import scan_files

    leaks = scan_files({"page.html": f"<p>Well done, {written}!</p>".encode()}, [person(name)], ["en"])
    assert [(leak.file, leak.what) for leak in leaks] == [("page.html", "a participant's name (gamma)")]


@pytest.mark.parametrize("text", ["Diana Gilbert", "Ana at the Gil bakery", "Gilana"])
def test_a_name_inside_other_words_is_no_leak(text):
    from mobility_portal.privacy.leaks import scan_files

    assert scan_files({"page.html": f"<p>{text}</p>".encode()}, [person("Ana Gil")], ["en"]) == []


@pytest.mark.parametrize("written", ["5 April 2010", "April 5th, 2010", "05.04.2010", "5/4/2010", "5 avril 2010", "5 avr. 2010",
                                     "5. April 2010", "2010-04-05", "le 5 avril 2010"])
def test_a_date_of_birth_is_found_as_each_site_language_writes_it(written):
    import datetime as dt

    from mobility_portal.privacy.leaks import scan_files

    files = {"page.html": f"<p>Born {written}.</p>".encode()}
    leaks = scan_files(files, [person("Zoé Garnier", date_of_birth=dt.date(2010, 4, 5))], ["en", "fr", "de"])
    assert [leak.what for leak in leaks] == ["a participant's date of birth (gamma)"]


def binary_files():
    """A name hidden in files that are not text: an image's comment and EXIF, a gzip, a Word file."""
    import gzip
    import io
    import zipfile

    from PIL import Image

    files = {}
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x9C9D] = "Tim Berger".encode("utf-16-le")  # XPAuthor, as Windows writes it
    Image.new("RGB", (8, 8)).save(out, "JPEG", exif=exif)
    files["images/exif.jpg"] = out.getvalue()
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "JPEG", comment=b"Photo: Tim Berger")
    files["images/comment.jpg"] = out.getvalue()
    files["sitemap.xml.gz"] = gzip.compress(b"<url>tim-berger</url>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as docx:
        docx.writestr("word/document.xml", "<w:t>Tim</w:t><w:t xml:space='preserve'> Berger</w:t>")
    files["files/list.docx"] = out.getvalue()
    files["data/notes.yml"] = b"- Tim Berger\n"
    files["images/tim-berger.svg"] = b'<svg xmlns="http://www.w3.org/2000/svg"/>'  # the name of the file itself
    return files


def test_every_file_is_read_whatever_its_type():
    from mobility_portal.privacy.leaks import scan_files

    files = binary_files()
    leaks = scan_files(files, [person("Tim Berger")], ["en"])
    assert sorted(leak.file for leak in leaks) == sorted(files)


def test_a_name_in_an_svg_text_or_a_yml_file_of_the_site_stops_the_build(portal):
    (portal / "content/en/plan.yml").write_text("who: Zoé O'Boulangère\n", encoding="utf-8")
    (portal / "content/en/drawing.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg"><text>ZOÉ</text><text>O’BOULANGÈRE</text></svg>', encoding="utf-8")
    result = run_mkdocs(portal, "build")
    assert result.returncode == 1
    assert "Personal data in site/plan.yml: a participant's name (gamma)" in result.output
    assert "Personal data in site/drawing.svg: a participant's name (gamma)" in result.output
    assert "Traceback" not in result.output


def test_a_file_that_cannot_be_read_is_reported_not_passed():
    import gzip

    from mobility_portal.privacy.leaks import MAX_UNPACKED, scan_files

    bomb = gzip.compress(b"\0" * (MAX_UNPACKED + 1))
    files = {"broken.pdf": b"%PDF-1.7\nnot a pdf", "sitemap.xml.gz": bomb}
    leaks = {leak.file: leak.what for leak in scan_files(files, [person("Tim Berger")], ["en"])}
    assert leaks["sitemap.xml.gz"] == "a file that cannot be checked (sitemap.xml.gz: unpacks to more than 200 MB, so it cannot be checked)"
    assert leaks["broken.pdf"].startswith("a file that cannot be checked (")
