"""Benchmark of the printed documents of the example portal.

Renders every PDF of the examples three times into fresh caches: on one process, on one process
per core, then again with the cache warm. Prints seconds per page and the speed-up from
parallelism. Run: .venv/bin/python scripts/benchmark_pdf.py
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "hooks"))

from mobility_portal.build.generation import Settings, generate


def run(cache: Path, workers: int | None):
    settings = Settings(
        root=ROOT, site_languages=("en", "fr", "es", "de", "fi"), today=dt.date(2026, 11, 29),
        site_url="https://mobility-portal.example.eu/", pdf=True, pdf_cache=cache, workers=workers,
    )
    generated = generate(settings)
    pages = sum(len(PdfReader(cache / name).pages) for name in os.listdir(cache) if name.endswith(".pdf"))
    return generated.pdf_report, pages


def main() -> None:
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as many:
        sequential, pages = run(Path(one), 1)
        parallel, _ = run(Path(many), cores)
        warm, _ = run(Path(many), cores)
    print(f"documents: {sequential.rendered}, pages: {pages}, cores: {cores}")
    print(f"one process:  {sequential.seconds:6.1f} s  {sequential.seconds / pages:.3f} s/page")
    print(f"{cores} processes: {parallel.seconds:6.1f} s  {parallel.seconds / pages:.3f} s/page")
    print(f"speed-up from parallelism: {sequential.seconds / parallel.seconds:.2f}x")
    print(f"rebuild with no change: {warm.rendered} rendered, {warm.cached} from the cache, {warm.seconds:.2f} s")


if __name__ == "__main__":
    main()
