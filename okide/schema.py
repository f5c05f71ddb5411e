"""JSON Schemas for the editors, generated from the models (the single source of truth).

VS Code's YAML extension reads the `# yaml-language-server: $schema=…` line at the top of every
data file and then autocompletes keys, lists the allowed values and underlines mistakes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from okide.models import PARTY_LABELS, Contact, Dialogue, Registration
from okide.sections import SECTIONS, Section, by_kind

SCHEMA_DIR = "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
COMMENT = "Skapad av `python -m okide schema` från okide/models.py. Ändra inte för hand."
# What the coded values mean, shown by editors when they complete or hover over a value.
ENUM_MEANINGS: dict[str, str] = {
    **{value: label.capitalize() for value, label in PARTY_LABELS.items()},
    "planned": "Planerad (standard)",
    "cancelled": "Inställd: visas som inställd; ta inte bort filen",
}
# Rules between keys that the models check after reading (a model_validator each): at least
# one of these keys must be present and hold a value.
ONE_OF_KEYS: dict[type[BaseModel], tuple[str, ...]] = {
    Contact: ("email", "phone", "url"),
    Registration: ("url", "email"),
    Dialogue: ("location", "online"),
}
# Plain YAML scalars that an editor's YAML 1.2 reader (VS Code's) types as integers.
_DIGITS_ONLY = ("2017", "0522696000", "8024123450")


def _enum_of(node: dict[str, Any]) -> list[Any] | None:
    """The allowed values of a property, also when it may be left out (`anyOf` with null)."""
    if "enum" in node:
        return list(node["enum"])
    for branch in node.get("anyOf", []):
        if "enum" in branch:
            return list(branch["enum"])
    return None


def _explain_enums(node: Any) -> None:
    """Every coded value gets its meaning, and every choice a description (in place)."""
    if isinstance(node, list):
        for item in node:
            _explain_enums(item)
        return
    if not isinstance(node, dict):
        return
    values = node.get("enum")
    if values and all(value in ENUM_MEANINGS for value in values):
        node["enumDescriptions"] = [ENUM_MEANINGS[value] for value in values]
    for prop in (node.get("properties") or {}).values():
        choices = _enum_of(prop)
        if choices and "description" not in prop:
            prop["description"] = "Skriv exakt ett av: " + ", ".join(map(str, choices)) + "."
    for child in node.values():
        _explain_enums(child)


def _one_of_keys(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """`anyOf` one required key with a value, for the model and the models it contains."""
    for owner, keys in ONE_OF_KEYS.items():
        node = schema if owner is model else schema.get("$defs", {}).get(owner.__name__)
        if node is not None:
            node["anyOf"] = [
                {"required": [key], "properties": {key: {"not": {"type": "null"}}}} for key in keys
            ]


def _as_yaml_reads_it(node: Any) -> None:
    """Widen the types to what a YAML 1.2 reader makes of text okide accepts (in place).

    okide reads every scalar as the text written; VS Code's YAML reader types plain scalars
    first, so `8024123450` and `0522696000` reach the schema as integers, `3.2` as a number,
    a quoted `"1"` as a string, and an empty `areas:` as null. A schema that looked only at
    the type would underline valid files. `"default": null` goes too: completion would write
    `key: null`, and okide reads that as the text 'null'.
    """
    if isinstance(node, list):
        for item in node:
            _as_yaml_reads_it(item)
        return
    if not isinstance(node, dict):
        return
    if "default" in node and node["default"] is None:
        del node["default"]
    if node.get("type") == "string" and "enum" not in node:
        pattern = node.get("pattern")
        if pattern is None and "format" not in node:
            node["type"] = ["string", "number"]  # free text: `name: 1909` is text to okide
        elif pattern is not None and any(re.search(pattern, d) for d in _DIGITS_ONLY):
            node["type"] = ["string", "integer"]
            node.setdefault("minimum", 0)
    elif node.get("type") == "array" and "minItems" not in node:
        # A list of ids (SlugList): `areas:` with nothing after it is no ids; none twice.
        node["type"] = ["array", "null"]
        node["uniqueItems"] = True
    elif node.get("type") == "integer":  # `order: "2"` is a whole number to okide too
        node["type"] = ["integer", "string"]
        node["pattern"] = r"^[0-9]*[1-9][0-9]*$"
        node["patternErrorMessage"] = "Ett heltal, 1 eller större."
    for child in node.values():
        _as_yaml_reads_it(child)


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of data file, as an editor writes it."""
    model = by_kind(kind).model
    schema = model.model_json_schema(mode="validation")
    _explain_enums(schema)
    _as_yaml_reads_it(schema)
    _one_of_keys(schema, model)
    return {"$schema": DRAFT, "$comment": COMMENT, **schema}


def schema_text(kind: str) -> str:
    """Stable text: the models' key order, two-space indent, a final newline."""
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"


def schema_line(section: Section) -> str:
    """The first line of every data file of section: its schema, from the file's folder."""
    up = "../" * (section.folder.count("/") + 1)
    return f"# yaml-language-server: $schema={up}{SCHEMA_DIR}/{section.schema_file}"


def write_schemas(root: Path) -> list[Path]:
    """Write the schemas to root/schemas/; returns those whose text changed (only they are
    touched, so the files' times say when the models last changed)."""
    target = root / SCHEMA_DIR
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for section in SECTIONS.values():
        path = target / section.schema_file
        text = schema_text(section.kind)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            written.append(path)
    return written


def stale_schemas(root: Path) -> list[str]:
    """Schema files that are missing or differ from what the models generate, and schema
    files that no model generates any more."""
    stale = []
    for section in SECTIONS.values():
        path = root / SCHEMA_DIR / section.schema_file
        if not path.is_file() or path.read_text(encoding="utf-8") != schema_text(section.kind):
            stale.append(f"{SCHEMA_DIR}/{section.schema_file}")
    expected = {section.schema_file for section in SECTIONS.values()}
    for path in sorted((root / SCHEMA_DIR).glob("*.schema.json")):
        if path.name not in expected:
            stale.append(f"{SCHEMA_DIR}/{path.name}")
    return stale
