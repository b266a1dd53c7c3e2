"""Fixtures and helpers shared by the browser tests: headless Chromium (Debian's), driven by
Playwright, against `serve` on 127.0.0.1, and axe-core for WCAG 2.1 AA.

Needs: `pip install playwright` (no browser download: Chromium comes from /usr/bin/chromium),
`apt-get install chromium`, and `npm ci` in tests/browser (axe-core). .ci/run installs them;
where they are missing the tests are skipped locally and fail in CI. Screenshots for a reviewer
are written to tests/browser/screenshots/ (git-ignored).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE = REPO / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = REPO / "tests" / "browser" / "screenshots"
playwright = pytest.importorskip("playwright.sync_api") if not os.environ.get("CI") else \
    __import__("playwright.sync_api", fromlist=["sync_playwright"])
needs_browser = pytest.mark.skipif(not (CHROMIUM and AXE.exists()) and not os.environ.get("CI"),
                                   reason="Chromium or axe-core not installed (see tests/browserkit.py)")

LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1366, "height": 800}
PHONE = {"width": 390, "height": 844}


def copy_sample(root: Path) -> Path:
    for name in ("_config.yml",):
        shutil.copy(REPO / name, root / name)
    for folder in ("pages", "_data", "templates", "releases", "images"):
        shutil.copytree(REPO / folder, root / folder)
    return root


def start_server(source: Path, *extra: str):
    """(process, url) of `serve --port 0` on source."""
    proc = subprocess.Popen([sys.executable, str(REPO / "build_site.py"), "serve", "--source", str(source),
                             "--port", "0", *extra], stderr=subprocess.PIPE, text=True, bufsize=1)
    deadline = time.time() + 60
    while time.time() < deadline:
        line = proc.stderr.readline()
        found = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
        if found:
            return proc, found.group(1)
    proc.terminate()
    raise AssertionError("serve did not start")


def stop_server(proc):
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def site_copy(tmp_path_factory):
    return copy_sample(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="module")
def server(site_copy):
    proc, url = start_server(site_copy)
    yield url
    stop_server(proc)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


def open_tab(browser, viewport=None, scheme="light", **kw):
    context = browser.new_context(viewport=viewport or DESKTOP, color_scheme=scheme, **kw)
    return context, context.new_page()


@pytest.fixture
def page(browser):
    context, tab = open_tab(browser)
    yield tab
    context.close()


@pytest.fixture
def phone(browser):
    context, tab = open_tab(browser, PHONE)
    yield tab
    context.close()


def shoot(tab, name: str):
    """A screenshot of the window for a reviewer (tests/browser/screenshots, not committed)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def serious_violations(tab) -> list[str]:
    """axe-core's serious and critical WCAG 2.0/2.1 A and AA violations on the open page."""
    tab.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = tab.evaluate("""async () => await axe.run(document, {
        runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    return [f"{v['id']} ({v['impact']}): {[', '.join(map(str, n['target'])) for n in v['nodes'][:3]]}"
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def edit(path: Path, text: str):
    """Write a source file so that the preview's watcher sees a change."""
    path.write_text(text, encoding="utf-8")
