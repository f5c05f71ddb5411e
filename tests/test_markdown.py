"""okide.markdown.plain_text: an editor's Markdown as one line of plain text, for meta
descriptions and JSON-LD, without running a Markdown parser for every description.

The reference is what Python-Markdown renders, with the tags dropped: the two must agree on
everything editors write (the shipped content, the fixture, the benchmark's data) and on
generated documents of the constructs editors use.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import markdown as python_markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from okide.load import load_register
from okide.markdown import plain_text, safe_markdown
from okide.models import Register
from tests.conftest import ROOT, SMALL, TODAY


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def rendered_text(text: str) -> str:
    """The reference: the field rendered as on the page, tags dropped, white space joined."""
    parser = _TextOnly()
    parser.feed(python_markdown.markdown(safe_markdown(text)))
    parser.close()
    return " ".join("".join(parser.parts).split())


def _markdown_fields(register: Register) -> list[str]:
    texts = [register.agreement.purpose]
    texts += [party.description for party in register.signatories.values() if party.description]
    for dialogue in register.dialogues.values():
        texts += [dialogue.description, *([dialogue.outcome] if dialogue.outcome else [])]
    texts += [clause.text for clause in register.clauses.values()]
    return texts + [value.text for value in register.values.values()]


def _bench_register(tmp_path: Path) -> Register:
    from scripts.bench.data import write_data_set

    write_data_set(tmp_path, 200, TODAY)
    register = load_register(tmp_path, TODAY)
    assert isinstance(register, Register), register
    return register


def test_plain_text_agrees_with_the_rendered_page_on_all_shipped_fixture_and_bench_text(
    tmp_path: Path,
) -> None:
    texts = []
    for root in (ROOT, SMALL):
        register = load_register(root, TODAY)
        assert isinstance(register, Register), register
        texts += _markdown_fields(register)
    texts += _markdown_fields(_bench_register(tmp_path))
    assert len(texts) > 250
    for text in texts:
        assert plain_text(text) == rendered_text(text), text


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
    assert rendered_text(written) == plain


WORDS = st.sampled_from(
    ["Förening", "idrott", "för", "alla", "i", "Uddevalla", "snake_case", "C#", "100%", "5 * 3",
     "e-post:", "(parentes)", '"citat"', "–", "&", "<b>", "&amp;", "a_b_c", "x__y__z", "{x}",
     "|", "~", "!", "?", "...", "2017-09-15", "kl. 18.00"]
)  # fmt: skip
PHRASE = st.lists(WORDS.filter(lambda w: w[0].isalpha()), min_size=1, max_size=3).map(" ".join)
INLINE = st.one_of(
    WORDS,
    PHRASE.map(lambda p: f"**{p}**"),
    PHRASE.map(lambda p: f"*{p}*"),
    PHRASE.map(lambda p: f"_{p}_"),
    PHRASE.map(lambda p: f"[{p}](https://exempel.se/sida)"),
    st.just("<https://exempel.se>"),
    st.just("<info@exempel.se>"),
    PHRASE.map(lambda p: f"`{p}`"),
    st.just("\\*"),
)
SENTENCE = st.lists(INLINE, min_size=1, max_size=8).map(" ".join)
BLOCK = st.one_of(
    st.lists(SENTENCE, min_size=1, max_size=3).map("\n".join),
    st.tuples(st.integers(1, 4), SENTENCE).map(lambda h: "#" * h[0] + " " + h[1]),
    st.tuples(st.sampled_from(["-", "*", "1."]), st.lists(SENTENCE, min_size=1, max_size=4)).map(
        lambda items: "\n".join(f"{items[0]} {s}" for s in items[1])
    ),
    SENTENCE.map(lambda s: "> " + s),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(BLOCK, min_size=1, max_size=4).map("\n\n".join))
def test_plain_text_agrees_with_the_rendered_page_on_generated_documents(text: str) -> None:
    assert plain_text(text) == rendered_text(text)
