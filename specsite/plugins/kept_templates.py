"""The plugins' own Liquid templates (feed.xml, sitemap.xml, robots.txt, redirect.html) parsed
once and kept beside specsite's bytecode, as the theme's Jinja templates are (theme.py): parsing
feed.xml cost 16M instructions (~4K a character, most of it lexing) and sitemap.xml 5M in every
build of a site with jekyll-feed and jekyll-sitemap; unpickling feed.xml's nodes costs 4.2M.

The nodes are python-liquid's own (tests/test_plugins.py: the fast tags build the very nodes its
default environment does), so a kept tree is read only for the same template text, python-liquid
version, interpreter, and sources of the modules that parse it (their size and mtime, as a `.pyc`
is checked). One file a template, `__pycache__/<name>.<tag>.marshal`: the marshalled (key, pickle
of the nodes). A file of another key, damaged or unreadable, is no file; one is written only when
a build parsed the template (never with PYTHONDONTWRITEBYTECODE), and a failure to write it leaves
the build as it was."""
from __future__ import annotations

import marshal
import os
import sys
from importlib.util import cache_from_source

import liquid
from liquid.builtin.expressions.primitive import Identifier
from liquid.token import Token

from .. import kept_file

_HERE = os.path.dirname(os.path.abspath(__file__))
_FOLDER = os.path.dirname(cache_from_source(os.path.join(_HERE, "common.py")))
# the sources of what builds the nodes: the environment (common.py) and the fast tags
_PARSERS = tuple(os.path.join(_HERE, "..", *name.split("/")) for name in (
    "plugins/common.py", "liquid/fast_tags.py", "liquid/fast_parse.py", "liquid/soft_keywords.py"))


def _identifier(text: str, token) -> Identifier:
    """An Identifier unpickled (its `__new__` wants the token as a keyword, which pickle cannot give)."""
    return Identifier(text, token=token)


def _key(source: str) -> tuple | None:
    """What a kept tree of `source` is read for (None: a parser's source is missing, keep none)."""
    stamps = []
    for path in _PARSERS:
        try:
            stat = os.stat(path)
        except OSError:
            return None
        stamps.append((stat.st_mtime_ns, stat.st_size))
    return (sys.version, liquid.__version__, tuple(stamps), source)


def _path(name: str) -> str:
    return os.path.join(_FOLDER, f"{name}.{sys.implementation.cache_tag}.marshal")


def nodes(name: str, source: str, parse) -> list:
    """The nodes of plugin template `name` (its text `source`): the kept ones, or `parse(source)`'s,
    then kept."""
    key = _key(source)
    if key is None:
        return parse(source)
    try:
        with open(_path(name), "rb") as f:
            found, data = marshal.loads(f.read())
        if found == key:
            from ..shares import pickler
            return pickler().loads(data)
    except Exception:  # noqa: BLE001 - no file, an old format, damaged bytes, a class since renamed
        pass
    parsed = parse(source)
    if not sys.dont_write_bytecode:
        _keep(name, key, parsed)
    return parsed


def _keep(name: str, key: tuple, parsed: list) -> None:
    import copyreg
    import io
    import pickle

    class _Pickler(pickle.Pickler):
        # (a Token as the tuple it is: its NamedTuple's `__new__` is Python, 359 calls in feed.xml)
        dispatch_table = {**copyreg.dispatch_table, Identifier: lambda i: (_identifier, (str(i), i.token)),
                          Token: lambda t: (tuple.__new__, (Token, tuple(t)))}

    buffer = io.BytesIO()
    try:
        _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(parsed)
        data = marshal.dumps((key, buffer.getvalue()))
    except Exception:  # noqa: BLE001 - a node that does not pickle: parsed again next time
        return
    kept_file.replace(_path(name), (data,))
