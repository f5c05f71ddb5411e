"""Placeholders in the hand-written pages: filled from agreement.yml, escaped for Markdown,
and an unknown name or a missing fact is a problem naming the page and its line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from okide.addresses import SiteSettings
from okide.handwritten import facts, fill, fill_pages
from okide.models import Agreement
from okide.problems import Problem
from tests.conftest import FIXTURES, ROOT
from tests.sitebuild import build_env, make_project


def _facts(**changes: object) -> dict[str, object]:
    data = {
        "short_name": "ÖK", "title": "T", "public_party": "Region Exempelland",
        "adopted": "2021-04-20", "purpose": "P", "areas": [{"id": "a", "title": "A"}],
        "contact": {"url": "https://example.org/k"},
    } | changes  # fmt: skip
    agreement = Agreement.from_data(data, id="agreement", source="a.yml", today=None)
    return facts(agreement, SiteSettings(repo_url="https://github.com/x/y"))


def test_a_page_without_placeholders_is_left_exactly_as_it_is() -> None:
    text = "---\ntitle: X\n---\n\n# Rubrik  \n\n*ingen* platshållare\n"
    assert fill(text, _facts(), "docs/x.md") == text


def test_placeholders_are_filled_and_each_value_escaped_for_markdown() -> None:
    page_facts = _facts(public_party="*A* <b>", contact={"url": "https://e.org/sök"})
    text = "{{ okide.public_party }} [k]({{ okide.contact.url | url }})\n"
    assert fill(text, page_facts, "docs/x.md") == (
        "&#42;A&#42; &#60;b&#62; [k](https://e.org/sök)\n"
    )


def test_a_fact_the_data_does_not_give_is_false_in_a_condition() -> None:
    text = "a\n{% if okide.contact.email %}\nE-post\n{% endif %}\nb\n"
    assert fill(text, _facts(), "docs/x.md") == "a\nb\n"


def test_printing_a_missing_fact_is_a_problem_naming_the_page_and_line() -> None:
    problem = fill("a\n\n{{ okide.contact.email }}\n", _facts(), "docs/anslut.md")
    assert isinstance(problem, Problem)
    assert problem.text().startswith("docs/anslut.md:3:1: {{ okide.contact.email }}: uppgiften")


def test_an_unknown_name_is_a_swedish_problem_listing_the_known_ones() -> None:
    problem = fill("{{ okide.kontakt }}\n", _facts(), "docs/x.md")
    assert isinstance(problem, Problem)
    assert problem.message.startswith("okänt namn i platshållaren")
    assert "okide.public_party" in problem.hint


def test_the_sandbox_refuses_python_internals() -> None:
    problem = fill("{{ okide.__class__.__mro__ }}\n", _facts(), "docs/x.md")
    assert isinstance(problem, Problem) and "okänt namn" in problem.message


def test_a_broken_placeholder_is_a_problem_at_its_line() -> None:
    problem = fill("a\nb {{ okide.public_party\n", _facts(), "docs/x.md")
    assert isinstance(problem, Problem) and problem.line == 2
    assert problem.message.startswith("platshållaren går inte att läsa")


def test_dates_are_written_the_swedish_way() -> None:
    page_facts = _facts(accessibility={"published": "2026-11", "assessed": "2026-11-25"})
    text = "{{ okide.accessibility.assessed | date_sv }}, {{ okide.accessibility.published | month_sv }}\n"
    assert fill(text, page_facts, "x") == "25 november 2026, november 2026\n"


def test_every_page_of_a_docs_folder_is_filled_or_all_problems_are_given(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.md").write_text("{{ okide.short_name }}\n", encoding="utf-8")
    (tmp_path / "sub/b.md").write_text("{{ x }}\n", encoding="utf-8")
    (tmp_path / "c.md").write_text("{{ y }}\n", encoding="utf-8")
    (tmp_path / "style.css").write_text("{{ z }}\n", encoding="utf-8")
    problems = fill_pages(tmp_path, _facts(), "docs")
    assert isinstance(problems, list)
    assert [p.path for p in problems] == ["docs/c.md", "docs/sub/b.md"]
    (tmp_path / "sub/b.md").unlink()
    (tmp_path / "c.md").unlink()
    assert fill_pages(tmp_path, _facts(), "docs") == {"a.md": "ÖK\n"}


def test_render_writes_the_hand_written_pages_filled_in_as_the_build_does(tmp_path: Path) -> None:
    project = make_project(FIXTURES / "region", tmp_path / "project")
    result = subprocess.run(
        [sys.executable, "-m", "okide", "render", str(tmp_path / "out"), "--root", str(project)],
        capture_output=True, text=True, env=build_env(), cwd=ROOT, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    statement = (tmp_path / "out/tillganglighet.md").read_text(encoding="utf-8")
    assert "Region Exempelland står bakom den här webbplatsen" in statement
    assert "{{" not in statement and "{%" not in statement
    assert "Ta kontakt med Region Exempelland" in (tmp_path / "out/anslut.md").read_text("utf-8")
