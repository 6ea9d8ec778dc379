"""Editor support: the JSON Schema of project.yml (authoring/schema.py) and the project template (authoring/scaffold.py)."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest
import yaml
from jsonschema import Draft7Validator, Draft202012Validator

from conftest import BUILD_EPOCH, REPO, copy_root, run_mkdocs
from mobility_portal.authoring.scaffold import TEMPLATE, new_project, render_template
from mobility_portal.authoring.schema import MODELINE, SCHEMA_PATH, project_schema, write_schema
from mobility_portal.errors import ProjectErrors
from mobility_portal.load.yaml_source import read_yaml
from mobility_portal.model import fields as model_fields
from mobility_portal.model import project as model

EXAMPLES = sorted(REPO.glob("projects/*/project.yml"))
TEMPLATE_FILE = REPO / "hooks" / "mobility_portal" / "authoring" / TEMPLATE
TODAY = dt.datetime.fromtimestamp(int(BUILD_EPOCH), dt.UTC).date()  # the test builds' today


@pytest.fixture(scope="module")
def schema():
    return project_schema()


def as_json(value):
    """YAML data as JSON sees it: dates become ISO strings, as an editor reads them."""
    if isinstance(value, dict):
        return {key: as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [as_json(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def validator(schema, kind=Draft202012Validator):
    return kind(schema, format_checker=kind.FORMAT_CHECKER)


def properties(node, where="project.yml"):
    """(path, schema) of every property at every level: the root's, each definition's, and those of
    any object written in place (under items, anyOf, additionalProperties...)."""
    if isinstance(node, list):
        for item in node:
            yield from properties(item, where)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in ("examples", "default"):
                continue  # data, not schema
            if key == "properties":
                for name, prop in value.items():
                    yield f"{where}.{name}", prop
                    yield from properties(prop, f"{where}.{name}")
            elif key == "$defs":
                for name, definition in value.items():
                    yield from properties(definition, name)
            else:
                yield from properties(value, where)


def uncommented(text):
    """The template with every example switched on: a leading '# ' removed, explanations ('##')
    and the modeline left as comments."""
    lines = text.splitlines()
    switched = [re.sub(r"^(\s*)# ?", r"\1", line) if re.match(r"\s*#(?!#)", line) else line for line in lines[1:]]
    return "\n".join([lines[0], *switched]) + "\n"


# ---------------------------------------------------------------- the schema


def test_committed_schema_is_the_models(tmp_path):
    assert write_schema(tmp_path) is True
    assert write_schema(tmp_path) is False, "writing the same schema again changed the file"
    committed = (REPO / SCHEMA_PATH).read_text(encoding="utf-8") if (REPO / SCHEMA_PATH).is_file() else ""
    assert committed == (tmp_path / SCHEMA_PATH).read_text(encoding="utf-8"), (
        f"{SCHEMA_PATH.as_posix()} is out of date with the model: run `mobility-portal schema` and commit it"
    )


def test_schema_is_draft_2020_12_and_valid(schema):
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "project.schema.json"
    assert schema["title"] and schema["description"]
    Draft202012Validator.check_schema(schema)


def test_every_field_has_a_description_and_an_example(schema):
    found = dict(properties(schema))
    missing = [
        f"{where}: no {what}"
        for where, prop in found.items()
        for what, ok in (("description", str(prop.get("description", "")).strip()), ("example", prop.get("examples")))
        if not ok
    ]
    assert missing == []
    fields = sum(len(part.model_fields) for part in vars(model).values()
                 if isinstance(part, type) and issubclass(part, model_fields.Part) and part is not model_fields.Part)
    assert len(found) == fields, "the walk missed properties of the schema"


def test_every_example_is_valid_where_it_stands(schema):
    wrong = []
    for where, prop in properties(schema):
        check = validator({**prop, "$defs": schema["$defs"]})
        wrong += [f"{where}: {error.message}" for example in prop.get("examples", []) for error in check.iter_errors(example)]
    assert wrong == []


def test_text_is_a_string_or_one_per_language(schema):
    text = schema["$defs"]["Text"]
    assert "language code -> string" in text["description"]
    assert schema["properties"]["title"]["$ref"] == "#/$defs/Text"
    check = validator({**text, "$defs": schema["$defs"]})
    assert check.is_valid("Cooks in Valencia")
    assert check.is_valid({"en": "Cooks in Valencia", "fr": "Cuisiniers à Valence"})
    assert not check.is_valid({"english": "Cooks in Valencia"})
    assert not check.is_valid("")


# VS Code's YAML extension checks with draft-07 rules: the examples must pass there too.
@pytest.mark.parametrize("kind", [Draft202012Validator, Draft7Validator], ids=["2020-12", "draft-07"])
@pytest.mark.parametrize("file", EXAMPLES, ids=[file.parent.name for file in EXAMPLES])
def test_example_projects_validate(schema, file, kind):
    source = read_yaml(file, file.name)
    assert source.errors == []
    errors = [f"{list(error.absolute_path)}: {error.message}" for error in validator(schema, kind).iter_errors(as_json(source.data))]
    assert errors == []


@pytest.mark.parametrize("change, path", [
    (lambda data: data["mobility_periods"][0].update(start=2027), ["mobility_periods", 0, "start"]),
    (lambda data: data["mobility_periods"][0].update(start="8 March 2027"), ["mobility_periods", 0, "start"]),
    (lambda data: data.update(sectr="Cookery"), []),
    (lambda data: data["partners"][0].update(role="hots"), ["partners", 0, "role"]),
    (lambda data: data["partners"][0].update(id="Lycée Lumière"), ["partners", 0, "id"]),
    (lambda data: data.update(title={"english": "From Lyon to Valencia"}), ["title"]),
], ids=["start-not-a-date", "start-in-words", "unknown-key", "unknown-role", "id-with-spaces", "text-language-name"])
def test_broken_project_does_not_validate(schema, change, path):
    data = as_json(read_yaml(EXAMPLES[0], "project.yml").data)
    change(data)
    errors = list(validator(schema).iter_errors(data))
    assert errors, "the broken project validated"
    assert [list(error.absolute_path) for error in errors] == [path]


# ---------------------------------------------------------------- the modeline


@pytest.mark.parametrize("file", [*EXAMPLES, TEMPLATE_FILE], ids=[*(f.parent.name for f in EXAMPLES), "template"])
def test_project_files_start_with_the_modeline(file):
    assert file.read_text(encoding="utf-8").splitlines()[0] == MODELINE


@pytest.mark.parametrize("file", EXAMPLES, ids=[file.parent.name for file in EXAMPLES])
def test_modeline_finds_the_schema_from_the_project_folder(file):
    assert modeline_target(file) == (REPO / SCHEMA_PATH).resolve()
    assert modeline_target(file).is_file()


def modeline_target(file):
    path = file.read_text(encoding="utf-8").splitlines()[0].split("$schema=", 1)[1]
    return (file.parent / path).resolve()


# ---------------------------------------------------------------- the template and `new`


def test_rendered_template_validates(schema):
    text = render_template("lyon-valencia-2027", TODAY, languages=["fr", "en"])
    data = yaml.safe_load(text)
    assert list(validator(schema).iter_errors(as_json(data))) == []
    project = model.Project.model_validate(data)
    assert project.title.plain == "Lyon Valencia 2027"
    assert project.languages == ["fr", "en"]
    assert TODAY < project.start < project.end
    assert "$" not in text.replace(MODELINE, ""), "a $variable of the template was left unfilled"


def test_every_example_of_the_template_validates_once_uncommented(schema):
    data = yaml.safe_load(uncommented(render_template("demo", TODAY)))
    assert list(validator(schema).iter_errors(as_json(data))) == []
    model.Project.model_validate(data)
    assert list(data) == list(model.Project.model_fields), "the template shows every section, in the model's order"


def test_new_project_builds_at_once(tmp_path):
    root = copy_root("basic", tmp_path)
    # basic's own projects lack a translation on purpose (a warning): strict mode judges ours alone.
    shutil.rmtree(root / "projects")
    file = new_project(root, "lyon-valencia-2027", TODAY, languages=["en", "fr"])
    assert file == root / "projects" / "lyon-valencia-2027" / "project.yml"
    assert modeline_target(file) == (root / SCHEMA_PATH).resolve()
    result = run_mkdocs(root, "build", "--strict")
    assert result.returncode == 0, result.output
    page = result.page("projects/lyon-valencia-2027")
    assert "Lyon Valencia 2027" in page
    assert (result.site / "fr" / "projects" / "lyon-valencia-2027" / "index.html").is_file()


def test_new_project_never_overwrites(tmp_path):
    root = copy_root("basic", tmp_path)
    existing = root / "projects" / "alpha" / "project.yml"
    before = existing.read_bytes()
    with pytest.raises(ProjectErrors) as raised:
        new_project(root, "alpha", TODAY)
    assert str(raised.value) == (
        "1 error in 1 file:\n\n"
        "projects/alpha/project.yml:1\n"
        "    expected a new project, found a folder projects/alpha already\n"
        "    hint: choose another name, or edit projects/alpha/project.yml\n"
    )
    assert existing.read_bytes() == before


def test_new_project_refuses_a_slug_that_cannot_be_a_web_address(tmp_path):
    root = copy_root("basic", tmp_path)
    before = sorted(path.name for path in (root / "projects").iterdir())
    with pytest.raises(ProjectErrors) as raised:
        new_project(root, "Lyon València 2027", TODAY)
    assert str(raised.value) == (
        "1 error in 1 file:\n\n"
        "projects/Lyon València 2027/project.yml:1\n"
        "    expected a folder name of lower-case letters, digits and hyphens (it becomes the web address), "
        "found 'Lyon València 2027'\n"
        "    hint: try 'lyon-valencia-2027'\n"
    )
    assert sorted(path.name for path in (root / "projects").iterdir()) == before


def test_new_project_refuses_unknown_languages(tmp_path):
    with pytest.raises(ProjectErrors) as raised:
        new_project(tmp_path, "demo", TODAY, languages=["fr", "french"])
    assert "found 'french'\n    hint: did you mean 'fr'?" in str(raised.value)
    assert not (tmp_path / "projects").exists()


@pytest.mark.parametrize("title", ['Lyon: "Valencia" # 2027', "no", "2027", "- Lyon"])
def test_any_title_stays_the_title(title):
    data = yaml.safe_load(render_template("demo", TODAY, title=title))
    assert data["title"] == title
