"""Import python-liquid without the parts a build never runs, which cost half of Liquid's
start-up: its extra tags and filters (babel's locale data), asyncio (async template loading
only), babel's message catalogues (translation extraction only) and dateutil (its `date`
filter, which Jekyll's replaces). Import Pygments without
importlib.metadata, which only its look-up of plugin lexers and styles (entry points) uses."""
from __future__ import annotations

import importlib
import sys
import types


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
    _import_with("liquid", (("liquid.extra", {"add_tags_and_filters": _later("liquid.extra", "add_tags_and_filters")}),
                            ("asyncio", {}),
                            ("babel.messages", {"Catalog": _later("babel.messages", "Catalog")}),
                            # python-liquid's own `date` filter parses with dateutil (4 ms to import);
                            # `from dateutil import parser` gets a stand-in for the parser module
                            ("dateutil", {"parser": _StandIn("dateutil.parser")})))
