"""The browser tests' own rules: without Chromium (or axe-core, the Nu Html Checker) they are
skipped locally, but under CI=true they fail, so a CI run cannot pass by skipping them."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests import browserkit
from tests.browserkit import require, require_chromium, serve, under_ci, when_missing


@pytest.mark.parametrize("value", ["true", "True", "1", "yes", " true "])
def test_ci_is_recognised_from_the_values_ci_services_set(value: str) -> None:
    assert under_ci({"CI": value})
    assert when_missing({"CI": value}) == "fail"


@pytest.mark.parametrize("env", [{}, {"CI": ""}, {"CI": "false"}, {"CI": "0"}])
def test_outside_ci_a_missing_tool_means_a_skip(env: dict[str, str]) -> None:
    assert not under_ci(env)
    assert when_missing(env) == "skip"


def test_missing_chromium_fails_under_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(browserkit, "CHROMIUM", tmp_path / "no-chromium")
    with pytest.raises(pytest.fail.Exception, match=r"no-chromium is missing.*CI=true"):
        require_chromium({"CI": "true"})


def test_missing_chromium_is_a_skip_with_the_reason_locally(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(browserkit, "CHROMIUM", tmp_path / "no-chromium")
    with pytest.raises(
        pytest.skip.Exception, match="no-chromium is missing: apt-get install chromium"
    ):
        require_chromium({})


def test_the_environment_decides_when_none_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        require(False, "tool is missing")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        require(False, "tool is missing")
    require(True, "present: nothing happens")


def test_the_test_server_answers_a_missing_page_with_the_site_s_404_page(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("start", encoding="utf-8")
    (tmp_path / "404.html").write_text("Sidan finns inte", encoding="utf-8")
    with serve(tmp_path, "/ok-ide/") as url:
        assert urllib.request.urlopen(url).read() == b"start"
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(url + "finns/inte/")
        assert missing.value.code == 404 and missing.value.read() == b"Sidan finns inte"
        with pytest.raises(urllib.error.HTTPError) as outside:
            urllib.request.urlopen(url.replace("/ok-ide/", "/annat/"))
        assert outside.value.code == 404
