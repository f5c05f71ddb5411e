"""The generated pages (okide.pages). Golden tests: the generated Markdown and exports of the
small fixture, byte for byte.

Regenerate with `pytest tests/test_pages.py --update-goldens` and review the diff.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from okide.addresses import SiteSettings
from okide.load import load_register
from okide.models import Register
from okide.pages import render_pages
from okide.sections import url_path
from okide.site import Generated, generate
from tests.conftest import SMALL, TODAY

GOLDEN = SMALL.parent / "small-golden"
SITE = SiteSettings(
    site_url="https://exempelby.example.org/ok/",
    edit_base="https://github.com/exempel/okide/edit/main/",
)


@pytest.fixture(scope="module")
def generated() -> Generated:
    result = generate(SMALL, TODAY, SITE)
    assert not isinstance(result, list), result
    return result


def _outputs(generated: Generated) -> dict[str, bytes]:
    outputs = {page.path: page.markdown.encode() for page in generated.pages}
    outputs.update(generated.exports)
    return outputs


def test_generated_pages_and_exports_match_the_golden_files(
    generated: Generated, update_goldens: bool
) -> None:
    outputs = _outputs(generated)
    if update_goldens:
        write_goldens(GOLDEN, outputs)
    expected = read_goldens(GOLDEN)
    stale = sorted(set(expected) - set(outputs))
    assert stale == [], f"golden files no longer generated (run --update-goldens): {stale}"
    missing = sorted(set(outputs) - set(expected))
    assert missing == [], f"generated without a golden file (run --update-goldens): {missing}"
    for path, content in outputs.items():
        assert content.decode() == expected[path].decode(), f"{path} differs from its golden file"


def read_goldens(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def write_goldens(folder: Path, outputs: dict[str, bytes]) -> None:
    """Makes `folder` hold exactly `outputs`: a golden file that is no longer generated is
    deleted (and a folder it leaves empty), so that a removed page cannot keep its golden."""
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and path.relative_to(folder).as_posix() not in outputs:
            path.unlink()
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    for path, content in outputs.items():
        target = folder / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)


def test_updating_the_goldens_deletes_the_golden_files_no_longer_generated(
    tmp_path: Path,
) -> None:
    (tmp_path / "parter").mkdir()
    (tmp_path / "parter" / "borttagen.md").write_text("gammal", encoding="utf-8")
    (tmp_path / "gammal").mkdir()
    (tmp_path / "gammal" / "sida.md").write_text("gammal", encoding="utf-8")
    (tmp_path / "index.md").write_text("gammal", encoding="utf-8")
    write_goldens(tmp_path, {"index.md": b"ny", "parter/kvar.md": b"kvar"})
    assert read_goldens(tmp_path) == {"index.md": b"ny", "parter/kvar.md": b"kvar"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.md", "parter"]


def test_every_page_kind_is_generated_with_its_source_file(generated: Generated) -> None:
    by_path = {page.path: page for page in generated.pages}
    assert by_path["parter/alfa-idrottsforening.md"].source == (
        "signatories/alfa-idrottsforening.yml"
    )
    assert by_path["stordialoger/2027-fritid.md"].source == "dialogues/2027-fritid.yml"
    assert by_path["overenskommelsen.md"].source == "agreement/agreement.yml"
    for path in ("index.md", "vardegrund.md", "parter/index.md", "stordialoger/index.md"):
        assert path in by_path


def _front_matter(markdown: str) -> dict[str, str]:
    assert markdown.startswith("---\n")
    return yaml.safe_load(markdown[4 : markdown.index("\n---\n", 3)])


def test_every_page_carries_its_edit_link_in_its_front_matter(generated: Generated) -> None:
    """The link to the data file travels with the page, for engines that run no okide hook;
    a page made from no single file says it has none."""
    for page in generated.pages:
        expected = SITE.edit_url(page.source) if page.source else ""
        assert _front_matter(page.markdown)["edit_url"] == expected, page.path
    by_path = {page.path: page for page in generated.pages}
    party = _front_matter(by_path["parter/alfa-idrottsforening.md"].markdown)
    assert party["edit_url"] == (
        "https://github.com/exempel/okide/edit/main/signatories/alfa-idrottsforening.yml"
    )
    assert _front_matter(by_path["vardegrund.md"].markdown)["edit_url"] == ""


def test_an_edit_base_with_quotes_and_markup_stays_one_front_matter_value() -> None:
    """mkdocs.yml's addresses reach every page's front matter: as a JSON string, which YAML
    reads back as the same text, never as more keys."""
    register = load_register(SMALL, TODAY)
    assert isinstance(register, Register)
    base = 'https://example.org/"x"\nsearch: {exclude: true}<b>/'
    pages = render_pages(register, TODAY, SiteSettings(edit_base=base))
    party = next(page for page in pages if page.path == "parter/alfa-idrottsforening.md")
    matter = _front_matter(party.markdown)
    assert matter["edit_url"] == " ".join((base + party.source).split())
    assert "search" not in matter


def test_url_paths_are_directory_style() -> None:
    assert url_path("index.md") == ""
    assert url_path("parter/index.md") == "parter/"
    assert url_path("parter/abf.md") == "parter/abf/"
    assert url_path("overenskommelsen.md") == "overenskommelsen/"


def _register() -> Register:
    register = load_register(SMALL, TODAY)
    assert isinstance(register, Register)
    return register


def _page(path: str, today=TODAY) -> str:
    pages = {page.path: page.markdown for page in render_pages(_register(), today, SITE)}
    return pages[path]


def _html(path: str) -> str:
    """The page as the engine renders it (Python-Markdown with the site's extensions)."""
    import markdown

    body = _page(path).split("---", 2)[2]
    extensions = ["admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"]
    return markdown.markdown(body, extensions=extensions)


def _text(html: str) -> str:
    from html.parser import HTMLParser

    parts: list[str] = []
    parser = HTMLParser(convert_charrefs=True)
    parser.handle_data = parts.append  # type: ignore[method-assign]
    parser.feed(html)
    parser.close()
    return " ".join("".join(parts).split())


def _tags(html: str) -> list[str]:
    from html.parser import HTMLParser

    tags: list[str] = []
    parser = HTMLParser()
    parser.handle_starttag = lambda tag, attrs: tags.append(tag)  # type: ignore[method-assign]
    parser.feed(html)
    parser.close()
    return tags


def test_names_from_yaml_are_escaped_not_rendered_as_html() -> None:
    html = _html("tidigare-parter.md")
    assert "Gamma-nätverket <för alla>" in _text(html)
    assert "för" not in _tags(html)


def test_raw_html_in_markdown_fields_is_shown_as_text() -> None:
    html = _html("vardegrund.md")
    assert "<b>Ingen HTML</b>" in _text(html)
    assert "b" not in _tags(html)


def test_front_matter_is_html_escaped_because_themes_print_it_raw() -> None:
    front = _page("parter/gamma-natverket.md").split("---")[1]
    assert 'title: "Gamma-nätverket &lt;för alla&gt;"' in front


def test_former_parties_page_exists_and_says_so_when_no_one_has_left() -> None:
    before_anyone_left = date(2023, 6, 1)
    pages = {p.path: p for p in render_pages(_register(), before_anyone_left, SITE)}
    former = pages["tidigare-parter.md"].markdown
    assert "Ingen organisation har lämnat ÖK Exempel." in former
    assert "<table" not in former and 'id="okide-filter"' not in former
    assert "[Se nuvarande parter](parter/index.md)" in former
    register = pages["parter/index.md"].markdown
    assert register.split("## Tidigare parter")[1].strip() == (
        "Ingen organisation har lämnat ÖK Exempel."
    )
    assert "tidigare-parter" not in register  # nothing to search among there


def test_detail_pages_the_former_parties_page_and_the_search_page_are_kept_out_of_the_navigation() -> (
    None
):
    outside = sorted(p.path for p in render_pages(_register(), TODAY, SITE) if not p.in_nav)
    assert outside == [
        "parter/alfa-idrottsforening.md", "parter/beta-stiftelsen.md",
        "parter/gamma-natverket.md", "parter/no.md", "sok.md",
        "stordialoger/2025-ensamhet.md", "stordialoger/2026-installt.md",
        "stordialoger/2027-fritid.md", "tidigare-parter.md",
    ]  # fmt: skip


def test_a_dialogue_moves_to_past_the_day_after_it_ends() -> None:
    page = _page("stordialoger/index.md", today=date(2027, 3, 17))
    assert "2027-fritid.md" in page.split("## Tidigare stordialoger")[1]
    page = _page("stordialoger/index.md", today=date(2027, 3, 16))
    assert "2027-fritid.md" in page.split("## Tidigare stordialoger")[0]


def test_start_page_names_no_former_parties_before_anyone_has_left() -> None:
    """Once someone has left, the count links to them: the golden start page shows it."""
    before_anyone_left = render_pages(_register(), date(2023, 6, 1), SITE)
    start = next(page.markdown for page in before_anyone_left if page.path == "index.md")
    assert "står bakom överenskommelsen." in start and "har lämnat" not in start


def test_registration_closes_after_its_deadline_and_is_gone_once_the_dialogue_is_past() -> None:
    after_deadline = _page("stordialoger/2027-fritid.md", today=date(2027, 3, 10))
    assert "Anmälan stängde 9 mars 2027." in after_deadline
    assert "[Anmäl dig]" not in after_deadline
    after_dialogue = _page("stordialoger/2027-fritid.md", today=date(2027, 3, 17))
    assert "Anmälan" not in after_dialogue


def test_a_register_of_a_thousand_parties_renders(tmp_path: Path) -> None:
    import shutil

    shutil.copytree(SMALL, tmp_path / "data")
    for number in range(1000):
        (tmp_path / "data" / "signatories" / f"forening-{number}.yml").write_text(
            f"name: Förening {number}\nform: ideell förening\nsigned: 2021-01-01\n",
            encoding="utf-8",
        )
    result = generate(tmp_path / "data", TODAY, SITE)
    assert not isinstance(result, list)
    register_page = next(p for p in result.pages if p.path == "parter/index.md")
    assert register_page.markdown.count('<tr><td><a href="forening-') == 1000


def test_a_departure_announced_for_a_later_date_reads_as_still_to_come() -> None:
    page = _page("parter/gamma-natverket.md", today=date(2023, 6, 1))
    assert "Lämnar\n:   31 december 2023" in page
    assert "Tidigare part" not in page and "är part i ÖK Exempel sedan" in page


def _hostile_register() -> Register:
    """URLs that would end their link early. The validator rejects them since they hold <, >
    or a quote; the pages must still not let them through (defence in depth), so they are
    put into a valid register after validation."""
    register = load_register(SMALL, TODAY)
    assert isinstance(register, Register), register
    party = register.signatories["alfa-idrottsforening"]
    assert party.contact is not None
    party = party.model_copy(
        update={
            "website": "https://x.org/a><script>alert(1)</script>",
            "contact": party.contact.model_copy(
                update={"url": "https://x.org/b><img/src=x/onerror=alert(2)>"}
            ),
        }
    )
    dialogue = register.dialogues["2027-fritid"]
    assert dialogue.registration is not None
    dialogue = dialogue.model_copy(
        update={
            "online": "https://x.org/c><script>alert(3)</script>",
            "registration": dialogue.registration.model_copy(
                update={"url": "https://x.org/d)<script>alert(4)</script>"}
            ),
        }
    )
    return register.model_copy(
        update={
            "signatories": {**register.signatories, party.id: party},
            "dialogues": {**register.dialogues, dialogue.id: dialogue},
        }
    )


def test_urls_from_yaml_cannot_end_their_link_and_inject_html() -> None:
    import markdown

    pages = {p.path: p.markdown for p in render_pages(_hostile_register(), TODAY, SITE)}
    extensions = ["attr_list", "def_list", "md_in_html", "admonition", "tables"]
    for path in ("parter/alfa-idrottsforening.md", "stordialoger/2027-fritid.md"):
        html = markdown.markdown(pages[path].split("---", 2)[2], extensions=extensions)
        html = html.split('<script type="application/ld+json">')[0]
        assert "<script>" not in html and "<img" not in html, path
    party = pages["parter/alfa-idrottsforening.md"]
    assert "<https://x.org/a%3E%3Cscript%3Ealert%281%29%3C/script%3E>" in party
    dialogue = pages["stordialoger/2027-fritid.md"]
    assert "[Anmäl dig](https://x.org/d%29%3Cscript%3Ealert%284%29%3C/script%3E)" in dialogue


def test_escape_url_keeps_ordinary_addresses_as_they_are() -> None:
    from okide.markdown import escape_url

    for url in (
        "https://www.uddevalla.se/",
        "https://exempel.se/sök?a=1&b=2#del",
        "https://exempel.se/%C3%A5",
        "https://exempel.se/a,b;c=d+e*f~g!h$i@j",
    ):
        assert escape_url(url) == url
    assert escape_url("https://x.se/a (b)") == "https://x.se/a%20%28b%29"


def test_a_name_ending_in_hash_keeps_it_in_the_heading() -> None:
    import markdown

    from okide.markdown import escape_inline

    assert _text(markdown.markdown("# " + escape_inline("Klubb C#"))) == "Klubb C#"
    heading = "## " + escape_inline("Förening ###") + " { #x }"
    html = markdown.markdown(heading, extensions=["attr_list"])
    assert html.startswith('<h2 id="x">') and _text(html) == "Förening ###"


def test_webcal_link_follows_the_site_url(register: Register) -> None:
    from okide.pages import render_pages

    for site_url, webcal in [
        ("https://exempelby.example.org/ok/", "webcal://exempelby.example.org/ok/stordialoger.ics"),
        ("http://localhost:8000", "webcal://localhost:8000/stordialoger.ics"),
    ]:
        pages = render_pages(register, TODAY, SiteSettings(site_url=site_url))
        listing = next(page.markdown for page in pages if page.path == "stordialoger/index.md")
        assert f"]({webcal})" in listing


def test_open_data_page_documents_the_filter_parameters_the_script_reads() -> None:
    from tests.conftest import ROOT

    script = (ROOT / "okide/overrides/javascripts/okide-filter.js").read_text(encoding="utf-8")
    params = re.search(r"var PARAMS = \{([^}]*)\}", script)
    assert params
    names = re.findall(r':\s*"([a-z]+)"', params.group(1))
    assert sorted(names) == ["form", "namn", "omrade", "status", "text"]
    page = (ROOT / "docs/om-data.md").read_text(encoding="utf-8")
    for name in names:
        assert f"`{name}=…`" in page, name
    # Both pages with a register table read them (the former parties' page is tested above),
    # and the plan's page its own.
    assert "[Parter](parter/index.md)" in page and "[Tidigare parter](tidigare-parter.md)" in page
    assert "[Samverkansplan](samverkansplan.md)" in page


def test_a_cancelled_dialogues_page_offers_no_online_link_and_no_registration() -> None:
    register = _register()
    fritid = register.dialogues["2027-fritid"]
    cancelled = register.model_copy(
        update={
            "dialogues": {
                **register.dialogues,
                "2027-fritid": fritid.model_copy(update={"status": "cancelled"}),
            }
        }
    )
    planned = {p.path: p.markdown for p in render_pages(register, TODAY, SITE)}
    pages = {p.path: p.markdown for p in render_pages(cancelled, TODAY, SITE)}
    before, after = planned["stordialoger/2027-fritid.md"], pages["stordialoger/2027-fritid.md"]
    assert "Delta digitalt" in before and "Anmäl dig" in before
    assert "Stordialogen är inställd." in after
    for gone in ("Delta digitalt", "exempelby.example.org/mote", "Anmäl", "anmalan", ".ics)"):
        assert gone not in after, gone
