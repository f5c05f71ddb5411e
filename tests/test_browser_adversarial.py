"""The adversarial corpus in a real browser: the pages built from hostile editor text open, are
clicked, focused and hovered everywhere in the editor's text, and nothing runs: no dialog, no
error from a script, no request to another host, nothing laid over the page."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import site_base_path
from tests.corpus import TEXT_CLASS, corpus_pages

pytestmark = [pytest.mark.browser, pytest.mark.slow]

# Everything the payloads in the corpus try: any of these is a script that ran.
TRAPS = """() => {
  window.__okideRan = [];
  for (const name of ["alert", "confirm", "prompt", "print", "open"]) {
    window[name] = (...args) => { window.__okideRan.push(name); };
  }
  // Clicks still reach every handler, but no link takes the page away.
  window.addEventListener("click", (event) => event.preventDefault(), true);
}"""
POSITIONED = f"""() => [...document.querySelectorAll(".{TEXT_CLASS}, .{TEXT_CLASS} *")]
  .map((el) => getComputedStyle(el).position).filter((p) => p !== "static" && p !== "relative")"""


@pytest.fixture(scope="module")
def corpus_url(corpus_site: Path):  # type: ignore[no-untyped-def]
    from tests.browserkit import serve

    with serve(corpus_site, site_base_path()) as url:
        yield url


def _provoke(page: Any) -> None:
    """Click, focus and hover every element of the editor's text (links are not followed)."""
    elements = page.locator(f".{TEXT_CLASS} *")
    for index in range(elements.count()):
        element = elements.nth(index)
        if not element.is_visible():
            continue
        element.hover()
        element.focus()
        element.dispatch_event("click")


def test_pages_built_from_hostile_text_run_nothing_and_load_nothing_from_elsewhere(
    open_page: Any, corpus_site: Path, corpus_url: str
) -> None:
    page = open_page()
    page.add_init_script(f"({TRAPS})();")
    own = urlsplit(corpus_url).netloc
    dialogs: list[str] = []
    errors: list[str] = []
    foreign: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.context.on(
        "request",
        lambda request: (
            foreign.append(request.url)
            if urlsplit(request.url).scheme not in ("data", "blob", "about")
            and urlsplit(request.url).netloc != own
            else None
        ),
    )
    paths = corpus_pages(corpus_site)
    assert len(paths) >= 10
    provoked = 0
    for path in paths:
        page.goto(corpus_url + path, wait_until="load")
        provoked += page.locator(f".{TEXT_CLASS} *").count()
        _provoke(page)
        ran = page.evaluate("() => window.__okideRan")
        assert ran == [], f"{path}: {ran}"
        assert page.evaluate(POSITIONED) == [], f"{path}: editor text laid over the page"
    assert provoked > 50
    assert dialogs == [] and errors == [] and foreign == []


def test_the_traps_catch_a_script_that_runs_on_focus(open_page: Any) -> None:
    """Without this, a silent trap would make the test above pass on anything."""
    page = open_page()
    page.add_init_script(f"({TRAPS})();")
    html = f'<div class="{TEXT_CLASS}"><p tabindex="0" onfocus="alert(1)">x</p></div>'
    page.route(
        "http://trap.test/", lambda route: route.fulfill(body=html, content_type="text/html")
    )
    page.goto("http://trap.test/", wait_until="load")
    _provoke(page)
    assert page.evaluate("() => window.__okideRan") == ["alert"]
