"""Register → the open data files: iCalendar, JSON and CSV, as bytes.

Everything here is fixed by the data, the site's URL and the build's instant (which the caller
gives; SOURCE_DATE_EPOCH fixes it): no clock, no randomness, so the same input gives
byte-identical files, and an event keeps its UID, so calendar apps never see it twice.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlsplit

import icalendar

from okide.addresses import SiteSettings
from okide.catalogue import catalogue_rdf
from okide.clock import STOCKHOLM
from okide.feed import atom_feed, dialogue_updated, start_of
from okide.markdown import plain_paragraphs, plain_text
from okide.models import Action, Dialogue, FollowUp, Plan, Register, Signatory
from okide.records import JSON_EXPORTS, schema_bytes
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
# How a CSV cell lists several values: ids (which hold neither) with `;`, texts such as
# proposals and names, which may hold a `;`, with ` | `. The JSON files have real lists.
ID_LIST_SEPARATOR = ";"
TEXT_LIST_SEPARATOR = " | "


def _json_bytes(data: Any) -> bytes:
    """Compact JSON: the C encoder is used only without indentation (ten times faster)."""
    return (json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n").encode()


def timestamp(moment: datetime) -> str:
    """RFC 3339 with seconds, in Swedish time: `2027-03-16T17:30:00+01:00`."""
    return moment.astimezone(STOCKHOLM).isoformat(timespec="seconds")


def _plain(value: Any) -> Any:
    """Dates as ISO text; every v1 key present, null where the editor left it out."""
    if isinstance(value, datetime):
        return timestamp(value)
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


def json_export(key: str, site: SiteSettings, built: datetime, records: list[Any]) -> bytes:
    """A JSON file of records (okide.records describes each), in an object that says where its
    schema is, when it was made and how many records it holds: a reader can tell an old copy
    from a new one, and a file cut short from a whole one."""
    export = JSON_EXPORTS[FILES[key]]
    return _json_bytes(
        {
            "$schema": site.feed_url(export.schema_file),
            "generated": timestamp(built),
            "count": len(records),
            export.items: records,
        }
    )


def party_records(register: Register, site: SiteSettings) -> list[dict[str, Any]]:
    """All parties, current and former, by name: the v1 fields plus `id` and `url`."""
    return [
        _record(party, entry_url(site, "signatories", party.id))
        for party in register.parties_by_name()
    ]


def dialogue_state(dialogue: Dialogue, built: datetime) -> str:
    """What the export says of a dialogue: `cancelled`, `held` once it has ended (before the
    build's instant), otherwise `planned` (also while it is going on)."""
    if dialogue.cancelled:
        return "cancelled"
    return "held" if dialogue.end <= built else "planned"


def dialogue_records(register: Register, site: SiteSettings, built: datetime) -> list[Any]:
    """All dialogues by start: the v1 fields plus `id` and `url`, and `status` as
    dialogue_state says."""
    return [
        _record(d, entry_url(site, "dialogues", d.id)) | {"status": dialogue_state(d, built)}
        for d in register.dialogues_in_order()
    ]


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


def followup_rows(records: list[dict[str, Any]]) -> list[list[str]]:
    """One row per follow-up; the proposals joined with ` | ` (a proposal may hold a `;`),
    the ids of actions with `;`; `on_time` is `true`, `false` or empty."""
    return [
        [
            record["id"],
            record["party"],
            record["party_name"],
            str(record["year"]),
            record["submitted"],
            record["due"] or "",
            _csv_flag(record["on_time"]),
            plain_text(record["contribution"]),
            TEXT_LIST_SEPARATOR.join(record["proposals"]),
            record["report"] or "",
            ID_LIST_SEPARATOR.join(record["actions"]),
            record["url"],
        ]
        for record in records
    ]


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


def action_rows(plans: list[dict[str, Any]]) -> list[list[str]]:
    """One row per action, plan by plan as in the JSON file; the names of those responsible
    joined with ` | `, ids with `;`."""
    return [
        [
            record["id"],
            record["plan"],
            record["title"],
            record["status"],
            record["status_changed"],
            TEXT_LIST_SEPARATOR.join(record["responsible"]),
            _csv_flag(record["public_party"]),
            ID_LIST_SEPARATOR.join(record["parties"]),
            record["start"],
            record["end"] or "",
            record["funding"] or "",
            ID_LIST_SEPARATOR.join(record["dialogues"]),
            ID_LIST_SEPARATOR.join(record["challenges"]),
            plain_text(record["description"]),
            plain_text(record["outcome"]) if record["outcome"] else "",
            record["url"],
        ]
        for plan in plans
        for record in plan["actions"]
    ]


def _csv_flag(value: bool | None) -> str:
    return "" if value is None else str(value).lower()


def cells(rows: list[list[str]]) -> list[list[str]]:
    """Every cell on one line, then through spreadsheet_cell: what both CSV files hold."""
    return [[spreadsheet_cell(one_line(cell)) for cell in row] for row in rows]


def _csv_text(columns: tuple[str, ...], rows: list[list[str]], delimiter: str) -> str:
    """A header row, the rows as given (see cells) and CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(rows)
    return buffer.getvalue()


def csv_bytes(columns: tuple[str, ...], rows: list[list[str]]) -> bytes:
    """The file for programs (RFC 4180): commas, UTF-8 without a byte order mark; rows made
    by cells."""
    return _csv_text(columns, rows, ",").encode("utf-8")


def excel_csv_bytes(columns: tuple[str, ...], rows: list[list[str]]) -> bytes:
    """The same table for a double-click in Excel with Swedish settings: Excel reads a CSV file
    without a byte order mark in the computer's old code page (å, ä and ö come out wrong) and
    splits its rows at the list separator of the regional settings, which is `;` in Swedish,
    so a comma-separated file lands in one column. A `sep=;` line would be read as data by
    every other program (and is reported to make Excel ignore the byte order mark), and
    semicolons in the file for programs would surprise them: so this is a second file."""
    return ("\ufeff" + _csv_text(columns, rows, ";")).encode("utf-8")


def one_line(text: str) -> str:
    """The text on one line: every line break (also those only Unicode knows, such as U+2028:
    all that str.splitlines splits at) and the blanks around it become one space, and the
    blanks at both ends go, so that the cell's first character is the one a spreadsheet sees."""
    if text.isprintable():  # no line break of any kind (all of them are unprintable): most cells
        return text.strip()
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


def spreadsheet_cell(text: str) -> str:
    """The text, with a `'` in front if it starts like a formula (see _FORMULA_STARTS)."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def party_rows(register: Register, site: SiteSettings) -> list[list[str]]:
    """One row per party; the ids of areas are joined with `;`.

    Editors are not trusted and the file is meant to be opened in a spreadsheet, which runs a
    cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula. Such a
    cell gets a `'` in front (OWASP's advice against CSV injection), so that it stays text;
    the `'` is part of the cell for a program that reads the CSV (`'+46 522 69 60 00`,
    `'- en punktlista`). The JSON files keep the exact text.
    """
    rows = []
    for party in register.parties_by_name():
        contact = party.contact
        rows.append(
            [
                party.id,
                party.name,
                party.form,
                party.signed.isoformat(),
                party.left.isoformat() if party.left else "",
                party.org_number or "",
                party.website or "",
                plain_text(party.description) if party.description else "",
                ID_LIST_SEPARATOR.join(party.areas),
                (contact.email if contact else None) or "",
                (contact.phone if contact else None) or "",
                (contact.url if contact else None) or "",
                entry_url(site, "signatories", party.id),
            ]
        )
    return rows


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
    """Every export by its path in the site (today decides which departures have happened).

    built is the build's instant (okide.clock.build_moment), which the JSON files give as the
    time they were made and which tells a dialogue that has been held; without it, the start
    of today in Stockholm. The calendars are dated by it (DTSTAMP) and the feed's dates are
    never later than it.
    """
    moment = built if built is not None else datetime.combine(today, time(), STOCKHOLM)
    follow_ups = follow_up_records(register, site)
    plans = plan_records(register, site)
    exports = {
        FILES["calendar"]: calendar(register, site, register.dialogues_in_order(), today, built),
        FILES["parties_json"]: json_export(
            "parties_json", site, moment, party_records(register, site)
        ),
        FILES["dialogues_json"]: json_export(
            "dialogues_json", site, moment, dialogue_records(register, site, moment)
        ),
        FILES["followups_json"]: json_export("followups_json", site, moment, follow_ups),
        FILES["plans_json"]: json_export("plans_json", site, moment, plans),
        FILES["feed"]: atom_feed(register, site, today, built),
        FILES["catalogue"]: catalogue_rdf(register, site, today),
    }
    for export in JSON_EXPORTS.values():
        exports[export.schema_file] = schema_bytes(export, site)
    tables = [
        ("parties_csv", "parties_excel", PARTY_CSV_COLUMNS, party_rows(register, site)),
        ("followups_csv", "followups_excel", FOLLOWUP_CSV_COLUMNS, followup_rows(follow_ups)),
        ("actions_csv", "actions_excel", ACTION_CSV_COLUMNS, action_rows(plans)),
    ]
    for plain, excel, columns, rows in tables:
        cleaned = cells(rows)
        exports[FILES[plain]] = csv_bytes(columns, cleaned)
        exports[FILES[excel]] = excel_csv_bytes(columns, cleaned)
    for dialogue_id in sorted(register.dialogues):
        dialogue = register.dialogues[dialogue_id]
        exports[entry_file("dialogues", dialogue_id)] = calendar(
            register, site, [dialogue], today, built, subscription=False
        )
    return exports
