"""The MkDocs hook, event by event on a loaded config (no whole build): the data is validated
and generated before MkDocs empties site_dir, handed to on_files through that build's config
only, and read again for every build, as `mkdocs serve` rebuilds."""

from __future__ import annotations

import gc
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort
from mkdocs.structure.files import Files

from okide import mkdocs_hook
from tests.conftest import SMALL, TODAY_EPOCH
from tests.sitebuild import make_project

GENERATED = "_okide_generated"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    data = tmp_path / "data"
    shutil.copytree(SMALL, data)
    return make_project(data, tmp_path / "project")


@pytest.fixture(autouse=True)
def _nothing_stays_frozen() -> Iterator[None]:
    """The tests below run on_files without the rest of a build: what it froze is given back."""
    yield
    gc.unfreeze()


def _config(project: Path) -> MkDocsConfig:
    return load_config(str(project / "mkdocs.yml"), site_dir=str(project.parent / "site"))


def _build_files(config: MkDocsConfig) -> dict[str, bytes]:
    """What a build adds, run the way MkDocs runs the events."""
    config.plugins.on_pre_build(config=config)
    files = config.plugins.on_files(Files([]), config=config)
    return {file.src_uri: file.content_bytes for file in files}


def test_pre_build_stops_an_invalid_build_with_every_problem_line(project: Path) -> None:
    """(MkDocs then calls on_build_error, which gives back what on_pre_build froze.)"""
    (project / "signatories/no.yml").write_text("name: NO\n", encoding="utf-8")
    (project / "signatories/index.yml").write_text("name: Index\n", encoding="utf-8")
    config = _config(project)
    with pytest.raises(Abort) as raised:
        config.plugins.on_pre_build(config=config)
    lines = str(raised.value).splitlines()
    assert lines[0].startswith("signatories/index.yml:1:1: id:t 'index' är reserverat")
    assert lines[1].startswith("signatories/no.yml:1:1: form: obligatorisk nyckel saknas")
    assert lines[-1].startswith("okide: ") and lines[-1].endswith("; inget publiceras")
    assert GENERATED not in vars(config)


def test_on_files_adds_what_pre_build_made_and_the_config_keeps_nothing(project: Path) -> None:
    config = _config(project)
    files = _build_files(config)
    assert "parter/no.md" in files and "stordialoger/2027-fritid.ics" in files
    assert GENERATED not in vars(config)


def test_what_on_files_keeps_from_the_collector_is_given_back_when_the_build_ends(
    project: Path,
) -> None:
    config = _config(project)
    config.plugins.on_pre_build(config=config)
    frozen_before_okide = gc.get_freeze_count()
    config.plugins.on_files(Files([]), config=config)
    assert 0 < frozen_before_okide < gc.get_freeze_count()
    page = Path(config.site_dir) / "index.html"  # the pages MkDocs would have written
    page.parent.mkdir(parents=True)
    page.write_text('<div class="md-content"><h1>Start</h1></div>', encoding="utf-8")
    mkdocs_hook.on_post_build(config)
    assert gc.get_freeze_count() == 0
    _build_files(_config(project))
    assert gc.get_freeze_count() > 0
    mkdocs_hook.on_build_error(Abort("stopped"))
    assert gc.get_freeze_count() == 0


def test_a_build_stopped_by_invalid_data_leaves_nothing_frozen(project: Path) -> None:
    (project / "signatories/no.yml").write_text("name: NO\n", encoding="utf-8")
    with pytest.raises(Abort):
        build(_config(project))
    assert gc.get_freeze_count() == 0


def test_every_build_reads_the_data_again_as_serve_rebuilds(project: Path) -> None:
    first = _build_files(_config(project))
    text = (project / "signatories/no.yml").read_text(encoding="utf-8")
    (project / "signatories/ny-forening.yml").write_text(
        text.replace('name: "NO"', "name: Ny förening"), encoding="utf-8"
    )
    config = _config(project)
    assert "parter/ny-forening.md" not in first
    assert "parter/ny-forening.md" in _build_files(config)
    (project / "signatories/ny-forening.yml").unlink()
    assert "parter/ny-forening.md" not in _build_files(config)


def test_a_party_page_where_a_hand_written_page_is_stops_the_build(project: Path) -> None:
    (project / "docs/parter").mkdir()
    (project / "docs/parter/no.md").write_text("# Handskriven\n", encoding="utf-8")
    config = _config(project)
    with pytest.raises(Abort) as raised:
        config.plugins.on_pre_build(config=config)
    assert str(raised.value).splitlines()[0] == (
        "signatories/no.yml:1:1: parter/no.md skulle publiceras på samma plats som den"
        " handskrivna sidan parter/no.md – byt namn på datafilen"
    )


def test_okides_theme_comes_from_the_installed_package_not_the_site(project: Path) -> None:
    """A site has no overrides/ or scripts of its own: the pinned okide brings them."""
    from okide.mkdocs_hook import OVERRIDES

    config = _config(project)
    config.plugins.on_config(config)
    assert config.theme.dirs[0] == OVERRIDES
    assert (Path(OVERRIDES) / "main.html").is_file()
    assert "stylesheets/okide.css" in config.extra_css
    assert [str(s) for s in config.extra_javascript] == [
        "javascripts/okide-filter.js",
        "javascripts/okide-accessibility.js",
        "javascripts/okide-stale.js",
        "javascripts/okide-sok.js",
    ]
    config.plugins.on_config(config)  # `mkdocs serve` runs it again: nothing twice
    assert config.theme.dirs.count(OVERRIDES) == 1 and len(config.extra_css) == 1


def test_a_sites_own_custom_dir_still_overrides_okides_templates(project: Path) -> None:
    from okide.mkdocs_hook import OVERRIDES

    (project / "egna").mkdir()
    text = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        text.replace("  name: material\n", "  name: material\n  custom_dir: egna\n"),
        encoding="utf-8",
    )
    config = _config(project)
    config.plugins.on_config(config)
    assert config.theme.dirs[0] == str(project / "egna")
    assert config.theme.dirs[1] == OVERRIDES


def test_the_hook_hands_the_theme_the_build_instant_of_source_date_epoch(project: Path) -> None:
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project.parent / "site"))
    config.plugins.on_pre_build(config=config)
    stamp = config.extra["okide_built"]
    assert (stamp.datetime, stamp.text) == (
        "2026-11-22T13:00:00+01:00",
        "22 november 2026 kl. 13.00",
    )
