"""okide's template environments are built anew for each build: an edited template shows in the
next build of the same process (as `mkdocs serve` rebuilds), and editor text includes nothing."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from okide import templating
from okide.cli import main
from okide.handwritten import fill
from okide.problems import Problem
from okide.templates import TEMPLATES
from tests.conftest import SMALL, TODAY_EPOCH


def test_an_edited_template_shows_in_the_next_render_of_the_same_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    copy = tmp_path / "templates"
    shutil.copytree(TEMPLATES, copy)
    monkeypatch.setattr(templating, "TEMPLATES", copy)
    assert main(["render", str(tmp_path / "before"), "--root", str(SMALL)]) == 0
    for name, line in (("values.md.j2", "Ny rad i mallen.\n"), ("feed.xml.j2", "<!-- ny -->\n")):
        template = copy / name
        template.write_text(template.read_text("utf-8") + line, encoding="utf-8")
    assert main(["render", str(tmp_path / "after"), "--root", str(SMALL)]) == 0
    for page, line in (("vardegrund.md", "Ny rad i mallen."), ("flode.xml", "<!-- ny -->")):
        assert line not in (tmp_path / "before" / page).read_text("utf-8")
        assert line in (tmp_path / "after" / page).read_text("utf-8")


def test_a_hand_written_page_cannot_include_okides_templates() -> None:
    filled = fill('{% include "party.md.j2" %}\n', {}, "docs/x.md")
    assert isinstance(filled, Problem)
