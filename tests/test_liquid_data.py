"""Liquid over site data as Jekyll 4.3 / Liquid 5.4 render it, found on unseen real sites
(/tmp/xsites lqh: an archive page's `site.tags | sort`, a data table page's
`site.data.[page.datasource]`). tests/fixtures/liquid-data/_expected is real Jekyll's build."""
from __future__ import annotations

import pytest

from conftest import diagnostics_of
from fixture_sites import jekyll_equality_tests, site_and_pages

site_and_out, built = site_and_pages("liquid-data")
test_page_equals_jekylls_own_build, test_real_jekyll_still_builds_the_expected_output = \
    jekyll_equality_tests("liquid-data")


def test_a_key_after_a_dot_is_read_laxly_with_a_warning(site_and_out):
    """Liquid 5.4's For#lax_parse reads `site.data.[page.ds]` as site.data[page.ds]; Jekyll warns."""
    found = [d for d in diagnostics_of(site_and_out[0], "liquid-syntax") if "bracket-after-dot" in d.path]
    assert found and all(d.severity == "warning" for d in found)
    assert any("site.data[page.ds]" in d.message for d in found)


@pytest.mark.parametrize("baseurl", ["blog", "/blog/", "http://example.org//blog"])
def test_a_baseurl_without_a_leading_slash_is_served_as_relative_url_writes_it(site_factory, baseurl):
    """Jekyll's relative_url: ensure_leading_slash(baseurl.chomp('/')) + the path, so links the site
    writes with it (`/blog/b.html`, `/http://example.org//blog/b.html`) reach their pages; only a
    link that leaves the baseurl out is broken."""
    site = site_factory({
        "_config.yml": f"baseurl: '{baseurl}'\n",
        "_layouts/default.html": "<html><body>{{ content }}</body></html>",
        "a.md": "---\nlayout: default\n---\n[b]({{ 'b.html' | relative_url }}) [x](/b.html)\n",
        "b.md": "---\nlayout: default\n---\nb\n"})
    broken = [d for d in diagnostics_of(site) if d.rule == "broken-link"]
    assert [d.target if d.target else d.message for d in broken] and all("'/b.html'" in d.message for d in broken)
    assert len(broken) == 1
