"""The worst validation times of one 64 KiB file written to hurt: nesting at the reader's depth
limit and past it, a number of 64,000 digits, Markdown full of backslashes, backticks and
brackets, and Markdown of the parser's slowest kind at the length limit and past it. In process,
best of a few runs per shape (caches cleared); the figure is the slowest shape, in ms."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from time import perf_counter

from okide.datafiles import MAX_FILE_BYTES
from okide.fields import MARKDOWN_MAX_LENGTH
from okide.load import read_entry
from okide.markdown import clear_caches
from okide.sections import SECTIONS
from okide.yamlstrict import MAX_DEPTH

_PARTY = "name: Förening\nform: annan\nsigned: 2020-01-01\n"
_DIALOGUE = "title: T\nstart: 2027-01-01T10:00\nend: 2027-01-01T12:00\nonline: https://a.se\n"


@dataclass(frozen=True)
class Shape:
    name: str
    folder: str
    section: str
    text: str


def _filled(head: str, line: str) -> str:
    """head, then line repeated up to (not past) 64 KiB."""
    room = MAX_FILE_BYTES - len(head.encode())
    return head + line * (room // len(line.encode()))


def shapes() -> list[Shape]:
    depth = MAX_DEPTH - 2  # the file's mapping and `areas` are the first two levels
    at_cap = "  - " + "[" * depth + "a" + "]" * depth + "\n"
    past_cap = "[" * 32_000 + "]" * 32_000
    markdown = "\\`[a](https://a.se) `b\\` \\[c\\]: *d* [e][] \\\\ ![f\\]\n"
    dense = "  " + "![" * 39 + "\n"  # markdown-it's slowest input per character (`make bench`)
    return [
        Shape("nesting at the depth limit", "signatories", "signatories",
              _filled(_PARTY + "areas:\n", at_cap)),
        Shape("nesting past it (32,000 [)", "signatories", "signatories",
              _PARTY + "areas: " + past_cap),
        Shape("a 64,000-digit order", "agreement/values", "values",
              _filled("title: T\ntext: T\norder: ", "1")),
        Shape("Markdown of \\ ` [ ] ( )", "dialogues", "dialogues",
              _filled(_DIALOGUE + "description: |\n", "  " + markdown)),
        Shape("Markdown of ![ at the length limit", "agreement/values", "values",
              _markdown_at_limit("order: 1\ntitle: T\ntext: |\n", dense)),
        Shape("Markdown of ![ past the limit", "agreement/values", "values",
              _filled("order: 1\ntitle: T\ntext: |\n", dense)),
    ]  # fmt: skip


def _markdown_at_limit(head: str, line: str) -> str:
    """head, then an indented block whose text is just at the Markdown length limit."""
    text_per_line = len(line) - 2  # less the indentation; the line break counts
    return head + line * (MARKDOWN_MAX_LENGTH // text_per_line)


def time_shape(shape: Shape, repeat: int, today: date) -> float:
    """Best wall time of reading and validating the file, in ms."""
    with tempfile.TemporaryDirectory() as tmp:
        relative = f"{shape.folder}/fientlig.yml"
        path = Path(tmp) / relative
        path.parent.mkdir(parents=True)
        path.write_text(shape.text, encoding="utf-8")
        best = float("inf")
        for _ in range(repeat):
            clear_caches()  # a second run must parse the text again, not find it in the cache
            start = perf_counter()
            read_entry(Path(tmp), relative, SECTIONS[shape.section].model, today)
            best = min(best, perf_counter() - start)
    return best * 1000


def measure(today: date, repeat: int = 5) -> dict[str, float]:
    """ms per shape (best of repeat), each file at most 64 KiB."""
    return {shape.name: round(time_shape(shape, repeat, today), 2) for shape in shapes()}


def hostile_lines(timings: dict[str, float]) -> str:
    worst = max(timings, key=timings.__getitem__)
    lines = [f"  {name:32} {ms:8.2f} ms" for name, ms in timings.items()]
    return "\n".join([*lines, f"  worst: {worst}, {timings[worst]:.2f} ms"])
