"""The hand-written pages (docs/*.md) with the public body's facts filled in from the data.

A page stays Markdown that editors write; where it states a fact the data holds (the public
body's name, the agreement's short name, the contact, the dates of the accessibility
statement) it writes a placeholder, `{{ okide.public_party }}`, instead of a copy, so another
public body's site never repeats ours. A page without placeholders is left exactly as it is.

Placeholders are Jinja2, in a sandbox: every value is escaped for Markdown (`| url` for a link
destination), a name okide does not know is an error naming the page, and a fact the data does
not give (`{% if okide.contact.email %}`) is false in a condition and an error when printed.
Block tags (`{% if %}`) belong on lines of their own; the front matter is not for placeholders.
"""

from __future__ import annotations

import os
import traceback
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from okide.addresses import SiteSettings
from okide.markdown import escape_inline, escape_url
from okide.models import Accessibility, Agreement
from okide.problems import Problem, sort_problems
from okide.swedish import date_sv, month_sv
from okide.templating import sandboxed_environment

MARKS = ("{{", "{%", "{#")
_TEMPLATE_NAME = "<okide-page>"


class _Escaped(str):
    """A value already escaped for its place in the Markdown (a URL by `| url`)."""


@dataclass(frozen=True)
class Missing:
    """A fact this public body's data does not give: false in `{% if %}`, an error printed."""

    name: str

    def __bool__(self) -> bool:
        return False


class MissingFact(Exception):
    """A placeholder printed a fact the data does not give."""


def _known(name: str, value: Any) -> Any:
    return Missing(name) if value is None else value


def facts(agreement: Agreement, site: SiteSettings) -> dict[str, Any]:
    """What a placeholder can name, under `okide.`: the same for every page."""
    contact = agreement.contact
    accessibility = agreement.accessibility or Accessibility()
    dates = ("published", "assessed", "statement_updated")
    return {
        "public_party": agreement.public_party,
        "short_name": agreement.short_name,
        "title": agreement.title,
        "adopted": agreement.adopted,
        "document": _known("okide.document", agreement.document),
        "contact": {
            key: _known(f"okide.contact.{key}", getattr(contact, key))
            for key in ("email", "phone", "url")
        },
        "accessibility": {
            key: _known(f"okide.accessibility.{key}", getattr(accessibility, key)) for key in dates
        },
        "repo_url": _known("okide.repo_url", site.repo_url or None),
    }


def _finalize(value: Any) -> str:
    if isinstance(value, Missing):
        raise MissingFact(value.name)
    if isinstance(value, _Escaped):
        return value
    return escape_inline(str(value))


def _url(value: Any) -> Any:
    return value if isinstance(value, Missing) else _Escaped(escape_url(str(value)))


def _dated(format_date: Any) -> Any:
    return lambda value: value if isinstance(value, Missing) else format_date(value)


def environment() -> SandboxedEnvironment:
    env = sandboxed_environment(finalize=_finalize)  # Markdown: _finalize escapes every value
    env.filters.update(url=_url, date_sv=_dated(date_sv), month_sv=_dated(month_sv))
    return env


def has_placeholders(text: str) -> bool:
    return any(mark in text for mark in MARKS)


def _line_of(error: BaseException) -> int:
    """The page's line the error happened on (Jinja puts it in the traceback), else 1."""
    if isinstance(error, TemplateSyntaxError) and error.lineno:
        return error.lineno
    frames = traceback.extract_tb(error.__traceback__)
    found = [frame.lineno for frame in frames if frame.filename == _TEMPLATE_NAME]
    return (found[-1] or 1) if found else 1


KNOWN = (
    "okide.public_party, okide.short_name, okide.title, okide.adopted, okide.document, "
    "okide.contact.email/phone/url, okide.accessibility.published/assessed/statement_updated, "
    "okide.repo_url"
)


def _problem(shown: str, error: Exception) -> Problem:
    line = _line_of(error)
    if isinstance(error, MissingFact):
        message = f"{{{{ {error} }}}}: uppgiften finns inte i datan"
        hint = f"skriv texten inom {{% if {error} %}} … {{% endif %}}"
    elif isinstance(error, TemplateSyntaxError):
        message = f"platshållaren går inte att läsa ({error.message})"
        hint = "skriv t.ex. {{ okide.public_party }}; {{ och {% står bara i platshållare"
    elif isinstance(error, UndefinedError | SecurityError):
        message = f"okänt namn i platshållaren ({error})"
        hint = f"okide känner till {KNOWN}"
    else:
        message = f"platshållaren går inte att fylla i ({error})"
        hint = f"okide känner till {KNOWN}"
    return Problem(shown, line, 1, "", message, hint)


def fill(text: str, page_facts: Mapping[str, Any], shown: str) -> str | Problem:
    """One page's text with its placeholders filled in; the text itself when it has none."""
    if not has_placeholders(text):
        return text
    try:
        template = environment().from_string(text)
        template.filename = _TEMPLATE_NAME
        return template.render(okide=page_facts)
    except (TemplateError, MissingFact, ArithmeticError, LookupError, TypeError) as error:
        return _problem(shown, error)


def markdown_pages(docs_dir: Path) -> list[str]:
    """The Markdown files under docs_dir, relative to it (`anslut.md`), without following links
    to folders."""
    found = []
    for folder, _, names in os.walk(docs_dir):
        relative = Path(folder).relative_to(docs_dir)
        found.extend((relative / name).as_posix() for name in names if name.endswith(".md"))
    return sorted(found)


def fill_pages(
    docs_dir: Path, page_facts: Mapping[str, Any], shown_as: str
) -> dict[str, str] | list[Problem]:
    """Every hand-written page, by its path in docs_dir, with its placeholders filled in; or
    the problems of all of them (shown_as: how docs_dir is named in them, e.g. `docs`)."""
    pages: dict[str, str] = {}
    problems: list[Problem] = []
    for path in markdown_pages(docs_dir):
        shown = f"{shown_as}/{path}"
        try:
            text = (docs_dir / path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            problems.append(Problem(shown, 1, 1, "", f"filen kan inte läsas ({error})", ""))
            continue
        filled = fill(text, page_facts, shown)
        if isinstance(filled, Problem):
            problems.append(filled)
        else:
            pages[path] = filled
    return sort_problems(problems) if problems else pages
