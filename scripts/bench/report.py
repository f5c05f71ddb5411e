"""The numbers of one run: a table per size, PASS/FAIL per target, and bench/results.json.

Targets are checked and printed, never asserted: the numbers belong to the machine."""

from __future__ import annotations

import json
import math
import os
import platform
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml

from scripts.bench import browser
from scripts.bench import search as search_check
from scripts.bench.runs import Run, best_run, median_ratio

MAX_GROWTH_1K_TO_10K = 11.0
MAX_BASELINE_RATIO_1K = 1.1
MAX_VALIDATION_10K_S = 2.0
MAX_REGISTER_PAGE_1K_BYTES = 150_000  # 150 KB, decimal


@dataclass
class SizeResult:
    parties: int
    data_files: int
    validation_s: float
    validate_command: Run
    generation_s: float
    okide_runs: list[Run]
    baseline_runs: list[Run]
    okide_output: dict[str, Any]
    baseline_output: dict[str, Any]
    search: dict[str, Any] = field(default_factory=dict)
    # Instructions of one build each, counted by callgrind (only where measured).
    instructions: dict[str, int | None] = field(default_factory=dict)
    pagefind: dict[str, Any] = field(default_factory=dict)
    browser: dict[str, Any] = field(default_factory=dict)
    # Pages and exports again with every template compiled: what Jinja's bytecode cache saves.
    generation_compiling_s: float = math.nan
    # Every entry's id read twenty times: as Entry.id reads it, and through pydantic's getattr.
    id_reads_s: tuple[float, float] = (math.nan, math.nan)

    @property
    def okide(self) -> Run:
        return best_run(self.okide_runs)

    @property
    def baseline(self) -> Run:
        return best_run(self.baseline_runs)

    @property
    def validation_ms_per_file(self) -> float:
        return 1000 * self.validation_s / self.data_files

    @property
    def time_ratio(self) -> float:
        return median_ratio(self.okide_runs, self.baseline_runs, "wall_s")

    @property
    def instruction_ratio(self) -> float:
        okide, baseline = self.instructions.get("okide"), self.instructions.get("baseline")
        return okide / baseline if okide and baseline else float("nan")

    @property
    def cpu_ratio(self) -> float:
        return median_ratio(self.okide_runs, self.baseline_runs, "cpu_s")

    @property
    def memory_ratio(self) -> float:
        both = self.okide.ok and self.baseline.ok
        return self.okide.max_rss_mb / self.baseline.max_rss_mb if both else float("nan")

    def as_json(self) -> dict[str, Any]:
        derived = {
            "validation_ms_per_file": round(self.validation_ms_per_file, 4),
            "okide_best": asdict(self.okide),
            "baseline_best": asdict(self.baseline),
            "time_ratio_median": round(self.time_ratio, 3),
            "cpu_ratio_median": round(self.cpu_ratio, 3),
            "memory_ratio": round(self.memory_ratio, 3),
            "instruction_ratio": None
            if math.isnan(self.instruction_ratio)
            else round(self.instruction_ratio, 4),
        }
        return {**asdict(self), **derived}


@dataclass
class Target:
    name: str
    status: str  # PASS, FAIL or N/A
    detail: str


def _growth(large: float, small: float) -> float:
    return large / small if small > 0 else float("inf")


def check_targets(results: dict[int, SizeResult]) -> list[Target]:
    small, large = results.get(1000), results.get(10000)
    needs = "not run: needs --sizes with "
    targets = []
    growth = "cost linear in N: build time 1,000 → 10,000 grows ≤ 11×"
    growth_validation = "cost linear in N: validation 1,000 → 10,000 grows ≤ 11×"
    if small and large and small.okide.ok and large.okide.ok:
        times = _growth(large.okide.wall_s, small.okide.wall_s)
        cpu = _growth(large.okide.cpu_s, small.okide.cpu_s)
        detail = (
            f"{times:.2f}× ({small.okide.wall_s:.1f} s → {large.okide.wall_s:.1f} s; "
            f"CPU {cpu:.2f}×)"
        )
        targets.append(_check(growth, times <= MAX_GROWTH_1K_TO_10K, detail))
        times = _growth(large.validation_s, small.validation_s)
        detail = f"{times:.2f}× ({small.validation_s:.2f} s → {large.validation_s:.2f} s)"
        targets.append(_check(growth_validation, times <= MAX_GROWTH_1K_TO_10K, detail))
    else:
        targets += [Target(growth, "N/A", needs + "1000 and 10000"),
                    Target(growth_validation, "N/A", needs + "1000 and 10000")]  # fmt: skip
    ratio = "build ≤ 1.1× the plain MkDocs baseline at 1,000 (median of pairs, wall time)"
    register = "register page ≤ 150 KB at 1,000 parties"
    if small:
        targets.append(
            _check(
                ratio,
                small.time_ratio <= MAX_BASELINE_RATIO_1K,
                f"{small.time_ratio:.2f}× over {len(small.okide_runs)} pairs (fastest "
                f"{small.okide.wall_s:.2f} s against {small.baseline.wall_s:.2f} s); "
                f"CPU time {small.cpu_ratio:.2f}×; instructions {_ratio(small.instruction_ratio)}",
            )
        )
        size, packed = (
            small.okide_output[key] or 0
            for key in ("register_page_bytes", "register_page_gzip_bytes")
        )
        targets.append(
            _check(
                register,
                0 < size <= MAX_REGISTER_PAGE_1K_BYTES,
                f"{size / 1000:.1f} KB ({packed / 1000:.0f} KB gzipped)",
            )
        )
    else:
        targets += [Target(ratio, "N/A", needs + "1000"), Target(register, "N/A", needs + "1000")]
    validation = "validation of 10,000 files < 2 s (loader + models, in process)"
    command = "`python -m okide validate` of 10,000 files < 2 s (the whole process)"
    if large:
        loader = "C loader (libyaml)" if yaml.__with_libyaml__ else "Python loader: no libyaml"
        targets.append(
            _check(
                validation,
                large.validation_s < MAX_VALIDATION_10K_S,
                f"{large.validation_s:.2f} s for {large.data_files:,} files, {loader}",
            )
        )
        run = large.validate_command
        targets.append(
            _check(
                command,
                run.ok and run.wall_s < MAX_VALIDATION_10K_S,
                f"{run.wall_s:.2f} s (CPU {run.cpu_s:.2f} s)" if run.ok else "the command failed",
            )
        )
    else:
        targets += [Target(validation, "N/A", needs + "10000"),
                    Target(command, "N/A", needs + "10000")]  # fmt: skip
    for parties, result in sorted(results.items()):
        name = f"search index at {parties:,} holds what a person searches for, not noise"
        if not result.search:
            targets.append(Target(name, "N/A", "no okide site was built"))
            continue
        targets.append(
            _check(name, bool(result.search.get("ok")), search_check.summary(result.search))
        )
    return targets


def _check(name: str, ok: bool, detail: str) -> Target:
    return Target(name, "PASS" if ok else "FAIL", detail)


def _output(result: SizeResult, key: str) -> int:
    return int(result.okide_output[key] or 0)


def _kb(value: float | None) -> str:
    return "—" if value is None else f"{value / 1000:,.0f}"


def _phone(engine: str, which: str, key: str = "") -> Callable[[SizeResult], str]:
    """A cell of the phone search: seconds from load to results, or a value of the run."""

    def cell(result: SizeResult) -> str:
        run = result.browser.get(engine, {}).get(which)
        if not run:
            return "—"
        if key == "search_bytes":
            return _kb(run[key])
        if key:
            return "—" if run[key] is None else f"{run[key] / 1000:.1f}"
        return f"{browser.seconds_after_load(run):.1f}"

    return cell


def _billions(result: SizeResult, build: str) -> str:
    count = result.instructions.get(build)
    return f"{count / 1e9:.2f}" if count else "—"


def _ratio(value: float) -> str:
    return "—" if math.isnan(value) else f"{value:.3f}×"


Row = tuple[str, Callable[[SizeResult], str]]
ROWS: tuple[Row, ...] = (
    ("data files (YAML)", lambda r: f"{r.data_files:,}"),
    ("validation, ms per file (in process, best)", lambda r: f"{r.validation_ms_per_file:.3f}"),
    ("validation, total s (in process)", lambda r: f"{r.validation_s:.2f}"),
    ("python -m okide validate, s (wall)", lambda r: f"{r.validate_command.wall_s:.2f}"),
    ("okide pages + exports, s (in process)", lambda r: f"{r.generation_s:.2f}"),
    (
        "  compiling every template (no bytecode cache), s",
        lambda r: f"{r.generation_compiling_s:.2f}",
    ),
    ("pairs of builds", lambda r: f"{len(r.okide_runs)}"),
    ("okide build, s (wall, fastest)", lambda r: f"{r.okide.wall_s:.2f}"),
    ("baseline build, s (wall, fastest)", lambda r: f"{r.baseline.wall_s:.2f}"),
    ("  ratio okide/baseline, wall (median)", lambda r: f"{r.time_ratio:.2f}×"),
    ("okide build, CPU s", lambda r: f"{r.okide.cpu_s:.2f}"),
    ("baseline build, CPU s", lambda r: f"{r.baseline.cpu_s:.2f}"),
    ("  ratio okide/baseline, CPU (median)", lambda r: f"{r.cpu_ratio:.2f}×"),
    ("okide build, instructions (callgrind), billions", lambda r: _billions(r, "okide")),
    ("baseline build, instructions, billions", lambda r: _billions(r, "baseline")),
    ("  ratio okide/baseline, instructions", lambda r: _ratio(r.instruction_ratio)),
    ("okide peak RSS, MB", lambda r: f"{r.okide.max_rss_mb:.0f}"),
    ("baseline peak RSS, MB", lambda r: f"{r.baseline.max_rss_mb:.0f}"),
    ("  ratio okide/baseline, memory", lambda r: f"{r.memory_ratio:.2f}×"),
    ("site total, MB", lambda r: f"{r.okide_output['total_bytes'] / 1e6:.1f}"),
    ("site files", lambda r: f"{r.okide_output['files']:,}"),
    ("site HTML pages", lambda r: f"{r.okide_output['pages']:,}"),
    ("register page /parter/, KB", lambda r: _kb(r.okide_output["register_page_bytes"])),
    ("  gzipped, KB", lambda r: _kb(r.okide_output["register_page_gzip_bytes"])),
    (
        "former parties /tidigare-parter/, KB",
        lambda r: _kb(r.okide_output.get("former_parties_page_bytes")),
    ),
    ("statistics page /statistik/, KB", lambda r: _kb(r.okide_output["statistics_page_bytes"])),
    ("party page (mean), KB", lambda r: _kb(r.okide_output["party_page_mean_bytes"])),
    ("today's search, lunr (baseline site):", lambda r: ""),
    ("  search_index.json, KB", lambda r: _kb(r.baseline_output.get("search_index_bytes"))),
    (
        "  bytes per party",
        lambda r: f"{int(r.baseline_output.get('search_index_bytes') or 0) / r.parties:,.0f}",
    ),
    (
        "  every page load fetches, gzipped, KB",
        lambda r: _kb(r.baseline_output.get("lunr_search_gzip_bytes")),
    ),
    ("okide's search, pagefind + word list:", lambda r: ""),
    ("  holds names, forms, areas, text", lambda r: _verdict(r.search)),
    ("  the step in the build, s", lambda r: _number(r.pagefind.get("seconds"), "{:.1f}")),
    ("  pagefind index on the server, KB", lambda r: _kb(r.pagefind.get("index_bytes"))),
    ("  one search downloads of it, KB", lambda r: _kb(r.pagefind.get("one_search_bytes"))),
    (
        "  index chunks (largest, KB)",
        lambda r: (
            f"{r.pagefind.get('index_chunks', '—')} ({_kb(r.pagefind.get('largest_chunk_bytes'))})"
        ),
    ),
    ("  word list, KB", lambda r: _kb(r.pagefind.get("word_list_bytes"))),
    ("    gzipped, KB", lambda r: _kb(r.pagefind.get("word_list_gzip_bytes"))),
    ("    files (largest, KB)", lambda r: _files(r.pagefind)),
    ("    the query's files, gzipped, KB", lambda r: _kb(r.pagefind.get("query_word_gzip_bytes"))),
    ("phone network: lunr (today's), s from load to results", _phone("lunr", "first")),
    ("  after the last byte (CPU), s", _phone("lunr", "first", "after_last_byte_ms")),
    ("  downloaded for search, KB", _phone("lunr", "first", "search_bytes")),
    ("  next page, cache warm, s", _phone("lunr", "next_page")),
    ("  next page, after last byte (CPU), s", _phone("lunr", "next_page", "after_last_byte_ms")),
    ("phone network: okide's search, s to results", _phone("pagefind", "first")),
    ("  after the last byte (CPU), s", _phone("pagefind", "first", "after_last_byte_ms")),
    ("  downloaded for search, KB", _phone("pagefind", "first", "search_bytes")),
    ("  next page, cache warm, s", _phone("pagefind", "next_page")),
    ("  next page, downloaded, KB", _phone("pagefind", "next_page", "search_bytes")),
)


def _number(value: float | None, shape: str) -> str:
    return "—" if value is None else shape.format(value)


def _files(measured: dict[str, Any]) -> str:
    if "word_files" not in measured:
        return "—"
    return f"{measured['word_files']:,} ({_kb(measured['largest_word_file_bytes'])})"


def _verdict(check: dict[str, Any]) -> str:
    return "—" if not check else ("yes" if check.get("ok") else "NO")


def table(results: dict[int, SizeResult]) -> str:
    sizes = sorted(results)
    width = max(len(label) for label, _ in ROWS)
    lines = [f"{'parties':{width}} " + " ".join(f"{n:>12,}" for n in sizes)]
    lines += [
        f"{label:{width}} " + " ".join(f"{cell(results[n]):>12}" for n in sizes)
        for label, cell in ROWS
    ]
    return "\n".join(lines)


def phone_lines(results: dict[int, SizeResult]) -> str:
    """Where the emulated phone searched, and whether each engine found the party."""
    lines = []
    for parties, result in sorted(results.items()):
        found = result.browser
        if not found:
            continue
        if "error" in found:
            lines.append(f"  {parties:>6,}: not measured ({found['error']})")
            continue
        for engine in ("lunr", "pagefind"):
            if engine in found:  # pagefind: okide's search
                top = found[engine]["first"]["top"]
                hit = "found first" if top[:1] == [found["query"]] else (
                    "found in the top 5" if found["query"] in top else "NOT in the top 5"
                )  # fmt: skip
                lines.append(f"  {parties:>6,}: {engine:8} '{found['query']}': {hit}")
    return "\n".join(lines)


def serve_line(serve: dict[str, Any], parties: int) -> str:
    head = f"mkdocs serve at {parties:,} parties, one signatory file edited: "
    if "error" in serve:
        return head + f"not measured ({serve['error']})"
    rebuilds = [
        f"MkDocs log after {r['until_built_s']:.2f} s (it says {r['reported_build_s']:.2f}"
        f" s), new text served after {r['until_served_s']} s"
        for r in serve["rebuilds"]
    ]
    return head + f"first build {serve['first_build_s']:.2f} s; " + "; ".join(rebuilds)


def targets_text(targets: list[Target]) -> str:
    return "\n".join(f"  {t.status:4}  {t.name}: {t.detail}" for t in targets)


def write_json(
    path: Path, results: dict[int, SizeResult], targets: list[Target], extra: dict[str, Any]
) -> None:
    packages = ("mkdocs", "mkdocs-material", "Markdown", "Jinja2", "pydantic", "PyYAML")
    data = {
        "when": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
            "libyaml": bool(yaml.__with_libyaml__),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "versions": {name: version(name) for name in packages},
        "sizes": [results[n].as_json() for n in sorted(results)],
        "targets": [asdict(target) for target in targets],
        **extra,
    }
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", "utf-8")
