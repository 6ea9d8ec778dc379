"""Print: HTML from theme/pdf/ -> PDF with WeasyPrint, in parallel, cached by input.

A PDF's bytes depend only on its HTML (images are inlined as data URIs) and on the WeasyPrint
version, so the hash of both names it in the cache: a rebuild with no change renders nothing.

Each document is laid out before it is written, and its layout read (layout.py):
- a document with a table of contents (<!--contents--> in its HTML) keeps it only when it runs to
  more than CONTENTS_FROM pages without it: laid out once without, and again with it when long;
- what the layout checks find (a split row, a heading at the foot of a page, a page nearly empty)
  is kept beside the PDF in the cache (<key>.json), so every build reports it, cached or not;
- a document that must fit one page (the results one-pager) and does not stops the build with
  the project, the document and what to shorten.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..build.processes import pool, worker_count
from ..errors import ProjectError, ProjectErrors
from .layout import Layout, check_layout

log = logging.getLogger("mkdocs.plugins.mobility_portal")

DATA_URI = re.compile(r"data:([\w/+.-]*)[;,][^\s'\")]{64,}")
PDF_VARIANT = "pdf/ua-1"  # tagged, with title and language: readable by screen readers
PROGRESS_EVERY = 10  # log a line every this many PDFs rendered
CONTENTS_FROM = 9  # a document keeps its table of contents from this many pages (counted without it)
LAYOUT_VERSION = "2"  # the checks' findings are cached with the PDF: a change of the checks renders again
CONTENTS = re.compile(r"<!--contents-->.*?<!--/contents-->", re.S)


class ShortDataUris(logging.Filter):
    """WeasyPrint names an image it cannot read by its address: for our inlined images, the whole
    data: URI, megabytes of base64 per line of log. The log says which kind of image it was."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "data:" in message:
            record.msg, record.args = DATA_URI.sub(lambda match: f"data:{match.group(1)} (inlined image)", message), None
        return True


logging.getLogger("weasyprint").addFilter(ShortDataUris())


@dataclass(frozen=True)
class OnePage:
    """A document that must fit one page: where its text comes from, and which fields fill it."""

    file: str  # the project file, as the error names it: projects/<slug>/project.yml
    line: int  # where the first of `shorten` starts in it
    document: str  # the PDF and its language: "fr/projects/x/downloads/results.pdf (fr)"
    shorten: tuple[str, ...]  # key paths of project.yml that fill the page, in their order on it


@dataclass(frozen=True)
class PdfJob:
    target: str  # where the PDF goes in the staged docs, e.g. fr/projects/x/downloads/pack.pdf
    html: str
    one_page: OnePage | None = None


@dataclass(frozen=True)
class PdfReport:
    rendered: int
    cached: int
    seconds: float
    warnings: list[str] = field(default_factory=list)  # what the layout checks found, one line per problem
    pages: dict[str, int] = field(default_factory=dict)  # each target's page count


def data_uri(content: bytes, media_type: str) -> str:
    """An image as a data: URI, so the HTML carries its images and its hash covers them."""
    return f"data:{media_type};base64,{base64.b64encode(content).decode()}"


def add_table_of_contents(html: str) -> str:
    """Fill <!--toc--> with a link to every <h2 id=...>; print CSS adds leaders and page numbers."""
    entries = re.findall(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', html, re.S)
    items = "".join(f'<li><a href="#{anchor}">{title}</a></li>' for anchor, title in entries)
    return html.replace("<!--toc-->", f'<ol class="toc">{items}</ol>', 1)


def without_contents(html: str) -> str:
    """The document without its table of contents (the section between the two markers)."""
    return CONTENTS.sub("", html, count=1)


def render_pdfs(jobs: list[PdfJob], cache_dir: Path, workers: int | None = None, *,
                prune: bool = False) -> tuple[dict[str, bytes], PdfReport]:
    """Every job's PDF bytes by target; renders only what the cache lacks, on all cores.
    `prune` deletes the cached PDFs these jobs no longer use (documents with personal data)."""
    import time

    import weasyprint

    started = time.perf_counter()
    cache_dir.mkdir(parents=True, exist_ok=True)
    version = weasyprint.__version__
    keys = {job.target: hashlib.sha256(f"{version}\0{PDF_VARIANT}\0{LAYOUT_VERSION}\0{CONTENTS_FROM}\0{job.html}".encode()).hexdigest()
            for job in jobs}
    missing = {key: job for job in jobs
               if not ((cache_dir / f"{(key := keys[job.target])}.pdf").is_file() and (cache_dir / f"{key}.json").is_file())}
    if missing:
        log.info("Mobility Portal: rendering %d PDFs (%d cached)", len(missing), len(jobs) - len(missing))
        _render_missing(missing, cache_dir, worker_count(workers))
    pdfs = {job.target: (cache_dir / f"{keys[job.target]}.pdf").read_bytes() for job in jobs}
    layouts = {job.target: _read_layout(cache_dir / f"{keys[job.target]}.json") for job in jobs}
    if prune:
        used = {cache_dir / f"{key}.{suffix}" for key in keys.values() for suffix in ("pdf", "json")}
        for unused in {*cache_dir.glob("*.pdf"), *cache_dir.glob("*.json")} - used:
            unused.unlink()
    too_long = [_one_page_error(job, layouts[job.target]) for job in jobs if job.one_page and layouts[job.target].pages > 1]
    if too_long:
        raise ProjectErrors(too_long)
    warnings = [f"print: {job.target}: {problem}" for job in jobs for problem in layouts[job.target].problems]
    return pdfs, PdfReport(len(missing), len(jobs) - len(missing), time.perf_counter() - started, warnings,
                           {target: layout.pages for target, layout in layouts.items()})


def _one_page_error(job: PdfJob, layout: Layout) -> ProjectError:
    """The build's error for a one-page document that runs longer: one line, what to shorten."""
    one = job.one_page
    assert one is not None
    fields = ", ".join(one.shorten[:-1]) + (f" or {one.shorten[-1]}" if len(one.shorten) > 1 else one.shorten[0])
    spill = layout.starts[1] if len(layout.starts) > 1 and layout.starts[1] else ""
    message = f"the printed document {one.document} runs to {layout.pages} pages but must fit one A4 page: shorten {fields}"
    return ProjectError(one.file, one.line, "", message + (f" (page 2 starts at {spill!r})" if spill else ""))


def _read_layout(path: Path) -> Layout:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Layout(data["pages"], tuple(data["problems"]), tuple(data["fill"]), tuple(data["starts"]))


def _render_missing(missing: dict[str, PdfJob], cache_dir: Path, workers: int) -> None:
    items = list(missing.items())
    def report(done: int) -> None:
        return (
            log.info("Mobility Portal: %d/%d PDFs", done, len(items)) if done % PROGRESS_EVERY == 0 else None
        )
    def keep(key: str, rendered: tuple[bytes, Layout]) -> None:
        pdf, layout = rendered
        # the findings first, the PDF last: a PDF in the cache always has its findings beside it
        _write(cache_dir / f"{key}.json", json.dumps({"pages": layout.pages, "problems": layout.problems, "fill": layout.fill,
                                                       "starts": layout.starts}, ensure_ascii=False).encode())
        _write(cache_dir / f"{key}.pdf", pdf)

    if workers <= 1 or len(items) == 1:
        for done, (key, job) in enumerate(items, start=1):
            keep(key, render_laid_out(job.html))
            report(done)
        return
    with pool(min(workers, len(items))) as executor:
        results = executor.map(render_laid_out, [job.html for _, job in items], chunksize=1)
        for done, ((key, _), rendered) in enumerate(zip(items, results), start=1):
            keep(key, rendered)
            report(done)


def lay_out(html: str) -> Any:
    """A document laid out (a weasyprint.Document), with its table of contents only when it runs
    to CONTENTS_FROM pages or more without it."""
    import weasyprint

    def render(text: str) -> Any:
        return weasyprint.HTML(string=text, base_url=None).render(pdf_variant=PDF_VARIANT)

    if "<!--contents-->" not in html:
        return render(html)
    document = render(without_contents(html))
    if len(document.pages) < CONTENTS_FROM:
        return document
    return render(add_table_of_contents(html))


def render_laid_out(html: str) -> tuple[bytes, Layout]:
    """One PDF from one self-contained HTML document, and what the layout checks found in it
    (runs in a worker process)."""
    document = lay_out(html)
    return document.write_pdf(pdf_variant=PDF_VARIANT), check_layout(document)


def render_pdf(html: str) -> bytes:
    """One PDF from one self-contained HTML document."""
    return render_laid_out(html)[0]


def _write(path: Path, content: bytes) -> None:
    # Write then rename: a build stopped halfway never leaves a truncated PDF in the cache. The
    # folder is made again if someone deleted .cache/ meanwhile.
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(content)
    partial.replace(path)
