"""The build-time search index (specsite/searchindex.py) on the sample site: body text is indexed
with identifiers whole, sections are located, and the compact postings decode to the counts."""
from __future__ import annotations

import json

from conftest import REPO, build_site
from specsite.searchindex import FIELDS, search_index, sections, tokens


def _index(site) -> dict:
    text = search_index(site.pages)
    return json.loads(text[len("window.SPECSITE_SEARCH = "):].strip().rstrip(";"))


def _postings(index, term) -> dict:
    """{field name: {page url: occurrences}} for one term, decoded as theme.js decodes it."""
    row = next(r for r in index["index"] if r[0] == term)
    found = {}
    for field, coded in zip(FIELDS, row[1:]):
        doc, docs = 0, {}
        for value in coded or []:
            doc += value // 16
            docs[index["docs"][doc]["u"]] = value % 16
        if docs:
            found[field] = docs
    return found


def test_identifiers_stay_whole_and_hyphenated_names_split_as_in_the_browser():
    assert tokens("422 INVALID_RESOURCE; If-Match: ETag") == ["422", "invalid_resource", "if", "match", "etag"]


def test_sections_split_at_h2_to_h4_with_ids_and_drop_markup():
    body = ('<p>Intro &amp; more</p><h2 id="a">First <code>x</code></h2><p>one</p>'
            '<h5 id="deep">Too deep</h5><p>two</p><h3>No id</h3><script>var s;</script><h4 id="b">B</h4>')
    assert sections(body) == [(None, None, "Intro & more"), ("First x", "a", "one Too deep two No id"),
                              ("B", "b", "")]


def test_the_sample_sites_body_words_are_in_the_index():
    """The words the issue found missing are indexed from the amend and release pages' text."""
    index = _index(build_site(REPO))
    amend = "appointments_use_case_amend_an_appointment.html"
    for term in ("invalid_resource", "match", "etag"):
        assert amend in _postings(index, term)["text"], term
    assert "overview_release_notes_1_2_3.html" in _postings(index, "601")["text"]
    assert _postings(index, "amend")["title"] == {amend: 1}
    doc = next(d for d in index["docs"] if d["u"] == amend)
    offset, heading, anchor = next(h for h in doc["h"] if h[2] == "error-handling")
    assert doc["x"][offset:].startswith("Error handling: ") and heading == "Error handling"
    assert len(index["lengths"]) == len(index["docs"]) and all(len(n) == len(FIELDS) for n in index["lengths"])


def test_sections_skip_the_drop_pass_only_where_it_cannot_match():
    import random

    from specsite import searchindex
    rng = random.Random(3)
    bits = ["<p>", "</p>", "<h2 id=a>", "</h2>", "<!--", "-->", "<SCRIPT>", "</script>", "<Style>",
            "</STYLE>", "<template>", "</template>", "x", " ", "&amp;", "ſ", "<b>", "</b>", "<", ">"]
    for _ in range(5000):
        body = "".join(rng.choice(bits) for _ in range(rng.randrange(12)))
        if not searchindex._may_drop(body):
            assert searchindex._DROP.search(body) is None, body
        assert searchindex.plain(body, searchindex._may_drop(body)) == searchindex.plain(body)


def test_the_block_pattern_matches_where_the_plain_list_of_tags_does():
    import random
    import re

    from specsite import searchindex
    listed = re.compile(r"</?(?:p|div|li|tr|td|th|h[1-6]|pre|br|dd|dt|table|ul|ol|blockquote)\b[^>]*>", re.I)
    rng = random.Random(5)
    bits = ["<", "</", ">", " ", "a", "x", "1", "7", "İ", "ı", "K", "ſ", "-", "\n", "p", "P", "pre", "PRE", "div",
            "Div", "li", "LI", "tr", "td", "th", "TH", "h1", "H6", "h7", "br", "dd", "dt", "table", "ul", "ol",
            "blockquote", "BlockQuote", "b", "bl", "t", "d", "u", "o", "tab", "preX", "d_", "divs"]
    for _ in range(30000):
        text = "".join(rng.choice(bits) for _ in range(rng.randrange(10)))
        assert searchindex._BLOCK.sub(" ", text) == listed.sub(" ", text), text


def test_term_counts_are_capped_at_15_by_the_byte_table_as_by_min():
    """_compact caps by a byte table when every count fits a byte, by `min` otherwise: the same bytes."""
    from collections import Counter
    from specsite.searchindex import _compact
    for counts in (Counter({"a": 1, "b": 15, "c": 16, "d": 255}), Counter({"a": 3, "b": 256, "c": 70_000}),
                   Counter()):
        assert _compact(counts) == (" ".join(counts), bytes(min(n, 15) for n in counts.values()))
    assert _compact(Counter({"x": 300, "y": 2}))[1] == bytes([15, 2])


def test_a_heading_id_is_read_alone_or_among_attributes_as_the_pattern_reads_it():
    """sections reads a heading's lone ` id="…"` without _ID_ATTR's search (cmark's and the
    renderer's headings); any other attribute text goes to the pattern, with the same result."""
    body = ('<p>a</p><h2 id="one">One</h2><p>b</p><h3 class="x" id="two">Two</h3><p>c</p>'
            "<h2 id='three'>Three</h2><h4 id=\"f&amp;g\" title=\"t\">Four</h4><h2 id=\"\">Empty</h2>"
            '<h3 data-x=" id="no">No id</h3><h2 id="a"b">Odd</h2><p>d</p>')
    assert [(h, a) for h, a, _ in sections(body)] == [
        (None, None), ("One", "one"), ("Two", "two"), ("Three", "three"), ("Four", "f&g"), ("Empty", ""),
        ("No id", "no"), ("Odd", "a")]
