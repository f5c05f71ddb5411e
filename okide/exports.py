"""Register → the open data files: iCalendar, JSON and CSV, as bytes.

Everything here is fixed by the data, the site's URL and the build's instant (which
SOURCE_DATE_EPOCH fixes): no randomness, so the same input gives byte-identical files, and an
event keeps its UID, so calendar apps never see it twice.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import icalendar

from okide.addresses import SiteSettings
from okide.clock import STOCKHOLM
from okide.feed import atom_feed, dialogue_updated, start_of
from okide.markdown import plain_paragraphs, plain_text
from okide.models import Action, Dialogue, FollowUp, Plan, Register, Signatory
from okide.sections import FILES, PAGES, anchor_url, entry_file, entry_url
from okide.swedish import date_sv

PARTY_CSV_COLUMNS = (
    "id", "name", "form", "signed", "left", "org_number", "website", "description", "areas",
    "contact_email", "contact_phone", "contact_url", "url",
)  # fmt: skip
FOLLOWUP_CSV_COLUMNS = (
    "id", "party", "party_name", "year", "submitted", "due", "on_time", "contribution",
    "proposals", "report", "actions", "url",
)  # fmt: skip
ACTION_CSV_COLUMNS = (
    "id", "plan", "title", "status", "status_changed", "responsible", "public_party", "parties",
    "start", "end", "funding", "dialogues", "challenges", "description", "outcome", "url",
)  # fmt: skip
_ICS_PRODID = "-//okide//ÖK Idé stordialoger//SV"
# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets
# (OWASP: CSV injection): `=HYPERLINK(…)`, `+cmd|…`, `-2+3`, `@SUM(…)`, and tab or carriage
# return before any of them.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _json_bytes(data: Any) -> bytes:
    """Compact JSON: the C encoder is used only without indentation (ten times faster)."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def _plain(value: Any) -> Any:
    """Dates as ISO text; every v1 key present, null where the editor left it out."""
    if isinstance(value, datetime):
        return value.astimezone(STOCKHOLM).isoformat(timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _record(entry: Signatory | Dialogue | FollowUp | Plan | Action, url: str) -> dict[str, Any]:
    # `example` is false in every published record: it says nothing about the data.
    data = _plain(entry.model_dump(mode="python", exclude={"example"}))
    return {"id": entry.id, **data, "url": url}


def parties_json(register: Register, site: SiteSettings) -> bytes:
    """All parties, current and former, by name: the v1 fields plus `id` and `url`."""
    return _json_bytes(
        [
            _record(party, entry_url(site, "signatories", party.id))
            for party in register.parties_by_name()
        ]
    )


def dialogues_json(register: Register, site: SiteSettings) -> bytes:
    """All dialogues by start: the v1 fields plus `id` and `url`."""
    dialogues = register.dialogues_in_order()
    return _json_bytes([_record(d, entry_url(site, "dialogues", d.id)) for d in dialogues])


def follow_up_records(register: Register, site: SiteSettings) -> list[dict[str, Any]]:
    """By year, then the party as in the register (by name): the v1.1 fields plus `id`,
    `party_name`, `due` (the day it was due, null where none was expected), `on_time` (null
    likewise) and `url`. Made once for both files."""
    rank = {party.id: index for index, party in enumerate(register.parties_by_name())}
    records = []
    for follow_up in sorted(
        register.followups.values(), key=lambda f: (f.year, rank[f.party], f.id)
    ):
        party = register.signatories[follow_up.party]
        due = register.due_for(party, follow_up.year)
        record = _record(follow_up, anchor_url(site, "followups", follow_up.id))
        url = record.pop("url")
        records.append(
            {"id": follow_up.id, "party": follow_up.party, "party_name": party.name, **record,
             "due": _plain(due), "on_time": None if due is None else follow_up.submitted <= due,
             "url": url}
        )  # fmt: skip
    return records


def followups_csv(records: list[dict[str, Any]]) -> bytes:
    """One row per follow-up; the proposals one per line within their cell (a proposal may
    hold a `;`), other lists joined with `;`; `on_time` is `true`, `false` or empty."""
    rows = [
        [
            record["id"],
            record["party"],
            record["party_name"],
            str(record["year"]),
            record["submitted"],
            record["due"] or "",
            _csv_flag(record["on_time"]),
            plain_text(record["contribution"]),
            "\n".join(record["proposals"]),
            record["report"] or "",
            ";".join(record["actions"]),
            record["url"],
        ]
        for record in records
    ]
    return _csv_bytes(FOLLOWUP_CSV_COLUMNS, rows)


def plan_records(register: Register, site: SiteSettings) -> list[dict[str, Any]]:
    """Every plan, the latest first, with its challenges and its actions (by start): the
    v1.1 fields plus `id`, `url`, and per action `status_changed` and `responsible`. Made once
    for both files."""
    return [
        {
            **_record(plan, site.page_url(PAGES["plan"])),
            "actions": [
                _action_record(register, site, action) for action in register.actions_of(plan.id)
            ],
        }
        for plan in register.plans_in_order()
    ]


def _action_record(register: Register, site: SiteSettings, action: Action) -> dict[str, Any]:
    record = _record(action, anchor_url(site, "plan", action.id))
    url = record.pop("url")
    return {**record, "status_changed": _plain(action.status_changed),
            "responsible": _responsible(register, action), "url": url}  # fmt: skip


def _responsible(register: Register, action: Action) -> list[str]:
    """The names of those responsible: the public body first, then the parties as listed."""
    public = [register.agreement.public_party] if action.public_party else []
    return public + [register.signatories[party_id].name for party_id in action.parties]


def actions_csv(plans: list[dict[str, Any]]) -> bytes:
    """One row per action, plan by plan as in the JSON file; lists joined with `;`."""
    rows = [
        [
            record["id"],
            record["plan"],
            record["title"],
            record["status"],
            record["status_changed"],
            ";".join(record["responsible"]),
            _csv_flag(record["public_party"]),
            ";".join(record["parties"]),
            record["start"],
            record["end"] or "",
            record["funding"] or "",
            ";".join(record["dialogues"]),
            ";".join(record["challenges"]),
            plain_text(record["description"]),
            plain_text(record["outcome"]) if record["outcome"] else "",
            record["url"],
        ]
        for plan in plans
        for record in plan["actions"]
    ]
    return _csv_bytes(ACTION_CSV_COLUMNS, rows)


def _csv_flag(value: bool | None) -> str:
    return "" if value is None else str(value).lower()


def _csv_bytes(columns: tuple[str, ...], rows: list[list[str]]) -> bytes:
    """UTF-8 with a header row and CRLF line ends; every cell through spreadsheet_cell."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(spreadsheet_cell(cell) for cell in row)
    return buffer.getvalue().encode("utf-8")


def spreadsheet_cell(text: str) -> str:
    """The text, with a `'` in front if it starts like a formula (see _FORMULA_STARTS)."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def parties_csv(register: Register, site: SiteSettings) -> bytes:
    """One row per party, UTF-8 with a header row; lists are joined with `;`.

    Editors are not trusted and the file is meant to be opened in a spreadsheet, which runs a
    cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula. Such a
    cell gets a `'` in front (OWASP's advice against CSV injection), so that it stays text;
    the `'` is part of the cell for a program that reads the CSV (`'+46 522 69 60 00`,
    `'- en punktlista`). The JSON files keep the exact text.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(PARTY_CSV_COLUMNS)
    for party in register.parties_by_name():
        contact = party.contact
        writer.writerow(
            spreadsheet_cell(cell)
            for cell in [
                party.id,
                party.name,
                party.form,
                party.signed.isoformat(),
                party.left.isoformat() if party.left else "",
                party.org_number or "",
                party.website or "",
                plain_text(party.description) if party.description else "",
                ";".join(party.areas),
                (contact.email if contact else None) or "",
                (contact.phone if contact else None) or "",
                (contact.url if contact else None) or "",
                entry_url(site, "signatories", party.id),
            ]
        )
    return buffer.getvalue().encode("utf-8")


def _uid(site: SiteSettings, dialogue: Dialogue) -> str:
    host = urlsplit(site.site_url).hostname or "okide.invalid"
    return f"stordialog-{dialogue.id}@{host}"


def _event(
    register: Register, site: SiteSettings, dialogue: Dialogue, today: date, built: datetime
) -> icalendar.Event:
    event = icalendar.Event()
    url = entry_url(site, "dialogues", dialogue.id)
    cancelled = dialogue.cancelled
    event.add("uid", _uid(site, dialogue))
    # DTSTAMP: when this file was made (RFC 5545), the build's instant; SOURCE_DATE_EPOCH fixes
    # it, so a reproducible build stays byte-identical. LAST-MODIFIED: when the dialogue last
    # changed in the register, as the feed's `updated` says (okide/feed.py).
    event.add("dtstamp", built)
    event.add("last-modified", dialogue_updated(dialogue, today, built).astimezone(UTC))
    event.add("dtstart", dialogue.start)
    event.add("dtend", dialogue.end)
    # Many calendar apps ignore STATUS in a subscribed feed: the title says it too.
    event.add("summary", f"Inställd: {dialogue.title}" if cancelled else dialogue.title)
    event.add("description", _description(dialogue, url))
    event.add("url", url)
    if dialogue.location:
        place = dialogue.location
        event.add("location", ", ".join(p for p in (place.name, place.address) if p))
    elif dialogue.online:
        # A cancelled meeting offers no way in: its online link is left out everywhere.
        event.add("location", "Digitalt" if cancelled else dialogue.online)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("sequence", _sequence(dialogue))
    organizer = _organizer(register)
    if organizer is not None:
        event.add("organizer", organizer)
    return event


def _sequence(dialogue: Dialogue) -> int:
    """The event's revision (RFC 5545 SEQUENCE), which calendar apps compare to replace an
    event they hold: one more for a dialogue that has changed since it was published
    (`changed`), one more when it is cancelled. It never goes down while editors only add."""
    return (dialogue.changed is not None) + dialogue.cancelled


def _description(dialogue: Dialogue, url: str) -> str:
    """Plain text, paragraph by paragraph (no Markdown, the YAML's line breaks folded); the
    page URL and the online link are here because many apps ignore URL. A cancelled dialogue
    offers neither the online link nor registration."""
    cancelled = dialogue.cancelled
    paragraphs = ["Stordialogen är inställd."] if cancelled else []
    paragraphs += plain_paragraphs(dialogue.description)
    lines = [f"Mer information: {url}"]
    if dialogue.online and not cancelled:
        lines.append(f"Delta digitalt: {dialogue.online}")
    registration = dialogue.registration
    if registration and not cancelled:
        target = registration.url or registration.email
        deadline = f" (senast {date_sv(registration.deadline)})" if registration.deadline else ""
        lines.append(f"Anmälan: {target}{deadline}")
    return "\n\n".join([*paragraphs, "\n".join(lines)])


def _organizer(register: Register) -> icalendar.vCalAddress | None:
    """ORGANIZER is a calendar address (mailto:): left out when the agreement has no e-mail."""
    contact = register.agreement.contact
    if not contact.email:
        return None
    address = icalendar.vCalAddress(f"mailto:{contact.email}")
    address.params["cn"] = register.agreement.public_party
    return address


def calendar(
    register: Register,
    site: SiteSettings,
    chosen: list[Dialogue],
    today: date,
    built: datetime | None = None,
    *,
    subscription: bool = True,
) -> bytes:
    """An iCalendar file of the given dialogues, in their order, with Europe/Stockholm's
    VTIMEZONE. `built` is the build's instant (without one, the start of `today`).

    The subscription (stordialoger.ics) is a calendar of its own: it has a name and asks to be
    fetched again daily. A file of one event (subscription=False, behind "Lägg till i
    kalendern") has neither, so that calendar apps add the event to a calendar the reader
    already has instead of making a new calendar of it."""
    stamp = (built if built is not None else start_of(today)).astimezone(UTC)
    stamp = stamp.replace(microsecond=0)
    cal = icalendar.Calendar()
    cal.add("prodid", _ICS_PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    if subscription:
        name = f"Stordialoger – {register.agreement.short_name}, {register.agreement.public_party}"
        # As TEXT, its comma escaped (RFC 5545): unescaped, a reader such as vobject takes the
        # name for a list and shows only what comes before the first comma.
        cal.add("x-wr-calname", icalendar.vText(name))
        cal.add("x-wr-timezone", "Europe/Stockholm")
        # Subscribers fetch the feed again once a day (the site is rebuilt daily).
        cal.add("refresh-interval", timedelta(days=1), parameters={"VALUE": "DURATION"})
        cal.add("x-published-ttl", "P1D")
    for dialogue in chosen:
        cal.add_component(_event(register, site, dialogue, today, stamp))
    if chosen:
        first = chosen[0].start.date() - timedelta(days=366)
        last = max(d.end for d in chosen).date() + timedelta(days=366)
        cal.add_missing_timezones(first_date=first, last_date=last)
    return cal.to_ical()


def render_exports(
    register: Register, site: SiteSettings, today: date, built: datetime | None = None
) -> dict[str, bytes]:
    """Every export by its path in the site (today decides which departures have happened;
    built, the build's instant, dates the calendars and caps the feed's dates; without it,
    the start of today)."""
    follow_ups = follow_up_records(register, site)
    plans = plan_records(register, site)
    exports = {
        FILES["calendar"]: calendar(register, site, register.dialogues_in_order(), today, built),
        FILES["parties_json"]: parties_json(register, site),
        FILES["parties_csv"]: parties_csv(register, site),
        FILES["dialogues_json"]: dialogues_json(register, site),
        FILES["followups_json"]: _json_bytes(follow_ups),
        FILES["followups_csv"]: followups_csv(follow_ups),
        FILES["plans_json"]: _json_bytes(plans),
        FILES["actions_csv"]: actions_csv(plans),
        FILES["feed"]: atom_feed(register, site, today, built),
    }
    for dialogue_id in sorted(register.dialogues):
        dialogue = register.dialogues[dialogue_id]
        exports[entry_file("dialogues", dialogue_id)] = calendar(
            register, site, [dialogue], today, built, subscription=False
        )
    return exports
