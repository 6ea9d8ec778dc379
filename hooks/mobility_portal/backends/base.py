"""What the engine hands a backend, and what a backend must do with it.

By the time a backend is called, the engine has done its part (build/pipeline.py): the build lock
is held, the projects are loaded, checked and rendered, and the docs tree is staged, one
complete folder per language (.cache/docs/<lang>/). The backend turns that tree into a site in
an empty folder; the engine then guards that folder (privacy/guard.py) and swaps it into site/.
A backend never generates, never guards, never touches site/ and never takes the lock.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from ..build.generation import Generated, Settings
from ..build.portal_config import PortalConfig


class BackendError(Exception):
    """The site generator failed: the message, in one or a few lines, is for the coordinator."""


@dataclass(frozen=True)
class BuildJob:
    portal: PortalConfig  # mkdocs.yml as read: site name and address, languages, theme, Markdown extensions
    settings: Settings  # the engine's settings of this build: root, site_languages (default first), today, ...
    staging: Path  # .cache/docs: <lang>/... per site language, exactly generated.files
    generated: Generated  # the same files in memory, and per language: nav[lang], theme_labels[lang]
    site_dir: Path  # where to build: an empty folder; the default language at its root, the others under <lang>/
    jobs: int | None = None  # processes to use; None: one per core
    strict: bool = False  # fail on the site generator's warnings (broken links, ...)
    # An incremental build (build/incremental.py): site_dir holds a copy of this earlier site, with
    # the times of its files, and only the pages whose staged file is newer need building again;
    # `rebuilt` names them (staged paths). Only a backend whose `incremental` is True gets one.
    previous_site: Path | None = None
    rebuilt: frozenset[str] = frozenset()


class IncrementalUnsafe(BackendError):
    """An incremental build found it could not be made equal to a whole one: build the whole site."""


class Backend(Protocol):
    """A site generator behind `mobility-portal build --backend NAME`."""

    name: str
    incremental: bool  # can build only the changed pages into a copy of the earlier site (BuildJob.previous_site)

    def build(self, job: BuildJob) -> None:
        """Build the staged tree into job.site_dir; raise BackendError when it cannot."""

    def serve(self, portal: PortalConfig, address: str) -> int:
        """Preview the portal at address (host:port), rebuilt when an input changes; the exit code.
        Raise BackendError when this backend cannot preview."""
