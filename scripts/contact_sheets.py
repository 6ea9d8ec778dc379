"""Contact sheets of the printed documents: one PNG per PDF, every page side by side, so that a
person reviews a whole portal's print in a minute.

Each page is rendered by poppler's pdftoppm (Debian's poppler-utils, which `./run test` installs),
framed, numbered and laid out in rows; pages a checker flagged are framed in red and the reason is
written under them (--check): a heading with nothing printed under it on its page, or a page
that is not the last and is less than a fifth full. These checks read the PDF alone, with
pdfplumber (installed with the test tools): the positions of its characters and drawings, and
its tagged structure for which characters are headings. The build's own checks
(hooks/mobility_portal/printing/layout.py) read WeasyPrint's layout and say more; the tests use both.

    .venv/bin/python scripts/contact_sheets.py                 # site/**/downloads/*.pdf -> contact-sheets/
    .venv/bin/python scripts/contact_sheets.py site/fr -o /tmp/sheets --dpi 40 --columns 6
    .venv/bin/python scripts/contact_sheets.py --check         # frame in red what the checks find

The sheet of site/fr/projects/x/downloads/info-pack-learners.pdf is
contact-sheets/fr/projects/x/info-pack-learners.png; an index.html beside them shows them all.
"""

from __future__ import annotations

import argparse
import html
import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

LEAST_FILL = 0.2  # a page that is not the last is at least a fifth full
MARGINS = (19, 17)  # mm: the top and bottom page margins of print.css, where the running header and footer are
GAP = 12  # pixels between pages and around the sheet
LABEL = 16  # height of the line under each page: its number (and what a check found)
TITLE = 24  # height of the line on top of the sheet: the file's path and page count
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def pdf_pages(pdf: Path, dpi: int, folder: Path) -> list[Image.Image]:
    """Every page of `pdf` as an image, in order (pdftoppm numbers them with leading zeros)."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(folder / "page")], check=True)
    return [Image.open(path).convert("RGB") for path in sorted(folder.glob("page*.png"))]


def page_fill(pdf: Path) -> list[float]:
    """How far down each page its text and drawings reach, between the top and bottom margins."""
    import pdfplumber

    fills = []
    with pdfplumber.open(pdf) as document:
        for page in document.pages:
            top, bottom = MARGINS[0] * 72 / 25.4, page.height - MARGINS[1] * 72 / 25.4
            marks = [item for item in (*page.chars, *page.rects, *page.lines, *page.images) if item["top"] <= bottom]
            lowest = max((item["bottom"] for item in marks), default=top)
            fills.append(max(0.0, (lowest - top) / (bottom - top)))
    return fills


def headings_at_the_foot(pdf: Path) -> dict[int, str]:
    """Page number -> the heading with nothing printed below it on that page (the last page aside).
    Headings are the characters the tagged structure puts under H1-H4."""
    import pdfplumber

    found = {}
    with pdfplumber.open(pdf) as document:
        for number, page in enumerate(document.pages[:-1], start=1):
            heading_mcids = _heading_mcids(page.structure_tree)
            tagged = [char for char in page.chars if char.get("mcid") is not None]
            heading = [char for char in tagged if char["mcid"] in heading_mcids]
            if not heading:
                continue
            foot = max(char["bottom"] for char in heading)
            below = [char for char in tagged if char["mcid"] not in heading_mcids and char["top"] >= foot - 1]
            bottom = page.height - MARGINS[1] * 72 / 25.4
            drawn = [rect for rect in (*page.rects, *page.images) if rect["top"] >= foot and rect["bottom"] < bottom]
            if not below and not drawn:
                last = [char for char in heading if char["bottom"] >= foot - 14]
                found[number] = "heading " + repr("".join(char["text"] for char in last).strip()) + " at the foot"
    return found


def _heading_mcids(elements: list, in_heading: bool = False) -> set[int]:
    """The marked-content ids of the characters under H1-H4 in a page's structure tree."""
    found: set[int] = set()
    for element in elements:
        inside = in_heading or element.get("type") in ("H1", "H2", "H3", "H4")
        if inside:
            found.update(element.get("mcids", []))
        found |= _heading_mcids(element.get("children", []), inside)
    return found


def pdf_problems(pdf: Path) -> dict[int, str]:
    """Page number -> what a reader would notice there: a heading at the foot, a page nearly empty."""
    problems = headings_at_the_foot(pdf)
    fills = page_fill(pdf)
    for number, fill in enumerate(fills[:-1], start=1):
        if fill < LEAST_FILL:
            problems.setdefault(number, f"only {fill:.0%} full")
    return problems


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.truetype(FONT, size)
    except OSError:
        return ImageFont.load_default()


def contact_sheet(title: str, pages: list[Image.Image], columns: int, flagged: dict[int, str] | None = None) -> Image.Image:
    """The pages in rows of `columns`, each framed (red when flagged: page number -> reason)."""
    flagged = flagged or {}
    width = max(page.width for page in pages)
    height = max(page.height for page in pages)
    per_row = min(columns, len(pages))
    rows = -(-len(pages) // per_row)
    sheet = Image.new("RGB", (GAP + per_row * (width + GAP), TITLE + GAP + rows * (height + LABEL + GAP)), "#d9dce1")
    draw = ImageDraw.Draw(sheet)
    small, big = _font(11), _font(14)
    draw.text((GAP, 5), f"{title} · {len(pages)} page{'s' if len(pages) != 1 else ''}", fill="#111", font=big)
    for index, page in enumerate(pages):
        x = GAP + (index % per_row) * (width + GAP)
        y = TITLE + GAP + (index // per_row) * (height + LABEL + GAP)
        sheet.paste(page, (x, y))
        number = index + 1
        colour = "#c00000" if number in flagged else "#777"
        draw.rectangle((x - 1, y - 1, x + page.width, y + page.height), outline=colour, width=3 if number in flagged else 1)
        label = f"{number}" + (f" · {flagged[number]}" if number in flagged else "")
        draw.text((x, y + page.height + 2), label[: max(8, width // 6)], fill=colour, font=small)
    return sheet


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default="site", type=Path, help="where to look for downloads/*.pdf (default: site)")
    parser.add_argument("-o", "--output", default=Path("contact-sheets"), type=Path, help="where the sheets go (default: contact-sheets/)")
    parser.add_argument("--dpi", type=int, default=36, help="resolution of each page (default: 36, about 300 pixels a page)")
    parser.add_argument("--columns", type=int, default=8, help="pages per row (default: 8)")
    parser.add_argument("--check", action="store_true", help="frame in red the pages with a heading at the foot or less than a fifth full")
    args = parser.parse_args(argv)

    pdfs = sorted(args.folder.glob("**/downloads/*.pdf")) if args.folder.is_dir() else [args.folder]
    if not pdfs:
        print(f"no PDF under {args.folder}/**/downloads/", file=sys.stderr)
        return 1
    base = args.folder if args.folder.is_dir() else args.folder.parent
    written = []
    for pdf in pdfs:
        relative = pdf.relative_to(base)
        name = relative.parent.parent / f"{pdf.stem}.png" if relative.parent.name == "downloads" else relative.with_suffix(".png")
        flagged: dict[int, str] = {}
        if args.check:
            flagged = pdf_problems(pdf)
        with tempfile.TemporaryDirectory() as folder:
            pages = pdf_pages(pdf, args.dpi, Path(folder))
            sheet = contact_sheet(relative.as_posix(), pages, args.columns, flagged)
        target = args.output / name
        target.parent.mkdir(parents=True, exist_ok=True)
        sheet.save(target, optimize=True)
        written.append((name, len(pages), len(flagged)))
    index = "".join(
        f'<h2>{html.escape(name.as_posix())} · {pages} pages{f" · {flags} flagged" if flags else ""}</h2>'
        f'<img src="{html.escape(name.as_posix())}" alt="" style="max-width:100%">'
        for name, pages, flags in written
    )
    (args.output / "index.html").write_text(f'<!DOCTYPE html><html lang="en"><meta charset="utf-8"><title>Contact sheets</title>'
                                            f'<body style="font-family:sans-serif;background:#eee">{index}</body></html>', encoding="utf-8")
    flagged_total = sum(flags for _, _, flags in written)
    print(f"{len(written)} contact sheets, {sum(pages for _, pages, _ in written)} pages in {args.output}/"
          + (f"; {flagged_total} pages flagged" if args.check else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
