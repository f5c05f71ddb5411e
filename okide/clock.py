"""The build's notion of "today": the only place that reads the clock or the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def build_moment(environ: Mapping[str, str] | None = None) -> datetime:
    """The build's instant: SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=UTC).astimezone(STOCKHOLM)
    return datetime.now(tz=STOCKHOLM)


def build_date(environ: Mapping[str, str] | None = None) -> date:
    """ "Today" as the data format defines it: the Stockholm date of the build's instant."""
    return build_moment(environ).date()
