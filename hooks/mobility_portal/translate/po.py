"""Translators work in the tools they know: export a project's texts for one language as a gettext
PO file, import the translated file back into project.yml.

- source (msgid) = the text in the project's main language; context (msgctxt) = its key path;
  existing translations are filled in; a translation whose source changed since the last import
  is marked fuzzy, with the old source as #| msgid (as msgmerge does).
- import writes only the new texts into project.yml with ruamel.yaml, which keeps comments, key
  order and formatting: the diff shows the new texts and nothing else. The file is replaced only
  when every entry is understood and the result validates.
- the PO file of the last import is kept as projects/<slug>/translations/<lang>.po: it remembers
  the source each translation was made from.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import polib
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap
from ruamel.yaml.scalarstring import FoldedScalarString, LiteralScalarString

from ..errors import ProjectError, ProjectErrors, describe_path, did_you_mean
from ..load.projects import PROJECT_FILE, load_checklist, load_project, load_questionnaires
from ..model.project import Project
from ..model.text import Text, iter_texts

TRANSLATIONS = "translations"  # inside the project folder: the PO file of each imported language


@dataclass(frozen=True)
class ImportReport:
    added: int
    changed: int
    unchanged: int
    fuzzy_skipped: int


def _yaml() -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a long line: the diff must show only new texts
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _project(folder: Path) -> Project:
    loaded, errors = load_project(folder, folder.parent.parent)
    if loaded is None:
        raise ProjectErrors(errors)
    return loaded.project


def _translatable(project: Project) -> list[tuple[str, Text]]:
    """(key path as shown to people, text) of every text that has languages (not plain strings)."""
    data = project.model_dump(mode="json")
    return [(describe_path(path, data), text) for path, text in iter_texts(project) if text.plain is None]


def export_po(folder: Path, lang: str) -> polib.POFile:
    project = _project(folder)
    main = project.main_language
    previous = _previous_sources(folder, lang)
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": folder.name,
        "Language": lang,
        "Source-Language": main,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": "Mobility Portal",
    }
    for key, text in _translatable(project):
        source = text.read(main, main).text
        translated = dict(text.by_language).get(lang, "")
        entry = polib.POEntry(msgctxt=key, msgid=source, msgstr=translated if lang != main else source)
        old_source = previous.get(key)
        if translated and old_source is not None and old_source != source:
            entry.flags.append("fuzzy")
            entry.previous_msgid = old_source
        po.append(entry)
    return po


def import_po(folder: Path, po_path: Path) -> ImportReport:
    """Write the translations of `po_path` into the project's project.yml; raises ProjectErrors."""
    shown = po_path.name
    try:
        po = polib.pofile(str(po_path), wrapwidth=0)
    except (OSError, ValueError) as error:
        raise ProjectErrors([ProjectError(shown, _line_of(error), "", f"expected a gettext PO file, found one that cannot be read: {error}",
                                          "export the file again from your translation tool as .po")]) from None
    lang = po.metadata.get("Language", "").replace("-", "_").split("_")[0]
    project = _project(folder)
    if lang not in project.languages:
        raise ProjectErrors([ProjectError(shown, 1, "Language",
                                          f"expected one of the project's languages ({', '.join(project.languages)}), found {lang!r}",
                                          f"add {lang!r} to languages in {PROJECT_FILE} first" if lang
                                          else "set the Language header of the PO file")])
    file = folder / PROJECT_FILE
    yaml = _yaml()
    original = file.read_text(encoding="utf-8")
    document = yaml.load(original)
    targets = dict(_translatable(project))
    locations = _locations(project, document)
    errors, added, changed, unchanged, fuzzy = [], 0, 0, 0, 0
    for entry in po:
        if entry.obsolete:
            continue
        if entry.msgctxt not in targets:
            errors.append(ProjectError(shown, entry.linenum, entry.msgctxt or "",
                                       f"expected the key path of a text of {PROJECT_FILE}, found {entry.msgctxt!r}",
                                       did_you_mean(entry.msgctxt, targets) or "export the PO file again: the project has changed"))
            continue
        if not entry.msgstr or "fuzzy" in entry.flags or lang == project.main_language:
            fuzzy += "fuzzy" in entry.flags
            continue
        mapping = locations[entry.msgctxt]
        old = mapping.get(lang)
        value = _like(mapping.get(project.main_language), entry.msgstr)
        if old == entry.msgstr:
            unchanged += 1
            continue
        if old is None:
            _insert_in_order(mapping, lang, value, project.languages)
            added += 1
        else:
            mapping[lang] = value
            changed += 1
    if errors:
        raise ProjectErrors(errors)
    buffer = io.StringIO()
    yaml.dump(document, buffer)
    _replace_if_valid(folder, file, original, buffer.getvalue())
    (folder / TRANSLATIONS).mkdir(exist_ok=True)
    po.save(str(folder / TRANSLATIONS / f"{lang}.po"))
    return ImportReport(added, changed, unchanged, fuzzy)


def _locations(project: Project, document) -> dict[str, CommentedMap]:
    """The YAML mapping (ruamel) of every translatable text, by its key path."""
    data = project.model_dump(mode="json")
    found = {}
    for path, text in iter_texts(project):
        if text.plain is not None:
            continue
        node = document
        for part in path:
            node = node[part]
        found[describe_path(path, data)] = node
    return found


def _like(source: object, text: str) -> str:
    """The translation in the YAML style of its source: a folded or literal block stays one."""
    if isinstance(source, (FoldedScalarString, LiteralScalarString)):
        return type(source)(text)
    return text


def _insert_in_order(mapping: CommentedMap, lang: str, text: str, order: list[str]) -> None:
    """Put the new language where the project's language order puts it."""
    rank = {code: index for index, code in enumerate(order)}
    position = sum(1 for key in mapping if rank.get(key, len(order)) < rank[lang])
    last = list(mapping)[-1] if mapping else None
    mapping.insert(position, lang, text)
    if position == len(mapping) - 1 and last in mapping.ca.items:
        # A blank line or comment after the old last entry belongs after the mapping: move it.
        mapping.ca.items[lang] = mapping.ca.items.pop(last)


def _replace_if_valid(folder: Path, file: Path, original: str, updated: str) -> None:
    """Validate the new project.yml in a copy of the project, then swap it in at once: the file
    is never seen half written, and never replaced by one that does not load."""
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "projects" / folder.name
        shutil.copytree(folder, copy, ignore=shutil.ignore_patterns("private"))
        (copy / PROJECT_FILE).write_text(updated, encoding="utf-8")
        root = folder.parent.parent  # the copy is checked against the real checklist and questionnaires
        _loaded, errors = load_project(copy, Path(scratch), load_checklist(root), load_questionnaires(root))
    if errors:
        raise ProjectErrors(errors)
    partial = file.with_suffix(".yml.part")
    partial.write_text(updated, encoding="utf-8")
    os.replace(partial, file)


def _previous_sources(folder: Path, lang: str) -> dict[str, str]:
    record = folder / TRANSLATIONS / f"{lang}.po"
    if not record.is_file():
        return {}
    return {entry.msgctxt: entry.msgid for entry in polib.pofile(str(record), wrapwidth=0)}


def _line_of(error: Exception) -> int:
    match = re.search(r"line (\d+)", str(error))
    return int(match.group(1)) if match else 1
