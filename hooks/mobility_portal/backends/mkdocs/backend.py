"""The default backend: MkDocs + Material + mkdocs-static-i18n, behind the engine's interface
(backends/base.py). `build` hands the engine's generation to the hooks (adapter.py) and builds
the languages in parallel processes (parallel.py); `serve` previews with MkDocs' live-reload
server and renders again only what a save changed (preview.py)."""

from __future__ import annotations

import os

from mkdocs.exceptions import Abort, ConfigurationError

from ...build.portal_config import PortalConfig
from ..base import BackendError, BuildJob
from . import preview
from .adapter import ADAPTER
from .parallel import build_languages


class MkDocsBackend:
    name = "mkdocs"
    incremental = True  # MkDocs' dirty build, made exact by build/incremental.py and search.merge_search_index

    def build(self, job: BuildJob) -> None:
        ADAPTER.command = "build"
        ADAPTER.given = job.generated  # the workers inherit it: no generation, lock or guard in the hooks
        try:
            build_languages(job)
        except (Abort, ConfigurationError) as error:
            raise BackendError(error.message) from None
        finally:
            ADAPTER.given = None

    def serve(self, portal: PortalConfig, address: str) -> int:
        # MkDocs' live-reload server, with the pages of a save rendered again in the MkDocs objects
        # kept from the start (preview.py): `mkdocs serve` would build every language again.
        os.chdir(portal.root)
        try:
            return preview.serve(portal, address)
        except (Abort, ConfigurationError) as error:
            raise BackendError(error.message) from None
