"""Dates as Jekyll reads them (front matter, file names) and its date filters
(jekyll/lib/jekyll/filters/date_filters.rb, Liquid::Utils.to_date)."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .ruby import _local, _v
from .ruby_time import InvalidDate, OutOfRange, local_time as _local_time


@dataclass(frozen=True)
class DateProblem:
    """Why a document's front matter date was not used: Jekyll stops at it (`error`), or specsite
    does not read its form and used another date (a warning)."""
    error: bool
    message: str
    hint: str


class DefaultDate(dt.datetime):
    """Document#date's fallback (the build's time, a draft's modification time): what `date`
    reads, but not in the document's data when Jekyll sorts (Document#<=> then compares paths)."""

    __slots__ = ()


def document_cmp(a, b) -> int:
    """Document#<=> of two document drops: their dates when both have one (Ruby's `<=>` of two
    Times; nil for a date against a Date), else (or equal) their paths."""
    x, y = a.get("date"), b.get("date")
    if isinstance(x, dt.datetime) and isinstance(y, dt.datetime) and x.__class__ is not DefaultDate \
            and y.__class__ is not DefaultDate:
        try:
            order = (x > y) - (x < y)
        except TypeError:  # (one with a zone, one without: no order)
            order = 0
        if order:
            return order
    x, y = str(a.get("path") or ""), str(b.get("path") or "")
    return (x > y) - (x < y)


DATE_HINT = "Write it as YYYY-MM-DD, with a time and zone if you need them: 2016-03-15 10:00:00 +01:00."


def front_matter_date(given, tz, fallback: str):
    """(datetime or None, DateProblem or None) for a document's `date:` value; `fallback` names
    the date used instead (for the problem's message)."""
    if given is None:  # `date:` with nothing after it: Jekyll parses its to_s, "", and stops
        return None, DateProblem(True, "empty date: Jekyll reads it as '' (no time information) and stops the "
                                 "build at it", "Give the date (2016-03-15), or delete the empty 'date:' line.")
    try:
        date = read_date(given, tz)
    except InvalidDate as err:
        return None, DateProblem(True, f"invalid date '{given}' ({err}): Jekyll stops the build at it", DATE_HINT)
    except OutOfRange:
        return None, DateProblem(False, f"date '{given}' falls outside the years 1 to 9999, which specsite cannot "
                                 f"hold; {fallback} was used instead", DATE_HINT)
    if date is None:
        return None, DateProblem(False, f"date '{given}' is in a form specsite does not read; {fallback} was "
                                 "used instead", DATE_HINT)
    return date, None


def to_date(value, tz=None):
    """A front matter or file name date as a naive local datetime, or None (read_date's answer;
    None where Ruby refuses it too)."""
    try:
        return read_date(value, tz)
    except (InvalidDate, OutOfRange):
        return None


def read_date(value, tz=None):
    """A date as a naive local datetime (in `tz`'s time; None: the machine's), or None for a form
    specsite does not read. A string is read as Ruby's Time.parse reads the common forms (Jekyll's
    Utils.parse_date): `2016-03-15`, `2016/03/15`, `2016.03.15`, `16-03-15` (20xx; 69-99: 19xx),
    `15.03.2016`, `20160315`, `15 March 2016`, `Tue, 15 Mar 2016`, `March 15, 2016`, each with an
    optional time (`10:00`, `5:3`, `10:00 pm`) and zone (`Z`, `UTC`, `+02:00`, `-0500`, `PST`, a
    military letter; one Ruby does not know, `CET`, is local time). As Time.local, a day past the
    month's end and 24:00 roll over; what Ruby refuses raises InvalidDate, a year Python's datetime
    cannot hold OutOfRange."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            try:
                value = value.astimezone(tz).replace(tzinfo=None)
            except (OverflowError, ValueError):  # (a YAML timestamp 0001-01-01 00:00:00 +01:00)
                raise OutOfRange(f"{value} is outside the years 1 to 9999") from None
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # (Jekyll reads the value's to_s: a YAML integer 20160315)
    if not isinstance(value, str):
        return None
    if len(value) > 128:  # (Time.parse's Date._parse takes no longer string: ArgumentError)
        raise InvalidDate(f"string length ({len(value)}) exceeds the limit 128")
    text = value.strip()
    m = _ISO.match(text) or _DMY.match(text)
    if m:
        y, mo, d, h, mi, sec, meridian, zone = m.group("y", "mo", "d", "h", "mi", "s", "ampm", "zone")
        if len(y) == 2:
            y = _full_year(y)
    elif _DIGITS.match(text):
        digits = text
        y = digits[:4] if len(digits) == 8 else _full_year(digits[:2])
        mo, d = digits[-4:-2], digits[-2:]
        h = mi = sec = meridian = zone = None
    else:
        m = _DAY_MONTH.match(text) or _MONTH_DAY.match(text)
        if not m or m.group("month")[:3].lower() not in _MONTHS:
            from .time_parse import time_parse  # (the other forms: Time.parse's own reading)
            parsed = time_parse(text, naive_local=True)
            try:
                return parsed if parsed.tzinfo is None else parsed.astimezone(tz).replace(tzinfo=None)
            except (OverflowError, ValueError):
                raise OutOfRange(f"{text} is outside the years 1 to 9999") from None
        y, mo, d, h, mi, sec, meridian, zone = (m.group("year"), _MONTHS[m.group("month")[:3].lower()],
                                                m.group("day"), *m.group("h", "mi", "s", "ampm", "zone"))
    hour = int(h or 0)
    if meridian:
        hour = hour % 12 + (12 if meridian.lower() == "p" else 0)
    try:
        date = _local_time(int(y), int(mo), int(d), hour, int(mi or 0), int(sec or 0))
        offset = _offset(zone) if zone else None
        if offset is not None:
            date = date.replace(tzinfo=dt.timezone(offset)).astimezone(tz).replace(tzinfo=None)
    except InvalidDate:
        raise
    except (OverflowError, ValueError):  # before year 1 or after 9999 (Ruby has them): not held
        raise OutOfRange(f"{text} is outside the years 1 to 9999") from None
    return date


def _full_year(yy: str) -> str:
    """Date._parse's completed year of two digits: 69-99 are 19xx, the rest 20xx."""
    return str(int(yy) + (1900 if int(yy) >= 69 else 2000))


def _offset(zone: str) -> dt.timedelta | None:
    """Time.zone_offset: a zone's offset from UTC, or None for one Ruby does not know (local time)."""
    named = _ZONES.get(zone.lower())
    if named is not None:
        return dt.timedelta(hours=named)
    m = _NUMERIC_ZONE.fullmatch(zone)
    if m is None:
        return None
    sign, hours, minutes, seconds = m.group(1), int(m.group(2)), int(m.group(4) or 0), int(m.group(5) or 0)
    offset = dt.timedelta(hours=hours, minutes=minutes, seconds=seconds)
    if offset >= dt.timedelta(days=1):
        raise InvalidDate("utc_offset out of range")
    return offset if sign == "+" else -offset


_TIME = (r"(?:(?:[ T]|\s+)(?P<h>\d{1,2})(?::(?P<mi>\d{1,2})(?::(?P<s>\d{1,2}))?(?:[.,]\d+)?)?"
         r"(?:\s*(?P<ampm>[ap])(?:m\b|\.m\.))?)?")
# a zone: named, numeric, or a word Ruby does not know (CET, UTC+2, Europe/Paris, +1: local time)
_ZONE = r"(?:\s*(?P<zone>[+-]\d{2}(?::?\d{2}(?::?\d{2})?)?|[+-]\d(?::\d\d)?|[A-Za-z][A-Za-z_/]*(?:[+-]\d{1,2})?))?$"
_ISO = re.compile(r"^(?P<y>\d{2,4})(?P<sep>[-/.])(?P<mo>\d{1,2})(?P=sep)(?P<d>\d{1,2})" + _TIME + _ZONE, re.I)
_DMY = re.compile(r"^(?P<d>\d{1,2})(?P<sep>[-/.])(?P<mo>\d{1,2})(?P=sep)(?P<y>\d{4})" + _TIME + _ZONE, re.I)
_DIGITS = re.compile(r"^(?:\d{8}|\d{6})$")  # yyyymmdd, yymmdd (Date._parse's _parse_ddd)
_NUMERIC_ZONE = re.compile(r"([+-])(\d\d)(?:(:?)(\d\d)(?:\3(\d\d))?)?")
_WEEKDAY = r"(?:[A-Za-z]{3,9},?\s+)?"
_DAY_MONTH = re.compile("^" + _WEEKDAY + r"(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?,?\s+(?P<year>\d{4})"
                        + _TIME + _ZONE, re.I)
_MONTH_DAY = re.compile("^" + _WEEKDAY + r"(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+"
                        r"(?P<year>\d{4})" + _TIME + _ZONE, re.I)
_MONTHS = {name: i for i, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_ZONES = {"z": 0, "utc": 0, "gmt": 0, "ut": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
          "pst": -8, "pdt": -7,  # and the military letters (Time::ZoneOffset), J (local time) not among them
          **{letter: hours for letter, hours in zip("abcdefghiklm", range(1, 13))},
          **{letter: -hours for letter, hours in zip("nopqrstuvwxy", range(1, 13))}}


def _date(value):
    """Liquid::Utils.to_date as Jekyll's date filters read it (`time`): a naive local datetime
    from a date, a time, a Unix time (an Integer or a string of digits), 'now' or 'today', or a
    string Time.parse reads; None for anything else (a float, true, a list, text Time.parse
    refuses), which the filters make Jekyll's "Invalid Date" error."""
    value = _v(value)
    if isinstance(value, dt.date):  # a date or a time, as front matter gives it
        return read_date(value)  # (InvalidDate, OutOfRange: ValueErrors, the filter's "Invalid Date")
    if isinstance(value, int) and not isinstance(value, bool):
        return dt.datetime.fromtimestamp(value)
    if isinstance(value, str):
        text = value.lower()
        if text in ("now", "today"):
            return dt.datetime.now()
        if _ALL_DIGITS.fullmatch(text):
            return dt.datetime.fromtimestamp(int(text))
        try:
            return read_date(text)  # (Time.parse, then Time#localtime)
        except InvalidDate:
            return None
    return None


_ALL_DIGITS = re.compile(r"[0-9]+")


def _time(value):
    """Jekyll's DateFilters#time: `_date`, or its InvalidDateError."""
    date = _date(value)
    if date is None:
        from liquid.exceptions import FilterValueError
        from .rubystr import inspect
        raise FilterValueError(f"Invalid Date: '{inspect(value)}' is not a valid datetime", token=None)
    return date


def _ordinal(day: int) -> str:
    if 11 <= day <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _stringify_date(value, month: str, type_=None, style=None):
    value = _v(value)
    if value is None or value == "":
        return value
    date = _time(value)
    year = f"{date.year:04d}"  # Ruby's %Y: at least four digits ("0001")
    if type_ == "ordinal":
        day = f"{date.day}{_ordinal(date.day)}"
        if style == "US":
            return f"{date.strftime(month)} {day}, {year}"
        return f"{day} {date.strftime(month)} {year}"
    return f"{date.day:02d} {date.strftime(month)} {year}"


def date_to_string(value, type_=None, style=None):
    """'27 Jan 2011'; 'ordinal' gives '27th Jan 2011', with 'US' 'Jan 27th, 2011'."""
    return _stringify_date(value, "%b", _v(type_), _v(style))


def date_to_long_string(value, type_=None, style=None):
    return _stringify_date(value, "%B", _v(type_), _v(style))


def date_to_xmlschema(value):
    value = _v(value)
    if value is None or value == "":  # (`return date if date.to_s.empty?`)
        return value
    return _local(_time(value)).replace(microsecond=0).isoformat()  # Time#xmlschema


def date_to_rfc822(value):
    value = _v(value)
    if value is None or value == "":
        return value
    date = _local(_time(value))  # Time#rfc2822
    return date.strftime(ruby_year("%a, %d %b %Y %H:%M:%S %z", date.year))


def ruby_year(fmt: str, year: int) -> str:
    """`fmt` with its %Y as Ruby's strftime writes it, at least four digits ("0001"), where C's
    strftime writes the year as it is."""
    if year >= 1000 or "%Y" not in fmt:
        return fmt
    return re.sub(r"%(%|Y)", lambda m: "%%" if m.group(1) == "%" else f"{year:04d}", fmt)


_MAX_WIDTH = 4_718_592  # the widest field Ruby's strftime writes
_RUBY_ONLY = re.compile(r"%(%|[-_0^#]*(\d*)([NL])|(:{0,2})z|Z|s)")


_FIXED_OFFSET_NAME = re.compile(r"UTC[+-]\d\d:\d\d(?::\d\d(?:\.\d+)?)?|[+-]00:00")  # (dt.timezone's own names)


def ruby_directives(fmt: str, date) -> str:
    """`fmt` with the directives of Ruby's strftime that C's lacks written out: %N (fraction of the
    second, 9 digits, or as many as a width asks: %3N), %L (milliseconds, %6L micro), %:z and %::z
    (offset with colons), %s (seconds since the epoch of the date's own instant, where C's reads
    the fields as local time); a Date's %z and %Z (+0000, +00:00: a Date has no zone, Python's
    prints nothing); a fixed offset's %Z, empty (Python's: "UTC+05:30"). Python's strftime would
    print the others as they are."""
    if "%" not in fmt:
        return fmt
    plain_date = not isinstance(date, dt.datetime)

    def directive(m):
        if m.group(1) == "%":
            return "%%"
        if m.group(1) == "s":  # (C's %s reads the fields as local time, whatever the date's offset)
            if isinstance(date, dt.datetime):
                return str(int(date.timestamp()) if date.tzinfo else int(date.replace(tzinfo=dt.timezone.utc).timestamp()))
            return str((date - dt.date(1970, 1, 1)).days * 86400)
        if m.group(3):
            digits = int(m.group(2) or (9 if m.group(3) == "N" else 3))
            if digits > _MAX_WIDTH:  # (Ruby's strftime: Errno::ERANGE; here a string of that size)
                raise ValueError(f"Numerical result out of range - {m.group(0)}")
            micro = getattr(date, "microsecond", 0)
            return f"{micro:06d}000"[:digits].ljust(digits, "0")
        if m.group(1) == "Z" and not plain_date and _FIXED_OFFSET_NAME.fullmatch(date.tzname() or ""):
            return ""  # (a Time made with a fixed offset, `+05:30` in YAML or a date string, has no zone)
        if m.group(1) == "Z" or not m.group(4):  # %Z, %z: Python's, but for a Date
            return ("+00:00" if m.group(1) == "Z" else "+0000") if plain_date else m.group(0)
        offset = None if plain_date else date.utcoffset()
        seconds = int(offset.total_seconds()) if offset is not None else 0
        sign, seconds = ("-" if seconds < 0 else "+"), abs(seconds)
        text = f"{sign}{seconds // 3600:02d}:{seconds // 60 % 60:02d}"
        return text + (f":{seconds % 60:02d}" if m.group(4) == "::" else "")
    return _RUBY_ONLY.sub(directive, fmt)


def time_to_a(value: dt.datetime) -> list:
    """Ruby's Time#to_a, which Liquid's InputIterator makes of a Time (`Array(time)`): [sec, min,
    hour, day, month, year, wday, yday, isdst, zone], zone nil for a fixed offset."""
    import time as _time
    from .rubystr import local
    value = local(value)
    name = value.tzname() or ""
    fixed = _FIXED_OFFSET_NAME.fullmatch(name) is not None
    zone = "UTC" if value.tzinfo is dt.timezone.utc else None if fixed else name
    dst = zone not in (None, "UTC") and _time.localtime(value.timestamp()).tm_isdst > 0
    return [value.second, value.minute, value.hour, value.day, value.month, value.year,
            (value.weekday() + 1) % 7, value.timetuple().tm_yday, dst, zone]
