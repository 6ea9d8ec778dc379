"""The JSON Schema of project.yml, generated from the model, for editors.

An editor with the YAML language server (VS Code's YAML extension and others) reads the modeline
on the first line of a project.yml, then completes keys, shows each field's description and
example, and underlines a wrong type or an unknown key while the coordinator types. The schema
is committed (schema/project.schema.json), so this works without a build; `mobility-portal
schema` writes it again after the model changes, and tests/test_schema.py fails until it does.

The build checks more than the schema can say: ids that refer to each other, dates in order,
consent flags. The schema is the editor's first help; the build stays the judge.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter
from pydantic.json_schema import GenerateJsonSchema

from ..model.project import Project
from ..model.text import Text

SCHEMA_PATH = Path("schema") / "project.schema.json"
"""Where the schema is written, relative to the portal's root folder."""

MODELINE = f"# yaml-language-server: $schema=../../{SCHEMA_PATH.as_posix()}"
"""The first line of every projects/<slug>/project.yml: the schema seen from the project's folder."""

TEXT_REF = "#/$defs/Text"


class _Generator(GenerateJsonSchema):
    def field_title_should_be_set(self, schema: Any) -> bool:
        # A title made from the key ("Project Code") says less than the description beside it,
        # and editors show the title first.
        return False

    def _sort_recursive(self, value: Any, parent_key: str | None = None) -> Any:
        # Pydantic sorts keys alphabetically; an example keeps the order of project.yml instead
        # (id, start, end rather than end, id, start). A private hook of pydantic, which is pinned:
        # if it is renamed, the committed schema changes and tests/test_schema.py says so.
        if parent_key == "examples":
            return value
        return super()._sort_recursive(value, parent_key)


def project_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a project.yml, from the model's types, descriptions and examples."""
    generated = Project.model_json_schema(schema_generator=_Generator)
    text = TypeAdapter(Text).json_schema()
    generated = _refer_to_text(generated, text)
    definitions = {
        **generated["$defs"],
        "Text": {
            "title": "Text",
            "description": "A text a reader sees: a string, the same in every language, or a mapping of "
                           "language code -> string, one per language the project offers.",
            "anyOf": text["anyOf"],
            "examples": ["Lycée professionnel hôtelier Lumière",
                         {"en": "Cooks in Valencia", "fr": "Cuisiniers à Valencia"}],
        },
    }
    return {
        "$schema": GenerateJsonSchema.schema_dialect,
        "$id": SCHEMA_PATH.name,
        "$comment": "Generated from hooks/mobility_portal/model/ by `mobility-portal schema`: do not edit.",
        "title": "Mobility Portal project (project.yml)",
        "description": "One Erasmus+ VET mobility project of the portal: projects/<slug>/project.yml. "
                       "The build also checks that ids refer to each other, dates are in order and "
                       "consent is given.",
        "type": generated["type"],
        "properties": generated["properties"],
        "required": generated["required"],
        "additionalProperties": generated["additionalProperties"],
        "$defs": dict(sorted(definitions.items())),
    }


def _refer_to_text(node: Any, text: dict[str, Any]) -> Any:
    """Each copy of the Text schema, which model/text.py's Text writes in place at every
    text field, becomes a reference to one definition: the file reads better and an editor
    names the type."""
    if isinstance(node, list):
        return [_refer_to_text(item, text) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: value if key in ("default", "examples") else _refer_to_text(value, text) for key, value in node.items()}
    if node.get("anyOf") != text["anyOf"]:
        return node
    # Keep the field's own description; drop the generic one that came with the copy.
    rest = {key: value for key, value in node.items()
            if key != "anyOf" and not (key == "description" and value == text["description"])}
    return {"$ref": TEXT_REF, **rest}


def write_schema(root: Path) -> bool:
    """Write the schema to root/schema/project.schema.json; True when the file changed."""
    file = root / SCHEMA_PATH
    text = json.dumps(project_schema(), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
    if file.is_file() and file.read_text(encoding="utf-8") == text:
        return False
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")
    return True
