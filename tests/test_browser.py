"""The preview in a real browser (see tests/browserkit.py): navigation, live reload, the problem
banner, the error page of a page that fails to build, the site's own 404 page, and axe-core on
every page of the sample site in light and dark mode at 1366 px and 390 px."""
from __future__ import annotations

import re

import pytest

from browserkit import (DESKTOP, PHONE, browser, edit, needs_browser, open_tab, page, serious_violations,  # noqa: F401
                        server, shoot, site_copy)

pytestmark = needs_browser


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


def test_an_edit_on_disk_reloads_the_open_tab(server, site_copy, page):
    """Saving a page makes the open tab reload and show the change."""
    source = site_copy / "pages" / "overview" / "overview_engage.md"
    original = source.read_text(encoding="utf-8")
    page.goto(server + "overview_engage.html")
    page.wait_for_timeout(300)  # the event stream is connected
    try:
        edit(source, original + "\nLive reload marker paragraph.\n")
        page.get_by_text("Live reload marker paragraph.").wait_for(timeout=5000)
    finally:
        edit(source, original)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_the_banner_is_a_strip_above_the_page_listing_this_page_first(server, site_copy, browser, viewport):
    """A broken link: the banner's heading is one line, the banner sits above the header (the
    page title stays visible), it names this page's problem, counts the others, folds and closes;
    the next good save removes it."""
    context, tab = open_tab(browser, viewport)
    source = site_copy / "pages" / "overview" / "overview_glossary.md"
    other = site_copy / "pages" / "overview" / "overview_engage.md"
    original, other_original = source.read_text(encoding="utf-8"), other.read_text(encoding="utf-8")
    try:
        edit(other, other_original + "\nSee [elsewhere](elsewhere_page.html).\n")
        edit(source, original + "\nSee [nowhere](missing_page.html).\n")
        banner = tab.locator(".specsite-banner")
        for _ in range(40):  # until both edits are built (live reload itself is tested above)
            tab.wait_for_timeout(250)
            tab.goto(server + "overview_glossary.html")
            if banner.count() and "elsewhere" in banner.inner_text() and "missing_page" in banner.inner_text():
                break
        tab.wait_for_timeout(500)  # no reload pending: the preview has settled
        shoot(tab, f"banner-{viewport['width']}")
        summary = banner.locator("summary")
        assert re.search(r"1 problem here · \d+ elsewhere", summary.inner_text())
        line = float(summary.evaluate("e => parseFloat(getComputedStyle(e).lineHeight)"))
        assert summary.bounding_box()["height"] < 1.6 * line, "the banner heading wraps"
        items = banner.locator("li").all_inner_texts()
        assert "missing_page.html" in items[0] and not any("elsewhere_page" in i for i in items)
        assert banner.bounding_box()["y"] + banner.bounding_box()["height"] <= tab.locator("main h1").bounding_box()["y"]
        assert tab.locator("main h1").is_visible()
        summary.click()  # folds
        assert banner.locator("li").first.is_hidden()
        tab.locator(".specsite-banner-close").click()
        assert tab.locator(".specsite-banner").count() == 0
    finally:
        edit(source, original)
        edit(other, other_original)
    tab.wait_for_timeout(1500)
    tab.reload()
    assert tab.locator(".specsite-banner").count() == 0
    context.close()


def test_a_page_that_fails_to_build_shows_an_error_and_comes_back_when_fixed(server, site_copy, page):
    """Front matter left unclosed in the page being viewed: the tab shows an error page naming
    file:line and what is wrong, and returns to the page by itself once the file is fixed."""
    source = site_copy / "pages" / "overview" / "overview_priority_capabilities.md"
    original = source.read_text(encoding="utf-8")
    page.goto(server + "overview_priority_capabilities.html")
    title = page.locator("main h1").inner_text()
    page.wait_for_timeout(300)
    try:
        head, close, body = original.partition("\n---\n")
        edit(source, "---\n- not a mapping\n---\n" + body)  # front matter Jekyll stops on too
        page.get_by_text("This page did not build").wait_for(timeout=8000)
        text = page.locator("main").inner_text()
        assert re.search(r"pages/overview/overview_priority_capabilities\.md:\d+:\d+: error\[front-matter\]: "
                         r"front matter must be a mapping", text), text
        shoot(page, "error-page-1366")
    finally:
        edit(source, original)
    page.locator("main h1", has_text=title).wait_for(timeout=8000)


def test_an_unknown_path_gets_the_sites_own_404_page(server, site_copy, page):
    """A 404.md in the site is what serve answers for a path the site does not have (status 404)."""
    missing = site_copy / "pages" / "not_found.md"
    page.goto(server + "index.html")
    try:
        edit(missing, "---\ntitle: Nothing here\npermalink: /404.html\n---\nThis page does not exist.\n")
        page.wait_for_timeout(1500)
        response = page.goto(server + "no/such/page.html")
        assert response.status == 404
        assert page.locator("main h1").inner_text() == "Nothing here"
        background = page.evaluate("getComputedStyle(document.querySelector('header.topnav')).backgroundColor")
        assert background == "rgb(0, 94, 184)", "the theme's stylesheet did not load at a nested path"
        assert "EventSource" in page.content()  # the reload script: the tab recovers by itself
    finally:
        missing.unlink()
    page.wait_for_timeout(1500)
    response = page.goto(server + "no/such/page.html")
    assert response.status == 404 and "not in this site" in page.inner_text("body")


def _pages(site_copy) -> list[str]:
    from specsite.build import run
    from specsite.config import load_config
    site = run(load_config(site_copy, site_copy / "build"), write=False)
    return sorted(url for url in site.outputs if url.endswith(".html"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_has_no_serious_or_critical_accessibility_violation(server, site_copy, browser, scheme):
    """axe-core (WCAG 2.0/2.1 A and AA rules) finds nothing serious or critical on any page, in
    light and dark mode, at 1366 px and (for a sample of page kinds) at 390 px with the menu open."""
    failures = []
    for viewport in (DESKTOP, PHONE):
        context, tab = open_tab(browser, viewport, scheme)
        urls = _pages(site_copy) if viewport is DESKTOP else [
            "index.html", "appointments_use_case_amend_an_appointment.html", "overview_release_notes_1_2_3.html"]
        for url in urls:
            tab.goto(server + url)
            assert tab.evaluate("document.documentElement.dataset.theme") == scheme
            if viewport is PHONE:
                tab.locator(".menu-toggle").click()
            failures += [f"{url} @{viewport['width']}: {v}" for v in serious_violations(tab)]
        context.close()
    assert failures == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_open_search_results_and_menus_have_no_serious_violation(server, browser, scheme):
    """What only shows on demand — search results with highlighted words, the dropdown, the phone
    menu — passes axe too, in light and dark mode."""
    failures = []
    for viewport in (DESKTOP, PHONE):
        context, tab = open_tab(browser, viewport, scheme)
        tab.goto(server + "appointments_use_case_amend_an_appointment.html")
        if viewport is PHONE:
            tab.locator(".search-toggle").click()
        tab.fill("#search-input", "ETag")
        tab.locator("#search-results mark").first.wait_for()
        failures += [f"search @{viewport['width']}: {v}" for v in serious_violations(tab)]
        tab.keyboard.press("Escape")
        tab.locator(".dropdown summary").click()
        if viewport is PHONE:
            tab.locator(".menu-toggle").click()
        failures += [f"menus @{viewport['width']}: {v}" for v in serious_violations(tab)]
        context.close()
    assert failures == []


SHOWCASE = ["index.html", "appointments_use_case_amend_an_appointment.html", "foundations_error_handling.html",
            "overview_release_notes_1_2_3.html"]


def test_screenshots_for_review(server, browser):
    """Writes tests/browser/screenshots/<page>-<width>-<scheme>.png for a reviewer to look at."""
    for viewport in (DESKTOP, PHONE):
        for scheme in ("light", "dark"):
            context, tab = open_tab(browser, viewport, scheme)
            for url in SHOWCASE:
                tab.goto(server + url)
                shoot(tab, f"{url[:-5]}-{viewport['width']}-{scheme}")
            context.close()
    from browserkit import SHOTS
    assert len(list(SHOTS.glob("*-1366-dark.png"))) >= len(SHOWCASE)
