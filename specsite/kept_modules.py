"""The bytecode of the modules a command imports, kept in one file: a build imports some 200
modules after start-up (specsite's, python-liquid's, PyYAML's), and finding each one (a stat
of its folder and its source, the name joined with each suffix), opening its `.pyc` and
checking its header costs about 40 µs a module; taking it from one kept file (kept_file.py)
skips all of that but one stat of the source.

While a command runs (`cli.main`), a finder placed first on `sys.meta_path` serves a module it
keeps only where the import system would load the same file with the same code:
- a submodule (a top-level module is looked for along `sys.path` and by every finder: left to
  them), of a parent whose `__path__` is the one it had when the module was kept;
- with the same finders on `sys.meta_path`, in the same order (one of them could claim it);
- from the same source file, unchanged since (same size and modification time in ns);
- its code is the `.pyc`'s that Python wrote for that source (its header checked against the
  source when it was kept: same magic number, a timestamp `.pyc` of that size and time).
The module is then what `SourceFileLoader` makes (same spec, `__file__`, `__cached__`, loader
methods for its data files); only `get_code` is answered from the kept code. Anything else is
left to the import system as before. The file is `__pycache__/modules.<tag>.marshal` beside
specsite's bytecode, read only by the same interpreter build, rewritten only when a run imported
a module it did not keep (never with PYTHONDONTWRITEBYTECODE); a failure to read or write it
leaves the imports as they are.
"""
from __future__ import annotations

import _imp
import os
import sys
from contextlib import contextmanager
from importlib.machinery import ModuleSpec, SourceFileLoader
from importlib.util import MAGIC_NUMBER, cache_from_source, spec_from_file_location
from types import CodeType, ModuleType

from . import kept_file
from .kept_file import KeptFile

FILE = os.path.join(os.path.dirname(cache_from_source(os.path.abspath(__file__))),
                    f"modules.{sys.implementation.cache_tag}{'.opt-%d' % sys.flags.optimize if sys.flags.optimize else ''}"
                    ".marshal")
KEY = (sys.version, MAGIC_NUMBER, sys.flags.optimize, 3)  # this interpreter's bytecode (-O: .opt-1.pyc), format 3
MAX_MODULES = 2000  # past this (modules of many versions of a package), start afresh
_HEADER = 16  # a .pyc's header: magic, flags, source mtime, source size


class _KeptLoader(SourceFileLoader):
    """`SourceFileLoader`, whose code is the kept code of the source it was checked against."""

    def __init__(self, fullname: str, path: str, code: CodeType):
        super().__init__(fullname, path)
        self.kept = code

    def create_module(self, spec):
        """The module the import system would make (`types.ModuleType`), its `__path__`, `__file__`
        and `__cached__` set already, to the values it would set: it asks for each with getattr
        before setting it, and on a new module each ask fails with an AttributeError whose message
        is formatted (some 600 a build, about 2M instructions). The other attributes it sets as usual."""
        module = ModuleType(spec.name)
        if spec.submodule_search_locations is not None:
            module.__path__ = spec.submodule_search_locations
        if spec.has_location:
            module.__file__ = spec.origin
            if spec.cached is not None:
                module.__cached__ = spec.cached
        return module

    def get_code(self, fullname):
        # as SourceLoader.get_code does: code kept from a .pyc compiled elsewhere (a copied
        # tree, a moved venv) names this source in tracebacks, pdb and coverage
        _imp._fix_co_filename(self.kept, self.path)
        return self.kept


class _Finder:
    """The meta-path finder of the kept modules: name -> (origin, parent's path, source's
    (mtime_ns, size)) in the file's index, the code read from the file when the name is imported."""

    def __init__(self, kept: KeptFile, finders: tuple, places: dict):
        self.kept = kept
        self.finders = finders  # the other finders' names, as when the modules were kept
        self.places = places  # name -> (origin, parent's path, source's stamp)
        self.meta_path: tuple = ()  # sys.meta_path once this finder is on it: while it is, serve
        self.served: set = set()

    def find_spec(self, fullname, path=None, target=None):
        place = self.places.get(fullname) if path is not None and target is None else None
        if type(place) is not tuple or len(place) != 3:
            return None
        origin, parent_path, stamp = place
        if tuple(path) != parent_path or tuple(sys.meta_path) != self.meta_path:
            return None
        try:
            stat = os.stat(origin)
        except (OSError, TypeError, ValueError):
            return None
        if (stat.st_mtime_ns, stat.st_size) != stamp:
            return None
        code = self.kept.get(fullname)
        if type(code) is not CodeType:  # damaged: imported from its source, and kept anew
            del self.places[fullname]
            return None
        self.served.add(fullname)
        return _spec(fullname, origin, _KeptLoader(fullname, origin, code))


def _spec(fullname: str, origin: str, loader) -> ModuleSpec:
    """spec_from_file_location(fullname, origin, loader=loader), made directly for an absolute
    `origin`: the same ModuleSpec (a package's search location its folder, as `is_package` tells
    from the file's name), its `cached` set now to what cache_from_source gives, which the
    module's creation asks for (the two in Python cost ~35K instructions a module, 7M a build)."""
    if not origin.startswith("/") or os.sep != "/" or sys.pycache_prefix is not None or sys.flags.optimize \
            or sys.implementation.cache_tag is None or not origin.endswith(".py"):
        return spec_from_file_location(fullname, origin, loader=loader)
    head, _, tail = origin.rpartition("/")
    if not head.rstrip("/"):  # (a module at the root: _path_join drops the empty folder)
        return spec_from_file_location(fullname, origin, loader=loader)
    spec = ModuleSpec(fullname, loader, origin=origin)
    spec._set_fileattr = True
    if tail[:-3] == "__init__" and fullname.rpartition(".")[2] != "__init__":  # (SourceFileLoader.is_package)
        spec.submodule_search_locations = [head]
    # cache_from_source: head/__pycache__/<name>.<tag>.pyc (head without its trailing slashes)
    spec.cached = f"{head.rstrip('/')}/__pycache__/{tail[:-3] or 'py'}.{sys.implementation.cache_tag}.pyc"
    return spec


def _finders() -> tuple:
    """The finders on sys.meta_path, by their (or their type's) qualified name."""
    return tuple(f"{f.__module__}.{f.__qualname__}" if isinstance(f, type) else
                 f"{type(f).__module__}.{type(f).__qualname__}" for f in sys.meta_path)


def _read() -> KeptFile:
    return KeptFile.open(FILE, KEY)


def _entry(module) -> tuple | None:
    """((origin, parent's path, source's stamp), code's marshal bytes) of a submodule loaded from its
    source by `SourceFileLoader`, when its `.pyc` is the timestamp one Python wrote for the source
    as it is."""
    spec = getattr(module, "__spec__", None)
    if not isinstance(spec, ModuleSpec) or not isinstance(spec.name, str):
        return None
    parent = sys.modules.get(spec.name.rpartition(".")[0]) if "." in spec.name else None
    if parent is None or type(spec.loader) is not SourceFileLoader or not spec.cached \
            or not isinstance(spec.origin, str) or not spec.origin.endswith(".py"):
        return None
    try:
        parent_path = tuple(parent.__path__)
        stat = os.stat(spec.origin)
        with open(spec.cached, "rb") as f:
            data = f.read()
        header = MAGIC_NUMBER + (0).to_bytes(4, "little") + (int(stat.st_mtime) & 0xFFFFFFFF).to_bytes(4, "little") \
            + (stat.st_size & 0xFFFFFFFF).to_bytes(4, "little")
    except (AttributeError, OSError, TypeError, ValueError):
        return None
    if data[:_HEADER] != header or not all(type(p) is str for p in parent_path):
        return None
    return (spec.origin, parent_path, (stat.st_mtime_ns, stat.st_size)), data[_HEADER:]


@contextmanager
def kept_modules():
    """Within: the kept modules are imported from the file; after: sys.meta_path is as it was,
    and the file is rewritten if this run imported a submodule it did not keep (or kept one
    whose source changed)."""
    if any(isinstance(f, _Finder) for f in sys.meta_path):  # a command run by a command
        yield
        return
    kept = _read()
    meta = kept.meta if type(kept.meta) is tuple and len(kept.meta) == 2 and type(kept.meta[1]) is dict else ((), {})
    finders = _finders()
    if meta[0] != finders:  # other finders: none of the kept modules is served
        kept.close()
        kept, meta = KeptFile(), ((), {})
    finder = _Finder(kept, finders, meta[1])
    before = set(sys.modules)
    pid = os.getpid()
    sys.meta_path.insert(0, finder)
    finder.meta_path = tuple(sys.meta_path)
    try:
        yield
    finally:
        if finder in sys.meta_path:
            sys.meta_path.remove(finder)
        if pid == os.getpid() and not sys.dont_write_bytecode:
            _save(kept, finder, set(sys.modules) - before - finder.served)
        kept.close()


def _save(kept: KeptFile, finder: _Finder, imported: set) -> None:
    """Rewrite the file if a module imported from its source could have been kept."""
    fresh = {}
    for name in imported:
        entry = _entry(sys.modules[name])
        if entry is not None and finder.places.get(name) != entry[0]:
            fresh[name] = entry
    if not fresh:
        return
    values = kept.carried(finder.places, fresh) if len(finder.places) + len(fresh) <= MAX_MODULES else {}
    places = {name: finder.places[name] for name in values}
    for name, (place, data) in fresh.items():
        places[name], values[name] = place, data
    kept_file.write(FILE, KEY, (finder.finders, places), values)
