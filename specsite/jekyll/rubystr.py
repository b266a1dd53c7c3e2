"""Ruby's strings of Liquid values, as Jekyll 4.3 (Ruby 3.1, Liquid 4) prints them.

`{{ x }}` writes `x.to_s`, except that an array is `join`ed (nested arrays flatten, nil is '');
Hash#to_s and Array#to_s are `inspect` (`{"k"=>"v"}`, `[1, nil]`), Float#to_s is `1.0` /
`1.0e-05`, a Time is `2019-03-01 10:20:30 +0100` (`UTC` for a `Z` time) and a Date inspects
as `#<Date: 2019-03-01 ((2458544j,0s,0n),+0s,2299161j)>`. A leaf module: Liquid output
(liquid/compiler, liquid/lax) and Jekyll's filters (jekyll/ruby) share it."""
from __future__ import annotations

import datetime as dt
import math

from liquid.undefined import is_undefined

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r", "\f": "\\f", "\v": "\\v",
            "\b": "\\b", "\a": "\\a", "\x1b": "\\e"}
_JULIAN = 1721425  # Ruby's Date#jd minus Python's date.toordinal()
_ITALY = dt.date(1582, 10, 15)
_PLAIN = frozenset((str, int, float, bool, list, dict, tuple))  # (exact classes: none is an Undefined)


def nil(value):
    """Liquid's undefined is Ruby's nil. (A plain value is no Undefined: asked without
    isinstance's ABC check, a frame of Python per value printed.)"""
    if value is None or value.__class__ in _PLAIN:
        return value
    return None if is_undefined(value) else value


def local(date: dt.datetime) -> dt.datetime:
    """A naive date in the local zone; one the C library cannot convert (year 1, late in 9999:
    astimezone raises) takes the zone's offset of today."""
    if date.tzinfo is not None:
        return date
    try:
        return date.astimezone()
    except (ValueError, OverflowError):
        return date.replace(tzinfo=dt.datetime.now().astimezone().tzinfo)


def float_s(value: float) -> str:
    """Float#to_s: always a fraction digit, `e` exponents with a sign and two digits."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    text = repr(value)
    if "e" not in text and abs(value) >= 1e15:  # flo_to_s: an exponent for a whole number of 16
        whole, _, fraction = text.lstrip("-").partition(".")  # digits (decpt > DBL_DIG); Python's from 17
        if fraction == "0" and len(whole) > 15:
            digits = whole.rstrip("0")
            text = f"{'-' if value < 0 else ''}{digits[0]}.{digits[1:] or '0'}e+{len(whole) - 1}"
    mantissa, e, exponent = text.partition("e")
    if "." not in mantissa:
        mantissa += ".0"
    if not e:
        return mantissa
    sign = "-" if exponent.startswith("-") else "+"
    return f"{mantissa}e{sign}{exponent.lstrip('+-').zfill(2)}"


def time_s(value: dt.datetime) -> str:
    value = local(value)
    if value.tzinfo is dt.timezone.utc:
        return value.strftime("%Y-%m-%d %H:%M:%S UTC")
    return value.strftime("%Y-%m-%d %H:%M:%S %z")


def to_s(value) -> str:
    """Ruby's `to_s` (nil is '', arrays and hashes inspect)."""
    value = nil(value)
    if value is None:
        return ""
    if value.__class__ is str:
        return value
    if isinstance(value, (dict, list, tuple)):
        own = getattr(value, "ruby_to_s", None)  # (a page or document drop: jekyll/drops.Drop)
        return inspect(value) if own is None else own()
    return _scalar(value)


def output(value) -> str:
    """What `{{ value }}` writes: Array#join for arrays, else to_s."""
    value = nil(value)
    if value.__class__ is str:
        return value
    if isinstance(value, (list, tuple)):
        return "".join(output(x) for x in value)
    return to_s(value)


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return float_s(value)
    if isinstance(value, dt.datetime):
        return time_s(value)
    if isinstance(value, range):
        return f"{value.start}..{value.stop - 1}"
    drop = _DROPS.get(value.__class__.__name__)
    return str(value) if drop is None else drop  # (Liquid::Drop#to_s and #inspect: its class's name)


_DROPS = {"ForLoop": "Liquid::ForloopDrop", "TableRow": "Liquid::TablerowloopDrop"}  # (python-liquid's)


def string_inspect(text: str) -> str:
    """String#inspect of a UTF-8 string: backslash escapes, `\\#{`, `\\uXXXX` for the unprintable."""
    out = ['"']
    for i, ch in enumerate(text):
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ch == "#" and text[i + 1:i + 2] in ("{", "$", "@"):
            out.append("\\#")
        elif ch < " " or ch == "\x7f" or "\x80" <= ch <= "\x9f":
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def date_jd(day: dt.date) -> int:
    """Ruby's Date#jd: a Date before 1582-10-15 (Date::ITALY, the start every Date here has) is a
    day of the Julian calendar, so 0999-12-31 is jd 2086307, five days after the proleptic
    Gregorian day of that name."""
    if day >= _ITALY:
        return day.toordinal() + _JULIAN
    a = (14 - day.month) // 12
    y, m = day.year + 4800 - a, day.month + 12 * a - 3
    return day.day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083


def inspect(value) -> str:
    """Ruby's `inspect` (Ruby 3.1: `{"k"=>"v"}`)."""
    value = nil(value)
    if value is None:
        return "nil"
    if isinstance(value, str):
        return string_inspect(value)
    if isinstance(value, dict):
        own = getattr(value, "ruby_inspect", None)  # (a page or document drop: jekyll/drops.Drop)
        if own is not None:
            return own()
        return "{" + ", ".join(f"{inspect(k)}=>{_inner(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_inner(x) for x in value) + "]"
    if isinstance(value, dt.datetime):
        value = local(value)
        text = time_s(value)
        if value.microsecond:
            head, _, tail = text.partition(" ", )
            clock, _, zone = tail.partition(" ")
            text = f"{head} {clock}.{str(value.microsecond).zfill(6).rstrip('0')} {zone}"
        return text
    if isinstance(value, dt.date):
        return f"#<Date: {value.isoformat()} (({date_jd(value)}j,0s,0n),+0s,2299161j)>"
    return _scalar(value)


def _inner(value) -> str:
    """inspect of a value inside an array or hash: a page or document there is the Ruby object
    (Document#inspect, Page#inspect), not its drop."""
    own = getattr(value, "ruby_inspect", None) if isinstance(value, dict) else None
    return inspect(value) if own is None else own(nested=True)
