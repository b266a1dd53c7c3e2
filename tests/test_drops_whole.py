"""Pages and documents printed whole: `jsonify` and `inspect` of a post, a page, an array of them,
a document passed to an include (jekyll/drop_hash.py). tests/fixtures/drops-whole/_expected is
Jekyll 4.3.1's own build of the fixture (one-paragraph bodies: kramdown's blank line between
blocks is whitespace our HTML comparisons ignore, but not inside a JSON string); where `jekyll`
is installed, one test builds it again and compares."""
from __future__ import annotations

import json

import pytest

from conftest import FIXTURES, make_site, run_cli
from fixture_sites import built_pages, jekyll_equality_tests
from htmlnorm import html_files

SITE = FIXTURES / "drops-whole"
EXPECTED = SITE / "_expected"


built = built_pages("drops-whole")
test_page_equals_jekylls_own_build, test_real_jekyll_still_builds_the_expected_output = \
    jekyll_equality_tests("drops-whole", exact=True)


def test_a_document_hash_lists_its_methods_then_its_data():
    """DocumentDrop#to_h: content methods (Jekyll's `{{ post.keys | jsonify }}` order), then `draft`
    (set first, in Document#initialize), then the rest of its data in the order it was read."""
    text = html_files(EXPECTED)["posts-jsonify.html"]
    posts = json.loads(text[text.index("<pre>") + 5:text.index("</pre>")])
    assert list(posts[0]) == ["name", "id", "relative_path", "excerpt", "title", "categories", "collection", "next",
                              "tags", "previous", "content", "output", "path", "url", "date", "draft",
                              "author", "layout", "category", "slug", "ext"]
    assert "content" not in posts[0]["previous"]["next"]  # (2 levels deep: collapsed)

def test_inside_an_array_a_document_inspects_as_the_ruby_object(built):
    assert "[#&lt;Jekyll::Document _posts/2020-02-03-second.md collection=posts&gt;, " in built["arrays-inspect.html"]
    assert "#&lt;Jekyll::Page @relative_path=&quot;about.md&quot;&gt;" in built["arrays-inspect.html"]


@pytest.mark.parametrize("page", ["{% include show.html post=site.posts.last %}",
                                  "{% for p in site.posts %}{% include excerpt.html post=p %}{% endfor %}"])
def test_a_post_handed_to_an_include_follows_an_edit_of_its_body(tmp_path, monkeypatch, page):
    """The include prints `include.post` (Document#to_s: its output) or its excerpt: the page
    that hands the post over depends on the post's body (liquid_reads.prints_page_whole)."""
    monkeypatch.setenv("SPECSITE_CACHE_KEY_FILE", str(tmp_path / "keys" / "cache.key"))
    src, out = make_site(tmp_path / "src", {
        "_config.yml": "title: T\n", "_posts/2020-01-01-a.md": "---\ntitle: A\n---\nAlpha\n",
        "_includes/show.html": "[{{ include.post }}]", "_includes/excerpt.html": "[{{ include.post.excerpt }}]",
        "index.html": "---\n---\n" + page + "\n"}), tmp_path / "out"
    assert run_cli(["build", "--source", src, "--out", out]) == 0
    (src / "_posts/2020-01-01-a.md").write_text("---\ntitle: A\n---\nAlpha EDITED\n", encoding="utf-8")
    assert run_cli(["build", "--source", src, "--out", out]) == 0
    assert run_cli(["build", "--source", src, "--out", tmp_path / "cold", "--no-cache"]) == 0
    assert "Alpha EDITED" in (tmp_path / "cold" / "index.html").read_text(encoding="utf-8")
    assert (out / "index.html").read_bytes() == (tmp_path / "cold" / "index.html").read_bytes()


def test_pretty_json_is_rubys_json_2_6_pretty_generate():
    """`ruby -rjson -e 'puts JSON.pretty_generate({"a"=>[], "b"=>{}, "c"=>[{}], "d"=>1.0, "e"=>1e20})'`."""
    from specsite.jekyll.drop_hash import pretty_json
    assert pretty_json({"a": [], "b": {}, "c": [{}], "d": 1.0, "e": 1e20}) == (
        '{\n  "a": [\n\n  ],\n  "b": {\n  },\n  "c": [\n    {\n    }\n  ],\n  "d": 1.0,\n  "e": 1.0e+20\n}')


def test_site_jsonify_is_the_drop_then_the_whole_configuration():
    """SiteDrop#to_json: its methods (`config` nil), then Configuration::DEFAULTS merged with the
    site's keys, then `serving`; pages and documents inside are their to_s (Jekyll 4.3.1's output)."""
    text = html_files(EXPECTED)["site-jsonify.html"]
    site = json.loads(text[text.index("<pre>") + 5:text.index("</pre>")].replace("&quot;", '"')
                      .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
    keys = list(site)
    assert keys[:12] == ["posts", "time", "html_pages", "config", "documents", "pages", "data", "categories",
                         "related_posts", "tags", "static_files", "collections"]
    assert keys[12:14] == ["source", "destination"] and keys[-1] == "serving" and site["config"] is None
    assert all(isinstance(p, str) for p in site["pages"]) and "syntax_highlighter" in site["kramdown"]
