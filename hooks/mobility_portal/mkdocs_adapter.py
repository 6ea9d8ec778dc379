"""The one module of the engine that knows MkDocs, Material and mkdocs-static-i18n.

static-i18n runs the whole MkDocs build again for each extra language, so every event fires
once per language. The engine's work (load, validate, render, stage) runs once per change of
the inputs and is reused by the other languages' builds.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import functools
import hashlib
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from .build_lock import BuildLock, BuildLocked
from .errors import ProjectErrors, os_error_line
from .generator import Generated, Settings, build_date, generate
from .guard import check_site
from .staging import Staging
from .text import parse_text

log = logging.getLogger("mkdocs.plugins.mobility_portal")

STAGING = Path(".cache") / "docs"
COMPILED_TEMPLATES = Path(".cache") / "templates"
WATCHED = ("content", "projects", "theme")

_last: tuple[str, Generated] | None = None
_command = "build"  # or "serve", "gh-deploy": from on_startup
_worker = False  # a worker process of mkdocs_parallel.py
_workers: int | None = None  # processes for the engine's work: `mobility-portal build --jobs`; None: one per core
_default_404: str | None = None  # the default language's 404 page, of the current build
_lock: BuildLock | None = None  # held from the first configure of a build to its guard
SERVE_WAITS_FOR_BUILD = 120  # seconds: a preview's rebuild waits for a build under way, then says so


def remember_command(command: str) -> None:
    global _command
    _command = command


def remember_workers(count: int | None) -> None:
    global _workers
    _workers = count


def run_as_worker() -> None:
    """In a worker of `mobility-portal build`: the parent runs the guard over the merged site."""
    global _worker
    _worker = True


@contextlib.contextmanager
def build_lock(root: Path, command: str, wait: float = 0) -> Iterator[None]:
    """Hold the portal's build lock (build_lock.py) for a whole build; Abort naming the build
    that holds it. The hooks' own acquire sees it held and waits for nothing."""
    take_lock(root, command, wait)
    try:
        yield
    finally:
        release_lock()


def take_lock(root: Path, command: str, wait: float = 0) -> None:
    global _lock
    if _lock is None or _lock.root != root:
        _lock = BuildLock(root, command)
    try:
        _lock.acquire(wait)
    except BuildLocked as error:
        raise Abort(f"Aborted: {error}") from None


def release_lock(config: MkDocsConfig | None = None) -> None:
    """At the end of a build (after the guard), or when it failed (on_build_error). Never in a
    worker: it shares the parent's lock file, and unlocking it would unlock the parent's build."""
    i18n = config.plugins.get("i18n") if config is not None else None
    if _worker or (i18n is not None and i18n.building):
        return
    if _lock is not None:
        _lock.release()


@contextlib.contextmanager
def _os_errors_aborted() -> Iterator[None]:
    """An error of the disk (permissions, space, a folder removed meanwhile) in one line, as MkDocs
    shows an Abort: a coordinator has nothing to do with a traceback."""
    try:
        yield
    except OSError as error:
        raise Abort(f"Aborted: {os_error_line(error)}") from None


def configure(config: MkDocsConfig) -> MkDocsConfig:
    """Generate and stage the docs once per input change; point this language's build at them."""
    i18n = config.plugins.get("i18n")
    outer = not _worker and not (i18n is not None and i18n.building)
    if outer:
        # A preview's rebuild waits for a build under way rather than failing at once: the
        # coordinator saved a file and expects to see it.
        take_lock(Path(config.config_file_path).parent, f"mkdocs {_command}",
                  SERVE_WAITS_FOR_BUILD if _command == "serve" else 0)
    try:
        with _os_errors_aborted():
            generated = _generation(config)
    except BaseException:
        if outer:  # MkDocs calls no on_build_error for an error of on_config: a preview would keep the lock
            release_lock()
        raise
    root = Path(config.config_file_path).parent  # never docs_dir: it is the staging folder by now
    current = i18n.current_language or i18n.default_language
    config.docs_dir = str(root / STAGING)
    config.nav = generated.nav[current]
    i18n.reconfigure_search_duplicates = functools.partial(remove_search_duplicates, i18n.build_languages)
    config.extra["mobility_portal"] = generated.theme_labels[current]
    return config


def remove_search_duplicates(languages: list[str], entries: list[dict]) -> None:
    """Drop from the search index each entry of another language that repeats a default-language
    entry word for word (a page shown untranslated), as static-i18n does, in one pass.

    static-i18n compares every default entry with every other entry: quadratic, it took most of
    the build time of a 100-project portal. Installed in its place by `configure`."""
    prefixes = tuple(f"{lang}/" for lang in languages)
    default_locations: dict[tuple, list[str]] = {}
    for entry in entries:
        if not entry["location"].startswith(prefixes):
            default_locations.setdefault((entry["title"], entry["text"]), []).append(entry["location"])
    entries[:] = [
        entry for entry in entries
        if not (entry["location"].startswith(prefixes) and any(
            entry["location"].endswith(location) for location in default_locations.get((entry["title"], entry["text"]), ())))
    ]


def prepare(config: MkDocsConfig) -> int:
    """Generate and stage before any language is built (mkdocs_parallel.py); the number of warnings."""
    return len(_generation(config).warnings)


def _generation(config: MkDocsConfig) -> Generated:
    global _last
    root = Path(config.config_file_path).parent
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise Abort("mkdocs.yml: the i18n plugin (mkdocs-static-i18n) is required by Mobility Portal")
    languages = [lang.locale for lang in i18n.config.languages if lang.build]
    languages.sort(key=lambda code: code != i18n.default_language)
    settings = dataclasses.replace(
        _settings(root, tuple(languages), config.extra.get("portal") or {}, config.site_url),
        compiled_templates=root / COMPILED_TEMPLATES,
    )

    # A nested language build belongs to the same build: reuse its generation without walking the
    # inputs again. Only the first language's build (and each serve rebuild) checks for changes.
    fingerprint = _last[0] if _last is not None and i18n.building else _fingerprint(root, settings)
    if _last is None or _last[0] != fingerprint:
        started = time.perf_counter()
        with Staging(root / STAGING) as staging:  # the first files are written while the rest renders
            try:
                generated = generate(settings, on_files=staging.add)
            except ProjectErrors as errors:
                log.error("%s", errors)
                raise Abort("Aborted: fix the errors above. Nothing was built; site/ is as the last good build left it.")
            report = staging.finish(generated.files)
        log.info("Mobility Portal: %d projects, staged %d files (%d written, %d removed) in %.2f s",
                 len(generated.projects), len(generated.files), report.written, report.removed,
                 time.perf_counter() - started)
        for warning in generated.warnings:
            log.warning(warning)
        for note in generated.notes:
            log.info(note)
        _last = (fingerprint, generated)
    return _last[1]


def project_navigation(context: dict, page, nav) -> dict:
    """On a project's page, the Projects section of the navigation holds that project only.

    With 100 projects, every page would otherwise carry 100 project entries in its sidebar: the
    build time per page would grow with the number of projects, and so would each page's size.
    The other projects stay one click away, on the home page."""
    projects = next((item for item in nav.items if getattr(item, "is_section", False) and item.active
                     and any(getattr(child, "is_section", False) for child in item.children)), None)
    own = next((child for child in projects.children if child.active), None) if projects else None
    if own is None:
        return context
    section = copy.copy(projects)
    section.children = [own]
    per_page = copy.copy(nav)
    per_page.items = [section if item is projects else item for item in nav.items]
    context["nav"] = per_page
    return context


def reset_language_switcher(config: MkDocsConfig) -> None:
    """Before the 404 page is rendered: its language switcher leads to each language's home.

    MkDocs renders 404.html before the pages. static-i18n sets each page's switcher as an
    attribute of config.extra and resets only the item of the same name, which templates do not
    read: the 404 page would link to the previous language's last page, and a language built in a
    worker of its own (mkdocs_parallel.py) would differ from the sequential build."""
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.extra_alternate:
        config.extra.alternate = copy.deepcopy(i18n.extra_alternate)


def keep_default_404(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The site's one 404 page is in the default language.

    static-i18n writes every language's 404.html to the site root, so the last language built
    would win (a Finnish 404 for everyone): the default language's build renders it first, and the
    other languages' builds write that page again."""
    global _default_404
    i18n = config.plugins.get("i18n")
    if template_name != "404.html" or i18n is None:
        return output
    if (i18n.current_language or i18n.default_language) == i18n.default_language:
        _default_404 = output
        return output
    return _default_404 if _default_404 is not None else output


def guard_site(config: MkDocsConfig) -> None:
    """After the last language is built: fail if a participant's data or an unsafe SVG reached site/."""
    i18n = config.plugins.get("i18n")
    if _worker or (i18n is not None and i18n.building):
        return  # a nested language build, or a worker: the whole site is checked once, at the end
    root = Path(config.config_file_path).parent
    languages = [lang.locale for lang in i18n.config.languages if lang.build] if i18n else []
    try:
        with _os_errors_aborted():
            report = check_site(Path(config.site_dir), root, languages, config.site_url or "")
    except ProjectErrors as errors:
        log.error("%s", errors)
        raise Abort("Aborted: the private participants files above cannot be read, so site/ could not be checked.")
    if report.problems:
        for problem in report.problems:
            log.error("%s", problem)
        raise Abort(f"Aborted: {len(report.problems)} file(s) in site/ must not be published. "
                    "Remove what is named above from project.yml, content/ or the theme and build again; "
                    "do not publish this site/.")
    if report.participants:
        log.info("Mobility Portal: site/ checked for the personal data of %d participants: none found", report.participants)


def watch_inputs(server, config: MkDocsConfig) -> None:
    """Watch what people edit, not the staging folder the build writes (that would loop)."""
    root = Path(config.config_file_path).parent
    server.unwatch(config.docs_dir)
    for name in WATCHED:
        if (root / name).is_dir():
            server.watch(str(root / name))


def settings_of(config_file: Path, *, pdf: bool) -> Settings:
    """The engine's settings from a portal's mkdocs.yml, for the commands that build no site
    (`mobility-portal check`, `private`). Raises PortalConfigError when mkdocs.yml is wrong."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    try:
        config = load_config(str(config_file))
    except (ConfigurationError, Abort) as error:
        raise PortalConfigError(f"{config_file.name}: {error}") from None
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise PortalConfigError(f"{config_file.name}: the i18n plugin (mkdocs-static-i18n) is required by Mobility Portal")
    languages = [lang.locale for lang in i18n.config.languages if lang.build]
    languages.sort(key=lambda code: code != i18n.default_language)
    settings = _settings(config_file.parent, tuple(languages), config.extra.get("portal") or {}, config.site_url)
    return dataclasses.replace(settings, pdf=pdf)


class PortalConfigError(Exception):
    """mkdocs.yml cannot be read: said in one line, for the command line."""


def _settings(root: Path, languages: tuple[str, ...], portal: dict, site_url: str | None) -> Settings:
    line = portal.get("funding_line")
    try:
        funding_line = parse_text(line) if line is not None else None
    except ValueError as error:
        raise Abort(f"mkdocs.yml: extra.portal.funding_line: {error}")
    return Settings(
        root=root, site_languages=languages, today=build_date(), funding_line=funding_line,
        site_url=site_url or "http://localhost/", pdf=_print_pdfs(), workers=_workers,
        pdf_cache=Path(os.environ["MOBILITY_PORTAL_PDF_CACHE"]) if os.environ.get("MOBILITY_PORTAL_PDF_CACHE") else None,
    )


def _print_pdfs() -> bool:
    """PDFs are printed by `mkdocs build`; a live preview skips them unless MOBILITY_PORTAL_PDF=on.

    `mkdocs serve` replaces site_url with its local address, so its QR codes would be wrong anyway,
    and skipping keeps each reload fast. MOBILITY_PORTAL_PDF=off skips them in a build too."""
    choice = os.environ.get("MOBILITY_PORTAL_PDF", "").lower()
    if choice in ("on", "off"):
        return choice == "on"
    return _command != "serve"


def _fingerprint(root: Path, settings: Settings) -> str:
    """Changes when any input file changes (by size and time) or the settings do."""
    digest = hashlib.sha256(repr(settings).encode())
    for name in WATCHED:
        folder = root / name
        if not folder.is_dir():
            continue
        for file in sorted(folder.rglob("*")):
            if "private" in file.relative_to(folder).parts or not file.is_file():
                continue
            stat = file.stat()
            digest.update(f"{file}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()
