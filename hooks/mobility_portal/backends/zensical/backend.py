"""`mobility-portal build --backend zensical`: each language of the staged tree built by Zensical.

Zensical reads a MkDocs-format configuration but runs no plugin of ours and has no language
plugin, so each language is a site of its own, built from a configuration written here: the
portal's mkdocs.yml less its hooks and plugins, with that language's docs folder, navigation and
labels (the engine's), theme language and address. Zensical wants the docs and site folders
inside the configuration's folder and keeps its cache there (.cache/ beside it), so each
language gets a folder of its own, .cache/zensical/<lang>/, and the languages build in parallel
processes. The sites are then laid out as the MkDocs site is (the default language at the root,
the others under <lang>/) and mended (fixes.py).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from ...build.portal_config import PortalConfig, Tagged
from ...build.processes import worker_count
from ...build.staging import Staging
from ..base import BackendError, BuildJob
from . import fixes

log = logging.getLogger("mobility_portal.zensical")

REQUIREMENTS = Path(__file__).with_name("requirements.txt")
VENV = ".venv-zensical"  # beside the portal's .venv
WORK = Path(".cache") / "zensical"
# mkdocs.yml keys a per-language configuration sets itself, or that Zensical must not see.
OWN_KEYS = {"INHERIT", "docs_dir", "site_dir", "nav", "hooks", "plugins", "site_url", "theme", "extra"}
SEARCH_OVERRIDE = "partials/search.html"  # Material's search markup: Zensical's search does not start with it
ANSI = re.compile(r"\x1b\[[0-9;]*m")
WHERE = re.compile(r"\[ (\S+:\d+:\d+) \]")  # a warning's place in Zensical's frame of the source


def pinned_version() -> str:
    """The version requirements.txt pins."""
    return next(line.split("==", 1)[1].strip() for line in REQUIREMENTS.read_text(encoding="utf-8").splitlines()
                if line.startswith("zensical=="))


def zensical_command() -> Path:
    """The zensical program: $MOBILITY_PORTAL_ZENSICAL, else .venv-zensical/ beside the .venv this
    runs in, else on the PATH; BackendError saying how to install it when none is the pinned version."""
    pinned = pinned_version()
    candidates = [os.environ.get("MOBILITY_PORTAL_ZENSICAL"), str(Path(sys.prefix).parent / VENV / "bin" / "zensical"),
                  shutil.which("zensical")]
    found = [Path(candidate) for candidate in candidates if candidate and Path(candidate).is_file()]
    if not found:
        raise BackendError(f"Zensical is not installed: `./run zensical` installs Zensical {pinned} into {VENV}/ "
                           f"(or set MOBILITY_PORTAL_ZENSICAL to its zensical program)")
    program = found[0]
    version = subprocess.run([str(program), "--version"], capture_output=True, text=True).stdout.strip()
    if version != pinned:
        raise BackendError(f"{program} is Zensical {version or 'of an unknown version'}; the portal is built and tested with "
                           f"Zensical {pinned}: `./run zensical` installs it into {VENV}/")
    return program


class ZensicalBackend:
    name = "zensical"
    incremental = False  # Zensical keeps its own cache; each build here is a whole one

    def build(self, job: BuildJob) -> None:
        started = time.perf_counter()
        program = zensical_command()
        root, languages = job.portal.root, job.settings.site_languages
        work = root / WORK
        overrides = _overrides(job.portal, work / "overrides")
        for lang in languages:
            folder = work / lang
            with Staging(folder / "docs") as staging:  # only changed files written: Zensical's cache stays warm
                staging.finish(fixes.language_files(job.generated.files, lang, languages[0]))
            config = language_config(job, lang, os.path.relpath(overrides, folder))
            _write_if_changed(folder / "zensical.yml", yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False))
            shutil.rmtree(folder / "site", ignore_errors=True)

        with ThreadPoolExecutor(max(1, min(worker_count(job.jobs), len(languages)))) as pool:
            outputs = list(pool.map(lambda lang: _run(program, work / lang, job.strict), languages))
        failed = [(lang, output) for lang, (code, output) in zip(languages, outputs) if code != 0]
        for lang, (_, output) in zip(languages, outputs):
            for warning in _warnings(output):
                log.warning("Zensical, %s: %s", lang, warning)
        if failed:
            lang, output = failed[0]
            raise BackendError(f"Aborted: Zensical failed to build the {lang!r} pages "
                               f"({', '.join(lang for lang, _ in failed)} failed): " + " | ".join(output[-6:]))

        for lang in languages:  # the default language at the root, the others under <lang>/
            shutil.copytree(work / lang / "site", job.site_dir if lang == languages[0] else job.site_dir / lang,
                            dirs_exist_ok=True)
        linked = fixes.link_languages(job.site_dir, languages)
        urls = fixes.merge_sitemaps(job.site_dir, languages, _epoch())
        log.info("Zensical %s built %s in %.2f s (%d pages linked to their other languages, %d addresses in the sitemap)",
                 pinned_version(), ", ".join(languages), time.perf_counter() - started, linked, urls)

    def serve(self, portal: PortalConfig, address: str) -> int:
        from .preview import serve

        return serve(portal, address, self)


def language_config(job: BuildJob, lang: str, overrides: str) -> dict[str, Any]:
    """One language's Zensical configuration, in MkDocs' format, from the portal's mkdocs.yml."""
    data, languages = job.portal.data, job.portal.languages
    default = languages[0].code
    base = urlsplit(job.portal.site_url).path or "/"
    if not base.endswith("/"):
        base += "/"
    config: dict[str, Any] = {key: value for key, value in data.items() if key not in OWN_KEYS}
    if job.portal.site_url:
        config["site_url"] = job.portal.site_url + ("" if lang == default else f"{lang}/")
    config["docs_dir"], config["site_dir"] = "docs", "site"
    theme = dict(data.get("theme") or {})
    theme["custom_dir"] = overrides
    theme["language"] = lang  # static-i18n's reconfigure_material does this for MkDocs
    theme.setdefault("variant", "classic")  # Material's look; Zensical's own ("modern") has other fonts and icons
    config["theme"] = theme
    labels = dict(job.generated.theme_labels[lang])
    if labels.get("feed") and str(labels["feed"]).startswith(f"{lang}/"):
        labels["feed"] = str(labels["feed"])[len(lang) + 1:]  # from the language's root: each language is a site of its own
    if labels.get("publisher"):  # the footer's links to the notices, from the language's root too
        labels["publisher"] = {**labels["publisher"], "links": [
            {**link, "url": link["url"][len(lang) + 1:] if link["url"].startswith(f"{lang}/") else link["url"]}
            for link in labels["publisher"]["links"]]}
    extra = dict(data.get("extra") or {})
    extra["mobility_portal"] = labels
    extra["alternate"] = [{"name": language.name, "lang": language.code,
                           "link": base if language.code == default else f"{base}{language.code}/"} for language in languages]
    config["extra"] = extra
    config["plugins"] = ["search"]
    config["nav"] = job.generated.nav[lang]
    return config


def _overrides(portal: PortalConfig, target: Path) -> Path:
    """A copy of the theme's overrides (custom_dir) for Zensical: without Material's search partial."""
    custom_dir = (portal.data.get("theme") or {}).get("custom_dir")
    files: dict[str, bytes] = {}
    if custom_dir:
        source = portal.root / str(custom_dir)
        files = {path.relative_to(source).as_posix(): path.read_bytes() for path in sorted(source.rglob("*")) if path.is_file()}
        files.pop(SEARCH_OVERRIDE, None)
    with Staging(target) as staging:
        staging.finish(files)
    return target


def _run(program: Path, folder: Path, strict: bool) -> tuple[int, list[str]]:
    """Build one language; the exit code and Zensical's lines, without their colours."""
    command = [str(program), "build", "-f", str(folder / "zensical.yml"), *(["--strict"] if strict else [])]
    result = subprocess.run(command, cwd=folder, capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"})
    lines = [ANSI.sub("", line).rstrip() for line in (result.stdout + result.stderr).splitlines()]
    return result.returncode, [line for line in lines if line.strip()]


def _warnings(lines: list[str]) -> list[str]:
    """Zensical's warnings, one line each with the file of the language's docs and its place:
    it prints "Warning: what" and then a frame of the source that names "[ file:line:col ]"."""
    warnings = []
    for index, line in enumerate(lines):
        if line.startswith(("Warning:", "Error:")):
            what = line.split(":", 1)[1].strip()
            place = next((match.group(1) for later in lines[index + 1:index + 4] if (match := WHERE.search(later))), None)
            warnings.append(f"{place}: {what}" if place else what)
    return warnings


def _write_if_changed(file: Path, text: str) -> None:
    if not file.is_file() or file.read_text(encoding="utf-8") != text:
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(text, encoding="utf-8")


def _epoch() -> int:
    """The time written into sitemap.xml.gz: SOURCE_DATE_EPOCH when set (reproducible builds)."""
    return int(os.environ.get("SOURCE_DATE_EPOCH") or time.time())


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(Tagged, lambda dumper, value: (
    dumper.represent_scalar(value.tag, value.value) if isinstance(value.value, str)
    else dumper.represent_sequence(value.tag, value.value) if isinstance(value.value, list)
    else dumper.represent_mapping(value.tag, value.value)))
