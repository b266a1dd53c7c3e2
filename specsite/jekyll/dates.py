"""Dates as Jekyll reads them (front matter, file names) and its date filters
(jekyll/lib/jekyll/filters/date_filters.rb, Liquid::Utils.to_date)."""
from __future__ import annotations

import datetime as dt
import re

from .ruby import _local, _v


# a date, a time, a zone (an offset, Z, or a name: "2016-03-15 UTC", which YAML leaves a string and
# Jekyll's Utils.parse_date reads with Time.parse)
_DATE_TEXT = re.compile(r"^(\d{2,4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
                        r"\s*(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{2,4})?)?(?:\s+([A-Za-z]{2,4}|[+-]\d{2}:?\d{2}))?$")
_ZONE_HOURS = {"utc": 0, "ut": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5, "mst": -7,
               "mdt": -6, "pst": -8, "pdt": -7}  # (Date::Format's zone table, its North American names)


def to_date(value, tz=None):
    """A front matter or file name date as a naive local datetime, or None."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(tz).replace(tzinfo=None)
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        text = value.strip()
        m = _DATE_TEXT.match(text)
        if not m:
            return None
        y, mo, d, h, mi, s, zone, after = m.groups()
        zone = zone or after
        if zone and zone[0].isalpha():  # a zone name (Time.parse's table; others are no date here)
            if zone.lower() not in _ZONE_HOURS:
                return None
            zone = "%+03d00" % _ZONE_HOURS[zone.lower()]
        try:
            date = dt.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0))
        except ValueError:
            return None
        if zone:
            offset = dt.timedelta(0) if zone == "Z" else dt.timedelta(
                hours=int(zone[1:3]), minutes=int(zone[-2:])) * (1 if zone[0] == "+" else -1)
            date = date.replace(tzinfo=dt.timezone(offset)).astimezone(tz).replace(tzinfo=None)
        return date
    return None



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
