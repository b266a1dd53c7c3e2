"""The reader's aids in a real browser (see tests/browserkit.py): full-text search (also from
file://), heading permalinks, copy buttons, the page contents column, identifiers that never split,
dark mode, the phone header, navigation that says where you are, and the same on a real Jekyll
site from ../shared rendered in our theme."""
from __future__ import annotations

import re

import pytest

from browserkit import (DESKTOP, PHONE, browser, needs_browser, open_tab, page, phone, server,  # noqa: F401
                        shoot, site_copy, start_server, stop_server)
from conftest import REPO, SHARED

pytestmark = needs_browser
AMEND = "appointments_use_case_amend_an_appointment.html"


def search(tab, query: str) -> list[str]:
    tab.fill("#search-input", query)
    tab.locator("#search-results li").first.wait_for(timeout=5000)
    tab.wait_for_timeout(100)
    return tab.locator("#search-results li").all_inner_texts()


@pytest.mark.parametrize("query, where", [
    ("INVALID_RESOURCE", "Amend an appointment"), ("If-Match", "Amend an appointment"),
    ("ETag", "Amend an appointment"), ("601", "release notes")])
def test_search_finds_words_in_page_bodies_with_the_excerpt_highlighted(server, page, query, where):
    """Words that are only in a page's text are found; the result names the section and page, and
    its excerpt marks the words found."""
    page.goto(server + "index.html")
    results = search(page, query)
    assert any(where in r for r in results), results
    mark = page.locator("#search-results mark").first
    assert mark.inner_text().lower() in query.lower()


def test_search_ranks_a_title_first_and_is_driven_by_keyboard(server, page):
    """A page whose title matches comes first; arrows move through results, Enter opens one."""
    page.goto(server + "index.html")
    results = search(page, "amend")
    assert results[0].startswith("Amend an appointment")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.closest('#search-results') !== null")
    page.keyboard.press("ArrowDown")
    second = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{AMEND}")
    assert second and second != AMEND
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search-input"


def test_search_works_from_disk(browser, site_copy, tmp_path):
    """The built site opened from file:// searches its full text (no server, no network)."""
    from specsite.build import run
    from specsite.config import load_config
    out = tmp_path / "out"
    run(load_config(site_copy, out), write=True)
    context, tab = open_tab(browser)
    tab.goto((out / "index.html").as_uri())
    results = search(tab, "ETag")
    assert any("Amend an appointment" in r for r in results), results
    context.close()


def test_headings_have_permalinks_shown_on_hover_and_focus(server, page):
    """Every h2–h4 of the text has a '#' link to itself with an accessible name; it shows on hover
    and on keyboard focus."""
    page.goto(server + AMEND)
    headings = page.locator(".page-content :is(h2, h3, h4)[id]:not(#history-title)")
    assert headings.count() > 5
    assert page.locator(".page-content :is(h2, h3, h4)[id] > a.headerlink").count() == headings.count()
    link = page.locator("#payload-request-body > a.headerlink")
    assert link.get_attribute("href") == "#payload-request-body"
    assert link.get_attribute("aria-label") == "Link to section: Payload request body"
    opacity = "e => getComputedStyle(e).opacity"
    assert link.evaluate(opacity) == "0"
    page.locator("#payload-request-body").hover()
    assert link.evaluate(opacity) == "1"
    page.mouse.move(0, 0)
    link.focus()
    assert link.evaluate(opacity) == "1"


def test_code_blocks_have_a_copy_button_that_announces_the_copy(browser, server):
    """Every code block has a Copy button; pressing it by keyboard puts the code on the clipboard
    and 'Copied' is announced."""
    context, tab = open_tab(browser, permissions=["clipboard-read", "clipboard-write"])
    tab.goto(server + AMEND)
    blocks = tab.locator("main .code-block")
    assert blocks.count() == tab.locator("main pre").count() > 0
    button = blocks.first.locator("button.copy-button")
    button.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_function("document.getElementById('specsite-announce').textContent.includes('Copied')")
    code = blocks.first.locator("code").inner_text()
    assert tab.evaluate("navigator.clipboard.readText()").strip() == code.strip()
    assert button.inner_text() == "Copied"
    context.close()


def test_contents_is_a_sticky_column_with_the_section_in_view_marked(server, page):
    """At 1366 px the contents sit beside the text, stay in view while reading, and mark the
    section being read."""
    page.goto(server + AMEND)
    toc, text = page.locator("nav.toc"), page.locator(".page-content")
    assert toc.locator("details").evaluate("d => d.open")
    assert toc.bounding_box()["x"] >= text.bounding_box()["x"] + text.bounding_box()["width"]
    page.locator("#error-handling").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('error-handling').scrollIntoView()")
    page.wait_for_timeout(200)
    box = toc.bounding_box()
    assert 0 <= box["y"] < 100, "the contents scrolled away"
    assert toc.locator("a[aria-current]").inner_text() == "Error handling"
    shoot(page, "contents-column-1366")


def test_on_a_phone_contents_are_folded_and_the_text_starts_on_the_first_screen(server, phone):
    """At 390 px the contents are a folded box above the text; the text begins on the first screen;
    the header is compact (one line of sections, no wrapped 'Resources')."""
    phone.goto(server + AMEND)
    toc = phone.locator("nav.toc")
    assert not toc.locator("details").evaluate("d => d.open")
    first_text = phone.locator(".page-content > p").first.bounding_box()
    assert toc.bounding_box()["y"] < first_text["y"] < PHONE["height"] * 0.75
    header = phone.locator("header.topnav").bounding_box()
    assert header["height"] <= 100, header
    tops = {round(b["y"]) for b in (li.bounding_box() for li in phone.locator(".topnav-nav > ul > li").all())}
    assert len(tops) == 1, "the sections wrap onto more lines"
    toc.locator("summary").click()
    assert toc.locator("a").first.is_visible()
    shoot(phone, "phone-contents-open-390")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1366", "390"])
def test_identifiers_in_tables_are_never_split(browser, server, viewport):
    """Error codes and header names in tables stay on one line; a wide table scrolls instead."""
    context, tab = open_tab(browser, viewport)
    for url in ("foundations_error_handling.html", AMEND, "foundations_spine_secure_proxy.html"):
        tab.goto(server + url)
        split = tab.evaluate("""() => Array.from(document.querySelectorAll('td code, th code'))
            .filter(c => !c.querySelector('wbr'))
            .filter(c => !/\\s/.test(c.textContent) && c.getClientRects().length > 1)
            .map(c => c.textContent)""")
        assert split == [], f"{url}: split {split}"
    tab.goto(server + "foundations_error_handling.html")
    codes = tab.locator("td code", has_text=re.compile("^NO_RECORD_FOUND$"))
    assert codes.count() and codes.first.evaluate("c => c.getClientRects().length") == 1
    if viewport is PHONE:  # the table scrolls sideways, and can be scrolled by keyboard
        table = tab.locator("table", has=codes.first)
        assert table.evaluate("t => t.scrollWidth > t.clientWidth") and table.get_attribute("tabindex") == "0"
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # the page does not
    context.close()


def test_dark_mode_follows_the_system_and_the_toggle_is_remembered(browser, server):
    """prefers-color-scheme: dark gives the dark theme; the toggle switches it and the choice
    survives a reload and another page."""
    context, tab = open_tab(browser, scheme="dark")
    tab.goto(server + "index.html")
    assert tab.evaluate("document.documentElement.dataset.theme") == "dark"
    background = "getComputedStyle(document.body).backgroundColor"
    dark = tab.evaluate(background)
    toggle = tab.locator("button.theme-toggle")
    assert toggle.get_attribute("aria-pressed") == "true"
    toggle.click()
    assert tab.evaluate("document.documentElement.dataset.theme") == "light"
    assert toggle.get_attribute("aria-pressed") == "false" and tab.evaluate(background) != dark
    tab.goto(server + AMEND)
    assert tab.evaluate("document.documentElement.dataset.theme") == "light"
    context.close()


def test_no_request_fails_and_the_favicon_is_the_themes(browser, server):
    """Loading a page (with search used) requests nothing that is missing: no favicon.ico 404."""
    context, tab = open_tab(browser)
    failed = []
    tab.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    tab.goto(server + AMEND)
    search(tab, "ETag")
    tab.wait_for_timeout(300)
    assert failed == []
    href = tab.locator('link[rel="icon"]').get_attribute("href")
    assert tab.request.get(server + href).ok
    context.close()


def test_short_pages_keep_the_footer_at_the_bottom(browser, server):
    """On a page shorter than the window the footer ends at the window's bottom edge."""
    context, tab = open_tab(browser, {"width": 1366, "height": 1400})
    tab.goto(server + "overview_release_notes.html")
    footer = tab.locator("footer.site-footer").bounding_box()
    assert abs(footer["y"] + footer["height"] - 1400) < 2
    context.close()


def test_layout_details(server, page):
    """h2 rules are no wider than the text; folder chevrons sit on their label's line, open or
    closed; 'Breaking change' is a marked box; the section in the top navigation is marked, also
    on pages that are not its own link."""
    page.goto(server + AMEND)
    h2 = page.locator(".page-content h2").first.bounding_box()
    p = page.locator(".page-content > p").first.bounding_box()
    assert h2["width"] <= p["width"] + 1
    offsets = page.evaluate("""() => Array.from(document.querySelectorAll('#sidebar summary')).map(s => {
        const c = s.querySelector('.chevron').getBoundingClientRect();
        const r = document.createRange(); r.selectNodeContents(s.lastChild);
        const line = r.getClientRects()[0];
        return [s.parentElement.open, (c.top + c.bottom) / 2 - (line.top + line.bottom) / 2]; })""")
    assert {open_ for open_, _ in offsets} == {True, False}
    assert all(abs(off) <= 2.5 for _, off in offsets), f"folder chevrons off their label's line: {offsets}"
    current = page.locator(".topnav-nav a[aria-current]")
    assert current.inner_text() == "Appointments"
    page.goto(server + "overview_release_notes_1_2_3.html")
    breaking = page.locator(".breaking").first
    assert breaking.evaluate("e => getComputedStyle(e).borderTopStyle") == "solid"
    assert page.locator(".topnav-nav a[aria-current]").inner_text() == "Overview"


def test_a_sidebar_item_with_subfolders_is_not_repeated_inside_them(server, page):
    """As in the Documentation Theme, an item's own link sits beside its subfolders, not in them."""
    page.goto(server + AMEND)
    links = page.locator("#sidebar a", has_text="Retrieve a patient's appointments")
    assert links.count() == 1
    assert links.first.evaluate("a => a.closest('details').querySelector('summary').textContent") == "Use cases"


CORPUS = SHARED / "realsites" / "nhs-booking-api" / "source"


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/realsites is not here")
def test_a_real_jekyll_site_in_our_theme(browser):
    """NHS Booking API rendered in our theme (`--theme specsite`): its site_title names the tab, its topnav_title the
    header (entities decoded); contents, permalinks and copy buttons at 1366 and 390 px in light
    and dark; full-text search; its own 404 page."""
    proc, url = start_server(CORPUS, "--theme", "specsite")
    try:
        for viewport in (DESKTOP, PHONE):
            for scheme in ("light", "dark"):
                context, tab = open_tab(browser, viewport, scheme)
                tab.goto(url + "index.html")
                assert tab.title().endswith("| FHIR NHS Booking API")
                assert tab.locator(".site-title").inner_text() == "FHIR NHS Booking API | FHIR®"
                shoot(tab, f"nhs-booking-index-{viewport['width']}-{scheme}")
                tab.goto(url + "get_an_appointment.html")
                toc = tab.locator("nav.toc details")
                assert toc.evaluate("d => d.open") == (viewport is DESKTOP)
                if viewport is PHONE:
                    assert tab.locator("header.topnav").bounding_box()["height"] <= 100
                assert tab.locator(".page-content h2 > a.headerlink").count() > 2
                assert tab.locator("main .code-block > button.copy-button").count() > 0
                shoot(tab, f"nhs-booking-get-appointment-{viewport['width']}-{scheme}")
                context.close()
        context, tab = open_tab(browser)
        tab.goto(url + "index.html")
        assert any("Cancel an appointment" in r for r in search(tab, "OperationOutcome"))
        response = tab.goto(url + "no_such_page.html")
        assert response.status == 404 and "Page Not Found" in tab.inner_text("main")
        context.close()
    finally:
        stop_server(proc)
