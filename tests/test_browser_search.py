"""Material's site search in a real browser (Chromium through Playwright): Swedish stemming,
words inside compound names, parties found by form and focus area, results announced."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browserkit import search

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _search_from_start(page: Any, url: str, query: str) -> list[str]:
    page.goto(url)
    return search(page, query)


def test_the_number_of_search_results_is_announced_to_screen_readers(
    open_page: Any, shipped_url: str
) -> None:
    page = open_page()
    page.goto(shipped_url)
    search(page, "studieförbund")
    status = page.get_by_role("status")
    assert status.count() == 1 and re.search(r"\d+ sökresultat", status.inner_text())


def test_search_finds_plural_forms_through_swedish_stemming(
    open_page: Any, shipped_url: str
) -> None:
    page = open_page()
    assert any(
        "Bäve församling" in t for t in _search_from_start(page, shipped_url, "församlingar")
    )
    # The pages say "förening" and "föreningsliv".
    assert _search_from_start(page, shipped_url, "föreningar")
    # No page has this form: "principer" does.
    assert _search_from_start(page, shipped_url, "principen")


def test_search_finds_a_party_by_part_of_its_name_and_by_its_form(
    open_page: Any, shipped_url: str
) -> None:
    page = open_page()
    assert any("Vuxenskolan" in t for t in _search_from_start(page, shipped_url, "vuxen"))
    assert any("ABF Fyrbodal" in t for t in _search_from_start(page, shipped_url, "studieförbund"))


def _search(page: Any, url: str, query: str) -> tuple[list[str], str]:
    page.goto(url)
    titles = search(page, query)
    return titles, page.locator(".md-search-result").inner_text()


def test_search_finds_a_word_inside_a_compound_name(page: Any, shipped_url: str) -> None:
    titles, text = _search(page, shipped_url, "främjandet")
    assert {"Friluftsfrämjandet Uddevalla", "Studiefrämjandet Bohuslän Norra"} <= set(titles)
    titles, text = _search(page, shipped_url, "jouren")
    assert titles[0].startswith("Brottsofferjouren")
    assert "Saknas" not in text  # Material must not call the word missing


def test_search_finds_a_party_by_its_focus_area(page: Any, fixture_url: str) -> None:
    titles, _ = _search(page, fixture_url, "trygghet")
    assert "Beta-stiftelsen" in titles


def test_search_does_not_call_a_stemmed_word_missing(page: Any, shipped_url: str) -> None:
    titles, text = _search(page, shipped_url, "församlingar")
    assert any("Bäve församling" in title for title in titles)
    assert "Saknas" not in text


def test_search_finds_words_with_diacritics_typed_without_them(page: Any, shipped_url: str) -> None:
    titles, text = _search(page, shipped_url, "studieforbund")
    assert "Studieförbundet Vuxenskolan Väst" in titles
    assert "Saknas" not in text
    titles, _ = _search(page, shipped_url, "bohuslan")
    assert "Studiefrämjandet Bohuslän Norra" in titles


def test_search_forgives_one_wrong_or_missing_letter_in_a_long_word(
    page: Any, shipped_url: str
) -> None:
    # One letter wrong (n for m) and the ä typed as a.
    titles, text = _search(page, shipped_url, "Studiefranjandet")
    assert "Studiefrämjandet Bohuslän Norra" in titles
    assert "Saknas" not in text
    # One letter missing.
    titles, _ = _search(page, shipped_url, "Frivillgcentrum")
    assert "Frivilligcentrum" in titles
    # A short word is not stretched: "abx" must not find ABF.
    titles, _ = _search(page, shipped_url, "abx")
    assert not any("ABF" in title for title in titles)
