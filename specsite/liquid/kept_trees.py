"""Liquid templates parsed once and kept beside specsite's bytecode, as the theme's Jinja templates
are (theme.py): the plugins' own (feed.xml, sitemap.xml, robots.txt, redirect.html, and seo.html
in a site's environment) and a site's layouts and includes. Parsing costs ~4K instructions a
character, most of it lexing: feed.xml 16M, sitemap.xml 5M, seo.html ~11M, hakaspecs' eight
layouts and includes 20M, in every build; unpickling feed.xml's nodes costs 4.2M.

A kept tree is read only for the same template text, python-liquid version, interpreter, and
sources of the modules that parse it (their size and mtime, as a `.pyc` is checked): for the
plugins' own environment (common.environment, whose fast tags build python-liquid's own nodes:
tests/test_plugins.py) its four modules; for a site's environment the names and classes of its
tags, the sources of their modules and of specsite/liquid/. Nodes that refer to anything but
Liquid's nodes and values (a tag, the environment) do not pickle: that template is parsed each
time, as before; so is a site's template whose parse noted a warning (lax Liquid: the warning
comes with each parse). One file a template's name, text and tag set, `__pycache__/liquid-trees/
<crc32 of name and text>.<crc32 of the tags>.<tag>.marshal`: the marshalled (key, pickle of the
nodes, or None: not keepable); past MAX_FILES the folder is emptied. A file of another key,
damaged or unreadable, is no file; one is written only when a build parsed the template (never
with PYTHONDONTWRITEBYTECODE), and a failure to write it leaves the build as it was."""
from __future__ import annotations

import marshal
import os
import sys
from binascii import crc32
from importlib.util import cache_from_source
from types import BuiltinFunctionType, FunctionType

import liquid
from liquid import BoundTemplate, Environment, Tag
from liquid.builtin.expressions.primitive import Identifier
from liquid.token import Token

from .. import kept_file

_HERE = os.path.dirname(os.path.abspath(__file__))
_FOLDER = os.path.join(os.path.dirname(cache_from_source(os.path.abspath(__file__))), "liquid-trees")
MAX_FILES = 2000  # past this (the templates of many sites, or of many edits), start afresh
# the sources of what builds the nodes: the environment (common.py) and the fast tags
_PARSERS = tuple(os.path.join(_HERE, "..", *name.split("/")) for name in (
    "plugins/common.py", "liquid/fast_tags.py", "liquid/fast_parse.py", "liquid/soft_keywords.py"))
_LIQUID = os.path.join(_HERE, "..", "liquid")  # (a site's environment: its lexer, tags and lax parsing)


def _identifier(text: str, token) -> Identifier:
    """An Identifier unpickled (its `__new__` wants the token as a keyword, which pickle cannot give)."""
    return Identifier(text, token=token)


def _tags(env) -> tuple:
    """A site environment's tags: (name, class) each, and their modules' sources."""
    tags, sources = [], set()
    for tag_name, tag in env.tags.items():
        kind = type(tag)
        tags.append((tag_name, f"{kind.__module__}.{kind.__qualname__}"))
        sources.add(getattr(sys.modules.get(kind.__module__), "__file__", None) or "")
    env_module = getattr(sys.modules.get(type(env).__module__), "__file__", None) or ""
    with os.scandir(_LIQUID) as entries:
        sources.update(entry.path for entry in entries if entry.name.endswith(".py"))
    return (f"{type(env).__module__}.{type(env).__qualname__}", *sorted(tags)), sorted(sources | {env_module})


def _key(source: str, env=None) -> tuple | None:
    """What a kept tree of `source` is read for (None: a parser's source is missing, keep none)."""
    parsers = _parsers(env)
    return None if parsers is None else (*parsers, source)  # (its [4]: a crc32 of the tags, for the file's name)


_PLUGINS_KEY: list = []  # the plugins' environment's (version, tags, stamps), once a process


def _parsers(env) -> tuple | None:
    """(interpreter, python-liquid, tags, sources' stamps) of `env`'s parse (None: the plugins'),
    made once for an environment: the loaded code does not change (~0.8M instructions a time)."""
    known = _PLUGINS_KEY[0] if env is None and _PLUGINS_KEY else getattr(env, "specsite_kept_parsers", False)
    if known is not False:
        return known
    tags, parsers = ((), _PARSERS) if env is None else _tags(env)
    stamps = []
    for path in parsers:
        try:
            stat = os.stat(path)
        except OSError:
            stamps = None
            break
        stamps.append((stat.st_mtime_ns, stat.st_size))
    found = None if stamps is None else (sys.version, liquid.__version__, tags, tuple(stamps), crc32(repr(tags).encode()))
    if env is None:
        _PLUGINS_KEY.append(found)
    else:
        env.specsite_kept_parsers = found
    return found


def _path(name: str, key: tuple) -> str:
    """The file of template `name` with `key`'s text and tags: one a text, so that sites built in
    turn (a corpus, each with its `_layouts/default.html`) do not write each other's over (a
    rewrite pickles the nodes: ~1.5 times the parse)."""
    # (binascii's crc32: loaded already; hashlib is ~2M instructions)
    text = crc32(key[-1].encode("utf-8", "surrogatepass"), crc32(name.encode("utf-8", "surrogatepass")))
    return os.path.join(_FOLDER, f"{text:08x}.{key[4]:08x}.{sys.implementation.cache_tag}.marshal")


def nodes(name: str, source: str, parse, env=None, keep=lambda: True) -> list:
    """The nodes of template `name` (its text `source`): the kept ones, or `parse(source)`'s, then
    kept if `keep()` says so after the parse. `env`: the site's environment that parses it; None:
    the plugins' own."""
    if "{{" not in source and "{%" not in source:  # (text alone: its parse is cheaper than a read)
        return parse(source)
    key = _key(source, env)
    if key is None:
        return parse(source)
    path = _path(name, key)
    try:
        with open(path, "rb") as f:
            found, data = marshal.loads(f.read())
        if found == key:
            if data is None:  # (nodes that do not pickle)
                return parse(source)
            return _load(data, env)
    except Exception:  # noqa: BLE001 - no file, an old format, damaged bytes, a class since renamed
        pass
    parsed = parse(source)
    if not sys.dont_write_bytecode and keep():
        _keep(path, key, parsed, env)
    return parsed


def _load(data: bytes, env) -> list:
    """Nodes unpickled; a template inside them (an include's name with `{{ }}`) bound to `env`."""
    from ..shares import pickler
    if b"specsite-template" not in data:  # (no template inside: the plain loads, no Unpickler made)
        return pickler().loads(data)
    from io import BytesIO

    class _Unpickler(pickler().Unpickler):
        def persistent_load(self, pid):
            _, name, nodes_ = pid
            return env.template_class(env=env, nodes=nodes_, name=name, globals=env.make_globals(None))

    return _Unpickler(BytesIO(data)).load()


def template(renderer, source: str, name: str, globals_: dict | None = None):
    """`renderer.parse(source, name, globals_)` for a site's layout or include (a LiquidRenderer),
    its nodes kept when its strict parse noted nothing."""
    env, notes, made = renderer.env, len(renderer.notes_so_far()), []

    def parse(text: str) -> list:
        made.append(renderer.parse(text, name, globals_))
        return made[0].nodes

    found = nodes(name, source, parse, env,
                  keep=lambda: len(renderer.notes_so_far()) == notes and not getattr(made[0], "specsite_lax", False))
    if made:
        return made[0]
    return env.template_class(env=env, nodes=found, name=name, globals=env.make_globals(globals_))


_KEEPABLE = ("liquid.", "specsite.liquid.", "builtins", "decimal")  # the modules a kept node's parts come from
_TEMPLATE_FIELDS = {"env", "nodes", "globals", "matter", "name", "path", "uptodate"}  # (BoundTemplate.__init__'s)


def _keep(path: str, key: tuple, parsed: list, env) -> None:
    """Write `parsed` as the nodes of `key`, or that they do not pickle: a part of them that is
    not Liquid's nodes and values (a tag, an environment, a site's value) would be read back as a
    copy of what it was at this build. A template of `env` as `env.from_string` made it (an
    include's `{{ name }}`) is kept as its name and nodes, and bound to the build's `env` again."""
    import copyreg
    import io
    import pickle

    class _Pickler(pickle.Pickler):
        # (a Token as the tuple it is: its NamedTuple's `__new__` is Python, 359 calls in feed.xml)
        dispatch_table = {**copyreg.dispatch_table, Identifier: lambda i: (_identifier, (str(i), i.token)),
                          Token: lambda t: (tuple.__new__, (Token, tuple(t)))}

        def reducer_override(self, obj):
            # (a class or a module's function is pickled as its name: read back as it is then)
            if isinstance(obj, (Environment, Tag, BoundTemplate)) or not isinstance(
                    obj, (type, FunctionType, BuiltinFunctionType)) and not type(obj).__module__.startswith(_KEEPABLE):
                raise pickle.PicklingError(f"not a node's: {type(obj).__qualname__}")
            return NotImplemented

        def persistent_id(self, obj):
            if type(obj) is not BoundTemplate:
                return None
            if obj.env is not env or env is None or obj.path is not None or obj.matter or obj.uptodate is not None or \
                    obj.globals != env.make_globals(None) or vars(obj).keys() != _TEMPLATE_FIELDS:
                raise pickle.PicklingError("a template of another environment, or with more")
            return "specsite-template", obj.name, obj.nodes

    buffer = io.BytesIO()
    try:
        _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(parsed)
        data = buffer.getvalue()
    except Exception:  # noqa: BLE001 - a part that does not pickle, or not a node's: parsed each time
        data = None
    try:
        written = marshal.dumps((key, data))
    except ValueError:  # (a key marshal cannot write)
        return
    _make_room()
    kept_file.replace(path, (written,))


def _make_room() -> None:
    """Empty the folder of kept trees when it holds MAX_FILES."""
    try:
        names = os.listdir(_FOLDER)
    except OSError:
        return
    if len(names) >= MAX_FILES:
        for name in names:
            try:
                os.unlink(os.path.join(_FOLDER, name))
            except OSError:
                pass
