"""Import python-liquid without the parts a build never runs, which cost half of Liquid's
start-up: its extra tags and filters (babel's locale data), asyncio (async template loading
only), babel's message catalogues (translation extraction only) and dateutil (which its `date`
filter uses to parse a string, imported then). Import Pygments without importlib.metadata, which only its
look-up of plugin lexers and styles (entry points) uses. And compile the two character classes
PyYAML and python-liquid compile at import from spellings that take 0.3 ms instead of 5-7 ms."""
from __future__ import annotations

import importlib
import re
import sys
import types

# (pattern, flags) a third-party module compiles at import -> a spelling that matches exactly the
# same strings (tests/test_imports.py compares them on every code point). A class of BMP ranges
# only (\u0080-\uFFFF) makes the regex compiler mark each of its code points in a Python loop;
# the same class written as a negation that lists a non-BMP range is compiled without that map.
EQUIVALENT_PATTERNS = {
    # yaml.reader.Reader.NON_PRINTABLE
    ("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]", 0):
        "[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]",
    # liquid.context.RE_PROPERTY
    (r"[\u0080-\uFFFFa-zA-Z_][\u0080-\uFFFFa-zA-Z0-9_-]*", 0):
        r"[^\x00-\x40\x5b-\x5e\x60\x7b-\x7f\U00010000-\U0010ffff]"
        r"[^\x00-\x2c\x2e\x2f\x3a-\x40\x5b-\x5e\x60\x7b-\x7f\U00010000-\U0010ffff]*",
}


def fast_patterns() -> None:
    """Put each EQUIVALENT_PATTERNS spelling in re's cache under the pattern it stands for, so
    that the module's own re.compile(pattern) returns it. Call before importing yaml or liquid;
    without the cache (another Python), the modules compile their own, as before."""
    cache = getattr(re, "_cache", None)
    if not isinstance(cache, dict) or ("yaml" in sys.modules and "liquid" in sys.modules):
        return
    for (pattern, flags), spelling in EQUIVALENT_PATTERNS.items():
        key = (str, pattern, flags)
        if key not in cache:
            cache[key] = re.compile(spelling, flags)


class _StandIn(types.ModuleType):
    """Takes a module's place while python-liquid imports; a name read from it later (the async
    loaders call asyncio.get_running_loop()) is read from the real module, imported then."""

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(importlib.import_module(self.__name__), name)


def _later(module: str, name: str):
    """A callable standing for `module.name` until it is first called."""
    def call(*args, **kwargs):
        return getattr(importlib.import_module(module), name)(*args, **kwargs)
    call.__name__ = name
    return call


def _import_with(module: str, stand_ins: tuple) -> None:
    """Import `module` while each (name, attributes) of `stand_ins` that is not imported yet is
    a _StandIn in sys.modules. Each stand-in is removed from sys.modules afterwards, so any later
    import of it gets the real module; only the modules imported here keep a reference to the
    stand-in, which imports the real module the first time they use it."""
    placed = {}
    for name, attrs in stand_ins:
        if name not in sys.modules:
            stand_in = _StandIn(name)
            stand_in.__dict__.update(attrs)
            placed[name] = sys.modules[name] = stand_in
    try:
        importlib.import_module(module)
    finally:
        for name, stand_in in placed.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
            parent, _, child = name.rpartition(".")
            if parent and getattr(sys.modules.get(parent), child, None) is stand_in:
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


def liquid() -> None:
    """Import `liquid` with stand-ins for `liquid.extra`, `asyncio`, `babel.messages` and `dateutil`."""
    if "liquid" in sys.modules:
        return
    fast_patterns()
    _import_with("liquid", (("liquid.extra", {"add_tags_and_filters": _later("liquid.extra", "add_tags_and_filters")}),
                            ("asyncio", {}),
                            ("babel.messages", {"Catalog": _later("babel.messages", "Catalog")}),
                            # the `date` filter parses a string with dateutil (4 ms to import):
                            # `from dateutil import parser` gets a stand-in for the parser module
                            ("dateutil", {"parser": _StandIn("dateutil.parser")})))
