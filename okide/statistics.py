"""Numbers about the register, and the geometry of the charts drawn from them at build time.

The charts are inline SVG made by templates/statistics.md.j2 from these plain numbers: no
chart library, nothing loaded from anywhere, and a data table beside every chart.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from okide.models import FORMS, Register

WIDTH, HEIGHT = 640, 280
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = 48, 16, 16, 40
BAR_HEIGHT, BAR_GAP, BAR_LABEL_WIDTH = 22, 10, 190


@dataclass(frozen=True)
class Step:
    """The number of parties from `day` on."""

    day: date
    count: int


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    y: float
    width: float


@dataclass(frozen=True)
class Tick:
    label: str
    position: float


@dataclass(frozen=True)
class LineChart:
    steps: list[Step]
    path: str
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    width: int = WIDTH
    height: int = HEIGHT


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    label_width: int = BAR_LABEL_WIDTH


def party_steps(register: Register, today: date) -> list[Step]:
    """Cumulative number of parties on each day something changed (signing adds, leaving
    takes away), up to today."""
    changes: Counter[date] = Counter()
    for party in register.signatories.values():
        changes[party.signed] += 1
        if party.left and party.left <= today:
            changes[party.left] -= 1
    steps, total = [], 0
    for day in sorted(changes):
        total += changes[day]
        steps.append(Step(day, total))
    return steps


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
    span = (last - first).days or 1
    top = _nice_max(max(step.count for step in steps))
    plot_w = WIDTH - MARGIN_LEFT - MARGIN_RIGHT
    plot_h = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM

    def x(day: date) -> float:
        return round(MARGIN_LEFT + plot_w * (day - first).days / span, 1)

    def y(count: int) -> float:
        return round(MARGIN_TOP + plot_h * (1 - count / top), 1)

    points = [f"M{x(first)},{y(0)}"]
    for step in steps:
        points += [f"H{x(step.day)}", f"V{y(step.count)}"]
    points.append(f"H{x(min(today, last))}")
    years = range(first.year, last.year + 1)
    every = max(1, len(years) // 8)
    x_ticks = [Tick(str(year), x(date(year, 1, 1))) for year in years][::every]
    y_ticks = [Tick(str(value), y(value)) for value in range(0, top + 1, max(1, top // 5))]
    return LineChart(steps, " ".join(points), x_ticks, y_ticks)


def _bar_chart(counts: list[tuple[str, int]]) -> BarChart:
    largest = max((count for _, count in counts), default=0) or 1
    plot_w = WIDTH - BAR_LABEL_WIDTH - 48
    bars = [
        Bar(label, count, index * (BAR_HEIGHT + BAR_GAP), round(plot_w * count / largest, 1))
        for index, (label, count) in enumerate(counts)
    ]
    height = max(1, len(bars)) * (BAR_HEIGHT + BAR_GAP)
    return BarChart(bars, WIDTH, height)


def form_chart(register: Register, today: date) -> BarChart:
    counts = Counter(party.form for party in register.current_parties(today))
    return _bar_chart([(form, counts[form]) for form in FORMS if counts[form]])


def area_chart(register: Register, today: date) -> BarChart:
    counts = Counter(area for p in register.current_parties(today) for area in p.areas)
    if not counts:
        return _bar_chart([])
    return _bar_chart([(area.title, counts[area.id]) for area in register.agreement.areas])
