"""Search for a built site: pagefind's index of every page's content, and okide's word list
beside it, written by okide on every engine (the MkDocs hook after a build, `python -m okide
search-index SITE` after another engine's).

pagefind (PyPI `pagefind[bin]`, its binary run as a subprocess) indexes the content of each page
(ROOT_SELECTOR: Material's `.md-content`, the article with its title, never the header, the
navigation, the sidebars or the footer) without what okide marks `[data-search-exclude]` (the
register's table, the charts, the edit links), in Swedish (stemming), into `<site>/pagefind/`.
The search page on the site asks it through its JavaScript API.

pagefind does not forgive a typo and does not find a part of a closed compound ("jouren" in
"Brottsofferjouren"), so okide writes the words of the same text into `<site>/sok/ord/`: the
text pagefind itself took from each page (root, excluded elements, its own rules for what it
leaves out and where it separates words), as it stores it in its fragments, and the page's
title, which it searches as well. Reading pagefind's plain text, not the HTML a second time,
makes it the same text by construction, and costs 0.3 s at 1,000 parties where html.parser
took 11 s (measured on the bench's synthetic site); no markup is parsed by okide here.

- a word is a maximal run of Unicode letters or digits (JavaScript: /[\\p{L}\\p{N}]+/gu) in the
  NFC-normalized text, lowercased; its folded form drops the accents (NFD, the combining marks
  U+0300–U+036F removed, NFC); words whose folded form is shorter than 2 characters are left
  out. Lengths are counted in characters (code points: [...word].length in JavaScript).
- `langd-<n>.json`: for the folded words of n characters, folded word → the sorted distinct
  lowercased words that fold to it;
- `slut-<xy>.json`: the same for the folded words that end in xy (their last two characters),
  named `slut-xy.json` when xy is of a–z and 0–9 only, else by the code points of both its
  characters, each as u and at least four lowercase hex digits (`slut-u00e6u0072.json` for
  "ær");
- `index.json`: {"langd": the sorted n that have a file, "slut": the sorted xy that have one}.

Every file is UTF-8 JSON with sorted keys, no spaces and a newline at the end: the same site
gives the same bytes. Nothing is published half-written: pagefind and the word list are written
into a temporary folder beside the site and moved into place when both are complete; a failure
leaves the site as it was and is reported in Swedish (SearchIndexError).
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# What pagefind indexes of each page: the content (Material's `.md-content`: the page's
# article, with its title), without what okide marks as no text to search (the register's
# table, the charts and their tables, the edit links).
ROOT_SELECTOR = ".md-content"
EXCLUDE_SELECTORS = ("[data-search-exclude]",)
LANGUAGE = "sv"
# Pages that are no content to find: the page for a missing address, and the search page.
LEFT_OUT_PAGES = ("404.html", "sok/index.html")
# Where the bundle and the word list go, relative to the site.
BUNDLE = "pagefind"
WORDS = "sok/ord"
# pagefind writes its own search interfaces too; okide's search page uses its JavaScript API
# (pagefind.js, its worker, the WebAssembly, the index and the fragments) and none of these.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
# Seconds pagefind may take: it indexes 10,000 pages in a few seconds; a hang is an error.
TIMEOUT = 600
MIN_LENGTH = 2
# pagefind's fragments (one a page: its URL, title and the text it indexed) are gzipped JSON
# after this signature (pagefind 1.5.2: pagefind/src/output/mod.rs, pagefind_web's decoder).
FRAGMENT_SIGNATURE = b"pagefind_dcd"
# A word: str's \w without _, which is exactly Unicode's letters and digits, JavaScript's
# [\p{L}\p{N}] (tests/test_search.py checks every code point).
WORD = re.compile(r"[^\W_]+")
_SAFE = re.compile(r"[a-z0-9]{2}")


class SearchIndexError(Exception):
    """The search index could not be written; the message is for the person building."""


@dataclass(frozen=True)
class Indexed:
    """What index() wrote: pages indexed, distinct words in the list, files in sok/ord/."""

    pages: int
    words: int
    word_files: int


def words(text: str) -> list[str]:
    """The lowercased words of a text, in order: maximal runs of Unicode letters or digits
    in its NFC form."""
    return [word.lower() for word in WORD.findall(unicodedata.normalize("NFC", text))]


def fold(word: str) -> str:
    """The word without accents: NFD, the combining marks U+0300–U+036F removed, NFC."""
    decomposed = unicodedata.normalize("NFD", word)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not "\u0300" <= c <= "\u036f")
    )


def suffix_file_name(ending: str) -> str:
    """The file of the words ending in `ending` (two characters): `slut-xy.json` for a–z and
    0–9, else the code points (`slut-u00e5u0072.json`)."""
    if _SAFE.fullmatch(ending):
        return f"slut-{ending}.json"
    return "slut-" + "".join(f"u{ord(character):04x}" for character in ending) + ".json"


def length_file_name(length: int) -> str:
    return f"langd-{length}.json"


def folded_words(texts: Iterable[str]) -> dict[str, set[str]]:
    """The words of the texts by their folded form (MIN_LENGTH characters or more)."""
    candidates: set[str] = set()
    for text in texts:
        candidates.update(WORD.findall(unicodedata.normalize("NFC", text)))
    found: dict[str, set[str]] = defaultdict(set)
    for word in {candidate.lower() for candidate in candidates}:
        folded = fold(word)
        if len(folded) >= MIN_LENGTH:
            found[folded].add(word)
    return found


def word_list(found: dict[str, set[str]]) -> dict[str, bytes]:
    """The files of sok/ord/ for the words found (folded_words): name → content."""
    by_length: dict[int, dict[str, list[str]]] = defaultdict(dict)
    by_ending: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for folded, originals in found.items():
        listed = sorted(originals)
        by_length[len(folded)][folded] = listed
        by_ending[folded[-2:]][folded] = listed
    files = {length_file_name(n): _json(group) for n, group in by_length.items()}
    files.update({suffix_file_name(xy): _json(group) for xy, group in by_ending.items()})
    files["index.json"] = _json({"langd": sorted(by_length), "slut": sorted(by_ending)})
    return files


def _json(value: object) -> bytes:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text + "\n").encode("utf-8")


def fragments(bundle: Path) -> list[dict[str, Any]]:
    """pagefind's fragments in its bundle, one a page (url, content, meta.title, anchors), in
    the order of their file names."""
    found = []
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        try:
            data = gzip.decompress(path.read_bytes())
            if not data.startswith(FRAGMENT_SIGNATURE):
                raise ValueError("okänd början")
            fragment = json.loads(data[len(FRAGMENT_SIGNATURE) :])
            if not isinstance(fragment, dict):
                raise ValueError("inget JSON-objekt")
        except (OSError, EOFError, ValueError) as error:  # gzip's errors are OSErrors
            raise SearchIndexError(
                f"okide: pagefinds {path.name} gick inte att läsa ({error}) – är det en annan"
                " version av pagefind än den okide kräver? Ingen ny sökning publiceras"
            ) from None
        found.append(fragment)
    return found


def fragment_texts(bundle: Path) -> list[str]:
    """The texts pagefind indexed: each page's content and title."""
    texts = []
    for fragment in fragments(bundle):
        texts.append(str(fragment.get("content", "")))
        texts.append(str((fragment.get("meta") or {}).get("title", "")))
    return texts


def indexed_pages(site: Path) -> list[str]:
    """The pages pagefind indexes, as sorted paths from the site (the bundle and the word list
    of an earlier run, and LEFT_OUT_PAGES, are none)."""
    pages = []
    for path in site.rglob("*.html"):
        relative = path.relative_to(site).as_posix()
        if relative in LEFT_OUT_PAGES or not path.is_file():
            continue
        if any(relative.startswith(folder + "/") for folder in (BUNDLE, WORDS)):
            continue
        pages.append(relative)
    return sorted(pages)


def _pagefind() -> Path:
    try:
        from pagefind_bin import get_executable

        return get_executable()
    except (ImportError, FileNotFoundError) as error:
        raise SearchIndexError(
            "okide: pagefind saknas, så sökindexet kan inte skrivas – installera paketen på nytt"
            f" (make install, eller pip install -r requirements.lock): {error}"
        ) from None


def _run_pagefind(pages: Path, bundle: Path, work: Path) -> None:
    argv = [
        str(_pagefind()),
        "--site",
        str(pages),
        "--output-path",
        str(bundle),
        "--root-selector",
        ROOT_SELECTOR,
        "--exclude-selectors",
        ", ".join(EXCLUDE_SELECTORS),
        "--force-language",
        LANGUAGE,
        "--quiet",
    ]
    # Only these settings: no PAGEFIND_* variable from the environment, and no pagefind.yml
    # from the current folder (it runs in the temporary one).
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("PAGEFIND")
    }
    try:
        done = subprocess.run(
            argv,
            cwd=work,
            env=environment,
            capture_output=True,
            text=True,
            errors="replace",
            timeout=TIMEOUT,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise SearchIndexError(
            f"okide: pagefind blev inte klar med sökindexet på {TIMEOUT} sekunder;"
            " ingen sökning publiceras"
        ) from None
    except OSError as error:
        raise SearchIndexError(
            f"okide: pagefind kunde inte startas ({error.strerror or error});"
            " ingen sökning publiceras"
        ) from None
    if done.returncode != 0 or not (bundle / "pagefind-entry.json").is_file():
        said = "\n".join((done.stderr or done.stdout).strip().splitlines()[-10:])
        raise SearchIndexError(
            f"okide: pagefind kunde inte skriva sökindexet (slutkod {done.returncode});"
            " ingen sökning publiceras" + (f"\npagefind: {said}" if said else "")
        )


def _link(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def _replace(new: Path, target: Path, old: Path) -> None:
    """Move new to target; what was at target goes to old (inside the temporary folder)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() or target.is_symlink():
        os.replace(target, old)
    os.replace(new, target)


def index(site: Path) -> Indexed:
    """Write pagefind's bundle into site/pagefind/ and okide's word list into site/sok/ord/
    from the pages of a built site; raises SearchIndexError, and leaves the site as it was,
    when either cannot be written."""
    if not site.is_dir():
        raise SearchIndexError(f"okide: webbplatsen {site} finns inte – bygg den först")
    shown, site = site, site.resolve()  # pagefind runs in the temporary folder
    pages = indexed_pages(site)
    if not pages:
        raise SearchIndexError(
            f"okide: {shown} har inga sidor (.html) att söka i – är det den byggda webbplatsen?"
        )
    try:
        with tempfile.TemporaryDirectory(dir=site.parent, prefix=".okide-sok-") as folder:
            work = Path(folder)
            staged = work / "sidor"
            for page in pages:
                _link(site / page, staged / page)
            bundle = work / "pagefind"
            _run_pagefind(staged, bundle, work)
            for name in UNUSED:
                (bundle / name).unlink(missing_ok=True)
            found = folded_words(fragment_texts(bundle))
            files = word_list(found)
            listed = work / "ord"
            listed.mkdir()
            for name, content in files.items():
                (listed / name).write_bytes(content)
            _replace(bundle, site / BUNDLE, work / "gammal-pagefind")
            _replace(listed, site / WORDS, work / "gamla-ord")
    except OSError as error:
        where = f" {error.filename}" if error.filename else ""
        raise SearchIndexError(
            f"okide: sökindexet kunde inte skrivas{where}"
            f" ({error.strerror or error.__class__.__name__}); ingen ny sökning publiceras"
        ) from None
    return Indexed(pages=len(pages), words=len(found), word_files=len(files))
