"""One command in a fresh process: its wall time, CPU time and its own peak memory."""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

# 2026-11-22 12:00 UTC, as in the tests: the synthetic data's dates are relative to it.
TODAY_EPOCH = "1795348800"


@dataclass
class Run:
    wall_s: float
    cpu_s: float
    max_rss_mb: float
    ok: bool
    log_tail: str = ""


def bench_env() -> dict[str, str]:
    """Builds run as a user's do. Python keeps compiled modules (pip compiled MkDocs' and
    Material's when it installed them; okide, installed editable, gets its own on the first
    run): with PYTHONDONTWRITEBYTECODE okide alone would be compiled again on every build."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH=TODAY_EPOCH)
    return env


# On Linux a child inherits its parent's peak memory: fork (or vfork) and exec keep the
# high-water mark, so a build started from this process, which holds whole registers, would
# report this process's peak as its own. A small Python in between starts the command, waits
# for it and reports its wall time and rusage; it adds only its own ~10 MB as a floor.
_REPORTER = """
import json, os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
report = {"wall_s": time.perf_counter() - start, "cpu_s": usage.ru_utime + usage.ru_stime,
          "max_rss_kb": usage.ru_maxrss, "returncode": os.waitstatus_to_exitcode(status)}
with open(sys.argv[1], "w") as out:
    json.dump(report, out)
"""


def run_measured(
    argv: list[str], cwd: Path, log: Path, extra_env: dict[str, str] | None = None
) -> Run:
    """Run argv in a fresh process: its wall time, CPU time and its own peak memory."""
    report = log.with_suffix(".rusage.json")
    report.unlink(missing_ok=True)
    with log.open("wb") as out:
        subprocess.run(
            [sys.executable, "-c", _REPORTER, str(report), *argv],
            cwd=cwd,
            env={**bench_env(), **(extra_env or {})},
            stdout=out,
            stderr=out,
            check=False,
        )
    if not report.exists():
        tail = log.read_text("utf-8", "replace")[-2000:]
        return Run(float("nan"), float("nan"), float("nan"), False, tail)
    measured = json.loads(report.read_text("utf-8"))
    ok = measured["returncode"] == 0
    tail = "" if ok else "\n".join(log.read_text("utf-8", "replace").splitlines()[-15:])
    return Run(measured["wall_s"], measured["cpu_s"], measured["max_rss_kb"] / 1024, ok, tail)


def best_run(runs: Sequence[Run]) -> Run:
    """The fastest run, with the highest peak memory seen in any run."""
    best = min(runs, key=lambda run: run.wall_s)
    failed = [run.log_tail for run in runs if not run.ok]
    peak = max(run.max_rss_mb for run in runs)
    return Run(best.wall_s, best.cpu_s, peak, not failed, failed[0] if failed else "")


def median_ratio(ours: Sequence[Run], theirs: Sequence[Run], measure: str = "wall_s") -> float:
    """The median of the ratios of runs made back to back (ours[i] beside theirs[i]): load from
    other processes on a shared machine hits both runs of a pair alike, and the median drops
    the pair that a burst of load hit unevenly. NaN when a run failed."""
    if not ours or len(ours) != len(theirs) or not all(run.ok for run in (*ours, *theirs)):
        return float("nan")
    return statistics.median(
        getattr(mine, measure) / getattr(other, measure)
        for mine, other in zip(ours, theirs, strict=True)
    )


def mkdocs_build_argv(config: Path, site: Path, *python_options: str) -> list[str]:
    """`mkdocs build --strict`, as `make build` runs it; python_options go before `-m mkdocs`."""
    return [
        sys.executable,
        *python_options,
        "-m",
        "mkdocs",
        "build",
        "--strict",
        "-q",
        "-f",
        str(config),
        "-d",
        str(site),
    ]


_COLLECTED = re.compile(r"Collected : (\d+)")


def count_instructions(jobs: Sequence[tuple[list[str], Path, Path]]) -> list[int | None]:
    """Instructions each command executes, counted by valgrind's callgrind, all at once.

    A count does not depend on what else the machine is doing (the same binary, input and
    environment give the same total, within a fraction of a per cent), so a ratio of counts is
    the steady companion of the wall-time ratio on a shared machine. About 50× slower than the
    command itself. The processes a command starts are counted with it (pagefind, which the
    okide build runs after the pages are written, is one). None for a command that failed, or
    when valgrind is missing."""
    if shutil.which("valgrind") is None:
        return [None for _ in jobs]
    env = {**bench_env(), "PYTHONHASHSEED": "0"}
    processes = []
    for argv, cwd, log in jobs:
        out = log.open("wb")
        command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                   "--trace-children=yes", *argv]  # fmt: skip
        processes.append((subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=out), out))
    counts: list[int | None] = []
    for (process, out), (_, _, log) in zip(processes, jobs, strict=True):
        returncode = process.wait()
        out.close()
        found = _COLLECTED.findall(log.read_text("utf-8", "replace"))  # one per process
        counts.append(sum(map(int, found)) if returncode == 0 and found else None)
    return counts
