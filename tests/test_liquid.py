"""Liquid as Jekyll runs it (specsite.liquid), through whole builds so the real include folders,
site variables and source positions are used."""
from __future__ import annotations

import pytest

from conftest import diagnostics_of, page_of
from specsite.parse import Link

CONFIG = "title: T\nversion: 1.2.3\nspecsite: {}\n"


def one_page(site_factory, body: str, *, front: str = "title: Page A\n", files: dict | None = None,
             config: str = CONFIG):
    """Build a site with a.md (front matter `front`, then `body`) and return (site, parsed a.html)."""
    site = site_factory({"_config.yml": config, "a.md": f"---\n{front}---\n{body}", **(files or {})})
    return site, page_of(site, "a.html")


# -- includes -----------------------------------------------------------------------------------


def test_note_include_renders_a_callout_with_a_working_link(site_factory):
    """`{% include note.html content="see [x](b.html#y)" %}` is an alert div with the markdown link."""
    site, page = one_page(site_factory, '{% include note.html content="see [x](b.html#y)" %}\n',
                          files={"b.md": "---\ntitle: B\n---\n## Y\n"})
    assert page.html == ('<div class="alert alert-info" role="note"><b>Note:</b> see '
                         '<a href="b.html#y">x</a></div>\n')
    assert diagnostics_of(site) == []


def test_a_link_in_include_parameters_is_recorded_at_the_include_tags_line(site_factory):
    """The link in `content="…"` is recorded at the page's file, the tag's line and the target's column."""
    body = "Intro.\n\n{% include note.html content=\"see [x](b.html#y)\" %}\n"
    site, page = one_page(site_factory, body, front="title: Page A\nsummary: s\n")
    # front matter: lines 1-4, body from line 5: the tag is on line 7; `b.html#y` starts at column 39
    assert page.links == (Link("b.html#y", "a.md", 7, 39, "a", "a.html"),)


def test_every_theme_callout_has_its_alert_class(site_factory):
    """note, tip, important and warning includes give alert-info, -success, -warning and -danger."""
    body = "".join(f'{{% include {name}.html content="{name} text" %}}\n\n'
                   for name in ("note", "tip", "important", "warning"))
    _, page = one_page(site_factory, body)
    for name, cls in (("note", "alert-info"), ("tip", "alert-success"), ("important", "alert-warning"),
                      ("warning", "alert-danger")):
        assert f'<div class="alert {cls}" role="note"><b>{name.title()}:</b> {name} text</div>' in page.html


def test_a_json_include_inside_a_json_fence_is_highlighted(site_factory):
    """`{% include examples/x.json %}` between ```json fences renders the file highlighted."""
    body = "```json\n{% include examples/x.json %}\n```\n"
    site, page = one_page(site_factory, body,
                          files={"templates/includes/examples/x.json": '{"resourceType": "Appointment"}\n'})
    assert diagnostics_of(site) == []
    assert page.html.startswith('<div class="language-json highlighter-rouge"><div class="highlight" tabindex="0">'
                                '<pre class="highlight"><code><span class="p">{</span>')
    assert '<span class="nl">"resourceType"</span>' in page.html
    assert '<span class="s2">"Appointment"</span>' in page.html
    assert "{%" not in page.html


def test_include_parameters_are_available_as_include_dot_name(site_factory):
    """`{% include greet.html who="World" n=page.count %}` sees include.who and include.n."""
    site, page = one_page(site_factory, '{% include greet.html who="World" n=page.count %}\n',
                          front="title: A\ncount: 3\n",
                          files={"templates/includes/greet.html": "Hello {{ include.who }} x{{ include.n }}!\n"})
    assert page.html == "<p>Hello World x3!</p>\n"


def test_include_file_name_can_come_from_a_variable(site_factory):
    """`{% include {{ page.callout }}.html content="…" %}` includes the file the page names."""
    _, page = one_page(site_factory, '{% include {{ page.callout }}.html content="var include" %}\n',
                       front="title: A\ncallout: tip\n")
    assert page.html == '<div class="alert alert-success" role="note"><b>Tip:</b> var include</div>\n'


def test_includes_are_found_in_underscore_includes_too(site_factory):
    """Jekyll's `_includes/` folder is searched after `templates/includes/`."""
    _, page = one_page(site_factory, "{% include legacy.html %}\n",
                       files={"_includes/legacy.html": "<p>from _includes</p>\n"})
    assert page.html == "<p>from _includes</p>\n"


def test_a_site_include_overrides_the_themes_include_of_the_same_name(site_factory):
    """templates/includes/note.html is used instead of the theme's note.html."""
    _, page = one_page(site_factory, '{% include note.html content="mine" %}\n',
                       files={"templates/includes/note.html": '<aside class="mynote">{{ include.content }}</aside>\n'})
    assert page.html == '<aside class="mynote">mine</aside>\n'


# -- variables and tags -------------------------------------------------------------------------


def test_raw_blocks_stay_literal(site_factory):
    """`{% raw %}{{ x }}{% endraw %}` outputs `{{ x }}` as written."""
    _, page = one_page(site_factory, "Write `{% raw %}{{ x }}{% endraw %}` in templates.\n")
    assert page.html == "<p>Write <code>{{ x }}</code> in templates.</p>\n"


def test_site_page_and_data_variables(site_factory):
    """`site.version`, `page.title`, `page.url` and `site.data.x.y` come from config, page and _data."""
    body = "v={{ site.version }} t={{ page.title }} u={{ page.url }} d={{ site.data.x.y }}\n"
    _, page = one_page(site_factory, body, files={"_data/x.yml": "y: from-data\n"})
    assert page.html == "<p>v=1.2.3 t=Page A u=/a.html d=from-data</p>\n"


def test_control_flow_tags(site_factory):
    """if, unless, for, assign and capture behave as in Jekyll's Liquid."""
    body = ("{% if page.title == \"Page A\" %}IF{% else %}ELSE{% endif %} "
            "{% unless page.hidden %}UNLESS{% endunless %} "
            "{% for i in (1..3) %}F{{ i }}{% endfor %} "
            "{% assign z = \"assigned\" %}{{ z }} "
            "{% capture c %}cap-{{ z }}{% endcapture %}{{ c }}\n")
    _, page = one_page(site_factory, body)
    assert page.html == "<p>IF UNLESS F1F2F3 assigned cap-assigned</p>\n"


def test_for_loops_over_data_lists(site_factory):
    """`{% for %}` over a `_data` list renders one item per entry, in order."""
    body = "{% for e in site.data.people %}- {{ e.name }}\n{% endfor %}\n"
    _, page = one_page(site_factory, body, files={"_data/people.yml": "- name: Ann\n- name: Bob\n"})
    assert page.html == "<ul>\n<li>Ann</li>\n<li>Bob</li>\n</ul>\n"


# -- Jekyll filters -----------------------------------------------------------------------------

DATA = """\
list:
  - {name: a, kind: k1}
  - {name: b, kind: k2}
  - {name: c, kind: k1}
"""


@pytest.mark.parametrize("expression, expected", [
    ('"/x.html" | relative_url', "/base/x.html"),
    ('"x.html" | relative_url', "/base/x.html"),
    ('"Hello, World! 1.2" | slugify', "hello-world-1-2"),
    ('"2019-03-05" | date_to_string', "05 Mar 2019"),
    ('site.data.d.list | map: "name" | array_to_sentence_string', "a, b, and c"),
    ('site.data.d.list | where: "kind", "k1" | map: "name" | join: ","', "a,c"),
    ('"one two  three" | number_of_words', "3"),
    ('"<a & b>" | xml_escape', "&lt;a &amp; b&gt;"),
])
def test_jekyll_filters(site_factory, expression, expected):
    """Jekyll's filters give Jekyll's results (relative_url prefixes the baseurl)."""
    body = f"<div>{{{{ {expression} }}}}</div>\n"  # a raw HTML block: the output as Liquid gave it
    _, page = one_page(site_factory, body, files={"_data/d.yml": DATA}, config=CONFIG + "baseurl: /base\n")
    assert page.html == f"<div>{expected}</div>\n"


def test_date_filters_accept_front_matter_dates(site_factory):
    """A YAML date in front matter works with date_to_string, date_to_long_string and ordinal US style."""
    body = ("<div>{{ page.date | date_to_string }} / {{ page.date | date_to_long_string }} / "
            "{{ page.date | date_to_string: 'ordinal', 'US' }}</div>\n")
    _, page = one_page(site_factory, body, front="title: A\ndate: 2019-03-05\n")
    assert page.html == "<div>05 Mar 2019 / 05 March 2019 / Mar 5th, 2019</div>\n"


def test_relative_url_without_a_baseurl_is_root_relative(site_factory):
    """With no baseurl, relative_url gives the path from the site root."""
    _, page = one_page(site_factory, '<div>{{ "x.html" | relative_url }}</div>\n')
    assert page.html == "<div>/x.html</div>\n"


def test_jsonify_gives_compact_json(site_factory):
    """`jsonify` turns data into JSON text, keys in file order."""
    _, page = one_page(site_factory, "<div>{{ site.data.d.list[0] | jsonify }}</div>\n",
                       files={"_data/d.yml": DATA})
    assert page.html == '<div>{"name":"a","kind":"k1"}</div>\n'



def test_group_by_groups_items_by_a_property(site_factory):
    """`group_by: "kind"` gives groups with name, items and size, in first-seen order."""
    body = ('{% assign g = site.data.d.list | group_by: "kind" %}'
            "{% for x in g %}{{ x.name }}={{ x.size }}:{{ x.items | map: 'name' | join: '+' }};{% endfor %}\n")
    _, page = one_page(site_factory, body, files={"_data/d.yml": DATA})
    assert page.html == "<p>k1=2:a+c;k2=1:b;</p>\n"


# -- errors and warnings ------------------------------------------------------------------------


def test_a_missing_include_is_an_error_at_the_tags_line_with_did_you_mean(site_factory):
    """`{% include notes.htm %}` is error[missing-include] at the page's file:line (front matter counted)."""
    body = "Text\n\n{% include notes.htm %}\n"
    site, _ = one_page(site_factory, body, front="title: B\nx: 1\n",
                       files={"templates/includes/notes.html": "x\n"})
    [diag] = diagnostics_of(site)
    assert (diag.path, diag.line, diag.rule, diag.severity) == ("a.md", 7, "missing-include", "error")
    assert "notes.htm" in diag.message
    assert "Did you mean 'notes.html'?" in (diag.message + " " + (diag.hint or ""))


def test_a_missing_variable_include_names_the_file_it_looked_for(site_factory):
    """`{% include {{ page.callout }}.html %}` naming a missing file reports the resolved name."""
    site, _ = one_page(site_factory, "{% include {{ page.callout }}.html content='x' %}\n",
                       front="title: A\ncallout: nota\n")
    [diag] = diagnostics_of(site)
    assert (diag.path, diag.line, diag.rule) == ("a.md", 5, "missing-include")
    assert "'nota.html'" in diag.message and "Did you mean 'note.html'?" in diag.format()


def test_a_missing_include_inside_an_include_is_reported_at_that_include(site_factory):
    """An include that includes a missing file is reported at the including file's line."""
    site, _ = one_page(site_factory, "Text\n\n{% include outer.html %}\n",
                       files={"templates/includes/outer.html": "Outer\n{% include inner_missing.html %}\n"})
    [diag] = diagnostics_of(site)
    assert (diag.path, diag.line, diag.rule) == ("templates/includes/outer.html", 2, "missing-include")


def test_a_missing_include_without_a_similar_name_has_no_did_you_mean(site_factory):
    """A missing include with nothing similar is still an error, with no misleading suggestion."""
    site, _ = one_page(site_factory, "{% include zzzzqqqq.html %}\n")
    [diag] = diagnostics_of(site)
    assert (diag.path, diag.line, diag.rule) == ("a.md", 4, "missing-include")
    assert "Did you mean" not in diag.format()


def test_an_unclosed_if_is_a_liquid_error_at_the_page(site_factory):
    """`{% if %}` without `{% endif %}` is error[liquid-error] reported at the page's file."""
    site, page = one_page(site_factory, "Text\n\n{% if true %}\nunclosed\n")
    [diag] = diagnostics_of(site)
    assert (diag.path, diag.rule, diag.severity) == ("a.md", "liquid-error", "error")
    assert diag.line is not None and 4 <= diag.line <= 6


def test_an_unknown_filter_is_a_warning_at_its_line_and_the_page_still_renders(site_factory):
    """`{{ 'x' | nosuchfilter }}` is warning[liquid-unsupported] at its line; the value passes through."""
    site, page = one_page(site_factory, "Text\n\n{{ 'x' | nosuchfilter }} and more\n",
                          files={"b.md": "---\ntitle: B\n---\n"})
    [diag] = diagnostics_of(site)
    assert (diag.path, diag.line, diag.rule, diag.severity) == ("a.md", 6, "liquid-unsupported", "warning")
    assert "nosuchfilter" in diag.message
    assert page.html == "<p>Text</p>\n<p>x and more</p>\n"
    assert site.errors == 0


def test_errors_on_one_page_do_not_stop_other_pages(site_factory):
    """A page with a Liquid error is reported while the other pages render normally."""
    site = site_factory({
        "_config.yml": CONFIG,
        "a.md": "---\ntitle: A\n---\n{% include nope.html %}\n",
        "b.md": "---\ntitle: B\n---\n{% if true %}\n",
        "c.md": "---\ntitle: C\n---\nv{{ site.version }} [a](a.html)\n",
    })
    assert [(d.path, d.rule) for d in diagnostics_of(site)] == [("a.md", "missing-include"), ("b.md", "liquid-error")]
    assert page_of(site, "c.html").html == '<p>v1.2.3 <a href="a.html">a</a></p>\n'


def test_a_link_written_in_an_include_file_is_reported_at_the_include_file(site_factory):
    """A broken link inside templates/includes/links.md is reported at that file and its line."""
    body = "Intro\n\n{% include links.md %}\n\nAfter text.\n"
    site, page = one_page(site_factory, body,
                          files={"templates/includes/links.md": "Line one\n[z](missing.html)\n"})
    assert [(d.path, d.line, d.column, d.rule) for d in diagnostics_of(site)] == [
        ("templates/includes/links.md", 2, 5, "broken-link")]
    assert page.links == (Link("missing.html", "templates/includes/links.md", 2, 5, "a", "a.html"),)


def test_a_link_in_an_include_at_the_end_of_the_page_is_reported_at_the_include_file(site_factory):
    """The include file's position is kept when the include tag is the page's last line."""
    site, page = one_page(site_factory, "Intro\n\n{% include links.md %}\n",
                          files={"templates/includes/links.md": "Line one\n[z](missing.html)\n"})
    assert [(d.path, d.line, d.column, d.rule) for d in diagnostics_of(site)] == [
        ("templates/includes/links.md", 2, 5, "broken-link")]


def test_front_matter_render_with_liquid_false_keeps_liquid_text(site_factory):
    """`render_with_liquid: false` leaves `{{ … }}` and `{% … %}` as text."""
    _, page = one_page(site_factory, "`{{ site.version }}` {% raw %}x{% endraw %}\n",
                       front="title: A\nrender_with_liquid: false\n")
    assert page.html == "<p><code>{{ site.version }}</code> {% raw %}x{% endraw %}</p>\n"


def test_an_unclosed_block_is_reported_at_its_opening_tag(site_factory):
    """`{% if %}` without `{% endif %}` is an error at the line and column of the `{% if %}`, saying what to add."""
    site = site_factory({
        "_config.yml": "title: T\n",
        "a.md": "---\ntitle: A\n---\n\nLine one\n\n{% if site.title %}\nshown\n\nmore\n",
    })
    errors = [d for d in site.all_diagnostics() if d.rule == "liquid-error"]
    assert [(d.path, d.line, d.column) for d in errors] == [("a.md", 7, 1)]
    assert "{% if %} is never closed" in errors[0].message and "{% endif %}" in errors[0].hint


def test_an_unclosed_raw_is_an_error_not_an_unknown_tag(site_factory):
    """`{% raw %}` without `{% endraw %}` is reported as never closed, at its line."""
    site = site_factory({"_config.yml": "title: T\n", "a.md": "---\ntitle: A\n---\n\nx\n{% raw %}\n{{ y }}\n"})
    found = [(d.path, d.line, d.rule, d.severity) for d in site.all_diagnostics()]
    assert found == [("a.md", 6, "liquid-error", "error")]


def test_a_syntax_error_in_an_include_is_reported_in_the_include(site_factory):
    """An unclosed `{% if %}` inside an include is an error at the include file and the tag's line."""
    site = site_factory({
        "_config.yml": "title: T\n",
        "_includes/bad.html": "one\ntwo\n{% if x %}\nthree\n",
        "a.md": "---\ntitle: A\n---\n\nText.\n\n{% include bad.html %}\n",
    })
    found = [(d.path, d.line, d.column, d.rule) for d in site.all_diagnostics()]
    assert found == [("_includes/bad.html", 3, 1, "liquid-error")]


def test_a_runaway_loop_is_an_error_not_a_hang(site_factory):
    """A loop of a hundred million iterations stops with a Liquid error at the page."""
    site = site_factory({"_config.yml": "title: T\n",
                         "a.md": "---\ntitle: A\n---\n\n{% for i in (1..100000000) %}x{% endfor %}\n"})
    assert [(d.path, d.rule) for d in site.all_diagnostics()] == [("a.md", "liquid-error")]


def test_unknown_filter_check_reads_only_liquid_markup():
    """A `|` in a Markdown table or a shell pipe is not a filter: the template is not analysed
    for it; a filter inside `{{ }}` or `{% %}` still is, to the lexer's first closing delimiter."""
    from specsite.liquid.errors import unknown_filters

    class Template:
        analysed = 0

        def analyze(self, include_partials=False):
            Template.analysed += 1
            raise RuntimeError("not analysable here")  # (unknown_filters treats it as advisory)

    known = {"upcase"}
    quiet = "| a | b |\n|---|---|\n\n    cat x | grep y\n\n{{ x | upcase }} {% assign y = x | upcase %}\n"
    assert list(unknown_filters(Template(), quiet, "p.md", 1, known, {})) == []
    assert Template.analysed == 0
    loud = ("{{ x | shout }}", "{% assign y = x | shout %}", "{{ x | upcase | shout",
            "{%- liquid\n  assign y = x | shout\n-%}")
    for text in loud:
        list(unknown_filters(Template(), "| t |\n" + text, "p.md", 1, known, {}))
    assert Template.analysed == len(loud)
