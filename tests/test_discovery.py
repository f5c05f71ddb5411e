"""Discovery and open data: Atom feed, schema.org JSON-LD, meta tags, sitemap, statistics."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from markupsafe import escape

from okide.addresses import SiteSettings
from okide.feed import atom_feed
from okide.load import load_register
from okide.models import Register
from okide.statistics import area_chart, form_chart, line_chart, party_steps, party_years
from tests.browserkit import search
from tests.conftest import SMALL, TODAY

ATOM = "{http://www.w3.org/2005/Atom}"
SITE = SiteSettings(site_url="https://exempelby.example.org/ok/")


@pytest.fixture(scope="module")
def register() -> Register:
    loaded = load_register(SMALL, TODAY)
    assert isinstance(loaded, Register)
    return loaded


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
    assert chart is not None and chart.path.startswith("M23.5,204.0 V102.0 H")


def _with_parties(register: Register, *changes: tuple[str, str | None]) -> Register:
    """The register with one party per (signed, left) pair added."""
    parties = dict(register.signatories)
    for index, (signed, left) in enumerate(changes):
        base = register.signatories["beta-stiftelsen"]
        parties[f"extra-{index}"] = base.model_copy(
            update={"id": f"extra-{index}", "org_number": None, "signed": date.fromisoformat(signed),
                    "left": date.fromisoformat(left) if left else None},
        )  # fmt: skip
    return register.model_copy(update={"signatories": parties})


def test_parties_per_year_count_departures_in_their_year_and_not_before_they_happen(
    register: Register,
) -> None:
    bigger = _with_parties(register, ("2024-05-01", "2026-12-31"), ("2024-06-01", "2024-06-01"))
    rows = [(y.year, y.joined, y.left, y.total, y.ongoing) for y in party_years(bigger, TODAY)]
    assert rows == [
        (2020, 2, 0, 2, False), (2021, 1, 0, 3, False), (2022, 1, 0, 4, False),
        (2023, 0, 1, 3, False), (2024, 2, 1, 4, False), (2025, 0, 0, 4, False),
        (2026, 0, 0, 4, True),  # the departure on 31 December has not happened on 22 November
    ]  # fmt: skip
    assert rows[-1][3] == len(bigger.current_parties(TODAY))
    # A party that signs and leaves on the same day changes nothing: no step for it.
    steps = party_steps(bigger, TODAY)
    assert date(2024, 6, 1) not in [step.day for step in steps]
    assert steps[-1].count == len(bigger.current_parties(TODAY))


def test_long_bar_labels_wrap_instead_of_leaving_the_chart(register: Register) -> None:
    long_title = "Ett mycket långt fokusområde som inte får plats på en rad i en smal telefon"
    areas = [register.agreement.areas[0].model_copy(update={"title": long_title})]
    agreement = register.agreement.model_copy(update={"areas": areas})
    chart = area_chart(register.model_copy(update={"agreement": agreement}), TODAY)
    (bar,) = [b for b in chart.bars if b.label == long_title]
    assert len(bar.label_lines) > 1 and " ".join(bar.label_lines) == long_title
    assert all(len(line) <= 34 for line in bar.label_lines)
    assert bar.bar_y > bar.label_y + 18 * (len(bar.label_lines) - 1)


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


@pytest.mark.slow
def test_every_page_has_its_own_description_and_open_graph(fixture_site: Path) -> None:
    descriptions: dict[str, str] = {}
    for page in sorted(fixture_site.rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        where = page.parent.relative_to(fixture_site).as_posix()
        meta = dict(re.findall(r'<meta (?:name|property)="([^"]+)" content="([^"]*)"', html))
        assert meta.get("description"), where
        assert meta["og:description"] == meta["description"], where
        assert meta["og:locale"] == "sv_SE" and meta["og:type"] == "website"
        assert meta["og:site_name"] and meta["og:title"], where
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', html)
        assert canonical and meta["og:url"] == canonical.group(1), where
        assert re.search(
            r'<link rel="alternate" type="application/atom\+xml" title="[^"]+" href="(\.\./)*flode\.xml">',
            html,
        ), where
        descriptions[where] = meta["description"]
    detail = {k: v for k, v in descriptions.items() if k.count("/") == 1}
    assert len(set(detail.values())) == len(detail), "party and dialogue pages share a description"
    assert descriptions["parter/gamma-natverket"].startswith(
        "Gamma-nätverket &lt;för alla&gt; (nätverk) var part i ÖK Exempel från 1 mars 2020"
    )
    assert "Fokusområden: Trygghet, Fritid och kultur." in descriptions["parter/beta-stiftelsen"]
    assert descriptions["stordialoger/2026-installt"].startswith("Inställd stordialog")
    home = (fixture_site / "index.html").read_text(encoding="utf-8")
    assert '<meta property="og:title" content="ÖK Exempel – Exempelby kommun">' in home


@pytest.mark.slow
def test_sitemap_lists_every_page_with_stable_urls_and_no_build_date(fixture_site: Path) -> None:
    sitemap = ET.fromstring((fixture_site / "sitemap.xml").read_bytes())
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    listed = [loc.text for loc in sitemap.iter(f"{namespace}loc")]
    folders = [page.parent.relative_to(fixture_site) for page in fixture_site.rglob("index.html")]
    expected = {
        "https://uddevalla.github.io/ok-ide/" + "".join(f"{part}/" for part in folder.parts)
        for folder in folders
    }
    assert len(listed) == len(set(listed)) and set(listed) == expected
    assert "https://uddevalla.github.io/ok-ide/parter/alfa-idrottsforening/" in listed
    # The build date would make every page look changed after every daily rebuild.
    assert not list(sitemap.iter(f"{namespace}lastmod"))


@pytest.mark.slow
def test_statistics_page_draws_accessible_svg_with_data_tables(fixture_site: Path) -> None:
    html = (fixture_site / "statistik/index.html").read_text(encoding="utf-8")
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    assert article.count('<svg role="img" aria-labelledby="chart-') == 3
    for key in ("time", "form", "area"):
        assert f'<title id="chart-{key}-title">' in article
        assert f'aria-describedby="chart-{key}-desc"' in article
    assert article.count("<table>") == 3 and article.count("<caption>") == 3
    assert "<script" not in article  # no chart library, drawn at build time
    assert '<tr><th scope="row">2023</th><td>0</td><td>1</td><td>3</td></tr>' in article


@pytest.mark.slow
def test_register_has_the_filter_placeholder_and_script(fixture_site: Path) -> None:
    html = (fixture_site / "parter/index.html").read_text(encoding="utf-8")
    assert 'id="okide-filter"' in html and "okide-filter.js" in html


@pytest.mark.slow
def test_dialogue_list_offers_webcal_and_https_subscription(fixture_site: Path) -> None:
    html = (fixture_site / "stordialoger/index.html").read_text(encoding="utf-8")
    assert 'href="webcal://uddevalla.github.io/ok-ide/stordialoger.ics"' in html
    assert "<code>https://uddevalla.github.io/ok-ide/stordialoger.ics</code>" in html
    for app in ("Google Kalender", "Outlook", "Apple Kalender"):
        assert f"<dt>{app}" in html


def test_webcal_link_follows_the_site_url(register: Register) -> None:
    from okide.pages import render_pages

    for site_url, webcal in [
        ("https://exempelby.example.org/ok/", "webcal://exempelby.example.org/ok/stordialoger.ics"),
        ("http://localhost:8000", "webcal://localhost:8000/stordialoger.ics"),
    ]:
        pages = render_pages(register, TODAY, SiteSettings(site_url=site_url))
        listing = next(page.markdown for page in pages if page.path == "stordialoger/index.md")
        assert f"]({webcal})" in listing


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


# The register filter in a real browser (Chromium through Playwright).

VISIBLE_NAMES = """(index) => [...document.querySelectorAll('table[data-okide-filter]')[index]
  .tBodies[0].rows].filter(row => row.offsetParent !== null).map(row => row.cells[0].innerText)"""


@pytest.fixture
def page(browser: Any):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()


def _listen_to_live_region(page: Any) -> None:
    page.evaluate(
        """() => { window.announced = []; const status = document.querySelector('[role=status]');
        new MutationObserver(() => window.announced.push(status.textContent))
          .observe(status, {childList: true, characterData: true, subtree: true}); }"""
    )


@pytest.mark.browser
@pytest.mark.slow
def test_shared_filter_url_restores_the_filter_without_opening_site_search(
    page: Any, fixture_url: str
) -> None:
    page.goto(fixture_url + "parter/?namn=beta&form=stiftelse&omrade=trygghet")
    assert page.get_by_label("Namn innehåller").input_value() == "beta"
    assert page.get_by_label("Organisationsform").input_value() == "stiftelse"
    assert page.get_by_label("Fokusområde").input_value() == "trygghet"
    assert page.evaluate(VISIBLE_NAMES, 0) == ["Beta-stiftelsen"]
    # Material's search takes ?q= as a query and opens over the page: the filter must not.
    assert not page.evaluate("() => document.querySelector('[data-md-toggle=search]').checked")


@pytest.mark.browser
@pytest.mark.slow
def test_a_filter_with_no_current_match_offers_the_same_filter_among_former_parties(
    page: Any, fixture_url: str
) -> None:
    page.goto(fixture_url + "parter/")
    page.get_by_label("Namn innehåller").fill("gamma")
    page.get_by_label("Organisationsform").select_option("nätverk")  # only a former party's
    assert page.evaluate(VISIBLE_NAMES, 0) == []
    empty = page.locator(".okide-filter__empty")
    assert empty.inner_text() == (
        "Ingen nuvarande part matchar filtret. Sök bland tidigare parter med samma filter."
    )
    link = empty.get_by_role("link", name="Sök bland tidigare parter med samma filter")
    link.click()
    # wait_for_url also waits for the new page's load event: its filter is set up by then.
    page.wait_for_url(lambda url: urlsplit(url).path.endswith("/tidigare-parter/"))
    assert page.get_by_label("Namn innehåller").input_value() == "gamma"
    assert page.get_by_label("Organisationsform").input_value() == "nätverk"
    assert page.evaluate(VISIBLE_NAMES, 0) == ["Gamma-nätverket <för alla>"]
    assert page.get_by_role("status").inner_text() == "Visar 1 av 1 tidigare parter."


@pytest.mark.browser
@pytest.mark.slow
def test_the_former_parties_page_has_the_same_filter_without_a_link_onwards(
    page: Any, fixture_url: str
) -> None:
    page.goto(fixture_url + "tidigare-parter/?omrade=trygghet")
    assert page.get_by_label("Fokusområde").input_value() == "trygghet"
    assert page.evaluate(VISIBLE_NAMES, 0) == []
    empty = page.locator(".okide-filter__empty")
    assert empty.inner_text() == "Ingen tidigare part matchar filtret."
    assert empty.get_by_role("link").count() == 0
    page.get_by_role("button", name="Visa alla").click()
    assert page.evaluate(VISIBLE_NAMES, 0) == ["Gamma-nätverket <för alla>"]
    assert "omrade=" not in page.url
    page.get_by_role("link", name="Se nuvarande parter").click()
    page.wait_for_url(lambda url: urlsplit(url).path.endswith("/parter/"))


@pytest.mark.browser
@pytest.mark.slow
def test_live_region_announces_the_count_once_typing_pauses(page: Any, fixture_url: str) -> None:
    page.goto(fixture_url + "parter/")
    status = page.get_by_role("status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text() == "Visar 3 av 3 parter."
    _listen_to_live_region(page)
    page.get_by_label("Namn innehåller").press_sequentially("alfa", delay=40)
    assert page.evaluate(VISIBLE_NAMES, 0) == ["Alfa idrottsförening"]  # at once
    page.wait_for_function("window.announced.length > 0")
    assert page.evaluate("window.announced") == ["Visar 1 av 3 parter."]


@pytest.mark.browser
@pytest.mark.slow
def test_filter_matches_every_word_of_the_name_in_any_order(page: Any, fixture_url: str) -> None:
    page.goto(fixture_url + "parter/")
    page.get_by_label("Namn innehåller").fill("STIFTELSEN beta")
    assert page.evaluate(VISIBLE_NAMES, 0) == ["Beta-stiftelsen"]
    page.get_by_label("Namn innehåller").fill("beta stiftelsen")  # a space for the hyphen
    assert page.evaluate(VISIBLE_NAMES, 0) == ["Beta-stiftelsen"]


def _register_with_rows(site: Path, target: Path, count: int) -> Path:
    """The fixture site with its register table grown to `count` rows."""
    shutil.copytree(site, target)
    page = target / "parter" / "index.html"
    html = page.read_text(encoding="utf-8")
    head, rest = html.split("<tbody>", 1)
    body, tail = rest.split("</tbody>", 1)
    rows = [row for row in body.strip().split("\n") if row.startswith("<tr>")]
    grown = [rows[i % len(rows)].replace("</a>", f" nr{i:04d}</a>", 1) for i in range(count)]
    page.write_text(head + "<tbody>\n" + "\n".join(grown) + "\n</tbody>" + tail, encoding="utf-8")
    return target


@pytest.mark.browser
@pytest.mark.slow
def test_filter_stays_instant_with_a_thousand_parties(
    browser: Any, fixture_site: Path, tmp_path: Path
) -> None:
    from tests.browserkit import serve
    from tests.conftest import site_base_path

    site = _register_with_rows(fixture_site, tmp_path / "site", 1000)
    with serve(site, site_base_path()) as url:
        context = browser.new_context(viewport={"width": 375, "height": 800}, locale="sv-SE")
        page = context.new_page()
        page.goto(url + "parter/")
        assert page.get_by_role("status").inner_text().startswith("Visar 1000 av 1000 parter")
        per_keystroke_ms = page.evaluate(
            """() => { const field = document.getElementById('okide-filter-name');
            const start = performance.now();
            for (const value of ['a', 'al', 'alf', 'alfa', 'alfa nr0099']) {
              field.value = value; field.dispatchEvent(new Event('input'));
              document.body.offsetHeight; }
            return (performance.now() - start) / 5; }"""
        )
        assert page.evaluate(VISIBLE_NAMES, 0) == ["Alfa idrottsförening nr0099"]
        overflow = page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
        context.close()
    # Measured about 30 ms on a shared two-core machine; a frame budget with a wide margin.
    assert per_keystroke_ms < 200
    assert overflow <= 0


def _contrast(rgb_a: list[float], rgb_b: list[float]) -> float:
    def luminance(rgb: list[float]) -> float:
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
                  for c in (v / 255 for v in rgb)]  # fmt: skip
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(rgb_a), luminance(rgb_b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.browser
@pytest.mark.slow
def test_statistics_charts_are_readable_in_a_phone_window_with_contrasting_colours(
    browser: Any, fixture_url: str
) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="sv-SE")
    page = context.new_page()
    page.goto(fixture_url + "statistik/")
    assert page.get_by_role("img", name="Antal parter över tid", exact=True).is_visible()
    measured = page.evaluate(
        """() => {
        const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
        const background = rgb(getComputedStyle(document.body).backgroundColor);
        const charts = [...document.querySelectorAll('figure.okide-chart > svg')];
        const texts = charts.flatMap(svg => [...svg.querySelectorAll('text')]);
        return {
          widths: charts.map(svg => svg.getBoundingClientRect().width),
          descriptions: charts.map(svg => svg.getAttribute('aria-describedby')),
          textHeights: texts.map(t => t.getBoundingClientRect().height),
          textColours: texts.map(t => rgb(getComputedStyle(t).fill)),
          marks: [...document.querySelectorAll('.okide-chart__bar')].map(b => rgb(getComputedStyle(b).fill))
            .concat([...document.querySelectorAll('.okide-chart__line')].map(l => rgb(getComputedStyle(l).stroke))),
          background,
          overflow: document.documentElement.scrollWidth - innerWidth,
          tablesFit: [...document.querySelectorAll('.okide-chart-table table')]
            .every(t => t.getBoundingClientRect().right <= innerWidth),
        };
    }"""
    )
    context.close()
    assert all(300 < width <= 375 for width in measured["widths"]), measured["widths"]
    assert min(measured["textHeights"]) >= 12, "chart text is scaled down below a readable size"
    assert all(_contrast(c, measured["background"]) >= 4.5 for c in measured["textColours"])
    assert all(_contrast(c, measured["background"]) >= 3 for c in measured["marks"])
    assert measured["overflow"] <= 0 and measured["tablesFit"]


# Search: what is in Material's index, and what a person finds with it.


@pytest.mark.slow
def test_search_index_holds_each_party_by_name_form_and_areas_without_boilerplate(
    fixture_site: Path, register: Register
) -> None:
    index = json.loads((fixture_site / "search/search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["lang"] == ["sv"] and "stemmer" in index["config"]["pipeline"]
    docs = {doc["location"]: doc for doc in index["docs"]}
    for party in register.signatories.values():
        doc = docs[f"parter/{party.id}/"]
        assert doc["title"] == str(escape(party.name))
        assert party.form in doc["text"]
        for area in party.areas:
            assert register.agreement.area_titles([area])[0] in doc["text"]
        if party.org_number:
            assert party.org_number not in doc["text"]
    # The register and the former parties: their names are on the party pages.
    assert "parter/" not in docs and "tidigare-parter/" not in docs
    everything = " ".join(doc["text"] for doc in index["docs"])
    for boilerplate in (
        "Lägg till i kalendern", "Alla parter", "Alla tidigare parter", "Alla stordialoger",
        "Så gör du i de vanligaste",
        "Antal vid årets slut", "Liggande staplar", "Trappstegslinje",
    ):  # fmt: skip
        assert boilerplate not in everything, boilerplate


def _search(page: Any, url: str, query: str) -> tuple[list[str], str]:
    page.goto(url)
    titles = search(page, query)
    return titles, page.locator(".md-search-result").inner_text()


@pytest.mark.browser
@pytest.mark.slow
def test_search_finds_a_word_inside_a_compound_name(page: Any, shipped_url: str) -> None:
    titles, text = _search(page, shipped_url, "främjandet")
    assert {"Friluftsfrämjandet Uddevalla", "Studiefrämjandet Bohuslän Norra"} <= set(titles)
    titles, text = _search(page, shipped_url, "jouren")
    assert titles[0].startswith("Brottsofferjouren")
    assert "Saknas" not in text  # Material must not call the word missing


@pytest.mark.browser
@pytest.mark.slow
def test_search_finds_a_party_by_its_focus_area(page: Any, fixture_url: str) -> None:
    titles, _ = _search(page, fixture_url, "trygghet")
    assert "Beta-stiftelsen" in titles


@pytest.mark.browser
@pytest.mark.slow
def test_search_does_not_call_a_stemmed_word_missing(page: Any, shipped_url: str) -> None:
    titles, text = _search(page, shipped_url, "församlingar")
    assert any("Bäve församling" in title for title in titles)
    assert "Saknas" not in text


def test_open_data_page_documents_the_filter_parameters_the_script_reads() -> None:
    from tests.conftest import ROOT

    script = (ROOT / "okide/overrides/javascripts/okide-filter.js").read_text(encoding="utf-8")
    params = re.search(r"var PARAMS = \{([^}]*)\}", script)
    assert params
    names = re.findall(r':\s*"([a-z]+)"', params.group(1))
    assert sorted(names) == ["form", "namn", "omrade", "status", "text"]
    page = (ROOT / "docs/om-data.md").read_text(encoding="utf-8")
    for name in names:
        assert f"`{name}=…`" in page, name
    # Both pages with a register table read them (the former parties' page is tested above),
    # and the plan's page its own.
    assert "[Parter](parter/index.md)" in page and "[Tidigare parter](tidigare-parter.md)" in page
    assert "[Samverkansplan](samverkansplan.md)" in page
