"""The loader end to end: files in a tree → a Register, or every problem with its place."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from okide.load import load_register
from okide.models import Register
from okide.problems import Problem
from tests.conftest import SMALL, TODAY


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    shutil.copytree(SMALL, tmp_path / "data")
    return tmp_path / "data"


def _write(root: Path, relative: str, text: str | bytes) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def _problems(root: Path) -> list[Problem]:
    result = load_register(root, TODAY)
    assert isinstance(result, list), "expected problems, got a register"
    return result


def _lines(root: Path) -> list[str]:
    return [problem.text() for problem in _problems(root)]


PARTY = "name: Ny förening\nform: ideell förening\nsigned: 2024-01-01\n"


def test_the_fixture_loads_into_a_register_with_every_entry() -> None:
    register = load_register(SMALL, TODAY)
    assert isinstance(register, Register)
    assert (len(register.signatories), len(register.values), len(register.clauses)) == (4, 3, 4)
    assert len(register.dialogues) == 3
    assert register.signatories["no"].name == "NO"


def test_org_number_with_wrong_check_digit_is_rejected_with_line_and_column(tree: Path) -> None:
    _write(tree, "signatories/abf-fyrbodal.yml",
           "name: ABF Fyrbodal\nform: studieförbund\nsigned: 2017-09-15\norg_number: 802400-0004\n")  # fmt: skip
    assert _lines(tree) == [
        "signatories/abf-fyrbodal.yml:4:13: org_number: kontrollsiffran stämmer inte (väntade 5)"
        " – kontrollera numret mot Bolagsverkets eller Skatteverkets uppgifter"
    ]


def test_a_missing_key_points_at_its_mapping(tree: Path) -> None:
    _write(tree, "dialogues/d.yml", "title: T\nstart: 2027-01-01T10:00\nend: 2027-01-01T12:00\n"
           "description: D\nlocation:\n  address: Gatan 1\n")  # fmt: skip
    (problem,) = _problems(tree)
    assert (problem.path, problem.line, problem.column, problem.key) == (
        "dialogues/d.yml", 6, 3, "location.name",
    )  # fmt: skip
    assert problem.message == "obligatorisk nyckel saknas"


def test_a_missing_top_level_key_points_at_the_top_mapping(tree: Path) -> None:
    _write(tree, "signatories/x.yml", "\n\nname: X förening\nform: annan\n")
    (problem,) = _problems(tree)
    assert (problem.line, problem.column, problem.key) == (3, 1, "signed")


def test_an_unknown_key_points_at_the_key_and_suggests_the_right_one(tree: Path) -> None:
    _write(tree, "signatories/x.yml", PARTY + "  \nwebsite_url: https://x.se\n")
    (problem,) = _problems(tree)
    assert problem.text().startswith(
        "signatories/x.yml:5:1: website_url: okänd nyckel 'website_url'"
    )
    assert problem.hint == "menade du 'website'?"


def test_a_wrong_form_suggests_the_closest_form(tree: Path) -> None:
    _write(tree, "signatories/x.yml", PARTY.replace("ideell förening", "Ideell förening"))
    (problem,) = _problems(tree)
    assert (problem.line, problem.column, problem.key) == (2, 7, "form")
    assert problem.hint == "menade du 'ideell förening'?"


def test_an_empty_required_value_says_the_value_is_missing(tree: Path) -> None:
    _write(tree, "signatories/x.yml", "name:\nform: annan\nsigned: 2020-01-01\n")
    (problem,) = _problems(tree)
    assert (problem.line, problem.key, problem.message) == (1, "name", "värdet saknas")


def test_a_nested_error_in_a_list_points_at_the_item(tree: Path) -> None:
    _write(tree, "signatories/x.yml", PARTY + "areas:\n  - trygghet\n  - Fritid\n")
    (problem,) = _problems(tree)
    assert (problem.line, problem.column, problem.key) == (6, 5, "areas.1")


def test_a_deadline_after_the_start_points_at_the_deadline(tree: Path) -> None:
    _write(tree, "dialogues/d.yml", "title: T\nstart: 2027-01-01T10:00\nend: 2027-01-01T12:00\n"
           "description: D\nonline: https://a.se\nregistration:\n  email: a@b.se\n  deadline: 2027-01-02\n")  # fmt: skip
    (problem,) = _problems(tree)
    assert (problem.line, problem.column, problem.key) == (8, 13, "registration.deadline")


def test_problems_of_many_files_come_together_sorted_by_file_and_line(tree: Path) -> None:
    _write(
        tree,
        "signatories/b.yml",
        "name: B förening\nform: x\nsigned: 2020-01-01\nleft: 2019-01-01\n",
    )
    _write(tree, "signatories/a.yml", "name: A\n")
    _write(tree, "dialogues/z.yml", "title: T\n")
    places = [(p.path, p.line, p.column, p.key) for p in _problems(tree)]
    assert places == sorted(places)
    assert [p for p in places if p[0] == "signatories/b.yml"] == [
        ("signatories/b.yml", 2, 7, "form"), ("signatories/b.yml", 4, 7, "left"),
    ]  # fmt: skip
    assert {p[0] for p in places} == {"dialogues/z.yml", "signatories/a.yml", "signatories/b.yml"}


def test_cross_file_problems_point_at_the_value_in_the_right_file(tree: Path) -> None:
    _write(
        tree, "signatories/zeta.yml", PARTY + "org_number: 802400-0005\nareas: [trygghet, hav]\n"
    )
    lines = _lines(tree)
    assert lines[0].startswith(
        "signatories/zeta.yml:4:13: org_number: organisationsnumret används redan i "
        "signatories/alfa-idrottsforening.yml"
    )
    assert lines[1].startswith(
        "signatories/zeta.yml:5:19: areas.1: 'hav' finns inte bland fokusområdena"
    )


def test_a_host_that_does_not_exist_is_reported_in_the_dialogue(tree: Path) -> None:
    path = tree / "dialogues/2027-fritid.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("beta-stiftelsen", "beta"), "utf-8")
    (problem,) = _problems(tree)
    assert (problem.path, problem.key) == ("dialogues/2027-fritid.yml", "hosts.1")


def test_a_file_stem_that_is_not_a_slug_is_rejected_with_a_suggestion(tree: Path) -> None:
    _write(tree, "signatories/ABF Fyrbodal.yml", PARTY)
    assert _lines(tree) == [
        "signatories/ABF Fyrbodal.yml:1:1: filnamnet 'ABF Fyrbodal' är inte ett giltigt id"
        " – byt namn till abf-fyrbodal.yml (a–z, 0–9 och bindestreck)"
    ]


def test_swedish_letters_in_a_file_name_are_suggested_without_them(tree: Path) -> None:
    _write(tree, "signatories/föreningen-å.yml", PARTY)
    assert "foreningen-a.yml" in _problems(tree)[0].hint


def test_two_files_with_the_same_stem_are_rejected(tree: Path) -> None:
    _write(tree, "signatories/ny.yaml", PARTY)
    _write(tree, "signatories/ny.yml", PARTY)
    (problem,) = _problems(tree)
    assert problem.path == "signatories/ny.yml" and "finns redan" in problem.message


def test_ignored_files_are_ignored_and_stray_files_reported(tree: Path) -> None:
    _write(tree, "signatories/_mall.yml", "inte: giltig")
    _write(tree, "signatories/.gitkeep", "")
    _write(tree, "signatories/README.md", "# Parter")
    assert isinstance(load_register(tree, TODAY), Register)
    _write(tree, "signatories/ny.yml.txt", PARTY)
    (problem,) = _problems(tree)
    assert (problem.path, problem.message) == (
        "signatories/ny.yml.txt", "filen är ingen datafil och läses inte",
    )  # fmt: skip


def test_files_over_64_kib_are_rejected(tree: Path) -> None:
    _write(tree, "signatories/stor.yml", PARTY + "description: |\n" + "  x\n" * 30000)
    (problem,) = _problems(tree)
    assert problem.path == "signatories/stor.yml" and "(64 KiB) är tillåtet" in problem.message


def test_a_missing_agreement_file_is_reported(tree: Path) -> None:
    (tree / "agreement" / "agreement.yml").unlink()
    assert _lines(tree) == [
        "agreement/agreement.yml:1:1: filen saknas – skapa agreement/agreement.yml"
    ]


def test_one_bad_file_means_no_register_at_all(tree: Path) -> None:
    _write(tree, "signatories/trasig.yml", "name: [\n")
    result = load_register(tree, TODAY)
    assert isinstance(result, list) and len(result) == 1


def test_invalid_utf8_and_tabs_are_reported_per_file(tree: Path) -> None:
    _write(tree, "signatories/latin.yml", "name: F\xf6rening\n".encode("latin-1"))
    _write(tree, "signatories/tabb.yml", "name: Tabb\ncontact:\n\temail: a@b.se\n")
    assert [(p.path, p.line, p.column, p.message) for p in _problems(tree)] == [
        ("signatories/latin.yml", 1, 8, "filen är inte giltig UTF-8"),
        ("signatories/tabb.yml", 3, 1, "tabbtecken används för indrag"),
    ]


def test_a_too_short_name_says_how_many_characters_are_needed(tree: Path) -> None:
    _write(tree, "signatories/x.yml", PARTY.replace("Ny förening", "X"))
    (problem,) = _problems(tree)
    assert (problem.key, problem.message) == ("name", "är för kort (minst 2 tecken)")


def test_cross_file_problems_are_reported_along_with_problems_of_single_files(tree: Path) -> None:
    _write(tree, "signatories/trasig.yml", "name: X\n")
    _write(tree, "signatories/zeta.yml", PARTY + "areas: [hav]\n")
    path = tree / "dialogues/2027-fritid.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("beta-stiftelsen", "trasig"), "utf-8")
    places = {(p.path, p.key) for p in _problems(tree)}
    assert ("signatories/zeta.yml", "areas.0") in places
    # a host whose own file is broken is reported in that file only, not as missing
    assert not any(path == "dialogues/2027-fritid.yml" for path, _ in places)
