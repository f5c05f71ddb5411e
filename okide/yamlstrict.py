"""Strict YAML: every scalar stays the text the editor wrote, and every value keeps its place.

PyYAML's resolver would turn `NO` into False, `01234` into 668 and `12:30` into 750. We never
construct Python objects from YAML tags; we build plain dicts, lists and strings from the
parser's events and record where each key and value started.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from okide.problems import Problem

FAST_LOADER: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Loc = tuple[str | int, ...]
_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)
# YAML also breaks lines at these; editors do not, so line numbers would disagree.
_ODD_LINE_BREAKS = "\x85\u2028\u2029"
# U+FEFF after the start is invisible; libyaml and PyYAML read it differently.
_INVISIBLE = "\ufeff"
# Characters YAML does not allow in a file at all (tab, LF and CR are fine).
_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ufffe\uffff\ud800-\udfff"
_ODD_CHARACTER = re.compile(f"[{_CONTROLS}{_ODD_LINE_BREAKS}{_INVISIBLE}]")
# Lists and mappings inside each other: the deepest v1 data is 3 levels (a dialogue's
# registration, a contact); 20 leaves room for any extension. Every value's key path is kept,
# so deeper nesting would cost memory by the square of the depth (gigabytes in 64 KiB).
MAX_DEPTH = 20


def _at(line: int, column: int, message: str, hint: str = "", key: str = "") -> Problem:
    """Why a text is not acceptable YAML for us, and where (1-based line and column); the
    file's path is given by whoever read the file (see load.parse_entry)."""
    return Problem("", line, column, key, message, hint)


@dataclass
class Positions:
    """Where each value (and each mapping key) of a document starts, by its key path."""

    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    # Where the text of a scalar starts, for the scalars whose text does not simply follow its
    # start on one line: literal blocks (`|`: the first content line and its indentation),
    # quoted ones (after the quote), and those YAML folds (`>`, plain over several lines: None).
    texts: dict[Loc, tuple[int, int, str] | None] = field(default_factory=dict)

    def of_value(self, loc: Loc) -> tuple[int, int]:
        """The value at loc, else the nearest enclosing value that exists."""
        for end in range(len(loc), -1, -1):
            place = self.values.get(loc[:end])
            if place is not None:
                return place
        return (1, 1)

    def within(self, loc: Loc, line: int, column: int) -> tuple[int, int]:
        """A place inside a text value (0-based line and column of the text as the model got
        it), as a line and column of the file; the value's start where YAML folded its lines."""
        start = self.values.get(loc)
        if start is None:
            return self.of_value(loc)
        if loc not in self.texts:  # plain, on one line
            return (start[0], start[1] + column) if line == 0 else start
        text = self.texts[loc]
        if text is None:
            return start
        first_line, indent, style = text
        if style == "|":
            return (first_line + line, indent + column + 1)
        return (first_line, indent + column + 1) if line == 0 else start

    def of_key(self, loc: Loc) -> tuple[int, int]:
        """The key at loc (for unknown keys), else the value's place."""
        return self.keys.get(loc) or self.of_value(loc)


class StrictYamlError(Exception):
    """Raised inside the reader; carries the problem out to `read_yaml`."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _fail(mark: Any, message: str, hint: str = "", loc: Loc = ()) -> StrictYamlError:
    key = ".".join(str(part) for part in loc)
    return StrictYamlError(_at(mark.line + 1, mark.column + 1, message, hint, key))


class _Builder:
    """Turns a stream of parser events into plain data plus positions."""

    def __init__(self, text: str = "") -> None:
        self.text = text
        self.lines: list[str] | None = None
        self.positions = Positions()
        self.root: Any = None
        self.has_root = False
        # Each frame: [container, its key path, pending mapping key or None]
        self.stack: list[list[Any]] = []

    def add(self, value: Any, mark: Any, is_key_candidate: bool) -> Loc | None:
        """Place a value in the open container; returns its key path (None for a key)."""
        if not self.stack:
            self.root, self.has_root = value, True
            self.positions.values[()] = (mark.line + 1, mark.column + 1)
            return ()
        frame = self.stack[-1]
        container, path = frame[0], frame[1]
        if isinstance(container, list):
            loc = (*path, len(container))
            container.append(value)
        elif frame[2] is None:
            self._add_key(frame, value, mark, is_key_candidate)
            return None
        else:
            loc = (*path, frame[2])
            container[frame[2]] = value
            frame[2] = None
        self.positions.values[loc] = (mark.line + 1, mark.column + 1)
        return loc

    def _add_key(self, frame: list[Any], key: Any, mark: Any, is_scalar: bool) -> None:
        if not is_scalar:
            raise _fail(mark, "en nyckel måste vara ett ord, inte en lista eller mappning")
        if key is None or key == "":
            raise _fail(mark, "nyckeln saknas före kolonet", "skriv nyckelns namn före ':'")
        if key in frame[0]:
            first = self.positions.keys[(*frame[1], key)]
            raise _fail(
                mark,
                f"nyckeln '{key}' finns redan på rad {first[0]}",
                "varje nyckel får bara stå en gång; ta bort eller slå ihop raderna",
                (*frame[1], key),
            )
        frame[2] = key
        self.positions.keys[(*frame[1], key)] = (mark.line + 1, mark.column + 1)

    def build(self, events: Any) -> tuple[Any, Positions]:
        documents = 0
        for event in events:
            kind = type(event)
            if kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _fail(
                        event.start_mark,
                        "filen innehåller flera YAML-dokument",
                        "en fil får bara ha ett dokument; ta bort raden '---' och det som följer",
                    )
            elif kind is ScalarEvent:
                self._check_node(event)
                plain_empty = event.value == "" and not event.style  # C parser: "", Python: None
                expecting_key = (
                    bool(self.stack)
                    and isinstance(self.stack[-1][0], dict)
                    and (self.stack[-1][2] is None)
                )
                loc = self.add(
                    None if plain_empty and not expecting_key else event.value,
                    event.start_mark,
                    True,
                )
                if loc is not None and (event.style or event.end_mark.line > event.start_mark.line):
                    self.positions.texts[loc] = self._text_start(event)
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                self._check_node(event)
                self._check_depth(event)
                container: dict[str, Any] | list[Any] = {} if kind is MappingStartEvent else []
                loc = self.add(container, event.start_mark, False)
                self.stack.append([container, loc, None])
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                self.stack.pop()
            elif kind is AliasEvent:
                raise _fail(
                    event.start_mark,
                    f"alias (*{event.anchor}) stöds inte",
                    "skriv ut värdet i sin helhet i stället för att hänvisa till det",
                )
        return self.root, self.positions

    def _text_start(self, event: Any) -> tuple[int, int, str] | None:
        """Where a scalar's text begins: see Positions.texts."""
        mark = event.start_mark
        if event.style in ('"', "'") and event.end_mark.line == mark.line:
            return (mark.line + 1, mark.column + 1, event.style)
        if event.style != "|":
            return None
        skipped = len(event.value) - len(event.value.lstrip("\n"))
        line_index = mark.line + 1 + skipped  # 0-based: the line after the `|` indicator
        lines = self._lines()
        if line_index >= len(lines):
            return None
        content = lines[line_index]
        return (line_index + 1, len(content) - len(content.lstrip(" ")), "|")

    def _lines(self) -> list[str]:
        """The file's lines, split once and only for a file that has a literal block."""
        if self.lines is None:
            self.lines = self.text.split("\n")
        return self.lines

    def _check_depth(self, event: Any) -> None:
        """Refuse a list or mapping one level too deep before it is built."""
        if len(self.stack) >= MAX_DEPTH:
            raise _fail(
                event.start_mark,
                f"för många nivåer av listor och mappningar inuti varandra (högst {MAX_DEPTH})",
                "skriv värdet enklare; ingen uppgift i datafilerna behöver mer än tre nivåer",
            )

    @staticmethod
    def _check_node(event: Any) -> None:
        if event.anchor is not None:
            raise _fail(
                event.start_mark,
                f"ankare (&{event.anchor}) stöds inte",
                "skriv ut värdet där det behövs; ankare och alias gör filen svårläst",
            )
        explicit = event.tag is not None and not (
            event.implicit[0] if isinstance(event.implicit, tuple) else event.implicit
        )
        if explicit:
            raise _fail(
                event.start_mark,
                f"taggen {event.tag} stöds inte",
                "ta bort taggen (ordet som börjar med !); alla värden läses som text",
            )


_SYNTAX_MESSAGES: tuple[tuple[str, str, str], ...] = (
    (
        "mapping values are not allowed",
        "ett kolon (:) på fel ställe",
        "sätt värdet inom citattecken om det innehåller ': ', eller kontrollera indraget",
    ),
    (
        "could not find expected ':'",
        "kolon (:) saknas efter nyckeln",
        "skriv 'nyckel: värde', med ett mellanslag efter kolonet",
    ),
    (
        "expected <block end>",
        "indraget stämmer inte med raderna ovanför",
        "nycklar på samma nivå ska börja i samma kolumn; använd två mellanslag per nivå",
    ),
    (
        "found unexpected end of stream",
        "filen tar slut mitt i ett värde",
        "kontrollera att varje citattecken och hakparentes stängs",
    ),
    (
        "unexpected end of stream",
        "filen tar slut mitt i ett värde",
        "kontrollera att varje citattecken och hakparentes stängs",
    ),
    (
        "found unknown escape character",
        "okänd escape-sekvens (\\) inom dubbla citattecken",
        "använd enkla citattecken ('...') om texten innehåller \\",
    ),
    (
        "cannot start any token",
        "tecknet kan inte inleda ett värde",
        'sätt värdet inom citattecken, t.ex. "@förening"',
    ),
    (
        "expected ',' or ']'",
        "listan inom hakparenteser stängs inte",
        "avsluta listan med ] eller skriv den som rader som börjar med '- '",
    ),
    (
        "expected ',' or '}'",
        "mappningen inom klamrar stängs inte",
        "avsluta med } eller skriv den som rader med 'nyckel: värde'",
    ),
    (
        "did not find expected key",
        "indraget stämmer inte med raderna ovanför",
        "nycklar på samma nivå ska börja i samma kolumn; använd två mellanslag per nivå",
    ),
    (
        "did not find expected",
        "strukturen stämmer inte här",
        "kontrollera indraget och att listrader börjar med '- '",
    ),
)


def _syntax_problem(error: yaml.MarkedYAMLError) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    text = f"{error.context or ''} {error.problem or ''}"
    for needle, message, hint in _SYNTAX_MESSAGES:
        if needle in text:
            return _at(line, column, f"YAML-fel: {message}", hint)
    detail = (error.problem or "okänt fel").strip()
    return _at(
        line,
        column,
        f"YAML-fel: filen kan inte läsas ({detail})",
        "jämför med en fungerande fil i samma mapp",
    )


def _tab_indent_problem(text: str) -> Problem | None:
    match = _TAB_INDENT.search(text)
    if match is None:
        return None
    line, column = _place(text, match.end() - 1)
    return _at(
        line,
        column,
        "tabbtecken används för indrag",
        "använd mellanslag (två per nivå) i stället för tabb",
    )


def _place(text: str, index: int) -> tuple[int, int]:
    """1-based line and column of a character, counting lines the way editors do (by LF)."""
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _odd_character_problem(text: str) -> Problem | None:
    """The first character an editor cannot see or YAML cannot take (one scan of the text)."""
    match = _ODD_CHARACTER.search(text, 1 if text.startswith(_INVISIBLE) else 0)
    if match is None:
        return None
    char = match.group()
    if char in _ODD_LINE_BREAKS:
        what = "osynligt radbrytningstecken"
    elif char == _INVISIBLE:
        what = "osynligt tecken"
    else:
        what = "otillåtet kontrolltecken"
    line, column = _place(text, match.start())
    return _at(
        line,
        column,
        f"{what} (U+{ord(char):04X})",
        "ta bort tecknet; det kommer ofta med text som klistrats in från ett annat program",
    )


def parse_text(text: str, loader: type = FAST_LOADER) -> tuple[Any, Positions]:
    """Parse one YAML document strictly; raises StrictYamlError with a Swedish problem."""
    for check in (_odd_character_problem, _tab_indent_problem):
        found = check(text)
        if found is not None:
            raise StrictYamlError(found)
    builder = _Builder(text)
    parser = loader(text)
    try:
        data, positions = builder.build(iter(parser.get_event, None))
    except yaml.MarkedYAMLError as error:
        # libyaml and the Python parser word their errors alike enough for the table above.
        raise StrictYamlError(_syntax_problem(error)) from error
    except yaml.YAMLError as error:
        raise StrictYamlError(_at(1, 1, f"YAML-fel: {error}")) from error
    finally:
        parser.dispose()
    if not builder.has_root or data is None:
        raise StrictYamlError(
            _at(1, 1, "filen är tom", "fyll i nycklarna; se en annan fil i samma mapp")
        )
    if not isinstance(data, dict):
        line, column = positions.values[()]
        kind = "en lista" if isinstance(data, list) else "ett enda värde"
        raise StrictYamlError(
            _at(
                line,
                column,
                f"filen ska bestå av nycklar med värden, men är {kind}",
                "skriv varje uppgift på en egen rad som 'nyckel: värde'",
            )
        )
    return data, positions


def decode_utf8(raw: bytes) -> str:
    """Decode strict UTF-8 (a leading BOM allowed); raises StrictYamlError at the bad byte."""
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # editors do not show the BOM: count after it
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
        raise StrictYamlError(
            _at(
                line,
                column,
                "filen är inte giltig UTF-8",
                "spara filen med teckenkodningen UTF-8 (inte Latin-1 eller Windows-1252)",
            )
        ) from error
