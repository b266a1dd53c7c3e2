"""The tests every Jekyll fixture site gets, written once: tests/fixtures/<site>/_expected is
Jekyll 4.3.1's own build, so specsite's build of the site must equal it page by page, and where
`jekyll` is installed real Jekyll must still write it (it is not stale). A test module binds the
names pytest collects:

    built = built_pages("liquid-counters")
    test_page_equals_jekylls_own_build, test_real_jekyll_still_builds_the_expected_output = \\
        jekyll_equality_tests("liquid-counters")

One site (a str) gives {page: html}, several (a tuple) {site: {page: html}}."""
from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, build_fixture_pages, build_site, expected_page, expected_page_cases
from htmlnorm import assert_jekyll_builds_expected, html_files, normalised


def _names(sites: str | tuple) -> tuple:
    return (sites,) if isinstance(sites, str) else tuple(sites)


def built_pages(sites: str | tuple):
    """A module-scoped fixture: specsite's build of `sites`, written, read back (html_files)."""
    @pytest.fixture(scope="module")
    def built(tmp_path_factory):
        pages = build_fixture_pages(tmp_path_factory, _names(sites))
        return pages[sites] if isinstance(sites, str) else pages
    return built


def site_and_pages(site: str):
    """Two module-scoped fixtures, for a module that reads the build's diagnostics too:
    `site_and_out` (the built Site, its output folder) and `built` (its pages, as built_pages)."""
    @pytest.fixture(scope="module")
    def site_and_out(tmp_path_factory):
        out = tmp_path_factory.mktemp("out")
        return build_site(FIXTURES / site, write=True, out=out), out

    @pytest.fixture(scope="module")
    def built(site_and_out):
        return html_files(site_and_out[1])
    return site_and_out, built


def jekyll_equality_tests(sites: str | tuple, *, exact: bool = False, fixture: str = "built"):
    """(each page equals Jekyll's, real Jekyll still writes `_expected`) for `sites`, whose pages
    the fixture named `fixture` holds (built_pages' shape). `exact` compares bytes, where Liquid
    reads kramdown's whitespace (`content | size`, jsonify); otherwise the HTML as a reader sees it
    (htmlnorm.normalised)."""
    names = _names(sites)

    @pytest.mark.parametrize("name,page", expected_page_cases(names))
    def test_page_equals_jekylls_own_build(request, name, page):
        pages = request.getfixturevalue(fixture)
        ours, theirs = (pages if isinstance(sites, str) else pages[name])[page], expected_page(name, page)
        assert ours == theirs if exact else normalised(ours) == normalised(theirs)

    @pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")
    @pytest.mark.parametrize("name", names)
    def test_real_jekyll_still_builds_the_expected_output(tmp_path, name):
        assert_jekyll_builds_expected(FIXTURES / name, tmp_path, exact=exact)

    return test_page_equals_jekylls_own_build, test_real_jekyll_still_builds_the_expected_output
