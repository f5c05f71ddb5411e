"""`python -m okide due`: the follow-ups overdue or due soon on the region fixture, as text, as
GitHub annotations and as the body of an issue; exit codes; an agreement without follow-up."""

from __future__ import annotations

import io
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from okide.cli import main
from okide.due import issue_markdown, reminders
from okide.load import load_register
from okide.models import Register
from tests.conftest import FIXTURES, ROOT, TODAY, TODAY_EPOCH

REGION = FIXTURES / "region"
GOLDEN = FIXTURES / "region-due.md"
# What Kulturstiftelsen would have handed in: then nothing is overdue on TODAY.
LATE_REPORT = """\
party: kulturstiftelsen
year: 2024
submitted: 2026-02-01
contribution: Kulturkorten.
"""


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)


@pytest.fixture
def region(tmp_path: Path) -> Path:
    shutil.copytree(REGION, tmp_path / "region")
    return tmp_path / "region"


def _due(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return main(["due", *args], out=out), out.getvalue()


def _register(root: Path) -> Register:
    loaded = load_register(root, TODAY)
    assert isinstance(loaded, Register), loaded
    return loaded


def test_text_lists_the_overdue_then_those_due_soon_and_exits_3() -> None:
    assert _due("--root", str(REGION)) == (3, (
        "Kulturstiftelsen Fyren (signatories/kulturstiftelsen.yml): uppföljningen av 2024 är"
        " försenad, skulle vara inne 2025-12-15\n"
        "Landsbygdsrådet i Exempelland (signatories/lansbygdsradet.yml): uppföljningen av 2025"
        " ska vara inne senast 2026-12-15 (om 23 dagar)\n"
        "1 försenad, 1 ska vara inne inom 30 dagar. När en uppföljning kommer in:"
        " python -m okide new followup PART --year ÅÅÅÅ\n"
    ))  # fmt: skip


def test_within_leaves_out_what_is_due_later_but_never_what_is_overdue() -> None:
    code, output = _due("--root", str(REGION), "--within", "22")
    assert code == 3
    assert "Kulturstiftelsen" in output and "Landsbygdsrådet" not in output
    assert _due("--root", str(REGION), "--within", "23")[1].count("uppföljningen av") == 2


def test_nothing_overdue_or_due_soon_exits_0_with_a_line_saying_so(region: Path) -> None:
    (region / "followups/2024-kulturstiftelsen.yml").write_text(LATE_REPORT, encoding="utf-8")
    assert _due("--root", str(region), "--within", "10") == (
        0, "Inga uppföljningar är försenade eller ska vara inne inom 10 dagar.\n"
    )  # fmt: skip
    assert _due("--root", str(region), "--within", "10", "--format", "markdown") == (0, "")
    assert _due("--root", str(region), "--within", "10", "--format", "github")[1] == (
        "::notice title=okide::Inga uppföljningar är försenade eller ska vara inne inom 10 dagar.\n"
    )


def test_an_agreement_without_follow_up_expects_none_and_exits_0(
    capsys: pytest.CaptureFixture[str],
) -> None:
    message = (
        "Överenskommelsen väntar ingen årlig uppföljning av parterna (follow_up saknas i"
        " agreement/agreement.yml)."
    )
    assert _due("--root", str(ROOT)) == (0, message + "\n")
    assert _due("--root", str(ROOT), "--format", "markdown") == (0, "")
    assert capsys.readouterr().err == f"okide: {message}\n"
    assert _due("--root", str(ROOT), "--format", "github") == (
        0, f"::notice title=okide::{message}\n"
    )  # fmt: skip


GITHUB_LINE = re.compile(
    r"^::(warning|notice) file=(?P<file>[^,:]+),title=okide%3A uppföljning \d{4}::[^\r\n]+$"
)


def test_github_format_puts_one_annotation_at_each_partys_file(
    region: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_WORKSPACE", str(region.parent))
    code, output = _due("--root", str(region), "--format", "github")
    lines = output.splitlines()
    assert code == 3 and len(lines) == 2
    matches = [GITHUB_LINE.match(line) for line in lines]
    assert all(matches), lines
    assert [(m[1], m["file"]) for m in matches if m] == [
        ("warning", "region/signatories/kulturstiftelsen.yml"),
        ("notice", "region/signatories/lansbygdsradet.yml"),
    ]
    assert lines[0].endswith(
        "::Kulturstiftelsen Fyren: uppföljningen av 2024 är försenad, skulle vara inne 2025-12-15"
    )


def test_markdown_is_the_issue_body_of_the_round(update_goldens: bool) -> None:
    code, output = _due("--root", str(REGION), "--format", "markdown")
    assert code == 3
    if update_goldens:
        GOLDEN.write_text(output, encoding="utf-8")
    assert output == GOLDEN.read_text(encoding="utf-8")
    assert output.startswith("# Uppföljningar 2025\n\n")
    assert output.endswith("\n<!-- okide due -->\n")


def test_the_round_keeps_its_year_until_the_next_years_follow_up_falls_due() -> None:
    register = _register(REGION)
    rounds = {
        day: found.year if (found := reminders(register, day, 30)) else None
        for day in (date(2025, 11, 14), date(2025, 11, 15), date(2026, 6, 1),
                    date(2026, 11, 15), date(2026, 11, 22))
    }  # fmt: skip
    assert rounds == {
        date(2025, 11, 14): None, date(2025, 11, 15): 2024, date(2026, 6, 1): 2024,
        date(2026, 11, 15): 2025, date(2026, 11, 22): 2025,
    }  # fmt: skip


def test_a_partys_name_cannot_mention_anyone_or_break_the_issue_table() -> None:
    register = _register(REGION)
    hostile = "@organisation | **Fet** <script>x</script>\n# Rubrik"
    party = register.signatories["kulturstiftelsen"].model_copy(update={"name": hostile})
    changed = register.model_copy(
        update={"signatories": {**register.signatories, "kulturstiftelsen": party}}
    )
    body = issue_markdown(reminders(changed, TODAY, 30), "Region @exempel")
    row = next(line for line in body.splitlines() if "2025-12-15" in line)
    assert row.count("|") == 5
    for text in ("@", "<script>", "**", "# Rubrik"):
        assert text not in row, text
    assert "@exempel" not in body


def test_invalid_data_is_reported_as_by_validate_and_exits_1(region: Path) -> None:
    (region / "signatories/trasig.yml").write_text("name: X\n", encoding="utf-8")
    code, output = _due("--root", str(region))
    assert code == 1
    assert output.startswith("signatories/trasig.yml:1:1: ")
    assert output.splitlines()[-1] == "3 fel i 1 fil"


@pytest.mark.parametrize(
    "args",
    [["--within", "-1"], ["--within", "99999999999"], ["--root", "finns-inte"]],
    ids=["negative", "beyond-a-year", "no-folder"],
)
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert _due(*args)[0] == 2
    assert capsys.readouterr().err.startswith("okide: ")


def test_the_build_date_comes_from_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    # 2026-12-16: the day after Landsbygdsrådet's 2025 report was due.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1797422400")
    code, output = _due("--root", str(REGION))
    assert code == 3
    assert "uppföljningen av 2025 är försenad, skulle vara inne 2026-12-15" in output
