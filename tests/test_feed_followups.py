"""The Atom feed (okide.feed) of the living agreement: a follow-up when it is handed in and an
action when its status changes, linked to their places on /uppfoljning/ and /samverkansplan/,
never dated after the build day. Read with ElementTree here; tests/test_feed.py reads the dates
with feedparser."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from typing import Any

import pytest

from okide.addresses import SiteSettings
from okide.feed import atom_feed
from okide.load import load_register
from okide.models import Register
from tests.conftest import FIXTURES, TODAY

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = SiteSettings(site_url="https://region.example.org/ok/")
TAG = "tag:region.example.org,2021-04-20:"


@pytest.fixture(scope="module")
def region() -> Register:
    loaded = load_register(FIXTURES / "region", TODAY)
    assert isinstance(loaded, Register), loaded
    return loaded


def _entries(register: Register, today: date = TODAY) -> dict[str, dict[str, Any]]:
    """Entry id → its title, summary, link and updated."""
    feed = ET.fromstring(atom_feed(register, SITE, today))
    return {
        str(entry.findtext(f"{ATOM}id")): {
            "title": entry.findtext(f"{ATOM}title"),
            "summary": entry.findtext(f"{ATOM}summary"),
            "link": entry.find(f"{ATOM}link").get("href"),  # type: ignore[union-attr]
            "updated": entry.findtext(f"{ATOM}updated"),
        }
        for entry in feed.findall(f"{ATOM}entry")
    }


def test_each_follow_up_handed_in_is_an_entry_linked_to_its_place(region: Register) -> None:
    entries = _entries(region)
    entry = entries[TAG + "uppfoljning/2025-patientforeningen"]
    assert entry == {
        "title": "Uppföljning 2025: Patientföreningen Norrsken",
        "summary": "Patientföreningen Norrsken lämnade in sin uppföljning av 2025 den 1 oktober"
        " 2026.",
        "link": "https://region.example.org/ok/uppfoljning/#2025-patientforeningen",
        "updated": "2026-10-01T12:00:00+02:00",
    }
    late = entries[TAG + "uppfoljning/2024-patientforeningen"]["summary"]
    assert late.endswith("Den skulle ha varit inne senast 15 december 2025.")
    on_time = entries[TAG + "uppfoljning/2024-lansbygdsradet"]["summary"]
    assert "skulle ha varit" not in on_time


def test_each_actions_status_is_an_entry_on_the_day_it_changed(region: Register) -> None:
    entries = _entries(region)
    actions = {e["title"]: e for key, e in entries.items() if "insats/" in key}
    assert set(actions) == {
        "Insats pågår: Öppna bygdegårdar",
        "Insats avbruten: Patientskola på distans",
        "Insats klar: Kulturkort för unga",
    }
    done = actions["Insats klar: Kulturkort för unga"]
    assert done["link"] == "https://region.example.org/ok/samverkansplan/#kulturkort"
    assert done["updated"].startswith("2024-06-30T12:00")  # no `changed`: the end of the action
    assert done["summary"] == "Insatsen blev klar den 30 juni 2024 (Handlingsplan 2023–2024)."
    assert TAG + "insats/patientskola/avbruten/2025-09-15" in entries


def test_nothing_enters_the_feed_before_the_day_it_happens(region: Register) -> None:
    """The planned action starts 2027-02-01: the same rule as a departure dated ahead."""
    planned = "Insats planerad: Hälsoombud i varje kommun"
    assert planned not in [e["title"] for e in _entries(region).values()]
    assert planned in [e["title"] for e in _entries(region, date(2027, 2, 1)).values()]
    for entry in _entries(region).values():
        if "/uppfoljning/" in entry["link"] or "/samverkansplan/" in entry["link"]:
            assert entry["updated"][:10] <= TODAY.isoformat(), entry


def test_a_new_status_is_a_new_entry_for_feed_readers(region: Register) -> None:
    action = region.actions["bygdegardar"].model_copy(
        update={"status": "klar", "changed": date(2026, 11, 20), "outcome": "Öppet."}
    )
    fields = {name: getattr(region, name) for name in Register.model_fields}
    changed = Register(**{**fields, "actions": {**region.actions, "bygdegardar": action}})
    before = {key for key in _entries(region) if "insats/bygdegardar" in key}
    after = {key for key in _entries(changed) if "insats/bygdegardar" in key}
    assert before == {TAG + "insats/bygdegardar/pagar/2025-03-01"}
    assert after == {TAG + "insats/bygdegardar/klar/2026-11-20"}


def test_the_feed_with_follow_ups_and_actions_stays_valid_atom(region: Register) -> None:
    feed = ET.fromstring(atom_feed(region, SITE, TODAY))
    entries = feed.findall(f"{ATOM}entry")
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)
    assert feed.findtext(f"{ATOM}updated") == updated[0]
    ids = [str(e.findtext(f"{ATOM}id")) for e in entries]
    assert len(set(ids)) == len(ids)
    assert all(re.match(r"^tag:[a-z0-9.-]+,\d{4}-\d\d-\d\d:[a-z0-9/-]+$", i) for i in ids), ids
    for entry in entries:
        for name in ("id", "title", "updated", "summary"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
    assert "uppföljningar och insatser" in str(feed.findtext(f"{ATOM}subtitle"))
