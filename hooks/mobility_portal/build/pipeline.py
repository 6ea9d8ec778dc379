"""One build of the site, driven by the engine: `mobility-portal build [--backend NAME]`.

  1. take the build lock (lock.py): one build at a time in a portal's folder;
  2. generate and stage (generation.py, staging.py): every project loaded, checked and rendered,
     the docs tree written into .cache/docs/<lang>/, only the files whose bytes changed;
  3. hand the staged tree to a backend (backends/), which builds it into a fresh folder;
  4. guard that folder (privacy/guard.py): no learner's data, no unsafe SVG, no third-party request;
  5. swap it into site/ in one step (site_swap.py). Any failure leaves site/ as it was.

`mkdocs build` runs steps 1, 2 and 4 through the hook (backends/mkdocs/adapter.py), with these
same functions, and writes site/ itself.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ..backends import get_backend
from ..backends.base import Backend, BackendError, BuildJob, IncrementalUnsafe
from ..errors import ProjectErrors, os_error_line
from ..privacy.guard import check_site
from .generation import Generated, Reuse, Settings, generate
from .incremental import BuildRecord, Plan, build_key, code_key, plan, site_files, staged_digests, touch
from .lock import BuildLock, BuildLocked
from .portal_config import PortalConfig, PortalConfigError, read_portal_config
from .site_swap import SiteCopy, clean_leftovers, replace_site
from .staging import Staging
from .stamps import files_under, stamp

STAGING = Path(".cache") / "docs"
GENERATION_CACHE = Path(".cache") / "generation.pickle"  # the projects' rendering of the last build (generation.Reuse)
PREVIEW_STAGING = Path(".cache") / "preview"  # the preview's own: its pages show internal matter, and only it writes there
COMPILED_TEMPLATES = Path(".cache") / "templates"
READ_PROJECTS = Path(".cache") / "yaml"  # each project.yml as read (load/yaml_source.py)
WORK = Path(".cache") / "build"  # the backend builds into WORK/site, which then becomes site/
WATCHED = ("content", "projects", "theme")  # what people edit: a change there means a new generation

NOT_BUILT = "Nothing was built; site/ is as the last good build left it."

log = logging.getLogger("mobility_portal")


class BuildAborted(Exception):
    """The build stops: the message says why in one line (the details were logged before)."""


@dataclass(frozen=True)
class BuildOptions:
    """What a build is asked for: by `mobility-portal build`'s arguments, or, for `mkdocs build`
    and `mkdocs serve` (whose command line we do not own), by the environment."""

    pdf: bool | None = None  # print the PDFs; None: yes, except in a live preview
    pdf_cache: Path | None = None  # None: .cache/pdf in the portal's folder
    workers: int | None = None  # processes for the engine's work; None: one per core
    full: bool = False  # build every page, whatever the last build left (build/incremental.py)

    @classmethod
    def from_environment(cls) -> BuildOptions:
        """MOBILITY_PORTAL_PDF=on|off and MOBILITY_PORTAL_PDF_CACHE=folder."""
        choice = os.environ.get("MOBILITY_PORTAL_PDF", "").lower()
        cache = os.environ.get("MOBILITY_PORTAL_PDF_CACHE")
        return cls(pdf={"on": True, "off": False}.get(choice), pdf_cache=Path(cache) if cache else None)

    def settings(self, portal: PortalConfig, *, preview: bool = False, site_url: str | None = None) -> Settings:
        pdf = self.pdf if self.pdf is not None else not preview
        return dataclasses.replace(portal.settings(pdf=pdf, site_url=site_url), pdf_cache=self.pdf_cache, workers=self.workers,
                                   compiled_templates=portal.root / COMPILED_TEMPLATES, read_projects=portal.root / READ_PROJECTS,
                                   coordinator=preview)


def prepare(settings: Settings, logger: logging.Logger = log, *, staging_dir: Path = STAGING,
            reuse: Reuse | None = None, staged_by_reuse: bool = False) -> Generated:
    """Generate and stage: the staged tree (default .cache/docs) holds exactly the generated files.
    Logs the summary, the warnings and the notes; BuildAborted after logging the projects' errors.
    With `reuse`, the unchanged projects are not rendered again; `staged_by_reuse` (a preview, the
    only writer of its staging folder): nor are their staged files read again."""
    started = time.perf_counter()
    with Staging(settings.root / staging_dir) as staging:  # the first files are written while the rest renders
        try:
            generated = generate(settings, on_files=staging.add, reuse=reuse)
        except ProjectErrors as errors:
            logger.error("%s", errors)
            raise BuildAborted(f"Aborted: fix the errors above. {NOT_BUILT}") from None
        if staged_by_reuse:
            staging.trust(generated.reused)
        report = staging.finish(generated.files)
    logger.info("Mobility Portal: %d projects, staged %d files (%d written, %d removed) in %.2f s",
                len(generated.projects), len(generated.files), report.written, report.removed, time.perf_counter() - started)
    if generated.rendered is not None and generated.rendered < len(generated.projects):
        logger.info("Mobility Portal: %d of %d projects rendered again, the others unchanged since the last generation",
                    generated.rendered, len(generated.projects))
    for warning in generated.warnings:
        logger.warning(warning)
    for note in generated.notes:
        logger.info(note)
    return generated


def guard(site_dir: Path, settings: Settings, logger: logging.Logger = log, since_ns: int | None = None) -> None:
    """Fail if a participant's data, an unsafe SVG or a third-party request is in the built site
    (with `since_ns`, in the files written after that time: see privacy/guard.py)."""
    try:
        report = check_site(site_dir, settings.root, settings.site_languages, settings.site_url, since_ns)
    except ProjectErrors as errors:
        logger.error("%s", errors)
        raise BuildAborted("Aborted: the private participants files above cannot be read, so site/ could not be checked.") from None
    if report.problems:
        for problem in report.problems:
            logger.error("%s", problem)
        raise BuildAborted(f"Aborted: {len(report.problems)} file(s) in site/ must not be published. "
                           "Remove what is named above from project.yml, content/ or the theme and build again; "
                           "do not publish this site/.")
    if report.participants:
        logger.info("Mobility Portal: site/ checked for the personal data of %d participants: none found", report.participants)


def fingerprint(root: Path, settings: Settings) -> str:
    """Changes when any input file changes (by size and time) or the settings do."""
    files = [file for name in WATCHED for file in files_under(root / name) if "private" not in file.relative_to(root / name).parts]
    return stamp(files, salt=repr(settings))


def build_site(portal: PortalConfig, backend: Backend, *, options: BuildOptions, site_dir: Path | None = None, strict: bool = False,
               command: str = "mobility-portal build", preview: bool = False, wait: float = 0) -> Path:
    """The whole build (the module's steps) with `backend` (backends.base.Backend); the site folder.
    A `preview` skips the PDFs unless the options ask for them; the lock is waited for `wait`
    seconds. BuildAborted when it stops, OSError from the disk: site/ is untouched then."""
    started = time.perf_counter()
    root = portal.root
    site = (site_dir or root / "site").resolve()
    lock = BuildLock(root, command)
    try:
        lock.acquire(wait)
    except BuildLocked as error:
        raise BuildAborted(f"Aborted: {error}") from None
    copy: SiteCopy | None = None
    saving: threading.Thread | None = None
    try:
        settings = options.settings(portal, preview=preview)
        incremental = backend.incremental and not options.full
        # The processes and the PDF cache's folder change how fast a site is built, not the site.
        code = code_key()  # the engine's code: in the build's key, and in the kept generation's
        key = build_key(root, dataclasses.replace(settings, workers=None, pdf_cache=None), code, backend.name, strict, _shown(site, root))
        record = BuildRecord.load(root) if incremental else None
        work = root / WORK
        shutil.rmtree(work, ignore_errors=True)
        clean_leftovers(root)
        if record is not None and record.key == key and record.site == str(site) and site.is_dir():
            copy = SiteCopy(site, work / "site")  # made while the generation runs, for an incremental build
        # The projects not edited since the last build are not rendered again (generation.Reuse).
        reuse = Reuse.load(root / GENERATION_CACHE, code) if incremental else None
        generated = prepare(settings, reuse=reuse)
        if reuse is not None:  # written while the site is built
            saving = threading.Thread(target=reuse.save, args=(root / GENERATION_CACHE,))
            saving.start()
        if strict and generated.warnings:
            raise BuildAborted(f"Aborted with {len(generated.warnings)} warnings in strict mode!")
        staged = staged_digests(generated.files)
        if incremental:
            todo = plan(record, key, site, staged, generated.nav, settings.site_languages, pruned_menu=portal.prunes_menu)
        else:
            todo = Plan("full", "asked for (--full)" if options.full else f"the {backend.name} backend builds whole sites")
        log.info("Mobility Portal: %s: %s", {"none": "site/ is up to date", "pages": "building the changed pages",
                                             "full": "building every page"}[todo.mode], todo.reason)
        if copy is not None and not todo.incremental:
            copy.drop()
            copy = None
        if todo.mode != "none":
            try:
                _build(backend, portal, settings, generated, site, todo, options, strict, copy, record)
                copy = None  # it became site/
            except IncrementalUnsafe as error:
                log.info("Mobility Portal: building every page: %s", error)
                _build(backend, portal, settings, generated, site, Plan("full", str(error)), options, strict, None, None)
            BuildRecord(key, str(site), staged, generated.nav, site_files(site)).save(root)
    finally:
        if copy is not None:
            copy.drop()
        if saving is not None:
            saving.join()
        lock.release()
    log.info("Mobility Portal: the site is in %s (backend %s), built in %.2f s", _shown(site, root), backend.name,
             time.perf_counter() - started)
    return site


def _build(backend: Backend, portal: PortalConfig, settings: Settings, generated: Generated, site: Path, todo: Plan,
           options: BuildOptions, strict: bool, copy: SiteCopy | None, record: BuildRecord | None) -> None:
    """Build into a fresh folder (for an incremental build, the copy of site/), guard it, swap it in."""
    root = portal.root
    work = root / WORK
    since_ns = None
    if todo.incremental and copy is not None and record is not None:
        new = copy.result()  # with its files' times: MkDocs renders the pages whose staged file is newer
        touch(root / STAGING, todo.touch)
        # What is older passed the guard in the build before.
        since_ns = max((times[1] for times in record.site_files.values()), default=0) + 1
    else:
        shutil.rmtree(work, ignore_errors=True)
        new = work / "site"
        new.mkdir(parents=True)
        todo = Plan("full", todo.reason) if todo.incremental else todo
    job = BuildJob(portal, settings, root / STAGING, generated, new, options.workers, strict,
                   previous_site=site if todo.incremental else None, rebuilt=todo.touch)
    try:
        backend.build(job)
    except IncrementalUnsafe:
        raise
    except BackendError as error:  # said by the site generator; MkDocs' own messages start with "Aborted"
        raise BuildAborted(str(error) if str(error).startswith("Aborted") else f"Aborted: {error}") from None
    guard(new, settings, since_ns=since_ns)
    BuildRecord.forget(root)  # from here site/ changes: a build stopped before the new record must not trust the old
    for warning in replace_site(site, new, root):
        log.warning(warning)
    shutil.rmtree(work, ignore_errors=True)


def build_command(config_file: Path, backend_name: str, *, options: BuildOptions, site_dir: Path | None = None,
                  strict: bool = False) -> int:
    """`mobility-portal build`: the exit code; the reason of a failure in one line."""
    try:
        backend = get_backend(backend_name)
        build_site(read_portal_config(config_file), backend, options=options, site_dir=site_dir, strict=strict)
    except (BuildAborted, PortalConfigError) as error:
        log.error("%s", error)
        return 1
    except BackendError as error:
        log.error("Aborted: %s", error)
        return 1
    except OSError as error:  # the disk, not the projects: said in one line, site/ untouched
        log.error("Aborted: %s. site/ is as the last good build left it.", os_error_line(error))
        return 1
    return 0


def _shown(path: Path, root: Path) -> str:
    try:
        return f"{path.relative_to(root).as_posix()}/"
    except ValueError:
        return f"{path}/"
