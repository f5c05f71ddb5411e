"""Strict YAML: scalars stay the text written; every rejection has its own message and place."""

from __future__ import annotations

import pytest
import yaml

from okide.yamlstrict import StrictYamlError, decode_utf8, parse_text


def _problem(text: str) -> tuple[int, int, str]:
    with pytest.raises(StrictYamlError) as caught:
        parse_text(text)
    found = caught.value.problem
    return found.line, found.column, found.message


@pytest.mark.parametrize(
    "written",
    ["NO", "yes", "01234", "8024001234", "12:30", "1e3", "2017-09-15", "~", "null", "3.10"],
)
def test_scalars_reach_the_model_as_the_text_written(written: str) -> None:
    data, _ = parse_text(f"value: {written}\n")
    assert data == {"value": written}


def test_an_empty_plain_value_is_none_but_quoted_empty_is_text() -> None:
    data, _ = parse_text('a:\nb: ""\n')
    assert data == {"a": None, "b": ""}


def test_lists_and_nested_mappings_keep_their_shape() -> None:
    data, _ = parse_text("areas: [a, b]\ncontact:\n  email: x@y.se\n")
    assert data == {"areas": ["a", "b"], "contact": {"email": "x@y.se"}}


def test_positions_of_values_keys_and_list_items_are_one_based() -> None:
    _, positions = parse_text(
        "name: Åsa Öberg\nareas:\n  - trygghet\n  - fritid\ncontact:\n  email: a@b.se\n"
    )
    assert positions.values[("name",)] == (1, 7)
    assert positions.keys[("name",)] == (1, 1)
    assert positions.values[("areas", 1)] == (4, 5)
    assert positions.values[("contact", "email")] == (6, 10)
    assert positions.keys[("contact", "email")] == (6, 3)


def test_swedish_letters_before_a_value_do_not_shift_its_column() -> None:
    _, positions = parse_text("å: [ä, ö, x]\n")
    assert positions.values[("å", 2)] == (1, 11)


def test_unknown_positions_fall_back_to_the_nearest_parent() -> None:
    _, positions = parse_text("contact:\n  phone: '1'\n")
    assert positions.of_value(("contact", "email")) == (2, 3)


def test_duplicate_key_is_rejected_at_the_second_key() -> None:
    assert _problem("name: A\nform: annan\nname: B\n") == (
        3, 1, "nyckeln 'name' finns redan på rad 1",
    )  # fmt: skip


def test_duplicate_nested_key_is_rejected_with_its_key_path() -> None:
    with pytest.raises(StrictYamlError) as caught:
        parse_text("contact:\n  email: a@b.se\n  email: c@d.se\n")
    assert (caught.value.problem.line, caught.value.problem.key) == (3, "contact.email")


def test_anchor_is_rejected_where_it_stands() -> None:
    assert _problem("name: &n Förening\n") == (1, 7, "ankare (&n) stöds inte")


def test_alias_is_rejected_where_it_stands() -> None:
    assert _problem("a: x\nb: *n\n") == (2, 4, "alias (*n) stöds inte")


def test_alias_to_an_existing_anchor_reports_the_anchor_first() -> None:
    assert _problem("a: &x 1\nb: *x\n") == (1, 4, "ankare (&x) stöds inte")


def test_several_documents_are_rejected_at_the_second() -> None:
    assert _problem("name: a\n---\nname: b\n") == (2, 1, "filen innehåller flera YAML-dokument")


@pytest.mark.parametrize("text", ["", "\n\n", "# bara en kommentar\n", "---\n"])
def test_an_empty_file_is_rejected(text: str) -> None:
    assert _problem(text) == (1, 1, "filen är tom")


def test_a_list_at_the_top_is_rejected() -> None:
    line, column, message = _problem("- a\n- b\n")
    assert (line, column) == (1, 1) and "är en lista" in message


def test_a_single_value_at_the_top_is_rejected() -> None:
    assert "ett enda värde" in _problem("bara text\n")[2]


def test_tabs_used_for_indentation_are_rejected_at_the_tab() -> None:
    assert _problem("contact:\n  \temail: a@b.se\n") == (2, 3, "tabbtecken används för indrag")


def test_a_tab_inside_a_value_is_fine() -> None:
    data, _ = parse_text("name: A\tB\n")
    assert data == {"name": "A\tB"}


def test_explicit_tags_are_rejected() -> None:
    assert _problem("order: !!int 3\n") == (1, 8, "taggen tag:yaml.org,2002:int stöds inte")


def test_syntax_errors_are_reported_in_swedish() -> None:
    line, column, message = _problem("name: a: b\n")
    assert (line, column) == (1, 8)
    assert message.startswith("YAML-fel: ")


def test_unclosed_quote_is_reported_in_swedish() -> None:
    assert _problem('name: "Förening\n')[2] == "YAML-fel: filen tar slut mitt i ett värde"


def test_invalid_utf8_is_rejected_at_the_bad_byte() -> None:
    with pytest.raises(StrictYamlError) as caught:
        decode_utf8("name: Förening\nform: F\xf6".encode()[:-2] + b"\xf6\n")
    problem = caught.value.problem
    assert (problem.line, problem.column, problem.message) == (2, 8, "filen är inte giltig UTF-8")


def test_a_byte_order_mark_is_accepted() -> None:
    assert decode_utf8(b"\xef\xbb\xbfname: A\n") == "name: A\n"


@pytest.mark.parametrize(
    "text",
    ["name: A\nareas: [a, b]\n", "a:\n  b:\n    - c\n    - d: e\n", "x: 'NO'\ny: \"01\"\n"],
)
def test_c_and_python_parsers_give_the_same_data_and_places(text: str) -> None:
    fast = parse_text(text)
    slow = parse_text(text, yaml.SafeLoader)
    assert fast[0] == slow[0]
    assert fast[1].values == slow[1].values and fast[1].keys == slow[1].keys


def test_unicode_line_separators_are_rejected_where_the_editor_sees_them() -> None:
    assert _problem("name: A\ndescription: x\u2028y\n") == (
        2, 15, "osynligt radbrytningstecken (U+2028)",
    )  # fmt: skip
