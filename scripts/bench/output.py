"""What a built site weighs, and what a visitor downloads to search it: Material's lunr index
(one JSON file, fetched on every page load) against pagefind (a chunked index, fetched when the
visitor searches)."""

from __future__ import annotations

import gzip
import json
import statistics
import subprocess
import sys
from pathlib import Path
from time import perf_counter
from typing import Any


def wire_bytes(path: Path) -> int:
    """What a file costs to download: gzipped files as they are, others gzipped as a web server
    would (level 6)."""
    data = path.read_bytes()
    return len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, 6))


def _size(path: Path, measure: Any = None) -> int | None:
    if not path.exists():
        return None
    return measure(path) if measure else path.stat().st_size


def site_output(site: Path) -> dict[str, Any]:
    files = [path for path in site.rglob("*") if path.is_file()]
    search = site / "search" / "search_index.json"
    register = site / "parter" / "index.html"
    party_pages = list((site / "parter").glob("*/index.html"))
    pages = [path for path in files if path.suffix == ".html"]
    largest = max(pages, key=lambda path: path.stat().st_size, default=None)
    workers = [path for path in (site / "assets/javascripts/workers").glob("*.js")]
    return {
        "pages": sum(1 for path in files if path.suffix == ".html"),
        "files": len(files),
        "total_bytes": sum(path.stat().st_size for path in files),
        "search_index_bytes": _size(search),
        "search_index_gzip_bytes": _size(search, wire_bytes),
        "register_page_bytes": _size(register),
        "register_page_gzip_bytes": _size(register, wire_bytes),
        "former_parties_page_bytes": _size(site / "tidigare-parter" / "index.html"),
        "statistics_page_bytes": _size(site / "statistik" / "index.html"),
        "largest_page": largest.relative_to(site).as_posix() if largest else None,
        "largest_page_bytes": largest.stat().st_size if largest else None,
        # What the first search costs with lunr: the index and the worker scripts, gzipped.
        "lunr_search_gzip_bytes": (
            _size(search, wire_bytes) + sum(wire_bytes(path) for path in workers)
            if search.exists()
            else None
        ),
        "party_page_mean_bytes": (
            round(statistics.mean(page.stat().st_size for page in party_pages))
            if party_pages
            else None
        ),
    }


PAGEFIND = "pagefind[bin]==1.5.2"


def pagefind_python(venv: Path) -> tuple[Path | None, str]:
    """The Python of a throwaway venv with PyPI's pinned `pagefind[bin]` (the wheel ships the
    binary), created or updated on first use; never the project's venv or lock files."""
    python = venv / "bin" / "python"
    wanted = PAGEFIND.split("==")[1]

    def installed() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(python), "-m", "pagefind", "--version"],
            capture_output=True,
            text=True,
            check=False,
        )

    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=False, capture_output=True)
    if python.exists() and wanted not in installed().stdout:
        pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
        subprocess.run([*pip, PAGEFIND], check=False, capture_output=True)
    if not python.exists():
        return None, f"no venv at {venv}"
    check = installed()
    if check.returncode != 0:
        return None, f"{PAGEFIND} did not install: " + check.stderr.strip()[-200:]
    return python, check.stdout.strip()


def measure_pagefind(python: Path, site: Path) -> dict[str, Any]:
    """Index the built site's <article> without what lunr leaves out too ([data-search-exclude]:
    the register table, charts, the statistics table) and size what one search downloads: the
    engine (pagefind.js, its worker, entry, metadata, WebAssembly), the largest index chunk (a
    one-word query needs one) and two result fragments of average size."""
    argv = [
        str(python),
        "-m",
        "pagefind",
        "--site",
        str(site),
        "--output-subdir",
        "pagefind",
        "--root-selector",
        "article",
        "--exclude-selectors",
        "[data-search-exclude]",
        "--silent",
    ]
    start = perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    seconds = perf_counter() - start
    bundle = site / "pagefind"
    if done.returncode != 0 or not (bundle / "pagefind-entry.json").exists():
        return {"error": (done.stderr or done.stdout).strip()[-300:]}
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    language = next(iter(entry["languages"].values()))
    chunks = [wire_bytes(path) for path in (bundle / "index").glob("*.pf_index")]
    fragments = [wire_bytes(path) for path in (bundle / "fragment").glob("*.pf_fragment")]
    index_files = [*bundle.glob("*.pf_meta"), *bundle.glob("wasm.*.pagefind")]
    for folder in ("index", "fragment", "filter"):
        index_files += [path for path in (bundle / folder).glob("*") if path.is_file()]
    engine = [
        bundle / name for name in ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json")
    ]
    engine += [
        bundle / f"pagefind.{language['hash']}.pf_meta",
        bundle / f"wasm.{language['wasm']}.pagefind",
    ]
    one_search = sum(wire_bytes(path) for path in engine if path.exists())
    one_search += max(chunks, default=0) + 2 * round(statistics.mean(fragments or [0]))
    return {
        "seconds": round(seconds, 2),
        "bundle_bytes": sum(path.stat().st_size for path in bundle.rglob("*") if path.is_file()),
        "index_bytes": sum(path.stat().st_size for path in index_files),
        "index_chunks": len(chunks),
        "largest_chunk_bytes": max(chunks, default=0),
        "fragments": len(fragments),
        "one_search_bytes": one_search,
        "default_ui_bytes": sum(
            wire_bytes(bundle / name) for name in ("pagefind-ui.js", "pagefind-ui.css")
        ),
    }
