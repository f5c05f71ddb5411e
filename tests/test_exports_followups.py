"""The open data of the living agreement (okide.exports): follow-ups and collaboration plans as
JSON and CSV, read back with json and csv, on the region fixture that holds every state."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest

from okide.addresses import SiteSettings
from okide.exports import ACTION_CSV_COLUMNS, FOLLOWUP_CSV_COLUMNS, render_exports
from okide.load import load_register
from okide.models import Register
from okide.records import JSON_EXPORTS
from okide.sections import FILES
from tests.conftest import FIXTURES, TODAY

SITE = SiteSettings(site_url="https://region.example.org/ok/")


@pytest.fixture(scope="module")
def region() -> Register:
    loaded = load_register(FIXTURES / "region", TODAY)
    assert isinstance(loaded, Register), loaded
    return loaded


@pytest.fixture(scope="module")
def exports(region: Register) -> dict[str, bytes]:
    return render_exports(region, SITE, TODAY)


def _changed(register: Register, **update: Any) -> Register:
    return register.model_copy(update=update)


def _json(exports: dict[str, bytes], key: str) -> Any:
    """The records of a JSON file (the list in its object, under the key the schema names)."""
    data = json.loads(exports[FILES[key]].decode("utf-8"))
    records = data[JSON_EXPORTS[FILES[key]].items]
    assert data["count"] == len(records)
    return records


def _csv(exports: dict[str, bytes], key: str) -> list[list[str]]:
    data = exports[FILES[key]]
    assert b"\r\n" in data
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def test_followups_json_lists_each_follow_up_by_year_then_party_with_its_due_day(
    exports: dict[str, bytes],
) -> None:
    records = _json(exports, "followups_json")
    assert [(r["year"], r["party_name"]) for r in records] == [
        (2024, "Landsbygdsrådet i Exempelland"), (2024, "Patientföreningen Norrsken"),
        (2025, "Patientföreningen Norrsken"),
    ]  # fmt: skip
    first = records[0]
    assert list(first) == ["id", "party", "party_name", "year", "submitted", "contribution",
                           "proposals", "report", "actions", "due", "on_time", "url"]  # fmt: skip
    assert first["submitted"] == "2025-11-30" and first["due"] == "2025-12-15"
    assert first["contribution"].startswith("Vi höll **tolv**")  # Markdown, as written
    assert first["url"] == "https://region.example.org/ok/uppfoljning/#2024-lansbygdsradet"
    assert [r["on_time"] for r in records] == [True, False, True]
    assert records[2]["actions"] == ["halsoombud"] and records[1]["report"] is None


def test_followups_csv_has_the_same_rows_in_plain_text(exports: dict[str, bytes]) -> None:
    header, *rows = _csv(exports, "followups_csv")
    assert tuple(header) == FOLLOWUP_CSV_COLUMNS
    records = _json(exports, "followups_json")
    assert [row[0] for row in rows] == [r["id"] for r in records]
    first = dict(zip(header, rows[0], strict=True))
    assert first["contribution"] == (
        "Vi höll tolv öppna byastämmor och startade två nya studiecirklar om föreningsdrift på"
        " landsbygden."
    )
    # On one line, joined with ` | `: a proposal may hold the `;` that joins lists of ids.
    assert first["proposals"].split(" | ") == records[0]["proposals"]
    assert len(records[0]["proposals"]) > 1
    assert [dict(zip(header, row, strict=True))["on_time"] for row in rows] == [
        "true", "false", "true",
    ]  # fmt: skip


def test_plan_json_holds_each_plan_with_its_challenges_and_actions(
    exports: dict[str, bytes],
) -> None:
    plans = _json(exports, "plans_json")
    assert [plan["id"] for plan in plans] == ["handlingsplan-2025-2026", "handlingsplan-2023-2024"]
    current = plans[0]
    assert [c["id"] for c in current["challenges"]] == ["vard-nara", "foreningsliv-pa-landsbygden"]
    assert [a["id"] for a in current["actions"]] == ["bygdegardar", "patientskola", "halsoombud"]
    actions = {a["id"]: a for plan in plans for a in plan["actions"]}
    assert actions["halsoombud"]["responsible"] == [
        "Region Exempelland", "Patientföreningen Norrsken",
    ]  # fmt: skip
    assert actions["patientskola"]["status_changed"] == "2025-09-15"  # as written
    assert actions["kulturkort"]["status_changed"] == "2024-06-30"  # done: its end
    assert (
        actions["kulturkort"]["url"] == "https://region.example.org/ok/samverkansplan/#kulturkort"
    )
    assert "example" not in actions["kulturkort"]


def test_actions_csv_has_one_row_per_action_in_the_json_files_order(
    exports: dict[str, bytes],
) -> None:
    header, *rows = _csv(exports, "actions_csv")
    assert tuple(header) == ACTION_CSV_COLUMNS
    ordered = [a["id"] for plan in _json(exports, "plans_json") for a in plan["actions"]]
    assert [row[0] for row in rows] == ordered
    by_id = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert by_id["halsoombud"]["responsible"] == "Region Exempelland | Patientföreningen Norrsken"
    assert by_id["halsoombud"]["parties"] == "patientforeningen"
    assert by_id["halsoombud"]["public_party"] == "true" and by_id["halsoombud"]["end"] == ""
    assert by_id["kulturkort"]["outcome"].startswith("Kortet användes vid drygt 3 000 besök")
    assert by_id["bygdegardar"]["funding"] == "Regionens utvecklingsmedel, 200 000 kronor"


def test_a_cell_a_spreadsheet_would_run_starts_with_an_apostrophe_in_the_csv_only(
    region: Register,
) -> None:
    action = region.actions["bygdegardar"].model_copy(update={"title": "=HYPERLINK(1)"})
    follow_up = region.followups["2024-lansbygdsradet"].model_copy(
        update={"proposals": ["-2+3", "@SUM(A1)"]}
    )
    changed = _changed(region, actions={**region.actions, "bygdegardar": action},
                       followups={**region.followups, "2024-lansbygdsradet": follow_up})  # fmt: skip
    exports = render_exports(changed, SITE, TODAY)
    rows = {row[0]: row for row in _csv(exports, "actions_csv")}
    assert rows["bygdegardar"][ACTION_CSV_COLUMNS.index("title")] == "'=HYPERLINK(1)"
    follow_ups = {row[0]: row for row in _csv(exports, "followups_csv")}
    assert follow_ups["2024-lansbygdsradet"][FOLLOWUP_CSV_COLUMNS.index("proposals")] == (
        "'-2+3 | @SUM(A1)"
    )
    actions = [a for plan in _json(exports, "plans_json") for a in plan["actions"]]
    assert any(a["title"] == "=HYPERLINK(1)" for a in actions)


def test_the_files_do_not_depend_on_the_order_files_were_read(region: Register) -> None:
    reversed_register = _changed(
        region, **{name: dict(reversed(getattr(region, name).items()))
                   for name in ("signatories", "followups", "plans", "actions")}
    )  # fmt: skip
    keys = ("followups_json", "followups_csv", "plans_json", "actions_csv")
    first = render_exports(region, SITE, TODAY)
    second = render_exports(reversed_register, SITE, TODAY)
    assert [first[FILES[key]] for key in keys] == [second[FILES[key]] for key in keys]


def test_a_site_without_follow_ups_or_plans_publishes_empty_files(register: Register) -> None:
    """The files always exist, so links to them never break; they are empty lists until the
    first follow-up or plan is written."""
    exports = render_exports(register, SITE, TODAY)
    assert _json(exports, "followups_json") == [] and _json(exports, "plans_json") == []
    assert _csv(exports, "followups_csv") == [list(FOLLOWUP_CSV_COLUMNS)]
    assert _csv(exports, "actions_csv") == [list(ACTION_CSV_COLUMNS)]
