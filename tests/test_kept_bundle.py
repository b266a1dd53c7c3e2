"""specsite/kept_bundle.py: a command's blob holds the kept values its last two runs both used,
is rewritten only when that changes, and a foreign, damaged or unwritable file is no blob; the
modules and patterns served from it are what the import system and `re` give (kept_modules.py,
compile_cache.py), and a command in a process of its own builds the same site from it."""
from __future__ import annotations

import importlib
import marshal
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from specsite import cli, compile_cache, kept_modules
from specsite.kept_bundle import Bundle, command_file

KEY = ("test", 1)


def _run(path: Path, used: dict, changed: tuple = ()) -> Bundle:
    """One run: every value of `used` asked for and used as the blob gives it (but those
    `changed`, used as `used` gives them), then saved as this run's."""
    bundle = Bundle(str(path), KEY)
    for name in used:
        found = bundle.get(name)
        if found is not None and name not in changed:
            used[name] = found
    bundle.save(used)
    return bundle


def _last(path: Path) -> set:
    """The last run's names as the next run reads them."""
    bundle = Bundle(str(path), KEY)
    values = bundle._read()
    last = bundle._last_names(values)
    return set(values) if last is None else last  # (None: the blob's)


def test_the_blob_holds_what_the_last_two_runs_both_used(tmp_path):
    """(Runs that used nearly the same values, a tenth apart at most: runs of one site's build.)"""
    path = tmp_path / "b.marshal"
    core = {f"m{i}": i for i in range(30)}
    _run(path, {**core, "a": 1, "b": (2, "two")})
    assert Bundle(str(path), KEY).get("a") is None  # (one run: nothing both used yet)
    _run(path, {**core, "a": 1, "b": (2, "two"), "c": [3]})
    assert [Bundle(str(path), KEY).get(name) for name in "abc"] == [1, (2, "two"), None]
    _run(path, {**core, "b": (2, "two"), "c": [3]})
    assert [Bundle(str(path), KEY).get(name) for name in "abc"] == [None, (2, "two"), [3]]


def test_runs_far_apart_leave_the_blob_and_read_it(tmp_path):
    """Runs that used values more than a tenth apart (sites built in turn) rewrite nothing; the
    blob still serves what it holds."""
    path = tmp_path / "b.marshal"
    core = {f"m{i}": i for i in range(20)}
    _run(path, dict(core))
    _run(path, dict(core))
    written = path.stat().st_ino
    for k in range(6):
        _run(path, {**core, **{f"s{k}.{i}": i for i in range(5)}})
    assert path.stat().st_ino == written and Bundle(str(path), KEY).get("m0") == 0


def test_the_blob_is_rewritten_only_when_it_serves_the_last_two_runs_badly(tmp_path):
    """A blob that lacks a value both runs used is rewritten; one that holds a few they did not
    use (a tenth or less) is not; the last run's names, in their own small file, always follow."""
    path = tmp_path / "b.marshal"
    core = {f"m{i}": i for i in range(20)}
    _run(path, {**core, "x": "x"})
    _run(path, {**core, "x": "x"})
    written = path.stat()
    _run(path, dict(core))  # (core and x in the blob: x unused, 1 of 21)
    _run(path, dict(core))
    assert (path.stat().st_ino, path.stat().st_mtime_ns) == (written.st_ino, written.st_mtime_ns)
    assert Bundle(str(path), KEY).get("x") == "x" and _last(path) == set(core)
    _run(path, {**core, "y": "y"})
    _run(path, {**core, "y": "y"})  # (y used twice: the blob lacks it)
    assert path.stat().st_ino != written.st_ino
    assert Bundle(str(path), KEY).get("y") == "y" and Bundle(str(path), KEY).get("x") is None
    written = path.stat()
    small = {f"m{i}": i for i in range(10)}
    _run(path, dict(small))
    _run(path, dict(small))  # (half the blob unused)
    assert path.stat().st_ino != written.st_ino and Bundle(str(path), KEY).get("m15") is None
    assert _last(path) == set(small) and len(Path(f"{str(path)[:-8]}.names.marshal").read_bytes()) < 100


def test_a_switch_to_another_site_s_values_writes_the_blob_once(tmp_path):
    """After steady runs of one site, the first run of another leaves the blob (it holds all that
    both used); the second writes that site's values; sites built in turn rewrite nothing."""
    path = tmp_path / "b.marshal"
    core = {f"m{i}": i for i in range(20)}
    one, two = {**core, **{f"a{i}": i for i in range(5)}}, {**core, **{f"b{i}": i for i in range(5)}}
    _run(path, dict(one))
    _run(path, dict(one))
    written = path.stat().st_ino
    _run(path, dict(two))
    assert path.stat().st_ino == written and Bundle(str(path), KEY).get("a0") == 0
    _run(path, dict(two))
    assert path.stat().st_ino != written and Bundle(str(path), KEY).get("b0") == 0
    assert Bundle(str(path), KEY).get("a0") is None
    written = path.stat().st_ino
    for values in (one, two, one, two):  # (in turn: the blob serves what both use)
        _run(path, dict(values))
    assert path.stat().st_ino == written


def test_a_value_that_changed_is_written_anew(tmp_path):
    """A module whose source changed is used with its new code: the blob takes the new value."""
    path = tmp_path / "b.marshal"
    _run(path, {"a": "old"})
    _run(path, {"a": "old"})
    _run(path, {"a": "new"}, changed=("a",))
    assert Bundle(str(path), KEY).get("a") == "new"


def test_a_foreign_damaged_or_unwritable_blob_is_no_blob(tmp_path):
    path = tmp_path / "b.marshal"
    _run(path, {"a": 1})
    _run(path, {"a": 1})
    assert Bundle(str(path), ("other", 1)).get("a") is None
    data = path.read_bytes()
    for damaged in (data[:len(data) // 2], b"\xff" * 40, data[:8] + b"\x00" + data[9:], b""):
        path.write_bytes(damaged)
        assert Bundle(str(path), KEY).get("a") is None
        _run(path, {"a": 1})  # (no error: the file is written afresh)
    assert Bundle(str(None), KEY).get("a") is None and Bundle(None, KEY).save({"a": 1}) is None
    (tmp_path / "file").write_text("")
    _run(tmp_path / "file" / "b.marshal", {"a": 1})  # a folder that cannot be written: no error
    _run(tmp_path / "file" / "b.marshal", {"a": 1})


def test_a_value_marshal_cannot_write_leaves_the_file(tmp_path):
    path = tmp_path / "b.marshal"
    _run(path, {"a": 1, "f": object()})
    _run(path, {"a": 1, "f": object()})  # (both runs used `f`: the blob would hold it)
    assert not path.exists() and Bundle(str(path), KEY).get("a") is None


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A package `bundlepkg` on sys.path, its bytecode written, the kept files this test's own."""
    root = tmp_path / "lib"
    (root / "bundlepkg").mkdir(parents=True)
    (root / "bundlepkg" / "__init__.py").write_text("", encoding="utf-8")
    (root / "bundlepkg" / "mod.py").write_text("VALUE = 1\n\ndef f():\n    return 'one'\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.setattr(kept_modules, "FILE", str(tmp_path / "modules.marshal"))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    importlib.invalidate_caches()
    yield root
    for name in [n for n in sys.modules if n == "bundlepkg" or n.startswith("bundlepkg.")]:
        del sys.modules[name]


def _import_mod(command: str | None = "build"):
    """bundlepkg.mod imported afresh in a run of `command`."""
    sys.modules.pop("bundlepkg.mod", None)
    with kept_modules.kept_modules(command):
        import bundlepkg.mod
    return bundlepkg.mod


def test_a_module_from_the_blob_is_the_one_the_import_system_loads_until_its_source_changes(package):
    plain = None
    for _ in range(3):
        module = _import_mod()
        plain = plain or module
    blob = Bundle(command_file(kept_modules.FILE, "build"), (kept_modules.KEY, kept_modules._finders()))
    assert blob.get("bundlepkg.mod")[0] == plain.__file__
    assert isinstance(module.__spec__.loader, kept_modules._KeptLoader)
    assert module.__file__ == plain.__file__ and module.__cached__ == plain.__cached__
    assert module.f.__code__ == plain.f.__code__ and module.f() == "one"
    source = package / "bundlepkg" / "mod.py"
    mtime = source.stat().st_mtime_ns
    source.write_text("VALUE = 2\n\ndef f():\n    return 'two'\n", encoding="utf-8")  # same size
    os.utime(source, ns=(mtime, mtime + 1_000_000_000))
    importlib.invalidate_caches()
    module = _import_mod()
    assert module.f() == "two" and not isinstance(module.__spec__.loader, kept_modules._KeptLoader)
    module = _import_mod()
    assert module.f() == "two" and isinstance(module.__spec__.loader, kept_modules._KeptLoader)
    blob = Bundle(command_file(kept_modules.FILE, "build"), (kept_modules.KEY, kept_modules._finders()))
    assert blob.get("bundlepkg.mod")[2] == (mtime + 1_000_000_000, source.stat().st_size)


def test_no_blob_without_a_command_or_bytecode(package, monkeypatch):
    for _ in range(2):
        _import_mod(None)
    assert not [p for p in os.listdir(os.path.dirname(kept_modules.FILE)) if p.count(".") > 2]
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    for _ in range(2):
        _import_mod("check")
    assert not os.path.exists(command_file(kept_modules.FILE, "check"))


def test_patterns_from_the_blob_are_the_patterns_re_compiles(tmp_path, monkeypatch):
    monkeypatch.setattr(compile_cache, "FILE", str(tmp_path / "compiled.marshal"))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    texts = [r"(?P<a>x+)y", r"[a-z]{2,}", r"(?i)café"]
    for _ in range(3):
        with compile_cache.compile_cache("build"):
            patterns = [re.compile(text) for text in texts] + [re.compile(b"\\d+")]
    blob = Bundle(command_file(compile_cache.FILE, "build"), compile_cache.KEY)
    assert all(blob.get((False, text, 0)) is not None for text in texts)
    re.purge()
    plain = [re.compile(text) for text in texts] + [re.compile(b"\\d+")]
    assert patterns == plain and [p.groupindex for p in patterns] == [p.groupindex for p in plain]


def test_help_the_version_and_a_typo_run_no_commands_blob():
    assert cli._command_word([]) == "build" and cli._command_word(["--source", "x"]) == "build"
    assert cli._command_word(["check", "--format", "json"]) == "check"
    assert [cli._command_word(argv) for argv in (["--version"], ["build", "-h"], ["buidl"], ["serve", "--help"])] \
        == [None] * 4


def test_a_command_in_its_own_process_builds_the_same_site_from_its_blob(tmp_path):
    """Builds in fresh processes of a tree of specsite's own (the first keeps the names, the
    second the blob, the third and fourth read it, the fourth without rewriting it): the same
    site each time."""
    tree = tmp_path / "tree"
    shutil.copytree(Path(cli.__file__).parent, tree / "specsite", ignore=shutil.ignore_patterns("__pycache__"))
    site = tmp_path / "site"
    (site / "_layouts").mkdir(parents=True)
    (site / "_layouts" / "default.html").write_text("<p>{{ page.title }}</p>{{ content }}\n", encoding="utf-8")
    (site / "index.md").write_text("---\nlayout: default\ntitle: Home\n---\n# Home\n\n[a](a.html)\n", encoding="utf-8")
    (site / "a.md").write_text("---\nlayout: default\ntitle: A\n---\nText `x`.\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}
    env["PYTHONPATH"] = str(tree)

    def build(out: str):
        done = subprocess.run([sys.executable, "-m", "specsite", "build", "--no-cache", "--source", str(site),
                               "--out", str(tmp_path / out)], cwd=tmp_path, env=env, capture_output=True,
                              text=True, timeout=120)
        assert done.returncode == 0, done.stderr[-800:]
        return {p.relative_to(tmp_path / out): p.read_bytes() for p in sorted((tmp_path / out).rglob("*.html"))}
    sites = [build(f"out{i}") for i in range(3)]
    cache = tree / "specsite" / "__pycache__"
    blobs = sorted(p.name for p in cache.glob("*.build.marshal"))
    assert len(blobs) == 2, blobs  # (modules and compiled)
    modules = next(p for p in cache.glob("modules.*.build.marshal"))
    written = modules.stat()
    sites.append(build("out3"))
    assert all(each == sites[0] for each in sites) and len(sites[0]) == 2
    assert (modules.stat().st_ino, modules.stat().st_mtime_ns) == (written.st_ino, written.st_mtime_ns)
    data = modules.read_bytes()
    assert marshal.loads(data[8:8 + int.from_bytes(data[:8], "little")])[1] > 100_000  # (the blob's length)


def test_a_blob_of_another_interpreter_or_finders_serves_nothing(package, monkeypatch):
    """The blob's key holds the interpreter's version and bytecode magic (kept_modules.KEY) and the
    meta-path finders: another Python's or another finder list's blob is no blob."""
    for _ in range(3):
        _import_mod()
    monkeypatch.setattr(kept_modules, "KEY", ("3.99.0 (another build)", *kept_modules.KEY[1:]))
    monkeypatch.setattr(kept_modules, "_read", lambda: kept_modules.KeptFile())  # (the single modules' file too)
    assert not isinstance(_import_mod().__spec__.loader, kept_modules._KeptLoader)
    monkeypatch.undo()
    monkeypatch.setattr(kept_modules, "FILE", str(package.parent / "modules.marshal"))
    monkeypatch.setattr(kept_modules, "_read", lambda: kept_modules.KeptFile())
    monkeypatch.setattr(kept_modules, "_finders", lambda: ("another.Finder",))
    assert not isinstance(_import_mod().__spec__.loader, kept_modules._KeptLoader)


def test_an_unwritable_install_imports_as_before(package, monkeypatch, tmp_path):
    """A read-only install (the kept files' folder cannot be written): every run imports from
    the sources, without an error."""
    (tmp_path / "not-a-folder").write_text("")
    monkeypatch.setattr(kept_modules, "FILE", str(tmp_path / "not-a-folder" / "modules.marshal"))
    for _ in range(3):
        module = _import_mod()
        assert module.f() == "one" and not isinstance(module.__spec__.loader, kept_modules._KeptLoader)


def test_a_copied_checkout_serves_its_own_modules(tmp_path):
    """A checkout copied with its __pycache__ (cp -a: the blobs and .pyc files valid for its
    sources): its modules come from its own files, never the first checkout's."""
    first = tmp_path / "first"
    shutil.copytree(Path(cli.__file__).parent, first / "specsite", ignore=shutil.ignore_patterns("__pycache__"))
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.md").write_text("---\n---\n# Hi\n", encoding="utf-8")
    probe = ("import sys; from specsite import cli; code = cli.main(sys.argv[1:], own_process=True); "
             "import specsite.parse as p; print(int(code), type(p.__spec__.loader).__name__, p.__file__, "
             "p.parse_page.__code__.co_filename)")

    def run(tree: Path) -> list[str]:
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}
        env["PYTHONPATH"] = str(tree)
        done = subprocess.run([sys.executable, "-c", probe, "build", "--no-cache", "--source", str(site), "--out",
                               str(tmp_path / "out")], cwd=tmp_path, env=env, capture_output=True, text=True,
                              timeout=120)
        return done.stdout.split()
    runs = [run(first) for _ in range(3)]
    assert runs[-1][:2] == ["0", "_KeptLoader"]  # (the third run reads the blob)
    second = tmp_path / "second"
    shutil.copytree(first, second)  # (mtimes kept)
    for _ in range(3):
        code, loader, path, filename = run(second)
        assert code == "0" and path.startswith(str(second)) and filename.startswith(str(second)), (path, filename)
    assert loader == "_KeptLoader"


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")
def test_the_values_a_team_s_worker_took_count_as_this_run_s(tmp_path):
    """In a team's build the worker parses some of the pages: the values it took from the blob
    (reported before it leaves, by their places in the blob both processes read) count as used
    by the build's process, so a run that split the pages otherwise neither drops them from the
    blob nor writes the last run's names anew."""
    from specsite import kept_bundle
    path = tmp_path / "single.b.marshal"  # (the blob of command "b" beside the file single.marshal)
    core = {f"m{i}": i for i in range(20)}
    for _ in range(3):
        _run(path, dict(core))
    stamp = os.stat(path).st_mtime_ns, os.stat(kept_bundle.Bundle(str(path), KEY).names_path()).st_mtime_ns
    bundle = kept_bundle.Bundle.of_command(str(tmp_path / "single.marshal"), "b", KEY)
    assert bundle.path == str(path)
    for name in ("m0", "m1"):  # this process's own part
        bundle.get(name)
        bundle.served.add(name)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker's part: it takes the rest
        for name in core:
            if name not in ("m0", "m1"):
                bundle.get(name)
                bundle.served.add(name)
        os.write(write, marshal.dumps(kept_bundle.report()))
        os._exit(0)
    os.close(write)
    found = marshal.loads(os.read(read, 1 << 16))
    os.waitpid(pid, 0)
    kept_bundle.take_report(found)
    bundle.save({name: bundle.get(name) for name in ("m0", "m1")})
    assert (os.stat(path).st_mtime_ns, os.stat(bundle.names_path()).st_mtime_ns) == stamp
    assert _last(path) == set(core)
