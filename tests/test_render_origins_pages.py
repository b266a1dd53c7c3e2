"""A link a page's own Liquid writes is reported where its text is written: in a loop's body (each
iteration, not the loop's `{% endfor %}`), in an include the page calls (at the include's line,
naming the page), at one column whichever file called the include."""
from __future__ import annotations

from conftest import build_site, diagnostics_of, make_site


def _placed(site, rule="broken-link"):
    return sorted({(d.path, d.line, d.column, d.target) for d in diagnostics_of(build_site(site), rule)})


def test_a_link_from_a_loops_later_iterations_is_at_the_line_in_the_loop_body(tmp_path):
    """gpc-messaging's requirements table: every row's link at the `<a href="{{ item.page }}…">`
    line, not the second and later rows' at `{% endfor %}`."""
    site = make_site(tmp_path, {
        "_config.yml": "title: t\n",
        "_data/reqs.yml": "- {id: R-1, page: a.html}\n- {id: R-2, page: b.html}\n- {id: R-3, page: c.html}\n",
        "index.md": """\
            ---
            title: Home
            ---
            <table>
              {% for item in site.data.reqs %}
              <tr>
                <td><a href="{{ item.page }}#{{ item.id }}">{{ item.id }}</a></td>
              </tr>
              {% endfor %}
            </table>
            """,
    })
    assert _placed(site) == [("index.md", 7, 18, f"{p}.html#R-{n}") for n, p in ((1, "a"), (2, "b"), (3, "c"))]


def test_a_link_an_included_loop_writes_is_at_the_include_line_and_names_the_page(tmp_path):
    """An include called in a page's loop writes links in a loop of its own: each is at the
    include's `<a href=…>` line (its value's start), with the page named, not at the page's
    include tag or `{% endfor %}`."""
    site = make_site(tmp_path, {
        "_config.yml": "title: t\n",
        "_data/stories.yml": "- {title: One, reqs: [a, b]}\n- {title: Two, reqs: [c]}\n",
        "_includes/reqs.html": """\
            {% for r in include.list %}
            	 <a href="{{ r }}.html" title="{{ r }}">{{ r }}</a>&nbsp;
            {% endfor %}
            """,
        "index.md": """\
            ---
            title: Home
            ---
            {% for story in site.data.stories %}
            <h3>{{ story.title }}</h3>
            <p>{% include reqs.html list=story.reqs %}</p>

            {% endfor %}
            """,
    })
    found = diagnostics_of(build_site(site), "broken-link")
    assert sorted((d.path, d.line, d.column, d.target) for d in found) == [
        ("_includes/reqs.html", 2, 12, f"{r}.html") for r in "abc"]
    assert all("index.html" in d.message for d in found)


def test_a_reference_definition_made_by_liquid_in_an_included_file_is_at_its_line(tmp_path):
    """iiif-auth's links.md (`[image3]: {{ site.baseurl }}/api/image/3.{{ site.minor }}/`),
    included at the page's end: the broken link is at that definition's line, where its target
    starts, not at the page's include tag; the page is named."""
    site = make_site(tmp_path, {
        "_config.yml": "title: t\nminor: 0\n",
        "_includes/links.md": """\
            [home]: {{ site.baseurl }}/index.html
            [image3]: {{ site.baseurl }}/api/image/3.{{ site.minor }}/ "Image API 3.{{ site.minor }}"
            """,
        "index.md": """\
            ---
            title: Home
            ---
            See the [Image API][image3] and [home][home].

            {% include links.md %}
            """,
    })
    found = diagnostics_of(build_site(site), "broken-link")
    assert [(d.path, d.line, d.column, d.target) for d in found] == [("_includes/links.md", 2, 11, "/api/image/3.0/")]
    assert "index.html" in found[0].message


def test_an_include_line_s_link_has_one_column_from_a_page_and_from_a_layout(tmp_path):
    """slim-website's nav.html `href="{{ site.urlBasePath }}/contribute"`, included by a layout
    and by a page's body: both findings at the value's start (the layout's column), not the page's
    at the literal `/contribute`."""
    site = make_site(tmp_path, {
        "_config.yml": "title: t\n",
        "_includes/nav.html": '<nav>\n  <a class="b" href="{{ site.urlBasePath }}/contribute">Contribute</a>\n</nav>\n',
        "_layouts/post.html": "{% include nav.html %}\n{{ content }}\n",
        "index.md": "---\nlayout: post\n---\ntext\n",
        "blog/index.html": "---\n---\n{% include nav.html %}\n<p>blog</p>\n",
    })
    assert {(d.path, d.line, d.column) for d in diagnostics_of(build_site(site), "broken-link")} == {
        ("_includes/nav.html", 2, 22)}


def test_a_duplicate_id_in_an_included_svg_is_at_the_svg_line_naming_the_page(tmp_path):
    """careconnect-api's `{% include custom/api_overview.svg %}`, whose `<text id="•">` repeats:
    each second definition at its line of the SVG (the first's line named), the page named, not
    all at the page's include line; an include called twice (one line writes both) is at the
    page's second include tag, as before."""
    site = make_site(tmp_path, {
        "_config.yml": "title: t\n",
        "_includes/chart.svg": '<svg>\n  <text id="dot">a</text>\n  <text id="x">b</text>\n  <text id="dot">c</text>\n</svg>\n',
        "_includes/field.html": '<p id="identifier">{{ include.name }}</p>\n',
        "index.md": "---\ntitle: Home\n---\nIntro {{ page.title }}\n\n{% include chart.svg %}\n",
        "fields.md": "---\n---\n{% include field.html name='a' %}\n\n{% include field.html name='b' %}\n",
    })
    found = [(d.path, d.line, d.message) for d in diagnostics_of(build_site(site), "duplicate-id")]
    assert found == [
        ("_includes/chart.svg", 4, "id 'dot' is defined twice on index.html (first at line 2); links go to the first"),
        ("fields.md", 5, "id 'identifier' is defined twice on fields.html (first at line 3); links go to the first")]


def test_a_link_made_from_a_config_default_is_at_the_defaults_line(tmp_path):
    """slim-website's `defaults:` give every page a `docs` menu (`- [/docs/start.md, Start]`,
    a flow sequence) that the layout writes with `replace: '.md', '.html'`: the broken entry is
    at its `_config.yml` line and column, not at the layout's `href="{{ itemUrl }}"`."""
    site = make_site(tmp_path, {
        "_config.yml": """\
            title: t
            defaults:
              -
                scope:
                  path: ""
                values:
                  layout: docs
                  docs:
                    - [/index.md, Home]
                    - [/start.md, Start]
            """,
        "_layouts/docs.html": """\
            <ul>{% for item in page.docs %}
              {% capture itemUrl %}{{ item[0] | replace: '.md', '.html' }}{% endcapture %}
              <li><a href="{{ itemUrl }}">{{ item[1] }}</a></li>
            {% endfor %}</ul>
            {{ content }}
            """,
        "index.md": "---\ntitle: Home\n---\ntext\n",
    })
    assert _placed(site) == [("_config.yml", 10, 12, "/start.html")]


def test_a_redirect_pages_link_is_at_its_redirect_to_line(tmp_path):
    """iiif-auth's auth/1/kiosk.md (`redirect_to:` a missing page, jekyll-redirect-from): the
    redirect page's broken link is at the front matter line that names it, not at no line."""
    site = make_site(tmp_path, {
        "_config.yml": "title: t\nplugins: [jekyll-redirect-from]\n",
        "old.md": "---\npermalink: /old/index.html\nredirect_to:\n - /gone/#kiosk\n---\n",
        "index.md": "---\ntitle: Home\n---\ntext\n",
    })
    assert {(d.path, d.line, d.column) for d in diagnostics_of(build_site(site), "broken-link")} == {("old.md", 4, 4)}


def test_a_link_in_a_post_that_a_blog_page_prints_is_at_the_posts_line(tmp_path):
    """filemeta's blog.html prints `{{ post.content }}` in a loop: a broken link of one post is
    at that post's line (one finding with the post's own page), not at the `{{ post.content }}`
    output or the loop's `{% endfor %}`; a link two posts hold stays at the blog page's line."""
    site = make_site(tmp_path, {
        "_config.yml": "title: t\n",
        "_posts/2020-01-01-one.md": "---\ntitle: One\n---\nFirst, see [the spec](/CodeBit).\n\nAlso [x](/Shared).\n",
        "_posts/2020-01-02-two.md": "---\ntitle: Two\n---\nSecond.\n\n[y](/Shared)\n",
        "blog.html": """\
            ---
            title: Blog
            ---
            {% for post in site.posts %}
            	<hr/>
            	<div>{{ post.content }}</div>
            {% endfor %}
            """,
    })
    found = {(d.path, d.line, d.column, d.target, d.message) for d in diagnostics_of(build_site(site), "broken-link")}
    assert ("_posts/2020-01-01-one.md", 4, 23, "/CodeBit",
            "file 'CodeBit' does not exist in the site (on 2 pages: 2020/01/01/one.html, blog.html)") in found
    assert {(p, line) for p, line, _, target, _ in found if target == "/Shared" and p == "blog.html"} == {("blog.html", 6)}


def test_a_link_an_output_wrote_is_at_its_values_start_from_a_layout_and_from_a_page(tmp_path):
    """depcon's navbar `href="https://github.com/{{ site.org }}/{{ site.repo }}…"`: a link found
    by the output that wrote most of it is placed at the value's start, as a link pattern is, and
    as the same include line is from a page's body: one position (it was the output's column)."""
    site = make_site(tmp_path, {
        "_config.yml": "title: t\nsub: /missing-page.html\n",
        "_includes/nav.html": '<nav>\n  <a href="/x{{ site.sub }}">S</a>\n</nav>\n',
        "_layouts/post.html": "{% include nav.html %}\n{{ content }}\n",
        "index.md": "---\nlayout: post\n---\ntext\n",
        "blog/index.html": "---\n---\n{% include nav.html %}\n<p>blog</p>\n",
    })
    assert {(d.path, d.line, d.column) for d in diagnostics_of(build_site(site), "broken-link")} == {
        ("_includes/nav.html", 2, 12)}


def test_a_link_inside_a_data_value_that_a_page_prints_is_at_the_data_line(tmp_path):
    """gpc-messaging's user stories: `source: "<a href=\\"process.html\\">…"` printed by the page's
    `{{ item.source }}` in a loop: the broken link is at the data file's line (its first place),
    naming the page, not at the page's output or `{% endfor %}`."""
    site = make_site(tmp_path, {
        "_config.yml": "title: t\n",
        "_data/stories.yml": '- id: S1\n  source: "<a href=\\"process.html\\">Process</a>"\n'
                             '- id: S2\n  source: "<a href=\\"process.html\\">Process</a>"\n',
        "stories.md": "---\ntitle: Stories\n---\n{% for item in site.data.stories %}\n<p>{{ item.id }}: {{ item.source }}</p>\n{% endfor %}\n",
    })
    found = diagnostics_of(build_site(site), "broken-link")
    assert [(d.path, d.line, d.column) for d in found] == [("_data/stories.yml", 2, 22)]
    assert "stories.html" in found[0].message
