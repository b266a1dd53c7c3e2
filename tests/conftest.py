"""Shared helpers: tiny sites built inline, and the repository's own paths."""
from __future__ import annotations

import os
import textwrap
import time
from pathlib import Path

import pytest

from specsite import build
from specsite.config import load_config

REPO = Path(__file__).resolve().parent.parent
# Optional inputs beside the repository (real-site corpus, corpus generator, conformance probes):
# tests that read them skip when they are missing. SPECSITE_SHARED points elsewhere (CI's wheel run).
SHARED = Path(os.environ.get("SPECSITE_SHARED") or REPO.parent / "shared")
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The user's hand-written 1.2.3 release-notes draft; the repository keeps its own copy.
SEED = FIXTURES / "seed" / "release_notes_1_2_3_draft.md"


def pytest_report_header(config):
    import specsite
    return f"specsite {specsite.__version__} from {Path(specsite.__file__).parent}"


def pytest_configure(config):
    """CI's second run tests the installed wheel: stop at once if the source tree shadows it."""
    import specsite
    if os.environ.get("SPECSITE_TEST_INSTALLED") == "1" and "site-packages" not in Path(specsite.__file__).parts:
        raise pytest.UsageError(f"SPECSITE_TEST_INSTALLED=1 but specsite was imported from {specsite.__file__}, "
                                "not from an installed wheel. Run the tests from a copy without specsite/.")


def make_site(root: Path, files: dict) -> Path:
    """Write {relative path: text} under root (text is dedented) and return root."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def jekyll_build(source: Path, out: Path, *, check: bool = True, timeout: int = 120):
    """Real Jekyll's build of `source` into `out`, run from / so that Bundler stays out (the
    oracle every fixture's `_expected` comes from). `check`: a failed build fails the test;
    otherwise the CompletedProcess tells (returncode, and what Jekyll said in stdout + stderr)."""
    import subprocess
    return subprocess.run(["jekyll", "build", "-s", str(source), "-d", str(out)], cwd="/", check=check,
                          capture_output=True, encoding="utf-8", errors="replace", timeout=timeout)


def build_site(root: Path, *, write: bool = False, out: Path | None = None, **kw):
    config = load_config(root, out or root / "build", **kw)
    return build.run(config, write=write)


def expected_page_cases(names) -> list:
    """(fixture site, page) for each page of each site's committed `_expected/` (Jekyll's build)."""
    from htmlnorm import html_files
    return [(name, page) for name in names for page in sorted(html_files(FIXTURES / name / "_expected"))]


def expected_page(name: str, page: str) -> str:
    from htmlnorm import html_files
    return html_files(FIXTURES / name / "_expected")[page]


def build_fixture_pages(tmp_path_factory, names) -> dict:
    """Each fixture site of `names` built and written by specsite: {site: {page: html}}."""
    from htmlnorm import html_files
    built = {}
    for name in names:
        out = tmp_path_factory.mktemp(name)
        build_site(FIXTURES / name, write=True, out=out)
        built[name] = html_files(out)
    return built


def built_text(tmp_path: Path, files: dict, page: str = "index.html") -> str:
    """A tiny site (`title: T`, a `none` layout, `files`) built by the command line without the
    cache, and `page`'s text with each run of whitespace one space: what a test compares with the
    output Jekyll 4.3.1 gave for the same files, quoted."""
    import re
    src = make_site(tmp_path / "site", {"_config.yml": "title: T\n", "_layouts/none.html": "{{ content }}", **files})
    assert run_cli(["build", "--source", src, "--out", tmp_path / "out", "--no-cache"]) == 0
    return re.sub(r"\s+", " ", (tmp_path / "out" / page).read_text(encoding="utf-8")).strip()


@pytest.fixture
def site_factory(tmp_path):
    def factory(files: dict, **kw):
        root = make_site(tmp_path / "site", files)
        return build_site(root, **kw)
    return factory


# -- helpers added for the pipeline tests ---------------------------------------------------------


def page_of(site, url: str):
    """The ParsedPage whose output path is `url` (e.g. "a.html", "pages/a.html")."""
    for parsed in site.pages:
        if parsed.source.url == url:
            return parsed
    raise AssertionError(f"no page {url!r}; pages: {sorted(p.source.url for p in site.pages)}")


def output_of(site, url: str):
    """What the build would write at `url`: the full HTML text of a page, bytes/str of a file."""
    return site.outputs[url].read()


def diagnostics_of(site, rule: str | None = None) -> list:
    """Every diagnostic of a build, build failures and checker findings, sorted; or one rule's."""
    items = site.all_diagnostics() if hasattr(site, "all_diagnostics") else site.diagnostics.sorted()
    return [d for d in items if rule is None or d.rule == rule]


def run_cli(argv) -> int:
    """`specsite.cli.main(argv)` as the shell sees it: the exit code, also when argparse exits."""
    from specsite.cli import main
    try:
        return main([str(a) for a in argv])
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 1


RELEASE_BASE = FIXTURES / "releases" / "base"


def release_site(tmp_path: Path, files: dict | None = None) -> Path:
    """A copy of the release-notes base fixture site with `files` ({relative path: text}) added."""
    import shutil
    root = tmp_path / "site"
    shutil.copytree(RELEASE_BASE, root)
    return make_site(root, files or {})


def build_release_site(tmp_path: Path, files: dict, **kw):
    """Build (in memory) the release-notes base site plus `files`."""
    return build_site(release_site(tmp_path, files), **kw)


def wait_for(path: Path) -> None:
    """Until `path` exists: one process of a forked test waits for the other to get somewhere."""
    for _ in range(3000):  # (a safety limit, not a measure: the other process gets there at once)
        if path.exists():
            return
        time.sleep(0.01)
