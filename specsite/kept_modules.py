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
leaves the imports as they are. The modules a command imported in each of its last two runs are
also kept together, in one blob read whole (`modules.<tag>.<command>.marshal`, kept_bundle.py:
a build's 220 modules unmarshal in 30M instructions instead of 42.5M); each is served only under
the same conditions, checked module by module.
"""
from __future__ import annotations

import _imp
import marshal
import os
import sys
from contextlib import contextmanager
from importlib.machinery import ModuleSpec, SourceFileLoader
from importlib.util import MAGIC_NUMBER, cache_from_source, spec_from_file_location
from types import CodeType, ModuleType

from . import kept_file
from .kept_bundle import Bundle
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
    """The meta-path finder of the kept modules: the command's blob first (name -> (origin, parent's
    path, source's (mtime_ns, size), code), or () for a submodule imported from elsewhere: none to
    look for), then the file of single modules (its index: name -> (origin, parent's path, source's
    stamp); the code read when the name is imported), opened when the blob lacks a name."""

    def __init__(self, bundle: Bundle, finders: tuple):
        self.bundle = bundle
        self.finders = finders  # the other finders' names, as when the modules were kept
        self.kept: KeptFile | None = None  # the file of single modules, once opened (`open`)
        self.places: dict = {}  # name -> (origin, parent's path, source's stamp) in its index
        self.meta_path: tuple = ()  # sys.meta_path once this finder is on it: while it is, serve
        self.served: dict = {}  # name -> (origin, parent's path, stamp, code) of each module served

    def open(self) -> KeptFile:
        """The file of single modules (its index read now), kept from runs with the same finders."""
        if self.kept is None:
            self.kept = _read()
            meta = self.kept.meta
            if type(meta) is tuple and len(meta) == 2 and meta[0] == self.finders and type(meta[1]) is dict:
                self.places = meta[1]
        return self.kept

    def find_spec(self, fullname, path=None, target=None):
        if path is None or target is not None:
            return None
        value = self.bundle.get(fullname)
        if type(value) is tuple and len(value) == 4:
            place, code = value[:3], value[3]
            if type(code) is CodeType and self._unchanged(place, path):
                self.served[fullname] = value
                self.bundle.served.add(fullname)
                return _spec(fullname, place[0], _KeptLoader(fullname, place[0], code))
        elif value == ():
            return None
        self.open()
        place = self.places.get(fullname)
        if type(place) is not tuple or len(place) != 3 or not self._unchanged(place, path):
            return None
        code = self.kept.get(fullname)
        if type(code) is not CodeType:  # damaged: imported from its source, and kept anew
            del self.places[fullname]
            return None
        self.served[fullname] = (*place, code)
        return _spec(fullname, place[0], _KeptLoader(fullname, place[0], code))

    def _unchanged(self, place: tuple, path) -> bool:
        """Whether the import system would load the kept module's source as it was kept: the same
        parent's path and finders, the source of the same size and modification time."""
        origin, parent_path, stamp = place
        if tuple(path) != parent_path or tuple(sys.meta_path) != self.meta_path:
            return False
        try:
            stat = os.stat(origin)
        except (OSError, TypeError, ValueError):
            return False
        return (stat.st_mtime_ns, stat.st_size) == stamp


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
def kept_modules(command: str | None = None):
    """Within: the kept modules are imported from `command`'s blob (kept_bundle.py; no blob for
    None) and the file; after: sys.meta_path is as it was, the file is rewritten if this run imported
    a submodule it did not keep (or kept one whose source changed), and the blob if the modules
    this run and the run before both imported changed."""
    if any(isinstance(f, _Finder) for f in sys.meta_path):  # a command run by a command
        yield
        return
    finders = _finders()
    finder = _Finder(Bundle.of_command(FILE, command, (KEY, finders)), finders)
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
            _save(finder, (set(sys.modules) - before) | finder.served.keys())
        if finder.kept is not None:
            finder.kept.close()


def _save(finder: _Finder, imported: set) -> None:
    """Rewrite the file if a module imported from its source could have been kept; the blob with
    what this run imported (kept_bundle.Bundle.save)."""
    fresh, used = {}, {}
    for name in imported:
        if "." not in name or name not in sys.modules:  # (a top-level module is never served)
            continue
        value = finder.served.get(name)
        if value is None:
            entry = _entry(sys.modules[name])
            if entry is not None:
                fresh[name] = entry
            value = _blob_value(entry) if finder.bundle.path is not None else None
        if value is not None:
            used[name] = value
    if fresh:
        _save_single(finder, fresh)
    finder.bundle.save(used)


def _blob_value(entry: tuple | None) -> tuple | None:
    """A module's value in the blob: (origin, parent's path, stamp, code), () for a submodule the
    import system loads some other way (an extension, a module without its `.pyc`)."""
    if entry is None:
        return ()
    try:
        code = marshal.loads(entry[1])
    except Exception:  # noqa: BLE001 - bytes marshal cannot read: left out of the blob
        return None
    return (*entry[0], code) if type(code) is CodeType else None


def _save_single(finder: _Finder, fresh: dict) -> None:
    """Rewrite the file of single modules with the modules imported from their source."""
    kept = finder.open()
    fresh = {name: entry for name, entry in fresh.items() if finder.places.get(name) != entry[0]}
    if not fresh:
        return
    values = kept.carried(finder.places, fresh) if len(finder.places) + len(fresh) <= MAX_MODULES else {}
    places = {name: finder.places[name] for name in values}
    for name, (place, data) in fresh.items():
        places[name], values[name] = place, data
    kept_file.write(FILE, KEY, (finder.finders, places), values)
