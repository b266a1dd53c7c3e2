"""`site.related_posts` (SiteDrop#related_posts): while a document renders (its body, its layouts
and their includes) it is the document's RelatedPosts#build, with lsi off the ten most recent
posts but itself; on a page it is nil. tests/fixtures/related-posts/_expected is Jekyll 4.3.1's
own build of the fixture; where `jekyll` is installed, one test builds it again and compares."""
from __future__ import annotations

from fixture_sites import built_pages, jekyll_equality_tests

built = built_pages("related-posts")
test_page_equals_jekylls_own_build, test_real_jekyll_still_builds_the_expected_output = \
    jekyll_equality_tests("related-posts")


def test_a_post_lists_the_ten_most_recent_others(built):
    assert "related (10): Post 11 Post 10" in built["2020/01/12/post-12.html"]
    assert "related (10): Post 12 Post 11 Post 10 Post 09 Post 08 Post 07 Post 06 Post 05 Post 04 Post 03\n" \
        in built["2020/01/01/post-01.html"]
    assert "no related posts" in built["page.html"]
