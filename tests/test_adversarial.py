"""The adversarial corpus (tests/adversarial/*.yml): hostile inputs an editor could send in a pull
request, each asserted on the outcome that matters (see tests/corpus.py for the two outcomes).
"""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest
from rdflib import Graph, URIRef
from rdflib import namespace as rdfns

from okide.load import load_register
from okide.markdown import TEXT_CLASS
from okide.models import Register
from tests.conftest import TODAY, site_url
from tests.corpus import BUILT, CASES, REFUSED, Case, PageScan, overlay, pages_of, scan

CATALOGUE_VOCABULARIES = {
    "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}", "{http://www.w3.org/ns/dcat#}",
    "{http://purl.org/dc/terms/}", "{http://xmlns.com/foaf/0.1/}",
    "{http://www.w3.org/2006/vcard/ns#}",
}  # fmt: skip


def test_the_corpus_is_large_varied_and_well_formed() -> None:
    names = [case.name for case in CASES]
    assert len(names) == len(set(names)), "case names must be unique"
    assert len(CASES) >= 60
    assert {case.expect for case in CASES} == {"refused", "built"}
    for case in REFUSED:
        assert case.problems, f"{case.name}: a refused case names the problems it expects"
    built_paths = [path for case in BUILT for path in case.files]
    assert len(built_paths) == len(set(built_paths)), "built cases are built together"


def test_the_built_cases_together_are_valid_data(tmp_path: Path) -> None:
    """They are built as one site: each must be valid on its own and beside the others."""
    files = {path: text for case in BUILT for path, text in case.files.items()}
    result = load_register(overlay(tmp_path, files), TODAY)
    assert isinstance(result, Register), [problem.text() for problem in result]


def test_every_markdown_and_one_line_field_of_the_living_agreement_is_in_the_corpus() -> None:
    """Follow-ups, plans and actions meet the same hostile text as the older fields."""
    text = "\n".join(t for case in CASES for t in case.files.values())
    for key in ("contribution:", "proposals:", "report:", "funding:", "outcome:"):
        assert any(
            key in t and path.startswith(("followups/", "actions/"))
            for case in CASES
            for path, t in case.files.items()
        ), key
    assert "challenges:" in text and "<script>" in text
    kinds = {path.split("/")[0] for case in BUILT for path in case.files}
    assert {"followups", "plans", "actions"} <= kinds


@pytest.mark.parametrize("case", REFUSED, ids=[case.name for case in REFUSED])
def test_hostile_input_is_refused_at_its_file_and_line(case: Case, tmp_path: Path) -> None:
    result = load_register(overlay(tmp_path, case.files), TODAY)
    assert not isinstance(result, Register), f"{case.name}: accepted ({case.why})"
    lines = [problem.text() for problem in result]
    for expected in case.problems:
        place, says = expected["at"], expected["says"]
        assert any(
            (line.startswith(place + ":") or line.startswith(place + " ")) and says in line
            for line in lines
        ), f"{case.name}: no problem at {place} saying {says!r}; got:\n" + "\n".join(lines)


# ---- Built cases -------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("case", BUILT, ids=[case.name for case in BUILT])
def test_hostile_input_that_builds_shows_nothing_outside_the_allow_list(
    case: Case, corpus_site: Path
) -> None:
    for relative in case.files:
        for page in pages_of(corpus_site, relative):
            assert page.is_file(), f"{case.name}: {page} was not built"
            found = scan(page)
            assert found.findings == [], f"{case.name} ({case.why}) in {page}: {found.findings}"


@pytest.mark.slow
def test_no_page_of_the_corpus_site_holds_a_handler_a_foreign_script_or_resource(
    corpus_site: Path, fixture_site: Path
) -> None:
    theme_scripts = scan(fixture_site / "index.html").inline_scripts
    blocks = 0
    for page in sorted(corpus_site.rglob("*.html")):
        found = scan(page)
        blocks += found.text_blocks
        assert found.findings == [], f"{page}: {found.findings}"
        assert found.inline_scripts == theme_scripts, f"{page}: an inline script of its own"
    assert blocks > len(BUILT)


@pytest.mark.slow
def test_the_corpus_sites_catalogue_parses_and_holds_only_its_own_vocabularies(
    corpus_site: Path,
) -> None:
    """The agreement's hostile names reach data/katalog.rdf as text: an XML parser finds only
    the catalogue's own elements, and rdflib reads the names back as they were written."""
    data = (corpus_site / "data" / "katalog.rdf").read_bytes()
    namespaces = {
        element.tag.split("}")[0] + "}" for element in ElementTree.fromstring(data).iter()
    }
    assert namespaces <= CATALOGUE_VOCABULARIES
    graph = Graph().parse(data=data, format="xml")
    names = {str(name) for name in graph.objects(None, rdfns.FOAF.name)}
    assert names == {"Exempelby kommun <script>alert(1)</script>"}
    keywords = {str(keyword) for keyword in graph.objects(None, rdfns.DCAT.keyword)}
    assert {"ÖK <Exempel> & ]]>", "Trygghet</dcat:keyword><dcat:keyword>injicerad"} <= keywords
    assert "injicerad" not in keywords
    assert set(graph.subjects(rdfns.RDF.type, rdfns.DCAT.Catalog)) == {
        URIRef(site_url().rstrip("/") + "/data/katalog.rdf")
    }


def test_the_page_scan_finds_what_it_looks_for() -> None:
    """The scanner is the test's eyes: it must see each kind of finding."""
    scanner = PageScan()
    scanner.feed('<link rel="canonical" href="https://e.example/">')
    scanner.feed(
        f'<div class="{TEXT_CLASS}"><p style="x">a</p><img src="https://e.example/p.png">'
        '<a href="javascript:x">b</a><details open ontoggle="x"></details></div>'
        '<script src="https://e.example/s.js"></script><script>x</script>'
    )
    assert scanner.findings == [
        "<p ['style']> in editor text",
        "<img> loads https://e.example/p.png",
        "<img> in editor text",
        "href='javascript:x' on <a>",
        "link to 'javascript:x' in editor text",
        "event handler ontoggle on <details>",
        "<details> in editor text",
        "script https://e.example/s.js",
        "<script> loads https://e.example/s.js",
    ]
    assert scanner.inline_scripts == 1
