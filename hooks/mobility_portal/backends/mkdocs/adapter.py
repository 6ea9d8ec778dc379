"""The MkDocs backend: MkDocs, Material and mkdocs-static-i18n turn the staged docs into a site.

One object, BACKEND, holds the state of the builds of this process (the command, the options,
the last generation, the lock); hooks/portal.py hands it MkDocs' events, and `mobility-portal
build` (parallel.py) sets its options. static-i18n runs the whole MkDocs build again for each
extra language, so every event fires once per language: the engine's work (load, validate,
render, stage) runs once per change of the inputs and is reused by the other languages' builds.
Only this package imports MkDocs, Material or static-i18n (a test walks the imports).
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
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from ...build.generation import Generated, Settings, build_date, generate
from ...build.lock import BuildLock, BuildLocked
from ...build.staging import Staging
from ...errors import ProjectErrors, os_error_line
from ...model.text import parse_text
from ...privacy.guard import check_site

log = logging.getLogger("mkdocs.plugins.mobility_portal")

STAGING = Path(".cache") / "docs"
COMPILED_TEMPLATES = Path(".cache") / "templates"
WATCHED = ("content", "projects", "theme")

SERVE_WAITS_FOR_BUILD = 120  # seconds: a preview's rebuild waits for a build under way, then says so


@dataclass(frozen=True)
class BuildOptions:
    """What a build is asked for: by `mobility-portal build`'s arguments, or, for `mkdocs build`
    and `mkdocs serve` (whose command line we do not own), by the environment."""

    pdf: bool | None = None  # print the PDFs; None: yes, except in a live preview
    pdf_cache: Path | None = None  # None: .cache/pdf in the portal's folder
    workers: int | None = None  # processes for the engine's work; None: one per core

    @classmethod
    def from_environment(cls) -> BuildOptions:
        """MOBILITY_PORTAL_PDF=on|off and MOBILITY_PORTAL_PDF_CACHE=folder."""
        choice = os.environ.get("MOBILITY_PORTAL_PDF", "").lower()
        cache = os.environ.get("MOBILITY_PORTAL_PDF_CACHE")
        return cls(pdf={"on": True, "off": False}.get(choice), pdf_cache=Path(cache) if cache else None)


class MkDocsBackend:
    """The engine behind MkDocs' events, for every build this process runs."""

    def __init__(self, options: BuildOptions | None = None):
        self.command = "build"  # or "serve", "gh-deploy": from on_startup
        self.options = options or BuildOptions.from_environment()
        self.worker = False  # a worker process of parallel.py: the parent guards the merged site
        self._last: tuple[str, Generated] | None = None  # the last generation, by its inputs' fingerprint
        self._default_404: str | None = None  # the default language's 404 page, of the current build
        self._lock: BuildLock | None = None  # held from the first configure of a build to its guard

    # ---------------------------------------------------------------- the build lock

    @contextlib.contextmanager
    def build_lock(self, root: Path, command: str, wait: float = 0) -> Iterator[None]:
        """Hold the portal's build lock (build/lock.py) for a whole build; Abort naming the build
        that holds it. The hooks' own acquire then finds it held and waits for nothing."""
        self.take_lock(root, command, wait)
        try:
            yield
        finally:
            self.release_lock()

    def take_lock(self, root: Path, command: str, wait: float = 0) -> None:
        if self._lock is None or self._lock.root != root:
            self._lock = BuildLock(root, command)
        try:
            self._lock.acquire(wait)
        except BuildLocked as error:
            raise Abort(f"Aborted: {error}") from None

    def release_lock(self, config: MkDocsConfig | None = None) -> None:
        """At the end of a build (after the guard), or when it failed (on_build_error). Never in a
        worker: it shares the parent's lock file, and unlocking it would unlock the parent's build."""
        if self.worker or (config is not None and _nested(config)):
            return
        if self._lock is not None:
            self._lock.release()

    # ---------------------------------------------------------------- MkDocs' events

    def configure(self, config: MkDocsConfig) -> MkDocsConfig:
        """Generate and stage the docs once per input change; point this language's build at them."""
        i18n = _i18n(config)
        outer = not self.worker and not _nested(config)
        if outer:
            # A preview's rebuild waits for a build under way rather than failing at once: the
            # coordinator saved a file and expects to see it.
            self.take_lock(Path(config.config_file_path).parent, f"mkdocs {self.command}",
                           SERVE_WAITS_FOR_BUILD if self.command == "serve" else 0)
        try:
            with _os_errors_aborted():
                generated = self.generation(config)
        except BaseException:
            if outer:  # MkDocs calls no on_build_error for an error of on_config: a preview would keep the lock
                self.release_lock()
            raise
        root = Path(config.config_file_path).parent  # never docs_dir: it is the staging folder by now
        current = i18n.current_language or i18n.default_language
        config.docs_dir = str(root / STAGING)
        config.nav = generated.nav[current]
        i18n.reconfigure_search_duplicates = functools.partial(remove_search_duplicates, i18n.build_languages)
        config.extra["mobility_portal"] = generated.theme_labels[current]
        return config

    def generation(self, config: MkDocsConfig) -> Generated:
        """The generation of this build's inputs: made and staged when they changed, else the last."""
        root = Path(config.config_file_path).parent
        i18n = _i18n(config)
        settings = dataclasses.replace(self.settings(config), compiled_templates=root / COMPILED_TEMPLATES)
        # A nested language build belongs to the same build: reuse its generation without walking the
        # inputs again. Only the first language's build (and each serve rebuild) checks for changes.
        fingerprint = self._last[0] if self._last is not None and i18n.building else _fingerprint(root, settings)
        if self._last is None or self._last[0] != fingerprint:
            started = time.perf_counter()
            with Staging(root / STAGING) as staging:  # the first files are written while the rest renders
                try:
                    generated = generate(settings, on_files=staging.add)
                except ProjectErrors as errors:
                    log.error("%s", errors)
                    raise Abort("Aborted: fix the errors above. Nothing was built; site/ is as the last good build left it.") from None
                report = staging.finish(generated.files)
            log.info("Mobility Portal: %d projects, staged %d files (%d written, %d removed) in %.2f s",
                     len(generated.projects), len(generated.files), report.written, report.removed,
                     time.perf_counter() - started)
            for warning in generated.warnings:
                log.warning(warning)
            for note in generated.notes:
                log.info(note)
            self._last = (fingerprint, generated)
        return self._last[1]

    def settings(self, config: MkDocsConfig) -> Settings:
        """The engine's settings for this build: the portal's mkdocs.yml and the options."""
        options = self.options
        pdf = options.pdf if options.pdf is not None else self.command != "serve"
        return dataclasses.replace(portal_settings(config), pdf=pdf, pdf_cache=options.pdf_cache, workers=options.workers)

    def keep_default_404(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        """The site's one 404 page is in the default language.

        static-i18n writes every language's 404.html to the site root, so the last language built
        would win (a Finnish 404 for everyone): the default language's build renders it first, and
        the other languages' builds write that page again."""
        i18n = config.plugins.get("i18n")
        if template_name != "404.html" or i18n is None:
            return output
        if (i18n.current_language or i18n.default_language) == i18n.default_language:
            self._default_404 = output
            return output
        return self._default_404 if self._default_404 is not None else output

    def guard_site(self, config: MkDocsConfig) -> None:
        """After the last language is built: fail if a participant's data, an unsafe SVG or a
        third-party request reached site/ (privacy/guard.py)."""
        if self.worker or _nested(config):
            return  # a nested language build, or a worker: the whole site is checked once, at the end
        root = Path(config.config_file_path).parent
        try:
            with _os_errors_aborted():
                report = check_site(Path(config.site_dir), root, site_languages(config), config.site_url or "")
        except ProjectErrors as errors:
            log.error("%s", errors)
            raise Abort("Aborted: the private participants files above cannot be read, so site/ could not be checked.") from None
        if report.problems:
            for problem in report.problems:
                log.error("%s", problem)
            raise Abort(f"Aborted: {len(report.problems)} file(s) in site/ must not be published. "
                        "Remove what is named above from project.yml, content/ or the theme and build again; "
                        "do not publish this site/.")
        if report.participants:
            log.info("Mobility Portal: site/ checked for the personal data of %d participants: none found", report.participants)


BACKEND = MkDocsBackend()


def _i18n(config: MkDocsConfig):
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise Abort("mkdocs.yml: the i18n plugin (mkdocs-static-i18n) is required by Mobility Portal")
    return i18n


def _nested(config: MkDocsConfig) -> bool:
    """A language build static-i18n runs inside the first one."""
    i18n = config.plugins.get("i18n")
    return i18n is not None and i18n.building


def site_languages(config: MkDocsConfig) -> tuple[str, ...]:
    """The languages the portal builds, the default first: the order of `mkdocs build`."""
    i18n = _i18n(config)
    languages = [lang.locale for lang in i18n.config.languages if lang.build]
    return tuple(sorted(languages, key=lambda code: code != i18n.default_language))


@contextlib.contextmanager
def _os_errors_aborted() -> Iterator[None]:
    """An error of the disk (permissions, space, a folder removed meanwhile) in one line, as MkDocs
    shows an Abort: a coordinator has nothing to do with a traceback."""
    try:
        yield
    except OSError as error:
        raise Abort(f"Aborted: {os_error_line(error)}") from None


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


def project_navigation(context: dict, page, nav) -> dict:
    """On a project's page, the Projects section of the navigation holds that project only.

    With 100 projects, every page would otherwise carry 100 project entries in its sidebar: the
    build time per page would grow with the number of projects, and so would each page's size.
    The other projects stay one click away, on the home page."""
    projects = next((item for item in nav.items if getattr(item, "is_section", False) and item.active
                     and any(getattr(child, "is_section", False) for child in item.children)), None)
    own = next((child for child in projects.children if child.active), None) if projects is not None else None
    if projects is None or own is None:
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
        config.extra.alternate = copy.deepcopy(i18n.extra_alternate)  # type: ignore[attr-defined]


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
    try:
        return dataclasses.replace(portal_settings(config), pdf=pdf, pdf_cache=BuildOptions.from_environment().pdf_cache)
    except Abort as error:  # it names mkdocs.yml already
        raise PortalConfigError(str(error)) from None


class PortalConfigError(Exception):
    """mkdocs.yml cannot be read: said in one line, for the command line."""


def portal_settings(config: MkDocsConfig) -> Settings:
    """The engine's settings a portal's mkdocs.yml gives: its folder, languages, address and
    funding line (extra.portal). Abort when mkdocs.yml lacks what the portal needs."""
    line = (config.extra.get("portal") or {}).get("funding_line")
    try:
        funding_line = parse_text(line) if line is not None else None
    except ValueError as error:
        raise Abort(f"mkdocs.yml: extra.portal.funding_line: {error}") from None
    return Settings(root=Path(config.config_file_path).parent, site_languages=site_languages(config), today=build_date(),
                    funding_line=funding_line, site_url=config.site_url or "http://localhost/")


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
