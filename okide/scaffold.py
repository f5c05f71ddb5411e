"""`python -m okide new …`: a new data file with every field present or explained.

The file is written only if no entry with the same id exists (as .yml or .yaml), so an editor
can never overwrite a party or create it twice.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from slugify import slugify

from okide.models import FORMS
from okide.schema import schema_line
from okide.templates import TEMPLATES
from okide.yamlstrict import StrictYamlError, decode_utf8, parse_text

SWEDISH_LETTERS = [["å", "a"], ["ä", "a"], ["ö", "o"], ["Å", "A"], ["Ä", "A"], ["Ö", "O"]]
FOLDERS = {"signatory": "signatories", "dialogue": "dialogues", "clause": "agreement/clauses"}


def make_slug(text: str) -> str:
    """An id as python-slugify makes it, with å, ä and ö written as a, a and o."""
    return slugify(text, replacements=SWEDISH_LETTERS)


@dataclass(frozen=True)
class Created:
    path: Path
    relative: str


class ScaffoldError(Exception):
    """A file that must not be written; the message is Swedish and says why."""


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        auto_reload=False,
        autoescape=False,  # YAML: every value passes through the `yaml` filter.
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["yaml"] = lambda value: json.dumps(str(value), ensure_ascii=False)
    return env


def _area_ids(root: Path) -> list[str]:
    """Focus area ids from agreement.yml, to list in the new file (best effort)."""
    try:
        data, _ = parse_text(decode_utf8((root / "agreement/agreement.yml").read_bytes()))
    except (OSError, StrictYamlError):
        return []
    areas = data.get("areas") if isinstance(data, dict) else None
    if not isinstance(areas, list):
        return []
    return [str(a["id"]) for a in areas if isinstance(a, dict) and a.get("id")]


def _target(root: Path, kind: str, entry_id: str, name: str) -> Created:
    if not entry_id:
        raise ScaffoldError(f"'{name}' ger inget id; använd bokstäver eller siffror i namnet")
    folder = FOLDERS[kind]
    for suffix in (".yml", ".yaml"):
        existing = root / folder / f"{entry_id}{suffix}"
        if existing.exists():
            raise ScaffoldError(
                f"{folder}/{entry_id}{suffix} finns redan; öppna den filen i stället"
                " (en fil per post, och ingen skrivs över)"
            )
    relative = f"{folder}/{entry_id}.yml"
    return Created(root / relative, relative)


def _write(created: Created, kind: str, **context: Any) -> Created:
    text = (
        _environment()
        .get_template(f"new/{kind}.yml.j2")
        .render(schema_line=schema_line(FOLDERS[kind]), **context)
    )
    created.path.parent.mkdir(parents=True, exist_ok=True)
    with created.path.open("x", encoding="utf-8") as handle:
        handle.write(text)
    return created


def new_signatory(root: Path, name: str, form: str | None, signed: date) -> Created:
    if form is not None and form not in FORMS:
        raise ScaffoldError("formen ska vara en av: " + ", ".join(FORMS))
    created = _target(root, "signatory", make_slug(name), name)
    return _write(
        created, "signatory", name=name, form=form, signed=signed, forms=FORMS,
        areas=_area_ids(root),
    )  # fmt: skip


def new_dialogue(root: Path, title: str, start: datetime, end: datetime | None) -> Created:
    end = end or start + timedelta(hours=2, minutes=30)
    if end <= start:
        raise ScaffoldError("slutet ska ligga efter starten")
    entry_id = f"{start.date().isoformat()}-{make_slug(title)}"
    created = _target(root, "dialogue", entry_id, title)
    return _write(created, "dialogue", title=title, start=start, end=end, areas=_area_ids(root))


def new_clause(root: Path, title: str, number: str) -> Created:
    created = _target(root, "clause", make_slug(title), title)
    return _write(created, "clause", title=title, number=number)
