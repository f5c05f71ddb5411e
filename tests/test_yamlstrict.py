"""Strict YAML: every scalar stays the text written, every rejection has its own message and
place, and the C and pure-Python parsers agree."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from okide.problems import Problem
from okide.yamlstrict import (
    FAST_LOADER,
    MAX_DEPTH,
    Positions,
    StrictYamlError,
    decode_utf8,
    parse_text,
)

LOADERS = pytest.mark.parametrize(
    "loader", [FAST_LOADER, yaml.SafeLoader], ids=["c-loader", "python-loader"]
)


def _data(text: str, loader: type = FAST_LOADER) -> Any:
    return parse_text(text, loader)[0]


def _positions(text: str, loader: type = FAST_LOADER) -> Positions:
    return parse_text(text, loader)[1]


def _problem(text: str, loader: type = FAST_LOADER) -> Problem:
    with pytest.raises(StrictYamlError) as caught:
        parse_text(text, loader)
    return caught.value.problem


def _place(problem: Problem) -> tuple[int, int, str]:
    return problem.line, problem.column, problem.message


def _decode_problem(raw: bytes) -> Problem:
    with pytest.raises(StrictYamlError) as caught:
        decode_utf8(raw)
    return caught.value.problem


# Scalars stay text -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["NO", "yes", "01234", "8024001234", "12:30", "1e3", "2017-09-15", "~", "null", "true",
     "0x1F", "0522-69 60 00", "08", ".inf", "3.10"],
)  # fmt: skip
@LOADERS
def test_plain_scalars_come_back_as_the_exact_text_written(written: str, loader: type) -> None:
    assert _data(f"value: {written}\n", loader) == {"value": written}


@LOADERS
def test_scalars_in_lists_and_nested_mappings_stay_text(loader: type) -> None:
    text = "areas: [NO, 01234]\ncontact:\n  phone: 08\n  ok: yes\nitems:\n  - 1e3\n  - ~\n"
    assert _data(text, loader) == {
        "areas": ["NO", "01234"],
        "contact": {"phone": "08", "ok": "yes"},
        "items": ["1e3", "~"],
    }


@LOADERS
def test_keys_stay_text_too(loader: type) -> None:
    assert _data("1: a\nNO: b\n2017-09-15: c\n", loader) == {"1": "a", "NO": "b", "2017-09-15": "c"}


@LOADERS
def test_an_empty_plain_value_is_none(loader: type) -> None:
    assert _data("a:\nb: x\n", loader) == {"a": None, "b": "x"}


@LOADERS
def test_an_empty_list_item_is_none(loader: type) -> None:
    assert _data("a:\n  -\n  - x\n", loader) == {"a": [None, "x"]}


@pytest.mark.parametrize("written", ['""', "''"])
@LOADERS
def test_an_empty_quoted_value_is_the_empty_string(written: str, loader: type) -> None:
    assert _data(f"a: {written}\n", loader) == {"a": ""}


@LOADERS
def test_quoting_and_block_scalars_give_the_text_they_mean(loader: type) -> None:
    text = "a: 'it''s'\nb: \"\\u00e5\"\nc: |\n  rad 1\n  rad 2\nd: >\n  x\n  y\ne: x # kommentar\n"
    assert _data(text, loader) == {
        "a": "it's",
        "b": "å",
        "c": "rad 1\nrad 2\n",
        "d": "x y\n",
        "e": "x",
    }


# Rejections, each with its own message and place -----------------------------------------------


@LOADERS
def test_duplicate_key_is_rejected_at_the_second_key(loader: type) -> None:
    problem = _problem("name: A\nform: annan\nname: B\n", loader)
    assert (*_place(problem), problem.key) == (3, 1, "nyckeln 'name' finns redan på rad 1", "name")


@LOADERS
def test_duplicate_nested_key_is_rejected_with_its_key_path(loader: type) -> None:
    problem = _problem("name: A\ncontact:\n  email: a@b.se\n  email: c@d.se\n", loader)
    assert (*_place(problem), problem.key) == (
        4, 3, "nyckeln 'email' finns redan på rad 3", "contact.email",
    )  # fmt: skip


@LOADERS
def test_duplicate_key_in_a_flow_mapping_is_rejected(loader: type) -> None:
    assert _place(_problem("contact: {email: a@b.se, email: c@d.se}\n", loader)) == (
        1, 26, "nyckeln 'email' finns redan på rad 1",
    )  # fmt: skip


@LOADERS
def test_duplicate_key_in_a_list_item_mapping_is_rejected(loader: type) -> None:
    problem = _problem("areas:\n  - id: a\n    id: b\n", loader)
    assert (*_place(problem), problem.key) == (
        3,
        5,
        "nyckeln 'id' finns redan på rad 2",
        "areas.0.id",
    )


@LOADERS
def test_anchor_is_rejected_where_it_stands(loader: type) -> None:
    assert _place(_problem("name: A\nform: &f annan\n", loader)) == (2, 7, "ankare (&f) stöds inte")


@LOADERS
def test_anchor_on_a_mapping_is_rejected(loader: type) -> None:
    assert _place(_problem("contact: &c\n  email: a@b.se\n", loader)) == (
        1, 10, "ankare (&c) stöds inte",
    )  # fmt: skip


@LOADERS
def test_alias_is_rejected_where_it_stands(loader: type) -> None:
    assert _place(_problem("name: A\nform: *f\n", loader)) == (2, 7, "alias (*f) stöds inte")


@LOADERS
def test_alias_to_an_existing_anchor_reports_the_anchor_first(loader: type) -> None:
    assert _place(_problem("a: &x 1\nb: *x\n", loader)) == (1, 4, "ankare (&x) stöds inte")


@LOADERS
def test_several_documents_are_rejected_at_the_second(loader: type) -> None:
    assert _place(_problem("name: a\n---\nname: b\n", loader)) == (
        2, 1, "filen innehåller flera YAML-dokument",
    )  # fmt: skip


@LOADERS
def test_an_explicit_first_document_marker_is_fine(loader: type) -> None:
    assert _data("---\nname: a\n", loader) == {"name": "a"}


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "   \n", "# bara en kommentar\n", "# rad ett\n\n# rad två\n", "---\n"],
    ids=["nothing", "blank-lines", "spaces", "one-comment", "only-comments", "empty-document"],
)
@LOADERS
def test_an_empty_file_is_rejected(text: str, loader: type) -> None:
    assert _place(_problem(text, loader)) == (1, 1, "filen är tom")


@LOADERS
def test_a_list_at_the_top_level_is_rejected(loader: type) -> None:
    assert _place(_problem("# parter\n- a\n- b\n", loader)) == (
        2, 1, "filen ska bestå av nycklar med värden, men är en lista",
    )  # fmt: skip


@LOADERS
def test_a_single_value_at_the_top_level_is_rejected(loader: type) -> None:
    assert _place(_problem("  bara text\n", loader)) == (
        1, 3, "filen ska bestå av nycklar med värden, men är ett enda värde",
    )  # fmt: skip


@LOADERS
def test_tab_used_for_indentation_is_rejected_at_the_tab(loader: type) -> None:
    assert _place(_problem("name: A\ncontact:\n\temail: a@b.se\n", loader)) == (
        3, 1, "tabbtecken används för indrag",
    )  # fmt: skip


@LOADERS
def test_tab_after_spaces_in_the_indentation_is_rejected_at_the_tab(loader: type) -> None:
    assert _place(_problem("contact:\n  \temail: a@b.se\n", loader)) == (
        2, 3, "tabbtecken används för indrag",
    )  # fmt: skip


def test_a_tab_inside_a_value_is_kept() -> None:
    assert _data("name: A\tB\n") == {"name": "A\tB"}


def test_a_tab_inside_a_value_does_not_hide_the_real_syntax_error_below_it() -> None:
    problem = _problem("name: A\tB\nform: a: b\n")
    assert _place(problem) == (2, 8, "YAML-fel: ett kolon (:) på fel ställe")


@pytest.mark.parametrize(
    ("text", "tag"),
    [("order: !!int 3\n", "tag:yaml.org,2002:int"), ("name: !!str NO\n", "tag:yaml.org,2002:str"),
     ("name: !egen x\n", "!egen")],
)  # fmt: skip
@LOADERS
def test_explicit_tags_are_rejected(text: str, tag: str, loader: type) -> None:
    line, column, message = _place(_problem(text, loader))
    assert (line, message) == (1, f"taggen {tag} stöds inte")
    assert column == text.index("!") + 1


@pytest.mark.parametrize(
    ("text", "place", "message"),
    [
        ("name: a: b\n", (1, 8), "YAML-fel: ett kolon (:) på fel ställe"),
        ('name: "Förening\n', (2, 1), "YAML-fel: filen tar slut mitt i ett värde"),
        ("areas: [a, b\n", (2, 1), "YAML-fel: listan inom hakparenteser stängs inte"),
        ("contact: {email: a@b.se\n", (2, 1), "YAML-fel: mappningen inom klamrar stängs inte"),
        ("name: a\nform\n", (3, 1), "YAML-fel: kolon (:) saknas efter nyckeln"),
        ('name: "a\\qb"\n', (1, 9), "YAML-fel: okänd escape-sekvens (\\) inom dubbla citattecken"),
        ("name: @förening\n", (1, 7), "YAML-fel: tecknet kan inte inleda ett värde"),
        ("contact:\n  email: a@b.se\n phone: '08'\n", (3, 2),
         "YAML-fel: indraget stämmer inte med raderna ovanför"),
        ("areas: [a, , b]\n", (1, 12), "YAML-fel: strukturen stämmer inte här"),
    ],
    ids=["colon", "open-quote", "open-list", "open-mapping", "no-colon", "escape", "at-sign",
         "indent", "structure"],
)  # fmt: skip
def test_yaml_syntax_errors_get_a_swedish_message_and_place(
    text: str, place: tuple[int, int], message: str
) -> None:
    problem = _problem(text)
    assert (problem.line, problem.column) == place
    assert problem.message == message
    assert problem.hint


@pytest.mark.parametrize(
    "text",
    ["name: a: b\n", 'name: "Förening\n', "areas: [a, b\n", "name: a\nform\n", 'name: "a\\qb"\n',
     "name: @förening\n", "areas: [a, , b]\n"],
)  # fmt: skip
def test_yaml_syntax_errors_start_with_yaml_fel_on_the_same_line_with_either_loader(
    text: str,
) -> None:
    fast, slow = _problem(text, FAST_LOADER), _problem(text, yaml.SafeLoader)
    assert fast.message.startswith("YAML-fel: ") and slow.message.startswith("YAML-fel: ")
    assert fast.line == slow.line


@LOADERS
def test_an_untranslated_syntax_error_still_starts_with_yaml_fel(loader: type) -> None:
    problem = _problem("%YAML 1.1\n%YAML 1.1\n---\nname: a\n", loader)
    assert problem.message.startswith("YAML-fel: filen kan inte läsas (")
    assert "\n" not in problem.message
    assert problem.line == 2


@LOADERS
@pytest.mark.parametrize(("opening", "closing"), [("[", "]"), ("{a: ", "}")])
def test_nesting_deeper_than_the_limit_is_rejected_where_the_limit_is_passed(
    opening: str, closing: str, loader: type
) -> None:
    """32,000 levels fit in 64 KiB; built, their key paths would take gigabytes."""
    text = "name: " + opening * 32_000 + closing * 32_000
    problem = _problem(text, loader)
    column = len("name: ") + len(opening) * (MAX_DEPTH - 1) + 1
    assert (problem.line, problem.column) == (1, column)
    assert problem.message == (
        "för många nivåer av listor och mappningar inuti varandra (högst 20)"
    )
    assert problem.hint.startswith("skriv värdet enklare")


@LOADERS
def test_nesting_deeper_than_the_limit_in_block_style_is_rejected_on_its_line(
    loader: type,
) -> None:
    text = "a:\n" + "".join("  " * level + "- \n" for level in range(1, 40))
    problem = _problem(text, loader)
    assert (problem.line, problem.column) == (MAX_DEPTH + 1, 2 * MAX_DEPTH + 1)


@LOADERS
def test_nesting_up_to_the_limit_is_read(loader: type) -> None:
    depth = MAX_DEPTH - 1  # the file's own mapping is the first level
    data = _data("a: " + "[" * depth + "x" + "]" * depth, loader)
    for _ in range(depth):
        data = data["a"] if isinstance(data, dict) else data[0]
    assert data == ["x"]


@LOADERS
def test_a_non_scalar_key_is_rejected(loader: type) -> None:
    assert _place(_problem("? [a, b]\n: c\n", loader)) == (
        1, 3, "en nyckel måste vara ett ord, inte en lista eller mappning",
    )  # fmt: skip


@LOADERS
def test_an_empty_key_is_rejected(loader: type) -> None:
    assert _place(_problem('"": x\n', loader)) == (1, 1, "nyckeln saknas före kolonet")


@pytest.mark.parametrize("separator", ["\u2028", "\u2029", "\x85"])
def test_unicode_line_separators_are_rejected_where_the_editor_sees_them(separator: str) -> None:
    assert _place(_problem(f"name: A\ndescription: x{separator}y\n")) == (
        2, 15, f"osynligt radbrytningstecken (U+{ord(separator):04X})",
    )  # fmt: skip


@pytest.mark.parametrize(
    "text",
    ["le\ufefft: 2020-01-01\n", "name: A\n\ufeff\n", "\ufeffname: A\nform: \ufeffannan\n"],
    ids=["inside-a-key", "own-line", "second-one"],
)
@LOADERS
def test_an_invisible_byte_order_mark_after_the_start_is_rejected_at_its_place(
    text: str, loader: type
) -> None:
    index = text.index("\ufeff", 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    assert _place(_problem(text, loader)) == (line, column, "osynligt tecken (U+FEFF)")


def test_the_first_odd_character_in_the_file_is_the_one_reported() -> None:
    assert _place(_problem("name: A\u2028\nform: \x07\n")) == (
        1, 8, "osynligt radbrytningstecken (U+2028)",
    )  # fmt: skip
    assert _place(_problem("name: A\x07\nform: \u2028\n")) == (
        1, 8, "otillåtet kontrolltecken (U+0007)",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("character", "code"), [("\x07", "0007"), ("\x00", "0000"), ("\x1b", "001B"), ("\x7f", "007F"),
                            ("\x9f", "009F"), ("\ufffe", "FFFE")],
)  # fmt: skip
@LOADERS
def test_a_control_character_is_rejected_on_one_line_at_its_place(
    character: str, code: str, loader: type
) -> None:
    problem = _problem(f"name: A\nform: {character}annan\n", loader)
    assert _place(problem) == (2, 7, f"otillåtet kontrolltecken (U+{code})")
    assert "ta bort tecknet" in problem.hint


def test_a_syntax_error_and_a_late_control_character_in_a_big_file_give_a_problem() -> None:
    # Regression: libyaml reads 16 KiB at a time and stopped at the syntax error first; the
    # pure-Python re-read then raised yaml.ReaderError out of parse_text.
    text = "name: a: b\ndescription: |\n" + ("  " + "x" * 70 + "\n") * 400 + "  \x07\n"
    assert _place(_problem(text)) == (403, 3, "otillåtet kontrolltecken (U+0007)")


# Encoding ---------------------------------------------------------------------------------------


def test_invalid_utf8_is_rejected_at_the_bad_byte() -> None:
    problem = _decode_problem("name: Förening\n".encode("latin-1"))
    assert _place(problem) == (1, 8, "filen är inte giltig UTF-8")
    assert "UTF-8" in problem.hint


def test_invalid_utf8_column_counts_characters_not_bytes() -> None:
    problem = _decode_problem("a: 1\nname: åsa ".encode() + b"\xff\n")
    assert (problem.line, problem.column) == (2, 11)


def test_a_byte_order_mark_is_accepted_and_dropped() -> None:
    text = decode_utf8(b"\xef\xbb\xbfname: \xc3\x85sa\n")
    assert text == "name: Åsa\n"
    assert _positions(text).values[("name",)] == (1, 7)


def test_invalid_utf8_after_a_byte_order_mark_is_rejected_at_the_bad_byte() -> None:
    assert _place(_decode_problem(b"\xef\xbb\xbfa: 1\nname: F\xf6rening\n")) == (
        2, 8, "filen är inte giltig UTF-8",
    )  # fmt: skip
    assert _place(_decode_problem(b"\xef\xbb\xbfname: F\xf6rening\n"))[:2] == (1, 8)


# Positions --------------------------------------------------------------------------------------

DOCUMENT = """\
# kommentar
name: Åsa Öberg
areas:
  - trygghet
  - fritid
contact:
  email: a@b.se
  phone: "0522"
hosts: [alfa, beta]
items:
  - id: x
    title: X
"""


@LOADERS
def test_values_map_to_their_one_based_line_and_column(loader: type) -> None:
    values = _positions(DOCUMENT, loader).values
    assert values[()] == (2, 1)
    assert values[("name",)] == (2, 7)
    assert values[("contact", "email")] == (7, 10)
    assert values[("contact", "phone")] == (8, 10)


@LOADERS
def test_block_list_items_map_to_the_item_after_the_dash(loader: type) -> None:
    values = _positions(DOCUMENT, loader).values
    assert values[("areas",)] == (4, 3)
    assert (values[("areas", 0)], values[("areas", 1)]) == ((4, 5), (5, 5))


@LOADERS
def test_flow_list_items_map_to_their_column(loader: type) -> None:
    values = _positions(DOCUMENT, loader).values
    assert (values[("hosts",)], values[("hosts", 0)], values[("hosts", 1)]) == (
        (9, 8), (9, 9), (9, 15),
    )  # fmt: skip


@LOADERS
def test_mappings_inside_lists_map_values_and_keys(loader: type) -> None:
    positions = _positions(DOCUMENT, loader)
    assert positions.values[("items", 0)] == (11, 5)
    assert positions.values[("items", 0, "title")] == (12, 12)
    assert positions.keys[("items", 0, "title")] == (12, 5)


@LOADERS
def test_keys_map_to_where_the_key_starts(loader: type) -> None:
    keys = _positions(DOCUMENT, loader).keys
    assert keys[("name",)] == (2, 1)
    assert keys[("contact",)] == (6, 1)
    assert keys[("contact", "phone")] == (8, 3)


@LOADERS
def test_swedish_letters_before_a_value_do_not_shift_its_column(loader: type) -> None:
    positions = _positions("förening: Åäö Öst\nå: [ä, ö, x]\n", loader)
    assert positions.values[("förening",)] == (1, 11)
    assert positions.values[("å", 2)] == (2, 11)
    assert positions.keys[("å",)] == (2, 1)


@LOADERS
def test_characters_outside_the_basic_plane_count_as_one_column(loader: type) -> None:
    assert _positions("a: 😀 x\nb: [😀, y]\n", loader).values[("b", 1)] == (2, 8)


@LOADERS
def test_windows_line_endings_keep_line_numbers(loader: type) -> None:
    positions = _positions("name: Åsa\r\nform: annan\r\n", loader)
    assert positions.values[("form",)] == (2, 7)


def test_a_missing_value_falls_back_to_the_nearest_enclosing_value() -> None:
    positions = _positions("name: A\ncontact:\n  phone: '1'\n")
    assert positions.of_value(("contact", "email")) == (3, 3)
    assert positions.of_value(("signed",)) == (1, 1)


def test_a_key_without_a_recorded_place_falls_back_to_its_value() -> None:
    positions = _positions("name: A\nareas: [a]\n")
    assert positions.of_key(("areas",)) == (2, 1)
    assert positions.of_key(("areas", 0)) == (2, 9)


# The two parsers agree ------------------------------------------------------------------------

SAME_EITHER_WAY = [
    DOCUMENT,
    "name: A\nareas: [a, b]\n",
    "a:\n  b:\n    - c\n    - d: e\n",
    "x: 'NO'\ny: \"01\"\nz:\n",
    "text: |\n  Rad ett\n\n  Rad två\nfolded: >-\n  a\n  b\n",
    "namn: Örjan Ås\nå: [ä, ö]\n",
    "\ufeffname: BOM\n",
    "---\nname: a\n...\n",
    "contact: {email: a@b.se, phone: '08'}\n",
]


@pytest.mark.parametrize("text", SAME_EITHER_WAY)
def test_c_and_python_loaders_give_the_same_data_and_places(text: str) -> None:
    fast_data, fast_positions = parse_text(text, FAST_LOADER)
    slow_data, slow_positions = parse_text(text, yaml.SafeLoader)
    assert fast_data == slow_data
    assert fast_positions == slow_positions


def test_c_and_python_loaders_agree_on_an_empty_value_in_a_flow_mapping() -> None:
    assert _data("contact: {email: }\n", FAST_LOADER) == _data(
        "contact: {email: }\n", yaml.SafeLoader
    )
