"""Review of liquid/kept.py: a kept body output must be what a fresh nested render gives."""
from __future__ import annotations

import pytest

from conftest import build_site, make_site, output_of

POST = """\
---
title: {t}
---
{{% assign p = page %}}[{{{{ p.next.title }}}}|{{{{ page["previous"].title }}}}]
"""

FILES = {
    "_config.yml": "title: T\n",
    "_posts/2020-01-01-a.md": POST.format(t="A"),
    "_posts/2020-01-02-b.md": POST.format(t="B"),
    "_posts/2020-01-03-c.md": POST.format(t="C"),
    "search.json": "---\n---\n{% for post in site.posts %}{{ post.content | strip | jsonify }}\n{% endfor %}",
}


def _search(tmp_path, name, monkeypatch=None):
    root = make_site(tmp_path / name, FILES)
    site = build_site(root)
    out = output_of(site, "search.json")
    return out.decode() if isinstance(out, bytes) else out


@pytest.mark.xfail(strict=True, reason="kept.py: a post's own render has page.previous/next (parse.py:230 "
                   "page_vars(page, order)); a nested render does not (build/renderers.py:64 page_vars(page)); "
                   "reads_only_its_page only spots the spelling `page.next`, so `p.next` / page[\"previous\"] "
                   "are kept and the reader gets a different text than a fresh render")
def test_kept_equals_fresh_render_for_aliased_next(tmp_path, monkeypatch):
    kept = _search(tmp_path, "kept")
    from specsite.liquid import kept as kept_mod
    monkeypatch.setattr(kept_mod.KeptBodies, "get", lambda self, key: None)
    fresh = _search(tmp_path, "fresh")
    assert kept == fresh


def _posts_site(root):
    files = {"_config.yml": "title: T\n",
             "search.json": "---\n---\n{% for post in site.posts %}{{ post.content | strip | jsonify }}\n{% endfor %}"}
    for i in range(30):
        files[f"_posts/2020-01-{i + 1:02d}-p{i}.md"] = (f"---\ntitle: P{i}\n---\n"
                                                       "{% assign p = page %}next={{ p.next.title }}\n")
    return make_site(root, files)


@pytest.mark.xfail(strict=True, reason="kept.py + parse cache: whether a post's body is kept (its own render ran "
                   "in this process) or rendered afresh (its parse came from the cache) changes search.json: "
                   "a cached build differs from a --no-cache build of the same tree, and an edit of one post "
                   "changes the entries of the others")
def test_cached_build_equals_no_cache_build_for_aliased_next(tmp_path, monkeypatch):
    from conftest import run_cli
    monkeypatch.setenv("SPECSITE_CACHE_KEY_FILE", str(tmp_path / "key"))
    src = _posts_site(tmp_path / "src")

    def build(out, *more):
        assert run_cli(["build", "--source", src, "--out", tmp_path / out, *more]) == 0
        return (tmp_path / out / "search.json").read_bytes()
    cold = build("cold", "--no-cache")
    assert build("warm") == cold
    post = src / "_posts" / "2020-01-05-p4.md"
    post.write_text(post.read_text() + "Edited.\n")
    assert build("warm") == build("cold2", "--no-cache")
