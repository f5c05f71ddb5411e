"""What a person's browser sees: WCAG 2.1 AA (axe-core), privacy, keyboard, no JavaScript,
the register filter, search, print. Screenshots go to test-output/screenshots/."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from okide.load import load_register
from okide.models import Register
from okide.swedish import date_sv, period_sv
from tests.browserkit import SCREENSHOTS
from tests.conftest import ROOT, SMALL, TODAY

pytestmark = [pytest.mark.browser, pytest.mark.slow]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
WIDTHS = {"desktop": 1280, "phone": 375}
FIXTURE_PAGES = {
    "start": "", "agreement": "overenskommelsen/", "values": "vardegrund/", "register": "parter/",
    "party": "parter/alfa-idrottsforening/", "former-party": "parter/gamma-natverket/",
    "dialogues": "stordialoger/", "dialogue": "stordialoger/2027-fritid/",
    "cancelled-dialogue": "stordialoger/2026-installt/", "join": "anslut/",
    "accessibility": "tillganglighet/", "open-data": "om-data/", "statistics": "statistik/",
}  # fmt: skip
SHIPPED_PAGES = {
    **{k: v for k, v in FIXTURE_PAGES.items() if k not in ("party", "former-party", "dialogue",
                                                          "cancelled-dialogue")},
    "party": "parter/abf-fyrbodal/", "dialogue": "stordialoger/2027-03-16-exempel-stordialog/",
    "past-dialogue": "stordialoger/2022-11-22-ofrivillig-ensamhet/",
}  # fmt: skip


@pytest.fixture(scope="module")
def register() -> Register:
    loaded = load_register(SMALL, TODAY)
    assert isinstance(loaded, Register)
    return loaded


@pytest.fixture
def page(browser: Any):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    page = context.new_page()
    yield page
    context.close()


def _axe_violations(page: Any) -> list[str]:
    if not AXE.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"{AXE} is missing: npm ci (make test does this)")
        pytest.skip(f"{AXE} is missing: run npm ci")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – " + "; ".join(
            n["target"][0] + " " + n.get("failureSummary", "").replace("\n", " ") for n in v["nodes"][:3]
        )
        for v in result["violations"]
    ]  # fmt: skip


def _check_axe(browser: Any, url: str, name: str, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="sv-SE")
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    violations = _axe_violations(page)
    context.close()
    assert violations == [], "\n".join(violations)
    assert overflow <= 0, f"the page is {overflow} px wider than the {width} px window"


@pytest.mark.parametrize("width", WIDTHS.values(), ids=list(WIDTHS))
@pytest.mark.parametrize("kind", list(FIXTURE_PAGES))
def test_fixture_pages_have_no_wcag_violations_and_fit_the_window(
    browser: Any, fixture_url: str, kind: str, width: int
) -> None:
    _check_axe(browser, fixture_url + FIXTURE_PAGES[kind], f"fixture-{kind}", width)


@pytest.mark.parametrize("width", WIDTHS.values(), ids=list(WIDTHS))
@pytest.mark.parametrize("kind", list(SHIPPED_PAGES))
def test_shipped_pages_have_no_wcag_violations_and_fit_the_window(
    browser: Any, shipped_url: str, kind: str, width: int
) -> None:
    _check_axe(browser, shipped_url + SHIPPED_PAGES[kind], f"shipped-{kind}", width)


def test_no_page_makes_a_request_to_another_host(page: Any, fixture_url: str) -> None:
    own = urlsplit(fixture_url).netloc
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    for path in FIXTURE_PAGES.values():
        page.goto(fixture_url + path, wait_until="networkidle")
    page.goto(fixture_url, wait_until="networkidle")
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.locator(".md-search__input").fill("förening")
    page.wait_for_timeout(800)
    foreign = [url for url in requested if urlsplit(url).netloc not in (own, "")]
    assert requested and foreign == []


def _search(page: Any, url: str, query: str) -> list[str]:
    page.goto(url, wait_until="networkidle")
    field = page.locator(".md-search__input")
    field.click()
    field.type(query, delay=30)
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && /sökresultat/.test(m.textContent); }"
    )
    return page.locator(".md-search-result__item h1, .md-search-result__item h2").all_inner_texts()


def test_search_finds_plural_forms_through_swedish_stemming(page: Any, shipped_url: str) -> None:
    assert any("Bäve församling" in t for t in _search(page, shipped_url, "församlingar"))
    assert _search(page, shipped_url, "föreningar")  # the pages say "förening", "föreningsliv"
    assert _search(page, shipped_url, "principen")  # no page has this form: "principer" does


def test_search_finds_a_party_by_part_of_its_name_and_by_its_form(
    page: Any, shipped_url: str
) -> None:
    assert any("Vuxenskolan" in t for t in _search(page, shipped_url, "vuxen"))
    assert any("ABF Fyrbodal" in t for t in _search(page, shipped_url, "studieförbund"))


def test_first_tab_reaches_the_skip_link_which_moves_focus_to_the_content(
    page: Any, fixture_url: str
) -> None:
    page.goto(fixture_url + "parter/", wait_until="networkidle")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => [document.activeElement.className, document.activeElement.textContent.trim()]"
    )
    assert "md-skip" in focused[0] and focused[1]
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") not in ("", "#")


def _focus_indicator(page: Any) -> str:
    return page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0
                     ? 'outline' : (s.boxShadow !== 'none' ? 'shadow' : ''); }"""
    )


@pytest.mark.parametrize("kind", ["start", "register", "dialogue", "agreement"])
def test_keyboard_reaches_every_link_in_the_content_with_a_visible_focus(
    page: Any, fixture_url: str, kind: str
) -> None:
    page.goto(fixture_url + FIXTURE_PAGES[kind], wait_until="networkidle")
    wanted = page.evaluate(
        "() => [...document.querySelectorAll('article a[href], article input, article select')]"
        ".filter(e => e.offsetParent !== null).map((e, i) => e.dataset.k = i).length"
    )
    reached: set[str] = set()
    for seen in range(1, 401):
        page.keyboard.press("Tab")
        info = page.evaluate(
            "() => { const e = document.activeElement; return [e.closest('article') !== null,"
            " e.dataset.k || e.outerHTML, e === document.body]; }"
        )
        if info[2]:
            break
        assert _focus_indicator(page), f"no visible focus on {info[1][:120]}"
        if info[0]:
            reached.add(info[1])
        if len(reached) >= wanted and seen > wanted:
            break
    assert len(reached) >= wanted, f"reached {len(reached)} of {wanted} controls in the content"


@pytest.fixture
def no_js_page(browser: Any):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


def test_without_javascript_the_register_shows_every_party(
    no_js_page: Any, fixture_url: str, register: Register
) -> None:
    no_js_page.goto(fixture_url + "parter/")
    names = no_js_page.locator("article table tbody tr td:first-child").all_inner_texts()
    assert sorted(names) == sorted(p.name for p in register.signatories.values())


def test_without_javascript_dialogue_lists_and_pages_show_everything(
    no_js_page: Any, fixture_url: str, register: Register
) -> None:
    no_js_page.goto(fixture_url + "stordialoger/")
    listing = no_js_page.locator("article").inner_text()
    for dialogue in register.dialogues.values():
        assert dialogue.title in listing
        no_js_page.goto(fixture_url + f"stordialoger/{dialogue.id}/")
        text = no_js_page.locator("article").inner_text()
        assert dialogue.title in text and period_sv(dialogue.start, dialogue.end) in text
        if dialogue.location:
            assert dialogue.location.name in text
        if dialogue.online:
            assert dialogue.online in text
        for host in dialogue.hosts:
            assert register.signatories[host].name in text
        no_js_page.goto(fixture_url + "stordialoger/")


def test_without_javascript_every_party_page_shows_all_its_data(
    no_js_page: Any, fixture_url: str, register: Register
) -> None:
    for party in register.signatories.values():
        no_js_page.goto(fixture_url + f"parter/{party.id}/")
        text = no_js_page.locator("article").inner_text()
        assert party.name in text and party.form in text and date_sv(party.signed) in text
        for value in (party.org_number, party.website, party.left and date_sv(party.left)):
            if value:
                assert value in text
        for area in party.areas:
            assert register.agreement.area_title(area) in text


def _visible_rows(page: Any) -> list[str]:
    return (
        page.locator("article table.okide-register")
        .first.locator("tbody tr:not([hidden]) td:first-child")
        .all_inner_texts()
    )


def test_register_filter_by_name_form_and_area_keeps_state_in_the_url(
    page: Any, fixture_url: str
) -> None:
    page.goto(fixture_url + "parter/", wait_until="networkidle")
    status = page.get_by_role("status")
    assert len(_visible_rows(page)) == 3
    page.get_by_label("Namn innehåller").fill("beta")
    page.wait_for_timeout(800)
    assert _visible_rows(page) == ["Beta-stiftelsen"]
    assert "namn=beta" in page.url
    assert status.inner_text() == "Visar 1 av 3 parter och 0 av 1 tidigare parter."
    page.get_by_label("Namn innehåller").fill("")
    page.get_by_label("Organisationsform").select_option("ideell förening")
    assert _visible_rows(page) == ["Alfa idrottsförening"]
    page.get_by_label("Organisationsform").select_option("")
    page.get_by_label("Fokusområde").select_option("Fritid och kultur")
    assert sorted(_visible_rows(page)) == ["Alfa idrottsförening", "Beta-stiftelsen"]
    shared = page.url
    page.goto(shared, wait_until="networkidle")
    assert page.get_by_label("Fokusområde").input_value() == "fritid-och-kultur"
    assert sorted(_visible_rows(page)) == ["Alfa idrottsförening", "Beta-stiftelsen"]


def test_agreement_prints_without_navigation_search_or_footer(page: Any, fixture_url: str) -> None:
    page.goto(fixture_url + "overenskommelsen/", wait_until="networkidle")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-search", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator("article h2").first.is_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf = SCREENSHOTS / "overenskommelsen.pdf"
    page.pdf(path=str(pdf), format="A4")
    assert pdf.stat().st_size > 1000
    if Path("/usr/bin/pdftoppm").exists():
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf),
                        str(SCREENSHOTS / "overenskommelsen-print")], check=True)  # fmt: skip
        assert list(SCREENSHOTS.glob("overenskommelsen-print*.png"))


def test_every_page_names_its_language_and_title(page: Any, fixture_url: str) -> None:
    for path in FIXTURE_PAGES.values():
        page.goto(fixture_url + path)
        assert page.evaluate("() => document.documentElement.lang") == "sv"
        assert re.search(r"\S", page.title())


def test_axe_does_report_a_violation_on_a_page_that_has_one(page: Any) -> None:
    page.set_content(
        '<html lang="sv"><body><img src="data:,"><p style="color:#aaa;background:#fff">grå</p></body></html>'
    )
    found = _axe_violations(page)
    assert any(v.startswith("image-alt") for v in found) and any(
        v.startswith("color-contrast") for v in found
    )
