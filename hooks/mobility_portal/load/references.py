"""Checks that need the whole project: unique ids, references by id, languages.

One source of truth: a fact is written once and referenced by id everywhere else, so every
reference must name an id that exists, of the right kind. These checks read the raw YAML data,
not the validated model, so that they run even when a type error elsewhere stops validation:
the coordinator sees every error of the file at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..errors import KeyPath, ProjectError, did_you_mean
from ..model.project import Project
from ..model.text import iter_texts
from .yaml_source import YamlSource

# Collections whose items carry an id, by their key in project.yml, and the key of that id.
ID_COLLECTIONS = (
    ("mobility_periods", "id"),
    ("partners", "id"),
    ("learning_outcomes", "id"),
    ("learner_profiles", "id"),
    ("accompanying_persons", "id"),
    ("host_companies", "id"),
    ("timeline", "step"),
    ("calls", "id"),
    ("documents", "id"),
)

# Each reference: where it stands (a path with '*' for every item), and what it must name.
# The target is a collection and, for partners, the roles it may have.
REFERENCES: tuple[tuple[KeyPath, str, tuple[str, ...], str], ...] = (
    (("mobility_periods", "*", "host"), "partners", ("host", "intermediary"), "a host or intermediary partner"),
    (("certification", "certifier"), "partners", ("certifier",), "a partner with role certifier"),
    (("pedagogical_contract", "parties", "*"), "partners", (), "a partner"),
    (("host_companies", "*", "units", "*"), "learning_outcomes", (), "a unit of learning_outcomes"),
    (("host_companies", "*", "profiles", "*"), "learner_profiles", (), "a learner profile"),
    (("pedagogical_contract", "units", "*", "profile"), "learner_profiles", (), "a learner profile"),
    (("pedagogical_contract", "units", "*", "host_company"), "host_companies", (), "a host company"),
    (("pedagogical_contract", "units", "*", "units", "*"), "learning_outcomes", (), "a unit of learning_outcomes"),
    (("accompanying_persons", "*", "period"), "mobility_periods", (), "a mobility period"),
    (("results", "participants", "*", "profile"), "learner_profiles", (), "a learner profile"),
    (("results", "units", "*", "unit"), "learning_outcomes", (), "a unit of learning_outcomes"),
    (("results", "transmissions", "*", "to"), "partners", (), "a partner"),
    (("learner_profiles", "*", "certifier"), "partners", ("certifier",), "a partner with role certifier"),
    (("calls", "*", "profiles", "*"), "learner_profiles", (), "a learner profile"),
    (("calls", "*", "periods", "*"), "mobility_periods", (), "a mobility period"),
    (("call", "profiles", "*"), "learner_profiles", (), "a learner profile"),
    (("call", "periods", "*"), "mobility_periods", (), "a mobility period"),
    (("documents", "*", "call"), "calls", (), "a call of calls:"),
)

def check_raw(source: YamlSource, checklist_steps: list[str]) -> list[ProjectError]:
    """Ids, references and languages, on the raw data of a project.yml (files: load/files.py)."""
    data = source.data
    errors: list[ProjectError] = []
    for collection, id_key in ID_COLLECTIONS:
        first_index: dict[str, int] = {}
        for index, item in _items(data.get(collection)):
            item_id = item.get(id_key) if isinstance(item, dict) else None
            if not isinstance(item_id, str):
                continue
            if item_id in first_index:
                first = first_index[item_id]
                errors.append(
                    ProjectError(
                        source.file, source.line_of((collection, index, id_key)), f"{collection}[{index + 1}].{id_key}",
                        f"duplicate {id_key} {item_id!r}: item {first + 1} of {collection} "
                        f"(line {source.line_of((collection, first))}) already has it",
                        f"give each item its own {id_key}",
                    )
                )
            else:
                first_index[item_id] = index

    calls = data.get("calls")
    if "call" in data and calls:
        errors.append(source.error(("calls",), "expected call: (one call) or calls: (several), found both",
                                   "move the call: into the list under calls:"))
    if isinstance(calls, list) and len(calls) > 1:
        for index, item in _items(calls):
            if isinstance(item, dict) and "id" not in item:
                errors.append(source.error(("calls", index), "expected an id: on each call of a project with several calls, "
                                           "found none", "give it a short id, like autumn-2027: it becomes its web anchor"))
    if "project_code" not in data and not data.get("grants"):
        errors.append(source.error((), "expected project_code: (the grant agreement number) or grants: (an accredited "
                                       "school's yearly grants), found neither", "add 'project_code:' here"))

    languages = data.get("languages")
    if isinstance(languages, list):
        seen: set[Any] = set()
        for index, lang in enumerate(languages):
            if lang in seen:
                errors.append(source.error(("languages", index), f"duplicate language {lang!r}", "list each language once"))
            seen.add(lang)

    for pattern, collection, roles, what in REFERENCES:
        valid = [
            item["id"]
            for _, item in _items(data.get(collection))
            if isinstance(item, dict) and isinstance(item.get("id"), str) and (not roles or item.get("role") in roles)
        ]
        for path, value in values_at(data, pattern):
            if isinstance(value, str) and value not in valid:
                choices = ", ".join(repr(v) for v in valid) or "none defined yet"
                errors.append(
                    source.error(path, f"expected the id of {what} (one of: {choices}), found {value!r}", did_you_mean(value, valid))
                )

    for index, entry in _items(data.get("timeline")):
        step = entry.get("step") if isinstance(entry, dict) else None
        if isinstance(step, str) and step not in checklist_steps and not ("title" in entry and "phase" in entry):
            errors.append(
                source.error(
                    ("timeline", index, "step"),
                    f"expected a step of the checklist content/timeline.yml, or a title and a phase for a "
                    f"step of the project's own, found {step!r}",
                    did_you_mean(step, checklist_steps) or "add title: and phase: to make it a step of this project",
                )
            )

    return errors


def check_texts(project: Project, source: YamlSource) -> list[ProjectError]:
    """Every translation is in a language the project offers (catches 'sp' for 'es')."""
    offered = project.languages
    errors = []
    for path, text in iter_texts(project):
        for lang in text.languages:
            if lang not in offered:
                errors.append(
                    source.error(
                        (*path, lang),
                        f"text in language {lang!r}, which the project does not offer "
                        f"(languages: {', '.join(offered)})",
                        did_you_mean(lang, offered) or f"add {lang!r} to languages, or remove this text",
                    )
                )
    return errors


def _items(value: Any) -> Iterator[tuple[int, Any]]:
    return enumerate(value) if isinstance(value, list) else iter(())


def values_at(data: Any, pattern: KeyPath, path: KeyPath = ()) -> Iterator[tuple[KeyPath, Any]]:
    """Values at a path pattern in raw data; '*' stands for every item of a list."""
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*" and isinstance(data, dict):  # every value of a mapping (a file per language)
        for key, item in data.items():
            yield from values_at(item, rest, (*path, key))
    elif head == "*":
        for index, item in _items(data):
            yield from values_at(item, rest, (*path, index))
    elif isinstance(data, dict) and head in data:
        yield from values_at(data[head], rest, (*path, head))
