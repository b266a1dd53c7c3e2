"""A page that is not UTF-8: Jekyll 4.3.1 warns ("Error reading file … invalid byte sequence in
UTF-8"), reads no front matter (its defaults still apply), renders no Liquid and writes the whole
file in its layouts with the bytes as they are; specsite warns at the first such byte and writes the
same bytes (an .html page; a markdown one stops Jekyll's kramdown: an error). Expected bytes are
Jekyll 4.3.1's build of these files; where `jekyll` is installed it is built again."""
from __future__ import annotations

import shutil

import pytest

from conftest import build_site, diagnostics_of, jekyll_build, make_site

JEKYLL = shutil.which("jekyll")
CONFIG = "title: t\ndefaults:\n- scope: {path: ''}\n  values: {layout: default}\n"
FILES = {"_config.yml": CONFIG, "_layouts/default.html": "<main>{{ content }}</main>\n"}
PAGES = {"b.html": b"---\nlayout: none\n---\n<p>Caf\xe9</p>\n",
         "d.html": b"raw Caf\xe9 text\n"}
# Jekyll 4.3.1's output: the whole file (front matter too) in the default's layout;
# d.html has no front matter: a static file, copied
EXPECTED = {"b.html": b"<main>---\nlayout: none\n---\n<p>Caf\xe9</p>\n</main>\n",
            "d.html": b"raw Caf\xe9 text\n"}


def _site(root):
    make_site(root, FILES)
    for rel, data in PAGES.items():
        (root / rel).write_bytes(data)
    return root


def test_the_bytes_are_written_as_jekyll_writes_them(tmp_path):
    out = tmp_path / "out"
    site = build_site(_site(tmp_path / "site"), write=True, out=out)
    assert {rel: (out / rel).read_bytes() for rel in EXPECTED} == EXPECTED
    [found] = diagnostics_of(site, "encoding")
    assert (found.path, found.line, found.column, found.severity) == ("b.html", 4, 7, "warning")


@pytest.mark.skipif(JEKYLL is None, reason="jekyll is not installed")
def test_jekyll_writes_those_bytes(tmp_path):
    out = tmp_path / "out"
    jekyll_build(_site(tmp_path / "site"), out)
    assert {rel: (out / rel).read_bytes() for rel in EXPECTED} == EXPECTED


def test_a_theme_site_writes_them_too(tmp_path):
    """Without _layouts (specsite's theme) the page's bytes reach the written page as well."""
    root = make_site(tmp_path / "site", {"_config.yml": "title: t\n"})
    (root / "b.html").write_bytes(PAGES["b.html"])
    out = tmp_path / "out"
    site = build_site(root, write=True, out=out)
    assert b"<p>Caf\xe9</p>" in (out / "b.html").read_bytes()
    assert [d.rule for d in diagnostics_of(site) if d.severity == "error"] == []
