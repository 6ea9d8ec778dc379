"""The coordinator's command line: `mobility-portal <command>`, run in the portal's folder (the one
with mkdocs.yml), or anywhere with --root.

  new SLUG            start a project: projects/SLUG/project.yml from a commented template
  check               check every project without building; exit 1 on any error
  build               build the portal (web pages and PDFs) into site/, with MkDocs (default) or Zensical
  serve               preview at http://127.0.0.1:8000, rebuilt on every save
  private SLUG        each learner's own documents, into projects/SLUG/private/documents/
  print SLUG          the packs as A5 booklets or two-sided A4, for the photocopier, into print/SLUG/
  translations        how much of each project is translated, per language; --labels: the theme's labels checked
  translate export SLUG LANG / translate import SLUG FILE.po    PO files for translators
  schema              rewrite schema/project.schema.json from the model (for developers)
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import sys
from pathlib import Path

from .backends import BACKENDS
from .backends import DEFAULT as DEFAULT_BACKEND
from .build.portal_config import CONFIG_FILE
from .errors import ProjectErrors, format_errors
from .load.projects import load_projects
from .translate.coverage import coverage
from .translate.po import export_po, import_po

EPILOG = "Help on one command: mobility-portal COMMAND --help. The user guide is in the portal, under Guide."


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.command != "schema" and not (root / "mkdocs.yml").is_file():
        parser.error(f"no mkdocs.yml in {root}: run this in the portal's folder, or give --root")
    try:
        return COMMANDS[args.command](args, root)
    except ProjectErrors as errors:
        print(format_errors(errors.errors), file=sys.stderr, end="")
        print("Nothing was changed.", file=sys.stderr)
        return 1


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mobility-portal", description=__doc__.split("\n\n")[0].replace("\n", " "), epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--root", type=Path, default=Path("."), help="the portal's folder (with mkdocs.yml); default: here")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = commands.add_parser("new", help="start a project from a commented template that builds at once",
                              description="Write projects/SLUG/project.yml: every required value filled with a placeholder "
                                          "that builds, every optional section explained and commented out.")
    new.add_argument("slug", help="the project's folder name and web address, e.g. lyon-valencia-2027")
    new.add_argument("--title", help="the project's title; default: made from the slug")
    new.add_argument("--languages", default="en", help="the project's languages, main language first, e.g. fr,es,en; default: en")
    new.add_argument("--shape", default="apprenticeship", choices=["apprenticeship", "school-based", "pool"],
                     help="apprenticeship (a host partner; the apprentices' employers take part), school-based (no host "
                          "partner, no sending companies) or pool (an intermediary); default: apprenticeship")

    commands.add_parser("check", help="check every project without building; exit 1 on errors",
                        description="Check what a build checks (the fields, ids and references, dates, surveys, templates, "
                                    "translations) and the privacy rules (private/participants.yml, no learner's data in "
                                    "any page), without writing anything.")

    build = commands.add_parser("build", help="build the portal into site/, languages in parallel",
                                description="Build the web pages and the PDFs. With the default backend (mkdocs), each "
                                            "language is built in a process of its own, with the same result as `mkdocs "
                                            "build`; --backend zensical builds the same pages with Zensical instead. "
                                            "site/ is replaced only when everything worked.")
    build.add_argument("-j", "--jobs", type=int, default=None, help="processes to use; default: one per core")
    build.add_argument("--strict", action="store_true", help="fail on warnings too (a missing translation, a broken link)")
    build.add_argument("--no-pdf", action="store_true", help="skip the PDFs (faster; the download links will be broken)")
    build.add_argument("--full", action="store_true",
                       help="build every page; by default a build redoes only what changed since the last one")
    build.add_argument("-d", "--site-dir", type=Path, help="where to write the site; default: site/")
    build.add_argument("--backend", default=DEFAULT_BACKEND, metavar="NAME",
                       help=f"the site generator: {' or '.join(BACKENDS)} (see the README); default: {DEFAULT_BACKEND}")

    serve = commands.add_parser("serve", help="preview the portal, rebuilt on every save",
                                description="Preview at http://127.0.0.1:8000 (PDFs skipped unless MOBILITY_PORTAL_PDF=on). "
                                            "With MkDocs the browser reloads itself; with Zensical, reload the page.")
    serve.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="address and port; default: 127.0.0.1:8000")
    serve.add_argument("--backend", default=DEFAULT_BACKEND, metavar="NAME",
                       help=f"the site generator: {' or '.join(BACKENDS)}; default: {DEFAULT_BACKEND}")

    private = commands.add_parser("private", help="each learner's documents, from private/participants.yml",
                                  description="From projects/SLUG/private/participants.yml, write each learner's pedagogical "
                                              "contract, certificate of attendance, statement of results and Europass Mobility "
                                              "summary into projects/SLUG/private/documents/. Never published.")
    private.add_argument("slug", help="the project's folder name under projects/")

    printing = commands.add_parser("print", help="the packs as A5 booklets or two-sided A4, for the photocopier",
                                   description="Print a project's info packs for the photocopier into print/SLUG/LANG/: "
                                               "a5-booklet (A5 pages imposed two to an A4 sheet: copy two-sided, fold, staple) "
                                               "or a4-two-sided (binding margins, the emergency sheet on a leaf of its own, "
                                               "an even number of pages). Never published.")
    printing.add_argument("slug", help="the project's folder name under projects/")
    printing.add_argument("--edition", choices=("a5-booklet", "a4-two-sided"), default="a5-booklet",
                          help="default: a5-booklet")
    printing.add_argument("--languages", help="e.g. fr,es; default: every language the project offers")
    printing.add_argument("--all", action="store_true", help="every printed document, not only the info packs")
    printing.add_argument("-o", "--output", type=Path, help="where to write; default: print/ in the portal's folder")

    status = commands.add_parser("status", help="the coordinator's report: overdue and coming steps, calls, internal notes "
                                                "(never published)")
    status.add_argument("slug", nargs="?", help="one project's folder name; default: every project")
    translations = commands.add_parser(
        "translations", help="how much of each project is translated, per language, with key paths",
        description="Without options: each project's translation coverage in every language. With --labels: the "
                    "labels of theme/locales/ checked language by language (missing, the same as English, mixing "
                    "the formal and the informal address, not the programme's term of theme/glossary.yml, "
                    "typography); exit 1 on a missing label, a mixed register or a typography error.")
    translations.add_argument("--labels", action="store_true", help="check the theme's labels instead of the projects")
    translations.add_argument("--languages", help="with --labels: e.g. de,fi; default: every language of theme/locales/")
    translate = commands.add_parser("translate", help="export or import a translation as a PO file (for Poedit and the like)")
    actions = translate.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = actions.add_parser("export", help="write a PO file of a project's texts for one language")
    export.add_argument("slug", help="the project's folder name under projects/")
    export.add_argument("lang", help="the language to translate into, e.g. fi")
    export.add_argument("-o", "--output", type=Path, help="the PO file to write; default: SLUG.LANG.po")
    imported = actions.add_parser("import", help="write the translations of a PO file into project.yml")
    imported.add_argument("slug", help="the project's folder name under projects/")
    imported.add_argument("po_file", type=Path, help="the translated PO file")

    commands.add_parser("schema", help="rewrite schema/project.schema.json from the model (after changing the model)")
    return parser


def _new(args, root: Path) -> int:
    from .authoring.scaffold import new_project

    languages = [code.strip() for code in args.languages.split(",") if code.strip()]
    file = new_project(root, args.slug, dt.date.today(), args.title, languages, args.shape)
    print(f"Created {file.relative_to(root)}.\n"
          f"Next: fill it in (every section is explained in it), then `mobility-portal check` and `mobility-portal serve`.")
    return 0


def _check(args, root: Path) -> int:
    from .build.checking import check

    report = check(_settings(root, pdf=False))
    if report.errors:
        print(format_errors(report.errors), file=sys.stderr, end="")
    for leak in report.leaks:
        print(f"Personal data in {leak}", file=sys.stderr)
    for warning in report.warnings:
        print(f"warning: {warning}")
    print(report.summary())
    return 0 if report.ok else 1


def _build(args, root: Path) -> int:
    from .build.pipeline import BuildOptions, build_command

    _log_like_mkdocs()
    options = BuildOptions.from_environment()
    options = BuildOptions(pdf=False if args.no_pdf else options.pdf, pdf_cache=options.pdf_cache, workers=args.jobs,
                           full=args.full)
    return build_command(root / CONFIG_FILE, args.backend, options=options, site_dir=args.site_dir, strict=args.strict)


def _serve(args, root: Path) -> int:
    from .backends import BackendError, get_backend
    from .build.portal_config import PortalConfigError, read_portal_config

    _log_like_mkdocs()
    try:
        return get_backend(args.backend).serve(read_portal_config(root / CONFIG_FILE), args.dev_addr)
    except (BackendError, PortalConfigError) as error:
        print(f"mobility-portal: {error}", file=sys.stderr)
        return 1


def _private(args, root: Path) -> int:
    from .printing.individual import make_individual_documents

    _log_like_mkdocs()
    files = make_individual_documents(_settings(root, pdf=True), args.slug)
    folders = {file.parent for file in files}
    print(f"Wrote {len(files)} documents for {len(folders)} participants into projects/{args.slug}/private/documents/ "
          f"(git-ignored, never published).")
    return 0


def _print(args, root: Path) -> int:
    from .printing.editions import make_print_editions

    _log_like_mkdocs()
    languages = [code.strip() for code in args.languages.split(",") if code.strip()] if args.languages else None
    files = make_print_editions(_settings(root, pdf=True), args.slug, args.edition, languages, args.all, args.output)
    folder = (args.output or root / "print") / args.slug
    print(f"Wrote {len(files)} {args.edition} PDFs into {folder}/")
    return 0


def _status(args, root: Path) -> int:
    from .authoring.status import status_report
    from .build.generation import build_date

    if args.slug and not (root / "projects" / args.slug).is_dir():
        print(f"mobility-portal: no project folder projects/{args.slug}", file=sys.stderr)
        return 2
    for line in status_report(root, build_date(), args.slug):  # the report needs the date, not the portal's settings
        print(line)
    return 0


def _translations(args, root: Path) -> int:
    if args.labels:
        return _label_check(args, root)
    languages = _settings(root, pdf=False).site_languages
    for loaded in load_projects(root / "projects", root):
        langs = list(dict.fromkeys([*loaded.project.languages, *languages]))
        print(f"projects/{loaded.slug}")
        for row in coverage(loaded, langs):
            print(f"  {row.line()}")
    return 0


def _label_check(args, root: Path) -> int:
    from .languages.words import check_locale, locale_languages

    locales = root / "theme" / "locales"  # the labels alone: the portal's settings need not be valid to check them
    languages = [code.strip() for code in args.languages.split(",")] if args.languages else locale_languages(locales)
    failed = []
    for lang in languages:
        report = check_locale(locales, lang)
        print("\n".join(report.lines()))
        if report.errors:
            failed.append(lang)
    print(f"{len(languages)} languages checked; " + (f"to fix: {', '.join(failed)}" if failed else "nothing to fix"))
    return 1 if failed else 0


def _translate(args, root: Path) -> int:
    folder = root / "projects" / args.slug
    if not folder.is_dir():
        print(f"mobility-portal: no project folder projects/{args.slug}", file=sys.stderr)
        return 2
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


def _schema(args, root: Path) -> int:
    from .authoring.schema import SCHEMA_PATH, write_schema

    print(f"{SCHEMA_PATH}: {'written' if write_schema(root) else 'already up to date'}")
    return 0


COMMANDS = {
    "new": _new, "check": _check, "build": _build, "serve": _serve, "private": _private, "print": _print, "status": _status,
    "translations": _translations, "translate": _translate, "schema": _schema,
}


def _settings(root: Path, *, pdf: bool):
    from .build.portal_config import PortalConfigError, settings_of

    try:
        return settings_of(root / CONFIG_FILE, pdf=pdf)
    except PortalConfigError as error:
        print(f"mobility-portal: {error}", file=sys.stderr)
        raise SystemExit(1) from None


def _log_like_mkdocs() -> None:
    logging.basicConfig(level=logging.INFO, format="%(levelname)-7s -  %(message)s")
    logging.getLogger("weasyprint").setLevel(logging.WARNING)  # its steps, per PDF, are noise here
    logging.getLogger("fontTools").setLevel(logging.WARNING)


if __name__ == "__main__":
    sys.exit(main())
