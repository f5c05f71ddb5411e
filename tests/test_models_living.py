"""The Register's views of the living agreement, on the region fixture (every follow-up state and
every action status occurs on the tests' date, see tests/fixtures/region/README.md)."""

from __future__ import annotations

from datetime import date

import pytest

from okide.load import load_register
from okide.models import Register
from tests.conftest import FIXTURES, TODAY

REGION = FIXTURES / "region"


@pytest.fixture(scope="module")
def region() -> Register:
    register = load_register(REGION, TODAY)
    assert isinstance(register, Register), register
    return register


def _status(register: Register, party: str, year: int, today: date = TODAY) -> str:
    return register.follow_up_state(register.signatories[party], year, today).status


@pytest.mark.parametrize(
    ("party", "year", "status"),
    [("lansbygdsradet", 2024, "submitted"), ("patientforeningen", 2024, "late"),
     ("patientforeningen", 2025, "submitted"), ("lansbygdsradet", 2025, "due"),
     ("kulturstiftelsen", 2024, "overdue"), ("lansbygdsradet", 2026, "not_yet"),
     ("kulturstiftelsen", 2025, "not_expected"), ("lansbygdsradet", 2023, "not_expected")],
    ids=["on-time", "late", "early", "due", "overdue", "year-not-over", "left-before-due-day",
         "before-first-year"],
)  # fmt: skip
def test_follow_up_state_on_the_tests_date(
    region: Register, party: str, year: int, status: str
) -> None:
    assert _status(region, party, year) == status


def test_a_follow_up_is_due_on_its_last_day_and_overdue_the_day_after(region: Register) -> None:
    assert _status(region, "lansbygdsradet", 2025, date(2026, 12, 15)) == "due"
    assert _status(region, "lansbygdsradet", 2025, date(2026, 12, 16)) == "overdue"


def test_a_follow_up_submitted_on_its_last_day_is_on_time(region: Register) -> None:
    state = region.follow_up_state(region.signatories["lansbygdsradet"], 2024, TODAY)
    assert state.due == date(2025, 12, 15) and state.follow_up is not None
    assert state.follow_up.submitted <= state.due


def test_a_party_that_leaves_on_the_due_day_is_still_expected(region: Register) -> None:
    party = region.signatories["kulturstiftelsen"].model_copy(update={"left": date(2026, 12, 15)})
    assert region.is_expected(party, 2025)
    assert not region.is_expected(region.signatories["kulturstiftelsen"], 2025)


def test_a_party_that_signs_during_a_year_is_expected_to_follow_it_up(region: Register) -> None:
    party = region.signatories["lansbygdsradet"].model_copy(update={"signed": date(2025, 12, 31)})
    assert region.is_expected(party, 2025) and not region.is_expected(party, 2024)


def test_without_a_follow_up_rule_no_party_is_ever_expected_or_reminded(region: Register) -> None:
    agreement = region.agreement.model_copy(update={"follow_up": None})
    quiet = region.model_copy(update={"agreement": agreement})
    reported = {_status(quiet, party, 2024) for party in quiet.signatories}
    assert reported == {"submitted", "not_expected"}
    assert _status(quiet, "kulturstiftelsen", 2024) == "not_expected"
    assert quiet.reminders(TODAY, 365) == []
    assert quiet.follow_up_years(TODAY) == [2025, 2024]


def test_follow_up_years_are_the_years_reported_or_expected_latest_first(region: Register) -> None:
    assert region.follow_up_years(TODAY) == [2025, 2024]
    assert region.follow_up_years(date(2028, 1, 1)) == [2027, 2026, 2025, 2024]


def test_a_years_follow_up_lists_the_parties_expected_or_reporting_by_name(
    region: Register,
) -> None:
    assert [(s.party.id, s.status) for s in region.follow_up_year(2025, TODAY)] == [
        ("lansbygdsradet", "due"), ("patientforeningen", "submitted"),
    ]  # fmt: skip
    assert [(s.party.id, s.status) for s in region.follow_up_year(2024, TODAY)] == [
        ("kulturstiftelsen", "overdue"), ("lansbygdsradet", "submitted"),
        ("patientforeningen", "late"),
    ]  # fmt: skip


def test_reminders_list_the_overdue_and_those_due_within_the_days_soonest_first(
    region: Register,
) -> None:
    def reminded(within: int) -> list[tuple[str, int, str]]:
        return [(s.party.id, s.year, s.status) for s in region.reminders(TODAY, within)]

    assert reminded(23) == [("kulturstiftelsen", 2024, "overdue"), ("lansbygdsradet", 2025, "due")]
    assert reminded(22) == [("kulturstiftelsen", 2024, "overdue")]


def test_follow_ups_of_a_party_are_latest_first(region: Register) -> None:
    assert [f.year for f in region.followups_of("patientforeningen")] == [2025, 2024]
    assert region.followups_of("kulturstiftelsen") == []
    assert region.followup_for("patientforeningen", 2023) is None


@pytest.mark.parametrize(
    ("today", "plan"),
    [(date(2023, 1, 1), "handlingsplan-2023-2024"), (date(2024, 12, 31), "handlingsplan-2023-2024"),
     (date(2025, 1, 1), "handlingsplan-2025-2026"), (TODAY, "handlingsplan-2025-2026"),
     (date(2027, 1, 1), None), (date(2022, 12, 31), None)],
)  # fmt: skip
def test_the_current_plan_is_the_one_whose_years_cover_the_day(
    region: Register, today: date, plan: str | None
) -> None:
    current = region.current_plan(today)
    assert (current.id if current else None) == plan


def test_plans_are_latest_first_and_actions_by_start(region: Register) -> None:
    assert [p.id for p in region.plans_in_order()] == [
        "handlingsplan-2025-2026", "handlingsplan-2023-2024"
    ]  # fmt: skip
    assert [a.id for a in region.actions_in_order()] == [
        "kulturkort", "bygdegardar", "patientskola", "halsoombud"
    ]  # fmt: skip
    assert [a.id for a in region.actions_of("handlingsplan-2025-2026")] == [
        "bygdegardar", "patientskola", "halsoombud"
    ]  # fmt: skip


def test_actions_are_found_by_party_and_by_dialogue(region: Register) -> None:
    assert [a.id for a in region.actions_led_by("patientforeningen")] == ["halsoombud"]
    assert [a.id for a in region.actions_with_dialogue("2026-landsbygd")] == ["bygdegardar"]
    assert region.actions_led_by("ingen") == []


def test_every_action_status_occurs_and_its_change_has_a_day(region: Register) -> None:
    actions = region.actions
    assert {a.status for a in actions.values()} == {"planerad", "pågår", "klar", "avbruten"}
    assert actions["patientskola"].status_changed == date(2025, 9, 15)  # as written
    assert actions["kulturkort"].status_changed == date(2024, 6, 30)  # done: its end
    assert actions["bygdegardar"].status_changed == date(2025, 3, 1)  # going on: its start


def test_a_copied_register_answers_from_its_own_entries(region: Register) -> None:
    assert region.followups_of("patientforeningen")  # the lookup is built
    assert region.actions_led_by("lansbygdsradet")
    copy = region.model_copy(update={"followups": {}, "actions": {}})
    assert copy.followups_of("patientforeningen") == []
    assert copy.actions_led_by("lansbygdsradet") == []
    assert copy.follow_up_state(region.signatories["patientforeningen"], 2025, TODAY).status == (
        "due"
    )
