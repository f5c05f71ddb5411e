"""pydantic's errors → Swedish problems at the line and column of the offending value."""

from __future__ import annotations

import difflib
import re
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from okide.problems import Problem
from okide.yamlstrict import Loc, Positions

_QUOTED = re.compile(r"'([^']*)'")
_CONTAINER_OR_TEXT = (
    "string_type",
    "list_type",
    "model_type",
    "dict_type",
    "model_attributes_type",
)


def _nested_model(annotation: Any) -> type[BaseModel] | None:
    """The model inside `X | None`, `list[X]` or `Annotated[X, ...]`, if any."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in typing.get_args(annotation):
        found = _nested_model(argument)
        if found is not None:
            return found
    return None


def model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model that validates the mapping at loc (list indexes are stepped over)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if isinstance(part, int) or current is None:
            continue
        field = current.model_fields.get(part)
        current = _nested_model(field.annotation) if field else None
    return current


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "en lista"
    if isinstance(value, dict):
        return "en mappning (nycklar med värden)"
    return "text"


def _closest(word: str, choices: list[str]) -> str:
    match = difflib.get_close_matches(word.casefold(), choices, n=1, cutoff=0.6)
    return f"menade du '{match[0]}'?" if match else ""


def _missing(model: type[BaseModel], loc: Loc) -> tuple[str, str]:
    owner = model_at(model, loc[:-1])
    name = str(loc[-1])
    field = owner.model_fields.get(name) if owner else None
    about = (
        f" ({field.title}" + (f": {field.description})" if field.description else ")")
        if (field and field.title)
        else ""
    )
    return "obligatorisk nyckel saknas", f"lägg till '{name}:'{about}"


def _unknown(model: type[BaseModel], loc: Loc) -> tuple[str, str]:
    owner = model_at(model, loc[:-1])
    name = str(loc[-1])
    allowed = sorted(owner.model_fields) if owner else []
    return (
        f"okänd nyckel '{name}'",
        _closest(name, allowed) or "tillåtna nycklar: " + ", ".join(allowed),
    )


def _message(detail: Any, model: type[BaseModel]) -> tuple[str, str]:
    kind, loc, ctx = detail["type"], detail["loc"], detail.get("ctx") or {}
    value = detail.get("input")
    if kind == "missing":
        return _missing(model, loc)
    if kind == "extra_forbidden":
        return _unknown(model, loc)
    if value is None and kind == "literal_error":
        allowed = _QUOTED.findall(str(ctx.get("expected", "")))
        return "värdet saknas", "skriv ett av: " + ", ".join(allowed)
    if value is None and kind in _CONTAINER_OR_TEXT:
        return "värdet saknas", "skriv värdet efter kolonet, eller ta bort raden om den inte behövs"
    if kind == "okide":
        return detail["msg"], str(ctx.get("hint", ""))
    if kind == "string_type":
        return f"ska vara text, inte {_kind_of(value)}", "skriv värdet på samma rad som nyckeln"
    if kind == "list_type":
        return (
            f"ska vara en lista, inte {_kind_of(value)}",
            "skriv varje värde på en egen rad som börjar med '- '",
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return (
            f"ska vara en mappning (nycklar med värden), inte {_kind_of(value)}",
            "skriv nycklarna indragna på raderna under, t.ex. '  email: info@exempel.se'",
        )
    if kind == "literal_error":
        allowed = _QUOTED.findall(str(ctx.get("expected", "")))
        hint = _closest(str(value), allowed) if isinstance(value, str) else ""
        return "ska vara en av: " + ", ".join(allowed), hint or "skriv ett av värdena exakt"
    if kind == "string_too_short" or (kind == "too_short" and isinstance(value, str)):
        return f"är för kort (minst {ctx.get('min_length')} tecken)", "skriv ut hela namnet"
    if kind == "string_too_long" or (kind == "too_long" and isinstance(value, str)):
        length = len(value) if isinstance(value, str) else "fler"
        return f"är för långt ({length} tecken, högst {ctx.get('max_length')})", "korta texten"
    if kind == "too_short":
        return (
            f"listan ska ha minst {ctx.get('min_length')} värde",
            "lägg till en rad som börjar med '- ' under nyckeln",
        )
    if kind == "value_error":
        return str(ctx.get("error", detail["msg"])), ""
    return f"ogiltigt värde ({detail['msg']})", ""


def problems_from_validation(
    error: ValidationError, path: str, positions: Positions, model: type[BaseModel]
) -> list[Problem]:
    """One problem per pydantic error, placed by its key path in the file."""
    problems = []
    for detail in error.errors(include_url=False):
        loc: Loc = tuple(detail["loc"])
        ctx = detail.get("ctx") or {}
        if detail["type"] == "okide" and "loc" in ctx:
            loc = (*loc, *ctx["loc"])
        message, hint = _message({**detail, "loc": loc}, model)
        if detail["type"] == "missing":
            line, column = positions.of_value(loc[:-1])
        elif detail["type"] == "extra_forbidden":
            line, column = positions.of_key(loc)
        elif "at" in ctx:
            line, column = positions.within(loc, *ctx["at"])
        else:
            line, column = positions.of_value(loc)
        key = ".".join(str(part) for part in loc)
        problems.append(Problem(path, line, column, key, message, hint))
    return problems


__all__ = ["model_at", "problems_from_validation"]
