"""Load and validate every projects/<slug>/project.yml, collecting all errors of all projects."""

from __future__ import annotations

import ast
import calendar
import contextlib
import datetime as dt
import functools
import json
import re
import types
import typing
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from ..build.processes import fork_map
from ..errors import KeyPath, ProjectError, ProjectErrors, did_you_mean, found
from ..languages.codes import code_hint, known_languages
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


def load_project(folder: Path, root: Path, checklist: Checklist | None = None, questionnaires: Questionnaires | None = None,
                 kept_in: Path | None = None) -> tuple[LoadedProject | None, list[ProjectError]]:
    """One project folder loaded and checked, or its errors. `kept_in`: a folder where its
    project.yml as read is kept for the next run (a build's; `check` writes nothing)."""
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
    source = read_yaml(file, shown_as, kept_in)
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
    """One pydantic error in the words of cfgv: where, expected, found, a hint. Never a class
    name of the model or a Python value: the person reads YAML."""
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
            _comma_hint(source, loc[:-1], lambda key: key in allowed)
            or did_you_mean(loc[-1], allowed) or f"expected one of: {', '.join(sorted(allowed))}",
        )
    if loc and loc[-1] == "[key]":
        # a wrong key in a mapping with fixed keys, like communication: {learnerz: ...}
        return source.error(loc[:-1], f"unknown key {loc[-2]!r}: " + _expected(detail), _choice_hint(detail, loc[-2]))
    if kind in MAPPING_ERRORS:
        keys = _keys_at(model, loc)
        return source.error(loc, f"expected {_mapping_of(model, loc, keys)}, found {_found(value)}",
                            _mapping_hint(value, keys) if value is not None else _nothing_hint(model, loc, mapping=True))
    if kind in DATE_ERRORS:
        message, hint = _date_error(value)
        return source.error(loc, message, hint if value is not None else _nothing_hint(model, loc))
    if kind in SHAPE_ERRORS:
        expected, hint = SHAPE_ERRORS[kind]
        if kind == "string_type" and isinstance(value, (int, float, bool, dt.date)):
            hint = f'put it in quotes to keep it as text: "{_found(value)}"'
        return source.error(loc, f"expected {expected}, found {_found(value)}", hint if value is not None else _nothing_hint(model, loc))
    message = _in_yaml_words(_expected(detail))
    if "found" not in message:
        message += f", found {_found(value)}"
    hint = _choice_hint(detail, value)
    if message.startswith("expected a language code (ISO 639-1) as key") and isinstance(value, dict):
        # A text mapping with a key that is no language: a comma in a text of a one-line mapping
        # ({es: Hola, amigos, en: Hi}: 'amigos' has no value), or a language written out in full.
        stray = next((key for key in value if key not in known_languages()), None)
        comma = _comma_hint(source, loc, lambda key: key in known_languages())
        hint = comma if comma and value.get(stray) is None else code_hint(stray, "language") or comma
    elif "country code" in message or "language code" in message:
        hint = code_hint(value, "country" if "country code" in message else "language")
    elif value is None and message.endswith("found nothing"):
        hint = hint or _nothing_hint(model, loc)
    return source.error(loc, message, hint)


# pydantic's error types, by what a person writing YAML was asked for.
MAPPING_ERRORS = {"model_type", "model_attributes_type", "dataclass_type", "dict_type", "is_instance_of"}
DATE_ERRORS = {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact",
               "datetime_type", "datetime_parsing", "datetime_from_date_parsing"}
SHAPE_ERRORS = {  # error type -> (expected, hint)
    "list_type": ("a list", "write each item on its own line, starting with '- ', or all of them in [ ]"),
    "tuple_type": ("a list", "write each item on its own line, starting with '- ', or all of them in [ ]"),
    "set_type": ("a list", "write each item on its own line, starting with '- ', or all of them in [ ]"),
    "string_type": ("a text", ""),
    "int_type": ("a whole number", ""),
    "int_parsing": ("a whole number", "write digits only, like 12"),
    "int_from_float": ("a whole number", ""),
    "float_type": ("a number", ""),
    "float_parsing": ("a number", "write digits, with a point for decimals, like 2.5"),
    "bool_type": ("true or false", ""),
    "bool_parsing": ("true or false", ""),
}
def _found(value: Any) -> str:
    """`found` for a person reading YAML: true, not True; a date as it is written."""
    return _plain(value) if isinstance(value, (bool, dt.date)) else found(value)


def _plain(value: Any) -> str:
    """A single value as YAML writes it, without quotes: true, 2027-05-03, 12, Hola."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def _nothing_hint(model: type[BaseModel], loc: KeyPath, mapping: bool = False) -> str:
    """For a key or a '- ' written with nothing after it."""
    if not loc:
        return ""
    if isinstance(loc[-1], int):
        return "write the item after its '- ', or remove the line"
    what = f"write its keys below '{loc[-1]}:', indented" if mapping else f"write the value after '{loc[-1]}:'"
    parent = _model_in(_annotation_at(model, loc[:-1]))
    field = parent.model_fields.get(str(loc[-1])) if parent else None
    return what if field is None or field.is_required() else f"{what}, or leave the key out"


def _in_yaml_words(message: str) -> str:
    """A message of our validators that ends with a Python value (found None, found bool True,
    found {'a': 1}) ends with the YAML words for it instead."""
    match = re.search(r"found (?:(?:int|float|bool|str|list|dict|NoneType|date|datetime) )?(.+)$", message)
    if not match:
        return message
    written = match.group(1)
    if day := re.fullmatch(r"datetime\.(date|datetime)\(([\d, ]+)\)", written):
        value: Any = getattr(dt, day[1])(*(int(part) for part in day[2].split(",")))
    else:
        try:
            value = ast.literal_eval(written)
        except (ValueError, SyntaxError):
            return message
    return message[: match.start()] + f"found {_found(value)}"


def _mapping_of(model: type[BaseModel], loc: KeyPath, keys: list[str]) -> str:
    """'a mapping of keys (name:, role:, ...)': the keys it needs first, then the others."""
    inner = _model_in(_annotation_at(model, loc))
    if inner is not None:
        keys = sorted(keys, key=lambda name: not inner.model_fields[name].is_required())
    if not keys:
        return "a mapping of keys"
    shown = ", ".join(f"{key}:" for key in keys[:3])
    return f"a mapping of keys ({shown}{', ...' if len(keys) > 3 else ''})"


def _mapping_hint(value: Any, keys: list[str]) -> str:
    if isinstance(value, list) and value and all(isinstance(item, dict) for item in value):
        return "one item is expected here, not a list: remove the '- ' before its first key"
    example = ", ".join(f"{key}: ..." for key in keys[:2])
    if isinstance(value, (str, list)) and example:
        return f"give each value its key: {{{example}}}"
    return ""


def _comma_hint(source: YamlSource, path: KeyPath, is_key: typing.Callable[[Any], bool]) -> str:
    """The hint for {es: Hola, amigos, en: Hi}, which YAML reads as three keys (es, amigos with
    no value, en): the mapping at `path` as it was meant, its texts quoted. '' when the mapping
    was not written on one line with a stray key after a text."""
    mapping = _value_at(source.data, path)
    if not isinstance(mapping, dict) or path not in source.flow:
        return ""
    pairs: list[list[Any]] = []
    mended = set()
    for key, value in mapping.items():
        if is_key(key):
            pairs.append([key, value])
        elif pairs and isinstance(pairs[-1][1], str) and not isinstance(value, (dict, list)):
            pairs[-1][1] += f", {_plain(key)}" + (f": {_plain(value)}" if value is not None else "")
            mended.add(len(pairs) - 1)
        else:
            return ""
    if not mended:
        return ""
    shown = [f"{key}: {_flow_scalar(text)}" for key, text in pairs]
    if len(", ".join(shown)) > 100:  # a long text: the mended one in full, the others as ...
        shown = [item if index in mended else f"{pairs[index][0]}: ..." for index, item in enumerate(shown)]
    return f"a text with a comma inside {{ }} must be quoted: {{{', '.join(shown)}}}"


def _flow_scalar(value: Any) -> str:
    """A value as written inside { }: quoted when YAML would read it otherwise."""
    text = _plain(value)
    if isinstance(value, str) and (not text or re.search(r"[,\[\]{}]|: | #|:$", text) or text[0] in "-?:#&*!|>'\"%@`"
                                   or text != text.strip()):
        return json.dumps(text, ensure_ascii=False)
    return text


def _value_at(data: Any, path: KeyPath) -> Any:
    for part in path:
        if not isinstance(data, dict | list):
            return None
        try:
            data = data[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _date_error(value: Any) -> tuple[str, str]:
    """A date not written YYYY-MM-DD: the date it most likely means, written so."""
    if isinstance(value, dt.datetime):
        return (f"expected a date written YYYY-MM-DD, found {_found(value)}",
                f"write the date only, without the time: {value.date().isoformat()}")
    text = str(value).strip() if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""
    readings: list[dt.date] = []
    if match := re.fullmatch(r"(\d{1,2})([./-])(\d{1,2})[./-](\d{4}|\d{2})", text):  # 17/12/2021, 17.12.21
        first, second, year = int(match[1]), int(match[3]), int(match[4])
        year += 2000 if year < 100 else 0
        # The day first, as Europe writes it; 05/03 may also be an American 3 May, 05.03 not.
        readings = _dates(year, (second, first), *([(first, second)] if match[2] != "." else []))
    elif match := re.fullmatch(r"(\d{4})([./-])(\d{1,2})[./-](\d{1,2})", text):  # 2021/12/17, 2021-17-12
        year, first, second = int(match[1]), int(match[3]), int(match[4])
        readings = _dates(year, (first, second)) or _dates(year, (second, first))
        if not readings and 1 <= first <= 12 and match[2] == "-":
            days = calendar.monthrange(year, first)[1]
            return (f"expected a date that exists, found {_found(value)}",
                    f"{calendar.month_name[first]} {year} has {days} days")
    message = f"expected a date written YYYY-MM-DD, found {_found(value)}"
    if match := re.fullmatch(r"(\d{4}-\d\d-\d\d)[T ]\d.*", text):  # 2027-05-03 10:00
        return message, f"write the date only, without the time: {match[1]}"
    if len(readings) == 1:
        return message, f"write dates as YYYY-MM-DD, e.g. {readings[0].isoformat()}"
    if len(readings) == 2:
        one, other = readings
        return message, (f"write dates as YYYY-MM-DD: {one.isoformat()} for {one.day} {calendar.month_name[one.month]}, "
                         f"{other.isoformat()} for {other.day} {calendar.month_name[other.month]}")
    return message, "write dates as YYYY-MM-DD, e.g. 2027-05-03 for 3 May 2027"


def _dates(year: int, *month_days: tuple[int, int]) -> list[dt.date]:
    """The dates that exist among the readings (month, day) of the same year, each once."""
    dates: list[dt.date] = []
    for month, day in month_days:
        with contextlib.suppress(ValueError):
            date = dt.date(year, month, day)
            if date not in dates:
                dates.append(date)
    return dates


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
    inner = _model_in(_annotation_at(model, path))
    return list(inner.model_fields) if inner else []


def _annotation_at(model: type[BaseModel], path: KeyPath) -> Any:
    annotation: Any = model
    for part in path:
        annotation = _step(annotation, part)
    return annotation


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
