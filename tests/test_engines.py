"""The site on the other engines okide supports, built through the make targets and compared
with the MkDocs build of the same data on the same day.

ProperDocs (the maintained fork of MkDocs 1.x) builds the project as it is, hook and all: every
file byte-identical apart from the differences listed in PROPERDOCS_DIFFERENCES. Zensical runs
no hooks: it builds what `okide render --config` writes, and the reader's part of every page
(the text of the article), the exports, the JSON-LD, the edit links and the sitemap must be
those of the MkDocs build, apart from ZENSICAL_DIFFERENCES. The search is okide's on every
engine (okide/search.py: the hook after MkDocs and ProperDocs, `okide search-index` after
Zensical): the word list is byte-identical, pagefind's bundle too apart from what is listed.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from importlib.util import find_spec
from pathlib import Path
from xml.etree import ElementTree

import pytest

from tests.browserkit import require
from tests.conftest import REGION, ROOT
from tests.sitebuild import build_env, make_project

pytestmark = pytest.mark.slow

# Every way the ProperDocs build may differ from MkDocs', with why: nothing else may.
PROPERDOCS_DIFFERENCES: dict[str, Callable[[str], str]] = {
    # The generator meta tag names the engine ("mkdocs-1.6.1, …" and "mkdocs-ProperDocs
    # 1.6.7, …"); `extra.generator: false` hides only Material's footer line.
    "generator meta tag": lambda html: re.sub(
        r'<meta name="generator" content="[^"]*">', '<meta name="generator">', html
    ),
}

# Every file that only one of the MkDocs and Zensical builds has, with why: each engine brings
# its own theme files. What a reader gets (the text of every page, the exports, the JSON-LD, the
# edit links, the sitemap's addresses) is the same and compared below.
ZENSICAL_DIFFERENCES = {
    # The theme's scripts and stylesheets, named by their hash; Material's come with source
    # maps and lunr's languages, Zensical's with a licence and its two looks.
    "theme files": re.compile(
        r"assets/javascripts/(bundle\.[0-9a-f]+\.min\.js(\.map)?|LICENSE"
        r"|workers/search\.[0-9a-f]+\.min\.js(\.map)?|lunr/.*)"
        r"|assets/stylesheets/((classic|modern)/)?(main|palette)\.[0-9a-f]+\.min\.css(\.map)?"
    ),
    # Zensical's own search is switched off (okide writes the search), and still writes its
    # empty index (tested below).
    "Zensical's search, switched off": re.compile(r"search\.json"),
    # pagefind names each page's fragment, and the metadata that lists them, by a hash of the
    # content: Zensical's pages hold one anchor more in the content, the target of its skip
    # link (`__skip`), which pagefind records. Compared below without it.
    "pagefind's files named by hash": re.compile(
        r"pagefind/(fragment/sv_[0-9a-f]+\.pf_fragment|pagefind\.sv_[0-9a-f]+\.pf_meta)"
    ),
    # MkDocs also writes the sitemap compressed; Zensical writes sitemap.xml only.
    "compressed sitemap": re.compile(r"sitemap\.xml\.gz"),
}


class _Page(HTMLParser):
    """What a reader and a crawler take from a page: the text of the article, the JSON-LD
    scripts and the edit link."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.jsonld: list[str] = []
        self.edit: str | None = None
        self.footer: list[str] = []
        self._footer = 0
        self._article = 0
        self._jsonld = False
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "div" and (self._footer or "okide-footer" in (found.get("class") or "")):
            self._footer += 1
        if tag == "article":
            self._article += 1
        elif self._article and tag in ("script", "style", "svg"):
            self._hidden += 1
        if tag == "script" and found.get("type") == "application/ld+json":
            self._jsonld = True
            self.jsonld.append("")
        if tag == "a" and found.get("rel") == "edit":
            self.edit = found.get("href")

    def handle_endtag(self, tag: str) -> None:
        if tag == "div" and self._footer:
            self._footer -= 1
        if tag == "article":
            self._article -= 1
        elif self._article and tag in ("script", "style", "svg"):
            self._hidden -= 1
        if tag == "script":
            self._jsonld = False

    def handle_data(self, data: str) -> None:
        if self._jsonld:
            self.jsonld[-1] += data
        elif self._article and not self._hidden:
            self.text.append(data)
        elif self._footer:
            self.footer.append(data)


def _read_page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def _article_text(page: _Page) -> str:
    return " ".join("".join(page.text).split())


def _sitemap(site: Path) -> list[str]:
    tree = ElementTree.parse(site / "sitemap.xml")
    return sorted(
        loc.text or "" for loc in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    )


def _files(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}


def _make(target: str, project: Path, out: Path) -> subprocess.CompletedProcess[str]:
    """A make target of the project's Makefile for another project folder; the virtual
    environment counts as installed (make test installed it before the suite began)."""
    return subprocess.run(
        ["make", "--no-print-directory", "-o", ".venv/.installed", target,
         f"ENGINES_ROOT={project}", f"ENGINES_DIR={out}"],
        capture_output=True, text=True, env=build_env(), cwd=ROOT, check=False,
    )  # fmt: skip


def _built(result: subprocess.CompletedProcess[str]) -> None:
    if result.returncode != 0:
        raise AssertionError(f"the build failed:\n{result.stdout}\n{result.stderr}")


@pytest.fixture(scope="module", params=["shipped", "region"])
def builds(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The MkDocs site of one data set, and the ProperDocs and Zensical builds of the same."""
    for package in ("properdocs", "zensical"):
        require(find_spec(package) is not None, f"{package} is not installed: run make install")
    from tests.sitebuild import mkdocs_build

    data = ROOT if request.param == "shipped" else REGION
    work = tmp_path_factory.mktemp(f"engines-{request.param}")
    project = make_project(data, work / "project")
    _built(mkdocs_build(project, work / "mkdocs"))
    _built(_make("site-properdocs", project, work / "engines"))
    _built(_make("site-zensical", project, work / "engines"))
    return {
        "mkdocs": work / "mkdocs",
        "properdocs": work / "engines" / "properdocs",
        "zensical": work / "engines" / "zensical" / "site",
        "rendered": work / "engines" / "zensical" / "docs",
    }


def test_properdocs_builds_the_same_files_as_mkdocs(builds: dict[str, Path]) -> None:
    assert _files(builds["properdocs"]) == _files(builds["mkdocs"])
    assert {"pagefind/pagefind.js", "sok/ord/index.json"} <= _files(builds["properdocs"])


def test_properdocs_differs_from_mkdocs_only_as_listed(builds: dict[str, Path]) -> None:
    differing = []
    for name in sorted(_files(builds["mkdocs"])):
        ours, theirs = (builds[engine] / name for engine in ("mkdocs", "properdocs"))
        if ours.read_bytes() == theirs.read_bytes():
            continue
        if name.endswith(".html"):
            first, second = ours.read_text("utf-8"), theirs.read_text("utf-8")
            for normalise in PROPERDOCS_DIFFERENCES.values():
                first, second = normalise(first), normalise(second)
            if first == second:
                continue
        differing.append(name)
    assert differing == []


def _pages(rendered: Path) -> list[str]:
    """The site path of every page render wrote (`parter/x.md` → `parter/x/index.html`)."""
    pages = []
    for path in sorted(rendered.rglob("*.md")):
        relative = path.relative_to(rendered).with_suffix("")
        if relative.name == "index":
            relative = relative.parent
        pages.append((relative / "index.html").as_posix())
    return pages


def _exports(rendered: Path) -> list[str]:
    names = {
        path.relative_to(rendered).as_posix() for path in rendered.rglob("*") if path.is_file()
    }
    return sorted(name for name in names if not name.endswith(".md") and not name.startswith("."))


def test_zensical_builds_the_files_of_the_mkdocs_build_apart_from_the_theme_files(
    builds: dict[str, Path],
) -> None:
    ours, theirs = _files(builds["mkdocs"]), _files(builds["zensical"])
    unlisted = [
        name
        for name in sorted(ours ^ theirs)
        if not any(pattern.fullmatch(name) for pattern in ZENSICAL_DIFFERENCES.values())
    ]
    assert unlisted == []
    assert {"pagefind/pagefind.js", "pagefind/pagefind-entry.json", "sok/ord/index.json"} <= (
        ours & theirs
    )


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_every_engine_publishes_the_same_word_list(builds: dict[str, Path]) -> None:
    ours = _tree(builds["mkdocs"] / "sok/ord")
    assert len(ours) > 10 and "index.json" in ours
    for engine in ("properdocs", "zensical"):
        assert _tree(builds[engine] / "sok/ord") == ours, engine


def test_zensical_publishes_pagefinds_bundle_of_the_same_pages(builds: dict[str, Path]) -> None:
    """Byte for byte the engine, the WebAssembly and the index; the fragments hold the same
    page, title and text, and differ only in Zensical's skip-link anchor."""
    from okide.search import fragments

    hashed = ZENSICAL_DIFFERENCES["pagefind's files named by hash"]
    ours, theirs = (_tree(builds[engine] / "pagefind") for engine in ("mkdocs", "zensical"))
    named = {name for name in ours if not hashed.fullmatch("pagefind/" + name)}
    assert named == {name for name in theirs if not hashed.fullmatch("pagefind/" + name)}
    entries = [json.loads(tree.pop("pagefind-entry.json")) for tree in (ours, theirs)]
    for entry in entries:
        entry["languages"]["sv"].pop("hash")
    assert entries[0] == entries[1] and entries[0]["languages"]["sv"]["page_count"] > 10
    assert {name: ours[name] for name in named - {"pagefind-entry.json"}} == {
        name: theirs[name] for name in named - {"pagefind-entry.json"}
    }

    def pages(site: Path) -> dict[str, dict[str, object]]:
        found = {}
        for fragment in fragments(site / "pagefind"):
            fragment["anchors"] = [a for a in fragment["anchors"] if a["id"] != "__skip"]
            found[fragment["url"]] = fragment
        return found

    assert pages(builds["zensical"]) == pages(builds["mkdocs"])


def test_zensicals_own_search_is_switched_off(builds: dict[str, Path]) -> None:
    index = json.loads((builds["zensical"] / "search.json").read_text("utf-8"))
    assert index["items"] == []


def test_zensical_builds_every_page_with_the_text_of_the_mkdocs_page(
    builds: dict[str, Path],
) -> None:
    pages = _pages(builds["rendered"])
    assert len(pages) > 10
    differing = []
    for name in pages:
        ours, theirs = (_read_page(builds[engine] / name) for engine in ("mkdocs", "zensical"))
        if _article_text(ours) != _article_text(theirs):
            differing.append(name)
    assert differing == []


def test_zensical_builds_the_missing_page_and_okides_footer_as_mkdocs_does(
    builds: dict[str, Path],
) -> None:
    """The 404 page (okide's, in Swedish) and every page's footer: the accessibility statement,
    the open data, the feed, and when the site was built (okide_built, which render --config
    writes for Zensical as the hook does for MkDocs)."""
    ours, theirs = (_read_page(builds[engine] / "404.html") for engine in ("mkdocs", "zensical"))
    assert _article_text(theirs) == _article_text(ours)
    assert _article_text(ours).startswith("Sidan finns inte")
    for name in _pages(builds["rendered"]):
        ours, theirs = (_read_page(builds[engine] / name) for engine in ("mkdocs", "zensical"))
        assert " ".join("".join(theirs.footer).split()) == " ".join("".join(ours.footer).split())
        assert "Uppdaterad" in "".join(ours.footer), name


def test_zensical_publishes_the_exports_byte_for_byte(builds: dict[str, Path]) -> None:
    exports = _exports(builds["rendered"])
    assert any(name.endswith(".ics") for name in exports)
    assert any(name.endswith(".json") for name in exports)
    for name in exports:
        assert (builds["zensical"] / name).read_bytes() == (builds["mkdocs"] / name).read_bytes(), (
            name
        )


def test_zensical_pages_carry_the_same_json_ld(builds: dict[str, Path]) -> None:
    found = 0
    for name in _pages(builds["rendered"]):
        ours, theirs = (_read_page(builds[engine] / name) for engine in ("mkdocs", "zensical"))
        assert [json.loads(s) for s in theirs.jsonld] == [json.loads(s) for s in ours.jsonld], name
        found += len(ours.jsonld)
    assert found > 0


def test_zensical_edit_links_open_the_same_files_as_mkdocs(builds: dict[str, Path]) -> None:
    """A party's page opens its YAML file on both engines; a page made from no one file has no
    edit link on either; a hand-written page opens its Markdown under docs/."""
    links = {}
    for name in _pages(builds["rendered"]):
        ours, theirs = (_read_page(builds[engine] / name) for engine in ("mkdocs", "zensical"))
        assert theirs.edit == ours.edit, name
        links[name] = ours.edit
    assert any(link and link.endswith(".yml") for link in links.values())
    assert any(link is None for link in links.values())


def test_zensical_sitemap_lists_the_same_addresses(builds: dict[str, Path]) -> None:
    assert _sitemap(builds["zensical"]) == _sitemap(builds["mkdocs"])
    assert len(_sitemap(builds["mkdocs"])) > 10


def test_the_start_page_names_the_site_once_on_both_engines(builds: dict[str, Path]) -> None:
    """Material adds " - " and the site's name to a page's title; the start page is the site."""
    titles = []
    for engine in ("mkdocs", "zensical"):
        html = (builds[engine] / "index.html").read_text(encoding="utf-8")
        titles.append(re.findall(r"<title>(.*?)</title>", html))
    assert titles[0] == titles[1]
    assert len(titles[0]) == 1 and " - " not in titles[0][0]


# In the browser: okide's scripts run on the Zensical build, and pagefind answers -----------------


@pytest.fixture(scope="module")
def zensical_url(builds: dict[str, Path]):  # type: ignore[no-untyped-def]
    from tests.browserkit import serve
    from tests.conftest import site_base_path

    with serve(builds["zensical"], site_base_path()) as url:
        yield url


PAGEFIND_SEARCH = """async ([base, query]) => {
  const pagefind = await import(base + "pagefind/pagefind.js");
  const search = await pagefind.search(query);
  const pages = await Promise.all(search.results.map((result) => result.data()));
  return pages.map((page) => page.meta.title);
}"""


@pytest.mark.browser
@pytest.mark.parametrize("builds", ["shipped"], indirect=True)
@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("studieförbund", "Studieförbundet Vuxenskolan Väst"),
        ("bohuslan", "Studiefrämjandet Bohuslän Norra"),
    ],
)
def test_pagefind_answers_on_the_zensical_build(  # type: ignore[no-untyped-def]
    page, zensical_url: str, query: str, name: str
) -> None:
    """okide's bundle on Zensical's pages, asked through pagefind's own JavaScript API (the
    search page's tests drive okide's interface on it)."""
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(zensical_url + "vardegrund/")
    titles = page.evaluate(PAGEFIND_SEARCH, [zensical_url, query])
    assert name in titles
    assert errors == []


@pytest.mark.browser
@pytest.mark.parametrize("builds", ["shipped"], indirect=True)
def test_the_register_filter_works_on_the_zensical_build(page, zensical_url: str) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import expect

    page.goto(zensical_url + "parter/")
    field = page.locator("#okide-filter-name")
    expect(field).to_have_count(1)
    rows = page.locator("table[data-okide-filter] tbody tr:visible")
    everyone = rows.count()
    field.fill("fyrbodal")
    expect(rows).to_have_count(1)
    assert everyone > 1


@pytest.mark.browser
@pytest.mark.parametrize("builds", ["shipped"], indirect=True)
def test_the_register_filter_forgives_missing_diacritics_on_the_zensical_build(  # type: ignore[no-untyped-def]
    page, zensical_url: str
) -> None:
    from playwright.sync_api import expect

    page.goto(zensical_url + "parter/")
    page.locator("#okide-filter-name").fill("bohuslan")
    rows = page.locator("table[data-okide-filter] tbody tr:visible")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Studiefrämjandet Bohuslän Norra")
