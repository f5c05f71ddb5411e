"""Building whole sites for end-to-end and browser tests: the project's own mkdocs.yml, theme
and hand-written pages, with the data of a chosen folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from okide.sections import data_tops
from tests.conftest import ROOT, TODAY_EPOCH

PROJECT_PARTS = ("mkdocs.yml", "docs", "hooks")
DATA_PARTS = tuple(data_tops())


def make_project(data: Path, target: Path) -> Path:
    """A copy of the project's site configuration with the data from `data`."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, dirs_exist_ok=True)
        elif source.is_file():
            shutil.copy2(source, target / part)
    for part in DATA_PARTS:
        if (data / part).is_dir():
            shutil.copytree(data / part, target / part, dirs_exist_ok=True)
        (target / part).mkdir(exist_ok=True)
    return target


def build_env(epoch: str = TODAY_EPOCH) -> dict[str, str]:
    env = dict(os.environ)
    env.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=epoch, PYTHONDONTWRITEBYTECODE="1")
    return env


def mkdocs_build(
    project: Path, site_dir: Path, epoch: str = TODAY_EPOCH
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of a project folder, as CI runs it. Not with -q: that lowers
    MkDocs' logger to ERROR, so warnings are never counted and --strict fails nothing."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict",
         "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True, text=True, env=build_env(epoch), cwd=project, check=False,
    )  # fmt: skip


def build_site(data: Path, workdir: Path, epoch: str = TODAY_EPOCH) -> Path:
    """Build the site for `data` under workdir; fails the test with MkDocs' output if it fails."""
    project = make_project(data, workdir / "project")
    site = workdir / "site"
    result = mkdocs_build(project, site, epoch)
    if result.returncode != 0:
        raise AssertionError(f"mkdocs build failed:\n{result.stdout}\n{result.stderr}")
    return site
