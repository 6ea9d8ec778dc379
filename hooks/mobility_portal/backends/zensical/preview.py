"""`mobility-portal serve --backend zensical`: a preview of the portal built with Zensical.

`zensical serve` previews one configuration, that is one language, and knows nothing of our
inputs. Here the whole build runs as `mobility-portal build` runs it (PDFs skipped unless
MOBILITY_PORTAL_PDF=on) into .cache/zensical/preview/, served over HTTP on the preview's address;
a change under content/, projects/ or theme/, or of mkdocs.yml, builds it again. The browser does
not reload itself: reload the page. A failed rebuild is said in the terminal and the last good
preview stays served.
"""

from __future__ import annotations

import functools
import http.server
import logging
import threading
import time
from pathlib import Path

from ...build.pipeline import WATCHED, BuildAborted, BuildOptions, build_site, fingerprint
from ...build.portal_config import PortalConfig, PortalConfigError, read_portal_config
from ...errors import os_error_line
from ..base import Backend, BackendError

log = logging.getLogger("mobility_portal.zensical")

PREVIEW = Path(".cache") / "zensical" / "preview"
POLL_SECONDS = 1.0
WAITS_FOR_BUILD = 120  # seconds: a rebuild waits for a build under way in the same folder


def serve(portal: PortalConfig, address: str, backend: Backend) -> int:
    host, _, port = address.rpartition(":")
    if not port.isdigit():
        raise BackendError(f"--dev-addr {address!r}: expected HOST:PORT, e.g. 127.0.0.1:8000")
    site = portal.root / PREVIEW
    options = BuildOptions.from_environment()
    state = _inputs(portal, options)
    if not _rebuild(portal, backend, options, site) and not site.is_dir():
        return 1
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer((host or "127.0.0.1", int(port)), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    log.info("Serving on http://%s:%s/ (Zensical): rebuilt on every save under %s; reload the page to see it. Ctrl+C stops.",
             host or "127.0.0.1", port, ", ".join(f"{name}/" for name in WATCHED))
    try:
        while True:
            time.sleep(POLL_SECONDS)
            current = _inputs(portal, options)
            if current != state:
                state = current
                try:
                    portal = read_portal_config(portal.file)
                except PortalConfigError as error:
                    log.error("%s", error)
                    continue
                _rebuild(portal, backend, options, site)
    except KeyboardInterrupt:
        return 0
    finally:
        server.shutdown()


def _inputs(portal: PortalConfig, options: BuildOptions) -> tuple[str, int]:
    """What a change of the inputs changes: their fingerprint, and mkdocs.yml's time."""
    return fingerprint(portal.root, options.settings(portal, preview=True)), portal.file.stat().st_mtime_ns


def _rebuild(portal: PortalConfig, backend: Backend, options: BuildOptions, site: Path) -> bool:
    try:
        build_site(portal, backend, options=options, site_dir=site, command="mobility-portal serve", preview=True,
                   wait=WAITS_FOR_BUILD)
    except BuildAborted as error:
        log.error("%s", error)
        return False
    except OSError as error:
        log.error("Aborted: %s", os_error_line(error))
        return False
    return True


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass
