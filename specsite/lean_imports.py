"""Import python-liquid without its optional extras, which a build never uses but which cost a
third of Liquid's start-up (babel's locale data, the extra tags and filters)."""
from __future__ import annotations

import sys
import types


def liquid() -> None:
    """Import `liquid` with `liquid.extra` stood in for while its environment module loads.

    `Environment(extra=True)` is the only user of the extras; the stand-in imports the real
    module then. The stand-in is removed afterwards, so `import liquid.extra` still works."""
    if "liquid" in sys.modules or "liquid.extra" in sys.modules:
        return
    stub = types.ModuleType("liquid.extra")

    def add_tags_and_filters(env):
        sys.modules.pop("liquid.extra", None) if sys.modules.get("liquid.extra") is stub else None
        from liquid.extra import add_tags_and_filters as real
        real(env)
    stub.add_tags_and_filters = add_tags_and_filters
    sys.modules["liquid.extra"] = stub
    try:
        import liquid  # noqa: F401
    finally:
        if sys.modules.get("liquid.extra") is stub:
            del sys.modules["liquid.extra"]
