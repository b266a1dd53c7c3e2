"""The Session (specsite.session): what a run of builds remembers lives in it, not in modules.

A preview-like session re-reads and re-parses only what an edit touched; a build's session is
fresh; two sessions share nothing; the modules of the pipeline hold no mutable state."""
from __future__ import annotations

import importlib
import os
import pkgutil
import types

import pytest

from conftest import make_site
from specsite import build
from specsite.config import load_config
from specsite.discover.reader import Reader
from specsite.session import Session

FILES = {
    "_config.yml": "title: T\n",
    "index.md": "---\ntitle: Home\n---\n# Home\n\nSee [the guide](guide.html).\n",
    "guide.md": "---\ntitle: Guide\n---\n# Guide\n\n## Part\n",
    "other.md": "---\ntitle: Other\n---\n# Other\n",
    "logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>",
}


@pytest.fixture
def reads(monkeypatch):
    """The files discover reads (opens and splits), in order."""
    seen: list = []
    real = Reader._load

    def spy(self, kind, rel, label, folder):
        seen.append(rel)
        return real(self, kind, rel, label, folder)
    monkeypatch.setattr(Reader, "_load", spy)
    return seen


def _edit(path, text):
    """Change a file so that its size and modification time both differ (a watcher's event)."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 2_000_000_000, before + 2_000_000_000))


def test_a_preview_rebuild_reads_and_parses_only_the_file_that_changed(tmp_path, reads):
    root = make_site(tmp_path / "site", FILES)
    config = load_config(root, tmp_path / "out")
    session = Session.preview()
    first = build.run(config, write=False, render_pages=False, session=session)
    assert sorted(reads) == ["guide.md", "index.md", "logo.svg", "other.md"]
    reads.clear()
    _edit(root / "guide.md", "---\ntitle: Guide\n---\n# Guide\n\n## Part two\n")
    second = build.run(load_config(root, tmp_path / "out"), write=False, render_pages=False, session=session)
    assert reads == ["guide.md"]
    assert (session.cache.hits, session.cache.misses) == (2, 1)
    assert [h.id for p in second.pages if p.source.url == "guide.html" for h in p.headings] == ["guide", "part-two"]
    unchanged = {p.source.url: p for p in first.pages}
    assert next(p for p in second.pages if p.source.url == "other.html") is unchanged["other.html"]


def test_a_build_without_a_session_reads_every_file_each_time(tmp_path, reads):
    """A one-shot build makes its own session: nothing it read is remembered by the next one."""
    root = make_site(tmp_path / "site", FILES)
    config = load_config(root, tmp_path / "out")
    build.run(config, write=False)
    build.run(config, write=False)
    assert sorted(reads) == sorted(["guide.md", "index.md", "logo.svg", "other.md"] * 2)


def test_two_sessions_share_nothing(tmp_path, reads):
    root = make_site(tmp_path / "site", FILES)
    config = load_config(root, tmp_path / "out")
    a, b = Session.preview(), Session.preview()
    build.run(config, write=False, session=a)
    remembered = (dict(a.files), dict(a.front_matter.by_text), dict(a.jinja), dict(a.search_documents))
    reads.clear()
    build.run(config, write=False, session=b)
    assert sorted(reads) == ["guide.md", "index.md", "logo.svg", "other.md"]  # b knew nothing of a's reads
    assert (b.cache.hits, b.cache.misses) == (0, 3)
    assert (dict(a.files), dict(a.front_matter.by_text), dict(a.jinja), dict(a.search_documents)) == remembered
    for mine, theirs in ((a.files, b.files), (a.front_matter.known, b.front_matter.known), (a.jinja, b.jinja),
                         (a.search_documents, b.search_documents), (a.cache, b.cache), (a.link_memo, b.link_memo)):
        assert mine is not theirs
    assert set(map(id, a.jinja.values())).isdisjoint(map(id, b.jinja.values()))


def test_the_link_memo_of_a_session_keeps_verdicts_across_rebuilds(tmp_path):
    root = make_site(tmp_path / "site", {**FILES, "other.md": "---\ntitle: Other\n---\n[x](missing.html)\n"})
    session = Session.preview()
    for _ in range(2):
        site = build.run(load_config(root, tmp_path / "out"), write=False, render_pages=False, session=session)
        assert [d.target for d in site.findings.items] == ["missing.html"]
    assert session.link_memo.groups


# The stage modules (and the memos the session replaced): constants only at module level.
STATELESS = ["specsite.build", "specsite.discover", "specsite.frontmatter", "specsite.theme", "specsite.cache",
             "specsite.parse", "specsite.releases.lint", "specsite.write", "specsite.searchindex",
             "specsite.session"]


def _modules():
    for name in STATELESS:
        module = importlib.import_module(name)
        yield module
        if hasattr(module, "__path__"):
            for info in pkgutil.iter_modules(module.__path__, name + "."):
                yield importlib.import_module(info.name)


def test_the_pipeline_modules_hold_no_mutable_state():
    """No dict, list or set at module level (constants are frozensets, tuples, mappingproxies)."""
    mutable = [f"{module.__name__}.{name}" for module in _modules() for name, value in vars(module).items()
               if not name.startswith("__") and isinstance(value, (dict, list, set, bytearray))
               and not isinstance(value, types.ModuleType)]
    assert mutable == []
