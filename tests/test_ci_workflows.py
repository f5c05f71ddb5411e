"""The CI files: GitHub workflows that run only make targets that exist, pinned actions, the
daily rebuild on the real date, the job summary of `make validate-github`, and pre-commit."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import yaml

from okide.cli import build_parser
from okide.sections import data_tops
from tests.conftest import ROOT, TODAY_EPOCH


def _workflows() -> dict[str, dict]:  # type: ignore[type-arg]
    return {
        path.name: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in (ROOT / ".github/workflows").glob("*.yml")
    }


def _make_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", makefile, re.M))


def _check_keep_alive(workflows: dict[str, Any], command: str) -> None:
    """The keep-alive re-enables a workflow that exists and runs on a schedule: renaming the
    file would otherwise leave the nightly build to be paused after 60 quiet days."""
    enabled = re.fullmatch(r'gh api --method PUT "repos/\$\{\{ github\.repository \}\}'
                           r'/actions/workflows/([a-z-]+\.yml)/enable"', command)  # fmt: skip
    assert enabled, command
    assert workflows[enabled.group(1)][True]["schedule"], command


def test_workflows_parse_and_run_only_make_targets_that_exist() -> None:
    workflows = _workflows()
    assert set(workflows) == {"pull-request.yml", "publish.yml", "tests.yml", "uppfoljningar.yml"}
    targets = _make_targets()
    for name, workflow in workflows.items():
        assert workflow[True], name  # PyYAML reads the key `on` as True
        for job in workflow["jobs"].values():
            for step in job.get("steps", []):
                command = step.get("run")
                if command is None:
                    assert step["uses"].split("@")[0] in {
                        "actions/checkout", "actions/setup-python", "actions/upload-artifact",
                        "actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages",
                    }  # fmt: skip
                    continue
                words = command.split()
                if words == ["bash", ".ci/run"]:  # the whole suite, as CI runs it here
                    assert (ROOT / ".ci/run").is_file()
                    continue
                if words[:2] == ["gh", "api"]:  # keep-alive: GitHub's API, nothing to run here
                    _check_keep_alive(workflows, command)
                    continue
                assert words[0] == "make" and set(words[1:]) <= targets, (name, command)


def test_every_action_is_pinned_to_a_release() -> None:
    for name, workflow in _workflows().items():
        for job in workflow["jobs"].values():
            for step in job["steps"]:
                if "uses" in step:
                    assert re.fullmatch(r"[\w-]+/[\w-]+@(v\d+(\.\d+)*|[0-9a-f]{40})", step["uses"]), (
                        name, step["uses"],
                    )  # fmt: skip


def test_the_daily_rebuild_uses_the_real_date() -> None:
    """A scheduled build must see today's date, or a past stordialog stays "kommande"."""
    publish = _workflows()["publish.yml"]
    (schedule,) = publish[True]["schedule"]
    minute, hour, day, month, weekday = schedule["cron"].split()
    assert (day, month, weekday) == ("*", "*", "*") and minute.isdigit() and hour.isdigit()
    for path in (ROOT / ".github/workflows").glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        assert "SOURCE_DATE_EPOCH:" not in text and "SOURCE_DATE_EPOCH=" not in text, path.name
    assert "SOURCE_DATE_EPOCH" not in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_make_targets_used_by_ci_call_existing_okide_commands() -> None:
    subcommands = set(build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    used = set(re.findall(r"-m okide ([\w-]+)", makefile))
    assert used and used <= subcommands


def test_validate_github_writes_every_problem_to_the_job_summary(
    project: Path, tmp_path: Path
) -> None:
    for number in range(12):
        (project / f"signatories/trasig-{number}.yml").write_text("name: X\n", encoding="utf-8")
    summary = tmp_path / "summary.md"
    for name in ("Makefile", "requirements.lock", "requirements-test.lock", "pyproject.toml"):
        shutil.copy(ROOT / name, project / name)
    (project / "installed").touch()
    result = subprocess.run(
        ["make", "-s", "validate-github", f"BIN={ROOT / '.venv/bin'}", "STAMP=installed"],
        cwd=project, capture_output=True, text=True, check=False,
        env={"PATH": "/usr/bin:/bin", "GITHUB_STEP_SUMMARY": str(summary), "SOURCE_DATE_EPOCH": TODAY_EPOCH},
    )  # fmt: skip
    assert result.returncode != 0
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error ")]
    assert len(annotations) == 36  # name too short, form and signed missing
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Kontroll av datafilerna") and text.count("signatories/trasig-") == 36


def test_pre_commit_runs_the_validator_on_data_changes_without_an_activated_venv() -> None:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    hooks = {hook["id"]: hook for hook in config["repos"][0]["hooks"]}
    validate, schema = hooks["okide-validate"], hooks["okide-schema"]
    # `make` installs .venv from the pins when needed; a bare `python -m okide` would fail
    # with "No module named okide" unless the editor had activated .venv.
    targets = _make_targets()
    for hook in (validate, schema):
        words = hook["entry"].split()
        assert words[0] == "make" and words[-1] in targets and hook["pass_filenames"] is False
    assert validate["entry"].endswith(" validate") and schema["entry"].endswith(" schema-check")
    for path in ("signatories/x.yml", "dialogues/y.yml", "agreement/values/z.yml"):
        assert re.match(validate["files"], path)
    assert not re.match(validate["files"], "okide/models.py")
    assert re.match(schema["files"], "okide/models.py")


def test_the_test_suite_skips_changes_to_data_alone_in_every_data_folder() -> None:
    """Data changes are checked by pull-request.yml; tests.yml leaves out each data folder."""
    workflow = yaml.safe_load((ROOT / ".github/workflows/tests.yml").read_text(encoding="utf-8"))
    for event in ("push", "pull_request"):
        assert set(workflow[True][event]["paths-ignore"]) == {f"{top}/**" for top in data_tops()}
