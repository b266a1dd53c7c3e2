"""Ruby's type errors in Jekyll's string filters (jekyll/filters.rb, utils.rb): each calls a
String method on its input (`input.split`, `string.gsub`, `CGI.escape(input)`), so a number, a
list, true or nil there is a NoMethodError or TypeError that stops Jekyll's build. Here each is
a Liquid error at the filter's line with Ruby's message; a string goes on to specsite's filter."""
from __future__ import annotations

import datetime as dt
import math

from liquid.exceptions import FilterValueError

from .ruby import _v
from .rubystr import inspect

_SLUG_MODES = ("raw", "default", "pretty", "ascii", "latin")


def ruby_class(value) -> str:
    """The Ruby class of a Liquid value, for Ruby's own error messages."""
    if value is None:
        return "NilClass"
    if value is True or value is False:
        return "TrueClass" if value else "FalseClass"
    for kind, name in ((str, "String"), (int, "Integer"), (float, "Float"), (dict, "Hash"), ((list, tuple), "Array"),
                       (dt.datetime, "Time"), (dt.date, "Date")):
        if isinstance(value, kind):
            return name
    return value.__class__.__name__


def no_method(method: str, value) -> FilterValueError:
    """Ruby's NoMethodError of `value.method`."""
    shown = inspect(value)
    if ruby_class(value) != "Date":  # (Date#inspect names no class: "#<Date: 2024-03-05 (...)>")
        shown += ":" + ruby_class(value)
    return FilterValueError(f"undefined method `{method}' for {shown}", token=None)


def _implicit(value) -> str:
    """How Ruby names a value in "no implicit conversion of X into String"."""
    return {None: "nil", True: "true", False: "false"}.get(value, ruby_class(value)) \
        if value is None or value is True or value is False else ruby_class(value)


def typed(filters: dict) -> dict:
    """`filters` with Jekyll's type errors in front of its string filters."""
    def slugify(value, mode=None, _slugify=filters["slugify"]):
        text = _v(value)
        if text is not None and not isinstance(text, str):
            raise no_method("gsub" if (_v(mode) or "default") in _SLUG_MODES else "downcase", text)
        return _slugify(value, mode)

    def number_of_words(value, mode=None, _count=filters["number_of_words"]):
        text = _v(value)
        if not isinstance(text, str):
            raise no_method("scan" if _v(mode) in ("cjk", "auto") else "split", text)
        return _count(value, mode)

    def cgi_escape(value, _escape=filters["cgi_escape"]):
        text = _v(value)
        if not isinstance(text, str):  # CGI.escape(input)
            raise FilterValueError(f"no implicit conversion of {_implicit(text)} into String", token=None)
        return _escape(value)

    def uri_escape(value, _escape=filters["uri_escape"]):
        text = _v(value)
        if text is not None and not isinstance(text, str):  # Addressable::URI.normalize_component
            raise FilterValueError(f"Can't convert {ruby_class(text)} into String.", token=None)
        return _escape(value)

    def strip_index(value, _strip=filters["strip_index"]):
        text = _v(value)
        if text is not None and not isinstance(text, str):  # (`return if input.nil? || input.to_s.empty?`)
            raise no_method("sub", text)
        return _strip(value)

    def to_integer(value, _to_integer=filters["to_integer"]):
        number = _v(value)
        if isinstance(number, float):
            if math.isnan(number) or math.isinf(number):
                raise FilterValueError("NaN" if math.isnan(number) else ("Infinity" if number > 0 else "-Infinity"),
                                       token=None)  # (FloatDomainError)
            return int(number)
        if isinstance(number, dt.datetime):
            return int(number.timestamp()) if number.tzinfo else int(number.astimezone().timestamp())  # Time#to_i
        if isinstance(number, (dt.date, list, tuple, dict)):
            raise no_method("to_i", number)
        return _to_integer(value)

    return {**filters, "slugify": slugify, "number_of_words": number_of_words, "cgi_escape": cgi_escape,
            "uri_escape": uri_escape, "strip_index": strip_index, "to_integer": to_integer}
