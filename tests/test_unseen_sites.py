"""Differences found by building real Jekyll sites that specsite had never seen (Documentation
Theme spec sites from the public index), each reduced to the general kramdown/Jekyll rule behind
it. tests/fixtures/unseen-sites/_expected is Jekyll 4.3.1's own build of the fixture; where
`jekyll` is installed, one test builds it again and compares."""
from __future__ import annotations

import os
import shutil

import pytest

from conftest import FIXTURES, build_site, diagnostics_of, jekyll_build, output_of
from fixture_sites import built_pages, jekyll_equality_tests, site_and_pages
from htmlnorm import html_files, normalised

SITE = FIXTURES / "unseen-sites"
EXPECTED = SITE / "_expected"

site_and_out, built = site_and_pages("unseen-sites")
test_page_equals_jekylls_own_build, test_real_jekyll_still_builds_the_expected_output = \
    jekyll_equality_tests("unseen-sites")


def test_the_highlight_tag_downcases_its_language(built):
    """Jekyll's HighlightBlock: `@lang = Regexp.last_match(1).downcase` (a fence keeps its case)."""
    page = built["pages/code-lang-case.html"]
    assert 'data-lang="xml"' in page and 'class="language-xml"' in page
    assert 'class="language-XML">&lt;a/&gt;' in page


def test_kramdown_writes_known_element_names_in_lower_case_and_others_as_written(built):
    """The normalised comparison lower-cases names as HTML parsers do: these are the bytes."""
    page = built["pages/kramdown-tag-forms.html"]
    assert '<img src="b.png" /> and <span class="x">text</span> and <MyTag Foo="1">t</MyTag>' in page
    assert "<div>\nblock *md*\n</div>" in page and "<p><b>bold</b></p>" in page
    assert '<svg viewBox="0 0 10 10"><linearGradient gradientUnits="x"></linearGradient>' in page
    assert '<tr><td class="a">x</td></tr>' in page


def test_an_html_blocks_inner_lines_keep_their_indent(built):
    """kramdown writes an HTML block's raw content as written: `  <p>` inside it is no block of its
    own, its indent written once (the normalised comparison cannot see it: these are the bytes)."""
    page = built["pages/raw-html-block-indent.html"]
    assert ('<div class="callout">\n  <p class="label">In plain terms</p>\n   <p>Three spaces.</p>\n'
            '      <p>Deeper <em>indent</em> kept.</p>\n</div>') in page
    assert '<div class="exec-callout">\n  <p class="exec-callout-label">In plain terms</p>\n  <div>nested</div>\n</div>' in page


def test_a_lazy_line_led_by_a_tag_keeps_its_blanks(built):
    """kramdown takes a list item's lazy line whole: ` <b>none</b>0` keeps its blank in the item's
    <p> (preprocessing indents it for cmark; the blank is put back from the source)."""
    page = built["pages/lazy-tag-line-blanks.html"]
    assert "<p><b>T</b>3\n <b>none</b>0</p>" in page
    assert '<p>text\n <a href="https://example.com/">link</a> after</p>' in page


# Pages whose whole file is Jekyll's byte for byte (the parametrised test above compares them
# normalised): each a kramdown whitespace rule that the normalised comparison cannot see.
BYTE_EQUAL = ["pages/raw-html-block-indent.html", "pages/raw-html-headings.html", "pages/lazy-tag-line-blanks.html",
              "pages/toc-levels-option.html", "pages/options-header-offset.html",  # a first {:toc} list after a
              # line that writes nothing ({::options}): the blank element before it is written
              "pages/void-block-tags.html",  # `<meta>`, `<embed>`, `<wbr>`: the element ends at its tag
              "pages/void-after-block.html", "pages/void-after-setext.html",  # `<hr>` alone on its line
              # leaves its line break to a blank element (no body, no TRAILING_WHITESPACE): a blank line after it
              "pages/toc-element-first.html", "pages/ial-after-html.html",  # a {:toc} list last in a
              # markdown="1" element: a blank line before its close tag (the toc's HTML replaces a code
              # written with no line break)
              "pages/raw-span-line-in-markdown-element.html",  # a `<script>`/`<code>` line goes on the
              # paragraph inside a markdown="1" element too; a tag in code (span or fence) opens nothing
              "pages/excerpt-page-vars.html",  # a document's excerpt renders with its ExcerptDrop as `page`
              "pages/data-folder-order.html",  # a data folder read as DataReader globs it
              "pages/island-in-raw-html.html", "pages/island-footnotes.html", "pages/table-in-comment.html",
              "pages/markdown-attr-other-values.html", "pages/markdown-block-rows.html",
              "pages/markdown-content-models.html",
              "pages/item-text-then-html-block.html",
              "pages/include-relative-pages.html", "pages/partials/zz-appendix.html",  # Jekyll's
              # parsed-template cache: a page and an include_relative of its file share one parse
              "pages/html-block-tail-blanks.html", "pages/close-tag-lines.html",
              "pages/list-item-html-block.html",
              "pages/span-left-open.html", "pages/details-toc-summary.html",  # an element left open closed at
              # its text's end (a cell's too: the normalised comparison would close it anyway); an indented
              # raw block in a markdown="block" element at kramdown's indent
              "pages/pre-in-paragraph.html",
              "pages/nested-markdown-indented.html", "pages/markdown-element-in-nested-item.html"]  # an indented markdown="1" element in another  # text after a one-line
# HTML block keeps its line number: the blank lines after its paragraph are the source's  # a markdown="1" element in raw HTML: its blocks
# indented 2 more than the element, 2 for each element around it (convert_html_element); an HTML
# block under a tight item's text: a line break, the block at the item's indent plus 2
BYTE_EQUAL += ["pages/comment-markdown-span.html",  # a markdown="span" element in a comment is comment text
               "pages/markdown-span-blanks.html",  # a span element's text keeps the blanks around it
               "pages/html-block-text-escapes.html",  # an HTML block's bare & < > escaped (lxml reads both alike)
               "pages/raw-html-closed-tags.html",  # `<x/>` in an HTML block written `<x />`, in text `<x></x>`
               "pages/left-open-tag-case.html",  # `</ProfessionalPermission>` as written, `</span>` lower-cased
               "pages/smartify-kramdown-tags.html"]  # smartify's tags as kramdown's span_html reads and writes them


@pytest.mark.parametrize("page", BYTE_EQUAL)
def test_page_is_jekylls_byte_for_byte(built, page):
    assert built[page] == html_files(EXPECTED)[page]


def test_an_email_autolink_is_no_broken_file_link(site_and_out):
    """kramdown writes `<a@b.c>` as a mailto: link; the checker must not read it as the file 'a@b.c'."""
    site, _ = site_and_out
    assert not [d for d in diagnostics_of(site) if "apilabs" in d.message]


@pytest.mark.parametrize("strict", [False, True])
def test_strict_front_matter_makes_invalid_yaml_an_error(site_factory, strict):
    """Jekyll's Convertible/Document#read warns on invalid front matter and builds the page without
    it, but re-raises (the build fails) under `strict_front_matter: true` (MichaelCurrin/jekyll-blog-demo's
    `description: |>`)."""
    config = "title: t\n" + ("strict_front_matter: true\n" if strict else "")
    site = site_factory({"_config.yml": config, "a.md": "---\ndescription: |>\n    x\n---\nbody\n"})
    found = diagnostics_of(site, "front-matter")
    assert [d.severity for d in found] == (["error"] if strict else ["warning"])


# Real Jekyll 4.3.1 on a page `* TOC\n{:toc}` + `# A`, `## B`, `### C`, `#### D` with toc_levels "2,3" / [2, 3] / 2..3.
TOC_2_3 = ('<ul id="markdown-toc"><li><a href="#b" id="markdown-toc-b">B</a><ul>'
           '<li><a href="#c" id="markdown-toc-c">C</a></li></ul></li></ul>')


@pytest.mark.parametrize("levels", ['"2,3"', "[2, 3]", "2..3", "['2', 3.0]"])
def test_kramdown_toc_levels_limit_the_table_of_contents(site_factory, tmp_path, levels):
    """kramdown's toc_levels option (Options: "a..b", "a,b", a list read with to_i; html.rb in_toc?)."""
    config = f"title: t\nmarkdown: kramdown\nkramdown:\n  toc_levels: {levels}\n"
    page = "---\n---\n* TOC\n{:toc}\n\n# A\n\n## B\n\n### C\n\n#### D\n"
    out = tmp_path / "out"
    site_factory({"_config.yml": config, "_layouts/default.html": "{{ content }}", "a.md": page}, write=True, out=out)
    html = (out / "a.html").read_text()
    assert normalised(html[:html.index("<h1")]) == normalised(TOC_2_3)


@pytest.mark.parametrize("levels", ["3", "2-3", "[0, 7]"])
def test_a_toc_levels_value_kramdown_rejects_fails_the_build_at_its_line(tmp_path, levels):
    """Jekyll: "Conversion error … Invalid type Integer / Invalid syntax for option toc_levels"."""
    from specsite.config import ConfigError, load_config
    (tmp_path / "_config.yml").write_text(f"title: t\nkramdown:\n  toc_levels: {levels}\n")
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path, tmp_path / "out")
    assert err.value.line == 3 and "toc_levels" in err.value.message and "2..4" in err.value.hint


def test_the_sites_timezone_dates_posts_as_jekyll_does(site_factory, tmp_path):
    """Jekyll.set_timezone: ENV["TZ"] = `timezone:` (jekyll/jekyll's own docs: America/Los_Angeles).
    Real Jekyll 4.3.1 wrote 2019/12/31/new-year.html with this body; the process' TZ is put back."""
    import os
    before = os.environ.get("TZ")
    out = tmp_path / "out"
    site_factory({"_config.yml": "timezone: America/Los_Angeles\n", "_layouts/unused.html": "{{ content }}",
                  "_posts/2020-01-01-new-year.md": "---\ndate: 2020-01-01 02:00:00 +0000\n---\n"
                                                   "{{ page.date | date_to_xmlschema }} {{ page.id }}\n",
                  "_posts/2020-02-03-plain.md": "---\n---\n{{ page.date | date_to_xmlschema }}\n"}, write=True, out=out)
    assert (out / "2019/12/31/new-year.html").read_text().strip() == \
        "<p>2019-12-31T18:00:00-08:00 /2019/12/31/new-year</p>"
    assert (out / "2020/02/03/plain.html").read_text().strip() == "<p>2020-02-03T00:00:00-08:00</p>"
    assert os.environ.get("TZ") == before


def test_a_pretty_post_url_gives_the_id_jekyll_gives(site_factory, tmp_path):
    """Document#id is File.join(File.dirname(url), slug): Ruby's dirname of "/news/2018/x/" is
    "/news/2018" (jekyll-feed writes it as each entry's <id>)."""
    out = tmp_path / "out"
    site_factory({"_config.yml": "permalink: /news/:year/:title/\n", "_layouts/unused.html": "{{ content }}",
                  "_posts/2018-09-19-x.md": "---\n---\n{{ page.id }}\n"}, write=True, out=out)
    assert (out / "news/2018/x/index.html").read_text().strip() == "<p>/news/2018/x</p>"


BROKEN_BASE = {"_config.yml": "title: t\n", "_layouts/page.html": "<main>{{ content }}</main>",
               "ok.md": "---\nlayout: page\n---\n## Install\n"}


def _broken(site_factory, tmp_path, files):
    out = tmp_path / "out"
    site = site_factory(BROKEN_BASE | files, write=True, out=out)
    return site, out, {(d.path, d.line, d.rule): d for d in diagnostics_of(site)}


def test_a_broken_site_builds_where_jekyll_builds(site_factory, tmp_path):
    """Real Jekyll 4.3.1 builds this (exit 0): it warns on the YAML and the missing layout and writes
    both pages; specsite writes them too and names each problem at file:line with what to do."""
    site, out, found = _broken(site_factory, tmp_path, {
        "broken.md": '---\nlayout: page\ntitle: "Broken: front matter\n---\n\n'
                     "A [missing anchor](#nowhere) and [another page's](/ok.html#nope), [good](/ok.html#install).\n",
        "nolayout.md": "---\nlayout: pgae\n---\nBody.\n"})
    assert (out / "broken.html").exists() and (out / "nolayout.html").exists()
    yaml_error = found[("broken.md", 3, "front-matter")]
    assert yaml_error.severity == "warning" and yaml_error.column == 8 and "never closed" in yaml_error.message
    assert "Close the quote" in yaml_error.hint
    assert "Did you mean 'page'?" in found[("nolayout.md", 2, "unknown-layout")].hint
    anchors = sorted(d.message for d in diagnostics_of(site, "broken-anchor") if d.path == "broken.md")
    assert anchors == ["anchor '#nope' does not exist on 'ok.html'", "anchor '#nowhere' does not exist on this page"]


@pytest.mark.parametrize("page, line, rule, words", [
    ("Before.\n\n{% include notes/missing-note.html %}\n", 7, "missing-include", "looked in _includes/"),
    ('Before.\n\n{% if page.title == "x" %}\nShown.\n', 7, "liquid-error", "never closed"),
    ("Before.\n\n{% include_relative ./ok.md %}\n", 7, "liquid-error", "invalid characters or sequences"),
    ("Before.\n\n{% include notes/a$b.html %}\n", 7, "liquid-error", "invalid characters or sequences"),
    ('Before.\n\n{{ site.pages | where: "title" | size }}\n', 7, "liquid-error", "(given 2, expected 3)"),
    ('Before.\n\n{{ site.pages | find: "title" }}\n', 7, "liquid-error", "(given 2, expected 3)"),
    ("Before.\n\n```\n{{ '/' | relative_url }\n```\n", 8, "liquid-error", "not properly terminated"),
    ('Before.\n\n{{ page.x | default: "}" }}\n', 7, "liquid-error", "not properly terminated"),
])
def test_a_broken_site_fails_where_jekyll_fails(site_factory, tmp_path, page, line, rule, words):
    """Real Jekyll 4.3.1 stops (exit 1) on an include that exists nowhere ("Could not locate the
    included file"), on a block tag never closed ("'if' tag was never closed") and on an include
    name with two of . and / in a row or other characters than IncludeTag's VALID_FILENAME_CHARS
    ("Invalid syntax for include tag", though ./ok.md exists) and on where/find given one argument
    ("wrong number of arguments (given 2, expected 3)") and on an output Liquid 5's tokenizer ends at a
    single `}` (MichaelCurrin/code-cookbook's `{{ '/' | relative_url }`: "Variable ... was not
    properly terminated"); so does specsite,
    writing nothing, with the page's file:line and a hint."""
    site, out, found = _broken(site_factory, tmp_path, {"bad.md": "---\nlayout: page\n---\n\n" + page})
    assert not (out / "bad.html").exists()
    error = next(d for (p, n, r), d in found.items() if p == "bad.md" and r == rule)
    assert error.severity == "error" and error.line == line and words in error.message and error.hint


def test_site_lists_in_jekylls_order(site_factory, tmp_path):
    """Real Jekyll 4.3.1 wrote `news=1 tech=2 / 3,10 / authors,posts` for this: Site#post_attr_hash
    keys in the order the posts, oldest first, give them; Ruby's CSV reads an empty field as nil
    (compact drops it); SiteDrop#collections sorts by label."""
    out = tmp_path / "out"
    site_factory({
        "_config.yml": "collections:\n  authors:\n    output: true\n",
        "_layouts/default.html": "{{ content }}",
        "_data/people.csv": 'name,score\nAda,3\nBob,10\n"Cy, Jr",\n',
        "_authors/amy.md": "---\n---\nA\n",
        "_posts/2020-01-02-first.md": "---\ncategories: [news, tech]\n---\nHello\n",
        "_posts/2021-03-04-second.md": "---\ncategory: tech\n---\nWorld\n",
        "index.md": '---\n---\n{% for c in site.categories %}{{ c[0] }}={{ c[1].size }} {% endfor %}/ '
                    '{{ site.data.people | map: "score" | compact | join: "," }} / '
                    '{{ site.collections | map: "label" | join: "," }}\n'}, write=True, out=out)
    assert (out / "index.html").read_text().strip() == "<p>news=1 tech=2 / 3,10 / authors,posts</p>"


def test_liquid_filters_as_liquid_5_4_runs_them(site_factory, tmp_path):
    """Real Jekyll 4.3.1 (Liquid 5.4) wrote this line: truncatewords leaves a text of at most N
    words as it is (spaces too), and `sum`/`squish` are no filters there, so the value passes through."""
    out = tmp_path / "out"
    site_factory({"_config.yml": "title: t\n", "_layouts/unused.html": "{{ content }}",
                  "index.html": '---\nnums: [10, 2, 33]\n---\n[{{ "one two three" | truncatewords: 3 }}] '
                                '[{{ "one  two three four" | truncatewords: 3 }}] [{{ "  a   b " | truncatewords: 5 }}] '
                                '[{{ page.nums | sum }}] [{{ "a b" | squish }}]\n'}, write=True, out=out)
    assert (out / "index.html").read_text() == \
        "[one two three] [one two three...] [  a   b ] [10233] [a b]\n"


@pytest.mark.parametrize("where", ["page", "layout"])
def test_contains_on_a_number_is_false_as_in_ruby(site_factory, tmp_path, where):
    """Liquid 5.4's condition.rb: `left.respond_to?(:include?)` or false; real Jekyll builds
    `{% if page.n contains 3 %}` (n: 3) as false, python-liquid raised a type error (no build)."""
    test = "{% if page.n contains 3 %}yes{% else %}no{% endif %}{% if page.h contains 'k' %}+k{% endif %}"
    out = tmp_path / "out"
    site_factory({"_config.yml": "title: t\n",
                  "_layouts/default.html": test if where == "layout" else "{{ content }}",
                  "index.html": "---\nlayout: default\nn: 3\nh: {k: v}\n---\n" + (test if where == "page" else "")},
                 write=True, out=out)
    assert (out / "index.html").read_text().strip() == "no+k"


@pytest.mark.parametrize("quotes, expected", [
    ('["apos", "apos", "quot", "quot"]', '<p>He said "hello" and \'bye\' – it\'s "a <em>b</em>" test.</p>'),
    ('"sbquo,lsquo,bdquo,ldquo"', "<p>He said „hello“ and ‚bye‘ – it‘s „a <em>b</em>“ test.</p>"),
])
def test_kramdown_smart_quotes_option(site_factory, tmp_path, quotes, expected):
    """kramdown's smart_quotes (entity names or code points, written as characters): real Jekyll
    4.3.1's output for this line; an author's own curly quote stays as written."""
    out = tmp_path / "out"
    site_factory({"_config.yml": f"kramdown:\n  smart_quotes: {quotes}\n", "_layouts/unused.html": "{{ content }}",
                  "index.md": "---\n---\nHe said \"hello\" and 'bye' -- it's \"a *b*\" test.\n"}, write=True, out=out)
    assert (out / "index.html").read_text().strip() == expected


def test_a_smart_quotes_value_kramdown_rejects_fails_at_its_line(tmp_path):
    from specsite.config import ConfigError, load_config
    (tmp_path / "_config.yml").write_text("kramdown:\n  smart_quotes: lsquo,rsquo\n")
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path, tmp_path / "out")
    assert err.value.line == 2 and "4 values" in err.value.message


def test_a_page_not_rendered_yet_has_its_raw_content(site_factory, tmp_path):
    """Site#render renders the documents, then site.pages by name; a page that comes later still
    has its raw content (DocTheme's tag pages print `page.content | truncatewords` for pages
    without a summary). Real Jekyll 4.3.1 wrote these two lines."""
    out = tmp_path / "out"
    listing = "{% for p in site.pages %}{% if p.title %}[{{ p.title }}:{{ p.content | strip }}]{% endif %}{% endfor %}"
    site_factory({"_config.yml": "title: t\n", "_layouts/default.html": "{{ content }}",
                  "a.md": "---\ntitle: A\n---\n*a* text\n", "z.md": "---\ntitle: Z\n---\n*z* text\n",
                  "m-list.html": "---\nlayout: default\n---\n" + listing + "\n",
                  "_posts/2020-02-02-list.html": "---\n---\n" + listing + "\n"}, write=True, out=out)
    assert (out / "m-list.html").read_text().strip() == "[A:<p><em>a</em> text</p>][Z:*z* text]"
    assert (out / "2020/02/02/list.html").read_text().strip() == "[A:*a* text][Z:*z* text]"


# kramdown options from _config.yml, one fixture site per set (each option changes every page):
# kramdown-options (parse_block_html, footnote_nr/_backlink/_prefix, typographic_symbols) and
# kramdown-chirpy (jekyll-theme-chirpy's starter _config.yml: block line numbers, a footnote
# backlink with an entity; a post whose excerpt has a footnote and a link reference) and
# kramdown-coderay (Jekyll 1.x's default `coderay:` hash: Jekyll merges CODERAY_DEFAULTS into
# syntax_highlighter_opts, so code spans and blocks get rouge's line-number tables) and
# liquid-drops (posts, documents of a collection without output and pages printed as strings:
# Document#to_s, a page's to_liquid Hash), kramdown-plain (`highlighter: pygments`, which kramdown
# has no highlighter for, and `math_engine: null`: code and math written for scripts) and
# kramdown-disable (syntax_highlighter_opts' block `disable:`, `math_engine: false`) and
# kramdown-rouge-classes (syntax_highlighter_opts' `css_class`, a code block's <pre class>; HTMLTable's
# table_class, gutter_class and code_class, for blocks and spans) and kramdown-rouge-unwrapped
# (block `wrap: false`: no HTMLPygments wrapper) and kramdown-default-lang (`default_lang`, and a
# span: one for code blocks and spans that name no language) and
# excerpt-separators (the site's excerpt_separator, a post's own, an empty one: no excerpt) and
# collection-dates (a collection document's date and slug from its file name; one dated later
# than now is listed but not written) and defaults-precedence (front matter defaults: the longer
# scope path wins before the typed entry; a scope path led by "/" matches nothing) and
# collections-dir (`collections_dir: my`: a document's and a post's path, relative_path and id,
# a post's categories and a collection's relative_directory leave the collections_dir out) and
# kramdown-default-lang-disabled-span/-block (default_lang where `disable:` turns the highlighter off
# for spans or for blocks: those name no language; a span with a class of its own, `y`{:.note},
# gets default_lang before it: "language-python note highlighter-rouge") and site-drop-collections
# (SiteDrop#[]: collections named `pages`, `categories`, `tags` are what site.pages, site.categories
# and site.tags give; site.posts stays the posts)
OPTION_SITES = ("kramdown-options", "kramdown-chirpy", "kramdown-coderay", "liquid-drops", "kramdown-plain",
                "kramdown-disable", "excerpt-separators", "collection-dates", "defaults-precedence",
                "collections-dir", "kramdown-rouge-classes", "kramdown-rouge-unwrapped",
                "kramdown-default-lang", "kramdown-no-auto-typographic",
                "kramdown-default-lang-unknown", "kramdown-default-lang-disabled-span",
                "kramdown-default-lang-disabled-block", "site-drop-collections")


built_options = built_pages(OPTION_SITES)
test_kramdown_options_page_equals_jekylls_own_build, test_real_jekyll_still_builds_the_kramdown_options_output = \
    jekyll_equality_tests(OPTION_SITES, fixture="built_options")


def test_a_footnote_nr_kramdown_rejects_fails_the_build_at_its_line(tmp_path):
    """kramdown's Options.parse: Integer("x") fails ("Invalid integer value for option 'footnote_nr'")."""
    from specsite.config import ConfigError, load_config
    (tmp_path / "_config.yml").write_text("title: t\nkramdown:\n  footnote_nr: first\n")
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path, tmp_path / "out")
    assert err.value.line == 3 and "footnote_nr" in err.value.message


def test_a_typographic_symbols_value_that_is_no_hash_fails_the_build_at_its_line(tmp_path):
    """kramdown's simple_hash_validator: "Invalid type String for option typographic_symbols"."""
    from specsite.config import ConfigError, load_config
    (tmp_path / "_config.yml").write_text("title: t\nkramdown:\n  typographic_symbols: dashes\n")
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path, tmp_path / "out")
    assert err.value.line == 3 and "typographic_symbols" in err.value.message


def test_gfm_quirks_without_paragraph_end_is_a_warning_at_its_line(tmp_path):
    """kramdown-parser-gfm without the paragraph_end quirk needs a blank line before a block after
    a paragraph (Jekyll: `A line\n# x` is one paragraph); specsite does not follow that: it says so."""
    from specsite.config import load_config
    from specsite.diagnostics import Diagnostics
    from specsite.discover import unsupported
    (tmp_path / "_config.yml").write_text("title: t\nkramdown:\n  gfm_quirks: no_auto_typographic\n")
    diags = Diagnostics()
    unsupported(load_config(tmp_path, tmp_path / "out"), diags)
    assert [(d.line, d.rule) for d in diags.items if "paragraph_end" in d.message] == [(3, "jekyll-unsupported")]
    (tmp_path / "_config.yml").write_text("title: t\nkramdown:\n  gfm_quirks: [paragraph_end, no_auto_typographic]\n")
    diags = Diagnostics()
    unsupported(load_config(tmp_path, tmp_path / "out"), diags)
    assert not diags.items


def test_a_reversed_after_limit_is_ignored_with_a_warning(site_and_out):
    """Liquid 5.4's For tag: strict parsing refuses `limit:2 reversed`, the lax Syntax regex only
    reads `reversed` right after the collection (pages/for-late-reversed.md: Jekyll writes A: 12)."""
    site, _ = site_and_out
    found = [d for d in diagnostics_of(site, "liquid-syntax") if "for-late-reversed" in str(d.path)]
    assert len(found) == 4 and all("reversed" in d.message for d in found)


def test_unclosed_front_matter_is_a_page_without_data_as_jekyll_reads_it(site_and_out):
    """Jekyll's has_yaml_header? sees the first '---', YAML_FRONT_MATTER_REGEXP finds no closing one:
    the file is a page with no data and its whole text as content (StackStorm/tutorials'
    workflows/gather-versions.yaml). specsite builds it the same, with a warning at line 1."""
    site, _ = site_and_out
    [found] = [d for d in diagnostics_of(site, "front-matter") if d.path.endswith("unclosed-front-matter.md")]
    assert found.severity == "warning" and found.line == 1 and "not closed" in found.message


def test_a_key_after_a_dot_that_python_liquid_lexes_as_a_keyword_is_a_key(site_and_out):
    """Ruby Liquid's lexer has no `in`/`required`/`with` keywords: `{{ parameter.in }}` (a Swagger
    page's parameter table) is a key lookup that strict parsing accepts, so Jekyll warns about
    nothing; pages/dotted-keywords.md's output is compared with Jekyll's above."""
    site, _ = site_and_out
    assert not [d for d in diagnostics_of(site) if "dotted-keywords" in str(d.path)]


@pytest.mark.parametrize("entry, key", [("plugins: ./_plugins", "plugins"), ("exclude:", "exclude"),
                                        ("include: .htaccess", "include"), ("relative_permalinks: true",
                                                                            "relative_permalinks")])
def test_a_config_jekyll_4_refuses_fails_the_build_at_its_line(tmp_path, entry, key):
    """Jekyll 4.3.1 stops on these (cirosantilli/jekyll-cheat's Jekyll 1.x _config.yml): Configuration#validate
    raises InvalidConfigurationError for `plugins:`/`include:`/`exclude:` that are not arrays ("'plugins'
    should be set as an array, but was: \\"./_plugins\\"."; empty is nil), and Site#render aborts on
    `relative_permalinks:` ("Since v3.0, permalinks for pages in subfolders must be relative ...")."""
    from specsite.config import ConfigError, load_config
    (tmp_path / "_config.yml").write_text(f"title: t\n{entry}\n")
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path, tmp_path / "out")
    assert err.value.line == 2 and f"'{key}'" in err.value.message


def test_config_lists_and_relative_permalinks_false_build(tmp_path):
    from specsite.config import load_config
    (tmp_path / "_config.yml").write_text("plugins: []\nexclude: [a]\ninclude:\n- .x\nrelative_permalinks: false\n")
    assert load_config(tmp_path, tmp_path / "out").exclude == ("a",)


def test_fenced_code_keeps_the_indentation_kramdown_keeps(built):
    """kramdown's GFM fence takes its content lines whole (less the list item's indentation); cmark
    takes off as many spaces as the opening fence has. The compare normaliser collapses <pre> text,
    so the code is checked as Jekyll 4.3.1 wrote it, character for character."""
    import lxml.html

    def codes(text):
        return [pre.text_content() for pre in lxml.html.fromstring(text).iter("pre")]
    expected = codes(html_files(EXPECTED)["pages/fence-indent.html"])
    assert codes(built["pages/fence-indent.html"]) == expected
    assert expected[0] == "  two spaces\n    four\n" and expected[2] == "  plain line\n    deeper\n"


def test_an_empty_table_cell_holds_a_no_break_space_as_kramdown_writes_it(built):
    """kramdown's convert_td writes `entity_to_str(ENTITY_NBSP)` for a cell with nothing in it
    (a missing cell too); the whitespace normalisation above cannot see it."""
    page, expected = built["pages/table-cell-escapes.html"], html_files(EXPECTED)["pages/table-cell-escapes.html"]
    empty = [">\u00a0</td>", ">\u00a0</th>"]
    assert [page.count(e) for e in empty] == [expected.count(e) for e in empty] == [5, 1]


def test_jsonify_of_infinity_stops_the_build_as_jekyll_does(site_factory):
    """Ruby's JSON.generate refuses NaN and Infinity ("1000: Infinity not allowed in JSON"): real
    Jekyll 4.3.1 stops with a Liquid Exception; specsite wrote `Infinity` and built."""
    site = site_factory({"_config.yml": "title: t\n", "_layouts/default.html": "{{ content }}",
                         "index.md": "---\nlayout: default\nl: .inf\n---\nx {{ page.l | jsonify }}\n"})
    errors = [d for d in diagnostics_of(site) if d.severity == "error"]
    assert [(d.path, d.rule) for d in errors] == [("index.md", "liquid-error")]
    assert "Infinity" in errors[0].message


def test_kramdown_writes_wbr_as_a_void_element(built):
    """kramdown's converter writes HTML_ELEMENTS_WITHOUT_BODY as `<wbr />` (span or block); libxml2,
    which does not know wbr, would read `<wbr>` as an element holding the rest (CMSgov/ab2d-website's
    `C:\\<wbr>users\\<wbr>…` inside an <li>)."""
    page = built["pages/lazy-end-tags.html"]
    assert "<wbr />" in page and "<wbr>" not in page


def test_a_lazy_end_element_ends_the_paragraph_and_closes_what_it_left_open(built):
    """kramdown's paragraph ends at a line led by a tag that is no span element (paragraph.rb
    LAZY_END_HTML_START): the `<use>` inside a link's `<svg>` (ab2d's sprite include) is an HTML
    block, the link and svg are closed at the paragraph's end, and their end tags after it are text."""
    page = "".join(built["pages/lazy-end-tags.html"].split())
    expected = ('<p><a href="x">Download the dictionary <svg class="c"></svg></a></p>'
                '<use href="y"></use><p>&lt;/svg&gt; &lt;/a&gt;</p>')
    assert "".join(expected.split()) in page


def test_escape_and_its_alias_h_are_ruby_cgi_escape_html(site_factory, tmp_path):
    """Liquid's `escape` and `h` are CGI.escapeHTML: `'` is `&#39;` (python's html.escape writes
    `&#x27;`; `h` was unknown and passed the text through). Seen in a data.json made with Liquid
    (project-open-data/datajson-builder); the expected text is real Jekyll 4.3.1's output."""
    page = "---\nv: \"it's <&>\\\" é\"\n---\n{{ page.v | escape }}|{{ page.v | h }}|{{ page.v | escape_once }}\n"
    out = tmp_path / "out"
    site_factory({"_config.yml": "title: t\n", "a.json": page}, write=True, out=out)
    assert (out / "a.json").read_text() == ("it&#39;s &lt;&amp;&gt;&quot; é|it&#39;s &lt;&amp;&gt;&quot; é|"
                                            "it&#39;s &lt;&amp;&gt;&quot; é\n")


# Real Jekyll 4.3.1's smartify (kramdown's SmartyPants parser and HTML converter) of each text.
SMARTIFY = [
    ("Feed & <Test>", "Feed &amp; <Test>\n</Test>"),
    ("x <br> y -- z", "x <br /> y – z"),
    ("1 < 2 > 0", "1 &lt; 2 &gt; 0"),
    ("Tom & Jerry's \"Big\" Day -- 'the '90s' ... &copy; &quot;x&quot; &amp; &#8217;",
     "Tom &amp; Jerry’s “Big” Day – ‘the ’90s’ … © \"x\" &amp; ’"),
    ("It's 5 o'clock; \"Quote.\" (\"paren\") [\"brack\"] --'dash'",
     "It’s 5 o’clock; “Quote.” (“paren”) [“brack”] –‘dash’"),
    ("l'été \"à\" Paris, \"x\", y's, \"a\"b 'c'd", "l’été “à” Paris, “x”, y’s, “a”b ‘c’d"),
    ("<<quote>> << a >> 1<<2", "«quote» «\u00a0a\u00a0» 1«2"),
    ("Author’s own ‘curly’ and – dash 'x' and «y» <<'z'>> \\<<esc",
     "Author’s own ‘curly’ and – dash ‘x’ and «y» «‘z’» &lt;&lt;esc"),
    ("He said \"<em>yes</em>\" & '<b>no</b>'", "He said “<em>yes</em>” &amp; ‘<b>no</b>’"),
]


@pytest.mark.parametrize("text, expected", SMARTIFY)
def test_smartify_is_kramdowns_smartypants(text, expected):
    """Jekyll's smartify (its SmartyPants converter): entities, escapes, typographic symbols,
    SQ_RULES quotes (after a symbol a quote opens), unclosed tags closed at the end. It was a few
    replacements that left `&`, `<` and `<<` alone."""
    from specsite.jekyll.strings import smartify
    assert smartify(text) == expected


def test_a_posts_excerpt_starts_past_the_blank_lines_after_its_front_matter(built):
    """YAML_FRONT_MATTER_REGEXP's closing `---\\s*$\\n?` takes the blank lines (spaces too) after
    the front matter, so the excerpt is the first paragraph; a post without front matter keeps
    its leading blank line and its excerpt (the text before the first "\\n\\n") is empty
    (pdzaffina/blog's post without front matter)."""
    page = built["pages/post-excerpt-fence.html"]
    assert "fence spaces: [First paragraph after blank lines with spaces.]" in page
    assert "Fence None: []" in page
    assert "Fence None First: [A post without front matter: its first paragraph.]" in page


def test_under_a_collections_dir_a_draft_has_jekylls_path_and_diagnostics_name_the_real_file(tmp_path):
    """Document#relative_path is relative to the collections_dir (`jekyll build --drafts`:
    path=_drafts/draft-one.md); a finding in a document still names my/_b/a.md, the file."""
    import shutil
    from conftest import build_site
    site = tmp_path / "site"
    shutil.copytree(FIXTURES / "collections-dir", site, ignore=shutil.ignore_patterns("_expected"))
    with open(site / "_config.yml", "a") as config:
        config.write("show_drafts: true\n")
    (site / "my" / "_b" / "a.md").write_text("---\ntitle: A\n---\nDoc a, [broken](nowhere.html).\n")
    out = tmp_path / "out"
    built = build_site(site, write=True, out=out)
    draft = next(out.rglob("draft-one.html")).read_text()
    assert "path=_drafts/draft-one.md relative_path=_drafts/draft-one.md" in draft
    assert "collection=posts" in draft and "/my/" not in draft
    broken = [d for d in [*built.diagnostics.sorted(), *built.findings.items] if "nowhere.html" in d.message]
    assert broken and all(d.path == "my/_b/a.md" and d.line == 4 for d in broken), broken


def test_an_excerpt_cut_inside_a_liquid_block_is_a_warning_at_the_block(site_and_out):
    """Jekyll's Excerpt#sanctify_liquid_tags closes a block the separator cuts ({% highlight %} code
    with a blank line) and warns "Excerpt modified in ..."; specsite says so at the block's line."""
    site, _ = site_and_out
    found = [(d.path, d.line) for d in diagnostics_of(site, "excerpt")]
    assert found == [("_posts/2020-03-01-excerpt-in-block.md", 5)]


def test_a_page_excerpt_cut_inside_a_liquid_block_is_a_warning_too(site_factory):
    """With page_excerpts Jekyll makes a page's excerpt too, and warns as for a document
    (checked against Jekyll 4.3.1: "Excerpt modified in p.md!")."""
    page = "---\ntitle: p\n---\nIntro:\n{% highlight ruby %}\na = 1\n\nb = 2\n{% endhighlight %}\nEnd\n"
    for excerpts, expected in ((True, [("p.md", 5)]), (False, [])):
        site = site_factory({"_config.yml": f"page_excerpts: {str(excerpts).lower()}\n", "p.md": page})
        assert [(d.path, d.line) for d in diagnostics_of(site, "excerpt")] == expected


def test_the_http_lexer_writes_rouges_classes(built):
    """rouge's HTTP lexer (lexers/http.rb): `HTTP` is Keyword, a header's colon Punctuation, its
    value a String (Pygments: Keyword.Reserved, Operator, Literal); the page comparison reads a
    <pre> by its text, so the classes are checked here, against Jekyll's own output."""
    page, expected = built["pages/http-lexer.html"], html_files(EXPECTED)["pages/http-lexer.html"]
    for span in ('<span class="k">HTTP</span><span class="o">/</span>',
                 '<span class="na">Host</span><span class="p">:</span> <span class="s">example.org</span>',
                 '<span class="na">Location</span><span class="p">:</span> <span class="s">/parts/1</span>'):
        assert span in expected and span in page


def test_scssify_and_sassify_compile_as_jekylls_converter(built):
    """Jekyll::Filters#scssify/#sassify: the site's Sass converter with no page (compact style,
    no source map); the page comparison collapses whitespace, so the CSS is compared as written."""
    expected = html_files(EXPECTED)["pages/scssify.html"]
    assert "header.docs svg { width: 25%; }" in expected
    assert built["pages/scssify.html"].split("<style>", 1)[1] == expected.split("<style>", 1)[1]


def test_a_sass_error_in_scssify_is_a_diagnostic(site_factory):
    """Jekyll stops at a Sass syntax error in the filter; specsite reports it at the page."""
    site = site_factory({"_config.yml": "title: t\n", "a.html": "---\n---\n{{ 'a { b: ' | scssify }}\n"})
    found = [d for d in diagnostics_of(site) if "scssify" in d.message]
    assert found and found[0].severity == "error" and found[0].path == "a.html" and found[0].line == 3


def _pages_in_read_order(tmp_path) -> tuple:
    """A site whose folders each hold an index.md, and a page printing site.pages' paths."""
    from conftest import make_site
    files = {"_config.yml": "title: t\n", "_layouts/plain.html": "{{ content }}",
             "list.html": "---\nlayout: plain\n---\n{% for p in site.pages %}{{ p.path }};{% endfor %}"}
    for name in "abcdefgh":
        files[f"{name}/index.md"] = "---\n---\nx\n"
    root = make_site(tmp_path / "site", files)
    listed = [name for name in os.listdir(root) if name in "abcdefgh" and len(name) == 1]
    return root, "".join(f"{name}/index.md;" for name in listed) + "list.html;"


def test_site_pages_of_equal_names_come_in_the_file_systems_order(tmp_path):
    """Reader#read_directories reads a folder's entries as Dir.entries gives them (not sorted; on
    ext4 hashed) and sort_by!(&:name) keeps that order for the equal names: the Fiscal Data Package
    spec (openspending) lists its examples/*/index.md pages by an equal `order`."""
    root, expected = _pages_in_read_order(tmp_path)
    site = build_site(root)
    assert output_of(site, "list.html") == expected


@pytest.mark.skipif(shutil.which("jekyll") is None, reason="jekyll is not installed")
def test_jekyll_lists_site_pages_of_equal_names_in_the_file_systems_order(tmp_path):
    """The rule above, as this machine's Jekyll applies it."""
    root, expected = _pages_in_read_order(tmp_path)
    jekyll_build(root, tmp_path / "out")
    assert (tmp_path / "out" / "list.html").read_text() == expected
@pytest.mark.parametrize("params", ["k=page.a[0]", 'k="1" | xml_escape', 'k="2"j=3'])
def test_include_parameters_jekyll_rejects_stop_the_build_at_their_line(site_factory, params):
    """IncludeTag#validate_params (FULL_VALID_SYNTAX: name=value pairs, each value a quoted string or a
    plain variable, each followed by a space) raises whatever Liquid's error mode: Jekyll stops with
    "Invalid syntax for include tag". Also inside an include that lax parsing reads (a Liquid syntax
    error before it), and for include_relative with a variable file name."""
    site = site_factory({
        "_config.yml": "title: t\n",
        "_layouts/default.html": "{{ content }}",
        "_includes/x.html": "x={{ include.k }}",
        "_includes/grid.html": "{% if {{include.t}} == 'a' %}a{% endif %}\n"
                               "{% include_relative {{include.f}} " + params + " %}",
        "a.md": "---\n---\ntext\n\n{% include x.html " + params + " %}\n",
        "b.md": "---\n---\n{% include grid.html f=\"a.md\" t=\"a\" %}\n",
    })
    errors = [(d.path, d.line) for d in diagnostics_of(site, "liquid-error")
              if "Invalid syntax for include tag" in d.message]
    assert ("a.md", 5) in errors and ("_includes/grid.html", 2) in errors


def test_include_parameters_jekyll_accepts_still_pass(site_factory, tmp_path):
    out = tmp_path / "out"
    site_factory({"_config.yml": "title: t\n", "_layouts/default.html": "{{ content }}",
                  "_includes/x.html": "{{ include.k }}-{{ include.j }}",
                  "a.html": "---\nv: 7\n---\n{% include x.html k='1' j=page.v %} {% include x.html  k = \"q\\\"\" %}\n"},
                 write=True, out=out)
    assert "1-7" in (out / "a.html").read_text() and 'q"-' in (out / "a.html").read_text()


def test_a_highlight_tags_code_is_written_as_jekyll_writes_it(built):
    """The highlight tag's figure is raw HTML to kramdown: `[^` in the code is no footnote (no `\\`
    added), ` * x` no list item (the lines after it keep their indent), and a blank line in the code
    is written as a blank line, byte for byte (pages/highlight-raw-lines.md)."""
    page = built["pages/highlight-raw-lines.html"]
    assert "'[^`\\\\]+'" in page and "\\[^" not in page
    assert ' */</span>\n\n<span class="kn">namespace</span>' in page


def test_kramdown_header_offset_from_the_config_shifts_markdown_headings(site_factory, tmp_path):
    """kramdown's header_offset (an Integer option: the text "2" as Integer("2")), within 1..6
    (html.rb output_header_level). Real Jekyll 4.3.1 wrote this page's body."""
    config = 'title: t\nmarkdown: kramdown\nkramdown:\n  header_offset: "2"\n'
    out = tmp_path / "out"
    site_factory({"_config.yml": config, "_layouts/default.html": "{{ content }}",
                  "a.md": "---\nlayout: default\n---\n# A\n\n##### E\n"}, write=True, out=out)
    assert normalised((out / "a.html").read_text()) == normalised('<h3 id="a">A</h3>\n\n<h6 id="e">E</h6>\n')


def test_a_header_offset_kramdown_rejects_fails_the_build_at_its_line(tmp_path):
    """Jekyll: "Conversion error: ... Invalid integer value for option 'header_offset': 'one'"."""
    from specsite.config import ConfigError, load_config
    (tmp_path / "_config.yml").write_text("title: t\nkramdown:\n  header_offset: one\n")
    with pytest.raises(ConfigError) as err:
        load_config(tmp_path, tmp_path / "out")
    assert err.value.line == 3 and "header_offset" in err.value.message


def test_no_break_and_ideographic_spaces_stay_in_cells_and_code_spans(built):
    """kramdown's String#strip and `\\s` are ASCII: the cells keep their U+3000 and U+00A0 (the
    normalised comparison collapses them, so the bytes are asserted here), and a backtick next to
    them opens a code span."""
    page = built["pages/ruby-blanks-in-spans.html"]
    assert "<td>\u3000x\u3000</td>" in page and "<td>\u00a0y\u00a0</td>" in page and "<td>\u3000</td>" in page
    assert 'highlighter-rouge">\u3000code\u3000</code>' in page and 'highlighter-rouge">\u00a0</code>' in page
    assert "<dt>term\u3000</dt>" in page and "<dt>\u00a0term two\u00a0</dt>" in page


def test_front_matter_after_a_byte_order_mark_is_no_front_matter(site_and_out):
    """Utils.has_yaml_header? reads the raw first line (`\\A---\\s*\\r?\\n`): with a byte-order mark
    first, or words after the dashes, the file is static, copied byte for byte, and the mark gets a
    warning; a form feed after the dashes is Ruby whitespace, so that file is a page (whose
    `---` line Psych then refuses: no front matter)."""
    site, out = site_and_out
    for name in ("bom-front-matter", "front-matter-open-words"):
        assert (out / f"pages/{name}.md").read_bytes() == (SITE / f"pages/{name}.md").read_bytes()
        assert not (out / f"pages/{name}.html").exists()
    assert (out / "pages/front-matter-open-whitespace.html").exists()
    warned = [d for d in diagnostics_of(site, "byte-order-mark") if d.path.startswith("pages/")]
    assert [(d.path, d.line) for d in warned] == [("pages/bom-front-matter.md", 1)]
    assert "byte-order mark" in warned[0].message and warned[0].hint


def test_data_files_with_a_byte_order_mark_read_as_jekyll_reads_them_and_are_warned(site_and_out):
    """DataReader keeps a byte-order mark (no `bom|` in site.file_read_opts): libyaml takes it as a
    column, so YAML ends at its first line in column 0; each file where that loses data, and the
    CSV whose first column is named with the mark, gets a warning at line 1; JSON loses nothing."""
    site, _out = site_and_out
    warned = sorted(d.path for d in diagnostics_of(site, "byte-order-mark") if d.path.startswith("_data/"))
    assert warned == ["_data/bom/glossary.yml", "_data/bom/requirements.csv", "_data/bom/sidebar.yml"]
    assert site.sources.data["bom"]["sidebar"] == {"entries": None}
    assert site.sources.data["crlf_quoted"] == [{"Id": "R-1", "Description": "a\r\nb"}]


def test_a_page_that_is_not_utf8_is_written_as_jekyll_writes_it(site_and_out):
    """Convertible#read raises matching the front matter on bytes that are not UTF-8; Jekyll warns
    and writes the whole file (front matter too) in the defaults' layout, no front matter data, those
    bytes as they are: specsite does the same (it wrote U+FFFD for them before)."""
    site, out = site_and_out
    assert (out / "pages/not-utf8.htm").read_bytes() == (EXPECTED / "pages/not-utf8.htm").read_bytes()
    warned = [d for d in diagnostics_of(site, "encoding") if d.path == "pages/not-utf8.htm"]
    assert [(d.severity, d.line) for d in warned] == [("warning", 4)] and "U+FFFD" in warned[0].message


def test_a_crlf_posts_excerpt_is_its_whole_text(site_factory, tmp_path):
    """Jekyll reads a file's "\\r\\n" as written; Excerpt#extract_excerpt partitions the content at
    excerpt_separator "\\n\\n", which "\\r\\n\\r\\n" does not hold, so a Windows-edited post's excerpt is all
    of it (feed.xml, post lists). Real Jekyll 4.3.1 wrote this body; specsite read the text with
    universal newlines and cut the excerpt at the first paragraph."""
    out = tmp_path / "out"
    post = "---\r\ntitle: CRLF post\r\n---\r\nFirst paragraph of the post.\r\n\r\nSecond paragraph.\r\n\r\nThird.\r\n"
    site_factory({"_config.yml": "title: t\n", "_layouts/default.html": "{{ content }}",
                  "_posts/2020-01-02-crlf-post.md": post,
                  "excerpts.md": "---\n---\n{% for p in site.posts %}[{{ p.excerpt | strip_html | strip }}] "
                                 "size={{ p.content | size }}{% endfor %}\n"}, write=True, out=out)
    assert (out / "excerpts.html").read_text() == \
        "<p>[First paragraph of the post.</p>\n\n<p>Second paragraph.</p>\n\n<p>Third.] size=77</p>\n"


def test_a_windows_edited_sites_liquid_keeps_its_crlf(site_factory, tmp_path):
    """Ruby Liquid keeps a template's "\\r\\n": a capture's `size` counts it, `split` on it finds it, and a
    page no converter reads (an .html page, a layout) is written with it; kramdown reads a markdown
    page's as "\\n". python-liquid's output buffer read it back as "\\n" (universal newlines; a "\\r"
    and a "\\n" written apart came out as two line breaks). Bodies written by real Jekyll 4.3.1."""
    out = tmp_path / "out"
    crlf = lambda text: text.replace("\n", "\r\n")  # noqa: E731
    site_factory({"_config.yml": "title: t\n", "_layouts/default.html": "{{ content }}",
                  "_layouts/crlf.html": crlf("<html>\n<body>\n{{ content }}\n</body>\n</html>\n"),
                  "_includes/inc.html": crlf("<div>\ninclude line\n</div>\n"),
                  "page.html": crlf("---\ntitle: CRLF html\n---\n<p>html page\nsecond line</p>\n{% include inc.html %}\n"),
                  "in-layout.md": crlf("---\nlayout: crlf\n---\npara {{ 1 }}\n\n{% include inc.html %}\n"),
                  "capture.md": crlf('---\n---\n{% capture cap %}\nl1\nl2\n{% endcapture %}\n'
                                     'size {{ cap | size }} lines {{ cap | split: "\n" | size }}\n')},
                 write=True, out=out)
    assert (out / "page.html").read_bytes() == \
        b"<p>html page\r\nsecond line</p>\r\n<div>\r\ninclude line\r\n</div>\r\n\r\n"
    assert (out / "in-layout.html").read_bytes() == \
        b"<html>\r\n<body>\r\n<p>para 1</p>\n\n<div>\ninclude line\n</div>\n\n\r\n</body>\r\n</html>\r\n"
    assert (out / "capture.html").read_bytes() == b"\n<p>size 10 lines 3</p>\n"
