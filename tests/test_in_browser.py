"""What a person's browser sees: WCAG 2.1 AA (axe-core) on every kind of page at 1280 and 375 px
and in the states a visitor opens (search, menu, filtered register), reflow at 320 px, readable
charts, no request to another host. Screenshots go to test-output/screenshots/; look at them.

Keyboard use is in test_browser_keyboard.py, no JavaScript and print in test_browser_nojs_print.py,
search in test_browser_search.py, the register filter in test_browser_filter.py.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from tests.browserkit import (
    AXE,
    FIXTURE_PAGES,
    NO_TRANSITIONS,
    SCREENSHOTS,
    SHIPPED_PAGES,
    WIDTHS,
    require_axe,
    search,
    serve,
)

pytestmark = [pytest.mark.browser, pytest.mark.slow]
# Exactly WCAG 2.0 and 2.1, levels A and AA; no rule is switched off.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page: Any) -> list[str]:
    """axe-core's violations on the page as it is now, one line each."""
    require_axe()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – " + "; ".join(
            n["target"][0] + " " + n.get("failureSummary", "").replace("\n", " ") for n in v["nodes"][:3]
        )
        for v in result["violations"]
    ]  # fmt: skip


def _overflow(page: Any) -> int:
    """How many CSS pixels the page is wider than the window (sideways scrolling)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")


def _screenshot(page: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def _check_page(open_page: Any, url: str, name: str, width: int) -> None:
    page = open_page(width)
    page.goto(url)
    _screenshot(page, f"{name}-{width}")
    overflow = _overflow(page)
    violations = axe_violations(page)
    assert violations == [], "\n".join(violations)
    assert overflow <= 0, f"the page is {overflow} px wider than the {width} px window"


@pytest.mark.parametrize("width", WIDTHS.values(), ids=list(WIDTHS))
@pytest.mark.parametrize("kind", list(FIXTURE_PAGES))
def test_fixture_pages_have_no_wcag_violations_and_fit_the_window(
    open_page: Any, fixture_url: str, kind: str, width: int
) -> None:
    _check_page(open_page, fixture_url + FIXTURE_PAGES[kind], f"fixture-{kind}", width)


@pytest.mark.parametrize("width", WIDTHS.values(), ids=list(WIDTHS))
@pytest.mark.parametrize("kind", list(SHIPPED_PAGES))
def test_shipped_pages_have_no_wcag_violations_and_fit_the_window(
    open_page: Any, shipped_url: str, kind: str, width: int
) -> None:
    _check_page(open_page, shipped_url + SHIPPED_PAGES[kind], f"shipped-{kind}", width)


# "studiefranjandet" (a letter wrong, ä typed as a) shows results found by okide's word list.
@pytest.mark.parametrize("query", ["förening", "studiefranjandet"])
@pytest.mark.parametrize("width", WIDTHS.values(), ids=list(WIDTHS))
def test_search_page_with_results_has_no_wcag_violations(
    open_page: Any, shipped_url: str, width: int, query: str
) -> None:
    page = open_page(width)
    page.goto(shipped_url)
    assert search(page, query)
    page.add_style_tag(content=NO_TRANSITIONS)
    _screenshot(page, f"shipped-search-{query}-{width}")
    assert axe_violations(page) == []


def test_open_menu_on_a_phone_has_no_wcag_violations(open_page: Any, shipped_url: str) -> None:
    page = open_page(375)
    page.goto(shipped_url + "parter/")
    page.add_style_tag(content=NO_TRANSITIONS)
    page.locator("label.md-header__button[for='__drawer']").click()
    assert page.locator(".md-sidebar--primary .md-nav__link").first.is_visible()
    _screenshot(page, "shipped-menu-open-375")
    assert axe_violations(page) == []


def test_register_filtered_to_nothing_has_no_wcag_violations(
    open_page: Any, fixture_url: str
) -> None:
    page = open_page(375)
    page.goto(fixture_url + "parter/")
    page.get_by_label("Namn innehåller").fill("ingen sådan förening")
    expect(page.get_by_role("status")).to_contain_text("Visar 0 av")
    assert axe_violations(page) == []


# Headings whose words the browser breaks between two letters without a hyphen.
BROKEN_WORDS = r"""() => {
  const broken = [];
  for (const heading of document.querySelectorAll('article h1, article h2')) {
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    let previous = null, node;
    while ((node = walker.nextNode())) {
      for (let i = 0; i < node.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const boxes = range.getClientRects();
        const box = boxes[boxes.length - 1];  // after a break, the box on the new line
        if (node.data[i] === '\u00ad') {  // a soft hyphen: the word may break here
          if (previous) previous.letter = false;
          continue;
        }
        if (!box) continue;
        const letter = /\p{L}/u.test(node.data[i]);
        if (previous && letter && previous.letter && box.top > previous.top + 2) {
          broken.push(heading.textContent.trim());
        }
        previous = {letter: letter, top: box.top};
      }
    }
  }
  return broken;
}"""


# Every kind of page at 320 CSS px (1280 px at 400 % zoom, WCAG 1.4.10), 375 px (a phone) and
# 640 px (200 %), also with the text spacing of WCAG 1.4.12: nothing may need sideways scrolling
# of the whole page, and no heading may break a word between two letters without a hyphen.
TEXT_SPACING = (
    "* { line-height: 1.5 !important; letter-spacing: 0.12em !important;"
    " word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }"
)


@pytest.mark.parametrize("width", [320, 375, 640])
def test_every_kind_of_page_reflows_without_sideways_scrolling_or_words_broken_in_headings(
    open_page: Any, shipped_url: str, fixture_url: str, width: int
) -> None:
    page = open_page(width)
    problems = []
    pages = [("shipped", shipped_url, p) for p in SHIPPED_PAGES.items()]
    pages += [("fixture", fixture_url, p) for p in FIXTURE_PAGES.items()]
    for site, url, (kind, path) in pages:
        page.goto(url + path)
        if site == "shipped" and width != 375:  # at 375 px the axe test takes them
            _screenshot(page, f"shipped-{kind}-{width}")
        if (overflow := _overflow(page)) > 0:
            problems.append(f"{site} {kind}: {overflow} px too wide")
        problems += [f"{site} {kind}: a word broken in «{h}»" for h in page.evaluate(BROKEN_WORDS)]
        page.add_style_tag(content=TEXT_SPACING)
        if (overflow := _overflow(page)) > 0:
            problems.append(f"{site} {kind} with wider text spacing: {overflow} px too wide")
    assert problems == []


CUT_OFF = """(selector) => [...document.querySelectorAll(selector)].filter(e =>
  e.getClientRects().length && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1))
  .map(e => e.textContent.trim())"""


@pytest.mark.parametrize("width", [320, 375])
def test_the_site_s_name_is_not_cut_off_in_the_header_or_the_menu_on_a_phone(
    open_page: Any, shipped_url: str, width: int
) -> None:
    page = open_page(width)
    page.goto(shipped_url + "parter/")
    page.add_style_tag(content=NO_TRANSITIONS)
    assert page.evaluate(CUT_OFF, ".md-header__topic:first-child .md-ellipsis") == []
    page.locator("label.md-header__button[for='__drawer']").click()
    assert page.evaluate(CUT_OFF, ".md-nav--primary > .md-nav__title") == []


def test_chart_labels_on_the_statistics_page_are_as_large_as_small_text(
    open_page: Any, shipped_url: str
) -> None:
    page = open_page(1280)
    page.goto(shipped_url + "statistik/")
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('.okide-chart > svg')].map(svg =>
             [svg.getBoundingClientRect().width, svg.querySelector('text').getBoundingClientRect().height])"""
    )
    assert sizes and all(width > 500 and label >= 11 for width, label in sizes), sizes


def _contrast(rgb_a: list[float], rgb_b: list[float]) -> float:
    def luminance(rgb: list[float]) -> float:
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
                  for c in (v / 255 for v in rgb)]  # fmt: skip
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(rgb_a), luminance(rgb_b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_statistics_charts_are_readable_in_a_phone_window_with_contrasting_colours(
    browser: Any, fixture_url: str
) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 800}, locale="sv-SE")
    page = context.new_page()
    page.goto(fixture_url + "statistik/")
    assert page.get_by_role("img", name="Antal parter över tid", exact=True).is_visible()
    measured = page.evaluate(
        """() => {
        const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
        const background = rgb(getComputedStyle(document.body).backgroundColor);
        const charts = [...document.querySelectorAll('figure.okide-chart > svg')];
        const texts = charts.flatMap(svg => [...svg.querySelectorAll('text')]);
        return {
          widths: charts.map(svg => svg.getBoundingClientRect().width),
          descriptions: charts.map(svg => svg.getAttribute('aria-describedby')),
          textHeights: texts.map(t => t.getBoundingClientRect().height),
          textColours: texts.map(t => rgb(getComputedStyle(t).fill)),
          marks: [...document.querySelectorAll('.okide-chart__bar')].map(b => rgb(getComputedStyle(b).fill))
            .concat([...document.querySelectorAll('.okide-chart__line')].map(l => rgb(getComputedStyle(l).stroke))),
          background,
          overflow: document.documentElement.scrollWidth - innerWidth,
          tablesFit: [...document.querySelectorAll('.okide-chart-table table')]
            .every(t => t.getBoundingClientRect().right <= innerWidth),
        };
    }"""
    )
    context.close()
    assert all(300 < width <= 375 for width in measured["widths"]), measured["widths"]
    assert min(measured["textHeights"]) >= 12, "chart text is scaled down below a readable size"
    assert all(_contrast(c, measured["background"]) >= 4.5 for c in measured["textColours"])
    assert all(_contrast(c, measured["background"]) >= 3 for c in measured["marks"])
    assert measured["overflow"] <= 0 and measured["tablesFit"]


def test_not_found_page_is_in_swedish_and_leads_back_to_the_site(
    open_page: Any, shipped_url: str
) -> None:
    page = open_page(375)
    response = page.goto(shipped_url + "parter/ingen-sadan-part/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Sidan finns inte"
    assert page.locator("link[rel=stylesheet]").count() >= 2  # the theme loads from a deep path
    page.locator("article").get_by_role("link", name="startsidan").click()
    expect(page).to_have_url(shipped_url)  # the start page, under the site's base path


def test_every_page_names_its_language_and_a_title_taken_from_its_heading_or_menu_name(
    open_page: Any, fixture_url: str, shipped_url: str
) -> None:
    page = open_page()
    urls = [fixture_url + p for p in FIXTURE_PAGES.values()]
    urls += [shipped_url + p for p in SHIPPED_PAGES.values()]
    for url in urls:
        page.goto(url)
        assert page.evaluate("() => document.documentElement.lang") == "sv", url
        # The title is the page's own (its heading, or its shorter name in the menu), not a
        # name made from the file name ("Tillganglighet", without its å, ä and ö).
        heading = page.locator("article h1").inner_text().replace("\xad", "").casefold().split()
        first = page.title().split(" - ")[0].casefold().split()[0]
        assert any(word.startswith(first) for word in heading), (url, page.title(), heading)


def test_axe_does_report_a_violation_on_a_page_that_has_one(open_page: Any) -> None:
    page = open_page()
    page.set_content(
        '<html lang="sv"><body><img src="data:,"><p style="color:#aaa;background:#fff">grå</p></body></html>'
    )
    found = axe_violations(page)
    assert any(v.startswith("image-alt") for v in found) and any(
        v.startswith("color-contrast") for v in found
    )


# ---- Privacy: no request to another host ---------------------------------------------------


def _all_pages(site: Path, base_url: str) -> list[str]:
    """The URL of every HTML page of a built site."""
    urls = []
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).as_posix()
        urls.append(base_url + (relative[: -len("index.html")] if relative.endswith("index.html")
                                else relative))  # fmt: skip
    return urls


def foreign_requests(
    open_page: Any, own_url: str, urls: list[str]
) -> tuple[list[str], list[str], list[Any]]:
    """Every request the pages make (documents, styles, scripts, fonts, images, the search
    page's fetches), those that go to another host, and the cookies set. From the start page
    the search is used (the search page fetches pagefind's index and okide's word list), on the
    register the filter. A request is recorded when it is sent: everything a page loads by
    itself is sent before its load event."""
    own = urlsplit(own_url).netloc
    page = open_page()
    requested: list[str] = []
    page.context.on("request", lambda request: requested.append(request.url))
    for url in urls:
        page.goto(url)
        if url == own_url and page.get_by_role("search").count():
            search(page, "förening")
        if page.get_by_label("Namn innehåller").count():
            page.get_by_label("Namn innehåller").fill("a")
    foreign = [u for u in requested if urlsplit(u).scheme not in ("data", "blob", "about")
               and urlsplit(u).netloc != own]  # fmt: skip
    return requested, foreign, page.context.cookies()


def test_no_page_of_the_fixture_site_makes_a_request_to_another_host_or_sets_a_cookie(
    open_page: Any, fixture_site: Path, fixture_url: str
) -> None:
    requested, foreign, cookies = foreign_requests(
        open_page, fixture_url, _all_pages(fixture_site, fixture_url)
    )
    assert any(u.endswith(".css") for u in requested) and any("/pagefind/" in u for u in requested)
    assert foreign == [] and cookies == []


def test_no_page_of_the_shipped_site_makes_a_request_to_another_host_or_sets_a_cookie(
    open_page: Any, shipped_site: Path, shipped_url: str
) -> None:
    requested, foreign, cookies = foreign_requests(
        open_page, shipped_url, _all_pages(shipped_site, shipped_url)
    )
    assert any(u.endswith(".js") for u in requested)
    assert foreign == [] and cookies == []


def test_the_request_recorder_catches_fonts_images_and_scripts_from_another_host(
    open_page: Any, tmp_path: Path
) -> None:
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="sv"><title>t</title><style>@font-face {font-family: f;'
        " src: url(http://fonts.elsewhere.invalid/f.woff2)} body {font-family: f}</style>"
        '<p>text</p><img src="http://images.elsewhere.invalid/i.png" alt="">'
        '<script src="http://scripts.elsewhere.invalid/s.js"></script>',
        encoding="utf-8",
    )
    with serve(tmp_path, "/") as url:
        _, foreign, _ = foreign_requests(open_page, url, [url])
    hosts = {urlsplit(u).netloc for u in foreign}
    assert hosts == {
        "fonts.elsewhere.invalid",
        "images.elsewhere.invalid",
        "scripts.elsewhere.invalid",
    }


class _Resources(HTMLParser):
    """URLs an HTML page loads by itself (not links a person follows)."""

    LOADS: ClassVar[dict[str, str]] = {"script": "src", "img": "src", "iframe": "src", "source": "src", "video": "src",
             "audio": "src", "embed": "src", "object": "data", "track": "src", "input": "src"}  # fmt: skip
    LINK_RELS: ClassVar[set[str]] = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest",
                 "apple-touch-icon", "preconnect", "dns-prefetch"}  # fmt: skip

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in self.LOADS and values.get(self.LOADS[tag]):
            self.urls.append(values[self.LOADS[tag]])
        if tag == "link" and set(values.get("rel", "").lower().split()) & self.LINK_RELS:
            self.urls.append(values.get("href", ""))
        for candidate in values.get("srcset", "").split(","):
            if candidate.strip():
                self.urls.append(candidate.split()[0])
        self.urls += re.findall(r"url\(\s*['\"]?([^'\")]+)", values.get("style", ""))


def resources_from_other_hosts(site: Path) -> list[str]:
    """Every URL that a page or stylesheet of the built site loads from another host, found in
    the files, so that also lazily loaded images and unvisited states are covered."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            parser = _Resources()
            text = path.read_text(encoding="utf-8")
            parser.feed(text)
            urls = parser.urls + re.findall(r"url\(\s*['\"]?([^'\")]+)", text)
            urls += re.findall(r"@import\s+['\"]([^'\"]+)", text)
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8")
            urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", text)
            urls += re.findall(r"@import\s+(?:url\()?['\"]?([^'\")\s;]+)", text)
        else:
            continue
        for url in urls:
            absolute = urljoin("https://own.invalid/", url.strip())
            if (
                urlsplit(absolute).scheme in ("http", "https")
                and urlsplit(absolute).netloc != "own.invalid"
            ):
                found.append(f"{path.relative_to(site)}: {url}")
    return found


def test_no_built_page_or_stylesheet_refers_to_a_resource_on_another_host(
    fixture_site: Path, shipped_site: Path
) -> None:
    assert resources_from_other_hosts(fixture_site) == []
    assert resources_from_other_hosts(shipped_site) == []


def test_the_resource_scan_finds_a_font_and_an_image_on_another_host(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(
        '<link rel="stylesheet" href="https://cdn.elsewhere.invalid/a.css"><a href="https://x.invalid/">'
        'fine: a link</a><img src="//img.elsewhere.invalid/i.png" alt="">',
        encoding="utf-8",
    )
    (tmp_path / "s.css").write_text(
        "@font-face{src:url('https://fonts.elsewhere.invalid/f.woff2')}"
    )
    assert resources_from_other_hosts(tmp_path) == [
        "index.html: https://cdn.elsewhere.invalid/a.css",
        "index.html: //img.elsewhere.invalid/i.png",
        "s.css: https://fonts.elsewhere.invalid/f.woff2",
    ]
