"""Hang detection: hostile YAML up to 64 KiB is read and validated without an exception, within
a generous limit of time and memory, and the CLI never shows a traceback for hostile settings.

The limits detect hangs and blow-ups (a quadratic regex, a depth that costs memory by its
square), not speed: `make bench` measures speed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import tracemalloc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from okide.datafiles import MAX_FILE_BYTES
from okide.load import read_entry
from okide.problems import Problem
from okide.sections import SECTIONS
from tests.conftest import ROOT, SMALL, TODAY, TODAY_EPOCH

HANG_SECONDS = 5
PEAK_BYTES = 256 * 1024 * 1024
# (folder, model section, the keys a file of it needs besides the hostile one)
KINDS = (
    ("signatories", "signatories", "name: Förening\nform: annan\nsigned: 2020-01-01\n"),
    ("dialogues", "dialogues",
     "title: T\nstart: 2027-01-01T10:00\nend: 2027-01-01T12:00\nonline: https://a.se\n"),
    ("agreement/values", "values", "title: T\ntext: T\n"),
    ("agreement/clauses", "clauses", "title: T\ntext: T\n"),
    ("followups", "followups", "party: p\nyear: 2025\nsubmitted: 2026-01-01\ncontribution: T\n"),
    ("plans", "plans", "title: T\nstart: 2025\nend: 2026\n"),
    ("actions", "actions",
     "plan: p\ntitle: T\ndescription: T\npublic_party: true\nstart: 2025-01-01\nstatus: klar\n"),
)  # fmt: skip
SETTINGS = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)


class Hang(Exception):
    """The check ran past HANG_SECONDS."""


@contextmanager
def _hang_detector() -> Iterator[None]:
    """SIGALRM interrupts Python code and the regular expression engine (it checks signals)."""

    def alarm(signum: int, frame: object) -> None:
        raise Hang(f"mer än {HANG_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(HANG_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _read(folder: str, section: str, text: str) -> list[Problem] | object:
    """Read and validate one file as the loader does; returns its problems or its entry."""
    raw = text.encode("utf-8", "surrogatepass")[:MAX_FILE_BYTES]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / folder / "fientlig.yml"
        path.parent.mkdir(parents=True)
        path.write_bytes(raw)
        tracemalloc.start()
        try:
            with _hang_detector():
                result = read_entry(
                    Path(tmp), f"{folder}/fientlig.yml", SECTIONS[section].model, TODAY
                )  # type: ignore[index]
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert peak < PEAK_BYTES, f"{peak // 2**20} MiB"
    if isinstance(result, list):
        for problem in result:
            assert problem.message and problem.line >= 1 and problem.column >= 1
    return result


# Hostile shapes ------------------------------------------------------------------------------

_nesting = st.builds(
    lambda key, open_close, depth: key + open_close[0] * depth + open_close[1] * depth,
    st.sampled_from(["name: ", "areas: ", "description: ", "proposals: ", "challenges: ", ""]),
    st.sampled_from(
        [("[", "]"), ("{a: ", "}"), ("{", "}"), ("- ", ""), ("[{a: ", "}]"), ("? ", "")]
    ),
    st.integers(1, 32_000),
)
_digits = st.builds(
    lambda key, digit, count, tail: f"{key}: {tail}{digit * count}\n",
    st.sampled_from(
        [
            "order",
            "number",
            "org_number",
            "signed",
            "start",
            "end",
            "left",
            "name",
            "year",
            "submitted",
            "changed",
        ]
    ),
    st.sampled_from(["1", "0", "9", "1.", "-0", "12-"]),
    st.integers(1, 30_000),
    st.sampled_from(["", "1.", "16", "2026-", "9999-12-31T", '"']),
)
_many_keys = st.builds(
    lambda count, key: "".join(f"{key}{i}: v\n" for i in range(count)),
    st.integers(1, 7_000),
    st.sampled_from(["k", "name", "a.b", "?"]),
)
_long_scalar = st.builds(
    lambda key, quote, piece, count: f"{key}: {quote}{piece * count}{quote}\n",
    st.sampled_from(["name", "title", "description", "text", "k" * 1000, "website",
                     "contribution", "funding", "report"]),
    st.sampled_from(["", '"', "'"]),
    st.sampled_from(["\\", "\\\\", "\\x", "\r", "\r\n", "`", "[", "](", "a", "ä", " ", "\\u00e4",
                     "*", "_", "#", "!", "[x]: ", "](http://a", ":", ": ", "''", "%", "> ",
                     "<", "<a:", "![", "*_", "- ", "{: ", "~~~", "```"]),
    st.integers(1, 32_000),
)  # fmt: skip
_block_scalar = st.builds(
    lambda key, indicator, lines: f"{key}: |{indicator}\n" + "".join(lines),
    st.sampled_from(["description", "text", "purpose", "outcome", "contribution"]),
    st.sampled_from(["", "2", "9", "-", "+", "1-", ">"]),
    st.lists(
        st.builds(lambda indent, body: " " * indent + body + "\n",
                  st.integers(0, 12), st.sampled_from(["x", "", "- a", "  ", "\\", "# h", "[a]:"])),
        max_size=3000,
    ),
)  # fmt: skip
_anchor_like = st.builds(
    lambda key, piece, count: f"{key}: {piece * count}\n",
    st.sampled_from(["name", "k", "description"]),
    st.sampled_from(["&x ", "*x ", "!x ", "!!str ", "&", "*", "---\n", "...\n", "%YAML 1.2\n"]),
    st.integers(1, 20_000),
)
SHAPES = st.one_of(_nesting, _digits, _many_keys, _long_scalar, _block_scalar, _anchor_like)


@SETTINGS
@given(kind=st.sampled_from(KINDS), shape=SHAPES, before=st.booleans())
def test_a_hostile_file_is_read_and_validated_in_bounded_time_and_memory(
    kind: tuple[str, str, str], shape: str, before: bool
) -> None:
    folder, section, needed = kind
    _read(folder, section, shape + needed if before else needed + shape)


@SETTINGS
@given(kind=st.sampled_from(KINDS), shapes=st.lists(SHAPES, min_size=2, max_size=4))
def test_several_hostile_shapes_in_one_file_are_bounded_too(
    kind: tuple[str, str, str], shapes: list[str]
) -> None:
    folder, section, _ = kind
    _read(folder, section, "\n".join(shapes))


@pytest.mark.slow
def test_nested_block_quotes_in_markdown_are_bounded() -> None:
    _read("dialogues", "dialogues", KINDS[1][2] + "description: |\n  " + "> " * 30_000 + "\n")


# Memory, measured by the operating system -------------------------------------------------------

_UNDER_A_LIMIT = """
import resource, sys
from pathlib import Path
resource.setrlimit(resource.RLIMIT_AS, (1024 ** 3, 1024 ** 3))
from okide.load import load_register
from tests.conftest import TODAY
result = load_register(Path(sys.argv[1]), TODAY)
assert isinstance(result, list), result
print(len(result))
"""


@pytest.mark.parametrize(
    "text",
    ["name: " + "[" * 32_000 + "]" * 32_000, "name: " + "{a: " * 16_000 + "}" * 16_000,
     "order: " + "1" * 60_000],
    ids=["lists", "mappings", "digits"],
)  # fmt: skip
def test_the_deepest_nesting_64_kib_can_hold_stays_under_a_gigabyte(
    tmp_path: Path, text: str
) -> None:
    """Before the depth limit, 20,000 nested lists took 1.4 GB and 32,000 ran out of memory."""
    import shutil

    root = tmp_path / "root"
    shutil.copytree(SMALL, root)
    (root / "signatories" / "djup.yml").write_text(text, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", _UNDER_A_LIMIT, str(root)],
        capture_output=True, text=True, timeout=60, cwd=ROOT, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]


# The CLI over hostile settings -------------------------------------------------------------------

_EXTRA = [
    "extra: {okide: x}", 'extra: {okide: {colors: "#00507a"}}', "extra: {okide: {colors: {primary: 5}}}",
    "extra: {okide: {data_dir: [1]}}", "extra: {okide: {public_body: {}}}", "extra: {okide: []}",
    'extra: {okide: {data_dir: "\\0"}}', "extra: {okide: {colors: {5: [x]}}}", "extra: [",
    "site_url: !ENV []", "site_url: !ENV {a: 1}", "site_url: 5", "- 1", "docs_dir: {}",
    "extra: {okide: {data_dir: " + "[" * 5000 + "]" * 5000 + "}}",
]  # fmt: skip
_EPOCHS = ["", " ", "-1e3", "253402214400", "253402300800", "9" * 5000, "-99999999999999", "٣"]


def _cli(root: Path, epoch: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": epoch}
    return subprocess.run(
        [sys.executable, "-m", "okide", *args], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


@pytest.mark.slow  # a process per case: each imports okide and MkDocs
@pytest.mark.parametrize("extra", _EXTRA)
def test_validate_with_hostile_settings_exits_2_without_a_traceback(
    tmp_path: Path, extra: str
) -> None:
    import shutil

    root = tmp_path / "root"
    shutil.copytree(SMALL, root)
    (root / "mkdocs.yml").write_text(extra + "\n", encoding="utf-8")
    result = _cli(root, TODAY_EPOCH, "validate", str(root))
    assert "Traceback" not in result.stderr
    assert result.returncode == 2 and result.stderr.startswith("okide: "), result.stderr


@pytest.mark.slow  # a process per case: each imports okide and MkDocs
@pytest.mark.parametrize("epoch", _EPOCHS)
def test_validate_with_a_hostile_build_date_exits_2_without_a_traceback(epoch: str) -> None:
    result = _cli(SMALL, epoch, "validate", str(SMALL))
    assert "Traceback" not in result.stderr
    assert result.returncode == 2 and result.stderr.startswith("okide: SOURCE_DATE_EPOCH")
