"""Session 8's fidelity fixes, each checked against Jekyll 4.3.1 (its output on a small site, quoted)."""
from __future__ import annotations

import re

from conftest import make_site, run_cli


def _built(tmp_path, files: dict, page: str = "index.html") -> str:
    src = make_site(tmp_path / "site", {"_config.yml": "title: T\n", "_layouts/none.html": "{{ content }}", **files})
    assert run_cli(["build", "--source", src, "--out", tmp_path / "out", "--no-cache"]) == 0
    return re.sub(r"\s+", " ", (tmp_path / "out" / page).read_text(encoding="utf-8")).strip()


# --- Document#<=>: dates only when both documents have one in their data, else paths ------------

_DATED = {
    "_config.yml": "title: T\ncollections:\n  b:\n    output: false\n",
    "_b/a.md": "---\n---\n", "_b/m.md": "---\n---\n", "_b/c.md": "---\ndate: 2019-01-01\n---\n",
    "_b/y.md": "---\ndate: 2021-01-01\n---\n", "_b/z.md": "---\ndate: 2020-01-01\n---\n",
}


def test_a_collection_with_some_dated_documents_is_in_document_order(tmp_path):
    """(an undated document's data has no date when Jekyll sorts: it compares by path with every other)"""
    out = _built(tmp_path, {**_DATED, "index.md": "---\nlayout: none\n---\n"
                            "B: {{ site.b | map: \"path\" | join: \",\" }}\n"})
    assert out == "<p>B: _b/a.md,_b/c.md,_b/m.md,_b/z.md,_b/y.md</p>"  # (Jekyll 4.3.1)


def test_sort_without_a_property_on_documents_is_document_order(tmp_path):
    """(Jekyll's sort: Array#sort of the Documents, Document#<=>; a collection's `order:` comes first
    in the loop, not in the sort)"""
    config = "title: T\ncollections:\n  b:\n    output: false\n    order: [m.md, y.md]\n"
    out = _built(tmp_path, {**_DATED, "_config.yml": config, "index.md": "---\nlayout: none\n---\n"
                            "B: {{ site.b | map: \"path\" | join: \",\" }}\n\n"
                            "S: {{ site.b | sort | map: \"path\" | join: \",\" }}\n"})
    assert out == ("<p>B: _b/m.md,_b/y.md,_b/a.md,_b/c.md,_b/z.md</p> "
                   "<p>S: _b/a.md,_b/c.md,_b/m.md,_b/z.md,_b/y.md</p>")  # (Jekyll 4.3.1)
