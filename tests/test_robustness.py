"""The disk, the operating system and other processes: a build says what went wrong in one line,
never leaves site/ half-replaced or missing, leaves no process or folder behind, and two builds
never run at once in the same folder."""

import os
import re
import resource
import subprocess
import sys
import threading
import time
import uuid

import pytest

from conftest import BUILD_EPOCH, MKDOCS, SESSION_PDF_CACHE, copy_root

pytestmark = pytest.mark.slow  # real builds, a browser, a server or an external checker

CLI = [sys.executable, "-m", "mobility_portal"]


def env(**extra):
    return {**os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1",
            "MOBILITY_PORTAL_PDF_CACHE": str(SESSION_PDF_CACHE), **extra}


def build(root, *command, **options):
    result = subprocess.run(command or [*CLI, "build"], cwd=root, env=env(**options.pop("env", {})),
                            capture_output=True, text=True, timeout=300, **options)
    return result.returncode, result.stdout + result.stderr


def chattr(flag, *paths):
    subprocess.run(["chattr", flag, *map(str, paths)], check=True)


@pytest.fixture
def portal(site_root):
    root = site_root("guide")
    code, output = build(root)
    assert code == 0, output
    return root


def test_a_site_folder_that_cannot_be_replaced_fails_in_one_line_and_is_kept(portal):
    index = (portal / "site/index.html").read_bytes()
    chattr("+i", portal / "site")
    try:
        code, output = build(portal, *CLI, "build", "--full")  # with nothing changed, a build would leave site/ alone
    finally:
        chattr("-i", portal / "site")
    assert code == 1
    assert re.search(r"ERROR   -  Aborted: Operation not permitted: \S+/site -> \S+/site \(check the folder's "
                     r"permissions and attributes \(lsattr: an immutable file or folder\)\)\. site/ is as the last good "
                     r"build left it\.", output), output
    assert "Traceback" not in output
    assert (portal / "site/index.html").read_bytes() == index


def test_a_file_size_limit_fails_in_one_line(portal, tmp_path):
    def limit():
        resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))  # smaller than a PDF

    code, output = build(portal, preexec_fn=limit, env={"MOBILITY_PORTAL_PDF_CACHE": str(tmp_path / "pdf")})
    assert code == 1
    assert "File too large" in output and "(a limit on file sizes is set for this session (ulimit -f))" in output
    assert "Traceback" not in output


def test_the_cache_deleted_while_files_are_written_is_made_again(tmp_path):
    from mobility_portal.build.staging import Staging
    from mobility_portal.printing.pdf import _write

    cache = tmp_path / ".cache"
    with Staging(cache / "docs") as staging:
        staging.add({"en/a/page.md": b"one"})
        staging.finish({"en/a/page.md": b"one"})
    with Staging(cache / "docs") as staging:
        import shutil

        shutil.rmtree(cache)  # as someone does while a build runs
        report = staging.finish({"en/a/page.md": b"two", "en/b/other.md": b"three"})
    assert report.written == 2 and (cache / "docs/en/a/page.md").read_bytes() == b"two"
    _write(cache / "pdf" / "x.pdf", b"%PDF")
    assert (cache / "pdf/x.pdf").read_bytes() == b"%PDF"


def test_two_builds_at_once_meet_a_lock_that_names_the_other(portal):
    from mobility_portal.build.lock import BuildLock

    with BuildLock(portal, "mobility-portal build"):
        code, output = build(portal)
        code_mkdocs, output_mkdocs = build(portal, *MKDOCS, "build")
    message = (r"Aborted: another build is running in this folder \(mobility-portal build, pid "
               rf"{os.getpid()}, since \d\d:\d\d:\d\d\); wait for it to finish, or stop it")
    assert code == 1 and re.search(message, output), output
    assert code_mkdocs == 1 and re.search(message, output_mkdocs), output_mkdocs
    assert build(portal)[0] == 0  # released: the next build runs


def test_a_killed_build_leaves_no_worker_running(site_root, tmp_path):
    root = copy_root("examples", tmp_path / "killed")
    mark = f"MOBILITY_PORTAL_TEST_{uuid.uuid4().hex}"
    process = subprocess.Popen([*CLI, "build"], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env=env(**{"MOBILITY_PORTAL_PDF_CACHE": str(tmp_path / "pdf"), mark: "1"}))
    for line in process.stdout:
        if "rendering" in line:  # PDF workers are at work
            break
    time.sleep(1)
    process.kill()
    process.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and processes_with(mark):
        time.sleep(0.2)
    assert processes_with(mark) == []


def processes_with(mark):
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/environ", "rb") as file:
                if mark.encode() in file.read():
                    found.append(int(pid))
        except OSError:
            pass
    return found


def test_an_immutable_file_in_site_leaves_nothing_beside_the_new_site(portal):
    stuck = portal / "site/stuck.txt"
    stuck.write_text("kept by the system")
    chattr("+i", stuck)
    try:
        code, output = build(portal)
        leftovers = list((portal / ".cache/leftovers").glob("*/stuck.txt"))
    finally:
        for path in [stuck, *leftovers]:
            if path.exists():
                chattr("-i", path)
    assert code == 0, output
    assert re.search(r"WARNING -  The previous site could not be removed entirely: site/stuck.txt \(Operation not permitted\)\. "
                     r"What is left of it was moved to \.cache/leftovers/site-[0-9-]+/; remove it by hand "
                     r"\(an immutable file: chattr -i\)\.", output), output
    assert sorted(path.name for path in portal.iterdir() if path.name.startswith("site")) == ["site"]
    assert not (portal / "site/stuck.txt").exists()  # the new site, without the old file
    assert len(leftovers) == 1


def test_site_exists_at_every_moment_of_the_swap(tmp_path, monkeypatch):
    """The swap moves nothing away from site/: a rename that would leave no site/ fails here."""
    from mobility_portal.build import site_swap

    site, new = tmp_path / "site", tmp_path / ".cache/parallel/site"
    site.mkdir()
    (site / "index.html").write_text("old")
    new.mkdir(parents=True)
    (new / "index.html").write_text("new")
    renames = []
    real_rename = os.rename

    def watched(source, target, *args, **kwargs):
        real_rename(source, target, *args, **kwargs)
        renames.append(site.exists())

    monkeypatch.setattr(os, "rename", watched)
    seen_missing = []
    stop = threading.Event()

    def poll():
        while not stop.is_set():
            if not site.exists():
                seen_missing.append(True)

    poller = threading.Thread(target=poll)
    poller.start()
    try:
        for round in range(50):
            (new.parent).mkdir(parents=True, exist_ok=True)
            if not new.exists():
                new.mkdir()
                (new / "index.html").write_text(f"new {round}")
            assert site_swap.replace_site(site, new, tmp_path) == []
    finally:
        stop.set()
        poller.join()
    assert all(renames) and not seen_missing
    assert (site / "index.html").read_text() == "new 49" and not new.exists()
    assert sorted(path.name for path in tmp_path.iterdir()) == [".cache", "site"]


def test_a_site_on_another_file_system_is_swapped_in_one_step_too(tmp_path):
    from mobility_portal.build import site_swap

    other = __import__("pathlib").Path("/dev/shm")
    if not other.is_dir() or other.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("no second file system here")
    site = other / f"site-{uuid.uuid4().hex}"
    try:
        site.mkdir()
        (site / "index.html").write_text("old")
        new = tmp_path / ".cache/parallel/site"
        new.mkdir(parents=True)
        (new / "index.html").write_text("new")
        assert site_swap.replace_site(site, new, tmp_path) == []
        assert (site / "index.html").read_text() == "new"
        assert not new.exists() and not list(other.glob(f".{site.name}.new-*"))
    finally:
        import shutil

        shutil.rmtree(site, ignore_errors=True)
