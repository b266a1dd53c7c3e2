"""Jekyll's date filters on a date past the year 9999 (YAML's `10000-01-01` is a Ruby Date, and
`12345-06-07 01:02:03 +00:00` a Time; Python's datetime stops at 9999, where specsite stopped the
build). The Gregorian calendar repeats every 400 years (146,097 days, whole weeks), so the date
is read 400·k years earlier, formatted there, and the fields that hold the year written for the
real one: %Y %C %G %F %c %+ %v %s of the date filter, the year in date_to_xmlschema,
date_to_rfc822, date_to_string and date_to_long_string."""
from __future__ import annotations

import re

_FAR = re.compile(r"\s*(\d{5,})(?=-\d)")  # (a year of five digits or more, ISO-8601's way)
_YEAR_FIELDS = re.compile(r"%([-_0^#]*)(\d*)([YCGFcs+v%])")
_DAYS_PER_400_YEARS = 146_097


_LAST_SECOND = 253402300799  # 9999-12-31 23:59:59 UTC, the last Unix time datetime holds
_SECONDS_PER_400_YEARS = 146_097 * 86_400


def shifted(value):
    """(the text with its year moved into datetime's range, the years moved) or None. A Unix
    time (an Integer, or a string of digits: Liquid's to_date reads it with Time.at) moves too."""
    if isinstance(value, str) and value.isdigit() and int(value) > _LAST_SECOND - 2 * 86_400:
        cycles = -(-(int(value) - _LAST_SECOND + 2 * 86_400) // _SECONDS_PER_400_YEARS)  # (a zone's day to spare)
        return str(int(value) - cycles * _SECONDS_PER_400_YEARS), 400 * cycles
    found = _FAR.match(value) if isinstance(value, str) else None
    if found is None:
        return None
    year = int(found.group(1))
    shift = 400 * -(-(year - 9999) // 400)
    return value[:found.start(1)] + str(year - shift) + value[found.end(1):], shift


def far_filter(name: str, filter_, value, args: tuple):
    """`filter_` of a far date, or None when `value` is no such date."""
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return None
    found = shifted(value.strip() if isinstance(value, str) else str(value))
    if found is None:
        return None
    text, shift = found
    if name != "date":
        out = filter_(text, *args)
        return _real_year(out, shift) if isinstance(out, str) else out
    if not args or not isinstance(args[0], str):
        return filter_(text, *args)
    probe = filter_(text, "%Y %G %s")
    if not isinstance(probe, str) or len(probe.split()) != 3:
        return filter_(text, *args)
    year, iso_year, epoch = (int(part) for part in probe.split())
    real = {"Y": year + shift, "G": iso_year + shift, "s": epoch + shift // 400 * _DAYS_PER_400_YEARS * 86400}
    return filter_(text, _YEAR_FIELDS.sub(lambda m: _field(m, real), args[0]), *args[1:])


def _field(m, real: dict) -> str:
    flags, width, kind = m.groups()
    if kind == "%":
        return m.group(0)
    year = real["Y"]
    if kind in "YGC":
        number = real["G" if kind == "G" else "Y"] // (100 if kind == "C" else 1)
        return _padded(str(number), flags, int(width or 0))
    if kind == "s":
        return str(real["s"])
    return {"F": f"{year}-%m-%d", "c": f"%a %b %e %H:%M:%S {year}", "+": f"%a %b %e %H:%M:%S %Z {year}",
            "v": f"%e-%^b-{year}"}[kind]


def _padded(digits: str, flags: str, width: int) -> str:
    if "-" in flags or len(digits) >= width:
        return digits
    return digits.rjust(width, " " if "_" in flags else "0")


def _real_year(out: str, shift: int) -> str:
    """The first four-digit number in `out` that is the moved year (or one next to it, after a
    zone's change of day) written as the real one."""
    def year(m):
        return str(int(m.group(0)) + shift)
    return re.sub(r"(?<![\d+-])\d{4}(?!\d)", year, out, count=1)


