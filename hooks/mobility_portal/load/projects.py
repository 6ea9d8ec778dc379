"""Load and validate every projects/<slug>/project.yml, collecting all errors of all projects."""

from __future__ import annotations

import functools
import re
import types
import typing
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..build.processes import fork_map
from ..errors import KeyPath, ProjectError, ProjectErrors, did_you_mean, found
from ..languages.codes import code_hint
from ..model.checklist import Checklist
from ..model.fields import ID_PATTERN
from ..model.project import LoadedProject, Project
from ..model.questionnaires import Questionnaires
from .consistency import check_consistency
from .files import check_files
from .references import check_raw, check_texts
from .surveys import summarise_surveys
from .yaml_source import YamlSource, read_yaml

PROJECT_FILE = "project.yml"
CHECKLIST_FILE = "content/timeline.yml"
QUESTIONNAIRES_FILE = "content/questionnaires.yml"
IMAGE_CACHE = Path(".cache") / "images"  # the web and print copies of raster images (load/images.py)
M = TypeVar("M", bound=BaseModel)


def load_checklist(root: Path) -> Checklist:
    """The default checklist of the guide's steps, content/timeline.yml (empty when absent)."""
    return _load_shared(root, CHECKLIST_FILE, Checklist)


def load_questionnaires(root: Path) -> Questionnaires:
    """The satisfaction questionnaires, content/questionnaires.yml (none when absent)."""
    return _load_shared(root, QUESTIONNAIRES_FILE, Questionnaires)


def _load_shared(root: Path, name: str, model: type[M]) -> M:
    file = root / name
    if not file.is_file():
        return model()
    source = read_yaml(file, name)
    loaded, errors = (None, source.errors) if source.errors else validate(source, model)
    if loaded is None:
        raise ProjectErrors(errors)
    return loaded


def load_projects(projects_dir: Path, root: Path, checklist: Checklist | None = None,
                  questionnaires: Questionnaires | None = None, workers: int | None = 1) -> list[LoadedProject]:
    """Every project under `projects_dir`, sorted by slug; raises ProjectErrors with all errors.

    Timeline steps are checked against `checklist`, survey columns against `questionnaires`; by
    default the root's content/timeline.yml and content/questionnaires.yml. `workers` processes
    read them (None: one per core)."""
    checklist = checklist if checklist is not None else load_checklist(root)
    questionnaires = questionnaires if questionnaires is not None else load_questionnaires(root)
    projects: list[LoadedProject] = []
    errors: list[ProjectError] = []
    # Each project is read on its own: side by side in worker processes, one per core.
    load_one = functools.partial(load_project, root=root, checklist=checklist, questionnaires=questionnaires)
    with fork_map(load_one, project_folders(projects_dir), workers) as results:
        for loaded, project_errors in results:
            errors.extend(project_errors)
            if loaded:
                projects.append(loaded)
    if errors:
        raise ProjectErrors(errors)
    return projects


def project_folders(projects_dir: Path) -> list[Path]:
    """The project folders under `projects/`, sorted by name (those starting with . or _ are set aside)."""
    if not projects_dir.is_dir():
        return []
    return [folder for folder in sorted(projects_dir.iterdir()) if folder.is_dir() and not folder.name.startswith((".", "_"))]


def load_project(folder: Path, root: Path, checklist: Checklist | None = None,
                 questionnaires: Questionnaires | None = None) -> tuple[LoadedProject | None, list[ProjectError]]:
    file = folder / PROJECT_FILE
    shown_as = file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)
    if not re.fullmatch(ID_PATTERN, folder.name):
        message = (
            f"expected a folder name of lower-case letters, digits and hyphens (it becomes the "
            f"web address), found {folder.name!r}"
        )
        return None, [ProjectError(shown_as, 1, "", message, "rename the folder, e.g. lyon-valencia-2027")]
    if not file.is_file():
        return None, [
            ProjectError(shown_as, 1, "", f"expected a file {PROJECT_FILE} in this project folder, found none",
                         "copy one from an example project")
        ]
    source = read_yaml(file, shown_as)
    if source.errors:
        return None, source.errors
    if not isinstance(source.data, dict):
        return None, [
            ProjectError(shown_as, 1, "", f"expected a mapping of keys (title:, summary:, ...), found {found(source.data)}")
        ]
    checklist = checklist if checklist is not None else load_checklist(root)
    questionnaires = questionnaires if questionnaires is not None else load_questionnaires(root)
    errors = check_raw(source, checklist.step_ids)
    files, file_errors, warnings = check_files(source, folder, root, root / IMAGE_CACHE)
    errors += file_errors
    project, validation_errors = validate(source, Project)
    if project is None:
        return None, [*validation_errors, *errors]
    errors += check_texts(project, source)
    if errors:  # the checks across the file assume every reference holds
        return None, errors
    errors, disagreements = check_consistency(project, source)
    if errors:
        return None, errors
    surveys, errors = summarise_surveys(project, source, folder, questionnaires)
    if errors:
        return None, errors
    return LoadedProject(slug=folder.name, folder=str(folder), project=project, surveys=tuple(surveys),
                         files=files, warnings=(*warnings, *map(str, disagreements))), []


def validate(source: YamlSource, model: type[M]) -> tuple[M | None, list[ProjectError]]:
    """The YAML data as a `model`, or every validation error explained."""
    if not isinstance(source.data, dict):
        return None, [ProjectError(source.file, 1, "", f"expected a mapping of keys, found {found(source.data)}")]
    try:
        return model.model_validate(source.data), []
    except ValidationError as error:
        return None, [_explain(detail, source, model) for detail in error.errors()]


def _explain(detail: Any, source: YamlSource, model: type[BaseModel]) -> ProjectError:
    """One pydantic error in the words of cfgv: where, expected, found, a hint."""
    loc: KeyPath = tuple(detail["loc"])
    kind = detail["type"]
    value = detail.get("input")
    if kind == "missing":
        key = loc[-1]
        return source.error(loc[:-1], f"missing required key {key!r}", f"add '{key}:' here")
    if kind == "extra_forbidden":
        allowed = _keys_at(model, loc[:-1])
        return source.error(
            loc,
            f"unknown key {loc[-1]!r}",
            did_you_mean(loc[-1], allowed) or f"expected one of: {', '.join(sorted(allowed))}",
        )
    if loc and loc[-1] == "[key]":
        # a wrong key in a mapping with fixed keys, like communication: {learnerz: ...}
        return source.error(loc[:-1], f"unknown key {loc[-2]!r}: " + _expected(detail), _choice_hint(detail, loc[-2]))
    message = _expected(detail)
    if "found" not in message:
        message += f", found {found(value)}"
    hint = _choice_hint(detail, value)
    if "country code" in message or "language code" in message:
        hint = code_hint(value, "country" if "country code" in message else "language")
    return source.error(loc, message, hint)


def _expected(detail: dict[str, Any]) -> str:
    message = detail["msg"]
    message = re.sub(r"^(Value error|Assertion failed), ", "", message)
    message = re.sub(r"^Input should be ", "expected ", message)
    message = message.replace("List should have at least 1 item after validation, not 0",
                              "expected at least one item")
    return message[:1].lower() + message[1:]


def _choice_hint(detail: dict[str, Any], value: Any) -> str:
    expected = (detail.get("ctx") or {}).get("expected")
    if not expected:
        return ""
    return did_you_mean(value, re.findall(r"'([^']+)'", expected))


def _keys_at(model: type[BaseModel], path: KeyPath) -> list[str]:
    """The keys allowed in the mapping at `path`, found by walking the model's field types."""
    annotation: Any = model
    for part in path:
        annotation = _step(annotation, part)
    inner = _model_in(annotation)
    return list(inner.model_fields) if inner else []


def _step(annotation: Any, part: str | int) -> Any:
    inner = _model_in(annotation)
    if inner is not None and isinstance(part, str) and part in inner.model_fields:
        return inner.model_fields[part].annotation
    for arg in _union_args(annotation):
        origin = typing.get_origin(arg)
        if origin is list and isinstance(part, int):
            return typing.get_args(arg)[0]
        if origin is dict and isinstance(part, str):
            return typing.get_args(arg)[1]
    return None


def _union_args(annotation: Any) -> tuple[Any, ...]:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return typing.get_args(annotation)
    return (annotation,)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    for arg in _union_args(annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None
