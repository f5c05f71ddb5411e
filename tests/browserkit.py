"""What the browser tests need: Debian's Chromium driven by Playwright, a static server on
loopback that serves a built site under the path of its site_url (with the site's 404 page for
missing paths, as GitHub Pages does), and the rule for a missing tool: skip locally, fail in CI."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Literal

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]  # fmt: skip
OUTPUT = ROOT / "test-output"
SCREENSHOTS = OUTPUT / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def under_ci(env: Mapping[str, str]) -> bool:
    """CI services (GitHub Actions, GitLab, Forgejo) set CI=true; some set CI=1."""
    return env.get("CI", "").strip().lower() in ("true", "1", "yes")


def when_missing(env: Mapping[str, str]) -> Literal["skip", "fail"]:
    """What a test does when a tool it needs is missing: locally it is skipped with the reason,
    under CI it fails, so that a CI run can never pass by skipping the browser tests."""
    return "fail" if under_ci(env) else "skip"


def require(present: bool, reason: str, env: Mapping[str, str] | None = None) -> None:
    if present:
        return
    if when_missing(os.environ if env is None else env) == "fail":
        pytest.fail(f"{reason} (CI=true: a missing tool is a failure, not a skip)")
    pytest.skip(reason)


def require_chromium(env: Mapping[str, str] | None = None) -> None:
    require(
        CHROMIUM.exists(),
        f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does this)",
        env,
    )


def require_axe() -> None:
    require(AXE.exists(), f"{AXE} is missing: npm ci (make test does this)")


class _Handler(SimpleHTTPRequestHandler):
    base_path = "/"

    def translate_path(self, path: str) -> str:
        if path.startswith(self.base_path):
            path = "/" + path[len(self.base_path) :]
        else:
            path = "/__outside_the_site__"
        return super().translate_path(path)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page gets the site's own 404.html, with the status 404."""
        page = Path(str(self.directory)) / "404.html"
        if code != HTTPStatus.NOT_FOUND or not page.is_file() or self.command != "GET":
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(site: Path, base_path: str) -> Iterator[str]:
    """Serve site at http://127.0.0.1:<free port><base_path>; yields that URL."""
    handler = type("Handler", (_Handler,), {"base_path": base_path})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{base_path}"
    finally:
        server.shutdown()
        server.server_close()


# Injected into a page so that what a test sees is the end state of Material's slide-in
# transitions (drawer, search), not a frame in the middle of one.
NO_TRANSITIONS = (
    "*, *::before, *::after { transition: none !important; animation: none !important;"
    " scroll-behavior: auto !important; }"
)

# The focused element and whether a person can see it: on screen, not covered by something
# else, with an outline or a box shadow.
FOCUS_STATE = """async () => {
  // Material fits the sticky sidebars to the window on scroll, one frame later.
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  const r = e.getBoundingClientRect();
  const s = getComputedStyle(e);
  const inView = r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
    && r.left < innerWidth && r.top < innerHeight;
  const line = e.getClientRects()[0] || r;  // a link that wraps: its first line
  const x = Math.min(Math.max(line.left + Math.min(line.width / 2, 10), 0), innerWidth - 1);
  const y = Math.min(Math.max(line.top + line.height / 2, 0), innerHeight - 1);
  const hit = inView ? document.elementFromPoint(x, y) : null;
  const label = e.tagName.toLowerCase() + (e.className && typeof e.className === 'string'
    ? '.' + e.className.trim().split(/\\s+/).filter(c => c !== 'focus-visible').join('.') : '')
    + ' ' + (e.getAttribute('href') || e.getAttribute('aria-label') || e.name || '')
    + ' «' + (e.innerText || e.value || '').trim().slice(0, 40) + '»';
  return {
    key: e.dataset.okideKey || null,
    label: label,
    kind: e.tagName + '.' + (typeof e.className === 'string' ? e.className : ''),
    inView: inView,
    onTop: !!hit && (e.contains(hit) || hit.contains(e)
           || [...(e.labels || [])].some(l => l.contains(hit))),
    indicator: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1
                && !/rgba\\(.*, 0\\)$/.test(s.outlineColor)) || s.boxShadow !== 'none',
    inContent: !!e.closest('.md-content'),
    covering: hit ? hit.tagName.toLowerCase() + '.' + String(hit.className).trim().replace(/\\s+/g, '.') : '',
    clip: {x: Math.max(r.left - 8, 0), y: Math.max(r.top - 8, 0),
           width: Math.min(r.width + 16, innerWidth), height: Math.min(r.height + 16, innerHeight)},
  };
}"""

# Hides (true) or restores (false) the focused element's outline and box shadow, so that a
# second screenshot shows whether the indicator can be seen at all: if nothing changes on
# screen, it is clipped, covered, or the same colour as what is behind it.
HIDE_FOCUS = """(hide) => {
  const e = document.activeElement;
  for (const name of ['outline', 'box-shadow']) {
    if (hide) e.style.setProperty(name, 'none', 'important');
    else e.style.removeProperty(name);
  }
}"""


# One page of every kind, in the small fixture and in the shipped content. "not-found" is a
# missing address: the server answers with the site's 404 page.
FIXTURE_PAGES = {
    "start": "", "agreement": "overenskommelsen/", "values": "vardegrund/", "register": "parter/",
    "former-parties": "tidigare-parter/",
    "party": "parter/alfa-idrottsforening/", "former-party": "parter/gamma-natverket/",
    "dialogues": "stordialoger/", "dialogue": "stordialoger/2027-fritid/",
    "past-dialogue": "stordialoger/2025-ensamhet/",
    "cancelled-dialogue": "stordialoger/2026-installt/", "join": "anslut/",
    "accessibility": "tillganglighet/", "open-data": "om-data/", "statistics": "statistik/",
    "not-found": "parter/finns-inte/",
}  # fmt: skip
SHIPPED_PAGES = {
    "start": "", "agreement": "overenskommelsen/", "values": "vardegrund/", "register": "parter/",
    "former-parties": "tidigare-parter/",  # no one has left: the page says so
    "party": "parter/abf-fyrbodal/", "dialogues": "stordialoger/",
    "dialogue": "stordialoger/2027-03-16-exempel-stordialog/",
    "past-dialogue": "stordialoger/2022-11-22-ofrivillig-ensamhet/", "join": "anslut/",
    "accessibility": "tillganglighet/", "open-data": "om-data/", "statistics": "statistik/",
    "plan": "samverkansplan/",  # Uddevalla's plan: its challenge, no actions published yet
    "not-found": "finns-inte/",
}  # fmt: skip
WIDTHS = {"desktop": 1280, "phone": 375}


# ---- Waiting for what a test needs -----------------------------------------------------------
# A page is opened with the load event (Playwright's default): by then every stylesheet has
# applied and every script has run (Material's bundle and okide's scripts are synchronous and
# set the page up at DOMContentLoaded). No test waits for the network to go quiet (500 ms on
# every page, spent on the search index only the search needs) or for a fixed time: a test
# waits for the condition it looks at, with `expect(...)` or `wait_for_function`.


def search(page: Any, query: str) -> list[str]:
    """Searches with the search form under the header of the current page; the titles of the
    results on the search page, once it shows the count for this query."""
    from playwright.sync_api import expect

    form = page.get_by_role("search", name="Sök på webbplatsen")
    form.get_by_role("searchbox").fill(query)
    form.get_by_role("button", name="Sök").click()
    expect(page.locator("#okide-sok-status")).to_contain_text(f"för ”{query}”")
    return page.locator("#okide-sok-traffar > li > a").all_inner_texts()
