"""okide.markdown: editors' Markdown through markdown-it-py and nh3; plain values as inert text.

The page's engine (Python-Markdown with the project's extensions) must copy an editor's HTML
block as it is, never read it a second time; the HTML must hold nothing outside the allow-list,
whatever the editor wrote; the plain text must be the words a reader sees on the page.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown as python_markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okide.load import load_register
from okide.markdown import (
    escape_inline,
    escape_url,
    markdown_block,
    markdown_html,
    plain_text,
    targets,
)
from okide.models import Register
from tests.conftest import FIXTURES, ROOT, SMALL, TODAY

# What mkdocs.yml gives the engine: the same extensions read the generated pages.
ENGINE_EXTENSIONS = ["admonition", "attr_list", "def_list", "md_in_html", "tables", "toc"]
ALLOWED_TAGS = {"p", "br", "hr", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li",
                "a", "h3", "h4", "h5", "h6"}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title", "rel"}}
SCHEMES = ("https:", "http:", "mailto:")


class _Elements(HTMLParser):
    """Every element with its attributes, and the text, as a browser's parser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_comment(self, data: str) -> None:
        self.elements.append(("!--", {}))


def parsed(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser


def text_of(html: str) -> str:
    return " ".join("".join(parsed(html).parts).split())


def engine(markdown: str) -> str:
    return python_markdown.markdown(markdown, extensions=ENGINE_EXTENSIONS)


def assert_only_allowed(html: str) -> None:
    for tag, attributes in parsed(html).elements:
        assert tag in ALLOWED_TAGS | {"div"}, (tag, html)
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"class"} if tag == "div" else set())
        assert set(attributes) <= allowed, (tag, attributes, html)
        href = attributes.get("href")
        if href is not None:
            assert href.lower().startswith(SCHEMES), (href, html)


def _markdown_fields(register: Register) -> list[str]:
    texts = [register.agreement.purpose]
    texts += [party.description for party in register.signatories.values() if party.description]
    for dialogue in register.dialogues.values():
        texts += [dialogue.description, *([dialogue.outcome] if dialogue.outcome else [])]
    texts += [clause.text for clause in register.clauses.values()]
    texts += [follow_up.contribution for follow_up in register.followups.values()]
    for plan in register.plans.values():
        texts += [plan.description] if plan.description else []
        texts += [c.description for c in plan.challenges if c.description]
    for action in register.actions.values():
        texts += [action.description, *([action.outcome] if action.outcome else [])]
    return texts + [value.text for value in register.values.values()]


def _shipped_texts(tmp_path: Path) -> list[str]:
    from scripts.bench.data import write_data_set

    write_data_set(tmp_path, 200, TODAY)
    texts = []
    for root in (ROOT, SMALL, FIXTURES / "region", tmp_path):
        register = load_register(root, TODAY)
        assert isinstance(register, Register), register
        texts += _markdown_fields(register)
    return texts


def test_plain_text_is_the_text_of_the_page_for_all_shipped_fixture_and_bench_text(
    tmp_path: Path,
) -> None:
    texts = _shipped_texts(tmp_path)
    assert len(texts) > 250
    for text in texts:
        assert plain_text(text) == text_of(markdown_html(text)), text


def test_the_engine_copies_every_shipped_text_block_unread(tmp_path: Path) -> None:
    for text in _shipped_texts(tmp_path):
        block = markdown_block(text)
        assert engine(block) == block, text


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("**Fet** [länk](https://a.se) och *kursiv*", "Fet länk och kursiv"),
        ("Vi spelar _fotboll_ i snake_case_klubben", "Vi spelar fotboll i snake_case_klubben"),
        ("Text med <b>html</b> & &amp; och &lt;x&gt;", "Text med <b>html</b> & & och <x>"),
        ("`kod **inte fet**` och \\*inte kursiv\\*", "kod **inte fet** och *inte kursiv*"),
        ("## Om oss ##\n\nVi finns i C#-gruppen", "Om oss Vi finns i C#-gruppen"),
        ("> citat\n\n1. ett\n2. två\n\n- a\n- b", "citat ett två a b"),
        ("Setext\n======\n\nText\n\n***\n\nMer", "Setext Text Mer"),
        ("[ref]: https://x.se\n\nSe [x][ref].", "Se x."),
        ("<https://a.se> och <info@a.se>", "https://a.se och info@a.se"),
        ("5 * 3 = 15 och a * b", "5 * 3 = 15 och a * b"),
        ("**Fet *kursiv* fet**", "Fet kursiv fet"),
        ("Rad  \nny rad", "Rad ny rad"),
        ("```\nkod\n```", "kod"),
    ],
)
def test_plain_text_drops_markup_and_keeps_the_words(written: str, plain: str) -> None:
    assert plain_text(written) == plain
    assert text_of(markdown_html(written)) == plain


def test_raw_html_is_shown_as_text_never_as_markup() -> None:
    html = markdown_html('<script>alert(1)</script> <img src="https://evil.example/x.png">')
    assert [tag for tag, _ in parsed(html).elements] == ["p"]
    assert text_of(html) == '<script>alert(1)</script> <img src="https://evil.example/x.png">'


@pytest.mark.parametrize(
    "written",
    [
        "[klicka](javascript:alert(1))",
        "<javascript:alert(1)>",
        "[x]\n\n[x]: javascript:alert(1)",
        "- a\n\n  [x]: javascript:alert(1)\n\n[x]",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox)",
        "[x](/relativ/sida)",
        "[x](../../etc/passwd)",
    ],
)
def test_links_outside_the_web_and_e_mail_lose_their_address(written: str) -> None:
    html = markdown_html(written)
    assert_only_allowed(html)
    assert all("href" not in attributes for _, attributes in parsed(html).elements)


def test_images_are_never_loaded_by_any_syntax() -> None:
    for written in ("![x](https://evil.example/p.png)", "![x][p]\n\n[p]: https://evil.example/p"):
        html = markdown_html(written)
        assert "img" not in {tag for tag, _ in parsed(html).elements}


def test_headings_sit_below_the_section_they_are_placed_in() -> None:
    html = markdown_html("# Ett\n\n## Två\n\n###### Sex", top_level=4)
    assert [tag for tag, _ in parsed(html).elements] == ["h4", "h5", "h6"]


def test_links_keep_their_address_and_title_and_open_nothing_of_ours() -> None:
    (tag, attributes), *_ = parsed(markdown_html('[x](https://a.se/s?q=1&r=2 "Titel")')).elements[
        1:
    ]
    assert tag == "a"
    assert attributes == {"href": "https://a.se/s?q=1&r=2", "title": "Titel",
                          "rel": "noopener noreferrer"}  # fmt: skip


def test_targets_are_placed_on_the_line_and_column_where_they_are_written() -> None:
    text = "Första raden.\n\n- punkt\n\n  [x]: javascript:alert(1)\n\nSe [x] och ![b](https://e.se/b.png)"
    found = targets(text)
    assert [(t.kind, t.url, t.line, t.column) for t in found] == [
        ("link", "javascript:alert(1)", 4, 7),  # its definition, hidden in the list
        ("image", "https://e.se/b.png", 6, 16),
    ]


# Hostile shapes: the constructs that broke the regular expressions that came before.
PIECES = st.sampled_from(
    ["\\", "\\`", "`", "``", "```", "~~~", "{", "}", "{: onclick=alert(1) }", "{ #x .y }",
     "\r", "\n", "\n\n", "    ", "<", ">", "<details/open/ontoggle=alert(1)//@a.b>",
     "<https:x/onfocus=alert(1)>", "<mailto:x/style=position:fixed>", "[", "]", "(", ")",
     "[x]: javascript:alert(1)", "javascript:alert(1)", "![", "!", "*", "_", "#", "> ", "- ",
     "1. ", ": ", "&", "&lt;", "&#60;", '"', "'", "=", "/", "<script>", "</div>", "<div markdown>",
     "text", "å", "https://exempel.se", "@", "|", "---", "===", "!!! note"]
)  # fmt: skip
HOSTILE = st.lists(PIECES, min_size=1, max_size=40).map("".join)


@settings(max_examples=400, deadline=None)
@given(HOSTILE)
def test_any_text_gives_html_inside_the_allow_list(text: str) -> None:
    assert_only_allowed(markdown_html(text))


@settings(max_examples=400, deadline=None)
@given(HOSTILE)
def test_the_engine_never_reads_an_editor_block_a_second_time(text: str) -> None:
    block = markdown_block(text)
    assert engine(block) == block


@settings(max_examples=300, deadline=None)
@given(HOSTILE)
def test_plain_text_is_the_text_of_the_page_for_hostile_text(text: str) -> None:
    assert plain_text(text) == text_of(markdown_html(text))


@settings(max_examples=400, deadline=None)
@given(
    st.text(
        st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=60
    ).filter(lambda s: s.strip())
)
def test_a_plain_value_renders_as_exactly_the_text_written(value: str) -> None:
    html = engine(f"Namn: {escape_inline(value)}")
    elements = parsed(html).elements
    assert [tag for tag, _ in elements] == ["p"], html
    assert text_of(html) == "Namn: " + " ".join(value.split())


@settings(max_examples=200, deadline=None)
@given(st.text(min_size=1, max_size=40))
def test_a_url_in_angle_brackets_stays_one_link_to_the_same_address(tail: str) -> None:
    url = "https://exempel.se/" + tail
    html = engine(f"<{escape_url(url)}>")
    links = [a for tag, a in parsed(html).elements if tag == "a"]
    assert len(links) == 1 and set(links[0]) == {"href"}, html
    assert [tag for tag, _ in parsed(html).elements] == ["p", "a"]
