"""cProfile of a whole `mkdocs build` of the okide site: where the time goes, in okide's hook
(validation, page Markdown, exports) and in MkDocs itself (Markdown, theme, search, nav)."""

from __future__ import annotations

import os
import pstats
import re
from pathlib import Path
from typing import Any

from scripts.bench.runs import mkdocs_build_argv, run_measured

# (label, a piece of the path of the file defining the function, its name): the profile gives
# the cumulative time of each. Indented labels are parts of the one above.
MARKERS = (
    ("okide hook, importing okide (hook module)", "okide/mkdocs_hook.py", "<module>"),
    ("okide hook, settings and build date (on_config)", "okide/mkdocs_hook.py", "on_config"),
    (
        "okide hook, validation and generation (on_pre_build)",
        "okide/mkdocs_hook.py",
        "on_pre_build",
    ),
    ("  reading the files (datafiles.read_bytes)", "okide/datafiles.py", "read_bytes"),
    ("  validation (load.load_register)", "okide/load.py", "load_register"),
    ("    YAML events → data (yamlstrict.parse_text)", "okide/yamlstrict.py", "parse_text"),
    ("    pydantic, per file (Entry.from_data)", "okide/models.py", "from_data"),
    ("    rules across files (Register.violations)", "okide/models.py", "violations"),
    ("    Markdown texts parsed once (markdown.digest)", "okide/markdown.py", "digest"),
    ("  page Markdown (pages.render_pages)", "okide/pages.py", "render_pages"),
    ("    Jinja templates (pages._render)", "okide/pages.py", "_render"),
    ("  exports (exports.render_exports)", "okide/exports.py", "render_exports"),
    ("    JSON exports (exports._json_bytes)", "okide/exports.py", "_json_bytes"),
    ("    Atom feed (feed.atom_feed)", "okide/feed.py", "atom_feed"),
    ("    iCalendar (exports.calendar)", "okide/exports.py", "calendar"),
    ("okide hook, virtual files (on_files)", "okide/mkdocs_hook.py", "on_files"),
    ("  virtual files (File.generated)", "mkdocs/structure/files.py", "generated"),
    ("MkDocs: navigation (get_navigation)", "mkdocs/structure/nav.py", "get_navigation"),
    ("MkDocs: read + convert pages (_populate_page)", "mkdocs/commands/build.py", "_populate_page"),
    ("  Markdown → HTML (Markdown.convert)", "markdown/core.py", "convert"),
    ("MkDocs: build pages (_build_page)", "mkdocs/commands/build.py", "_build_page"),
    ("  theme templates (Material base.html)", "material/templates/base.html", "root"),
    ("    navigation (partials/nav-item.html)", "partials/nav-item.html", "macro"),
    ("  search: index each page (on_page_context)", "plugins/search/plugin.py", "on_page_context"),
    ("  write HTML files (utils.write_file)", "mkdocs/utils/__init__.py", "write_file"),
    ("MkDocs: write search index (on_post_build)", "plugins/search/plugin.py", "on_post_build"),
    ("MkDocs: whole build (commands.build.build)", "mkdocs/commands/build.py", "build"),
)
_PREFIXES = (
    re.compile(r"^.*/site-packages/"),
    re.compile(r"^.*/lib/python3\.\d+/"),
    re.compile(r"^.*/project-okide/"),  # the copied project: hooks/
    re.compile(r"^.*?/(?=okide/)"),
)


def _short(filename: str) -> str:
    name = filename.replace(os.sep, "/")
    for prefix in _PREFIXES:
        if prefix.match(name):
            return prefix.sub("", name, count=1)
    return name


def _package(filename: str) -> str:
    if filename == "~":
        return "(C functions: re, str, isinstance, …)"
    if "/lib/python3." in filename and "/site-packages/" not in filename:
        return "python standard library"
    return _short(filename).split("/", 1)[0].removesuffix(".py")


def summarise(prof: Path, pages: int) -> dict[str, Any]:
    stats = pstats.Stats(str(prof))
    table: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    # Shares of the whole run: the larger of the summed own times and the build's cumulative
    # time (cProfile counts a generator's time again on each resumption).
    total: float = max(
        stats.total_tt,  # type: ignore[attr-defined]
        *(value[3] for (file, _, name), value in table.items()
          if name == "build" and "mkdocs/commands/build.py" in file.replace(os.sep, "/")),
    )  # fmt: skip
    markers = []
    for label, place, function in MARKERS:
        found = [
            value[3]
            for (file, _, name), value in table.items()
            if name == function and place in file.replace(os.sep, "/")
        ]
        if found:
            seconds = max(found)
            markers.append(
                {
                    "what": label,
                    "seconds": round(seconds, 3),
                    "share": round(seconds / total, 3),
                    "ms_per_page": round(1000 * seconds / pages, 3),
                }
            )

    def hot(rows: list[tuple[Any, Any]]) -> list[dict[str, Any]]:
        return [
            {
                "function": f"{_short(file)}:{line}({name})",
                "calls": value[1],
                "tottime": round(value[2], 3),
                "cumtime": round(value[3], 3),
            }
            for (file, line, name), value in rows
        ]

    by_own = sorted(table.items(), key=lambda item: item[1][2], reverse=True)
    okide = [item for item in by_own if _short(item[0][0]).startswith(("okide/", "hooks/"))]
    packages: dict[str, float] = {}
    for (file, _, _), value in table.items():
        packages[_package(file)] = packages.get(_package(file), 0.0) + value[2]
    return {
        "profiled_total_s": round(total, 2),
        "markers": markers,
        "hot": hot(by_own[:25]),
        "hot_okide": hot(okide[:15]),
        "by_package": [
            {"package": name, "seconds": round(seconds, 2)}
            for name, seconds in sorted(packages.items(), key=lambda item: -item[1])[:12]
        ],
    }


def profile_build(project: Path, work: Path, out: Path, parties: int, pages: int) -> dict[str, Any]:
    """Build once under cProfile; keeps the .prof (for snakeviz and friends) and a text summary."""
    out.mkdir(exist_ok=True)
    prof = out / f"profile-{parties}.prof"
    argv = mkdocs_build_argv(
        project / "mkdocs.yml", work / "site-profiled", "-m", "cProfile", "-o", str(prof)
    )
    run = run_measured(argv, project, work / "profile.log")
    if not run.ok:
        return {"error": run.log_tail}
    summary = {"wall_s_under_cprofile": round(run.wall_s, 2), **summarise(prof, pages)}
    (out / f"profile-{parties}.txt").write_text(as_text(parties, summary), "utf-8")
    return summary


def as_text(parties: int, summary: dict[str, Any]) -> str:
    lines = [
        f"cProfile of `mkdocs build` at {parties:,} parties: "
        f"{summary['profiled_total_s']} s under the profiler (shares hold, seconds do not)",
        "",
        f"{'where the time goes (cumulative)':56} {'s':>7} {'share':>6} {'ms/page':>8}",
    ]
    lines += [
        f"{m['what']:56} {m['seconds']:7.2f} {m['share']:6.1%} {m['ms_per_page']:8.3f}"
        for m in summary["markers"]
    ]
    lines += ["", f"{'own time by package':56} {'s':>7}"]
    lines += [f"{p['package']:56} {p['seconds']:7.2f}" for p in summary["by_package"]]
    for title, key in (("hot spots, own time", "hot"), ("okide's, own time", "hot_okide")):
        lines += ["", f"{title:80} {'calls':>9} {'own s':>7} {'cum s':>7}"]
        lines += [
            f"{h['function'][-80:]:80} {h['calls']:9} {h['tottime']:7.2f} {h['cumtime']:7.2f}"
            for h in summary[key]
        ]
    return "\n".join(lines) + "\n"
