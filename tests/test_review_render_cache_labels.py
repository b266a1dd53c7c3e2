"""Review of liquid_reads.SITE_KEY (shared by build/render_cache.py and liquid/kept.py): a
collection whose label has a hyphen (`case-studies`) is read as `site.case-studies`."""
from __future__ import annotations

import pytest

from conftest import make_site, run_cli

LAYOUT = "<html><body>{{ content }}<nav>{% for d in site.case-studies %}[{{ d.title }}]{% endfor %}</nav></body></html>\n"


def test_a_layout_listing_a_hyphenated_collection_is_rendered_again_when_a_document_changes(tmp_path, monkeypatch):
    monkeypatch.setenv("SPECSITE_CACHE_KEY_FILE", str(tmp_path / "key"))
    src = make_site(tmp_path / "src", {
        "_config.yml": "title: T\ncollections:\n  case-studies:\n    output: true\n",
        "_layouts/default.html": LAYOUT,
        "_case-studies/a.md": "---\ntitle: Alpha\n---\nA\n",
        "index.md": "---\nlayout: default\n---\nHome\n"})
    out = tmp_path / "out"
    assert run_cli(["build", "--source", src, "--out", out]) == 0
    assert "[Alpha]" in (out / "index.html").read_text()
    doc = src / "_case-studies" / "a.md"
    doc.write_text(doc.read_text().replace("Alpha", "Gamma"))
    assert run_cli(["build", "--source", src, "--out", out]) == 0
    assert "[Gamma]" in (out / "index.html").read_text()
