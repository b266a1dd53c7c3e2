"""The preview in a real browser: headless Chromium (Debian's), driven by Playwright, against
`serve` on 127.0.0.1; axe-core checks every page of the sample site for WCAG 2.1 AA.

Needs: `pip install playwright` (no browser download: Chromium comes from /usr/bin/chromium),
`apt-get install chromium`, and `npm install` in tests/browser (axe-core). .ci/run installs
them; where they are missing the tests are skipped locally and fail in CI.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time

import pytest

from conftest import REPO

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
AXE = REPO / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
playwright = pytest.importorskip("playwright.sync_api") if not os.environ.get("CI") else \
    __import__("playwright.sync_api", fromlist=["sync_playwright"])
pytestmark = pytest.mark.skipif(not (CHROMIUM and AXE.exists()) and not os.environ.get("CI"),
                                reason="Chromium or axe-core not installed (see the module docstring)")

LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
               "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def site_copy(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    for name in ("_config.yml",):
        shutil.copy(REPO / name, root / name)
    for folder in ("pages", "_data", "templates", "releases", "images"):
        shutil.copytree(REPO / folder, root / folder)
    return root


@pytest.fixture(scope="module")
def server(site_copy):
    proc = subprocess.Popen([sys.executable, str(REPO / "build_site.py"), "serve", "--source", str(site_copy),
                             "--port", "0"], stderr=subprocess.PIPE, text=True, bufsize=1)
    url = None
    deadline = time.time() + 30
    while time.time() < deadline:
        line = proc.stderr.readline()
        found = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
        if found:
            url = found.group(1)
            break
    assert url, "serve did not start"
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    yield tab
    context.close()


def test_the_server_binds_to_localhost_only(server):
    """serve listens on 127.0.0.1 unless told otherwise."""
    assert server.startswith("http://127.0.0.1:")


def test_clicking_through_the_sidebar_opens_each_page(server, page):
    """Sidebar links lead to their pages, and the current page is marked in the sidebar."""
    page.goto(server + "appointments_overview.html")
    sidebar = page.locator("#sidebar")
    sidebar.get_by_text("Use cases").click()  # a closed folder opens
    sidebar.get_by_role("link", name="Book an appointment").click()
    page.wait_for_url("**/appointments_use_case_book_an_appointment.html")
    assert page.locator("main h1").inner_text() == "Book an appointment"
    current = page.locator('#sidebar a[aria-current="page"]')
    assert current.inner_text() == "Book an appointment"


def test_a_toc_entry_jumps_to_its_anchor(server, page):
    """A table-of-contents link goes to the heading's id and brings it into view."""
    page.goto(server + "appointments_use_case_amend_an_appointment.html")
    page.locator("nav.toc").get_by_role("link", name="Payload request body").click()
    page.wait_for_url("**#payload-request-body")
    heading = page.locator("#payload-request-body")
    assert heading.inner_text() == "Payload request body"
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < 900


def test_search_finds_a_page_by_title_and_follows_it(server, page):
    """Typing in the search box lists matching pages; Enter follows the first result."""
    page.goto(server + "index.html")
    box = page.locator("#search-input")
    box.fill("amend")
    results = page.locator("#search-results a")
    results.first.wait_for()
    texts = results.all_inner_texts()
    assert any("Amend an appointment" in t for t in texts)
    page.locator("#search-results").get_by_role("link", name=re.compile("^Amend an appointment")).first.click()
    page.wait_for_url("**/appointments_use_case_amend_an_appointment.html*")


def test_an_edit_on_disk_reloads_the_open_tab(server, site_copy, page):
    """Saving a page makes the open tab reload and show the change."""
    source = site_copy / "pages" / "overview" / "overview_engage.md"
    original = source.read_text(encoding="utf-8")
    page.goto(server + "overview_engage.html")
    page.wait_for_timeout(300)  # the event stream is connected
    try:
        source.write_text(original + "\nLive reload marker paragraph.\n", encoding="utf-8")
        page.get_by_text("Live reload marker paragraph.").wait_for(timeout=5000)
    finally:
        source.write_text(original, encoding="utf-8")


def test_a_broken_edit_shows_a_banner_and_the_next_save_recovers(server, site_copy, page):
    """A page with a broken link gets a dismissible banner naming it; fixing it removes the banner."""
    source = site_copy / "pages" / "overview" / "overview_glossary.md"
    original = source.read_text(encoding="utf-8")
    page.goto(server + "overview_glossary.html")
    page.wait_for_timeout(300)
    try:
        source.write_text(original + "\nSee [nowhere](missing_page.html).\n", encoding="utf-8")
        banner = page.locator(".specsite-banner")
        banner.wait_for(timeout=5000)
        assert "missing_page.html" in banner.inner_text()
        page.locator(".specsite-banner-close").click()
        assert page.locator(".specsite-banner").count() == 0
    finally:
        source.write_text(original, encoding="utf-8")
    page.wait_for_timeout(1500)
    page.reload()
    assert page.locator(".specsite-banner").count() == 0


def _pages(site_copy) -> list[str]:
    from specsite.build import run
    from specsite.config import load_config
    site = run(load_config(site_copy, site_copy / "build"), write=False)
    return sorted(url for url in site.outputs if url.endswith(".html"))


def test_every_page_has_no_serious_or_critical_accessibility_violation(server, site_copy, page):
    """axe-core (WCAG 2.0/2.1 A and AA rules) finds nothing serious or critical on any page."""
    axe = AXE.read_text(encoding="utf-8")
    failures = []
    for url in _pages(site_copy):
        page.goto(server + url)
        page.add_script_tag(content=axe)
        result = page.evaluate("""async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [", ".join(map(str, n["target"])) for n in violation["nodes"][:3]]
                failures.append(f"{url}: {violation['id']} ({violation['impact']}): {targets}")
    assert failures == []
