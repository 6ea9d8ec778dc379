"""Benchmark of the site build on synthetic portals (scripts/synthetic_portal.py): 10 and 100
projects in 4 languages by default.

For each size the measurements below, then a table and the ratios against the targets:

- generation share: the engine's generate() (load, validate, render) and the staging, called as
  a build calls them (parts are written while the rest renders, then the staging finishes) but
  directly, without MkDocs, in a fresh process; over the wall time of a sequential `mkdocs build`
  (target <= 5%). Measured twice:
  - as the first build of a portal runs it, with no .cache: every template compiled (and kept in
    .cache/templates), every project.yml read (and kept as read in .cache/yaml), every file
    written into an empty staging folder (.cache/docs); printed for reference;
  - as a later build runs it, the builds a coordinator runs all day: the templates loaded from
    .cache/templates (as Python loads its modules' bytecode), the project.yml files whose bytes
    did not change taken back from .cache/yaml, and the staging folder of the build before; the
    first project's title is edited first (and put back after), so that its project.yml is read
    again, its pages and the home pages are written again and the rest is found unchanged.
    Every page is rendered either way. The target is checked on this one. It is measured before the builds
    and again after each of them, and its median taken: it lasts a second or a few, and the
    CPU time of the same work moves by a third or more from one minute to the next on this
    kind of shared machine; sampled between the builds it is compared with, it sees the
    machine they saw. The fastest and slowest are printed.
  Why the staging folder counts: on this machine's disk, creating a file costs from 30 µs to
  1 ms, so writing all the files again into an empty folder took from 0.3 s to 1 s more than
  finding them unchanged, depending on the minute: a property of the disk, and not what a
  later build does;
- the sequential and the parallel build are run --build-runs times each (default 2), in the
  order sequential, parallel, parallel, sequential, and their means taken: the machine's speed
  drifts over the minutes a pair of builds takes, and both means then see the same drift;
- per-page cost: sequential build seconds / pages built (index.html in site/), the largest
  portal over the smallest (target <= 1.25x);
- parallel: `mobility-portal build --jobs N` over the sequential build (target <= 0.6x on 2
  cores), and both sites compared byte for byte, search index included (target: same output);
- rebuild with no change: a build, then another with nothing changed, whose log must say
  "(0 written, 0 removed)" and, where PDFs are printed, "PDFs: 0 rendered" (target 0 and 0);
- peak memory of each build (the largest single process; see PEAK_NOTE).

PDFs are off (MOBILITY_PORTAL_PDF=off) in the timed builds; the rebuild check prints them for
portals of at most --pdf-up-to projects (default 10), with a PDF cache inside the synthetic
portal. Builds run with SOURCE_DATE_EPOCH fixed, as later builds: each finds the portal's .cache
(compiled templates, staging folder) as the generation before it left it.
On a busy machine timings are noisy, so CPU seconds are printed beside them.

Run: .venv/bin/python scripts/benchmark_build.py [--projects 10 100] [--jobs 2] [--build-runs 2] [--keep]
"""

from __future__ import annotations

import argparse
import contextlib
import filecmp
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "scripts"), str(ROOT / "hooks")]

from mobility_portal.build.pipeline import COMPILED_TEMPLATES, READ_PROJECTS, STAGING
from synthetic_portal import LANGUAGES, make_portal

BUILD_EPOCH = "1795910400"  # 2026-11-29, the day of the example data (as in the tests)
TARGET_SHARE = 0.05  # generation <= 5% of the sequential build
BUILD_RUNS = 2  # runs of the sequential and the parallel build, in the order A B B A: the mean is taken
TARGET_PER_PAGE = 1.25  # per-page cost of the largest portal <= 1.25x the smallest's
TARGET_PARALLEL = 0.6  # parallel wall time <= 0.6x the sequential build's
PEAK_NOTE = ("peak memory: max RSS of the largest single process of the build "
             "(getrusage RUSAGE_CHILDREN), not the sum over the parallel workers")
SHOWN_DIFFERENCES = 10

# Runs one build and reports its wall time, CPU time and peak memory: a fresh process per build,
# so RUSAGE_CHILDREN covers that build (and the workers it waited for) only.
WRAPPER = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
code = subprocess.run(sys.argv[2:]).returncode
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_CHILDREN)
with open(sys.argv[1], "w") as file:
    json.dump({"returncode": code, "seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime,
               "max_rss_kib": usage.ru_maxrss}, file)
sys.exit(code)
"""
# generate() and the staging timed in a process of their own, into the staging folder given;
# prints one line of JSON.
GENERATION = """
import dataclasses, json, resource, sys, time
from pathlib import Path
from mobility_portal.build.pipeline import COMPILED_TEMPLATES, READ_PROJECTS
from mobility_portal.build.portal_config import settings_of
from mobility_portal.build.generation import generate
from mobility_portal.build.staging import Staging
portal, staging_folder = Path(sys.argv[1]), Path(sys.argv[2])
# as the build runs it: the compiled templates kept in the portal's .cache/templates, the
# project.yml files as read in .cache/yaml
settings = dataclasses.replace(settings_of(portal / "mkdocs.yml", pdf=False), compiled_templates=portal / COMPILED_TEMPLATES,
                               read_projects=portal / READ_PROJECTS)
def cpu_seconds():  # this process and its worker processes (reaped when their pool closes)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime
cpu, started = cpu_seconds(), time.perf_counter()
with Staging(staging_folder) as staging:
    generated = generate(settings, on_files=staging.add)  # as the build does: parts written while the rest renders
    generated_at = time.perf_counter()
    report = staging.finish(generated.files)
    staged_at = time.perf_counter()
    cpu = cpu_seconds() - cpu
print(json.dumps({"generate": generated_at - started, "stage": staged_at - generated_at,
                  "cpu": cpu, "files": len(generated.files), "written": report.written}))
"""
STAGED = re.compile(r"staged (\d+) files \((\d+) written, (\d+) removed\)")
PDFS = re.compile(r"PDFs: (\d+) rendered, (\d+) from the cache")


@dataclass
class Run:
    seconds: float
    cpu: float
    peak_mib: float
    log: str

    @property
    def staged(self) -> tuple[int, int] | None:
        """(written, removed) of the staging, from the build's log."""
        found = STAGED.findall(self.log)
        return (int(found[-1][1]), int(found[-1][2])) if found else None

    @property
    def pdfs_rendered(self) -> int | None:
        found = PDFS.findall(self.log)
        return int(found[-1][0]) if found else None

    @staticmethod
    def mean(runs: list[Run]) -> Run:
        """Runs of one build as one: mean wall and CPU time, the highest peak memory, the last log."""
        return Run(sum(run.seconds for run in runs) / len(runs), sum(run.cpu for run in runs) / len(runs),
                   max(run.peak_mib for run in runs), runs[-1].log)


@dataclass
class Generation:
    """One timed generate() and staging."""

    generate_seconds: float
    stage_seconds: float  # what is left to write after generate() returns
    cpu: float  # of both, worker processes included
    staged_files: int
    written: int  # of the staged files, those whose bytes changed

    @property
    def seconds(self) -> float:
        return self.generate_seconds + self.stage_seconds


@dataclass
class Size:
    projects: int
    pages: int = 0
    first: Generation | None = None  # the first build: no .cache yet
    generations: list[Generation] = field(default_factory=list)  # as a later build runs it: before and between the builds
    build_runs: int = 1  # of the sequential and of the parallel build, whose means are kept
    sequential: Run | None = None
    parallel: Run | None = None
    differences: list[str] = field(default_factory=list)
    search_index_same: bool = False
    rebuild_pdf: bool = False
    prime: Run | None = None  # the build before the rebuild (it prints the PDFs, if any)
    rebuild: Run | None = None

    @property
    def generation(self) -> Generation:
        """The median of the generations measured with the templates kept (of an even number,
        the faster of the two in the middle)."""
        ordered = sorted(self.generations, key=lambda generation: generation.seconds)
        return ordered[(len(ordered) - 1) // 2]


def environment(portal: Path, *, pdf: bool) -> dict[str, str]:
    env = {
        **os.environ, "SOURCE_DATE_EPOCH": BUILD_EPOCH, "NO_MKDOCS_2_WARNING": "1",
        "MOBILITY_PORTAL_PDF": "on" if pdf else "off",
        "MOBILITY_PORTAL_PDF_CACHE": str(portal / ".cache" / "pdf-benchmark"),
    }
    # The engine of this checkout, installed or not (`python -m mobility_portal` needs it on the path).
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "hooks"), os.environ.get("PYTHONPATH")]))
    return env


def build(portal: Path, command: list[str], name: str, *, pdf: bool = False) -> Run:
    """One build in `portal`, through the wrapper, as a later build runs: with the portal's .cache."""
    progress(f"  {name}: {' '.join(command[2:])}")
    stats = portal.parent / f"{name}.json"
    result = subprocess.run(
        [sys.executable, "-c", WRAPPER, str(stats), *command], cwd=portal, env=environment(portal, pdf=pdf),
        capture_output=True, text=True,
    )
    log = result.stdout + result.stderr
    (portal.parent / f"{name}.log").write_text(log, encoding="utf-8")
    if result.returncode != 0:
        sys.exit(f"{name} failed in {portal} (exit {result.returncode}):\n{log[-4000:]}")
    data = json.loads(stats.read_text())
    return Run(data["seconds"], data["cpu"], data["max_rss_kib"] / 1024, log)


def mkdocs_build(site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "-d", str(site)]


def parallel_build(site: Path, jobs: int) -> list[str]:
    # --full: every page, as the sequential build renders them (without it, a build after one
    # with the same inputs would find nothing to do: scripts/benchmark_preview.py measures that)
    return [sys.executable, "-m", "mobility_portal", "build", "--full", "--jobs", str(jobs), "-d", str(site)]


def measure_generation(portal: Path, edit: int | None = None) -> Generation:
    """generate() and stage() as a build calls them, PDFs off, in a fresh process of their own
    (locale data read, templates compiled or loaded from .cache/templates), modules imported
    beforehand, into the portal's staging folder. With `edit`, as a coordinator's later build:
    the first project's title changed (then put back), so that its pages and the home pages are
    written again and the other files are found unchanged."""
    with edited_title(portal, edit) if edit is not None else contextlib.nullcontext():
        result = subprocess.run(
            [sys.executable, "-c", GENERATION, str(portal), str(portal / STAGING)], cwd=portal,
            env=environment(portal, pdf=False), capture_output=True, text=True,
        )
    if result.returncode != 0:
        sys.exit(f"generate() failed in {portal}:\n{result.stderr[-4000:]}")
    data = json.loads(result.stdout.splitlines()[-1])
    return Generation(data["generate"], data["stage"], data["cpu"], data["files"], data["written"])


@contextlib.contextmanager
def edited_title(portal: Path, edit: int):
    """The first project's title marked with `edit` in every language, meanwhile."""
    file = sorted((portal / "projects").glob("*/project.yml"))[0]
    original = file.read_text(encoding="utf-8")
    number = re.search(r"\(#\d+\)", original).group()  # the synthetic projects' titles end with it
    file.write_text(original.replace(number, f"{number[:-1]}, edit {edit})"), encoding="utf-8")
    try:
        yield
    finally:
        file.write_text(original, encoding="utf-8")


def compare(first: Path, second: Path) -> list[str]:
    """Relative paths that differ between two trees: missing on one side, or other bytes."""
    files = {
        side: {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()}
        for side, root in (("first", first), ("second", second))
    }
    differences = [f"{name} (only in {first.name})" for name in sorted(files["first"] - files["second"])]
    differences += [f"{name} (only in {second.name})" for name in sorted(files["second"] - files["first"])]
    differences += [
        name for name in sorted(files["first"] & files["second"])
        if not filecmp.cmp(first / name, second / name, shallow=False)
    ]
    return differences


def measure(work: Path, projects: int, jobs: int, pdf_up_to: int, build_runs: int) -> Size:
    size = Size(projects)
    folder = work / f"{projects}-projects"
    progress(f"{projects} projects: making the portal in {folder}")
    portal = make_portal(folder / "portal", projects, LANGUAGES)
    progress("  generation in process: generate() and stage(), the first build's (no .cache), then a later build's "
             "(one project edited; again after each build)")
    for cached in (COMPILED_TEMPLATES, READ_PROJECTS, STAGING):
        shutil.rmtree(portal / cached, ignore_errors=True)
    size.first = measure_generation(portal)
    size.generations = [measure_generation(portal, edit=1)]
    sequential, parallel = folder / "site-sequential", folder / "site-parallel"
    # In the order sequential, parallel, parallel, sequential...: the machine's speed drifts over
    # minutes, and the means of the two builds then see the same drift. The generation is
    # measured again after each build, so that its median sees the same minutes.
    runs: dict[str, list[Run]] = {"sequential": [], "parallel": []}
    commands = {"sequential": mkdocs_build(sequential), "parallel": parallel_build(parallel, jobs)}
    for index in range(build_runs):
        for kind in ("sequential", "parallel") if index % 2 == 0 else ("parallel", "sequential"):
            runs[kind].append(build(portal, commands[kind], kind))
            size.generations.append(measure_generation(portal, edit=len(size.generations) + 1))
    size.sequential, size.parallel = Run.mean(runs["sequential"]), Run.mean(runs["parallel"])
    size.build_runs = build_runs
    size.pages = sum(1 for _ in sequential.rglob("index.html"))
    size.differences = compare(sequential, parallel)
    size.search_index_same = not any(entry.startswith("search/search_index.json") for entry in size.differences)

    size.rebuild_pdf = projects <= pdf_up_to
    rebuilt = folder / "site-rebuild"
    # The first build stages the portal as it is now (and prints the PDFs); the second must find
    # nothing to do.
    size.prime = build(portal, mkdocs_build(rebuilt), "build-before-rebuild", pdf=size.rebuild_pdf)
    size.rebuild = build(portal, mkdocs_build(rebuilt), "rebuild", pdf=size.rebuild_pdf)
    return size


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report(sizes: list[Size], jobs: int) -> int:
    """Print the table and the ratios; return the number of failed targets."""
    width = 14
    header = f"{'':46}" + "".join(f"{f'{size.projects} projects':>{width}}" for size in sizes)

    def row(label: str, values) -> str:
        return f"{label:46}" + "".join(f"{value:>{width}}" for value in values)

    lines = [
        f"languages: {', '.join(LANGUAGES)}   cores: {os.cpu_count()}   jobs: {jobs}   "
        f"each build run {sizes[0].build_runs} times (mean); the generation's median",
        header,
        row("pages built (index.html)", [size.pages for size in sizes]),
        row("files staged", [size.generation.staged_files for size in sizes]),
        row("generation, a later build (one project edited):", ["" for size in sizes]),
        row("  runs between the builds (median of)", [len(size.generations) for size in sizes]),
        row("  fastest / slowest  s", [
            f"{min(run.seconds for run in size.generations):.2f}/{max(run.seconds for run in size.generations):.2f}"
            for size in sizes]),
        row("  generate(), staging parts meanwhile  s", [f"{size.generation.generate_seconds:.2f}" for size in sizes]),
        row("  staging left after it  s", [f"{size.generation.stage_seconds:.2f}" for size in sizes]),
        row("  files written (bytes changed)", [size.generation.written for size in sizes]),
        row("  generate() and stage(), CPU  s", [f"{size.generation.cpu:.2f}" for size in sizes]),
        row("the first build's (no .cache: templates compiled)  s", [f"{size.first.seconds:.2f}" for size in sizes]),
        row("  files written", [size.first.written for size in sizes]),
        row("  its CPU  s", [f"{size.first.cpu:.2f}" for size in sizes]),
        row("sequential `mkdocs build`  s", [f"{size.sequential.seconds:.1f}" for size in sizes]),
        row("  its CPU  s", [f"{size.sequential.cpu:.1f}" for size in sizes]),
        row("  per page  ms", [f"{1000 * size.sequential.seconds / size.pages:.1f}" for size in sizes]),
        row("  per page, CPU  ms", [f"{1000 * size.sequential.cpu / size.pages:.1f}" for size in sizes]),
        row(f"parallel `mobility-portal build -j {jobs}`  s", [f"{size.parallel.seconds:.1f}" for size in sizes]),
        row("  its CPU  s", [f"{size.parallel.cpu:.1f}" for size in sizes]),
        row("peak memory, sequential  MiB", [f"{size.sequential.peak_mib:.0f}" for size in sizes]),
        row("peak memory, parallel  MiB", [f"{size.parallel.peak_mib:.0f}" for size in sizes]),
        row("same output (files differing)", [
            "yes" if not size.differences else f"no ({len(size.differences)})" for size in sizes]),
        row("  search/search_index.json", ["same" if size.search_index_same else "differs" for size in sizes]),
        row("rebuild with no change: PDFs", ["on" if size.rebuild_pdf else "off" for size in sizes]),
        row("  the build before it  s", [f"{size.prime.seconds:.1f}" for size in sizes]),
        row("    its PDFs rendered", [_or_dash(size.prime.pdfs_rendered) for size in sizes]),
        row("  staged files written / removed", [
            "/".join(map(str, size.rebuild.staged)) if size.rebuild.staged else "?" for size in sizes]),
        row("  PDFs rendered", [_or_dash(size.rebuild.pdfs_rendered) for size in sizes]),
        row("  wall s", [f"{size.rebuild.seconds:.1f}" for size in sizes]),
        row("  peak memory  MiB", [f"{size.rebuild.peak_mib:.0f}" for size in sizes]),
        PEAK_NOTE,
        "",
        "targets:",
    ]
    results: list[bool] = []

    def target(label: str, value: str, goal: str, ok: bool) -> None:
        results.append(ok)
        lines.append(f"  {label:56}{value:>10}  target {goal:9}{verdict(ok)}")

    for size in sizes:
        share = size.generation.seconds / size.sequential.seconds
        target(f"generation / sequential build, {size.projects} projects", f"{100 * share:.1f}%",
               f"<= {100 * TARGET_SHARE:.0f}%", share <= TARGET_SHARE)
        cpu_share = size.generation.cpu / size.sequential.cpu
        lines.append(f"  {'  (the same in CPU time, for reference)':56}{f'{100 * cpu_share:.1f}%':>10}")
        first = size.first.seconds / size.sequential.seconds
        lines.append(f"  {'  (the first build, no .cache, for reference)':56}{f'{100 * first:.1f}%':>10}")
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        ratio = (large.sequential.seconds / large.pages) / (small.sequential.seconds / small.pages)
        target(f"per-page cost, {large.projects} vs {small.projects} projects", f"{ratio:.2f}x",
               f"<= {TARGET_PER_PAGE}x", ratio <= TARGET_PER_PAGE)
        cpu = (large.sequential.cpu / large.pages) / (small.sequential.cpu / small.pages)
        lines.append(f"  {'  (the same in CPU time, for reference)':56}{f'{cpu:.2f}x':>10}")
    for size in sizes:
        ratio = size.parallel.seconds / size.sequential.seconds
        target(f"parallel / sequential, {size.projects} projects", f"{ratio:.2f}x",
               f"<= {TARGET_PARALLEL}x", ratio <= TARGET_PARALLEL)
        target(f"same output as `mkdocs build`, {size.projects} projects",
               "yes" if not size.differences else "no", "yes", not size.differences)
        for difference in size.differences[:SHOWN_DIFFERENCES]:
            lines.append(f"      differs: {difference}")
        if len(size.differences) > SHOWN_DIFFERENCES:
            lines.append(f"      ... and {len(size.differences) - SHOWN_DIFFERENCES} more")
    for size in sizes:
        written = size.rebuild.staged[0] if size.rebuild.staged else None
        target(f"rebuild with no change, {size.projects} projects: files written",
               _or_dash(written), "0", written == 0)
        if size.rebuild_pdf:
            rendered = size.rebuild.pdfs_rendered
            target(f"rebuild with no change, {size.projects} projects: PDFs rendered",
                   _or_dash(rendered), "0", rendered == 0)
    failed = results.count(False)
    lines.append(f"{len(results) - failed} of {len(results)} targets pass")
    print("\n".join(lines))
    return failed


def _or_dash(value) -> str:
    return "-" if value is None else str(value)


def progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Benchmark the site build on synthetic portals: generation share, per-page cost, "
                    "parallel build, rebuild with no change, peak memory. The mean of a few runs of each build, "
                    "the median of a few generations; prints ratios "
                    "with PASS/FAIL against the targets.")
    parser.add_argument("--projects", type=int, nargs="+", default=[10, 100],
                        help="portal sizes in projects; default: 10 100")
    parser.add_argument("--jobs", type=int, default=2, help="processes of the parallel build; default: 2")
    parser.add_argument("--pdf-up-to", type=int, default=10, metavar="N",
                        help="check the rebuild with PDFs on for portals of at most N projects; default: 10")
    parser.add_argument("--build-runs", type=int, default=BUILD_RUNS, metavar="N",
                        help=f"run the sequential and the parallel build N times each, in the order A B B A..., "
                             f"and take the means; the generation is measured before them and after each, "
                             f"and its median taken; default: {BUILD_RUNS}")
    parser.add_argument("--keep", action="store_true", help="keep the portals, sites and build logs")
    args = parser.parse_args(argv)
    sizes = sorted(set(args.projects))
    if args.build_runs < 1:
        parser.error("--build-runs: at least 1")
    if min(sizes) < 1:
        parser.error("--projects: at least 1")

    work = Path(tempfile.mkdtemp(prefix="mobility-portal-benchmark-"))
    try:
        results = [measure(work, projects, args.jobs, args.pdf_up_to, args.build_runs) for projects in sizes]
        report(results, args.jobs)
    finally:
        if args.keep:
            progress(f"kept: {work} (portals, sites, build logs)")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
