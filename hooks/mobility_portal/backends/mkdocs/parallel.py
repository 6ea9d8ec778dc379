"""The MkDocs backend's build: the languages of the portal built in parallel processes.

mkdocs-static-i18n builds one language after the other in one process: the default language,
then each other language again from the start. Here, with the engine's generation staged already
(build/pipeline.py), forked workers each build a contiguous group of languages into a folder of
their own, with the same MkDocs, Material and static-i18n code as `mkdocs build`. The first
worker builds into the job's site folder; the others' languages are moved into it, and the one
search index and sitemap are written from every worker's, in the sequential order. The result
is byte for byte the site `mkdocs build` makes (a test and scripts/benchmark_build.py compare).
"""

from __future__ import annotations

import contextlib
import gzip
import json
import logging
import shutil
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs_static_i18n import plugin as i18n_plugin

from ...build.processes import CAN_FORK, pool, worker_count
from ..base import BuildJob, IncrementalUnsafe
from .adapter import quiet_dirty_warning, remove_search_duplicates
from .i18n_files import kept_i18n_files
from .search import SEARCH_INDEX, SearchMergeError, merge_search_index, read_search_indexes, split_search_index

log = logging.getLogger("mkdocs.plugins.mobility_portal")

SITEMAP = "sitemap.xml"
SITEMAP_END = "\n</urlset>"


def build_languages(job: BuildJob) -> tuple[tuple[str, ...], ...]:
    """Build the staged tree into job.site_dir, the languages spread over job.jobs processes;
    the groups of languages, one per process. MkDocs' Abort and ConfigurationError go through."""
    started = time.perf_counter()
    config_file = job.portal.file
    config = _load(config_file, job.strict, job.site_dir)
    i18n = config.plugins["i18n"]
    groups = _groups(job.settings.site_languages, worker_count(job.jobs))
    folders = [job.site_dir, *(job.site_dir.with_name(f"{job.site_dir.name}.worker-{index}") for index in range(1, len(groups)))]
    for folder in folders[1:]:
        shutil.rmtree(folder, ignore_errors=True)
    dirty = job.previous_site is not None
    previous = read_search_indexes(job.previous_site, job.settings.site_languages) if job.previous_site else {}
    if dirty:  # each worker's folder starts from the earlier site's languages it builds
        for group, folder in zip(groups[1:], folders[1:]):
            folder.mkdir()
            for lang in group:
                (folders[0] / lang).rename(folder / lang)
    try:
        entries = _build_groups(config_file, groups, folders, job.strict, dirty)
        # The first worker's folder is the site (renames, no copies): the others bring their languages.
        write_search_index(folders[0], i18n, [entry for group_entries in entries for entry in group_entries])
        _write_sitemap(folders[0], folders)  # the root 404 page is the first worker's: the default language's
        for group, folder in zip(groups[1:], folders[1:]):
            for lang in group:
                (folder / lang).rename(folders[0] / lang)
        split_search_index(folders[0], job.settings.site_languages)
        if dirty:
            try:
                merge_search_index(folders[0], job.settings.site_languages, previous, job.rebuilt)
            except SearchMergeError as error:
                raise IncrementalUnsafe(str(error)) from None
    finally:
        for folder in folders[1:]:
            shutil.rmtree(folder, ignore_errors=True)
    log.info("Documentation built in %.2f seconds: %s, in %d processes", time.perf_counter() - started,
             " | ".join(", ".join(group) for group in groups), len(groups))
    return tuple(groups)


def _load(config_file: Path, strict: bool, site_dir: Path | None):
    options: dict[str, Any] = {"strict": strict} if strict else {}
    if site_dir is not None:
        options["site_dir"] = str(site_dir.resolve())
    return load_config(str(config_file), **options)


def _groups(languages: Sequence[str], jobs: int) -> list[tuple[str, ...]]:
    """Contiguous groups of nearly equal size, in build order: joined in order, the workers'
    search entries are in the order of the sequential build."""
    count = max(1, min(jobs, len(languages)))
    size, extra = divmod(len(languages), count)
    groups, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        groups.append(tuple(languages[start:end]))
        start = end
    return groups


def _build_groups(config_file: Path, groups: list[tuple[str, ...]], folders: list[Path], strict: bool,
                  dirty: bool) -> list[list[dict]]:
    """Each group built into its folder: in forked workers, which share the parent's generation
    unpickled; in this process where none can fork (one group)."""
    count = len(groups)
    if CAN_FORK:
        with pool(count) as executor:
            return list(executor.map(_build_group, [config_file] * count, groups, folders, [strict] * count, [dirty] * count))
    return [_build_group(config_file, group, folder, strict, dirty) for group, folder in zip(groups, folders)]


def _build_group(config_file: Path, group: tuple[str, ...], folder: Path, strict: bool, dirty: bool) -> list[dict]:
    """In a worker: build the languages of `group` into `folder` (with `dirty`, only the pages
    newer than those the folder holds); return their search entries."""
    config = _load(config_file, strict, folder)
    i18n = config.plugins["i18n"]
    if group[0] != i18n.default_language:
        i18n.current_language = group[0]  # the worker's first language is its outer build
    with only_languages(group, dirty), quiet_dirty_warning(), kept_i18n_files(config_file.parent, reuse=dirty):
        build(config, dirty=dirty)
    return list(i18n.search_entries)


@contextlib.contextmanager
def only_languages(group: Sequence[str], dirty: bool = False) -> Iterator[None]:
    """static-i18n builds every other language at the end of the outer build: only those of
    `group` here, each once (`dirty`: MkDocs' dirty build; static-i18n would read it from the
    command line). The language flags stay as they are, so switchers, sitemaps and alternates
    are those of the whole site."""
    build_all = i18n_plugin.build
    built = {group[0]}

    def build_ours(config, dirty=False):
        i18n = config.plugins["i18n"]
        if i18n.current_language in group and i18n.current_language not in built:
            built.add(i18n.current_language)
            build_all(config, dirty=dirty_build)

    dirty_build = dirty
    i18n_plugin.build = build_ours
    try:
        yield
    finally:
        i18n_plugin.build = build_all


def write_search_index(site: Path, i18n, entries: list[dict]) -> None:
    """The one search index of every language, as static-i18n writes it after its last build:
    the entries in build order, the /<lang>/ duplicates of default-language pages removed."""
    written = json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8"))
    if i18n.config.reconfigure_search:
        remove_search_duplicates(i18n.build_languages, entries)
    data = {"config": written["config"], "docs": entries}
    (site / SEARCH_INDEX).write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")


def _write_sitemap(site: Path, folders: list[Path]) -> None:
    """One sitemap of every language, as static-i18n's last build writes it: each language's
    <url> entries, in build order, between the header and the end of the first worker's."""
    texts = [(folder / SITEMAP).read_text(encoding="utf-8") for folder in folders]
    bodies = [text[text.index(">", text.index("<urlset")) + 1:text.rindex(SITEMAP_END)] for text in texts]
    first = texts[0]
    sitemap = first[:first.index(">", first.index("<urlset")) + 1] + "".join(bodies) + first[first.rindex(SITEMAP_END):]
    (site / SITEMAP).write_text(sitemap, encoding="utf-8")
    # MkDocs gzips it with the build's timestamp in the header: keep the workers' one.
    mtime = int.from_bytes((folders[-1] / f"{SITEMAP}.gz").read_bytes()[4:8], "little")
    with open(site / f"{SITEMAP}.gz", "wb") as file, gzip.GzipFile(
        fileobj=file, filename=f"{SITEMAP}.gz", mode="wb", mtime=mtime
    ) as compressed:
        compressed.write(sitemap.encode("utf-8"))
