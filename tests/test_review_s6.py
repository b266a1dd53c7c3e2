"""Reviewer's tests for session 6's risky changes (render order, edit path, fast_parse): each
pins a defect found in review; the ones not fixed yet are xfail(strict=True) with the reason."""
from __future__ import annotations

import pytest

from conftest import make_site, run_cli

LAYOUTS = {
    "_config.yml": "title: T\n",
    "_layouts/default.html": "<html><body>{% include nav.html %}{{ content }}</body></html>\n",
    "_layouts/post.html": "---\nlayout: default\n---\n<article>{% include by.html %}{{ content }}</article>\n",
    "_includes/nav.html": "<nav>N</nav>",
    "_includes/by.html": "<p>by-one</p>",
    "_posts/2020-01-01-a.md": "---\nlayout: post\ntitle: A\n---\nAlpha para.\n\nSecond para.\n",
    "_posts/2020-01-02-b.md": "---\nlayout: post\ntitle: B\n---\nBeta para.\n",
}


@pytest.fixture(autouse=True)
def _cache_key(tmp_path, monkeypatch):
    monkeypatch.setenv("SPECSITE_CACHE_KEY_FILE", str(tmp_path / "keys" / "cache.key"))


def _files(out) -> dict:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("where", ["site", "document"])
def test_post_output_does_not_depend_on_an_empty_excerpt_separator(tmp_path, where):
    files = dict(LAYOUTS)
    files["index.html"] = "---\n---\n{% for p in site.posts %}[{{ p.output }}]{% endfor %}\n"
    if where == "site":
        files["_config.yml"] = 'title: T\nexcerpt_separator: ""\n'
    else:
        files["_posts/2020-01-02-b.md"] = ('---\nlayout: post\ntitle: B\nexcerpt_separator: ""\n---\n'
                                           "Beta para.\n")
    src = make_site(tmp_path / "src", files)
    assert run_cli(["build", "--source", src, "--out", tmp_path / "out", "--no-cache"]) == 0
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "<article><p>by-one</p><p>Beta para.</p>" in index  # B in its layouts, as A is
    assert "<article><p>by-one</p><p>Alpha para.</p>" in index


@pytest.mark.parametrize("printed", ["{% for p in site.posts %}[{{ p }}]{% endfor %}",
                                     "[{{ site.posts.last }}]"])
def test_a_post_printed_whole_follows_an_edit_of_its_body(tmp_path, printed):
    files = dict(LAYOUTS)
    files["index.html"] = "---\n---\n" + printed + "\n"
    src, out = make_site(tmp_path / "src", files), tmp_path / "out"
    assert run_cli(["build", "--source", src, "--out", out]) == 0
    (src / "_posts/2020-01-01-a.md").write_text("---\nlayout: post\ntitle: A\n---\nAlpha EDITED.\n",
                                                encoding="utf-8")
    assert run_cli(["build", "--source", src, "--out", out]) == 0
    assert run_cli(["build", "--source", src, "--out", tmp_path / "cold", "--no-cache"]) == 0
    assert b"Alpha EDITED." in _files(tmp_path / "cold")["index.html"]
    assert _files(out) == _files(tmp_path / "cold")


def test_post_output_follows_an_edit_of_an_include_its_body_reads(tmp_path):
    files = {"_config.yml": "title: T\n", "_layouts/default.html": "<html>{{ content }}</html>\n",
             "_layouts/post.html": "---\nlayout: default\n---\n<article>{{ content }}</article>\n",
             "_includes/body.html": "<b>body-one</b>",
             "_posts/2020-01-01-a.md": "---\nlayout: post\ntitle: A\n---\nAlpha {% include body.html %}\n"}
    for name in ("r1.html", "r2.html", "r3.html"):
        files[name] = "---\n---\n{% for p in site.posts %}[{{ p.output }}]{% endfor %}\n"
    src, out = make_site(tmp_path / "src", files), tmp_path / "out"
    assert run_cli(["build", "--source", src, "--out", out]) == 0
    (src / "_includes" / "body.html").write_text("<b>body-two</b>", encoding="utf-8")
    assert run_cli(["build", "--source", src, "--out", out]) == 0
    assert run_cli(["build", "--source", src, "--out", tmp_path / "cold", "--no-cache"]) == 0
    cold = _files(tmp_path / "cold")
    assert all(b"body-two" in cold[name] for name in ("r1.html", "r2.html", "r3.html"))
    assert _files(out) == cold



def test_a_post_written_with_one_core_equals_two_cores_when_its_output_is_read(tmp_path, monkeypatch):
    files = {"_config.yml": "title: T\n",
             "_layouts/post.html": "<a>{{ content }}|{{ page | jsonify }}|{{ page.excerpt }}</a>",
             "_posts/2020-01-01-a.md": "---\nlayout: post\ntitle: A\n---\nAlpha.\n",
             "_posts/2020-01-02-b.md": "---\nlayout: post\ntitle: B\n---\nBeta.\n",
             "index.html": "---\n---\n{% for p in site.posts %}{{ p.output }}{% endfor %}\n"}
    files.update({f"p{n:02}.md": f"---\ntitle: P{n}\n---\nText {n}\n" for n in range(30)})  # (a worker)
    src = make_site(tmp_path / "src", files)
    built = []
    for jobs in ("1", "2"):
        monkeypatch.setenv("SPECSITE_JOBS", jobs)
        assert run_cli(["build", "--source", src, "--out", tmp_path / jobs, "--no-cache"]) == 0
        built.append(_files(tmp_path / jobs))
    assert built[0] == built[1]


def test_a_previous_post_printed_whole_follows_an_edit_of_its_body(tmp_path):
    src, out = make_site(tmp_path / "src", {
        "_config.yml": "title: T\n", "_posts/2020-01-01-a.md": "---\ntitle: A\n---\nAlpha\n",
        "_posts/2020-01-02-b.md": "---\ntitle: B\n---\nPrev: {{ page.previous }}\n"}), tmp_path / "out"
    assert run_cli(["build", "--source", src, "--out", out]) == 0
    (src / "_posts/2020-01-01-a.md").write_text("---\ntitle: A\n---\nAlpha EDITED\n", encoding="utf-8")
    assert run_cli(["build", "--source", src, "--out", out]) == 0
    assert run_cli(["build", "--source", src, "--out", tmp_path / "cold", "--no-cache"]) == 0
    assert _files(out) == _files(tmp_path / "cold")
