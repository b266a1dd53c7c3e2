"""A post or collection document whose front matter is invalid YAML (an unquoted `title: A: B`):
Jekyll's Document#read logs the error and keeps the document, but read_post_data never runs, so
it has no title, slug, ext, tags nor excerpt from its file name, its date is the build's time
(Document#date) and its URL's :title is its whole file name. tests/fixtures/bare-documents/_expected
is Jekyll 4.3.1's own build; where `jekyll` is installed, one test builds it again and compares."""
from __future__ import annotations

from fixture_sites import built_pages, jekyll_equality_tests

built = built_pages("bare-documents")
test_page_equals_jekylls_own_build, test_real_jekyll_still_builds_the_expected_output = \
    jekyll_equality_tests("bare-documents")


def test_the_bare_post_keeps_its_whole_file_name_in_its_url(built):
    assert "posts/2021-06-01-colon/index.html" in built
    assert "<li>[] /posts/2021-06-01-colon/ excerpt: []" in built["index.html"]
