"""Import python-liquid without the parts a build never runs, which cost half of Liquid's
start-up: its extra tags and filters (babel's locale data), its message extraction for
translators (and babel's catalogues it uses), asyncio (async template loading only),
importlib_resources (the package loader) and dateutil (its `date` filter's free-text dates,
which Jekyll's filter replaces); and without compiling its property-name regex the slow way.
Import Pygments without importlib.metadata, which only its look-up of plugin lexers and styles
(entry points) uses. Import PyYAML without compiling its non-printable class the slow way.
Import dataclasses without `inspect` (and the ast, dis and tokenize it loads: 5 ms), which it
only calls for a class without a docstring (tests/test_imports.py: specsite has none). Import
`datetime` as the C module its Python source ends by importing everything from."""
from __future__ import annotations

import _thread
import importlib
import importlib.util
import os
import re
import sys
import types

# python-liquid's RE_PROPERTY (context.py, path.py, static_analysis.py): its two classes hold
# the range \u0080-\uFFFF, which sre's charset optimiser takes 7 ms to compile at every start.
# The same classes written as the complement of the rest of Unicode compile in 0.6 ms and match
# exactly the same strings (checked for every code point, alone and after a first letter).
_PROPERTY = r"[\u0080-\uFFFFa-zA-Z_][\u0080-\uFFFFa-zA-Z0-9_-]*"
_PROPERTY_FAST = ("[^\\x00-\\x40\\x5b-\\x5e\\x60\\x7b-\\x7f\\U00010000-\\U0010ffff]"
                  "[^\\x00-\\x2c\\x2e\\x2f\\x3a-\\x40\\x5b-\\x5e\\x60\\x7b-\\x7f\\U00010000-\\U0010ffff]*")
# PyYAML's Reader.NON_PRINTABLE: a negated class whose BMP ranges take 4.6 ms to compile; the
# positive class of the code points it matches (the rest of the BMP's controls and surrogates)
# compiles in 0.3 ms and matches the same strings (tests/test_imports.py, every code point).
_NON_PRINTABLE = "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]"
_NON_PRINTABLE_FAST = "[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]"
FAST_PATTERNS = {_PROPERTY: _PROPERTY_FAST, _NON_PRINTABLE: _NON_PRINTABLE_FAST}  # pattern -> spelling


class _StandIn(types.ModuleType):
    """Takes a module's place while python-liquid imports; a name read from it later (the async
    loaders call asyncio.get_running_loop()) is read from the real module, imported then."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(importlib.import_module(self.__name__), name)


def _later(module: str, name: str, fast_property: bool = False):
    """A callable standing for `module.name` until it is first called (`fast_property`: the
    module imported as `liquid()` imports python-liquid, its property regex compiled the fast way)."""
    def call(*args, **kwargs):
        if fast_property and module not in sys.modules:
            _import_with(module, (), fast_property=True)
        return getattr(importlib.import_module(module), name)(*args, **kwargs)
    call.__name__ = name
    return call


class _Distances(_StandIn):
    """rapidfuzz.distance while rapidfuzz imports: its submodules import as usual, its __init__
    (every metric: Levenshtein, Jaro, OSA, ... in C++ and Python, 2.5 ms) does not run; the
    names read from it (fuzz_py's ScoreAlignment) are _initialize's."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(importlib.import_module(self.__name__ + "._initialize"), name)


class _Entities(dict):
    """`html5` of html.entities as `html` imports it (its `unescape` looks names up in it): empty
    until the first look-up, which fills it from the real table. A build whose texts hold no
    entity never reads the table: its 2,231 names and the module's three other tables (3 ms) are
    not built. `html.entities` imported later is the real module."""

    def _table(self) -> dict:
        if not dict.__len__(self):
            self.update(importlib.import_module("html.entities").html5)
        return self

    def __contains__(self, key):
        return dict.__contains__(self._table(), key)

    def __getitem__(self, key):
        return dict.__getitem__(self._table(), key)

    def get(self, key, default=None):
        return dict.get(self._table(), key, default)

    def __len__(self):
        return dict.__len__(self._table())

    def __iter__(self):
        return dict.__iter__(self._table())


def _import_with(module: str, stand_ins: tuple, fast_property: bool = False) -> None:
    """Import `module` while each (name, attributes) of `stand_ins` that is not imported yet is
    a _StandIn in sys.modules (or the module given instead of attributes). Each stand-in is removed from sys.modules afterwards, so any later
    import of it gets the real module; only the modules imported here keep a reference to the
    stand-in, which imports the real module the first time they use it."""
    placed = {}
    for name, attrs in stand_ins:
        if name not in sys.modules:
            stand_in = attrs if isinstance(attrs, types.ModuleType) else _StandIn(name)
            if stand_in is not attrs:
                stand_in.__dict__.update(attrs)
            placed[name] = sys.modules[name] = stand_in
    compile_ = re.compile
    if fast_property:
        def compile_fast(pattern, flags=0):
            return compile_(FAST_PATTERNS.get(pattern, pattern) if not flags and isinstance(pattern, str)
                            else pattern, flags)
        re.compile = compile_fast
    try:
        importlib.import_module(module)
    finally:
        re.compile = compile_
        for name, stand_in in placed.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
            parent, _, child = name.rpartition(".")
            # the module's own namespace: getattr would run a stand-in's __getattr__, which imports
            if parent and parent in sys.modules and vars(sys.modules[parent]).get(child) is stand_in:
                delattr(sys.modules[parent], child)


def pygments() -> None:
    """Import Pygments' lexers, formatters, styles and filters with a stand-in for `pygments.plugin`:
    its functions (entry-point scans, run only for a name Pygments itself does not know) import
    importlib.metadata when first called. The built-in lexers and styles are the same as before."""
    if "pygments.formatters" in sys.modules and "pygments.lexers" in sys.modules:
        return
    plugin = (("pygments.plugin", {name: _later("pygments.plugin", name) for name in (
        "find_plugin_lexers", "find_plugin_formatters", "find_plugin_styles", "find_plugin_filters")}),)
    for module in ("pygments.lexers", "pygments.formatters", "pygments.styles", "pygments.filters"):
        _import_with(module, plugin)


_LOADERS = "liquid.builtin.loaders."


def liquid() -> None:
    """Import `liquid` with stand-ins for `liquid.extra`, `liquid.messages`, `asyncio`, `babel.messages`,
    `importlib_resources`, `dateutil`, `base64` and `threading`, and its property regex compiled the fast way; and for
    the modules of what a build never runs (1.5 ms): its template loaders but the dict loader
    (the environment's default; specsite finds includes itself), static analysis (only
    `template.analyze()`, for a template whose filters a build cannot tell otherwise), the HTML
    parser of its `strip_html` filter, and `liquid.future` (Shopify/Liquid's newer behaviour);
    and `html` (its string filters' escape) with html.entities' table read at its first look-up
    (_Entities). The loaders' names (`liquid.FileSystemLoader`, ...) construct the real ones when called."""
    if "liquid" in sys.modules:
        return
    _import_with("liquid", (("liquid.extra", {"add_tags_and_filters": _later("liquid.extra", "add_tags_and_filters")}),
                            (_LOADERS + "caching_file_system_loader", {"CachingFileSystemLoader": _later(
                                _LOADERS + "caching_file_system_loader", "CachingFileSystemLoader")}),
                            (_LOADERS + "choice_loader", {name: _later(_LOADERS + "choice_loader", name)
                                                          for name in ("ChoiceLoader", "CachingChoiceLoader")}),
                            (_LOADERS + "file_system_loader", {"FileSystemLoader": _later(
                                _LOADERS + "file_system_loader", "FileSystemLoader")}),
                            (_LOADERS + "package_loader", {"PackageLoader": _later(_LOADERS + "package_loader",
                                                                                   "PackageLoader")}),
                            ("liquid.static_analysis", {name: _later("liquid.static_analysis", name, True)
                                                        for name in ("analyze", "analyze_async")}),
                            ("liquid.utils.html", {"strip_tags": _later("liquid.utils.html", "strip_tags")}),
                            ("liquid.future", {}),
                            # message extraction for translators (1 ms: Protocol and NamedTuple
                            # classes); liquid's __init__ only re-exports these three names
                            ("liquid.messages", {name: _later("liquid.messages", name) for name in (
                                "MessageTuple", "Translations", "extract_from_template")}),
                            ("asyncio", {}),
                            ("babel.messages", {"Catalog": _later("babel.messages", "Catalog")}),
                            ("importlib_resources", {}),  # the package loader's only (5 ms)
                            # python-liquid's own `date` filter parses with dateutil (4 ms to import);
                            # `from dateutil import parser` gets a stand-in for the parser module
                            ("dateutil", {"parser": _StandIn("dateutil.parser")}),
                            # `html` (its string filters' escape) reads html.entities' table lazily
                            ("html.entities", {"html5": _Entities()}),
                            ("base64", {}),  # (its base64_encode/decode filters' only)
                            # its LRU caches' `from threading import Lock`: threading's Lock is
                            # _thread's allocate_lock itself (threading's own import, 0.8 ms, not run)
                            ("threading", {"Lock": _thread.allocate_lock})),
                 fast_property=True)


def lxml() -> None:
    """Import `lxml.html` (and lxml.etree) with stand-ins for `inspect` and `gzip`: etree takes
    inspect's getfullargspec (a parser target's start method, never ours) and gzip's GzipFile
    (compressed output) when it loads, and calls them only for those; inspect brings ast, dis,
    tokenize and linecache with it (together 36M instructions, 6 ms, of the 57M that a page
    with an @mention paid for lxml: jekyll-mentions' re-serialisation). Each is the real
    function once called; `inspect` and `gzip` imported later are the real modules."""
    if "lxml.html" in sys.modules:
        return
    _import_with("lxml.html", (("inspect", {"getfullargspec": _later("inspect", "getfullargspec")}),
                               ("gzip", {"GzipFile": _later("gzip", "GzipFile")})))


def libsass() -> None:
    """Import libsass' `sass` with a stand-in for `inspect`, which it reads only when a Sass
    function is made from a Python lambda (SassFunction.from_lambda: never here): inspect's
    ast, dis and tokenize stay unloaded (24M instructions). `inspect` imported later is the real one."""
    if "sass" not in sys.modules:
        _import_with("sass", (("inspect", {}),))


def rapidfuzz() -> None:
    """Import rapidfuzz's `fuzz` and `process` without its `distance` package's __init__ (a third
    of its import): a stand-in holds the package's place (its folder, for the submodules they
    import) while they import. `rapidfuzz.distance` imported later is the real one."""
    if "rapidfuzz" in sys.modules:
        return
    spec = importlib.util.find_spec("rapidfuzz")
    if spec is None or not spec.submodule_search_locations:
        return
    distance = _Distances("rapidfuzz.distance")
    distance.__path__ = [os.path.join(folder, "distance") for folder in spec.submodule_search_locations]
    _import_with("rapidfuzz", (("rapidfuzz.distance", distance),))


def yaml() -> None:
    """Import PyYAML with its non-printable class compiled the fast way (FAST_PATTERNS)."""
    if "yaml" not in sys.modules:
        _import_with("yaml", (), fast_property=True)


def dataclasses() -> None:
    """Import `dataclasses` with stand-ins for `inspect` and `copy`: the real one is imported the
    first time dataclasses reads it (inspect.signature makes the docstring of a class without
    one; copy.deepcopy copies values in asdict and astuple)."""
    if "dataclasses" not in sys.modules:
        _import_with("dataclasses", (("inspect", {}), ("copy", {})))


def urllib_parse() -> None:
    """Import `urllib.parse` with a stand-in for `ipaddress`, which it calls only for a URL whose
    host is in brackets (`_check_bracketed_host`: an IPv6 literal): 6M instructions (1.3 ms) at
    each start that nothing else made import it (a plain venv's; this machine's site hooks
    import both). `ipaddress` imported later is the real module."""
    if "urllib.parse" not in sys.modules:
        _import_with("urllib.parse", (("ipaddress", {}),))


def pathlib() -> None:
    """Import `pathlib` with a stand-in for `ntpath`, which it only stores as the Windows flavour's
    `pathmod` (3.11's pathlib never reads it; PureWindowsPath has its own parsing): ntpath's import
    tries `_winapi` and five names of `nt`, each a failed search of every folder on sys.path (2M
    instructions, 0.6 ms, at each start that nothing else made import it: a plain venv's; this
    machine's site hooks import both). A name read from the stand-in imports the real ntpath; a
    later `import ntpath` is the real module."""
    if "pathlib" not in sys.modules:
        _import_with("pathlib", (("ntpath", {}),))


def shutil() -> None:
    """Import `shutil` with stand-ins for `zlib`, `bz2` and `lzma`, which it imports only to tell
    which archive formats make_archive and unpack_archive offer (`import bz2; del bz2`): 4M
    instructions (1 ms) and zlib's shared library a build never uses. A stand-in is placed only
    where the module's C part is found, so the formats shutil offers are the same; `zlib`, `bz2`
    and `lzma` imported later (tarfile, zipfile, gzip) are the real modules."""
    if "shutil" not in sys.modules:
        _import_with("shutil", tuple((name, {}) for name, part in (("zlib", "zlib"), ("bz2", "_bz2"), ("lzma", "_lzma"))
                                     if importlib.util.find_spec(part) is not None))


def datetime() -> None:
    """`datetime` as its C module, `_datetime`: datetime.py defines every class in Python and then
    replaces them all with `from _datetime import *`, which holds each public name it has (6 M
    instructions, about 1 ms, at every start). Where `_datetime` is missing, datetime.py it is."""
    if "datetime" not in sys.modules:
        try:
            import _datetime
        except ImportError:
            return
        sys.modules["datetime"] = _datetime
