"""The build's notion of "today": the only place that reads the clock or the environment."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")
_EPOCH = re.compile(r"^-?[0-9]+$")


class InvalidBuildDate(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a time: the build must stop rather than guess."""


def build_moment(environ: Mapping[str, str] | None = None) -> datetime:
    """The build's instant: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return datetime.now(tz=STOCKHOLM)
    try:
        if not _EPOCH.match(epoch):
            raise ValueError(epoch)
        return datetime.fromtimestamp(int(epoch), tz=UTC).astimezone(STOCKHOLM)
    except (ValueError, OverflowError, OSError):
        raise InvalidBuildDate(
            f"SOURCE_DATE_EPOCH={epoch} är inte en tidpunkt – ange ett heltal sekunder sedan "
            "1970-01-01 UTC, t.ex. $(git log -1 --format=%ct), eller ta bort variabeln"
        ) from None


def build_date(environ: Mapping[str, str] | None = None) -> date:
    """ "Today" as the data format defines it: the Stockholm date of the build's instant."""
    return build_moment(environ).date()
