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


def test_a_post_reading_its_next_through_an_alias_is_rendered_again_when_the_next_title_changes(tmp_path,
                                                                                                  monkeypatch):
    """`{% assign p = page %}{{ p.next.title }}`: the parse and render caches take `page` not
    followed by `.name` as reading other pages (liquid_reads.reads_other_pages), as `site`."""
    from conftest import run_cli
    monkeypatch.setenv("SPECSITE_CACHE_KEY_FILE", str(tmp_path / "key"))
    src = _posts_site(tmp_path / "src")

    def build(out, *more):
        assert run_cli(["build", "--source", src, "--out", tmp_path / out, *more]) == 0
        return {p.relative_to(tmp_path / out).as_posix(): p.read_bytes()
                for p in sorted((tmp_path / out).rglob("*.html"))}
    build("warm")
    post = src / "_posts" / "2020-01-05-p4.md"
    post.write_text(post.read_text().replace("title: P4", "title: Q4"))
    warm = build("warm")
    assert b"next=Q4" in warm["2020/01/04/p3.html"]
    assert warm == build("cold", "--no-cache")


def test_page_as_a_whole_is_told_from_a_string_and_from_page_dot_name():
    from specsite.liquid_reads import liquid_of, reads_other_pages
    for text in ('{% assign p = page %}', '{{ page["next"].title }}', '{{ page | jsonify }}',
                 '{% include x.html p=page %}', '{% if page == x %}{% endif %}'):
        assert reads_other_pages(liquid_of(text)), text
    for text in ('{{ page.title }}', '{% if page.layout == "page" %}x{% endif %}', "{{ my-page.x }}",
                 "{{ paged }}", "page alone in text {{ x }}",
                 "{{ include.page }}", '{% include ref.html page="Slot-1" %}'):
        assert not reads_other_pages(liquid_of(text)), text
