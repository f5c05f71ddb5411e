"""Field types: what each kind of text must be, and how it is normalised."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from pydantic_core import PydanticCustomError

from okide.clock import STOCKHOLM
from okide.fields import (
    check_clause_number,
    check_email,
    check_markdown,
    check_phone,
    check_url,
    luhn_check_digit,
    normalise_org_number,
    parse_date,
    parse_datetime,
    parse_whole_number,
)


def _rejects(function, value: str) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(PydanticCustomError) as caught:
        function(value)
    return str(caught.value)


@pytest.mark.parametrize(
    ("nine", "check"), [("802400000", 5), ("802499999", 0), ("769600000", 4), ("556036079", 3)]
)
def test_luhn_check_digit_matches_hand_computed_values(nine: str, check: int) -> None:
    assert luhn_check_digit(nine) == check


@pytest.mark.parametrize(
    "written", ["802400-0005", "8024000005", "16802400-0005", "168024000005", " 802400-0005 "]
)
def test_org_number_is_accepted_in_every_allowed_form_and_normalised(written: str) -> None:
    assert normalise_org_number(written) == "802400-0005"


def test_org_number_with_wrong_check_digit_says_which_digit_was_expected() -> None:
    assert _rejects(normalise_org_number, "802400-0004") == (
        "kontrollsiffran stämmer inte (väntade 5)"
    )


@pytest.mark.parametrize(
    "written", ["811218-9876", "19811218-9876", "20010101-1234", "640823-3234"]
)
def test_personal_identity_numbers_are_rejected_as_personal_data(written: str) -> None:
    assert "personnummer" in _rejects(normalise_org_number, written)


@pytest.mark.parametrize("written", ["80240-0005", "abc", "802400_0005", "99802400-0005"])
def test_garbage_is_not_an_org_number(written: str) -> None:
    message = _rejects(normalise_org_number, written)
    assert "organisationsnummer" in message or "prefix" in message


def test_dates_are_iso_and_exist() -> None:
    assert parse_date("2017-09-15") == date(2017, 9, 15)
    assert "ÅÅÅÅ-MM-DD" in _rejects(parse_date, "15/9 2017")
    assert "finns inte i kalendern" in _rejects(parse_date, "2017-02-30")


def test_local_date_times_are_stockholm_time() -> None:
    assert parse_datetime("2026-12-03T17:30") == datetime(2026, 12, 3, 17, 30, tzinfo=STOCKHOLM)


@pytest.mark.parametrize(
    ("written", "hour"), [("2026-12-03T16:30Z", 17), ("2026-06-03T17:30+01:00", 18)]
)
def test_date_times_with_an_offset_are_converted_to_stockholm(written: str, hour: int) -> None:
    moment = parse_datetime(written)
    assert moment.tzinfo == STOCKHOLM and moment.hour == hour


def test_a_space_instead_of_t_is_rejected_with_a_hint() -> None:
    with pytest.raises(PydanticCustomError) as caught:
        parse_datetime("2026-12-03 17:30")
    assert "ett T mellan datum och klockslag" in str(caught.value.context)


@pytest.mark.parametrize("good", ["https://www.exempel.se", "http://exempel.se/a?b=c"])
def test_web_addresses_need_http_or_https_and_a_host(good: str) -> None:
    assert check_url(good) == good


@pytest.mark.parametrize("bad", ["www.exempel.se", "ftp://exempel.se", "https://", "javascript:alert(1)",
                                 "https://exempel.se/ett mellanslag"])  # fmt: skip
def test_other_addresses_are_not_web_addresses(bad: str) -> None:
    assert "inte en webbadress" in _rejects(check_url, bad)


def test_email_and_phone() -> None:
    assert check_email("info@forening.se") == "info@forening.se"
    assert "e-postadress" in _rejects(check_email, "mailto:info@forening.se")
    assert "e-postadress" in _rejects(check_email, "info@forening")
    assert check_phone("0522-69 60 00") == "0522-69 60 00"
    assert check_phone("+46 522 69 60 00") == "+46 522 69 60 00"
    assert "telefonnummer" in _rejects(check_phone, "ring oss")


@pytest.mark.parametrize("good", ["3", "3.2", "10.1.4"])
def test_clause_numbers_are_dotted_whole_numbers(good: str) -> None:
    assert check_clause_number(good) == good


@pytest.mark.parametrize("bad", ["0", "3.", "a", "3,2", "-1"])
def test_other_clause_numbers_are_rejected(bad: str) -> None:
    assert "punktnummer" in _rejects(check_clause_number, bad)


def test_whole_numbers_are_one_or_more() -> None:
    assert parse_whole_number("7") == 7
    assert "heltal" in _rejects(parse_whole_number, "7.0")
    assert "1 eller större" in _rejects(parse_whole_number, "0")


@pytest.mark.parametrize(
    "good",
    [
        "[sida](https://a.se)",
        "[post](mailto:a@b.se)",
        "<https://a.se>",
        "[x][1]\n\n[1]: http://a.se",
    ],
)
def test_markdown_links_to_the_web_and_email_are_allowed(good: str) -> None:
    assert check_markdown(good) == good


@pytest.mark.parametrize(
    "bad",
    ["[x](javascript:alert(1))", "[x](sida.html)", "[x](#ankare)", "<javascript:alert(1)>",
     "[x][1]\n\n[1]: data:text/html,hej"],
)  # fmt: skip
def test_other_markdown_links_are_rejected(bad: str) -> None:
    assert "är inte tillåten" in _rejects(check_markdown, bad)


def test_images_in_markdown_are_rejected_because_they_load_from_other_hosts() -> None:
    assert "bilder" in _rejects(check_markdown, "![logga](https://a.se/logga.png)")
