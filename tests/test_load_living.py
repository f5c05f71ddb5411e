"""The living agreement's files (followups/, plans/, actions/) through `load_register`: every
rule of data format 1.1 gives its own `path:line:column: key: message – hint`, and a rule that
spans two files is reported on both, each naming the other."""

from __future__ import annotations

from pathlib import Path

import pytest

from okide.load import load_register
from okide.models import Register
from tests.conftest import TODAY
from tests.test_load import AGREEMENT, DIALOGUE, PARTY, _tree

YEARLY = AGREEMENT + "follow_up:\n  due: 03-31\n  first_year: 2024\n"
FOLLOW_UP = "party: alfa\nyear: 2025\nsubmitted: 2026-02-01\ncontribution: Vi höll möten.\n"
PLAN = (
    "title: Plan 2025–2026\nstart: 2025\nend: 2026\nchallenges:\n"
    "  - id: ensamhet\n    title: Bryta ofrivillig ensamhet\n    areas: [fritid]\n"
)
ACTION = (
    "plan: plan\ntitle: Mötesplatser\ndescription: Öppna mötesplatser.\n"
    "parties: [alfa]\nstart: 2025-03-01\nstatus: pågår\n"
)


def _texts(root: Path) -> list[str]:
    result = load_register(root, TODAY)
    assert isinstance(result, list), "expected problems, got a register"
    return [problem.text() for problem in result]


def _heads(root: Path) -> list[str]:
    """Each problem's place, key and message, without the hint."""
    return [text.split(" – ")[0] for text in _texts(root)]


def test_follow_ups_plans_and_actions_that_agree_load_into_the_register(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {"agreement/agreement.yml": YEARLY, "signatories/alfa.yml": PARTY,
         "followups/2025-alfa.yml": FOLLOW_UP + "actions: [motesplatser]\n",
         "plans/plan.yml": PLAN,
         "actions/motesplatser.yml": ACTION + "challenges: [ensamhet]\n"},
    )  # fmt: skip
    register = load_register(tmp_path, TODAY)
    assert isinstance(register, Register), register
    assert register.followup_for("alfa", 2025) is register.followups["2025-alfa"]
    assert register.actions_of("plan") == [register.actions["motesplatser"]]


# The yearly follow-up ---------------------------------------------------------------------------


def test_follow_up_of_a_party_that_does_not_exist_points_at_the_party(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {"signatories/alfa.yml": PARTY,
         "followups/2025-beta.yml": FOLLOW_UP.replace("party: alfa", "party: beta")},
    )  # fmt: skip
    assert _texts(tmp_path) == [
        "followups/2025-beta.yml:1:8: party: 'beta' finns inte bland parterna – finns: alfa"
    ]


def test_follow_up_of_a_year_before_the_party_signed_is_reported_on_both_files(
    tmp_path: Path,
) -> None:
    _tree(
        tmp_path,
        {"signatories/alfa.yml": PARTY.replace("2024-01-01", "2025-06-01"),
         "followups/2024-alfa.yml": FOLLOW_UP.replace("2025", "2024")},
    )  # fmt: skip
    assert _texts(tmp_path) == [
        "followups/2024-alfa.yml:2:7: year: 'alfa' skrev under 2025-06-01 "
        "(signatories/alfa.yml) och var inte part under 2024 – kontrollera year, eller signed i "
        "signatories/alfa.yml",
        "signatories/alfa.yml:3:9: signed: parten skrev under 2025-06-01, men har en "
        "uppföljning av 2024 (followups/2024-alfa.yml) – rätta signed, eller year i "
        "followups/2024-alfa.yml",
    ]


def test_follow_up_of_a_year_after_the_party_left_is_reported_on_both_files(
    tmp_path: Path,
) -> None:
    _tree(
        tmp_path,
        {"signatories/alfa.yml": PARTY + "left: 2024-12-31\n",
         "followups/2025-alfa.yml": FOLLOW_UP},
    )  # fmt: skip
    assert _heads(tmp_path) == [
        "followups/2025-alfa.yml:2:7: year: 'alfa' lämnade överenskommelsen 2024-12-31 "
        "(signatories/alfa.yml) och var inte part under 2025",
        "signatories/alfa.yml:4:7: left: parten lämnade överenskommelsen 2024-12-31, men har en "
        "uppföljning av 2025 (followups/2025-alfa.yml)",
    ]


def test_follow_up_of_the_year_a_party_left_is_accepted(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {"signatories/alfa.yml": PARTY + "left: 2025-01-02\n",
         "followups/2025-alfa.yml": FOLLOW_UP},
    )  # fmt: skip
    assert isinstance(load_register(tmp_path, TODAY), Register)


def test_follow_up_of_a_year_before_the_first_year_is_rejected_at_the_year(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {"agreement/agreement.yml": YEARLY,
         "signatories/alfa.yml": PARTY.replace("2024-01-01", "2021-01-01"),
         "followups/2023-alfa.yml": FOLLOW_UP.replace("2025", "2023")},
    )  # fmt: skip
    assert _texts(tmp_path) == [
        "followups/2023-alfa.yml:2:7: year: året 2023 ligger före 2024, det första år som följs "
        "upp – kontrollera year"
    ]


def test_follow_up_of_a_year_before_the_adoption_is_rejected_without_a_follow_up_rule(
    tmp_path: Path,
) -> None:
    _tree(
        tmp_path,
        {"signatories/alfa.yml": PARTY.replace("2024-01-01", "2020-03-01"),
         "followups/2019-alfa.yml": FOLLOW_UP.replace("year: 2025", "year: 2019")},
    )  # fmt: skip
    assert (
        "followups/2019-alfa.yml:2:7: year: året 2019 ligger före 2020, det första år som följs upp"
    ) in _heads(tmp_path)


def test_two_follow_ups_of_the_same_party_and_year_are_reported_on_both_files(
    tmp_path: Path,
) -> None:
    _tree(
        tmp_path,
        {"signatories/alfa.yml": PARTY, "followups/2025-alfa.yml": FOLLOW_UP,
         "followups/alfa-2025.yml": FOLLOW_UP},
    )  # fmt: skip
    hint = " – en part lämnar en uppföljning per år; lägg ihop filerna"
    assert _texts(tmp_path) == [
        "followups/2025-alfa.yml:2:7: year: partens uppföljning av samma år finns redan i "
        "followups/alfa-2025.yml" + hint,
        "followups/alfa-2025.yml:2:7: year: partens uppföljning av samma år finns redan i "
        "followups/2025-alfa.yml" + hint,
    ]


def test_follow_up_submitted_in_the_future_is_rejected_at_the_date(tmp_path: Path) -> None:
    text = FOLLOW_UP.replace("2026-02-01", "2026-11-23")
    _tree(tmp_path, {"signatories/alfa.yml": PARTY, "followups/2025-alfa.yml": text})
    assert _texts(tmp_path) == [
        "followups/2025-alfa.yml:3:12: submitted: datumet 2026-11-23 ligger i framtiden"
        " – lägg till uppföljningen när den har lämnats in"
    ]


def test_follow_up_submitted_before_its_year_is_rejected_at_the_date(tmp_path: Path) -> None:
    text = FOLLOW_UP.replace("2026-02-01", "2024-12-31")
    _tree(tmp_path, {"signatories/alfa.yml": PARTY, "followups/2025-alfa.yml": text})
    assert _texts(tmp_path) == [
        "followups/2025-alfa.yml:3:12: submitted: inlämnad 2024-12-31, före året 2025 som den "
        "följer upp – kontrollera year och submitted"
    ]


@pytest.mark.parametrize(
    ("written", "expected"),
    [("25", "year: '25' är inte ett årtal med fyra siffror – skriv t.ex. 2026"),
     ("'20255'", "year: '20255' är inte ett årtal med fyra siffror – skriv t.ex. 2026")],
)  # fmt: skip
def test_follow_up_year_that_is_not_four_digits_is_rejected(
    tmp_path: Path, written: str, expected: str
) -> None:
    text = FOLLOW_UP.replace("year: 2025", f"year: {written}")
    _tree(tmp_path, {"signatories/alfa.yml": PARTY, "followups/2025-alfa.yml": text})
    assert _texts(tmp_path) == ["followups/2025-alfa.yml:2:7: " + expected]


def test_follow_up_naming_an_action_that_does_not_exist_points_at_the_item(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {"signatories/alfa.yml": PARTY,
         "followups/2025-alfa.yml": FOLLOW_UP + "actions:\n  - motesplatser\n"},
    )  # fmt: skip
    assert _texts(tmp_path) == [
        "followups/2025-alfa.yml:6:5: actions.0: 'motesplatser' finns inte bland insatserna"
        " – inga finns än"
    ]


def test_the_same_proposal_twice_is_rejected_at_the_repeat(tmp_path: Path) -> None:
    text = FOLLOW_UP + "proposals:\n  - Fler möten.\n  - Fler möten.\n"
    _tree(tmp_path, {"signatories/alfa.yml": PARTY, "followups/2025-alfa.yml": text})
    assert _texts(tmp_path) == [
        "followups/2025-alfa.yml:7:5: proposals.1: 'Fler möten.' står två gånger i listan"
        " – ta bort dubbletten"
    ]


# The agreement's follow_up ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("due", "expected"),
    [("02-29", "follow_up.due: dagen 02-29 finns inte varje år – välj 02-28 eller 03-01"),
     ("13-01", "follow_up.due: dagen 13-01 finns inte varje år"
               " – kontrollera månaden och dagen"),
     ("31 mars", "follow_up.due: '31 mars' är inte en dag på formen MM-DD"
                 " – skriv t.ex. 03-31 för 31 mars"),
     ("2026-03-31", "follow_up.due: '2026-03-31' är inte en dag på formen MM-DD"
                    " – skriv t.ex. 03-31 för 31 mars")],
)  # fmt: skip
def test_follow_up_due_day_that_is_not_every_year_or_malformed_is_rejected(
    tmp_path: Path, due: str, expected: str
) -> None:
    _tree(tmp_path, {"agreement/agreement.yml": YEARLY.replace("03-31", due)})
    assert _texts(tmp_path) == ["agreement/agreement.yml:14:8: " + expected]


def test_follow_up_first_year_that_is_not_four_digits_is_rejected(tmp_path: Path) -> None:
    _tree(tmp_path, {"agreement/agreement.yml": YEARLY.replace("2024", "24")})
    assert _texts(tmp_path) == [
        "agreement/agreement.yml:15:15: follow_up.first_year: '24' är inte ett årtal med fyra "
        "siffror – skriv t.ex. 2026"
    ]


# Plans --------------------------------------------------------------------------------------------


def test_overlapping_plans_are_reported_on_both_files(tmp_path: Path) -> None:
    _tree(
        tmp_path,
        {"plans/a.yml": PLAN, "plans/b.yml": PLAN.replace("2026", "2027").replace("2025", "2026")},
    )  # fmt: skip
    hint = " – två planer kan inte gälla samma år; rätta start eller end i en av dem"
    assert _texts(tmp_path) == [
        "plans/a.yml:2:8: start: planens år 2025–2026 överlappar 2026–2027 i plans/b.yml" + hint,
        "plans/b.yml:2:8: start: planens år 2026–2027 överlappar 2025–2026 i plans/a.yml" + hint,
    ]


def test_plans_that_follow_each_other_are_accepted(tmp_path: Path) -> None:
    later = PLAN.replace("2025", "2027").replace("end: 2026", "end: 2028")
    _tree(tmp_path, {"plans/a.yml": PLAN, "plans/b.yml": later})
    assert isinstance(load_register(tmp_path, TODAY), Register)


def test_plan_ending_before_it_starts_is_rejected_at_the_end(tmp_path: Path) -> None:
    _tree(tmp_path, {"plans/a.yml": PLAN.replace("end: 2026", "end: 2024")})
    assert _texts(tmp_path) == [
        "plans/a.yml:3:6: end: sista året 2024 ligger före första året 2025"
        " – kontrollera start och end"
    ]


def test_plan_start_that_is_not_four_digits_is_rejected(tmp_path: Path) -> None:
    _tree(tmp_path, {"plans/a.yml": PLAN.replace("start: 2025", "start: 20225")})
    assert _heads(tmp_path) == [
        "plans/a.yml:2:8: start: '20225' är inte ett årtal med fyra siffror"
    ]


def test_challenge_area_that_does_not_exist_points_at_the_item(tmp_path: Path) -> None:
    _tree(tmp_path, {"plans/a.yml": PLAN.replace("[fritid]", "[fritid, hav]")})
    assert _texts(tmp_path) == [
        "plans/a.yml:7:21: challenges.0.areas.1: 'hav' finns inte bland fokusområdena"
        " – finns: fritid, trygghet"
    ]


def test_the_same_challenge_twice_is_rejected_at_its_id(tmp_path: Path) -> None:
    text = PLAN + "  - id: ensamhet\n    title: Igen\n"
    _tree(tmp_path, {"plans/a.yml": text})
    assert _texts(tmp_path) == [
        "plans/a.yml:8:9: challenges.1.id: utmaningen 'ensamhet' finns två gånger"
        " – varje utmaning ska ha ett eget id"
    ]


# Actions ------------------------------------------------------------------------------------------


def _action_tree(root: Path, action: str, party: str = PARTY) -> Path:
    return _tree(
        root, {"signatories/alfa.yml": party, "plans/plan.yml": PLAN, "actions/a.yml": action}
    )


def test_action_whose_party_left_before_it_started_is_reported_on_both_files(
    tmp_path: Path,
) -> None:
    _action_tree(tmp_path, ACTION, PARTY + "left: 2025-02-28\n")
    assert _texts(tmp_path) == [
        "actions/a.yml:4:11: parties.0: 'alfa' lämnade överenskommelsen 2025-02-28 "
        "(signatories/alfa.yml), före insatsens start 2025-03-01 – en ansvarig part ska vara "
        "part när insatsen börjar; ta bort den ur parties eller rätta start",
        "signatories/alfa.yml:4:7: left: parten lämnade 2025-02-28, före starten 2025-03-01 av "
        "insatsen den ansvarar för (actions/a.yml) – rätta left, eller ta bort parten ur "
        "parties i actions/a.yml",
    ]


def test_action_whose_party_leaves_on_its_first_day_is_accepted(tmp_path: Path) -> None:
    _action_tree(tmp_path, ACTION, PARTY + "left: 2025-03-01\n")
    assert isinstance(load_register(tmp_path, TODAY), Register)


def test_action_ending_before_it_starts_is_rejected_at_the_end(tmp_path: Path) -> None:
    _action_tree(tmp_path, ACTION + "end: 2025-02-01\n")
    assert _texts(tmp_path) == [
        "actions/a.yml:7:6: end: slutet 2025-02-01 ligger före starten 2025-03-01"
        " – kontrollera start och end"
    ]


def test_action_done_without_an_outcome_is_rejected_at_the_status(tmp_path: Path) -> None:
    _action_tree(tmp_path, ACTION.replace("pågår", "klar"))
    assert _texts(tmp_path) == [
        "actions/a.yml:6:9: status: status är klar men outcome saknas"
        " – skriv i outcome vad insatsen ledde till, eller ändra status"
    ]


def test_action_done_with_an_outcome_is_accepted(tmp_path: Path) -> None:
    _action_tree(tmp_path, ACTION.replace("pågår", "klar") + "outcome: Tre mötesplatser.\n")
    register = load_register(tmp_path, TODAY)
    assert isinstance(register, Register) and register.actions["a"].done


def test_action_without_anyone_responsible_is_rejected_at_its_parties(tmp_path: Path) -> None:
    _action_tree(tmp_path, ACTION.replace("parties: [alfa]\n", ""))
    assert _texts(tmp_path) == [
        "actions/a.yml:1:1: parties: ingen är ansvarig för insatsen"
        " – ange parties (parternas id), public_party: true, eller båda"
    ]


def test_action_led_by_the_public_party_alone_is_accepted(tmp_path: Path) -> None:
    _action_tree(tmp_path, ACTION.replace("parties: [alfa]\n", "public_party: true\n"))
    assert isinstance(load_register(tmp_path, TODAY), Register)


def test_action_with_empty_parties_is_told_at_the_parties(tmp_path: Path) -> None:
    _action_tree(tmp_path, ACTION.replace("parties: [alfa]\n", "parties:\n"))
    assert _heads(tmp_path) == ["actions/a.yml:4:9: parties: ingen är ansvarig för insatsen"]


def test_action_status_outside_the_list_is_rejected_with_the_choices(tmp_path: Path) -> None:
    _action_tree(tmp_path, ACTION.replace("pågår", "pagar"))
    assert _heads(tmp_path) == [
        "actions/a.yml:6:9: status: ska vara en av: planerad, pågår, klar, avbruten"
    ]


def test_action_status_changed_in_the_future_is_rejected_at_the_date(tmp_path: Path) -> None:
    _action_tree(tmp_path, ACTION + "changed: 2026-11-23\n")
    assert _texts(tmp_path) == [
        "actions/a.yml:7:10: changed: datumet 2026-11-23 ligger i framtiden"
        " – skriv dagen då statusen ändrades, när den har ändrats"
    ]


def test_action_of_a_plan_that_does_not_exist_points_at_the_plan(tmp_path: Path) -> None:
    _action_tree(tmp_path, ACTION.replace("plan: plan", "plan: plan-2030"))
    assert _texts(tmp_path) == [
        "actions/a.yml:1:7: plan: 'plan-2030' finns inte bland planerna – finns: plan"
    ]


def test_action_challenge_that_is_not_in_its_plan_points_at_the_item(tmp_path: Path) -> None:
    _action_tree(tmp_path, ACTION + "challenges: [ensamhet, trangboddhet]\n")
    assert _texts(tmp_path) == [
        "actions/a.yml:7:24: challenges.1: 'trangboddhet' finns inte bland utmaningarna i "
        "plans/plan.yml – finns: ensamhet"
    ]


def test_action_party_that_does_not_exist_points_at_the_item(tmp_path: Path) -> None:
    _action_tree(tmp_path, ACTION.replace("[alfa]", "[alfa, beta]"))
    assert _texts(tmp_path) == [
        "actions/a.yml:4:17: parties.1: 'beta' finns inte bland parterna – finns: alfa"
    ]


def test_action_dialogue_that_does_not_exist_points_at_the_item(tmp_path: Path) -> None:
    _tree(tmp_path, {"dialogues/d.yml": DIALOGUE})
    _action_tree(tmp_path, ACTION + "dialogues:\n  - d\n  - e\n")
    assert _texts(tmp_path) == [
        "actions/a.yml:9:5: dialogues.1: 'e' finns inte bland stordialogerna – finns: d"
    ]


def test_action_referring_to_an_example_party_is_rejected(tmp_path: Path) -> None:
    _action_tree(tmp_path, ACTION, PARTY + "example: true\n")
    assert _heads(tmp_path) == [
        "actions/a.yml:4:11: parties.0: 'alfa' är ett exempel (signatories/alfa.yml) och "
        "publiceras inte"
    ]
