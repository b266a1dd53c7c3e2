"""A run of text and `{{ output }}` nodes rendered by one function: what their compiled closures
(compiler.py) write one piece at a time — the values as Liquid prints them, each recorded while a
layout renders, every piece counted against the output limit — written at once.

A layout or include is mostly such runs (`<li><a href="{{ item.url }}">{{ item.title }}</a></li>`):
one call, one `%` formatting, one size count and one write for the run instead of a call, a count
and a write for each piece. Only the error path goes otherwise: a value that raises, or the
output limit reached, fails the render as it did, at the same node (a run at a template's top
level stands for several nodes: the failing piece's token is set, as render_nodes sets it)."""
from __future__ import annotations

from liquid.ast import Node
from liquid.exceptions import LiquidError, OutputStreamLimitError
from liquid.output import LimitedStringIO

from ..jekyll.rubystr import output as ruby_output

_MAX_RECORDED = 2048  # (compiler.output: longer outputs are no link)


class Run(Node):
    """The nodes a run at a template's top level stands for: python-liquid's own rendering of
    them (a context with disabled tags), an error given the token of the node that raised it."""

    __slots__ = ("nodes",)

    def __init__(self, nodes: list):
        super().__init__(nodes[0].token)
        self.nodes = nodes
        self.blank = all(node.blank for node in nodes)

    def render_to_output(self, context, buffer) -> int:
        count = 0
        for node in self.nodes:
            try:
                count += node.render(context, buffer)
            except LiquidError as err:
                if not err.token:
                    err.token = node.token
                raise
        return count

    def children(self, *args, **kwargs):
        return [child for node in self.nodes for child in node.children(*args, **kwargs)]

    def __str__(self) -> str:
        return "".join(str(node) for node in self.nodes)


def fused(pieces: list, top: bool, write):
    """The run of `pieces`, each (a text, its token) or (a value getter, its token); `top`: the
    run stands for nodes at a template's top level. `write`: StringIO.write (the count made)."""
    texts, getters, tokens = [""], [], []
    for value, token in pieces:
        if value.__class__ is str:
            texts[-1] += value
        else:
            getters.append(value)
            tokens.append(token)
            texts.append("")
    if len(getters) == 1:  # (`<a href="{{ item.url }}">`: most runs)
        return _fused_one(pieces, top, write, texts, getters[0], tokens[0])
    form = "%s".join(text.replace("%", "%%") for text in texts)  # the texts, each value between them
    getters, tokens = tuple(getters), tuple(tokens)

    def run(context, buffer):
        values = []
        try:
            for getter in getters:
                value = getter(context)
                values.append(value if value.__class__ is str else ruby_output(value))
        except Exception as err:
            if buffer.__class__ is LimitedStringIO:  # (the pieces before it may pass the limit first)
                _limit_before(buffer, pieces, values, top)
            if top and isinstance(err, LiquidError) and not err.token:
                err.token = tokens[len(values)]
            raise
        recorded = context.env.specsite.recorded
        if recorded is not None:
            for value, token in zip(values, tokens):
                if len(value) <= _MAX_RECORDED:
                    recorded.append((value, token))
        text = form % tuple(values)
        if buffer.__class__ is not LimitedStringIO:
            return buffer.write(text)
        if text:
            size = buffer.size + (len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass")))
            if size > buffer.limit:
                _overflow(buffer, pieces, iter(values), top, write)
            buffer.size = size
        return write(buffer, text)
    return run


def _fused_one(pieces: list, top: bool, write, texts: list, getter, token):
    """fused's run for a single value between two texts: the same steps, without its lists."""
    head, tail = texts

    def run(context, buffer):
        try:
            value = getter(context)
            if value.__class__ is not str:
                value = ruby_output(value)
        except Exception as err:
            if buffer.__class__ is LimitedStringIO:
                _limit_before(buffer, pieces, [], top)
            if top and isinstance(err, LiquidError) and not err.token:
                err.token = token
            raise
        recorded = context.env.specsite.recorded
        if recorded is not None and len(value) <= _MAX_RECORDED:
            recorded.append((value, token))
        text = head + value + tail
        if buffer.__class__ is not LimitedStringIO:
            return buffer.write(text)
        if text:
            size = buffer.size + (len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass")))
            if size > buffer.limit:
                _overflow(buffer, pieces, iter((value,)), top, write)
            buffer.size = size
        return write(buffer, text)
    return run


def _limit_before(buffer, pieces: list, values: list, top: bool) -> None:
    """A value failed: the nodes before it were written first, so the output limit passed by
    them raises instead, at the node that passes it."""
    size, got = buffer.size, iter(values)
    for value, token in pieces:
        piece = value if value.__class__ is str else next(got, None)
        if piece is None:
            return
        if piece:
            size += len(piece) if piece.isascii() else len(piece.encode("utf-8", "surrogatepass"))
            if size > buffer.limit:
                raise OutputStreamLimitError("output stream limit reached", token=token if top else None)


def _overflow(buffer, pieces: list, values, top: bool, write):
    """The output limit reached within the run: its pieces written one at a time, as the nodes
    did, up to the one that passes the limit, which raises as that node raised."""
    for value, token in pieces:
        piece = value if value.__class__ is str else next(values)
        if piece:
            buffer.size += len(piece) if piece.isascii() else len(piece.encode("utf-8", "surrogatepass"))
            if buffer.size > buffer.limit:
                raise OutputStreamLimitError("output stream limit reached", token=token if top else None)
            write(buffer, piece)
    raise AssertionError("the run was over the limit")  # (its pieces' sizes add up to the run's)
