"""The follow-up and the collaboration plan in a browser, built from the region fixture (every
follow-up state and action status): WCAG 2.1 AA (axe-core) at 1280 and 375 px, the plan's
filter used with the keyboard alone, and every action shown without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browserkit import WIDTHS
from tests.test_in_browser import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.slow]
PAGES = {"followups": "uppfoljning/", "plan": "samverkansplan/"}
# The region fixture's actions, by their anchors on /samverkansplan/.
ACTIONS = {"bygdegardar", "halsoombud", "kulturkort", "patientskola"}
MAX_TAB_STOPS = 80


def _visible_actions(page: Any) -> set[str]:
    return set(
        page.evaluate(
            "() => [...document.querySelectorAll('.okide-action')]"
            ".filter(e => e.offsetParent !== null).map(e => e.querySelector('h4').id)"
        )
    )


@pytest.mark.parametrize("width", WIDTHS.values(), ids=list(WIDTHS))
@pytest.mark.parametrize("kind", list(PAGES))
def test_follow_up_and_plan_pages_have_no_wcag_violations_and_fit_the_window(
    open_page: Any, region_url: str, kind: str, width: int
) -> None:
    page = open_page(width)
    page.goto(region_url + PAGES[kind])
    assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert axe_violations(page) == []


def test_plan_filtered_by_status_has_no_wcag_violations(open_page: Any, region_url: str) -> None:
    page = open_page(375)
    page.goto(region_url + "samverkansplan/?status=klar")
    expect(page.get_by_role("status")).to_contain_text("Visar 0 av 3")
    assert axe_violations(page) == []


def test_plan_filter_is_used_with_the_keyboard_alone(open_page: Any, region_url: str) -> None:
    page = open_page(1280)
    page.goto(region_url + "samverkansplan/")
    for _ in range(MAX_TAB_STOPS):
        label = page.evaluate("() => document.activeElement.labels?.[0]?.textContent.trim()")
        if label == "Text innehåller":
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("Tab never reached the plan's text filter")
    page.keyboard.type("bygdegård", delay=30)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.okide-action')]"
        ".filter(e => e.offsetParent !== null).length === 1"
    )
    assert _visible_actions(page) == {"bygdegardar"}
    assert "text=bygdeg" in page.url
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.labels[0].textContent.trim()") == "Status"
    page.keyboard.press("ArrowDown")  # from "Alla statusar" to the first status, planerad
    expect(page.get_by_role("status")).to_contain_text("Visar 1 av 3")
    assert _visible_actions(page) == {"halsoombud"}
    assert "status=planerad" in page.url
    # An earlier plan with nothing left says so, and its heading leaves the table of contents.
    expect(
        page.get_by_text("Ingen insats i Handlingsplan 2023–2024 matchar filtret.")
    ).to_be_visible()
    for link in page.locator('.md-nav a[href="#kulturkort"]').all():
        expect(link).to_be_hidden()


def test_without_javascript_the_plan_shows_every_action_and_no_filter(
    open_page: Any, region_url: str
) -> None:
    page = open_page(1280, javascript=False)
    page.goto(region_url + "samverkansplan/")
    assert _visible_actions(page) == ACTIONS
    assert not page.locator("#okide-filter").is_visible()
    text = page.locator("article").inner_text()
    for words in (
        "Pågår",
        "Planerad",
        "Klar",
        "Avbruten",
        "Region Exempelland",
        "Regionens utvecklingsmedel",
        "Kortet användes vid drygt 3 000 besök",
    ):
        assert words in text, words


def test_without_javascript_the_follow_up_page_shows_every_follow_up(
    open_page: Any, region_url: str
) -> None:
    page = open_page(1280, javascript=False)
    page.goto(region_url + "uppfoljning/")
    for anchor in ("2025-patientforeningen", "2024-patientforeningen", "2024-lansbygdsradet"):
        expect(page.locator(f"[id='{anchor}']")).to_be_visible()
    text = page.locator("article").inner_text()
    assert "Försenad (skulle vara inne 15 december 2025)" in text
    assert "Väntas senast 15 december 2026" in text


def test_the_plan_prints_every_action_without_the_filter(open_page: Any, region_url: str) -> None:
    page = open_page(1280)
    page.goto(region_url + "samverkansplan/")
    expect(page.get_by_role("status")).to_contain_text("Visar 3 av 3")
    page.emulate_media(media="print")
    expect(page.locator("#okide-filter")).to_be_hidden()
    assert _visible_actions(page) == ACTIONS
