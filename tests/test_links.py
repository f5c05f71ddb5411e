"""Every internal link and anchor of the built sites resolves: a walk over every HTML page and
every feed, sitemap, calendar, data file and the search index, including links that use the
site's full address."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests.conftest import site_url

pytestmark = pytest.mark.slow
# Absolute URLs in the built files: the feed, the sitemap, the calendars and the data files
# link to pages with the site's full address (webcal:// for the calendar subscription).
URL_IN_TEXT = re.compile(r"(?:https?|webcal)://[^\s\"'<>,;)\]}\\]+")  # ICS escapes: \n, \,
TEXT_FILES = (".xml", ".ics", ".json", ".csv", ".txt", ".webmanifest")


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
        for name in ("href", "src", "data", "action", "poster"):
            if values.get(name):
                self.links.append(str(values[name]))
        for candidate in (values.get("srcset") or "").split(","):
            if candidate.strip():
                self.links.append(candidate.split()[0])


def _parse(path: Path) -> _LinksAndIds:
    parser = _LinksAndIds()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _target(site: Path, path: str) -> Path | None:
    """The file a site-relative path serves, if any."""
    path = unquote(path)
    candidate = site / path
    if candidate.is_dir() or path.endswith("/") or path == "":
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def _links_in_text(path: Path, site: Path, site_url: str) -> list[str]:
    """Absolute links in a feed, sitemap, calendar or data file; the search index's locations."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ics":
        text = re.sub(r"\r?\n[ \t]", "", text)  # unfold RFC 5545 continuation lines
    links = URL_IN_TEXT.findall(text)
    if path.name == "search_index.json":
        links += [urljoin(site_url, doc["location"]) for doc in json.loads(text)["docs"]]
    return links


def _pagefind_links(site: Path, site_url: str) -> list[str]:
    """Where pagefind's results lead: each page, and each heading it records on the page."""
    from okide.search import fragments

    links = []
    for fragment in fragments(site / "pagefind"):
        page = urljoin(site_url, str(fragment["url"]).lstrip("/"))
        links += [page, *(f"{page}#{anchor['id']}" for anchor in fragment["anchors"])]
    return links


def broken_links(site: Path, site_url: str = "https://site.invalid/") -> list[str]:
    """Links of the site published at site_url that lead nowhere: from every HTML page (links,
    scripts, styles, images, canonical and alternate links, #anchors) and from every feed,
    sitemap, calendar and data file. A link to the site's own address counts as internal."""
    host = urlsplit(site_url).netloc
    parsed = {page: _parse(page) for page in site.rglob("*.html")}
    sources: dict[Path, list[str]] = {page: found.links for page, found in parsed.items()}
    for path in site.rglob("*"):
        if path.suffix in TEXT_FILES:
            sources[path] = _links_in_text(path, site, site_url)
    if (site / "pagefind" / "pagefind-entry.json").is_file():
        sources[site / "pagefind" / "pagefind-entry.json"] = _pagefind_links(site, site_url)
    broken = []
    for page, links in sorted(sources.items()):
        page_url = urljoin(site_url, page.relative_to(site).as_posix())
        for link in links:
            absolute = urljoin(page_url, link)
            if absolute.startswith(f"webcal://{host}/"):
                absolute = "https://" + absolute[len("webcal://") :]
            absolute = (
                absolute.replace("http://", "https://", 1)
                if urlsplit(absolute).netloc == host
                else absolute
            )
            if not absolute.startswith(site_url):
                continue  # another host or scheme (mailto:, tel:, https://…)
            where = f"{page.relative_to(site)} → {link}"
            target = _target(site, urlsplit(absolute[len(site_url) :]).path)
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
    assert broken_links(fixture_site, site_url()) == []


def test_every_internal_link_and_anchor_of_the_shipped_site_resolves(shipped_site: Path) -> None:
    assert broken_links(shipped_site, site_url()) == []


def test_every_link_and_anchor_of_the_region_site_resolves(region_fixture_site: Path) -> None:
    """Follow-ups, actions and plans link to each other's anchors across pages."""
    assert broken_links(region_fixture_site, site_url()) == []


def test_the_link_checker_finds_a_broken_anchor(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/#nope">x</a><a href="b/">y</a>')
    (tmp_path / "a" / "index.html").write_text('<h1 id="yes">A</h1>')
    assert broken_links(tmp_path) == ["index.html → a/#nope: no anchor #nope",
                                      "index.html → b/: no such file"]  # fmt: skip


def test_the_link_checker_follows_the_site_s_full_address_and_the_calendar_scheme(
    tmp_path: Path,
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h1 id="yes">A</h1>')
    (tmp_path / "index.html").write_text(
        '<link rel="canonical" href="https://example.org/site/gone/">'
        '<a href="https://example.org/site/a/#yes">ok</a><a href="https://example.org/other/">'
        'another site</a><a href="webcal://example.org/site/cal.ics">calendar</a>'
    )
    assert broken_links(tmp_path, "https://example.org/site/") == [
        "index.html → https://example.org/site/gone/: no such file",
        "index.html → webcal://example.org/site/cal.ics: no such file",
    ]


def test_the_link_checker_reads_feeds_calendars_data_files_and_the_search_index(
    tmp_path: Path,
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h1 id="yes">A</h1>')
    (tmp_path / "search").mkdir()
    (tmp_path / "flode.xml").write_text('<feed><link href="https://example.org/site/b/"/></feed>')
    (tmp_path / "x.ics").write_text(
        "URL:https://example.org/site/a/#y\r\n es\r\nURL:https://exa\r\n mple.org/site/c/\r\n"
    )
    (tmp_path / "d.csv").write_text("id,url\nx,https://example.org/site/a/\n")
    (tmp_path / "search" / "search_index.json").write_text('{"docs": [{"location": "a/#nope"}]}')
    assert sorted(broken_links(tmp_path, "https://example.org/site/")) == [
        "flode.xml → https://example.org/site/b/: no such file",
        "search/search_index.json → https://example.org/site/a/#nope: no anchor #nope",
        "x.ics → https://example.org/site/c/: no such file",
    ]


def test_the_link_checker_follows_pagefinds_results_to_their_pages_and_headings(
    tmp_path: Path,
) -> None:
    from okide.search import index

    page = '<div class="md-content"><h1 id="a">A</h1><h2 id="{}">Rubrik</h2><p>Text</p></div>'
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(page.format("del"), encoding="utf-8")
    index(tmp_path)
    assert broken_links(tmp_path) == []
    (tmp_path / "a" / "index.html").write_text(page.format("annan"), encoding="utf-8")
    assert broken_links(tmp_path) == [
        "pagefind/pagefind-entry.json → https://site.invalid/a/#del: no anchor #del"
    ]
