""" "Today": the Stockholm date of SOURCE_DATE_EPOCH when set, else of now; nothing else."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from okide.clock import STOCKHOLM, InvalidBuildDate, build_date, build_moment


@pytest.mark.parametrize(
    ("epoch", "day"),
    [("1795303800", date(2026, 11, 22)),  # 2026-11-21 23:30 UTC is 00:30 in Stockholm (winter)
     ("1782945000", date(2026, 7, 2)),  # 2026-07-01 22:30 UTC is 00:30 in Stockholm (summer)
     ("1795388399", date(2026, 11, 22)),  # 2026-11-22 22:59:59 UTC is 23:59:59 in Stockholm
     ("0", date(1970, 1, 1)),
     (" 1795303800\n", date(2026, 11, 22))],
)  # fmt: skip
def test_today_is_the_stockholm_date_of_source_date_epoch(epoch: str, day: date) -> None:
    assert build_date({"SOURCE_DATE_EPOCH": epoch}) == day


def test_the_build_moment_is_in_stockholm_time() -> None:
    moment = build_moment({"SOURCE_DATE_EPOCH": "1795303800"})
    assert (moment.tzinfo, moment.hour, moment.minute) == (STOCKHOLM, 0, 30)


def test_without_source_date_epoch_today_is_the_current_stockholm_date() -> None:
    before = datetime.now(STOCKHOLM)
    moment = build_moment({})
    after = datetime.now(STOCKHOLM)
    assert moment.tzinfo == STOCKHOLM and before <= moment <= after
    assert build_date({}) in {before.date(), after.date()}


@pytest.mark.parametrize("epoch", ["", "  ", "\n"])
def test_a_source_date_epoch_that_is_set_but_empty_stops_the_build(epoch: str) -> None:
    """MkDocs reads it with int() and would crash later; okide says why first."""
    with pytest.raises(InvalidBuildDate, match="SOURCE_DATE_EPOCH är satt men tom – "):
        build_date({"SOURCE_DATE_EPOCH": epoch})


@pytest.mark.parametrize(
    ("epoch", "day"),
    [("253402214400", "9999-12-31"), ("4133980800", "2101-01-01"),
     ("-2240524800", "1899-01-01")],
)  # fmt: skip
def test_a_build_date_outside_the_register_s_years_stops_the_build(epoch: str, day: str) -> None:
    with pytest.raises(InvalidBuildDate, match=f"är dagen {day}, utanför åren 1900–2100"):
        build_date({"SOURCE_DATE_EPOCH": epoch})


def test_a_build_date_beyond_what_a_date_can_hold_is_not_a_time_and_is_shown_shortened() -> None:
    for epoch in ("253402300800", "9" * 5000):
        with pytest.raises(InvalidBuildDate, match="är inte en tidpunkt") as caught:
            build_date({"SOURCE_DATE_EPOCH": epoch})
        assert len(str(caught.value)) < 200


def test_the_environment_is_read_when_none_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795303800")
    assert build_date() == date(2026, 11, 22)


@pytest.mark.parametrize("epoch", ["abc", "1e9", "1.5", "0x10", "١٢٣", "99999999999999999999"])
def test_a_source_date_epoch_that_is_not_a_time_stops_the_build(epoch: str) -> None:
    with pytest.raises(InvalidBuildDate, match=f"SOURCE_DATE_EPOCH={epoch} är inte en tidpunkt"):
        build_date({"SOURCE_DATE_EPOCH": epoch})


def test_one_second_after_midnight_is_the_next_day() -> None:
    midnight = datetime(2026, 11, 23, tzinfo=STOCKHOLM)
    epoch = int((midnight + timedelta(seconds=1)).timestamp())
    assert build_date({"SOURCE_DATE_EPOCH": str(epoch)}) == date(2026, 11, 23)
    assert build_date({"SOURCE_DATE_EPOCH": str(epoch - 2)}) == date(2026, 11, 22)
