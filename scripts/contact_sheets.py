"""Contact sheets of the printed documents: one PNG per PDF, every page side by side, so that a
person reviews a whole portal's print in a minute.

Each page is rendered by poppler's pdftoppm (Debian's poppler-utils, which `./run test` installs),
framed, numbered and laid out in rows; pages a checker flagged are framed in red and the reason is
written under them (see --check).

    .venv/bin/python scripts/contact_sheets.py                 # site/**/downloads/*.pdf -> contact-sheets/
    .venv/bin/python scripts/contact_sheets.py site/fr -o /tmp/sheets --dpi 40 --columns 6
    .venv/bin/python scripts/contact_sheets.py --check         # also mark what print_checks.py finds

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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

GAP = 12  # pixels between pages and around the sheet
LABEL = 16  # height of the line under each page: its number (and what a check found)
TITLE = 24  # height of the line on top of the sheet: the file's path and page count
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def pdf_pages(pdf: Path, dpi: int, folder: Path) -> list[Image.Image]:
    """Every page of `pdf` as an image, in order (pdftoppm numbers them with leading zeros)."""
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(folder / "page")], check=True)
    return [Image.open(path).convert("RGB") for path in sorted(folder.glob("page*.png"))]


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
    parser.add_argument("--check", action="store_true", help="frame in red the pages the print checks flag (printing/checks.py)")
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
            from mobility_portal.printing.checks import check_pdf

            for problem in check_pdf(pdf.read_bytes()):
                flagged.setdefault(problem.page, problem.what)
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
