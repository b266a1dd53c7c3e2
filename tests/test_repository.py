"""A fresh clone has what its tests need: the seed draft in tests/fixtures, and locks that pin every
dependency pyproject.toml names, within its range and with hashes (so pip checks what it installs)."""
from __future__ import annotations

import re
import sys

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import REPO, SEED, SHARED

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)(?:\s*;\s*([^\\]+?))?\s*\\?$")
REFRESH = "bash requirements/lock.sh"


def pins(lock: str) -> dict[str, list[tuple[str, str | None, int]]]:
    """{name: [(version, marker, hash count)]} of a requirements file written by requirements/lock.sh."""
    found: dict[str, list] = {}
    current = None
    for line in (REPO / "requirements" / lock).read_text(encoding="utf-8").splitlines():
        match = PIN.match(line)
        if match:
            current = [match[2], match[3], 0]
            found.setdefault(canonicalize_name(match[1]), []).append(current)
        elif line.strip().startswith("--hash=sha256:") and current is not None:
            current[2] += 1
    return {name: [tuple(p) for p in entries] for name, entries in found.items()}


def declared(*extras: str) -> list[Requirement]:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = list(project["dependencies"])
    for extra in extras:
        names += project["optional-dependencies"][extra]
    return [Requirement(name) for name in names]


@pytest.mark.parametrize("lock, extras", [("test.txt", ("test", "ci")), ("bench.txt", ("test", "ci", "bench"))])
def test_the_lock_pins_every_declared_dependency_within_its_range(lock, extras):
    """Each dependency of pyproject.toml (runtime and these extras) is pinned for every Python the
    project supports, to a version its range allows; a stale lock names the command that refreshes it."""
    locked = pins(lock)
    for requirement in declared(*extras):
        entries = locked.get(canonicalize_name(requirement.name))
        assert entries, f"requirements/{lock} does not pin {requirement.name}; run {REFRESH}"
        for version, _, _ in entries:
            assert requirement.specifier.contains(version, prereleases=True), \
                f"requirements/{lock} pins {requirement.name}=={version}, outside {requirement}; run {REFRESH}"


@pytest.mark.parametrize("lock", ["test.txt", "bench.txt"])
def test_every_pin_carries_hashes(lock):
    locked = pins(lock)
    assert len(locked) > 10
    assert [name for name, entries in locked.items() if any(count == 0 for _, _, count in entries)] == []


def test_the_bench_lock_agrees_with_the_test_lock():
    """bench.txt is test.txt plus the bench extra: a package both lock is pinned alike."""
    test, bench = pins("test.txt"), pins("bench.txt")
    assert set(test) <= set(bench)
    assert {n: [e[:2] for e in test[n]] for n in test} == {n: [e[:2] for e in bench[n]] for n in test}


def test_the_seed_draft_is_in_the_repository():
    """Tests read the user's draft from tests/fixtures/seed, so a clone without ../shared has it."""
    assert SEED.read_text(encoding="utf-8").startswith("---\ntitle: GP Connect API 1.2.3 release notes\n")


def test_the_seed_copy_equals_the_users_draft():
    """The copy has not drifted from the user's document in ../shared/seed (where that is beside us)."""
    original = SHARED / "seed" / SEED.name
    if not original.is_file():
        pytest.skip(f"{original} is not beside the repository (optional: CI has it)")
    assert SEED.read_bytes() == original.read_bytes()
