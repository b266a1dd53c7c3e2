"""Ruby's Time.parse (lib/time.rb) over Date._parse (ext/date/date_parse.c, not TIGHT_PARSER):
how Liquid's `date` filter and Jekyll's date_to_* filters read a date string.

Date._parse finds what it can anywhere in the text, each sub-parser in turn blanking what it
read: "March 2024" is {year, mon}, "Tuesday" {wday}, "3.7" nothing; Time.parse fills what is
missing before the first part given from now and the rest with its least value ("March 2024"
is 2024-03-01 00:00), and refuses a text with no date or time in it ("no time information").
Ruby's \\d, \\s, \\w and \\b are ASCII (re.ASCII)."""
from __future__ import annotations

import calendar
import datetime as dt
import re

from .ruby_time import InvalidDate, OutOfRange, local_time as _local_time
from .rubystr import local

_I = re.I | re.A
_MONTHS = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_DAYS = "sun|mon|tue|wed|thu|fri|sat"
_ERA = r"(c(?:e|\.e\.)|b(?:ce|\.c\.e\.)|a(?:d|\.d\.)|b(?:c|\.c\.))?"
_BLANKED = re.compile(r"(?:[^\w\-+',./:@\[\]]|_)+")  # [^-+',./:@[:alnum:]\[\]]+
_DAY = re.compile(rf"\b({_DAYS})[^-/\d\s]*", _I)
_TIME = re.compile(
    r"((?:\d+\s*:\s*\d+(?:\s*:\s*\d+(?:[,.]\d*)?)?|\d+\s*h(?:\s*\d+m?(?:\s*\d+s?)?)?)(?:\s*[ap](?:m\b|\.m\.))?"
    r"|\d+\s*[ap](?:m\b|\.m\.))"
    r"(?:\s*((?:gmt|utc?)?[-+]\d+(?:[,.:]\d+(?::\d+)?)?|(?:[^\W\d_]|[.\s])+(?:standard|daylight)\stime\b"
    r"|[^\W\d_]+(?:\sdst)?\b))?", _I)
_TIME_PARTS = re.compile(r"\A(\d+)h?(?:\s*:?\s*(\d+)m?(?:\s*:?\s*(\d+)(?:[,.](\d+))?s?)?)?(?:\s*([ap])(?:m\b|\.m\.))?", _I)
_EU = re.compile(rf"('?\d+)[^-\d\s]*\s*({_MONTHS})[^-\d\s']*(?:\s*{_ERA}\s*('?-?\d+(?:(?:st|nd|rd|th)\b)?))?", _I)
_US = re.compile(rf"\b({_MONTHS})[^-\d\s']*\s*('?\d+)[^-\d\s']*(?:\s*,?\s*{_ERA}\s*('?-?\d+))?", _I)
_ISO = re.compile(r"('?[-+]?\d+)-(\d+)-('?-?\d+)", re.A)
_ISO21 = re.compile(r"\b(\d{2}|\d{4})?-?w(\d{2})(?:-?(\d))?\b", _I)
_ISO22 = re.compile(r"-w-(\d)\b", _I)
_ISO23 = re.compile(r"--(\d{2})?-(\d{2})\b", re.A)
_ISO24 = re.compile(r"--(\d{2})(\d{2})?\b", re.A)
_ISO25_NOT = re.compile(r"[,.](\d{2}|\d{4})-\d{3}\b", re.A)
_ISO25 = re.compile(r"\b(\d{2}|\d{4})-(\d{3})\b", re.A)
_ISO26_NOT = re.compile(r"\d-\d{3}\b", re.A)
_ISO26 = re.compile(r"\b-(\d{3})\b", re.A)
_JIS = re.compile(r"\b([mtshr])(\d+)\.(\d+)\.(\d+)", _I)
_VMS11 = re.compile(rf"('?-?\d+)-({_MONTHS})[^-/.]*-('?-?\d+)", _I)
_VMS12 = re.compile(rf"\b({_MONTHS})[^-/.]*-('?-?\d+)(?:-('?-?\d+))?", _I)
_SLA = re.compile(r"('?-?\d+)/\s*('?\d+)(?:\D\s*('?-?\d+))?", _I)
_DOT = re.compile(r"('?-?\d+)\.\s*('?\d+)\.\s*('?-?\d+)", _I)
_YEAR = re.compile(r"'(\d+)\b", re.A)
_MON = re.compile(rf"\b({_MONTHS})\S*", _I)
_MDAY = re.compile(r"(\d+)(st|nd|rd|th)\b", _I)
_DDD = re.compile(r"([-+]?)(\d{2,14})(?:\s*t?\s*(\d{2,6})?(?:[,.](\d*))?)?(?:\s*(z\b|[-+]\d{1,4}\b|\[[-+]?\d[^\]]*\]))?", _I)
_BC = re.compile(r"\b(bc\b|bce\b|b\.c\.|b\.c\.e\.)", _I)
_FRAG = re.compile(r"\A\s*(\d{1,2})\s*\Z", _I)
_GENGO = {"m": 1867, "t": 1911, "s": 1925, "h": 1988, "r": 2018}


def _num(text: str) -> int:
    """rb_str_to_inum(s, 10, 0): the leading sign and digits, 0 without any."""
    found = re.match(r"\s*([-+]?\d+)", text, re.A)
    return int(found.group(1)) if found else 0


def _s3e(h: dict, y, m, d, bc: bool) -> None:
    """date_parse.c's s3e: which of three numbers is the year, the month and the day."""
    comp = None
    if m is not None and not isinstance(m, str):
        m = str(m)
    if y is not None and m is not None and d is None:
        y, m, d = d, y, m
    if y is None:
        if d is not None and len(d) > 2:
            y, d = d, None
        if d is not None and d[:1] == "'":
            y, d = d, None
    if y is not None:
        start = next((i for i, c in enumerate(y) if c in "+-" or c.isdigit()), None)
        if start is not None:
            i = start + (y[start] in "+-")
            end = i + len(re.match(r"\d*", y[i:], re.A).group(0))
            if end < len(y):
                y, d = d, y[start:end]
    if m is not None and (m[:1] == "'" or len(m) > 2):  # us -> be
        y, m, d = m, d, y
    if d is not None and (d[:1] == "'" or len(d) > 2):
        y, d = d, y
    if y is not None:
        start = next((i for i, c in enumerate(y) if c in "+-" or c.isdigit()), None)
        if start is not None:
            i = start + (y[start] in "+-")
            if i > start:
                comp = False
            digits = re.match(r"\d*", y[i:], re.A).group(0)
            if len(digits) > 2:
                comp = False
            h["year"] = _num(y[start:i + len(digits)])
    if bc:
        h["_bc"] = True
    for key, value in (("mon", m), ("mday", d)):
        if value is not None:
            digits = re.search(r"\d+", value, re.A)
            if digits:
                h[key] = int(digits.group(0))
    if comp is not None:
        h["_comp"] = comp


def _mon(name: str) -> int:
    return _MONTHS.split("|").index(name[:3].lower()) + 1


def _eu(m, h):
    _s3e(h, m.group(4), _mon(m.group(2)), m.group(1), bool(m.group(3)) and m.group(3)[0] in "Bb")


def _us(m, h):
    _s3e(h, m.group(4), _mon(m.group(1)), m.group(2), bool(m.group(3)) and m.group(3)[0] in "Bb")


def _iso21(m, h):
    if m.group(1):
        h["cwyear"] = int(m.group(1))
    h["cweek"] = int(m.group(2))
    if m.group(3):
        h["cwday"] = int(m.group(3))


def _iso23(m, h):
    if m.group(1):
        h["mon"] = int(m.group(1))
    h["mday"] = int(m.group(2))


def _iso24(m, h):
    h["mon"] = int(m.group(1))
    if m.group(2):
        h["mday"] = int(m.group(2))


def _jis(m, h):
    h.update(year=int(m.group(2)) + _GENGO[m.group(1).lower()], mon=int(m.group(3)), mday=int(m.group(4)))


def _ddd(m, h):
    """parse_ddd_cb: a run of 2 to 14 digits, by its length (yymmdd, yyyymmddhhmmss, hhmmss ...)."""
    sign, s2, s3, s4, s5 = m.group(1), m.group(2), m.group(3), m.group(4), m.group(5)
    n = len(s2)
    time_only = s3 is None and s4 is not None

    def at(i, width):
        return int(s2[i:i + width])
    neg = -1 if sign == "-" else 1
    if n == 2:
        h["sec" if time_only else "mday"] = at(0, 2)
    elif n == 4:
        h.update(sec=at(2, 2), min=at(0, 2)) if time_only else h.update(mon=at(0, 2), mday=at(2, 2))
    elif n == 6:
        if time_only:
            h.update(sec=at(4, 2), min=at(2, 2), hour=at(0, 2))
        else:
            h.update(year=neg * at(0, 2), mon=at(2, 2), mday=at(4, 2))
    elif n in (8, 10, 12, 14):
        if time_only:
            h.update(sec=at(n - 2, 2), min=at(n - 4, 2), hour=at(n - 6, 2), mday=at(n - 8, 2))
            if n >= 10:
                h["mon"] = at(n - 10, 2)
            if n == 12:
                h["year"] = neg * at(0, 2)
            if n == 14:
                h.update(year=neg * at(0, 4), _comp=False)
        else:
            h.update(year=neg * at(0, 4), mon=at(4, 2), mday=at(6, 2))
            for key, i in (("hour", 8), ("min", 10), ("sec", 12)):
                if n >= i + 2:
                    h[key] = at(i, 2)
            h["_comp"] = False
    elif n == 3:
        h.update(sec=at(1, 2), min=at(0, 1)) if time_only else h.update(yday=at(0, 3))
    elif n == 5:
        h.update(sec=at(3, 2), min=at(1, 2), hour=at(0, 1)) if time_only else h.update(year=neg * at(0, 2), yday=at(2, 3))
    elif n == 7:
        if time_only:
            h.update(sec=at(5, 2), min=at(3, 2), hour=at(1, 2), mday=at(0, 1))
        else:
            h.update(year=neg * at(0, 4), yday=at(4, 3))
    if s3 is not None:
        k = len(s3)
        if k in (2, 4, 6):
            if s4 is not None:
                h["sec"] = int(s3[k - 2:])
                if k >= 4:
                    h["min"] = int(s3[k - 4:k - 2])
                if k >= 6:
                    h["hour"] = int(s3[:2])
            else:
                h["hour"] = int(s3[:2])
                if k >= 4:
                    h["min"] = int(s3[2:4])
                if k >= 6:
                    h["sec"] = int(s3[4:6])
    if s4 is not None:
        h["sec_fraction"] = (int(s4 or 0), 10 ** len(s4))
    if s5 is not None:
        h["zone"] = s5 if not s5.startswith("[") else (s5[1:-1].split(":", 1) + [""])[1] or s5[1:-1]


def _time(m, h):
    if m.group(2) is not None:
        h["zone"] = m.group(2)
    parts = _TIME_PARTS.match(m.group(1))
    if parts is None:
        return
    hour = int(parts.group(1))
    if parts.group(5):
        hour = hour % 12 + (12 if parts.group(5) in "Pp" else 0)
    h["hour"] = hour
    if parts.group(2) is not None:
        h["min"] = int(parts.group(2))
    if parts.group(3) is not None:
        h["sec"] = int(parts.group(3))
    if parts.group(4) is not None:
        h["sec_fraction"] = (int(parts.group(4)), 10 ** len(parts.group(4)))


def _frag(m, h):
    n = int(m.group(1))
    if "hour" in h and "mday" not in h and 1 <= n <= 31:
        h["mday"] = n
    if "mday" in h and "hour" not in h and 0 <= n <= 24:
        h["hour"] = n


def _set(key, group=1, convert=int):
    return lambda m, h: h.__setitem__(key, convert(m.group(group)))


# (needs: a = letter, d = digit, - . / the character; pattern; callback; pattern that must not match)
_STEPS = (
    ("ad", ((_EU, _eu, None), (_US, _us, None))),
    ("d-", ((_ISO, lambda m, h: _s3e(h, m.group(1), m.group(2), m.group(3), False), None),)),
    ("d.", ((_JIS, _jis, None),)),
    ("ad-", ((_VMS11, lambda m, h: _s3e(h, m.group(3), _mon(m.group(2)), m.group(1), False), None),
             (_VMS12, lambda m, h: _s3e(h, m.group(3), _mon(m.group(1)), m.group(2), False), None))),
    ("d/", ((_SLA, lambda m, h: _s3e(h, m.group(1), m.group(2), m.group(3), False), None),)),
    ("d.", ((_DOT, lambda m, h: _s3e(h, m.group(1), m.group(2), m.group(3), False), None),)),
    ("d", ((_ISO21, _iso21, None), (_ISO22, _set("cwday"), None), (_ISO23, _iso23, None), (_ISO24, _iso24, None),
           (_ISO25, lambda m, h: h.update(year=int(m.group(1)), yday=int(m.group(2))), _ISO25_NOT),
           (_ISO26, _set("yday"), _ISO26_NOT))),
    ("d", ((_YEAR, _set("year"), None),)),
    ("a", ((_MON, _set("mon", convert=_mon), None),)),
    ("d", ((_MDAY, _set("mday"), None),)),
    ("d", ((_DDD, _ddd, None),)),
)


def _has(text: str, needs: str) -> bool:
    for need in needs:
        if need == "a" and not re.search(r"[^\W\d_]", text, re.A):  # (isalpha: ASCII letters in C)
            return False
        if need == "d" and not re.search(r"[0-9]", text):
            return False
        if need in "-./" and need not in text:
            return False
    return True


def _sub(text: str, pattern, callback, h: dict, guard=None):
    """subx: the first match blanked to one space, its parts read into `h`; (text, matched)."""
    if guard is not None and guard.search(text):
        return text, False
    found = pattern.search(text)
    if found is None:
        return text, False
    callback(found, h)
    return text[:found.start()] + " " + text[found.end():], True


def date_parse(text: str) -> dict:
    """Date._parse(text, true): what the text says of year, mon, mday, yday, hour, min, sec,
    sec_fraction (numerator, denominator), zone, wday, cwyear, cweek, cwday."""
    text = _BLANKED.sub(" ", text)
    h: dict = {"_comp": True}
    if _has(text, "a"):
        text, _ = _sub(text, _DAY, lambda m, h: h.__setitem__("wday", _DAYS.split("|").index(m.group(1)[:3].lower())), h)
    if _has(text, "d"):
        text, _ = _sub(text, _TIME, _time, h)
    done = False
    for needs, parsers in _STEPS:
        if _has(text, needs):
            for pattern, callback, guard in parsers:
                text, done = _sub(text, pattern, callback, h, guard)
                if done:
                    break
        if done:
            break
    if _has(text, "a"):
        text, _ = _sub(text, _BC, lambda m, h: h.__setitem__("_bc", True), h)
    if _has(text, "d"):
        text, _ = _sub(text, _FRAG, _frag, h)
    if h.pop("_bc", False):
        for key in ("cwyear", "year"):
            if key in h:
                h[key] = -h[key] + 1
    if h.pop("_comp"):
        for key in ("cwyear", "year"):
            if key in h and 0 <= h[key] <= 99:
                h[key] += 1900 if h[key] >= 69 else 2000
    return h


# Time::ZoneOffset (hours); any other zone is the local zone's when it names it, else ignored
_ZONE_HOURS = {"UTC": 0, "Z": 0, "UT": 0, "GMT": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7,
               "MDT": -6, "PST": -8, "PDT": -7,
               **{letter: hours for letter, hours in zip("ABCDEFGHIKLM", range(1, 13))},
               **{letter: -hours for letter, hours in zip("NOPQRSTUVWXY", range(1, 13))}}
_NUMERIC = re.compile(r"\A([+-])(\d\d)(:?)(\d\d)(?:\3(\d\d))?\Z", re.A)
_ZERO_OFFSET = dt.timezone(dt.timedelta(0), "+00:00")  # (GMT, +00:00: a fixed offset, not UTC)
_UTC = re.compile(r"\A(?:-00:00|-0000|-00|UTC|Z|UT)\Z", re.I)


def _zone_offset(zone: str, year: int) -> int | None:
    """Time.zone_offset: seconds east of UTC, or None."""
    zone = zone.upper()
    m = _NUMERIC.match(zone)
    if m:
        return (-1 if m.group(1) == "-" else 1) * ((int(m.group(2)) * 60 + int(m.group(4))) * 60 + int(m.group(5) or 0))
    if re.fullmatch(r"[+-]\d\d", zone, re.A):
        return int(zone) * 3600
    if zone in _ZONE_HOURS:
        return _ZONE_HOURS[zone] * 3600
    for month in (1, 7):
        try:
            first = dt.datetime(year, month, 1).astimezone()
        except (ValueError, OverflowError):
            return None
        if (first.tzname() or "").upper() == zone:
            return int(first.utcoffset().total_seconds())
    return None


def time_parse(text: str, now: dt.datetime | None = None, *, naive_local: bool = False) -> dt.datetime:
    """Time.parse(text): an aware datetime (the local zone's, UTC, or a fixed offset that the local
    zone cannot show, as Time#force_zone! chooses); InvalidDate where Ruby raises ArgumentError,
    OutOfRange for a year Python cannot hold. `naive_local`: a time without a zone stays naive.
    Date._parse takes no string over 128 characters (Ruby 3's `limit: 128`: ArgumentError)."""
    if len(text) > 128:
        raise InvalidDate(f"string length ({len(text)}) exceeds the limit 128")
    h = date_parse(text)
    year, yday, mon, day = h.get("year"), h.get("yday"), h.get("mon"), h.get("mday")
    hour, minute, sec, fraction, zone = h.get("hour"), h.get("min"), h.get("sec"), h.get("sec_fraction"), h.get("zone")
    if all(v is None for v in (year, yday, mon, day, hour, minute, sec, fraction)):
        raise InvalidDate(f"no time information in {text!r}")
    now = now or dt.datetime.now().astimezone()
    off = _zone_offset(zone, year if year is not None else now.year) if zone else None
    if yday is not None:
        if not 1 <= yday <= 366:
            raise InvalidDate(f"yday {yday} out of range")
        base_year = year if year is not None else now.year
        if yday == 366 and not calendar.isleap(base_year):
            raise InvalidDate(f"yday {yday} out of range")
        date = dt.date(base_year, 1, 1) + dt.timedelta(days=yday - 1)
        year, mon, day = base_year, date.month, date.day
    if off is not None:
        now = now.astimezone(dt.timezone(dt.timedelta(seconds=off)))
    usec = fraction[0] * 1_000_000 // fraction[1] if fraction else None
    filled = [year, mon, day, hour, minute, sec]
    from_now = [now.year, now.month, now.day, now.hour, now.minute, now.second]
    for i, value in enumerate(filled):
        if value is not None:
            break
        filled[i] = from_now[i]
    else:
        if usec is None:
            usec = now.microsecond
    year, mon, day, hour, minute, sec = (v if v is not None else d for v, d in zip(filled, (1970, 1, 1, 0, 0, 0)))
    if zone and year != (h.get("year") if h.get("year") is not None else now.year):
        off = _zone_offset(zone, year)
    try:
        moment = _local_time(year, mon, day, hour, minute, sec) + dt.timedelta(microseconds=usec or 0)
    except (OverflowError, ValueError) as err:
        if isinstance(err, InvalidDate):
            raise
        raise OutOfRange(f"{text} is outside the years 1 to 9999") from None
    if off is None:
        return moment if naive_local else local(moment)
    fixed = moment.replace(tzinfo=dt.timezone(dt.timedelta(seconds=off)) if off else _ZERO_OFFSET)
    try:
        if _UTC.match(zone):
            return fixed.astimezone(dt.timezone.utc)
        shown = fixed.astimezone()
    except (OverflowError, ValueError):  # (a time the C library cannot convert: year 1 at +01:00)
        return fixed
    return shown if shown.utcoffset() == fixed.utcoffset() else fixed
