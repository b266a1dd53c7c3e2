"""Front matter defaults from several matching `defaults:` entries, as Jekyll 4.3.1's
FrontmatterDefaults combines them: nine overlapping scopes (path "" twice, a folder, a folder with
type pages, a glob, type posts, a collection label, a folder of a collection, a folder with type
posts), nested values deep-merged (Utils.deep_merge_hashes: the more specific entry's keys win, a
later entry of equal specificity wins), a page's own front matter over them, lists replaced not
merged, default tags and categories in site.tags and site.categories. Checked against real Jekyll
(no difference found): tests/fixtures/defaults-scopes/_expected is its build."""
from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, build_fixture_pages, expected_page, expected_page_cases
from htmlnorm import assert_jekyll_builds_expected

SITES = ("defaults-scopes",)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture_pages(tmp_path_factory, SITES)


@pytest.mark.parametrize("name,page", expected_page_cases(SITES))
def test_page_is_jekylls_byte_for_byte(built, name, page):
    assert built[name][page] == expected_page(name, page)


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")
def test_real_jekyll_still_builds_the_expected_output(tmp_path):
    assert_jekyll_builds_expected(FIXTURES / "defaults-scopes", tmp_path)
