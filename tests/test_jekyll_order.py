"""What Liquid sees of the order Jekyll 4.3 reads, sorts and renders in; tests/fixtures/jekyll-order/
_expected is Jekyll 4.3.1's own build (liquid 5.4, Ruby 3.1 on glibc 2.36):
- Site#render renders every document, layouts included, before any page: a page reads a post's
  `output` (and prints a post whole: Document#to_s) in its layouts; a document reads those rendered
  before it (collection order), a page's Hash has no `output` (a.md, z.md, the posts, notes, memos);
- Reader#sort_files! sorts site.pages by name, keeping the reading order for equal names: a folder's
  subfolders before its own pages (sub/deeper/index.md, sub/index.md, index.md);
- Ruby's sort is glibc's merge sort, stable: the `sort` filter and `group_by` keep ties in input
  order (lists of 2..40 items with ties and nils, ties.md), and Liquid's sort_natural, whose
  comparison of two nils is 1 either way, comes out in that merge sort's order.
tests/fixtures/kramdown-items: kramdown 2.4 parses a list item's lines in chunks, a new one at its
first nested list line (list.rb: nested_list_found), so a fence opened in the item's text and closed
after such a line is text, and a numbered list other than `1.` ends the item's paragraph there."""
from __future__ import annotations

from conftest import make_site, run_cli
from fixture_sites import built_pages, jekyll_equality_tests
from specsite.jekyll.arrays import ruby_sort, sort_natural

built = built_pages(("jekyll-order", "kramdown-items"))
test_page_equals_jekylls_own_build, test_real_jekyll_still_builds_the_expected_output = \
    jekyll_equality_tests(("jekyll-order", "kramdown-items"))


def test_ruby_sort_is_glibcs_merge_sort():
    """Halves of n//2 and the rest, the left item taken on <= 0: with comparisons that are no
    order, what Ruby 3.1.2's Array#sort gives on this machine (`ruby -e 'p (0...7).to_a.sort {...}'`)."""
    assert ruby_sort(list(range(5)), lambda a, b: 1) == [4, 3, 2, 1, 0]
    assert ruby_sort(list(range(9)), lambda a, b: -1) == list(range(9))
    assert ruby_sort(list(range(7)), lambda a, b: (a + b) % 3 - 1) == [0, 1, 3, 2, 4, 6, 5]


def test_sort_natural_folds_ascii_only_and_puts_nils_last():
    """String#casecmp: ASCII letters downcased, the rest compared as UTF-8 bytes."""
    assert sort_natural(["é", "b", "É", "A", None, "a"]) == ["A", "a", "b", "É", "é", None]
    assert sort_natural([{"k": "B"}, {}, {"k": "a"}], "k") == [{"k": "a"}, {"k": "B"}, {}]


def _cache_site(root, layout: str):
    return make_site(root, {
        "_config.yml": "title: t\n",
        "_layouts/default.html": "<main>{{ content }}</main>\n",
        "_layouts/post.html": layout,
        "_posts/2000-01-01-a.md": "---\nlayout: post\n---\nPost a.\n",
        "index.md": "---\nlayout: default\n---\n{{ site.posts.first.output | strip_newlines | escape }}\n",
    })


def test_a_page_that_prints_a_posts_output_follows_an_edit_of_the_posts_layout(tmp_path, monkeypatch):
    """The layouts (and their includes) a document's output read count as what the reading page
    read: the parse cache does not serve the page made with the old layout."""
    monkeypatch.setenv("SPECSITE_CACHE_KEY_FILE", str(tmp_path / "keys" / "cache.key"))
    src, out = _cache_site(tmp_path / "src", "<article>{{ content }}</article>\n"), tmp_path / "out"
    assert run_cli(["build", "--source", src, "--out", out]) == 0
    assert "&lt;article&gt;&lt;p&gt;Post a.&lt;/p&gt;&lt;/article&gt;" in (out / "index.html").read_text()
    (src / "_layouts" / "post.html").write_text("<section>{{ content }}</section>\n")
    assert run_cli(["build", "--source", src, "--out", out]) == 0
    assert "&lt;section&gt;&lt;p&gt;Post a.&lt;/p&gt;&lt;/section&gt;" in (out / "index.html").read_text()


def test_a_paragraphs_continuation_lines_keep_their_leading_blanks(site_factory, tmp_path):
    """kramdown 2.4 (GFM, as Jekyll runs it): `a\\n   b *c*\\n\\tt` is `<p>a\\n   b <em>c</em>\\n\\tt</p>`;
    cmark drops the blanks. A list item's lines lose their item's indentation only (left as cmark
    writes them here), and a code span over lines is cmark's (joined)."""
    out = tmp_path / "out"
    site_factory({"_config.yml": "title: t\n", "_layouts/default.html": "{{ content }}",
                  "a.md": "---\nlayout: default\n---\na\n   b *c*\n\tt\n\n  lead\n   next\n"}, write=True, out=out)
    html = (out / "a.html").read_text()
    assert "<p>a\n   b <em>c</em>\n\tt</p>" in html and "<p>lead\n   next</p>" in html
