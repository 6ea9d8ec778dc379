"""A synthetic portal of N projects, for benchmarks: the example projects copied N times.

make_portal(destination, projects) writes a complete portal folder: the repository's mkdocs.yml
with the portal's languages replaced, content/ (the portal's languages and the shared YAML
files), hooks/ and theme/ linked to the repository, and N projects made from the two example
projects in turn, each with its own slug (cookery-001, mechatronics-002, ...) and title, and its
languages restricted to the portal's so that the build has no avoidable warning. Each project's
folder (logos, survey exports) is copied whole, so every file it refers to resolves.

Run: .venv/bin/python scripts/synthetic_portal.py DEST --projects 10 [--languages en,fr,es,de]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from babel import Locale
from ruamel.yaml import YAML

ROOT = Path(__file__).resolve().parents[1]
LANGUAGES = ("en", "fr", "es", "de")  # the default language first
# The example projects the synthetic ones are copied from, in turn, with the short name of their slugs.
SOURCES = (("cookery", "lyon-valencia-cookery"), ("mechatronics", "stuttgart-tampere-mechatronics"))


def make_portal(destination: Path, projects: int, languages: tuple[str, ...] | list[str] = LANGUAGES) -> Path:
    """Write a portal of `projects` projects in `languages` (default first) into `destination`
    (created; it must not hold a portal already) and return it."""
    languages = tuple(languages)
    if not languages:
        raise ValueError("a portal needs at least one language")
    destination = Path(destination)
    destination.mkdir(parents=True, exist_ok=True)
    if (destination / "mkdocs.yml").exists():
        raise FileExistsError(f"{destination} holds a portal already")
    _write_mkdocs_yml(destination / "mkdocs.yml", languages)
    _copy_content(destination / "content", languages)
    for name in ("hooks", "theme"):
        (destination / name).symlink_to(ROOT / name, target_is_directory=True)
    for number in range(1, projects + 1):
        short, source = SOURCES[(number - 1) % len(SOURCES)]
        _copy_project(ROOT / "projects" / source, destination / "projects" / f"{short}-{number:03d}", number, languages)
    return destination


def _yaml() -> YAML:
    yaml = YAML()  # round trip: comments, order and formatting kept
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long line differently from the source
    yaml.indent(mapping=2, sequence=4, offset=2)  # the examples' style
    return yaml


def _write_mkdocs_yml(target: Path, languages: tuple[str, ...]) -> None:
    yaml = _yaml()
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    existing = {entry["locale"]: entry for entry in i18n["languages"]}
    entries = []
    for index, code in enumerate(languages):
        entry = {"locale": code, "default": True} if index == 0 else {"locale": code}
        entry["name"] = existing[code]["name"] if code in existing else _language_name(code)
        entries.append(entry)
    i18n["languages"] = entries
    with target.open("w", encoding="utf-8") as file:
        yaml.dump(config, file)


def _language_name(code: str) -> str:
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


def _copy_content(target: Path, languages: tuple[str, ...]) -> None:
    source = ROOT / "content"
    target.mkdir(parents=True)
    for entry in sorted(source.iterdir()):
        if entry.is_file():
            shutil.copy2(entry, target / entry.name)  # questionnaires.yml, timeline.yml: shared by all languages
        elif entry.is_dir() and entry.name in languages:
            shutil.copytree(entry, target / entry.name)


def _copy_project(source: Path, target: Path, number: int, languages: tuple[str, ...]) -> None:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("private", "translations"))
    yaml = _yaml()
    file = target / "project.yml"
    data = yaml.load(file.read_text(encoding="utf-8"))
    offered = [code for code in data["languages"] if code in languages]
    if not offered:  # none of its languages is built: offer the portal's default language
        offered = [languages[0]]
    dropped = set(data["languages"]) - set(offered)
    data["languages"] = offered
    if dropped:
        _drop_texts(data, set(dropped) | set(offered), dropped, offered[0])
    suffix = f" (#{number:03d})"
    if isinstance(data["title"], str):
        data["title"] = data["title"] + suffix
    else:
        for code in list(data["title"]):
            data["title"][code] = data["title"][code] + suffix
    with file.open("w", encoding="utf-8") as stream:
        yaml.dump(data, stream)


def _drop_texts(node, codes: set[str], dropped: set[str], main: str) -> None:
    """Remove the texts in `dropped` languages: a project may not hold a text in a language it
    does not offer. A text is a mapping whose keys are all language codes of the project."""
    if isinstance(node, dict):
        if node and all(isinstance(key, str) and key in codes for key in node):
            kept = [key for key in node if key not in dropped]
            if not kept:  # only in a dropped language: keep it as the main language's text
                node[main] = node[next(iter(node))]
            for key in [key for key in node if key in dropped]:
                del node[key]
            return
        for value in node.values():
            _drop_texts(value, codes, dropped, main)
    elif isinstance(node, list):
        for value in node:
            _drop_texts(value, codes, dropped, main)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("destination", type=Path, help="the folder to write the portal into (created)")
    parser.add_argument("--projects", type=int, default=10, help="how many projects; default: 10")
    parser.add_argument("--languages", default=",".join(LANGUAGES),
                        help=f"the portal's languages, the default first; default: {','.join(LANGUAGES)}")
    args = parser.parse_args(argv)
    languages = tuple(code.strip() for code in args.languages.split(",") if code.strip())
    portal = make_portal(args.destination, args.projects, languages)
    print(f"{portal}: {args.projects} projects in {', '.join(languages)}. "
          f"Build it: cd {portal} && NO_MKDOCS_2_WARNING=1 MOBILITY_PORTAL_PDF=off mkdocs build")
    return 0


if __name__ == "__main__":
    sys.exit(main())
