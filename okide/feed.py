"""Register → an Atom feed of what changes in the register: new parties, departures, dialogues.

Every entry's id and date come from the data, so the feed is stable from build to build; only
"today" decides whether a departure dated in the future has happened yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from urllib.parse import urlsplit

from okide.addresses import SiteSettings
from okide.clock import STOCKHOLM
from okide.models import Dialogue, Register
from okide.sections import FILES, entry_url
from okide.swedish import date_sv, period_sv
from okide.templating import environment

FEED_PATH = FILES["feed"]
# Feed readers poll the feed often; the newest entries are what they need.
FEED_LENGTH = 50
# Characters XML 1.0 does not allow anywhere (YAML lets an editor write some as "\x01"): one
# of them would make the whole feed unreadable to every feed reader. XML's own rule (its Char
# production), inverted.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class FeedEntry:
    id: str
    title: str
    summary: str
    link: str
    updated: datetime


def _at_noon(day: date) -> datetime:
    return datetime.combine(day, time(12, 0), tzinfo=STOCKHOLM)


def xml_text(value: object) -> object:
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def _where(dialogue: Dialogue) -> str:
    if dialogue.location and dialogue.online:
        return f"{dialogue.location.name} och digitalt"
    return dialogue.location.name if dialogue.location else "digitalt"


def feed_entries(register: Register, site: SiteSettings, today: date) -> list[FeedEntry]:
    """Newest first; ties broken by id so the order never depends on file order. A departure
    appears on the day it happens, not when it is written down in advance."""
    tag = _tag_prefix(register, site)
    short = register.agreement.short_name
    entries: list[FeedEntry] = []
    for party in register.signatories.values():
        link = entry_url(site, "signatories", party.id)
        entries.append(
            FeedEntry(
                f"{tag}part/{party.id}/ny",
                f"Ny part: {party.name}",
                f"{party.name} ({party.form}) skrev under {short} {date_sv(party.signed)}.",
                link,
                _at_noon(party.signed),
            )
        )
        if party.left and party.left <= today:
            entries.append(
                FeedEntry(
                    f"{tag}part/{party.id}/lamnade",
                    f"{party.name} har lämnat {short}",
                    f"{party.name} lämnade {short} {date_sv(party.left)}.",
                    link,
                    _at_noon(party.left),
                )
            )
    for dialogue in register.dialogues.values():
        cancelled = dialogue.cancelled
        entries.append(
            FeedEntry(
                f"{tag}stordialog/{dialogue.id}",
                f"{dialogue.title}{' (inställd)' if cancelled else ''}, "
                f"{date_sv(dialogue.start.astimezone(STOCKHOLM).date())}",
                f"{period_sv(dialogue.start, dialogue.end)}, {_where(dialogue)}."
                + (" Stordialogen är inställd." if cancelled else ""),
                entry_url(site, "dialogues", dialogue.id),
                dialogue.start,
            )
        )
    return sorted(entries, key=lambda e: (e.updated, e.id), reverse=True)[:FEED_LENGTH]


def _tag_prefix(register: Register, site: SiteSettings) -> str:
    """RFC 4151 tag URIs: the site's host and the date the agreement was adopted."""
    return f"tag:{_host(site)},{register.agreement.adopted.isoformat()}:"


def _host(site: SiteSettings) -> str:
    return urlsplit(site.site_url).hostname or "okide.invalid"


def atom_feed(register: Register, site: SiteSettings, today: date) -> bytes:
    entries = feed_entries(register, site, today)
    updated = entries[0].updated if entries else _at_noon(register.agreement.adopted)
    text = (
        environment(autoescape=True, finalize=xml_text, keep_trailing_newline=False)
        .get_template("feed.xml.j2")
        .render(
            agreement=register.agreement,
            entries=entries,
            updated=updated,
            feed_url=site.site_url.rstrip("/") + "/" + FEED_PATH,
            home_url=site.site_url,
            feed_id=_tag_prefix(register, site) + "flode",
        )
    )
    return text.encode("utf-8")
