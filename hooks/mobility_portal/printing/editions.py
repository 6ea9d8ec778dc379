"""Print editions for schools that photocopy: `mobility-portal print SLUG`.

The site's PDFs are A4, one-sided, for reading on screen and printing at home. A school that
photocopies a pack for a class gets, from the same templates:

- `a5-booklet`: the pack laid out on A5 pages, padded with blank pages to a multiple of four
  (before the last page, so that the emergency sheet stays the back cover), then imposed two
  pages to an A4 landscape sheet in booklet order. Copied two-sided (flip on the short edge),
  folded and stapled in the middle, the sheets read as an A5 booklet;
- `a4-two-sided`: A4 pages with a wider inner margin for binding, the emergency sheet on a leaf
  of its own (a right-hand page, its back left blank) so that it can be taken out, every page
  WeasyPrint leaves blank saying so, and an even number of pages, so that the next copy never
  starts on the back of this one.

They go to print/<slug>/<lang>/<document>.<edition>.pdf (a folder of the portal that the build
neither reads nor publishes). The imposed booklet is for the photocopier: a screen reader is
served by the tagged A4 PDF on the site.
"""

from __future__ import annotations

import io
from pathlib import Path

from ..build.generation import Generation, Settings
from ..errors import ProjectError, ProjectErrors, did_you_mean
from .pdf import PdfJob, render_pdfs
from .printer import BlankLearner

EDITIONS = ("a5-booklet", "a4-two-sided")
OUTPUT = Path("print")
A4 = (595.276, 841.89)  # points
A5 = (419.528, 595.276)

# Added to a document's print CSS for each edition, after the rest: the last word wins.
EDITION_CSS = {
    "a5-booklet": """
@page { size: A5; margin: 13mm 11mm 13mm 11mm; }
@page :left { margin-left: 11mm; margin-right: 13mm; }
@page :right { margin-left: 13mm; margin-right: 11mm; }
@page :first { margin-top: 10mm; }
html { font-size: 8pt; }
.cover h1 { font-size: 16pt; }
.cover .project { font-size: 10pt; }
.masthead .logos img { height: 9mm; }
.eu-mark img { width: 14mm; height: 9.3mm; }
.eu-mark span { font-size: 7pt; width: 28mm; }
.qr { width: 26mm; } .qr img { width: 20mm; height: 20mm; }
ol.toc { columns: 1; }
th[scope="row"] { width: 34%; }
.emergency .number { font-size: 10.5pt; }
""",
    "a4-two-sided": """
@page :left { margin-left: 17mm; margin-right: 23mm; }
@page :right { margin-left: 23mm; margin-right: 17mm; }
.emergency { break-before: right; }
""",
}


BLANK_CSS = ('@page { size: A4; } body { font-family: "DejaVu Sans", sans-serif; font-size: 9pt; color: #555; '
             'text-align: center; padding-top: 120mm; }')


def edition_html(html: str, edition: str, blank_label: str) -> str:
    """A document's HTML in an edition: its CSS added, and a page left blank saying so."""
    from ..render.formats import css_string

    blank = f"@page :blank {{ @top-center {{ content: {css_string(blank_label)}; font-size: 8pt; color: #555; vertical-align: bottom; }} }}"
    return html.replace("</style>", EDITION_CSS[edition] + blank + "\n</style>", 1)


def booklet_order(pages: int) -> list[tuple[int | None, int | None]]:
    """The pages (0-based; None: blank) on each side of each A4 sheet, left then right, for a
    booklet of `pages` pages padded to a multiple of four with blank pages before the last one."""
    count = -(-pages // 4) * 4
    blanks = count - pages
    # the document's pages, then the blanks, then its last page: the back cover
    order: list[int | None] = [*range(pages - 1), *([None] * blanks), pages - 1] if pages > 1 else [*range(pages), *([None] * blanks)]
    sides = []
    for sheet in range(count // 4):
        sides.append((order[count - 1 - 2 * sheet], order[2 * sheet]))  # front: the outside of the fold
        sides.append((order[2 * sheet + 1], order[count - 2 - 2 * sheet]))  # back
    return sides


def impose_booklet(pdf: bytes, title: str, lang: str) -> bytes:
    """A5 pages two to an A4 landscape sheet, in booklet order."""
    from pypdf import PageObject, PdfReader, PdfWriter, Transformation

    reader = PdfReader(io.BytesIO(pdf))
    writer = PdfWriter()
    width, height = A5
    for left, right in booklet_order(len(reader.pages)):
        sheet = PageObject.create_blank_page(width=2 * width, height=height)
        for slot, index in enumerate((left, right)):
            if index is not None:
                sheet.merge_transformed_page(reader.pages[index], Transformation().translate(tx=slot * width, ty=0))
        writer.add_page(sheet)
    return _written(writer, title, lang)


def pad_to_even(pdf: bytes, blank: bytes, title: str, lang: str) -> bytes:
    """The document with `blank` (a one-page PDF saying so) added when its pages are odd."""
    from pypdf import PdfReader, PdfWriter

    reader = PdfReader(io.BytesIO(pdf))
    if len(reader.pages) % 2 == 0:
        return pdf
    writer = PdfWriter(clone_from=reader)
    writer.add_page(PdfReader(io.BytesIO(blank)).pages[0])
    return _written(writer, title, lang)


def _written(writer, title: str, lang: str) -> bytes:
    import pypdf.generic as pdf_types

    writer.add_metadata({"/Title": title, "/Producer": "Mobility Portal"})
    writer._root_object[pdf_types.NameObject("/Lang")] = pdf_types.TextStringObject(lang)
    writer._ID = None  # no random file identifier: same input, same bytes
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_print_editions(settings: Settings, slug: str, edition: str, languages: list[str] | None = None,
                        everything: bool = False, output: Path | None = None) -> list[Path]:
    """Write the packs (every printed document with `everything`) of a project in an edition, in
    each of `languages` (default: the languages the project offers); return the files written."""
    generation = Generation(settings).load()
    by_slug = {loaded.slug: loaded for loaded in generation.projects}
    if slug not in by_slug:
        raise ProjectErrors([ProjectError(f"projects/{slug}", 1, "", f"no project folder projects/{slug}",
                                          did_you_mean(slug, by_slug) or f"projects: {', '.join(by_slug) or 'none yet'}")])
    loaded = by_slug[slug]
    printer = generation.printer
    assert printer is not None  # settings.pdf is set
    chosen = languages or list(loaded.project.languages)
    jobs, titles, blanks = [], {}, {}
    for lang in chosen:
        page_lang, context = generation.context(loaded, lang)
        label = generation.labels.get("pdf_blank_page", lang)
        blank = (f'<!DOCTYPE html><html lang="{lang}"><head><title>{label}</title><style>{BLANK_CSS}</style></head>'
                 f'<body><p>{label}</p></body></html>')
        jobs.append(PdfJob(f"blank/{lang}.pdf", blank))
        for document in context["documents"]:
            if document.kind != "pack" and not everything:
                continue
            if document.one_page and edition == "a5-booklet":
                continue  # a one-page document is printed as it is
            html = printer.html(page_lang, slug, document, context, BlankLearner())
            target = f"{lang}/{document.name}.{edition}.pdf"
            jobs.append(PdfJob(target, edition_html(html, edition, label)))
            titles[target] = (generation.labels.get(document.label, lang), lang)
        blanks[lang] = f"blank/{lang}.pdf"
    pdfs, _ = render_pdfs(jobs, settings.pdf_cache or settings.root / ".cache" / "pdf", settings.workers)
    folder = (output or settings.root / OUTPUT) / slug
    written = []
    for target, (title, lang) in titles.items():
        if edition == "a5-booklet":
            content = impose_booklet(pdfs[target], title, lang)
        else:
            content = pad_to_even(pdfs[target], pdfs[blanks[lang]], title, lang)
        path = folder / target
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        written.append(path)
    return written
