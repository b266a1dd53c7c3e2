"""The parse cache file keeps each page's entry pickled on its own: a build after a one-page
edit writes the other pages' entries back byte for byte, and builds what a build without the
cache builds. It keeps the highlighted code blocks too: an edit that leaves the code as it was
does not load Pygments."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys

import pytest

from conftest import REPO, make_site, run_cli
from specsite.cache import _MAGIC, _SIG, FORMAT, _unpack

PAGE = "---\nlayout: default\ntitle: {n}\n---\n# Page {n}\n\nSee [the next](p{m}.html) and `code`.\n"
FILES = {"_config.yml": "title: Cached\n",
         "_layouts/default.html": "<html><body>{{ content }}<footer>{{ site.title }}</footer></body></html>\n",
         **{f"p{n}.md": PAGE.format(n=n, m=(n + 1) % 4) for n in range(4)}}


@pytest.fixture(autouse=True)
def _cache_key(tmp_path, monkeypatch):
    monkeypatch.setenv("SPECSITE_CACHE_KEY_FILE", str(tmp_path / "keys" / "cache.key"))


def _entries(site) -> dict:
    data = (site / ".specsite-cache" / "parse.pickle").read_bytes()
    head, entries = _unpack(memoryview(data)[len(_MAGIC) + _SIG:])
    assert head[0][0] == FORMAT
    return {rel: bytes(blob) for rel, blob in entries.items()}


def _pages(out) -> dict:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.html"))}


def test_an_edit_rewrites_that_page_s_entry_only_and_builds_what_no_cache_builds(tmp_path):
    site = make_site(tmp_path / "site", FILES)
    assert run_cli(["build", "--source", site, "--out", tmp_path / "out"]) == 0
    before = _entries(site)
    assert sorted(before) == [f"p{n}.md" for n in range(4)] and all(type(b) is bytes for b in before.values())
    (site / "p2.md").write_text(PAGE.format(n=2, m=3) + "\nAn edit.\n", encoding="utf-8")
    assert run_cli(["build", "--source", site, "--out", tmp_path / "out"]) == 0
    after = _entries(site)
    assert {rel for rel in after if after[rel] != before[rel]} == {"p2.md"}
    assert pickle.loads(after["p2.md"]).result.html.count("An edit.") == 1
    assert run_cli(["build", "--source", site, "--out", tmp_path / "fresh", "--no-cache"]) == 0
    assert _pages(tmp_path / "out") == _pages(tmp_path / "fresh")
    assert "An edit." in _pages(tmp_path / "out")["p2.html"]


def _build_loads_pygments(tmp_path, site, out: str) -> bool:
    """Build `site` with its cache in a fresh interpreter; whether Pygments was loaded."""
    script = ("import sys; from specsite.cli import main; "
              f"code = main(['build', '--source', {str(site)!r}, '--out', {str(tmp_path / out)!r}]); "
              "print('PYGMENTS', code, 'pygments' in sys.modules)")
    env = {**os.environ, "SPECSITE_CACHE_KEY_FILE": str(tmp_path / "keys" / "cache.key")}
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=120)
    line = next(l for l in done.stdout.splitlines() if l.startswith("PYGMENTS"))
    assert line.split()[1] == "0", done.stderr
    return line.split()[2] == "True"


def test_an_edit_that_leaves_the_code_as_it_was_highlights_nothing_again(tmp_path):
    files = dict(FILES, **{"code.md": "---\nlayout: default\n---\nIntro.\n\n```python\nprint('hi')\n```\n"})
    site = make_site(tmp_path / "site", files)
    assert _build_loads_pygments(tmp_path, site, "out")
    (site / "code.md").write_text(files["code.md"].replace("Intro.", "Intro, edited."), encoding="utf-8")
    assert not _build_loads_pygments(tmp_path, site, "out")  # the block came from the cache's memo
    (site / "code.md").write_text(files["code.md"].replace("'hi'", "'bye'"), encoding="utf-8")
    assert _build_loads_pygments(tmp_path, site, "out")
    assert run_cli(["build", "--source", site, "--out", tmp_path / "fresh", "--no-cache"]) == 0
    assert _pages(tmp_path / "out") == _pages(tmp_path / "fresh")
    assert "bye" in _pages(tmp_path / "out")["code.html"]
