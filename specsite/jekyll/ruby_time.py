"""Ruby's Time.local as Jekyll's dates meet it, and the two ways a date can fail: what Ruby
refuses (ArgumentError, Jekyll's "Invalid date") and what Ruby holds but Python's datetime cannot
(a year past 9999)."""
from __future__ import annotations

import datetime as dt


class InvalidDate(ValueError):
    """A date Ruby's Time.parse refuses with ArgumentError (a month 13, a zone offset of a day):
    Jekyll stops the build at a front matter date like this."""


class OutOfRange(ValueError):
    """A date Ruby reads that Python's datetime cannot hold (year 0, year 10000)."""


def local_time(year: int, month: int, day: int, hour: int, minute: int, second: int) -> dt.datetime:
    """Time.local's reading: days 29-31 past the month's end, 24:00:00 and second 60 roll over;
    the rest out of range raises InvalidDate (Ruby's ArgumentError)."""
    for name, number, low, high in (("mon", month, 1, 12), ("mday", day, 1, 31), ("hour", hour, 0, 24),
                                    ("min", minute, 0, 59), ("sec", second, 0, 60)):
        if not low <= number <= high:
            raise InvalidDate(f"{name} out of range")
    if hour == 24 and (minute or second):
        raise InvalidDate("min out of range" if minute else "sec out of range")
    return dt.datetime(year, month, 1) + dt.timedelta(days=day - 1, hours=hour, minutes=minute, seconds=second)
