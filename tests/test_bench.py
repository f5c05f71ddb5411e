"""The benchmark's own logic (scripts/bench/), without timing anything: its synthetic data is
valid and uses every field, its ratios and targets are computed as documented, and its check of
the search index tells a useful index from a noisy or incomplete one."""

from __future__ import annotations

import html
import json
import math
import sys
from pathlib import Path

import pytest

from okide.load import load_register
from okide.models import Register
from scripts.bench import data, output, projects, report, runs, search
from tests.conftest import SMALL, TODAY

BENCH_TODAY = TODAY  # scripts.bench.runs.TODAY_EPOCH is the same day


def _register(root: Path) -> Register:
    register = load_register(root, BENCH_TODAY)
    assert not isinstance(register, list), "\n".join(p.text() for p in register)
    return register


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Register]:
    root = tmp_path_factory.mktemp("bench-data")
    written = data.write_data_set(root, 60, BENCH_TODAY)
    assert written.files == len(list(root.rglob("*.yml")))
    return root, _register(root)


def test_synthetic_data_validates_and_uses_every_field(synthetic: tuple[Path, Register]) -> None:
    root, register = synthetic
    parties = list(register.signatories.values())
    assert len(parties) == 60
    for key in ("left", "org_number", "website", "description"):
        assert any(getattr(party, key) for party in parties), key
        assert not all(getattr(party, key) for party in parties), key
    assert any(party.areas for party in parties)
    for key in ("email", "phone", "url"):
        assert any(party.contact and getattr(party.contact, key) for party in parties), key
    assert register.former_parties(BENCH_TODAY), "some former parties"
    dialogues = list(register.dialogues.values())
    assert any(d.status == "cancelled" for d in dialogues)
    assert "status: planned" in "".join(p.read_text("utf-8") for p in root.glob("dialogues/*"))
    for key in ("location", "online", "outcome", "registration"):
        assert any(getattr(dialogue, key) for dialogue in dialogues), key
    full = [d for d in dialogues if d.registration and d.location and d.online and d.hosts]
    assert any(d.registration.email and d.registration.url and d.registration.deadline
               and d.location.address and d.location.accessibility for d in full)  # fmt: skip
    assert register.upcoming_dialogues(BENCH_TODAY) or len(dialogues) < 10
    assert any("." in clause.number for clause in register.clauses.values())


def test_synthetic_data_has_follow_ups_on_time_late_and_missing_and_plans_with_actions(
    synthetic: tuple[Path, Register],
) -> None:
    _, register = synthetic
    states = {
        register.follow_up_state(party, year, BENCH_TODAY).status
        for year in register.follow_up_years(BENCH_TODAY)
        for party in register.signatories.values()
    }
    assert {"submitted", "late", "overdue"} <= states
    followups = list(register.followups.values())
    for key in ("proposals", "report", "actions"):
        assert any(getattr(f, key) for f in followups) and not all(
            getattr(f, key) for f in followups
        )
    assert len(register.plans) == 2 and register.current_plan(BENCH_TODAY) is not None
    actions = list(register.actions.values())
    assert len({action.status for action in actions}) >= 2
    assert any(action.parties for action in actions) and any(a.public_party for a in actions)


def test_synthetic_names_are_swedish_and_unique(synthetic: tuple[Path, Register]) -> None:
    _, register = synthetic
    names = [party.name for party in register.signatories.values()]
    assert len(set(names)) == len(names)
    assert any(ch in "".join(names) for ch in "åäöÅÄÖ")


def test_the_same_size_gives_the_same_files(tmp_path: Path) -> None:
    data.write_data_set(tmp_path / "a", 12, BENCH_TODAY)
    data.write_data_set(tmp_path / "b", 12, BENCH_TODAY)
    first = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*.yml")}
    second = {
        p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*.yml")
    }
    assert first == second


def test_the_baseline_keeps_out_of_its_nav_exactly_the_pages_okide_keeps_out(
    synthetic: tuple[Path, Register],
) -> None:
    import pathspec

    from okide.addresses import SiteSettings
    from okide.pages import render_pages

    _, register = synthetic
    pages = render_pages(register, BENCH_TODAY, SiteSettings(site_url="https://x.invalid/"))
    spec = pathspec.GitIgnoreSpec.from_lines(projects.DETAIL_PAGES.splitlines())
    wrong = [page.path for page in pages if spec.match_file(page.path) == page.in_nav]
    assert wrong == []
    assert any(page.path == "tidigare-parter.md" and not page.in_nav for page in pages)


def _run(wall: float, cpu: float | None = None, ok: bool = True, rss: float = 50.0) -> runs.Run:
    return runs.Run(wall, wall if cpu is None else cpu, rss, ok)


def test_ratio_is_the_median_of_the_pairs_ratios() -> None:
    ours = [_run(10), _run(30), _run(11)]
    theirs = [_run(10), _run(10), _run(10)]
    assert runs.median_ratio(ours, theirs) == pytest.approx(1.1)
    assert runs.median_ratio(ours, theirs, "cpu_s") == pytest.approx(1.1)


def test_ratio_is_not_a_number_when_a_build_failed_or_pairs_are_missing() -> None:
    assert math.isnan(runs.median_ratio([_run(1), _run(1, ok=False)], [_run(1), _run(1)]))
    assert math.isnan(runs.median_ratio([_run(1)], [_run(1), _run(1)]))


def _result(
    parties: int,
    wall: float,
    baseline: float,
    validation: float = 0.1,
    register_bytes: int = 100_000,
    command: float = 0.5,
) -> report.SizeResult:
    output = {"register_page_bytes": register_bytes, "register_page_gzip_bytes": 1}
    return report.SizeResult(
        parties=parties,
        data_files=parties + 17,
        validation_s=validation,
        validate_command=_run(command),
        generation_s=0.1,
        okide_runs=[_run(wall), _run(wall * 2)],
        baseline_runs=[_run(baseline), _run(baseline * 2)],
        okide_output=output,
        baseline_output={},
        search={"ok": True, "error": "stub"},
    )


def _statuses(results: dict[int, report.SizeResult]) -> dict[str, str]:
    return {target.name: target.status for target in report.check_targets(results)}


def test_targets_pass_at_their_limits() -> None:
    statuses = _statuses(
        {
            1000: _result(1000, 11.0, 10.0, validation=0.2, register_bytes=150_000),
            10000: _result(10000, 121.0, 110.0, validation=1.99, command=1.99),
        }
    )
    assert set(statuses.values()) == {"PASS"}, statuses


def test_targets_fail_just_past_their_limits() -> None:
    statuses = _statuses(
        {
            1000: _result(1000, 11.2, 10.0, validation=0.1, register_bytes=150_001),
            10000: _result(10000, 123.3, 110.0, validation=2.0, command=2.0),
        }
    )
    failed = {name for name, status in statuses.items() if status == "FAIL"}
    assert len(failed) == 6, statuses
    assert not any("search index" in name for name in failed)


def test_targets_are_not_applicable_without_their_sizes() -> None:
    statuses = _statuses({100: _result(100, 1.0, 1.0)})
    assert [status for name, status in statuses.items() if "search" not in name] == ["N/A"] * 6


def _fake_site(tmp_path: Path, docs: list[dict[str, str]]) -> Path:
    (tmp_path / "search").mkdir(parents=True)
    index = {"config": {}, "docs": docs}
    (tmp_path / "search" / "search_index.json").write_text(json.dumps(index), "utf-8")
    return tmp_path


def _complete_docs(register: Register) -> list[dict[str, str]]:
    """Sections as Material's search plugin writes them: text HTML-escaped."""
    docs = []
    for party in register.signatories.values():
        areas = ", ".join(register.agreement.area_titles(party.areas))
        docs.append({"location": f"parter/{party.id}/", "title": html.escape(party.name, False),
                     "text": f"Organisationsform {party.form} Fokusområden {areas}"})  # fmt: skip
        if party.description:
            text = html.escape(party.description, False)
            docs.append({"location": f"parter/{party.id}/#om", "title": "Om",
                         "text": f"<p>{text}</p>"})  # fmt: skip
    for clause in register.clauses.values():
        docs.append({"location": "overenskommelsen/#x", "title": clause.title, "text": clause.text})
    for value in register.values.values():
        docs.append({"location": "vardegrund/#x", "title": value.title, "text": value.text})
    return docs


def test_search_check_accepts_an_index_of_names_forms_areas_and_agreement(tmp_path: Path) -> None:
    register = _register(SMALL)
    checked = search.check_index(_fake_site(tmp_path, _complete_docs(register)), register)
    assert checked["ok"], checked


def test_search_check_rejects_a_missing_name(tmp_path: Path) -> None:
    register = _register(SMALL)
    docs = _complete_docs(register)[1:]
    checked = search.check_index(_fake_site(tmp_path, docs), register)
    assert not checked["ok"]
    assert (
        checked["party_names_found"]
        == f"{len(register.signatories) - 1}/{len(register.signatories)}"
    )


def test_search_check_rejects_a_data_table_as_noise(tmp_path: Path) -> None:
    register = _register(SMALL)
    table = " ".join(f"{day} januari 2020 {day}" for day in range(1, 400))
    docs = [*_complete_docs(register), {"location": "statistik/#t", "title": "T", "text": table}]
    checked = search.check_index(_fake_site(tmp_path, docs), register)
    assert not checked["ok"]
    assert checked["docs_over_limit"] == ["statistik/#t"]


def test_search_check_rejects_an_index_without_the_agreement(tmp_path: Path) -> None:
    register = _register(SMALL)
    docs = [d for d in _complete_docs(register) if not d["location"].startswith("vardegrund")]
    checked = search.check_index(_fake_site(tmp_path, docs), register)
    assert not checked["ok"]
    assert checked["agreement_missing"]


@pytest.mark.slow
def test_built_search_index_holds_the_register_and_not_the_statistics_table(
    fixture_site: Path,
) -> None:
    """okide's search, pagefind's index read back as sections at its headings."""
    checked = search.check_index(fixture_site, _register(SMALL))
    assert checked["ok"], checked
    docs = search.pagefind_docs(fixture_site / "pagefind")
    over_time = [d for d in docs if d["location"] == "statistik/#parter-over-tid"]
    assert over_time, "the section itself is still found"
    assert all("Datum" not in doc["text"] for doc in over_time)
    named = {doc["location"]: doc["title"] for doc in docs}
    assert named["parter/alfa-idrottsforening/"] == "Alfa idrottsförening"


def test_the_search_page_loads_the_word_files_of_each_typed_word(tmp_path: Path) -> None:
    """n-1, n and n+1 letters from five letters, else n; the ending from four letters; and
    only the files that exist."""
    from okide.search import folded_words, word_list

    folder = tmp_path / "sok" / "ord"
    folder.mkdir(parents=True)
    for name, content in word_list(folded_words(["Bohuslän har ett hav och en ö"])).items():
        (folder / name).write_bytes(content)
    assert output.query_word_files(tmp_path, "Bohuslan") == [
        "index.json", "langd-8.json", "slut-an.json",
    ]  # fmt: skip
    assert output.query_word_files(tmp_path, "hav ett") == ["index.json", "langd-3.json"]
    assert output.query_word_files(tmp_path, "havet") == ["index.json"]  # no 4, 5, 6; no "et"


def test_peak_memory_of_a_run_is_its_own_not_the_benchmarks(tmp_path: Path) -> None:
    """A child started from a process that holds much memory inherits that peak on Linux."""
    held = bytearray(160 * 1024 * 1024)
    held[::4096] = b"\x01" * len(held[::4096])  # touch every page
    run = runs.run_measured([sys.executable, "-c", "pass"], tmp_path, tmp_path / "log")
    assert run.ok
    assert run.max_rss_mb < 60, run
    allocating = "x = bytearray(90 * 1024 * 1024); x[::4096] = b'1' * len(x[::4096])"
    bigger = runs.run_measured([sys.executable, "-c", allocating], tmp_path, tmp_path / "log")
    assert 90 < bigger.max_rss_mb < 150, bigger
    del held


def test_a_failing_run_is_reported_with_its_output(tmp_path: Path) -> None:
    run = runs.run_measured(
        [sys.executable, "-c", "import sys; print('trasigt'); sys.exit(3)"],
        tmp_path,
        tmp_path / "log",
    )
    assert not run.ok
    assert "trasigt" in run.log_tail


def _fake_valgrind(folder: Path, collected: str, status: int = 0) -> None:
    script = folder / "valgrind"
    script.write_text(f"#!/bin/sh\necho '==1== Collected : {collected}' >&2\nexit {status}\n")
    script.chmod(0o755)


def test_instruction_counts_are_read_from_callgrind_for_each_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_valgrind(tmp_path, "31639692149")
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    jobs = [(["mkdocs", "build"], tmp_path, tmp_path / f"{name}.log") for name in ("a", "b")]
    assert runs.count_instructions(jobs) == [31639692149, 31639692149]


def test_the_processes_a_build_starts_are_counted_with_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # callgrind follows a child (pagefind, run by the okide build) only when told to, and then
    # reports one total per process: the build's count is their sum.
    script = tmp_path / "valgrind"
    script.write_text(
        "#!/bin/sh\n"
        'case " $* " in *" --trace-children=yes "*) ;; *) exit 9 ;; esac\n'
        "echo '==7== Collected : 1000' >&2\n"
        "echo '==8== Collected : 234' >&2\n"
    )
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    job = (["mkdocs", "build"], tmp_path, tmp_path / "a.log")
    assert runs.count_instructions([job]) == [1234]


def test_a_failed_build_or_no_valgrind_gives_no_instruction_count(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _fake_valgrind(tmp_path, "5", status=1)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    job = (["mkdocs", "build"], tmp_path, tmp_path / "a.log")
    assert runs.count_instructions([job]) == [None]
    monkeypatch.setattr(runs.shutil, "which", lambda name: None)
    assert runs.count_instructions([job]) == [None]


def test_the_build_target_names_the_instruction_ratio_when_measured() -> None:
    result = _result(1000, 10.5, 10.0)
    result.instructions = {"okide": 109, "baseline": 100}
    detail = next(t.detail for t in report.check_targets({1000: result}) if "1.1×" in t.name)
    assert "instructions 1.090×" in detail
    assert "instructions —" in next(
        t.detail
        for t in report.check_targets({1000: _result(1000, 10.5, 10.0)})
        if "1.1×" in t.name
    )


def test_hostile_shapes_fill_at_most_64_kib_and_are_read_without_an_exception() -> None:
    from scripts.bench import hostile

    shapes = hostile.shapes()
    assert len({shape.name for shape in shapes}) == len(shapes) >= 4
    for shape in shapes:
        # A file of 64 KiB, or one Markdown text just at its length limit.
        size = len(shape.text.encode())
        assert 60_000 < size <= 64 * 1024 or "length limit" in shape.name, shape.name
        assert size <= 64 * 1024
    timings = hostile.measure(BENCH_TODAY, repeat=1)
    assert sorted(timings) == sorted(shape.name for shape in shapes)
    lines = hostile.hostile_lines(timings).splitlines()
    assert lines[-1].startswith("  worst: ") and lines[-1].endswith(" ms")
