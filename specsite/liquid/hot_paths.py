"""python-liquid's hottest paths made cheaper, installed once when specsite.liquid is imported
(python-liquid 2.x, which pyproject pins >=2.0,<3).

Each replacement gives the same result as the method it replaces and falls back to that method
for anything but the common case: a layout of the Documentation Theme renders ~60,000 nodes and
resolves ~25,000 variable paths per build, and most of that time was python-liquid's per-node and
per-lookup overhead (a frame for `Node.render` around every `render_to_output`, a generator for
each block, ABC isinstance checks for every path segment and every truth test)."""
from __future__ import annotations

from collections.abc import Mapping
from io import StringIO

from liquid.ast import BlockNode
from liquid.builtin.expressions.logical import BooleanExpression, is_truthy
from liquid.builtin.expressions.path import Path as LiquidPath
from liquid.builtin.expressions.loop import LoopExpression
from liquid.builtin.tags.if_tag import IfNode
from liquid.context import RenderContext
from liquid.exceptions import OutputStreamLimitError
from liquid.output import LimitedStringIO, NullIO
from liquid.undefined import UNDEFINED, Undefined

from .lookup import _ELSEWHERE, _MISS, _lookup

# Path segments that python-liquid's get_item treats specially (size, first, last).
_SPECIAL = frozenset(("size", "first", "last"))
_PLAIN = frozenset((str, int))
# Values whose Liquid truth is their being not None/False, with no __liquid__ and not Undefined.
_TRUTHY_PLAIN = frozenset((str, int, float, list, dict, tuple))


def _get(original):
    """RenderContext.get: a path of plain keys into dicts is looked up directly; anything else
    (an undefined name, a special key, a miss) goes through python-liquid's own `get`. The
    scope's dicts are asked with `get`, not `[]` (a miss in each of a dozen namespaces raised a
    KeyError), as lookup.compiled_path asks them."""
    def get(self, path, *, token, default=UNDEFINED):
        root = path[0]
        if root.__class__ is str:
            for mapping in self.scope._maps:  # ReadOnlyChainMap.__getitem__, inlined
                if mapping.__class__ is dict:
                    if root in mapping:
                        obj = mapping[root]
                        break
                else:
                    obj = _lookup(mapping, root)
                    if obj is not _MISS:
                        break
            else:
                return original(self, path, token=token, default=default)
            if obj is _ELSEWHERE:
                return original(self, path, token=token, default=default)
            for segment in path[1:]:
                if (segment.__class__ is str and segment not in _SPECIAL and obj.__class__ is not str
                        or segment.__class__ is int and obj.__class__ is list):
                    try:
                        obj = obj[segment]
                        continue
                    except (KeyError, TypeError, IndexError):
                        pass
                return original(self, path, token=token, default=default)
            return obj
        return original(self, path, token=token, default=default)
    return get


def _evaluate_path(self, context):
    """Path.evaluate: a path's plain str/int segments skip the isinstance check for a nested path."""
    return context.get([p if p.__class__ in _PLAIN else p.evaluate(context) if isinstance(p, LiquidPath) else p
                        for p in self.path], token=self.token)


def _write(self, text: str) -> int:
    """LimitedStringIO.write: an ASCII piece's bytes are counted without encoding it."""
    if text:
        self.size += len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
        if self.size > self.limit:
            raise OutputStreamLimitError("output stream limit reached", token=None)
    return StringIO.write(self, text)


def _limited_init(self, limit: int, initial_value=None, newline="") -> None:
    """LimitedStringIO() without universal newlines: python-liquid makes it with newline=None,
    which reads "\r\n" back as "\n" (and a "\r" and a "\n" written apart as two), where Ruby
    Liquid keeps a Windows-edited template's "\r\n" (`size`, `split`, an .html page's bytes)."""
    StringIO.__init__(self, initial_value, newline)
    self.limit = limit
    self.size = 0


def _render_block(self, context, buffer) -> int:
    """BlockNode.render_to_output without a generator, and without `Node.render`'s frame per
    child when no tag is disabled (the only thing that frame checks)."""
    if context.env.suppress_blank_control_flow_blocks and self.blank:
        buf = NullIO()
        for node in self.nodes:
            node.render(context, buf)
        return 0
    if context.disabled_tags:
        return sum(node.render(context, buffer) for node in self.nodes)
    count = 0
    for node in self.nodes:
        count += node.render_to_output(context, buffer)
    return count


def _truthy(self, context) -> bool:
    """BooleanExpression.evaluate: plain values are tested without the Undefined isinstance check."""
    value = self.expression.evaluate(context)
    if value is None or value is False:
        return False
    if value.__class__ in _TRUTHY_PLAIN or value is True:
        return True
    return is_truthy(value)


def _render_if(self, context, buffer) -> int:
    """IfNode.render_to_output, the chosen branch rendered without `Node.render`'s frame."""
    direct = not context.disabled_tags
    if self.condition.evaluate(context):
        block = self.consequence
    else:
        for alternative in self.alternatives:
            if alternative.expression.evaluate(context):
                block = alternative.block
                break
        else:
            block = self.default
            if not block:
                return 0
    return block.render_to_output(context, buffer) if direct else block.render(context, buffer)


def _to_iter(original):
    """LoopExpression._to_iter: a list (or a subclass that is no Mapping: the YAML loader's
    LineList), a dict, nil and the default undefined (a loop over a key a page does not have:
    `{% for tag in page.tags %}`) without its isinstance checks of typing's Mapping and Sequence
    (a few microseconds each); anything else as python-liquid does it. The compiled loops
    (compiler.py) use it too."""
    lists: dict = {}  # a list subclass -> whether it is no Mapping too

    def to_iter(self, obj, context):
        cls = obj.__class__
        if cls is list:  # a Sequence
            return iter(obj), len(obj)
        if cls is dict:  # a Mapping
            return iter(obj.items()), len(obj)
        if obj is None:  # none of them
            return iter([]), 0
        if cls is Undefined:  # a Mapping of length 0
            return iter(obj.items()), 0
        keys = getattr(obj, "ruby_keys", None)  # a Jekyll Drop: Drop#each yields its keys to `for`
        if keys is not None and (keys := keys()) is not None:
            return iter(keys), len(keys)
        plain = lists.get(cls)
        if plain is None and isinstance(obj, list):
            plain = lists[cls] = not isinstance(obj, Mapping)
        if plain:  # a Sequence that is no Mapping
            return iter(obj), len(obj)
        return original(self, obj, context)
    return to_iter


def install():
    """Replace the methods (idempotent: a second call finds them replaced)."""
    if getattr(RenderContext.get, "specsite", False):
        return
    get = _get(RenderContext.get)
    get.specsite = True
    RenderContext.get = get
    LiquidPath.evaluate = _evaluate_path
    LimitedStringIO.write = _write
    LimitedStringIO.__init__ = _limited_init
    BlockNode.render_to_output = _render_block
    BooleanExpression.evaluate = _truthy
    IfNode.render_to_output = _render_if
    LoopExpression._to_iter = _to_iter(LoopExpression._to_iter)
