"""Session 8's fidelity fixes, each checked against Jekyll 4.3.1 (its output on a small site, quoted)."""
from __future__ import annotations

import re

from conftest import built_text, make_site, run_cli


# --- Document#<=>: dates only when both documents have one in their data, else paths ------------

_DATED = {
    "_config.yml": "title: T\ncollections:\n  b:\n    output: false\n",
    "_b/a.md": "---\n---\n", "_b/m.md": "---\n---\n", "_b/c.md": "---\ndate: 2019-01-01\n---\n",
    "_b/y.md": "---\ndate: 2021-01-01\n---\n", "_b/z.md": "---\ndate: 2020-01-01\n---\n",
}


def test_a_collection_with_some_dated_documents_is_in_document_order(tmp_path):
    """(an undated document's data has no date when Jekyll sorts: it compares by path with every other)"""
    out = built_text(tmp_path, {**_DATED, "index.md": "---\nlayout: none\n---\n"
                            "B: {{ site.b | map: \"path\" | join: \",\" }}\n"})
    assert out == "<p>B: _b/a.md,_b/c.md,_b/m.md,_b/z.md,_b/y.md</p>"  # (Jekyll 4.3.1)


def test_sort_without_a_property_on_documents_is_document_order(tmp_path):
    """(Jekyll's sort: Array#sort of the Documents, Document#<=>; a collection's `order:` comes first
    in the loop, not in the sort)"""
    config = "title: T\ncollections:\n  b:\n    output: false\n    order: [m.md, y.md]\n"
    out = built_text(tmp_path, {**_DATED, "_config.yml": config, "index.md": "---\nlayout: none\n---\n"
                            "B: {{ site.b | map: \"path\" | join: \",\" }}\n\n"
                            "S: {{ site.b | sort | map: \"path\" | join: \",\" }}\n"})
    assert out == ("<p>B: _b/m.md,_b/y.md,_b/a.md,_b/c.md,_b/z.md</p> "
                   "<p>S: _b/a.md,_b/c.md,_b/m.md,_b/z.md,_b/y.md</p>")  # (Jekyll 4.3.1)


# --- `empty` and `blank` as filter arguments (Jekyll's Liquid::Expression::MethodLiteral) --------

_ITEMS = ('- {n: a, t: ""}\n- {n: b, t: []}\n- {n: c, t: [""]}\n- {n: d, t: {}}\n- {n: e, t: " "}\n'
          '- {n: f, t: 0}\n- {n: g}\n- {n: h, t: [[], ""]}\n- {n: i, t: false}\n')


def test_where_with_empty_or_blank_matches_what_joins_to_nothing(tmp_path):
    """compare_property_vs_target: a MethodLiteral target matches '' or Array(property).join == ''
    (nil, [], {}, [[], '']); a where_exp `== empty` is Ruby's == with that object (no item);
    a filter taking it as a string reads ''. No warning: Liquid 5.4 parses it."""
    body = ('A: {{ site.data.x | where: "t", empty | map: "n" | join: "," }}\n'
            'B: {{ site.data.x | where: "t", blank | map: "n" | join: "," }}\n'
            'C: [{{ "x" | append: empty }}] [{{ site.data.x | find: "t", empty | map: "n" }}]\n'
            'D: {{ site.data.x | where_exp: "i", "i.t == empty" | map: "n" | join: "," }}\n'
            'E: {{ site.data.x | where_exp: "i", "i.t != blank" | map: "n" | join: "," }} / '
            '{{ site.data.x | where: "t", "" | map: "n" | join: "," }} / '
            '{{ site.data.x | where_exp: "i", "i.n == \'a\' or i.t == empty" | map: "n" | join: "," }}\n')
    out = built_text(tmp_path, {"_data/x.yml": _ITEMS, "index.md": "---\nlayout: none\n---\n" + body})
    assert out == ("<p>A: a,b,c,d,g,h B: a,b,c,d,g,h C: [x] [a] D: "
                   "E: a,b,c,d,e,f,g,h,i / a,c,h / a</p>")  # (Jekyll 4.3.1)


def test_the_size_of_site_is_0(tmp_path):
    """(Liquid's size: a SiteDrop has no `size` method)"""
    out = built_text(tmp_path, {"index.md": "---\nlayout: none\n---\n{{ site | size }} {{ site.pages | size }}\n"})
    assert out == "<p>0 1</p>"  # (Jekyll 4.3.1)


# --- a link definition's target on the next line: kramdown's LINK_DEFINITION_START wants it on the label's ---

def test_a_label_alone_on_its_line_is_no_definition(tmp_path):
    body = ("See [b] and [c] and [d].\n\n[b]:\nhttp://b.example\n\n[c]:\n  <http://c.example>\n\n"
            "[d]: <http://d.example>\n\"title d\"\n\n```\n[f]:\nhttp://f\n```\n\n> [h]:\n> http://h\n\n"
            "* [j]:\n  http://j\n\nSee [h] and [j].\n")
    out = built_text(tmp_path, {"index.md": "---\nlayout: none\n---\n" + body})
    assert out == (  # (Jekyll 4.3.1)
        '<p>See [b] and [c] and <a href="http://d.example" title="title d">d</a>.</p> <p>[b]: http://b.example</p> '
        '<p>[c]: <a href="http://c.example">http://c.example</a></p> <div class="language-plaintext highlighter-rouge">'
        '<div class="highlight"><pre class="highlight"><code>[f]: http://f </code></pre></div></div> '
        '<blockquote> <p>[h]: http://h</p> </blockquote> <ul> <li>[j]: http://j</li> </ul> <p>See [h] and [j].</p>')


# --- page_excerpts: true (Page#generate_excerpt: an HTML page's PageExcerpt) --------------------

def test_page_excerpts_give_html_pages_their_first_paragraph(tmp_path):
    layout = '<div class="ex">{{ page.excerpt }}</div>\n<pre>{{ page | jsonify | xml_escape }}</pre>\n{{ content }}'
    files = {
        "_config.yml": "title: T\npage_excerpts: true\n", "_layouts/default.html": layout,
        "index.md": ("---\nlayout: default\ntitle: Home\n---\nFirst *para* of home {{ page.title }}.\n\nSecond para.\n\n"
                     "{% for p in site.pages %}<p>{{ p.path }}: [{{ p.excerpt | strip_html | strip }}]</p>\n"
                     "{% endfor %}\n"),
        "h.html": "---\ntitle: H\n---\n<p>html page first</p>\n\n<p>second</p>\n",
        "f.xml": "---\nlayout: null\n---\n<x>one</x>\n\n<y>two</y>\n",
        "given.md": "---\nexcerpt: Given text\n---\nBody one.\n\nBody two.\n",
    }
    out = built_text(tmp_path, files)
    assert out == (  # (Jekyll 4.3.1)
        '<div class="ex"><p>First <em>para</em> of home Home.</p> </div> <pre>{&quot;layout&quot;:&quot;default&quot;,'
        '&quot;title&quot;:&quot;Home&quot;,&quot;excerpt&quot;:&quot;&lt;p&gt;First &lt;em&gt;para&lt;/em&gt; of home '
        'Home.&lt;/p&gt;\\n&quot;,&quot;content&quot;:&quot;First *para* of home {{ page.title }}.\\n\\nSecond para.\\n\\n'
        '{% for p in site.pages %}&lt;p&gt;{{ p.path }}: [{{ p.excerpt | strip_html | strip }}]&lt;/p&gt;\\n'
        '{% endfor %}\\n&quot;,&quot;dir&quot;:&quot;/&quot;,&quot;name&quot;:&quot;index.md&quot;,&quot;path&quot;:'
        '&quot;index.md&quot;,&quot;url&quot;:&quot;/&quot;}</pre> <p>First <em>para</em> of home Home.</p> '
        '<p>Second para.</p> <p>f.xml: []</p> <p>given.md: [Given text]</p> <p>h.html: [html page first]</p> '
        '<p>index.md: [First para of home Home.]</p>')


# --- duplicate link ids: kramdown's last definition wins, wherever it reads one ------------------

def test_definitions_in_items_and_quotes_count_but_not_in_paragraphs_or_code(tmp_path):
    """(a definition line right after text continues the paragraph; one indented 4 past the
    margin or the item's content is code)"""
    body = ("See [a] and [b].\n\n[a]: http://a1\n\n    [a]: http://a2\n\n* item\n\n      [b]: http://b-code\n\n"
            "  [b]: http://b1\n\n1. one\n   [b]: http://b2\n\n> [a]: http://a3\n")
    out = built_text(tmp_path, {"index.md": "---\nlayout: none\n---\n" + body})
    assert out == (  # (Jekyll 4.3.1)
        '<p>See <a href="http://a3">a</a> and <a href="http://b1">b</a>.</p> <div class="language-plaintext '
        'highlighter-rouge"><div class="highlight"><pre class="highlight"><code>[a]: http://a2 </code></pre></div></div> '
        '<ul> <li> <p>item</p> <div class="language-plaintext highlighter-rouge"><div class="highlight"><pre '
        'class="highlight"><code>[b]: http://b-code </code></pre></div> </div> </li> </ul> <ol> <li>one '
        '<a href="http://b1">b</a>: http://b2</li> </ol> <blockquote> </blockquote>')
    body = ("See [a], [b] and [c].\n\n[a]: http://a1\nSome text\n[a]: http://a2\n\n# H\n[b]: http://b1\n\n"
            "[b]: http://b2\n\n> quote\n> [c]: http://c1\n\n[c]: http://c2\n\n- x\n- [a]: http://a3\n")
    out = built_text(tmp_path / "2", {"index.md": "---\nlayout: none\n---\n" + body}).split("</p>")[0]
    assert out == '<p>See <a href="http://a3">a</a>, <a href="http://b2">b</a> and <a href="http://c2">c</a>.'


# --- kramdown's lazy end: a tag that is no span element's ends a list item's or quote's lazy text ---

def test_a_tag_line_ends_a_list_or_quote_as_kramdown_ends_it(tmp_path):
    body = ("* one\n  more text\n<svg></svg>\nafter\n\n> quote\n>\n> para\n<svg></svg>\n\n- a\n  - nested\n"
            "<video></video>\n\n- y\n<custom-el>z</custom-el>\n\n* k <em>\n<video></video>\n\n1. first\n"
            "<span>x</span> lazy\n")
    out = built_text(tmp_path, {"index.md": "---\nlayout: none\n---\n" + body})
    assert out == (  # (Jekyll 4.3.1)
        '<ul> <li>one more text</li> </ul> <svg></svg> <p>after</p> <blockquote> <p>quote</p> <p>para</p> '
        '</blockquote> <svg></svg> <ul> <li>a <ul> <li>nested</li> </ul> </li> </ul> <video></video> <ul> '
        '<li>y</li> </ul> <custom-el>z</custom-el> <ul> <li>k <em></em></li> </ul> <video></video> <ol> '
        '<li>first <span>x</span> lazy</li> </ol>')


# --- kramdown writes an author's tags anew (converter/html.rb: html_attributes, void elements) -----

def test_an_authors_tags_come_out_as_kramdown_writes_them(tmp_path):
    body = ("Line one<br>two <br/> three <BR> four.\n\n"
            "A <a href='x.html' TITLE=\"a &amp; b\">link</a> and <input disabled> and <span class=c>s</span> "
            "and <a href=\"q?a=1&b=2\">q</a>.\n\n"
            "<div markdown=\"1\">\n**bold** <br> and <img src=\"b.png\">\n<span a='1' b=2>x</span>\n</div>\n\n"
            "<div>\nraw <br> here <img src='c.png'>\n</div>\n\n<details open>\n<summary>S</summary>\n</details>\n\n"
            "<code><br></code> `<br>`\n")
    files = {"index.md": "---\nlayout: none\n---\n" + body, "b.png": "", "c.png": "", "x.html": ""}
    out = re.sub(r">\s+<", "><", built_text(tmp_path, files))
    assert out == re.sub(r">\s+<", "><", (  # (Jekyll 4.3.1)
        '<p>Line one<br />two <br /> three <br /> four.</p> <p>A <a href="x.html" title="a &amp; b">link</a> and '
        '<input disabled="" /> and <span class="c">s</span> and <a href="q?a=1&amp;b=2">q</a>.</p> <div> '
        '<p><strong>bold</strong> <br /> and <img src="b.png" /> <span a="1" b="2">x</span></p> </div> <div> '
        'raw <br /> here <img src="c.png" /> </div> <details open=""> <summary>S</summary> </details> '
        '<p><code><br /></code> <code class="language-plaintext highlighter-rouge">&lt;br&gt;</code></p>'))


def test_nomarkdown_script_and_style_are_written_as_they_are(tmp_path):
    body = ("{::nomarkdown}\n<br><img src='a'>\n{:/}\n\nText {::nomarkdown}<br>{:/nomarkdown} x\n\n"
            "<script>var a = '<br>';</script>\n\n<style>\np { }\n</style>\n\n<textarea><br></textarea>\n")
    out = built_text(tmp_path, {"index.md": "---\nlayout: none\n---\n" + body, "a": ""})
    assert out == ("<br><img src='a'> <p>Text <br> x</p> <script>var a = '<br>';</script> <style> p { } </style> "
                   "<textarea><br /></textarea>")  # (Jekyll 4.3.1)


def test_a_span_elements_self_closed_tag_is_written_with_its_end_tag(tmp_path):
    body = "<a name='x' />text\n\nPara <span class=\"a\"/> and <i class='fa' />.\n\n<div id=\"d\" />\n"
    out = built_text(tmp_path, {"index.md": "---\nlayout: none\n---\n" + body})
    assert out == ('<p><a name="x"></a>text</p> <p>Para <span class="a"></span> and <i class="fa"></i>.</p> '
                   '<div id="d" />')  # (Jekyll 4.3.1)
    body = "Text\n<a name='x' />more\n\n<div id='d' />\n\n* item\n<a name='y' />lazy\n"
    out = built_text(tmp_path / "2", {"index.md": "---\nlayout: none\n---\n" + body})
    assert out == ('<p>Text <a name="x"></a>more</p> <div id="d" /> <ul> <li>item <a name="y"></a>lazy</li> '
                   '</ul>')  # (Jekyll 4.3.1)


def test_quotes_in_code_are_written_as_they_are(tmp_path):
    """(kramdown's escape_html for code and rouge's escape only & < >; an HTML block's entity stays)"""
    body = 'A `"q"` and\n\n```\n"plain"\n```\n\n    indented "code"\n\n<pre>pre &quot; "x"</pre>\n\n<div>a &quot; b</div>\n'
    out = built_text(tmp_path, {"index.md": "---\nlayout: none\n---\n" + body})
    assert out == (  # (Jekyll 4.3.1)
        '<p>A <code class="language-plaintext highlighter-rouge">"q"</code> and</p> <div class="language-plaintext '
        'highlighter-rouge"><div class="highlight"><pre class="highlight"><code>"plain" </code></pre></div></div> '
        '<div class="language-plaintext highlighter-rouge"><div class="highlight"><pre class="highlight"><code>'
        'indented "code" </code></pre></div></div> <pre>pre &quot; "x"</pre> <div>a &quot; b</div>')


# --- rouge's HTML formatter: a token's newlines stay in its span; a JSON key is Name::Label ------------

def test_json_is_highlighted_as_rouge_writes_it(tmp_path):
    body = ('```json\n{\n  "resourceType": "Appointment",\n  "n": 1, "b": true, "x": null,\n'
            '  "arr": ["s", {"k": 2.5}]\n}\n```\n')
    src = make_site(tmp_path / "site", {"_config.yml": "title: T\n", "_layouts/none.html": "{{ content }}",
                                        "index.md": "---\nlayout: none\n---\n" + body})
    assert run_cli(["build", "--source", src, "--out", tmp_path / "out", "--no-cache"]) == 0
    code = (tmp_path / "out" / "index.html").read_text(encoding="utf-8").split("<code>")[1].split("</code>")[0]
    assert code == (  # (Jekyll 4.3.1, byte for byte)
        '<span class="p">{</span><span class="w">\n  </span><span class="nl">"resourceType"</span><span class="p">:'
        '</span><span class="w"> </span><span class="s2">"Appointment"</span><span class="p">,</span><span class="w">\n'
        '  </span><span class="nl">"n"</span><span class="p">:</span><span class="w"> </span><span class="mi">1</span>'
        '<span class="p">,</span><span class="w"> </span><span class="nl">"b"</span><span class="p">:</span><span '
        'class="w"> </span><span class="kc">true</span><span class="p">,</span><span class="w"> </span><span class="nl">'
        '"x"</span><span class="p">:</span><span class="w"> </span><span class="kc">null</span><span class="p">,</span>'
        '<span class="w">\n  </span><span class="nl">"arr"</span><span class="p">:</span><span class="w"> </span><span '
        'class="p">[</span><span class="s2">"s"</span><span class="p">,</span><span class="w"> </span><span class="p">{'
        '</span><span class="nl">"k"</span><span class="p">:</span><span class="w"> </span><span class="mf">2.5</span>'
        '<span class="p">}]</span><span class="w">\n</span><span class="p">}</span><span class="w">\n</span>')


def test_a_span_tag_line_after_an_item_is_the_items_lazy_text(tmp_path):
    """(list.rb's lazy_re stops only at a tag that is no span element's; cmark ends the list at a
    `<br>` line, an HTML block of its kind 7)"""
    body = "1. a\n<br>\n\n- x\n<span>s</span>\n- z\n<em>e</em> more\n"
    out = built_text(tmp_path, {"index.md": "---\nlayout: none\n---\n" + body})
    assert out == ('<ol> <li>a <br /></li> </ol> <ul> <li>x <span>s</span></li> <li>z <em>e</em> more</li> '
                   '</ul>')  # (Jekyll 4.3.1)
