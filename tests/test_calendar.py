"""The calendars (stordialoger.ics and one file per dialogue) as calendar apps read them: each
file parsed by two independent parsers, icalendar (which okide writes with) and vobject.

DTSTAMP is the build's instant, descriptions are plain text with the page's link, a file of one
event adds that event without making a calendar of its own, and a cancelled dialogue stays in the
calendar as cancelled, with no way left to take part."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import icalendar
import pytest
import vobject

from okide.addresses import SiteSettings
from okide.clock import STOCKHOLM, build_moment
from okide.exports import render_exports
from okide.load import load_register
from okide.models import Register
from tests.conftest import SMALL, TODAY, TODAY_EPOCH, run_cli

SITE = SiteSettings(site_url="https://exempelby.example.org/ok/")
BUILT = datetime(2026, 11, 22, 4, 17, 33, 250_000, tzinfo=STOCKHOLM)
SUBSCRIPTION = "stordialoger.ics"
# What makes a calendar app treat a file as a calendar of its own (Apple's, Google's and
# Microsoft's names), rather than as events to add to one the reader has.
CALENDAR_PROPERTIES = ("X-WR-CALNAME", "REFRESH-INTERVAL", "X-PUBLISHED-TTL")
PAGE = "https://exempelby.example.org/ok/stordialoger/2027-fritid/"
ONLINE = "https://exempelby.example.org/mote"
SIGN_UP = "https://exempelby.example.org/anmalan"


@pytest.fixture(scope="module")
def register() -> Register:
    loaded = load_register(SMALL, TODAY)
    assert isinstance(loaded, Register), loaded
    return loaded


def _with(register: Register, dialogue_id: str, **changes: Any) -> Register:
    dialogue = register.dialogues[dialogue_id].model_copy(update=changes)
    return register.model_copy(update={"dialogues": {**register.dialogues, dialogue_id: dialogue}})


def _single(exports: dict[str, bytes], dialogue_id: str) -> bytes:
    return exports[f"stordialoger/{dialogue_id}.ics"]


def _both(data: bytes) -> tuple[icalendar.Calendar, Any]:
    """The file as icalendar and as vobject read it."""
    return icalendar.Calendar.from_ical(data), vobject.readOne(data.decode("utf-8"))


def _icalendar_event(data: bytes, dialogue_id: str) -> icalendar.Event:
    events = icalendar.Calendar.from_ical(data).walk("VEVENT")
    return next(e for e in events if str(e["uid"]).startswith(f"stordialog-{dialogue_id}@"))


def _vobject_event(data: bytes, dialogue_id: str) -> Any:
    events = vobject.readOne(data.decode("utf-8")).vevent_list
    return next(e for e in events if e.uid.value.startswith(f"stordialog-{dialogue_id}@"))


def test_dtstamp_is_the_build_instant_in_utc_in_every_file(register: Register) -> None:
    exports = render_exports(register, SITE, TODAY, BUILT)
    stamp = datetime(2026, 11, 22, 3, 17, 33, tzinfo=UTC)
    files = [SUBSCRIPTION, *(f"stordialoger/{d}.ics" for d in register.dialogues)]
    for path in files:
        ical, vcal = _both(exports[path])
        assert [e.decoded("dtstamp") for e in ical.walk("VEVENT")] == [stamp] * len(
            vcal.vevent_list
        ), path
        assert [e.dtstamp.value for e in vcal.vevent_list] == [stamp] * len(vcal.vevent_list)
        assert b"DTSTAMP:20261122T031733Z\r\n" in exports[path]


def test_the_same_source_date_epoch_gives_byte_identical_calendars(register: Register) -> None:
    moment = build_moment({"SOURCE_DATE_EPOCH": TODAY_EPOCH})
    first = render_exports(register, SITE, moment.date(), moment)
    again = render_exports(register, SITE, moment.date(), build_moment(
        {"SOURCE_DATE_EPOCH": TODAY_EPOCH}
    ))  # fmt: skip
    later = build_moment({"SOURCE_DATE_EPOCH": str(int(TODAY_EPOCH) + 60)})
    other = render_exports(register, SITE, later.date(), later)
    for path in [SUBSCRIPTION, "stordialoger/2027-fritid.ics"]:
        assert first[path] == again[path]
        # The stamp is the build's, so another instant is another file.
        assert first[path] != other[path]
        assert b"DTSTAMP:20261122T120000Z\r\n" in first[path]


def test_description_is_plain_text_in_paragraphs_with_the_link_back_to_the_page(
    register: Register,
) -> None:
    # As an editor writes it in YAML: emphasis, a link, and lines broken inside a paragraph.
    text = "**Vad** vill unga\ngöra på [fritiden](https://exempel.se/)?\n\nAndra\n_stycket_."
    changed = _with(register, "2027-fritid", description=text)
    data = _single(render_exports(changed, SITE, TODAY, BUILT), "2027-fritid")
    expected = (
        "Vad vill unga göra på fritiden?\n\nAndra stycket.\n\n"
        f"Mer information: {PAGE}\nDelta digitalt: {ONLINE}\n"
        f"Anmälan: {SIGN_UP} (senast 9 mars 2027)"
    )
    assert str(_icalendar_event(data, "2027-fritid")["description"]) == expected
    assert _vobject_event(data, "2027-fritid").description.value == expected
    assert b"**" not in data and b"](" not in data


def test_a_file_of_one_event_has_no_name_or_refresh_of_a_calendar_of_its_own(
    register: Register,
) -> None:
    exports = render_exports(register, SITE, TODAY, BUILT)
    for dialogue_id in register.dialogues:
        data = _single(exports, dialogue_id)
        ical, vcal = _both(data)
        for name in CALENDAR_PROPERTIES:
            assert name not in ical, (dialogue_id, name)
            assert name.lower() not in vcal.contents, (dialogue_id, name)
            assert name.encode() not in data
        assert [str(e["uid"]) for e in ical.walk("VEVENT")] == [
            f"stordialog-{dialogue_id}@exempelby.example.org"
        ]
        assert len(vcal.vevent_list) == 1
        assert [str(z["tzid"]) for z in ical.walk("VTIMEZONE")] == ["Europe/Stockholm"]
        assert vcal.vtimezone.tzid.value == "Europe/Stockholm"
        assert (vcal.version.value, vcal.method.value) == ("2.0", "PUBLISH")
        assert vcal.prodid.value == str(ical["prodid"])
        # vobject reads the time zone from the file's VTIMEZONE, not from its own database.
        event = vcal.vevent_list[0]
        assert event.dtstart.value == register.dialogues[dialogue_id].start


def test_the_subscription_is_a_named_calendar_refreshed_daily(register: Register) -> None:
    data = render_exports(register, SITE, TODAY, BUILT)[SUBSCRIPTION]
    ical, vcal = _both(data)
    name = "Stordialoger – ÖK Exempel, Exempelby kommun"
    assert vcal.contents["x-wr-calname"][0].value == name
    # TEXT, its comma escaped (RFC 5545), or vobject reads a list and shows "… ÖK Exempel";
    # icalendar keeps an X- property it has no type for as written (vUnknown).
    assert "X-WR-CALNAME:Stordialoger – ÖK Exempel\\, Exempelby kommun\r\n".encode() in data
    assert str(ical["x-wr-calname"]) == "Stordialoger – ÖK Exempel\\, Exempelby kommun"
    assert vcal.contents["x-published-ttl"][0].value == "P1D"
    assert vcal.contents["refresh-interval"][0].value == "P1D"
    assert len(vcal.vevent_list) == len(register.dialogues)


def test_a_cancelled_dialogue_stays_cancelled_and_offers_no_way_to_take_part(
    register: Register,
) -> None:
    cancelled = _with(register, "2027-fritid", status="cancelled")
    exports = render_exports(cancelled, SITE, TODAY, BUILT)
    for path in (SUBSCRIPTION, "stordialoger/2027-fritid.ics"):
        data = exports[path]
        ical_event = _icalendar_event(data, "2027-fritid")
        vobject_event = _vobject_event(data, "2027-fritid")
        assert str(ical_event["status"]) == vobject_event.status.value == "CANCELLED"
        assert vobject_event.summary.value == "Inställd: Stordialog om fritid"
        assert vobject_event.description.value == (
            f"Stordialogen är inställd.\n\nVad vill unga göra på fritiden?\n\n"
            f"Mer information: {PAGE}"
        )
        assert vobject_event.location.value == "Digitalt"
        assert ONLINE.encode() not in data and SIGN_UP.encode() not in data


def _sequence(register: Register, dialogue_id: str, **changes: Any) -> tuple[int, int]:
    data = render_exports(_with(register, dialogue_id, **changes), SITE, TODAY, BUILT)
    single = _single(data, dialogue_id)
    return (
        int(_icalendar_event(single, dialogue_id)["sequence"]),
        int(_vobject_event(single, dialogue_id).sequence.value),
    )


def test_sequence_rises_when_the_dialogue_changes_and_again_when_it_is_cancelled(
    register: Register,
) -> None:
    planned = _sequence(register, "2027-fritid")
    moved = _sequence(register, "2027-fritid", changed=date(2026, 11, 20))
    cancelled = _sequence(register, "2027-fritid", status="cancelled")
    moved_then_cancelled = _sequence(
        register, "2027-fritid", changed=date(2026, 11, 21), status="cancelled"
    )
    assert planned == (0, 0)
    assert moved == cancelled == (1, 1)
    assert moved_then_cancelled == (2, 2)


def test_last_modified_is_when_the_dialogue_last_changed_never_after_the_build(
    register: Register,
) -> None:
    exports = render_exports(register, SITE, TODAY, BUILT)
    modified = {
        e.uid.value.split("@")[0]: e.last_modified.value
        for e in vobject.readOne(exports[SUBSCRIPTION].decode()).vevent_list
    }
    noon = datetime(2026, 11, 10, 12, tzinfo=STOCKHOLM)  # changed: 2026-11-10, the cancellation
    assert modified["stordialog-2026-installt"] == noon
    assert modified["stordialog-2027-fritid"] == datetime(2026, 11, 2, 12, tzinfo=STOCKHOLM)
    # No dates in the file: the start day, which is before the build.
    assert modified["stordialog-2025-ensamhet"] == datetime(2025, 11, 18, 12, tzinfo=STOCKHOLM)
    early = datetime(2026, 11, 2, 8, tzinfo=STOCKHOLM)  # the build, before noon that day
    event = _vobject_event(
        render_exports(register, SITE, early.date(), early)[SUBSCRIPTION], "2027-fritid"
    )
    assert event.last_modified.value == early


def test_okide_render_stamps_the_calendars_with_source_date_epoch(
    project: Path, tmp_path: Path
) -> None:
    code, _ = run_cli("render", str(tmp_path / "ut"), "--root", str(project))
    assert code == 0
    for path in ("stordialoger.ics", "stordialoger/2027-fritid.ics"):
        data = (tmp_path / "ut" / path).read_bytes()
        # TODAY_EPOCH is 2026-11-22 12:00 UTC (the project fixture sets it).
        stamps = {e.dtstamp.value for e in vobject.readOne(data.decode()).vevent_list}
        assert stamps == {datetime(2026, 11, 22, 12, tzinfo=UTC)}
