"""The MkDocs backend's preview (`mobility-portal serve`, `./run serve`): a save shows at once.

`mkdocs serve` builds the whole site again after every save, and even its dirty build spends
most of its time on work a save rarely changes: for every language, MkDocs and static-i18n read
the configuration, sort every file of every language, make the menus, compile the templates
(about half a second per language with 10 projects, three with 100). The preview does that once,
at start, one language at a time, and keeps each language's MkDocs objects (configuration,
files, menus, templates: adapter.capture). After a save:

1. the engine generates again what the save changed (build/generation.py's Reuse: the saved
   project, then the home pages and the feeds) into the preview's staging folder;
2. build/incremental.compare says which pages changed (every language of them);
3. those pages are rendered again with the kept objects, first in the language the browser
   showed last; the browser then reloads, while the other languages are rendered. A request for
   a page of a language not rendered yet waits for it: the preview never serves a page older
   than the save.

A save that changes a title in the menu renders again the pages that show it (build/incremental.py);
one that adds or removes a page, or changes the theme, mkdocs.yml or the labels builds every
language again, as at start. The preview shows the coordinator's view
(internal notes and overdue steps: build/generation.Settings.coordinator), without PDFs unless
MOBILITY_PORTAL_PDF=on.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import watchdog.observers
from mkdocs.commands import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer
from watchdog import events

from ...build.generation import Generated, Reuse, Settings
from ...build.incremental import Plan, compare, staged_digests
from ...build.lock import BuildLock, BuildLocked
from ...build.pipeline import PREVIEW_STAGING, WATCHED, BuildAborted, BuildOptions, prepare
from ...build.portal_config import PortalConfig, PortalConfigError, read_portal_config
from ...privacy.guard import check_site
from .adapter import ADAPTER, SERVE_WAITS_FOR_BUILD, quiet_dirty_warning
from .parallel import only_languages, write_search_index
from .search import index_path, language_entry, page_location, remove_repeated_translations, replace_pages, split_search_index

log = logging.getLogger("mkdocs.plugins.mobility_portal")

SAVE_SETTLES = 0.05  # seconds without another change before a save is built (an editor writes in steps)
WAIT_FOR_LANGUAGE = 120  # seconds a request waits for its language's pages before it is served anyway


@dataclass
class _Language:
    """What MkDocs made for one language's build, kept to render its pages again."""

    config: Any  # MkDocsConfig, with its plugins (static-i18n set to this language, the search index)
    files: Any  # mkdocs.structure.files.Files
    nav: Any  # mkdocs.structure.nav.Navigation
    env: Any  # the theme's Jinja environment

    def __post_init__(self) -> None:
        self.pages = self.files.documentation_pages()
        self.by_source = {os.path.normpath(file.abs_src_path): file for file in self.files if file.abs_src_path}

    @property
    def search_entries(self) -> list[dict]:
        """The entries Material's search plugin adds a rendered page's to (its list is replaced
        between builds: asked for each time)."""
        for name in ("material/search", "search"):
            if name in self.config.plugins:
                return self.config.plugins[name].search_index.entries
        return []


class _ChangesObserver(watchdog.observers.Observer):  # type: ignore[misc,valid-type]  # the system's observer class
    """Told of files written, created, moved and removed: not of files opened and read, which the
    system's notices also report (the preview reads the projects: each rebuild would start another)."""

    CHANGES = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileMovedEvent, events.FileDeletedEvent,
               events.FileClosedEvent]

    def schedule(self, event_handler, path, *, recursive=False, event_filter=None):
        return super().schedule(event_handler, path, recursive=recursive, event_filter=self.CHANGES)


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, which also notes the language of the page the browser shows
    and holds back a request for a language whose pages are being rendered."""

    def __init__(self, *args: Any, languages: tuple[str, ...], **kwargs: Any):
        super().__init__(*args, **kwargs)
        # The system's notices of a saved file (inotify, FSEvents, ReadDirectoryChangesW) instead of
        # MkDocs' polling every half second, which also stats every file of a hundred projects.
        self.observer = _ChangesObserver()  # type: ignore[assignment]  # MkDocs annotates its own
        self.build_delay = SAVE_SETTLES
        self.languages = languages  # the default first
        self.viewed = languages[0]
        self.pending: set[str] = set()
        self.rendered = threading.Condition()

    def language_of(self, path: str) -> str:
        first = path[len(self.mount_path):].lstrip("/").split("/", 1)[0]
        return first if first in self.languages[1:] else self.languages[0]

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if not path.startswith("/livereload/"):
            lang = self.language_of(path)
            if path.endswith(("/", ".html")):
                self.viewed = lang
            with self.rendered:
                self.rendered.wait_for(lambda: lang not in self.pending, timeout=WAIT_FOR_LANGUAGE)
        return super()._serve_request(environ, start_response)


class Preview:
    def __init__(self, portal: PortalConfig, address: str):
        host, _, port = address.rpartition(":")
        self.portal = portal
        self.root = portal.root
        self.site = Path(tempfile.mkdtemp(prefix="mobility-portal-preview-"))
        mount = urlsplit(portal.site_url or "/").path or "/"
        self.url = f"http://{host}:{port}{mount}"
        self.reuse = Reuse()
        self.languages: dict[str, _Language] = {}
        self.search: dict[str, dict] = {}  # each language's search index, as written
        self.last: tuple[str, dict[str, str], dict[str, list]] | None = None  # (key, staged digests, navigation)
        self.busy = threading.Lock()  # one save at a time: held until every language of the last one is rendered
        self.server = PreviewServer(builder=self.rebuild, host=host, port=int(port), root=str(self.site), mount_path=mount,
                                    languages=portal.site_languages)
        self.server.error_handler = self._error_page

    def run(self) -> int:
        ADAPTER.command = "serve"  # the hooks stage into the preview's folder, and leave the guard to us
        try:
            if not self.rebuild():
                return 1
            for name in (*WATCHED, self.portal.file.name):
                if (self.root / name).exists():
                    self.server.watch(str(self.root / name))
            try:
                self.server.serve()
            except KeyboardInterrupt:
                log.info("Shutting down...")
            finally:
                self.server.shutdown()
        finally:
            shutil.rmtree(self.site, ignore_errors=True)
        return 0

    # ---------------------------------------------------------------- after each save

    def rebuild(self) -> bool:
        """Called by the server after a save (and once at start); False when nothing could be built."""
        self.busy.acquire()  # released when the last language of the save before is rendered
        started = time.perf_counter()
        try:
            settings, generated = self._generate()
        except (BuildAborted, PortalConfigError, BuildLocked) as error:
            log.error("%s", error)
            self.busy.release()
            return False
        key = self._key(settings, generated)
        digests = staged_digests(generated.files)
        todo = compare(self.last[1], self.last[2], digests, generated.nav, settings.site_languages, pruned_menu=self.portal.prunes_menu) \
            if self.last is not None and self.last[0] == key else Plan("full", "start, or the theme or settings changed")
        self.last = (key, digests, generated.nav)
        if todo.mode in ("none", "pages"):
            if todo.retitled:
                for lang, state in self.languages.items():
                    _retitle(state.nav.items, generated.nav[lang])
            viewed = self.server.viewed if self.server.viewed in self.languages else settings.default_language
            written = self._render(viewed, todo.touch, generated)
            others = [lang for lang in settings.site_languages if lang != viewed]
            with self.server.rendered:
                self.server.pending = set(others)
            log.info("Mobility Portal: preview of '%s' rendered in %.2f s (%d files); the other languages follow",
                     viewed, time.perf_counter() - started, len(written))
            threading.Thread(target=self._render_others, args=(others, todo.touch, generated, settings, written, started),
                             daemon=True).start()
            return True
        try:
            self._build_everything(generated, settings)
        except BaseException:
            self.last = None  # the next save builds everything again
            raise
        finally:
            self.busy.release()
        self._guard(settings, None)
        log.info("Mobility Portal: preview built in %.2f s (%s)", time.perf_counter() - started, todo.reason)
        return True

    def _generate(self) -> tuple[Settings, Generated]:
        self.portal = read_portal_config(self.portal.file)
        settings = BuildOptions.from_environment().settings(self.portal, preview=True, site_url=self.url)
        lock = BuildLock(self.root, "mobility-portal serve")
        lock.acquire(SERVE_WAITS_FOR_BUILD)
        try:
            return settings, prepare(settings, log, staging_dir=PREVIEW_STAGING, reuse=self.reuse)
        finally:
            lock.release()

    def _key(self, settings: Settings, generated: Generated) -> str:
        """What the kept MkDocs objects were made from besides the staged pages: when it changes,
        every language is built again."""
        digest = hashlib.sha256(repr((settings, generated.theme_labels)).encode())
        digest.update(self.portal.file.read_bytes())
        for file in sorted((self.root / "theme").rglob("*")):
            if file.is_file():
                stat = file.stat()
                digest.update(f"{file}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        return digest.hexdigest()

    def _render_others(self, others: list[str], touch: frozenset[str], generated: Generated, settings: Settings,
                       written: list[Path], started: float) -> None:
        try:
            for lang in others:
                try:
                    written += self._render(lang, touch, generated)
                finally:
                    with self.server.rendered:
                        self.server.pending.discard(lang)
                        self.server.rendered.notify_all()
            pages = {page_location(path.partition("/")[2]) for path in touch if path.endswith(".md")}
            for lang in remove_repeated_translations(self.search, settings.site_languages, pages):
                self._write_index(lang)
            self._guard(settings, written)
            log.info("Mobility Portal: preview of every language rendered in %.2f s (%d files)",
                     time.perf_counter() - started, len(written))
        except Exception as error:  # a thread's error would vanish: said, and the next save builds everything
            log.error("The preview could not render the pages of this save: %s", error)
            self.last = None
        finally:
            with self.server.rendered:
                self.server.pending.clear()
                self.server.rendered.notify_all()
            self.busy.release()

    def _render(self, lang: str, touch: frozenset[str], generated: Generated) -> list[Path]:
        """Render the staged files of `touch` again in this language's build; the files written."""
        state = self.languages[lang]
        staging = self.root / PREVIEW_STAGING
        written = []
        # MkDocs keeps one instance of each plugin for every configuration of the process: static-i18n's
        # language is the one of the last build, and it resolves links with it.
        state.config.plugins["i18n"].current_language = lang
        before = len(state.search_entries)
        ADAPTER.given = generated
        try:
            for path in sorted(touch):
                file = state.by_source.get(os.path.normpath(staging / path))
                if file is None:
                    continue  # another language's
                if file.page is None:
                    file.copy_file()
                else:
                    mkdocs_build._populate_page(file.page, state.config, state.files)
                    mkdocs_build._build_page(file.page, state.config, state.pages, state.nav, state.env)
                written.append(Path(file.abs_dest_path))
        finally:
            ADAPTER.given = None
        fresh = state.search_entries[before:]
        del state.search_entries[before:]
        if fresh and lang in self.search:
            default = self.portal.site_languages[0]
            self.search[lang]["docs"] = replace_pages(self.search[lang]["docs"], [language_entry(entry, lang, default) for entry in fresh])
            self._write_index(lang)
        return written

    def _write_index(self, lang: str) -> None:
        index = index_path(self.site, lang, self.portal.site_languages)
        index.write_text(json.dumps(self.search[lang], separators=(",", ":"), default=str), encoding="utf-8")

    def _build_everything(self, generated: Generated, settings: Settings) -> None:
        """Every language built into the preview's folder, one after the other, each with a
        configuration of its own, kept to render its pages again."""
        for child in list(self.site.iterdir()):
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        self.languages = {}
        entries: list[dict] = []
        ADAPTER.given, ADAPTER.captured = generated, {}
        try:
            for index, lang in enumerate(settings.site_languages):
                config = load_config(str(self.portal.file), site_dir=str(self.site), site_url=self.url)
                i18n: Any = config.plugins["i18n"]
                i18n.current_language = lang
                # The first build empties the folder; the others add their language to it (dirty:
                # each of their pages is new there, so all are built).
                with only_languages((lang,)), quiet_dirty_warning():
                    mkdocs_build.build(config, dirty=index > 0)
                made = ADAPTER.captured[lang]
                self.languages[lang] = _Language(made["config"], made["files"], made["nav"], made["env"])
                entries += i18n.search_entries
            write_search_index(self.site, i18n, entries)
            split_search_index(self.site, settings.site_languages)
            # Kept in memory: the preview replaces the entries of the pages it renders again.
            self.search = {lang: json.loads(index_path(self.site, lang, settings.site_languages).read_text(encoding="utf-8"))
                           for lang in settings.site_languages if index_path(self.site, lang, settings.site_languages).is_file()}
        finally:
            ADAPTER.given, ADAPTER.captured = None, None

    def _guard(self, settings: Settings, written: list[Path] | None) -> None:
        """The build's check of the files written (None: every file). The preview is not published:
        what it finds is said, and the preview goes on."""
        report = check_site(self.site, settings.root, settings.site_languages, settings.site_url, paths=written)
        for problem in report.problems:
            log.error("%s", problem)

    def _error_page(self, code: int) -> bytes | None:
        page = self.site / f"{code}.html"
        return page.read_bytes() if code in (404, 500) and page.is_file() else None


def _retitle(items: list, entries: list) -> None:
    """Give MkDocs' menu the titles of the generation's (the same menu, compare says, but for titles)."""
    for item, entry in zip(items, entries):
        if isinstance(entry, dict):
            ((title, value),) = entry.items()
            item.title = title
            if isinstance(value, list):
                _retitle(item.children, value)


def serve(portal: PortalConfig, address: str) -> int:
    return Preview(portal, address).run()
