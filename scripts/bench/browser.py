"""What a search costs a visitor on a phone's network: today's design, Material's lunr search (on
the baseline site, which keeps it), beside okide's, pagefind and okide's word list (on okide's
site; asked through pagefind's JavaScript API and the word list's files fetched as the search
page does, until okide's search page is measured itself),
in Chromium with a phone's viewport, the site served gzipped from loopback through one shared
slow link (Lighthouse's "slow 4G": 150 ms per request, 1.6 Mbit/s down) with GitHub Pages'
caching (max-age=600).

For each engine: open a party page, type the name of another party as soon as the page has
loaded, and time the moment the first results are shown; then the same on a second page, with
the browser's cache warm. Both engines do their work in a web worker, and DevTools cannot slow
down a worker's CPU ("only supported for pages"), so the CPU is this machine's: the time after
the last byte of the search's downloads is reported apart, as the part a phone's slower CPU
multiplies. Bytes are what went over the wire for the search (compressed)."""

from __future__ import annotations

import functools
import gzip
import io
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]
PHONE = {"width": 375, "height": 800}
LATENCY_S = 0.150
BYTES_PER_S = 1.6e6 / 8
COMPRESSED = {".html", ".js", ".json", ".css", ".svg", ".xml", ".txt", ".csv", ".ics"}
TIMEOUT_MS = 180_000
# The word list's files a query needs, as okide's search page loads them (okide/search.py):
# for each word of n letters (folded), n-1, n and n+1 from five letters (else n), and the file
# of its last two letters from four; only files the index lists. Loaded beside pagefind's own
# search of the query.
PAGEFIND_SEARCH = """async ([base, query]) => {
  const fold = (word) => word.normalize("NFD").replace(/[\\u0300-\\u036f]/g, "").normalize("NFC");
  const ending = (xy) => /^[a-z0-9]{2}$/.test(xy) ? `slut-${xy}.json` : "slut-" +
    [...xy].map((c) => "u" + c.codePointAt(0).toString(16).padStart(4, "0")).join("") + ".json";
  const wordList = async () => {
    const index = await (await fetch(base + "sok/ord/index.json")).json();
    const names = new Set();
    for (const word of query.match(/[\\p{L}\\p{N}]+/gu) || []) {
      const folded = [...fold(word.toLowerCase())];
      const n = folded.length;
      for (const m of n >= 5 ? [n - 1, n, n + 1] : [n]) {
        if (index.langd.includes(m)) names.add(`langd-${m}.json`);
      }
      const xy = folded.slice(-2).join("");
      if (n >= 4 && index.slut.includes(xy)) names.add(ending(xy));
    }
    const load = async (name) => (await fetch(base + "sok/ord/" + name)).json();
    return Promise.all([...names].map(load));
  };
  const pagefind = await import(base + "pagefind/pagefind.js");
  await pagefind.init();
  const [search] = await Promise.all([pagefind.search(query), wordList()]);
  const top = await Promise.all(search.results.slice(0, 10).map((result) => result.data()));
  return {at: performance.now(), count: search.results.length,
          titles: top.map((data) => data.meta.title)};
}"""


class _Link:
    """One slow link that every response shares: each waits the latency, then its bytes leave
    at the link's rate, in turn with the other responses' bytes."""

    def __init__(self, latency: float, rate: float) -> None:
        self.latency, self.rate = latency, rate
        self.lock = threading.Lock()
        self.free_at = 0.0

    def send(self, source: Any, out: Any, chunk_size: int = 8192) -> None:
        time.sleep(self.latency)
        while chunk := source.read(chunk_size):
            with self.lock:
                start = max(time.monotonic(), self.free_at)
                self.free_at = start + len(chunk) / self.rate
                done = self.free_at
            time.sleep(max(0.0, done - time.monotonic()))
            out.write(chunk)


class _Handler(SimpleHTTPRequestHandler):
    """Static files as GitHub Pages serves them (gzipped text, cached for ten minutes), through
    the slow link."""

    link: _Link
    refused: tuple[str, ...] = ()

    def copyfile(self, source: Any, outputfile: Any) -> None:
        self.link.send(source, outputfile)

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def send_head(self) -> Any:
        if any(part in self.path for part in self.refused):
            self.send_error(404)
            return None
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in COMPRESSED and path.is_file()):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def _serve(site: Path, link: _Link, refused: tuple[str, ...] = ()) -> Iterator[str]:
    handler = type("Handler", (_Handler,), {"link": link, "refused": refused})
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _Wire:
    """Every finished request of a browser context, workers' included: its compressed size
    and the moment (ms since the epoch) its last byte arrived."""

    def __init__(self, context: Any) -> None:
        self.requests: list[tuple[str, int, float]] = []
        context.on("requestfinished", self._finished)

    def _finished(self, request: Any) -> None:
        timing = request.timing
        end = timing["startTime"] + max(timing["responseEnd"], 0)
        size = request.sizes()["responseBodySize"]  # -1 when it came from the cache
        self.requests.append((request.url, max(0, size), end))

    def bytes(self, *needles: str) -> int:
        return sum(size for url, size, _ in self.requests if any(n in url for n in needles))

    def last_byte(self, *needles: str) -> float:
        return max((end for url, _, end in self.requests if any(n in url for n in needles)),
                   default=0.0)  # fmt: skip


def _phone_page(browser: Any) -> tuple[Any, Any, _Wire]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    return context, context.new_page(), _Wire(context)


def _now(page: Any) -> tuple[float, float]:
    """performance.now() and the same moment in ms since the epoch."""
    now, origin = page.evaluate("[performance.now(), performance.timeOrigin]")
    return now, origin + now


def _lunr_search(page: Any, url: str, query: str) -> dict[str, Any]:
    page.goto(url, wait_until="load")
    loaded, _ = _now(page)
    page.click('label.md-header__button[for="__search"]')
    page.fill("input.md-search__input", query)
    page.press("input.md-search__input", "End")  # Material reads the query on keyup
    page.wait_for_selector(".md-search-result__item", timeout=TIMEOUT_MS)
    shown, shown_epoch = _now(page)
    titles = page.eval_on_selector_all(
        ".md-search-result__item h1, .md-search-result__item h2",
        "nodes => nodes.slice(0, 5).map(node => node.textContent.trim())",
    )
    return {"loaded_ms": loaded, "results_ms": shown, "results_epoch_ms": shown_epoch,
            "top": titles}  # fmt: skip


def _pagefind_search(page: Any, base: str, url: str, query: str) -> dict[str, Any]:
    page.goto(url, wait_until="load")
    loaded, _ = _now(page)
    found = page.evaluate(PAGEFIND_SEARCH, [base, query])
    origin = page.evaluate("performance.timeOrigin")
    return {"loaded_ms": loaded, "results_ms": found["at"],
            "results_epoch_ms": origin + found["at"], "top": found["titles"]}  # fmt: skip


def _engine(browser: Any, search: Any, urls: list[str], needles: tuple[str, ...]) -> dict[str, Any]:
    context, page, wire = _phone_page(browser)
    runs = []
    for url in urls:
        wire.requests.clear()
        run = search(page, url)
        last = wire.last_byte(*needles)
        run["after_last_byte_ms"] = max(0.0, run.pop("results_epoch_ms") - last) if last else None
        run["search_bytes"] = wire.bytes(*needles)
        runs.append({key: round(value) if isinstance(value, float) else value
                     for key, value in run.items()})  # fmt: skip
    context.close()
    return {"first": runs[0], "next_page": runs[1]}


def measure_search(
    okide_site: Path, baseline_site: Path, pages: tuple[str, str], query: str
) -> dict[str, Any]:
    """Both designs, searching for `query` (a party's name) from two party pages in turn:
    lunr on the baseline site, okide's search on okide's."""
    chromium = CHROMIUM if CHROMIUM.exists() else shutil.which("chromium")
    if not chromium:
        return {"error": f"{CHROMIUM} is missing"}
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        return {"error": "playwright is not installed (make install)"}
    result: dict[str, Any] = {"query": query, "latency_s": LATENCY_S, "bytes_per_s": BYTES_PER_S}
    link = _Link(LATENCY_S, BYTES_PER_S)
    lunr_files = ("/search/search_index.json", "/workers/", "/lunr/")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
            try:
                if (baseline_site / "search" / "search_index.json").is_file():
                    with _serve(baseline_site, link) as base:
                        result["lunr"] = _engine(
                            browser,
                            lambda page, url: _lunr_search(page, url, query),
                            [base + path for path in pages],
                            lunr_files,
                        )
                if (okide_site / "pagefind" / "pagefind.js").is_file():
                    with _serve(okide_site, link, refused=lunr_files) as base:
                        result["pagefind"] = _engine(
                            browser,
                            lambda page, url: _pagefind_search(page, base, url, query),
                            [base + path for path in pages],
                            ("/pagefind/", "/sok/ord/"),
                        )
            finally:
                browser.close()
    except Error as error:
        result["error"] = str(error).splitlines()[0][:300]
    return result


def seconds_after_load(run: dict[str, Any]) -> float:
    """From the page's load event (when the visitor starts typing) to the first results."""
    return (run["results_ms"] - run["loaded_ms"]) / 1000
