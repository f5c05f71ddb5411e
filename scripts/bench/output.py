"""What a built site weighs, and what a visitor downloads to search it: Material's lunr index
(one JSON file, fetched on every page load; the baseline site, today's design) against okide's
search (pagefind's chunked index and okide's word list, fetched when the visitor searches)."""

from __future__ import annotations

import gzip
import json
import statistics
from pathlib import Path
from time import perf_counter
from typing import Any

from okide.search import (
    BUNDLE,
    WORDS,
    SearchIndexError,
    fold,
    index,
    length_file_name,
    suffix_file_name,
    words,
)


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


def query_word_files(site: Path, query: str) -> list[str]:
    """The files of okide's word list (sok/ord/) that the search page loads for a query: the
    index, then for each word the lengths n-1, n and n+1 (n for a word under five letters) and
    the file of its last two letters (four letters or more), those that exist."""
    folder = site / WORDS
    index = json.loads((folder / "index.json").read_text("utf-8"))
    names = {"index.json"}
    for word in words(query):
        folded = fold(word)
        length = len(folded)
        for n in (length - 1, length, length + 1) if length >= 5 else (length,):
            if n in index["langd"]:
                names.add(length_file_name(n))
        if length >= 4 and folded[-2:] in index["slut"]:
            names.add(suffix_file_name(folded[-2:]))
    return sorted(names)


def measure_pagefind(site: Path, query: str) -> dict[str, Any]:
    """The search the okide build wrote into the site (okide.search): pagefind's bundle and the
    word list, what a search downloads of each (the engine: pagefind.js, its worker, entry,
    metadata, WebAssembly; the largest index chunk, which a one-word query needs; two result
    fragments of average size; the word list's files for `query`), and the seconds the step
    takes (okide.search.index run again on the built site: the same bytes again)."""
    bundle = site / BUNDLE
    if not (bundle / "pagefind-entry.json").exists():
        return {"error": f"no {BUNDLE}/ in the built site"}
    start = perf_counter()
    try:
        indexed = index(site)
    except SearchIndexError as error:
        return {"error": str(error)[-300:]}
    seconds = perf_counter() - start
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
    listed = [path for path in (site / WORDS).glob("*.json")]
    for_query = [site / WORDS / name for name in query_word_files(site, query)]
    return {
        "seconds": round(seconds, 2),
        "pages": indexed.pages,
        "bundle_bytes": sum(path.stat().st_size for path in bundle.rglob("*") if path.is_file()),
        "index_bytes": sum(path.stat().st_size for path in index_files),
        "index_chunks": len(chunks),
        "largest_chunk_bytes": max(chunks, default=0),
        "fragments": len(fragments),
        "one_search_bytes": one_search,
        "words": indexed.words,
        "word_files": len(listed),
        "word_list_bytes": sum(path.stat().st_size for path in listed),
        "word_list_gzip_bytes": sum(wire_bytes(path) for path in listed),
        "largest_word_file_bytes": max((path.stat().st_size for path in listed), default=0),
        "query_word_files": [path.name for path in for_query],
        "query_word_bytes": sum(path.stat().st_size for path in for_query),
        "query_word_gzip_bytes": sum(wire_bytes(path) for path in for_query),
    }
