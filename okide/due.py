"""`python -m okide due`: the yearly follow-ups that are overdue or due soon, for a person (text),
for a workflow run (GitHub annotations) and for an issue that editors keep open until all are in
(Markdown). Pure: the register and "today" in, text out; the CLI reads the clock and decides the
exit code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from okide.markdown import escape_inline
from okide.models import FollowUpState, Register
from okide.problems import github_file_annotation, one_line
from okide.sections import SECTIONS
from okide.swedish import count_sv
from okide.templating import environment

# The default of `--within`: a month's notice before a follow-up is due.
DEFAULT_WITHIN = 30
# Follow-ups come once a year: a longer notice than a year says nothing more.
MAX_WITHIN = 366
# What the new file is made with (see `okide new followup`).
NEW_FOLLOWUP = "python -m okide new followup"


@dataclass(frozen=True)
class Reminders:
    """The follow-ups not yet in on `today`: overdue ones and those due within `within` days.

    `year` names the round: the latest year whose follow-up is due within `within` days. It
    stays the same from the first reminder of a round until the next round begins, so the
    issue that lists a round keeps its title while parties hand in their reports."""

    today: date
    within: int
    year: int | None
    overdue: list[FollowUpState]
    due: list[FollowUpState]

    @property
    def any(self) -> bool:
        return bool(self.overdue or self.due)


def reminders(register: Register, today: date, within: int) -> Reminders | None:
    """None when the agreement expects no yearly follow-up."""
    agreement = register.agreement
    if agreement.follow_up is None:
        return None
    found = register.reminders(today, within)
    horizon = today + timedelta(days=within)
    years = [
        year
        for year in range(agreement.first_follow_up_year, today.year + 1)
        if (due := agreement.follow_up_due(year)) is not None and due <= horizon
    ]
    return Reminders(
        today,
        within,
        max(years, default=None),
        [state for state in found if state.status == "overdue"],
        [state for state in found if state.status == "due"],
    )


def _file(state: FollowUpState, prefix: str = "") -> str:
    return prefix + (state.party.source or f"{SECTIONS['signatories'].folder}/{state.party.id}.yml")


def _days(state: FollowUpState, today: date) -> str:
    assert state.due is not None
    days = (state.due - today).days
    return "i dag" if days == 0 else "i morgon" if days == 1 else f"om {days} dagar"


def _sentence(state: FollowUpState, today: date) -> str:
    assert state.due is not None
    if state.status == "overdue":
        return (
            f"uppföljningen av {state.year} är försenad, skulle vara inne {state.due.isoformat()}"
        )
    return (
        f"uppföljningen av {state.year} ska vara inne senast {state.due.isoformat()}"
        f" ({_days(state, today)})"
    )


def text_lines(found: Reminders | None) -> list[str]:
    """One line per follow-up not yet in, then what to do; or that nothing is."""
    if found is None:
        return [
            "Överenskommelsen väntar ingen årlig uppföljning av parterna (follow_up saknas i "
            f"{SECTIONS['agreement'].file})."
        ]
    if not found.any:
        return [f"Inga uppföljningar är försenade eller ska vara inne inom {found.within} dagar."]
    lines = [
        one_line(f"{state.party.name} ({_file(state)}): {_sentence(state, found.today)}")
        for state in [*found.overdue, *found.due]
    ]
    lines.append(
        f"{count_sv(len(found.overdue), 'försenad', 'försenade')}, {len(found.due)} ska vara "
        f"inne inom {found.within} dagar. När en uppföljning kommer in: "
        f"{NEW_FOLLOWUP} PART --year ÅÅÅÅ"
    )
    return lines


def github_lines(found: Reminders | None, prefix: str = "") -> list[str]:
    """A warning at the party's file for each overdue follow-up, a notice for each due soon."""
    if found is None or not found.any:
        return []
    return [
        github_file_annotation(
            "warning" if state.status == "overdue" else "notice",
            _file(state, prefix),
            f"okide: uppföljning {state.year}",
            f"{state.party.name}: {_sentence(state, found.today)}",
        )
        for state in [*found.overdue, *found.due]
    ]


def issue_markdown(found: Reminders | None, public_party: str) -> str:
    """The body of the issue `Uppföljningar <year>`, its title on the first line (`# …`); empty
    when there is nothing to remind of, which is when the issue is closed."""
    if found is None or not found.any:
        return ""
    env = environment()
    env.filters["md"] = escape_inline
    return env.get_template("due.md.j2").render(
        found=found, public_party=public_party, new_followup=NEW_FOLLOWUP, file=_file
    )
