"""Print: HTML from theme/pdf/ -> PDF with WeasyPrint, in parallel, cached by input.

A PDF's bytes depend only on its HTML (images are inlined as data URIs) and on the WeasyPrint
version, so the hash of both names it in the cache: a rebuild with no change renders nothing.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from dataclasses import dataclass
from pathlib import Path

from ..build.processes import pool, worker_count

log = logging.getLogger("mkdocs.plugins.mobility_portal")

DATA_URI = re.compile(r"data:([\w/+.-]*)[;,][^\s'\")]{64,}")
PDF_VARIANT = "pdf/ua-1"  # tagged, with title and language: readable by screen readers
PROGRESS_EVERY = 10  # log a line every this many PDFs rendered


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
class PdfJob:
    target: str  # where the PDF goes in the staged docs, e.g. fr/projects/x/downloads/pack.pdf
    html: str


@dataclass(frozen=True)
class PdfReport:
    rendered: int
    cached: int
    seconds: float


def data_uri(content: bytes, media_type: str) -> str:
    """An image as a data: URI, so the HTML carries its images and its hash covers them."""
    return f"data:{media_type};base64,{base64.b64encode(content).decode()}"


def add_table_of_contents(html: str) -> str:
    """Fill <!--toc--> with a link to every <h2 id=...>; print CSS adds leaders and page numbers."""
    entries = re.findall(r'<h2 id="([^"]+)"[^>]*>(.*?)</h2>', html, re.S)
    items = "".join(f'<li><a href="#{anchor}">{title}</a></li>' for anchor, title in entries)
    return html.replace("<!--toc-->", f'<ol class="toc">{items}</ol>', 1)


def render_pdfs(jobs: list[PdfJob], cache_dir: Path, workers: int | None = None, *,
                prune: bool = False) -> tuple[dict[str, bytes], PdfReport]:
    """Every job's PDF bytes by target; renders only what the cache lacks, on all cores.
    `prune` deletes the cached PDFs these jobs no longer use (documents with personal data)."""
    import time

    import weasyprint

    started = time.perf_counter()
    cache_dir.mkdir(parents=True, exist_ok=True)
    version = weasyprint.__version__
    keys = {job.target: hashlib.sha256(f"{version}\0{PDF_VARIANT}\0{job.html}".encode()).hexdigest() for job in jobs}
    missing = {key: job for job in jobs if not (cache_dir / f"{(key := keys[job.target])}.pdf").is_file()}
    if missing:
        log.info("Mobility Portal: rendering %d PDFs (%d cached)", len(missing), len(jobs) - len(missing))
        _render_missing(missing, cache_dir, worker_count(workers))
    pdfs = {job.target: (cache_dir / f"{keys[job.target]}.pdf").read_bytes() for job in jobs}
    if prune:
        for unused in set(cache_dir.glob("*.pdf")) - {cache_dir / f"{key}.pdf" for key in keys.values()}:
            unused.unlink()
    return pdfs, PdfReport(len(missing), len(jobs) - len(missing), time.perf_counter() - started)


def _render_missing(missing: dict[str, PdfJob], cache_dir: Path, workers: int) -> None:
    items = list(missing.items())
    def report(done: int) -> None:
        return (
            log.info("Mobility Portal: %d/%d PDFs", done, len(items)) if done % PROGRESS_EVERY == 0 else None
        )
    if workers <= 1 or len(items) == 1:
        for done, (key, job) in enumerate(items, start=1):
            _write(cache_dir / f"{key}.pdf", render_pdf(job.html))
            report(done)
        return
    with pool(min(workers, len(items))) as executor:
        results = executor.map(render_pdf, [job.html for _, job in items], chunksize=1)
        for done, ((key, _), pdf) in enumerate(zip(items, results), start=1):
            _write(cache_dir / f"{key}.pdf", pdf)
            report(done)


def render_pdf(html: str) -> bytes:
    """One PDF from one self-contained HTML document (runs in a worker process)."""
    import weasyprint

    return weasyprint.HTML(string=html, base_url=None).write_pdf(pdf_variant=PDF_VARIANT)


def _write(path: Path, content: bytes) -> None:
    # Write then rename: a build stopped halfway never leaves a truncated PDF in the cache. The
    # folder is made again if someone deleted .cache/ meanwhile.
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".part")
    partial.write_bytes(content)
    partial.replace(path)
