"""schema.org JSON-LD (okide.jsonld): the shape each page carries for what it is about, as plain
text that cannot close its script element."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from okide.addresses import SiteSettings
from okide.models import Register
from tests.conftest import TODAY

SITE = SiteSettings(site_url="https://exempelby.example.org/ok/")


def _json_ld(html: str) -> list[dict[str, Any]]:
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


WITH_OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d)?[+-]\d\d:\d\d$")
ABSOLUTE_URL = re.compile(r"^https?://[^\s/]+/?")
ORGANIZATION_KEYS = {
    "@context", "@type", "name", "url", "mainEntityOfPage", "taxID", "description", "contactPoint",
}  # fmt: skip


def _check_contact_point(point: dict[str, Any]) -> None:
    assert point["@type"] == "ContactPoint" and point["contactType"]
    assert {"email", "telephone", "url"} & set(point)


def _check_organization(data: dict[str, Any], kind: str = "Organization") -> None:
    """The shape we emit for an organisation (Google: Organization structured data)."""
    assert data["@type"] == kind and set(data) <= ORGANIZATION_KEYS, data
    assert isinstance(data["name"], str) and data["name"].strip()
    assert ABSOLUTE_URL.match(data["url"])
    if "mainEntityOfPage" in data:
        assert ABSOLUTE_URL.match(data["mainEntityOfPage"])
    if "description" in data:
        assert "**" not in data["description"] and "](" not in data["description"]  # plain text
    if "contactPoint" in data:
        _check_contact_point(data["contactPoint"])


def _check_event(data: dict[str, Any]) -> None:
    """The shape we emit for a dialogue (Google: Event structured data, required and
    recommended properties that the data can fill)."""
    required = {"name", "startDate", "endDate", "eventStatus", "eventAttendanceMode", "location",
                "organizer", "description", "url"}  # fmt: skip
    assert data["@context"] == "https://schema.org" and data["@type"] == "Event"
    assert required <= set(data), required - set(data)
    assert WITH_OFFSET.match(data["startDate"]) and WITH_OFFSET.match(data["endDate"])
    assert data["endDate"] > data["startDate"]
    assert data["eventStatus"] in {
        "https://schema.org/EventScheduled", "https://schema.org/EventCancelled",
    }  # fmt: skip
    locations = data["location"] if isinstance(data["location"], list) else [data["location"]]
    kinds = {location["@type"] for location in locations}
    for location in locations:
        if location["@type"] == "Place":
            assert location["name"]
            if "address" in location:
                address = location["address"]
                assert address["@type"] == "PostalAddress" and address["streetAddress"]
        else:
            assert location["@type"] == "VirtualLocation" and ABSOLUTE_URL.match(location["url"])
    mode = {
        frozenset({"Place"}): "Offline", frozenset({"VirtualLocation"}): "Online",
        frozenset({"Place", "VirtualLocation"}): "Mixed",
    }[frozenset(kinds)]  # fmt: skip
    assert data["eventAttendanceMode"] == f"https://schema.org/{mode}EventAttendanceMode"
    organizers = data["organizer"] if isinstance(data["organizer"], list) else [data["organizer"]]
    assert organizers[0]["@type"] == "GovernmentOrganization"
    for organizer in organizers:
        assert organizer["@type"] in {"GovernmentOrganization", "Organization"}
        assert organizer["name"] and ABSOLUTE_URL.match(organizer["url"])


@pytest.mark.slow
def test_every_page_carries_the_json_ld_shape_of_what_it_is_about(
    fixture_site: Path, register: Register
) -> None:
    for page in sorted(fixture_site.rglob("index.html")):
        where = page.parent.relative_to(fixture_site).as_posix()
        found = _json_ld(page.read_text(encoding="utf-8"))
        if where == ".":
            (data,) = found
            _check_organization(data, "GovernmentOrganization")
            assert data["@context"] == "https://schema.org" and data["name"] == "Exempelby kommun"
        elif where.startswith("parter/"):
            (data,) = found
            _check_organization(data)
            assert data["@context"] == "https://schema.org"
            party = register.signatories[where.split("/")[1]]
            assert data["name"] == party.name
            assert data["url"] == (party.website or data["mainEntityOfPage"])
            assert str(data["mainEntityOfPage"]).endswith(f"/{where}/")
        elif where.startswith("stordialoger/"):
            (data,) = found
            _check_event(data)
            assert data["name"] == register.dialogues[where.split("/")[1]].title
        else:
            assert found == [], where


@pytest.mark.slow
def test_dialogue_pages_carry_event_json_ld(fixture_site: Path) -> None:
    page = fixture_site / "stordialoger/2025-ensamhet/index.html"
    (event,) = _json_ld(page.read_text(encoding="utf-8"))
    assert event["eventStatus"] == "https://schema.org/EventScheduled"
    assert event["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"
    assert event["location"] == {
        "@type": "Place", "name": "Folkets hus, stora salen",
        "address": {"@type": "PostalAddress", "streetAddress": "Storgatan 1, Exempelby",
                    "addressCountry": "SE"},
    }  # fmt: skip
    assert event["startDate"] == "2025-11-18T17:30:00+01:00"
    assert event["endDate"] == "2025-11-18T20:00:00+01:00"
    assert [(o["@type"], o["name"]) for o in event["organizer"]] == [
        ("GovernmentOrganization", "Exempelby kommun"), ("Organization", "Alfa idrottsförening"),
    ]  # fmt: skip
    online = _json_ld((fixture_site / "stordialoger/2027-fritid/index.html").read_text("utf-8"))[0]
    assert online["location"] == {
        "@type": "VirtualLocation",
        "url": "https://exempelby.example.org/mote",
    }
    cancelled = _json_ld(
        (fixture_site / "stordialoger/2026-installt/index.html").read_text("utf-8")
    )
    assert cancelled[0]["eventStatus"] == "https://schema.org/EventCancelled"


@pytest.mark.slow
def test_json_ld_descriptions_are_plain_text_not_markdown(fixture_site: Path) -> None:
    html = (fixture_site / "parter/alfa-idrottsforening/index.html").read_text(encoding="utf-8")
    (data,) = _json_ld(html)
    assert data["description"] == "Idrott för alla åldrar i Exempelby."  # **Exempelby** in YAML
    assert data["taxID"] == "802400-0005" and data["url"] == "https://alfa.example.org"


def test_json_ld_cannot_close_its_script_element() -> None:
    from okide.jsonld import script_json

    assert (
        script_json({"name": "</script><b>"}) == '{"name": "\\u003c/script\\u003e\\u003cb\\u003e"}'
    )


def test_a_name_with_a_closing_script_tag_stays_inside_the_json_ld(register: Register) -> None:
    from okide.pages import render_pages

    name = "Evil </script><script>alert(1)</script> & <!-- co"
    evil = register.signatories["beta-stiftelsen"].model_copy(
        update={"name": name, "description": "Se </SCRIPT> **här**"}
    )
    changed = register.model_copy(
        update={"signatories": {**register.signatories, "beta-stiftelsen": evil}}
    )
    pages = {page.path: page.markdown for page in render_pages(changed, TODAY, SITE)}
    for path in ("parter/beta-stiftelsen.md", "stordialoger/2027-fritid.md"):
        markdown = pages[path]
        assert (
            markdown.lower().count("</script>") == 1 and "<!--" not in markdown.split("<script")[-1]
        )
        (data,) = _json_ld(markdown)
        names = [data["name"]] + [o["name"] for o in data.get("organizer", [])]
        assert name in names
    (party,) = _json_ld(pages["parter/beta-stiftelsen.md"])
    assert party["description"] == "Se </SCRIPT> här"


def test_a_cancelled_online_event_points_to_its_page_not_the_meeting(register: Register) -> None:
    from okide.jsonld import event

    fritid = register.dialogues["2027-fritid"]
    planned = event(fritid, register, SITE)
    cancelled = event(fritid.model_copy(update={"status": "cancelled"}), register, SITE)
    assert planned["location"]["url"] == "https://exempelby.example.org/mote"
    assert cancelled["eventStatus"] == "https://schema.org/EventCancelled"
    assert cancelled["location"] == {
        "@type": "VirtualLocation",
        "url": "https://exempelby.example.org/ok/stordialoger/2027-fritid/",
    }
    assert "exempelby.example.org/mote" not in json.dumps(cancelled)
