"""Valid HTML: every generated page passes the Nu Html Checker (vnu-jar from npm, run with the
machine's Java), except messages from Material's own markup, each listed with its reason."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

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
        "Material's header buttons are labels for its hidden toggles (__drawer, __search): the "
        "theme's CSS-only menu; the buttons themselves are reachable and named.",
    ),
]


def _require(tool: str, path: Path | None = None) -> None:
    if (path is not None and path.exists()) or (path is None and shutil.which(tool)):
        return
    reason = f"{tool} is missing ({path or 'not on PATH'}); make test installs it"
    if os.environ.get("CI") == "true":
        pytest.fail(reason)
    pytest.skip(reason)


def _check(site: Path) -> list[str]:
    _require("java")
    _require("vnu.jar", VNU)
    pages = sorted(str(p) for p in site.rglob("index.html"))
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "json", *pages],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    messages = json.loads(result.stderr or result.stdout)["messages"]
    remaining = []
    for message in messages:
        text, extract = message.get("message", ""), message.get("extract", "")
        if any(text.startswith(start) and mark in extract for start, mark, _ in THEME_MESSAGES):
            continue
        where = message.get("url", "").split(str(site))[-1]
        remaining.append(f"{where}:{message.get('lastLine')}: {text} [{extract.strip()[:100]}]")
    return remaining


def test_generated_pages_of_the_fixture_are_valid_html(fixture_site: Path) -> None:
    assert _check(fixture_site) == []


def test_generated_pages_of_the_shipped_site_are_valid_html(shipped_site: Path) -> None:
    assert _check(shipped_site) == []


def test_the_checker_does_report_invalid_html(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="sv"><title>x</title><p><div>fel</p>', encoding="utf-8"
    )
    assert _check(tmp_path)
