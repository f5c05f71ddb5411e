"""The lock files agree with pyproject.toml, offline: every package okide declares (and its build
requirement) is pinned in requirements.lock at a version its range admits, every tool of the test
extra likewise in requirements-test.lock, every pin is exact and has a hash, and the test lock
holds the whole runtime lock at the same versions. `make lock` (uv) writes them; this reads
them. (okide/runtime.lock is the runtime lock's copy: tests/test_init.py.)"""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT

RUNTIME = ROOT / "requirements.lock"
TEST = ROOT / "requirements-test.lock"


@dataclass(frozen=True)
class Pin:
    requirement: Requirement
    hashes: frozenset[str]

    @property
    def key(self) -> tuple[str, str]:
        """The package and the environments it is for: uv pins one package at two versions
        when a version needs a newer Python than the oldest okide supports."""
        return canonicalize_name(self.requirement.name), str(self.requirement.marker or "")

    @property
    def version(self) -> str:
        (specifier,) = self.requirement.specifier
        return specifier.version


def read_lock(path: Path) -> list[Pin]:
    """A requirements file as uv writes it: one entry per line continued with backslashes,
    the requirement first, then its `--hash` options; comments on lines of their own."""
    pins = []
    for line in path.read_text("utf-8").replace("\\\n", " ").splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        requirement, *options = line.split(" --")
        hashes = frozenset(option.strip().removeprefix("hash=") for option in options)
        assert all(option.startswith("hash=") for option in options), f"{path.name}: {line}"
        pins.append(Pin(Requirement(requirement.strip()), hashes))
    return pins


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))


def _declared_runtime() -> list[Requirement]:
    """What okide needs to run and to be installed editable (--no-build-isolation)."""
    project = _pyproject()
    requires = project["project"]["dependencies"] + project["build-system"]["requires"]
    return [Requirement(text) for text in requires]


def _declared_test() -> list[Requirement]:
    return [Requirement(text) for text in _pyproject()["project"]["optional-dependencies"]["test"]]


@pytest.mark.parametrize("lock", [RUNTIME, TEST], ids=lambda path: path.name)
def test_every_pin_is_one_exact_version_with_its_hashes(lock: Path) -> None:
    pins = read_lock(lock)
    assert pins, f"{lock.name} pins nothing"
    for pin in pins:
        specifiers = list(pin.requirement.specifier)
        assert [s.operator for s in specifiers] == ["=="], f"{lock.name}: {pin.requirement}"
        assert "*" not in pin.version, f"{lock.name}: {pin.requirement}"
        assert pin.hashes, f"{lock.name}: {pin.requirement} has no hash"
        assert all(h.startswith("sha256:") and len(h) == 71 for h in pin.hashes), pin.requirement
    keys = [pin.key for pin in pins]
    assert len(keys) == len(set(keys)), f"{lock.name} pins a package twice for one environment"


@pytest.mark.parametrize(
    ("lock", "declared"),
    [(RUNTIME, _declared_runtime), (TEST, _declared_runtime), (TEST, _declared_test)],
    ids=["runtime in requirements.lock", "runtime in the test lock", "test extra"],
)
def test_every_declared_package_is_pinned_at_a_version_its_range_admits(
    lock: Path, declared: Callable[[], list[Requirement]]
) -> None:
    pins = read_lock(lock)
    for requirement in declared():
        name = canonicalize_name(requirement.name)
        versions = [pin.version for pin in pins if pin.key[0] == name]
        assert versions, f"{requirement.name} is not in {lock.name}: make lock"
        for version in versions:
            assert requirement.specifier.contains(version, prereleases=True), (
                f"{lock.name} pins {requirement.name}=={version}, outside {requirement}: make lock"
            )


def test_the_test_lock_holds_the_runtime_lock_at_the_same_versions() -> None:
    test = {pin.key: pin for pin in read_lock(TEST)}
    for pin in read_lock(RUNTIME):
        assert pin.key in test, f"{pin.requirement} is missing from {TEST.name}: make lock"
        assert (test[pin.key].version, test[pin.key].hashes) == (pin.version, pin.hashes), (
            f"{TEST.name} pins {test[pin.key].requirement}, {RUNTIME.name} {pin.requirement}"
        )
