"""okide's search in a real browser (Chromium through Playwright): the form under the header of
every page, the search page sok/ with okide-sok.js over the pagefind bundle and okide's word
list, on the MkDocs build and on the Zensical build of the shipped content.

What pagefind does by itself (Swedish stemming, å/ä/ö typed as a/a/o) and what the word list adds
(one letter wrong or missing in a long word, the last part of a closed compound), exact matches
ranked first, the result count announced, the keyboard, axe, no JavaScript, hostile text."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.browserkit import require, serve
from tests.conftest import REGION, ROOT, site_base_path
from tests.sitebuild import build_env, build_site, make_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

STATUS = "#okide-sok-status"
RESULTS = "#okide-sok-traffar > li"


def _zensical_site(work: Path) -> Path:
    """The shipped content through `make site-zensical`: `okide render` output built by Zensical,
    which runs no hook (the Makefile writes the search index after the build)."""
    require(find_spec("zensical") is not None, "zensical is not installed: run make install")
    project = make_project(ROOT, work / "project")
    out = work / "engines"
    result = subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", "site-zensical",
         f"ENGINES_ROOT={project}", f"ENGINES_DIR={out}"],
        capture_output=True, text=True, env=build_env(), cwd=ROOT, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise AssertionError(f"the Zensical build failed:\n{result.stdout}\n{result.stderr}")
    return out / "zensical" / "site"


@pytest.fixture(scope="module")
def zensical_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    site = _zensical_site(tmp_path_factory.mktemp("search-zensical"))
    with serve(site, site_base_path()) as url:
        yield url


@pytest.fixture(params=["mkdocs", "zensical"])
def engine_url(request: pytest.FixtureRequest) -> str:
    """The shipped content's site as MkDocs (with okide's hook) and Zensical build it."""
    name = "shipped_url" if request.param == "mkdocs" else "zensical_url"
    return str(request.getfixturevalue(name))


def _results(page: Any, url: str, query: str) -> list[str]:
    """Opens the search page for query; the titles of the results, in order, once the count
    for this query is shown."""
    page.goto(url + "sok/?q=" + quote(query))
    expect(page.locator(STATUS)).to_contain_text("för ”" + query + "”")
    return page.locator(RESULTS + " > a").all_inner_texts()


def test_a_query_without_diacritics_finds_the_parties_with_them(page: Any, engine_url: str) -> None:
    titles = _results(page, engine_url, "studieforbund")
    # The three parties of the form "studieförbund" in signatories/.
    assert {"ABF Fyrbodal", "Studieförbundet Vuxenskolan Väst",
            "Studiefrämjandet Bohuslän Norra"} <= set(titles)  # fmt: skip
    titles = _results(page, engine_url, "bohuslan")
    assert titles[0] == "Studiefrämjandet Bohuslän Norra"


def test_one_wrong_or_missing_letter_in_a_long_word_still_finds_the_party(
    page: Any, engine_url: str
) -> None:
    # One letter wrong (n for m) and the ä typed as a.
    titles = _results(page, engine_url, "Studiefranjandet")
    assert titles[0] == "Studiefrämjandet Bohuslän Norra"
    expect(page.locator(RESULTS).first.locator(".okide-sok__via")).to_contain_text(
        "studiefrämjandet"
    )
    # One letter missing.
    titles = _results(page, engine_url, "frivillgcentrum")
    assert titles[0] == "Frivilligcentrum"
    # A short word is not stretched: "abx" must not find ABF.
    titles = _results(page, engine_url, "abx")
    assert not any("ABF" in title for title in titles)


def test_the_last_part_of_a_closed_compound_finds_the_compound(page: Any, engine_url: str) -> None:
    titles = _results(page, engine_url, "främjandet")
    assert {"Friluftsfrämjandet Uddevalla", "Studiefrämjandet Bohuslän Norra"} <= set(titles)
    titles = _results(page, engine_url, "jouren")
    assert titles[0] == "Brottsofferjouren Bohus-Norra Älvsborg"


def test_the_result_count_is_the_status_text(page: Any, engine_url: str) -> None:
    titles = _results(page, engine_url, "bohuslan")
    # Zensical's own search panel has a status region of its own: this one is the page's.
    status = page.get_by_role("status").and_(page.locator(STATUS))
    expect(status).to_have_count(1)
    count = len(titles)
    word = "träff" if count == 1 else "träffar"
    expect(status).to_have_text(f"{count} {word} för ”bohuslan”.")
    _results(page, engine_url, "qxzqxz")
    expect(status).to_have_text("Inga träffar för ”qxzqxz”.")
    expect(page.locator("#okide-sok-tips")).to_be_visible()
    assert page.locator(RESULTS).count() == 0


def test_results_come_ten_at_a_time_and_only_the_shown_ones_are_downloaded(
    page: Any, engine_url: str
) -> None:
    fragments: list[str] = []
    page.on("request", lambda r: "/pagefind/fragment/" in r.url and fragments.append(r.url))
    query = "Uddevalla"  # on nearly every page of the shipped site
    titles = _results(page, engine_url, query)
    status = page.locator(STATUS).inner_text()
    count = int(status.split()[0])
    assert count > 10, status
    assert len(titles) == 10 and len(fragments) == 10
    assert status == f"{count} träffar för ”{query}”. De 10 första visas."
    more = page.get_by_role("button", name="Visa fler träffar")
    expect(more).to_have_text(f"Visa fler träffar ({count - 10} till)")
    # Clicked twice at once, the button adds one page of results, none of them twice; the
    # keyboard's focus moves to the first of the new results, the ones before it are kept.
    more.dblclick()
    expect(page.locator(RESULTS)).to_have_count(min(count, 20))
    expect(page.locator(RESULTS + " > a").nth(10)).to_be_focused()
    assert page.locator(RESULTS + " > a").all_inner_texts()[:10] == titles
    assert len(fragments) == min(count, 20)
    while len(fragments) < count:
        shown = page.locator(RESULTS).count()
        more.focus()
        page.keyboard.press("Enter")
        expect(page.locator(RESULTS)).to_have_count(min(count, shown + 10))
    expect(more).to_be_hidden()
    assert len(set(fragments)) == len(fragments) == count
    links = page.locator(RESULTS + " > a")
    assert len(set(links.evaluate_all("(all) => all.map((a) => a.href)"))) == count
    # A new search starts again at ten.
    _results(page, engine_url, "bohuslan")
    expect(more).to_be_hidden()


def test_the_latest_query_wins_while_typing(page: Any, shipped_url: str) -> None:
    page.goto(shipped_url + "sok/")
    field = page.get_by_label("Sökord")
    field.press_sequentially("jouren")
    expect(page.locator(STATUS)).to_contain_text("för ”jouren”")
    field.fill("")
    field.press_sequentially("bohuslan")
    expect(page.locator(STATUS)).to_contain_text("för ”bohuslan”")
    expect(page.locator(RESULTS + " > a").first).to_have_text("Studiefrämjandet Bohuslän Norra")
    assert "q=bohuslan" in page.url  # the address keeps the query for a reload or a link


@pytest.fixture(scope="module")
def corpus_url(corpus_site: Path) -> Iterator[str]:
    with serve(corpus_site, site_base_path()) as url:
        yield url


@pytest.fixture(scope="module")
def ranking_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The region fixture with one more party, named one letter away from "Norrsken" in
    Patientföreningen Norrsken."""
    work = tmp_path_factory.mktemp("search-ranking")
    data = work / "data"
    shutil.copytree(REGION, data)
    (data / "signatories" / "norrsten.yml").write_text(
        "name: Norrstens hembygdsförening\nform: ideell förening\nsigned: 2023-03-01\n"
        "description: Hembygdsgården i Norrsten.\n",
        encoding="utf-8",
    )
    with serve(build_site(data, work), site_base_path()) as url:
        yield url


def test_an_exact_match_ranks_above_a_match_one_letter_away(page: Any, ranking_url: str) -> None:
    titles = _results(page, ranking_url, "norrsken")
    assert titles.index("Patientföreningen Norrsken") < titles.index("Norrstens hembygdsförening")
    titles = _results(page, ranking_url, "norrsten")
    assert titles.index("Norrstens hembygdsförening") < titles.index("Patientföreningen Norrsken")


def test_the_search_form_leads_to_the_search_page_from_every_depth(
    page: Any, engine_url: str
) -> None:
    for path in ("", "parter/", "parter/abf-fyrbodal/", "finns-inte/"):
        page.goto(engine_url + path)
        form = page.get_by_role("search", name="Sök på webbplatsen")
        expect(form).to_be_visible()
        form.get_by_label("Sök på webbplatsen").fill("bohuslan")
        form.get_by_role("button", name="Sök").click()
        expect(page.locator(STATUS)).to_contain_text("för ”bohuslan”")
        assert page.url.startswith(engine_url + "sok/?q=bohuslan"), (path, page.url)


def test_the_search_form_is_in_the_header_area_on_a_phone(open_page: Any, shipped_url: str) -> None:
    page = open_page(width=375)
    page.goto(shipped_url + "parter/")
    form = page.get_by_role("search", name="Sök på webbplatsen")
    expect(form).to_be_in_viewport()
    header = page.locator(".md-header").bounding_box()
    box = form.bounding_box()
    assert box["y"] < header["y"] + header["height"] + 60  # right under the header bar


def test_search_by_keyboard_from_the_top_of_a_page(page: Any, engine_url: str) -> None:
    page.goto(engine_url + "vardegrund/")
    field = page.get_by_role("search", name="Sök på webbplatsen").get_by_role("searchbox")
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.type") == (
            "search"
        ):
            break
    expect(field).to_be_focused()
    page.keyboard.type("bohuslan")
    page.keyboard.press("Enter")
    expect(page.locator(STATUS)).to_contain_text("för ”bohuslan”")
    first = page.locator(RESULTS + " > a").first
    for _ in range(60):
        page.keyboard.press("Tab")
        if first.evaluate("(e) => e === document.activeElement"):
            break
    expect(first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(engine_url + "parter/studieframjandet-bohuslan-norra/")


def test_the_search_page_passes_axe_with_results_and_with_none(
    open_page: Any, engine_url: str
) -> None:
    from tests.test_in_browser import axe_violations

    for width in (1280, 375):
        page = open_page(width=width)
        _results(page, engine_url, "studiefrämjandet")
        assert page.locator(RESULTS).count() > 0
        assert axe_violations(page) == []
        _results(page, engine_url, "qxzqxz")
        assert axe_violations(page) == []


def test_without_javascript_the_search_page_says_search_needs_it(
    open_page: Any, shipped_url: str
) -> None:
    page = open_page(javascript=False)
    page.goto(shipped_url + "sok/?q=bohuslan")
    text = page.locator(".md-content").inner_text()
    assert "Sökningen behöver JavaScript" in text
    link = page.get_by_role("link", name="registret över parter")
    expect(link.first).to_have_attribute("href", "../parter/")


def test_a_hostile_query_is_shown_only_as_text(page: Any, shipped_url: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for query in ('<img src=x onerror=alert(1)>', '"><script>alert(1)</script>',
                  "bohuslan " + "<b>x</b>" * 500):  # fmt: skip
        page.goto(shipped_url + "sok/?q=" + quote(query))
        expect(page.locator(STATUS)).to_contain_text("för ”")
        assert query.strip() in page.locator(STATUS).inner_text()
        assert page.get_by_label("Sökord").input_value() == query
        assert page.locator(".md-content img, .md-content script, #okide-sok b").count() == 0
    assert dialogs == []


def test_hostile_party_names_in_results_are_shown_as_text(
    page: Any, corpus_url: str, tmp_path: Path
) -> None:
    """The adversarial corpus reaches the search page only through pagefind's results: a name
    full of Markdown and HTML is a title of plain text there, and the rendered page holds no
    handler, script or resource (tests.corpus.scan, the check of the built pages)."""
    from tests.corpus import scan

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    titles = _results(page, corpus_url, "klicka")
    assert "[Klicka](javascript:alert(1)) <b>*fet*</b> {: onclick=alert(1) }" in titles
    _results(page, corpus_url, "onerror")
    assert page.locator(RESULTS).count() > 0
    for query in ("klicka", "onerror", "script"):
        _results(page, corpus_url, query)
        tags = page.evaluate(
            "() => [...new Set([...document.querySelectorAll('#okide-sok-traffar *')]"
            ".map(e => e.tagName.toLowerCase()))].sort()"
        )
        assert set(tags) <= {"li", "a", "p", "mark"}, (query, tags)
        rendered = tmp_path / f"{query}.html"
        rendered.write_text(page.content(), encoding="utf-8")
        assert scan(rendered).findings == [], query
    assert dialogs == []
