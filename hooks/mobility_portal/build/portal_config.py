"""The portal's own settings, read from its mkdocs.yml as plain YAML, without MkDocs.

mkdocs.yml stays the portal's one settings file whatever backend builds the site: its name and
address, its languages (in the i18n plugin's list, the default first), its funding line
(extra.portal), the theme and the Markdown extensions. The engine reads what it needs from it;
a backend that writes configurations of its own (backends/zensical/) starts from the whole file.
MkDocs' own tags are kept as they are (`!ENV` resolved, others carried through unchanged), and
`INHERIT:` is not followed.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..model.text import Text, parse_text
from .generation import Settings, build_date
from .publisher import Publisher, read_publisher

CONFIG_FILE = "mkdocs.yml"


class PortalConfigError(Exception):
    """mkdocs.yml cannot be read or lacks what the portal needs: said in one line."""


@dataclass(frozen=True)
class Language:
    code: str
    name: str


@dataclass(frozen=True)
class PortalConfig:
    file: Path
    data: Mapping[str, Any]  # the whole file, as read
    languages: tuple[Language, ...]  # the languages the portal builds, the default first
    site_url: str  # with a final "/", as MkDocs normalises it; "" when unset
    funding_line: Text | None
    fallback_languages: tuple[str, ...] = ("en",)  # extra.portal.fallback_languages
    publisher: Publisher | None = None  # extra.portal.publisher: the footer of every page (publisher.py)

    @property
    def root(self) -> Path:
        return self.file.parent

    @property
    def site_languages(self) -> tuple[str, ...]:
        return tuple(language.code for language in self.languages)

    @property
    def default_language(self) -> str:
        return self.languages[0].code

    @property
    def prunes_menu(self) -> bool:
        """Each page carries the top of the menu and its own branch only (Material's navigation.prune):
        a title changed in one section is then shown by that section's pages alone (build/incremental.py)."""
        theme = self.data.get("theme")
        features = theme.get("features") if isinstance(theme, Mapping) else None
        return isinstance(features, list) and "navigation.prune" in features

    def settings(self, *, pdf: bool, site_url: str | None = None) -> Settings:
        """The engine's settings for a build of this portal (`site_url`: another address, e.g. a preview's)."""
        return Settings(root=self.root, site_languages=self.site_languages, today=build_date(),
                        funding_line=self.funding_line, site_url=(site_url if site_url is not None else self.site_url) or "http://localhost/",
                        pdf=pdf, fallback_languages=self.fallback_languages, publisher=self.publisher)


def read_portal_config(file: Path) -> PortalConfig:
    """Raises PortalConfigError naming the file."""
    file = file.resolve()
    try:
        data = yaml.load(file.read_text(encoding="utf-8"), Loader=_Loader) or {}
    except OSError as error:
        raise PortalConfigError(f"{file.name}: cannot be read ({error.strerror or error})") from None
    except yaml.YAMLError as error:
        raise PortalConfigError(f"{file.name}: not valid YAML ({str(error).splitlines()[0]})") from None
    if not isinstance(data, dict):
        raise PortalConfigError(f"{file.name}: expected the settings as a mapping")
    portal = (data.get("extra") or {}).get("portal") or {}
    line = portal.get("funding_line")
    try:
        funding_line = parse_text(line) if line is not None else None
    except ValueError as error:
        raise PortalConfigError(f"{file.name}: extra.portal.funding_line: {error}") from None
    site_url = str(data.get("site_url") or "")
    if site_url and not site_url.endswith("/"):
        site_url += "/"
    languages = _languages(file, data)
    publisher, errors = read_publisher(file, portal.get("publisher"), [language.code for language in languages])
    if errors:
        raise PortalConfigError("\n".join(errors))
    return PortalConfig(file, data, languages, site_url, funding_line, _fallback_languages(file, data, languages), publisher)


def _fallback_languages(file: Path, data: Mapping[str, Any], languages: tuple[Language, ...]) -> tuple[str, ...]:
    """extra.portal.fallback_languages: the languages a reader is shown a project in when it is
    not written in theirs, in order, before its main language. Default: English."""
    built = [language.code for language in languages]
    value = ((data.get("extra") or {}).get("portal") or {}).get("fallback_languages")
    if value is None:
        return ("en",) if "en" in built else ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise PortalConfigError(f"{file.name}: extra.portal.fallback_languages: expected a list of language codes "
                                f"such as [en, fr], found {value!r}")
    unknown = [code for code in value if code not in built]
    if unknown:
        raise PortalConfigError(f"{file.name}: extra.portal.fallback_languages: {', '.join(unknown)} is not a language "
                                f"of the portal ({', '.join(built)}); list some of those, or [] for none")
    return tuple(value)


def settings_of(config_file: Path, *, pdf: bool) -> Settings:
    """The engine's settings from a portal's mkdocs.yml, for the commands that build no site
    (`mobility-portal check`, `private`): the PDF cache as MOBILITY_PORTAL_PDF_CACHE says."""
    cache = os.environ.get("MOBILITY_PORTAL_PDF_CACHE")
    return dataclasses.replace(read_portal_config(config_file).settings(pdf=pdf), pdf_cache=Path(cache) if cache else None)


def _languages(file: Path, data: Mapping[str, Any]) -> tuple[Language, ...]:
    """The i18n plugin's languages that are built, the default first (the order of `mkdocs build`)."""
    plugins = data.get("plugins") or []
    if isinstance(plugins, dict):
        plugins = [{name: value} for name, value in plugins.items()]
    i18n = next((item["i18n"] for item in plugins if isinstance(item, dict) and "i18n" in item), None)
    if i18n is None:  # the languages are listed there, whatever backend builds the site
        raise PortalConfigError(f"{file.name}: the i18n plugin (mkdocs-static-i18n) is required by Mobility Portal")
    listed = i18n.get("languages") if isinstance(i18n, dict) else None
    if not listed or not isinstance(listed, list):
        raise PortalConfigError(f"{file.name}: plugins.i18n.languages: list the portal's languages, the default first")
    languages, default = [], None
    for item in listed:
        if not isinstance(item, dict) or not item.get("locale"):
            raise PortalConfigError(f"{file.name}: plugins.i18n.languages: each language needs a locale, found {item!r}")
        if item.get("build", True) is False:
            continue
        language = Language(str(item["locale"]), str(item.get("name") or item["locale"]))
        languages.append(language)
        if item.get("default") and default is None:
            default = language
    if not languages:
        raise PortalConfigError(f"{file.name}: plugins.i18n.languages: no language is built")
    default = default or languages[0]
    return (default, *(language for language in languages if language != default))


class Tagged:
    """A value under a tag of MkDocs' (`!relative`, `!!python/name:...`): kept, and written back
    with its tag by a backend that writes a configuration."""

    def __init__(self, tag: str, value: Any):
        self.tag, self.value = tag, value

    def __repr__(self) -> str:
        return f"Tagged({self.tag!r}, {self.value!r})"


class _Loader(yaml.SafeLoader):
    pass


def _environment(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`, as MkDocs reads it."""
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)  # type: ignore[arg-type]
    default = names.pop() if len(names) > 1 else None
    return next((os.environ[name] for name in names if name in os.environ), default)


def _tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: Any = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)  # type: ignore[arg-type]
    return Tagged(node.tag, value)


_Loader.add_constructor("!ENV", _environment)
_Loader.add_multi_constructor("!", _tagged)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)
