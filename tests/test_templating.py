"""okide's template environments are built anew for each build: an edited template shows in the
next build of the same process (as `mkdocs serve` rebuilds), compiled templates kept on disk
never stand in for another environment's, and editor text includes nothing."""

from __future__ import annotations

import os
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


def test_a_template_kept_compiled_on_disk_is_not_used_with_other_options(tmp_path: Path) -> None:
    (tmp_path / "t.j2").write_text("{{ value }}", encoding="utf-8")
    value = {"value": "<b>"}
    for _ in range(2):  # the second time from the cache
        escaped = templating.environment(folder=tmp_path, autoescape=True)
        plain = templating.environment(folder=tmp_path, autoescape=False)
        assert escaped.get_template("t.j2").render(value) == "&lt;b&gt;"
        assert plain.get_template("t.j2").render(value) == "<b>"


def test_a_build_without_a_safe_cache_folder_compiles_its_templates(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "t.j2").write_text("{{ value }}", encoding="utf-8")
    unsafe = tmp_path / "tmp"
    unsafe.mkdir()
    (unsafe / f"_jinja2-cache-{os.getuid()}").write_text("", "utf-8")  # a file, not a folder
    monkeypatch.setattr("tempfile.tempdir", str(unsafe))
    environment = templating.environment(folder=tmp_path)
    assert environment.bytecode_cache is None
    assert environment.get_template("t.j2").render(value="x") == "x"


def test_a_hand_written_page_cannot_include_okides_templates() -> None:
    filled = fill('{% include "party.md.j2" %}\n', {}, "docs/x.md")
    assert isinstance(filled, Problem)
