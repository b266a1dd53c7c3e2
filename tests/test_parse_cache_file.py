"""The parse cache file keeps each page's entry and render pickled on their own: a build after a
one-page edit writes the other pages' back byte for byte, and builds what a build without the
cache builds. It keeps the highlighted code blocks too: an edit that leaves the code as it was
does not load Pygments."""
from __future__ import annotations

import os
import pickle
import subprocess
import sys

import pytest

from conftest import REPO, make_site, run_cli
from specsite.cache import FORMAT
from specsite.cache_file import read
from specsite.secret import signing_key

PAGE = "---\nlayout: default\ntitle: {n}\n---\n# Page {n}\n\nSee [the next](p{m}.html) and `code`.\n"
FILES = {"_config.yml": "title: Cached\n",
         "_layouts/default.html": "<html><body>{{ content }}<footer>{{ site.title }}</footer></body></html>\n",
         **{f"p{n}.md": PAGE.format(n=n, m=(n + 1) % 4) for n in range(4)}}


@pytest.fixture(autouse=True)
def _cache_key(tmp_path, monkeypatch):
    monkeypatch.setenv("SPECSITE_CACHE_KEY_FILE", str(tmp_path / "keys" / "cache.key"))


def _entries(site, section: str = "entries") -> dict:
    folder = site / ".specsite-cache"
    stored = read((folder / "parse.pickle").read_bytes(), folder, signing_key(create=False))
    assert stored.head[0][0] == FORMAT
    return {rel: bytes(blob) for rel, blob, _, _ in stored.sections[section].stored()}


def _pages(out) -> dict:
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(out.glob("*.html"))}


def test_an_edit_rewrites_that_page_s_entry_only_and_builds_what_no_cache_builds(tmp_path):
    site = make_site(tmp_path / "site", FILES)
    assert run_cli(["build", "--source", site, "--out", tmp_path / "out"]) == 0
    before, renders = _entries(site), _entries(site, "renders")
    assert sorted(before) == sorted(renders) == [f"p{n}.md" for n in range(4)]
    (site / "p2.md").write_text(PAGE.format(n=2, m=3) + "\nAn edit.\n", encoding="utf-8")
    assert run_cli(["build", "--source", site, "--out", tmp_path / "out"]) == 0
    after, rendered = _entries(site), _entries(site, "renders")
    assert {rel for rel in after if after[rel] != before[rel]} == {"p2.md"}
    assert {rel for rel in rendered if rendered[rel] != renders[rel]} == {"p2.md"}
    assert pickle.loads(after["p2.md"]).result.html.count("An edit.") == 1
    assert run_cli(["build", "--source", site, "--out", tmp_path / "fresh", "--no-cache"]) == 0
    assert _pages(tmp_path / "out") == _pages(tmp_path / "fresh")
    assert "An edit." in _pages(tmp_path / "out")["p2.html"]


def _build_loads_pygments(tmp_path, site, out: str) -> bool:
    """Build `site` with its cache in a fresh interpreter; whether a lexer was loaded (Pygments,
    or the port of Rouge's Python lexer that a ```python block uses)."""
    script = ("import sys; from specsite.cli import main; "
              f"code = main(['build', '--source', {str(site)!r}, '--out', {str(tmp_path / out)!r}]); "
              "print('PYGMENTS', code, 'pygments' in sys.modules or 'specsite.rouge.python' in sys.modules)")
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


def _segments(site) -> list:
    return sorted(p.name for p in (site / ".specsite-cache").glob("parse-*.seg"))


def test_an_edit_writes_a_small_segment_and_many_edits_are_compacted(tmp_path):
    """The other pages' values stay in the segment they were written to; the edited page's go
    into a new one, and the segments stay few however many edits follow."""
    from specsite.cache_file import MAX_SEGMENTS
    site = make_site(tmp_path / "site", FILES)
    assert run_cli(["build", "--source", site, "--out", tmp_path / "out"]) == 0
    [first] = _segments(site)
    size = (site / ".specsite-cache" / first).stat().st_size
    (site / "p2.md").write_text(PAGE.format(n=2, m=3) + "\nAn edit.\n", encoding="utf-8")
    assert run_cli(["build", "--source", site, "--out", tmp_path / "out"]) == 0
    segments = _segments(site)
    assert first in segments and len(segments) == 2
    assert (site / ".specsite-cache" / (set(segments) - {first}).pop()).stat().st_size < size / 2
    for n in range(3 * MAX_SEGMENTS):
        (site / f"p{n % 4}.md").write_text(PAGE.format(n=n % 4, m=(n + 1) % 4) + f"\nEdit {n}.\n", encoding="utf-8")
        assert run_cli(["build", "--source", site, "--out", tmp_path / "out"]) == 0
        assert 1 <= len(_segments(site)) <= MAX_SEGMENTS + 1
    assert run_cli(["build", "--source", site, "--out", tmp_path / "fresh", "--no-cache"]) == 0
    assert _pages(tmp_path / "out") == _pages(tmp_path / "fresh")


def test_a_changed_segment_is_not_unpickled_and_is_reported(tmp_path, capsys):
    """A value is verified when it is first read: a changed one is never unpickled (its page is
    made again, and the build warns); the values around it still verify. A segment of another
    size is refused whole."""
    from specsite.cache import ParseCache
    site = make_site(tmp_path / "site", FILES)
    assert run_cli(["build", "--source", site, "--out", tmp_path / "out"]) == 0
    [segment] = _segments(site)
    path = site / ".specsite-cache" / segment
    data = path.read_bytes()
    folder = site / ".specsite-cache"
    stored = read((folder / "parse.pickle").read_bytes(), folder, signing_key(create=False))
    places = {rel: place for rel, _, place, _ in stored.sections["entries"].stored()}
    _, offset, length = places["p1.md"]
    at = offset + length // 2
    path.write_bytes(data[:at] + bytes([data[at] ^ 1]) + data[at + 1:])
    loads = []
    real_loads = pickle.loads
    tampered = ParseCache(folder / "parse.pickle")
    assert tampered.rejected is None and len(tampered.entries) == 4
    import specsite.cache_file as cache_file
    cache_file.pickle, spy = type("Spy", (), {"loads": staticmethod(lambda b: loads.append(bytes(b)) or real_loads(b)),
                                               "dumps": staticmethod(pickle.dumps)}), cache_file.pickle
    try:
        assert tampered._verified(tampered.entries, "p0.md").result.html
        assert tampered._verified(tampered.entries, "p1.md") is None
    finally:
        cache_file.pickle = spy
    assert len(loads) == 1 and tampered.rejected and "p1.md" not in tampered.entries
    assert run_cli(["build", "--source", site, "--out", tmp_path / "out"]) == 0
    assert "warning[cache]: the parse cache was not written by specsite" in capsys.readouterr().err
    assert run_cli(["build", "--source", site, "--out", tmp_path / "fresh", "--no-cache"]) == 0
    assert _pages(tmp_path / "out") == _pages(tmp_path / "fresh")
    path = site / ".specsite-cache" / _segments(site)[0]
    path.write_bytes(path.read_bytes() + b"\0")
    tampered = ParseCache(site / ".specsite-cache" / "parse.pickle")
    assert tampered.rejected and not tampered.entries
    path.unlink()
    path.symlink_to(tmp_path / "elsewhere.seg")
    (tmp_path / "elsewhere.seg").write_bytes(data)  # the very bytes, behind a link: not followed
    linked = ParseCache(site / ".specsite-cache" / "parse.pickle")
    assert not linked.entries
    capsys.readouterr()
    assert run_cli(["build", "--source", site, "--out", tmp_path / "out"]) == 0
    assert not path.is_symlink() and _segments(site) and ParseCache(site / ".specsite-cache" / "parse.pickle").entries


def test_a_cached_build_loads_no_openssl_and_an_older_cache_is_rebuilt_quietly(tmp_path, monkeypatch):
    """The cache's MACs and digests are BLAKE2b (builtin): a cached edit's build loads neither
    hashlib nor hmac (OpenSSL). An index an older specsite signed with HMAC-SHA256 is rebuilt
    without the warning a changed cache gets."""
    import hashlib
    import hmac
    from specsite.cache import ParseCache
    from specsite.cache_file import MAGIC
    # one key for this process's builds and the child's: the child reads the cache this one signs
    monkeypatch.setenv("SPECSITE_CACHE_KEY_FILE", str(tmp_path / "keys" / "cache.key"))
    site = make_site(tmp_path / "site", FILES)
    index = site / ".specsite-cache" / "parse.pickle"
    assert run_cli(["build", "--source", site, "--out", tmp_path / "out"]) == 0
    (site / "p2.md").write_text(PAGE.format(n=2, m=3) + "\nAn edit.\n", encoding="utf-8")
    script = ("import sys; from specsite.cli import main; "
              f"code = main(['build', '--source', {str(site)!r}, '--out', {str(tmp_path / 'out')!r}]); "
              "print('LOADED', code, *sorted({'_hashlib', 'hashlib', 'hmac'} & set(sys.modules)))")
    env = {**os.environ, "SPECSITE_CACHE_KEY_FILE": str(tmp_path / "keys" / "cache.key")}
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=120)
    assert "LOADED 0\n" in done.stdout, done.stdout + done.stderr
    assert ParseCache(index).entries
    body = b"segments\n" + pickle.dumps(((FORMAT - 1, ""), (), ()))
    index.write_bytes(MAGIC + hmac.new(signing_key(create=False), body, hashlib.sha256).digest() + body)
    older = ParseCache(index)
    assert older.rejected is None and not older.entries
    index.write_bytes(MAGIC + bytes(32) + body)
    assert ParseCache(index).rejected


def test_a_segment_only_its_owner_can_write_is_mapped_any_other_is_copied(tmp_path):
    """Mapped, the bytes could change between a value's check and its unpickling: only a file of
    this user that no one else may write is mapped; a group- or world-writable one is read into
    memory. Both verify and give the same values."""
    import mmap
    from specsite.cache import ParseCache
    site = make_site(tmp_path / "site", FILES)
    assert run_cli(["build", "--source", site, "--out", tmp_path / "out"]) == 0
    [segment] = _segments(site)
    path = site / ".specsite-cache" / segment
    index = site / ".specsite-cache" / "parse.pickle"

    def loaded():
        cache = ParseCache(index)
        assert cache.rejected is None
        html = {rel: cache._verified(cache.entries, rel).result.html for rel in cache.entries}
        return {type(cache.entries._raw[rel][0].obj) for rel in cache.entries}, html

    kinds, mapped = loaded()
    assert kinds == {mmap.mmap}
    for mode in (0o620, 0o602):
        path.chmod(mode)
        kinds, copied = loaded()
        assert kinds == {bytes} and copied == mapped
