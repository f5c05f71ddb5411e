"""The numbers of one run: a table per size, PASS/FAIL per target, and bench/results.json.

Targets are checked and printed, never asserted: the numbers belong to the machine."""

from __future__ import annotations

import json
import os
import platform
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from bench.runs import Run

MAX_GROWTH_1K_TO_10K = 11.0
MAX_BASELINE_RATIO_1K = 1.1
MAX_VALIDATION_10K_S = 2.0
MAX_REGISTER_PAGE_1K_BYTES = 150_000  # 150 KB, decimal


@dataclass
class SizeResult:
    parties: int
    data_files: int
    validation_s: float
    generation_s: float
    okide: Run
    baseline: Run
    okide_output: dict[str, Any]
    baseline_output: dict[str, Any]
    pagefind: dict[str, Any] = field(default_factory=dict)

    @property
    def validation_ms_per_file(self) -> float:
        return 1000 * self.validation_s / self.data_files

    @property
    def time_ratio(self) -> float:
        both = self.okide.ok and self.baseline.ok
        return self.okide.wall_s / self.baseline.wall_s if both else float("nan")

    @property
    def cpu_ratio(self) -> float:
        both = self.okide.ok and self.baseline.ok
        return self.okide.cpu_s / self.baseline.cpu_s if both else float("nan")

    @property
    def memory_ratio(self) -> float:
        both = self.okide.ok and self.baseline.ok
        return self.okide.max_rss_mb / self.baseline.max_rss_mb if both else float("nan")

    def as_json(self) -> dict[str, Any]:
        ratios = {
            "validation_ms_per_file": round(self.validation_ms_per_file, 4),
            "time_ratio": round(self.time_ratio, 3),
            "cpu_ratio": round(self.cpu_ratio, 3),
            "memory_ratio": round(self.memory_ratio, 3),
        }
        return {**asdict(self), **ratios}


@dataclass
class Target:
    name: str
    status: str  # PASS, FAIL or N/A
    detail: str


def check_targets(results: dict[int, SizeResult]) -> list[Target]:
    small, large = results.get(1000), results.get(10000)
    growth = "build time linear in N: 1,000 → 10,000 grows ≤ 11×"
    ratio = "build ≤ 1.1× the plain MkDocs baseline at 1,000"
    register = "register page ≤ 150 KB at 1,000 parties"
    validation = "validation of 10,000 files under 2 s"
    needs = "not run: needs --sizes with "
    targets = []
    if small and large and small.okide.ok and large.okide.ok:
        times = large.okide.wall_s / small.okide.wall_s
        targets.append(_check(growth, times <= MAX_GROWTH_1K_TO_10K, f"{times:.2f}×"))
    else:
        targets.append(Target(growth, "N/A", needs + "1000 and 10000"))
    if small:
        targets.append(
            _check(
                ratio,
                small.time_ratio <= MAX_BASELINE_RATIO_1K,
                f"{small.time_ratio:.2f}× ({small.okide.wall_s:.2f} s against "
                f"{small.baseline.wall_s:.2f} s; CPU time {small.cpu_ratio:.2f}×)",
            )
        )
        size, packed = (
            small.okide_output[key] or 0
            for key in ("register_page_bytes", "register_page_gzip_bytes")
        )
        targets.append(
            _check(
                register,
                size <= MAX_REGISTER_PAGE_1K_BYTES,
                f"{size / 1000:.0f} KB ({packed / 1000:.0f} KB gzipped)",
            )
        )
    else:
        targets += [Target(ratio, "N/A", needs + "1000"), Target(register, "N/A", needs + "1000")]
    if large:
        targets.append(
            _check(
                validation,
                large.validation_s < MAX_VALIDATION_10K_S,
                f"{large.validation_s:.2f} s for {large.data_files:,} files",
            )
        )
    else:
        targets.append(Target(validation, "N/A", needs + "10000"))
    per_party = [
        f"{n:,}: {r.okide_output['search_index_bytes'] / n:,.0f} B/party"
        for n, r in sorted(results.items())
        if r.okide_output["search_index_bytes"]
    ]
    targets.append(
        _check(
            "search index size reported per party",
            bool(per_party),
            "; ".join(per_party) or "no search index was built",
        )
    )
    return targets


def _check(name: str, ok: bool, detail: str) -> Target:
    return Target(name, "PASS" if ok else "FAIL", detail)


def _output(result: SizeResult, key: str) -> int:
    return int(result.okide_output[key] or 0)


def _kb(value: float | None) -> str:
    return "—" if value is None else f"{value / 1000:,.0f}"


Row = tuple[str, Callable[[SizeResult], str]]
ROWS: tuple[Row, ...] = (
    ("data files (YAML)", lambda r: f"{r.data_files:,}"),
    ("validation, ms per file (best of 3)", lambda r: f"{r.validation_ms_per_file:.3f}"),
    ("validation, total s", lambda r: f"{r.validation_s:.2f}"),
    ("okide pages + exports, s (in process)", lambda r: f"{r.generation_s:.2f}"),
    ("okide build, s (wall)", lambda r: f"{r.okide.wall_s:.2f}"),
    ("baseline build, s (wall)", lambda r: f"{r.baseline.wall_s:.2f}"),
    ("  ratio okide/baseline, time", lambda r: f"{r.time_ratio:.2f}×"),
    ("  ratio okide/baseline, CPU time", lambda r: f"{r.cpu_ratio:.2f}×"),
    ("okide peak RSS, MB", lambda r: f"{r.okide.max_rss_mb:.0f}"),
    ("baseline peak RSS, MB", lambda r: f"{r.baseline.max_rss_mb:.0f}"),
    ("  ratio okide/baseline, memory", lambda r: f"{r.memory_ratio:.2f}×"),
    ("site total, MB", lambda r: f"{r.okide_output['total_bytes'] / 1e6:.1f}"),
    ("site files", lambda r: f"{r.okide_output['files']:,}"),
    ("site HTML pages", lambda r: f"{r.okide_output['pages']:,}"),
    ("register page /parter/, KB", lambda r: _kb(r.okide_output["register_page_bytes"])),
    ("  gzipped, KB", lambda r: _kb(r.okide_output["register_page_gzip_bytes"])),
    ("party page (mean), KB", lambda r: _kb(r.okide_output["party_page_mean_bytes"])),
    ("lunr search_index.json, KB", lambda r: _kb(r.okide_output["search_index_bytes"])),
    ("  bytes per party", lambda r: f"{_output(r, 'search_index_bytes') / r.parties:,.0f}"),
    (
        "  gzipped, KB (fetched on every visit)",
        lambda r: _kb(_output(r, "search_index_gzip_bytes")),
    ),
    ("pagefind index on the server, KB", lambda r: _kb(r.pagefind.get("index_bytes"))),
    ("  one search downloads, KB", lambda r: _kb(r.pagefind.get("one_search_bytes"))),
    (
        "  index chunks (largest, KB)",
        lambda r: (
            f"{r.pagefind.get('index_chunks', '—')} ({_kb(r.pagefind.get('largest_chunk_bytes'))})"
        ),
    ),
    ("  indexing, s", lambda r: f"{r.pagefind['seconds']:.1f}" if "seconds" in r.pagefind else "—"),
)


def table(results: dict[int, SizeResult]) -> str:
    sizes = sorted(results)
    width = max(len(label) for label, _ in ROWS)
    lines = [f"{'parties':{width}} " + " ".join(f"{n:>12,}" for n in sizes)]
    lines += [
        f"{label:{width}} " + " ".join(f"{cell(results[n]):>12}" for n in sizes)
        for label, cell in ROWS
    ]
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
