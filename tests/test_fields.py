"""Field types: what each kind of text must be, with the Swedish message editors see."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any
from unittest.mock import patch

import pytest
from pydantic import TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from okide.clock import STOCKHOLM
from okide.fields import (
    _EMAIL_PATTERN,
    ClauseNumber,
    Day,
    Email,
    Line,
    Markdown,
    Moment,
    OrgNumber,
    Phone,
    Slug,
    SlugList,
    Url,
    WholeNumber,
    check_link_userinfo,
    luhn_check_digit,
    name_key,
)


def _valid(kind: Any, value: Any) -> Any:
    return TypeAdapter(kind).validate_python(value)


def _error(kind: Any, value: Any) -> tuple[str, str]:
    """The message and hint of the single error that value gives."""
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(kind).validate_python(value)
    (detail,) = caught.value.errors()
    return detail["msg"], str((detail.get("ctx") or {}).get("hint", ""))


def _message(kind: Any, value: Any) -> str:
    return _error(kind, value)[0]


# Organisationsnummer ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        ("802400-0005", "802400-0005"),
        ("8024000005", "802400-0005"),
        ("16802400-0005", "802400-0005"),
        ("168024000005", "802400-0005"),
        ("802499-9990", "802499-9990"),
        ("5560125790", "556012-5790"),
        (" 802400-0005 ", "802400-0005"),
    ],
)
def test_valid_org_number_is_normalised_to_six_hyphen_four(written: str, normalised: str) -> None:
    assert _valid(OrgNumber, written) == normalised


@pytest.mark.parametrize(
    ("written", "expected_digit"),
    [("802400-0004", 5), ("8024001234", 5), ("556012-5791", 0), ("16802499-9991", 0),
     ("802000-0001", 9)],
)  # fmt: skip
def test_org_number_with_wrong_check_digit_names_the_expected_digit(
    written: str, expected_digit: int
) -> None:
    message, hint = _error(OrgNumber, written)
    assert message == f"kontrollsiffran stämmer inte (väntade {expected_digit})"
    assert "Bolagsverket" in hint


def test_org_number_whose_third_and_fourth_digits_are_20_is_an_organisation() -> None:
    assert _valid(OrgNumber, "802000-0009") == "802000-0009"


@pytest.mark.parametrize(
    "written", ["801900-0006", "8010000005", "640823-3234", "16640823-3234", "811218-9876"]
)
def test_org_number_with_third_and_fourth_digits_below_20_is_rejected_as_personnummer(
    written: str,
) -> None:
    message, hint = _error(OrgNumber, written)
    assert message == "numret är ett personnummer, inte ett organisationsnummer"
    assert "personuppgifter" in hint


@pytest.mark.parametrize(
    "written", ["198024000005", "20802400-0005", "196408233234", "19811218-9876"]
)
def test_twelve_digit_number_with_19_or_20_prefix_is_rejected_as_personnummer(
    written: str,
) -> None:
    assert (
        _message(OrgNumber, written) == "numret är ett personnummer, inte ett organisationsnummer"
    )


@pytest.mark.parametrize(("written", "prefix"), [("178024000005", "17"), ("99802400-0005", "99")])
def test_twelve_digit_number_with_another_prefix_is_rejected(written: str, prefix: str) -> None:
    assert _message(OrgNumber, written) == f"'{written}' har ett okänt prefix {prefix}"


@pytest.mark.parametrize(
    "written", ["abc", "", "80240-00005", "802400-00050", "802400--0005", "80240000", "802400/0005"]
)
def test_garbage_is_rejected_as_not_an_org_number(written: str) -> None:
    message, hint = _error(OrgNumber, written)
    assert message == f"'{written}' är inte ett organisationsnummer"
    assert hint == "skriv tio siffror på formen NNNNNN-NNNN"


@pytest.mark.parametrize("written", ["٨٠٢٤٠٠٠٠٠٥", "８０２４０００００５"])
def test_org_number_with_non_ascii_digits_is_rejected(written: str) -> None:
    assert _message(OrgNumber, written) == f"'{written}' är inte ett organisationsnummer"


# Hand-computed: weights 2,1,2,1,… on the nine digits, digit sums of the products added,
# check digit = (10 - total % 10) % 10.
#   802400000: 16→7, 0, 4, 4, 0, 0, 0, 0, 0 = 15 → 5
#   802499999: 16→7, 0, 4, 4, 18→9, 9, 18→9, 9, 18→9 = 60 → 0
#   556012579: 10→1, 5, 12→3, 0, 2, 2, 10→1, 7, 18→9 = 30 → 0
#   802400123: 16→7, 0, 4, 4, 0, 0, 2, 2, 6 = 25 → 5
#   212000142: 4, 1, 4, 0, 0, 0, 2, 4, 4 = 19 → 1
#   100000000: 2 → 8;  010000000: 1 → 9;  000000000: 0 → 0
@pytest.mark.parametrize(
    ("nine", "digit"),
    [("802400000", 5), ("802499999", 0), ("556012579", 0), ("802400123", 5), ("212000142", 1),
     ("100000000", 8), ("010000000", 9), ("000000000", 0), ("769600000", 4), ("556036079", 3)],
)  # fmt: skip
def test_luhn_check_digit_matches_hand_computed_cases(nine: str, digit: int) -> None:
    assert luhn_check_digit(nine) == digit


# Dates and date-times ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "day"),
    [("2017-09-15", date(2017, 9, 15)), ("2024-02-29", date(2024, 2, 29)),
     (" 2017-09-15 ", date(2017, 9, 15))],
)  # fmt: skip
def test_valid_date_is_read_as_a_date(written: str, day: date) -> None:
    assert _valid(Day, written) == day


@pytest.mark.parametrize(
    "written", ["2017-9-15", "15/09/2017", "20170915", "2017-09-15T10:00", "igår"]
)
def test_date_in_the_wrong_format_is_rejected_with_an_example(written: str) -> None:
    message, hint = _error(Day, written)
    assert message == f"'{written}' är inte ett datum på formen ÅÅÅÅ-MM-DD"
    assert hint == "skriv t.ex. 2017-09-15"


@pytest.mark.parametrize("written", ["２０１７-０９-１５", "٢٠١٧-٠٩-١٥"])
def test_date_with_non_ascii_digits_is_rejected_as_the_wrong_format(written: str) -> None:
    assert _message(Day, written) == f"'{written}' är inte ett datum på formen ÅÅÅÅ-MM-DD"


@pytest.mark.parametrize("written", ["2017-02-30", "2023-02-29", "2017-13-01"])
def test_date_that_is_not_in_the_calendar_is_rejected(written: str) -> None:
    assert _message(Day, written) == f"datumet {written} finns inte i kalendern"


@pytest.mark.parametrize("written", ["0001-01-01", "1899-12-31", "2101-01-01", "9999-12-31"])
def test_date_outside_the_register_s_years_is_rejected_with_its_year(written: str) -> None:
    message, hint = _error(Day, written)
    assert message == f"året {written[:4]} ligger utanför 1900–2100"
    assert hint == "kontrollera årtalet"


@pytest.mark.parametrize(("written", "day"), [("1900-01-01", date(1900, 1, 1)),
                                              ("2100-12-31", date(2100, 12, 31))])  # fmt: skip
def test_the_first_and_last_day_of_the_register_s_years_are_dates(written: str, day: date) -> None:
    assert _valid(Day, written) == day


def test_a_date_object_outside_the_register_s_years_is_rejected_too() -> None:
    assert _message(Day, date(1, 1, 1)) == "året 0001 ligger utanför 1900–2100"


@pytest.mark.parametrize(
    "written",
    ["0001-01-01T00:00", "9999-12-31T23:59", "9999-12-31T23:00-05:00", "0001-01-01T00:30+01:00",
     "2101-01-01T00:00Z"],
)  # fmt: skip
def test_date_time_outside_the_register_s_years_is_rejected_before_any_conversion(
    written: str,
) -> None:
    assert _message(Moment, written) == f"året {written[:4]} ligger utanför 1900–2100"


def test_date_time_at_the_end_of_the_last_year_with_an_offset_is_read() -> None:
    moment = _valid(Moment, "2100-12-31T23:00-05:00")
    assert (moment.year, moment.month, moment.day, moment.hour) == (2101, 1, 1, 5)


def test_a_long_value_that_is_not_a_date_is_shown_shortened() -> None:
    message = _message(Day, "2" * 5000)
    assert message == f"'{'2' * 40}…' är inte ett datum på formen ÅÅÅÅ-MM-DD"


def test_date_must_be_text_not_a_list() -> None:
    assert _message(Day, ["2017-09-15"]) == "ska vara text"


def test_local_date_time_is_stockholm_time() -> None:
    moment = _valid(Moment, "2026-12-03T17:30")
    assert moment == datetime(2026, 12, 3, 17, 30, tzinfo=STOCKHOLM)
    assert moment.utcoffset().total_seconds() == 3600  # type: ignore[union-attr]


def test_local_date_time_in_summer_is_stockholm_summer_time() -> None:
    moment = _valid(Moment, "2026-07-01T12:00")
    assert moment.utcoffset().total_seconds() == 7200  # type: ignore[union-attr]


def test_utc_date_time_with_z_is_converted_to_stockholm() -> None:
    moment = _valid(Moment, "2026-07-01T10:00Z")
    assert (moment.hour, moment.minute, moment.tzinfo) == (12, 0, STOCKHOLM)


@pytest.mark.parametrize(
    ("written", "hour"), [("2026-07-01T12:00+01:00", 13), ("2026-12-01T12:00+01:00", 12),
                          ("2026-12-01T12:00-05:00", 18), ("2026-12-03T16:30Z", 17)],
)  # fmt: skip
def test_date_time_with_offset_is_converted_to_stockholm(written: str, hour: int) -> None:
    moment = _valid(Moment, written)
    assert (moment.hour, moment.tzinfo) == (hour, STOCKHOLM)


def test_local_time_skipped_when_summer_time_starts_is_rejected() -> None:
    message, hint = _error(Moment, "2027-03-28T02:30")
    assert message == "klockan 02.30 finns inte den 2027-03-28: klockan ställs fram en timme"
    assert hint == "välj en tid före 02.00 eller från 03.00"
    assert _valid(Moment, "2027-03-28T03:00").utcoffset().total_seconds() == 7200


@pytest.mark.parametrize("written", ["2026-10-25T02:00", "2026-10-25T02:30", "2026-10-25T02:59"])
def test_local_time_repeated_when_summer_time_ends_is_rejected_as_ambiguous(written: str) -> None:
    message, hint = _error(Moment, written)
    day, time = written.split("T")
    assert message == (
        f"klockan {time.replace(':', '.')} finns två gånger den {day}: "
        "klockan ställs tillbaka en timme"
    )
    assert f"{written}+02:00 är den första (sommartid), {written}+01:00 den andra" in hint


@pytest.mark.parametrize(("offset", "hours"), [("+02:00", 2), ("+01:00", 1)])
def test_repeated_local_time_with_an_explicit_offset_is_accepted(offset: str, hours: int) -> None:
    moment = _valid(Moment, f"2026-10-25T02:30{offset}")
    assert moment.utcoffset().total_seconds() == hours * 3600  # type: ignore[union-attr]


@pytest.mark.parametrize("written", ["2026-10-25T01:59", "2026-10-25T03:00"])
def test_local_time_just_outside_the_repeated_hour_is_accepted(written: str) -> None:
    assert _valid(Moment, written).tzinfo == STOCKHOLM


def test_date_time_with_a_space_instead_of_t_is_rejected_with_a_hint() -> None:
    message, hint = _error(Moment, "2026-12-03 17:30")
    assert message == "'2026-12-03 17:30' är inte en tidpunkt på formen ÅÅÅÅ-MM-DDTHH:MM"
    assert "med ett T mellan datum och klockslag" in hint


@pytest.mark.parametrize(
    "written", ["2026-12-03T17:30:00", "2026-12-03", "17:30", "2026-12-03T1730"]
)
def test_date_time_in_another_format_is_rejected(written: str) -> None:
    assert _message(Moment, written).endswith("är inte en tidpunkt på formen ÅÅÅÅ-MM-DDTHH:MM")


@pytest.mark.parametrize("written", ["2026-12-03T25:00", "2026-02-30T10:00", "2026-12-03T10:61"])
def test_date_time_that_does_not_exist_is_rejected(written: str) -> None:
    assert _message(Moment, written) == f"tidpunkten {written} finns inte"


# URLs, e-mail, phone ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["https://www.exempel.se", "http://exempel.se/sida?a=1#b", "https://exempel.se:8443/x",
     "HTTPS://EXEMPEL.SE"],
)  # fmt: skip
def test_http_and_https_urls_with_a_host_are_accepted(written: str) -> None:
    assert _valid(Url, f" {written} ") == written


@pytest.mark.parametrize(
    "written",
    ["ftp://exempel.se", "javascript:alert(1)", "mailto:a@b.se", "www.exempel.se", "//exempel.se",
     "/sida", "https://", "https:exempel.se"],
)  # fmt: skip
def test_url_that_is_not_http_or_https_with_a_host_is_rejected(written: str) -> None:
    message, hint = _error(Url, written)
    assert message == f"'{written}' är inte en webbadress"
    assert "https://" in hint


@pytest.mark.parametrize("written", ["https://:443/x", "https://@/x", "http://user@:80"])
def test_url_with_an_empty_host_is_rejected(written: str) -> None:
    assert _message(Url, written) == f"'{written}' är inte en webbadress"


@pytest.mark.parametrize("written", ["https://exempel.se:abc/", "https://exempel.se:99999/"])
def test_url_with_a_port_that_is_not_a_port_is_rejected(written: str) -> None:
    assert _message(Url, written) == f"'{written}' är inte en webbadress"


@pytest.mark.parametrize(
    ("written", "hint"),
    [('https://exempel.se/"><img/src=x/onerror=alert(1)>',
      'tecknet " får inte stå i en webbadress; skriv det som %22'),
     ("https://exempel.se/<b>", "tecknet < får inte stå i en webbadress; skriv det som %3C"),
     ("https://exempel.se/`x`", "tecknet ` får inte stå i en webbadress; skriv det som %60"),
     ("https://exempel.se/{x}", "tecknet { får inte stå i en webbadress; skriv det som %7B"),
     ("https://exempel.se/a|b", "tecknet | får inte stå i en webbadress; skriv det som %7C"),
     ("https://exempel.se/a\\b", "tecknet \\ får inte stå i en webbadress; skriv det som %5C"),
     ("https://exempel.se/ett mellanslag",
      "en webbadress har inga mellanslag eller radbrytningar; skriv %20 för mellanslag"),
     ("https://exempel .se",
      "en webbadress har inga mellanslag eller radbrytningar; skriv %20 för mellanslag"),
     ("https://exempel.se\u200b/", "ta bort det osynliga tecknet U+200B ur adressen"),
     ("https://exempel.se/\x07", "ta bort det osynliga tecknet U+0007 ur adressen")],
    ids=["quote-then-markup", "angle", "backtick", "brace", "bar", "backslash", "space",
         "space-in-host", "zero-width-space", "control"],
)  # fmt: skip
def test_url_with_a_character_that_could_end_the_link_is_rejected_with_its_code(
    written: str, hint: str
) -> None:
    assert _error(Url, written) == (f"'{written}' är inte en webbadress", hint)


@pytest.mark.parametrize(
    "written",
    ["https://www.bäve.se/", "https://sv.wikipedia.org/wiki/Ideell_förening_(Sverige)",
     "https://exempel.se/a%20b?c=d&e=f;g#h", "https://exempel.se/~ÅÄÖ/+!$'*,="],
)  # fmt: skip
def test_url_with_swedish_letters_brackets_or_percent_codes_is_accepted(written: str) -> None:
    assert _valid(Url, written) == written


@pytest.mark.parametrize(
    "written", ["info@forening.se", "a.b+c@sub.exempel.org", "info@förening.se"]
)
def test_plain_email_address_is_accepted(written: str) -> None:
    assert _valid(Email, written) == written


@pytest.mark.parametrize(
    "written", ["mailto:info@forening.se", "info@forening", "info forening@x.se", "a@b@c.se",
                "@forening.se", "info@.se", "<info@forening.se>"],
)  # fmt: skip
def test_email_that_is_not_a_plain_address_is_rejected(written: str) -> None:
    message, hint = _error(Email, written)
    assert message == f"'{written}' är inte en e-postadress"
    assert "utan mailto:" in hint


@pytest.mark.parametrize("written", ["0522-69 60 00", "+46 522 69 60 00", "0522696000", "12345"])
def test_phone_number_with_digits_spaces_and_hyphens_is_accepted(written: str) -> None:
    assert _valid(Phone, written) == written


@pytest.mark.parametrize(
    "written", ["1234", "ring oss", "0522-69 60 00 ankn. 12", "1234567890123456", "0522-", "+"]
)
def test_phone_number_that_is_not_one_is_rejected(written: str) -> None:
    assert _message(Phone, written) == f"'{written}' är inte ett telefonnummer"


# Clause numbers, whole numbers, slugs, lines -----------------------------------------------------


@pytest.mark.parametrize(
    ("written", "number"), [("3", "3"), ("3.2", "3.2"), ("9.10", "9.10"), ("1.2.3", "1.2.3"),
                            (10, "10"), (" 4 ", "4")],
)  # fmt: skip
def test_clause_number_is_whole_numbers_separated_by_dots(written: Any, number: str) -> None:
    assert _valid(ClauseNumber, written) == number


@pytest.mark.parametrize("written", ["0", "03", "3.", ".3", "3..2", "3,2", "a", "3 a", "-1"])
def test_clause_number_in_another_form_is_rejected(written: str) -> None:
    message, hint = _error(ClauseNumber, written)
    assert message == f"'{written.strip()}' är inte ett punktnummer"
    assert hint == "skriv t.ex. 3 eller 3.2"


@pytest.mark.parametrize(
    ("written", "digits"), [("1" * 5000, 5000), ("3." + "1" * 5000, 5000), ("1." + "0" * 10, 10)]
)
def test_clause_number_with_a_part_too_long_to_read_is_rejected(written: str, digits: int) -> None:
    assert _message(ClauseNumber, written) == (
        f"en del av numret har {digits} siffror; högst 9 siffror går att läsa"
    )


@pytest.mark.parametrize("written", ["1" * 10, "0" * 4999 + "1", "9" * 5000, "1" * 100_000])
def test_whole_number_with_more_than_nine_digits_is_rejected_in_swedish(written: str) -> None:
    message, hint = _error(WholeNumber, written)
    assert message == f"talet har {len(written)} siffror; högst 9 siffror går att läsa"
    assert hint == "skriv ett mindre tal, t.ex. 3"


def test_whole_number_of_nine_digits_is_read() -> None:
    assert _valid(WholeNumber, "999999999") == 999_999_999


def test_a_long_value_that_is_not_an_org_number_is_shown_shortened() -> None:
    assert _message(OrgNumber, "8" * 5000) == f"'{'8' * 40}…' är inte ett organisationsnummer"


@pytest.mark.parametrize(("written", "number"), [("1", 1), ("07", 7), (3, 3)])
def test_whole_number_is_read_from_text(written: Any, number: int) -> None:
    assert _valid(WholeNumber, written) == number


@pytest.mark.parametrize(
    ("written", "message"),
    [("0", "ska vara 1 eller större"), ("1.5", "'1.5' är inte ett heltal"),
     ("-2", "'-2' är inte ett heltal"), ("tre", "'tre' är inte ett heltal")],
)  # fmt: skip
def test_whole_number_below_one_or_not_whole_is_rejected(written: str, message: str) -> None:
    assert _message(WholeNumber, written) == message


@pytest.mark.parametrize("written", ["trygghet", "fritid-och-kultur", "a1"])
def test_slug_of_lowercase_letters_digits_and_single_hyphens_is_accepted(written: str) -> None:
    assert _valid(Slug, written) == written


@pytest.mark.parametrize("written", ["Trygghet", "fritid_och_kultur", "-a", "a--b", "å", "a b"])
def test_slug_with_other_characters_is_rejected(written: str) -> None:
    assert _message(Slug, written) == f"'{written}' är inte ett giltigt id"


def test_slug_list_that_is_empty_means_no_items() -> None:
    assert _valid(SlugList, None) == []


def test_slug_list_with_a_duplicate_is_rejected() -> None:
    assert _message(SlugList, ["a", "b", "a"]) == "'a' står två gånger i listan"


def test_line_is_stripped() -> None:
    assert _valid(Line, "  Öppenhet och insyn \n") == "Öppenhet och insyn"


@pytest.mark.parametrize("written", ["Rad ett\nRad två", "Rad ett\r"])
def test_line_with_a_line_break_inside_is_rejected(written: str) -> None:
    assert _message(Line, written) == "ska stå på en rad"


@pytest.mark.parametrize("written", ["   ", "\n"])
def test_blank_line_is_rejected(written: str) -> None:
    assert _message(Line, written) == "får inte vara tomt"


@pytest.mark.parametrize(
    ("written", "code"),
    [("Ctrl\x01 förening", "U+0001"), ("a\x1bb", "U+001B"), ("a\x85b", "U+0085"),
     ("a\u2028b", "U+2028"), ("evil\u202etxt.exe", "U+202E"), ("a\ufeffb", "U+FEFF")],
)  # fmt: skip
@pytest.mark.parametrize("kind", [Line, Markdown], ids=["line", "markdown"])
def test_text_with_an_invisible_control_character_is_rejected_with_its_code(
    kind: Any, written: str, code: str
) -> None:
    message, hint = _error(kind, written)
    assert message == f"innehåller ett osynligt styrtecken ({code})"
    assert hint.startswith("ta bort tecknet")


def test_markdown_keeps_tabs_and_line_breaks() -> None:
    assert _valid(Markdown, "Rad ett\r\n\tRad två") == "Rad ett\r\n\tRad två"


# Markdown ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "written",
    ["Läs [mer](https://exempel.se/ok).", "Se [sidan](http://exempel.se).",
     "[Mejla oss](mailto:info@forening.se)", "[x]( <https://exempel.se> )",
     "Se <https://exempel.se>.", "Se [sidan][s].\n\n[s]: https://exempel.se/s",
     "*Fet* text utan länkar, och [hakparenteser] utan adress."],
)  # fmt: skip
def test_markdown_links_to_the_web_or_email_are_accepted(written: str) -> None:
    assert _valid(Markdown, written) == written


@pytest.mark.parametrize(
    ("written", "target"),
    [("[x](javascript:alert(1))", "javascript:alert(1)"),
     ("[x](JavaScript:alert(1))", "JavaScript:alert(1)"),
     ("[x](/anslut)", "/anslut"), ("[x](sida.html)", "sida.html"), ("[x](#rubrik)", "#rubrik"),
     ("[x](ftp://exempel.se)", "ftp://exempel.se"), ("[x](https:)", "https:"),
     ("[x](data:text/html,hej)", "data:text/html,hej")],
)  # fmt: skip
def test_markdown_inline_link_to_another_scheme_or_relative_is_rejected(
    written: str, target: str
) -> None:
    message, hint = _error(Markdown, written)
    assert message == f"länken '{target}' är inte tillåten"
    assert hint == "länkar ska börja med https:, http: eller mailto:"


@pytest.mark.parametrize(
    "written",
    [
        "[s]: javascript:alert(1)\n\n[x][s]",
        "  [s]: /relativ\n",
        "[x][1]\n\n[1]: data:text/html,hej",
    ],
)
def test_markdown_reference_definition_is_checked(written: str) -> None:
    assert _message(Markdown, written).startswith("länken '")


@pytest.mark.parametrize("written", ["<javascript:alert(1)>", "Se <ftp://exempel.se>"])
def test_markdown_autolink_is_checked(written: str) -> None:
    assert _message(Markdown, written).startswith("länken '")


@pytest.mark.parametrize(
    "written", ["![logga](https://exempel.se/logga.png)", "Text ![](bild.png)"]
)
def test_markdown_image_is_rejected(written: str) -> None:
    message, hint = _error(Markdown, written)
    assert message == "bilder stöds inte i textfält"
    assert "länka i stället" in hint


def test_blank_markdown_is_rejected() -> None:
    assert _message(Markdown, "  \n ") == "får inte vara tomt"


@pytest.mark.parametrize(
    "written", ["[a [b] c](javascript:alert(1))", "[a\\]b](javascript:alert(1))"]
)
def test_markdown_link_with_brackets_in_its_text_is_still_checked(written: str) -> None:
    assert _message(Markdown, written) == "länken 'javascript:alert(1)' är inte tillåten"


def test_markdown_image_inside_a_link_is_rejected() -> None:
    written = "[![logga](https://exempel.se/logga.png)](https://exempel.se)"
    assert _message(Markdown, written) == "bilder stöds inte i textfält"


@pytest.mark.parametrize(
    "written",
    ["> [s]: javascript:alert(1)\n>\n> [x][s]", "- [s]: javascript:alert(1)\n\n  [x][s]",
     "1. [s]: javascript:alert(1)"],
    ids=["block-quote", "bullet-list", "numbered-list"],
)  # fmt: skip
def test_markdown_reference_definition_in_a_quote_or_list_is_checked(written: str) -> None:
    assert _message(Markdown, written) == "länken 'javascript:alert(1)' är inte tillåten"


@pytest.mark.parametrize(
    "written",
    ["Se [här][r].\n\n[r]:\n  javascript:alert(1)", "[r]:\njavascript:alert(1)",
     "> [r]:\n> javascript:alert(1)", "* [r]:\n  javascript:alert(1)",
     "[r]: javascript:alert(1) \"titel\"", "[r]: <javascript:alert(1)> 'titel'",
     "[r]: javascript:alert(1)\r\n\n[r]", "[r]: javascript:alert(1)\r[r]"],
    ids=["next-line", "next-line-unindented", "quote-next-line", "list-next-line",
         "title", "angle-and-title", "carriage-return", "bare-carriage-return"],
)  # fmt: skip
def test_markdown_reference_definition_is_checked_however_it_is_written(written: str) -> None:
    # Each of these is a definition to the parser, used or not.
    assert _message(Markdown, written) == "länken 'javascript:alert(1)' är inte tillåten"


@pytest.mark.parametrize(
    "written",
    ["[Välkomna]: kaffe och fika", "[Obs]:\nsedan samtal i grupper", "    [r]: kod",
     "[]: javascript:alert(1)"],
)  # fmt: skip
def test_markdown_brackets_and_colon_that_are_not_a_definition_are_text(written: str) -> None:
    assert _valid(Markdown, written) == written


def test_markdown_timetable_line_with_brackets_and_colon_is_not_a_link() -> None:
    written = "Program:\n\n17.30 [Välkomna]: kaffe och fika"
    assert _valid(Markdown, written) == written


def test_markdown_exclamation_before_brackets_then_a_link_is_not_an_image() -> None:
    written = "Välkommen![Obs] Anmäl dig [här](https://exempel.se)."
    assert _valid(Markdown, written) == written


@pytest.mark.parametrize("space", ["\u00a0", "\u2003", "\u3000", "\t", "\u2028"])
def test_url_with_any_unicode_white_space_inside_is_rejected(space: str) -> None:
    written = f"https://exempel.se/a{space}b"
    assert _message(Url, written) == f"'{written}' är inte en webbadress"


@pytest.mark.parametrize(
    ("written", "host"),
    [("https://www.uddevalla.se@evil.example/", "evil.example"),
     ("https://user:pw@host.example/", "host.example"),
     ("http://a@b@evil.example:8080/x", "evil.example:8080"),
     ("https://www.uddevalla.se@evil.example?q=1", "evil.example"),
     ("HTTPS://ok.se@evil.example#x", "evil.example")],
)  # fmt: skip
def test_url_with_user_info_is_rejected_naming_the_real_host(written: str, host: str) -> None:
    message, hint = _error(Url, written)
    assert message == f"'{written}' har ett användarnamn före @ i adressen"
    assert f"adressen leder till {host}," in hint


@pytest.mark.parametrize(
    "written", ["https://exempel.se/@konto", "https://exempel.se/?a=b@c", "https://exempel.se/#@x"]
)
def test_url_with_an_at_sign_after_the_host_is_accepted(written: str) -> None:
    assert _valid(Url, written) == written


@pytest.mark.parametrize(
    ("url", "has"),
    [("https://a.se@b.se/", True), ("https:a.se@b.se", True), ("https:\\\\a@b/", True),
     ("http:/a@b", True), (" https://a@b ", True), ("https://a\t@b", True), ("//a@b", False),
     ("https://b.se/a@c", False), ("https://b.se\\a@c", False), ("mailto:a@b.se", False),
     ("mailto://a@b.se", True), ("ftp://u@h/", True), ("a@b.se", False), ("", False)],
)  # fmt: skip
def test_user_info_is_found_in_the_authority_as_a_browser_reads_it(url: str, has: bool) -> None:
    refused = False
    try:
        check_link_userinfo(url)
    except PydanticCustomError:
        refused = True
    assert refused is has


def test_check_link_userinfo_is_silent_for_a_plain_link_and_refuses_user_info() -> None:
    check_link_userinfo("https://www.uddevalla.se/")
    with pytest.raises(PydanticCustomError, match="användarnamn före @"):
        check_link_userinfo("https://www.uddevalla.se@evil.example/")


@pytest.mark.parametrize(
    "written", ["[Kommunen](https://www.uddevalla.se@evil.example/)",
                "<https://www.uddevalla.se@evil.example/>",
                "[k][1]\n\n[1]: https://www.uddevalla.se@evil.example/"],
)  # fmt: skip
def test_markdown_link_with_user_info_is_rejected(written: str) -> None:
    assert "användarnamn före @" in _message(Markdown, written)


@pytest.mark.parametrize(
    ("written", "char"),
    [("info@x.se?subject=Hej", "?"), ("a@b.se#x", "#"), ("a@b.se&cc=c@d.se", "&"),
     ("info@x.se?cc=a@b.se", "?"), ("a%40b@c.se", "%"), ("a?b@c.se", "?")],
)  # fmt: skip
def test_email_with_a_query_or_other_url_parts_is_rejected(written: str, char: str) -> None:
    message, hint = _error(Email, written)
    assert message == f"'{written}' är inte en e-postadress"
    assert hint.startswith(f"tecknet {char} hör till en länk")


@pytest.mark.parametrize("written", ["a@b.se/x.se", "a@b=c.se"])
def test_email_with_a_slash_or_equals_sign_after_the_at_is_rejected(written: str) -> None:
    assert _message(Email, written) == f"'{written}' är inte en e-postadress"


@pytest.mark.parametrize(
    "written", ["info@x.se?subject=a.se", "a@b.se#x.se", "a@b.se&cc=c.se", "a@b.se/x.se"]
)
def test_email_schema_pattern_refuses_url_parts_too(written: str) -> None:
    assert re.match(_EMAIL_PATTERN, written) is None
    assert re.match(_EMAIL_PATTERN, "info@förening.se")


# Names and titles (Line) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "word", "code"),
    [("\u0410lfa idrottsförening", "\u0410lfa", "U+0410"),
     ("Idr\u043ettsförening", "Idr\u043ettsförening", "U+043E"),
     ("Beta-stiftelsen \u0391lfa", "\u0391lfa", "U+0391"),
     ("Alf\u0430\u200b", "Alf\u0430", "U+0430"),
     ("\u0410\u200blfa", "\u0410lfa", "U+0410")],
    ids=["cyrillic-a", "cyrillic-o", "greek-alpha", "cyrillic-a-last", "split-by-zero-width"],
)  # fmt: skip
def test_word_mixing_latin_with_cyrillic_or_greek_lookalikes_is_rejected(
    written: str, word: str, code: str
) -> None:
    message, hint = _error(Line, written)
    assert message.startswith(f"ordet '{word}' blandar latinska och ")
    assert hint.startswith(f"{chr(int(code[2:], 16))} ({code}) är en ")
    assert hint.endswith("skriv hela ordet med ett och samma alfabet")


def test_word_mixing_greek_and_cyrillic_is_rejected() -> None:
    assert (
        _message(Line, "\u0391\u0431\u0432")
        == "ordet 'Αбв' blandar grekiska och kyrilliska bokstäver"
    )


@pytest.mark.parametrize(
    "written",
    ["Φίλοι της Ελλάδας", "Русский культурный клуб", "Åäö Éü idrottsförening",
     "ΑΒΒΑ-klubben i Åby", "β-gruppen", "Föreningen Ω-3", "Ａlfa ＩＦ", "NO", "4H"],
)  # fmt: skip
def test_words_each_in_one_alphabet_are_accepted(written: str) -> None:
    assert _valid(Line, written) == written


@pytest.mark.parametrize(
    "written",
    ["...", "– –", "\u200e \u200e", "\u200b\u200b", "\u00ad-\u00ad", "\u3164\u3164", "\u0301\u0301",
     "\U0001f389\U0001f389", "«»"],
    ids=["dots", "dashes", "direction-marks", "zero-width", "soft-hyphens", "hangul-filler",
         "combining-marks", "emoji", "quotes"],
)  # fmt: skip
def test_name_with_no_visible_letter_or_digit_is_rejected(written: str) -> None:
    message, hint = _error(Line, written)
    assert message == "innehåller ingen synlig bokstav eller siffra"
    assert "osynliga tecken räknas inte" in hint


@pytest.mark.parametrize(
    ("one", "other"),
    [("Alfa idrottsförening", "ALFA  IDROTTSFÖRENING"), ("Alfa idrottsförening", "Alfa idrotts\u200bförening"),
     ("Alfa idrottsförening", "\uff21lfa idrottsf\u00f6rening"),
     ("Alfa idrottsförening", "Alfa idrottsfo\u0308rening"),
     ("Alfa idrottsförening", "Alfa\u00a0idrotts\u00adförening\u200e"),
     ("Beta-stiftelsen", "\u0412\u0415\u0422\u0410-stiftelsen"), ("Straße", "STRASSE")],
    ids=["case-and-spacing", "zero-width-space", "fullwidth", "decomposed", "nbsp-shy-lrm",
         "cyrillic-word", "sharp-s"],
)  # fmt: skip
def test_names_a_reader_cannot_tell_apart_have_the_same_key(one: str, other: str) -> None:
    assert name_key(one) == name_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Alfa idrottsförening", "Alfa idrottsforening"), ("Beta-stiftelsen", "Beta stiftelsen"),
     ("Φίλοι", "Filoi")],
)  # fmt: skip
def test_names_that_differ_visibly_have_different_keys(one: str, other: str) -> None:
    assert name_key(one) != name_key(other)


def test_markdown_longer_than_the_limit_is_refused_before_it_is_parsed() -> None:
    from okide.fields import MARKDOWN_MAX_LENGTH

    with patch("okide.fields.targets") as parse:
        message = _message(Markdown, "![" * (MARKDOWN_MAX_LENGTH // 2) + "!")
    assert str(MARKDOWN_MAX_LENGTH) in message
    parse.assert_not_called()
    assert _valid(Markdown, "a" * MARKDOWN_MAX_LENGTH) == "a" * MARKDOWN_MAX_LENGTH
