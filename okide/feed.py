"""Register → an Atom feed of what changes in the register: new parties, departures, dialogues,
follow-ups handed in and actions of the collaboration plan that change status.

Every entry's id comes from the data, and so does its `updated` (RFC 4287: when the entry last
changed in a way that matters): the day a party signed or left, the day a dialogue was published
or last changed (cancelled, say), the day a follow-up was handed in or an action changed status.
No entry, and so not the feed, is ever dated after the build: the build's instant caps them all,
and "today" decides whether a departure or a status change dated in the future has happened yet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
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


def start_of(today: date) -> datetime:
    """The build's instant when only its day is known: the day's first moment in Stockholm,
    which no build on that day comes before (so nothing capped by it lies after the build)."""
    return datetime.combine(today, time(), tzinfo=STOCKHOLM)


def _cap(built: datetime | None, today: date) -> datetime:
    """The build's instant in Stockholm time to the second (as the feed writes its dates)."""
    moment = built if built is not None else start_of(today)
    return moment.astimezone(STOCKHOLM).replace(microsecond=0)


def dialogue_published(dialogue: Dialogue, today: date) -> date:
    """The day the dialogue became news: `published`, or, in a file without it (data format 1),
    its start day or the build day, whichever is earlier: a day it was surely known by, never
    after the build. (Without `published`, a dialogue ahead of the build is dated the build day
    until it starts; `okide new dialogue` writes `published` for that reason.)"""
    return dialogue.published or min(dialogue.start.astimezone(STOCKHOLM).date(), today)


def dialogue_changed(dialogue: Dialogue, today: date) -> date:
    """The day the dialogue last changed as news: `changed`; without it, a cancellation is
    dated like a missing `published` (the start day or the build day, whichever is earlier):
    the day of a cancellation nobody wrote down is not known, but it was known by then, and a
    later day than the publication makes feed readers show the entry again. Never before the
    publication."""
    if dialogue.changed is not None:
        last = dialogue.changed
    elif dialogue.cancelled:
        last = min(dialogue.start.astimezone(STOCKHOLM).date(), today)
    else:
        last = dialogue_published(dialogue, today)
    return max(last, dialogue_published(dialogue, today))


def dialogue_updated(dialogue: Dialogue, today: date, built: datetime) -> datetime:
    """When the dialogue's entry (and its calendar event) last changed, capped by the build."""
    return min(_at_noon(dialogue_changed(dialogue, today)), _cap(built, today))


def xml_text(value: object) -> object:
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def _where(dialogue: Dialogue) -> str:
    if dialogue.location and dialogue.online:
        return f"{dialogue.location.name} och digitalt"
    return dialogue.location.name if dialogue.location else "digitalt"


def feed_entries(
    register: Register, site: SiteSettings, today: date, built: datetime | None = None
) -> list[FeedEntry]:
    """Newest first; ties broken by id so the order never depends on file order. A departure
    appears on the day it happens, not when it is written down in advance. Every `updated` is
    at most `built`, the build's instant (without one, the start of `today`)."""
    cap = _cap(built, today)
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
                _at_noon(dialogue_changed(dialogue, today)),
            )
        )
    entries += _follow_up_entries(register, site, today, tag)
    entries += [_action_entry(register, site, action, tag) for action in
                register.actions.values() if action.status_changed <= today]  # fmt: skip
    capped = [replace(e, updated=min(e.updated, cap)) for e in entries]
    return sorted(capped, key=lambda e: (e.updated, e.id), reverse=True)[:FEED_LENGTH]


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


def atom_feed(
    register: Register, site: SiteSettings, today: date, built: datetime | None = None
) -> bytes:
    """The feed's own `updated` is its newest entry's; a feed without entries is dated when
    the agreement was adopted (capped by the build too), which stays the same from build to
    build until there is news."""
    cap = _cap(built, today)
    entries = feed_entries(register, site, today, cap)
    updated = entries[0].updated if entries else min(_at_noon(register.agreement.adopted), cap)
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
