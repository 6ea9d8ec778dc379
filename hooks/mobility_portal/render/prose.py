"""Longer project texts (a summary, a description, a news item) in a safe subset of Markdown:
paragraphs and line breaks, **bold** and *italics*, lists, `code`, links [text](https://...)
and bare addresses made links. Nothing else: no raw HTML, no images, no headings or tables.

markdown-it-py renders the subset (everything else stays text, as typed); nh3 then keeps only
the elements of the subset and links to http(s), mailto and tel, so what a coordinator pastes
from anywhere can never run or load anything. The same HTML goes to the web pages and the PDFs.
"""

from __future__ import annotations

from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")
ELEMENTS = {"p", "br", "strong", "em", "code", "a", "ul", "ol", "li"}

_markdown = MarkdownIt("zero", {"linkify": True, "breaks": True, "html": False}).enable(
    ["paragraph", "newline", "emphasis", "backticks", "escape", "list", "link", "linkify"])
_markdown.validateLink = lambda url: url.strip().lower().startswith(LINK_SCHEMES)  # type: ignore[method-assign]


@lru_cache(maxsize=8192)
def prose_html(text: str) -> str:
    """The HTML of a text written in the subset; safe to put in a page as it is."""
    return nh3.clean(_markdown.render(text), tags=ELEMENTS, attributes={"a": {"href"}},
                     url_schemes={"http", "https", "mailto", "tel"}, link_rel="noopener").strip()
