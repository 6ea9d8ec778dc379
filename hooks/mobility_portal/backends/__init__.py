"""Site generators that turn the staged docs tree into a site (the interface: base.py).

The engine stages a complete tree; a backend builds it. MkDocs + Material + mkdocs-static-i18n
is the default (backends/mkdocs/); Zensical, the successor its authors write, is the second
(backends/zensical/). Each is imported only when chosen: only backends/mkdocs/ imports MkDocs,
Material or static-i18n, and only backends/zensical/ knows Zensical.
"""

from __future__ import annotations

import importlib

from .base import Backend, BackendError

DEFAULT = "mkdocs"
BACKENDS = {  # name -> module, class
    "mkdocs": ("mobility_portal.backends.mkdocs.backend", "MkDocsBackend"),
    "zensical": ("mobility_portal.backends.zensical.backend", "ZensicalBackend"),
}


def get_backend(name: str) -> Backend:
    """The backend of this name; BackendError naming the known ones otherwise."""
    if name not in BACKENDS:
        raise BackendError(f"unknown backend {name!r}: choose one of {', '.join(sorted(BACKENDS))}")
    module, cls = BACKENDS[name]
    return getattr(importlib.import_module(module), cls)()
