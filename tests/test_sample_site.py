"""The repository's own sample specification builds cleanly and has every page the 1.2.3
release-notes draft links to."""
from __future__ import annotations

import shutil

import pytest
from bs4 import BeautifulSoup

from conftest import REPO, SEED as DRAFT, build_site, diagnostics_of, make_site, output_of, page_of

# (page, title in its front matter, title as a reader sees it, anchor the draft links to)
DRAFT_TARGETS = [
    ("index.html", "GP Connect API specification", "GP Connect API specification", None),
    ("overview_engage.html", "Getting started", "Getting started", None),
    ("overview_priority_capabilities.html", "Capabilities", "Capabilities", None),
    ("appointments_use_case_amend_an_appointment.html", "Amend an appointment", "Amend an appointment",
     "payload-request-body"),
    ("appointments_design.html", "Appointment management design decisions",
     "Appointment management design decisions", "cancelling-and-amending-booked-appointments"),
    ("foundations_use_case_get_the_fhir_capability_statement.html", "Get the FHIR&reg; capability statement",
     "Get the FHIR® capability statement", None),
]


@pytest.fixture(scope="module")
def site():
    return build_site(REPO)


def test_the_sample_site_builds_with_no_errors_and_no_warnings(site):
    """`specsite build` on the repository gives 0 errors and 0 warnings (links and anchors included)."""
    assert [d.format() for d in diagnostics_of(site)] == []
    assert (site.errors, site.warnings) == (0, 0)


def test_the_sample_site_has_between_15_and_25_pages(site):
    """The sample specification is 15–25 markdown pages."""
    assert 15 <= len(site.sources.pages) <= 25


def test_the_sample_site_has_three_sidebars_used_by_its_pages(site):
    """_data/sidebars holds the overview, foundations and appointments sidebars; every page uses one."""
    names = set(site.sources.data["sidebars"])
    assert names == {"overview_sidebar", "foundations_sidebar", "appointments_sidebar"}
    used = {str(p.meta.get("sidebar")) for p in site.sources.pages}
    assert used == names


@pytest.mark.parametrize("url, title, shown, anchor", DRAFT_TARGETS, ids=[t[0] for t in DRAFT_TARGETS])
def test_every_page_the_release_notes_draft_links_to_exists_with_its_title(site, url, title, shown, anchor):
    """The draft's link targets exist with their titles, and the anchors it names are on them."""
    parsed = page_of(site, url)
    assert parsed.source.meta["title"] == title
    if anchor:
        assert anchor in {a.id for a in parsed.anchors}
        assert anchor in site.index.ids[url]


@pytest.mark.parametrize("url, title, shown, anchor", [
    t for t in DRAFT_TARGETS],
    ids=[t[0] for t in DRAFT_TARGETS])
def test_every_draft_target_shows_its_title_as_the_h1(site, url, title, shown, anchor):
    """Each linked page's heading reads as its title (entities shown as characters)."""
    page = BeautifulSoup(output_of(site, url), "lxml")
    assert page.select_one("main h1").get_text() == shown
    assert page.title.get_text() == f"{shown} | GP Connect API"


def test_the_draft_links_match_the_listed_targets():
    """The draft release notes link to exactly the pages listed above (plus itself)."""
    import re
    targets = set(re.findall(r"\]\(([^)#\s]+\.html)", DRAFT.read_text(encoding="utf-8")))
    assert targets == {t[0] for t in DRAFT_TARGETS} | {"overview_release_notes_1_2_3.html"}


def test_the_draft_as_a_page_of_the_site_has_no_broken_links(tmp_path):
    """The release-notes draft dropped into a copy of the site resolves every internal link and anchor."""
    root = tmp_path / "site"
    for name in ("pages", "_data", "templates", "images"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "_config.yml", root / "_config.yml")
    make_site(root, {"pages/overview/overview_release_notes_1_2_3.md": DRAFT.read_text(encoding="utf-8")})
    built = build_site(root)
    assert [d.format() for d in diagnostics_of(built)] == []
    links = [link.target for link in page_of(built, "overview_release_notes_1_2_3.html").links]
    assert "appointments_use_case_amend_an_appointment.html#payload-request-body" in links
    assert "appointments_design.html#cancelling-and-amending-booked-appointments" in links
