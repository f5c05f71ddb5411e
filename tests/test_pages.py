"""Golden tests: the generated Markdown and exports of the small fixture, byte for byte.

Regenerate with `pytest tests/test_pages.py --update-goldens` and review the diff.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from okide.load import load_register
from okide.models import Register
from okide.pages import render_pages
from okide.settings import SiteSettings, url_path
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
        for path, content in outputs.items():
            target = GOLDEN / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
    expected = {
        str(path.relative_to(GOLDEN)): path.read_bytes()
        for path in GOLDEN.rglob("*")
        if path.is_file()
    }
    assert sorted(outputs) == sorted(expected), "pages added or removed: run --update-goldens"
    for path, content in outputs.items():
        assert content.decode() == expected[path].decode(), f"{path} differs from its golden file"


def test_every_page_kind_is_generated_with_its_source_file(generated: Generated) -> None:
    by_path = {page.path: page for page in generated.pages}
    assert by_path["parter/alfa-idrottsforening.md"].source == (
        "signatories/alfa-idrottsforening.yml"
    )
    assert by_path["stordialoger/2027-fritid.md"].source == "dialogues/2027-fritid.yml"
    assert by_path["overenskommelsen.md"].source == "agreement/agreement.yml"
    for path in ("index.md", "vardegrund.md", "parter/index.md", "stordialoger/index.md"):
        assert path in by_path


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


def test_clauses_are_ordered_by_numeric_parts_with_anchors() -> None:
    agreement = _page("overenskommelsen.md")
    order = [
        agreement.index(f"{{ #{cid} }}")
        for cid in ("syfte", "kommunens-ataganden", "uppfoljning", "sektorns-ataganden")
    ]
    assert order == sorted(order)


def test_register_lists_current_parties_and_links_to_the_former_ones() -> None:
    page = _page("parter/index.md")
    current, former = page.split("## Tidigare parter")
    assert '<a href="alfa-idrottsforening/">Alfa idrottsförening</a>' in current
    assert "gamma-natverket" not in page and "<td>2023-12-31" not in page
    assert former.strip() == (
        "1 organisation har lämnat ÖK Exempel. [Se tidigare parter](../tidigare-parter.md)"
    )
    # A filter that finds no current party offers the same filter on the former parties.
    assert 'data-okide-elsewhere="../tidigare-parter/"' in current


def test_former_parties_have_a_page_with_the_day_each_left_and_a_link_back() -> None:
    page = _page("tidigare-parter.md")
    front, body = page.split("---", 2)[1:]
    assert 'title: "Tidigare parter"' in front and "description: " in front
    assert "exclude: true" in front  # out of search, like the register
    assert body.startswith("\n\n# Tidigare parter\n\n1 organisation har lämnat ÖK Exempel.")
    assert "[Se nuvarande parter](parter/index.md)" in body
    assert '<a href="../parter/gamma-natverket/">' in body and "<td>2023-12-31<td>" in body
    assert body.count("<tr><td>") == 1 and "alfa-idrottsforening" not in body
    assert 'data-okide-filter="tidigare parter"' in body and 'id="okide-filter"' in body


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


def test_detail_pages_and_the_former_parties_page_are_kept_out_of_the_navigation() -> None:
    outside = sorted(p.path for p in render_pages(_register(), TODAY, SITE) if not p.in_nav)
    assert outside == [
        "parter/alfa-idrottsforening.md", "parter/beta-stiftelsen.md",
        "parter/gamma-natverket.md", "parter/no.md",
        "stordialoger/2025-ensamhet.md", "stordialoger/2026-installt.md",
        "stordialoger/2027-fritid.md", "tidigare-parter.md",
    ]  # fmt: skip


def test_a_party_page_links_back_to_the_list_it_stands_in() -> None:
    assert "[Alla parter](index.md)" in _page("parter/alfa-idrottsforening.md")
    former = _page("parter/gamma-natverket.md")
    assert "[Alla tidigare parter](../tidigare-parter.md)" in former
    assert "[Alla parter](index.md)" not in former


def test_dialogues_upcoming_soonest_first_then_past_latest_first() -> None:
    page = _page("stordialoger/index.md")
    upcoming, past = page.split("## Tidigare stordialoger")
    assert upcoming.index("2026-installt.md") < upcoming.index("2027-fritid.md")
    assert "2025-ensamhet.md" in past and "Tre idéverkstäder startades." in past
    assert "(inställd)" in upcoming


def test_a_dialogue_moves_to_past_the_day_after_it_ends() -> None:
    page = _page("stordialoger/index.md", today=date(2027, 3, 17))
    assert "2027-fritid.md" in page.split("## Tidigare stordialoger")[1]
    page = _page("stordialoger/index.md", today=date(2027, 3, 16))
    assert "2027-fritid.md" in page.split("## Tidigare stordialoger")[0]


def test_start_page_shows_next_planned_dialogue_not_a_cancelled_one() -> None:
    start = _page("index.md")
    next_section = start.split("## Nästa stordialog")[1].split("\n## ")[0]
    assert "2027-fritid.md" in next_section and "2026-installt" not in next_section
    assert "tisdag 16 mars 2027 kl. 17.30–20.00" in next_section
    assert "Anmälan senast tisdag 9 mars 2027" in next_section


def test_start_page_counts_held_and_planned_dialogues_apart_leaving_out_cancelled() -> None:
    start = _page("index.md")
    assert "**1 stordialog** har hållits, 1 är planerad." in start
    assert "**3 principer** i [värdegrunden]" in start


def test_start_page_links_the_count_of_former_parties_to_their_page() -> None:
    start = _page("index.md")
    assert (
        "**3 organisationer** står bakom överenskommelsen ([1 har lämnat](tidigare-parter.md))."
        in start
    )
    before_anyone_left = render_pages(_register(), date(2023, 6, 1), SITE)
    start = next(page.markdown for page in before_anyone_left if page.path == "index.md")
    assert "står bakom överenskommelsen." in start and "har lämnat" not in start


def test_dialogue_page_shows_swedish_time_place_registration_and_hosts() -> None:
    html = _html("stordialoger/2027-fritid.md")
    text = _text(html)
    assert "tisdag 16 mars 2027 kl. 17.30–20.00" in text
    assert "Anmäl dig senast tisdag 9 mars 2027." in text
    assert '<a href="https://exempelby.example.org/anmalan">Anmäl dig</a>' in html
    assert '<a href="../parter/beta-stiftelsen.md">Beta&#45;stiftelsen</a>' in html
    assert '<a class="md-button" href="2027-fritid.ics">Lägg till i kalendern</a>' in html


def test_dialogue_page_puts_the_accessibility_of_the_place_beside_the_place() -> None:
    text = _text(_html("stordialoger/2025-ensamhet.md"))
    place = text.index("Plats Folkets hus")
    assert text.index("Tillgänglighet på platsen Entré utan trappsteg") > place
    assert text.index("Tillgänglighet på platsen") < text.index("Om stordialogen")


def test_registration_closes_after_its_deadline_and_is_gone_once_the_dialogue_is_past() -> None:
    after_deadline = _page("stordialoger/2027-fritid.md", today=date(2027, 3, 10))
    assert "Anmälan stängde 9 mars 2027." in after_deadline
    assert "[Anmäl dig]" not in after_deadline
    after_dialogue = _page("stordialoger/2027-fritid.md", today=date(2027, 3, 17))
    assert "Anmälan" not in after_dialogue


def test_past_and_cancelled_dialogues_offer_no_calendar_button() -> None:
    assert "2025-ensamhet.ics" not in _page("stordialoger/2025-ensamhet.md")
    assert "2026-installt.ics" not in _page("stordialoger/2026-installt.md")


def test_past_dialogues_label_their_outcome() -> None:
    past = _text(_html("stordialoger/index.md")).split("Tidigare stordialoger")[1]
    assert "Resultat: Tre idéverkstäder startades." in past


def test_clauses_name_who_they_bind_and_the_principles_they_express() -> None:
    agreement = _page("overenskommelsen.md")
    assert "*Gäller: Exempelby kommun och den idéburna sektorn.*" in agreement
    assert "*Gäller: Exempelby kommun.*" in agreement
    assert "*Gäller: den idéburna sektorn.*" in agreement
    assert "Uttrycker värdegrundens principer: [Dialog](vardegrund.md#dialog)." in agreement


def test_party_page_lists_dialogues_it_hosts() -> None:
    page = _page("parter/alfa-idrottsforening.md")
    assert "../stordialoger/2027-fritid.md" in page and "../stordialoger/2025-ensamhet.md" in page


def test_former_party_page_says_when_it_left() -> None:
    page = _page("parter/gamma-natverket.md")
    assert "lämnade ÖK Exempel 31 december 2023" in page
    assert "var part i ÖK Exempel från 1 mars 2020 till 31 december 2023." in page.split("---")[1]


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
