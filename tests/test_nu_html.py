"""Valid HTML: every page of the built sites (generated, hand-written, 404) passes the Nu Html
Checker (vnu-jar from npm, run with the machine's Java) with zero errors, except messages about
Material's own markup, each listed below with its reason and recognised by that markup."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.browserkit import VNU, require

pytestmark = pytest.mark.slow

# (start of the message, text the offending markup contains, why it is accepted)
THEME_MESSAGES = [
    (
        "Attribute “autocomplete” is only allowed when the input type is",
        'class="md-toggle"',
        "Material's hidden drawer/search toggles are checkboxes with autocomplete=off, which "
        "keeps Firefox from restoring them open; the attribute is harmless on a checkbox.",
    ),
    (
        "The value of the “for” attribute of the “label” element must be the ID of a non-hidden",
        'for="__',
        "Material's menu button and the drawer's titles are labels for its hidden toggles "
        "(__drawer, __toc): the theme's CSS-only menu. The labels are no tab stops; keyboard "
        "users reach the same links in the drawer, which slides in while it holds focus "
        "(okide.css).",
    ),
]


def _require(tool: str, path: Path | None = None) -> None:
    present = (path is not None and path.exists()) or (path is None and bool(shutil.which(tool)))
    require(present, f"{tool} is missing ({path or 'not on PATH'}); make test installs it")


def check(site: Path) -> tuple[list[str], set[int], int]:
    """The Nu Html Checker over every HTML page of a built site (the generated pages, the
    hand-written ones and the 404 page): the messages left after the theme's, which of
    THEME_MESSAGES were used, and how many pages were checked."""
    _require("java")
    _require("vnu.jar", VNU)
    pages = sorted(str(p) for p in site.rglob("*.html"))
    assert pages, f"no HTML page under {site}"
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    messages = json.loads(result.stderr or result.stdout)["messages"]
    remaining, used = [], set()
    for message in messages:
        text, extract = message.get("message", ""), message.get("extract", "")
        theirs = [i for i, (start, mark, _) in enumerate(THEME_MESSAGES)
                  if message.get("type") == "error" and text.startswith(start) and mark in extract]  # fmt: skip
        if theirs:
            used.update(theirs)
            continue
        where = message.get("url", "").split(str(site))[-1]
        remaining.append(f"{where}:{message.get('lastLine')}: {message.get('type')}: {text} "
                         f"[{extract.strip()[:100]}]")  # fmt: skip
    return remaining, used, len(pages)


def test_every_page_of_the_fixture_site_is_valid_html(fixture_site: Path) -> None:
    remaining, _, checked = check(fixture_site)
    assert remaining == []
    assert checked == len(list(fixture_site.rglob("*.html"))) > 15


def test_every_page_of_the_shipped_site_is_valid_html(shipped_site: Path) -> None:
    remaining, used, _ = check(shipped_site)
    assert remaining == []
    # An accepted message the theme no longer produces is removed from the list.
    assert used == set(range(len(THEME_MESSAGES))), "unused entries in THEME_MESSAGES"


def test_every_page_of_the_region_site_is_valid_html(region_fixture_site: Path) -> None:
    """The follow-up, the plan with its filter placeholder and actions, and the charts."""
    remaining, _, _ = check(region_fixture_site)
    assert remaining == []


def test_the_checker_does_report_invalid_html(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="sv"><title>x</title><p><div>fel</p>', encoding="utf-8"
    )
    (tmp_path / "404.html").write_text(
        '<!doctype html><html lang="sv"><title>x</title><label for="__drawer">x</label>'
        '<a href="a b">x</a>',
        encoding="utf-8",
    )
    remaining, _, checked = check(tmp_path)
    assert checked == 2
    assert any(line.startswith("/index.html:") for line in remaining)
    assert any(line.startswith("/404.html:") and "href" in line for line in remaining)


def test_a_theme_message_is_accepted_only_in_the_theme_s_own_markup(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="sv"><title>x</title>'
        '<input type="checkbox" class="md-toggle" autocomplete="off" id="t">'
        '<input type="checkbox" class="ours" autocomplete="off" id="u">',
        encoding="utf-8",
    )
    remaining, used, _ = check(tmp_path)
    assert used == {0}
    assert len(remaining) == 1 and 'class="ours"' in remaining[0]
