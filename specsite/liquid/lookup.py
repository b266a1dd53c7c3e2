"""A Liquid path of plain str/int segments (`page.url`, `item.folders[0]`) looked up the way
python-liquid's RenderContext.get looks it up, without its frames: straight through the scope's
dicts and chains of dicts, python-liquid's own get for anything else (an undefined name, a special
key like `size`, a non-plain value). Used by the compiled templates (compiler.py) and the memo's
keys (memo.py)."""
from __future__ import annotations

from liquid.context import BuiltIn, _segments_str
from liquid.undefined import Undefined
from liquid.utils.chain_map import ReadOnlyChainMap

_SPECIAL = frozenset(("size", "first", "last"))  # keys python-liquid's get_item treats specially
_MISS = object()
_ELSEWHERE = object()  # a mapping whose look-up raised something else than KeyError
_DICT_GET = dict.get
_BUILT_IN = frozenset(("now", "today"))  # the names python-liquid's BuiltIn mapping has (it raises KeyError for others)


def compiled_path(expression, truth: bool = False):
    """RenderContext.get for a path of plain str/int segments; python-liquid's get (an
    undefined, a special key, a miss) whenever the direct lookup does not apply. `truth`: the
    value is only tested, so a miss is None rather than the environment's Undefined when that
    is python-liquid's own (false, as None is: `{% if item.external_url %}` on every item)."""
    segments = expression.path
    if not all(s.__class__ in (str, int) for s in segments) or segments[0].__class__ is not str:
        return expression.evaluate
    root, rest, token = segments[0], tuple(segments[1:]), expression.token
    keys = list(segments)
    hints = tuple(f"{_segments_str(keys[:index + 2])} is undefined" for index in range(len(rest)))
    for segment in rest:
        if segment.__class__ is str and segment in _SPECIAL:
            return lambda context: context.get(keys, token=token)

    def undefined(context, hint: str):
        if truth and context.env.undefined is Undefined:
            return None
        return context.env.undefined(root, hint=hint, token=token)

    if len(rest) == 1 and rest[0].__class__ is str:  # `item.url`: the commonest, one key into a value
        key, hint = rest[0], hints[0]
        plain_dicts: dict = {}  # a value's class -> whether _plain_dict

        def get_key(context):
            obj = _MISS
            for mapping in context.scope._maps:  # (`in`, then [], costs less than a miss's .get)
                if mapping.__class__ is dict:
                    if root in mapping:
                        obj = mapping[root]
                        break
                elif mapping.__class__ is BuiltIn and root not in _BUILT_IN:
                    continue  # (every global name passes the `now`/`today` mapping: _lookup's miss, without its call)
                else:
                    obj = _lookup(mapping, root)
                    if obj is not _MISS:
                        break
            if obj is _ELSEWHERE:
                return context.get(keys, token=token)
            if obj is _MISS:
                return undefined(context, f"{root!r} is undefined")
            cls = obj.__class__
            plain = cls is dict or plain_dicts.get(cls)
            if plain is None:
                plain = plain_dicts[cls] = _plain_dict(cls)
            if plain:  # obj[key] without raising KeyError for a key it does not have
                value = _DICT_GET(obj, key, _MISS)
                return value if value is not _MISS else undefined(context, hint)
            if cls is not str and cls is not list:  # (the loop below, for one str segment)
                try:
                    return obj[key]
                except (KeyError, TypeError):
                    return undefined(context, hint)
                except IndexError:
                    return undefined(context, "index out of range")
            return context.get(keys, token=token)
        return get_key

    def get(context):
        obj = _MISS
        for mapping in context.scope._maps:
            if mapping.__class__ is dict:
                if root in mapping:
                    obj = mapping[root]
                    break
            elif mapping.__class__ is BuiltIn and root not in _BUILT_IN:
                continue
            else:
                obj = _lookup(mapping, root)
                if obj is not _MISS:
                    break
        if obj is _ELSEWHERE:
            return context.get(keys, token=token)
        if obj is _MISS:
            return undefined(context, f"{root!r} is undefined")
        for index, segment in enumerate(rest):
            cls = obj.__class__
            if (cls is list and segment.__class__ is int  # (an int into a dict: Ruby's Hash#[], ruby_keys.py)
                    or segment.__class__ is str and cls is not str and cls is not list):
                try:
                    obj = obj[segment]
                    continue
                except (KeyError, TypeError):  # RenderContext.get's undefined, made as it makes it
                    return undefined(context, hints[index])
                except IndexError:
                    return undefined(context, "index out of range")
            return context.get(keys, token=token)
        return obj
    return get


def _plain_dict(cls) -> bool:
    """A dict subclass that looks a key up as dict does (the YAML loader's LineDict): no
    __missing__ (a Drop makes `content` when asked), no __getitem__ of its own."""
    return issubclass(cls, dict) and cls.__getitem__ is dict.__getitem__ and not hasattr(cls, "__missing__")


def _lookup(mapping, key):
    """mapping[key] as ReadOnlyChainMap looks it up (a KeyError: the next mapping), without
    raising for a miss in a dict or in a chain of dicts (a name sits under several loop and
    include scopes); _MISS when absent, _ELSEWHERE when the look-up raised anything else."""
    cls = mapping.__class__
    if cls is dict:
        return mapping.get(key, _MISS)
    if cls is ReadOnlyChainMap:
        for inner in mapping._maps:
            found = inner.get(key, _MISS) if inner.__class__ is dict else _lookup(inner, key)
            if found is not _MISS:
                return found
        return _MISS
    if cls is BuiltIn and key not in _BUILT_IN:  # (every name that is nowhere else asks it)
        return _MISS
    try:
        return mapping[key]
    except KeyError:
        return _MISS
    except (TypeError, IndexError):
        return _ELSEWHERE
