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
3. those pages are rendered again with the kept objects: first the pages open in a browser (each
   page's live-reload script names it when it asks for news), then the browsers reload while the
   others are rendered, that page's language first. A request for
   a page not rendered yet waits for it: the preview never serves a page older than the save.

A save that changes a title in the menu renders again the pages that show it (build/incremental.py);
one that adds or removes a page, or changes the theme, mkdocs.yml or the labels builds every
language again, as at start. The preview shows the coordinator's view
(internal notes and overdue steps: build/generation.Settings.coordinator), without PDFs unless
MOBILITY_PORTAL_PDF=on.
"""

from __future__ import annotations

import json
import logging
import os
import posixpath
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
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
from ...build.incremental import Plan, code_key, compare, staged_digests
from ...build.lock import BuildLock, BuildLocked
from ...build.pipeline import PREVIEW_STAGING, WATCHED, BuildAborted, BuildOptions, prepare
from ...build.portal_config import PortalConfig, PortalConfigError, read_portal_config
from ...build.stamps import files_under, stamp
from ...privacy.guard import check_site
from .adapter import ADAPTER, SERVE_WAITS_FOR_BUILD, quiet_dirty_warning
from .parallel import only_languages, write_search_index
from .search import index_path, language_entry, page_location, remove_repeated_translations, replace_pages, split_search_index

log = logging.getLogger("mkdocs.plugins.mobility_portal")

SAVE_SETTLES = 0.05  # seconds without another change before a save is built (an editor writes in steps)
WAIT_FOR_RENDERING = 120  # seconds a request waits for its file to be rendered again before it is served anyway


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
    """MkDocs' live-reload server, which also notes the pages open in a browser, and holds back a
    request for a file the preview has still to render after a save."""

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        # The system's notices of a saved file (inotify, FSEvents, ReadDirectoryChangesW) instead of
        # MkDocs' polling every half second, which also stats every file of a hundred projects.
        self.observer = _ChangesObserver()  # type: ignore[assignment]  # MkDocs annotates its own
        self.build_delay = SAVE_SETTLES
        self.open: dict[str, float] = {}  # the files of the pages open in a browser, by when they last asked for news
        self.pending: set[str] = set()  # files to render again before they are served
        self.rendered = threading.Condition()

    def file_of(self, path: str) -> str:
        """The file a request's path is served from, as LiveReloadServer finds it."""
        relative = path[len(self.mount_path):] + ("index.html" if path.endswith("/") else "")
        return os.path.join(self.root, posixpath.normpath("/" + relative).lstrip("/"))

    def done(self, files: list[str]) -> None:
        with self.rendered:
            self.pending.difference_update(files)
            self.rendered.notify_all()

    def shown(self) -> list[str]:
        """The files of the pages open in a browser now, the most recent first: each page's
        live-reload script asks the server for news at least once a minute, naming its page."""
        recent = time.monotonic() - 2 * self.poll_response_timeout
        return sorted((file for file, seen in self.open.items() if seen > recent), key=lambda file: -self.open[file])

    def _serve_request(self, environ, start_response):
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if path.startswith("/livereload/"):
            page = urlsplit(environ.get("HTTP_REFERER") or "").path
            if (page + "/").startswith(self.mount_path):
                self.open[self.file_of(page)] = time.monotonic()
        elif (path + "/").startswith(self.mount_path):
            file = self.file_of(path)
            with self.rendered:
                self.rendered.wait_for(lambda: file not in self.pending, timeout=WAIT_FOR_RENDERING)
        return super()._serve_request(environ, start_response)


class Preview:
    def __init__(self, portal: PortalConfig, address: str):
        host, _, port = address.rpartition(":")
        self.portal = portal
        self.root = portal.root
        self.site = Path(tempfile.mkdtemp(prefix="mobility-portal-preview-"))
        mount = urlsplit(portal.site_url or "/").path or "/"
        self.url = f"http://{host}:{port}{mount}"
        self.reuse = Reuse(code_key())
        self.languages: dict[str, _Language] = {}
        self.search: dict[str, dict] = {}  # each language's search index, as written
        self.last: tuple[str, dict[str, str], dict[str, list]] | None = None  # (key, staged digests, navigation)
        self.busy = threading.Lock()  # one save at a time: held until every language of the last one is rendered
        self.server = PreviewServer(builder=self.rebuild, host=host, port=int(port), root=str(self.site), mount_path=mount)
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
            work = self._work(todo.touch, settings)
            shown = set(self.server.shown())
            first = [item for item in work if item[1].abs_dest_path in shown]
            rest = [item for item in work if item not in first]
            indexes = {str(index_path(self.site, lang, settings.site_languages)) for lang, _ in work}
            with self.server.rendered:
                self.server.pending = {item[1].abs_dest_path for item in rest} | indexes
            fresh = self._render(first, generated)  # the pages on screen: the browsers reload when they are done
            log.info("Mobility Portal: the pages shown (%d) rendered in %.2f s; %d more files follow",
                     len(first), time.perf_counter() - started, len(rest))
            threading.Thread(target=self._render_rest, args=(rest, fresh, todo.touch, generated, settings, started), daemon=True).start()
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
            return settings, prepare(settings, log, staging_dir=PREVIEW_STAGING, reuse=self.reuse, staged_by_reuse=True)
        finally:
            lock.release()

    def _key(self, settings: Settings, generated: Generated) -> str:
        """What the kept MkDocs objects were made from besides the staged pages: when it changes,
        every language is built again."""
        return stamp([self.portal.file, *files_under(self.root / "theme")], salt=repr((settings, generated.theme_labels)))

    def _work(self, touch: frozenset[str], settings: Settings) -> list[tuple[str, Any]]:
        """The files of each language's build to render again (language, MkDocs' File): the
        language of the page shown first."""
        pages = self.server.shown()
        shown = next((lang for lang in settings.site_languages[1:] if pages and pages[0].startswith(str(self.site / lang) + os.sep)),
                     settings.default_language)
        staging = self.root / PREVIEW_STAGING
        work = []
        for lang in sorted(self.languages, key=lambda lang: lang != shown):
            state = self.languages[lang]
            for path in sorted(touch):
                file = state.by_source.get(os.path.normpath(staging / path))
                if file is not None:  # else another language's
                    work.append((lang, file))
        return work

    def _render_rest(self, rest: list[tuple[str, Any]], fresh: dict[str, list[dict]], touch: frozenset[str],
                     generated: Generated, settings: Settings, started: float) -> None:
        try:
            for lang, entries in self._render(rest, generated, done=self.server.done).items():
                fresh.setdefault(lang, []).extend(entries)
            default = settings.default_language
            for lang, entries in fresh.items():
                if lang in self.search:
                    ours = [language_entry(entry, lang, default) for entry in entries]
                    self.search[lang]["docs"] = replace_pages(self.search[lang]["docs"], ours)
            pages = {page_location(path.partition("/")[2]) for path in touch if path.endswith(".md")}
            remove_repeated_translations(self.search, settings.site_languages, pages)
            for lang in fresh:
                self._write_index(lang)
            self._guard(settings, [Path(file.abs_dest_path) for _, file in rest])
            log.info("Mobility Portal: preview of every language rendered in %.2f s (%d files)",
                     time.perf_counter() - started, len(rest))
        except Exception as error:  # a thread's error would vanish: said, and the next save builds everything
            log.error("The preview could not render the pages of this save: %s", error)
            self.last = None
        finally:
            with self.server.rendered:
                self.server.pending.clear()
                self.server.rendered.notify_all()
            self.busy.release()

    def _render(self, work: list[tuple[str, Any]], generated: Generated,
                done: Callable[[list[str]], None] | None = None) -> dict[str, list[dict]]:
        """Render these files again, each in its language's build; the search entries of the pages,
        by language (the index's own form: written once every language is done)."""
        entries: dict[str, list[dict]] = {}
        ADAPTER.given = generated
        try:
            for lang, file in work:
                state = self.languages[lang]
                # MkDocs keeps one instance of each plugin for every configuration of the process:
                # static-i18n's language is the one of the last build, and it resolves links with it.
                state.config.plugins["i18n"].current_language = lang
                before = len(state.search_entries)
                if file.page is None:
                    file.copy_file()
                else:
                    mkdocs_build._populate_page(file.page, state.config, state.files)
                    mkdocs_build._build_page(file.page, state.config, state.pages, state.nav, state.env)
                entries.setdefault(lang, []).extend(state.search_entries[before:])
                del state.search_entries[before:]
                if done is not None:
                    done([file.abs_dest_path])
        finally:
            ADAPTER.given = None
        return entries

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
