"""A post or collection document whose front matter is invalid YAML (an unquoted `title: A: B`):
Jekyll's Document#read logs the error and keeps the document, but read_post_data never runs, so
it has no title, slug, ext, tags nor excerpt from its file name, its date is the build's time
(Document#date) and its URL's :title is its whole file name. tests/fixtures/bare-documents/_expected
is Jekyll 4.3.1's own build; where `jekyll` is installed, one test builds it again and compares."""
from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES, build_fixture_pages, expected_page, expected_page_cases
from htmlnorm import assert_jekyll_builds_expected, normalised

NAME = "bare-documents"
SITE = FIXTURES / NAME


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return build_fixture_pages(tmp_path_factory, [NAME])[NAME]


@pytest.mark.parametrize("name,page", expected_page_cases([NAME]))
def test_page_equals_jekylls_own_build(built, name, page):
    assert normalised(built[page]) == normalised(expected_page(name, page))


def test_the_bare_post_keeps_its_whole_file_name_in_its_url(built):
    assert "posts/2021-06-01-colon/index.html" in built
    assert "<li>[] /posts/2021-06-01-colon/ excerpt: []" in built["index.html"]


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")
def test_real_jekyll_still_builds_the_expected_output(tmp_path):
    assert_jekyll_builds_expected(SITE, tmp_path)
