"""specsite/compile_cache.py: the patterns and dataclass methods a run compiled, kept for the next
run, give exactly what compiling them again gives."""
from __future__ import annotations

import dataclasses
import importlib.util
import inspect
import marshal
import os
import re
import subprocess
import sys
from re import _compiler

import pytest

from specsite import compile_cache
from conftest import REPO

SITE = {
    "_config.yml": "title: Small\n",
    "_layouts/default.html": "<html><head><title>{{ page.title }}</title></head><body>{{ content }}</body></html>\n",
    "index.md": "---\nlayout: default\ntitle: Home\n---\n# Home\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
                "* item [about](about.html)\n\n```python\nprint(1)\n```\n",
    "about.md": "---\nlayout: default\ntitle: About\n---\n# About {#top}\n\nBack [home](index.html#home).\n",
}


@pytest.fixture
def kept_file(tmp_path, monkeypatch):
    """The kept compilations in a file of this test's own, written even under PYTHONDONTWRITEBYTECODE."""
    path = tmp_path / "compiled.marshal"
    monkeypatch.setattr(compile_cache, "FILE", str(path))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return path


def _kept(path) -> tuple[dict, dict]:
    """The kept file's ({pattern key: instructions}, {method source: code})."""
    kept = compile_cache.KeptFile.open(str(path), compile_cache.KEY)
    try:
        values = {key: kept.get(key) for key in kept.index}
    finally:
        kept.close()
    return ({k: v for k, v in values.items() if type(k) is tuple}, {k: v for k, v in values.items() if type(k) is str})


def _build(tmp_path, out: str, kept_file) -> str:
    """Build SITE in a fresh interpreter (whose `re` has compiled nothing yet) keeping its
    compilations in `kept_file`; the two pages it writes."""
    src = tmp_path / "site"
    for rel, text in SITE.items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text, encoding="utf-8")
    script = ("import sys; from specsite import cli, compile_cache; sys.dont_write_bytecode = False; "
              f"compile_cache.FILE = {str(kept_file)!r}; "
              f"sys.exit(cli.main(['build', '--source', {str(src)!r}, '--out', {str(tmp_path / out)!r}, '--no-cache']))")
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return "".join((tmp_path / out / name).read_text(encoding="utf-8") for name in ("index.html", "about.html"))


def test_every_kept_pattern_is_the_pattern_re_compiles(kept_file, tmp_path):
    with compile_cache.compile_cache():
        re.compile(r"(?P<word>[\w-]+)\s*(?i:x) kept once", re.M)  # named groups, inline and given flags
        re.compile(rb"[^\x00-\x1f]+ kept once")
    assert (False, r"(?P<word>[\w-]+)\s*(?i:x) kept once", int(re.M)) in _kept(kept_file)[0]
    _build(tmp_path, "out", kept_file)
    patterns, _ = _kept(kept_file)
    assert len(patterns) > 100
    assert (True, rb"[^\x00-\x1f]+ kept once", 0) in patterns  # what was kept stays
    for (_, pattern, flags), kept in patterns.items():
        ours, theirs = compile_cache._sre_compile(pattern, kept), _compiler.compile(pattern, flags)
        assert ours == theirs and ours.groupindex == theirs.groupindex and ours.groups == theirs.groups, pattern


def test_a_second_run_builds_the_same_site_from_what_the_first_kept(kept_file, tmp_path):
    first = _build(tmp_path, "out1", kept_file)
    written = kept_file.stat().st_mtime_ns
    assert _build(tmp_path, "out2", kept_file) == first
    assert kept_file.stat().st_mtime_ns == written  # nothing new compiled: not written again


def test_a_dataclass_made_from_kept_code_is_the_dataclass_compiled_afresh(kept_file):
    def make():
        @dataclasses.dataclass(frozen=True, order=True)
        class Point:
            """A point."""
            x: int
            y: "list[str]" = dataclasses.field(default_factory=list)
            z: float = 0.5
        return Point

    plain = make()
    for _ in range(2):  # compiled and kept, then taken from the file
        with compile_cache.compile_cache():
            cached = make()
    assert _kept(kept_file)[1]
    for name in ("__init__", "__repr__", "__eq__", "__lt__", "__hash__", "__setattr__", "__delattr__"):
        ours, theirs = getattr(cached, name), getattr(plain, name)
        assert inspect.signature(ours) == inspect.signature(theirs), name
        assert ours.__code__.co_code == theirs.__code__.co_code and ours.__code__.co_flags == theirs.__code__.co_flags
        assert ours.__annotations__ == theirs.__annotations__ and ours.__qualname__.endswith(name)
    assert repr(cached(1, ["a"])) == repr(plain(1, ["a"])).replace(plain.__qualname__, cached.__qualname__)
    with pytest.raises(dataclasses.FrozenInstanceError):
        cached(1).x = 2


def test_a_named_tuple_made_from_kept_code_is_the_one_compiled_afresh(kept_file):
    """typing's annotations (ForwardRef) and collections.namedtuple's `__new__`: the kept code is
    the code they compile themselves (no __future__ flags), SyntaxErrors raised as before."""
    import collections
    import typing

    def make():
        class Row(typing.NamedTuple):
            """A row."""
            name: "str"
            places: "list[tuple[int, int]] | None" = None
        return Row, collections.namedtuple("Pair", "a b", defaults=(1,))

    plain = make()
    for _ in range(2):  # compiled and kept, then taken from the file
        with compile_cache.compile_cache():
            cached = make()
            with pytest.raises(SyntaxError):
                typing.ForwardRef("not an expression (")
    kept = [key for key in _kept(kept_file)[1] if key.startswith("eval:")]
    assert any("list[tuple[int, int]] | None" in key for key in kept) and any("_tuple_new" in key for key in kept)
    for ours, theirs in zip(cached, plain):
        assert ours.__new__.__code__ == theirs.__new__.__code__
        assert ours.__new__.__code__.co_flags == theirs.__new__.__code__.co_flags
        assert ours.__new__.__defaults__ == theirs.__new__.__defaults__
    assert cached[0]("x") == plain[0]("x") and cached[1](2) == plain[1](2)
    for name in ("name", "places"):
        ours = cached[0].__annotations__[name]
        theirs = plain[0].__annotations__[name]
        assert ours == theirs and ours.__forward_code__ == theirs.__forward_code__
        assert ours.__forward_code__.co_flags == theirs.__forward_code__.co_flags
    assert typing.get_type_hints(cached[0]) == typing.get_type_hints(plain[0])


def test_the_compilers_are_restored_and_nothing_is_written_without_bytecode(kept_file, monkeypatch):
    import collections
    import typing
    original, original_compile = _compiler.compile, re._compile
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    with compile_cache.compile_cache():
        assert _compiler.compile is not original and "exec" in vars(dataclasses)
        assert re._compile is not original_compile
        assert "compile" in vars(typing) and "eval" in vars(collections)
        re.compile("never compiled before in this process: [a-q]+")
    assert _compiler.compile is original and re._compile is original_compile and "exec" not in vars(dataclasses)
    assert "compile" not in vars(typing) and "eval" not in vars(collections)
    assert not kept_file.exists()


def test_an_unreadable_or_foreign_file_is_ignored(kept_file):
    kept_file.write_bytes(b"not marshal at all")
    with compile_cache.compile_cache():
        assert re.compile("a+b").match("aab")
    from specsite import kept_file as kept_file_module
    kept_file_module.write(str(kept_file), ("another python",), None, {(False, "a+", 0): marshal.dumps((0, [1], 0, {}, (None,)))})
    assert compile_cache._read().index == {}


def test_the_kept_file_is_beside_the_bytecode():
    """In the __pycache__ of the specsite that runs (a checkout's, or an installed wheel's)."""
    bytecode = importlib.util.cache_from_source(compile_cache.__file__)
    assert os.path.dirname(compile_cache.FILE) == os.path.dirname(bytecode)
    assert os.path.basename(compile_cache.FILE).startswith("compiled.")


def test_a_kept_pattern_is_re_compiles_pattern_once_a_run(kept_file):
    """re.compile, re.sub, ... of a kept pattern: equal to re's own, the same object each time (as
    re's cache gives), with flags given as RegexFlag or int; DEBUG, TEMPLATE's warning, a compiled
    pattern and a pattern's errors are re's own."""
    pattern = r"(?P<k>kept)\s+once[a-f]*"
    for _ in range(2):  # compiled and kept, then built from the file
        re.purge()
        with compile_cache.compile_cache():
            first = re.compile(pattern, re.I | re.M)
            assert first is re.compile(pattern, int(re.I | re.M)) and re.sub(pattern, "x", "KEPT  once", flags=re.I) == "x"
            assert re.compile(first) is first and re.compile(pattern.encode(), re.I).pattern == pattern.encode()
            with pytest.warns(DeprecationWarning):
                re.compile("no repeats", re.TEMPLATE)
            with pytest.raises(ValueError):
                re.compile(first, re.I)
            with pytest.raises(re.error):
                re.compile("(unclosed kept")
        assert first == _compiler.compile(pattern, re.I | re.M) and first.groupindex == {"k": 1}
    assert (False, pattern, int(re.I | re.M)) in _kept(kept_file)[0]


def test_a_pattern_that_warns_warns_on_every_run(kept_file):
    """sre's FutureWarning (a possible nested set) comes from parsing the pattern: a pattern built
    from kept instructions is never parsed, so one that warns is not kept (it warns every run)."""
    pattern = "[[:alpha:]] kept warning"
    for _ in range(2):
        re.purge()
        with compile_cache.compile_cache(), pytest.warns(FutureWarning, match="nested set"):
            re.compile(pattern)


def test_the_kept_file_follows_the_bytecode_into_a_pycache_prefix(tmp_path):
    """With PYTHONPYCACHEPREFIX Python writes no __pycache__ beside the sources: neither does this."""
    script = "from specsite import compile_cache; print(compile_cache.FILE)"
    result = subprocess.run([sys.executable, "-X", f"pycache_prefix={tmp_path}", "-c", script], cwd=REPO,
                            capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip().startswith(str(tmp_path)), result.stdout


def test_a_damaged_entry_is_compiled_afresh(kept_file):
    """A file of this interpreter whose entries are not what this module writes (damaged, or an
    older specsite's format): the compilers compile as they would without it."""
    patterns = {(False, "damaged entry a+", 0): (0,), (False, "damaged entry b+", 0): (32, [999, 1], 0, {}, (None,))}
    codes = {"def damaged(): pass": "not code"}
    from specsite import kept_file as kept_file_module
    kept_file_module.write(str(kept_file), compile_cache.KEY, None,
                           {key: marshal.dumps(value) for key, value in {**patterns, **codes}.items()}
                           | {(False, "damaged entry c+", 0): b"not marshal"})
    with compile_cache.compile_cache():
        assert re.compile("damaged entry c+").match("damaged entry cc")
        assert re.compile("damaged entry a+").match("damaged entry aa")
        assert re.compile("damaged entry b+").match("damaged entry bb")
        namespace: dict = {}
        dataclasses.exec("def damaged(): pass", {}, namespace)
        assert namespace["damaged"]() is None


def test_a_bytes_pattern_is_never_compared_with_a_str_one(kept_file):
    """b"x" and "x" hash alike: looking one up beside the other compared bytes with str, which
    `python -bb` turns into an error (BytesWarning) out of re.compile."""
    script = ("import re, sys; from specsite import compile_cache; sys.dont_write_bytecode = False; "
              f"compile_cache.FILE = {str(kept_file)!r}\n"
              "for _ in range(2):\n"
              "    re.purge()\n"
              "    with compile_cache.compile_cache():\n"
              "        assert re.compile('same text [0-9]').match('same text 1')\n"
              "        assert re.compile(b'same text [0-9]').match(b'same text 1')\n")
    result = subprocess.run([sys.executable, "-bb", "-c", script], cwd=REPO, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
