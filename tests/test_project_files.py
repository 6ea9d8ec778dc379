"""Files from users are checked like YAML is: no reference may reach private/ or what git
ignores, an image must decode and is published as a copy we make (no metadata, no script)."""

import io
import os
import re

import pytest
from PIL import Image

from conftest import edit, run_mkdocs
from mobility_portal.load.images import MAX_BYTES, PRINT_SIDE, WEB_SIDE
from mobility_portal.load.projects import load_project
from test_model import VALID

LOGO = ("    city: Valencia\n", "    city: Valencia\n    logo: {}\n")
PRIVATE_MESSAGE = ("expected a file outside private/, found {!r}: private/ holds the learners' personal data "
                   "and nothing in it is ever published")
PARTICIPANTS = "participants:\n  - {name: Zoé Garnier, email: zoe.g@example.net, date_of_birth: 2010-04-05}\n"

# Every kind of file reference, as YAML added to VALID, with the key path an error names.
REFERENCES = {
    "logo": (lambda path: VALID.replace(LOGO[0], LOGO[1].format(path), 1), "partners[id=ies-valencia].logo"),
    "form": (lambda path: VALID + f"call: {{opens: 2026-10-01, closes: 2026-10-31, application: {{form: {path}}}}}\n",
             "call.application.form"),
    "gallery": (lambda path: VALID + f"dissemination:\n  gallery: [{{file: {path}, alt: {{fr: Une photo, en: A photo}}}}]\n",
                "dissemination.gallery[1].file"),
    "survey": (lambda path: VALID + f"surveys: [{{file: {path}, respondents: learners, columns: {{Q1: q1}}}}]\n",
               "surveys[1].file"),
}


def errors_of(project_folder, text, files=(), slug="demo"):
    root, folder = project_folder(text, slug)
    for name, content in files:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    return root, folder, [(error.path, error.message) for error in load_project(folder, root)[1]]


@pytest.mark.parametrize("kind", REFERENCES)
def test_no_reference_of_any_kind_may_point_into_private(project_folder, kind):
    text, path = REFERENCES[kind]
    _, _, errors = errors_of(project_folder, text("private/participants.yml"),
                             [("private/participants.yml", PARTICIPANTS.encode())])
    assert (path, PRIVATE_MESSAGE.format("private/participants.yml")) in errors


def test_a_symlink_into_private_is_refused_too(project_folder):
    root, folder = project_folder(REFERENCES["form"][0]("files/form.pdf"))
    (folder / "private").mkdir()
    (folder / "private/participants.yml").write_text(PARTICIPANTS, encoding="utf-8")
    (folder / "files").mkdir()
    os.symlink(folder / "private/participants.yml", folder / "files/form.pdf")
    errors = [(error.path, error.message) for error in load_project(folder, root)[1]]
    assert errors == [("call.application.form", PRIVATE_MESSAGE.format("files/form.pdf"))]


@pytest.mark.parametrize("ignore_at, line", [("root", "projects/*/drafts/"), ("project", "drafts/"), ("project", "*.draft.pdf")])
def test_a_file_git_ignores_is_refused(project_folder, ignore_at, line):
    root, folder = project_folder(REFERENCES["form"][0]("drafts/form.draft.pdf"))
    (root / ".gitignore" if ignore_at == "root" else folder / ".gitignore").write_text(f"# local files\n{line}\n", encoding="utf-8")
    (folder / "drafts").mkdir()
    (folder / "drafts/form.draft.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    errors = [(error.path, error.message) for error in load_project(folder, root)[1]]
    assert errors == [("call.application.form", "expected a file that git keeps, found 'drafts/form.draft.pdf', which "
                       ".gitignore leaves out (private or local files: a fresh clone would not have it either)")]


def test_a_form_must_be_the_document_its_name_says(project_folder):
    _, _, errors = errors_of(project_folder, REFERENCES["form"][0]("files/form.pdf"), [("files/form.pdf", b"<html>hi</html>")])
    assert errors == [("call.application.form", "expected a PDF, as the name 'files/form.pdf' says, found other content")]
    _, _, errors = errors_of(project_folder, REFERENCES["form"][0]("files/form.exe"),
                             [("files/form.exe", b"MZ")], slug="other")
    assert errors == [("call.application.form", "expected a document (.pdf, .docx, .xlsx, .odt, .ods, .doc, .xls), found 'files/form.exe'")]


def photo(size=(3000, 2000), kind="JPEG", **options) -> bytes:
    """A picture with the metadata a phone writes: the author's name, where it was taken."""
    image = Image.new("RGB", size, (180, 120, 60))
    exif = Image.Exif()
    exif[0x013B] = "Zoe Garnier"  # Artist
    exif[0x0112] = 6  # taken with the phone upright: to be turned
    exif.get_ifd(0x8825)[2] = (45.0, 46.0, 12.0)  # GPS latitude
    out = io.BytesIO()
    image.save(out, kind, exif=exif, **options)
    return out.getvalue()


@pytest.mark.parametrize("content, message", [
    (os.urandom(MAX_BYTES + 1_000_000), f"expected an image under 25 MB, found {(MAX_BYTES + 1_000_000) / 1e6:.1f} MB"),
    (os.urandom(4096), "expected an image, found a file that is not one (no picture format recognised)"),
    (photo()[:6000], "expected an image, found one that does not decode (image file is truncated"),
    (photo(kind="PNG"), "expected JPEG data, as the file's name says, found PNG data"),
], ids=["too-large", "random-bytes", "truncated", "png-named-jpg"])
def test_an_image_that_is_not_one_is_refused_with_a_reason(project_folder, content, message):
    import weasyprint  # noqa: F401 (it lets Pillow accept truncated images: the check must not)

    _, _, errors = errors_of(project_folder, REFERENCES["gallery"][0]("images/photo.jpg"), [("images/photo.jpg", content)])
    assert len(errors) == 1 and errors[0][0] == "dissemination.gallery[1].file"
    assert errors[0][1].startswith(message)


def test_a_picture_of_too_many_pixels_is_refused_before_it_is_decoded(project_folder):
    out = io.BytesIO()
    Image.new("1", (12_000, 9_000)).save(out, "PNG")  # a tiny file of 108 megapixels
    _, _, errors = errors_of(project_folder, REFERENCES["logo"][0]("images/logo.png"), [("images/logo.png", out.getvalue())])
    assert errors == [("partners[id=ies-valencia].logo", "expected an image of at most 100 megapixels, found 12000 × 9000 pixels")]


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory):
    """The guide portal with a phone photo in its gallery and a PNG logo: built."""
    from conftest import copy_root

    root = copy_root("guide", tmp_path_factory.mktemp("photos"))
    folder = root / "projects/gamma"
    (folder / "images").mkdir()
    (folder / "images/oven.jpg").write_bytes(photo())
    big_logo = io.BytesIO()
    Image.new("RGB", (4000, 1000), (0, 90, 160)).save(big_logo, "PNG")
    (folder / "images/logo.png").write_bytes(big_logo.getvalue())
    text = (folder / "project.yml").read_text(encoding="utf-8")
    text = text.replace("  - {id: escola-porto, role: host, name: Escola Porto, country: PT, city: Porto}",
                        "  - {id: escola-porto, role: host, name: Escola Porto, country: PT, city: Porto, logo: images/logo.png}")
    text += "dissemination:\n  gallery: [{file: images/oven.jpg, alt: {en: The oven, fr: Le four}}]\n"
    (folder / "project.yml").write_text(text, encoding="utf-8")
    result = run_mkdocs(root, "build")
    assert result.returncode == 0, result.output
    return result


def test_a_published_photo_is_a_copy_without_metadata_turned_as_taken(photo_site):
    published = photo_site.site / "projects/gamma/images/oven.jpg"
    image = Image.open(published)
    assert image.size == (round(WEB_SIDE * 2000 / 3000), WEB_SIDE)  # upright, as the phone was held; 1,600 pixels high
    assert dict(image.getexif()) == {}
    assert b"Zoe Garnier" not in published.read_bytes()


def test_the_pdfs_embed_the_print_copy_of_a_logo(photo_site):
    from pypdf import PdfReader

    reader = PdfReader(photo_site.site / "projects/gamma/downloads/info-pack-host-partner.pdf")
    sizes = {(image.image.width, image.image.height) for image in reader.pages[0].images}
    assert (PRINT_SIDE, PRINT_SIDE // 4) in sizes  # the 4,000 × 1,000 logo at print size
    assert "data:image" not in photo_site.output


SCRIPTED_LOGO = b"""<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" onload="alert(1)" viewBox="0 0 10 10">
<script>alert(document.cookie)</script>
<foreignObject><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example/"/></foreignObject>
<a xlink:href="javascript:alert(1)"><rect width="10" height="10" fill="#039"/></a>
<image href="https://evil.example/track.png" width="1" height="1"/>
</svg>"""


def test_an_svg_logo_with_a_script_is_published_without_it_and_the_log_says_so(site_root):
    root = site_root("guide")
    folder = root / "projects/gamma"
    (folder / "images").mkdir()
    (folder / "images/logo.svg").write_bytes(SCRIPTED_LOGO)
    project = folder / "project.yml"
    edit(project, "city: Porto}", "city: Porto, logo: images/logo.svg}")
    result = run_mkdocs(root, "build")
    assert result.returncode == 0, result.output
    assert ("projects/gamma/images/logo.svg: taken out of the published copy, as an image may not run or load anything: "
            "<foreignObject> (1), <script> (1), href to another file or address (2), onload (1). "
            "Ask whoever sent it why it was there.") in result.output
    published = (root / "site/projects/gamma/images/logo.svg").read_text(encoding="utf-8")
    for forbidden in ("<script", "onload", "foreignObject", "javascript:", "evil.example"):
        assert forbidden not in published
    assert '<rect width="10" height="10" fill="#039" />' in published  # what draws stays
    assert run_mkdocs(root, "build", "--strict").returncode == 1  # a warning: strict builds stop


def test_an_svg_with_entities_is_refused(project_folder):
    bomb = b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg">&b;</svg>'
    _, _, errors = errors_of(project_folder, REFERENCES["logo"][0]("images/logo.svg"), [("images/logo.svg", bomb)])
    assert errors == [("partners[id=ies-valencia].logo",
                       "expected an SVG image, found an SVG with a DTD or entities, which an image does not need")]


def test_an_unsafe_svg_from_content_stops_the_build(site_root):
    root = site_root("guide")
    (root / "content/en/drawing.svg").write_bytes(SCRIPTED_LOGO)
    result = run_mkdocs(root, "build")
    assert result.returncode == 1
    assert ("Unsafe image site/drawing.svg: it holds <foreignObject> (1), <script> (1), href to another file or "
            "address (2), onload (1)") in result.output
    assert "Traceback" not in result.output


def test_project_texts_are_plain_text_on_every_page_and_in_the_feed(site_root):
    root = site_root("guide")
    project = root / "projects/gamma/project.yml"
    edit(project, "title: {en: Bakers in Porto,", "title: {en: '**Bakers** in _Porto_ `now`',")
    result = run_mkdocs(root, "build")
    assert result.returncode == 0, result.output
    for page in ("", "projects/gamma/", "projects/gamma/news/"):
        html = result.page(page)
        assert "<strong>Bakers</strong>" not in html and "<em>Porto</em>" not in html and "<code>now</code>" not in html
    home = re.sub(r"<[^>]+>", "", result.page(""))
    assert "**Bakers** in _Porto_ `now`" in home.replace("&#42;", "*").replace("&#95;", "_").replace("&#96;", "`")
    assert "**Bakers** in _Porto_ `now`" in (root / "site/feed.xml").read_text(encoding="utf-8")


def test_a_page_that_fetches_from_another_site_stops_the_build(site_root):
    root = site_root("guide")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  font: false\n", ""), encoding="utf-8")
    result = run_mkdocs(root, "build")
    assert result.returncode == 1
    assert ("Third-party request in site/index.html: the page makes the browser fetch from fonts.googleapis.com, "
            "fonts.gstatic.com (for Google Fonts, set theme.font: false in mkdocs.yml)") in result.output


def test_a_form_in_private_stops_the_build_and_publishes_nothing(site_root):
    root = site_root("guide")
    private = root / "projects/gamma/private"
    private.mkdir()
    (private / "participants.yml").write_text(PARTICIPANTS, encoding="utf-8")
    project = root / "projects/gamma/project.yml"
    edit(project, "form: files/application-form.pdf", "form: private/participants.yml")
    result = run_mkdocs(root, "build")
    assert result.returncode == 1
    assert "projects/gamma/project.yml:" in result.output and "call.application.form" in result.output
    assert PRIVATE_MESSAGE.format("private/participants.yml") in result.output
    assert not list(root.glob("site/**/participants.yml")) and not list(root.glob(".cache/docs/**/participants.yml"))
