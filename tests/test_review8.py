"""review8's findings on the seventh session's changes, each checked against Jekyll 4.3.1 (its
output on a small site, quoted)."""
from __future__ import annotations


from conftest import built_text
from specsite.jekyll.collection_sort import sorted_docs


def _paths(docs, sort_by):
    return [d["path"] for d in sorted_docs(docs, {"sort_by": sort_by}, lambda a, b: (a["path"] > b["path"]) - (a["path"] < b["path"]))]


def test_sort_by_a_list_valued_key_compares_the_lists():
    """Collection#sort_docs_by_key! uses Array#<=> (item by item, then length): `sort_by: tags`
    (every document has tags, [] when none). Jekyll 4.3.1: d2 d4 d3 d1; rank [1, 1] before [1, 2]."""
    docs = [{"path": "_d/d1.md", "tags": ["b"]}, {"path": "_d/d2.md", "tags": []},
            {"path": "_d/d3.md", "tags": ["a", "z"]}, {"path": "_d/d4.md", "tags": ["a", "b"]}]
    assert _paths(docs, "tags") == ["_d/d2.md", "_d/d4.md", "_d/d3.md", "_d/d1.md"]
    docs = [{"path": "_b/b6.md", "rank": [1, 2]}, {"path": "_b/b7.md", "rank": [1, 1]},
            {"path": "_b/b8.md", "rank": [1, "x"]}, {"path": "_b/b9.md", "rank": [1]}]
    assert _paths(docs, "rank") == ["_b/b9.md", "_b/b7.md", "_b/b6.md", "_b/b8.md"]


_DOCS = {
    "_config.yml": "title: T\ncollections:\n  a:\n    output: false\n    sort_by: title\n",
    "_a/one.md": "---\ntitle: zeta\n---\n", "_a/apple-pie.md": "---\nx: 1\n---\n",
    "_a/Mango.md": "---\nx: 1\n---\n", "_a/num.md": "---\ntitle: 5\n---\n",
}


def test_a_collection_sorted_by_title_takes_the_titles_made_from_file_names(tmp_path):
    out = built_text(tmp_path, {**_DOCS, "index.md": "---\nlayout: none\n---\n"
                                  "A: {% for d in site.a %}{{ d.path }} {% endfor %}\n"})
    assert out == "<p>A: _a/apple-pie.md _a/Mango.md _a/num.md _a/one.md</p>"  # (Jekyll 4.3.1)


def test_sort_without_a_property_orders_documents_by_date_then_path(tmp_path):
    out = built_text(tmp_path, {**_DOCS, "index.md": "---\nlayout: none\n---\n"
                                  "P: {{ site.a | sort | map: \"path\" | join: \",\" }}\n"})
    assert out == "<p>P: _a/Mango.md,_a/apple-pie.md,_a/num.md,_a/one.md</p>"  # (Jekyll 4.3.1)


def _first_line(tmp_path, body: str) -> str:
    src = {"index.md": "---\nlayout: none\n---\n" + body}
    return built_text(tmp_path, src).split("</p>")[0] + "</p>"


def test_a_duplicate_link_id_in_a_raw_html_block_is_text(tmp_path):
    """(a definition inside <pre> is no definition in kramdown: the first one stays; the <pre>'s
    text is left as written). Jekyll 4.3.1's output."""
    body = "See [a].\n\n[a]: http://one \"T1\"\n\n<pre>\n[a]: http://two\n</pre>\n"
    out = built_text(tmp_path, {"index.md": "---\nlayout: none\n---\n" + body})
    assert out == '<p>See <a href="http://one" title="T1">a</a>.</p> <pre>\n[a]: http://two\n</pre>'.replace("\n", " ")


def test_an_earlier_duplicate_with_its_title_on_the_next_line_takes_the_last_definition(tmp_path):
    """(kramdown reads a title alone on the line after the target; the last definition has none)"""
    body = "See [e] and [f].\n\n[e]: http://e1\n    \"Te1\"\n[e]: http://e2\n[f]: http://f1\n[f]: http://f2\n  'Tf2'\n"
    assert _first_line(tmp_path, body) == \
        '<p>See <a href="http://e2">e</a> and <a href="http://f2" title="Tf2">f</a>.</p>'


def test_duplicate_link_ids_in_list_items_and_quotes(tmp_path):
    body = ("See [c] and [d].\n\n* item\n\n  [c]: http://c1\n* [c]: http://c2\n\n> [d]: http://d1\n\n"
            "[d]: http://d2 'TD'\n")
    assert _first_line(tmp_path, body) == \
        '<p>See <a href="http://c2">c</a> and <a href="http://d2" title="TD">d</a>.</p>'
