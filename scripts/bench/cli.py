"""`python -m scripts.bench [--sizes 100,1000] [--repeat N]`: the whole benchmark, one size at a
time in a temporary folder that is removed afterwards (unless --keep)."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from importlib.metadata import version
from pathlib import Path
from time import perf_counter
from typing import Any

from okide import templating
from okide.addresses import SiteSettings
from okide.clock import build_date
from okide.exports import render_exports
from okide.load import load_register
from okide.models import Register
from okide.pages import render_pages
from scripts.bench import browser, hostile, output, profiling, report, search, serve
from scripts.bench.projects import ROOT, make_baseline_project, make_okide_project
from scripts.bench.report import SizeResult
from scripts.bench.runs import (
    Run,
    bench_env,
    best_run,
    count_instructions,
    mkdocs_build_argv,
    run_measured,
)

RESULTS = ROOT / "bench"
DEFAULT_SIZES = "100,1000,10000"
PROFILE_SIZES = (1000, 10000)
# Where the build ratio has a target: both builds again under callgrind (about 4 minutes).
INSTRUCTION_SIZES = (1000,)
SERVE_SIZE = 1000
PAIRS_SMALL = 7


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def time_okide(root: Path, repeat: int) -> tuple[float, float, float, Register]:
    """Best wall times, in this process, of validation (load_register) and of the rest of the
    hook's own work (render_pages + render_exports), with Jinja's bytecode cache as a build
    uses it and compiling every template (what the cache saves); and the register."""
    today = build_date(bench_env())
    settings = SiteSettings(site_url="https://okide.example.org/")
    validation = generation = compiling = float("inf")
    for _ in range(repeat):
        start = perf_counter()
        register = load_register(root, today)
        validation = min(validation, perf_counter() - start)
        if isinstance(register, list):
            problems = "\n".join(problem.text() for problem in register[:20])
            raise SystemExit(f"bench: invalid synthetic data (a bench.data bug):\n{problems}")
        for cached in (True, False):
            templating.USE_BYTECODE_CACHE = cached
            start = perf_counter()
            render_pages(register, today, settings)
            render_exports(register, settings, today)
            took = perf_counter() - start
            if cached:
                generation = min(generation, took)
            else:
                compiling = min(compiling, took)
    templating.USE_BYTECODE_CACHE = True
    return validation, generation, compiling, register


def time_id_reads(register: Register, repeat: int = 5) -> tuple[float, float]:
    """Best times of reading every entry's id twenty times (what the pages ask, about), as
    `Entry.id` does it (pydantic's private storage) and through pydantic's `__getattr__`."""
    entries = [entry for name in ("signatories", "dialogues", "followups", "actions")
               for entry in getattr(register, name).values()]  # fmt: skip
    best = {"storage": float("inf"), "getattr": float("inf")}
    for _ in range(repeat):
        start = perf_counter()
        for entry in entries * 20:
            _ = entry.id
        best["storage"] = min(best["storage"], perf_counter() - start)
        start = perf_counter()
        for entry in entries * 20:
            _ = entry._id
        best["getattr"] = min(best["getattr"], perf_counter() - start)
    return best["storage"], best["getattr"]


def time_validate_command(root: Path, work: Path, repeat: int) -> Run:
    """`python -m okide validate`, the whole process, as an editor runs it (best of repeat)."""
    argv = [sys.executable, "-m", "okide", "validate", str(root)]
    return best_run([run_measured(argv, root, work / "validate.log") for _ in range(repeat)])


def build_both(
    work: Path, okide_config: Path, baseline_config: Path, pairs: int
) -> tuple[list[Run], list[Run]]:
    """Pairs of builds back to back, the order alternating (okide first, then the baseline
    first, …) so that neither is favoured by what ran just before it."""
    runs: dict[Path, list[Run]] = {okide_config: [], baseline_config: []}
    for pair in range(pairs):
        order = (okide_config, baseline_config)
        order = order if pair % 2 == 0 else order[::-1]
        names = [config.parent.name.removeprefix("project-") for config in order]
        say(f"  build pair {pair + 1}/{pairs}: {names[0]}, then {names[1]}")
        for config, name in zip(order, names, strict=True):
            argv = mkdocs_build_argv(config, work / f"site-{name}")
            runs[config].append(run_measured(argv, config.parent, work / f"{name}.log"))
    return runs[okide_config], runs[baseline_config]


def instructions(work: Path) -> dict[str, int | None]:
    """Both builds once more, under callgrind, side by side: instructions, not seconds."""
    okide_config = work / "project-okide" / "mkdocs.yml"
    baseline_config = work / "project-baseline" / "mkdocs-baseline.yml"
    jobs = [
        (mkdocs_build_argv(config, work / f"site-{name}-callgrind"), config.parent, work / log)
        for config, name, log in (
            (okide_config, "okide", "okide-callgrind.log"),
            (baseline_config, "baseline", "baseline-callgrind.log"),
        )
    ]
    okide_count, baseline_count = count_instructions(jobs)
    return {"okide": okide_count, "baseline": baseline_count}


def party_pages_and_query(register: Register) -> tuple[tuple[str, str], str]:
    """Two party pages to search from, and the name of a third party to search for."""
    ids = sorted(register.signatories)
    first, second, wanted = ids[0], ids[len(ids) // 3], ids[len(ids) // 2]
    return (f"parter/{first}/", f"parter/{second}/"), register.signatories[wanted].name


def bench_size(
    parties: int, work: Path, repeat: int, measure_search: bool, use_browser: bool
) -> SizeResult:
    say(f"{parties:,} parties: writing synthetic data")
    project = work / "project-okide"
    data = make_okide_project(project, parties)
    validation, generation, compiling, register = time_okide(project, max(3, repeat))
    validate_command = time_validate_command(project, work, 3)
    id_reads = time_id_reads(register)
    say(
        f"  validation {validation:.2f} s in process, {validate_command.wall_s:.2f} s as a "
        f"command; pages and exports {generation:.2f} s ({compiling:.2f} s compiling every "
        "template)"
    )
    baseline_config = make_baseline_project(project, work / "project-baseline")
    okide_runs, baseline_runs = build_both(work, project / "mkdocs.yml", baseline_config, repeat)
    result = SizeResult(
        parties,
        data.files,
        validation,
        validate_command,
        generation,
        okide_runs,
        baseline_runs,
        output.site_output(work / "site-okide"),
        output.site_output(work / "site-baseline"),
        generation_compiling_s=compiling,
        id_reads_s=id_reads,
    )
    for name, run in (("okide", result.okide), ("baseline", result.baseline)):
        if not run.ok:
            say(f"  the {name} build FAILED:\n{run.log_tail}")
    if not result.okide.ok:
        return result
    result.search = search.check_index(work / "site-okide", register)
    pages, query = party_pages_and_query(register)
    if measure_search:
        say("  okide's search: pagefind and the word list (the step once more)")
        result.pagefind = output.measure_pagefind(work / "site-okide", query)
    if use_browser:
        say("  search on an emulated phone: lunr (baseline, today's), then okide's")
        result.browser = browser.measure_search(
            work / "site-okide", work / "site-baseline", pages, query
        )
    return result


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench", description=__doc__)
    parser.add_argument(
        "--sizes",
        default=DEFAULT_SIZES,
        help=f"numbers of parties, comma-separated (default {DEFAULT_SIZES})",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=0,
        metavar="N",
        help="pairs of builds (okide and baseline) per size: the ratios are the median over "
        f"the pairs, times the fastest run (default {PAIRS_SMALL} up to {SERVE_SIZE:,} "
        "parties, 1 above); validation is always best of at least 3",
    )
    parser.add_argument("--no-profile", action="store_true", help="skip the cProfile builds")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve rebuild")
    parser.add_argument(
        "--no-instructions",
        action="store_true",
        help="skip counting the instructions of both builds at 1,000 with callgrind",
    )
    parser.add_argument(
        "--no-pagefind",
        action="store_true",
        help="skip measuring okide's search bundle (pagefind and the word list)",
    )
    parser.add_argument(
        "--no-browser", action="store_true", help="skip searching on an emulated phone"
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args(argv)
    args.sizes = [int(size.replace("_", "")) for size in args.sizes.split(",") if size.strip()]
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = perf_counter()
    pagefind_version = version("pagefind")
    work = Path(tempfile.mkdtemp(prefix="okide-bench-"))
    results: dict[int, SizeResult] = {}
    extra: dict[str, Any] = {"pagefind_version": pagefind_version, "profiles": {}}
    try:
        for parties in args.sizes:
            folder = work / str(parties)
            repeat = args.repeat or (PAIRS_SMALL if parties <= SERVE_SIZE else 1)
            results[parties] = bench_size(
                parties, folder, repeat, not args.no_pagefind, not args.no_browser
            )
            project, pages = folder / "project-okide", results[parties].okide_output["pages"]
            if parties in INSTRUCTION_SIZES and not args.no_instructions:
                say(f"  instructions of both builds at {parties:,} (callgrind, a few minutes)")
                results[parties].instructions = instructions(folder)
            if parties in PROFILE_SIZES and not args.no_profile:
                say(f"  cProfile of the okide build at {parties:,}")
                extra["profiles"][parties] = profiling.profile_build(
                    project, folder, RESULTS, parties, pages
                )
            if parties == SERVE_SIZE and not args.no_serve:
                say(f"  mkdocs serve at {parties:,}")
                extra["serve"] = serve.measure_serve(project)
            if not args.keep:
                shutil.rmtree(folder)
    finally:
        say(f"kept {work}" if args.keep else "")
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    say("hostile 64 KiB files: validation time of the slowest shape")
    extra["hostile_ms"] = hostile.measure(build_date(bench_env()))
    extra["bench_seconds"] = round(perf_counter() - started)
    print_all(results, extra)
    return 0


def print_all(results: dict[int, SizeResult], extra: dict[str, Any]) -> None:
    targets = report.check_targets(results)
    print(report.table(results))
    phone = report.phone_lines(results)
    if phone:
        print("\nSearch on an emulated phone, for one party's full name\n" + phone)
    if "serve" in extra:
        print("\n" + report.serve_line(extra["serve"], SERVE_SIZE))
    if "hostile_ms" in extra:
        print("\nValidation of one hostile 64 KiB file, ms (best of 5)")
        print(hostile.hostile_lines(extra["hostile_ms"]))
    print("\nTargets (checked, not asserted)\n" + report.targets_text(targets))
    for parties, summary in extra["profiles"].items():
        if "error" in summary:
            print(f"\nProfile at {parties:,}: the build failed:\n{summary['error']}")
            continue
        print(f"\nProfile at {parties:,} parties (bench/profile-{parties}.txt), cumulative:")
        for marker in summary["markers"]:
            print(f"  {marker['what']:56} {marker['seconds']:7.2f} s {marker['share']:6.1%}")
    report.write_json(RESULTS / "results.json", results, targets, extra)
    print(f"\nbench/results.json written; the whole run took {extra['bench_seconds']} s")
