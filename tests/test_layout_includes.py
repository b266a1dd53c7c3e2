"""Includes in a Documentation Theme-like layout chain, rendered on pages that differ in small
ways (tests/fixtures/layout-includes, whose `_expected/` is Jekyll 4.3.1's own build): includes
that read the page's variables and site data, assign into the page's scope (`nav_title`,
`sidebar`, `side_count`, `footer_seen`: an include shares the layout's scope, not another
layout's), include others, take parameters or see the including one's, cycle, and a sidebar whose
loops are remembered per item (liquid/memo.py) on pages in it, in another sidebar and in none.
Every page must be Jekyll's, byte for byte: whatever specsite remembers across pages is only
an optimisation."""
from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, build_site
from htmlnorm import assert_jekyll_builds_expected, html_files

SITE = FIXTURES / "layout-includes"
EXPECTED = SITE / "_expected"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    build_site(SITE, write=True, out=out)
    return html_files(out)


@pytest.mark.parametrize("page", sorted(html_files(EXPECTED)))
def test_page_is_jekylls_byte_for_byte(built, page):
    assert built[page] == html_files(EXPECTED)[page]


def test_an_include_assigns_into_its_layouts_scope_only(built):
    """`footer_seen` grows by one `f` a footer within one layout's render: the page layout's
    footer does not reach the default layout's (Jekyll renders each layout with its own scope)."""
    page = built["pages/a/two.html"]
    assert '<p class="after">|LAYOUT INCLUDES FIXTURE</p>' in page and '<p class="end">ff</p>' in page
    assert "<nav data-shade=\"light\">Welcome</nav>" in built["index.html"]


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")
def test_real_jekyll_still_builds_the_expected_output(tmp_path):
    """The committed `_expected/` is what this machine's Jekyll writes (it is not stale)."""
    assert_jekyll_builds_expected(SITE, tmp_path)
