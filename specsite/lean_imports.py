"""Import python-liquid without the parts a build never runs, which cost half of Liquid's
start-up: its extra tags and filters (babel's locale data), asyncio (async template loading
only), babel's message catalogues (translation extraction only), importlib_resources (the
package loader) and dateutil's parser (dates as free text); and without compiling its
property-name regex the slow way."""
from __future__ import annotations

import importlib
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


def liquid() -> None:
    """Import `liquid` with stand-ins for `liquid.extra`, `asyncio`, `babel.messages`,
    `importlib_resources` and `dateutil.parser`.

    Each stand-in is removed from sys.modules afterwards, so any later `import asyncio` (or of
    the others) gets the real module; only python-liquid keeps a reference to the stand-in, which
    imports the real module the first time python-liquid uses it."""
    if "liquid" in sys.modules:
        return
    stand_ins = {}
    for name, attrs in (("liquid.extra", {"add_tags_and_filters": _later("liquid.extra", "add_tags_and_filters")}),
                        ("asyncio", {}),
                        ("babel.messages", {"Catalog": _later("babel.messages", "Catalog")}),
                        ("importlib_resources", {}),  # the package loader's only (5 ms)
                        ("dateutil.parser", {})):  # the date filter's, for a date string it cannot read (4 ms)
        if name not in sys.modules:
            stand_in = _StandIn(name)
            stand_in.__dict__.update(attrs)
            stand_ins[name] = sys.modules[name] = stand_in
    compile_ = re.compile

    def compile_fast(pattern, flags=0):
        return compile_(_PROPERTY_FAST if pattern == _PROPERTY and not flags else pattern, flags)
    re.compile = compile_fast
    try:
        import liquid  # noqa: F401
    finally:
        re.compile = compile_
        for name, stand_in in stand_ins.items():
            if sys.modules.get(name) is stand_in:
                del sys.modules[name]
            parent, _, child = name.rpartition(".")
            # the module's own namespace: getattr would run dateutil's __getattr__, which imports
            if parent and parent in sys.modules and vars(sys.modules[parent]).get(child) is stand_in:
                delattr(sys.modules[parent], child)
