"""render.scan's spelt-out patterns find what markdown.scan's re.IGNORECASE ones find."""
from __future__ import annotations

import random

from specsite.markdown.scan import _LINK_TAG
from specsite.render.scan import _TAG


def test_link_tags_found_as_the_ignorecase_pattern_finds_them():
    rng = random.Random(5)
    pieces = ["<", ">", " ", "a", "A", "img", "IMG", "İmg", "ımg", "ſource", "Script", "link", "LİNK", "area",
              "iframe", "video", "audio", "object", "div", "</a>", "href='x'", '"', "\n", "k", "K", "\u212a", "s",
              "<a\thref=y>", "<p>", "<span "]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        assert [m.span() + m.groups() for m in _TAG.finditer(text)] == \
            [m.span() + m.groups() for m in _LINK_TAG.finditer(text)], repr(text)


def test_unicode_case_folds_of_tag_names_are_no_link_tags(tmp_path):
    """HTML folds tag names in ASCII only: to a browser, lxml and Jekyll's checker `<ıframe>` and
    `<ſcript>` are elements of those names. Unicode's folds matched once, and their lowered names
    were no link tag: the page failed (KeyError) where Jekyll builds it."""
    from specsite.cli import main
    from specsite.markdown.scan import _RAW_TEXT
    from specsite.render.scan import hidden_spans, links_and_ids
    odd = '<\u0131frame src="x.html"></\u0131frame> <\u017fcript src="y.js"></\u017fcript> <\u0130MG src="z.png">'
    assert _TAG.search(odd) is None and _LINK_TAG.search(odd) is None and _RAW_TEXT.search(odd) is None
    assert links_and_ids(odd + ' <IFRAME src="w.html"></IFRAME>')[0] == [("w.html", "iframe")]
    assert hidden_spans(odd) == []
    src = tmp_path / "src"
    (src / "_layouts").mkdir(parents=True)
    (src / "_config.yml").write_text("title: u\n", encoding="utf-8")
    (src / "_layouts" / "default.html").write_text("<html><body>{{ content }}</body></html>\n", encoding="utf-8")
    (src / "b.html").write_text(f"---\n---\n<p>{odd}</p>\n", encoding="utf-8")
    (src / "c.md").write_text(f"---\n---\n<div>\n{odd}\n</div>\n\ntext {odd}\n", encoding="utf-8")
    assert main(["build", "--source", str(src), "--out", str(tmp_path / "out")]) == 0
    assert "\u0131frame" in (tmp_path / "out" / "c.html").read_text(encoding="utf-8")


def test_id_attributes_are_the_id_patterns_matches():
    """id_attributes (str.find for ` id=`, then the pattern there) gives _ID_ANY.finditer's matches."""
    import random

    from specsite.markdown.scan import _ID_ANY, id_attributes
    rng = random.Random(31)
    pieces = [" id=", ' id="a"', " id='b'", " id=", '"', "'", "x", " ", "<p", ">", " id= ", 'id="c"', "é", "\n"]
    for _ in range(30000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert [m.span() for m in id_attributes(text)] == [m.span() for m in _ID_ANY.finditer(text)], repr(text)


def test_a_quoted_attribute_value_may_hold_a_greater_than_sign():
    """An HTML parser ends a tag at a `>` outside quotes only: `alt="a -> b"` before `src`, and the
    GSA API template's `href="…/536641>"` (its closing quote after the `>`) keep their links."""
    from specsite.render.scan import links_and_ids
    body = ('<img alt="a -> b" src="x.png"><a title="1 > 0" href="y.html">z</a>\n'
            '<a href="https://www.gsa.gov/content/536641>"\n  View our policy.\n</a>')
    assert links_and_ids(body)[0] == [("x.png", "img"), ("y.html", "a"), ("https://www.gsa.gov/content/536641>", "a")]


def test_an_unquoted_attribute_value_keeps_the_quotes_inside_it():
    """An unquoted value runs to a space or `>`: raw JSON in a page (`<a href=\\"http://ut.no\\">`,
    Nasjonal Turbase's API example) links the relative URL `\\"http://ut.no\\"`, as a browser reads it."""
    from specsite.render.scan import links_and_ids
    body = '<pre><code>"x": "via <a href=\\"http://ut.no\\">UT.no</a> and <a href=a=b>c</a>"</code></pre>'
    assert links_and_ids(body)[0] == [('\\"http://ut.no\\"', "a"), ("a=b", "a")]
