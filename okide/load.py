"""YAML files → a valid Register, or every problem found, each with its file, line and column.

Nothing downstream ever sees a half-valid register: either every file and every rule across
files passes, or the caller gets the full, sorted list of problems.
"""

from __future__ import annotations

import errno
import gc
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from okide.fields import is_slug
from okide.models import ENTRY_MODELS, Entry, Register, Section, Violation
from okide.problems import Problem, sort_problems
from okide.translate import problems_from_validation
from okide.yamlstrict import Positions, StrictYamlError, decode_utf8, parse_text

MAX_FILE_BYTES = 64 * 1024
AGREEMENT_FILE = "agreement/agreement.yml"
FOLDERS: dict[Section, str] = {
    "values": "agreement/values",
    "clauses": "agreement/clauses",
    "signatories": "signatories",
    "dialogues": "dialogues",
}
_ENTRY_SUFFIXES = (".yml", ".yaml")
# Which folder a cross-file reference points into, by its key.
_REFERS_TO = {"hosts": "signatories", "values": "values"}
_IGNORED_NAMES = {"README.md"}


@dataclass
class _Read:
    """One file that parsed and validated, with the positions for later cross-file problems."""

    entry: Entry
    positions: Positions


def _slug_problem(path: str, stem: str) -> Problem:
    from slugify import slugify  # only for a bad file name: not imported by every build

    suggestion = slugify(stem, replacements=[["å", "a"], ["ä", "a"], ["ö", "o"]])
    return Problem(
        path,
        1,
        1,
        "",
        f"filnamnet '{stem}' är inte ett giltigt id",
        f"byt namn till {suggestion}.yml (a–z, 0–9 och bindestreck)"
        if suggestion
        else "använd bara a–z, 0–9 och bindestreck i filnamnet",
    )


def _unreadable(relative: str, error: OSError) -> Problem:
    if error.errno == errno.ENOENT:
        why, hint = "filen finns inte", "är det en länk som pekar på en fil som har flyttats?"
    elif error.errno == errno.EACCES:
        why, hint = "behörighet saknas för att läsa filen", "ändra filens rättigheter"
    else:
        why, hint = f"filen kan inte läsas (felkod {error.errno})", "kontrollera filen"
    return Problem(relative, 1, 1, "", why, hint)


def read_entry(
    root: Path, relative: str, model: type[Entry], today: date | None
) -> _Read | list[Problem]:
    """Read, parse and validate one data file."""
    try:
        with open(os.path.join(root, relative), "rb") as stream:  # not pathlib: 10,000 files
            raw = stream.read(MAX_FILE_BYTES + 1)  # never more than one byte too many
            size = os.fstat(stream.fileno()).st_size if len(raw) > MAX_FILE_BYTES else len(raw)
    except OSError as error:
        return [_unreadable(relative, error)]
    if size > MAX_FILE_BYTES:
        return [
            Problem(
                relative,
                1,
                1,
                "",
                f"filen är {size} byte; högst {MAX_FILE_BYTES} byte (64 KiB) är tillåtet",
                "korta texterna; en post ska inte behöva mer",
            )
        ]
    try:
        data, positions = parse_text(decode_utf8(raw))
    except StrictYamlError as error:
        found = error.problem
        return [Problem(relative, found.line, found.column, found.key, found.message, found.hint)]
    stem = os.path.splitext(os.path.basename(relative))[0]
    try:
        entry = model.from_data(data, id=stem, source=relative, today=today)
    except ValidationError as error:
        return problems_from_validation(error, relative, positions, model)
    return _Read(entry, positions)


def _entry_files(root: Path, folder: str) -> tuple[dict[str, str], list[Problem]]:
    """The entry files of one folder by stem, and problems with names or stray files."""
    directory = root / folder
    if not directory.is_dir():
        return {}, []
    files: dict[str, str] = {}
    problems: list[Problem] = []
    with os.scandir(directory) as listing:
        items = sorted(listing, key=lambda entry: entry.name)
    for item in items:
        name = item.name
        if name.startswith(("_", ".")) or name in _IGNORED_NAMES or item.is_dir():
            continue
        relative = f"{folder}/{name}"
        stem, suffix = os.path.splitext(name)
        if suffix not in _ENTRY_SUFFIXES:
            problems.append(
                Problem(
                    relative,
                    1,
                    1,
                    "",
                    "filen är ingen datafil och läses inte",
                    "data ska ligga i filer som slutar på .yml",
                )
            )
            continue
        if stem in files:
            problems.append(
                Problem(
                    relative,
                    1,
                    1,
                    "",
                    f"id:t '{stem}' finns redan i {files[stem]}",
                    "två filer får inte ha samma namn före .yml/.yaml",
                )
            )
            continue
        if not is_slug(stem):
            problems.append(_slug_problem(relative, stem))
            continue
        files[stem] = relative
    return files, problems


def _violation_problems(
    violations: list[Violation], read: dict[tuple[str, str], _Read]
) -> list[Problem]:
    problems = []
    for violation in violations:
        item = read[(violation.section, violation.id)]
        line, column = item.positions.of_value(violation.loc)
        key = ".".join(str(part) for part in violation.loc)
        problems.append(
            Problem(item.entry.source, line, column, key, violation.message, violation.hint)
        )
    return problems


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Reading keeps every parsed file alive until the Register is built, and none of it forms
    reference cycles; the cyclic collector would only walk that growing heap over and over
    (a fifth of the CPU time at 10,000 files, measured by `make bench`)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_register(root: Path, today: date) -> Register | list[Problem]:
    """Everything under root, validated: the Register, or all problems sorted by place."""
    with _without_cyclic_gc():
        return _load_register(root, today)


def _load_register(root: Path, today: date) -> Register | list[Problem]:
    problems: list[Problem] = []
    read: dict[tuple[str, str], _Read] = {}

    def take(section: Section, entry_id: str, relative: str) -> None:
        result = read_entry(root, relative, ENTRY_MODELS[section], today)
        if isinstance(result, list):
            problems.extend(result)
        else:
            read[(section, entry_id)] = result

    agreement_path = _agreement_path(root)
    if isinstance(agreement_path, Problem):
        problems.append(agreement_path)
    elif agreement_path is None:
        problems.append(
            Problem(AGREEMENT_FILE, 1, 1, "", "filen saknas", "skapa agreement/agreement.yml")
        )
    else:
        take("agreement", "agreement", agreement_path)
    stems: dict[str, set[str]] = {}
    for section, folder in FOLDERS.items():
        files, found = _entry_files(root, folder)
        problems.extend(found)
        stems[section] = set(files)
        for stem, relative in files.items():
            take(section, stem, relative)

    agreement = read.get(("agreement", "agreement"))
    if agreement is None:
        return sort_problems(problems)
    entries: dict[str, Any] = {section: {} for section in FOLDERS}
    for (section, entry_id), item in read.items():
        if section != "agreement":
            entries[section][entry_id] = item.entry
    if problems:
        # Report what spans files too, among the files that are valid; a reference to a file
        # that exists but has its own problems is not reported twice.
        partial = Register.model_construct(agreement=agreement.entry, **entries)
        violations = [
            v
            for v in partial.violations()
            if v.missing not in stems.get(_REFERS_TO.get(v.loc[0], ""), ())
        ]
        return sort_problems(problems + _violation_problems(violations, read))
    try:
        return Register(agreement=agreement.entry, **entries)
    except ValidationError as error:
        violations = [
            violation
            for detail in error.errors()
            for violation in (detail.get("ctx") or {}).get("violations", [])
        ]
        if not violations:
            raise
        return sort_problems(_violation_problems(violations, read))


def _agreement_path(root: Path) -> str | Problem | None:
    found = [
        n for n in ("agreement/agreement.yml", "agreement/agreement.yaml") if (root / n).is_file()
    ]
    if len(found) == 2:
        return Problem(found[1], 1, 1, "", f"id:t 'agreement' finns redan i {found[0]}",
                       "två filer får inte ha samma namn före .yml/.yaml")  # fmt: skip
    return found[0] if found else None
