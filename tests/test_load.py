"""Files → a Register, or every problem with `path:line:column: key: message`, end to end
through `load_register` on small trees written for each test; and, property-based, that no
input makes the loader fail with anything but reported problems."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, find, given, settings
from hypothesis import strategies as st
from pydantic_core import PydanticCustomError

from okide.datafiles import MAX_FILE_BYTES
from okide.fields import legible, luhn_check_digit
from okide.load import _Read, load_register, read_entry
from okide.models import FORMS, Register, Signatory
from okide.problems import Problem, sort_problems
from okide.yamlstrict import FAST_LOADER, StrictYamlError, parse_text
from tests.conftest import SMALL, TODAY

AGREEMENT = """\
short_name: ÖK Test
title: Överenskommelse om test
public_party: Testby kommun
adopted: 2020-02-03
purpose: Att samverka.
areas:
  - id: trygghet
    title: Trygghet
  - id: fritid
    title: Fritid
contact:
  email: ok@testby.example.org
"""
PARTY = "name: Ny förening\nform: ideell förening\nsigned: 2024-01-01\n"
DIALOGUE = (
    "title: Stordialog\nstart: 2027-01-20T17:00\nend: 2027-01-20T19:00\n"
    "description: Om fritid.\nonline: https://testby.example.org/mote\n"
)
VALUE = "order: 1\ntitle: Dialog\ntext: Vi talar med varandra.\n"
CLAUSE = "number: 3\ntitle: Syfte\ntext: Parterna samverkar.\n"
LINK = (
    "en symbolisk länk läses inte"
    " – lägg in själva filen eller mappen här i stället för en länk till den"
)


def _tree(root: Path, files: dict[str, str | bytes], agreement: bool = True) -> Path:
    """A data tree under root: agreement.yml unless told otherwise, plus files."""
    every: dict[str, str | bytes] = {"agreement/agreement.yml": AGREEMENT} if agreement else {}
    for relative, content in {**every, **files}.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


def _problems(root: Path) -> list[Problem]:
    result = load_register(root, TODAY)
    assert isinstance(result, list), "expected problems, got a register"
    assert all(isinstance(problem, Problem) for problem in result)
    return result


def _only(root: Path) -> Problem:
    (problem,) = _problems(root)
    return problem


def _place(problem: Problem) -> tuple[str, int, int, str]:
    return problem.path, problem.line, problem.column, problem.key


def _starts(root: Path, expected: str) -> None:
    """The single problem's text starts with the expected place, key and message."""
    assert _only(root).text().startswith(expected), _only(root).text()


# The fixture and valid trees --------------------------------------------------------------------


def test_fixture_loads_to_a_register_with_every_entry() -> None:
    register = load_register(SMALL, TODAY)
    assert isinstance(register, Register)
    counts = tuple(
        len(section)
        for section in (
            register.signatories,
            register.values,
            register.clauses,
            register.dialogues,
        )
    )
    assert counts == (4, 3, 4, 3)
    assert [area.id for area in register.agreement.areas] == ["trygghet", "fritid-och-kultur"]


def test_fixture_values_reach_the_models_as_written() -> None:
    register = load_register(SMALL, TODAY)
    assert isinstance(register, Register)
    assert register.signatories["no"].name == "NO"
    assert register.signatories["alfa-idrottsforening"].org_number == "802400-0005"
    assert register.signatories["alfa-idrottsforening"].source == (
        "signatories/alfa-idrottsforening.yml"
    )
    assert [c.number for c in register.clauses_in_order()] == ["1", "9.2", "9.10", "10"]


def test_a_tree_with_only_the_agreement_is_a_valid_empty_register(tmp_path: Path) -> None:
    register = load_register(_tree(tmp_path, {}), TODAY)
    assert isinstance(register, Register)
    assert (register.signatories, register.dialogues) == ({}, {})


def test_a_byte_order_mark_and_windows_line_endings_are_accepted(tmp_path: Path) -> None:
    raw = b"\xef\xbb\xbf" + PARTY.replace("\n", "\r\n").encode()
    register = load_register(_tree(tmp_path, {"signatories/ny.yml": raw}), TODAY)
    assert isinstance(register, Register) and register.signatories["ny"].name == "Ny förening"


def test_agreement_yaml_suffix_is_read_when_there_is_no_yml(tmp_path: Path) -> None:
    _tree(tmp_path, {"agreement/agreement.yaml": AGREEMENT}, agreement=False)
    assert isinstance(load_register(tmp_path, TODAY), Register)


# One file, one problem, exact place -------------------------------------------------------------


def test_org_number_with_wrong_check_digit_is_rejected_with_line(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/abf-fyrbodal.yml": PARTY + "org_number: 802400-0004\n"})
    assert _only(tmp_path).text() == (
        "signatories/abf-fyrbodal.yml:4:13: org_number: kontrollsiffran stämmer inte (väntade 5)"
        " – kontrollera numret mot Bolagsverkets eller Skatteverkets uppgifter"
    )


def test_personnummer_is_rejected_at_the_org_number(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a.yml": PARTY + 'org_number: "640823-3234"\n'})
    _starts(tmp_path, "signatories/a.yml:4:13: org_number: numret är ett personnummer")


def test_missing_key_points_at_the_top_mapping(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a.yml": "# kommentar\n\nname: Ny förening\nform: annan\n"})
    _starts(
        tmp_path, "signatories/a.yml:3:1: signed: obligatorisk nyckel saknas – lägg till 'signed:'"
    )


def test_missing_nested_key_points_at_its_mapping(tmp_path: Path) -> None:
    _tree(tmp_path, {"dialogues/d.yml": DIALOGUE + "location:\n  address: Storgatan 1\n"})
    _starts(tmp_path, "dialogues/d.yml:7:3: location.name: obligatorisk nyckel saknas")


def test_missing_key_in_a_list_item_points_at_the_item(tmp_path: Path) -> None:
    text = AGREEMENT.replace("    title: Fritid\n", "")
    _tree(tmp_path, {"agreement/agreement.yml": text})
    _starts(tmp_path, "agreement/agreement.yml:9:5: areas.1.title: obligatorisk nyckel saknas")


def test_unknown_key_points_at_the_key_and_suggests_the_closest(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a.yml": PARTY + "\nwebsite_url: https://a.se\n"})
    assert _only(tmp_path).text() == (
        "signatories/a.yml:5:1: website_url: okänd nyckel 'website_url' – menade du 'website'?"
    )


def test_unknown_nested_key_points_at_the_key_and_lists_the_allowed(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a.yml": PARTY + "contact:\n  epost: a@b.se\n"})
    assert _only(tmp_path).text() == (
        "signatories/a.yml:5:3: contact.epost: okänd nyckel 'epost'"
        " – tillåtna nycklar: email, phone, url"
    )


def test_empty_required_value_says_the_value_is_missing(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a.yml": "name:\nform: annan\nsigned: 2020-01-01\n"})
    _starts(tmp_path, "signatories/a.yml:1:6: name: värdet saknas")


def test_wrong_form_is_rejected_at_the_value_with_a_suggestion(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a.yml": PARTY.replace("ideell", "Ideell")})
    problem = _only(tmp_path)
    assert _place(problem) == ("signatories/a.yml", 2, 7, "form")
    assert problem.message.startswith("ska vara en av: ideell förening, ekonomisk förening")
    assert problem.hint == "menade du 'ideell förening'?"


def test_a_list_where_text_belongs_is_rejected(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a.yml": PARTY.replace("Ny förening", "[Ny, förening]")})
    _starts(tmp_path, "signatories/a.yml:1:7: name: ska vara text, inte en lista")


def test_text_where_a_list_belongs_is_rejected(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a.yml": PARTY + "areas: trygghet\n"})
    _starts(tmp_path, "signatories/a.yml:4:8: areas: ska vara en lista, inte text")


def test_signed_in_the_future_is_rejected_at_the_date(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a.yml": PARTY.replace("2024-01-01", "2026-11-23")})
    _starts(tmp_path, "signatories/a.yml:3:9: signed: datumet 2026-11-23 ligger i framtiden")


def test_left_before_signed_is_rejected_at_left(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a.yml": PARTY + "left:   2023-12-31\n"})
    _starts(
        tmp_path, "signatories/a.yml:4:9: left: lämnade 2023-12-31, före undertecknandet 2024-01-01"
    )


def test_too_short_name_says_how_many_characters_are_needed(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a.yml": PARTY.replace("Ny förening", "X")})
    _starts(tmp_path, "signatories/a.yml:1:7: name: är för kort (minst 2 tecken)")


def test_too_long_description_says_how_long(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a.yml": PARTY + "description: " + "å" * 1001 + "\n"})
    _starts(tmp_path, "signatories/a.yml:4:14: description: är för långt (1001 tecken, högst 1000)")


def test_duplicate_list_item_is_rejected_at_the_repeat(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a.yml": PARTY + "areas:\n  - fritid\n  - trygghet\n  - fritid\n"})
    assert _only(tmp_path).text() == (
        "signatories/a.yml:7:5: areas.2: 'fritid' står två gånger i listan – ta bort dubbletten"
    )


def test_duplicate_host_in_a_flow_list_is_rejected_at_the_repeat(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {"signatories/alfa.yml": PARTY, "dialogues/d.yml": DIALOGUE + "hosts: [alfa, alfa]\n"},
    )
    _starts(tmp_path, "dialogues/d.yml:6:15: hosts.1: 'alfa' står två gånger i listan")


def test_braces_in_what_the_editor_wrote_are_quoted_as_written(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a.yml": PARTY.replace("2024-01-01", "'{hint} {loc}'")})
    _starts(tmp_path, "signatories/a.yml:3:9: signed: '{hint} {loc}' är inte ett datum på formen")


@pytest.mark.parametrize(
    ("relative", "text"),
    [("signatories/a.yml", PARTY.replace("Ny förening", "' '")),
     ("signatories/a.yml", PARTY.replace("Ny förening", "X")),
     ("signatories/a.yml", PARTY.replace("2024-01-01", "2023-02-29")),
     ("signatories/a.yml", PARTY + "contact: {}\n"),
     ("agreement/values/v.yml", VALUE.replace("order: 1", "order: 0")),
     ("dialogues/d.yml", DIALOGUE.replace("T17:00", "T24:00")),
     ("dialogues/d.yml", DIALOGUE + "registration: {deadline: 2027-01-19}\n"),
     ("agreement/agreement.yml", AGREEMENT.replace("id: fritid", "id: trygghet")),
     ("agreement/agreement.yml",
      AGREEMENT.split("areas:")[0] + "areas: []\ncontact:\n  email: ok@testby.example.org\n")],
    ids=["blank", "too-short", "not-in-calendar", "empty-contact", "order-0", "hour-24",
         "registration-without-address", "area-twice", "no-areas"],
)  # fmt: skip
def test_every_rejection_says_how_to_fix_it(tmp_path: Path, relative: str, text: str) -> None:
    _tree(tmp_path, {relative: text})
    problem = _only(tmp_path)
    assert problem.hint, problem.text()


def test_bad_list_item_is_rejected_at_the_item(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a.yml": PARTY + "areas:\n  - fritid\n  - Trygghet\n"})
    _starts(tmp_path, "signatories/a.yml:6:5: areas.1: 'Trygghet' är inte ett giltigt id")


def test_empty_contact_is_rejected_at_the_contact(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a.yml": PARTY + "contact: {}\n"})
    _starts(tmp_path, "signatories/a.yml:4:10: contact: ange minst en av email, phone och url")


def test_dialogue_without_location_or_online_is_rejected_at_the_top(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {"dialogues/d.yml": DIALOGUE.replace("online: https://testby.example.org/mote\n", "")},
    )
    _starts(tmp_path, "dialogues/d.yml:1:1: ange location, online eller båda")


def test_dialogue_ending_before_it_starts_is_rejected_at_the_end(tmp_path: Path) -> None:
    _tree(tmp_path, {"dialogues/d.yml": DIALOGUE.replace("T19:00", "T16:00")})
    _starts(tmp_path, "dialogues/d.yml:3:6: end: slutet ska ligga efter starten")


def test_deadline_after_the_start_is_rejected_at_the_deadline(tmp_path: Path) -> None:
    text = DIALOGUE + "registration:\n  email: a@b.se\n  deadline: 2027-01-21\n"
    _tree(tmp_path, {"dialogues/d.yml": text})
    _starts(
        tmp_path,
        "dialogues/d.yml:8:13: registration.deadline: sista anmälningsdag ligger efter dialogens start",
    )


def test_registration_without_url_or_email_is_rejected_at_the_registration(tmp_path: Path) -> None:
    _tree(tmp_path, {"dialogues/d.yml": DIALOGUE + "registration:\n  deadline: 2027-01-19\n"})
    _starts(tmp_path, "dialogues/d.yml:7:3: registration: ange url eller email för anmälan")


def test_date_time_with_a_space_is_rejected_at_the_value(tmp_path: Path) -> None:
    _tree(tmp_path, {"dialogues/d.yml": DIALOGUE.replace("2027-01-20T17:00", "'2027-01-20 17:00'")})
    _starts(
        tmp_path,
        "dialogues/d.yml:2:8: start: '2027-01-20 17:00' är inte en tidpunkt på formen ÅÅÅÅ-MM-DDTHH:MM",
    )


def test_website_that_would_break_out_of_its_link_is_rejected_at_the_value(tmp_path: Path) -> None:
    website = 'https://a.se/"><img/src=x/onerror=alert(1)>'
    _tree(tmp_path, {"signatories/a.yml": PARTY + f"website: {website}\n"})
    assert _only(tmp_path).text() == (
        f"signatories/a.yml:4:10: website: '{website}' är inte en webbadress"
        ' – tecknet " får inte stå i en webbadress; skriv det som %22'
    )


def test_markdown_link_that_is_not_allowed_is_rejected_at_the_value(tmp_path: Path) -> None:
    _tree(tmp_path, {"agreement/values/v.yml": VALUE.replace("Vi talar", "Se [oss](javascript:x)")})
    # At the address itself, inside the text.
    _starts(tmp_path, "agreement/values/v.yml:3:16: text: länken 'javascript:x' är inte tillåten")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("name: A\nname: B\n", "signatories/a.yml:2:1: name: nyckeln 'name' finns redan på rad 1"),
        ("name: &n A\n", "signatories/a.yml:1:7: ankare (&n) stöds inte"),
        ("name: *n\n", "signatories/a.yml:1:7: alias (*n) stöds inte"),
        ("name: a\n---\nname: b\n", "signatories/a.yml:2:1: filen innehåller flera YAML-dokument"),
        ("# tom\n", "signatories/a.yml:1:1: filen är tom"),
        ("- a\n", "signatories/a.yml:1:1: filen ska bestå av nycklar med värden, men är en lista"),
        ("contact:\n\temail: a@b.se\n", "signatories/a.yml:2:1: tabbtecken används för indrag"),
        ("signed: !!str 2020-01-01\n", "signatories/a.yml:1:9: taggen tag:yaml.org,2002:str stöds inte"),
        ("name: a: b\n", "signatories/a.yml:1:8: YAML-fel: ett kolon (:) på fel ställe"),
    ],
    ids=["duplicate", "anchor", "alias", "documents", "empty", "list", "tab", "tag", "syntax"],
)  # fmt: skip
def test_strict_yaml_rejections_reach_the_problem_list(
    tmp_path: Path, text: str, expected: str
) -> None:
    _tree(tmp_path, {"signatories/a.yml": text})
    _starts(tmp_path, expected)


def test_invalid_utf8_is_rejected_at_the_bad_byte(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a.yml": "name: Förening\n".encode("latin-1")})
    _starts(tmp_path, "signatories/a.yml:1:8: filen är inte giltig UTF-8")


# Several files ----------------------------------------------------------------------------------


def test_problems_from_several_files_come_together_sorted_by_file_and_line(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "signatories/b.yml": "name: B förening\nform: x\nsigned: 2020-01-01\nleft: 2019-01-01\n",
            "signatories/a.yml": PARTY + "website: ftp://a.se\n",
            "dialogues/z.yml": DIALOGUE.replace("T19:00", "T16:00"),
            "agreement/values/v.yml": VALUE.replace("order: 1", "order: 0"),
        },
    )
    assert [_place(p) for p in _problems(tmp_path)] == [
        ("agreement/values/v.yml", 1, 8, "order"),
        ("dialogues/z.yml", 3, 6, "end"),
        ("signatories/a.yml", 4, 10, "website"),
        ("signatories/b.yml", 2, 7, "form"),
        ("signatories/b.yml", 4, 7, "left"),
    ]


def test_one_bad_file_means_only_problems_and_no_register(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/bra.yml": PARTY, "signatories/trasig.yml": "name: [\n"})
    result = load_register(tmp_path, TODAY)
    assert isinstance(result, list)
    assert [p.path for p in result] == ["signatories/trasig.yml"]


def test_one_cross_file_problem_means_only_problems_and_no_register(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a.yml": PARTY + "areas: [hav]\n", "dialogues/d.yml": DIALOGUE})
    result = load_register(tmp_path, TODAY)
    assert isinstance(result, list) and len(result) == 1


def test_broken_agreement_stops_at_its_own_problems(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {"agreement/agreement.yml": AGREEMENT.replace("purpose", "syfte"),
         "signatories/a.yml": PARTY + "areas: [hav]\n"},
    )  # fmt: skip
    assert [(p.path, p.key) for p in _problems(tmp_path)] == [
        ("agreement/agreement.yml", "purpose"), ("agreement/agreement.yml", "syfte"),
    ]  # fmt: skip


# Across files -----------------------------------------------------------------------------------


def _texts(root: Path) -> list[str]:
    return [problem.text() for problem in _problems(root)]


def test_duplicate_org_number_is_reported_on_both_files_each_naming_the_other(
    tmp_path: Path,
) -> None:
    _tree(
        tmp_path,
        {"signatories/alfa.yml": PARTY + "org_number: 802400-0005\n",
         "signatories/beta.yml": PARTY.replace("Ny", "Annan") + "org_number: '168024000005'\n"},
    )  # fmt: skip
    assert _texts(tmp_path) == [
        "signatories/alfa.yml:4:13: org_number: organisationsnumret används redan i "
        "signatories/beta.yml – varje värde får bara förekomma en gång",
        "signatories/beta.yml:4:13: org_number: organisationsnumret används redan i "
        "signatories/alfa.yml – varje värde får bara förekomma en gång",
    ]


def test_clause_numbers_3_1_and_3_01_are_the_same_and_both_files_are_told(
    tmp_path: Path,
) -> None:
    _tree(
        tmp_path,
        {"agreement/clauses/a.yml": CLAUSE.replace("number: 3", "number: 3.1"),
         "agreement/clauses/b.yml": CLAUSE.replace("number: 3", "number: '3.01'")},
    )  # fmt: skip
    assert [text.split(" – ")[0] for text in _texts(tmp_path)] == [
        "agreement/clauses/a.yml:1:9: number: numret används redan i agreement/clauses/b.yml",
        "agreement/clauses/b.yml:1:9: number: numret används redan i agreement/clauses/a.yml",
    ]


def test_duplicate_value_order_is_reported_on_both_files(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {"agreement/values/a.yml": VALUE, "agreement/values/b.yml": VALUE.replace("1", "01")},
    )
    assert [text.split(" – ")[0] for text in _texts(tmp_path)] == [
        "agreement/values/a.yml:1:8: order: ordningen används redan i agreement/values/b.yml",
        "agreement/values/b.yml:1:8: order: ordningen används redan i agreement/values/a.yml",
    ]


def test_same_name_behind_a_zero_width_space_is_reported_on_both_files(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {"signatories/a.yml": PARTY,
         "signatories/b.yml": 'form: annan\nname: "NY  f\\u200bÖRENING"\nsigned: 2024-01-01\n'},
    )  # fmt: skip
    hint = (
        " – två parter får inte heta likadant, inte heller med andra stora eller små bokstäver, "
        "mellanslag eller osynliga tecken; är det samma organisation?"
    )
    assert _texts(tmp_path) == [
        "signatories/a.yml:1:7: name: namnet är detsamma som i signatories/b.yml" + hint,
        "signatories/b.yml:2:7: name: namnet är detsamma som i signatories/a.yml" + hint,
    ]


def test_party_signed_before_the_agreement_was_adopted_names_the_agreement(
    tmp_path: Path,
) -> None:
    _tree(tmp_path, {"signatories/a.yml": PARTY.replace("2024-01-01", "2020-02-02")})
    assert _only(tmp_path).text() == (
        "signatories/a.yml:3:9: signed: undertecknad 2020-02-02, före 2020-02-03 då "
        "överenskommelsen antogs (agreement/agreement.yml) – kontrollera signed; ingen kan "
        "skriva under innan överenskommelsen är antagen"
    )


def test_host_that_left_before_the_dialogue_is_reported_on_both_files(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {"signatories/alfa.yml": PARTY + "left: 2026-06-30\n",
         "dialogues/d.yml": DIALOGUE + "hosts:\n  - alfa\n"},
    )  # fmt: skip
    assert [text.split(" – ")[0] for text in _texts(tmp_path)] == [
        "dialogues/d.yml:7:5: hosts.0: 'alfa' lämnade överenskommelsen 2026-06-30 "
        "(signatories/alfa.yml), före dialogens dag 2027-01-20",
        "signatories/alfa.yml:4:7: left: parten lämnade överenskommelsen 2026-06-30, före "
        "stordialogen 2027-01-20 där den är medarrangör (dialogues/d.yml)",
    ]


def test_host_that_had_not_signed_on_the_dialogues_day_is_reported_on_both_files(
    tmp_path: Path,
) -> None:
    past = DIALOGUE.replace("2027-01-20", "2023-05-04")
    _tree(
        tmp_path,
        {"signatories/alfa.yml": PARTY, "dialogues/d.yml": past + "hosts: [alfa]\n"},
    )
    assert [text.split(" – ")[0] for text in _texts(tmp_path)] == [
        "dialogues/d.yml:6:9: hosts.0: 'alfa' skrev under 2024-01-01 (signatories/alfa.yml), "
        "efter dialogens dag 2023-05-04",
        "signatories/alfa.yml:3:9: signed: parten skrev under 2024-01-01, efter stordialogen "
        "2023-05-04 där den är medarrangör (dialogues/d.yml)",
    ]


def test_clause_value_that_does_not_exist_points_at_the_item(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {"agreement/values/dialog.yml": VALUE,
         "agreement/clauses/c.yml": CLAUSE + "values:\n  - dialog\n  - mod\n"},
    )  # fmt: skip
    assert _only(tmp_path).text() == (
        "agreement/clauses/c.yml:6:5: values.1: 'mod' finns inte bland värderingarna – finns: dialog"
    )


def test_party_area_that_does_not_exist_points_at_the_item(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a.yml": PARTY + "areas: [fritid, hav]\n"})
    assert _only(tmp_path).text() == (
        "signatories/a.yml:4:17: areas.1: 'hav' finns inte bland fokusområdena"
        " – finns: fritid, trygghet"
    )


def test_dialogue_area_that_does_not_exist_points_at_the_item(tmp_path: Path) -> None:
    _tree(tmp_path, {"dialogues/d.yml": DIALOGUE + "areas: [skog]\n"})
    _starts(tmp_path, "dialogues/d.yml:6:9: areas.0: 'skog' finns inte bland fokusområdena")


def test_dialogue_host_that_does_not_exist_points_at_the_item(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "signatories/alfa.yml": PARTY,
            "dialogues/d.yml": DIALOGUE + "hosts:\n  - alfa\n  - beta\n",
        },
    )
    assert _only(tmp_path).text() == (
        "dialogues/d.yml:8:5: hosts.1: 'beta' finns inte bland parterna – finns: alfa"
    )


def test_cross_file_problems_are_reported_together_with_problems_in_files(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {"signatories/a.yml": PARTY + "areas: [hav]\n", "signatories/b.yml": "name: X\n"},
    )
    assert [(p.path, p.key) for p in _problems(tmp_path)] == [
        ("signatories/a.yml", "areas.0"),
        ("signatories/b.yml", "form"),
        ("signatories/b.yml", "signed"),
        ("signatories/b.yml", "name"),
    ]


def test_host_whose_own_file_is_broken_is_not_also_reported_missing(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {
            "signatories/trasig.yml": "name: Trasig\n",
            "dialogues/d.yml": DIALOGUE + "hosts: [trasig]\n",
        },
    )
    assert {p.path for p in _problems(tmp_path)} == {"signatories/trasig.yml"}


def test_missing_area_named_like_a_value_file_is_reported_while_other_files_are_broken(
    tmp_path: Path,
) -> None:
    _tree(
        tmp_path,
        {"agreement/values/oppenhet.yml": VALUE, "signatories/a.yml": PARTY + "areas: [oppenhet]\n",
         "signatories/b.yml": "name: X\n"},
    )  # fmt: skip
    assert ("signatories/a.yml", "areas.0") in {(p.path, p.key) for p in _problems(tmp_path)}


# File names and folders -------------------------------------------------------------------------


def test_file_stem_that_is_not_a_slug_is_rejected_with_a_suggested_slug(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/ABF Fyrbodal.yml": PARTY})
    assert _only(tmp_path).text() == (
        "signatories/ABF Fyrbodal.yml:1:1: filnamnet 'ABF Fyrbodal' är inte ett giltigt id"
        " – byt namn till abf-fyrbodal.yml (a–z, 0–9 och bindestreck)"
    )


def test_file_stem_with_swedish_letters_is_suggested_without_them(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/Åby Öst_IF.yml": PARTY})
    assert _only(tmp_path).hint.startswith("byt namn till aby-ost-if.yml")


def test_two_files_with_the_same_stem_are_both_rejected_each_naming_the_other(
    tmp_path: Path,
) -> None:
    _tree(tmp_path, {"signatories/x.yml": PARTY, "signatories/x.yaml": PARTY})
    hint = " – två filer får inte ha samma namn före .yml/.yaml; ta bort eller byt namn på en"
    assert [problem.text() for problem in _problems(tmp_path)] == [
        "signatories/x.yaml:1:1: id:t 'x' finns också i signatories/x.yml" + hint,
        "signatories/x.yml:1:1: id:t 'x' finns också i signatories/x.yaml" + hint,
    ]


def test_files_starting_with_underscore_or_dot_and_readme_are_ignored(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {"signatories/_mall.yml": "trasig: [", "signatories/.utkast.yml": "trasig: [",
         "signatories/.gitkeep": "", "signatories/README.md": "# Parter\n",
         "signatories/ny.yml": PARTY},
    )  # fmt: skip
    register = load_register(tmp_path, TODAY)
    assert isinstance(register, Register) and list(register.signatories) == ["ny"]


def test_subfolder_of_a_data_folder_is_reported_and_not_read(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/arkiv/gammal.yml": "trasig: ["})
    assert _only(tmp_path).text() == (
        "signatories/arkiv:1:1: en mapp inuti en datamapp läses inte – lägg datafilerna direkt"
        " i signatories/, eller låt mappens namn börja med _ om den inte innehåller data"
    )


def test_subfolder_whose_name_starts_with_underscore_is_ignored(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/_arkiv/gammal.yml": "trasig: [", "signatories/ny.yml": PARTY})
    register = load_register(tmp_path, TODAY)
    assert isinstance(register, Register) and list(register.signatories) == ["ny"]


@pytest.mark.parametrize("name", ["anteckningar.txt", "ny.yml.bak", "ny.YML", "bild.png"])
def test_stray_file_in_a_data_folder_is_reported(tmp_path: Path, name: str) -> None:
    _tree(tmp_path, {f"dialogues/{name}": "x"})
    assert _only(tmp_path).text() == (
        f"dialogues/{name}:1:1: filen är ingen datafil och läses inte"
        " – data ska ligga i filer som slutar på .yml"
    )


def test_file_of_exactly_64_kib_is_accepted(tmp_path: Path) -> None:
    text = PARTY + "#" * (MAX_FILE_BYTES - len(PARTY.encode()) - 1) + "\n"
    assert len(text.encode()) == 64 * 1024
    assert isinstance(load_register(_tree(tmp_path, {"signatories/a.yml": text}), TODAY), Register)


def test_file_over_64_kib_is_rejected_before_it_is_read(tmp_path: Path) -> None:
    text = "name: [\n" + "#" * 70000 + "\n"
    _tree(tmp_path, {"signatories/stor.yml": text})
    assert _only(tmp_path).text() == (
        "signatories/stor.yml:1:1: filen är 70009 byte; högst 65536 byte (64 KiB) är tillåtet"
        " – korta texterna; en post ska inte behöva mer"
    )


def test_file_one_byte_over_64_kib_says_its_size_in_bytes(tmp_path: Path) -> None:
    text = PARTY + "#" * (MAX_FILE_BYTES - len(PARTY.encode())) + "\n"
    _tree(tmp_path, {"signatories/a.yml": text})
    assert _only(tmp_path).message == "filen är 65537 byte; högst 65536 byte (64 KiB) är tillåtet"


def test_huge_file_is_rejected_with_its_real_size(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/stor.yml": PARTY})
    with open(tmp_path / "signatories/stor.yml", "r+b") as stream:
        stream.truncate(2**30)  # sparse: only the first 64 KiB + 1 byte are read
    assert _only(tmp_path).message == (
        "filen är 1073741824 byte; högst 65536 byte (64 KiB) är tillåtet"
    )


def test_link_to_a_file_that_does_not_exist_is_reported_as_a_link(tmp_path: Path) -> None:
    _tree(tmp_path, {})
    (tmp_path / "signatories").mkdir()
    (tmp_path / "signatories/borta.yml").symlink_to(tmp_path / "finns-inte.yml")
    assert _only(tmp_path).text() == "signatories/borta.yml:1:1: " + LINK


# Hostile file systems: links, FIFOs, sockets, devices, folders where files belong ---------------

SECRET = "hemlig_nyckel_ur_fel_fil: lösenord-7Q2x\n"
SPECIAL = (
    "filen är ingen vanlig fil (utan en FIFO, en socket eller en enhetsfil) och läses inte"
    " – en datafil ska vara en vanlig textfil"
)
NOT_A_FOLDER = "ska vara en mapp med datafiler men är en fil"


def _load_in_time(root: Path, seconds: float = 20) -> Register | list[Problem]:
    """load_register in a thread that must finish: a blocked open fails the test, not hangs it."""
    import threading

    results: list[Register | list[Problem]] = []
    thread = threading.Thread(target=lambda: results.append(load_register(root, TODAY)))
    thread.daemon = True
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "the loader waited on something it opened"
    (result,) = results
    return result


def _texts(root: Path) -> list[str]:
    result = _load_in_time(root)
    assert isinstance(result, list), "expected problems, got a register"
    return [problem.text() for problem in result]


def _secret_outside(tmp_path: Path) -> Path:
    """A file outside the data root whose content would show in a message if it were read."""
    outside = tmp_path / "utanfor"
    outside.mkdir()
    (outside / "hemlig.yml").write_text(PARTY + SECRET, encoding="utf-8")
    return outside / "hemlig.yml"


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names the loader asks the operating system to open."""
    import os

    names: list[str] = []
    real_open = os.open

    def spying(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        names.append(os.fsdecode(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", spying)
    return names


def test_symlinked_entry_file_is_reported_and_its_target_never_opened(
    tmp_path: Path, opened: list[str]
) -> None:
    secret = _secret_outside(tmp_path)
    root = _tree(tmp_path / "data", {"signatories/ny.yml": PARTY})
    (root / "signatories/lank.yml").symlink_to(secret)
    texts = _texts(root)
    assert texts == ["signatories/lank.yml:1:1: " + LINK]
    assert "lank.yml" not in opened and str(secret) not in opened
    assert "lösenord" not in "".join(texts) and "hemlig" not in "".join(texts)


def test_symlink_to_a_fifo_is_reported_without_opening_the_fifo(
    tmp_path: Path, opened: list[str]
) -> None:
    import os

    fifo = tmp_path / "ror"
    os.mkfifo(fifo)
    root = _tree(tmp_path / "data", {})
    (root / "dialogues").mkdir()
    (root / "dialogues/mote.yml").symlink_to(fifo)
    assert _texts(root) == ["dialogues/mote.yml:1:1: " + LINK]
    assert "mote.yml" not in opened


def test_fifo_in_a_data_folder_is_reported_without_waiting_for_a_writer(tmp_path: Path) -> None:
    import os

    _tree(tmp_path, {})
    (tmp_path / "signatories").mkdir()
    os.mkfifo(tmp_path / "signatories/ror.yml")
    assert _texts(tmp_path) == ["signatories/ror.yml:1:1: " + SPECIAL]


def test_fifo_as_the_agreement_file_is_reported_without_waiting(tmp_path: Path) -> None:
    import os

    (tmp_path / "agreement").mkdir()
    os.mkfifo(tmp_path / "agreement/agreement.yml")
    assert _texts(tmp_path) == ["agreement/agreement.yml:1:1: " + SPECIAL]


def test_unix_socket_in_a_data_folder_is_reported(tmp_path: Path) -> None:
    import socket

    _tree(tmp_path, {})
    (tmp_path / "dialogues").mkdir()
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "dialogues/s.yml"))
        assert _texts(tmp_path) == ["dialogues/s.yml:1:1: " + SPECIAL]


def test_device_file_in_a_data_folder_is_reported(tmp_path: Path) -> None:
    import os
    import stat

    _tree(tmp_path, {})
    (tmp_path / "signatories").mkdir()
    try:
        os.mknod(tmp_path / "signatories/noll.yml", 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device file needs CAP_MKNOD (root); links to devices are covered")
    assert _texts(tmp_path) == ["signatories/noll.yml:1:1: " + SPECIAL]


def test_symlinked_data_folder_is_reported_and_not_read(tmp_path: Path, opened: list[str]) -> None:
    secret = _secret_outside(tmp_path)
    root = _tree(tmp_path / "data", {})
    (root / "signatories").symlink_to(secret.parent, target_is_directory=True)
    texts = _texts(root)
    assert texts == ["signatories:1:1: " + LINK]
    assert "signatories" not in opened and "hemlig.yml" not in opened
    assert "lösenord" not in "".join(texts)


def test_symlinked_agreement_file_is_reported_and_its_target_never_opened(
    tmp_path: Path, opened: list[str]
) -> None:
    secret = _secret_outside(tmp_path)
    (tmp_path / "data/agreement").mkdir(parents=True)
    (tmp_path / "data/agreement/agreement.yml").symlink_to(secret)
    texts = _texts(tmp_path / "data")
    assert texts == ["agreement/agreement.yml:1:1: " + LINK]
    assert "agreement.yml" not in opened
    assert "lösenord" not in "".join(texts)


def test_symlinked_agreement_folder_is_reported_and_nothing_in_it_is_read(
    tmp_path: Path, opened: list[str]
) -> None:
    elsewhere = _tree(tmp_path / "annan", {"agreement/values/v.yml": "order: [\n"})
    root = tmp_path / "data"
    root.mkdir()
    (root / "agreement").symlink_to(elsewhere / "agreement", target_is_directory=True)
    assert _texts(root) == ["agreement:1:1: " + LINK]
    assert not {"agreement", "agreement.yml", "values"} & set(opened)


def test_symlinked_values_folder_is_reported(tmp_path: Path) -> None:
    elsewhere = _tree(tmp_path / "annan", {"agreement/values/v.yml": VALUE})
    root = _tree(tmp_path / "data", {})
    (root / "agreement/values").symlink_to(elsewhere / "agreement/values")
    assert _texts(root) == ["agreement/values:1:1: " + LINK]


def test_symlink_loops_are_reported_as_links_without_a_traceback(tmp_path: Path) -> None:
    _tree(tmp_path, {})
    folder = tmp_path / "signatories"
    folder.mkdir()
    (folder / "a.yml").symlink_to("b.yml")
    (folder / "b.yml").symlink_to("a.yml")
    (folder / "runt").symlink_to(".", target_is_directory=True)
    (tmp_path / "dialogues").symlink_to("dialogues", target_is_directory=True)
    assert _texts(tmp_path) == [
        "dialogues:1:1: " + LINK,
        "signatories/a.yml:1:1: " + LINK,
        "signatories/b.yml:1:1: " + LINK,
        "signatories/runt:1:1: " + LINK,
    ]


def test_link_with_an_ignored_name_is_neither_reported_nor_opened(
    tmp_path: Path, opened: list[str]
) -> None:
    secret = _secret_outside(tmp_path)
    root = _tree(tmp_path / "data", {"signatories/ny.yml": PARTY})
    (root / "signatories/_mall.yml").symlink_to(secret)
    (root / "signatories/README.md").symlink_to(secret)
    assert isinstance(_load_in_time(root), Register)
    assert not {"_mall.yml", "README.md"} & set(opened)


def test_file_name_that_is_not_utf8_is_reported_with_its_bytes_escaped(tmp_path: Path) -> None:
    import os

    _tree(tmp_path, {})
    (tmp_path / "signatories").mkdir()
    with open(os.fsencode(tmp_path / "signatories") + b"/\xff\xfe.yml", "w") as stream:
        stream.write(PARTY)
    assert _texts(tmp_path) == [
        "signatories/\\xff\\xfe.yml:1:1: namnet är inte giltig UTF-8 och läses inte"
        " – byt namn; använd a–z, 0–9 och bindestreck"
    ]


def test_file_name_with_a_line_break_stays_on_one_line(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a\nb.yml": PARTY})
    assert _texts(tmp_path) == [
        "signatories/a\\nb.yml:1:1: filnamnet 'a\\nb' är inte ett giltigt id"
        " – byt namn till a-b.yml (a–z, 0–9 och bindestreck)"
    ]


def _refuse(monkeypatch: pytest.MonkeyPatch, refused: str, code: int) -> None:
    """os.open fails with code for one name, the way the kernel would for a user who is not
    root (these tests run as root in CI containers, and root may open anything)."""
    import os

    real_open = os.open

    def open_or_refuse(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.fsdecode(path) == refused:
            raise OSError(code, os.strerror(code), path)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_or_refuse)


def test_unreadable_data_folder_is_reported_in_swedish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    _tree(tmp_path, {"signatories/ny.yml": PARTY})
    _refuse(monkeypatch, "signatories", errno.EACCES)
    assert _texts(tmp_path) == [
        "signatories:1:1: behörighet saknas för att läsa mappen – ändra rättigheterna för mappen"
    ]


def test_unreadable_data_file_is_reported_in_swedish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    _tree(tmp_path, {"signatories/ny.yml": PARTY})
    _refuse(monkeypatch, "ny.yml", errno.EACCES)
    assert _texts(tmp_path) == [
        "signatories/ny.yml:1:1: behörighet saknas för att läsa filen"
        " – ändra rättigheterna för filen"
    ]


def test_any_other_error_opening_a_file_is_reported_with_its_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    _tree(tmp_path, {"signatories/ny.yml": PARTY})
    _refuse(monkeypatch, "ny.yml", errno.EIO)
    assert _texts(tmp_path) == [
        "signatories/ny.yml:1:1: filen kan inte läsas (EIO) – kontrollera filen"
    ]


def test_file_removed_while_the_loader_reads_is_reported_in_swedish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    _tree(tmp_path, {"signatories/ny.yml": PARTY})
    _refuse(monkeypatch, "ny.yml", errno.ENOENT)
    assert _texts(tmp_path) == [
        "signatories/ny.yml:1:1: filen finns inte längre – filen togs bort under läsningen; kör igen"
    ]


def test_really_unreadable_folder_is_reported_in_swedish(tmp_path: Path) -> None:
    import os

    if os.geteuid() == 0:
        pytest.skip("root reads a folder without read permission; the EACCES path is covered by"
                    " test_unreadable_data_folder_is_reported_in_swedish")  # fmt: skip
    _tree(tmp_path, {"signatories/ny.yml": PARTY})
    (tmp_path / "signatories").chmod(0)
    try:
        assert _texts(tmp_path) == [
            "signatories:1:1: behörighet saknas för att läsa mappen"
            " – ändra rättigheterna för mappen"
        ]
    finally:
        (tmp_path / "signatories").chmod(0o755)


def test_folder_named_like_a_data_file_is_reported(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/x.yml/y.yml": PARTY})
    assert _texts(tmp_path) == [
        "signatories/x.yml:1:1: 'x.yml' är en mapp, inte en datafil"
        " – en post ska vara en vanlig fil; ta bort mappen eller flytta ut filen ur den"
    ]


@pytest.mark.parametrize("folder", ["signatories", "dialogues", "agreement/clauses"])
def test_data_folder_that_is_a_file_is_reported(tmp_path: Path, folder: str) -> None:
    _tree(tmp_path, {folder: PARTY})
    assert _texts(tmp_path) == [
        f"{folder}:1:1: {NOT_A_FOLDER} – ta bort filen {folder} och lägg datafilerna i en mapp"
        " med det namnet"
    ]


def test_agreement_folder_that_is_a_file_is_reported(tmp_path: Path) -> None:
    _tree(tmp_path, {"agreement": AGREEMENT}, agreement=False)
    assert _texts(tmp_path) == [
        f"agreement:1:1: {NOT_A_FOLDER} – ta bort filen agreement och lägg datafilerna i en mapp"
        " med det namnet"
    ]


def test_agreement_yml_that_is_a_folder_is_reported(tmp_path: Path) -> None:
    _tree(tmp_path, {"agreement/agreement.yml/x.yml": AGREEMENT}, agreement=False)
    assert _texts(tmp_path) == [
        "agreement/agreement.yml:1:1: 'agreement.yml' är en mapp, inte en datafil"
        " – en post ska vara en vanlig fil; ta bort mappen eller flytta ut filen ur den"
    ]


@pytest.mark.parametrize("name", ["parter.yml", "anteckningar.txt", "arkiv/gammal.yml"])
def test_anything_else_in_the_agreement_folder_is_reported(tmp_path: Path, name: str) -> None:
    _tree(tmp_path, {f"agreement/{name}": PARTY})
    assert _texts(tmp_path) == [
        f"agreement/{name.split('/')[0]}:1:1: läses inte: i agreement/ läses bara agreement.yml"
        " och mapparna values/ och clauses/ – flytta den till den mapp där den hör hemma,"
        " eller låt namnet börja med _ om den inte innehåller data"
    ]


def test_ignored_names_in_the_agreement_folder_stay_ignored(tmp_path: Path) -> None:
    _tree(tmp_path, {"agreement/README.md": "# Om\n", "agreement/_mall.yml": "x: [",
                     "agreement/.utkast/a.yml": "x: ["})  # fmt: skip
    assert isinstance(load_register(tmp_path, TODAY), Register)


def test_a_missing_data_root_is_reported_in_swedish(tmp_path: Path) -> None:
    (problem,) = _problems(tmp_path / "finns-inte")
    assert (problem.path, problem.line, problem.column, problem.key) == (".", 1, 1, "")
    assert problem.message.startswith(f"datamappen {tmp_path / 'finns-inte'} kan inte öppnas")


# Ids that would take the place of a page the site makes itself ----------------------------------


def test_party_named_index_would_replace_the_register_and_is_refused(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/index.yml": PARTY})
    assert _texts(tmp_path) == [
        "signatories/index.yml:1:1: id:t 'index' är reserverat: webbplatsen gör själv"
        " parter/index.md – välj ett annat filnamn; annars skulle den sidan eller filen ersättas"
    ]


def test_dialogue_named_index_would_replace_the_dialogue_list_and_is_refused(
    tmp_path: Path,
) -> None:
    _tree(tmp_path, {"dialogues/index.yml": DIALOGUE})
    assert _texts(tmp_path) == [
        "dialogues/index.yml:1:1: id:t 'index' är reserverat: webbplatsen gör själv"
        " stordialoger/index.md – välj ett annat filnamn; annars skulle den sidan eller filen"
        " ersättas"
    ]


def _reserved_cases() -> list[tuple[str, str]]:
    from okide.sections import SECTIONS, reserved_ids

    sections = [name for name, section in SECTIONS.items() if section.page or section.files]
    return [(section, entry_id) for section in sections for entry_id in reserved_ids(section)]


@pytest.mark.parametrize(("section", "entry_id"), _reserved_cases())
def test_every_reserved_id_is_refused_in_its_folder(
    tmp_path: Path, section: str, entry_id: str
) -> None:
    from okide.sections import SECTIONS

    content = {"signatories": PARTY, "dialogues": DIALOGUE}[section]
    _tree(tmp_path, {f"{SECTIONS[section].folder}/{entry_id}.yml": content})
    (problem,) = _problems(tmp_path)
    assert problem.message.startswith(f"id:t '{entry_id}' är reserverat")


def test_index_is_an_ordinary_id_where_no_page_is_made_from_it(tmp_path: Path) -> None:
    _tree(tmp_path, {"agreement/values/index.yml": VALUE, "agreement/clauses/index.yml": CLAUSE})
    assert isinstance(load_register(tmp_path, TODAY), Register)


def test_missing_agreement_is_reported(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a.yml": PARTY}, agreement=False)
    assert _only(tmp_path).text() == (
        "agreement/agreement.yml:1:1: filen saknas – skapa agreement/agreement.yml"
    )


def test_missing_agreement_is_reported_with_the_other_files_problems(tmp_path: Path) -> None:
    _tree(tmp_path, {"signatories/a.yml": "name: X\n"}, agreement=False)
    problems = _problems(tmp_path)
    assert (problems[0].path, len(problems)) == ("agreement/agreement.yml", 4)


def test_agreement_yml_and_agreement_yaml_together_are_both_rejected(tmp_path: Path) -> None:
    _tree(tmp_path, {"agreement/agreement.yaml": AGREEMENT.replace("ÖK Test", "ÖK Annan")})
    assert [(p.path, p.message) for p in _problems(tmp_path)] == [
        ("agreement/agreement.yaml", "id:t 'agreement' finns också i agreement/agreement.yml"),
        ("agreement/agreement.yml", "id:t 'agreement' finns också i agreement/agreement.yaml"),
    ]


def test_missing_value_of_a_clause_is_reported_while_other_files_are_broken(
    tmp_path: Path,
) -> None:
    _tree(
        tmp_path,
        {"agreement/clauses/c.yml": CLAUSE + "values: [trasig, mod]\n",
         "agreement/values/trasig.yml": "order: 1\n", "signatories/mod.yml": PARTY},
    )  # fmt: skip
    assert [(p.path, p.key) for p in _problems(tmp_path)] == [
        ("agreement/clauses/c.yml", "values.1"),
        ("agreement/values/trasig.yml", "text"),
        ("agreement/values/trasig.yml", "title"),
    ]


# Property-based ----------------------------------------------------------------------------------

SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
# What editors type, and what goes wrong when they do. Documents are built from lines, mostly
# `key: value` with the real keys and values an editor might write, so that most examples get
# past the YAML reader into the models; the rest is broken indentation, markers and noise.
KEYS = st.sampled_from(
    ["name", "form", "signed", "left", "org_number", "website", "description", "areas", "contact",
     "email", "phone", "url", "title", "websit", "Namn", "å", "1", "NO", "? x", '"q"']
)  # fmt: skip
VALUES = st.sampled_from(
    ["", "Ny förening", "ideell förening", "annan", "2020-01-01", "2026-11-23", "2020-02-30",
     "802400-0005", "802400-0004", "640823-3234", "https://exempel.se", "ftp://x.se", "a@b.se",
     "0522-69 60 00", "NO", "yes", "~", "null", "01234", "12:30", "1e3", "[fritid, trygghet]",
     "[fritid, fritid]", "[hav]", "[]", "{}", "{email: a@b.se}", "'x'", "''", '"x\\ny"',
     '"\\u00e5"', "|", ">-", "&a x", "*a", "!!int 3", "[", "{", "'", '"', "@x", "x: y",
     "[Se](javascript:x)", "x" * 151, "# kommentar", "-", "? x", "%", "`", "a # b", "'it''s'",
     "[a, [b]]", "{a: [b, {c: d}]}", '"{hint}"']
)  # fmt: skip
WORDS = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cs", "Cc", "Zl", "Zp"]), max_size=6
)
ODD = st.sampled_from(
    ["\t", "\x00", "\x07", "\x1b", "\x7f", "\u2028", "\x85", "\ufeff", "\ufffe", "\r", "\r\n"]
)
VALID_PARTY = ["name: Ny förening", "form: ideell förening", "signed: 2024-01-01"]
# Lines that keep a party valid, so that a fair share of examples are accepted.
VALID_LINES = st.sampled_from(
    ["left: 2025-06-30", "org_number: 802400-0005", "org_number: '1680240000 05'",
     "website: https://exempel.se/ö", "description: |\n  Två rader\n  text.", "areas: [fritid]",
     "areas:\n  - trygghet", "contact:\n  email: a@b.se", "contact: {phone: 0522-69 60 00}",
     "# kommentar", "", "name: 'NO'", "form: stiftelse"]
)  # fmt: skip


@st.composite
def yaml_ish_lines(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 3)):
        return f"{draw(KEYS)}: {draw(st.one_of(VALUES, WORDS))}"
    indent = draw(st.sampled_from(["", "", "  ", "    ", " ", "\t"]))
    dash = draw(st.sampled_from(["", "- ", "-"]))
    colon = draw(st.sampled_from([":", ": ", " :", ":  "]))
    return draw(
        st.sampled_from(
            [f"{indent}{dash}{draw(KEYS)}{colon}{draw(st.one_of(VALUES, WORDS))}",
             f"{indent}{dash}{draw(st.one_of(VALUES, WORDS))}",
             draw(st.sampled_from(["---", "...", "", "# x", "%YAML 1.1", "--- x"])),
             draw(WORDS)]
        )
    )  # fmt: skip


@st.composite
def yaml_ish_documents(draw: st.DrawFn) -> str:
    """A party file as an editor might leave it: a valid one with a few lines changed, or
    lines from scratch; sometimes with an odd character slipped in."""
    if draw(st.integers(0, 2)):
        lines = list(VALID_PARTY)
        for _ in range(draw(st.integers(0, 3))):
            at = draw(st.integers(0, len(lines)))
            change = draw(st.sampled_from(["value", "line", "insert", "valid"]))
            if change == "valid":
                lines.insert(at, draw(VALID_LINES))
            elif change == "value" and at < len(lines):
                lines[at] = lines[at].split(":")[0] + ": " + draw(st.one_of(VALUES, WORDS))
            elif change == "line" and at < len(lines):
                lines[at] = draw(yaml_ish_lines())
            else:
                lines.insert(at, draw(yaml_ish_lines()))
    else:
        lines = draw(st.lists(yaml_ish_lines(), max_size=12))
    text = "\n".join(lines) + draw(st.sampled_from(["\n", "", "\r\n"]))
    if draw(st.integers(0, 7)) == 0:
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(ODD) + text[at:]
    return text


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ONE_LINE = re.compile("[\r\n\x85\u2028\u2029]")


@pytest.fixture(scope="module")
def reused_tree() -> Iterator[Path]:
    """One data tree, reused: each example overwrites signatories/x.yml."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "agreement").mkdir()
        (root / "agreement" / "agreement.yml").write_text(AGREEMENT, encoding="utf-8")
        (root / "signatories").mkdir()
        yield root


def _line_count(text: str) -> int:
    """Lines as an editor counts them: CR LF, CR and LF each end one."""
    return len(_LINE_BREAK.split(text))


def _read_party(root: Path, text: str) -> _Read | list[Problem]:
    (root / "signatories" / "x.yml").write_bytes(text.encode("utf-8", errors="surrogatepass"))
    return read_entry(root, "signatories/x.yml", Signatory, TODAY)


@SETTINGS
@given(text=yaml_ish_documents())
@example(text='name: Ny förening\nform: annan\nsigned: "2024\\n01-01"\n')
def test_any_text_as_a_party_file_gives_an_entry_or_problems_inside_the_file(
    reused_tree: Path, text: str
) -> None:
    lines = _line_count(text)
    entry = _read_party(reused_tree, text)
    register = load_register(reused_tree, TODAY)
    for result in (entry, register):
        if isinstance(result, list):
            assert result, "a rejected file must say why"
            for problem in result:
                assert problem.path == "signatories/x.yml", problem
                assert 1 <= problem.line <= lines + 1, problem
                assert problem.column >= 1, problem
                assert problem.message, problem
                assert not _ONE_LINE.search(problem.text()), problem
    # The register is the file's verdict plus what spans files: here unknown areas, or signing
    # before the agreement was adopted.
    if isinstance(entry, list):
        assert register == sort_problems(entry)
    else:
        assert isinstance(register, Register) or all(
            (p.key.startswith("areas.") and "fokusområdena" in p.message)
            or (p.key == "signed" and "agreement/agreement.yml" in p.message)
            for p in register
        ), register


@SETTINGS
@given(text=yaml_ish_documents().filter(lambda text: "\t" not in text))
@example(text="n\ufeffame: Ny förening\n")
@example(text="name: A\n\ufeff\n")
def test_the_c_and_python_parsers_accept_the_same_texts_with_the_same_data(text: str) -> None:
    # (A tab inside a plain key is the one known difference: libyaml accepts 't\tx: y'.)
    results = []
    for loader in (FAST_LOADER, yaml.SafeLoader):
        try:
            results.append(parse_text(text, loader))
        except StrictYamlError:
            results.append(None)
    assert results[0] == results[1]


@pytest.mark.parametrize(
    ("stage", "reached"),
    [("valid entry", lambda r: isinstance(r, _Read)),
     ("unknown key", lambda r: isinstance(r, list) and "okänd nyckel" in r[0].message),
     ("missing key", lambda r: isinstance(r, list) and "saknas" in r[0].message),
     ("wrong value", lambda r: isinstance(r, list) and r[0].key in ("signed", "form", "name")
      and "saknas" not in r[0].message),
     ("YAML syntax", lambda r: isinstance(r, list) and r[0].message.startswith("YAML-fel")),
     ("duplicate key", lambda r: isinstance(r, list) and "finns redan" in r[0].message),
     ("odd character", lambda r: isinstance(r, list) and "(U+" in r[0].message),
     ("tab", lambda r: isinstance(r, list) and "tabb" in r[0].message)],
    ids=lambda value: value if isinstance(value, str) else "",
)  # fmt: skip
def test_the_generated_documents_reach_every_stage_of_the_loader(
    reused_tree: Path, stage: str, reached: Any
) -> None:
    # Guards the property tests above against passing trivially: their input must get past
    # the YAML reader into the models, and also hit each kind of rejection.
    assert find(
        yaml_ish_documents(),
        lambda text: reached(_read_party(reused_tree, text)),
        settings=settings(max_examples=2000, derandomize=True, database=None, deadline=None),
    )


@SETTINGS
@given(raw=st.binary(max_size=200))
def test_any_bytes_as_a_party_file_give_an_entry_or_problems(reused_tree: Path, raw: bytes) -> None:
    (reused_tree / "signatories" / "x.yml").write_bytes(raw)
    result = read_entry(reused_tree, "signatories/x.yml", Signatory, TODAY)
    assert isinstance(result, _Read) or (result and all(p.message for p in result))


def _legible(name: str) -> bool:
    try:
        legible(name)
    except PydanticCustomError:
        return False
    return True


NAMES = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp"]),
    min_size=2,
    max_size=150,
).filter(lambda name: len(name.strip()) >= 2 and _legible(name))
SLUGS = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}", fullmatch=True)
DAYS = st.dates(min_value=date(1990, 1, 1), max_value=TODAY)
SAFE_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp"],
                  exclude_characters="[]<>!", include_characters="\n"),
    min_size=1, max_size=300,
).filter(lambda text: text.strip())  # fmt: skip


@st.composite
def org_numbers(draw: st.DrawFn) -> tuple[str, str]:
    """(as written, as normalised): a valid organisationsnummer, with or without hyphen and 16."""
    head = draw(st.from_regex(r"[0-9]{2}[2-9][0-9]{3}", fullmatch=True))
    middle = draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    digits = head + middle + str(luhn_check_digit(head + middle))
    prefix = draw(st.sampled_from(["", "16"]))
    hyphen = draw(st.sampled_from(["", "-"]))
    return f"{prefix}{digits[:6]}{hyphen}{digits[6:]}", f"{digits[:6]}-{digits[6:]}"


HOSTS = st.from_regex(r"[a-z][a-z0-9-]{0,10}[a-z0-9]\.(se|org|nu)", fullmatch=True)
EMAILS = st.builds(
    "{}@{}".format, st.from_regex(r"[a-z0-9]{1,8}(\.[a-z0-9]{1,8})?", fullmatch=True), HOSTS
)
CONTACT_FIELDS = {
    "email": EMAILS,
    "phone": st.from_regex(r"0[1-9][0-9]{1,2}-[0-9]{2} [0-9]{2} [0-9]{2}", fullmatch=True),
    "url": st.builds("https://{}/kontakt".format, HOSTS),
}
CONTACTS = st.sets(st.sampled_from(sorted(CONTACT_FIELDS)), min_size=1).flatmap(
    lambda keys: st.fixed_dictionaries({key: CONTACT_FIELDS[key] for key in sorted(keys)})
)


@st.composite
def parties(draw: st.DrawFn) -> tuple[dict[str, Any], dict[str, Any]]:
    """(a valid party as Python data, the model values it must become)."""
    signed = draw(DAYS)
    name = draw(NAMES)
    party: dict[str, Any] = {
        "name": name,
        "form": draw(st.sampled_from(FORMS)),
        "signed": draw(st.sampled_from([signed, signed.isoformat()])),
    }
    expected: dict[str, Any] = {
        "example": False, "name": name.strip(), "form": party["form"], "signed": signed,
        "left": None, "org_number": None, "website": None, "description": None, "areas": [],
        "contact": None,
    }  # fmt: skip
    if draw(st.booleans()):
        party["example"] = expected["example"] = draw(st.booleans())
    if draw(st.booleans()):
        left = signed + timedelta(days=draw(st.integers(0, 4000)))
        party["left"] = expected["left"] = left
    if draw(st.booleans()):
        party["org_number"], expected["org_number"] = draw(org_numbers())
    if draw(st.booleans()):
        party["website"] = expected["website"] = draw(st.builds("https://{}".format, HOSTS))
    if draw(st.booleans()):
        party["description"] = draw(SAFE_TEXT)
        # Trailing line breaks are YAML's end of a block, not the editor's text.
        expected["description"] = party["description"].rstrip("\n")
    if draw(st.booleans()):
        party["areas"] = expected["areas"] = draw(st.lists(SLUGS, unique=True, max_size=4))
    if draw(st.booleans()):
        contact = draw(CONTACTS)
        party["contact"] = contact
        expected["contact"] = {"email": None, "phone": None, "url": None, **contact}
    return party, expected


@SETTINGS
@given(case=parties())
def test_valid_party_survives_a_round_trip_through_safe_dump(
    reused_tree: Path, case: tuple[dict[str, Any], dict[str, Any]]
) -> None:
    party, expected = case
    (reused_tree / "signatories" / "x.yml").write_text(
        yaml.safe_dump(party, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    result = read_entry(reused_tree, "signatories/x.yml", Signatory, TODAY)
    assert not isinstance(result, list), [problem.text() for problem in result]
    assert result.entry.model_dump() == expected
    direct = Signatory.from_data(party, id="x", source="signatories/x.yml", today=TODAY)
    assert result.entry == direct


def test_markdown_link_in_a_literal_block_is_placed_at_its_line_and_column(tmp_path: Path) -> None:
    text = "text: |\n  Första raden.\n\n  - punkt\n\n    [x]: javascript:alert(1)\n"
    _tree(
        tmp_path, {"agreement/values/v.yml": VALUE.replace("text: Vi talar med varandra.\n", text)}
    )
    _starts(
        tmp_path, "agreement/values/v.yml:8:10: text: länken 'javascript:alert(1)' är inte tillåten"
    )


def test_markdown_image_in_a_quoted_value_is_placed_at_its_column(tmp_path: Path) -> None:
    text = 'text: "Se ![bild](https://evil.example/p.png)"\n'
    _tree(
        tmp_path, {"agreement/values/v.yml": VALUE.replace("text: Vi talar med varandra.\n", text)}
    )
    _starts(tmp_path, "agreement/values/v.yml:3:19: text: bilder stöds inte i textfält")
