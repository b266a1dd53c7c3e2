"""How many arguments each of Liquid 5.4's and Jekyll 4.3.1's filters takes, as Ruby counts them.

A filter is a Ruby method whose first argument is the input; `key: value` arguments arrive
together as one more, a Hash. Called with too few or too many, it raises Ruby's ArgumentError,
which Liquid re-raises and Jekyll's build stops on: "wrong number of arguments (given 1,
expected 2)" for `{{ x | append }}` (a lax reading makes such calls: `append|: "s"`). Each
filter is wrapped to fail the same way, with that message.
"""
from __future__ import annotations

from liquid.exceptions import FilterArgumentError

# name -> (arguments required, optional), the input counted: Method#parameters of each filter
RUBY_ARITY = {
    "abs": (1, 0), "absolute_url": (1, 0), "append": (2, 0), "array_to_sentence_string": (1, 1),
    "at_least": (2, 0), "at_most": (2, 0), "base64_decode": (1, 0), "base64_encode": (1, 0),
    "base64_url_safe_decode": (1, 0), "base64_url_safe_encode": (1, 0), "capitalize": (1, 0), "ceil": (1, 0),
    "cgi_escape": (1, 0), "compact": (1, 1), "concat": (2, 0), "date": (2, 0), "date_to_long_string": (1, 2),
    "date_to_rfc822": (1, 0), "date_to_string": (1, 2), "date_to_xmlschema": (1, 0), "default": (1, 2),
    "divided_by": (2, 0), "downcase": (1, 0), "escape": (1, 0), "escape_once": (1, 0), "find": (3, 0),
    "find_exp": (3, 0), "first": (1, 0), "floor": (1, 0), "group_by": (2, 0), "group_by_exp": (3, 0), "h": (1, 0),
    "inspect": (1, 0), "join": (1, 1), "jsonify": (1, 0), "last": (1, 0), "lstrip": (1, 0), "map": (2, 0),
    "markdownify": (1, 0), "minus": (2, 0), "modulo": (2, 0), "newline_to_br": (1, 0),
    "normalize_whitespace": (1, 0), "number_of_words": (1, 1), "plus": (2, 0), "pop": (1, 1), "prepend": (2, 0),
    "push": (2, 0), "relative_url": (1, 0), "remove": (2, 0), "remove_first": (2, 0), "remove_last": (2, 0),
    "replace": (2, 1), "replace_first": (2, 1), "replace_last": (3, 0), "reverse": (1, 0), "round": (1, 1),
    "rstrip": (1, 0), "sample": (1, 1), "sassify": (1, 0), "scssify": (1, 0), "shift": (1, 1), "size": (1, 0),
    "slice": (2, 1), "slugify": (1, 1), "smartify": (1, 0), "sort": (1, 2), "sort_natural": (1, 1), "split": (2, 0),
    "strip": (1, 0), "strip_html": (1, 0), "strip_index": (1, 0), "strip_newlines": (1, 0), "times": (2, 0),
    "to_integer": (1, 0), "truncate": (1, 2), "truncatewords": (1, 2), "uniq": (1, 1), "unshift": (2, 0),
    "upcase": (1, 0), "uri_escape": (1, 0), "url_decode": (1, 0), "url_encode": (1, 0), "where": (3, 0),
    "where_exp": (3, 0), "xml_escape": (1, 0),
}


def ruby_arity_message(given: int, required: int, optional: int) -> str:
    expected = f"{required}" if not optional else f"{required}..{required + optional}"
    return f"wrong number of arguments (given {given}, expected {expected})"


_PASSED = ("context", "environment")  # python-liquid's own keywords (its with_context, with_environment marks)


def _checked(func, required: int, optional: int, options: bool = False):
    """`func` refusing Ruby's wrong counts; `key: value` arguments given to it as one Hash after
    the others, as Ruby does (but to `default`, whose Python function reads allow_false itself).
    (Most calls have none: their keywords, if any, are python-liquid's own, passed on as they are
    without building the Hash.)"""
    def filter_(value, *args, **kwargs):
        named = None
        for key in kwargs:
            if key not in _PASSED:
                named = {key: kwargs.pop(key) for key in list(kwargs) if key not in _PASSED}
                break
        given = 1 + len(args) + (named is not None)
        if not required <= given <= required + optional:
            raise FilterArgumentError(ruby_arity_message(given, required, optional), token=None)
        if named is None:
            return func(value, *args, **kwargs)
        if options:
            return func(value, *args, **named, **kwargs)
        return func(value, *args, named, **kwargs)
    filter_.__dict__.update(getattr(func, "__dict__", {}))  # (with_context, with_environment: python-liquid's marks)
    return filter_


def ruby_arity(filters: dict) -> dict:
    """Each of Ruby's filters, refusing other counts with Ruby's message (Python's TypeError
    would stop the build too, but say another thing, or take what Ruby refuses)."""
    return {name: _checked(filters[name], required, optional, name == "default")
            for name, (required, optional) in RUBY_ARITY.items() if name in filters}
