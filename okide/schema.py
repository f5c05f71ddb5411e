"""JSON Schemas for the editors, generated from the models (the single source of truth).

VS Code's YAML extension reads the `# yaml-language-server: $schema=…` line at the top of every
data file and then autocompletes keys, lists the allowed values and underlines mistakes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from okide.models import Agreement, Clause, Dialogue, Entry, Signatory, Value

SCHEMA_DIR = "schemas"
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


def schema_for(kind: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one kind of data file."""
    schema = SCHEMAS[kind].model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema}


def schema_text(kind: str) -> str:
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2) + "\n"


def schema_line(folder: str) -> str:
    """The first line of every data file in folder."""
    kind, relative = FOLDER_SCHEMAS[folder]
    return f"# yaml-language-server: $schema={relative}/{kind}.schema.json"


def write_schemas(root: Path) -> list[Path]:
    target = root / SCHEMA_DIR
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for kind in SCHEMAS:
        path = target / f"{kind}.schema.json"
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(root: Path) -> list[str]:
    """Schema files that are missing or differ from what the models generate."""
    stale = []
    for kind in SCHEMAS:
        path = root / SCHEMA_DIR / f"{kind}.schema.json"
        if not path.is_file() or path.read_text(encoding="utf-8") != schema_text(kind):
            stale.append(f"{SCHEMA_DIR}/{kind}.schema.json")
    return stale
