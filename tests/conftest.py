"""Shared fixtures: small site roots under tests/roots/ built for real with MkDocs.

A root is a complete small portal (mkdocs.yml, content/, projects/). It is copied into a
temporary folder with the repository's hooks/ and theme/ linked in, so a build never writes
into the repository and tests can edit their copy freely.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ROOTS = Path(__file__).resolve().parent / "roots"
MKDOCS = [sys.executable, "-m", "mkdocs"]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Without these, chromium keeps trying to reach Google's hosts, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

# 2026-11-29, the day the example data was written: one example project upcoming, one completed.
BUILD_EPOCH = "1795910400"

# One PDF cache for the whole test session: PDFs are keyed by the hash of their input, so builds
# of the same root share them and the suite renders each document once.
SESSION_PDF_CACHE = Path(tempfile.mkdtemp(prefix="mobility-portal-pdf-"))


@dataclass
class Build:
    returncode: int
    output: str
    root: Path

    @property
    def site(self) -> Path:
        return self.root / "site"

    def page(self, url_path: str) -> str:
        """The HTML of a page by its address, like 'fr/projects/alpha/'."""
        return (self.site / url_path / "index.html").read_text(encoding="utf-8")


def article_text(html: str) -> str:
    """What a reader reads in a page's article: tags dropped, entities kept, spaces folded."""
    article = re.search(r"<article.*?</article>", html, re.S).group(0)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article))


def edit(file: Path, old: str, new: str) -> None:
    """Replace `old` by `new` in a file of a test's portal; `old` must be there (a test that edits
    nothing would prove nothing)."""
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {file}"
    file.write_text(text.replace(old, new), encoding="utf-8")


def copy_root(name: str, destination: Path, *, copy_theme: bool = False) -> Path:
    source = REPO if name == "examples" else ROOTS / name
    root = destination / name
    root.mkdir(parents=True)
    for entry in ("mkdocs.yml", "content", "projects"):
        if (source / entry).is_dir():
            shutil.copytree(source / entry, root / entry, ignore=shutil.ignore_patterns("private"))
        elif (source / entry).exists():
            shutil.copy2(source / entry, root / entry)
    (root / "hooks").symlink_to(REPO / "hooks")
    if copy_theme:
        shutil.copytree(REPO / "theme", root / "theme")
    else:
        (root / "theme").symlink_to(REPO / "theme")
    return root


def run_mkdocs(root: Path, *args: str, epoch: str = BUILD_EPOCH, **env_vars: str) -> Build:
    env = {
        **os.environ, "SOURCE_DATE_EPOCH": epoch, "NO_MKDOCS_2_WARNING": "1",
        "MOBILITY_PORTAL_PDF_CACHE": str(SESSION_PDF_CACHE), **env_vars,
    }
    result = subprocess.run(
        [*MKDOCS, *args], cwd=root, env=env, capture_output=True, text=True, timeout=300
    )
    return Build(result.returncode, result.stdout + result.stderr, root)


def built(tmp_path_factory, name: str, *args: str, **env_vars: str) -> Build:
    """A successful `mkdocs build` of a fresh copy of a root, for module-scoped fixtures."""
    root = copy_root(name, tmp_path_factory.mktemp(name))
    result = run_mkdocs(root, "build", *args, **env_vars)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="session")
def examples(tmp_path_factory) -> Build:
    """The example portal built once for the session with `mkdocs build --strict`, PDFs included.
    Read it, never change it: many test modules share it."""
    return built(tmp_path_factory, "examples", "--strict")


@pytest.fixture(scope="session")
def site_url(examples):
    """The example portal served over HTTP for the session: http://127.0.0.1:PORT (no final /).
    A missing address is answered as GitHub Pages and most static hosts do: status 404 and the
    site's root 404.html."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def send_error(self, code, message=None, explain=None):
            page = examples.site / "404.html"
            if code != 404 or not page.is_file():
                return super().send_error(code, message, explain)
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(examples.site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's chromium, headless, driven by Playwright, for the session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def site_root(tmp_path):
    """site_root('basic') -> a fresh copy of tests/roots/basic."""
    return lambda name, **options: copy_root(name, tmp_path, **options)


@pytest.fixture
def build(site_root):
    """build('basic') -> Build of a fresh copy of a root, with `mkdocs build`."""

    def _build(name: str, *args: str) -> Build:
        return run_mkdocs(site_root(name), "build", *args)

    return _build


@pytest.fixture
def project_folder(tmp_path):
    """project_folder(yaml_text, slug='demo') -> (root, folder) with projects/<slug>/project.yml."""

    def _make(text: str, slug: str = "demo") -> tuple[Path, Path]:
        folder = tmp_path / "projects" / slug
        folder.mkdir(parents=True)
        (folder / "project.yml").write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
        return tmp_path, folder

    return _make


# What needs the example portal built, a browser or an external checker is slow: `./run test -m
# "not slow"` leaves it out for a quick loop; CI runs everything.
SLOW_FIXTURES = {"examples", "site_url", "browser"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
