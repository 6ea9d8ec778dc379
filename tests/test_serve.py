"""`mkdocs serve`: each edit of a project, a content page or a template reloads the browser once."""

import gzip
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from conftest import BUILD_EPOCH, MKDOCS, edit

pytestmark = pytest.mark.slow  # real builds, a browser, a server or an external checker

SETTLE_SECONDS = 4  # long enough for a reload loop to show itself


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    def __init__(self, root, command=(*MKDOCS, "serve")):
        self.port = free_port()
        env = {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            [*command, "-a", f"127.0.0.1:{self.port}"],
            cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        self.lines: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.process.stdout:
            self.lines.append(line)

    def count(self, text: str) -> int:
        return sum(text in line for line in self.lines)

    def wait_for(self, text: str, count: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while self.count(text) < count:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"waited for {count} x {text!r}:\n" + "".join(self.lines))
            time.sleep(0.1)

    def get(self, path: str) -> str:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=10) as response:
            return response.read().decode()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)


@pytest.fixture
def server(site_root):
    root = site_root("basic", copy_theme=True)  # the test edits templates: never the repository's
    running = Server(root)
    running.root = root
    running.wait_for("Serving on", 1)
    yield running
    running.stop()


@pytest.mark.parametrize(
    "file, old, new, page, shown",
    [
        ("projects/alpha/project.yml", "Cooks in Valencia", "Chefs in Valencia", "projects/alpha/", "Chefs in Valencia"),
        ("content/en/about.md", "About this test portal.", "Edited about page.", "about/", "Edited about page."),
        ("theme/pages/project.md.j2", "## {{ _('objectives') }}", "## {{ _('objectives') }} (edited)", "projects/alpha/", "Objectives (edited)"),
    ],
)
def test_an_edit_rebuilds_and_reloads_once(server, file, old, new, page, shown):
    assert shown not in server.get(page)
    edit(server.root / file, old, new)
    server.wait_for("Reloading browsers", 1)
    time.sleep(SETTLE_SECONDS)
    assert server.count("Reloading browsers") == 1, "".join(server.lines)
    assert server.count("Detected file changes") == 1
    assert shown in server.get(page)


def test_a_broken_edit_reports_errors_and_the_server_keeps_running(server):
    edit(server.root / "projects/alpha/project.yml", "role: host", "role: hots")
    server.wait_for("did you mean 'host'?", 1)
    assert "Traceback" not in "".join(server.lines)
    assert server.process.poll() is None
    edit(server.root / "projects/alpha/project.yml", "role: hots", "role: host")
    server.wait_for("Reloading browsers", 1)
    assert "Cooks in Valencia" in server.get("projects/alpha/")


def test_the_command_line_serves_the_portal_the_same_way(site_root):
    running = Server(site_root("basic"), command=(sys.executable, "-m", "mobility_portal", "serve"))
    try:
        running.wait_for("Serving on", 1)
        assert "Cooks in Valencia" in running.get("projects/alpha/")
    finally:
        running.stop()


PREVIEW_FOLDER = re.compile(r"Building documentation to directory: (\S+mobility-portal-preview-\w+)")


def preview_files(server) -> dict[str, bytes]:
    """The files of a preview's site folder (compressed ones uncompressed), its own address written as one."""
    folder = Path(PREVIEW_FOLDER.search("".join(server.lines)).group(1))
    return {path.relative_to(folder).as_posix(): (gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes())
            .replace(f":{server.port}/".encode(), b":PORT/") for path in sorted(folder.rglob("*")) if path.is_file()}


def wait_for_every_language(server, timeout: float = 60) -> None:
    """Until each save the preview began (an editor's save may come as two) is rendered in every language
    (each logs "rendered in" twice: the page shown, then every language)."""
    deadline = time.monotonic() + timeout
    while True:
        begun, done = server.count("rendered in"), server.count("preview of every language rendered")
        if begun and begun == 2 * done:
            time.sleep(1)
            if server.count("rendered in") == begun:
                return
        if time.monotonic() > deadline:
            raise AssertionError("".join(server.lines))
        time.sleep(0.1)


def test_a_save_is_previewed_in_the_language_shown_first_then_everywhere_as_a_whole_build_would(site_root):
    root = site_root("basic")
    running = Server(root, command=(sys.executable, "-m", "mobility_portal", "serve"))
    try:
        running.wait_for("Serving on", 1)
        assert "Jeunes cuisiniers" not in running.get("fr/projects/alpha/")  # the browser shows French
        project = root / "projects/alpha/project.yml"
        project.write_text(project.read_text(encoding="utf-8").replace("fr: Cuisiniers à Valence", "fr: Jeunes cuisiniers à Valence")
                           .replace("en: Cooks in Valencia", "en: Young cooks in Valencia")
                           .replace("Twelve cookery learners", "Fourteen cookery learners"), encoding="utf-8")  # one save
        wait_for_every_language(running)
        assert running.count("the pages shown (0) rendered") >= 1, "".join(running.lines)  # no browser: none shown
        assert running.count("preview built in") == 1  # at start only: the save rendered the changed pages
        for page in ("fr/projects/alpha/", "fr/projects/alpha/timeline/", "fr/"):
            assert "Jeunes cuisiniers à Valence" in running.get(page), page
        for page in ("projects/alpha/", "projects/alpha/timeline/", "", "de/projects/alpha/"):
            assert "Young cooks in Valencia" in running.get(page), page
        assert "Fourteen cookery learners" in running.get("projects/alpha/")
        saved = preview_files(running)
    finally:
        running.stop()
    fresh = Server(root, command=(sys.executable, "-m", "mobility_portal", "serve"))
    try:
        fresh.wait_for("Serving on", 1)
        whole = preview_files(fresh)
    finally:
        fresh.stop()
    assert sorted(path for path in saved.keys() | whole.keys() if saved.get(path) != whole.get(path)) == []


def test_the_page_open_in_the_browser_is_rendered_first_and_reloads_with_the_save(site_root, browser):
    root = site_root("basic")
    running = Server(root, command=(sys.executable, "-m", "mobility_portal", "serve"))
    try:
        running.wait_for("Serving on", 1)
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{running.port}/fr/projects/alpha/timeline/")
        time.sleep(1)  # its live-reload script asks for news, naming the page
        edit(root / "projects/alpha/project.yml", "fr: Cuisiniers à Valence", "fr: Jeunes cuisiniers à Valence")
        page.wait_for_function("text => document.body !== null && document.body.innerText.includes(text)",
                               arg="Jeunes cuisiniers à Valence", timeout=30_000)
        wait_for_every_language(running)
        # The timeline open in the browser was rendered first, alone, before the browser reloaded.
        assert "the pages shown (1) rendered in" in "".join(running.lines), "".join(running.lines)
        page.close()
    finally:
        running.stop()
