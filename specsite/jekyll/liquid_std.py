"""Liquid 5.4's own `round`, `truncate` and `size` filters, which python-liquid runs the Python
way: Python rounds halves to even (`2.5 | round` is 2; Liquid gives 3), keeps part of the text
when the length is shorter than the ellipsis, and has no size for a number."""
from __future__ import annotations

import decimal
import re

from .rubystr import nil, to_s

_DECIMAL = re.compile(r"-?\d+\.\d+")
_LEADING_INT = re.compile(r"\s*[-+]?\d+")
_WIDE = decimal.Context(prec=400, rounding=decimal.ROUND_HALF_UP)


def to_number(value):
    """Liquid's Utils.to_number: a float (or a "1.5" string) as a BigDecimal of its digits, an
    integer as it is, any other string's leading integer (String#to_i), anything else 0."""
    value = nil(value)
    if isinstance(value, bool) or value is None:
        return 0
    if isinstance(value, float):
        return decimal.Decimal(repr(value))
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        if _DECIMAL.fullmatch(value.strip()):
            return decimal.Decimal(value.strip())
        match = _LEADING_INT.match(value)
        return int(match.group(0)) if match else 0
    return 0


def round_(value, digits=0):
    """`to_number(input).round(to_number(n))`: halves away from zero (BigDecimal's ROUND_HALF_UP,
    Integer#round); a BigDecimal result is a Float (an Integer for n < 1); with n == 0 an Integer."""
    num, places = to_number(value), to_number(digits)
    places = int(places)
    if isinstance(num, decimal.Decimal):
        try:
            rounded = num.quantize(decimal.Decimal(1).scaleb(-places), context=_WIDE)
            result = int(rounded) if places < 1 else float(rounded)  # (BigDecimal#round(n < 1): an Integer)
        except decimal.InvalidOperation:  # (beyond any precision: the float as it is)
            result = float(num)
    elif places >= 0:
        result = num
    else:  # Integer#round(-2): to the nearest hundred, halves away from zero
        unit = 10 ** -places
        result = (abs(num) + unit // 2) // unit * unit * (1 if num >= 0 else -1)
    digits = nil(digits)
    if digits == 0 and not isinstance(digits, (str, bool)):  # (Ruby's `n == 0`: "0" is no 0)
        result = int(result)
    return result


def truncate(value, length=50, ellipsis="..."):
    """`input[0...l] + ellipsis` when longer than length, l = length - ellipsis size (0 at least)."""
    value = nil(value)
    if value is None:
        return None
    text, end = to_s(value), to_s(ellipsis)
    length = _to_integer(length)
    if len(text) <= length:
        return text
    return text[:max(length - len(end), 0)] + end


def size(value):
    """`input.respond_to?(:size) ? input.size : 0`: an Integer's size is its bytes (8 on 64-bit
    Ruby for the small ones), a Float has none."""
    value = nil(value)
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return 0
    if isinstance(value, int):
        return 8 if -(1 << 62) <= value < (1 << 62) else (abs(value).bit_length() + 63) // 64 * 8
    own = getattr(value, "ruby_size", None)  # (a page or document drop: jekyll/drops.Drop)
    if own is not None:
        return own()
    try:
        return len(value)
    except TypeError:
        return 0


def _to_integer(value) -> int:
    """Liquid's Utils.to_integer: Integer(value.to_s), which fails on anything but an integer."""
    value = nil(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    try:
        return int(str(value).strip())
    except ValueError:
        from liquid.exceptions import FilterArgumentError
        raise FilterArgumentError("invalid integer") from None
