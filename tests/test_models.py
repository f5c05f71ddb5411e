"""One test per model rule, through the models directly, and the Register's rules and views."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from okide.models import (
    Agreement,
    Clause,
    Dialogue,
    Entry,
    Register,
    Signatory,
    Value,
)
from okide.problems import Problem
from tests.conftest import TODAY

PARTY: dict[str, Any] = {"name": "Alfa förening", "form": "ideell förening", "signed": "2020-03-01"}
DIALOGUE: dict[str, Any] = {
    "title": "Stordialog om fritid", "start": "2027-03-16T17:30", "end": "2027-03-16T20:00",
    "description": "Vad vill unga göra?", "online": "https://exempel.se/mote",
}  # fmt: skip
AGREEMENT: dict[str, Any] = {
    "short_name": "ÖK Exempel", "title": "Överenskommelsen", "public_party": "Exempelby kommun",
    "adopted": "2020-02-03", "purpose": "Samverkan.",
    "areas": [{"id": "trygghet", "title": "Trygghet"}, {"id": "fritid", "title": "Fritid"}],
    "contact": {"email": "ok@exempel.se"},
}  # fmt: skip
VALUE: dict[str, Any] = {"order": "1", "title": "Dialog", "text": "Vi talar med varandra."}
CLAUSE: dict[str, Any] = {"number": "3", "title": "Syfte", "text": "Parterna samverkar."}
DROP = object()


def _with(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    merged = {**base, **changes}
    return {key: value for key, value in merged.items() if value is not DROP}


def _entry(model: type[Entry], data: dict[str, Any], entry_id: str = "x") -> Any:
    return model.from_data(data, id=entry_id, source=f"{entry_id}.yml", today=TODAY)


def _party(entry_id: str = "alfa", **changes: Any) -> Signatory:
    """A party named after its id ("Alfa förening"), so that parties differ by name."""
    changes.setdefault("name", f"{entry_id.capitalize()} förening")
    return _entry(Signatory, _with(PARTY, **changes), entry_id)


def _dialogue(entry_id: str = "d", **changes: Any) -> Dialogue:
    return _entry(Dialogue, _with(DIALOGUE, **changes), entry_id)


def _errors(model: type[Entry], data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str, str]]:
    """(loc, type, message) of every error the data gives."""
    with pytest.raises(ValidationError) as caught:
        _entry(model, data)
    return [(tuple(e["loc"]), e["type"], e["msg"]) for e in caught.value.errors()]


def _locs_and_types(model: type[Entry], data: dict[str, Any]) -> list[tuple[Any, ...]]:
    """Where and which pydantic error: its English wording is pydantic's, not okide's."""
    return [(loc, kind) for loc, kind, _ in _errors(model, data)]


def _locs(model: type[Entry], data: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [loc for loc, _, _ in _errors(model, data)]


# Entries in general -----------------------------------------------------------------------------


def test_entry_knows_its_id_and_source_file() -> None:
    party = Signatory.from_data(PARTY, id="alfa", source="signatories/alfa.yml", today=TODAY)
    assert (party.id, party.source) == ("alfa", "signatories/alfa.yml")


def test_entry_is_immutable() -> None:
    with pytest.raises(ValidationError, match="frozen"):
        _party().name = "Annat"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("model", "data", "key"),
    [(Signatory, PARTY, "webbsida"), (Dialogue, DIALOGUE, "plats"), (Agreement, AGREEMENT, "år"),
     (Value, VALUE, "ordning"), (Clause, CLAUSE, "nummer")],
)  # fmt: skip
def test_unknown_key_is_rejected(model: type[Entry], data: dict[str, Any], key: str) -> None:
    assert _locs_and_types(model, {**data, key: "x"}) == [((key,), "extra_forbidden")]


def test_unknown_key_in_a_nested_mapping_is_rejected() -> None:
    assert _locs(Signatory, _with(PARTY, contact={"email": "a@b.se", "epost": "a@b.se"})) == [
        ("contact", "epost")
    ]


@pytest.mark.parametrize(
    ("model", "data", "key"),
    [(Signatory, PARTY, "name"), (Signatory, PARTY, "form"), (Signatory, PARTY, "signed"),
     (Dialogue, DIALOGUE, "title"), (Dialogue, DIALOGUE, "start"), (Dialogue, DIALOGUE, "end"),
     (Dialogue, DIALOGUE, "description"), (Value, VALUE, "order"), (Value, VALUE, "title"),
     (Value, VALUE, "text"), (Clause, CLAUSE, "number"), (Clause, CLAUSE, "title"),
     (Clause, CLAUSE, "text"), *[(Agreement, AGREEMENT, key) for key in
     ("short_name", "title", "public_party", "adopted", "purpose", "areas", "contact")]],
)  # fmt: skip
def test_required_key_is_required(model: type[Entry], data: dict[str, Any], key: str) -> None:
    assert _locs_and_types(model, _with(data, **{key: DROP})) == [((key,), "missing")]


def test_optional_party_keys_have_empty_defaults() -> None:
    party = _party()
    assert (party.left, party.org_number, party.website, party.description, party.areas,
            party.contact) == (None, None, None, None, [], None)  # fmt: skip


# Signatory --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["AB", "x" * 150, "  Åby IF  "])
def test_party_name_of_two_to_150_characters_is_accepted(name: str) -> None:
    assert _party(name=name).name == name.strip()


def test_party_name_shorter_than_two_characters_is_rejected() -> None:
    ((loc, kind, _),) = _errors(Signatory, _with(PARTY, name="A"))
    assert (loc, kind.endswith("too_short")) == (("name",), True)


def test_party_name_of_one_character_and_spaces_is_rejected() -> None:
    assert _locs(Signatory, _with(PARTY, name=" A ")) == [("name",)]


def test_party_name_longer_than_150_characters_is_rejected() -> None:
    ((loc, kind, _),) = _errors(Signatory, _with(PARTY, name="x" * 151))
    assert (loc, kind.endswith("too_long")) == (("name",), True)


def test_party_name_on_two_lines_is_rejected() -> None:
    assert _errors(Signatory, _with(PARTY, name="Alfa\nförening")) == [
        (("name",), "okide", "ska stå på en rad")
    ]


def test_party_name_with_a_trailing_newline_from_a_block_scalar_is_one_line() -> None:
    assert _party(name="Alfa förening\n").name == "Alfa förening"


@pytest.mark.parametrize(
    "form",
    ["ideell förening", "ekonomisk förening", "stiftelse", "trossamfund", "studieförbund",
     "idéburet företag", "nätverk", "annan"],
)  # fmt: skip
def test_party_form_from_the_list_is_accepted(form: str) -> None:
    assert _party(form=form).form == form


@pytest.mark.parametrize("form", ["Ideell förening", "förening", "aktiebolag", ""])
def test_party_form_outside_the_list_is_rejected(form: str) -> None:
    assert [(loc, kind) for loc, kind, _ in _errors(Signatory, _with(PARTY, form=form))] == [
        (("form",), "literal_error")
    ]


def test_party_signed_today_is_accepted() -> None:
    assert _party(signed=TODAY.isoformat()).signed == TODAY


def test_party_signed_after_today_is_rejected() -> None:
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    with pytest.raises(ValidationError, match=f"datumet {tomorrow} ligger i framtiden"):
        _party(signed=tomorrow)


def test_party_signed_in_the_future_is_not_checked_without_a_today() -> None:
    party = Signatory.from_data(_with(PARTY, signed="2099-01-01"), id="x", source="", today=None)
    assert party.signed.year == 2099


def test_party_left_on_the_day_it_signed_is_accepted() -> None:
    assert _party(left=PARTY["signed"]).left == _party().signed


def test_party_left_before_it_signed_is_rejected() -> None:
    with pytest.raises(
        ValidationError, match="lämnade 2020-02-29, före undertecknandet 2020-03-01"
    ):
        _party(left="2020-02-29")


def test_party_description_of_1000_characters_is_accepted() -> None:
    assert len(_party(description="x" * 1000).description or "") == 1000


def test_the_newline_yaml_adds_after_a_block_does_not_count_toward_the_length() -> None:
    assert _party(description="x" * 1000 + "\n").description == "x" * 1000


def test_party_description_over_1000_characters_is_rejected() -> None:
    ((loc, kind, _),) = _errors(Signatory, _with(PARTY, description="x" * 1001))
    assert (loc, kind.endswith("too_long")) == (("description",), True)


def test_party_org_number_is_normalised() -> None:
    assert _party(org_number="168024000005").org_number == "802400-0005"


def test_party_areas_must_be_unique() -> None:
    with pytest.raises(ValidationError, match="'trygghet' står två gånger i listan"):
        _party(areas=["trygghet", "fritid", "trygghet"])


def test_party_area_that_is_not_a_slug_is_rejected_at_the_item() -> None:
    assert _locs(Signatory, _with(PARTY, areas=["fritid", "Trygghet"])) == [("areas", 1)]


def test_party_areas_left_empty_mean_no_areas() -> None:
    assert _party(areas=None).areas == []


def test_contact_needs_at_least_one_of_email_phone_and_url() -> None:
    assert _errors(Signatory, _with(PARTY, contact={})) == [
        (("contact",), "okide", "ange minst en av email, phone och url")
    ]


@pytest.mark.parametrize(
    "contact", [{"email": "a@b.se"}, {"phone": "0522-69 60 00"}, {"url": "https://exempel.se"}]
)
def test_contact_with_one_field_is_enough(contact: dict[str, str]) -> None:
    assert _party(contact=contact).contact is not None


def test_party_is_current_until_the_day_it_leaves() -> None:
    leaving = _party(left=TODAY.isoformat())
    assert leaving.is_current(TODAY - timedelta(days=1))
    assert not leaving.is_current(TODAY)


# Dialogue ---------------------------------------------------------------------------------------


def test_dialogue_ending_when_it_starts_is_rejected() -> None:
    assert _errors(Dialogue, _with(DIALOGUE, end=DIALOGUE["start"])) == [
        (("end",), "okide", "slutet ska ligga efter starten")
    ]


def test_dialogue_ending_before_it_starts_is_rejected() -> None:
    assert _locs(Dialogue, _with(DIALOGUE, end="2027-03-16T17:00")) == [("end",)]


def test_dialogue_end_is_compared_after_converting_offsets() -> None:
    # 17:30 Stockholm winter time is 16:30Z: ending at 16:30Z is ending when it starts.
    assert _locs(Dialogue, _with(DIALOGUE, end="2027-03-16T16:30Z")) == [("end",)]
    assert _dialogue(end="2027-03-16T16:31Z").end.minute == 31


def test_dialogue_needs_a_location_or_an_online_link() -> None:
    assert _errors(Dialogue, _with(DIALOGUE, online=DROP)) == [
        ((), "okide", "ange location, online eller båda")
    ]


def test_dialogue_with_only_a_location_is_accepted() -> None:
    dialogue = _dialogue(online=DROP, location={"name": "Stadshuset"})
    assert dialogue.location is not None and dialogue.location.name == "Stadshuset"


def test_dialogue_location_needs_a_name() -> None:
    assert _locs_and_types(Dialogue, _with(DIALOGUE, location={"address": "Storgatan 1"})) == [
        (("location", "name"), "missing")
    ]


def test_dialogue_registration_needs_a_url_or_an_email() -> None:
    assert _errors(Dialogue, _with(DIALOGUE, registration={"deadline": "2027-03-09"})) == [
        (("registration",), "okide", "ange url eller email för anmälan")
    ]


def test_dialogue_registration_deadline_on_the_start_day_is_accepted() -> None:
    dialogue = _dialogue(registration={"email": "a@b.se", "deadline": "2027-03-16"})
    assert dialogue.registration is not None and dialogue.registration.deadline is not None


def test_dialogue_registration_deadline_after_the_start_day_is_rejected_at_the_deadline() -> None:
    with pytest.raises(ValidationError) as caught:
        _dialogue(registration={"url": "https://exempel.se", "deadline": "2027-03-17"})
    (detail,) = caught.value.errors()
    assert detail["msg"] == "sista anmälningsdag ligger efter dialogens start"
    assert (detail["loc"], detail["ctx"]["loc"]) == (("registration",), ("deadline",))


def test_dialogue_status_is_planned_by_default() -> None:
    assert _dialogue().status == "planned"


def test_dialogue_status_cancelled_is_accepted() -> None:
    assert _dialogue(status="cancelled").status == "cancelled"


@pytest.mark.parametrize("status", ["avbokad", "Cancelled", "inställd", ""])
def test_dialogue_status_other_than_planned_or_cancelled_is_rejected(status: str) -> None:
    assert [(loc, kind) for loc, kind, _ in _errors(Dialogue, _with(DIALOGUE, status=status))] == [
        (("status",), "literal_error")
    ]


def test_dialogue_published_and_changed_are_optional_days() -> None:
    plain = _dialogue()
    assert (plain.published, plain.changed) == (None, None)
    dated = _dialogue(published="2026-11-02", changed="2026-11-20", status="cancelled")
    assert (dated.published, dated.changed) == (date(2026, 11, 2), date(2026, 11, 20))


def test_dialogue_changed_before_it_was_published_is_rejected_at_changed() -> None:
    assert _errors(Dialogue, _with(DIALOGUE, published="2026-11-02", changed="2026-11-01")) == [
        (("changed",), "okide", "ändringen 2026-11-01 ligger före publiceringen 2026-11-02")
    ]


def test_dialogue_published_after_the_build_day_is_accepted_for_the_feed_to_cap() -> None:
    # Not an error: the feed dates the entry no later than the build (tests/test_feed.py).
    assert _dialogue(published=(TODAY + timedelta(days=30)).isoformat()).published


def test_dialogue_is_upcoming_until_the_day_it_ends_has_passed() -> None:
    dialogue = _dialogue(start="2026-11-22T10:00", end="2026-11-22T12:00")
    assert dialogue.is_upcoming(TODAY)
    assert not dialogue.is_upcoming(TODAY + timedelta(days=1))


# Agreement, Value, Clause -----------------------------------------------------------------------


def test_agreement_needs_at_least_one_area() -> None:
    assert [(loc, kind) for loc, kind, _ in _errors(Agreement, _with(AGREEMENT, areas=[]))] == [
        (("areas",), "too_short")
    ]


def test_agreement_area_ids_must_be_unique() -> None:
    areas = [{"id": "fritid", "title": "Fritid"}, {"id": "fritid", "title": "Fritid igen"}]
    with pytest.raises(ValidationError, match="fokusområdet 'fritid' finns två gånger"):
        _entry(Agreement, _with(AGREEMENT, areas=areas))


def test_agreement_area_id_must_be_a_slug() -> None:
    areas = [{"id": "Fritid", "title": "Fritid"}]
    assert _locs(Agreement, _with(AGREEMENT, areas=areas)) == [("areas", 0, "id")]


def test_agreement_contact_needs_at_least_one_field() -> None:
    assert _locs(Agreement, _with(AGREEMENT, contact={})) == [("contact",)]


def test_agreement_area_titles_are_looked_up_by_id() -> None:
    assert _entry(Agreement, AGREEMENT).area_titles(["fritid"]) == ["Fritid"]


@pytest.mark.parametrize("order", ["0", "-1", "ett"])
def test_value_order_must_be_a_whole_number_of_at_least_one(order: str) -> None:
    assert _locs(Value, _with(VALUE, order=order)) == [("order",)]


@pytest.mark.parametrize("party", ["public", "sector", "joint"])
def test_clause_party_from_the_list_is_accepted(party: str) -> None:
    assert _entry(Clause, _with(CLAUSE, party=party)).party == party


def test_clause_party_outside_the_list_is_rejected() -> None:
    assert _locs(Clause, _with(CLAUSE, party="kommunen")) == [("party",)]


def test_clause_values_must_be_unique() -> None:
    assert _locs(Clause, _with(CLAUSE, values=["dialog", "dialog"])) == [("values",)]


def test_clauses_are_ordered_by_numeric_parts() -> None:
    numbers = ["10", "9.10", "1", "9.2", "9", "3.1.2"]
    clauses = [_entry(Clause, _with(CLAUSE, number=n)) for n in numbers]
    ordered = sorted(clauses, key=lambda c: c.sort_key)
    assert [c.number for c in ordered] == ["1", "3.1.2", "9", "9.2", "9.10", "10"]


# Register: rules across files -------------------------------------------------------------------


def _sections(**sections: dict[str, Any]) -> dict[str, Any]:
    return {
        "agreement": _entry(Agreement, AGREEMENT, "agreement"),
        "values": {}, "clauses": {}, "signatories": {}, "dialogues": {}, **sections,
    }  # fmt: skip


def _across_files(**sections: dict[str, Any]) -> list[Problem]:
    problems = Register(**_sections(**sections)).problems()
    assert problems
    return problems


def _where(problems: list[Problem]) -> list[tuple[str, str]]:
    return [(p.path, p.key) for p in problems]


def test_register_of_consistent_entries_is_valid() -> None:
    register = Register(
        **_sections(
            values={"dialog": _entry(Value, VALUE, "dialog")},
            clauses={"syfte": _entry(Clause, _with(CLAUSE, values=["dialog"]), "syfte")},
            signatories={"alfa": _party(areas=["fritid"])},
            dialogues={"d": _dialogue(areas=["trygghet"], hosts=["alfa"])},
        )
    )
    assert list(register.signatories) == ["alfa"]


def test_register_rejects_the_same_org_number_written_two_ways() -> None:
    found = _across_files(
        signatories={
            "alfa": _party("alfa", org_number="802400-0005"),
            "beta": _party("beta", org_number="8024000005"),
            "gamma": _party("gamma"),
            "delta": _party("delta"),
        }
    )
    assert _where(found) == [
        ("alfa.yml", "org_number"), ("beta.yml", "org_number"),
    ]  # fmt: skip
    assert [v.message for v in found] == [
        "organisationsnumret används redan i beta.yml",
        "organisationsnumret används redan i alfa.yml",
    ]


def test_register_treats_clause_numbers_3_1_and_3_01_as_the_same_number() -> None:
    found = _across_files(
        clauses={
            "a": _entry(Clause, _with(CLAUSE, number="3.1"), "a"),
            "b": _entry(Clause, _with(CLAUSE, number="3.01"), "b"),
            "c": _entry(Clause, _with(CLAUSE, number="3.10"), "c"),
        }
    )
    assert _where(found) == [("a.yml", "number"), ("b.yml", "number")]
    assert [v.message for v in found] == [
        "numret används redan i b.yml",
        "numret används redan i a.yml",
    ]


def test_register_treats_value_orders_1_and_01_as_the_same_order() -> None:
    found = _across_files(
        values={
            "a": _entry(Value, _with(VALUE, order="1"), "a"),
            "b": _entry(Value, _with(VALUE, order="01"), "b"),
        }
    )
    assert _where(found) == [("a.yml", "order"), ("b.yml", "order")]


def test_register_reports_a_value_shared_by_three_entries_on_each_naming_the_others() -> None:
    found = _across_files(
        values={name: _entry(Value, VALUE, name) for name in ("a", "b", "c")},
    )
    assert [(v.path, v.message) for v in found] == [
        ("a.yml", "ordningen används redan i b.yml, c.yml"),
        ("b.yml", "ordningen används redan i a.yml, c.yml"),
        ("c.yml", "ordningen används redan i a.yml, b.yml"),
    ]


@pytest.mark.parametrize(
    ("name", "copy"),
    [("Alfa förening", "alfa förening"), ("Alfa förening", "ALFA  FÖRENING"),
     ("Alfa förening", "Alfa\u200b förening"), ("Alfa förening", "Alfa för\u00adening\u200e"),
     ("Alfa förening", "\uff21lfa f\u00f6rening"), ("Alfa förening", "Alfa fo\u0308rening"),
     ("Beta förening", "\u0392\u0395\u03a4\u0391 förening"),
     ("Beta förening", "\u0412\u0415\u0422\u0410 förening")],
    ids=["lower-case", "upper-case-and-spaces", "zero-width-space", "soft-hyphen-and-mark",
         "fullwidth", "decomposed", "greek-word", "cyrillic-word"],
)  # fmt: skip
def test_register_rejects_two_parties_whose_names_a_reader_cannot_tell_apart(
    name: str, copy: str
) -> None:
    found = _across_files(
        signatories={"alfa": _party("alfa", name=name), "kopia": _party("kopia", name=copy)}
    )
    assert _where(found) == [
        ("alfa.yml", "name"), ("kopia.yml", "name"),
    ]  # fmt: skip
    assert [v.message for v in found] == [
        "namnet är detsamma som i kopia.yml", "namnet är detsamma som i alfa.yml",
    ]  # fmt: skip
    assert "osynliga tecken" in found[0].hint


def test_register_accepts_parties_whose_names_differ_visibly() -> None:
    parties = {"a": _party("a", name="Alfa förening"), "b": _party("b", name="Alfa forening"),
               "c": _party("c", name="Alfa-föreningen")}  # fmt: skip
    assert len(Register(**_sections(signatories=parties)).signatories) == 3


def test_register_rejects_a_party_that_signed_before_the_agreement_was_adopted() -> None:
    found = _across_files(signatories={"alfa": _party(signed="2020-02-02")})
    assert _where(found) == [("alfa.yml", "signed")]
    assert found[0].message == (
        "undertecknad 2020-02-02, före 2020-02-03 då överenskommelsen antogs (agreement.yml)"
    )


def test_register_accepts_a_party_that_signed_on_the_day_of_adoption() -> None:
    register = Register(**_sections(signatories={"alfa": _party(signed="2020-02-03")}))
    assert list(register.signatories) == ["alfa"]


def test_register_rejects_a_host_that_left_before_the_dialogue_on_both_files() -> None:
    found = _across_files(
        signatories={"alfa": _party(), "beta": _party("beta", left="2027-03-15")},
        dialogues={"d": _dialogue(hosts=["alfa", "beta"])},
    )
    assert _where(found) == [("d.yml", "hosts.1"), ("beta.yml", "left")]
    assert [v.message for v in found] == [
        "'beta' lämnade överenskommelsen 2027-03-15 (beta.yml), före dialogens dag 2027-03-16",
        "parten lämnade överenskommelsen 2027-03-15, före stordialogen 2027-03-16 där den är "
        "medarrangör (d.yml)",
    ]


def test_register_rejects_a_host_that_had_not_signed_on_the_dialogues_day() -> None:
    found = _across_files(
        signatories={"alfa": _party(signed="2026-11-01")},
        dialogues={
            "d": _dialogue(start="2025-05-01T10:00", end="2025-05-01T12:00", hosts=["alfa"])
        },
    )
    assert _where(found) == [("d.yml", "hosts.0"), ("alfa.yml", "signed")]
    assert found[0].message == (
        "'alfa' skrev under 2026-11-01 (alfa.yml), efter dialogens dag 2025-05-01"
    )
    assert found[1].hint == "rätta signed, eller ta bort parten ur hosts i d.yml"


@pytest.mark.parametrize(("signed", "left"), [("2025-05-01", None), ("2020-03-01", "2025-05-01")])
def test_register_accepts_a_host_that_signs_or_leaves_on_the_dialogues_day(
    signed: str, left: str | None
) -> None:
    parties = {"alfa": _party(signed=signed, left=left)}
    past = {"start": "2025-05-01T10:00", "end": "2025-05-01T12:00"}
    dialogues = {"d": _dialogue(hosts=["alfa"], **past)}
    register = Register(**_sections(signatories=parties, dialogues=dialogues))
    assert register.dialogues_hosted_by("alfa") == [register.dialogues["d"]]


def test_register_rejects_a_clause_value_that_does_not_exist() -> None:
    found = _across_files(
        values={"dialog": _entry(Value, VALUE, "dialog")},
        clauses={"syfte": _entry(Clause, _with(CLAUSE, values=["dialog", "mod"]), "syfte")},
    )
    assert _where(found) == [("syfte.yml", "values.1")]
    assert (found[0].message, found[0].hint) == (
        "'mod' finns inte bland värderingarna",
        "finns: dialog",
    )


def test_register_rejects_a_party_area_that_does_not_exist() -> None:
    found = _across_files(signatories={"alfa": _party(areas=["hav", "fritid"])})
    assert _where(found) == [("alfa.yml", "areas.0")]
    assert found[0].hint == "finns: fritid, trygghet"


def test_register_rejects_a_dialogue_area_that_does_not_exist() -> None:
    found = _across_files(dialogues={"d": _dialogue(areas=["fritid", "skog"])})
    assert _where(found) == [("d.yml", "areas.1")]


def test_register_rejects_a_dialogue_host_that_does_not_exist() -> None:
    found = _across_files(
        signatories={"alfa": _party()}, dialogues={"d": _dialogue(hosts=["alfa", "beta"])}
    )
    assert _where(found) == [("d.yml", "hosts.1")]
    assert found[0].message == "'beta' finns inte bland parterna"


def test_register_collects_every_violation_at_once() -> None:
    found = _across_files(
        signatories={"alfa": _party(areas=["hav"])},
        dialogues={"d": _dialogue(areas=["skog"], hosts=["beta"])},
    )
    assert len(found) == 3


# Register: views --------------------------------------------------------------------------------


def _days(count: int) -> str:
    return (TODAY + timedelta(days=count)).isoformat()


@pytest.fixture(scope="module")
def register() -> Register:
    parties = {
        "alfa": _party("alfa", name="alfa förening"),
        "beta": _party("beta", name="Beta", left=_days(7)),
        "gamma": _party("gamma", name="Gamma", left=_days(0)),
        "delta": _party("delta", name="Delta", left="2021-01-01"),
    }
    dialogues = {
        "forr": _dialogue("forr", start="2025-05-01T10:00", end="2025-05-01T12:00", hosts=["alfa"]),
        "igar": _dialogue("igar", start=f"{_days(-1)}T10:00", end=f"{_days(-1)}T12:00"),
        "idag": _dialogue("idag", start=f"{_days(0)}T10:00", end=f"{_days(0)}T12:00"),
        "snart": _dialogue("snart", start=f"{_days(7)}T10:00", end=f"{_days(7)}T12:00",
                           hosts=["beta", "alfa"]),
        "sen": _dialogue("sen", start="2027-06-01T10:00", end="2027-06-01T12:00", hosts=["alfa"]),
    }  # fmt: skip
    values = {
        "dialog": _entry(Value, _with(VALUE, order="2"), "dialog"),
        "mod": _entry(Value, _with(VALUE, order="1", title="Mod"), "mod"),
    }
    clauses = {
        name: _entry(Clause, _with(CLAUSE, number=number, values=expresses), name)
        for name, number, expresses in [
            ("tio", "10", ["dialog"]), ("nio-tio", "9.10", []), ("nio-tva", "9.2", ["dialog", "mod"]),
            ("ett", "1", ["dialog"]),
        ]
    }  # fmt: skip
    return Register(
        agreement=_entry(Agreement, AGREEMENT, "agreement"),
        values=values,
        clauses=clauses,
        signatories=parties,
        dialogues=dialogues,
    )


def _ids(entries: list[Any]) -> list[str]:
    return [entry.id for entry in entries]


def test_current_parties_are_those_that_have_not_left_by_today(register: Register) -> None:
    assert _ids(register.current_parties(TODAY)) == ["alfa", "beta"]


def test_former_parties_are_those_that_left_today_or_earlier(register: Register) -> None:
    assert _ids(register.former_parties(TODAY)) == ["delta", "gamma"]


def test_parties_are_sorted_by_name_ignoring_case(register: Register) -> None:
    assert _ids(register.parties_by_name()) == ["alfa", "beta", "delta", "gamma"]


def test_upcoming_dialogues_come_soonest_first_and_include_today(register: Register) -> None:
    assert _ids(register.upcoming_dialogues(TODAY)) == ["idag", "snart", "sen"]


def test_past_dialogues_come_latest_first(register: Register) -> None:
    assert _ids(register.past_dialogues(TODAY)) == ["igar", "forr"]


def test_next_dialogue_is_the_soonest_upcoming_one(register: Register) -> None:
    assert register.next_dialogue(TODAY).id == "idag"  # type: ignore[union-attr]


def test_next_dialogue_skips_cancelled_ones() -> None:
    register = Register(
        **_sections(
            dialogues={
                "a": _dialogue("a", status="cancelled"),
                "b": _dialogue("b", start="2027-04-01T10:00", end="2027-04-01T12:00"),
            }
        )
    )
    assert register.next_dialogue(TODAY).id == "b"  # type: ignore[union-attr]
    assert Register(**_sections()).next_dialogue(TODAY) is None


def test_values_are_in_their_order(register: Register) -> None:
    assert _ids(register.values_in_order()) == ["mod", "dialog"]


def test_clauses_are_in_numeric_order_9_2_before_9_10_before_10(register: Register) -> None:
    assert [c.number for c in register.clauses_in_order()] == ["1", "9.2", "9.10", "10"]


def test_clauses_expressing_a_value_come_in_clause_order(register: Register) -> None:
    assert _ids(register.clauses_expressing("dialog")) == ["ett", "nio-tva", "tio"]
    assert _ids(register.clauses_expressing("mod")) == ["nio-tva"]
    assert register.clauses_expressing("saknas") == []


def test_dialogues_hosted_by_a_party_come_latest_first(register: Register) -> None:
    assert _ids(register.dialogues_hosted_by("alfa")) == ["sen", "snart", "forr"]
    assert _ids(register.dialogues_hosted_by("beta")) == ["snart"]
    assert register.dialogues_hosted_by("gamma") == []


def test_agreement_may_name_the_data_format_it_follows() -> None:
    from okide import DATA_FORMAT

    assert TypeAdapter(Agreement.model_fields["format"].annotation).validate_python(DATA_FORMAT)


def test_a_data_format_newer_than_this_okide_is_refused_with_the_upgrade_path() -> None:
    with pytest.raises(ValidationError) as raised:
        TypeAdapter(Agreement.model_fields["format"].annotation).validate_python("2.0")
    message = raised.value.errors()[0]["msg"]
    assert message.startswith("formatet '2.0' känner okide ")
    assert "högst 1.1" in message
