"""review8's findings on the seventh session's changes, each checked against Jekyll 4.3.1 (its
output on a small site, quoted)."""
from __future__ import annotations

from specsite.jekyll.collection_sort import sorted_docs


def _paths(docs, sort_by):
    return [d["path"] for d in sorted_docs(docs, {"sort_by": sort_by}, lambda d: d["path"])]


def test_sort_by_a_list_valued_key_compares_the_lists():
    """Collection#sort_docs_by_key! uses Array#<=> (item by item, then length): `sort_by: tags`
    (every document has tags, [] when none). Jekyll 4.3.1: d2 d4 d3 d1; rank [1, 1] before [1, 2]."""
    docs = [{"path": "_d/d1.md", "tags": ["b"]}, {"path": "_d/d2.md", "tags": []},
            {"path": "_d/d3.md", "tags": ["a", "z"]}, {"path": "_d/d4.md", "tags": ["a", "b"]}]
    assert _paths(docs, "tags") == ["_d/d2.md", "_d/d4.md", "_d/d3.md", "_d/d1.md"]
    docs = [{"path": "_b/b6.md", "rank": [1, 2]}, {"path": "_b/b7.md", "rank": [1, 1]},
            {"path": "_b/b8.md", "rank": [1, "x"]}, {"path": "_b/b9.md", "rank": [1]}]
    assert _paths(docs, "rank") == ["_b/b9.md", "_b/b7.md", "_b/b6.md", "_b/b8.md"]
