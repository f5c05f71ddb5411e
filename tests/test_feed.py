"""The Atom feed (okide.feed): new parties, departures and dialogues, valid Atom 1.0 whatever
the names hold, the same feed on every build day while nothing changes, and every `updated` the
day its entry last changed in the register, never after the build (read with feedparser)."""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import feedparser
import pytest

from okide.addresses import SiteSettings
from okide.clock import STOCKHOLM
from okide.feed import atom_feed
from okide.models import Register
from tests.conftest import TODAY, TODAY_EPOCH

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = SiteSettings(site_url="https://exempelby.example.org/ok/")


def _feed(register: Register, today: date = TODAY) -> ET.Element:
    return ET.fromstring(atom_feed(register, SITE, today))


def test_atom_feed_lists_new_parties_departures_and_dialogues_newest_first(
    register: Register,
) -> None:
    entries = _feed(register).findall(f"{ATOM}entry")
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert "Ny part: Alfa idrottsförening" in titles
    assert "Gamma-nätverket <för alla> har lämnat ÖK Exempel" in titles
    assert "Inställd stordialog (inställd), 1 december 2026" in titles
    assert len(entries) == 4 + 1 + 3
    summaries = {e.findtext(f"{ATOM}title"): e.findtext(f"{ATOM}summary") for e in entries}
    assert summaries["Stordialog om fritid, 16 mars 2027"] == (
        "tisdag 16 mars 2027 kl. 17.30–20.00, digitalt."
    )
    assert summaries["Inställd stordialog (inställd), 1 december 2026"].endswith(
        "Stadshuset. Stordialogen är inställd."
    )


RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def test_atom_feed_has_every_element_atom_1_0_requires(register: Register) -> None:
    feed = _feed(register)
    assert feed.tag == f"{ATOM}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "sv"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    assert feed.findtext(f"{ATOM}author/{ATOM}name") == "Exempelby kommun"
    assert RFC3339.match(feed.findtext(f"{ATOM}updated") or "")
    entries = feed.findall(f"{ATOM}entry")
    # The feed's updated is its newest entry's: a date from the data, not the build's clock.
    assert feed.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated")
    for entry in entries:
        for name in ("id", "title", "updated", "summary"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert RFC3339.match(entry.findtext(f"{ATOM}updated") or "")
        (link,) = entry.findall(f"{ATOM}link")
        assert link.get("rel") == "alternate" and link.get("type") == "text/html"
        assert str(link.get("href")).startswith("https://exempelby.example.org/ok/")


def test_atom_entry_ids_are_stable_tag_uris(register: Register) -> None:
    ids = [e.findtext(f"{ATOM}id") for e in _feed(register).findall(f"{ATOM}entry")]
    assert "tag:exempelby.example.org,2020-02-03:part/alfa-idrottsforening/ny" in ids
    assert "tag:exempelby.example.org,2020-02-03:stordialog/2027-fritid" in ids
    assert all(re.match(r"^tag:[a-z0-9.-]+,\d{4}-\d\d-\d\d:[a-z0-9/-]+$", str(i)) for i in ids)
    assert len(set(ids)) == len(ids)


def test_atom_feed_depends_on_the_data_not_on_the_build_day(register: Register) -> None:
    later = date(2031, 6, 1)
    assert atom_feed(register, SITE, TODAY) == atom_feed(register, SITE, later)


def test_departure_dated_ahead_enters_the_feed_on_the_day_it_happens(register: Register) -> None:
    beta = register.signatories["beta-stiftelsen"]
    leaving = beta.model_copy(update={"left": date(2026, 12, 31)})
    changed = register.model_copy(
        update={"signatories": {**register.signatories, "beta-stiftelsen": leaving}}
    )

    def departures(today: date) -> list[str | None]:
        entries = _feed(changed, today).findall(f"{ATOM}entry")
        return [
            e.findtext(f"{ATOM}id") for e in entries if "lamnade" in str(e.findtext(f"{ATOM}id"))
        ]

    assert len(departures(TODAY)) == 1  # only Gamma, who left in 2023
    assert "tag:exempelby.example.org,2020-02-03:part/beta-stiftelsen/lamnade" in departures(
        date(2026, 12, 31)
    )


def test_atom_feed_stays_well_formed_whatever_the_names_contain(register: Register) -> None:
    name = 'Evil </script> & "Co" ]]> <b>\x01\x1b\ufffe slut'
    odd = register.signatories["beta-stiftelsen"].model_copy(update={"name": name})
    changed = register.model_copy(
        update={"signatories": {**register.signatories, "beta-stiftelsen": odd}}
    )
    titles = [e.findtext(f"{ATOM}title") for e in _feed(changed).findall(f"{ATOM}entry")]
    assert 'Ny part: Evil </script> & "Co" ]]> <b> slut' in titles


def test_atom_feed_links_to_itself_and_the_pages(register: Register) -> None:
    feed = _feed(register)
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {
        "self": "https://exempelby.example.org/ok/flode.xml",
        "alternate": "https://exempelby.example.org/ok/",
    }
    assert feed.find(f"{ATOM}link[@rel='self']").get("type") == "application/atom+xml"  # type: ignore[union-attr]


# ---- When each entry last changed, as a feed reader reads it (feedparser) -------------------

BUILT = datetime(2026, 11, 22, 4, 17, 33, tzinfo=STOCKHOLM)
FRITID = "tag:exempelby.example.org,2020-02-03:stordialog/2027-fritid"


def _read(register: Register, today: date = TODAY, built: datetime = BUILT) -> Any:
    parsed = feedparser.parse(atom_feed(register, SITE, today, built))
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def _when(struct: time.struct_time) -> datetime:
    """feedparser's UTC struct_time as an instant."""
    return datetime(*struct[:6], tzinfo=UTC)


def _updated(parsed: Any) -> dict[str, datetime]:
    return {entry.id: _when(entry.updated_parsed) for entry in parsed.entries}


def _with_dialogue(register: Register, dialogue_id: str, **changes: Any) -> Register:
    dialogue = register.dialogues[dialogue_id].model_copy(update=changes)
    return register.model_copy(update={"dialogues": {**register.dialogues, dialogue_id: dialogue}})


def test_the_feeds_updated_is_its_newest_entrys_and_none_is_after_the_build(
    register: Register,
) -> None:
    parsed = _read(register)
    updated = _updated(parsed)
    assert _when(parsed.feed.updated_parsed) == max(updated.values())
    assert all(moment <= BUILT for moment in updated.values())
    # The newest news is the cancellation written down on 2026-11-10.
    assert _when(parsed.feed.updated_parsed) == datetime(2026, 11, 10, 12, tzinfo=STOCKHOLM)


def test_a_dialogue_is_dated_when_it_was_published_not_when_it_starts(register: Register) -> None:
    updated = _updated(_read(register))
    assert updated[FRITID] == datetime(2026, 11, 2, 12, tzinfo=STOCKHOLM)  # starts 2027-03-16


def test_cancelling_a_dialogue_moves_its_entry_to_the_day_it_was_cancelled(
    register: Register,
) -> None:
    cancelled = _with_dialogue(
        register, "2027-fritid", status="cancelled", changed=date(2026, 11, 20)
    )
    parsed = _read(cancelled)
    entry = next(e for e in parsed.entries if e.id == FRITID)
    assert _when(entry.updated_parsed) == datetime(2026, 11, 20, 12, tzinfo=STOCKHOLM)
    assert entry.title == "Stordialog om fritid (inställd), 16 mars 2027"
    assert entry.summary.endswith("Stordialogen är inställd.")
    assert _when(parsed.feed.updated_parsed) == _when(entry.updated_parsed)
    assert parsed.entries[0].id == FRITID


def test_a_cancellation_without_its_day_still_moves_the_entry_but_not_past_the_build(
    register: Register,
) -> None:
    before = _updated(_read(register))[FRITID]
    cancelled = _with_dialogue(register, "2027-fritid", status="cancelled")
    after = _updated(_read(cancelled))[FRITID]
    # The build day (before the dialogue starts), at noon or the build if that is earlier.
    assert before < after == BUILT


def test_a_dialogue_without_dates_is_dated_by_its_start_or_else_the_build(
    register: Register,
) -> None:
    updated = _updated(_read(register))
    past = "tag:exempelby.example.org,2020-02-03:stordialog/2025-ensamhet"
    assert updated[past] == datetime(2025, 11, 18, 12, tzinfo=STOCKHOLM)
    undated = _with_dialogue(register, "2027-fritid", published=None)
    late = datetime(2026, 11, 22, 18, 5, tzinfo=STOCKHOLM)
    assert _updated(_read(undated, built=late))[FRITID] == datetime(
        2026, 11, 22, 12, tzinfo=STOCKHOLM
    )


def test_a_day_ahead_of_the_build_is_capped_at_the_build_instant(register: Register) -> None:
    ahead = _with_dialogue(register, "2027-fritid", published=date(2026, 12, 24))
    parsed = _read(ahead)
    assert _updated(parsed)[FRITID] == BUILT
    assert _when(parsed.feed.updated_parsed) == BUILT
    # A party that signed on the build day, with the build in the morning: not noon, the build.
    alfa = register.signatories["alfa-idrottsforening"].model_copy(update={"signed": TODAY})
    signed_today = register.model_copy(
        update={"signatories": {**register.signatories, "alfa-idrottsforening": alfa}}
    )
    new = "tag:exempelby.example.org,2020-02-03:part/alfa-idrottsforening/ny"
    assert _updated(_read(signed_today))[new] == BUILT


def test_a_feed_without_entries_is_dated_when_the_agreement_was_adopted(
    register: Register,
) -> None:
    empty = register.model_copy(update={"signatories": {}, "dialogues": {}})
    parsed = _read(empty)
    assert parsed.entries == []
    assert _when(parsed.feed.updated_parsed) == datetime(2020, 2, 3, 12, tzinfo=STOCKHOLM)


@pytest.mark.slow
def test_the_built_sites_feed_reads_right_in_feedparser(fixture_site: Path) -> None:
    parsed = feedparser.parse((fixture_site / "flode.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    built = datetime.fromtimestamp(int(TODAY_EPOCH), tz=UTC)
    updated = _updated(parsed)
    assert updated and all(moment <= built for moment in updated.values())
    assert _when(parsed.feed.updated_parsed) == max(updated.values())
    assert parsed.feed.title == "ÖK Exempel – Exempelby kommun: nytt i registret"
