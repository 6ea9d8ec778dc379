"""What a reader would notice on a printed page, read from WeasyPrint's layout of a document.

The print CSS asks for rows that never split, headings kept with what follows and sheets kept
whole; WeasyPrint does its best, and a long text can still beat it. This module looks at the
pages as laid out and names what went wrong, page by page:

- a table row that starts on one page and ends on the next;
- a block the CSS keeps together (`break-inside: avoid`: an emergency sheet, a signature block, a
  question) split over pages anyway;
- a heading that is the last thing on its page;
- a table that starts at the foot of a page with its header and fewer than two rows;
- a page less than a fifth full that is not the last (nor a page left blank on purpose).

It reads boxes, not the PDF: the same element split over two pages is two unrelated tags in a
tagged PDF, but one element with boxes on two pages here. pdf.py runs it on every document it
renders and keeps its findings with the PDF in the cache; the build reports them as warnings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
LEAST_FILL = 0.2  # a page that is not the last is at least a fifth full
SAME_LINE = 1.0  # CSS pixels: content starting this close above a heading's foot still counts as after it


@dataclass
class PageLayout:
    """One page as the checks see it: where its content ends, and what sits on it."""

    top: float  # the content area's top and height, in CSS pixels
    height: float
    blank: bool  # a page WeasyPrint left blank on purpose (break-before: right)
    bottom: float = 0.0  # the lowest content on the page
    headings: dict[Any, tuple[float, float]] = field(default_factory=dict)  # heading element -> top, foot
    content: list[tuple[float, Any]] = field(default_factory=list)  # top of each piece of content, its heading (or None)
    first_text: str = ""  # the first words on the page, to say where it starts

    @property
    def fill(self) -> float:
        return max(0.0, self.bottom - self.top) / self.height if self.height else 1.0


@dataclass(frozen=True)
class Layout:
    """A rendered document's page count and what the checks found, in reading order."""

    pages: int
    problems: tuple[str, ...] = ()
    fill: tuple[float, ...] = ()  # how full each page is (0 to 1), for reports and tests
    starts: tuple[str, ...] = ()  # the first words of each page, to say what spills over


def check_layout(document: Any) -> Layout:
    """The checks above run on a weasyprint.Document (HTML(...).render())."""
    pages: list[PageLayout] = []
    fragments: dict[Any, list[int]] = {}  # element kept whole (a row, a block) -> pages it is on
    rows: dict[Any, dict[int, set]] = {}  # table element -> page -> its body rows on it
    context: dict[Any, str] = {}  # a table or block -> the heading above it, to name it
    state = {"heading": ""}
    for number, page in enumerate(document.pages):
        box = page._page_box
        layout = PageLayout(box.content_box_y(), box.height, bool(box.page_type.blank))
        for child in box.children:
            if type(child).__name__ != "MarginBox":
                _walk(child, number, layout, None, None, False, fragments, rows, context, state)
        pages.append(layout)

    problems: list[tuple[int, str]] = []
    last = len(pages) - 1
    for element, on in fragments.items():
        if element is not None and len(set(on)) > 1:
            first, end = min(on) + 1, max(on) + 1
            if element.tag == "tr":
                problems.append((first, f"a row of the table {_under(context.get(element))}runs from page {first} onto page {end}: "
                                        f"{_text(element)!r}"))
            else:
                problems.append((first, f"{_describe(element)} is split over pages {first}-{end}"))
    for table, by_page in rows.items():
        first = min(by_page)
        count, total = len(by_page[first]), len(set().union(*by_page.values()))
        if len(by_page) > 1 and count < 2 and total > count:
            problems.append((first + 1, f"the table {_under(context.get(table))}starts at the foot of page {first + 1} "
                                        f"with {count} row{'s' if count != 1 else ''} under its header"))
    for number, layout in enumerate(pages):
        if number == last:
            continue
        for heading, (_, foot) in layout.headings.items():
            after = any(top >= foot - SAME_LINE and owner is not heading for top, owner in layout.content)
            if not after:
                problems.append((number + 1, f"the heading {_text(heading)!r} is the last thing on page {number + 1}"))
        if not layout.blank and layout.fill < LEAST_FILL:
            problems.append((number + 1, f"page {number + 1} is only {layout.fill:.0%} full"))
    return Layout(len(pages), tuple(what for _, what in sorted(problems, key=lambda item: item[0])),
                  tuple(round(layout.fill, 3) for layout in pages), tuple(layout.first_text for layout in pages))


def _walk(box: Any, number: int, layout: PageLayout, heading: Any, table: Any, in_head: bool,
          fragments: dict, rows: dict, context: dict, state: dict) -> None:
    kind = type(box).__name__
    if kind == "AbsolutePlaceholder":
        return  # a list bullet: its item's text is the content
    element = box.element if getattr(box, "element", None) is not None else None
    tag = box.element_tag if element is not None else None
    if element is not None and tag in HEADINGS and heading is None and box.element_tag == element.tag:
        heading = element
        state["heading"] = _text(element)
        top, foot = box.position_y, box.position_y + box.margin_height() - box.margin_bottom
        seen = layout.headings.get(element)
        layout.headings[element] = (min(top, seen[0]), max(foot, seen[1])) if seen else (top, foot)
    if tag == "table" and kind == "TableBox":
        table = element
        rows.setdefault(table, {}).setdefault(number, set())
        context.setdefault(table, state["heading"])
    if tag == "thead":
        in_head = True
    if kind == "TableRowBox" and not in_head and element is not None:
        fragments.setdefault(element, []).append(number)
        context.setdefault(element, state["heading"])
        if table is not None:
            rows[table].setdefault(number, set()).add(element)
    elif element is not None and tag not in ("html", "body") and not in_head and kind != "TableRowBox" and \
            box.style["break_inside"] in ("avoid", "avoid-page") and box.element_tag == element.tag:
        fragments.setdefault(element, []).append(number)
    if kind == "TextBox" and not layout.first_text and box.text.strip():
        layout.first_text = _text(element) if element is not None and tag in HEADINGS else box.text.strip()[:60]
    if _is_content(box, kind):
        top = box.position_y
        layout.content.append((top, heading))
        layout.bottom = max(layout.bottom, top + box.margin_height())
    for child in getattr(box, "children", ()):
        _walk(child, number, layout, heading, table, in_head, fragments, rows, context, state)


def _is_content(box: Any, kind: str) -> bool:
    """Ink on paper: text, an image, or a box a reader sees (a border, a background: a tick box,
    a line to write on, a table cell)."""
    if kind == "TextBox":
        return bool(box.text.strip())
    if kind in ("ReplacedBox", "InlineReplacedBox", "BlockReplacedBox"):
        return True
    if getattr(box, "element", None) is None or kind in ("PageBox", "LineBox"):
        return False
    style = box.style
    bordered = any(style[f"border_{side}_width"] for side in ("top", "bottom", "left", "right"))
    filled = style["background_color"].alpha > 0
    return bool((bordered or filled) and box.margin_height() > 0)


def _text(element: Any, limit: int = 60) -> str:
    text = re.sub(r"\s+", " ", " ".join(element.itertext())).strip()
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _under(heading: str | None) -> str:
    return f"under {heading!r} " if heading else ""


def _describe(element: Any) -> str:
    classes = element.get("class") or ""
    label = f"<{element.tag}{' class=' + repr(classes) if classes else ''}>"
    text = _text(element, 40)
    return f"{label} ({text!r})" if text else label
