"""Keyboard alone, at 1280 and 375 px: a skip link first, every tab stop visible with a focus
indicator a person can see, and the main controls (navigation, search, register filter, the
register table's scroll region) reached and used with the keyboard."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.browserkit import (
    FIXTURE_PAGES,
    FOCUS_STATE,
    HIDE_FOCUS,
    NO_TRANSITIONS,
    SCREENSHOTS,
    WIDTHS,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
MAX_TAB_STOPS = 300
# Material's 404 page has no table of contents, so the theme shows no skip link there; the
# page has a <main> landmark and a heading, and only a short text.
WITH_SKIP_LINK = [kind for kind in FIXTURE_PAGES if kind != "not-found"]


def _open(open_page: Any, url: str, width: int) -> Any:
    page = open_page(width)
    page.goto(url)
    page.add_style_tag(content=NO_TRANSITIONS)
    return page


def _tab(page: Any) -> dict[str, Any] | None:
    page.keyboard.press("Tab")
    return page.evaluate(FOCUS_STATE)


@pytest.mark.parametrize("width", WIDTHS.values(), ids=list(WIDTHS))
@pytest.mark.parametrize("kind", WITH_SKIP_LINK)
def test_first_tab_shows_the_skip_link_which_moves_focus_to_the_content(
    open_page: Any, fixture_url: str, kind: str, width: int
) -> None:
    page = _open(open_page, fixture_url + FIXTURE_PAGES[kind], width)
    focus = _tab(page)
    assert focus and "md-skip" in focus["kind"] and "«Gå till innehållet»" in focus["label"]
    assert focus["inView"] and focus["onTop"] and focus["indicator"], focus
    page.keyboard.press("Enter")
    target = page.evaluate("() => location.hash.slice(1)")
    assert target and page.evaluate(
        "(id) => !!document.getElementById(decodeURIComponent(id))?.closest('.md-content')", target
    )
    after = _tab(page)
    assert after and page.evaluate(
        "(id) => !!(document.getElementById(decodeURIComponent(id)).compareDocumentPosition("
        "document.activeElement) & Node.DOCUMENT_POSITION_FOLLOWING)",
        target,
    ), f"Tab after the skip link went back before the content, to {after}"


def _walk(page: Any, name: str) -> tuple[set[str], list[str]]:
    """Tabs through the whole page. Returns the keys (data-okide-key) of the elements reached,
    and the problems: a tab stop off screen, covered, or without a visible focus indicator.
    Whether the indicator changes any pixel is checked once for each kind of element."""
    reached: set[str] = set()
    problems: list[str] = []
    pixel_checked: set[str] = set()
    first_label = None
    for _ in range(MAX_TAB_STOPS):
        focus = _tab(page)
        if focus is None or focus["label"] == first_label:
            break  # past the last tab stop, or round again
        first_label = first_label or focus["label"]
        if focus["key"]:
            reached.add(focus["key"])
        if not (focus["inView"] and focus["onTop"]):
            where = "outside the window" if not focus["inView"] else f"under {focus['covering']}"
            problems.append(f"focus is not on screen: {focus['label']} ({where})")
        elif not focus["indicator"]:
            problems.append(f"no focus indicator: {focus['label']}")
        elif focus["kind"] not in pixel_checked:
            pixel_checked.add(focus["kind"])
            shown = page.screenshot(clip=focus["clip"])
            page.evaluate(HIDE_FOCUS, True)
            hidden = page.screenshot(clip=focus["clip"])
            page.evaluate(HIDE_FOCUS, False)
            if shown == hidden:
                problems.append(f"focus indicator cannot be seen: {focus['label']}")
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                (SCREENSHOTS / f"focus-{name}-{len(problems)}.png").write_bytes(shown)
    else:
        problems.append(f"more than {MAX_TAB_STOPS} tab stops: is focus trapped?")
    return reached, problems


# Everything a person should be able to reach: links, form fields, scroll regions, in the
# content, the header, the navigation (tabs or drawer) and the footer; not the elements that
# are not rendered at this width (display: none or visibility: hidden).
MARK_CONTROLS = """() => {
  const wanted = [...document.querySelectorAll(
      'a[href], input:not([type=hidden]), select, textarea, button, [tabindex="0"]')]
    .filter(e => !e.closest('[hidden]') && e.tabIndex >= 0
      && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden');
  wanted.forEach((e, i) => { e.dataset.okideKey = String(i); });
  return Object.fromEntries(wanted.map(e => [String(e.dataset.okideKey),
    e.tagName.toLowerCase() + ' ' + (e.getAttribute('href') || e.name || e.className)]));
}"""


@pytest.mark.parametrize("width", WIDTHS.values(), ids=list(WIDTHS))
@pytest.mark.parametrize("kind", list(FIXTURE_PAGES))
def test_tab_reaches_every_control_and_focus_is_always_visible(
    open_page: Any, fixture_url: str, kind: str, width: int
) -> None:
    page = _open(open_page, fixture_url + FIXTURE_PAGES[kind], width)
    wanted = page.evaluate(MARK_CONTROLS)
    reached, problems = _walk(page, f"{kind}-{width}")
    missed = [wanted[key] for key in wanted if key not in reached]
    assert problems == [] and missed == [], "\n".join(
        problems + [f"not reached: {m}" for m in missed]
    )


@pytest.mark.parametrize("width", WIDTHS.values(), ids=list(WIDTHS))
def test_tab_reaches_every_section_of_the_navigation_and_the_search_field(
    open_page: Any, fixture_url: str, width: int
) -> None:
    page = _open(open_page, fixture_url + "stordialoger/", width)
    sections = page.evaluate(
        """() => [...document.querySelectorAll('.md-tabs__link, .md-nav--primary .md-nav__link')]
                 .map(e => e.getAttribute('href')).filter(Boolean)"""
    )
    reached: set[str] = set()
    search = False
    for _ in range(MAX_TAB_STOPS):
        focus = _tab(page)
        if focus is None:
            break
        search = search or "okide-sokrad__input" in focus["kind"]
        href = page.evaluate("() => document.activeElement.getAttribute('href')")
        if href and focus["inView"] and focus["onTop"]:
            reached.add(href)
    expected = {"..", "../overenskommelsen/", "../vardegrund/", "../parter/", "./", "../statistik/",
                "../anslut/"}  # fmt: skip
    assert expected <= set(sections)
    assert expected - {"./"} <= reached  # the current section may be a label for its contents
    assert search


@pytest.mark.parametrize("width", WIDTHS.values(), ids=list(WIDTHS))
def test_search_is_used_with_the_keyboard_alone(
    open_page: Any, shipped_url: str, width: int
) -> None:
    page = _open(open_page, shipped_url, width)
    for _ in range(10):
        focus = _tab(page)
        if focus and "okide-sokrad__input" in focus["kind"]:
            break
    else:
        pytest.fail("Tab never reached the search field")
    assert focus["inView"] and focus["onTop"] and focus["indicator"], focus
    page.keyboard.type("vuxenskolan", delay=30)
    page.keyboard.press("Enter")
    expect(page.locator("#okide-sok-status")).to_contain_text("för ”vuxenskolan”")
    first = page.locator("#okide-sok-traffar > li > a").first
    for _ in range(MAX_TAB_STOPS):
        focus = _tab(page)
        if first.evaluate("(e) => e === document.activeElement"):
            break
    assert focus and focus["inView"] and focus["indicator"], focus
    chosen = page.evaluate("() => document.activeElement.href")
    assert "/parter/studieforbundet-vuxenskolan-vast/" in chosen
    page.keyboard.press("Enter")
    page.wait_for_url(chosen)


@pytest.mark.parametrize("width", WIDTHS.values(), ids=list(WIDTHS))
def test_register_filter_is_used_with_the_keyboard_alone(
    open_page: Any, fixture_url: str, width: int
) -> None:
    page = _open(open_page, fixture_url + "parter/", width)
    rows = page.locator("article table.okide-register").first.locator(
        "tbody tr:not([hidden]) td:first-child"
    )
    for _ in range(MAX_TAB_STOPS):
        if page.evaluate("() => document.activeElement.labels?.[0]?.textContent.trim()") == (
            "Namn innehåller"
        ):
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("Tab never reached the name filter")
    page.keyboard.type("beta", delay=30)
    expect(rows).to_have_text(["Beta-stiftelsen"])
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.labels[0].textContent.trim()") == (
        "Organisationsform"
    )
    page.keyboard.press("ArrowDown")  # from "Alla former" to the first form
    assert page.evaluate("() => document.activeElement.value") != ""
    assert 1 <= len(rows.all_inner_texts()) < 3


def test_register_table_scrolls_sideways_with_the_arrow_keys_on_a_phone(
    open_page: Any, shipped_url: str
) -> None:
    page = _open(open_page, shipped_url + "parter/", 320)
    region = page.locator(".okide-table-scroll").first
    assert page.evaluate("(e) => e.scrollWidth > e.clientWidth", region.element_handle())
    region.focus()
    assert page.evaluate(FOCUS_STATE)["indicator"]
    assert page.evaluate(
        "() => document.activeElement.getAttribute('role') === 'region'"
        " && !!(document.activeElement.getAttribute('aria-label')"
        " || document.activeElement.getAttribute('aria-labelledby'))"
    ), "the scroll region needs a role and a name for screen readers"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.wait_for_function("(e) => e.scrollLeft > 0", arg=region.element_handle(), timeout=5000)


def _button_state(page: Any, target: str) -> dict[str, Any]:
    return page.evaluate(
        """(target) => { const b = document.querySelector(`label.md-header__button[for='${target}']`);
             return {role: b.getAttribute('role'), name: b.getAttribute('aria-label'),
                     expanded: b.getAttribute('aria-expanded'),
                     open: document.getElementById(target).checked,
                     focused: document.activeElement === b}; }""",
        target,
    )


def test_menu_button_on_a_phone_is_a_named_button_that_opens_the_menu_from_the_keyboard(
    open_page: Any, fixture_url: str
) -> None:
    page = _open(open_page, fixture_url + "parter/", 375)
    _tab(page)  # the skip link
    focus = _tab(page)
    state = _button_state(page, "__drawer")
    assert state == {"role": "button", "name": "Meny", "expanded": "false", "open": False,
                     "focused": True}  # fmt: skip
    assert focus and focus["inView"] and focus["onTop"] and focus["indicator"]
    page.keyboard.press("Enter")
    inside = page.evaluate(FOCUS_STATE)
    assert _button_state(page, "__drawer")["expanded"] == "true"
    assert inside and inside["inView"] and inside["onTop"], inside
    assert page.evaluate("() => !!document.activeElement.closest('.md-sidebar--primary')")
    page.keyboard.press("Escape")
    state = _button_state(page, "__drawer")
    assert state["focused"] and not state["open"] and state["expanded"] == "false"
    page.keyboard.press(" ")
    assert _button_state(page, "__drawer")["open"]
