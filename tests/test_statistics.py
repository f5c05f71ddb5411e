"""The statistics (okide.statistics): parties over time, by form and by area, and the page
that draws them as accessible SVG with the numbers in tables."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from okide.models import Register
from okide.statistics import area_chart, form_chart, line_chart, party_steps, party_years
from tests.conftest import TODAY


def test_party_steps_count_signings_and_departures(register: Register) -> None:
    assert [(s.day, s.count) for s in party_steps(register, TODAY)] == [
        (date(2020, 3, 1), 2), (date(2021, 5, 10), 3), (date(2022, 1, 15), 4), (date(2023, 12, 31), 3),
    ]  # fmt: skip
    assert party_steps(register, date(2023, 1, 1))[-1].count == 4  # not left yet then


def test_charts_count_current_parties_by_form_and_area(register: Register) -> None:
    assert [(b.label, b.count) for b in form_chart(register, TODAY).bars] == [
        ("ideell förening", 1), ("stiftelse", 1), ("annan", 1),
    ]  # fmt: skip
    assert [(b.label, b.count) for b in area_chart(register, TODAY).bars] == [
        ("Trygghet", 1), ("Fritid och kultur", 2),
    ]  # fmt: skip
    chart = line_chart(register, TODAY)
    assert chart is not None and chart.path.startswith("M23.5,204.0 V102.0 H")


def _with_parties(register: Register, *changes: tuple[str, str | None]) -> Register:
    """The register with one party per (signed, left) pair added."""
    parties = dict(register.signatories)
    for index, (signed, left) in enumerate(changes):
        base = register.signatories["beta-stiftelsen"]
        parties[f"extra-{index}"] = base.model_copy(
            update={"id": f"extra-{index}", "org_number": None, "signed": date.fromisoformat(signed),
                    "left": date.fromisoformat(left) if left else None},
        )  # fmt: skip
    return register.model_copy(update={"signatories": parties})


def test_parties_per_year_count_departures_in_their_year_and_not_before_they_happen(
    register: Register,
) -> None:
    bigger = _with_parties(register, ("2024-05-01", "2026-12-31"), ("2024-06-01", "2024-06-01"))
    rows = [(y.year, y.joined, y.left, y.total, y.ongoing) for y in party_years(bigger, TODAY)]
    assert rows == [
        (2020, 2, 0, 2, False), (2021, 1, 0, 3, False), (2022, 1, 0, 4, False),
        (2023, 0, 1, 3, False), (2024, 2, 1, 4, False), (2025, 0, 0, 4, False),
        (2026, 0, 0, 4, True),  # the departure on 31 December has not happened on 22 November
    ]  # fmt: skip
    assert rows[-1][3] == len(bigger.current_parties(TODAY))
    # A party that signs and leaves on the same day changes nothing: no step for it.
    steps = party_steps(bigger, TODAY)
    assert date(2024, 6, 1) not in [step.day for step in steps]
    assert steps[-1].count == len(bigger.current_parties(TODAY))


def test_long_bar_labels_wrap_instead_of_leaving_the_chart(register: Register) -> None:
    long_title = "Ett mycket långt fokusområde som inte får plats på en rad i en smal telefon"
    areas = [register.agreement.areas[0].model_copy(update={"title": long_title})]
    agreement = register.agreement.model_copy(update={"areas": areas})
    chart = area_chart(register.model_copy(update={"agreement": agreement}), TODAY)
    (bar,) = [b for b in chart.bars if b.label == long_title]
    assert len(bar.label_lines) > 1 and " ".join(bar.label_lines) == long_title
    assert all(len(line) <= 34 for line in bar.label_lines)
    assert bar.bar_y > bar.label_y + 18 * (len(bar.label_lines) - 1)


@pytest.mark.slow
def test_statistics_page_draws_accessible_svg_with_data_tables(fixture_site: Path) -> None:
    html = (fixture_site / "statistik/index.html").read_text(encoding="utf-8")
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    assert article.count('<svg role="img" aria-labelledby="chart-') == 3
    for key in ("time", "form", "area"):
        assert f'<title id="chart-{key}-title">' in article
        assert f'aria-describedby="chart-{key}-desc"' in article
    assert article.count("<table>") == 3 and article.count("<caption>") == 3
    assert "<script" not in article  # no chart library, drawn at build time
    assert '<tr><th scope="row">2023</th><td>0</td><td>1</td><td>3</td></tr>' in article
