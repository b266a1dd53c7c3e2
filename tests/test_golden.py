"""Golden files: the fixture site tests/fixtures/golden-site builds to exactly tests/golden/*.html.

The fixture has three pages (headings with auto and explicit ids, a callout with a link, a JSON
example included from templates/includes/, an IAL table, a markdown="1" table, a footnote), a
sidebar in _data/sidebars/ and a topnav. Every HTML file of the build is compared byte for byte.

When a change to the engine or theme is intended, regenerate the golden copies and review the diff:

    SPECSITE_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py

tests/golden/VERSIONS records the versions of Python and of the libraries that shape the HTML
when the copies were made; a mismatch names the ones that differ from this run.
"""
from __future__ import annotations

import os
import platform
from importlib.metadata import version
from pathlib import Path

import pytest

from conftest import FIXTURES, build_site, diagnostics_of

SITE = FIXTURES / "golden-site"
GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("SPECSITE_UPDATE_GOLDEN") == "1"
VERSIONS = GOLDEN / "VERSIONS"
# The libraries whose output is in the pages: markdown, Liquid, highlighting, the Jinja2 theme.
SHAPING = ("cmarkgfm", "python-liquid", "pygments", "jinja2", "markupsafe", "pyyaml")


def versions_now() -> dict[str, str]:
    return {"python": platform.python_version(), **{name: version(name) for name in SHAPING}}


def versions_recorded() -> dict[str, str]:
    lines = VERSIONS.read_text(encoding="utf-8").splitlines() if VERSIONS.is_file() else []
    return dict(line.split(" ", 1) for line in lines if line and not line.startswith("#"))


def version_note() -> str:
    """' (made with pygments 2.19.2, this run has 2.21.0)' for each version that differs, or ''."""
    made, now = versions_recorded(), versions_now()
    changed = [f"{name} {made.get(name, '?')}, this run has {now[name]}"
               for name in now if made.get(name) != now[name]]
    return f" (made with {'; '.join(changed)})" if changed else ""


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("golden") / "out"
    site = build_site(SITE, write=True, out=out)
    return site, out


def html_files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.html"))


def test_the_golden_site_builds_without_problems(built):
    """The fixture site has no errors, warnings or link findings."""
    site, out = built
    assert [d.format() for d in diagnostics_of(site)] == []
    assert html_files(out) == ["guide_booking.html", "index.html", "reference.html", "tags.html"]


def update_golden(out: Path) -> list[str]:
    """Replace tests/golden with the build in `out`; the files that were added, changed or removed."""
    before = {rel: (GOLDEN / rel).read_bytes() for rel in html_files(GOLDEN)} if GOLDEN.is_dir() else {}
    GOLDEN.mkdir(exist_ok=True)
    for stale in GOLDEN.rglob("*.html"):
        stale.unlink()
    for rel in html_files(out):
        target = GOLDEN / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((out / rel).read_bytes())
    VERSIONS.write_text("# versions that made tests/golden (SPECSITE_UPDATE_GOLDEN=1)\n"
                        + "".join(f"{k} {v}\n" for k, v in versions_now().items()), encoding="utf-8")
    now = {rel: (GOLDEN / rel).read_bytes() for rel in html_files(GOLDEN)}
    return sorted(rel for rel in before.keys() | now.keys() if before.get(rel) != now.get(rel))


def test_every_built_page_matches_its_golden_copy(built):
    """Each HTML file of the build equals tests/golden/<name> byte for byte (and no file is missing)."""
    _, out = built
    if UPDATE:  # write, and say so: a copy just written proves nothing, so this is no pass
        changed = update_golden(out)
        pytest.skip(f"SPECSITE_UPDATE_GOLDEN=1: wrote tests/golden ({len(changed)} changed: "
                    f"{', '.join(changed) or 'none'}); review `git diff tests/golden`, then run without it")
    assert html_files(out) == html_files(GOLDEN), "run with SPECSITE_UPDATE_GOLDEN=1 to regenerate"
    mismatched = [rel for rel in html_files(out) if (out / rel).read_bytes() != (GOLDEN / rel).read_bytes()]
    assert mismatched == [], (f"built pages differ from tests/golden{version_note()}; if intended, "
                              "regenerate with SPECSITE_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py")


def test_the_golden_copies_say_which_versions_made_them():
    """tests/golden/VERSIONS names Python and every library that shapes the HTML, with a version."""
    assert set(versions_recorded()) == {"python", *SHAPING}
    assert all(v[0].isdigit() for v in versions_recorded().values())
