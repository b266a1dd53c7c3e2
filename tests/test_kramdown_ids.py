"""Heading ids match kramdown 2 (Jekyll 4.3, input: GFM, auto_ids) on the 160-case probe."""
from __future__ import annotations

import json
import shutil

import pytest

from conftest import SHARED, build_site, make_site

PROBE = SHARED / "conformance" / "kramdown-ids-probe.md"
EXPECTED = SHARED / "conformance" / "kramdown-gfm-ids.json"

pytestmark = pytest.mark.skipif(not PROBE.exists(), reason=f"{PROBE} is not beside the repository (optional: CI has it)")


def test_all_160_probe_headings_get_kramdowns_ids(tmp_path):
    """The probe page, rendered whole through the real pipeline, gives kramdown's 154 ids in order."""
    root = make_site(tmp_path, {"_config.yml": "title: Probe\n"})
    (root / "pages").mkdir()
    shutil.copy(PROBE, root / "pages" / "ids.md")
    site = build_site(root)
    page = next(p for p in site.pages if p.source.url == "ids.html")
    cases = json.loads(EXPECTED.read_text(encoding="utf-8"))
    expected = [c["id"] for c in cases if c["id"] is not None]
    got = [h.id for h in page.headings if h.id is not None]
    assert len(cases) == 160
    assert got == expected


def test_cases_without_a_kramdown_heading_give_no_heading_id(tmp_path):
    """Cases kramdown renders as no heading (or without id) leave no extra ids in the HTML."""
    root = make_site(tmp_path, {"_config.yml": "title: Probe\n"})
    (root / "pages").mkdir()
    shutil.copy(PROBE, root / "pages" / "ids.md")
    site = build_site(root)
    page = next(p for p in site.pages if p.source.url == "ids.html")
    html = page.html
    assert "<h2>Raw HTML heading</h2>" in html  # raw HTML is left alone, as kramdown does
    assert "Indented two spaces" in html and 'id="indented-two-spaces"' not in html
    assert 'id="seven-hashes-is-not-a-heading"' not in html
