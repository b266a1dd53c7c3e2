"""Release dates as teams write them ("5th May 2020", "12 Mar 2019", "22-06-21") → ISO dates.

Numeric dates are read in one order for the whole page: `--date-order` when given, else the
order the page itself proves (a first number above 12 is a day), else day first. A date that
could be read both ways is never guessed silently: the reader says what it assumed and why.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

ORDERS = ("dmy", "mdy", "ymd")
MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
WORDY = [  # (pattern, group of day, month, year)
    (re.compile(rf"\b{_DAY}(?:\s+of)?[\s-]+{_MONTH},?[\s-]+(\d{{4}})\b", re.I), (1, 2, 3)),  # 5th May 2020
    (re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+(\d{{4}})\b", re.I), (2, 1, 3)),  # May 5, 2020
]
ISO = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")
NUMERIC = re.compile(r"(?<![\d.])(\d{1,4})([-/])(\d{1,2})\2(\d{2,4})(?![\d.])")


@dataclass(frozen=True)
class FoundDate:
    """A date read from release notes, or why it is not one."""
    date: dt.date | None
    text: str  # the date as written
    ambiguous: bool = False  # numeric, and both readings are valid days
    problem: str | None = None  # why it is not a date (a day 31 of June, a month 13 in that order)


def find_date(text: str, order: str = "dmy") -> FoundDate | None:
    """The first date written in `text`, or None when it has none."""
    for pattern, (d, m, y) in WORDY:
        match = pattern.search(text)
        if match:
            month = MONTHS[match.group(m).lower()[:3]]
            return _make(match.group(0), int(match.group(y)), month, int(match.group(d)))
    match = ISO.search(text)
    if match:
        return _make(match.group(0), int(match.group(1)), int(match.group(2)), int(match.group(3)))
    match = NUMERIC.search(text)
    if match:
        a, b, c = int(match.group(1)), int(match.group(3)), match.group(4)
        if len(match.group(1)) == 4:  # 2020/04/09 is year first whatever the page's order
            return _make(match.group(0), a, b, int(c))
        if order == "ymd":  # 21-06-22: 22 June 2021
            return _make(match.group(0), a + (2000 if len(match.group(1)) == 2 else 0), b, int(c))
        year = int(c) + (2000 if len(c) == 2 else 0)
        day, month = (a, b) if order != "mdy" else (b, a)
        both = a != b and a <= 12 and b <= 12
        return _make(match.group(0), year, month, day, ambiguous=both)
    return None


def numeric_order(texts) -> tuple[str | None, str | None]:
    """(order, the date that proves it) from a page's numeric dates: 'dmy' when a first number is
    above 12, 'mdy' when a second one is; None when no date decides (or they disagree)."""
    proofs = {}
    for text in texts:
        match = NUMERIC.search(text or "")
        if not match or len(match.group(1)) == 4:
            continue
        a, b = int(match.group(1)), int(match.group(3))
        if a > 12 >= b:
            proofs.setdefault("dmy", match.group(0))
        elif b > 12 >= a:
            proofs.setdefault("mdy", match.group(0))
    if len(proofs) == 1:
        return next(iter(proofs.items()))
    return None, None


def _make(text, year, month, day, ambiguous=False) -> FoundDate:
    try:
        return FoundDate(dt.date(year, month, day), text, ambiguous)
    except ValueError as err:
        return FoundDate(None, text, False, str(err))
