"""Numbers about the register, and the geometry of the charts drawn from them at build time.

The charts are inline SVG made by templates/statistics.md.j2 from these plain numbers: no
chart library, nothing loaded from anywhere, and a data table beside every chart.

The SVG has no viewBox that would scale it as a whole: horizontal positions are percentages
of the width and text has a fixed size, so the labels are as readable in a 375 px window as on
a desktop. Only the line itself is drawn in a stretched coordinate system (a nested SVG with
a non-scaling stroke).
"""

from __future__ import annotations

import textwrap
from collections import Counter
from dataclasses import dataclass
from datetime import date

from okide.models import ACTION_STATUSES, FORMS, FollowUpState, Register

# Line chart: height in px, and the width of the stretched coordinate system of the line.
LINE_HEIGHT, LINE_TOP, LINE_BOTTOM = 260, 24, 32
LINE_UNITS = 1000
MAX_YEAR_LABELS = 6
# Bar chart: one row per bar, the label on its own line(s) above the bar.
LABEL_LINE, BAR_HEIGHT, BAR_GAP = 18, 20, 14
# The longest bar leaves room for its count beside it, even in a narrow window.
LONGEST_BAR_PERCENT = 80
LABEL_CHARACTERS = 34


@dataclass(frozen=True)
class Step:
    """The number of parties from `day` on."""

    day: date
    count: int


@dataclass(frozen=True)
class Year:
    """One row of the table beside the line chart."""

    year: int
    joined: int
    left: int
    total: int
    # True for the current year, whose total is today's, not the year end's.
    ongoing: bool


@dataclass(frozen=True)
class Tick:
    label: str
    position: float
    anchor: str = "middle"


@dataclass(frozen=True)
class LineChart:
    steps: list[Step]
    years: list[Year]
    path: str
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    height: int = LINE_HEIGHT
    top: int = LINE_TOP
    plot_height: int = LINE_HEIGHT - LINE_TOP - LINE_BOTTOM
    units: int = LINE_UNITS


@dataclass(frozen=True)
class Bar:
    label: str
    label_lines: list[str]
    count: int
    # Where the label's first line, the bar and the count are, in px from the top.
    label_y: int
    bar_y: int
    percent: float


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    height: int
    bar_height: int = BAR_HEIGHT
    line_height: int = LABEL_LINE


def party_steps(register: Register, today: date) -> list[Step]:
    """Cumulative number of parties on each day the number changed (signing adds, leaving
    takes away from the day of leaving on), up to today."""
    changes: Counter[date] = Counter()
    for party in register.signatories.values():
        changes[party.signed] += 1
        if party.left and party.left <= today:
            changes[party.left] -= 1
    steps: list[Step] = []
    total = 0
    for day in sorted(changes):
        if changes[day]:
            total += changes[day]
            steps.append(Step(day, total))
    return steps


def party_years(register: Register, today: date) -> list[Year]:
    """Signings, departures and the number of parties at the end of each year, from the first
    signing to this year (whose number is today's)."""
    parties = list(register.signatories.values())
    if not parties:
        return []
    joined = Counter(party.signed.year for party in parties)
    left = Counter(p.left.year for p in parties if p.left and p.left <= today)
    years, total = [], 0
    for year in range(min(joined), today.year + 1):
        total += joined[year] - left[year]
        years.append(Year(year, joined[year], left[year], total, year == today.year))
    return years


def _nice_max(value: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value <= step * 5:
            return max(step * ((value + step - 1) // step), step)
    return value


def line_chart(register: Register, today: date) -> LineChart | None:
    steps = party_steps(register, today)
    if not steps:
        return None
    first, last = date(steps[0].day.year, 1, 1), date(today.year + 1, 1, 1)
    span = (last - first).days
    top = _nice_max(max(step.count for step in steps))
    plot_height = LINE_HEIGHT - LINE_TOP - LINE_BOTTOM

    def x(day: date) -> float:
        return round(LINE_UNITS * (day - first).days / span, 1)

    def y(count: int) -> float:
        return round(plot_height * (1 - count / top), 1)

    points = [f"M{x(steps[0].day)},{y(0)}"]
    for index, step in enumerate(steps):
        points += [f"H{x(step.day)}"] if index else []
        points.append(f"V{y(step.count)}")
    points.append(f"H{x(min(today, last))}")
    years = list(range(first.year, last.year + 1))
    every = -(-len(years) // MAX_YEAR_LABELS)  # ceiling division
    x_ticks = []
    for year in years[::every]:
        percent = round(100 * (date(year, 1, 1) - first).days / span, 2)
        anchor = "start" if percent == 0 else "end" if percent == 100 else "middle"
        x_ticks.append(Tick(str(year), percent, anchor))
    y_ticks = [
        Tick(str(value), round(LINE_TOP + y(value), 1))
        for value in range(0, top + 1, max(1, top // 5))
    ]
    return LineChart(steps, party_years(register, today), " ".join(points), x_ticks, y_ticks)


def _bar_chart(counts: list[tuple[str, int]]) -> BarChart:
    largest = max((count for _, count in counts), default=0) or 1
    bars, y = [], 0
    for label, count in counts:
        lines = textwrap.wrap(label, LABEL_CHARACTERS, break_on_hyphens=False) or [label]
        bar_y = y + LABEL_LINE * len(lines) + 4
        percent = round(LONGEST_BAR_PERCENT * count / largest, 2)
        bars.append(Bar(label, lines, count, y + LABEL_LINE - 4, bar_y, percent))
        y = bar_y + BAR_HEIGHT + BAR_GAP
    return BarChart(bars, max(y - BAR_GAP, 1))


def form_chart(register: Register, today: date) -> BarChart:
    counts = Counter(party.form for party in register.current_parties(today))
    return _bar_chart([(form, counts[form]) for form in FORMS if counts[form]])


def area_chart(register: Register, today: date) -> BarChart:
    counts = Counter(area for p in register.current_parties(today) for area in p.areas)
    if not counts:
        return _bar_chart([])
    return _bar_chart([(area.title, counts[area.id]) for area in register.agreement.areas])


@dataclass(frozen=True)
class FollowUpYear:
    """One year of the parties' yearly follow-up: every party that reported on it or was
    expected to, by name."""

    year: int
    # When the year's follow-up is due, if the agreement asks for one.
    due: date | None
    states: list[FollowUpState]

    @property
    def reported(self) -> list[FollowUpState]:
        return [state for state in self.states if state.follow_up is not None]

    @property
    def missing(self) -> list[FollowUpState]:
        return [state for state in self.states if state.follow_up is None]

    @property
    def expected(self) -> int:
        return sum(state.due is not None for state in self.states)

    @property
    def late(self) -> int:
        return sum(state.status == "late" for state in self.states)

    @property
    def on_time(self) -> int:
        return len(self.reported) - self.late


def follow_up_years(register: Register, today: date) -> list[FollowUpYear]:
    """The years of the follow-up, latest first."""
    return [
        FollowUpYear(year, register.agreement.follow_up_due(year),
                     register.follow_up_year(year, today))
        for year in register.follow_up_years(today)
    ]  # fmt: skip


def follow_up_chart(years: list[FollowUpYear]) -> BarChart:
    """Three bars a year, latest year first: reported on time, late, and missing."""
    counts = []
    for year in years:
        if year.due is None:
            counts += [(f"{year.year}: inlämnade", year.on_time)]
        else:
            counts += [(f"{year.year}: inlämnade i tid", year.on_time)]
            counts += [(f"{year.year}: inlämnade efter sista dagen", year.late),
                       (f"{year.year}: saknas", len(year.missing))]  # fmt: skip
    return _bar_chart(counts)


def action_counts(register: Register, plan_id: str | None = None) -> list[tuple[str, int]]:
    """The number of actions of each status (of one plan, or of all), in the statuses' order."""
    actions = register.actions_of(plan_id) if plan_id else register.actions_in_order()
    counts = Counter(action.status for action in actions)
    return [(status, counts[status]) for status in ACTION_STATUSES]


def action_chart(register: Register) -> BarChart:
    if not register.actions:
        return _bar_chart([])
    return _bar_chart([(status.capitalize(), count) for status, count in action_counts(register)])
