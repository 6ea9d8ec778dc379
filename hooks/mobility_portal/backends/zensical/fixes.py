"""What the Zensical backend mends on our side of the seam, before and after Zensical builds.

Before, in each language's copy of the staged tree:
- every file of the default language that a language lacks is copied into it (the project
  images, the PDFs of the default language): static-i18n's fallback_to_default does this for
  MkDocs, and a language built alone would have broken images;
- the links in raw HTML (the engine writes its PDF links as <a href> relative to the page's
  address, as MkDocs leaves them) are rewritten relative to the Markdown file, which is how
  Zensical reads them: it adds a "../" to them on every page that is not an index page.
After, in the merged site (the default language at the root, the others under <lang>/):
- the language switcher and <link rel="alternate" hreflang> of every page lead to the same page
  in each language (a per-language configuration can only name each language's home);
- one sitemap at the root lists every language's pages, as the MkDocs site's does.
"""

from __future__ import annotations

import gzip
import posixpath
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from urllib.parse import urlsplit

# An address in a raw HTML tag of a Markdown page: <a href="...">, <img src="...">, <source src="...">.
RAW_LINK = re.compile(r'(<(?:a|img|source)\b[^>]*?\s(?:href|src)=")([^"]*)(")', re.I)
# The language switcher's links and the alternates in <head>, as Material's templates write them.
ALTERNATE = re.compile(r'(<a href=")[^"]*(" hreflang="([\w-]+)" class="md-select__link">)'
                       r'|(<link rel="alternate" href=")[^"]*(" hreflang="([\w-]+)">)')
URLSET_END = "</urlset>"


def language_files(files: Mapping[str, bytes], lang: str, default: str) -> dict[str, bytes]:
    """The staged files of one language, relative to its folder, with the default language's
    files it lacks, and the raw-HTML links of its pages made relative to their Markdown file."""
    own = {name[len(lang) + 1:]: data for name, data in files.items() if name.startswith(f"{lang}/")}
    if lang != default:
        for name, data in files.items():
            if name.startswith(f"{default}/"):
                own.setdefault(name[len(default) + 1:], data)
    return {name: file_relative_links(name, data) if name.endswith(".md") else data for name, data in own.items()}


def file_relative_links(page: str, markdown: bytes) -> bytes:
    """Rewrite the relative addresses in raw HTML tags of `page` (a path like projects/a/for/x.md)
    from relative to its web address (projects/a/for/x/) to relative to the file's folder."""
    folder = posixpath.dirname(page)
    address = folder if posixpath.basename(page) == "index.md" else page[:-len(".md")]
    if address == folder:
        return markdown  # an index page: the two are the same

    def rewrite(match: re.Match[str]) -> str:
        url = match.group(2)
        if not url or url.startswith(("#", "/")) or urlsplit(url).scheme:
            return match.group(0)
        path, sep, rest = _split(url)
        target = posixpath.normpath(posixpath.join(address, path))
        relative = posixpath.relpath(target, folder or ".")
        if path.endswith("/") and not relative.endswith("/"):
            relative += "/"
        return f"{match.group(1)}{relative}{sep}{rest}{match.group(3)}"

    return RAW_LINK.sub(rewrite, markdown.decode("utf-8")).encode("utf-8")


def _split(url: str) -> tuple[str, str, str]:
    """A relative address into its path and what follows it (?query or #fragment)."""
    for sep in ("?", "#"):
        if sep in url:
            path, rest = url.split(sep, 1)
            return path, sep, rest
    return url, "", ""


def link_languages(site: Path, languages: Sequence[str]) -> int:
    """Point the language switcher and the alternates of every page at the same page in each
    language (its home where a language lacks the page); the pages changed."""
    default = languages[0]
    roots = {lang: site if lang == default else site / lang for lang in languages}
    pages = {lang: _pages(roots[lang], [site / other for other in languages if other != default] if lang == default else [])
             for lang in languages}
    changed = 0
    for lang in languages:
        prefix = "" if lang == default else f"{lang}/"
        for page in pages[lang]:
            if page == "404.html":
                continue  # served at any address: its links are absolute, to each language's home
            here = posixpath.dirname(prefix + page)

            def href(other: str, here: str = here, page: str = page) -> str:
                target = page if page in pages.get(other, ()) else "index.html"
                folder = posixpath.dirname(("" if other == default else f"{other}/") + target)
                relative = posixpath.relpath(folder or ".", here or ".")
                return "./" if relative == "." else f"{relative}/"

            def replace(match: re.Match[str]) -> str:
                if match.group(1) is not None:
                    return f"{match.group(1)}{href(match.group(3))}{match.group(2)}" if match.group(3) in roots else match.group(0)
                return f"{match.group(4)}{href(match.group(6))}{match.group(5)}" if match.group(6) in roots else match.group(0)

            file = roots[lang] / page
            html = file.read_text(encoding="utf-8")
            linked = ALTERNATE.sub(replace, html)
            if linked != html:
                file.write_text(linked, encoding="utf-8")
                changed += 1
    return changed


def _pages(root: Path, other_languages: list[Path]) -> set[str]:
    """The HTML pages of one language's site, relative to its root (not those of the languages
    inside it, for the default language's site at the root)."""
    return {
        path.relative_to(root).as_posix() for path in root.rglob("*.html")
        if not any(path.is_relative_to(inner) for inner in other_languages)
    }


def merge_sitemaps(site: Path, languages: Sequence[str], mtime: int) -> int:
    """One sitemap.xml (and .gz) at the root: every language's <url> entries, the default
    language's first; each language keeps its own beside its pages. The entries written."""
    texts = [((site if index == 0 else site / lang) / "sitemap.xml").read_text(encoding="utf-8")
             for index, lang in enumerate(languages)]
    first = texts[0]
    bodies = [text[text.index(">", text.index("<urlset")) + 1:text.rindex(URLSET_END)] for text in texts]
    merged = first[:first.index(">", first.index("<urlset")) + 1] + "".join(bodies) + first[first.rindex(URLSET_END):]
    (site / "sitemap.xml").write_text(merged, encoding="utf-8")
    with open(site / "sitemap.xml.gz", "wb") as file, gzip.GzipFile(fileobj=file, filename="sitemap.xml.gz", mode="wb",
                                                                      mtime=mtime) as compressed:
        compressed.write(merged.encode("utf-8"))
    return merged.count("<url>")
