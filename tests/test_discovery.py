"""Discovery and open data: Atom feed, schema.org JSON-LD, meta tags, sitemap, statistics."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from okide.feed import atom_feed
from okide.load import load_register
from okide.models import Register
from okide.settings import SiteSettings
from okide.statistics import area_chart, form_chart, line_chart, party_steps
from tests.conftest import SMALL, TODAY

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = SiteSettings(site_url="https://exempelby.example.org/ok/")


@pytest.fixture(scope="module")
def register() -> Register:
    loaded = load_register(SMALL, TODAY)
    assert isinstance(loaded, Register)
    return loaded


def _feed(register: Register) -> ET.Element:
    return ET.fromstring(atom_feed(register, SITE))


def test_atom_feed_lists_new_parties_departures_and_dialogues_newest_first(
    register: Register,
) -> None:
    entries = _feed(register).findall(f"{ATOM}entry")
    updated = [e.findtext(f"{ATOM}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)
    titles = [e.findtext(f"{ATOM}title") for e in entries]
    assert "Ny part: Alfa idrottsförening" in titles
    assert "Gamma-nätverket <för alla> har lämnat ÖK Exempel" in titles
    assert any(t.startswith("Inställd stordialog (inställd)") for t in titles if t)
    assert len(entries) == 4 + 1 + 3


def test_atom_entry_ids_are_stable_tag_uris(register: Register) -> None:
    ids = [e.findtext(f"{ATOM}id") for e in _feed(register).findall(f"{ATOM}entry")]
    assert "tag:exempelby.example.org,2020-02-03:part/alfa-idrottsforening/ny" in ids
    assert "tag:exempelby.example.org,2020-02-03:stordialog/2027-fritid" in ids
    assert len(set(ids)) == len(ids)
    assert atom_feed(register, SITE) == atom_feed(register, SITE)


def test_atom_feed_links_to_itself_and_the_pages(register: Register) -> None:
    feed = _feed(register)
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links == {
        "self": "https://exempelby.example.org/ok/flode.xml",
        "alternate": "https://exempelby.example.org/ok/",
    }


def test_party_steps_count_signings_and_departures(register: Register) -> None:
    assert [(s.day, s.count) for s in party_steps(register, TODAY)] == [
        (date(2020, 3, 1), 2), (date(2021, 5, 10), 3), (date(2022, 1, 15), 4), (date(2023, 12, 31), 3),
    ]  # fmt: skip
    assert party_steps(register, date(2023, 1, 1))[-1].count == 4  # not left yet then


def test_charts_count_current_parties_by_form_and_area(register: Register) -> None:
    assert [(b.label, b.count) for b in form_chart(register, TODAY).bars] == [
        ("ideell förening", 1), ("stiftelse", 1), ("annan", 1),
    ]  # fmt: skip
    assert [(b.label, b.count) for b in area_chart(register, TODAY).bars] == [
        ("Trygghet", 1), ("Fritid och kultur", 2),
    ]  # fmt: skip
    chart = line_chart(register, TODAY)
    assert chart is not None and chart.path.startswith("M48.0,240.0 H")


def _json_ld(html: str) -> list[dict[str, object]]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def test_party_page_carries_organization_json_ld(fixture_site: Path) -> None:
    html = (fixture_site / "parter/alfa-idrottsforening/index.html").read_text(encoding="utf-8")
    (data,) = _json_ld(html)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Organization"
    assert data["name"] == "Alfa idrottsförening" and data["taxID"] == "802400-0005"
    assert str(data["url"]).endswith("/parter/alfa-idrottsforening/")


def test_dialogue_pages_carry_event_json_ld(fixture_site: Path) -> None:
    page = fixture_site / "stordialoger/2025-ensamhet/index.html"
    (event,) = _json_ld(page.read_text(encoding="utf-8"))
    assert event["@type"] == "Event"
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"] == {
        "@type": "Place", "name": "Folkets hus, stora salen", "address": "Storgatan 1, Exempelby",
    }  # fmt: skip
    assert event["startDate"] == "2025-11-18T17:30:00+01:00"
    organizers = event["organizer"]
    assert isinstance(organizers, list)
    assert [o["@type"] for o in organizers] == ["GovernmentOrganization", "Organization"]
    online = _json_ld((fixture_site / "stordialoger/2027-fritid/index.html").read_text("utf-8"))[0]
    assert online["location"] == {
        "@type": "VirtualLocation",
        "url": "https://exempelby.example.org/mote",
    }
    cancelled = _json_ld(
        (fixture_site / "stordialoger/2026-installt/index.html").read_text("utf-8")
    )
    assert cancelled[0]["eventStatus"] == "https://schema.org/EventCancelled"


def test_start_page_names_the_public_party_as_government_organization(fixture_site: Path) -> None:
    (data,) = _json_ld((fixture_site / "index.html").read_text(encoding="utf-8"))
    assert data["@type"] == "GovernmentOrganization" and data["name"] == "Exempelby kommun"


def test_json_ld_cannot_close_its_script_element() -> None:
    from okide.structured import script_json

    assert (
        script_json({"name": "</script><b>"}) == '{"name": "\\u003c/script\\u003e\\u003cb\\u003e"}'
    )


def test_every_page_has_description_open_graph_and_the_feed_link(fixture_site: Path) -> None:
    for page in fixture_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        where = page.relative_to(fixture_site)
        assert re.search(r'<meta name="description" content="[^"]+"', html), where
        for prop in ("og:title", "og:description", "og:url", "og:locale"):
            assert f'property="{prop}"' in html, (where, prop)
        assert 'type="application/atom+xml"' in html, where


def test_sitemap_lists_every_page_with_stable_urls(fixture_site: Path) -> None:
    sitemap = (fixture_site / "sitemap.xml").read_text(encoding="utf-8")
    for path in ("parter/alfa-idrottsforening/", "stordialoger/2027-fritid/", "statistik/"):
        assert f"/ok-ide/{path}</loc>" in sitemap


def test_statistics_page_draws_accessible_svg_with_data_tables(fixture_site: Path) -> None:
    html = (fixture_site / "statistik/index.html").read_text(encoding="utf-8")
    assert html.count('<svg role="img" aria-labelledby=') == 3
    assert html.count("<table>") >= 3
    assert "<script src" not in html.split("<article", 1)[1].split("</article>", 1)[0]


def test_register_has_the_filter_placeholder_and_script(fixture_site: Path) -> None:
    html = (fixture_site / "parter/index.html").read_text(encoding="utf-8")
    assert 'id="okide-filter"' in html and "okide-filter.js" in html


def test_dialogue_list_offers_webcal_and_https_subscription(fixture_site: Path) -> None:
    html = (fixture_site / "stordialoger/index.html").read_text(encoding="utf-8")
    assert 'href="webcal://uddevalla.github.io/ok-ide/stordialoger.ics"' in html
    assert "https://uddevalla.github.io/ok-ide/stordialoger.ics" in html
