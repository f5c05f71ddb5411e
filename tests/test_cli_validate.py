"""`python -m okide validate`: exit codes, summary lines and the output formats."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from okide.cli import main
from okide.problems import Problem, github_annotation
from tests.conftest import ROOT, SMALL, TODAY_EPOCH


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    shutil.copytree(SMALL, tmp_path / "data")
    (tmp_path / "data/signatories/x.yml").write_text("name: X\nform: annan\n", encoding="utf-8")
    (tmp_path / "data/dialogues/y.yml").write_text("title: Y\n", encoding="utf-8")
    return tmp_path / "data"


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), out=out)
    return code, out.getvalue()


def test_valid_data_exits_0_with_counts() -> None:
    assert _run("validate", str(SMALL)) == (
        0, "4 parter, 3 värderingar, 4 punkter, 3 stordialoger: inga fel\n",
    )  # fmt: skip


def test_invalid_data_exits_1_with_every_problem_and_a_summary(broken: Path) -> None:
    code, output = _run("validate", str(broken))
    lines = output.splitlines()
    assert code == 1
    assert lines[-1] == "5 fel i 2 filer"
    assert lines[0].startswith("dialogues/y.yml:1:1: description: obligatorisk nyckel saknas")
    assert len(lines) == 6


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["kontrollera"])
    assert caught.value.code == 2
    assert _run("validate", "/finns/inte")[0] == 2


def test_github_format_prints_workflow_annotations(broken: Path) -> None:
    code, output = _run("validate", "--format", "github", str(broken))
    assert code == 1
    assert output.splitlines()[0] == (
        "::error file=dialogues/y.yml,line=1,col=1,title=okide%3A description::description: "
        "obligatorisk nyckel saknas – lägg till 'description:' (Beskrivning: Markdown.)"
    )


def test_github_annotations_escape_data_and_properties() -> None:
    problem = Problem("a,b:c.yml", 2, 3, "k", "100% fel\r\nrad två")
    assert github_annotation(problem) == (
        "::error file=a%2Cb%3Ac.yml,line=2,col=3,title=okide%3A k::k: 100%25 fel%0D%0Arad två"
    )


def test_json_format_lists_problems_as_objects(broken: Path) -> None:
    code, output = _run("validate", "--format", "json", str(broken))
    problems = json.loads(output)
    assert code == 1 and len(problems) == 5
    assert set(problems[0]) == {"path", "line", "column", "key", "message", "hint"}
    assert _run("validate", "--format", "json", str(SMALL)) == (0, "[]\n")


def test_python_m_okide_validate_runs_as_a_program() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "okide", "validate", str(SMALL)],
        capture_output=True, text=True, cwd=ROOT, check=False,
        env={"SOURCE_DATE_EPOCH": TODAY_EPOCH, "PATH": "/usr/bin:/bin"},
    )  # fmt: skip
    assert (result.returncode, result.stdout.strip()) == (
        0, "4 parter, 3 värderingar, 4 punkter, 3 stordialoger: inga fel",
    )  # fmt: skip


def test_the_shipped_content_validates() -> None:
    assert _run("validate", str(ROOT)) == (
        0, "10 parter, 7 värderingar, 14 punkter, 2 stordialoger: inga fel\n",
    )  # fmt: skip
