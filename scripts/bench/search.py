"""Does the search index hold what a person searches for, and little else? okide's (pagefind's,
read from its fragments and cut into sections at the headings it recorded, as lunr's index has
them) or, on a site without it, Material's lunr index. Checked against the register the site
was built from: every party's name, the organisation forms and
focus areas in use, the words of the parties' descriptions, the agreement's clauses and values;
and no data tables, no register table, nothing that grows faster than the register."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from okide.models import Register
from okide.search import BUNDLE, fragments

# Budgets: a party page's sections (its title section and its description) take ~500 bytes of
# the index; the untrimmed index took ~2,000 bytes per party at 1,000 parties.
MAX_BYTES_PER_PARTY = 1000
MAX_DOC_CHARS = 5000  # a longer section is a table or a list, not text a person searches
MIN_DESCRIPTION_WORDS_FOUND = 0.95
_TAG = re.compile(r"<[^>]+>")
_WORD = re.compile(r"[^\W\d_]{4,}")  # words of four letters or more, in any alphabet
_LINK_TARGET = re.compile(r"\]\([^)]*\)|<https?:[^>]*>")  # a reader sees the link text only


def _plain(text: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


def _words(text: str) -> set[str]:
    return {word.lower() for word in _WORD.findall(text)}


HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def pagefind_docs(bundle: Path) -> list[dict[str, str]]:
    """pagefind's pages as sections, the way lunr's index holds them: one for each heading
    pagefind recorded (location `page/#id`; the page's own title section `page/`), with the
    words from it to the next heading (an anchor's location is its index among the words),
    HTML-escaped as lunr's index holds them."""
    docs = []
    for fragment in fragments(bundle):
        page = str(fragment["url"]).lstrip("/")
        words = str(fragment.get("content", "")).split()
        marks = sorted(
            (anchor for anchor in fragment.get("anchors", []) if anchor["element"] in HEADINGS),
            key=lambda anchor: anchor["location"],
        )
        starts = [0, *(anchor["location"] for anchor in marks[1:])] if marks else [0]
        for number, start in enumerate(starts):
            end = starts[number + 1] if number + 1 < len(starts) else len(words)
            anchor = marks[number] if marks else None
            title = str(anchor["text"]) if anchor else str(fragment["meta"].get("title", ""))
            text, heading = words[start:end], title.split()
            # pagefind ends a heading with a full stop; the heading is the section's title
            if [word.rstrip(".") for word in text[: len(heading)]] == heading:
                text = text[len(heading) :]
            own = number == 0 or anchor is None
            # escaped, as lunr's index holds text: the checks below read both alike
            docs.append({"location": page if own else f"{page}#{anchor['id']}",
                         "title": html.escape(title, False),
                         "text": html.escape(" ".join(text), False)})  # fmt: skip
    return docs


def check_index(site: Path, register: Register) -> dict[str, Any]:
    """What the index holds, against what it should hold; `ok` is the verdict."""
    path = site / "search" / "search_index.json"
    if (site / BUNDLE / "pagefind-entry.json").is_file():
        docs = pagefind_docs(site / BUNDLE)
    elif path.is_file():
        docs = json.loads(path.read_text("utf-8"))["docs"]
    else:
        return {"ok": False, "error": "neither pagefind/ nor search/search_index.json"}
    by_page: dict[str, list[dict[str, str]]] = {}
    for doc in docs:
        by_page.setdefault(doc["location"].split("#", 1)[0], []).append(doc)

    def page_text(location: str) -> str:
        return " ".join(
            _plain(doc["title"]) + " " + _plain(doc["text"]) for doc in by_page.get(location, [])
        )

    parties = list(register.signatories.values())
    party_pages = {party.id: page_text(f"parter/{party.id}/") for party in parties}
    named = sum(
        any(_plain(doc["title"]) == party.name for doc in by_page.get(f"parter/{party.id}/", []))
        for party in parties
    )
    forms = sorted({party.form for party in parties})
    areas = sorted(
        {title for party in parties for title in register.agreement.area_titles(party.areas)}
    )
    all_party_text = " ".join(party_pages.values())
    forms_missing = [form for form in forms if form not in all_party_text]
    areas_missing = [area for area in areas if area not in all_party_text]
    described = [party for party in parties if party.description]
    wanted = found = 0
    for party in described:
        words = _words(_LINK_TARGET.sub("]", party.description or ""))
        wanted += len(words)
        found += len(words & _words(party_pages[party.id]))
    agreement_text = page_text("overenskommelsen/") + " " + page_text("vardegrund/")
    agreement_missing = [
        f"{kind} {title}"
        for kind, title in [
            *(("punkt", clause.title) for clause in register.clauses.values()),
            *(("värdering", value.title) for value in register.values.values()),
        ]
        if title not in agreement_text
    ]
    agreement_words = _words(
        " ".join(
            [clause.text for clause in register.clauses.values()]
            + [value.text for value in register.values.values()]
        )
    )
    agreement_words_missing = sorted(agreement_words - _words(agreement_text))
    register_page = len(page_text("parter/"))
    longest = max(docs, key=lambda doc: len(doc["text"]), default={"location": "", "text": ""})
    long_docs = [doc["location"] for doc in docs if len(doc["text"]) > MAX_DOC_CHARS]
    party_bytes = sum(
        len(json.dumps(doc, ensure_ascii=False).encode())
        for party in parties
        for doc in by_page.get(f"parter/{party.id}/", [])
    )
    bytes_per_party = party_bytes / max(1, len(parties))
    result = {
        "docs": len(docs),
        "bytes_per_party": round(bytes_per_party),
        "party_names_found": f"{named}/{len(parties)}",
        "forms_missing": forms_missing,
        "areas_missing": areas_missing,
        "description_words_found": round(found / wanted, 4) if wanted else 1.0,
        "agreement_missing": agreement_missing,
        "agreement_words_missing": agreement_words_missing[:20],
        "register_page_chars": register_page,
        "longest_doc": {"location": longest["location"], "chars": len(longest["text"])},
        "docs_over_limit": long_docs[:20],
    }
    result["ok"] = (
        named == len(parties)
        and not forms_missing
        and not areas_missing
        and result["description_words_found"] >= MIN_DESCRIPTION_WORDS_FOUND
        and not agreement_missing
        and not agreement_words_missing
        and not long_docs
        and bytes_per_party <= MAX_BYTES_PER_PARTY
    )
    return result


def summary(check: dict[str, Any]) -> str:
    if "error" in check:
        return check["error"]
    parts = [
        f"names {check['party_names_found']}",
        "all forms and areas"
        if not check["forms_missing"] and not check["areas_missing"]
        else f"missing forms {check['forms_missing']}, areas {check['areas_missing']}",
        f"{check['description_words_found']:.0%} of description words",
        "every clause and value"
        if not check["agreement_missing"] and not check["agreement_words_missing"]
        else f"missing {check['agreement_missing'] + check['agreement_words_missing']}",
        f"{check['bytes_per_party']:,} B per party page (≤ {MAX_BYTES_PER_PARTY:,})",
        f"longest section {check['longest_doc']['chars']:,} chars "
        f"({check['longest_doc']['location'] or '—'}; ≤ {MAX_DOC_CHARS:,})",
    ]
    return "; ".join(parts)
