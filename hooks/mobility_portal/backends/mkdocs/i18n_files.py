"""mkdocs-static-i18n's file list of each language, kept from one build to the next.

For each language it builds, static-i18n turns MkDocs' list of files into that language's
(`reconfigure_files`: which staged file each page is, where it is written, its versions in the
other languages). That costs pages x languages in pathlib calls: about 3 s per language with
100 projects, three quarters of what MkDocs does in a build after one edit. The result depends
on the paths of the files, not on their contents, and on the configuration. So the workers of
parallel.py keep each language's result (.cache/i18n-files/<lang>.pickle) with a key of all it
depends on, and a build of the changed pages (whose files are the same, or it would build every
page: build/incremental.py) takes it back instead of working it out again.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

from mkdocs_static_i18n import folder
from mkdocs_static_i18n import plugin as i18n_plugin

from ...build.kept import keep, kept

FOLDER = Path(".cache") / "i18n-files"  # under the portal's folder


@contextlib.contextmanager
def kept_i18n_files(root: Path, reuse: bool) -> Iterator[None]:
    """While in the block, each language's file list is saved, and with `reuse` taken back from
    the last build when nothing it depends on changed."""
    reconfigure = i18n_plugin.I18n.reconfigure_files

    def reconfigure_kept(self, files, config):
        if self.config.docs_structure != "folder":  # the portal stages one folder per language
            return reconfigure(self, files, config)
        path = root / FOLDER / f"{self.current_language}.pickle"
        key = _key(self, files, config)
        found = kept(path, key) if reuse else None
        if isinstance(found, list):
            return folder.I18nFiles(self, found)
        i18n_files = reconfigure(self, files, config)
        keep(path, list(i18n_files), key)
        return i18n_files

    i18n_plugin.I18n.reconfigure_files = reconfigure_kept
    try:
        yield
    finally:
        i18n_plugin.I18n.reconfigure_files = reconfigure


def _key(i18n, files, config) -> str:
    """What static-i18n's result depends on: the libraries, its options and languages, where the
    site is written and how, and every file's paths (never its contents)."""
    digest = hashlib.sha256(repr((
        metadata.version("mkdocs"), metadata.version("mkdocs-static-i18n"), dict(i18n.config), i18n.current_language,
        i18n.default_language, i18n.all_languages, i18n.build_languages, config.docs_dir, config.site_dir,
        config.use_directory_urls,
    )).encode())
    for file in files:
        digest.update(repr((type(file).__qualname__, file.src_uri, file.dest_uri, file.abs_src_path, file.url,
                            file.inclusion, file.generated_by, file._content is not None)).encode())
    return digest.hexdigest()

