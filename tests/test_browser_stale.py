"""A site whose rebuild stopped does not lie: with the browser's clock moved past a deadline or a
dialogue's end, okide-stale.js shows registration as closed and moves what has ended out of
"Kommande stordialoger" and "Nästa stordialog"; at the build's own time it changes nothing, and
without JavaScript the page is as built. Every page says when it was built.

The small fixture is built on 2026-11-22; its dialogue 2027-fritid is on 2027-03-16 17.30–20.00
with registration until 2027-03-09, and 2026-installt (cancelled) ends 2026-12-01 12.00."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browserkit import serve
from tests.conftest import SMALL, TODAY_EPOCH, site_base_path
from tests.sitebuild import build_site
from tests.test_in_browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CET = timezone(timedelta(hours=1))
BUILT = datetime.fromtimestamp(int(TODAY_EPOCH), UTC)
AFTER_DEADLINE = datetime(2027, 3, 10, 12, 0, tzinfo=CET)
AFTER_END = datetime(2027, 3, 17, 9, 0, tzinfo=CET)
PAGES = {"start": "", "list": "stordialoger/", "dialogue": "stordialoger/2027-fritid/"}
# Every h2 and h3 of the list a person sees, in order.
VISIBLE_HEADINGS = """() => [...document.querySelectorAll('article h2, article h3')]
  .filter(h => h.getClientRects().length).map(h => h.textContent.trim())"""
MARKED = """() => [...document.querySelectorAll(['until', 'from', 'upcoming', 'next', 'none', 'past']
  .map(name => `article [data-okide-${name}]`).join(', '))].map(e => e.outerHTML)"""


def _open_at(open_page: Any, url: str, moment: datetime, width: int = 1280) -> Any:
    page = open_page(width)
    page.clock.set_fixed_time(moment)
    page.goto(url)
    return page


def _article(page: Any) -> Any:
    return page.locator("article")


def test_registration_shows_closed_after_its_deadline(open_page: Any, fixture_url: str) -> None:
    page = _open_at(open_page, fixture_url + PAGES["dialogue"], AFTER_DEADLINE)
    registration = _article(page).locator("dd", has_text="Anmälan stängde")
    expect(registration).to_have_text("Anmälan stängde 9 mars 2027.", use_inner_text=True)
    expect(page.get_by_role("link", name="Anmäl dig")).to_be_hidden()
    expect(page.get_by_role("link", name="Lägg till i kalendern")).to_be_visible()
    assert axe_violations(page) == []
    for kind in ("start", "list"):
        page.goto(fixture_url + PAGES[kind])
        expect(_article(page).get_by_text("Anmälan stängde 9 mars 2027.")).to_be_visible()
        expect(_article(page).get_by_text("Anmälan senast tisdag 9 mars 2027.")).to_be_hidden()
        expect(_article(page).get_by_role("link", name="Stordialog om fritid")).to_be_visible()


@pytest.mark.parametrize(
    ("moment", "open_"),
    [(datetime(2027, 3, 9, 23, 59, tzinfo=CET), True),  # still 9 March in Stockholm
     (datetime(2027, 3, 10, 0, 0, 30, tzinfo=CET), False)],
    ids=["last-minute-of-the-deadline", "just-after"],
)  # fmt: skip
def test_the_deadline_holds_until_midnight_in_stockholm(
    open_page: Any, fixture_url: str, moment: datetime, open_: bool
) -> None:
    page = _open_at(open_page, fixture_url + PAGES["dialogue"], moment.astimezone(UTC))
    closed = _article(page).get_by_text("Anmälan stängde 9 mars 2027.")
    link = page.get_by_role("link", name="Anmäl dig")
    if open_:
        expect(closed).to_be_hidden()
        expect(link).to_be_visible()
    else:
        expect(closed).to_be_visible()
        expect(link).to_be_hidden()


def test_an_ended_dialogue_moves_from_kommande_to_the_top_of_tidigare(
    open_page: Any, fixture_url: str
) -> None:
    page = _open_at(open_page, fixture_url + PAGES["list"], AFTER_END, width=375)
    expect(_article(page).get_by_text("Ingen stordialog är planerad just nu.")).to_be_visible()
    assert page.evaluate(VISIBLE_HEADINGS) == [
        "Kommande stordialoger", "Tidigare stordialoger", "Stordialog om fritid",
        "Inställd stordialog (inställd)", "Stordialog om ensamhet", "Prenumerera på kalendern",
    ]  # fmt: skip
    expect(_article(page).get_by_text("Anmälan senast tisdag 9 mars 2027.")).to_be_hidden()
    assert axe_violations(page) == []


def test_a_dialogue_that_ended_while_another_is_coming_leaves_the_other_in_kommande(
    open_page: Any, fixture_url: str
) -> None:
    page = _open_at(open_page, fixture_url + PAGES["list"], datetime(2026, 12, 2, tzinfo=CET))
    ended = _article(page).locator("h3", has_text="Inställd stordialog")
    expect(ended).to_be_visible()
    assert page.evaluate(VISIBLE_HEADINGS) == [
        "Kommande stordialoger", "Stordialog om fritid", "Tidigare stordialoger",
        "Inställd stordialog (inställd)", "Stordialog om ensamhet", "Prenumerera på kalendern",
    ]  # fmt: skip
    expect(_article(page).get_by_text("Ingen stordialog är planerad just nu.")).to_be_hidden()


def test_the_start_page_says_no_dialogue_is_planned_once_the_next_has_ended(
    open_page: Any, fixture_url: str
) -> None:
    page = _open_at(open_page, fixture_url + PAGES["start"], AFTER_END, width=375)
    none = _article(page).get_by_text("Ingen stordialog är planerad just nu.")
    expect(none).to_be_visible()
    expect(_article(page).get_by_role("link", name="Stordialog om fritid")).to_be_hidden()
    none.get_by_role("link", name="Se tidigare stordialoger").click()
    expect(page).to_have_url(fixture_url + PAGES["list"])


def test_an_ended_dialogue_page_offers_neither_registration_nor_the_calendar(
    open_page: Any, fixture_url: str
) -> None:
    page = _open_at(open_page, fixture_url + PAGES["dialogue"], AFTER_END)
    expect(page.get_by_role("link", name="Lägg till i kalendern")).to_be_hidden()
    expect(_article(page).locator("dt", has_text="Anmälan")).to_be_hidden()
    expect(_article(page).get_by_text("Anmälan stängde")).to_be_hidden()
    expect(_article(page).locator("dt", has_text="Arrangörer")).to_be_visible()
    assert axe_violations(page) == []
    page.keyboard.press("Tab")  # the keyboard never lands on what is hidden
    for _ in range(40):
        focused = page.evaluate("() => document.activeElement.textContent.trim()")
        assert focused not in ("Anmäl dig", "Lägg till i kalendern")
        page.keyboard.press("Tab")


@pytest.mark.parametrize("kind", list(PAGES))
def test_at_the_build_time_and_without_javascript_the_page_is_as_built(
    open_page: Any, fixture_url: str, kind: str
) -> None:
    """With JavaScript off, even a clock long after the build changes nothing; with it on, at the
    build's own time, every marked element is exactly as without it."""
    still = open_page(javascript=False)
    still.goto(fixture_url + PAGES[kind])
    offered = "Anmäl dig" if kind == "dialogue" else "Stordialog om fritid"
    expect(_article(still).get_by_role("link", name=offered)).to_be_visible()
    expect(_article(still).get_by_text("senast tisdag 9 mars 2027.")).to_be_visible()
    expect(_article(still).get_by_text("Anmälan stängde")).to_be_hidden()
    expect(_article(still).get_by_text("Ingen stordialog är planerad just nu.")).to_be_hidden()
    live = _open_at(open_page, fixture_url + PAGES[kind], BUILT + timedelta(hours=1))
    live.wait_for_load_state("load")
    assert live.evaluate(MARKED) == still.evaluate(MARKED)
    assert _article(live).inner_text() == _article(still).inner_text()


def test_every_page_says_when_it_was_built(open_page: Any, fixture_url: str) -> None:
    page = open_page(javascript=False)
    for path in ("", "anslut/", "stordialoger/2027-fritid/", "finns-inte/"):
        page.goto(fixture_url + path)
        built = page.locator("footer time")
        expect(built).to_have_text("22 november 2026 kl. 13.00")
        expect(built).to_have_attribute("datetime", "2026-11-22T13:00:00+01:00")
        expect(page.locator("footer")).to_contain_text("Uppdaterad 22 november 2026 kl. 13.00")


# The fixture built before all its dialogues: 2025-ensamhet and 2027-fritid are both planned.
EARLY_EPOCH = "1761998400"  # 2025-11-01 12:00 UTC


@pytest.fixture(scope="module")
def early_url(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    site = build_site(SMALL, tmp_path_factory.mktemp("early-site"), EARLY_EPOCH)
    with serve(site, site_base_path()) as url:
        yield url


def test_the_start_page_shows_the_next_dialogue_that_has_not_ended(
    open_page: Any, early_url: str
) -> None:
    page = _open_at(open_page, early_url, datetime(2025, 11, 19, tzinfo=CET), width=375)
    later = _article(page).get_by_role("heading", name="Stordialog om fritid", level=3)
    expect(later).to_be_visible()
    expect(_article(page).get_by_role("link", name="Stordialog om ensamhet")).to_be_hidden()
    expect(_article(page).get_by_text("Ingen stordialog är planerad just nu.")).to_be_hidden()
    headings = page.evaluate("""() => [...document.querySelectorAll('article h2, article h3')]
      .filter(h => h.getClientRects().length).map(h => h.tagName + ' ' + h.textContent.trim())""")
    at = headings.index("H2 Nästa stordialog")
    assert headings[at + 1] == "H3 Stordialog om fritid"
    assert axe_violations(page) == []
    later.get_by_role("link").click()
    expect(page).to_have_url(f"{early_url}stordialoger/2027-fritid/")


def test_a_list_without_earlier_dialogues_gains_the_heading_when_one_ends(
    open_page: Any, early_url: str
) -> None:
    page = _open_at(open_page, f"{early_url}stordialoger/", datetime(2025, 11, 19, tzinfo=CET))
    expect(
        _article(page).get_by_role("heading", name="Tidigare stordialoger", level=2)
    ).to_be_visible()
    assert page.evaluate(VISIBLE_HEADINGS) == [
        "Kommande stordialoger", "Inställd stordialog (inställd)",
        "Stordialog om fritid", "Tidigare stordialoger", "Stordialog om ensamhet",
        "Prenumerera på kalendern",
    ]  # fmt: skip
    assert axe_violations(page) == []
