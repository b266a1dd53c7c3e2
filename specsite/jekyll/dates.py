"""Dates as Jekyll reads them (front matter, file names) and its date filters
(jekyll/lib/jekyll/filters/date_filters.rb, Liquid::Utils.to_date)."""
from __future__ import annotations

import datetime as dt
import re

from .ruby import _local, _v


def to_date(value, tz=None):
    """A front matter or file name date as a naive local datetime, or None. A string is read as
    Ruby's Time.parse reads the common forms (Jekyll's Utils.parse_date): `2016-03-15`, `2016/03/15`,
    `15 March 2016`, `Tue, 15 Mar 2016`, `March 15, 2016`, each with an optional time and zone
    (`Z`, `UTC`, `GMT`, `+02:00`, `-0500`, `PST`...)."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(tz).replace(tzinfo=None)
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        text = value.strip()
        m = _ISO.match(text)
        if m:
            y, _, mo, d, h, mi, sec, zone = m.groups()
        else:
            m = _DAY_MONTH.match(text) or _MONTH_DAY.match(text)
            if not m or m.group("month")[:3].lower() not in _MONTHS:
                return None
            y, mo, d, h, mi, sec, zone = (m.group("year"), _MONTHS[m.group("month")[:3].lower()], m.group("day"),
                                          *m.group("h", "mi", "s", "zone"))
        try:
            date = dt.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(sec or 0))
        except ValueError:
            return None
        if zone:
            named = _ZONES.get(zone.lower())
            offset = dt.timedelta(hours=named) if named is not None else dt.timedelta(
                hours=int(zone[1:3]), minutes=int(zone[-2:]) if len(zone) > 3 else 0) * (1 if zone[0] == "+" else -1)
            date = date.replace(tzinfo=dt.timezone(offset)).astimezone(tz).replace(tzinfo=None)
        return date
    return None


_TIME = r"(?:(?:[ T]|\s+)(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:\.\d+)?)?"
_ZONE = r"(?:\s*(?P<zone>Z|UTC|GMT|UT|[ECMP][SD]T|[+-]\d{2}(?::?\d{2})?))?$"
_ISO = re.compile(r"^(\d{2,4})([-/])(\d{1,2})\2(\d{1,2})" + _TIME + _ZONE, re.I)
_WEEKDAY = r"(?:[A-Za-z]{3,9},?\s+)?"
_DAY_MONTH = re.compile("^" + _WEEKDAY + r"(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?,?\s+(?P<year>\d{4})"
                        + _TIME + _ZONE, re.I)
_MONTH_DAY = re.compile("^" + _WEEKDAY + r"(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+"
                        r"(?P<year>\d{4})" + _TIME + _ZONE, re.I)
_MONTHS = {name: i for i, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), 1)}
_ZONES = {"z": 0, "utc": 0, "gmt": 0, "ut": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7, "mdt": -6,
          "pst": -8, "pdt": -7}


def _date(value):
    """Liquid::Utils.to_date: a datetime from a date, a time, a date string, a Unix time or 'now'."""
    value = _v(value)
    if isinstance(value, dt.date):  # a date or a time, as front matter gives it
        return to_date(value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return dt.datetime.fromtimestamp(value)
    if isinstance(value, str):
        text = value.strip()
        if text in ("now", "today"):
            return dt.datetime.now()
        if text.isdigit():
            return dt.datetime.fromtimestamp(int(text))
        found = to_date(text)
        if found is not None:
            return found
        for fmt in ("%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%a, %d %b %Y %H:%M:%S %z",
                    "%Y/%m/%d", "%d/%m/%Y"):
            try:
                parsed = dt.datetime.strptime(text, fmt)
            except ValueError:
                continue
            return parsed.astimezone().replace(tzinfo=None) if parsed.tzinfo else parsed
    return None


def _ordinal(day: int) -> str:
    if 11 <= day <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _stringify_date(value, month: str, type_=None, style=None):
    value = _v(value)
    if value is None or value == "":
        return value
    date = _date(value)
    if date is None:
        return value
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
    date = _date(value)
    return value if date is None else _local(date).replace(microsecond=0).isoformat()  # Time#xmlschema


def date_to_rfc822(value):
    value = _v(value)
    date = _date(value)
    if date is None:
        return value
    date = _local(date)  # Time#rfc2822
    return date.strftime(ruby_year("%a, %d %b %Y %H:%M:%S %z", date.year))


def ruby_year(fmt: str, year: int) -> str:
    """`fmt` with its %Y as Ruby's strftime writes it, at least four digits ("0001"), where C's
    strftime writes the year as it is."""
    if year >= 1000 or "%Y" not in fmt:
        return fmt
    return re.sub(r"%(%|Y)", lambda m: "%%" if m.group(1) == "%" else f"{year:04d}", fmt)
