"""Every internal link and anchor of the built sites resolves (a walk over the HTML)."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow
HOST = "https://site.invalid"


def _base_path() -> str:
    """The path the site is published under, from site_url in mkdocs.yml (e.g. `/ok-ide/`)."""
    for line in (ROOT / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("site_url:"):
            return urlsplit(line.split(":", 1)[1].strip()).path or "/"
    return "/"


class _LinksAndIds(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("id", "name"):
            if values.get(name) and (name == "id" or tag == "a"):
                self.ids.add(str(values[name]))
        for name in ("href", "src"):
            value = values.get(name)
            if value and not (tag == "link" and values.get("rel") in ("canonical", "alternate")):
                self.links.append(value)


def _parse(path: Path) -> _LinksAndIds:
    parser = _LinksAndIds()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(site: Path, url: str) -> Path | None:
    """The file a site-relative URL serves, if any."""
    path = unquote(urlsplit(url).path)
    candidate = site / path
    if candidate.is_dir() or path.endswith("/") or path == "":
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def broken_links(site: Path, base_path: str = "/") -> list[str]:
    """Links of the site served at HOST + base_path that lead nowhere."""
    site_root = HOST + base_path
    parsed = {page: _parse(page) for page in site.rglob("*.html")}
    broken = []
    for page, found in parsed.items():
        page_url = urljoin(site_root, page.relative_to(site).as_posix())
        for link in found.links:
            absolute = urljoin(page_url, link)
            if not absolute.startswith(site_root):
                continue  # another host or scheme (mailto:, webcal:, https://…)
            target = _target(site, absolute[len(site_root) :])
            where = f"{page.relative_to(site)} → {link}"
            if target is None:
                broken.append(f"{where}: no such file")
                continue
            fragment = urlsplit(absolute).fragment
            if fragment and target.suffix == ".html":
                ids = parsed[target].ids if target in parsed else _parse(target).ids
                if unquote(fragment) not in ids:
                    broken.append(f"{where}: no anchor #{fragment}")
    return broken


def test_every_internal_link_and_anchor_of_the_fixture_site_resolves(fixture_site: Path) -> None:
    assert broken_links(fixture_site, _base_path()) == []


def test_every_internal_link_and_anchor_of_the_shipped_site_resolves(shipped_site: Path) -> None:
    assert broken_links(shipped_site, _base_path()) == []


def test_the_link_checker_finds_a_broken_anchor(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/#nope">x</a><a href="b/">y</a>')
    (tmp_path / "a" / "index.html").write_text('<h1 id="yes">A</h1>')
    assert broken_links(tmp_path) == ["index.html → a/#nope: no anchor #nope",
                                      "index.html → b/: no such file"]  # fmt: skip
