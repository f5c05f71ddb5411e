"""JSON Schemas for the editors, generated from the models (the single source of truth).

VS Code's YAML extension reads the `# yaml-language-server: $schema=…` line at the top of every
data file and then autocompletes keys, lists the allowed values and underlines mistakes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from okide.models import Agreement, Clause, Dialogue, Entry, Signatory, Value
from okide.pages import PARTY_LABELS

SCHEMA_DIR = "schemas"
DRAFT = "https://json-schema.org/draft/2020-12/schema"
COMMENT = "Skapad av `python -m okide schema` från okide/models.py. Ändra inte för hand."
# What the coded values mean, shown by editors when they complete or hover over a value.
ENUM_MEANINGS: dict[str, str] = {
    **{value: label.capitalize() for value, label in PARTY_LABELS.items()},
    "planned": "Planerad (standard)",
    "cancelled": "Inställd: visas som inställd; ta inte bort filen",
}
SCHEMAS: dict[str, type[Entry]] = {
    "agreement": Agreement,
    "value": Value,
    "clause": Clause,
    "signatory": Signatory,
    "dialogue": Dialogue,
}
# Which schema each data folder uses, and the relative path from a file there to schemas/.
FOLDER_SCHEMAS: dict[str, tuple[str, str]] = {
    "agreement": ("agreement", "../schemas"),
    "agreement/values": ("value", "../../schemas"),
    "agreement/clauses": ("clause", "../../schemas"),
    "signatories": ("signatory", "../schemas"),
    "dialogues": ("dialogue", "../schemas"),
}


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


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of data file, as an editor writes it."""
    schema = SCHEMAS[kind].model_json_schema(mode="validation")
    _explain_enums(schema)
    return {"$schema": DRAFT, "$comment": COMMENT, **schema}


def schema_text(kind: str) -> str:
    """Stable text: the models' key order, two-space indent, a final newline."""
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"


def schema_line(folder: str) -> str:
    """The first line of every data file in folder."""
    kind, relative = FOLDER_SCHEMAS[folder]
    return f"# yaml-language-server: $schema={relative}/{kind}.schema.json"


def write_schemas(root: Path) -> list[Path]:
    """Write the schemas to root/schemas/; returns those whose text changed (only they are
    touched, so the files' times say when the models last changed)."""
    target = root / SCHEMA_DIR
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in SCHEMAS:
        path = target / f"{kind}.schema.json"
        text = schema_text(kind)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8", newline="\n")
            written.append(path)
    return written


def stale_schemas(root: Path) -> list[str]:
    """Schema files that are missing or differ from what the models generate, and schema
    files that no model generates any more."""
    stale = []
    for kind in SCHEMAS:
        path = root / SCHEMA_DIR / f"{kind}.schema.json"
        if not path.is_file() or path.read_text(encoding="utf-8") != schema_text(kind):
            stale.append(f"{SCHEMA_DIR}/{kind}.schema.json")
    expected = {f"{kind}.schema.json" for kind in SCHEMAS}
    for path in sorted((root / SCHEMA_DIR).glob("*.schema.json")):
        if path.name not in expected:
            stale.append(f"{SCHEMA_DIR}/{path.name}")
    return stale
