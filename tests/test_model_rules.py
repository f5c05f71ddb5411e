"""One test per model rule, through the models directly."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from okide.models import Agreement, Clause, Dialogue, Register, Signatory, Value
from tests.conftest import TODAY

PARTY = {"name": "Alfa förening", "form": "ideell förening", "signed": "2020-01-01"}
DIALOGUE = {
    "title": "Stordialog", "start": "2027-03-16T17:30", "end": "2027-03-16T20:00",
    "description": "Om fritid.", "online": "https://a.se/mote",
}  # fmt: skip
AGREEMENT = {
    "short_name": "ÖK", "title": "Överenskommelsen", "public_party": "Exempelby kommun",
    "adopted": "2020-01-01", "purpose": "Samverkan.", "areas": [{"id": "fritid", "title": "Fritid"}],
    "contact": {"phone": "0123-45 67 00"},
}  # fmt: skip


def _errors(model: Any, data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    with pytest.raises(ValidationError) as caught:
        model.from_data(data, id="x", source="x.yml", today=TODAY)
    return [(tuple(e["loc"]), e["type"]) for e in caught.value.errors()]


def _party(**changes: Any) -> dict[str, Any]:
    return {**PARTY, **changes}


def test_a_minimal_party_is_valid_and_knows_its_id_and_source() -> None:
    party = Signatory.from_data(PARTY, id="alfa", source="signatories/alfa.yml", today=TODAY)
    assert (party.id, party.source, party.areas, party.left) == (
        "alfa", "signatories/alfa.yml", [], None,
    )  # fmt: skip


def test_unknown_keys_are_rejected() -> None:
    assert _errors(Signatory, _party(websit="https://a.se")) == [(("websit",), "extra_forbidden")]


@pytest.mark.parametrize("key", ["name", "form", "signed"])
def test_required_party_keys_are_required(key: str) -> None:
    data = dict(PARTY)
    del data[key]
    assert _errors(Signatory, data) == [((key,), "missing")]


@pytest.mark.parametrize("name", ["A", "x" * 151])
def test_party_name_is_two_to_150_characters(name: str) -> None:
    assert _errors(Signatory, _party(name=name))[0][0] == ("name",)


def test_party_name_is_one_line() -> None:
    assert _errors(Signatory, _party(name="Alfa\nförening")) == [(("name",), "okide")]


def test_party_form_must_be_one_of_the_eight_forms() -> None:
    assert _errors(Signatory, _party(form="Ideell förening")) == [(("form",), "literal_error")]


def test_party_cannot_sign_after_today() -> None:
    assert _errors(Signatory, _party(signed="2026-11-23")) == [(("signed",), "okide")]
    assert Signatory.from_data(_party(signed="2026-11-22"), id="a", source="", today=TODAY)


def test_party_cannot_leave_before_it_signed() -> None:
    assert _errors(Signatory, _party(left="2019-12-31")) == [(("left",), "okide")]


def test_party_description_is_at_most_1000_characters() -> None:
    assert _errors(Signatory, _party(description="x" * 1001)) == [(("description",), "too_long")]


def test_party_areas_are_unique_slugs() -> None:
    assert _errors(Signatory, _party(areas=["a", "a"])) == [(("areas",), "okide")]
    assert _errors(Signatory, _party(areas=["Fritid"])) == [(("areas", 0), "okide")]


def test_contact_needs_at_least_one_way_to_reach() -> None:
    assert _errors(Signatory, _party(contact={})) == [(("contact",), "okide")]


def test_org_number_is_normalised_on_the_model() -> None:
    party = Signatory.from_data(_party(org_number="8024000005"), id="a", source="", today=TODAY)
    assert party.org_number == "802400-0005"


def test_dialogue_end_must_be_after_start() -> None:
    assert _errors(Dialogue, {**DIALOGUE, "end": "2027-03-16T17:30"}) == [(("end",), "okide")]


def test_dialogue_needs_a_location_or_an_online_link() -> None:
    data = {k: v for k, v in DIALOGUE.items() if k != "online"}
    assert _errors(Dialogue, data) == [((), "okide")]


def test_dialogue_location_needs_a_name() -> None:
    assert _errors(Dialogue, {**DIALOGUE, "location": {"address": "Gatan 1"}}) == [
        (("location", "name"), "missing")
    ]


def test_registration_needs_a_url_or_an_email() -> None:
    assert _errors(Dialogue, {**DIALOGUE, "registration": {"deadline": "2027-03-01"}}) == [
        (("registration",), "okide")
    ]


def test_registration_deadline_cannot_be_after_the_start_date() -> None:
    registration = {"email": "a@b.se", "deadline": "2027-03-17"}
    with pytest.raises(ValidationError) as caught:
        Dialogue.from_data(
            {**DIALOGUE, "registration": registration}, id="d", source="", today=TODAY
        )
    error = caught.value.errors()[0]
    assert error["loc"] == ("registration",) and error["ctx"]["loc"] == ("deadline",)
    same_day = {"email": "a@b.se", "deadline": "2027-03-16"}
    assert Dialogue.from_data(
        {**DIALOGUE, "registration": same_day}, id="d", source="", today=TODAY
    )


def test_dialogue_status_is_planned_or_cancelled() -> None:
    assert Dialogue.from_data(DIALOGUE, id="d", source="", today=TODAY).status == "planned"
    assert _errors(Dialogue, {**DIALOGUE, "status": "inställd"}) == [(("status",), "literal_error")]


def test_value_order_is_a_whole_number_from_one() -> None:
    value = {"order": "1", "title": "Dialog", "text": "Text."}
    assert Value.from_data(value, id="dialog", source="", today=TODAY).order == 1
    assert _errors(Value, {**value, "order": "0"}) == [(("order",), "okide")]


def test_agreement_area_ids_are_unique_and_contact_required() -> None:
    areas = [{"id": "a", "title": "A"}, {"id": "a", "title": "B"}]
    assert _errors(Agreement, {**AGREEMENT, "areas": areas}) == [(("areas",), "okide")]
    data = {k: v for k, v in AGREEMENT.items() if k != "contact"}
    assert _errors(Agreement, data) == [(("contact",), "missing")]


def _clause(number: str, clause_id: str, **extra: Any) -> Clause:
    data = {"number": number, "title": clause_id, "text": "Text.", **extra}
    return Clause.from_data(data, id=clause_id, source="", today=TODAY)


def test_clauses_are_ordered_by_numeric_parts() -> None:
    clauses = [_clause("10", "d"), _clause("9.10", "c"), _clause("9.2", "b"), _clause("9", "a")]
    assert [c.id for c in sorted(clauses, key=lambda c: c.sort_key)] == ["a", "b", "c", "d"]


def _register(**parts: Any) -> Register:
    agreement = Agreement.from_data(AGREEMENT, id="agreement", source="", today=TODAY)
    empty: dict[str, Any] = {"values": {}, "clauses": {}, "signatories": {}, "dialogues": {}}
    return Register(agreement=agreement, **{**empty, **parts})


def _violations(**parts: Any) -> list[tuple[str, str, tuple[Any, ...]]]:
    with pytest.raises(ValidationError) as caught:
        _register(**parts)
    found = caught.value.errors()[0]["ctx"]["violations"]
    return [(v.section, v.id, v.loc) for v in found]


def _signatory(party_id: str, **changes: Any) -> Signatory:
    return Signatory.from_data(
        _party(**changes), id=party_id, source=f"{party_id}.yml", today=TODAY
    )


def test_register_rejects_the_same_org_number_twice_on_the_later_file() -> None:
    parties = {p: _signatory(p, org_number="802400-0005") for p in ("a", "b")}
    assert _violations(signatories=parties) == [("signatories", "b", ("org_number",))]


def test_register_rejects_clause_numbers_that_compare_equal() -> None:
    clauses = {"a": _clause("3.1", "a"), "b": _clause("3.01", "b")}
    assert _violations(clauses=clauses) == [("clauses", "b", ("number",))]


def test_register_rejects_the_same_value_order_twice() -> None:
    values = {
        v: Value.from_data({"order": "1", "title": v, "text": "T."}, id=v, source="", today=TODAY)
        for v in ("a", "b")
    }
    assert _violations(values=values) == [("values", "b", ("order",))]


def test_register_rejects_references_that_do_not_exist() -> None:
    clauses = {"a": _clause("1", "a", values=["finns-inte"])}
    parties = {"p": _signatory("p", areas=["fritid", "okand"])}
    dialogue = Dialogue.from_data(
        {**DIALOGUE, "hosts": ["p", "q"], "areas": ["nej"]}, id="d", source="", today=TODAY
    )
    assert _violations(clauses=clauses, signatories=parties, dialogues={"d": dialogue}) == [
        ("clauses", "a", ("values", 0)),
        ("signatories", "p", ("areas", 1)),
        ("dialogues", "d", ("areas", 0)),
        ("dialogues", "d", ("hosts", 1)),
    ]


def test_register_views_split_current_and_former_parties() -> None:
    register = _register(
        signatories={"a": _signatory("a"), "b": _signatory("b", name="Beta", left="2021-01-01")}
    )
    assert [p.id for p in register.current_parties(TODAY)] == ["a"]
    assert [p.id for p in register.former_parties(TODAY)] == ["b"]
    assert [p.id for p in register.current_parties(date(2020, 6, 1))] == ["a", "b"]


def test_register_views_order_dialogues_and_find_hosts() -> None:
    def dialogue(dialogue_id: str, day: str, **extra: Any) -> Dialogue:
        data = {**DIALOGUE, "start": f"{day}T10:00", "end": f"{day}T12:00", **extra}
        return Dialogue.from_data(data, id=dialogue_id, source="", today=TODAY)

    dialogues = {
        "old": dialogue("old", "2020-01-01", hosts=["a"]),
        "older": dialogue("older", "2019-01-01"),
        "soon": dialogue("soon", "2026-12-01", status="cancelled"),
        "later": dialogue("later", "2027-01-01", hosts=["a"]),
    }
    register = _register(signatories={"a": _signatory("a")}, dialogues=dialogues)
    assert [d.id for d in register.upcoming_dialogues(TODAY)] == ["soon", "later"]
    assert [d.id for d in register.past_dialogues(TODAY)] == ["old", "older"]
    assert register.next_dialogue(TODAY).id == "later"  # type: ignore[union-attr]
    assert [d.id for d in register.dialogues_hosted_by("a")] == ["later", "old"]


def test_clauses_expressing_a_value_in_clause_order() -> None:
    value = Value.from_data(
        {"order": "1", "title": "D", "text": "T."}, id="d", source="", today=TODAY
    )
    clauses = {"x": _clause("2", "x", values=["d"]), "y": _clause("1", "y", values=["d"])}
    register = _register(values={"d": value}, clauses=clauses)
    assert [c.id for c in register.clauses_expressing("d")] == ["y", "x"]


def test_the_newline_yaml_adds_after_a_block_does_not_count_toward_the_length() -> None:
    party = Signatory.from_data(
        _party(description="x" * 1000 + "\n"), id="a", source="", today=TODAY
    )
    assert party.description == "x" * 1000
