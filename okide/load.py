"""YAML files → a valid Register, or every problem found, each with its file, line and column.

Nothing downstream ever sees a half-valid register: either every file and every rule across
files passes, or the caller gets the full, sorted list of problems.
"""

from __future__ import annotations

import os
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from okide.datafiles import (
    ENTRY_SUFFIXES,
    DataTree,
    Folder,
    Item,
    item_problem,
    list_folder,
    read_bytes,
    read_file,
)
from okide.fields import is_slug
from okide.models import Entry, Register
from okide.problems import Problem, sort_problems
from okide.pydantic_problems import problems_from_validation
from okide.sections import AGREEMENT, Section, fixed_path_for, folder_sections, reserved_ids
from okide.yamlstrict import Positions, StrictYamlError, decode_utf8, parse_text


@dataclass
class _Read:
    """One file that parsed and validated, with the positions for later cross-file problems."""

    entry: Entry
    positions: Positions


@dataclass
class _Listing:
    """The entry files of one data folder by id, every stem seen (valid or not), and problems
    with names and with what is not a data file."""

    folder: Folder | None = None
    files: dict[str, str] = field(default_factory=dict)
    stems: set[str] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)


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


def _reserved_problem(path: str, section: str, stem: str) -> Problem:
    return Problem(
        path,
        1,
        1,
        "",
        f"id:t '{stem}' är reserverat: webbplatsen gör själv {fixed_path_for(section, stem)}",
        "välj ett annat filnamn; annars skulle den sidan eller filen ersättas",
    )


def _same_stem_problems(stem: str, paths: list[str]) -> list[Problem]:
    """Each of the files is told about the others: neither is read, so neither is silent."""
    return [
        Problem(
            path,
            1,
            1,
            "",
            f"id:t '{stem}' finns också i {', '.join(p for p in paths if p != path)}",
            "två filer får inte ha samma namn före .yml/.yaml; ta bort eller byt namn på en",
        )
        for path in paths
    ]


def _stray_problem(path: str) -> Problem:
    return Problem(
        path,
        1,
        1,
        "",
        "filen är ingen datafil och läses inte",
        "data ska ligga i filer som slutar på .yml",
    )


def parse_entry(
    raw: bytes, relative: str, model: type[Entry], today: date | None
) -> _Read | list[Problem]:
    """Parse and validate the bytes of one data file."""
    try:
        data, positions = parse_text(decode_utf8(raw))
    except StrictYamlError as error:
        return [replace(error.problem, path=relative)]
    stem = os.path.splitext(os.path.basename(relative))[0]
    try:
        entry = model.from_data(data, id=stem, source=relative, today=today)
    except ValidationError as error:
        return problems_from_validation(error, relative, positions, model)
    return _Read(entry, positions)


def read_entry_in(
    folder: Folder, name: str, model: type[Entry], today: date | None
) -> _Read | list[Problem]:
    raw = read_bytes(folder, name)
    if isinstance(raw, Problem):
        return [raw]
    return parse_entry(raw, folder.child(name), model, today)


def read_entry(
    root: Path, relative: str, model: type[Entry], today: date | None
) -> _Read | list[Problem]:
    """Read, parse and validate one data file, reached under root without following a link."""
    raw = read_file(root, relative)
    if isinstance(raw, Problem):
        return [raw]
    return parse_entry(raw, relative, model, today)


def _entry_files(tree: DataTree, section: Section) -> _Listing:
    """The entry files of one data folder by id, and problems with everything else in it."""
    folder_path = section.folder
    folder = tree.folder(folder_path)
    if not isinstance(folder, Folder):
        return _Listing(problems=[folder] if folder else [])
    items = list_folder(folder)
    if isinstance(items, Problem):
        return _Listing(problems=[items])
    listing = _Listing(folder)
    by_stem: dict[str, list[str]] = {}
    for item in items:
        problem = item_problem(item, folder_path)
        stem, suffix = os.path.splitext(item.name)
        if problem is None and suffix not in ENTRY_SUFFIXES:
            problem = _stray_problem(item.relative)
        if problem is not None:
            listing.problems.append(problem)
        else:
            by_stem.setdefault(stem, []).append(item.name)
    for stem, names in by_stem.items():
        listing.stems.add(stem)
        problems = _id_problems(section.name, stem, [folder.child(name) for name in names])
        listing.problems.extend(problems)
        if not problems:
            listing.files[stem] = names[0]
    return listing


def _id_problems(section: str, stem: str, paths: list[str]) -> list[Problem]:
    if len(paths) > 1:
        return _same_stem_problems(stem, paths)
    if not is_slug(stem):
        return [_slug_problem(paths[0], stem)]
    if stem in reserved_ids(section):
        return [_reserved_problem(paths[0], section, stem)]
    return []


def _placed(problem: Problem, positions: dict[str, Positions]) -> Problem:
    """A problem that spans files, at the line and column of the value its key names."""
    loc = tuple(int(part) if part.isdigit() else part for part in problem.key.split("."))
    line, column = positions[problem.path].of_value(loc)
    return replace(problem, line=line, column=column)


def load_register(root: Path, today: date) -> Register | list[Problem]:
    """Everything under root, validated: the Register, or all problems sorted by place."""
    register, problems = read_register(root, today)
    return problems if problems or register is None else register


def read_register(root: Path, today: date | None) -> tuple[Register | None, list[Problem]]:
    """What under root is valid on its own, as a Register (None without a valid agreement),
    and every problem found, with the rules that span files among what is valid, sorted by
    place. Only a register without problems may be published: see load_register."""
    with ExitStack() as stack:
        tree = DataTree.open(root, stack)
        if isinstance(tree, Problem):
            return None, [tree]
        read, stems, problems = _read_all(tree, today)
    return _register(read, stems, problems)


def _read_all(
    tree: DataTree, today: date | None
) -> tuple[dict[tuple[str, str], _Read], dict[str, set[str]], list[Problem]]:
    """Every data file read and validated on its own; problems with the folders too."""
    problems: list[Problem] = []
    read: dict[tuple[str, str], _Read] = {}

    def take(section: Section, entry_id: str, folder: Folder, name: str) -> None:
        result = read_entry_in(folder, name, section.model, today)
        if isinstance(result, list):
            problems.extend(result)
        else:
            read[(section.name, entry_id)] = result

    agreement, found = _agreement_file(tree)
    problems.extend(found)
    if agreement is not None:
        take(AGREEMENT, AGREEMENT.name, *agreement)
    stems: dict[str, set[str]] = {}
    for section in folder_sections():
        listing = _entry_files(tree, section)
        problems.extend(listing.problems)
        stems[section.name] = listing.stems
        if listing.folder is not None:
            for stem, name in listing.files.items():
                take(section, stem, listing.folder, name)
    return read, stems, problems


def _register(
    read: dict[tuple[str, str], _Read], stems: dict[str, set[str]], problems: list[Problem]
) -> tuple[Register | None, list[Problem]]:
    """The Register of the files that are valid, and the problems, with those that span
    files; a reference to a file that exists but has its own problems is not reported twice."""
    agreement = read.get((AGREEMENT.name, AGREEMENT.name))
    if agreement is None:
        return None, sort_problems(problems)
    entries: dict[str, Any] = {section.name: {} for section in folder_sections()}
    for (section, entry_id), item in read.items():
        if section != AGREEMENT.name:
            entries[section][entry_id] = item.entry
    register = Register(agreement=agreement.entry, **entries)
    elsewhere = {section: stems[section] - set(entries[section]) for section in entries}
    positions = {item.entry.source: item.positions for item in read.values()}
    across = [_placed(problem, positions) for problem in register.problems(elsewhere)]
    return register, sort_problems(problems + across)


def entry_data(root: Path, section: Section) -> dict[str, tuple[str, dict[str, Any]]]:
    """What each file of a section says, by id: its path and its keys as written, also for
    files that are not valid yet (a draft `okide new` wrote, still to be filled in). Found and
    read as the loader finds and reads them; a file that cannot be read is left out (the
    validator reports it)."""
    found: dict[str, tuple[str, dict[str, Any]]] = {}
    with ExitStack() as stack:
        tree = DataTree.open(root, stack)
        listing = _entry_files(tree, section) if isinstance(tree, DataTree) else _Listing()
        folder = listing.folder
        for entry_id, name in listing.files.items() if folder else ():
            raw = read_bytes(folder, name)
            try:
                data, _ = parse_text(decode_utf8(raw)) if isinstance(raw, bytes) else (None, None)
            except StrictYamlError:
                continue
            if isinstance(data, dict):
                found[entry_id] = (folder.child(name), data)
    return found


def _agreement_data_folders() -> set[str]:
    """The data folders inside agreement/, read as folders of their own."""
    inside = AGREEMENT.folder + "/"
    return {s.folder.removeprefix(inside) for s in folder_sections() if s.folder.startswith(inside)}


def _agreement_file(tree: DataTree) -> tuple[tuple[Folder, str] | None, list[Problem]]:
    """agreement/agreement.yml (or .yaml), and problems with anything else in agreement/ that
    is neither it nor one of its data folders: nothing there is skipped in silence."""
    missing = Problem(AGREEMENT.file, 1, 1, "", "filen saknas", f"skapa {AGREEMENT.file}")
    folder = tree.folder(AGREEMENT.folder)
    if not isinstance(folder, Folder):
        return None, [folder or missing]
    items = list_folder(folder)
    if isinstance(items, Problem):
        return None, [items]
    problems: list[Problem] = []
    found: list[Item] = []
    data_folders = _agreement_data_folders()
    for item in items:
        if item.name in data_folders:
            continue  # read as data folders, with their own problems
        if item.name in AGREEMENT.file_names or item.kind in ("link", "other"):
            problem = item_problem(item, AGREEMENT.folder)
        else:
            problem = _not_in_agreement_problem(item.relative)
        if problem is not None:
            problems.append(problem)
        else:
            found.append(item)
    if len(found) > 1:
        return None, problems + _same_stem_problems(AGREEMENT.name, [i.relative for i in found])
    if not found and not any(i.name in AGREEMENT.file_names for i in items):
        problems.append(missing)
    return ((folder, found[0].name) if found else None), problems


def _not_in_agreement_problem(path: str) -> Problem:
    folders = " och ".join(f"{name}/" for name in sorted(_agreement_data_folders(), reverse=True))
    return Problem(
        path,
        1,
        1,
        "",
        f"läses inte: i {AGREEMENT.folder}/ läses bara {AGREEMENT.file_names[0]} och mapparna"
        f" {folders}",
        "flytta den till den mapp där den hör hemma, eller låt namnet börja med _"
        " om den inte innehåller data",
    )
