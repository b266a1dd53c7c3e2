"""`serve` as a reviewer uses it on a Jekyll site with its own layouts, includes and data: after each
edit — a page, an include, a layout, a data file, `_config.yml`, a page added and deleted, a link
broken and mended — the preview serves what a fresh `build` writes (no stale page, no stale
finding), and a layout that stops parsing leaves its pages without it, not with its text as written.
Rebuilds are driven by calling `Preview.rebuild()`, as the watcher does; nothing leaves 127.0.0.1."""
from __future__ import annotations

import io
import re

import pytest

from conftest import build_site, make_site
from specsite.serve import Preview
from specsite.servepages import RELOAD_SCRIPT

SITE = {
    "_config.yml": "title: Review\ncompany: NHS Digital\n",
    "_layouts/default.html": ("<!DOCTYPE html><html><head><title>{{ page.title }}</title></head><body>\n"
                              "<nav>{% for e in site.data.nav %}<a href=\"{{ e.url }}\">{{ e.title }}</a>{% endfor %}</nav>\n"
                              "{{ content }}\n{% include footer.html %}</body></html>\n"),
    "_layouts/page.html": "---\nlayout: default\n---\n<h1>{{ page.title }}</h1>\n<div class=\"post-content\">{{content}}</div>\n",
    "_includes/footer.html": "<footer>{{ site.company }}</footer>\n",
    "_data/nav.yml": "- {title: Home, url: index.html}\n- {title: Process, url: process.html}\n",
    "index.md": "---\ntitle: Home\nlayout: page\n---\n## Welcome\n\nSee [the process](process.html#steps).\n",
    "process.md": "---\ntitle: Process\nlayout: page\n---\n## Steps\n\nOne, two.\n",
}


def _served(preview: Preview, url: str) -> bytes | None:
    found = preview.lookup("/" + url)
    if found is None:
        return None
    body = found[1]
    if url.endswith(".html"):  # the preview's own additions: the reload script and the banner
        text = body.decode("utf-8")
        text = text.replace(RELOAD_SCRIPT + ("\n" if RELOAD_SCRIPT + "\n</head>" in text else ""), "", 1)
        body = re.sub(r'<div class="specsite-banner.*?</button></div>', "", text, count=1, flags=re.S).encode()
    return body


def _same_as_a_fresh_build(preview: Preview, tmp_path, gone=()) -> None:
    out = tmp_path / "fresh"
    import shutil
    shutil.rmtree(out, ignore_errors=True)
    site = build_site(preview.source, write=True, out=out)
    files = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
             if p.is_file() and p.name != ".specsite-manifest"}
    for url, data in files.items():
        assert _served(preview, url) == data, url
    for url in gone:
        assert _served(preview, url) is None, url
    assert [d.format() for d in preview.problems()] == [d.format() for d in site.all_diagnostics()]


@pytest.fixture
def preview(tmp_path):
    preview = Preview(make_site(tmp_path / "site", SITE), log=io.StringIO())
    preview.rebuild()
    return preview


def _edit(preview, rel, old, new):
    path = preview.source / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    preview.rebuild()


def test_each_edit_a_reviewer_makes_serves_what_a_fresh_build_writes(preview, tmp_path):
    _same_as_a_fresh_build(preview, tmp_path)
    _edit(preview, "process.md", "One, two.", "One, two, three.")
    _edit(preview, "_includes/footer.html", "<footer>", "<footer>Reviewed: ")
    _edit(preview, "_layouts/page.html", "<h1>", "<h1 class=rev>")
    _edit(preview, "_data/nav.yml", "title: Process", "title: The process")
    _edit(preview, "_config.yml", "NHS Digital", "NHS England")
    _same_as_a_fresh_build(preview, tmp_path)
    assert b"Reviewed: NHS England" in _served(preview, "process.html")
    (preview.source / "added.md").write_text("---\ntitle: Added\nlayout: page\n---\nSee [home](index.html).\n",
                                             encoding="utf-8")
    preview.rebuild()
    _same_as_a_fresh_build(preview, tmp_path)
    _edit(preview, "added.md", "(index.html)", "(missing.html)")
    _same_as_a_fresh_build(preview, tmp_path)
    assert any("missing.html" in d.message for d in preview.problems())
    _edit(preview, "added.md", "(missing.html)", "(index.html)")
    _same_as_a_fresh_build(preview, tmp_path)
    assert not any("missing.html" in d.message for d in preview.problems())
    (preview.source / "added.md").unlink()
    preview.rebuild()
    _same_as_a_fresh_build(preview, tmp_path, gone=["added.html"])


def test_a_layout_that_stops_parsing_leaves_its_pages_without_it(preview):
    """`{% if %}` in _layouts/page.html (Jekyll stops the build there): its pages are served with
    their content in the outer layout, the layout's error in their banner, and nothing else new —
    they were served as the layout's text as written, `{{content}}` and all, which made a broken
    link of `{{` and broke every anchor of their content."""
    before = {d.format() for d in preview.problems()}
    _edit(preview, "_layouts/page.html", "<div class", "{% if %}<div class")
    new = [d for d in preview.problems() if d.format() not in before]
    assert [(d.path, d.line, d.rule) for d in new] == [("_layouts/page.html", 5, "liquid-error")]
    page = _served(preview, "process.html").decode("utf-8")
    assert '<h2 id="steps">Steps</h2>' in page and "{{content}}" not in page and "<footer>" in page
    body = preview.lookup("/process.html")[1].decode("utf-8")
    assert "_layouts/page.html:5" in body[body.index('<div class="specsite-banner'):]
    _edit(preview, "_layouts/page.html", "{% if %}<div class", "<div class")
    assert {d.format() for d in preview.problems()} == before


def test_build_reports_a_broken_layout_once(tmp_path):
    """`build` of the same broken layout: its liquid-error alone, no finding from its unrendered text."""
    root = make_site(tmp_path / "site", {**SITE, "_layouts/page.html": SITE["_layouts/page.html"].replace(
        "<div class", "{% if %}<div class")})
    site = build_site(root)
    assert [(d.path, d.rule) for d in site.all_diagnostics()] == [("_layouts/page.html", "liquid-error")]


def test_a_file_swapped_for_a_link_out_of_the_source_is_not_served_before_the_rebuild(preview, tmp_path):
    """A static file replaced by a symlink to a file outside the source (a checkout switching
    branches under the preview, say) is not read through it in the moment before the watcher's
    rebuild: the build refuses such a link (unsafe-path), and so does the preview's answer. A FIFO
    put there is not read either (the request would hang)."""
    import os
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET\n", encoding="utf-8")
    (preview.source / "notes.txt").write_text("notes\n", encoding="utf-8")
    (preview.source / "pipe.txt").write_text("pipe\n", encoding="utf-8")
    preview.rebuild()
    assert _served(preview, "notes.txt") == b"notes\n"
    (preview.source / "notes.txt").unlink()
    (preview.source / "notes.txt").symlink_to(secret)
    assert _served(preview, "notes.txt") is None  # (no rebuild yet)
    (preview.source / "pipe.txt").unlink()
    os.mkfifo(preview.source / "pipe.txt")
    assert _served(preview, "pipe.txt") is None
    preview.rebuild()
    assert _served(preview, "notes.txt") is None
    assert any(d.rule == "unsafe-path" and d.path == "notes.txt" for d in preview.problems())


def test_a_layout_deleted_and_release_notes_added_then_removed(preview, tmp_path):
    """Edits that change how the site is rendered: the page layout deleted (its pages written without
    it, an unknown-layout warning each) and restored; release notes added (their pages through the
    site's page layout) and removed (their pages gone) — each served as a fresh build writes it."""
    layout = preview.source / "_layouts/page.html"
    kept = layout.read_text(encoding="utf-8")
    layout.unlink()
    preview.rebuild()
    _same_as_a_fresh_build(preview, tmp_path)
    assert any(d.rule == "unknown-layout" for d in preview.problems())
    layout.write_text(kept, encoding="utf-8")
    preview.rebuild()
    _same_as_a_fresh_build(preview, tmp_path)
    release = preview.source / "releases/1.0.0"
    release.mkdir(parents=True)
    (release / "release.yml").write_text("version: 1.0.0\nstatus: published\ndate: 2024-01-02\n"
                                         "introduction: First.\n", encoding="utf-8")
    (release / "601-first.md").write_text("---\ntitle: First\ntickets: [601]\npages_changed:\n"
                                          "- link: process.html#steps\n---\nDone.\n", encoding="utf-8")
    preview.rebuild()
    _same_as_a_fresh_build(preview, tmp_path)
    assert b"Changed in" in _served(preview, "process.html")
    import shutil
    shutil.rmtree(preview.source / "releases")
    preview.rebuild()
    _same_as_a_fresh_build(preview, tmp_path, gone=["overview_release_notes_1_0_0.html", "overview_release_notes.html"])
    assert b"Changed in" not in _served(preview, "process.html")
