"""Whole built sites, as the clients read them: the repository's own content (a clean clone) and
a site made by `okide init` with another public body's data. Their calendars parse in icalendar
and vobject alike and their feed in feedparser, dated as /om-data/ says."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from io import StringIO
from pathlib import Path

import feedparser
import icalendar
import pytest
import vobject

from okide.cli import main
from okide.sections import data_tops
from tests.conftest import FIXTURES, TODAY_EPOCH
from tests.sitebuild import mkdocs_build

BUILT = datetime.fromtimestamp(int(TODAY_EPOCH), tz=UTC)
CALENDAR_PROPERTIES = ("X-WR-CALNAME", "REFRESH-INTERVAL", "X-PUBLISHED-TTL")


def _instant(struct: tuple[int, ...]) -> datetime:
    return datetime(*struct[:6], tzinfo=UTC)


def check_feed(site: Path) -> int:
    """The feed reads without error, no entry is dated after the build and the feed is dated
    by its newest entry; the number of entries."""
    parsed = feedparser.parse((site / "flode.xml").read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    updated = [_instant(entry.updated_parsed) for entry in parsed.entries]
    assert all(moment <= BUILT for moment in updated)
    feed_updated = _instant(parsed.feed.updated_parsed)
    assert feed_updated == max(updated) if updated else feed_updated <= BUILT
    return len(updated)


def check_calendars(site: Path) -> int:
    """The subscription and every per-dialogue file, in both parsers: stamped with the build,
    the per-dialogue files one event each without a calendar's name or refresh, the same event
    as in the subscription; the number of events."""
    whole = (site / "stordialoger.ics").read_bytes()
    subscribed = {str(e["uid"]): e for e in icalendar.Calendar.from_ical(whole).walk("VEVENT")}
    assert len(vobject.readOne(whole.decode()).contents.get("vevent", [])) == len(subscribed)
    assert b"X-WR-CALNAME:" in whole
    singles = sorted((site / "stordialoger").glob("*.ics"))
    assert len(singles) == len(subscribed)
    for path in singles:
        data = path.read_bytes()
        (event,) = icalendar.Calendar.from_ical(data).walk("VEVENT")
        (other,) = vobject.readOne(data.decode()).vevent_list
        assert event.decoded("dtstamp") == other.dtstamp.value == BUILT, path
        assert other.uid.value == str(event["uid"])
        assert event.to_ical() == subscribed[str(event["uid"])].to_ical()
        for name in CALENDAR_PROPERTIES:
            assert name.encode() not in data, (path, name)
        assert "**" not in other.description.value
        assert other.description.value.split("Mer information: ")[1].startswith("https://")
    return len(subscribed)


@pytest.mark.slow
def test_the_repositorys_own_site_has_calendars_and_a_feed_that_clients_read(
    shipped_site: Path,
) -> None:
    assert check_calendars(shipped_site) >= 1
    assert check_feed(shipped_site) >= 1


@pytest.mark.slow
def test_a_site_made_by_okide_init_has_calendars_and_a_feed_that_clients_read(
    tmp_path: Path,
) -> None:
    site = tmp_path / "ny-webbplats"
    code = main(
        ["init", str(site), "--public-party", "Region Exempelland",
         "--site-url", "https://exempel.github.io/ok/", "--repo-url",
         "https://github.com/exempel/ok"],
        out=StringIO(),
    )  # fmt: skip
    assert code == 0
    for folder in data_tops():
        shutil.rmtree(site / folder)
        shutil.copytree(FIXTURES / "region" / folder, site / folder)
    built = mkdocs_build(site, tmp_path / "site")
    assert built.returncode == 0, built.stdout + built.stderr
    assert check_calendars(tmp_path / "site") == 2
    assert check_feed(tmp_path / "site") >= 2
