"""The code base stays ruff-clean (lint and format), checked with every test run (without ruff:
skipped locally, a failure under CI=true)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.browserkit import require
from tests.conftest import ROOT

TARGETS = [name for name in ("okide", "hooks", "scripts", "tests") if (ROOT / name).is_dir()]


def _ruff() -> str:
    found = Path(sys.executable).with_name("ruff")
    if found.exists():
        return str(found)
    path = shutil.which("ruff")
    require(
        path is not None, "ruff is not installed (make installs it from requirements-test.lock)"
    )
    return str(path)


def test_ruff_finds_no_lint_problems() -> None:
    result = subprocess.run([_ruff(), "check", *TARGETS], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_code_is_formatted_with_ruff() -> None:
    result = subprocess.run(
        [_ruff(), "format", "--check", *TARGETS], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout
