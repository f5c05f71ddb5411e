"""Problems are data: a place in a file and a Swedish message, collected and printed once."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

_NAMED_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# C0 and C1 controls, DEL, Unicode's line and paragraph separators, and the invisible format
# characters (soft hyphen, zero-width spaces and joiners, direction marks, word joiner, BOM) that
# would make "okänd nyckel 'name'" look like a mistake of the tool.
_VISIBLE = {
    code: _NAMED_ESCAPES.get(chr(code), f"\\u{code:04x}" if code > 0xFF else f"\\x{code:02x}")
    for code in [*range(0x20), *range(0x7F, 0xA0), 0xAD, *range(0x200B, 0x2010), 0x2028,
                 0x2029, *range(0x202A, 0x202F), *range(0x2060, 0x2065), 0xFEFF]
}  # fmt: skip


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one file, at the line and column of the offending value."""

    path: str
    line: int
    column: int
    key: str
    message: str
    hint: str = ""

    def detail(self) -> str:
        """`key: message – hint`, the part after the place."""
        body = f"{self.key}: {self.message}" if self.key else self.message
        return f"{body} – {self.hint}" if self.hint else body

    def text(self) -> str:
        """`path:line:column: key: message – hint`, the compiler-style line editors see.

        Always one line: a line break or control character quoted from the file is shown as
        an escape (`\\n`), the way it would be written inside double quotes in YAML.
        """
        return one_line(f"{self.path}:{self.line}:{self.column}: {self.detail()}")


def one_line(text: str) -> str:
    """The text on one line, every control or invisible character shown as an escape."""
    return text.translate(_VISIBLE)


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """By file, then line and column; duplicates (same place and message) are dropped."""
    return sorted(set(problems))


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def failure_summary(problems: list[Problem]) -> str:
    """`3 fel i 2 filer`."""
    files = len({p.path for p in problems})
    return f"{len(problems)} fel i {_plural(files, 'fil', 'filer')}"


def success_summary(
    parties: int,
    values: int,
    clauses: int,
    dialogues: int,
    followups: int = 0,
    plans: int = 0,
    actions: int = 0,
) -> str:
    """`12 parter, 7 värderingar, 9 punkter, 2 stordialoger: inga fel`; follow-ups, plans and
    actions are counted where there are any (`…, 3 uppföljningar, 1 samverkansplan`)."""
    counts = [
        _plural(parties, "part", "parter"),
        _plural(values, "värdering", "värderingar"),
        _plural(clauses, "punkt", "punkter"),
        _plural(dialogues, "stordialog", "stordialoger"),
    ]
    counts += [
        _plural(count, one, many)
        for count, one, many in (
            (followups, "uppföljning", "uppföljningar"),
            (plans, "samverkansplan", "samverkansplaner"),
            (actions, "insats", "insatser"),
        )
        if count
    ]
    return f"{', '.join(counts)}: inga fel"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(problem: Problem) -> str:
    """A GitHub Actions workflow command that shows the problem inline on the pull request."""
    props = ",".join(
        [
            f"file={_escape_property(problem.path)}",
            f"line={problem.line}",
            f"col={problem.column}",
            f"title={_escape_property('okide: ' + (problem.key or 'fil'))}",
        ]
    )
    return f"::error {props}::{_escape_data(problem.detail())}"


def github_file_annotation(level: str, path: str, title: str, message: str) -> str:
    """A GitHub Actions `warning` or `notice` at a file, without a line: what is wrong is that
    a file is missing, and the annotation names the file it concerns."""
    props = f"file={_escape_property(path)},title={_escape_property(title)}"
    return f"::{level} {props}::{_escape_data(one_line(message))}"


def github_notice(message: str) -> str:
    """A GitHub Actions notice (shown on the run, not at a line)."""
    return f"::notice title={_escape_property('okide')}::{_escape_data(message)}"


def more_than_shown(count: int, shown: int) -> str:
    """Why the pull request shows fewer problems than the validator found."""
    return (
        f"{count} fel; GitHub visar bara de {shown} första vid raderna."
        " Hela listan finns i jobbets sammanfattning (Summary)."
    )


def problems_json(problems: list[Problem]) -> str:
    """The problems as a JSON list, for tools."""
    return json.dumps([asdict(p) for p in problems], ensure_ascii=False, indent=2)
