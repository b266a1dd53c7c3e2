"""kramdown's whitespace, byte for byte: tests/fixtures/kramdown-layout/_expected is Jekyll 4.3.1's
build (kramdown 2.4.0) of pages of every block shape (paragraphs, headers, tight/loose/nested
lists with code and quotes inside, blockquotes, tables with tfoot and alignment, definition
lists, footnotes, code blocks, rules, block HTML raw and with markdown="1", math, IALs, {:toc},
link and abbreviation definitions, script/style blocks). Liquid reads that text (`content |
size`, `strip_newlines`, `jsonify` in a search index), so the comparison is of bytes, not of
normalised HTML."""
from __future__ import annotations

from conftest import build_site, diagnostics_of, make_site, output_of
from fixture_sites import built_pages, jekyll_equality_tests
from specsite.markdown import MarkdownRenderer
from specsite.markdown.layout import kramdown_layout

SITE = "kramdown-layout"


built = built_pages(SITE)
test_page_equals_jekylls_own_build, test_real_jekyll_still_builds_the_expected_output = \
    jekyll_equality_tests(SITE, exact=True)


def _kd(text: str) -> str:
    return MarkdownRenderer(jekyll_markup=True).render(text).html


def test_nesting_indents_two_spaces_a_level_and_blank_lines_follow_the_source():
    assert _kd("* a\n  * b\n\n> q\n>\n> r\n") == (
        "<ul>\n  <li>a\n    <ul>\n      <li>b</li>\n    </ul>\n  </li>\n</ul>\n\n"
        "<blockquote>\n  <p>q</p>\n\n  <p>r</p>\n</blockquote>\n")
    assert _kd("# H\nText\n") == '<h1 id="h">H</h1>\n<p>Text</p>\n'  # (no blank line in the source: none)


def test_definitions_between_blank_lines_make_one_blank_line():
    """kramdown's :eob of a link definition goes and the blanks around it merge (update_tree)."""
    assert _kd("A\n\n[r]: /x\n\n[B][r]\n") == '<p>A</p>\n\n<p><a href="/x">B</a></p>\n'


def test_an_indented_highlighted_block_closes_its_wrapper_after_the_indent():
    assert _kd("- x\n\n  ```\n  c\n  ```\n").endswith(
        "</code></pre></div>    </div>\n  </li>\n</ul>\n")


def test_a_script_block_leaves_its_line_break_to_a_blank_element():
    assert _kd('<script src="a.js"></script>\nText\n') == '<script src="a.js"></script>\n\n<p>Text</p>\n'


def test_what_it_cannot_read_stays_as_cmark_wrote_it_without_marks():
    body = '<div data-ss-md="3" data-sourcepos="1:1-1:1">\n<p data-sourcepos="2:1-2:1">x</p>\n'  # (no close)
    assert kramdown_layout(body, "<div markdown=1>\nx\n") == '<div data-sourcepos="1:1-1:1">\n<p data-sourcepos="2:1-2:1">x</p>\n'


def test_blank_lines_after_front_matter_are_jekylls_and_lines_stay_right(tmp_path):
    """Jekyll's front matter pattern takes the blank lines after `---` (kramdown would write a blank
    line for them); a finding below them keeps its line in the file."""
    site = build_site(make_site(tmp_path / "s", {"_config.yml": "title: t\n", "_layouts/default.html": "{{ content }}",
                                                 "p.md": "---\nlayout: default\n---\n\n\n[x](missing.html)\n"}))
    assert output_of(site, "p.html").startswith("<p>")
    assert [(d.path, d.line) for d in diagnostics_of(site, "broken-link")] == [("p.md", 6)]


def test_rouge_writes_whitespace_as_text_where_its_lexer_has_no_whitespace_token():
    """Pygments' Whitespace token (`<span class="w">`) is plain text in rouge 3.30's xml, ruby, http
    lexers; a line rouge's lexer cannot read is one Error token, its line end included."""
    from specsite.highlight import Highlighter
    h = Highlighter()
    assert h.code("<a>\n  <b/>\n</a>\n", "xml") == (
        '<span class="nt">&lt;a&gt;</span>\n  <span class="nt">&lt;b/&gt;</span>\n<span class="nt">&lt;/a&gt;</span>\n')
    assert h.code("POST /Subscription\n", "http") == '<span class="err">POST /Subscription\n</span>'


def test_strip_filters_print_ruby_to_s(tmp_path):
    """Liquid's strip is `input.to_s.strip`: false is "false", an array its inspect (Jekyll 4.3.1)."""
    site = build_site(make_site(tmp_path / "s", {"_config.yml": "title: t\n", "_layouts/d.html": "{{ content }}",
                                                 "a.html": ("---\nlayout: d\nsummary: false\nl: [1, a]\n---\n[{{page.summary | strip}}][{{page.l | strip}}][{{page.x | strip}}]"
        "[{{ ' \\t x \\n' | lstrip }}|{{ ' x ' | rstrip }}]\n")}))
    assert output_of(site, "a.html") == r'[false][[1, "a"]][][\t x \n| x]' + "\n"  # (Liquid has no \t escape)
