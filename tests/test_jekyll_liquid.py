"""Liquid as Jekyll runs it: Jekyll's tags and filters with Jekyll's results (each expected value
below is what Jekyll 4.3 renders), the site variables, and unknown tags as warnings."""
from __future__ import annotations

import pytest

from conftest import diagnostics_of, page_of

CONFIG = "title: T\nbaseurl: /base\nurl: https://example.org\ncollections:\n  recipes: {output: true}\n"
DATA = """\
list:
  - {name: a, kind: k1, n: "10", tags: [x, y], nested: {v: 1}}
  - {name: b, kind: k2, n: "9", tags: [y]}
  - {name: c, kind: k1, n: "100"}
  - {name: d, n: 2.5}
"""
FILES = {
    "_data/d.yml": DATA,
    "_posts/2020-02-03-first.md": "---\ntitle: First post\ntags: [a, b]\n---\nFirst paragraph of post.\n\nSecond.\n",
    "_posts/2020-05-06-second.md": "---\ntitle: Second\ncategory: news\n---\nOther.\n",
    "_recipes/soup.md": "---\ntitle: Soup\nrating: 3\n---\nSoup.\n",
    "_recipes/cake.md": "---\ntitle: Cake\nrating: 5\n---\nCake.\n",
    "static.txt": "x",
}


def render(site_factory, body: str, *, front: str = "layout: none\n", files: dict | None = None,
           config: str = CONFIG):
    """(site, the HTML of t.html) for a raw HTML page whose body is `body`."""
    site = site_factory({"_config.yml": config, "t.html": f"---\n{front}---\n{body}", **FILES, **(files or {})})
    return site, page_of(site, "t.html").html


@pytest.mark.parametrize("expression, expected", [
    ('site.data.d.list | sort: "n" | map: "name" | join: ","', "d,b,a,c"),  # numeric strings sort as numbers
    ('site.data.d.list | sort: "kind", "last" | map: "name" | join: ","', "a,c,b,d"),
    ('site.data.d.list | sort: "kind" | map: "name" | join: ","', "d,a,c,b"),
    ('site.data.d.list | where: "tags", "y" | map: "name" | join: ","', "a,b"),
    ('site.data.d.list | where: "n", 10 | map: "name" | join: ","', "a"),
    ('site.data.d.list | where: "nested.v", 1 | map: "name" | join: ","', "a"),
    ('site.data.d.list | where_exp: "i", "i.kind == \'k1\'" | map: "name" | join: ","', "a,c"),
    ('site.data.d.list | where_exp: "i", "i.tags contains \'x\' or i.kind == \'k2\'" | map: "name" | join: ","',
     "a,b"),
    ('site.data.d.list | group_by: "kind" | map: "name" | join: ","', "k1,k2,"),
    ('site.data.d.list | group_by_exp: "i", "i.name | upcase" | map: "name" | join: ","', "A,B,C,D"),
    ('site.data.d.list | find: "kind", "k1" | map: "name"', "a"),
    ('site.data.d.list | find_exp: "i", "i.n == \'9\'" | map: "name"', "b"),
    ('"x" | relative_url', "/base/x"),
    ('"/x" | absolute_url', "https://example.org/base/x"),
    ('"a b/é.html" | relative_url', "/base/a%20b/%C3%A9.html"),
    ('"" | relative_url', "/base"),
    ('"https://other.org/x" | relative_url', "https://other.org/x"),
    ('"Hello, World! 1.2 _x_ ü ½" | slugify', "hello-world-1-2-x-ü"),
    ('"Hello World ü!" | slugify: "pretty"', "hello-world-ü!"),
    ('"Hello_World ü!" | slugify: "ascii"', "hello-world"),
    ('"Hällo Wörld" | slugify: "latin"', "hallo-world"),
    ('"Hello  World!" | slugify: "raw"', "hello-world!"),
    ('"Hello World" | slugify: "none"', "hello world"),
    ("page.quotes | xml_escape", "a &apos;b&apos; &quot;c&quot; &lt;d&gt; &amp; é"),
    ("page.uri | uri_escape", "foo,%20bar%20%5Cbaz?%20%C3%A9%20[x]%20%7By%7D"),
    ('"foo,bar;baz? é~*_-." | cgi_escape', "foo%2Cbar%3Bbaz%3F+%C3%A9~%2A_-."),
    ('"Hello 世界 wörld" | number_of_words', "3"),
    ('"Hello 世界 wörld" | number_of_words: "cjk"', "4"),
    ('"  a   b  " | normalize_whitespace', "a b"),
    ('site.data.d.list | map: "name" | array_to_sentence_string: "or"', "a, b, c, or d"),
    ('"ab" | array_to_sentence_string', "a and b"),  # (a string's characters, as Ruby indexes it)
    ('site.data.d.list | map: "n" | inspect', '[&quot;10&quot;, &quot;9&quot;, &quot;100&quot;, 2.5]'),
    ('"2019-03-12" | date_to_xmlschema', "2019-03-12T00:00:00+00:00"),
    ('"2019-03-12" | date_to_rfc822', "Tue, 12 Mar 2019 00:00:00 +0000"),
    ('"2019-03-05" | date_to_string: "ordinal"', "5th Mar 2019"),
    ('"2019-03-05" | date_to_long_string: "ordinal", "US"', "March 5th, 2019"),
    ('"a,b" | split: "," | push: "c" | unshift: "z" | join: "-"', "z-a-b-c"),
    ('"a,b,c" | split: "," | pop | shift | join: "-"', "b"),
    ('site.data.d.list[0] | jsonify', '{"name":"a","kind":"k1","n":"10","tags":["x","y"],"nested":{"v":1}}'),
])
def test_jekyll_filters_give_jekylls_results(site_factory, expression, expected, monkeypatch):
    """Each filter gives what Jekyll 4.3 gives for the same input."""
    monkeypatch.setenv("TZ", "UTC")
    front = "layout: none\nquotes: a 'b' \"c\" <d> & é\nuri: 'foo, bar \\baz? é [x] {y}'\n"
    _, html = render(site_factory, f"<p>{{{{ {expression} }}}}</p>\n", front=front)
    assert html == f"<p>{expected}</p>\n"


def test_site_variables_are_jekylls(site_factory):
    """site.posts (newest first, with url, date, id, categories, excerpt), site.categories,
    site.tags, a collection's docs, site.collections (posts first), site.pages (pages only)."""
    body = ("P:{{ site.posts | map: 'url' | join: ',' }}\n"
            "T:{{ site.posts | map: 'title' | join: ',' }} {{ site.posts[0].date | date: '%Y-%m-%d' }}\n"
            "C:{{ site.categories.news | map: 'title' | join: ',' }} {{ site.tags.a | size }}\n"
            "R:{{ site.recipes | map: 'title' | join: ',' }} {{ site.recipes | map: 'url' | join: ',' }}\n"
            "L:{{ site.collections | map: 'label' | join: ',' }}\n"
            "E:{{ site.posts[1].excerpt | strip }}\n"
            "I:{{ site.posts[0].id }} {{ site.posts[0].categories | jsonify }} {{ site.posts[0].slug }}\n"
            "G:{{ site.pages | map: 'name' | join: ',' }} {{ site.static_files | map: 'path' | join: ',' }}\n"
            "U:{{ page.url }} {{ page.path }} {{ page.dir }} {{ page.name }}\n")
    _, html = render(site_factory, body)
    assert html.splitlines() == [
        "P:/news/2020/05/06/second.html,/2020/02/03/first.html",  # `category:` is in the URL
        "T:Second,First post 2020-05-06",
        "C:Second 1",
        "R:Cake,Soup /recipes/cake.html,/recipes/soup.html",
        "L:posts,recipes",
        "E:<p>First paragraph of post.</p>",
        'I:/news/2020/05/06/second ["news"] second',
        "G:t.html /static.txt",
        "U:/t.html t.html / t.html",
    ]


def test_link_and_post_url_tags_give_urls_with_the_baseurl(site_factory):
    """`{% link %}` finds a page, post or file by its source path; `{% post_url %}` a post by name."""
    _, html = render(site_factory, "<p>{% link _posts/2020-02-03-first.md %} {% post_url 2020-05-06-second %} "
                                   "{% link static.txt %} {% link {{ page.target }} %}</p>\n",
                     front="layout: none\ntarget: t.html\n")
    assert html == ("<p>/base/2020/02/03/first.html /base/news/2020/05/06/second.html /base/static.txt "
                    "/base/t.html</p>\n")


def test_a_missing_post_is_an_error_at_the_tag_and_the_page_still_renders(site_factory):
    """`{% post_url 2020-01-01-nope %}` is error[broken-link] at its line, with the closest post."""
    site, html = render(site_factory, "<p>a</p>\n<p>[x]({% post_url 2020-02-03-frist %}) b {{ 1 | plus: 1 }}</p>\n")
    [diag] = diagnostics_of(site)
    assert (diag.path, diag.line, diag.rule, diag.severity) == ("t.html", 5, "broken-link", "error")
    assert "2020-02-03-first" in diag.format()
    assert "b 2" in html


def test_a_link_to_a_missing_file_is_an_error_at_the_tag_with_the_closest_file(site_factory):
    """`{% link pages/nope.md %}` stops Jekyll 4.3.1's build ("Could not find document"): one
    error at the tag (not a second one from the checker), naming the closest file of the site."""
    site, _ = render(site_factory, "x\n", files={"a.md": "---\ntitle: A\n---\nSee [it]({% link pages/ab.md %}).\n"})
    [diag] = diagnostics_of(site)
    assert (diag.path, diag.line, diag.column, diag.rule, diag.severity) == ("a.md", 4, 10, "broken-link", "error")
    assert "Could not find document" in diag.message and "Did you mean 'a.md'?" in diag.format()


@pytest.mark.parametrize("markup,why", [("_posts/2999-01-01-later.md", "a post dated 2999-01-01, after today"),
                                        ("_drafts/idea.md", "a draft"),
                                        ("hidden.md", "not written by Jekyll (`published: false`")])
def test_a_link_to_a_file_jekyll_does_not_write_says_why(site_factory, markup, why):
    """`{% link %}` to a future-dated post, a draft or an unpublished page stops Jekyll 4.3.1's
    build as to a missing file; the error says why the file is not in the site and how to have
    it written, not "Did you mean" another file."""
    site, _ = render(site_factory, "x\n", files={
        "a.md": f"---\ntitle: A\n---\n[it]({{% link {markup} %}})\n",
        "_posts/2999-01-01-later.md": "---\ntitle: L\n---\nl\n", "_drafts/idea.md": "---\ntitle: I\n---\ni\n",
        "hidden.md": "---\npublished: false\n---\nh\n"})
    [diag] = diagnostics_of(site)
    assert (diag.path, diag.rule, diag.severity) == ("a.md", "broken-link", "error")
    assert why in diag.message and "Could not find document" in diag.message and "Did you mean" not in diag.format()


@pytest.mark.parametrize("markup", ["/a.md", "./a.md", "_posts/2020-02-03-first", "_data/x.yml"])
def test_the_link_tag_matches_a_page_by_its_exact_relative_path(site_factory, markup):
    """A page or document matches only by its relative_path as written (Jekyll 4.3.1: `/a.md`,
    `./a.md`, a post without its extension, a data file all stop the build)."""
    site, _ = render(site_factory, "x\n", files={"a.md": f"---\ntitle: A\n---\n[it]({{% link {markup} %}})\n"})
    assert [(d.path, d.rule, d.severity) for d in diagnostics_of(site)] == [("a.md", "broken-link", "error")]


@pytest.mark.parametrize("url", ["https://bcda.cms.gov/", "//cdn.example.org/x.js", "mailto:a@b.example"])
def test_a_url_in_the_link_tag_is_an_error_at_the_tag(site_factory, url):
    """`{% link https://x/ %}` (CMSgov/ab2d-website's card include): Jekyll's link tag looks for a
    file of the site and stops the build ("Could not find document"); specsite reports it at the
    tag, once, and writes the URL as given (not "/https://x/")."""
    site, html = render(site_factory, f"<p><a href=\"{{% link {url} %}}\">x</a></p>\n")
    [diag] = diagnostics_of(site)
    assert (diag.path, diag.line, diag.rule, diag.severity) == ("t.html", 4, "broken-link", "error")
    assert "Could not find document" in diag.message and url in diag.format()
    assert f'href="{url}"' in html


def test_concat_flattens_its_input_and_a_date_has_ruby_dates_zone(site_factory):
    """Liquid's concat reads its input through InputIterator (an array flattened, nil none, a hash
    or a string one item); Ruby's Date#strftime writes %z/%Z as UTC. Jekyll 4.3.1's output."""
    files = {"_data/r.yml": "- {t: a, tags: [x, [y, z]]}\n- {t: b}\n"}
    _, html = render(site_factory, '<p>{{ site.data.r | map: "tags" | concat: site.data.r | size }} '
                     '{{ nil | concat: site.data.r | size }} {{ site.data.r.first | concat: site.data.r | size }} '
                     '{{ "s" | concat: site.data.r | first }}</p>\n<p>{{ page.when | date: "%z %Z %:z %%z %Y" }}</p>\n',
                     front="layout: none\nwhen: 2020-01-05\n", files=files)
    assert html == "<p>6 2 3 s</p>\n<p>+0000 +00:00 +00:00 %z 2020</p>\n"


def test_concat_of_a_string_is_liquids_error(site_factory):
    """`"a" | concat: "b"`: Liquid's ArgumentError stops Jekyll's build; its words at the line
    (python-liquid's own concat raised an error it could not construct: a TypeError's words)."""
    site, _ = render(site_factory, "<p>x</p>\n<p>{{ 'a' | concat: 'b' }}</p>\n")
    [diag] = diagnostics_of(site)
    assert (diag.line, diag.rule) == (5, "liquid-error")
    assert diag.message.startswith("concat filter requires an array argument")


_NOT_ARRAYS = {"_data/h.yml": "a: 1\nb: 2\n", "_data/s.yml": "str\n", "_data/l.yml": "- {a: 1}\n- null\n",
               "_data/w.yml": "- apple\n- pear\n"}


@pytest.mark.parametrize("expression, words", [
    ('page | where: "x", "y"', "undefined method `[]' for nil:NilClass"),  # (a page's Hash: its values; excerpt nil)
    ('site.data.h | where: "a", 1', "no implicit conversion of String into Integer"),
    ('site.data.l | where: "a", 1', "undefined method `[]' for nil:NilClass"),  # (a nil item in an array too)
    ('page | find: "x", "y"', "undefined method `[]' for nil:NilClass"),
    ('site.data.s | sort', 'undefined method `sort\' for "str":String'),
    ('nil | sort', "Cannot sort a null object"),
    ('page | sort: "x"', "no implicit conversion of String into Integer"),  # (a hash's [key, value] pairs)
    ('site.data.h | sort: "a"', "no implicit conversion of String into Integer"),
    ('site.data.s | sort: "a"', 'undefined method `map\' for "str":String'),
    ('page | group_by: "x"', "no implicit conversion of String into Integer"),
    ('site.data.h | group_by: "a"', "no implicit conversion of String into Integer"),
])
def test_array_filters_on_what_is_no_array_stop_the_build_where_jekyll_does(site_factory, expression, words):
    """Jekyll 4.3.1's where, find, sort and group_by read item_property (read_liquid_attribute:
    `item[property]`) of each item, a hash's values for where and find, its [key, value] pairs for
    sort and group_by: nil, an integer or an array there raises and Jekyll's build stops, as does
    sort on nil or a string: Jekyll's own words (each case checked against real Jekyll 4.3.1)."""
    site, _ = render(site_factory, f"<p>x</p>\n<p>{{{{ {expression} }}}}</p>\n", files=_NOT_ARRAYS)
    [diag] = diagnostics_of(site)
    assert (diag.line, diag.rule) == (5, "liquid-error")
    assert diag.message.startswith(words)


@pytest.mark.parametrize("expression, expected", [  # (Jekyll 4.3.1's output)
    ('site.data.s | where: "a", 1', "str"),  # (no select: the input)
    ('nil | where: "a", 1', ""),
    ('site.data.h | where_exp: "i", "i"', "12"),
    ('site.data.h | sort', "a1b2"),  # (Hash#sort: its pairs)
    ('site.data.h | map: "a"', "1"),
    ('site.data.s | group_by: "a"', "str"),
    ('site.data.w | where: "app", "app" | join: ","', "apple"),  # (String#[]: the name when held)
])
def test_array_filters_on_what_is_no_array_where_jekyll_builds(site_factory, expression, expected):
    site, html = render(site_factory, f"<p>{{{{ {expression} }}}}</p>\n", files=_NOT_ARRAYS)
    assert not diagnostics_of(site)
    assert html == f"<p>{expected}</p>\n"


def test_an_include_without_parameters_sees_the_enclosing_includes(site_factory):
    """Jekyll's include tag sets `include` only when it has parameters (`context["include"] =
    parse_params(context) if @params`): a nested `{% include y.html %}` reads the outer include's
    `include.v` (Jekyll 4.3.1 writes `<i>T1|2<y>T1</y></i>`); at the top level it is nil."""
    files = {"_includes/x.html": "<i>{{ include.v }}|{{ include | size }}{% include y.html %}</i>",
             "_includes/y.html": "<y>{{ include.v }}</y>"}
    _, html = render(site_factory, '{% include x.html v=page.title w="lit" %}[{% include y.html %}]',
                     front="title: T1\n", files=files)
    assert html.strip() == "<i>T1|2<y>T1</y></i>[<y></y>]"


def test_contains_compares_as_ruby_does(site_factory):
    """Array#include? is Ruby's ==: `[1] contains true` is false (Python's `True in [1]` is true);
    a string looks for the value's Ruby text (Jekyll 4.3.1 writes "FGKL" for this page)."""
    front = "one: [1]\ntr: [true]\nzero: [0]\nh: {1: a}\ns: is true\n"
    _, html = render(site_factory, '{% if page.one contains true %}A{% endif %}{% if page.tr contains 1 %}B{% endif %}'
                     '{% if page.zero contains false %}C{% endif %}{% if 1 == true %}D{% endif %}'
                     '{% if 0 == false %}E{% endif %}{% if 1.0 == 1 %}F{% endif %}{% if true != 1 %}G{% endif %}'
                     '{% if page.one contains 1.0 %}K{% endif %}{% if page.s contains true %}L{% endif %}', front=front)
    assert html.strip() == "FGKL"


def test_uniq_keeps_values_ruby_tells_apart(site_factory):
    """Liquid's uniq is Ruby's Array#uniq (eql?): 1, 1.0 and true are three values, a nested array
    is flattened first, two equal hashes are one (Jekyll 4.3.1's output of the same page)."""
    front = ('arr: [1, "1", true, 1.0, 1, "a", [1, 2], [1, [2]], {a: 1}, {a: 1}]\n'
             "ps: [{n: 1, k: x}, {n: 1.0, k: y}, {n: true, k: z}, {n: 1, k: w}, {k: q}, {k: r}]\n")
    _, html = render(site_factory, '{{ page.arr | uniq | jsonify }} {{ page.ps | uniq: "n" | map: "k" | join }} '
                     '{{ nil | uniq | size }} {{ "abc" | split: "" | uniq: "b" | join }}', front=front)
    assert html.strip() == '[1,"1",true,1.0,"a",2,{"a":1}] x y z q 0 a b'


def test_uniq_with_a_property_as_liquid_5_4(site_factory):
    """Liquid 5.4's uniq indexes every item: a nil or float item (no []) makes the whole nil, an
    integer's [] is a bit, a string's [0] its first character (Jekyll 4.3.1's output)."""
    front = ("withnil: [{n: 1}, null, {n: 1}]\nnums: [1, 3, 2, 5]\nfloats: [1.5, 2.5]\nstrs: [ab, ba, ab]\n"
             "lists: [[1, 2], [1, 3], [2, 2]]\n")
    _, html = render(site_factory, '{{ page.withnil | uniq: "n" | inspect }} {{ page.strs | uniq: 0 | inspect }} '
                     '{{ page.nums | uniq: 0 | inspect }} {{ page.floats | uniq: "a" | inspect }} '
                     '{{ page.lists | uniq: 0 | inspect }}', front=front)
    assert html.strip() == 'nil [&quot;ab&quot;, &quot;ba&quot;] [1, 2] nil [1, 2]'


def test_uniq_of_a_property_an_integer_cannot_give_fails_as_jekyll_does(site_factory):
    """Jekyll 4.3.1: "Liquid error: cannot select the property 'a'" (Integer#[] of a string:
    TypeError) stops the build; specsite wrote the page."""
    site, _ = render(site_factory, "<p>x</p>\n<p>{{ page.arr | uniq: 'a' | size }}</p>\n", front="arr: [1, 2]\n")
    [diag] = diagnostics_of(site)
    assert (diag.rule, diag.severity) == ("liquid-error", "error")
    assert "cannot select the property 'a'" in diag.message


def test_array_to_sentence_string_of_a_long_string_fails_as_jekyll_does(site_factory):
    """Jekyll 4.3.1: "undefined method `join' for "a,":String" stops the build."""
    site, _ = render(site_factory, "<p>x</p>\n<p>{{ 'a,b' | array_to_sentence_string }}</p>\n")
    [diag] = diagnostics_of(site)
    assert (diag.line, diag.rule, diag.severity) == (5, "liquid-error", "error")
    assert diag.message == "undefined method `join' for \"a,\":String"


# (Jekyll 4.3.1's output of each line: Liquid's Utils.to_number reads a string with String#to_i
# unless it is a plain decimal, a float as a BigDecimal; Integer#/ floors; % has the divisor's sign)
ARITHMETIC = [
    ('{{ "1e3" | plus: 0 }} {{ "12abc" | plus: 1 }} {{ "1.2.3" | plus: 1 }} {{ " 7 " | times: 2 }} '
     '{{ "0x10" | plus: 0 }} {{ "1.5" | plus: 1 }} {{ 3 | plus: "2.5" }} {{ 10 | divided_by: "3" }}',
     "1 13 2 14 0 2.5 5.5 3"),
    ('{{ "abc" | minus: 1 }} {{ 5 | modulo: "2x" }} {{ "-3" | abs }} {{ "4.5x" | ceil }} {{ "2" | at_least: "10" }}',
     "-1 1 3 4 10"),
    ('{{ -7 | modulo: 3 }} {{ 7 | modulo: -3 }} {{ -7.5 | modulo: 2 }} {{ 7.5 | modulo: -2 }} {{ 5.5 | modulo: 2.5 }} '
     '{{ -7 | divided_by: 2 }} {{ 7 | divided_by: -2.0 }} {{ 1 | divided_by: 3.0 }} {{ 2 | divided_by: 3.0 | times: 3 }}',
     "2 -2 0.5 -0.5 0.5 -4 -3.5 0.3333333333333333 1.9999999999999998"),
    ('{{ 0.1 | times: 3 }} {{ 1.1 | plus: 2.2 }} {{ 3 | minus: 0.1 }} {{ -2.5 | abs }} {{ -2.5 | ceil }} '
     '{{ -2.5 | floor }} {{ "3.7" | floor }} {{ 1.5 | at_least: 2 }} {{ 3 | at_most: 2.5 }} {{ 10 | times: 1.1 }}',
     "0.3 3.3 2.9 2.5 -2 -3 3 2 2.5 11.0"),
]


@pytest.mark.parametrize("markup, expected", ARITHMETIC)
def test_arithmetic_filters_read_numbers_as_liquid_does(site_factory, markup, expected):
    """python-liquid read "1e3" as 1000.0 and "2x" as no number (so `5 | modulo: "2x"` was a
    division by zero and the build failed where Jekyll's builds)."""
    site, html = render(site_factory, f"<p>{markup}</p>\n")
    assert not diagnostics_of(site)
    assert html == f"<p>{expected}</p>\n"


def test_highlight_tag_markup_is_jekylls(site_factory):
    """`{% highlight %}` gives <figure class="highlight">; `linenos` a rouge-table with a gutter;
    a blank line inside the code does not end the HTML block for markdown."""
    files = {"h.md": "---\ntitle: H\n---\n{% highlight ruby %}\nputs 1\n\nputs 2\n{% endhighlight %}\n\n"
                     "{% highlight json linenos %}\n{\"a\": 1}\n{% endhighlight %}\n\nAfter *text*.\n"}
    site, _ = render(site_factory, "x\n", files=files, config=CONFIG + "specsite: {}\n")
    html = page_of(site, "h.html").html
    assert html.startswith('<figure class="highlight"><pre')
    assert '<code class="language-ruby" data-lang="ruby">' in html
    assert "<p>" not in html.split("</figure>")[0]  # the blank line did not end the block
    assert '<table class="rouge-table"><tbody><tr><td class="gutter gl"><pre class="lineno">1\n</pre></td>' in html
    assert "<p>After <em>text</em>.</p>" in html


def test_include_parameters_take_literals_and_variables_and_includes_nest(site_factory):
    """`nest=true` is the literal true; an include can include another with its own parameters."""
    files = {"_includes/inc.html": "[{{ include.a }}|{{ include.b }}]{% if include.nest %}"
                                   "{% include inc.html a=\"inner\" %}{% endif %}"}
    _, html = render(site_factory, '<p>{% include inc.html a="1" b=page.x nest=true %}</p>\n',
                     front="layout: none\nx: tip\n", files=files)
    assert html == "<p>[1|tip][inner|]</p>\n"


def test_include_cached_is_include(site_factory):
    """jekyll-include-cache's `{% include_cached %}` renders like `{% include %}`."""
    _, html = render(site_factory, '<p>{% include_cached x.html v="1" %}</p>\n',
                     files={"_includes/x.html": "x{{ include.v }}"})
    assert html == "<p>x1</p>\n"


def test_jekyll_environment_is_development_unless_jekyll_env_says(site_factory, monkeypatch):
    """`jekyll.environment` is JEKYLL_ENV, "development" by default as in `jekyll build`."""
    monkeypatch.delenv("JEKYLL_ENV", raising=False)
    assert render(site_factory, "<p>{{ jekyll.environment }}</p>\n")[1] == "<p>development</p>\n"
    monkeypatch.setenv("JEKYLL_ENV", "production")
    assert render(site_factory, "<p>{{ jekyll.environment }}</p>\n")[1] == "<p>production</p>\n"


def test_undefined_variables_render_empty(site_factory):
    """Unknown variables, unknown properties of them and filters on them give ''."""
    _, html = render(site_factory, "<p>[{{ nope }}|{{ page.nope.deeper }}|{{ nope | relative_url }}|"
                                   "{{ nope | default: 'd' }}]</p>\n")
    assert html == "<p>[|||d]</p>\n"


# -- what specsite does not run ------------------------------------------------------------------


def test_an_unknown_tag_is_a_warning_at_its_line_and_renders_nothing(site_factory):
    """`{% seo %}` (a plugin's tag) is warning[liquid-unsupported] naming it; the page renders."""
    site, html = render(site_factory, "<p>a</p>\n<p>b{% seo title=false %}c {{ 1 | plus: 2 }}</p>\n")
    [diag] = diagnostics_of(site)
    assert (diag.path, diag.line, diag.column, diag.rule, diag.severity) == (
        "t.html", 5, 5, "liquid-unsupported", "warning")
    assert "'seo'" in diag.message and "jekyll-seo-tag" in diag.message
    assert html == "<p>a</p>\n<p>bc 3</p>\n"
    assert site.errors == 0


def test_an_unknown_block_tag_keeps_its_content(site_factory):
    """`{% details x %}…{% enddetails %}` of a plugin specsite does not run: both tags warn and
    vanish, the content stays."""
    site, html = render(site_factory, "<p>{% details x %}inside {{ 'y' }}{% enddetails %}</p>\n",
                        files={"Gemfile": "group :jekyll_plugins do\n  gem 'jekyll-details'\nend\n"})
    assert [d.rule for d in diagnostics_of(site)] == ["jekyll-unsupported", "liquid-unsupported", "liquid-unsupported"]
    assert html == "<p>inside y</p>\n"


@pytest.mark.parametrize("files", [{}, {"Gemfile": "gem 'jekyll-details'\ngem 'github-pages', group: :jekyll_plugins\n"},
                                   {"_config.yml": CONFIG + "plugins: [jekyll-sitemap, jemoji]\n"}])
def test_a_tag_no_plugin_of_the_site_can_define_is_jekylls_unknown_tag_error(site_factory, files):
    """BlockBody#parse_for_document: "Liquid syntax error: Unknown tag 'details'" stops Jekyll's
    build when nothing registered the tag: no _plugins/*.rb, no listed plugin, no gem of the
    Gemfile's :jekyll_plugins group but those that add no tag."""
    site, _ = render(site_factory, "<p>a</p>\n{% details x %}inside{% enddetails %}\n", files=files)
    assert [(d.path, d.line, d.message) for d in diagnostics_of(site) if d.severity == "error"] == [
        ("t.html", 5, "Unknown tag 'details'")]


def test_an_unknown_tag_in_an_include_is_reported_at_the_include(site_factory):
    """The warning names the include file and the tag's line in it."""
    site, html = render(site_factory, "<p>{% include x.html %}</p>\n",
                        files={"_includes/x.html": "one\n{% gist abc %}two"})
    assert [(d.path, d.line, d.rule) for d in diagnostics_of(site)] == [("_includes/x.html", 2, "liquid-unsupported")]
    assert html == "<p>one\ntwo</p>\n"


def test_a_stray_end_tag_is_still_a_syntax_error(site_factory):
    """`{% endif %}` without `{% if %}` is a Liquid error, not an unknown tag."""
    site, _ = render(site_factory, "<p>x {% endif %}</p>\n")
    assert [(d.rule, d.severity) for d in diagnostics_of(site)] == [("liquid-error", "error")]


def test_plugins_themes_and_gemfile_plugins_are_warnings_at_their_lines(site_factory):
    """A gem theme that is not installed and a Ruby plugin are warnings at their lines; the plugins
    specsite runs are not (an installed gem theme is used: tests/test_gem_theme.py)."""
    site = site_factory({
        "_config.yml": "title: T\ntheme: no-such-theme\nplugins:\n  - jekyll-feed\n  - jekyll-include-cache\n"
                       "  - jekyll-sitemap\n",
        "Gemfile": 'source "https://rubygems.org"\ngem "jekyll"\ngroup :jekyll_plugins do\n'
                   '  gem "jekyll-redirect-from"\nend\n',
        "_plugins/a.rb": "# plugin\n",
        "sass/x.scss": "---\n---\nbody { color: red; }\n",
        "index.md": "---\n---\nhi\n",
    })
    found = [(d.path, d.line, d.rule, d.severity) for d in diagnostics_of(site)]
    assert found == [  # jekyll-feed, jekyll-sitemap and jekyll-redirect-from run natively (tests/test_plugins.py)
        ("_config.yml", 2, "jekyll-unsupported", "warning"),
        ("_plugins/a.rb", 1, "jekyll-unsupported", "warning"),
    ]
    text = " ".join(d.message for d in diagnostics_of(site))
    for name in ("no-such-theme", "a.rb"):
        assert name in text
    assert "feed.xml" in site.outputs and "sitemap.xml" in site.outputs
    assert "index.html" in site.outputs and site.errors == 0
    assert "sass/x.css" in site.outputs  # Sass is compiled (tests/test_sass.py), not a warning


def test_a_syntax_error_jekylls_lax_liquid_lets_pass_is_a_warning(site_factory):
    """`{{ x | upcase | }}` passes Jekyll's lax parser (error_mode: warn): a warning at the line;
    the output it can read ('b' upcased, the empty filter dropped) is rendered, as in Jekyll."""
    site, html = render(site_factory, "<p>a</p>\n<p>{{ 'b' | upcase | }}{{ 'c' }}</p>\n")
    assert [(d.path, d.line, d.rule, d.severity) for d in diagnostics_of(site)] == [
        ("t.html", 5, "liquid-syntax", "warning")]
    assert html == "<p>a</p>\n<p>Bc</p>\n"


def test_a_filter_without_its_colon_is_fixed_by_the_colon(site_factory):
    """`| replace "a", b` (DigitalHumani's Aviator include): lax Liquid drops the argument before
    the first ',' ("read as 'replace: b'"); the hint gives the ':' the author left out."""
    site, html = render(site_factory, "<p>{{ 'xay' | replace \"a\", 'b' }}</p>\n")
    [found] = diagnostics_of(site)
    assert "read as ''xay' | replace: 'b''" in found.message
    assert found.hint.startswith("Write ''xay' | replace: \"a\", 'b'' (a filter's arguments follow a ':')")
    assert html == "<p>xay</p>\n"


@pytest.mark.parametrize("engine, stops", [("redcarpet", True), ("rdiscount", True), ("maruku", True),
                                           ("gfm", True), ("commonmark", True), ("CommonMarkGhPages", False)])
def test_a_markdown_engine_jekyll_4_dropped_is_a_warning_that_says_jekyll_stops(site_factory, engine, stops):
    """Jekyll 4.3.1: 'Markdown processor: "redcarpet" is not a valid Markdown processor' (type-heading,
    qa-tools: Jekyll 2/3 sites; `gfm`: apigovau-standards), as for any name that is no Ruby constant;
    specsite reads kramdown either way, and its hint is the fix. A plugin's engine (jekyll-commonmark-ghpages) is only read as kramdown."""
    site = site_factory({"_config.yml": f"title: T\nmarkdown: {engine}\n", "index.md": "---\n---\nhi *x*\n"})
    [found] = diagnostics_of(site, "jekyll-unsupported")
    assert (found.path, found.line, found.severity) == ("_config.yml", 2, "warning")
    assert ("Jekyll 4 stops the build" in found.message) == stops
    assert ("markdown: kramdown" in (found.hint or "")) == stops


@pytest.mark.parametrize("body, operator", [("{% if page.a = 1 %}no{% endif %}", "="),
                                            ("{% unless page.a b %}no{% endunless %}", "b"),
                                            ("{% if false %}{% elsif 1 is 1 %}{% endif %}", "is"),
                                            # Ruby Liquid has no `not`: `not page.a` is the variable
                                            # "not" and the operator "page" (Jekyll 4.3.1's error)
                                            ("{% if not page.a %}no{% endif %}", "page"),
                                            ("{% unless page.b or not c %}no{% endunless %}", "c")])
def test_an_unknown_operator_is_jekylls_error_where_the_condition_runs(site_factory, body, operator):
    """If#lax_parse reads `a = 1` as a comparison whose operator is `=`; Condition#interpret_condition
    raises "Liquid error: Unknown operator =" when it is evaluated (not in a branch never taken,
    nor after an `or` that is already true)."""
    site, html = render(site_factory, f"<p>a</p>\n{body}\n{{% if false %}}{{% if a = b %}}{{% endif %}}{{% endif %}}"
                        "{% if true or a = b %}x{% endif %}\n")
    assert [(d.path, d.line, d.severity, d.message) for d in diagnostics_of(site)] == [
        ("t.html", 5, "error", f"Unknown operator {operator}")]


def test_not_after_an_and_already_false_is_never_evaluated(site_factory):
    """`page.b and not c`: And evaluates its right side only when the left is true (Jekyll writes x)."""
    site, html = render(site_factory, "{% if page.b and not c %}no{% endif %}x\n")
    assert diagnostics_of(site) == [] and html == "x\n"


def test_an_unclosed_block_is_still_an_error(site_factory):
    """Jekyll's lax parser refuses an `{% if %}` without `{% endif %}` too."""
    site, _ = render(site_factory, "<p>{% if true %}x</p>\n")
    assert [(d.rule, d.severity) for d in diagnostics_of(site)] == [("liquid-error", "error")]


def test_whitespace_control_keeps_the_final_newline_of_the_text_after_it(site_factory):
    """Ruby Liquid strips the start of the one text token after a `-}}`/`-%}`; python-liquid cut
    a text's final newline into a token of its own and stripped that too. Jekyll 4.3.1 writes
    `<head></head>\\n<body>` for double-great/theme's head include (`{%- endif -%}\\n</head>\\n`)."""
    files = {"_includes/h.html": "<head>\n{%- if page.css -%}<style>{{page.css}}</style>{%- endif -%}\n</head>\n"}
    _, html = render(site_factory, "<html>\n  {%- include h.html -%}\n\n  <body>\n{{ 1 -}}\nA\n", files=files)
    assert html == "<html><head></head>\n<body>\n1A\n"


def test_a_break_outside_a_loop_ends_the_pages_liquid_there(site_factory):
    """Liquid 5.4: Break pushes an interrupt that no loop pops, and each block body stops while
    one is pending; Jekyll 4.3.1 renders "a" and "x[" for these (the layout still renders)."""
    site, html = render(site_factory, "<p>{% if true %}a{% break %}b{% endif %}c</p>\n",
                        files={"_includes/brk.html": "[{% break %}]"})
    assert html == "<p>a"
    assert not [d for d in diagnostics_of(site) if d.severity == "error"]
    site, html = render(site_factory, "x{% include brk.html %}y", files={"_includes/brk.html": "[{% break %}]"})
    assert html == "x["


@pytest.mark.parametrize("body, line, words", [
    ("A {% liquid\nassign x = 1\necho x\n}%}\n", 7, "Unknown tag '}'"),
    ("B {% liquid\nassign x = 1\nfoo bar\necho x\n%}\n", 6, "Unknown tag 'foo'"),
    ("{{ 'it''s' }}\nC {% liquid\necho 1\n}%}\n", 7, "Unknown tag '}'"),  # (in a template read leniently)
])
def test_a_line_of_a_liquid_tag_that_is_no_tag_stops_the_build(site_factory, body, line, words):
    """BlockBody#parse_for_liquid_tag hands a line that is no `name markup` to unknown_tag, which
    raises in every error mode (Jekyll 4.3.1: "Liquid syntax error (line 4): Unknown tag '}'")."""
    site = site_factory({"_config.yml": "title: t\n", "_layouts/default.html": "{{ content }}",
                         "a.md": "---\nlayout: default\n---\n" + body})
    found = diagnostics_of(site, "liquid-error")
    assert [(d.path, d.line) for d in found] == [("a.md", line)] and found[0].message.startswith(words)


def test_a_site_in_its_own_layouts_has_none_of_specsites_includes(site_factory):
    """`{% include note.html %}` in a site with `_layouts/` and no `_includes/note.html`: Jekyll
    4.3.1 stops ("Could not locate the included file 'note.html'"); specsite's own note.html is
    for sites its theme renders, so this is the same missing-include error at the tag."""
    site = site_factory({"_config.yml": "title: t\n", "_layouts/default.html": "<main>{{ content }}</main>\n",
                         "a.md": "---\nlayout: default\n---\nx\n\n{% include note.html content='hi' %}\n"})
    assert [(d.path, d.line, d.rule, d.severity) for d in diagnostics_of(site)] == [
        ("a.md", 6, "missing-include", "error")]


def test_a_block_tag_without_its_own_close_is_reported_where_it_opens(site_factory):
    """`{%capture example $}` (OAI/OpenAPI-Specification's x-twitter.md) runs, as Liquid's
    tokenizer cuts it, to the next `%}`, taking the `{% endcapture %}` three lines down: Jekyll
    4.3.1 stops ("'capture' tag was never closed", naming the template's last line); specsite
    names the tag's own line and why, not the earlier capture that is closed."""
    body = "x\n{% capture a %}A{% endcapture %}\n{%capture example $}\nE\nE2\n{% endcapture %}\n{{ a }}\n"
    site = site_factory({"_config.yml": "title: t\n", "a.md": "---\nt: 1\n---\n" + body})
    [diag] = diagnostics_of(site)
    assert (diag.path, diag.line, diag.column, diag.rule) == ("a.md", 6, 1, "liquid-error")
    assert "has no %}" in diag.message and "3 line(s) down" in diag.message


def test_an_excerpt_whose_liquid_breaks_stops_the_build_where_it_is_read(site_factory):
    """The excerpt is the text before the separator, its open blocks closed (sanctify_liquid_tags):
    `{% raw %}{% if %}` before a blank line gets `{% endif %}` and leaves the raw open. Jekyll 4.3.1
    stops when a page reads `post.excerpt` ("'raw' tag was never closed … #excerpt"), though the
    post's own body renders; specsite reports the excerpt's error at the post's line."""
    post = "---\ntitle: R\n---\nUse `{% raw %}{{ x }}{% endraw %}` here {% raw %}{% if %}\n\nstill{% endraw %} done.\n"
    site = site_factory({"_config.yml": "title: t\n", "_posts/2024-01-03-raw.md": post,
                         "index.html": "---\n---\n{% for p in site.posts %}{{ p.excerpt }}{% endfor %}\n"})
    errors = [(d.path, d.line, d.column, d.message) for d in diagnostics_of(site) if d.severity == "error"]
    assert errors[0] == ("_posts/2024-01-03-raw.md", 4, 41, "{% raw %} is never closed")


def test_an_excerpt_the_feed_reads_stops_the_build_too(site_factory):
    """jekyll-feed reads every post's excerpt after the pages render (its summary): Jekyll 4.3.1
    stops in feed.xml at the same broken excerpt, so specsite reports it with no page reading it."""
    post = "---\ntitle: R\n---\nUse `{% raw %}{{ x }}{% endraw %}` here {% raw %}{% if %}\n\nstill{% endraw %} done.\n"
    site = site_factory({"_config.yml": "title: t\nplugins: [jekyll-feed]\n", "_posts/2024-01-03-raw.md": post})
    errors = [(d.path, d.line, d.message) for d in diagnostics_of(site) if d.severity == "error"]
    assert errors and errors[0] == ("_posts/2024-01-03-raw.md", 4, "{% raw %} is never closed")


def test_smartify_writes_the_sites_kramdown_smart_quotes(site_factory):
    """Jekyll's smartify converts with the site's kramdown options (Converters::SmartyPants dups
    `kramdown:`): `smart_quotes: [lsaquo, rsaquo, laquo, raquo]` gives ‹ › « », the author's own
    ‘ ’ kept. Jekyll 4.3.1's output."""
    page = "---\nlayout: none\n---\n<p>{% capture s %}Don't \"stop\" 'x' and \u2018own\u2019 -- 1990's{% endcapture %}" \
           "{{ s | smartify }}</p>\n"
    site = site_factory({"_config.yml": 'kramdown:\n  smart_quotes: ["lsaquo", "rsaquo", "laquo", "raquo"]\n',
                         "_layouts/none.html": "{{ content }}\n", "t.html": page})
    assert page_of(site, "t.html").html.startswith(
        "<p>Don\u203at \u00abstop\u00bb \u2039x\u203a and \u2018own\u2019 \u2013 1990\u203as</p>")


def test_limit_posts_keeps_the_newest_posts_only(site_factory):
    """`limit_posts: 2`: Site#limit_posts! keeps the last two posts in date order right after
    reading; the others are neither written nor in site.posts (their categories are, as Jekyll
    4.3.1 counts them: 3). A negative limit stops Jekyll, an error at the key."""
    files = {"_config.yml": "title: t\nlimit_posts: 2\npermalink: pretty\n", "_layouts/default.html": "{{ content }}\n",
             "rel/_posts/2024-02-01-q.md": "---\ntitle: Q\n---\nq\n",
             "index.html": "---\nlayout: default\n---\n{% for p in site.posts %}{{ p.url }};{% endfor %} "
                           "{{ site.categories | size }}\n"}
    for day in ("01", "02", "03", "04"):
        files[f"_posts/2024-01-{day}-p{day}.md"] = f"---\ntitle: P{day}\ncategories: [Rel Notes, v1]\n---\nx\n"
    site = site_factory(files)
    assert page_of(site, "index.html").html.strip() == \
        "/rel/2024/02/01/q/;/rel%20notes/v1/2024/01/04/p04/; 3"
    assert not any("p01" in p.source.url for p in site.pages)


def test_an_unclosed_raw_takes_the_rest_of_the_template(site_factory):
    """Liquid's Raw reads every token to the end looking for endraw, then stops the parse
    ("'raw' tag was never closed"): a `{% if %}` after it is no tag, so Jekyll 4.3.1 reports
    the raw alone; so does specsite, at the raw's `{%`."""
    site = site_factory({"_config.yml": "title: t\n", "a.md": "---\n---\nUse {% raw %}{% if %}\nmore\n"})
    assert [(d.path, d.line, d.column, d.message) for d in diagnostics_of(site) if d.severity == "error"] == [
        ("a.md", 3, 5, "{% raw %} is never closed")]
