"""render.origins.Written picks the output a link came from exactly as a scan of every recorded
output does: the last equal one, else the longest one inside the link (the last of equal length)."""
from __future__ import annotations

import random

from specsite.render.origins_written import Written


def _scan(written, target):
    exact = [w for w in written if w[0] == target]
    parts = exact or sorted((w for w in written if len(w[0]) > 1 and w[0] in target), key=lambda w: len(w[0]))
    return parts[-1] if parts else None


def test_written_index_chooses_what_a_full_scan_chooses():
    rng = random.Random(7)
    pieces = ["a", "b", "/", "x.html", "#", "docs", "-", "ab", "/docs/"]
    for _ in range(300):
        written = [("".join(rng.choice(pieces) for _ in range(rng.randint(1, 4))), "f.html", n, 1)
                   for n in range(rng.randint(0, 12))]
        index = Written(written)
        for _ in range(10):
            target = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
            assert index.best(target) == _scan(written, target), (written, target)


def test_written_index_on_random_strings_of_a_small_alphabet():
    """Outputs that occur inside a link at any offset, overlap and repeat (the pair index)."""
    rng = random.Random(10)
    for _ in range(300):
        written = [("".join(rng.choice("ab/.") for _ in range(rng.randint(1, 5))), "f.html", n, 1)
                   for n in range(rng.randint(0, 20))]
        index = Written(written)
        for _ in range(10):
            target = "".join(rng.choice("ab/.") for _ in range(rng.randint(1, 12)))
            assert index.best(target) == _scan(written, target), (written, target)


def test_outputs_kept_across_pages_choose_what_each_page_alone_would():
    """Pages sharing one Parts (as a build's pages do): each page's choice is its own outputs'."""
    from specsite.render.origins_written import Parts
    rng = random.Random(12)
    parts = Parts()
    targets = ["".join(rng.choice("ab/.x") for _ in range(rng.randint(1, 10))) for _ in range(40)]
    for _ in range(400):
        written = [("".join(rng.choice("ab/.x") for _ in range(rng.randint(1, 5))), "f.html", n, 1)
                   for n in range(rng.randint(0, 20))]
        page = Written(written, parts)
        for target in rng.sample(targets, 8) + ["".join(rng.choice("ab/.x") for _ in range(rng.randint(1, 10)))]:
            assert page.best(target) == _scan(written, target), (written, target)


def test_link_attributes_are_the_matches_of_the_attribute_search():
    """origins.link_attributes finds what _ATTR.finditer finds: the same spans and groups, on
    random text of names in any case, spaces of every kind, `=`, quotes and word characters."""
    import re

    from specsite.render.origins_patterns import _ATTR, link_attributes
    rng = random.Random(14)
    names = ["href", "HREF", "Src", "srcset", "sRcSeT", "action", "formaction", "FormAction", "poster", "data",
             "cite", "xhref", "a-src", "_src", "ſrc", "İ", "class", ""]
    spaces = ["", "", " ", "\t", "\n", "\u00a0", "\u2003", "  "]
    noise = ["=", "==", '"', "'", "/x.html", "a", "é", "1", "<a ", ">", "\x01", "{{", "}}"]

    def attribute():
        quote = rng.choice("\"'")
        return (rng.choice(names) + rng.choice(spaces) + "=" + rng.choice(spaces) + quote
                + rng.choice(["", "/x.html", "a b", "\x01"]) + rng.choice([quote, ""]))
    for _ in range(3000):
        text = "".join(attribute() if rng.random() < 0.5 else rng.choice(noise + spaces + names)
                       for _ in range(rng.randint(0, 10)))
        want = [(m.span(), m.groups()) for m in _ATTR.finditer(text)]
        assert [(m.span(), m.groups()) for m in link_attributes(text)] == want, text
    assert re.search("ſrc", "SRC", re.I)  # (why the names' last letters, not their first, are indexed)


def test_link_attribute_names_end_only_with_the_indexed_letters():
    """_NAME_ENDS holds each name of _ATTR by its last letter and length, and under re.I that letter
    matches only itself and its capital (every code point checked)."""
    import re
    import sys

    from specsite.render.origins_patterns import _ATTR, _NAME_ENDS
    names = re.search(r"\(\?:([a-z|]+)\)", _ATTR.pattern).group(1).split("|")
    assert {(name[-1], len(name)) for name in names} == {(end, size) for end, sizes in _NAME_ENDS.items()
                                                            for size in sizes}
    letters = "".join(_NAME_ENDS)
    folded = re.compile(f"[{letters}]", re.I)
    assert {chr(c) for c in range(sys.maxunicode + 1) if folded.fullmatch(chr(c))} == set(letters + letters.upper())


def test_a_templates_link_patterns_name_each_attributes_line_and_column():
    """Origins.patterns: one per link attribute, at the line and column of its value; Liquid
    output splits it into literal pieces, and the string literals inside the Liquid are kept."""
    from specsite.render.origins import Origin, Origins
    text = ('<a href="/a.html">A</a>\n{% if x %}<p>\n  <img\n   SRC = \'{{ "/i.png" | relative_url }}\'>'
            ' <link href="{{ site.url }}/feed.xml"></p>{% endif %}\n<a title="x=y" href="#top">')
    origins = Origins({"_includes/t.html": text}, {})
    found = [(p.origin, p.pieces, p.literal, p.liquid, p.quoted) for p in origins.patterns("_includes/t.html")]
    assert found == [(Origin("_includes/t.html", 1, 10), ("/a.html",), 7, False, ()),
                     (Origin("_includes/t.html", 4, 11), ("", ""), 0, True, ("/i.png",)),
                     (Origin("_includes/t.html", 4, 55), ("", "/feed.xml"), 9, True, ()),
                     (Origin("_includes/t.html", 5, 22), ("#top",), 4, False, ())]


def test_a_link_whose_output_is_only_its_baseurl_is_found_at_the_template_that_writes_the_rest():
    """`href="{{ site.baseurl }}/assets/x.png"`: the baseurl is written by every include; the
    template whose literal text covers more of the link than any output is where it is."""
    from specsite.render.origins import Origins
    templates = {"_includes/head.html": '<head>\n<link href="{{ site.baseurl }}/assets/x.png">\n</head>\n',
                 "_includes/scripts.html": '<script src="{{ site.baseurl }}/js/m.js"></script>\n'}
    written = [("/base", "_includes/head.html", 2, 13), ("/base", "_includes/scripts.html", 1, 14)]
    origin = Origins(templates, {}, "/base").locate("/base/assets/x.png", tuple(templates), written)
    assert (origin.path, origin.line) == ("_includes/head.html", 2)


def test_outputs_written_in_a_row_place_a_link_at_the_first_of_them():
    """`href="{{ site.baseurl }}/{{ entry.url }}"`: the two outputs written one after the other
    cover more of the link than the baseurl written last elsewhere (a one-character output such
    as a page's `/` url neither breaks nor makes a run)."""
    from specsite.render.origins import Origins
    templates = {"_includes/sidebar.html": '<nav>\n<a href="\n  {{ site.baseurl }}/{{ entry.url }}\n">x</a>\n</nav>\n',
                 "_includes/scripts.html": '<script src="{{ site.baseurl }}{{ page.url }}m.js"></script>\n'}
    written = [("/base", "_includes/sidebar.html", 3, 3), ("FAQ", "_includes/sidebar.html", 3, 24),
               ("/base", "_includes/scripts.html", 1, 14), ("/", "_includes/scripts.html", 1, 34)]
    origin = Origins(templates, {}, "/base").locate("\n  /base/FAQ\n", tuple(templates), written)
    assert (origin.path, origin.line) == ("_includes/sidebar.html", 3)


def test_a_baseurl_longer_than_the_literal_rest_stays_with_the_template_that_wrote_it():
    """canada-oss: `href='{{ site.baseurl }}/assets/style.css'` in head.html, the baseurl
    (/open-source-logiciel-libre) written again later by a breadcrumb: the link is head.html's,
    at its own output, though the baseurl covers more of it than the literal `/assets/style.css`."""
    from specsite.render.origins import Origins
    base = "/open-source-logiciel-libre"
    templates = {"_includes/head.html": "<head>\n  <link rel='stylesheet' href='{{ site.baseurl }}/assets/style.css'>\n</head>\n",
                 "_includes/breadcrumbs.html": '<nav>\n  <a href="{{ site.baseurl }}{{ home }}">Home</a>\n</nav>\n'}
    written = [(base, "_includes/head.html", 2, 32), (base, "_includes/breadcrumbs.html", 2, 12),
               ("/en/index.html", "_includes/breadcrumbs.html", 2, 30)]
    origin = Origins(templates, {}, base).locate(base + "/assets/style.css", tuple(templates), written)
    assert (origin.path, origin.line, origin.column) == ("_includes/head.html", 2, 32)


def test_an_empty_link_is_found_at_the_template_line_whose_output_wrote_it(tmp_path):
    """`href="{{ site.github_url }}"` with no such setting writes `href=""`: each such link is
    reported at its own line of the layout, not at an include's `href="{{ document.url }}"` in a
    loop that never ran, nor at a loop's that wrote URLs (learn.siteleaf.com's sidebar)."""
    from conftest import build_site, diagnostics_of, make_site
    site = make_site(tmp_path, {
        "_config.yml": "title: t\n",
        "_layouts/default.html": """\
            <nav><a href="{{ site.github_url }}">Contribute</a></nav>
            {{ content }}
            <p>Or <a href="{{ site.github_url }}">on GitHub</a>.</p>
            """,
        "_layouts/section.html": """\
            ---
            layout: default
            ---
            {% include sidebar.html %}
            {% for p in site.pages %}<a href="{{ p.url }}">{{ p.title }}</a>{% endfor %}
            """,
        "_includes/sidebar.html": "{% for d in site.nothing %}<a href=\"{{ d.url }}\">x</a>{% endfor %}\n",
        "index.md": "---\nlayout: section\ntitle: Home\n---\ntext\n",
        "other.md": "---\nlayout: default\ntitle: Other\n---\ntext\n",
    })
    found = sorted((d.path, d.line, d.column) for d in diagnostics_of(build_site(site), "empty-link"))
    assert found == [("_layouts/default.html", 1, 15), ("_layouts/default.html", 3, 16)]


def test_an_empty_link_from_a_loop_is_found_at_the_line_whose_every_output_wrote_nothing(tmp_path):
    """`href="{{ site.baseurl }}{{ entry.url }}"` for a menu entry without a url (a dropdown's
    head): not at the children's `href="{{ site.baseurl }}{{ child.url }}"`, whose baseurl also
    wrote nothing, nor at the data file's `url: /` (OpenReferralUK's navigation)."""
    from conftest import build_site, diagnostics_of, make_site
    site = make_site(tmp_path, {
        "_config.yml": "title: t\n",
        "_data/navigation.yml": "- title: Home\n  url: /\n- title: Standard\n  child:\n    - title: Ref\n      url: /ref.html\n",
        "_layouts/default.html": """\
            {% for entry in site.data.navigation %}{% if entry.child %}
            <a class="toggle" href="{{ site.baseurl }}{{ entry.url }}">{{ entry.title }}</a>
            {% for child in entry.child %}<a href="{{ site.baseurl }}{{ child.url }}">{{ child.title }}</a>{% endfor %}
            {% else %}<a href="{{ site.baseurl }}{{ entry.url }}">{{ entry.title }}</a>{% endif %}{% endfor %}
            {{ content }}
            """,
        "index.md": "---\nlayout: default\n---\ntext\n",
        "ref.md": "---\nlayout: default\n---\ntext\n",
    })
    found = sorted((d.path, d.line, d.column) for d in diagnostics_of(build_site(site), "empty-link"))
    assert found == [("_layouts/default.html", 2, 25)]


def test_a_data_link_with_a_fragment_is_found_at_its_own_entry_not_at_its_pages(tmp_path):
    """`url: /index.html#feedback` written as `index.html#feedback` on a page in a folder: the
    broken anchor is at that entry, not at the `url: /index.html` entry before it (BOCCO API's topnav)."""
    from conftest import build_site, diagnostics_of, make_site
    site = make_site(tmp_path, {
        "_config.yml": "title: t\n",
        "_data/topnav.yml": "- title: Home\n  url: /index.html\n- title: Feedback\n  url: /index.html#feedback\n",
        "_layouts/default.html": """\
            {% for item in site.data.topnav %}<a href="{{ item.url | remove: "/" }}">{{ item.title }}</a>{% endfor %}
            {{ content }}
            """,
        "index.md": "---\nlayout: default\n---\n## Feedback\n",
        "news/index.md": "---\nlayout: default\n---\n## News\n",
    })
    found = [(d.path, d.line, d.target) for d in diagnostics_of(build_site(site), "broken-anchor")]
    assert found == [("_data/topnav.yml", 4, "index.html#feedback")]


def test_a_body_link_written_with_spaces_inside_its_parentheses_is_not_a_layout_link_too(tmp_path):
    """`[-]({{ include.userlink }} )` with an empty userlink (the NHS Booking API's FHIR reference
    include): the page's own link is recorded with the author's space, kramdown writes `href=""`;
    it is the page's finding, not also one at a layout line that could write an empty link."""
    from conftest import build_site, diagnostics_of, make_site
    site = make_site(tmp_path, {
        "_config.yml": "title: t\n",
        "_includes/ref.html": '<div markdown="span">[{{ include.content }}]({{ include.userlink }} )</div>\n',
        "_layouts/default.html": """\
            {% for tag in page.tags %}<a href="{{ "tag_" | append: tag | append: ".html" }}">{{ tag }}</a>{% endfor %}
            {{ content }}
            """,
        "index.md": "---\nlayout: default\ntags: [a]\n---\ntext\n\n{% include ref.html content=\"-\" userlink=\"\" %}\n",
        "tag_a.md": "---\nlayout: default\n---\ntag\n",
    })
    found = [(d.path, d.line) for d in diagnostics_of(build_site(site), "empty-link")]
    assert found == [("index.md", 7)]


def test_an_output_equal_to_a_link_but_outside_every_link_attribute_is_not_its_origin(tmp_path):
    """`last: --{{ last }}--` writes "/" as text (Kin Lane's API Journey layout); the broken `/` link
    is the include's `<a href="/">`, not that output."""
    from conftest import build_site, diagnostics_of, make_site
    site = make_site(tmp_path, {
        "_config.yml": "title: t\n",
        "_includes/nav.html": '<nav>\n  <a href="/">Homepage</a>\n</nav>\n',
        "_layouts/default.html": """\
            {% assign last = '/' %}
            last: --{{ last }}--
            {% include nav.html %}
            {{ content }}
            """,
        "docs/a.md": "---\nlayout: default\n---\ntext\n",
    })
    found = [(d.path, d.line, d.column) for d in diagnostics_of(build_site(site), "broken-link")]
    assert found == [("_includes/nav.html", 2, 12)]


def test_a_literal_link_in_a_template_is_found_there_not_at_a_data_entry_with_its_value(tmp_path):
    """A menu include's literal `href="/screenshots"` is that include's link, though
    _data/navigation.yml holds `/screenshots` too and a footer writes it through an include that
    ends with a line break (flacon.github.io); the data-written link (`/screenshots` and a line
    break) is not the literal one."""
    from conftest import build_site, diagnostics_of, make_site
    site = make_site(tmp_path, {
        "_config.yml": "title: t\n",
        "_data/navigation.yml": "- name: Shots\n  link: /screenshots\n",
        "_includes/menu.html": '<ul>\n  <li><a href="/screenshots">Screenshots</a></li>\n</ul>\n',
        "_includes/src.html": "{{ include.src }}\n",
        "_layouts/default.html": """\
            {% include menu.html %}
            {{ content }}
            {% for link in site.data.navigation %}<a href="{% include src.html src=link.link %}">{{ link.name }}</a>{% endfor %}
            """,
        "index.md": "---\nlayout: default\n---\ntext\n",
    })
    found = sorted((d.path, d.line, d.target) for d in diagnostics_of(build_site(site), "broken-link"))
    assert found == [("_includes/menu.html", 2, "/screenshots"), ("_includes/src.html", 1, "/screenshots\n")]


def test_ran_at_indexes_the_keys_asked_as_a_full_index_would():
    """Written.ran_at(keys), asked in turn about overlapping key sets, gives for each key the texts
    a full index of every output (empty ones too) gives: an unseen key none."""
    rng = random.Random(16)
    for _ in range(200):
        written = [(rng.choice(["", "a", "/b", "a"]), rng.choice(["f.html", "g.html"]), rng.randint(1, 4),
                    rng.randint(1, 3)) for _ in range(rng.randint(0, 25))]
        full: dict = {}
        for text, *at in written:
            full.setdefault(tuple(at), set()).add(text)
        index = Written(written)
        for _ in range(4):
            keys = frozenset((rng.choice(["f.html", "g.html"]), rng.randint(1, 5), rng.randint(1, 3))
                             for _ in range(rng.randint(0, 4)))
            ran = index.ran_at(keys)
            assert {k: ran.get(k, set()) for k in keys} == {k: full.get(k, set()) for k in keys}


def test_empty_outputs_change_no_choice_of_best_or_run():
    """Empty outputs (recorded for ran_at) are as if left out for best and run: the same entry
    chosen, an empty link too, and the same run of outputs."""
    rng = random.Random(18)
    pieces = ["", "", "a", "/", "x.html", "#", "docs", "ab"]
    for _ in range(300):
        written = [("".join(rng.choice(pieces) for _ in range(rng.randint(1, 3))), "f.html", n, 1)
                   for n in range(rng.randint(0, 14))]
        full, plain = Written(written), Written([w for w in written if w[0]])
        for _ in range(8):
            target = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 5)))
            found = full.best(target)
            assert found == plain.best(target), (written, target)
            if found is not None and found[0] != target:
                assert full.run(target, found) == plain.run(target, found), (written, target)


def test_files_under_lists_what_rglob_and_is_file_list_in_their_order(tmp_path):
    """origins.rglob_files: the files Path.rglob("*") and Path.is_file give, in the same order: hidden
    files, nested folders, a symlink to a file followed, a symlinked folder and a broken link not."""
    import os
    from pathlib import Path

    from specsite.render.origins_files import rglob_files, suffix
    outside = tmp_path / "outside"
    (outside / "deep").mkdir(parents=True)
    (outside / "deep" / "x.html").write_text("x")
    top = tmp_path / "_includes"
    for rel in ["a.html", ".hidden", "sub/b.html", "sub/inner/c.yml", "sub/..yml", "z/d.md"]:
        (top / rel).parent.mkdir(parents=True, exist_ok=True)
        (top / rel).write_text(rel)
    os.symlink(outside / "deep", top / "linked")
    os.symlink(outside / "deep" / "x.html", top / "sub" / "to-file.html")
    os.symlink(tmp_path / "nowhere", top / "broken.html")
    expected = [str(p) for p in Path(top).rglob("*") if p.is_file()]
    assert rglob_files(top) == expected
    assert str(top / "sub" / "to-file.html") in expected and not any("linked" in p for p in expected)
    for name in ["a", ".yml", "..yml", "x.", "a.b.YML", ".", "a..", "...", ".a.b"]:
        assert suffix(f"/d/{name}") == Path(f"/d/{name}").suffix, name


_LAZY_DATA_VALUE = r"""^[ \t]*(?:-[ \t]+)?(?:[\w.-]+[ \t]*:[ \t]*)?(["']?)(.+?)\1[ \t]*$"""


def _lazy_values(text: str) -> dict:
    """Each data value's first (line, column), as the lazy one-pattern scan read them."""
    import re
    values = {}
    for m in re.finditer(_LAZY_DATA_VALUE, text, re.M):
        value, start = m.group(2).strip(), m.start(2)
        if value and value not in values and not value.startswith("#"):
            values[value] = (text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1)
    return values


def _origins_values(text: str) -> dict:
    from specsite.render.origins import Origins
    origins = Origins({}, {"_data/d.yml": text})
    found = {}
    for value in origins.values:
        origin = origins._find_data_origin(value)
        found[value] = (origin.line, origin.column)
    return found


def test_data_values_are_read_as_the_lazy_line_pattern_reads_them():
    """`key: ""` (the two quotes), `key:` alone (the key itself), quotes left open, CRLF lines,
    spaces after a closing quote: every value and column as the one-pattern scan found them."""
    named = ['url: ""\n', "url:\n", "- url: '/a.html'  \n", 'u: "/b.html\n', "u: /c.html\r\n",
             "  - /d.html\n\n", "\n- '\n", 'k: "x" y"\t\n', "-  \n", "k:  \n"]
    rng = random.Random(3)
    alphabet = [" ", "\t", "-", "a", ":", '"', "'", "\n", "\r", ".", "#", "é", "/x"]
    texts = named + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20))) for _ in range(3000)]
    for text in texts + ["".join(named)]:
        assert list(_origins_values(text).items()) == list(_lazy_values(text).items()), repr(text)


def test_a_link_from_a_configuration_value_is_reported_at_its_line_in_config(tmp_path):
    """`site.header.nav` in _config.yml is the site's data as much as a _data file: a broken link a
    layout writes from it (`href="{{ site.baseurl }}{{ item.link }}"`) is reported at the
    configuration's line, where its author fixes it, not at the template (18F's e-Manifest)."""
    from conftest import build_site, diagnostics_of, make_site
    site = make_site(tmp_path, {
        "_config.yml": "title: t\nheader:\n  nav:\n    - text: API Diagnostics\n      link: /api-diagnostics\n",
        "_layouts/default.html": '<ul>{% for item in site.header.nav %}<li><a href="{{ site.baseurl }}{{ item.link }}">'
                                 '{{ item.text }}</a></li>{% endfor %}</ul>\n{{ content }}\n',
        "index.md": "---\nlayout: default\n---\ntext\n",
    })
    found = [(d.path, d.line, d.target) for d in diagnostics_of(build_site(site), "broken-link")]
    assert found == [("_config.yml", 5, "/api-diagnostics")]
