"""Shared test settings: fixed paths and a fixed "today" so no test reads the clock."""

from __future__ import annotations

import io
import shutil
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
SMALL = FIXTURES / "small"
# A region with yearly follow-up and collaboration plans: every follow-up state on TODAY.
REGION = FIXTURES / "region"
TODAY = date(2026, 11, 22)
# 2026-11-22 12:00 UTC: the same day in Stockholm.
TODAY_EPOCH = "1795348800"


@pytest.fixture
def today() -> date:
    return TODAY


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the small fixture to change, with today fixed for the CLI (test_mkdocs_hook.py
    and test_examples.py have projects of their own)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    shutil.copytree(SMALL, tmp_path / "data")
    return tmp_path / "data"


def run_cli(*args: str) -> tuple[int, str]:
    """`python -m okide ARGS` in this process: the exit code and what it wrote to out."""
    from okide.cli import main

    out = io.StringIO()
    return main(list(args), out=out), out.getvalue()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        help="rewrite the golden files from the current output (review the diff!)",
    )


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small fixture built with the project's mkdocs.yml and theme (once per run)."""
    from tests.sitebuild import build_site

    return build_site(SMALL, tmp_path_factory.mktemp("fixture-site"))


@pytest.fixture(scope="session")
def region_fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The region fixture built with the project's mkdocs.yml and theme (once per run)."""
    from tests.sitebuild import build_site

    return build_site(REGION, tmp_path_factory.mktemp("region-site"))


@pytest.fixture(scope="session")
def shipped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped content (agreement/, signatories/, dialogues/) built as CI builds it."""
    from tests.sitebuild import build_site

    return build_site(ROOT, tmp_path_factory.mktemp("shipped-site"))


def site_url() -> str:
    """site_url of the project's mkdocs.yml: links to it are links inside the site."""
    for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            return line.split(":", 1)[1].strip()
    return "/"


def site_base_path() -> str:
    """The path the site is published under (e.g. `/ok-ide/`)."""
    from urllib.parse import urlsplit

    return urlsplit(site_url()).path or "/"


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """One headless Chromium for the whole run (Debian's, not Playwright's download)."""
    from tests.browserkit import CHROMIUM, CHROMIUM_ARGS, require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def fixture_url(fixture_site: Path):  # type: ignore[no-untyped-def]
    from tests.browserkit import serve

    with serve(fixture_site, site_base_path()) as url:
        yield url


@pytest.fixture(scope="session")
def region_url(region_fixture_site: Path):  # type: ignore[no-untyped-def]
    from tests.browserkit import serve

    with serve(region_fixture_site, site_base_path()) as url:
        yield url


@pytest.fixture(scope="session")
def shipped_url(shipped_site: Path):  # type: ignore[no-untyped-def]
    from tests.browserkit import serve

    with serve(shipped_site, site_base_path()) as url:
        yield url


@pytest.fixture
def page(open_page):  # type: ignore[no-untyped-def]
    """One page at 1280 × 900 with JavaScript, for tests that need no other."""
    return open_page()


@pytest.fixture
def open_page(browser):  # type: ignore[no-untyped-def]
    """Opens a page in a fresh browser context of the given width, with or without JavaScript;
    every context is closed after the test."""
    contexts = []

    def open_(width: int = 1280, javascript: bool = True, height: int = 900):  # type: ignore[no-untyped-def]
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale="sv-SE",
            java_script_enabled=javascript,
        )  # fmt: skip
        contexts.append(context)
        return context.new_page()

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="session")
def fixture_register():  # type: ignore[no-untyped-def]
    """The small fixture's data, as the site built from it shows it."""
    from okide.load import load_register
    from okide.models import Register

    loaded = load_register(SMALL, TODAY)
    assert isinstance(loaded, Register)
    return loaded


@pytest.fixture(scope="session")
def register(fixture_register):  # type: ignore[no-untyped-def]
    """The small fixture's data under its short name (test_models.py has its own)."""
    return fixture_register


@pytest.fixture(scope="session")
def shipped_register():  # type: ignore[no-untyped-def]
    """The shipped data (agreement/, signatories/, dialogues/) as the site publishes it: the
    entries marked `example: true` left out."""
    from okide.load import load_register
    from okide.models import Register

    loaded = load_register(ROOT, TODAY)
    assert isinstance(loaded, Register)
    return loaded.published()


@pytest.fixture(scope="session")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every `built` case of the adversarial corpus, built together in one site."""
    from tests.corpus import BUILT, overlay
    from tests.sitebuild import build_site

    work = tmp_path_factory.mktemp("corpus")
    data = overlay(work / "data", {p: t for case in BUILT for p, t in case.files.items()})
    return build_site(data, work)
