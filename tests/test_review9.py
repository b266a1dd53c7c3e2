"""Review 9 of session 8's changes: defects found by building edge inputs with Jekyll 4.3.1 and
specsite. Each test quotes Jekyll 4.3.1's own output for the same files."""
from __future__ import annotations

import re

from conftest import built_text, make_site, run_cli


# --- site.related_posts: the `site` a document sees is still a SiteDrop (no size) ----------------

def test_site_size_is_zero_in_a_post_and_its_layout(tmp_path):
    """(related_site copied `site` into a plain dict for each document, whose size is its keys)"""
    files = {"_layouts/post.html": "L {{ site | size }} {{ site.related_posts | size }} {{ content }}",
             "_posts/2020-01-01-a.md": "---\nlayout: post\ntitle: A\n---\nA {{ site | size }}\n",
             "_posts/2020-01-02-b.md": "---\nlayout: post\ntitle: B\n---\nB {{ site | size }}\n"}
    assert built_text(tmp_path, files, "2020/01/01/a.html") == "L 0 1 <p>A 0</p>"  # (Jekyll 4.3.1)


# --- a link label alone on its line: `&#58;` only where cmark would read a definition ------------

def test_a_bare_label_line_inside_a_code_span_or_math_keeps_its_colon(tmp_path):
    """(b17a612 wrote every `[x]:` line's colon as `&#58;`, also inside a code span or a math
    block running over lines, where it is printed as `&amp;#58;`, and inside an HTML block; a
    definition starts no paragraph's continuation line, for cmark as for kramdown)"""
    body = ("text `code\n[a]:\nmore` end\n\n$$\n[b]:\n$$\n\n<div>\n[c]:\n</div>\n\n"
            "para\n[d]:\nhttp://x\n\n[e]:\nhttp://y\n\n[e]\n")
    out = built_text(tmp_path, {"index.md": "---\nlayout: none\n---\n" + body})
    assert out == ('<p>text <code class="language-plaintext highlighter-rouge">code [a]: more</code> end</p> '
                   '\\[[b]:\\] <div> [c]: </div> <p>para [d]: http://x</p> <p>[e]: http://y</p> '
                   '<p>[e]</p>')  # (Jekyll 4.3.1)


# --- duplicate link ids: a definition in indented code (by tabs, in a quote) is code ---------------

def test_a_definition_indented_by_tabs_or_in_a_quotes_code_is_code(tmp_path):
    """(bc26a64 reads definitions after any indentation; its indented-code test counted a tab as
    one column and did not look past `> `: such a code block's text was rewritten to the other
    definition's target, and a link took the code's target)"""
    body = ("[a]: http://x\n\n\t[a]: http://y\n\n[a]\n\n- item\n\n\t\t[c]: http://y\n\n[c]: http://x\n\n[c]\n\n"
            ">     [d]: http://y\n\n[d]: http://z\n\n[d]\n")
    out = built_text(tmp_path, {"index.md": "---\nlayout: none\n---\n" + body})
    out = re.sub(r"> <", "><", out)
    assert out == ('<div class="language-plaintext highlighter-rouge"><div class="highlight"><pre class="highlight">'
                   '<code>[a]: http://y </code></pre></div></div><p><a href="http://x">a</a></p><ul><li><p>item</p>'
                   '<div class="language-plaintext highlighter-rouge"><div class="highlight"><pre class="highlight">'
                   '<code> [c]: http://y </code></pre></div></div></li></ul><p><a href="http://x">c</a></p><blockquote>'
                   '<div class="language-plaintext highlighter-rouge"><div class="highlight"><pre class="highlight">'
                   '<code>[d]: http://y </code></pre></div></div></blockquote><p><a href="http://z">d</a></p>'
                   )  # (Jekyll 4.3.1)


def test_a_definition_in_fenced_code_in_a_quote_or_a_nested_item_is_code(tmp_path):
    """(bc26a64 reads definitions after `> ` and at any indentation, but the fenced code it skips
    was a fence at the margin only: the code's text was rewritten to the later definition's)"""
    body = ("> ```\n> [q]: http://y\n> ```\n\n[q]: http://x\n\n[q]\n\n"
            "- a\n  - b\n\n    ```\n    [r]: http://y\n    ```\n\n[r]: http://x\n\n[r]\n")
    out = re.sub(r"> <", "><", built_text(tmp_path, {"index.md": "---\nlayout: none\n---\n" + body}))
    code = '<div class="language-plaintext highlighter-rouge"><div class="highlight"><pre class="highlight"><code>'
    assert out == (f'<blockquote>{code}[q]: http://y </code></pre></div></div></blockquote><p><a href="http://x">q</a>'
                   f'</p><ul><li>a <ul><li><p>b</p>{code}[r]: http://y </code></pre></div></div></li></ul></li></ul>'
                   '<p><a href="http://x">r</a></p>')  # (Jekyll 4.3.1)


# --- the date filter: Ruby's directives for a Unix time and a Date too -------------------------------

def test_ruby_strftime_directives_of_a_unix_time_and_a_date(tmp_path):
    """(6669c7f writes %L, %N, %:z for a date or a date string, not for an integer, which Liquid
    reads as Time.at (local time): they were printed as written, and %z was empty; a Date prints
    %z as +0000 and %Z as +00:00; a float or true is printed as it is, and so is the date for an
    empty format, where specsite stopped with an error)"""
    body = ('A {{ 1583298367 | date: "%L %:z %z %N %H" }} B {{ "1583298367" | date: "%L %:z %z" }} '
            'C {{ page.d | date: "%z %:z %Z" }} D {{ 1583298367.5 | date: "%L" }}\n'
            'E [{{ page.d | date: nil }}] [{{ page.d | date: "" }}] [{{ true | date: "%Y" }}] '
            '[{{ "NOW" | date: "%Y" | size }}]\n')
    out = built_text(tmp_path, {"_config.yml": "title: T\ntimezone: Asia/Kolkata\n",
                            "index.md": "---\nlayout: none\nd: 2020-03-04\n---\n" + body})
    assert out == ("<p>A 000 +05:30 +0530 000000000 10 B 000 +05:30 +0530 C +0000 +00:00 +00:00 D 1583298367.5 "
                   "E [2020-03-04] [2020-03-04] [true] [4]</p>")  # (Jekyll 4.3.1)


# --- markdown="span": a link's destination on the line after its `](` ------------------------------

def test_a_span_links_destination_on_the_next_line_has_no_span_mark(tmp_path):
    """(512cb28 left a line unmarked when it goes on with `)` or a title; a destination alone on
    the next line got the span mark, U+2E2E, in its href)"""
    body = '<p markdown="span">[a](\nhttp://x) y [b](\n/b.html "t") z [c](\n# not a heading\n</p>\n'
    out = built_text(tmp_path, {"index.md": "---\nlayout: none\n---\n" + body})
    jekyll = '<p><a href="http://x">a</a> y <a href="/b.html" title="t">b</a> z [c]( # not a heading </p>'
    assert out.replace(" </p>", "</p>") == jekyll.replace(" </p>", "</p>")  # (Jekyll 4.3.1, modulo whitespace)


def test_a_span_elements_html_tag_over_two_lines_is_a_tag(tmp_path):
    """(the span mark at every line start split a tag whose attributes go on to the next line: the
    tag was written as text, `&lt;img src=...`)"""
    from htmlnorm import normalised
    body = '<p markdown="span"><img src="x.png"\nalt="y"> and <a\nhref="/index.html">z</a>\n# not a heading\n</p>\n'
    out = built_text(tmp_path, {"index.md": "---\nlayout: none\n---\n" + body})
    jekyll = '<p><img src="x.png" alt="y" /> and <a href="/index.html">z</a> # not a heading </p>'  # (Jekyll 4.3.1)
    assert normalised(out) == normalised(jekyll)


def test_a_fraction_of_a_second_wider_than_ruby_writes_is_a_finding(tmp_path):
    """(Jekyll: `Numerical result out of range - %99999999999999N`, the build stops; specsite
    made a string of that width: MemoryError, an internal error)"""
    src = make_site(tmp_path / "site", {"_config.yml": "title: T\n", "_layouts/none.html": "{{ content }}",
                                        "index.md": '---\nlayout: none\n---\n\n{{ "now" | date: "%99999999999999N" }}\n'})
    import contextlib
    import io
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        code = run_cli(["build", "--source", src, "--out", tmp_path / "out", "--no-cache"])
    assert code == 1
    assert "index.md:5:" in err.getvalue() and "out of range" in err.getvalue()
    assert "internal-error" not in err.getvalue()


# --- a collection's `order:` names paths in its folder ----------------------------------------------

def test_a_collections_order_names_files_in_subfolders_by_their_path(tmp_path):
    """(Collection#rearrange_docs! keys each entry as File.join(relative_directory, entry):
    `sub/x.md` is _b/sub/x.md; specsite matched entries by file name, so `sub/x.md` matched nothing
    and `m.md` matched _b/sub/m.md as well)"""
    files = {"_config.yml": "title: T\ncollections:\n  b:\n    output: false\n    order: [sub/x.md, a.md, m.md, a.md]\n",
             "_b/a.md": "---\n---\n", "_b/m.md": "---\n---\n", "_b/sub/x.md": "---\n---\n", "_b/c.md": "---\n---\n",
             "_b/sub/m.md": "---\n---\n",
             "index.md": "---\nlayout: none\n---\nB {{ site.b | map: \"path\" | join: \",\" }}\n"}
    assert built_text(tmp_path, files) == "<p>B _b/sub/x.md,_b/a.md,_b/m.md,_b/c.md,_b/sub/m.md</p>"  # (Jekyll 4.3.1)


def test_a_collections_order_under_a_collections_dir(tmp_path):
    files = {"_config.yml": "title: T\ncollections_dir: my\ncollections:\n  b:\n    output: false\n"
                            "    order: [sub/x.md, a.md]\n",
             "my/_b/a.md": "---\n---\n", "my/_b/sub/x.md": "---\n---\n", "my/_b/c.md": "---\n---\n",
             "index.md": "---\nlayout: none\n---\nB {{ site.b | map: \"name\" | join: \",\" }}\n"}
    assert built_text(tmp_path, files) == "<p>B x.md,a.md,c.md</p>"  # (Jekyll 4.3.1)


# --- Liquid's divided_by with a decimal zero, defaults' scope globs with braces ----------------------

def test_dividing_by_a_decimal_zero_is_infinity_or_nan(tmp_path):
    """(057bea6 made every division by zero Liquid's 'divided by 0' error, which stops the build;
    with a decimal operand it is BigDecimal's division: Infinity, -Infinity or NaN)"""
    body = ("{{ 5 | divided_by: 0.0 }} {{ 0 | divided_by: 0.0 }} {{ -5 | divided_by: 0.0 }} "
            "{{ 5.0 | divided_by: 0 }} {{ \"5\" | divided_by: \"0.0\" }}\n")
    out = built_text(tmp_path, {"index.md": "---\nlayout: none\n---\n" + body})
    assert out == "<p>Infinity NaN -Infinity Infinity Infinity</p>"  # (Jekyll 4.3.1)


def test_a_defaults_glob_with_braces_is_expanded(tmp_path):
    """(Dir.glob expands `{a,b}`; Python's glob does not: d2ce409's glob_scope found nothing)"""
    files = {"_config.yml": "title: T\ndefaults:\n  - scope: {path: \"{a,b}/*\"}\n    values: {v: brace}\n",
             "a/x.md": "---\nlayout: none\n---\n[{{ page.v }}]\n", "b/y.md": "---\nlayout: none\n---\n[{{ page.v }}]\n",
             "c/z.md": "---\nlayout: none\n---\n[{{ page.v }}]\n"}
    assert built_text(tmp_path, files, "a/x.html") == "<p>[brace]</p>"  # (Jekyll 4.3.1)
    assert (tmp_path / "out" / "b" / "y.html").read_text().strip() == "<p>[brace]</p>"
    assert (tmp_path / "out" / "c" / "z.html").read_text().strip() == "<p>[]</p>"


# --- smartify: raw content elements keep their text --------------------------------------------------

def test_smartify_leaves_code_script_and_the_other_raw_elements_as_written(tmp_path):
    """(kramdown's span HTML of an HTML_CONTENT_MODEL_RAW element is raw: no quotes, symbols nor
    entities inside; dab3573's smartify curled them: <code>“x“ – y</code>)"""
    body = ('{% capture a %}x <code>a <b>"q"</b> -- &quot;</code> <script>s("x")</script> <samp>"S"</samp> "z" '
            '<code>"open{% endcapture %}<p>[{{ a | smartify }}]</p>\n')
    out = built_text(tmp_path, {"index.html": "---\nlayout: none\n---\n" + body})
    assert out == ('<p>[x <code>a <b>"q"</b> -- &quot;</code> <script>s("x")</script> <samp>"S"</samp> “z” '
                   '<code>"open </code>]</p>')  # (Jekyll 4.3.1)


# --- for loops: limit 0, nil limits and offsets (For#collection_segment) ----------------------------

def test_a_for_loops_limit_zero_is_no_item_and_nil_is_no_limit(tmp_path):
    """(python-liquid's slice took every item for `limit: 0` (`stop or length`) and stopped the
    build with 'expected an integer' for a nil limit or offset)"""
    body = ('N{% for i in page.arr limit: 0 %}x{% else %}none{% endfor %} {% assign z = 0 %}'
            '{% for i in page.arr limit: z %}y{% endfor %} {% for i in page.arr limit: nil %}w{% endfor %} '
            '{% for i in page.arr limit: -1 %}v{% endfor %}\n'
            'O{% for i in page.arr offset: nil %}{{ i }}{% endfor %} {% for i in page.arr offset: missing limit: missing %}'
            '{{ i }}{% endfor %} {% for i in page.arr offset: -2 limit: 3 %}{{ i }}{% endfor %}\n'
            'P{% for i in page.arr offset: 10 %}{{ i }}{% endfor %}|{% for i in page.arr offset: continue %}{{ i }}{% endfor %}\n'
            'Q{% for i in page.arr limit: 2 %}{{ i }}{% endfor %}|{% for i in page.arr offset: continue limit: 0 %}{{ i }}'
            '{% endfor %}|{% for i in page.arr offset: continue %}{{ i }}{% endfor %}\n'
            'R{% for i in page.arr reversed offset: 3 limit: 10 %}{{ i }}{% endfor %} '
            '{% for i in (1..5) limit: "2" offset: "1" %}{{ i }}{% endfor %}\n'
            'T{% for i in page.arr offset: -2 %}{{ i }}{% endfor %}|{% for i in page.arr offset: continue %}{{ i }}{% endfor %}\n'
            'U{% for i in page.arr limit: 1 %}{% for j in page.arr offset: continue limit: 2 %}{{ j }}{% endfor %}{% endfor %}'
            '{% for j in page.arr offset: continue %}{{ j }}{% endfor %}\n')
    out = built_text(tmp_path, {"index.html": "---\nlayout: none\narr: [1, 2, 3, 4, 5]\n---\n" + body})
    assert out == "Nnone wwwww O12345 12345 1 P| Q12||345 R54 23 T12345|45 U12345"  # (Jekyll 4.3.1)


# --- numbers as Ruby reads and writes them ------------------------------------------------------------

def test_a_numbers_underscores_and_a_big_floats_exponent(tmp_path):
    """(String#to_i reads `_` between digits: 057bea6's to_number stopped at it; Float#to_s writes
    a whole number of 16 digits with an exponent, Python's repr from 17)"""
    body = ('{{ "1_000" | plus: 0 }} {{ " 1_0_0x" | plus: 0 }} {{ "1__0" | plus: 0 }} {{ 9007199254740993 | plus: 0.0 }} '
            '{{ 1000000000000000 | times: 1.0 }} {{ 999999999999999 | plus: 0.0 }} {{ 2500000000000000.0 }}\n')
    out = built_text(tmp_path, {"index.md": "---\nlayout: none\n---\n" + body})
    assert out == "<p>1000 100 1 9.007199254740992e+15 1.0e+15 999999999999999.0 2.5e+15</p>"  # (Jekyll 4.3.1)


# --- a link title keeps its backslashes when it is alone on the definition's next line ----------------

def test_a_definitions_title_on_the_next_line_keeps_its_backslashes(tmp_path):
    """(e6fd256 restores the written title of an inline link and of a definition's own line; one
    alone on the next line kept cmark's unescaped form: title="next line &quot; t")"""
    body = '[a][r]\n\n[r]: http://x\n  "next line \\" t"\n'
    out = built_text(tmp_path, {"index.md": "---\nlayout: none\n---\n" + body})
    assert out == '<p><a href="http://x" title="next line \\&quot; t">a</a></p>'  # (Jekyll 4.3.1)


def test_a_tablerow_over_no_item_writes_its_first_rows_tags(tmp_path):
    """(Liquid 5.4's tablerow writes `<tr class="row1">` and `</tr>` for any collection but nil
    or false; python-liquid wrote nothing for an empty one)"""
    body = ('S{% tablerow i in page.arr %}{{ i }}{% endtablerow %}|{% tablerow i in nothing %}{{ i }}{% endtablerow %}|'
            '{% tablerow i in page.full limit: 0 %}{{ i }}{% endtablerow %}|{% tablerow i in "" %}{{ i }}{% endtablerow %}|'
            '{% tablerow i in false %}x{% endtablerow %}|{% tablerow i in page.full %}{% endtablerow %}|\n')
    out = built_text(tmp_path, {"index.html": "---\nlayout: none\narr: []\nfull: [1, 2]\n---\n" + body})
    assert out == ('S<tr class="row1"> </tr> ||<tr class="row1"> </tr> |<tr class="row1"> </tr> ||<tr class="row1"> '
                   '<td class="col1"></td><td class="col2"></td></tr> |')  # (Jekyll 4.3.1)
