"""What a build must redo, from what the last build of the same site left: all, some pages, or nothing.

A coordinator builds many times a day, most often after editing one project. The generation is
cheap (a few % of a build); the site generator's rendering of every page of every language is
not. After each build that replaced site/, a record (.cache/build-record.json) keeps:

- the build's key: everything the site depends on besides the staged docs (mkdocs.yml, the
  theme, the engine's code, the versions of MkDocs and its plugins, the settings, the build
  date, the private participants files the guard checked against);
- a digest of every staged file, and each language's navigation;
- the size and time of every file of site/ as it was left.

The next build compares (`plan`):

- same key, same staged files, same navigation, site/ as it was left: nothing to do; site/ is
  already byte for byte what a build would make;
- same key, same set of staged paths and the same navigation structure, site/ as it was left:
  a copy of site/ is rebuilt with MkDocs' dirty build, which renders only the pages whose staged
  file is newer than the built one. `touch` makes sure every changed page is: each language's
  version of a changed page (the search index drops a translation that repeats the default
  language's page word for word, so they are compared together), and, when a title in the menu
  changed, the pages whose menu shows it (`compare`);
- anything else (a page added or removed, the theme or mkdocs.yml edited, another day, a new
  version of a library, site/ touched by hand, no record): the whole build.

A test builds incrementally after edits and compares with a clean build, byte for byte.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from .stamps import files_under, stamp

RECORD = Path(".cache") / "build-record.json"
RECORD_VERSION = 1
# What the built site depends on besides the staged docs, under the portal's folder.
KEYED_FOLDERS = ("theme",)
KEYED_FILES = ("mkdocs.yml",)
LIBRARIES = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "markdown", "pymdown-extensions", "jinja2", "markupsafe",
             "babel", "pydantic", "ruamel.yaml", "pyyaml", "nh3", "segno", "weasyprint")
ENGINE = Path(__file__).resolve().parents[2]  # hooks/: the engine and the hook file shape every page


@dataclass(frozen=True)
class Plan:
    mode: str  # "full", "pages" (only the pages in `touch`, and what MkDocs finds newer) or "none"
    reason: str  # for the log: why this mode
    touch: frozenset[str] = frozenset()  # staged paths to mark newer than their built page
    retitled: bool = False  # a title in the menu changed: pages that did not change show it too

    @property
    def incremental(self) -> bool:
        return self.mode == "pages"


@dataclass
class BuildRecord:
    key: str
    site: str  # the site folder it describes, resolved
    staged: dict[str, str]  # staged path -> digest of its bytes
    nav: dict[str, list]  # language -> navigation, as handed to MkDocs
    site_files: dict[str, list[int]] = field(default_factory=dict)  # site path -> [size, mtime_ns]

    @classmethod
    def load(cls, root: Path) -> BuildRecord | None:
        try:
            data = json.loads((root / RECORD).read_text(encoding="utf-8"))
            if data.pop("version", None) != RECORD_VERSION:
                return None
            return cls(**data)
        except (OSError, ValueError, TypeError):
            return None  # no record, or one this version cannot read: the whole build

    def save(self, root: Path) -> None:
        path = root / RECORD
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        temporary.write_text(json.dumps({"version": RECORD_VERSION, **self.__dict__}, separators=(",", ":")), encoding="utf-8")
        temporary.replace(path)

    @staticmethod
    def forget(root: Path) -> None:
        """Before site/ is replaced: if the build stops between the swap and the new record, the
        next one must not trust the old record."""
        (root / RECORD).unlink(missing_ok=True)


def code_key() -> str:
    """Changes with the engine's code, the libraries' versions or Python's: what renders the pages."""
    return stamp(files_under(ENGINE, pattern="*.py"), salt=repr((sys.version_info[:2], [_version(name) for name in LIBRARIES])))


def _version(library: str) -> str:
    try:
        return metadata.version(library)
    except metadata.PackageNotFoundError:
        return "-"


def build_key(root: Path, settings: object, code: str, *parts: object) -> str:
    """Everything besides the staged docs that the built site depends on (see the module); `code`
    is code_key(), which the caller needs as well."""
    files = [root / name for name in KEYED_FILES] + files_under(*(root / name for name in KEYED_FOLDERS))
    # private_files_key: what the guard checked the site against
    salt = repr((settings, parts, os.environ.get("SOURCE_DATE_EPOCH"), time.strftime("%Y-%m-%d"), code, private_files_key(root)))
    return stamp(files, salt=salt)


def private_files_key(root: Path) -> str:
    """Changes when a private participants file is added, removed or saved."""
    return stamp(sorted((root / "projects").glob("*/private/**/*")))


def staged_digests(files: dict[str, bytes]) -> dict[str, str]:
    return {path: hashlib.blake2b(content, digest_size=16).hexdigest() for path, content in files.items()}


def site_files(site: Path) -> dict[str, list[int]]:
    """Every file of the site with its size and modification time."""
    found: dict[str, list[int]] = {}
    for folder, _, names in os.walk(site):
        for name in names:
            path = os.path.join(folder, name)
            stat = os.stat(path)
            found[os.path.relpath(path, site).replace(os.sep, "/")] = [stat.st_size, stat.st_mtime_ns]
    return found


def plan(record: BuildRecord | None, key: str, site: Path, staged: dict[str, str], nav: dict[str, list],
         languages: tuple[str, ...], *, pruned_menu: bool = False) -> Plan:
    """What this build must redo (see the module)."""
    if record is None:
        return Plan("full", "no record of an earlier build")
    if record.key != key:
        return Plan("full", "the theme, mkdocs.yml, the engine, a library, the settings or the date changed")
    if record.site != str(site) or not site.is_dir():
        return Plan("full", "the site folder is not the one last built")
    if site_files(site) != record.site_files:
        return Plan("full", "site/ was changed since the last build")
    return compare(record.staged, record.nav, staged, nav, languages, pruned_menu=pruned_menu)


def compare(old_staged: dict[str, str], old_nav: dict[str, list], staged: dict[str, str], nav: dict[str, list],
            languages: tuple[str, ...], *, pruned_menu: bool = False) -> Plan:
    """What changed between two generations (the staged files' digests, the navigation), as a plan:
    the pages to render again, or the whole site when a page or a menu entry was added or removed.

    A title changed in the menu is shown by other pages than its own: by every page, unless the
    menu is `pruned_menu` (each page carries the top of the menu and its own branch only: Material's
    navigation.prune, with a project's pages showing their project only). Then a title in a section
    is shown by the pages of that section, or of that project."""
    if old_staged.keys() != staged.keys():
        return Plan("full", "pages or files were added or removed")
    old_entries, new_entries = _menu(old_nav), _menu(json.loads(json.dumps(nav)))
    if [entry.path for entry in old_entries] != [entry.path for entry in new_entries]:
        return Plan("full", "the menu changed")
    changed = {path for path, digest in staged.items() if old_staged[path] != digest}
    retitled = [(new, old) for new, old in zip(new_entries, old_entries) if new.titles != old.titles]
    if not changed and not retitled:
        return Plan("none", "nothing changed since the last build")
    pages = {_page_of(path, languages) for path in changed if path.endswith(".md")}
    every_page = {_page_of(path, languages) for path in staged if path.endswith(".md")}
    projects = {entry.branch[0] for entry in new_entries if _page_of(entry.path, languages).startswith("projects/")}
    for new, old in retitled:
        level = next(index for index, (one, other) in enumerate(zip(new.titles, old.titles)) if one != other) \
            if len(new.titles) == len(old.titles) else 0
        if not pruned_menu or level == 0:
            pages = every_page
            break
        scope = new.branch[:2] if new.branch[0] in projects else new.branch[:1]
        pages |= {_page_of(entry.path, languages) for entry in new_entries if entry.branch[:len(scope)] == scope}
    touch = {path for path in staged if path in changed or (path.endswith(".md") and _page_of(path, languages) in pages)}
    return Plan("pages", f"{len(changed)} staged file(s) changed", frozenset(touch), bool(retitled))


def touch(staging: Path, paths: frozenset[str]) -> None:
    """Mark these staged files newer than anything built before now."""
    now = time.time_ns()
    for path in paths:
        os.utime(staging / path, ns=(now, now))


@dataclass(frozen=True)
class _Entry:
    path: str  # the staged page, <lang>/...
    titles: tuple[str, ...]  # the titles leading to it, its own last
    branch: tuple[int, ...]  # where it is: its index at each level of its language's menu


def _menu(nav: dict[str, list]) -> list[_Entry]:
    """Each menu entry, language by language."""
    entries: list[_Entry] = []

    def walk(items: list, lang: str, titles: tuple[str, ...], branch: tuple[int, ...]) -> None:
        for index, item in enumerate(items):
            if isinstance(item, str):
                entries.append(_Entry(f"{lang}/{item}", titles, (*branch, index)))
            elif isinstance(item, dict):
                for title, value in item.items():
                    if isinstance(value, list):
                        walk(value, lang, (*titles, title), (*branch, index))
                    else:
                        entries.append(_Entry(f"{lang}/{value}", (*titles, title), (*branch, index)))

    for lang in sorted(nav):
        walk(nav[lang], lang, (), ())
    return entries


def _page_of(path: str, languages: tuple[str, ...]) -> str:
    """A staged path without its language folder: the same page in every language."""
    first, _, rest = path.partition("/")
    return rest if first in languages else path


