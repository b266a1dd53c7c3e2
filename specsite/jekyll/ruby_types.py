"""Ruby's type errors in Jekyll's filters (jekyll/filters.rb, utils.rb): each string filter calls a
String method on its input (`input.split`, `string.gsub`, `CGI.escape(input)`), so a number, a
list, true or nil there is a NoMethodError or TypeError that stops Jekyll's build. Here each is
a Liquid error at the filter's line with Ruby's message; a string goes on to specsite's filter.
The array filters read an item's property with Ruby's `item[name]` (item_index) and order
values with Ruby's `<=>` (ruby_compare, compare_or_to_s), which fail the same way."""
from __future__ import annotations

import datetime as dt
import math

from liquid.exceptions import FilterValueError

from .ruby import _v
from .rubystr import inspect
from .rubystr import to_s as ruby_to_s

_SLUG_MODES = ("raw", "default", "pretty", "ascii", "latin")


def ruby_class(value) -> str:
    """The Ruby class of a Liquid value, for Ruby's own error messages."""
    if value is None:
        return "NilClass"
    if value is True or value is False:
        return "TrueClass" if value else "FalseClass"
    for kind, name in ((str, "String"), (int, "Integer"), (float, "Float"), (dict, "Hash"), ((list, tuple), "Array"),
                       (dt.datetime, "Time"), (dt.date, "Date"), (range, "Range")):
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
        if text.__class__.__name__ in ("Empty", "Blank"):  # (Jekyll's MethodLiteral: its to_s is "")
            return None
        if text is not None and not isinstance(text, str):  # (`return if input.nil? || input.to_s.empty?`)
            raise no_method("sub", text)
        return None if text == "" else _strip(value)

    def to_integer(value, _to_integer=filters["to_integer"]):
        number = _v(value)
        if isinstance(number, float):
            if math.isnan(number) or math.isinf(number):
                raise FilterValueError("NaN" if math.isnan(number) else ("Infinity" if number > 0 else "-Infinity"),
                                       token=None)  # (FloatDomainError)
            return int(number)
        if isinstance(number, dt.datetime):
            return int(number.timestamp()) if number.tzinfo else int(number.astimezone().timestamp())  # Time#to_i
        if isinstance(number, (dt.date, list, tuple, dict, range)):
            raise no_method("to_i", number)
        if number.__class__.__name__ in ("Empty", "Blank"):  # (Jekyll's MethodLiteral has no to_i)
            name = number.__class__.__name__.lower()
            raise FilterValueError(f"undefined method `to_i' for #<Liquid::Expression::MethodLiteral "
                                   f"@method_name=:{name}?, @to_s=\"\">", token=None)
        return _to_integer(value)

    return {**filters, "slugify": slugify, "number_of_words": number_of_words, "cgi_escape": cgi_escape,
            "uri_escape": uri_escape, "strip_index": strip_index, "to_integer": to_integer}


def item_index(item, name: str):
    """`item[name]` in Ruby (Jekyll's read_liquid_attribute of a property without a dot): a hash's
    value, a string's substring or nil; an Integer or Array wants an index (TypeError); nil,
    true, a Float, a Date have no [] (NoMethodError)."""
    if isinstance(item, dict):
        if getattr(item, "_lazy", None) is None:
            return item.get(name)
        try:  # (a page's or document's drop: its lazily made values too; DocumentDrop#excerpt is a String)
            found = item[name]
        except KeyError:
            return None
        return ruby_to_s(found) if name == "excerpt" and item._document and found is not None else found
    if isinstance(item, str):
        return name if name in item else None
    if isinstance(item, (int, list, tuple)) and item.__class__ is not bool:
        raise FilterValueError("no implicit conversion of String into Integer", token=None)
    raise no_method("[]", item)


def ruby_compare(a, b) -> int:
    """Array#sort's `a <=> b`: nil, true and false equal only themselves; a number and a string,
    two hashes have no order (Ruby's ArgumentError "comparison of String with 2.5 failed");
    lists item by item; anything else as `compare_or_to_s`."""
    a, b = _v(a), _v(b)
    if a is None or b is None or a.__class__ is bool or b.__class__ is bool:
        if a is b:
            return 0
        raise _comparison_failed(a, b)
    number = (int, float)
    if isinstance(a, number) and isinstance(b, number):
        return (a > b) - (a < b)
    if isinstance(a, str) and isinstance(b, str):
        return (a > b) - (a < b)
    if a.__class__ is dt.date and isinstance(b, number):  # (Date#<=> takes a Numeric as an ajd; the
        from .rubystr import date_jd  # Numeric's <=> takes no Date: `847 <=> date` fails)
        ajd = date_jd(a) - 0.5
        return (ajd > b) - (ajd < b)
    if isinstance(a, (str, *number)) or isinstance(b, (str, *number)) or \
            (_plain_hash(a) and _plain_hash(b) and a != b):
        raise _comparison_failed(a, b)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        for x, y in zip(a, b):
            order = ruby_compare(x, y)
            if order:
                return order
        return (len(a) > len(b)) - (len(a) < len(b))
    return compare_or_to_s(a, b)


def _plain_hash(value) -> bool:
    """A hash of the site's data (a page's or document's drop is no Hash in Ruby)."""
    return isinstance(value, dict) and getattr(value, "ruby_inspect", None) is None


def _comparison_failed(a, b) -> FilterValueError:
    shown = inspect(b) if b is None or isinstance(b, (bool, int, float)) else ruby_class(b)
    return FilterValueError(f"comparison of {ruby_class(a)} with {shown} failed", token=None)


def compare_or_to_s(a, b) -> int:
    """`a <=> b || a.to_s <=> b.to_s` (Ruby's to_s: a list is its inspect; true <=> 42 is nil)."""
    if (a.__class__ is bool or b.__class__ is bool) and a.__class__ is not b.__class__:
        a, b = ruby_to_s(a), ruby_to_s(b)
        return (a > b) - (a < b)
    try:
        return (a > b) - (a < b)
    except TypeError:
        a, b = ruby_to_s(a), ruby_to_s(b)
        return (a > b) - (a < b)
