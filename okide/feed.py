"""Register → an Atom feed of what changes in the register: new parties, departures, dialogues,
follow-ups handed in and actions of the collaboration plan that change status.

Every entry's id and date come from the data, so the feed is stable from build to build; only
"today" decides whether a departure or a status change dated in the future has happened yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from urllib.parse import urlsplit

from okide.addresses import SiteSettings
from okide.clock import STOCKHOLM
from okide.models import Action, Dialogue, Register
from okide.sections import FILES, anchor_url, entry_url
from okide.swedish import date_sv, period_sv
from okide.templating import environment

FEED_PATH = FILES["feed"]
# Feed readers poll the feed often; the newest entries are what they need.
FEED_LENGTH = 50
# Characters XML 1.0 does not allow anywhere (YAML lets an editor write some as "\x01"): one
# of them would make the whole feed unreadable to every feed reader. XML's own rule (its Char
# production), inverted.
# An action's status in its entry's id (a tag URI is ASCII), and as the summary says it.
_STATUS_TAGS = {"planerad": "planerad", "pågår": "pagar", "klar": "klar", "avbruten": "avbruten"}
_STATUS_SENTENCES = {
    "planerad": "Insatsen planerades",
    "pågår": "Insatsen startade",
    "klar": "Insatsen blev klar",
    "avbruten": "Insatsen avbröts",
}
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
    entries += _follow_up_entries(register, site, today, tag)
    entries += [_action_entry(register, site, action, tag) for action in
                register.actions.values() if action.status_changed <= today]  # fmt: skip
    return sorted(entries, key=lambda e: (e.updated, e.id), reverse=True)[:FEED_LENGTH]


def _follow_up_entries(
    register: Register, site: SiteSettings, today: date, tag: str
) -> list[FeedEntry]:
    """A follow-up on the day it was handed in (a date ahead of the build is not yet news)."""
    entries = []
    for follow_up in register.followups.values():
        if follow_up.submitted > today:
            continue
        party = register.signatories[follow_up.party]
        due = register.agreement.follow_up_due(follow_up.year)
        late = (
            f" Den skulle ha varit inne senast {date_sv(due)}."
            if due is not None
            and register.is_expected(party, follow_up.year)
            and follow_up.submitted > due
            else ""
        )
        entries.append(
            FeedEntry(
                f"{tag}uppfoljning/{follow_up.id}",
                f"Uppföljning {follow_up.year}: {party.name}",
                f"{party.name} lämnade in sin uppföljning av {follow_up.year} "
                f"den {date_sv(follow_up.submitted)}.{late}",
                anchor_url(site, "followups", follow_up.id),
                _at_noon(follow_up.submitted),
            )
        )
    return entries


def _action_entry(register: Register, site: SiteSettings, action: Action, tag: str) -> FeedEntry:
    """One entry per status an action has had: a new status is a new entry in feed readers."""
    plan = register.plans.get(action.plan)
    changed = action.status_changed
    return FeedEntry(
        f"{tag}insats/{action.id}/{_STATUS_TAGS[action.status]}/{changed.isoformat()}",
        f"Insats {action.status}: {action.title}",
        f"{_STATUS_SENTENCES[action.status]} den {date_sv(changed)}"
        + (f" ({plan.title})." if plan is not None else "."),
        anchor_url(site, "plan", action.id),
        _at_noon(changed),
    )


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
