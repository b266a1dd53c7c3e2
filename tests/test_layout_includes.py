"""Includes in a Documentation Theme-like layout chain, rendered on pages that differ in small
ways (tests/fixtures/layout-includes, whose `_expected/` is Jekyll 4.3.1's own build): includes
that read the page's variables and site data, assign into the page's scope (`nav_title`,
`sidebar`, `side_count`, `footer_seen`: an include shares the layout's scope, not another
layout's), include others, take parameters or see the including one's, cycle, and a sidebar whose
loops are remembered per item (liquid/memo.py) on pages in it, in another sidebar and in none.
Every page must be Jekyll's, byte for byte: whatever specsite remembers across pages is only
an optimisation."""
from __future__ import annotations

from fixture_sites import built_pages, jekyll_equality_tests

built = built_pages("layout-includes")
test_page_equals_jekylls_own_build, test_real_jekyll_still_builds_the_expected_output = \
    jekyll_equality_tests("layout-includes", exact=True)


def test_an_include_assigns_into_its_layouts_scope_only(built):
    """`footer_seen` grows by one `f` a footer within one layout's render: the page layout's
    footer does not reach the default layout's (Jekyll renders each layout with its own scope)."""
    page = built["pages/a/two.html"]
    assert '<p class="after">|LAYOUT INCLUDES FIXTURE</p>' in page and '<p class="end">ff</p>' in page
    assert "<nav data-shade=\"light\">Welcome</nav>" in built["index.html"]
