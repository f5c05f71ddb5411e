"""Without JavaScript every register row, dialogue list and party and dialogue page shows all its
content (checked against the data, in the text a person sees); the agreement prints as a clean
document, checked in the PDF Chromium prints (pdftotext, and pdftoppm's pictures to look at)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from okide.models import Dialogue, Register, Signatory
from okide.swedish import date_sv, period_sv
from tests.browserkit import SCREENSHOTS, require
from tests.conftest import TODAY

pytestmark = [pytest.mark.browser, pytest.mark.slow]
SITES = ["fixture", "shipped"]


@pytest.fixture(params=SITES)
def site(request: pytest.FixtureRequest) -> tuple[str, str, Register]:
    """(name, URL, data) of the fixture site and of the shipped site."""
    name = request.param
    return name, request.getfixturevalue(f"{name}_url"), request.getfixturevalue(f"{name}_register")


def _words(markdown: str) -> set[str]:
    """The words a Markdown text shows: without link targets, markup or HTML tags."""
    text = re.sub(r"\]\([^)]*\)|<[^>]+>|https?://\S+", " ", markdown)
    return set(re.findall(r"\w+", text.casefold()))


def _missing_words(markdown: str | None, shown: str) -> set[str]:
    return _words(markdown or "") - set(re.findall(r"\w+", shown.casefold()))


def _text(page: Any) -> str:
    """What a person sees of the page's content: innerText leaves out what is not rendered."""
    return page.locator("article").inner_text()


def _no_js(open_page: Any) -> Any:
    page = open_page(1280, javascript=False)
    assert page.evaluate("1 + 1") == 2  # Playwright's own evaluation still works
    return page


def _check_register_table(page: Any, register: Register, parties: list[Signatory]) -> None:
    """The page's one register table shows every party of `parties`, in order, with every
    column, and links each to its own page."""
    tables = page.locator("article table.okide-register")
    assert tables.count() == 1
    rows = tables.first.locator("tbody tr")
    assert rows.count() == len(parties)
    for row, party in zip(rows.all(), parties, strict=True):
        assert row.is_visible()
        cells = row.inner_text()
        assert party.name in cells and party.form in cells and party.signed.isoformat() in cells
        if party.left:
            assert party.left.isoformat() in cells
        for area in party.areas:
            assert register.agreement.area_titles([area])[0] in cells
        link = row.get_by_role("link", name=party.name, exact=True)
        assert link.evaluate("a => a.href").endswith(f"/parter/{party.id}/")


def test_without_javascript_the_register_shows_every_current_party_with_every_column(
    open_page: Any, site: tuple[str, str, Register]
) -> None:
    _, url, register = site
    page = _no_js(open_page)
    page.goto(url + "parter/")
    assert page.evaluate("() => typeof window.document$") == "undefined"  # no script ran
    _check_register_table(page, register, register.current_parties(TODAY))
    former = register.former_parties(TODAY)
    link = page.locator("article").get_by_role("link", name="Se tidigare parter")
    assert link.count() == (1 if former else 0)
    if not former:
        assert "Ingen organisation har lämnat" in _text(page)


def test_without_javascript_the_former_parties_page_shows_every_former_party(
    open_page: Any, site: tuple[str, str, Register]
) -> None:
    _, url, register = site
    page = _no_js(open_page)
    page.goto(url + "tidigare-parter/")
    former = register.former_parties(TODAY)
    if former:
        _check_register_table(page, register, former)
    else:
        assert page.locator("article table").count() == 0
        assert "Ingen organisation har lämnat" in _text(page)
    page.locator("article").get_by_role("link", name="Se nuvarande parter").click()
    assert page.url.endswith("/parter/")


def test_without_javascript_the_dialogue_lists_show_every_dialogue(
    open_page: Any, site: tuple[str, str, Register]
) -> None:
    _, url, register = site
    page = _no_js(open_page)
    page.goto(url + "stordialoger/")
    listing = _text(page)
    for dialogue in register.dialogues.values():
        assert dialogue.title in listing
        assert page.locator(f"article a[href='{dialogue.id}/']").first.is_visible()


def _party_facts(party: Signatory, register: Register) -> list[str]:
    facts = [party.name, party.form, date_sv(party.signed)]
    facts += register.agreement.area_titles(party.areas)
    facts += [v for v in (party.org_number, party.website) if v]
    if party.left:
        facts.append(date_sv(party.left))
    if party.contact:
        facts += [v for v in (party.contact.email, party.contact.phone, party.contact.url) if v]
    facts += [d.title for d in register.dialogues_hosted_by(party.id)]
    return facts


def test_without_javascript_every_party_page_shows_all_its_data(
    open_page: Any, site: tuple[str, str, Register]
) -> None:
    _, url, register = site
    page = _no_js(open_page)
    for party in register.signatories.values():
        page.goto(url + f"parter/{party.id}/")
        text = _text(page)
        missing = [fact for fact in _party_facts(party, register) if str(fact) not in text]
        assert missing == [], f"{party.id}: {missing}"
        assert _missing_words(party.description, text) == set(), party.id


def _dialogue_facts(dialogue: Dialogue, register: Register) -> list[str]:
    facts = [
        dialogue.title,
        period_sv(dialogue.start, dialogue.end),
        register.agreement.public_party,
    ]
    facts += [register.signatories[host].name for host in dialogue.hosts]
    facts += register.agreement.area_titles(dialogue.areas)
    if dialogue.location:
        facts += [v for v in (dialogue.location.name, dialogue.location.address) if v]
    if dialogue.online:
        facts.append(dialogue.online)
    registration = dialogue.registration
    # Registration is shown while it can still be of use: not for past or cancelled dialogues.
    if registration and dialogue.is_upcoming(TODAY) and dialogue.status != "cancelled":
        facts += [registration.email] if registration.email else []
        facts += [date_sv(registration.deadline)] if registration.deadline else []
    if dialogue.status == "cancelled":
        facts.append("inställd")
    return facts


def test_without_javascript_every_dialogue_page_shows_all_its_data(
    open_page: Any, site: tuple[str, str, Register]
) -> None:
    _, url, register = site
    page = _no_js(open_page)
    for dialogue in register.dialogues.values():
        page.goto(url + f"stordialoger/{dialogue.id}/")
        text = _text(page)
        missing = [fact for fact in _dialogue_facts(dialogue, register) if str(fact) not in text]
        assert missing == [], f"{dialogue.id}: {missing}"
        registration = dialogue.registration
        if registration and registration.url and dialogue.registration_open(TODAY):
            # The address is the link's target; its text says what it does.
            link = page.locator("article a", has_text="Anmäl dig")
            assert link.get_attribute("href") == registration.url, dialogue.id
        place = dialogue.location.accessibility if dialogue.location else None
        for markdown in (dialogue.description, dialogue.outcome, place):
            assert _missing_words(markdown, text) == set(), dialogue.id


def test_without_javascript_nothing_in_the_content_is_hidden(
    open_page: Any, site: tuple[str, str, Register]
) -> None:
    """Content that only a script would show (e.g. collapsed or [hidden] parts) is missing for
    a person without JavaScript; only the register's filter form, which needs it, may be, and
    the states okide-stale.js shows once the build is out of date (a registration closed, no
    dialogue left), which are not true when the page is built."""
    _, url, register = site
    page = _no_js(open_page)
    paths = ["parter/", "tidigare-parter/", "stordialoger/", "samverkansplan/", "uppfoljning/"]
    paths += [f"parter/{p}/" for p in register.signatories]
    paths += [f"stordialoger/{d}/" for d in register.dialogues]
    for path in paths:
        page.goto(url + path)
        hidden = page.evaluate(
            """() => [...document.querySelectorAll('article *')]
                 .filter(e => !e.closest('.okide-filter-area, script, template, '
                   + '[hidden][data-okide-from], [hidden][data-okide-none], '
                   + '[hidden][data-okide-past], [hidden][data-okide-next]')
                   && e.textContent.trim() && getComputedStyle(e).display === 'none')
                 .map(e => e.outerHTML.slice(0, 80))"""
        )
        assert hidden == [], f"{path}: {hidden}"


# ---- Print -------------------------------------------------------------------------------

# What a printed page must not show: header, navigation tabs and sidebars, search, footer,
# the skip link, the back-to-top button, the repository link and every edit button.
NOT_PRINTED = [
    ".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary",
    ".md-footer", ".md-skip", ".md-top", ".md-source", ".md-content__button", ".okide-edit",
    ".okide-sokrad",
]  # fmt: skip
NOT_IN_PRINT_TEXT = ["Gå till innehållet", "Sök", "Innehållsförteckning", "Tillgänglighetsredogörelse",
                     "Nyhetsflöde", "Redigera", "Tillbaka till toppen"]  # fmt: skip


def _pdftotext(pdf: Path) -> str:
    require(
        shutil.which("pdftotext") is not None, "pdftotext is missing: apt-get install poppler-utils"
    )
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip


def test_agreement_prints_as_a_clean_document_with_every_clause(
    open_page: Any, site: tuple[str, str, Register]
) -> None:
    name, url, register = site
    page = open_page(1280)
    page.goto(url + "overenskommelsen/")
    page.emulate_media(media="print")
    shown = [s for s in NOT_PRINTED if any(e.is_visible() for e in page.locator(s).all())]
    assert shown == [], f"visible in print: {shown}"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf = SCREENSHOTS / f"print-{name}-overenskommelsen.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    text = re.sub(r"\s+", " ", _pdftotext(pdf))
    missing = [f"{c.number} {c.title}" for c in register.clauses_in_order()
               if f"{c.number} {c.title}" not in text]  # fmt: skip
    assert missing == [], f"clauses missing from the printout: {missing}"
    assert register.agreement.title in text
    leftovers = [s for s in NOT_IN_PRINT_TEXT if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)]
    assert leftovers == [], f"navigation text in the printout: {leftovers}"
    for old in SCREENSHOTS.glob(f"print-{name}-overenskommelsen-*.png"):
        old.unlink()
    if shutil.which("pdftoppm"):  # pictures of the pages, to look at
        subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf),
                        str(SCREENSHOTS / f"print-{name}-overenskommelsen")], check=True)  # fmt: skip


@pytest.mark.parametrize("path", ["parter/", "tidigare-parter/"])
def test_register_pages_print_every_party_with_its_dates_and_areas(
    open_page: Any, site: tuple[str, str, Register], path: str
) -> None:
    """The table scrolls sideways on a screen; on paper no column may be cut off."""
    name, url, register = site
    parties = (
        register.current_parties(TODAY) if path == "parter/" else register.former_parties(TODAY)
    )
    page = open_page(1280)
    page.goto(url + path)
    page.emulate_media(media="print")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pdf = SCREENSHOTS / f"print-{name}-{path.strip('/')}.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    text = re.sub(r"\s+", " ", _pdftotext(pdf))
    missing = []
    for party in parties:
        # Names and areas may wrap inside their cell (pdftotext then interleaves the lines of
        # the columns), so their words are looked for; a date must stay whole.
        titles = register.agreement.area_titles(party.areas)
        words = re.split(r"[\s-]+", " ".join([party.name, *titles]))
        dates = [day.isoformat() for day in (party.signed, party.left) if day]
        missing += [f"{party.id}: {value}" for value in [*words, *dates] if value not in text]
    assert missing == [], f"missing from the printout: {missing}"
    if not parties:
        assert "Ingen organisation har lämnat" in text
    leftovers = [s for s in NOT_IN_PRINT_TEXT if re.search(rf"(?<!\w){re.escape(s)}(?!\w)", text)]
    assert leftovers == [], f"navigation text in the printout: {leftovers}"
