"""Liquid 5.4's own `round`, `truncate`, `size` and arithmetic filters, which python-liquid runs
the Python way: Python rounds halves to even (`2.5 | round` is 2; Liquid gives 3), keeps part of
the text when the length is shorter than the ellipsis, has no size for a number, and reads "1e3"
as 1000.0 and "12px" as no number (Liquid: String#to_i, 1 and 12)."""
from __future__ import annotations

import decimal
import math
import re

from .rubystr import nil, to_s

_DECIMAL = re.compile(r"-?[0-9]+\.[0-9]+")
_LEADING_INT = re.compile(r"\s*[-+]?[0-9]+(?:_[0-9]+)*")  # String#to_i: ASCII digits, `_` between them
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
        return int(match.group(0).replace("_", "")) if match else 0
    return 0


def round_(value, digits=0):
    """`to_number(input).round(to_number(n))`: halves away from zero (BigDecimal's ROUND_HALF_UP,
    Integer#round); a BigDecimal result is a Float (an Integer for n < 1); with n == 0 an Integer."""
    num, places = to_number(value), to_number(digits)
    places = int(places)
    c_int(places)  # (Integer#round and BigDecimal#round take a C int)
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


def c_long(number: int) -> int:
    """Ruby's NUM2LONG: an Integer beyond a C long is its RangeError."""
    if not _LONG_MIN <= number <= _LONG_MAX:
        from liquid.exceptions import FilterValueError
        raise FilterValueError("bignum too big to convert into `long'", token=None)
    return number


def c_int(number: int) -> int:
    """Ruby's NUM2INT: first a C long, then an int."""
    if not -2 ** 31 <= c_long(number) < 2 ** 31:
        from liquid.exceptions import FilterValueError
        raise FilterValueError(f"integer {number} too {'big' if number > 0 else 'small'} to convert to `int'", token=None)
    return number


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
        # (a Bignum's size is its bytes, BIGSIZE: 2**64 is 9, 2**100 is 13)
        return 8 if -(1 << 62) <= value < (1 << 62) else (abs(value).bit_length() + 7) // 8
    own = getattr(value, "ruby_size", None)  # (a page or document drop: jekyll/drops.Drop)
    if own is not None:
        return own()
    try:
        return len(value)
    except TypeError:
        return 0


def drop_keys(value):
    """A Jekyll drop's keys (document, collection, static file: Drop is Enumerable), else None."""
    keys = getattr(value, "ruby_keys", None)
    return keys() if keys is not None else None


def drop_command(value, key: str, get):
    """`first`, `last` or `size` of a Jekyll drop that has no such key: Enumerable#first is its
    first key with that key's value, [key, value]; a drop has no last or size (nil). `get`
    reads a key's value."""
    keys = drop_keys(value)
    if key != "first" or not keys:
        return None
    try:
        return [keys[0], get(keys[0])]
    except (KeyError, TypeError):
        return [keys[0], None]


def replace(value, string, replacement=""):
    """Liquid's replace: `input.to_s.gsub(string, replacement)`, Ruby reading backslashes in the
    replacement (`'\\\\'` is one backslash: search.json templates' `replace: '\\', '\\\\'` changes nothing)."""
    return _ruby_sub(to_s(value), to_s(string), to_s(replacement), once=False)


def replace_first(value, string, replacement=""):
    """Liquid's replace_first: `input.to_s.sub(string, replacement)`."""
    return _ruby_sub(to_s(value), to_s(string), to_s(replacement), once=True)


def _ruby_sub(text: str, pattern: str, replacement: str, once: bool) -> str:
    """String#gsub/sub with a string pattern and a string replacement (rb_reg_regsub)."""
    if "\\" not in replacement:
        return text.replace(pattern, replacement, 1 if once else -1)
    out, pos = [], 0
    while pos <= len(text):
        at = text.find(pattern, pos)
        if at < 0:
            break
        end = at + len(pattern)
        out.append(text[pos:at])
        out.append(_expand(replacement, text, at, end))
        pos = end
        if once:
            break
        if end == at:  # an empty match: the next character is kept, the search goes on after it
            out.append(text[at:at + 1])
            pos = at + 1
    out.append(text[pos:])
    return "".join(out)


def _expand(replacement: str, text: str, at: int, end: int) -> str:
    """A replacement's backslash sequences: \\0 and \\& the match, \\` before it, \\' after it,
    \\1-\\9 a group (a string pattern has none: nothing), \\\\ one backslash; any other is kept;
    \\k<name> is Ruby's IndexError (the build stops)."""
    out, i, n = [], 0, len(replacement)
    while i < n:
        c = replacement[i]
        if c != "\\" or i + 1 == n:
            out.append(c)
            i += 1
            continue
        d = replacement[i + 1]
        if d in "0&":
            out.append(text[at:end])
        elif d in "123456789":
            pass
        elif d == "`":
            out.append(text[:at])
        elif d == "'":
            out.append(text[end:])
        elif d == "\\":
            out.append("\\")
        elif d == "k" and replacement.startswith("<", i + 2) and ">" in replacement[i + 3:]:
            from liquid.exceptions import FilterError
            name = replacement[i + 3:replacement.index(">", i + 3)]
            raise FilterError(f"undefined group name reference: {name}", token=None)
        else:
            out.append(c + d)
        i += 2
    return "".join(out)


def replace_last(value, string, replacement=""):
    """Liquid 5.4's replace_last: the last `string` in `input.to_s` (rindex) replaced, on the
    to_s of each argument (python-liquid's left a string that is all `string` as it was)."""
    text, string = to_s(value), to_s(string)
    at = text.rfind(string)
    return text if at < 0 else text[:at] + to_s(replacement) + text[at + len(string):]


def remove_last(value, string):
    return replace_last(value, string, "")


def _to_integer(value) -> int:
    """Liquid's Utils.to_integer: Integer(value.to_s), which fails on anything but an integer."""
    value = nil(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = "" if value is None else to_s(value).strip()
    try:  # (Kernel#Integer: 0x, 0b, 0o prefixes, a leading 0 for octal, `_` between digits)
        digits = text.lstrip("+-")
        if len(digits) > 1 and digits[0] == "0" and digits.isdigit():
            return int(text[:len(text) - len(digits)] + "0o" + digits[1:], 0)
        return int(text, 0)
    except ValueError:
        from liquid.exceptions import FilterArgumentError
        raise FilterArgumentError("invalid integer", token=None) from None


def _result(value):
    """A BigDecimal result is a Float (`result.is_a?(BigDecimal) ? result.to_f : result`)."""
    return float(value) if isinstance(value, decimal.Decimal) else value


def _operands(value, other):
    a, b = to_number(value), to_number(other)
    if isinstance(a, decimal.Decimal) or isinstance(b, decimal.Decimal):
        return decimal.Decimal(a), decimal.Decimal(b)
    return a, b


def _zero_division():
    from liquid.exceptions import FilterArgumentError
    return FilterArgumentError("divided by 0", token=None)


def plus(value, other):
    a, b = _operands(value, other)
    return _result(_WIDE.add(a, b) if isinstance(a, decimal.Decimal) else a + b)


def minus(value, other):
    a, b = _operands(value, other)
    return _result(_WIDE.subtract(a, b) if isinstance(a, decimal.Decimal) else a - b)


def times(value, other):
    a, b = _operands(value, other)
    return _result(_WIDE.multiply(a, b) if isinstance(a, decimal.Decimal) else a * b)


def divided_by(value, other):
    """Integer division floors (Ruby's Integer#/); with a decimal operand, BigDecimal division."""
    a, b = _operands(value, other)
    if not b:
        if not isinstance(a, decimal.Decimal):  # (Integer#/: ZeroDivisionError)
            raise _zero_division()
        if not a:  # BigDecimal's x / 0: NaN, or Infinity with the signs' sign (as Float#/)
            return math.nan
        return -math.inf if a.is_signed() != b.is_signed() else math.inf
    return _result(_WIDE.divide(a, b) if isinstance(a, decimal.Decimal) else a // b)


def modulo(value, other):
    """Ruby's %: the sign of the divisor (Python's int %; Decimal's % keeps the dividend's)."""
    a, b = _operands(value, other)
    if not b:
        raise _zero_division()
    if isinstance(a, decimal.Decimal):
        whole = _WIDE.divide(a, b).to_integral_value(rounding=decimal.ROUND_FLOOR)
        return _result(_WIDE.subtract(a, _WIDE.multiply(b, whole)))
    return a % b


def abs_(value):
    return _result(abs(to_number(value)))


def ceil(value):
    return int(decimal.Decimal(to_number(value)).to_integral_value(rounding=decimal.ROUND_CEILING))


def floor(value):
    return int(decimal.Decimal(to_number(value)).to_integral_value(rounding=decimal.ROUND_FLOOR))


def at_least(value, bound):
    least, result = to_number(bound), to_number(value)
    return _result(least if least > result else result)


def at_most(value, bound):
    most, result = to_number(bound), to_number(value)
    return _result(most if most < result else result)



_LONG_MIN, _LONG_MAX = -(1 << 63), (1 << 63) - 1


def slice_(value, offset, length=None):
    """Liquid 5.4's slice: an array's `slice(offset, length) || []`, anything else's
    `to_s.slice(offset, length) || ''` (nil is '', where python-liquid sliced "None"); Ruby's
    slice is nothing for a start before the beginning or past the end, or a negative length."""
    start = _to_integer(offset)
    count = 1 if nil(length) is None else _to_integer(length)
    c_long(start), c_long(count)  # (String#slice and Array#slice take C longs: Ruby's RangeError)
    value = nil(value)
    items = value if isinstance(value, (list, tuple)) else to_s(value)
    if start < 0:
        start += len(items)
    if start < 0 or start > len(items) or count < 0:
        return [] if isinstance(items, (list, tuple)) else ""
    return items[start:start + count]
