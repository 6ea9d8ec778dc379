"""The MkDocs backend's hook side: MkDocs, Material and mkdocs-static-i18n turn the staged docs into a site.

One object, ADAPTER, holds the state of the builds of this process (the command, the options,
the last generation, the lock); hooks/portal.py hands it MkDocs' events. Under `mkdocs build` and
`mkdocs serve` it runs the engine's steps itself (build/pipeline.py: lock, generate and stage,
guard); under `mobility-portal build` the engine has run them, and hands it the generation
(`given`, set by backend.py). static-i18n runs the whole MkDocs build again for each extra
language, so every event fires once per language: the engine's work runs once per change of the
inputs and is reused by the other languages' builds.
Only this package imports MkDocs, Material or static-i18n (a test walks the imports).
"""

from __future__ import annotations

import contextlib
import copy
import functools
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from ...build.generation import Generated, Reuse, Settings
from ...build.incremental import code_key
from ...build.lock import BuildLock, BuildLocked
from ...build.pipeline import PREVIEW_STAGING, STAGING, WATCHED, BuildAborted, BuildOptions, fingerprint, guard, prepare
from ...build.portal_config import PortalConfigError, read_portal_config
from ...errors import os_error_line
from .search import split_search_index

log = logging.getLogger("mkdocs.plugins.mobility_portal")

SERVE_WAITS_FOR_BUILD = 120  # seconds: a preview's rebuild waits for a build under way, then says so


class MkDocsAdapter:
    """The engine behind MkDocs' events, for every build this process runs."""

    def __init__(self, options: BuildOptions | None = None):
        self.command = "build"  # or "serve", "gh-deploy": from on_startup
        self.options = options or BuildOptions.from_environment()
        # The engine's generation of a build it drives (`mobility-portal build`): the hooks then
        # neither generate, nor lock, nor guard; the engine did and will.
        self.given: Generated | None = None
        self._last: tuple[str, Generated] | None = None  # the last generation, by its inputs' fingerprint
        self._default_404: str | None = None  # the default language's 404 page, of the current build
        self._lock: BuildLock | None = None  # held from the first configure of a build to its guard
        self._reuse = Reuse(code_key())  # `mkdocs serve` keeps the unchanged projects' rendering between saves
        # The preview (preview.py) keeps each language's MkDocs objects to render pages again later:
        # set to a dict, it receives them, by language, as the build makes them.
        self.captured: dict[str, dict[str, Any]] | None = None

    # ---------------------------------------------------------------- the build lock

    def take_lock(self, root: Path, command: str, wait: float = 0) -> None:
        if self._lock is None or self._lock.root != root:
            self._lock = BuildLock(root, command)
        try:
            self._lock.acquire(wait)
        except BuildLocked as error:
            raise Abort(f"Aborted: {error}") from None

    def failed(self) -> None:
        """A build stopped: the next one (of `mkdocs serve`) generates again."""
        self._last = None
        self.release_lock()

    def release_lock(self, config: MkDocsConfig | None = None) -> None:
        """At the end of a build (after the guard), or when it failed (on_build_error). Never in a
        build the engine drives: the engine holds the lock, and its workers share the lock file."""
        if self.given is not None or (config is not None and _nested(config)):
            return
        if self._lock is not None:
            self._lock.release()

    # ---------------------------------------------------------------- MkDocs' events

    def configure(self, config: MkDocsConfig) -> MkDocsConfig:
        """Generate and stage the docs once per input change; point this language's build at them."""
        i18n = _i18n(config)
        outer = self.given is None and not _nested(config)
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
        config.docs_dir = str(root / self.staging)
        config.nav = generated.nav[current]
        i18n.reconfigure_search_duplicates = functools.partial(remove_search_duplicates, i18n.build_languages)
        # A language's pages search that language's index, at its root (search.py; main.html reads it).
        search_root = "" if current == i18n.default_language else f"{current}/"
        config.extra["mobility_portal"] = {**generated.theme_labels[current], "search_root": search_root}
        return config

    def generation(self, config: MkDocsConfig) -> Generated:
        """The generation of this build's inputs: the engine's when it drives the build, else made
        and staged when the inputs changed, else the last."""
        if self.given is not None:
            return self.given
        # A nested language build belongs to the same build: reuse its generation without walking the
        # inputs again. Only the first language's build (and each serve rebuild) checks for changes.
        if self._last is not None and _i18n(config).building:
            return self._last[1]
        settings = self.settings(config)
        current = fingerprint(Path(config.config_file_path).parent, settings)
        if self._last is None or self._last[0] != current:
            try:
                generated = prepare(settings, log, staging_dir=self.staging, reuse=self._reuse if self.preview else None,
                                    staged_by_reuse=self.preview)
            except BuildAborted as error:
                raise Abort(str(error)) from None
            self._last = (current, generated)
        return self._last[1]

    def capture(self, config: MkDocsConfig, **objects: Any) -> None:
        """From on_env (the environment and the files) and on_nav: kept for the preview."""
        if self.captured is not None:
            i18n = _i18n(config)
            self.captured.setdefault(i18n.current_language or i18n.default_language, {}).update(objects, config=config)

    @property
    def preview(self) -> bool:
        return self.command == "serve"

    @property
    def staging(self) -> Path:
        return PREVIEW_STAGING if self.preview else STAGING

    def settings(self, config: MkDocsConfig) -> Settings:
        """The engine's settings for this build: the portal's mkdocs.yml, the options, and MkDocs'
        site address (`mkdocs serve` sets the preview's)."""
        try:
            portal = read_portal_config(Path(config.config_file_path))
        except PortalConfigError as error:
            raise Abort(f"Aborted: {error}") from None
        return self.options.settings(portal, preview=self.command == "serve", site_url=config.site_url)

    def place_404(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        """Each language's 404 page at <lang>/404.html, and the default language's at the root.

        static-i18n writes every language's 404.html to the site root, so the last language built
        would win (a Finnish 404 for everyone): the default language's build renders it first, and
        the other languages' builds write that page again there, and their own in their folder
        (for hosts that serve the nearest 404.html). The root one shows the reader's language
        itself (theme/overrides/404.html)."""
        i18n = config.plugins.get("i18n")
        if template_name != "404.html" or i18n is None:
            return output
        current = i18n.current_language or i18n.default_language
        if current == i18n.default_language:
            self._default_404 = output
            return output
        own = Path(config.site_dir) / current / "404.html"
        own.parent.mkdir(parents=True, exist_ok=True)
        own.write_text(output, encoding="utf-8")
        return self._default_404 if self._default_404 is not None else output

    def finish_site(self, config: MkDocsConfig) -> None:
        """After the last language is built: one search index per language (search.py), then fail
        if a participant's data, an unsafe SVG or a third-party request reached site/ (privacy/guard.py)."""
        if self.given is not None or _nested(config):
            return  # a nested language build, or a build the engine drives: parallel.py splits, the engine guards
        settings = self.settings(config)
        try:
            with _os_errors_aborted():
                split_search_index(Path(config.site_dir), settings.site_languages)
                guard(Path(config.site_dir), settings, log)
        except BuildAborted as error:
            raise Abort(str(error)) from None


ADAPTER = MkDocsAdapter()


def _i18n(config: MkDocsConfig):
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise Abort("mkdocs.yml: the i18n plugin (mkdocs-static-i18n) is required by Mobility Portal")
    return i18n


def _nested(config: MkDocsConfig) -> bool:
    """A language build static-i18n runs inside the first one."""
    i18n = config.plugins.get("i18n")
    return i18n is not None and i18n.building


@contextlib.contextmanager
def _os_errors_aborted() -> Iterator[None]:
    """An error of the disk (permissions, space, a folder removed meanwhile) in one line, as MkDocs
    shows an Abort: a coordinator has nothing to do with a traceback."""
    try:
        yield
    except OSError as error:
        raise Abort(f"Aborted: {os_error_line(error)}") from None


class _DirtyWarning(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


@contextlib.contextmanager
def quiet_dirty_warning() -> Iterator[None]:
    """MkDocs warns that a dirty build "will likely lead to inaccurate navigation": ours are made
    exact (build/incremental.py says which pages to render again; a test compares with a whole
    build), and in strict mode the warning would fail the build."""
    logger, quiet = logging.getLogger("mkdocs.commands.build"), _DirtyWarning()
    logger.addFilter(quiet)
    try:
        yield
    finally:
        logger.removeFilter(quiet)


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


class _CompiledTemplates(BytecodeCache):
    """The theme's templates compiled once per process, not once per language build: MkDocs makes
    a new Jinja environment for each language's build (and each preview rebuild), and compiling
    Material's 150 templates again took about 0.3 s each time. Keyed by template and source
    checksum (Jinja's buckets), so an edited override is compiled again."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self.compiled.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = _CompiledTemplates()


def keep_compiled_templates(env: Environment) -> None:
    env.bytecode_cache = COMPILED_TEMPLATES


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
