"""kramdown 2.4 reads an HTML block as a tree and writes the tree back (Parser::Html#parse_raw_html
and the html converter). The pages in tests/fixtures/unseen-sites (html-email.md,
doctype-and-blocks.md) compare the whole page with real Jekyll; these name each rule."""
from __future__ import annotations

from specsite.markdown import MarkdownRenderer
from specsite.markdown.rawhtml import kramdown_block


def render(text: str) -> str:
    return MarkdownRenderer(jekyll_markup=True).render(text).html


def test_a_well_formed_block_stays_as_written():
    assert kramdown_block("<div class='a'>\n<p>x</p>\n</div>\n", 0).html is None


def test_a_close_tag_that_closes_no_open_element_is_escaped_text():
    block = kramdown_block("<div>\n<p>A</p></span>\n<br>\n</div>\n\nafter\n", 0)
    assert block.html == '<div>\n<p>A</p>&lt;/span&gt;\n<br />\n</div>\n'
    assert block.end == len("<div>\n<p>A</p></span>\n<br>\n</div>\n")


def test_an_element_left_open_takes_the_rest_of_the_text_and_is_closed_at_its_end():
    text = "<div><center>\n</div>\n</body></html>\n\nText & more.\n"
    block = kramdown_block(text, 0)
    assert block.end == len(text)
    assert block.html == "<div><center>\n&lt;/div&gt;\n&lt;/body&gt;&lt;/html&gt;\n\nText &amp; more.\n</center></div>\n"


def test_attributes_are_written_double_quoted_and_void_elements_closed():
    block = kramdown_block("<table width=100%><tr><td><img src='a.png' alt=''></td></tr></td></table>\n", 0)
    assert block is None  # `width=100%` is no attribute kramdown reads: the tag is not HTML to it (Jekyll: a paragraph)
    block = kramdown_block("<table width='100%'><tr><td><img src='a.png' alt=''></td></tr></td></table>\n", 0)
    assert block.html == ('<table width="100%"><tr><td><img src="a.png" alt="" /></td></tr>&lt;/td&gt;</table>\n')


def test_script_and_style_keep_their_text_as_written():
    block = kramdown_block("<div><style>a > b { c: d }</style></span></div>\n", 0)
    assert block.html == "<div><style>a > b { c: d }</style>&lt;/span&gt;</div>\n"


def test_a_doctype_line_is_paragraph_text():
    html = render("<!DOCTYPE html>\n\ntext\n")
    assert "&lt;!DOCTYPE html&gt;</p>" in html and "<!DOCTYPE" not in html


def test_close_tags_after_a_blocks_own_close_tag_are_a_paragraph_when_they_close_nothing():
    html = render("<section><div>x</div>\n</section></html>\n\n## After\n")
    assert "&lt;/html&gt;</p>" in html and "</html>" not in html


def test_strong_emphasis_does_not_nest():
    """parse_emphasis: a `**` inside a strong element is text; the strong closes at the first `**`
    after a non-space character (strong-in-strong.md compares a page with Jekyll)."""
    assert render("**NB it **MUST** be done.**, see").count("<strong>") == 1
    assert "<strong>NB it **MUST</strong> be done.**, see" in render("**NB it **MUST** be done.**, see")
    assert "<strong>a</strong> b <strong>c</strong>" in render("**a** b **c**")


def test_a_code_element_left_open_keeps_the_block_open_to_the_end():
    """`<code>x<code>`: the second tag opens another element, so `</p>` closes nothing and the
    rest of the page is inside the block (unclosed-inside.md compares a page with Jekyll)."""
    text = "<p><code>x<code></p>\n\n## After\n"
    block = kramdown_block(text, 0)
    assert block.end == len(text)
    assert block.html == "<p><code>x<code>&lt;/p&gt;\n\n## After\n</code></code></p>\n"


def test_only_a_real_markdown_attribute_leaves_the_block_to_the_islands():
    """markdown="1" written as text (in highlighted code) is no attribute: the block is still read
    as kramdown's tree (highlight-fences.md); a tag with markdown= is left to the islands."""
    assert kramdown_block('<div>\n<span>markdown="1"</div>\n', 0).html is not None
    assert kramdown_block('<div>\n<span markdown="1">x</div>\n', 0).html is None
