"""The table of sections (okide/sections.py): one entry is enough for a new kind of data file;
every generated page and file is declared there, no two land in one place, and every id that
would put an entry's page on a fixed one is reserved."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from okide.addresses import SiteSettings
from okide.fields import Line
from okide.load import load_register
from okide.models import FolderEntry, Register
from okide.schema import schema_line, stale_schemas, write_schemas
from okide.sections import (
    FILES,
    PAGES,
    SECTIONS,
    Section,
    entry_of,
    entry_page,
    entry_paths,
    places,
    reserved_ids,
)
from okide.site import Generated, collisions, generate
from tests.conftest import SMALL, TODAY

SITE = SiteSettings(site_url="https://exempelby.example.org/ok-ide/")
WITH_PAGES = [name for name, section in SECTIONS.items() if section.page or section.files]


@pytest.fixture(scope="module")
def generated() -> Generated:
    result = generate(SMALL, TODAY, SITE)
    assert isinstance(result, Generated), result
    return result


def _outputs(generated: Generated) -> list[str]:
    return [page.path for page in generated.pages] + list(generated.exports)


def test_rendering_the_fixture_never_gives_two_outputs_one_place(generated: Generated) -> None:
    seen: dict[str, str] = {}
    for path in _outputs(generated):
        for place in places(path):
            assert place not in seen, f"{path} and {seen[place]} are both published at {place}"
            seen[place] = path
    assert collisions(generated) == []


def test_every_generated_path_is_declared_in_sections(generated: Generated) -> None:
    """What pages.py and exports.py make is exactly the declaration the loader checks ids
    against: a page added without a line in sections.py fails here."""
    register: Register = generated.register
    fixed = {*PAGES.values(), *FILES.values()}
    for path in _outputs(generated):
        if path in fixed:
            continue
        found = entry_of(path)
        assert found is not None, f"{path} is neither a fixed path nor an entry's"
        section, entry_id = found
        assert entry_id in getattr(register, section), path
    assert fixed <= set(_outputs(generated))


@pytest.mark.parametrize("section", WITH_PAGES)
def test_every_fixed_path_an_entry_could_take_is_reserved(
    generated: Generated, section: str
) -> None:
    """Brute force, independent of how reserved_ids matches: every word of every generated
    fixed path is tried as an id of every section with pages or files."""
    fixed = [path for path in _outputs(generated) if entry_of(path) is None]
    for path in fixed:
        for word in set(re.split(r"[/.]", path)) - {""}:
            own = entry_paths(section, word)
            if any(places(mine) & places(path) for mine in own):
                assert word in reserved_ids(section), (section, word, path)


def test_the_reserved_ids_today_are_index_for_parties_and_dialogues() -> None:
    assert {section: set(reserved_ids(section)) for section in WITH_PAGES} == {
        "dialogues": {"index"},
        "signatories": {"index"},
    }


def test_a_page_where_a_hand_written_page_is_names_the_data_file(generated: Generated) -> None:
    (problem,) = collisions(generated, ["anslut.md", "parter/beta-stiftelsen/index.md"])
    assert problem.text() == (
        "signatories/beta-stiftelsen.yml:1:1: parter/beta-stiftelsen.md skulle publiceras på samma"
        " plats som den handskrivna sidan parter/beta-stiftelsen/index.md – byt namn på datafilen"
    )


def test_a_dialogue_calendar_where_a_hand_written_file_is_names_the_dialogue(
    generated: Generated,
) -> None:
    (problem,) = collisions(generated, ["stordialoger/2027-fritid.ics"])
    assert (problem.path, problem.message) == (
        "dialogues/2027-fritid.yml",
        "stordialoger/2027-fritid.ics skulle publiceras på samma plats som den handskrivna filen"
        " stordialoger/2027-fritid.ics",
    )


def test_a_fixed_page_where_a_hand_written_page_is_is_reported_at_the_page(
    generated: Generated,
) -> None:
    (problem,) = collisions(generated, ["statistik.md"])
    assert problem.text() == (
        "statistik.md:1:1: statistik.md skulle publiceras på samma plats som den handskrivna"
        " sidan statistik.md – byt namn på den ena av dem"
    )


def test_generate_refuses_what_would_replace_a_hand_written_page(tmp_path: Path) -> None:
    shutil.copytree(SMALL, tmp_path / "data")
    result = generate(tmp_path / "data", TODAY, SITE, ["parter/no.md"])
    assert isinstance(result, list)
    assert [problem.path for problem in result] == ["signatories/no.yml"]


# A kind of data file added by one entry in the table -------------------------------------------


class _Note(FolderEntry):
    title: Line


_NOTES = Section("notes", "agreement/notes", _Note, "note", page="anteckningar/{id}.md")


@pytest.fixture
def with_notes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """The table with one more kind of data file, and a copy of the fixture data."""
    monkeypatch.setitem(SECTIONS, _NOTES.name, _NOTES)
    shutil.copytree(SMALL, tmp_path / "data")
    (tmp_path / "data/agreement/notes").mkdir()
    return tmp_path / "data"


def test_an_entry_in_the_table_is_enough_for_the_loader_to_read_its_folder(
    with_notes: Path,
) -> None:
    (with_notes / "agreement/notes/ok.yml").write_text("title: En anteckning\n", "utf-8")
    (with_notes / "agreement/notes/tom.yml").write_text("example: true\n", "utf-8")
    (with_notes / "agreement/notes/Fel namn.yml").write_text("title: X\n", "utf-8")
    problems = load_register(with_notes, TODAY)
    assert isinstance(problems, list)
    assert [(p.path, p.key, p.message.split(":")[0]) for p in problems] == [
        ("agreement/notes/Fel namn.yml", "", "filnamnet 'Fel namn' är inte ett giltigt id"),
        ("agreement/notes/tom.yml", "title", "obligatorisk nyckel saknas"),
    ]


def test_an_entry_in_the_table_is_enough_for_its_schema_and_schema_line(
    with_notes: Path, tmp_path: Path
) -> None:
    written = write_schemas(tmp_path)
    assert tmp_path / "schemas/note.schema.json" in written
    assert json.loads((tmp_path / "schemas/note.schema.json").read_text("utf-8"))["required"] == [
        "title"
    ]
    assert stale_schemas(tmp_path) == []
    assert schema_line(_NOTES) == "# yaml-language-server: $schema=../../schemas/note.schema.json"
    assert entry_page("notes", "a") == "anteckningar/a.md"
