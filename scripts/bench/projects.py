"""The two sites that are built: okide's (the repository's configuration with synthetic data) and
its plain MkDocs baseline (the same pages as hand-written Markdown, no okide hook)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from mkdocs.utils.yaml import yaml_load

from okide.clock import build_date
from okide.mkdocs_hook import OVERRIDES, SCRIPTS, STYLESHEETS
from scripts.bench.data import DataSet, write_data_set
from scripts.bench.runs import bench_env

ROOT = Path(__file__).resolve().parents[2]
# Material's search plugin as okide configured it before pagefind: Swedish, with the stemmer.
LUNR = {"lang": "sv", "pipeline": ["stemmer", "stopWordFilter", "trimmer"]}
SITE_PARTS = ("mkdocs.yml", "docs", "hooks")
# okide's hook keeps these out of the nav (the pages with in_nav=False, InclusionLevel.NOT_IN_NAV);
# the baseline says so here, in mkdocs.yml's not_in_nav syntax (.gitignore patterns).
DETAIL_PAGES = (
    "/parter/*.md\n!/parter/index.md\n/stordialoger/*.md\n!/stordialoger/index.md\n"
    "/tidigare-parter.md\n/sok.md\n"
)


def copy_site_parts(target: Path) -> None:
    """mkdocs.yml, docs/ and hooks/ as the repository has them now (okide's theme overrides
    come with the installed package)."""
    if not (ROOT / "mkdocs.yml").is_file():
        raise SystemExit("bench: the repository has no mkdocs.yml to build with")
    target.mkdir(parents=True, exist_ok=True)
    for part in SITE_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, dirs_exist_ok=True)
        elif source.is_file():
            shutil.copy2(source, target / part)


def make_okide_project(target: Path, parties: int) -> DataSet:
    copy_site_parts(target)
    return write_data_set(target, parties, build_date(bench_env()))


def make_baseline_project(okide_project: Path, target: Path) -> Path:
    """okide's generated Markdown written into docs/ as if by hand (`python -m okide render`),
    built with the same mkdocs.yml minus the okide hook; returns the config file to build."""
    copy_site_parts(target)
    render = [
        sys.executable,
        "-m",
        "okide",
        "render",
        str(target / "docs"),
        "--root",
        str(okide_project),
    ]
    subprocess.run(render, env=bench_env(), check=True, capture_output=True)
    with (target / "mkdocs.yml").open(encoding="utf-8") as file:
        parent = yaml_load(file)
    hooks = [hook for hook in parent.get("hooks") or [] if "okide" not in Path(hook).name]
    theme = dict(parent.get("theme") or {})
    theme["custom_dir"] = OVERRIDES  # what the okide hook adds, written out for the baseline
    child = {
        "INHERIT": "mkdocs.yml",
        "hooks": hooks,
        "theme": theme,
        "extra_css": [*(parent.get("extra_css") or []), *STYLESHEETS],
        "extra_javascript": [*(parent.get("extra_javascript") or []), *SCRIPTS],
        "not_in_nav": (parent.get("not_in_nav") or "") + "\n" + DETAIL_PAGES,
        # Today's search, the design okide replaced: Material's lunr index, fetched and built
        # by every visitor (okide's own site carries pagefind and its word list instead).
        "plugins": [{"search": LUNR}],
        "watch": [],  # the data folders are not here, and a missing watch path is an error
    }
    config = target / "mkdocs-baseline.yml"
    config.write_text(yaml.safe_dump(child, allow_unicode=True), "utf-8")
    return config
