"""One source for the public body's identity: agreement/agreement.yml names the site, and a
second public body's site, built with the project's own mkdocs.yml, theme and pages, says
nothing of Uddevalla's."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from okide.identity import site_description, site_name
from okide.mkdocs_config import okide_problems
from okide.models import Agreement
from tests.conftest import FIXTURES, ROOT, TODAY_EPOCH
from tests.sitebuild import make_project, mkdocs_build

REGION = FIXTURES / "region"
REGION_NAME = "Region Exempelland"


def _agreement(**changes: str) -> Agreement:
    data = {
        "short_name": "ÖK", "title": "T", "public_party": "Region Exempelland",
        "adopted": "2021-04-20", "purpose": "P", "areas": [{"id": "a", "title": "A"}],
        "contact": {"email": "a@b.se"},
    } | changes  # fmt: skip
    return Agreement.from_data(data, id="agreement", source="agreement/agreement.yml", today=None)


def test_site_name_is_the_short_name_and_the_public_party() -> None:
    assert site_name(_agreement(short_name="ÖK Idé")) == "ÖK Idé – Region Exempelland"
    assert "mellan Region Exempelland och den idéburna sektorn" in site_description(_agreement())


def test_site_name_from_data_is_html_escaped_once_for_the_theme() -> None:
    name = site_name(_agreement(public_party="A & B <i>"))
    assert name == "ÖK – A &amp; B &lt;i&gt;"
    assert "{{ name | e }}".replace("{{ name | e }}", str(name.__html__())) == name


def test_public_body_in_mkdocs_yml_is_still_accepted_but_read_by_nothing() -> None:
    assert okide_problems({"okide": {"public_body": "Uddevalla kommun"}}) == []
    assert "public_body" not in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def _config(project: Path, monkeypatch: pytest.MonkeyPatch) -> MkDocsConfig:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project.parent / "site"))
    return config.plugins.on_config(config)


def test_the_hook_names_the_site_from_agreement_yml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _config(make_project(REGION, tmp_path / "project"), monkeypatch)
    assert config.site_name == "Regionöverenskommelsen – Region Exempelland"
    assert config.site_description.startswith("Överenskommelsen mellan Region Exempelland ")


def test_an_invalid_agreement_leaves_the_name_for_pre_build_to_report(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = make_project(REGION, tmp_path / "project")
    (project / "agreement/agreement.yml").write_text("short_name: X\n", encoding="utf-8")
    config = _config(project, monkeypatch)
    assert config.site_name == "Överenskommelsen med den idéburna sektorn"


def _region_project(tmp_path: Path) -> Path:
    """The project's mkdocs.yml, theme and pages with the region's data and its own addresses:
    the addresses are the one thing another body changes in mkdocs.yml."""
    project = make_project(REGION, tmp_path / "project")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"uddevalla\.github\.io", "regionexempelland.example.org", text)
    config.write_text(re.sub(r"uddevalla/", "regionexempelland/", text), encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def region_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp_path = tmp_path_factory.mktemp("region")
    site = tmp_path / "site"
    result = mkdocs_build(_region_project(tmp_path), site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def _content(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if path.suffix == ".gz" else data


@pytest.mark.slow
def test_no_file_of_another_public_bodys_site_says_uddevalla(region_site: Path) -> None:
    files = [path for path in region_site.rglob("*") if path.is_file()]
    assert len(files) > 20
    assert [
        str(p.relative_to(region_site)) for p in files if b"uddevalla" in _content(p).lower()
    ] == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "page", ["index.html", "404.html", "tillganglighet/index.html", "anslut/index.html",
             "om-data/index.html"],
)  # fmt: skip
def test_the_regions_pages_name_the_region_in_their_title_and_text(
    region_site: Path, page: str
) -> None:
    html = (region_site / page).read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title and REGION_NAME in title[1]
    if page != "404.html":  # the missing page's text names no one; its title does
        assert REGION_NAME in html.split('<article class="md-content__inner', 1)[1]


@pytest.mark.slow
def test_the_regions_statement_gives_its_one_date_and_leaves_the_others_out(
    region_site: Path,
) -> None:
    html = (region_site / "tillganglighet/index.html").read_text(encoding="utf-8")
    assert "Senaste bedömningen gjordes den 2 oktober 2026." in html
    assert "uppdaterades senast" not in html and "publicerades i" not in html
    assert "Region Exempelland står bakom den här webbplatsen om Regionöverenskommelsen" in html


@pytest.mark.slow
def test_publisher_organizer_and_feed_author_are_the_region(region_site: Path) -> None:
    index = (region_site / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', index, re.S)
    assert found and REGION_NAME in json.dumps(json.loads(found[1]), ensure_ascii=False)
    calendar = (region_site / "stordialoger.ics").read_text(encoding="utf-8")
    assert re.search(r'ORGANIZER;CN="?Region Exempelland"?:mailto:', calendar.replace("\r\n ", ""))
    feed = (region_site / "flode.xml").read_text(encoding="utf-8")
    assert "<author><name>Region Exempelland</name></author>" in feed


@pytest.mark.slow
def test_the_shipped_site_still_says_uddevalla_kommun_where_it_did(shipped_site: Path) -> None:
    for page in ("index.html", "404.html", "tillganglighet/index.html", "anslut/index.html"):
        html = (shipped_site / page).read_text(encoding="utf-8")
        assert "ÖK Idé – Uddevalla kommun" in html, page
    statement = (shipped_site / "tillganglighet/index.html").read_text(encoding="utf-8")
    for sentence in ("Uddevalla kommun står bakom den här webbplatsen om ÖK Idé",
                     "kontakta Uddevalla kommun", "Senaste bedömningen gjordes den 25 november 2026.",
                     "Webbplatsen publicerades i november 2026."):  # fmt: skip
        assert sentence in statement
    join = (shipped_site / "anslut/index.html").read_text(encoding="utf-8")
    assert "Ta kontakt med Uddevalla kommun" in join
    assert 'href="https://github.com/uddevalla/ok-ide/blob/main/BIDRA.md"' in join
