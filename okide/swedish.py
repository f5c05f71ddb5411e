"""Dates and times the way Swedish readers write them: `15 september 2017`, `kl. 17.30`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from okide.clock import STOCKHOLM

MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip
WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")


def date_sv(day: date) -> str:
    """`15 september 2017`."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def day_month_sv(day: date) -> str:
    """`15 december` (a day that comes back every year)."""
    return f"{day.day} {MONTHS[day.month - 1]}"


def month_sv(day: date) -> str:
    """`november 2026`."""
    return f"{MONTHS[day.month - 1]} {day.year}"


def weekday_date_sv(day: date) -> str:
    """`tisdag 3 december 2026`."""
    return f"{WEEKDAYS[day.weekday()]} {date_sv(day)}"


def clock_sv(moment: datetime) -> str:
    """`17.30` (Swedish uses a full stop between hours and minutes)."""
    local = moment.astimezone(STOCKHOLM)
    return f"{local.hour}.{local.minute:02d}"


def period_sv(start: datetime, end: datetime) -> str:
    """`tisdag 3 december 2026 kl. 17.30–20.00`, or both days when it spans midnight."""
    first, last = start.astimezone(STOCKHOLM), end.astimezone(STOCKHOLM)
    if first.date() == last.date():
        return f"{weekday_date_sv(first.date())} kl. {clock_sv(first)}–{clock_sv(last)}"
    return (
        f"{weekday_date_sv(first.date())} kl. {clock_sv(first)} – "
        f"{weekday_date_sv(last.date())} kl. {clock_sv(last)}"
    )


def count_sv(count: int, one: str, many: str) -> str:
    """`1 part`, `12 parter`."""
    return f"{count} {one if count == 1 else many}"


@dataclass(frozen=True)
class Stamp:
    """An instant as a page prints it: `datetime` for <time datetime="…">, `text` for people."""

    datetime: str
    text: str


def stamp_sv(moment: datetime) -> Stamp:
    """`1 december 2026 kl. 4.17`, in Swedish time, with the same instant in ISO 8601."""
    local = moment.astimezone(STOCKHOLM)
    return Stamp(local.isoformat(), f"{date_sv(local.date())} kl. {clock_sv(local)}")
