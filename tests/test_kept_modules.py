"""specsite/kept_modules.py: a submodule served from the kept bytecode is the module the import
system loads (same file, spec, code), and only while that is so (source, parent's path, finders)."""
from __future__ import annotations

import importlib
import importlib.util
import marshal
import os
import subprocess
import sys
import textwrap

import pytest

from specsite import kept_modules
from conftest import REPO


@pytest.fixture
def package(tmp_path, monkeypatch):
    """A package `keptpkg` (with a sub-package) on sys.path, its bytecode written, the kept
    modules in a file of this test's own; the package is forgotten afterwards."""
    root = tmp_path / "lib"
    (root / "keptpkg" / "sub").mkdir(parents=True)
    (root / "keptpkg" / "__init__.py").write_text("", encoding="utf-8")
    (root / "keptpkg" / "mod.py").write_text("VALUE = 1\n\ndef f():\n    return 'one'\n", encoding="utf-8")
    (root / "keptpkg" / "sub" / "__init__.py").write_text("from .leaf import LEAF\n", encoding="utf-8")
    (root / "keptpkg" / "sub" / "leaf.py").write_text("LEAF = 'leaf'\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(root))
    monkeypatch.setattr(kept_modules, "FILE", str(tmp_path / "modules.marshal"))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    importlib.invalidate_caches()
    yield root
    for name in [n for n in sys.modules if n == "keptpkg" or n.startswith("keptpkg.")]:
        del sys.modules[name]


def _forget():
    for name in [n for n in sys.modules if n.startswith("keptpkg.")]:
        del sys.modules[name]


def _import_all():
    import keptpkg.mod  # noqa: F401
    import keptpkg.sub  # noqa: F401
    return sys.modules["keptpkg.mod"], sys.modules["keptpkg.sub"], sys.modules["keptpkg.sub.leaf"]


def test_a_kept_submodule_is_the_module_the_import_system_loads(package):
    with kept_modules.kept_modules():
        plain = _import_all()
    assert set(kept_modules._read().index) == {"keptpkg.mod", "keptpkg.sub", "keptpkg.sub.leaf"}  # (not the top)
    _forget()
    with kept_modules.kept_modules():
        served = _import_all()
    for before, after in zip(plain, served):
        assert isinstance(after.__spec__.loader, kept_modules._KeptLoader)
        assert after.__file__ == before.__file__ and after.__cached__ == before.__cached__
        # (_KeptLoader.create_module sets __path__, __file__ and __cached__ itself: the same names,
        # in the same order, with the same values as the import system's own module)
        assert list(vars(after)) == list(vars(before))
        assert getattr(after, "__path__", None) == getattr(before, "__path__", None)
        assert after.__package__ == before.__package__ and after.__loader__ is after.__spec__.loader
        assert after.__spec__.origin == before.__spec__.origin
        assert after.__spec__.submodule_search_locations == before.__spec__.submodule_search_locations
        assert after.__spec__.loader.get_data(after.__file__) == before.__spec__.loader.get_data(before.__file__)
    pyc = (package / "keptpkg" / "__pycache__" / f"mod.{sys.implementation.cache_tag}.pyc").read_bytes()
    assert served[0].f.__code__ == marshal.loads(pyc[16:]).co_consts[1]
    assert served[0].VALUE == 1 and served[0].f() == "one" and served[1].LEAF == "leaf"
    assert importlib.import_module("keptpkg.sub.leaf") is served[2]


def test_a_kept_modules_spec_is_the_one_spec_from_file_location_makes():
    """_spec makes the ModuleSpec that spec_from_file_location makes (a package's search
    location, `cached` as cache_from_source gives it), for the paths a kept module can have."""
    from importlib.machinery import SourceFileLoader
    origins = ["/a/b/mod.py", "/a/b/__init__.py", "/a//b//x.y.py", "/a/b/.py", "/a/__init__.py", "/mod.py",
               "/a/b/__init__.pyc", "/a/b/mod.txt", "rel/mod.py", "/a/b/__init__x.py"]
    for origin in origins:
        for name in ("pkg.mod", "pkg.__init__", "pkg.sub"):
            loader = SourceFileLoader(name, origin)
            made, plain = kept_modules._spec(name, origin, loader), importlib.util.spec_from_file_location(
                name, origin, loader=loader)
            assert (made.name, made.loader, made.origin, made.submodule_search_locations, made.cached,
                    made.has_location, made.parent, made.loader_state) == \
                (plain.name, plain.loader, plain.origin, plain.submodule_search_locations, plain.cached,
                 plain.has_location, plain.parent, plain.loader_state), (origin, name)
            assert made == plain


def test_a_changed_source_is_imported_as_it_is_now_and_kept_anew(package):
    with kept_modules.kept_modules():
        _import_all()
    _forget()
    source = package / "keptpkg" / "mod.py"
    stat = source.stat()
    source.write_text("VALUE = 2\n\ndef f():\n    return 'two'\n", encoding="utf-8")  # same size
    os.utime(source, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    importlib.invalidate_caches()
    with kept_modules.kept_modules():
        mod = _import_all()[0]
    assert mod.VALUE == 2 and mod.f() == "two"
    assert not isinstance(mod.__spec__.loader, kept_modules._KeptLoader)
    _forget()
    with kept_modules.kept_modules():
        mod = _import_all()[0]
    assert isinstance(mod.__spec__.loader, kept_modules._KeptLoader) and mod.f() == "two"


def test_a_parent_with_another_path_or_other_finders_gets_no_kept_module(package, monkeypatch):
    with kept_modules.kept_modules():
        _import_all()
    _forget()
    import keptpkg
    monkeypatch.setattr(keptpkg, "__path__", [str(package / "keptpkg"), str(package)])
    with kept_modules.kept_modules():
        assert not isinstance(_import_all()[0].__spec__.loader, kept_modules._KeptLoader)
    monkeypatch.undo()
    _forget()

    class Other:
        """A finder that claims nothing: still, the finders are not those the modules were kept with."""

        @staticmethod
        def find_spec(name, path=None, target=None):
            return None
    monkeypatch.setattr(sys, "meta_path", [Other, *sys.meta_path])
    with kept_modules.kept_modules():
        assert not isinstance(_import_all()[0].__spec__.loader, kept_modules._KeptLoader)


def test_nothing_is_written_without_bytecode_and_a_damaged_file_is_ignored(package, monkeypatch):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    with kept_modules.kept_modules():
        _import_all()
    assert not os.path.exists(kept_modules.FILE)
    _forget()
    with open(kept_modules.FILE, "wb") as f:
        f.write(b"\x40" + bytes(7) + marshal.dumps((kept_modules.KEY, (), {"keptpkg.mod": (0, 9)})))
    assert kept_modules._read().index == {}  # (the index's length is wrong)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    with kept_modules.kept_modules():
        assert _import_all()[0].f() == "one"
    assert "keptpkg.mod" in kept_modules._read().index
    _forget()
    from specsite import kept_file
    meta = kept_modules._read().meta
    kept_file.write(kept_modules.FILE, kept_modules.KEY, meta,
                    {"keptpkg.mod": marshal.dumps(("damaged",)), "keptpkg.sub": b"not marshal"})
    with kept_modules.kept_modules():
        assert _import_all()[0].f() == "one"
    _forget()
    with kept_modules.kept_modules():  # kept anew, whole
        modules = _import_all()
        assert all(isinstance(m.__spec__.loader, kept_modules._KeptLoader) for m in modules[:2])


def test_the_finder_is_gone_after_the_command_and_a_nested_command_shares_it(package):
    before = list(sys.meta_path)
    with kept_modules.kept_modules():
        with kept_modules.kept_modules():
            assert sum(isinstance(f, kept_modules._Finder) for f in sys.meta_path) == 1
    assert sys.meta_path == before


def test_optimised_bytecode_is_kept_apart():
    """`python -O` loads .opt-1.pyc files (no asserts): their code is never served to a plain run."""
    script = "import sys; from specsite import kept_modules; print(kept_modules.KEY[2])"
    runs = [subprocess.run([sys.executable, *flags, "-c", script], cwd=REPO, capture_output=True, text=True,
                           timeout=60, check=True).stdout.strip() for flags in ([], ["-O"])]
    assert runs == ["0", "1"]


def test_the_kept_file_lies_beside_specsites_bytecode():
    bytecode = importlib.util.cache_from_source(kept_modules.__file__)
    assert os.path.dirname(kept_modules.FILE) == os.path.dirname(bytecode)


def test_a_build_with_kept_modules_writes_the_same_site(tmp_path):
    """Two builds in fresh interpreters, the second importing the stages from the kept file."""
    src = tmp_path / "site"
    (src / "_layouts").mkdir(parents=True)
    (src / "_layouts" / "default.html").write_text("<p>{{ page.title }}</p>{{ content }}\n", encoding="utf-8")
    (src / "index.md").write_text("---\nlayout: default\ntitle: Home\n---\n# Home\n\n[a](a.html)\n", encoding="utf-8")
    (src / "a.md").write_text("---\nlayout: default\ntitle: A\n---\nText.\n", encoding="utf-8")
    kept = tmp_path / "modules.marshal"
    script = textwrap.dedent(f"""
        import sys
        from specsite import cli, kept_modules
        sys.dont_write_bytecode = False
        kept_modules.FILE = {str(kept)!r}
        code = cli.main(['build', '--source', {str(src)!r}, '--out', sys.argv[1], '--no-cache'])
        served = [n for n, m in sys.modules.items()
                  if isinstance(getattr(getattr(m, '__spec__', None), 'loader', None), kept_modules._KeptLoader)]
        print(len(served))
        sys.exit(code)
    """)
    outputs = []
    for out in ("one", "two"):
        result = subprocess.run([sys.executable, "-c", script, str(tmp_path / out)], cwd=REPO, capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 0, result.stderr
        outputs.append((int(result.stdout), {p.name: p.read_bytes() for p in (tmp_path / out).iterdir()}))
    assert outputs[0][0] == 0 and outputs[1][0] > 100  # the second build's stages came from the kept file
    assert outputs[0][1] == outputs[1][1]
