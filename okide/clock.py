"""The build's notion of "today": the only place that reads the clock or the environment."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
# The years this register can speak of: every date in the data and the build date itself.
# An agreement, its signings and its dialogues lie in living memory or in the few years a
# municipality plans ahead; 1900 and 2100 leave a century either way. A year outside is a typo
# (0202 for 2020, 20266 for 2026), and keeping far inside datetime's 1–9999 range means that
# adding a year, a day or a UTC offset to any date (statistics, calendars) cannot overflow.
FIRST_YEAR, LAST_YEAR = 1900, 2100
_EPOCH = re.compile(r"^-?[0-9]{1,20}$")
# How much of a value that is not a time to show back (the environment can hold megabytes).
_SHOWN = 40


class InvalidBuildDate(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a time: the build must stop rather than guess."""


def build_moment(environ: Mapping[str, str] | None = None) -> datetime:
    """The build's instant: SOURCE_DATE_EPOCH when set (reproducible builds), else now.

    Set but empty is refused, not read as "now": MkDocs reads the same variable with int()
    and would stop with a traceback halfway through the build.
    """
    env = os.environ if environ is None else environ
    written = env.get("SOURCE_DATE_EPOCH")
    if written is None:
        return datetime.now(tz=STOCKHOLM)
    epoch = written.strip()
    if not epoch:
        raise InvalidBuildDate(
            "SOURCE_DATE_EPOCH är satt men tom – ange ett heltal sekunder sedan 1970-01-01 UTC, "
            "t.ex. $(git log -1 --format=%ct), eller ta bort variabeln (unset SOURCE_DATE_EPOCH)"
        )
    moment = _epoch_moment(epoch)
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise InvalidBuildDate(
            f"SOURCE_DATE_EPOCH={epoch} är dagen {moment.date().isoformat()}, utanför åren "
            f"{FIRST_YEAR}–{LAST_YEAR} som registret gäller – ange tiden för den senaste "
            "ändringen, t.ex. $(git log -1 --format=%ct), eller ta bort variabeln"
        )
    return moment


def _epoch_moment(epoch: str) -> datetime:
    try:
        if not _EPOCH.match(epoch):
            raise ValueError(epoch)
        return datetime.fromtimestamp(int(epoch), tz=UTC).astimezone(STOCKHOLM)
    except (ValueError, OverflowError, OSError):
        shown = epoch if len(epoch) <= _SHOWN else epoch[:_SHOWN] + "…"
        raise InvalidBuildDate(
            f"SOURCE_DATE_EPOCH={shown} är inte en tidpunkt – ange ett heltal sekunder sedan "
            "1970-01-01 UTC, t.ex. $(git log -1 --format=%ct), eller ta bort variabeln"
        ) from None


def build_date(environ: Mapping[str, str] | None = None) -> date:
    """ "Today" as the data format defines it: the Stockholm date of the build's instant."""
    return build_moment(environ).date()


def end_of_day(day: date) -> datetime:
    """The instant a Swedish day is over (the next midnight in Stockholm): a deadline "senast
    9 mars" holds all that day, and a visitor's browser compares it as an instant."""
    return datetime.combine(day + timedelta(days=1), time(), tzinfo=STOCKHOLM)
