"""The default backend: MkDocs + Material + mkdocs-static-i18n, behind the engine's interface
(backends/base.py). `build` hands the engine's generation to the hooks (adapter.py) and builds
the languages in parallel processes (parallel.py); `serve` is `mkdocs serve`, whose hooks run
the engine's steps again on every change."""

from __future__ import annotations

import os
import sys

from mkdocs.exceptions import Abort, ConfigurationError

from ...build.portal_config import PortalConfig
from ..base import BackendError, BuildJob
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
        # `mkdocs serve` itself: its live reload, its file watching, our hooks. --dirty: after a save
        # MkDocs renders only the pages the hooks mark as changed (adapter.py), not the whole site.
        os.chdir(portal.root)
        os.execv(sys.executable, [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", address])
