"""okide.search: pagefind's index and okide's word list written beside it, on small sites made
here (pagefind runs for real: a few pages take it a tenth of a second) and, marked slow, on the
sites the suite builds."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import stat
import sys
import unicodedata
from pathlib import Path

import pytest

from okide import search
from okide.search import (
    BUNDLE,
    UNUSED,
    WORD,
    WORDS,
    SearchIndexError,
    fold,
    folded_words,
    suffix_file_name,
    word_list,
    words,
)
from tests.conftest import run_cli
from tests.corpus import CASES

PAGE = """<!doctype html>
<html lang="sv"><head><title>{title} – Webbplatsen</title></head>
<body>
<header class="md-header"><a href="/">Huvudrubrikord</a><form role="search"><input name="q"></form></header>
<nav class="md-nav"><a href="/parter/">Menyord</a></nav>
<div class="md-sidebar"><nav><a href="#a">Sidofältsord</a></nav></div>
<div class="md-content" data-md-component="content"><article class="md-content__inner md-typeset">
<h1 id="rubrik">{title}</h1>
{body}
</article></div>
<footer class="md-footer"><p>Sidfotsord</p></footer>
</body></html>
"""


def _page(site: Path, path: str, title: str, body: str) -> None:
    target = site / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(PAGE.format(title=title, body=body), encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A built site in miniature: Material's frame around each page's content."""
    root = tmp_path / "site"
    _page(
        root,
        "index.html",
        "Start",
        "<p>Välkommen till överenskommelsen.</p>"
        "<table data-search-exclude><tr><td>Tabellord</td></tr></table>",
    )
    _page(
        root,
        "parter/studieframjandet/index.html",
        "Studiefrämjandet Bohuslän",
        "<p>Brottsofferjouren och Studiefrämjandet samarbetar i Bohuslän.</p>"
        "<p>Fyrbodal<br>Uddevalla</p>",
    )
    _page(root, "404.html", "Sidan finns inte", "<p>Felsidesord</p>")
    _page(root, "sok/index.html", "Sök", "<p>Söksidesord</p>")
    return root


def _all_words(site: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in (site / WORDS).glob("langd-*.json"):
        found.update(json.loads(path.read_text("utf-8")))
    return found


def _tree(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


# The words ---------------------------------------------------------------------------------


def test_a_word_is_a_run_of_letters_or_digits_lowercased() -> None:
    assert words("Studiefrämjandet, Bohus-Norra Älvsborg 2024!") == [
        "studiefrämjandet", "bohus", "norra", "älvsborg", "2024",
    ]  # fmt: skip
    # _ is neither a letter nor a digit; a circled number is a digit to Unicode (\p{N})
    assert words("a_b ①x") == ["a", "b", "①x"]
    # decomposed letters (NFD) are read as the composed ones
    assert words(unicodedata.normalize("NFD", "Bohuslän")) == ["bohuslän"]


def test_the_word_pattern_takes_exactly_unicodes_letters_and_digits() -> None:
    """JavaScript's /[\\p{L}\\p{N}]+/gu, with which the search page splits what is typed."""
    differ = [
        code
        for code in range(sys.maxunicode + 1)
        if bool(WORD.fullmatch(chr(code))) != (unicodedata.category(chr(code))[0] in "LN")
    ]
    assert differ == []


def test_the_folded_form_drops_the_accents_only() -> None:
    assert fold("bohuslän") == "bohuslan"
    assert fold("åäöéü") == "aaoeu"
    assert fold("æøß") == "æøß"  # letters of their own, not accented ones


def test_suffix_files_are_named_by_code_points_unless_a_to_z_and_digits() -> None:
    assert suffix_file_name("et") == "slut-et.json"
    assert suffix_file_name("24") == "slut-24.json"
    assert suffix_file_name("än") == "slut-u00e4u006e.json"
    assert suffix_file_name("æø") == "slut-u00e6u00f8.json"


def test_the_word_list_maps_folded_words_to_what_the_pages_wrote() -> None:
    files = word_list(folded_words(["Bohuslän bohuslän Bohuslan", "I år är en å"]))
    lengths = json.loads(files["langd-8.json"])
    assert lengths == {"bohuslan": ["bohuslan", "bohuslän"]}
    assert json.loads(files["langd-2.json"]) == {"ar": ["är", "år"], "en": ["en"]}
    assert "langd-1.json" not in files  # "i" and "å": shorter than two letters
    assert json.loads(files["slut-an.json"]) == {"bohuslan": ["bohuslan", "bohuslän"]}
    assert json.loads(files["index.json"]) == {"langd": [2, 8], "slut": ["an", "ar", "en"]}
    # sorted keys, no spaces, UTF-8 as it is, a newline at the end
    assert files["slut-ar.json"] == '{"ar":["är","år"]}\n'.encode()  # by code point


def test_hostile_text_in_the_corpus_ends_up_only_as_words_in_json_strings() -> None:
    texts = [text for case in CASES for text in case.files.values()]
    files = word_list(folded_words(texts))
    index = json.loads(files["index.json"])
    assert set(files) == {
        "index.json",
        *(f"langd-{n}.json" for n in index["langd"]),
        *(suffix_file_name(xy) for xy in index["slut"]),
    }
    for name, content in files.items():
        assert re.fullmatch(r"(langd|slut)-[a-z0-9]+\.json|index\.json", name), name
        if name == "index.json":
            continue
        for folded, originals in json.loads(content).items():
            for word in (folded, *originals):
                assert word and all(unicodedata.category(c)[0] in "LN" for c in word), word


# Indexing a site ---------------------------------------------------------------------------


def test_index_writes_pagefinds_bundle_and_the_word_list_of_the_content(site: Path) -> None:
    indexed = search.index(site)
    assert indexed.pages == 2  # not 404.html, not the search page
    bundle = site / BUNDLE
    assert (bundle / "pagefind.js").is_file() and (bundle / "pagefind-worker.js").is_file()
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["sv"] and entry["languages"]["sv"]["page_count"] == 2
    assert not [name for name in UNUSED if (bundle / name).exists()]
    found = _all_words(site)
    assert found["bohuslan"] == ["bohuslän"]
    assert found["studieframjandet"] == ["studiefrämjandet"]
    assert found["fyrbodal"] == ["fyrbodal"] and found["uddevalla"] == ["uddevalla"]  # <br>
    ending = json.loads((site / WORDS / "slut-en.json").read_text("utf-8"))
    assert ending["brottsofferjouren"] == ["brottsofferjouren"]  # "jouren" ends it
    for outside in ("huvudrubrikord", "menyord", "sidofaltsord", "sidfotsord", "tabellord",
                    "felsidesord", "soksidesord", "webbplatsen"):  # fmt: skip
        assert outside not in found, outside
    index = json.loads((site / WORDS / "index.json").read_text("utf-8"))
    assert {path.name for path in (site / WORDS).iterdir()} == {
        "index.json",
        *(f"langd-{n}.json" for n in index["langd"]),
        *(suffix_file_name(xy) for xy in index["slut"]),
    }
    assert not list(site.parent.glob(".okide-sok-*"))


def test_two_runs_on_the_same_site_write_the_same_bytes(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "elsewhere" / "site"
    shutil.copytree(site, copy)
    search.index(site)
    search.index(copy)
    for folder in (BUNDLE, WORDS):
        assert _tree(site / folder) == _tree(copy / folder), folder
        assert _tree(site / folder)
    search.index(site)  # again, over its own earlier output
    assert _tree(site / BUNDLE) == _tree(copy / BUNDLE)


def test_hostile_page_text_is_indexed_and_stays_text(site: Path) -> None:
    hostile = (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &quot;}]},{&quot;x&quot;: "
        "\u202eevil\u202c zero\u200bwidth \U0001f600 ① \\u0000 Ωμέγα ﬁsk</p>"
    )
    _page(site, "parter/elak/index.html", "&lt;img src=x onerror=alert(1)&gt;", hostile)
    search.index(site)
    found = _all_words(site)
    assert found["script"] == ["script"] and found["ωμεγα"] == ["ωμέγα"]
    for name in (site / WORDS).iterdir():
        json.loads(name.read_text("utf-8"))


def _failing_pagefind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "pagefind"
    program.write_text("#!/bin/sh\necho 'Error: something broke' >&2\nexit 3\n", "utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(search, "_pagefind", lambda: program)


def test_a_pagefind_failure_is_a_swedish_error_and_the_site_keeps_its_search(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    search.index(site)
    before = {folder: _tree(site / folder) for folder in (BUNDLE, WORDS)}
    _failing_pagefind(tmp_path, monkeypatch)
    with pytest.raises(SearchIndexError) as raised:
        search.index(site)
    message = str(raised.value)
    assert message.startswith("okide: pagefind kunde inte skriva sökindexet (slutkod 3)")
    assert "ingen sökning publiceras" in message and "something broke" in message
    assert {folder: _tree(site / folder) for folder in (BUNDLE, WORDS)} == before
    assert not list(site.parent.glob(".okide-sok-*"))


def test_a_missing_pagefind_is_a_swedish_error(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pagefind_bin

    def missing() -> Path:
        raise FileNotFoundError("no binary")

    monkeypatch.setattr(pagefind_bin, "get_executable", missing)
    with pytest.raises(SearchIndexError, match=r"^okide: pagefind saknas"):
        search.index(site)
    assert not (site / BUNDLE).exists() and not (site / WORDS).exists()


def test_a_pagefind_that_hangs_is_stopped(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / "pagefind"
    program.write_text("#!/bin/sh\nwhile :; do :; done\n", "utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setattr(search, "_pagefind", lambda: program)
    monkeypatch.setattr(search, "TIMEOUT", 0.5)
    with pytest.raises(SearchIndexError, match=r"blev inte klar med sökindexet på 0\.5 sekunder"):
        search.index(site)


def test_a_folder_without_pages_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SearchIndexError, match="finns inte – bygg den först"):
        search.index(tmp_path / "site")
    (tmp_path / "site").mkdir()
    with pytest.raises(SearchIndexError, match="har inga sidor"):
        search.index(tmp_path / "site")


def test_the_command_writes_the_search_of_a_site_another_engine_built(site: Path) -> None:
    code, out = run_cli("search-index", str(site))
    assert code == 0
    assert out.startswith("sökindex för 2 sidor skrivet till ")
    assert (site / BUNDLE / "pagefind-entry.json").is_file()
    assert (site / WORDS / "index.json").is_file()


def test_the_command_says_in_swedish_when_it_cannot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run_cli("search-index", str(tmp_path / "saknas"))
    assert code == 1 and out == ""
    assert "finns inte – bygg den först" in capsys.readouterr().err


def test_the_hook_stops_the_build_with_the_swedish_error(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from types import SimpleNamespace

    from mkdocs.exceptions import Abort

    from okide import mkdocs_hook

    _failing_pagefind(tmp_path, monkeypatch)
    with pytest.raises(Abort, match="pagefind kunde inte skriva sökindexet"):
        mkdocs_hook.on_post_build(SimpleNamespace(site_dir=str(site)))  # type: ignore[arg-type]


# The sites the suite builds ----------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("built", ["shipped_site", "region_fixture_site", "corpus_site"])
def test_every_build_publishes_pagefind_and_the_word_list(
    built: str, request: pytest.FixtureRequest
) -> None:
    site: Path = request.getfixturevalue(built)
    entry = json.loads((site / BUNDLE / "pagefind-entry.json").read_text("utf-8"))
    pages = entry["languages"]["sv"]["page_count"]
    assert pages == len(search.indexed_pages(site)) > 5
    index = json.loads((site / WORDS / "index.json").read_text("utf-8"))
    assert {path.name for path in (site / WORDS).iterdir()} == {
        "index.json",
        *(f"langd-{n}.json" for n in index["langd"]),
        *(suffix_file_name(xy) for xy in index["slut"]),
    }
    for path in (site / WORDS).glob("*.json"):
        text = path.read_text("utf-8")
        assert text.endswith("}\n") and json.loads(text)


@pytest.mark.slow
def test_the_shipped_register_is_in_the_word_list(shipped_site: Path) -> None:
    found = _all_words(shipped_site)
    assert "bohuslän" in found["bohuslan"]
    assert found["studieframjandet"] == ["studiefrämjandet"]
    for ending, word in (("en", "brottsofferjouren"), ("et", "studieframjandet")):
        listed = json.loads((shipped_site / WORDS / f"slut-{ending}.json").read_text("utf-8"))
        assert word in listed, word
    # The header, the menus, the footer: not what pagefind indexes, so not in the list.
    for outside in ("datakatalog", "toppen", "uppdaterad"):
        assert outside not in found, outside


@pytest.mark.slow
def test_the_region_fixtures_party_names_are_in_the_word_list(
    region_fixture_site: Path,
) -> None:
    from okide.clock import build_date
    from okide.load import load_register
    from tests.conftest import REGION, TODAY_EPOCH

    register = load_register(REGION, build_date({"SOURCE_DATE_EPOCH": TODAY_EPOCH}))
    assert not isinstance(register, list)
    found = _all_words(region_fixture_site)
    for party in register.signatories.values():
        for word in words(party.name):
            if len(fold(word)) >= 2:
                assert word in found[fold(word)], (party.name, word)


@pytest.mark.slow
def test_two_builds_of_the_same_data_publish_the_same_search(
    fixture_site: Path, tmp_path: Path
) -> None:
    from tests.conftest import SMALL
    from tests.sitebuild import build_site

    again = build_site(SMALL, tmp_path)
    for folder in (BUNDLE, WORDS):
        assert _tree(again / folder) == _tree(fixture_site / folder), folder
