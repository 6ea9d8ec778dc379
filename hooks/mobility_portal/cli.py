"""The coordinator's command line: `mobility-portal <command>`. Run it where mkdocs.yml is.

  mobility-portal translations                      how much of each project is translated
  mobility-portal translate export SLUG LANG [-o F] a PO file of SLUG's texts for LANG
  mobility-portal translate import SLUG FILE.po     the translations of FILE.po into project.yml
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from .coverage import coverage
from .errors import ProjectErrors, format_errors
from .loading import load_projects
from .translation import export_po, import_po


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mobility-portal", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path("."), help="the portal folder (with mkdocs.yml); default: here")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("translations", help="how much of each project is translated, per language, with key paths")
    translate = commands.add_parser("translate", help="export or import a translation as a gettext PO file")
    actions = translate.add_subparsers(dest="action", required=True)
    export = actions.add_parser("export", help="write a PO file of a project's texts for one language")
    export.add_argument("slug", help="the project's folder name under projects/")
    export.add_argument("lang", help="the language to translate into, e.g. fi")
    export.add_argument("-o", "--output", type=Path, help="the PO file to write; default: SLUG.LANG.po")
    imported = actions.add_parser("import", help="write the translations of a PO file into project.yml")
    imported.add_argument("slug", help="the project's folder name under projects/")
    imported.add_argument("po_file", type=Path, help="the translated PO file")
    args = parser.parse_args(argv)
    try:
        if args.command == "translations":
            return _translations(args.root)
        folder = args.root / "projects" / args.slug
        if not folder.is_dir():
            parser.error(f"no project folder projects/{args.slug}")
        if args.action == "export":
            output = args.output or Path(f"{args.slug}.{args.lang}.po")
            po = export_po(folder, args.lang)
            po.save(str(output))
            todo = sum(1 for entry in po if not entry.msgstr or entry.fuzzy)
            print(f"{output}: {len(po)} texts, {todo} to translate or check")
            return 0
        report = import_po(folder, args.po_file)
        print(f"projects/{args.slug}/project.yml: {report.added} translations added, {report.changed} changed, "
              f"{report.unchanged} unchanged, {report.fuzzy_skipped} fuzzy left out")
        return 0
    except ProjectErrors as errors:
        print(format_errors(errors.errors), file=sys.stderr, end="")
        print("Nothing was changed.", file=sys.stderr)
        return 1


def _translations(root: Path) -> int:
    languages = _site_languages(root)
    for loaded in load_projects(root / "projects", root):
        langs = list(dict.fromkeys([*loaded.project.languages, *languages]))
        print(f"projects/{loaded.slug}")
        for row in coverage(loaded, langs):
            print(f"  {row.line()}")
    return 0


def _site_languages(root: Path) -> list[str]:
    """The portal's languages from mkdocs.yml (i18n plugin), read without MkDocs."""

    class Loader(yaml.SafeLoader):
        pass

    Loader.add_multi_constructor("", lambda loader, suffix, node: None)  # ignore !ENV and other tags
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader) or {}
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            return [lang["locale"] for lang in plugin["i18n"].get("languages", [])]
    return []


if __name__ == "__main__":
    sys.exit(main())
