"""Release pages, the releases index, the tickets page, the sidebar and "Changed in" (releases.render).

Every case is the base fixture site (tests/fixtures/releases/base, spec name "Test API",
tickets_url https://tickets.example/issues/{n}) plus the releases the case needs, written inline.
"""
from __future__ import annotations

import html as html_module
import re
from html.parser import HTMLParser

import pytest

from tests.conftest import FIXTURES
from tests.conftest import build_release_site as build

BASE = FIXTURES / "releases" / "base"
PAGE_123 = "overview_release_notes_1_2_3.html"


def page_of(site, url: str):
    """The parsed page at output path `url`."""
    for parsed in site.pages:
        if parsed.source.url == url:
            return parsed
    raise AssertionError(f"no page {url!r}; pages: {sorted(p.source.url for p in site.pages)}")


def output_of(site, url: str) -> str:
    """The full HTML the build writes at `url`."""
    return site.outputs[url].read()


def urls(site) -> list:
    """Output paths of all pages of a build."""
    return [p.source.url for p in site.pages]


class _Outline(HTMLParser):
    """Headings (level, id, text), links (text, href) and list items (own text) of an HTML fragment."""

    def __init__(self):
        super().__init__()
        self.headings, self.links, self.items = [], [], []
        self._heading = self._link = None
        self._open_items = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = [int(tag[1]), attrs.get("id"), ""]
        elif tag == "a":
            self._link = ["", attrs.get("href")]
        elif tag == "li":
            self.items.append("")
            self._open_items.append(len(self.items) - 1)

    def handle_endtag(self, tag):
        if re.fullmatch(r"h[1-6]", tag) and self._heading:
            self.headings.append((self._heading[0], self._heading[1], _norm(self._heading[2])))
            self._heading = None
        elif tag == "a" and self._link:
            self.links.append((_norm(self._link[0]), self._link[1]))
            self._link = None
        elif tag == "li" and self._open_items:
            index = self._open_items.pop()
            self.items[index] = _norm(self.items[index])

    def handle_data(self, data):
        if self._heading:
            self._heading[2] += data
        if self._link:
            self._link[0] += data
        if self._open_items:
            self.items[self._open_items[-1]] += data


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def outline(html: str) -> _Outline:
    """The outline of `html`."""
    parser = _Outline()
    parser.feed(html)
    return parser


# -- releases used by most cases ------------------------------------------------------------------

# Release 1.2.3 (published 2019-03-12) with three changes, ordered 601, 637, 616:
#   601 changes amend.html (no link text: defaults to the page's title) and design.html (with text),
#       affects Appointment Management, impacts providers and consumers, and is breaking;
#   637 has two tickets, 637 and 638, and changes capability.html;
#   616 is cosmetic and changes no page.
RELEASE_123 = {
    "releases/1.2.3/release.yml": """\
        version: 1.2.3
        status: published
        date: 2019-03-12
        introduction: |
          Test API 1.2.3 removes the ability to amend a cancelled appointment.
          Read the [first change](#ticket-601) first.
        order: [601, 637, 616]
        """,
    "releases/1.2.3/601-amend.md": """\
        ---
        title: Amending a cancelled appointment is no longer supported
        tickets: [601]
        affects: [Appointment Management]
        impacts: [Provider systems, Consumer systems]
        breaking: true
        pages_changed:
          - link: amend.html#payload-request-body
            changes:
              - Remove ability to amend a cancelled appointment
              - Say which error is returned
          - link: design.html#cancelling-and-amending-booked-appointments
            text: Design decisions
            changes:
              - Update design decisions in line with change
        ---

        - A cancelled appointment can no longer be amended.
        """,
    "releases/1.2.3/637-version.md": """\
        ---
        title: Change version number in CapabilityStatement to 1.2.3
        tickets: [637, 638]
        affects: [Foundations]
        pages_changed:
          - link: capability.html
        ---

        - Update the version number in the CapabilityStatement to 1.2.3.
        """,
    "releases/1.2.3/616-name.md": """\
        ---
        title: Change spec name of Test to Test API
        tickets: [616]
        affects: [Core]
        cosmetic: true
        ---

        - The specification is now called Test API.
        """,
}

# An earlier published release, 1.2.2 (2018-11-20), with one change to register.html.
RELEASE_122 = {
    "releases/1.2.2/release.yml": "version: 1.2.2\nstatus: published\ndate: 2018-11-20\nintroduction: Earlier.\n",
    "releases/1.2.2/590-register.md": ("---\ntitle: Clarify registration\ntickets: [590]\naffects: [Core]\n"
                                       "pages_changed:\n  - link: register.html#use-case\n---\n\n- Clarified.\n"),
}

# A later draft release, 1.10.0 (newer than 1.2.3 by version order, not by text order), with one
# change to amend.html.
DRAFT_1_10 = {
    "releases/1.10.0/release.yml": "version: 1.10.0\nstatus: draft\nintroduction: Coming next.\n",
    "releases/1.10.0/655-reason.md": ("---\ntitle: A cancellation reason is mandatory\ntickets: [655]\n"
                                      "affects: [Appointment Management]\npages_changed:\n"
                                      "  - link: amend.html#use-case\n---\n\n- Consumers send a reason.\n"),
}


@pytest.fixture
def site_123(tmp_path):
    """The base site with release 1.2.3 only, built in memory."""
    site = build(tmp_path, RELEASE_123)
    assert [d.format() for d in site.all_diagnostics()] == []
    return site


# -- the release page -----------------------------------------------------------------------------


def test_one_page_per_published_release_at_the_permalink(tmp_path):
    """Each published release is a page at overview_release_notes_<major>_<minor>_<patch>.html."""
    # Case: releases 1.2.2 and 1.2.3, both published.
    site = build(tmp_path, {**RELEASE_123, **RELEASE_122})
    assert {"overview_release_notes_1_2_3.html", "overview_release_notes_1_2_2.html"} <= set(urls(site))
    assert len([u for u in urls(site) if re.fullmatch(r"overview_release_notes_\d+_\d+_\d+\.html", u)]) == 2


def test_the_release_page_title_and_summary(site_123):
    """The release page is titled "<spec name> <version> release notes", summary "… released on 12 Mar 2019"."""
    meta = page_of(site_123, PAGE_123).source.meta
    assert meta["title"] == "Test API 1.2.3 release notes"
    assert meta["summary"] == "Test API 1.2.3 released on 12 Mar 2019"
    assert not meta["draft"]
    html = output_of(site_123, PAGE_123)
    assert "<h1>Test API 1.2.3 release notes</h1>" in html
    assert "Test API 1.2.3 released on 12 Mar 2019" in html
    assert "draft-banner" not in html


def test_the_release_page_sections(site_123):
    """The page has Introduction, "1.2.3 changes", then one heading per change in `order`, cosmetic ones marked."""
    headings = outline(page_of(site_123, PAGE_123).html).headings
    assert headings == [
        (2, "introduction", "Introduction"),
        (2, "123-changes", "1.2.3 changes"),
        (3, "ticket-601", "Amending a cancelled appointment is no longer supported"),
        (3, "ticket-637", "Change version number in CapabilityStatement to 1.2.3"),
        (3, "ticket-616", "Change spec name of Test to Test API (cosmetic)"),
    ]


def test_the_introduction_is_markdown(site_123):
    """The introduction is rendered as markdown, its links included."""
    html = page_of(site_123, PAGE_123).html
    assert '<a href="#ticket-601">first change</a>' in html
    assert "Test API 1.2.3 removes the ability to amend a cancelled appointment." in html


def test_a_change_has_tickets_affects_impacts_description_and_pages(site_123):
    """A change lists Tickets (linked through tickets_url), Affects, Impacts, Description and Pages changed."""
    html = page_of(site_123, PAGE_123).html
    change = html[html.index('id="ticket-601"'):html.index('id="ticket-637"')]
    text = _norm(html_module.unescape(re.sub(r"<[^>]+>", " ", change)))
    for field in ("Tickets: #601", "Affects: Appointment Management",
                  "Impacts: Provider systems, Consumer systems", "Breaking change", "Description:",
                  "A cancelled appointment can no longer be amended.", "Pages changed:"):
        assert field in text, field
    assert text.index("Tickets:") < text.index("Affects:") < text.index("Impacts:") \
        < text.index("Description:") < text.index("Pages changed:")
    assert '<a href="https://tickets.example/issues/601">#601</a>' in change


def test_every_ticket_of_a_change_is_linked(site_123):
    """A change with two tickets links both through the tickets_url template."""
    links = outline(page_of(site_123, PAGE_123).html).links
    assert ("#637", "https://tickets.example/issues/637") in links
    assert ("#638", "https://tickets.example/issues/638") in links


def test_pages_changed_are_nested_lists_with_the_target_title_as_default_text(site_123):
    """Pages changed is a list of links, each with its changes as nested bullets; no text means the page's title."""
    html = page_of(site_123, PAGE_123).html
    assert ('<li><a href="amend.html#payload-request-body">Amend an appointment</a>'
            "<ul><li>Remove ability to amend a cancelled appointment</li>"
            "<li>Say which error is returned</li></ul></li>") in html
    assert ('<li><a href="design.html#cancelling-and-amending-booked-appointments">Design decisions</a>'
            "<ul><li>Update design decisions in line with change</li></ul></li>") in html


def test_a_default_link_text_shows_entities_of_the_title_as_characters(site_123):
    """A page title written with an entity (FHIR&reg;) is the link text, shown as FHIR®."""
    links = outline(page_of(site_123, PAGE_123).html).links
    assert ("Get the FHIR® capability statement", "capability.html") in links


def test_stable_ticket_anchors(site_123):
    """Each change has the anchor ticket-<first ticket>, also registered for the link checker."""
    page = page_of(site_123, PAGE_123)
    ids = {a.id for a in page.anchors}
    assert {"introduction", "123-changes", "ticket-601", "ticket-637", "ticket-616"} <= ids
    assert 'id="ticket-601"' in output_of(site_123, PAGE_123)


def test_the_heading_id_of_the_title_is_kept_as_a_second_anchor(site_123):
    """Each change also keeps the id its title would get as a heading, so old links to it still work."""
    ids = {a.id for a in page_of(site_123, PAGE_123).anchors}
    assert "amending-a-cancelled-appointment-is-no-longer-supported" in ids
    assert "change-spec-name-of-test-to-test-api--cosmetic" in ids


def test_an_entity_in_an_entry_title_shows_as_its_character(tmp_path):
    """An entry title written with an entity (FHIR&reg;) shows as FHIR® in its heading."""
    # Case: release 1.2.3 with one entry titled "Get the FHIR&reg; capability statement faster".
    files = {
        "releases/1.2.3/release.yml": "version: 1.2.3\nstatus: published\ndate: 2019-03-12\nintroduction: Intro.\n",
        "releases/1.2.3/601-fhir.md": ("---\ntitle: Get the FHIR&reg; capability statement faster\n"
                                       "tickets: [601]\naffects: [Core]\n---\n\n- Faster.\n"),
    }
    site = build(tmp_path, files)
    headings = [text for _, _, text in outline(page_of(site, PAGE_123).html).headings]
    assert "Get the FHIR® capability statement faster" in headings


def test_write_puts_release_pages_on_disk(tmp_path):
    """build with write=True writes the release page, the index and the tickets page into the output folder."""
    # Case: release 1.2.3, built to tmp_path/out.
    out = tmp_path / "out"
    build(tmp_path, RELEASE_123, write=True, out=out)
    for name in (PAGE_123, "overview_release_notes.html", "overview_release_tickets.html"):
        assert (out / name).is_file(), name
    html = (out / PAGE_123).read_text(encoding="utf-8")
    assert 'id="ticket-616"' in html and "<em>(cosmetic)</em>" in html


# -- drafts ---------------------------------------------------------------------------------------


def test_drafts_are_left_out_of_a_build(tmp_path):
    """A draft release has no page, index row, sidebar entry or history unless drafts are asked for."""
    # Case: published 1.2.3 and draft 1.10.0, built without drafts.
    site = build(tmp_path, {**RELEASE_123, **DRAFT_1_10})
    assert "overview_release_notes_1_10_0.html" not in urls(site)
    assert "1.10.0" not in page_of(site, "overview_release_notes.html").html
    assert "655" not in page_of(site, "overview_release_tickets.html").html
    assert "overview_release_notes_1_10_0.html" not in output_of(site, "index.html")
    assert "Version 1.10.0" not in output_of(site, "amend.html")


def test_a_site_with_only_draft_releases_has_no_release_pages(tmp_path):
    """With only a draft release and no drafts asked for, no release page, index or tickets page is made."""
    # Case: draft 1.10.0 alone.
    site = build(tmp_path, DRAFT_1_10)
    assert not [u for u in urls(site) if u.startswith("overview_release")]


def test_drafts_are_built_and_marked_when_asked_for(tmp_path):
    """With drafts=True a draft release gets its page, marked draft in its summary, banner, sidebar and index."""
    # Case: published 1.2.3 and draft 1.10.0, built with drafts.
    site = build(tmp_path, {**RELEASE_123, **DRAFT_1_10}, drafts=True)
    page = page_of(site, "overview_release_notes_1_10_0.html")
    assert page.source.meta["draft"] is True
    assert page.source.meta["summary"] == "Test API 1.10.0 — draft, not yet released"
    html = output_of(site, "overview_release_notes_1_10_0.html")
    assert 'class="draft-banner"' in html
    assert ">1.10.0 (draft)</a>" in html
    index = page_of(site, "overview_release_notes.html").html
    assert '<a href="overview_release_notes_1_10_0.html">1.10.0</a> (draft)' in index
    assert "not yet released" in index


# -- navigation -----------------------------------------------------------------------------------


def _sidebar_releases(html: str) -> list:
    """(text, href) of the links in the sidebar's "Release notes" folder of a rendered page."""
    folder = html[html.index('<details data-folder="releases">'):]
    folder = folder[:folder.index("</details>")]
    return outline(folder).links


def test_release_pages_are_in_the_sidebar_newest_first(tmp_path):
    """A page with the release sidebar lists All releases, the releases newest first by version, then the tickets page."""
    # Case: 1.2.2, 1.2.3 (published) and 1.10.0 (draft), built with drafts; index.html uses the
    # overview_sidebar, the default release sidebar.
    site = build(tmp_path, {**RELEASE_123, **RELEASE_122, **DRAFT_1_10}, drafts=True)
    assert _sidebar_releases(output_of(site, "index.html")) == [
        ("All releases", "overview_release_notes.html"),
        ("1.10.0 (draft)", "overview_release_notes_1_10_0.html"),
        ("1.2.3", "overview_release_notes_1_2_3.html"),
        ("1.2.2", "overview_release_notes_1_2_2.html"),
        ("Tickets by release", "overview_release_tickets.html"),
    ]
    assert "Release notes</summary>" in output_of(site, "index.html")


def test_release_pages_go_into_the_configured_sidebar(tmp_path):
    """`release_notes: sidebar:` puts the release folder into that sidebar, and release pages use it."""
    # Case: a second sidebar, other_sidebar, configured for release notes; register.html uses it,
    # index.html keeps overview_sidebar.
    config = (BASE / "_config.yml").read_text(encoding="utf-8") + "  release_notes:\n    sidebar: other_sidebar\n"
    files = {
        **RELEASE_123, **RELEASE_122, "_config.yml": config,
        "_data/sidebars/other_sidebar.yml": ("entries:\n- title: Other\n  folders:\n  - title: Pages\n"
                                             "    folderitems:\n    - title: Register\n      url: /register.html\n"),
        "pages/register.md": "---\ntitle: Register a patient\nsidebar: other_sidebar\npermalink: register.html\n---\n\n## Use case\n\nRegister.\n",
    }
    site = build(tmp_path, files)
    assert [text for text, _ in _sidebar_releases(output_of(site, "register.html"))] == \
        ["All releases", "1.2.3", "1.2.2", "Tickets by release"]
    assert 'data-folder="releases"' not in output_of(site, "index.html")
    assert page_of(site, PAGE_123).source.meta["sidebar"] == "other_sidebar"


def test_the_index_lists_releases_with_dates_and_counts(tmp_path):
    """The releases index has one row per release, newest first: version link, date, changes, tickets."""
    # Case: 1.2.3 (3 changes, 4 tickets) and 1.2.2 (1 change, 1 ticket).
    site = build(tmp_path, {**RELEASE_123, **RELEASE_122})
    page = page_of(site, "overview_release_notes.html")
    assert page.source.meta["title"] == "Test API release notes"
    rows = re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", page.html)
    assert rows == [
        ('<a href="overview_release_notes_1_2_3.html">1.2.3</a>', "2019-03-12", "3", "4"),
        ('<a href="overview_release_notes_1_2_2.html">1.2.2</a>', "2018-11-20", "1", "1"),
    ]


def test_the_tickets_page_maps_every_ticket_to_its_release_and_pages(tmp_path):
    """The tickets page has a row per ticket (sorted) with its release, its change and the pages it changed."""
    # Case: 1.2.3 (tickets 601, 616, 637, 638) and 1.2.2 (ticket 590).
    site = build(tmp_path, {**RELEASE_123, **RELEASE_122})
    html = page_of(site, "overview_release_tickets.html").html
    rows = re.findall(r'<tr id="ticket-(\d+)">(.*?)</tr>', html)
    assert [n for n, _ in rows] == ["590", "601", "616", "637", "638"]
    row = dict(rows)
    assert outline(row["601"]).links == [
        ("#601", "https://tickets.example/issues/601"),  # the number links to tickets_url
        ("1.2.3", PAGE_123),
        ("Amending a cancelled appointment is no longer supported", PAGE_123 + "#ticket-601"),
        ("Amend an appointment", "amend.html#payload-request-body"),  # pages by their titles
        ("Appointment management design decisions", "design.html#cancelling-and-amending-booked-appointments"),
    ]
    assert outline(row["638"]).links[:3] == [
        ("#638", "https://tickets.example/issues/638"), ("1.2.3", PAGE_123),
        ("Change version number in CapabilityStatement to 1.2.3", PAGE_123 + "#ticket-638")]
    assert outline(row["590"]).links[1] == ("1.2.2", "overview_release_notes_1_2_2.html")
    assert {a.id for a in page_of(site, "overview_release_tickets.html").anchors} >= {"ticket-590", "ticket-638"}
    assert {"ticket-637", "ticket-638"} <= {a.id for a in page_of(site, PAGE_123).anchors}


# -- "Changed in" ---------------------------------------------------------------------------------


def _history(html: str) -> list:
    """(text, href) of the links in a rendered page's "Changed in" box ([] when there is none)."""
    if '<aside class="history"' not in html:
        return []
    box = html[html.index('<aside class="history"'):]
    return outline(box[:box.index("</aside>")]).links


def test_a_changed_page_shows_the_releases_that_changed_it(tmp_path):
    """A page named in pages_changed has a "Changed in" box linking to release.html#ticket-N, newest first."""
    # Case: amend.html is changed by 601 (1.2.3) and 655 (draft 1.10.0), built with drafts.
    site = build(tmp_path, {**RELEASE_123, **DRAFT_1_10}, drafts=True)
    html = output_of(site, "amend.html")
    assert "<h2 id=\"history-title\">Changed in</h2>" in html
    assert _history(html) == [
        ("Version 1.10.0: A cancellation reason is mandatory", "overview_release_notes_1_10_0.html#ticket-655"),
        ("Version 1.2.3: Amending a cancelled appointment is no longer supported", PAGE_123 + "#ticket-601"),
    ]


def test_a_page_no_release_changed_has_no_history(site_123):
    """A page that no release names has no "Changed in" box."""
    assert _history(output_of(site_123, "register.html")) == []
    assert _history(output_of(site_123, "capability.html")) == [
        ("Version 1.2.3: Change version number in CapabilityStatement to 1.2.3", PAGE_123 + "#ticket-637")]


# -- grouping -------------------------------------------------------------------------------------


def test_group_by_area_puts_changes_under_capability_headings(tmp_path):
    """With `group_by_area: true` changes are grouped under their first area, in the configured capability order."""
    # Case: release 1.2.3 (616 Core, 637 Foundations, 601 Appointment Management) with grouping on;
    # capabilities are configured as [Core, Foundations, Appointment Management].
    config = (BASE / "_config.yml").read_text(encoding="utf-8") + "  release_notes:\n    group_by_area: true\n"
    site = build(tmp_path, {**RELEASE_123, "_config.yml": config})
    headings = [(level, text) for level, _, text in outline(page_of(site, PAGE_123).html).headings]
    assert headings == [
        (2, "Introduction"), (2, "1.2.3 changes"),
        (3, "Core"), (4, "Change spec name of Test to Test API (cosmetic)"),
        (3, "Foundations"), (4, "Change version number in CapabilityStatement to 1.2.3"),
        (3, "Appointment Management"), (4, "Amending a cancelled appointment is no longer supported"),
    ]


def test_release_pages_in_a_folder_link_the_site_pages_from_there(tmp_path):
    """With `release_notes` permalinks in a folder (releases/1.2.3.html, releases/index.html,
    releases/tickets.html), an entry's `link:`s, its body's and the introduction's links and the
    links between the generated pages climb to the site root: every one resolves (they were written
    as site paths from the folder, each a broken link at the entry)."""
    # Case: the base config with folder permalinks; one entry linking amend.html from its link: and body.
    config = (BASE / "_config.yml").read_text(encoding="utf-8") + (
        "  release_notes: {permalink: 'releases/{major}.{minor}.{patch}.html', index_permalink: releases/index.html,"
        " tickets_permalink: releases/tickets.html}\n")
    site = build(tmp_path, {
        "_config.yml": config,
        "releases/1.2.3/release.yml": "version: 1.2.3\nstatus: published\ndate: 2019-03-12\n"
                                      "introduction: See [design decisions](design.html).\n",
        "releases/1.2.3/601-amend.md": "---\ntitle: Amend\ntickets: [601]\naffects: [Core]\npages_changed:\n"
                                       "  - link: amend.html#payload-request-body\n---\n\n"
                                       "- See [Amend an appointment](amend.html#use-case) and [here](#ticket-601).\n",
    })
    assert [d.format() for d in site.all_diagnostics()] == []
    page = output_of(site, "releases/1.2.3.html")
    assert 'href="../amend.html#payload-request-body"' in page and 'href="../amend.html#use-case"' in page
    assert 'href="../design.html"' in page and 'href="#ticket-601"' in page
    assert 'href="../releases/1.2.3.html"' in output_of(site, "releases/index.html")
    tickets = output_of(site, "releases/tickets.html")
    assert 'href="../releases/1.2.3.html#ticket-601"' in tickets and 'href="../amend.html#payload-request-body"' in tickets
    assert 'href="releases/1.2.3.html#ticket-601"' in output_of(site, "amend.html")  # its "Changed in" box
