"""The last check of a built site, before it replaces site/: no participant's personal data in
any file (leaks.py), no SVG that could run a script or load from elsewhere (svg.py), and no page
that makes the visitor's browser fetch a stylesheet, a font or a script from another site (it
would tell that site who reads what: Google Fonts, for one, unless mkdocs.yml says font: false).

Project images are made safe when they are staged; this check also covers what reaches site/
another way: a page author's SVG in content/, the theme's own images.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import ProjectErrors
from ..load.svg import SvgError, describe, sanitise_svg
from .leaks import scan_site
from .participants import load_participants


@dataclass
class SiteCheck:
    participants: int = 0
    problems: list[str] = field(default_factory=list)  # one line each: "site/<file>: what"


# What a browser fetches on its own when it reads a page (a link it follows only when clicked is fine).
FETCHED = re.compile(r"""<(?:link\b[^>]*\brel="?(?:stylesheet|preconnect|preload|dns-prefetch|modulepreload|icon)"?[^>]*\bhref|"""
                     r"""script\b[^>]*\bsrc|img\b[^>]*\bsrc|iframe\b[^>]*\bsrc)="?(https?:)?//([^/"'\s>]+)""", re.I)


def check_site(site_dir: Path, root: Path, languages: Iterable[str], site_url: str = "", since_ns: int | None = None,
               paths: Iterable[Path] | None = None) -> SiteCheck:
    """Raises ProjectErrors when a private participants file cannot be read (the site could not
    be checked against it). With `since_ns`, only the files written since then, or with `paths`
    only those: the others are an earlier site's, which passed this check against the same
    participants (build/incremental.py, backends/mkdocs/preview.py)."""
    participants, errors = load_participants(root / "projects", root)
    if errors:
        raise ProjectErrors(errors)
    report = SiteCheck(len(participants))
    files = sorted(set(paths)) if paths is not None else [
        path for path in sorted(site_dir.rglob("*")) if path.is_file() and (since_ns is None or path.stat().st_mtime_ns >= since_ns)]
    for leak in scan_site(site_dir, participants, languages, files):
        report.problems.append(f"{'Unreadable' if leak.unreadable else 'Personal data in'} site/{leak.file}: {leak.what}")
    for svg in (path for path in files if path.suffix == ".svg"):
        what = _unsafe(svg.read_bytes())
        if what:
            report.problems.append(f"Unsafe image site/{svg.relative_to(site_dir).as_posix()}: {what}")
    own = urlsplit(site_url).hostname
    for page in (path for path in files if path.suffix == ".html"):
        hosts = sorted({match.group(2) for match in FETCHED.finditer(page.read_text(encoding="utf-8", errors="replace"))} - {own})
        if hosts:
            report.problems.append(f"Third-party request in site/{page.relative_to(site_dir).as_posix()}: the page makes "
                                   f"the browser fetch from {', '.join(hosts)} (for Google Fonts, set theme.font: false in mkdocs.yml)")
    return report


def _unsafe(data: bytes) -> str:
    """What in an SVG could run or load from elsewhere, or ''."""
    try:
        _, removed = sanitise_svg(data)
    except SvgError as error:
        return f"not an SVG image we can check ({error})"
    return f"it holds {describe(removed)}" if removed else ""
