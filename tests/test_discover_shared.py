"""A large site's files read on two processes (specsite.discover.shared): the same pages, static
files and diagnostics, in the same order, as one process reads them."""
from __future__ import annotations

from conftest import make_site
from specsite.config import load_config
from specsite.diagnostics import Diagnostics
from specsite.discover import discover, shared


def _site(root):
    files = {"_config.yml": "title: T\ndefaults:\n  - scope: {path: pages}\n    values: {layout: page}\n"}
    for i in range(shared.MIN_FILES + 60):
        files[f"pages/p{i:03}.md"] = f"---\ntitle: Page {i}\n---\n# Page {i}\n\n[next](p{i + 1:03}.html)\n"
    files["pages/p007.md"] = "---\ntitle: [unclosed\n---\nbroken YAML\n"  # a load's warning
    files["pages/p100.md"] = "---\ntitle: x\npermalink: pages/p101.html\n---\nclash\n"  # a claim's warning
    files["pages/p200.md"] = b"---\ntitle: bad\n---\n\xff\xfe not UTF-8\n"  # a load's error
    files["pages/p300.md"] = "---\ntitle: t\n---\nunclosed {% if x %}\n\nmore\n"
    files["static/logo.svg"] = "<svg/>"
    root = make_site(root, files)
    (root / "pages" / "outside.md").symlink_to("/etc/hostname")  # the walk's warning, between files
    return root


def _discovered(root, monkeypatch, jobs):
    monkeypatch.setattr(shared, "jobs_for", lambda count, minimum: jobs if count >= minimum else 1)
    diags = Diagnostics()
    sources = discover(load_config(root, root / "_site"), diags)
    return sources, diags.items


def test_two_processes_find_what_one_finds_in_the_same_order(tmp_path, monkeypatch):
    """Pages (front matter, bodies, line numbers), static files and every diagnostic (the walk's,
    each file's, the claims') come out equal and in one process's order."""
    root = _site(tmp_path)
    one, one_diags = _discovered(root, monkeypatch, 1)
    two, two_diags = _discovered(root, monkeypatch, 2)
    assert two.pages == one.pages and two.statics == one.statics
    assert [(p.meta.line, p.meta.key_lines) for p in two.pages] == [(p.meta.line, p.meta.key_lines) for p in one.pages]
    assert two_diags == one_diags
    assert {d.rule for d in one_diags} >= {"front-matter", "encoding", "duplicate-permalink", "unsafe-path"}


def test_a_worker_result_that_does_not_pickle_is_read_again_here():
    """A value that cannot be sent between the processes makes this process read that file itself."""
    assert shared._packed((lambda: 0, [])) == shared._REDO
    assert shared._packed(("page", [])) != shared._REDO


def test_a_cached_build_reads_in_one_process(tmp_path, monkeypatch):
    """With a parse cache (its front-matter memo keeps bodies by identity) or in the preview,
    nothing is forked; a --no-cache build of as many files shares them."""
    from specsite.cache import ParseCache
    from specsite.session import Session
    forks = []
    monkeypatch.setattr(shared, "map_shared", lambda *a, **k: forks.append(a[1]) or None)
    monkeypatch.setattr(shared, "jobs_for", lambda count, minimum: 2)
    root = _site(tmp_path)
    for session in (Session(cache=ParseCache()), Session.preview()):
        discover(load_config(root, root / "_site"), Diagnostics(), session)
    assert forks == []
    discover(load_config(root, root / "_site"), Diagnostics(), Session())
    assert forks == [shared.MIN_FILES + 61]  # (the pages and the logo; not the link leading out)
