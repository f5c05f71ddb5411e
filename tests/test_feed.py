"""The Atom feed (okide.feed): new parties, departures and dialogues, valid Atom 1.0 whatever
the names hold, and the same feed on every build day."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date

from okide.addresses import SiteSettings
from okide.feed import atom_feed
from okide.models import Register
from tests.conftest import TODAY

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
