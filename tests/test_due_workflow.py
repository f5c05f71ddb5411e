"""The scheduled reminders: `make due-issue` (run by .github/workflows/uppfoljningar.yml) opens,
updates and closes the issue of the round through the gh CLI, here a stand-in that records its
calls and filters a given list of open issues with the real jq, as gh's --jq does."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.conftest import FIXTURES, ROOT, TODAY_EPOCH

FAKE_GH = """\
#!/bin/bash
printf '%s\\n' "$*" >> "$GH_LOG"
case "$1 $2" in
  "issue list")
    while [ $# -gt 0 ]; do
      if [ "$1" = "--jq" ]; then jq -r "$2" "$GH_ISSUES"; fi
      shift
    done ;;
  "issue create"|"issue edit") cat > "$GH_BODY" ;;
esac
"""
MARK = "\n<!-- okide due -->\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    project = tmp_path / "region"
    shutil.copytree(FIXTURES / "region", project)
    for name in ("Makefile", "requirements.lock", "requirements-test.lock", "pyproject.toml"):
        shutil.copy(ROOT / name, project / name)
    (project / "installed").touch()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "gh").write_text(FAKE_GH, encoding="utf-8")
    (bin_dir / "gh").chmod(0o755)
    return project


def _run(project: Path, open_issues: list[dict[str, object]]) -> tuple[int, list[str], str]:
    """`make due-issue` on TODAY; its exit code, gh's calls and the body it was given."""
    tmp = project.parent
    (tmp / "issues.json").write_text(json.dumps(open_issues), encoding="utf-8")
    (tmp / "gh.log").write_text("", encoding="utf-8")
    (tmp / "body.md").write_text("", encoding="utf-8")
    result = subprocess.run(
        ["make", "-s", "due-issue", f"BIN={ROOT / '.venv/bin'}", "STAMP=installed"],
        cwd=project, capture_output=True, text=True, check=False,
        env={"PATH": f"{tmp / 'bin'}:/usr/bin:/bin", "SOURCE_DATE_EPOCH": TODAY_EPOCH,
             "GH_LOG": str(tmp / "gh.log"), "GH_ISSUES": str(tmp / "issues.json"),
             "GH_BODY": str(tmp / "body.md")},
    )  # fmt: skip
    calls = (tmp / "gh.log").read_text(encoding="utf-8").splitlines()
    return result.returncode, calls, (tmp / "body.md").read_text(encoding="utf-8")


def _issue(number: int, title: str, body: str = "Lista" + MARK) -> dict[str, object]:
    return {"number": number, "title": title, "body": body}


LIST = (
    "issue list --state open --limit 1000 --json number,title,body --jq .[] | select(.body |"
    ' contains("<!-- okide due -->")) | "\\(.number) \\(.title)"'
)


@pytest.mark.slow  # runs make, okide and the recording gh in processes
def test_the_first_reminder_of_a_round_opens_its_issue(project: Path) -> None:
    code, calls, body = _run(project, [_issue(3, "Uppföljningar 2025", "Något annat")])
    assert code == 0
    assert calls == [LIST, "issue create --title Uppföljningar 2025 --body-file -"]
    assert body.startswith("Varje part följer upp") and body.endswith(MARK)
    assert "| Kulturstiftelsen Fyren | 2024 | 2025-12-15 |" in body


@pytest.mark.slow  # runs make, okide and the recording gh in processes
def test_an_open_issue_of_the_round_is_updated_not_duplicated(project: Path) -> None:
    code, calls, body = _run(project, [_issue(7, "Uppföljningar 2025")])
    assert code == 0 and calls == [LIST, "issue edit 7 --body-file -"]
    assert "Landsbygdsrådet i Exempelland" in body


@pytest.mark.slow  # runs make, okide and the recording gh in processes
def test_the_last_rounds_issue_is_closed_when_a_new_round_begins(project: Path) -> None:
    code, calls, _ = _run(project, [_issue(5, "Uppföljningar 2024")])
    assert code == 0
    assert calls == [
        LIST,
        "issue close 5 --comment Listan finns nu i ärendet Uppföljningar 2025.",
        "issue create --title Uppföljningar 2025 --body-file -",
    ]


@pytest.mark.slow  # runs make, okide and the recording gh in processes
def test_the_issue_is_closed_when_all_are_in(project: Path) -> None:
    for party, year in (("kulturstiftelsen", 2024), ("lansbygdsradet", 2025)):
        (project / f"followups/{year}-{party}.yml").write_text(
            f"party: {party}\nyear: {year}\nsubmitted: 2026-11-01\ncontribution: Gjort.\n",
            encoding="utf-8",
        )
    code, calls, _ = _run(project, [_issue(7, "Uppföljningar 2025")])
    assert code == 0
    assert calls == [LIST, "issue close 7 --comment Alla uppföljningar är inne."]


@pytest.mark.slow  # runs make, okide and the recording gh in processes
def test_invalid_data_fails_the_run_and_touches_no_issue(project: Path) -> None:
    (project / "signatories/trasig.yml").write_text("name: X\n", encoding="utf-8")
    code, calls, _ = _run(project, [_issue(7, "Uppföljningar 2025")])
    assert code != 0 and calls == []


def test_the_reminder_workflow_may_only_write_issues_and_runs_every_day() -> None:
    for folder in (ROOT / ".github/workflows", ROOT / "okide/skeleton/github/workflows"):
        workflow = yaml.safe_load((folder / "uppfoljningar.yml").read_text(encoding="utf-8"))
        assert workflow["permissions"] == {"contents": "read", "issues": "write"}
        (schedule,) = workflow[True]["schedule"]
        assert schedule["cron"].split()[2:] == ["*", "*", "*"]
        (job,) = workflow["jobs"].values()
        assert job["steps"][-1]["run"] == "make due-issue"
    skeleton = (ROOT / "okide/skeleton/Makefile").read_text(encoding="utf-8")
    own = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert _recipe(skeleton, "due-issue") == _recipe(own, "due-issue")


def _recipe(makefile: str, target: str) -> str:
    return makefile.split(f"\n{target}: ", 1)[1].split("\n\n", 1)[0]
