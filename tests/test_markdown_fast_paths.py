"""Page-level shortcuts of the markdown stage say yes only where the per-line rule they stand for
changes nothing (text.code_spans_as_written for text.kramdown_code_spans)."""
import random

from specsite.markdown.fences import FENCE
from specsite.markdown.text import code_spans_as_written, kramdown_code_spans


def _lines_unchanged(text: str) -> bool:
    return all(kramdown_code_spans(line) == line for line in text.split("\n") if "`" in line and not FENCE.match(line))


def test_code_spans_as_written_cases():
    assert code_spans_as_written("The `id` element and `code`.\n\n```json\n{\"a\": 1}\n```\n")
    assert code_spans_as_written("  ```python\nx = `y`\n   ````\n")  # (fence lines: left to the fence rule)
    for text in ("a ` b", "a `` b `` c", "a ` x` b", "x` y `z", "open `span\nclosed` here", "a \\`b`",
                 "`a``b`", "    ```\n", "a ` ` b"):
        assert not code_spans_as_written(text) or _lines_unchanged(text), text
    assert not code_spans_as_written("a ` b")  # a lone backtick between blanks: kramdown's text
    assert not code_spans_as_written("open `span\nclosed` here")


def test_code_spans_as_written_never_hides_a_rewrite():
    rng = random.Random(7)
    pieces = ["`", "``", "```", " ", "a", "\\", "\n", "~~~", "\t", "x y", "\u00a0"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        if code_spans_as_written(text):
            assert _lines_unchanged(text), repr(text)


def test_link_tag_patterns_agree():
    """markdown.scan._SCAN_TAG and render.scan._TAG find the tags markdown.scan._LINK_TAG finds
    (the same names; IGNORECASE spelt as classes; cmark's `<a href="…">` read at once)."""
    import re

    from specsite.markdown.scan import _LINK_TAG, _SCAN_NAMES, _SCAN_TAG, _scan
    from specsite.render.scan import _TAG
    assert _SCAN_NAMES == tuple(re.search(r"\(([a-z|]+)\)", _LINK_TAG.pattern).group(1).split("|"))
    body = ('<p data-sourcepos="1:1-1:9"><a href="x">1</a> <A HREF="y">2</A> <a\thref="z">3</a> <a href="p>q">'
            '<a href="">e</a> <IMG src="i.png"> <ScRiPt src="s.js"></ScRiPt> <a href="a&amp;b" name="n">'
            '<aside> <link href="l.css"> <Video src="v"></p>')
    expected = [(m.start(), m.group(1).lower(), m.group(2)) for m in _LINK_TAG.finditer(body)]
    assert [(m.start(), m.group(1).lower(), m.group(2)) for m in _TAG.finditer(body)] == expected
    assert [m.start() for m in _SCAN_TAG.finditer(body)] == [start for start, _, _ in expected]
    links = [(link.href, link.tag) for link in _scan(body)[1]]
    # (`<a href="p>q">`: a quoted value holds its `>`, as an HTML parser reads it)
    assert links == [("x", "a"), ("y", "a"), ("z", "a"), ("p>q", "a"), ("", "a"), ("i.png", "img"), ("s.js", "script"),
                     ("a&b", "a"), ("l.css", "link"), ("v", "video")]


def test_odd_star_and_odd_url_as_their_plain_forms():
    """emphasis.ODD_STAR (led by the star run, a look-behind for the character before it) and
    spans.ODD_URL (a possessive run to the first space, backslash or quote) say yes exactly
    where the plain patterns they stand for find a match (only their truth is read)."""
    import re

    from specsite.markdown.emphasis import ODD_STAR
    from specsite.markdown.spans import ODD_URL
    plain_star = re.compile(r"[^\W_]\*+(?:[^\w\s*]|_)|(?:[^\w\s*]|_)\*+(?:[^\W_]|[^\w\s*]|_)")
    plain_url = re.compile(r"\]\([^)\n]*[ \\\"']")
    for line in ("Bear*, Wang*", "dir/**/*_spec", "*a*", "a**b**", "| 0..* | x |", "(1..*)", "x *y* z", "_*_", "é*,"):
        assert bool(ODD_STAR.search(line)) == bool(plain_star.search(line)), line
    assert ODD_STAR.search("Bear*, Wang*") and ODD_STAR.search("dir/**/*_spec") and not ODD_STAR.search("a **b** c")
    assert ODD_URL.search("[a](b c)") and ODD_URL.search('[a](b "t")') and not ODD_URL.search("[a](b) c d")
    rng = random.Random(11)
    stars, urls = list("a_* .é1\t/-\u00a0\u2003Z,"), list("]()\n \\\"'ax.")
    for _ in range(30000):
        text = "".join(rng.choice(stars) for _ in range(rng.randint(0, 12)))
        assert bool(ODD_STAR.search(text)) == bool(plain_star.search(text)), repr(text)
        text = "".join(rng.choice(urls) for _ in range(rng.randint(0, 12)))
        assert bool(ODD_URL.search(text)) == bool(plain_url.search(text)), repr(text)


def test_odd_underscores_as_its_plain_form():
    """emphasis.odd_underscores (edge pattern spelt from the `_`, lines settled by counting the inner
    `_`) says what its plain form says: an inner `_`, and two edge `_` once the inner ones go with
    their letters (a one-letter word between two `_` keeps one: `a_b_c` leaves `_c`)."""
    import re

    from specsite.markdown.emphasis import odd_underscores
    inner, edge = re.compile(r"[^\W_]_[^\W_]"), re.compile(r"(?<![^\W_])_(?!_)|(?<!_)_(?![^\W_])")

    def plain(line):
        return line.count("_") >= 3 and "$$" not in line and inner.search(line) is not None \
            and len(edge.findall(inner.sub("", line))) >= 2
    assert odd_underscores("_n_th ... _n_") and odd_underscores("x a_b_c _y") and not odd_underscores("a_b c_d e_f")
    assert not odd_underscores("see `BAD_REQUEST` in registry_patient_development.html") and odd_underscores("_a_b_")
    rng = random.Random(11)
    for _ in range(50000):
        line = "".join(rng.choice("a_b_ _\u00e91*$.__") for _ in range(rng.randint(0, 14)))
        assert odd_underscores(line) == plain(line), repr(line)
