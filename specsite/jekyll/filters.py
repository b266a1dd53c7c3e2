"""Jekyll's Liquid filters with Jekyll's semantics (jekyll/lib/jekyll/filters*.rb): the URL
filters, and `register`, which adds them all to an environment."""
from __future__ import annotations

import datetime as dt

import re

from liquid.exceptions import FilterArgumentError, FilterValueError
from liquid.filter import string_filter

from .arrays import (compact, concat, find, group_by, join, map_nil, pop, push, reverse, sample, shift,
                     sort, sort_natural, uniq, unshift, where)
from .escape_once import cgi_escape_html, escape_once
from .liquid_std import (abs_, at_least, at_most, ceil, divided_by, floor, minus, modulo, plus, remove_last, replace, replace_first, replace_last,
                         round_, size, slice_,
                         times, truncate)
from .dates import date_to_long_string, date_to_rfc822, date_to_string, date_to_xmlschema, ruby_directives, ruby_year
from .ruby import _local, _to_s, _v, jsonify
from .rubystr import to_s as _ruby_s
from ..rubycase import ruby_capitalize, ruby_downcase
from .addressable import normalize as addressable_normalize
from .ruby_types import typed
from .filter_arity import ruby_arity
from .exp_filters import _expression_filters
from .strings import (append, ascii_entities, array_to_sentence_string, awk_split, cgi_escape, inspect_, normalize_whitespace, number_of_words, prepend,
                      slugify, smartify, strip_index, to_integer, uri_escape, xml_escape)


_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.I)

# python-liquid's filters that Liquid 5.4 (Jekyll 4.3.1's) does not have: `{{ list | sum }}` prints the list
NOT_IN_LIQUID_5_4 = ("escapejs", "find_index", "has", "reject", "safe", "squish", "sum")


def truncatewords(value, words, end, fallback):
    """Liquid 5.4's: `input.split(" ", words + 1)`, and the input unchanged when it has no more
    than `words` words (python-liquid adds the ellipsis at exactly `words`, and squeezes spaces)."""
    if _v(value) is None:
        return None
    if isinstance(words, bool) or not isinstance(_v(words), (int, str)):
        return fallback(value, words, end)
    try:
        count = int(_v(words))
    except ValueError:
        return fallback(value, words, end)  # (Liquid: "invalid integer")
    if max(count, 1) + 1 > (1 << 31) - 1:  # (String#split's limit is a C int: its RangeError, Liquid's words)
        raise FilterValueError(f"integer {count} too big for truncatewords", token=None)
    text = _ruby_s(value)  # (input.to_s: a list's inspect)
    parts = awk_split(text, max(count, 1) + 1)
    if len(parts) <= max(count, 1):
        return text
    return " ".join(parts[:-1]) + _to_s(end)


def _url_of(value):
    """`input = input.url if input.respond_to?(:url)`: a document's drop has a url method; a page's
    to_liquid and the site's data are Hashes, which have none (their text is their inspect)."""
    value = _v(value)
    if getattr(value, "_document", False):
        value = value.get("url")
    return value


_ANY_SCHEME = re.compile(r"^([^:/?#]+):")


def _no_bad_scheme(text: str) -> None:
    """Addressable::URI.parse refuses what reads as a scheme but is none ("The fox: ...",
    "2024-03-05 14:07"): InvalidURIError, and Jekyll's build stops."""
    found = _ANY_SCHEME.match(text)
    if found:
        raise FilterValueError(f"Invalid scheme format: '{found.group(1)}'", token=None)


def make_relative_url(baseurl: str):
    base = "" if baseurl is None else str(baseurl).rstrip("/")

    def relative_url(value):
        """Prefixes the baseurl to a path (a leading '/' added to both); URLs with a scheme stay."""
        value = _url_of(value)
        if value is None:
            return None
        text = _ruby_s(value)
        if _SCHEME.match(text):
            return text
        _no_bad_scheme(text)
        parts = [base, text]
        return addressable_normalize("".join(p if not p or p.startswith("/") else "/" + p for p in parts))
    return relative_url


def make_absolute_url(url: str, relative_url):
    site_url = "" if url is None else str(url)

    def absolute_url(value):
        value = _url_of(value)
        if value is None:
            return None
        text = _ruby_s(value)
        if _SCHEME.match(text):
            return text
        _no_bad_scheme(text)
        if not site_url:
            return relative_url(text)
        return addressable_normalize(site_url + relative_url(text))
    return absolute_url


_RUBY_SPACE = " \t\n\v\f\r\0"  # (String#strip's)


def _ruby_split(liquid_split):
    """Liquid's split is Ruby's String#split, which drops the empty strings at the end:
    "/recipes/" split at "/" is ["", "recipes"] (a breadcrumb loop's last crumb is the page).
    A single space splits on runs of ASCII whitespace only (awk_split: an ideographic or
    no-break space stays in its word, where python-liquid's str.split() split there)."""
    def split(value, *args):
        if len(args) == 1 and _v(args[0]) == " " and isinstance(_v(value), str):
            return awk_split(_v(value))
        parts = liquid_split(value, *args)
        if parts and parts[-1] == "":
            parts = list(parts)
            while parts and parts[-1] == "":
                parts.pop()
        return parts
    return split


def _zoned(value):
    """Ruby's Time is always in a zone (the site's `timezone:`, the process' TZ): a naive
    datetime (front matter, a file name's date, site.time, "now", a date string without an
    offset) gets the local zone, so that `date: "%z"` prints it as Jekyll does."""
    if isinstance(value, str):
        return _string_date(value)
    if isinstance(value, dt.datetime) and value.tzinfo is None:
        return _local(value)
    if value.__class__ is int:  # Utils.to_date: Time.at(integer), in local time
        return _local(dt.datetime.fromtimestamp(value))
    return value


def _string_date(value: str):
    """Liquid::Utils.to_date of a string: 'now' and 'today' (downcased), a Unix time of digits,
    else Time.parse's reading (time_parse); the string itself where Ruby finds no date in it."""
    text = value.lower()
    if text in ("now", "today"):
        return dt.datetime.now().astimezone()
    if text.isdigit() and text.isascii():
        return _local(dt.datetime.fromtimestamp(int(text)))
    if not text:
        return value
    from .dates import InvalidDate
    from .time_parse import time_parse
    try:
        return time_parse(text)
    except InvalidDate:
        return value


def _nil_stays(filter_):
    import functools

    @functools.wraps(filter_)  # (and python-liquid's markers on it: with_environment, ...)
    def nil_stays(value, *args, **kwargs):
        return None if _v(value) is None else filter_(value, *args, **kwargs)
    return nil_stays


def _dated(name: str, filter_):
    """`filter_` whose date Python cannot hold (a Unix time past year 9999, an offset of 24 hours
    or more; Ruby's Time holds the first, rejects the second) fails as a Liquid error of the
    page at its line ("Invalid Date", Jekyll's words), not as an internal error."""
    def dated(value, *args, **kwargs):
        try:
            return filter_(value, *args, **kwargs)
        except (ValueError, OverflowError) as err:
            from .far_years import far_filter  # (a date past 9999: read 400·k years earlier)
            try:
                far = far_filter(name, filter_, _v(value), args)
            except (ValueError, OverflowError):
                far = None
            if far is not None:
                return far
            raise FilterValueError(f"{name}: Invalid Date: '{_to_s(value)}' is not a date specsite can "
                                   f"hold ({err})", token=None) from None
    return dated


def _ruby_year(fmt, value):
    """The date filter's format with Ruby's %Y for `value` (dates.ruby_year) and the directives
    only Ruby's strftime has written out (dates.ruby_directives)."""
    if not isinstance(fmt, str) or "%" not in fmt:
        return fmt
    if isinstance(value, str):  # (a date string with its offset)
        value = _string_date(value)
    if not isinstance(value, dt.date):
        return fmt
    return ruby_directives(ruby_year(fmt, value.year), value)


def _date_filter(liquid_date, env, value, *args):
    """Liquid's date of a date in the local zone (nil stays nil, as in Liquid)."""
    if value is None:
        return None
    if not isinstance(value, (str, int, dt.date)) or value.__class__ is bool:
        return value  # Utils.to_date: not a date (a float, true, a list): the input as it is
    if args:
        fmt = _v(args[0])
        if fmt is None or fmt == "":  # `return input if format.to_s.empty?`
            return value
        fmt = fmt if isinstance(fmt, str) else _to_s(fmt)
    zoned = _zoned(value)
    if zoned.__class__ is str and args:  # (no date in it: `return input unless (date = Utils.to_date(input))`)
        return value
    if args:
        args = (_ruby_year(fmt, zoned), *args[1:])
        if isinstance(zoned, dt.date) and isinstance(args[0], str):
            # (python-liquid's date reads a date through an lru_cache keyed by ==, so a time equal to
            # one in another zone, 14:07 UTC and 09:07 EST, came back in that other zone)
            moment = zoned if isinstance(zoned, dt.datetime) else dt.datetime.combine(zoned, dt.time.min)
            try:
                return moment.strftime(args[0])
            except ValueError as err:
                raise FilterArgumentError(str(err), token=None) from err
    return liquid_date(zoned, *args, environment=env)


# Liquid's StandardFilters::STRIP_HTML_BLOCKS and STRIP_HTML_TAGS (Ruby's /m is re.S)
_STRIP_BLOCKS = re.compile(r"<script.*?</script>|<!--.*?-->|<style.*?</style>", re.S)
_STRIP_TAGS = re.compile(r"<.*?>", re.S)


def strip_html(value) -> str:
    """Liquid's strip_html: its two regexes over `to_s` (python-liquid's HTML parser keeps a `<`
    that starts no tag, and is ten times slower: a tag page strips every tagged page's content)."""
    return _STRIP_TAGS.sub("", _STRIP_BLOCKS.sub("", _ruby_s(value)))


_STRING_FILTER = string_filter(lambda value: value).__code__  # (the code of every such wrapper)


def _ruby_string_filters(env) -> None:
    """python-liquid's string filters (downcase, replace, url_encode, base64_encode, ...) take
    Python's str() of their input and arguments (True, "['a']", "{'k': None}"); Liquid's take
    Ruby's to_s (true, ["a"], {"k"=>nil}, a Time's `2024-03-05 10:00:00 +0100`, nil's '')."""
    for name, function in list(env.filters.items()):
        if getattr(function, "__code__", None) is _STRING_FILTER:
            env.filters[name] = _with_ruby_strings(function)


def _with_ruby_strings(function):
    inner = function.__wrapped__

    def ruby_strings(value, *args, **kwargs):
        if value.__class__ is not str:
            value = _ruby_s(value)
        for arg in args:
            if arg.__class__ is not str:
                args = tuple(a if a.__class__ is str else _ruby_s(a) for a in args)
                break
        try:
            return inner(value, *args, **kwargs)
        except TypeError as err:
            raise FilterArgumentError(err, token=None) from err
        except UnicodeDecodeError as err:  # (base64_decode of bytes that are no UTF-8: Ruby writes them as they are)
            return err.object.decode("utf-8", "replace")
    ruby_strings.__name__ = inner.__name__
    for flag in ("with_context", "with_environment"):  # (python-liquid passes these keywords)
        if hasattr(function, flag):
            setattr(ruby_strings, flag, getattr(function, flag))
    return ruby_strings


def _base64_decoder(url_safe: bool):
    """Liquid 5.4's base64_decode (Base64.strict_decode64) and base64_url_safe_decode
    (urlsafe_decode64: '=' padding added when none is there): text that is no strict Base64 is a
    Liquid error, "invalid base64 provided to base64_decode" (python-liquid decoded it leniently);
    bytes that are no UTF-8 are written as they are in Ruby, here with U+FFFD for them."""
    name = "base64_url_safe_decode" if url_safe else "base64_decode"

    def decode(value):
        import base64  # (imported by the first decode, not at every build's filter registration)
        import binascii
        text = _ruby_s(value)
        if url_safe:
            if not text.endswith("=") and len(text) % 4:
                text = text.ljust((len(text) + 3) & ~3, "=")
            text = text.replace("-", "+").replace("_", "/")
        try:
            raw = base64.b64decode(text.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError, ValueError):
            raise FilterArgumentError(f"invalid base64 provided to {name}", token=None) from None
        return raw.decode("utf-8", "replace")
    return decode


def _drop_aware(name: str, liquid_filter):
    """Liquid's first/last (`array.first if array.respond_to?(:first)`) over a Jekyll drop or a Range."""
    from .liquid_std import drop_command, drop_keys

    def first_last(value, *args, **kwargs):
        plain = _v(value)
        if plain.__class__ is range:  # (Range#first and #last: its ends, `(3..1) | first` is 3)
            return plain.start if name == "first" else plain.stop - 1
        if drop_keys(plain) is not None:
            return drop_command(plain, name, plain.__getitem__)
        return liquid_filter(value, *args, **kwargs)
    for attribute in ("with_environment", "with_context", "is_filter_argument", "liquid_filter"):
        if hasattr(liquid_filter, attribute):  # (python-liquid passes the environment by these marks)
            setattr(first_last, attribute, getattr(liquid_filter, attribute))
    return first_last


def register(env, *, baseurl: str, url: str, markdownify=None):
    """Add Jekyll's filters to a python-liquid Environment."""
    _ruby_string_filters(env)
    env.filters["base64_decode"], env.filters["base64_url_safe_decode"] = _base64_decoder(False), _base64_decoder(True)
    for name in ("url_encode", "url_decode"):  # (Liquid 5.4: `return if input.nil?`, nil stays nil)
        env.filters[name] = _nil_stays(env.filters[name])
    relative_url = make_relative_url(baseurl)
    filters = {
        "relative_url": relative_url, "absolute_url": make_absolute_url(url, relative_url),
        "strip_index": strip_index,
        "date_to_string": _dated("date_to_string", date_to_string),
        "date_to_long_string": _dated("date_to_long_string", date_to_long_string),
        "date_to_xmlschema": _dated("date_to_xmlschema", date_to_xmlschema),
        "date_to_rfc822": _dated("date_to_rfc822", date_to_rfc822),
        "xml_escape": xml_escape, "cgi_escape": cgi_escape, "uri_escape": uri_escape,
        "number_of_words": number_of_words, "array_to_sentence_string": array_to_sentence_string,
        "normalize_whitespace": normalize_whitespace, "slugify": lambda value, mode=None: slugify(value, mode), "jsonify": jsonify,
        "join": join, "map": map_nil, "where": where, "find": find, "group_by": group_by, "sort": sort,
        "sort_natural": sort_natural,
        "push": push, "pop": pop, "compact": compact, "reverse": reverse, "concat": concat, "uniq": uniq, "shift": shift, "unshift": unshift, "sample": sample,
        "append": append, "prepend": prepend, "inspect": inspect_, "smartify": smartify, "to_integer": to_integer,
        "replace": replace, "replace_first": replace_first, "replace_last": replace_last, "remove_last": remove_last,
        "escape_once": escape_once, "round": round_, "truncate": truncate, "size": size, "slice": slice_,
        "plus": plus, "minus": minus, "times": times, "divided_by": divided_by, "modulo": modulo, "abs": abs_,
        "ceil": ceil, "floor": floor, "at_least": at_least, "at_most": at_most,
        **_expression_filters(env),
    }
    filters = typed(filters)  # (Ruby's NoMethodError and TypeError of a non-string: Jekyll stops)
    if markdownify is not None:
        filters["markdownify"] = lambda value: ascii_entities(_v(value), markdownify("" if _v(value) is None else _ruby_s(value)))
    # Liquid's strip, lstrip, rstrip: input.to_s then String#strip (whitespace and NUL): `false` is "false"
    filters["strip"] = lambda value: _ruby_s(value).strip(_RUBY_SPACE)
    filters["lstrip"] = lambda value: _ruby_s(value).lstrip(_RUBY_SPACE)
    filters["rstrip"] = lambda value: _ruby_s(value).rstrip(_RUBY_SPACE)
    # Liquid's downcase, capitalize: input.to_s then Ruby's case mapping (a word-final Σ is σ)
    filters["downcase"] = lambda value: ruby_downcase(_ruby_s(value))
    filters["capitalize"] = lambda value: ruby_capitalize(_ruby_s(value))
    # Liquid's escape (alias h): CGI.escapeHTML(input.to_s); a hash prints as Ruby's inspect
    filters["escape"] = filters["h"] = lambda value: None if _v(value) is None else cgi_escape_html(_ruby_s(value))
    liquid_date = env.filters.get("date")
    if liquid_date is not None:  # a date without an offset is the site's local time: %z, %Z print its zone
        filters["date"] = _dated("date", lambda value, *args: _date_filter(liquid_date, env, value, *args))
    liquid_split = env.filters.get("split")
    if liquid_split is not None:
        filters["split"] = _ruby_split(liquid_split)
    liquid_truncatewords = env.filters.get("truncatewords")
    if liquid_truncatewords is not None:
        filters["strip_html"] = strip_html
        filters["truncatewords"] = lambda value, words=15, end="...": truncatewords(value, words, end, liquid_truncatewords)
    for name in ("first", "last"):  # a Jekyll drop: Enumerable#first is [key, value]; it has no last
        liquid_filter = env.filters.get(name)
        if liquid_filter is not None:
            filters[name] = _drop_aware(name, liquid_filter)
    env.filters.update(filters)
    env.filters.update(ruby_arity(env.filters))
    for name in NOT_IN_LIQUID_5_4:  # unknown to Jekyll 4.3's Liquid: the value passes through, as there
        env.filters.pop(name, None)
