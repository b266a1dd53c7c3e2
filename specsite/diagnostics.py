"""Problems as data with a position: every stage appends Diagnostics to one list."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from . import lean_imports


ERROR = "error"
WARNING = "warning"
INFO = "info"
SEVERITIES = (ERROR, WARNING, INFO)


@dataclass(frozen=True)
class Diagnostic:
    """One finding or failure. `path` is relative to the source folder; lines are 1-based."""

    path: str
    line: int | None
    column: int | None
    rule: str
    severity: str
    message: str
    hint: str | None = None
    target: str | None = None
    # the pages a layout's, include's or data file's line writes this finding into (all of them, as
    # the message's "(on N pages: …)" names the first few): data for the reports that group them
    carried_by: tuple = ()

    def sort_key(self):
        """File, line, column, rule, message; then the other fields, so that two findings at one
        place with one message (a broken link's several targets) come out in the same order in
        every run (they are gathered in a set: its order follows the run's string hashes)."""
        return (self.path, self.line or 0, self.column or 0, self.rule, self.message, self.severity,
                self.hint or "", self.target or "")

    def location(self) -> str:
        loc = self.path or "<site>"
        if self.line:
            loc += f":{self.line}"
            if self.column:
                loc += f":{self.column}"
        return loc

    def format(self) -> str:
        return f"{self.location()}: {self.severity}[{self.rule}]: {self.text()}"

    def text(self) -> str:
        """The message, then how to fix it as a sentence of its own."""
        return sentences(self.message, self.fix())

    def fix(self) -> str | None:
        """The hint, else the rule's own fix (rules.py): a finding that was given no hint of its
        own still says how to fix it, in every report."""
        if self.hint:
            return self.hint
        from .rules import RULES
        rule = RULES.get(self.rule)
        return rule.fix if rule is not None else None


def sentences(message: str, hint: str | None) -> str:
    """'message. Hint' — a stop after the message when a hint follows and it has none of its own,
    so "… on this page" and "Did you mean '#x'?" do not run together."""
    if not hint:
        return message
    stop = "" if message.rstrip().endswith((".", "?", "!", ":")) else "."
    return f"{message.rstrip()}{stop} {hint}"


def command_name(argv0: str | None = None) -> str:
    """specsite as the user invoked it, for hints that say what to run next: `specsite`,
    `python3 -m specsite` or `python3 build_site.py` (the script path as it was typed)."""
    argv0 = sys.argv[0] if argv0 is None else argv0
    path = Path(argv0 or "specsite")
    if path.name == "build_site.py":
        return f"python3 {argv0}"
    if path.name == "__main__.py" and path.parent.name == "specsite":
        return "python3 -m specsite"
    return "specsite"


def source_option(source) -> str:
    """` --source DIR` for a command a hint names, when the source is not the current folder: a
    path from here when it is below it, else its absolute path."""
    import shlex
    here = Path.cwd().resolve()
    folder = Path(source).resolve()
    if folder == here:
        return ""
    shown = folder.relative_to(here) if folder.is_relative_to(here) else folder
    return f" --source {shlex.quote(str(shown))}"


@dataclass
class Diagnostics:
    """The one list every stage appends to; `fatal` marks problems that stop a write."""

    items: list[Diagnostic] = field(default_factory=list)

    def add(self, path, line, rule, severity, message, *, column=None, hint=None, target=None):
        self.items.append(Diagnostic(str(path), line, column, rule, severity, message, hint, target))

    def error(self, path, line, rule, message, **kw):
        self.add(path, line, rule, ERROR, message, **kw)

    def warning(self, path, line, rule, message, **kw):
        self.add(path, line, rule, WARNING, message, **kw)

    def extend(self, items: Iterable[Diagnostic]):
        self.items.extend(items)

    def count(self, severity: str) -> int:
        return sum(1 for d in self.items if d.severity == severity)

    def sorted(self) -> list[Diagnostic]:
        return sorted(set(self.items), key=Diagnostic.sort_key)


def did_you_mean(word: str, choices: Iterable[str], *, prefix: str = "") -> str | None:
    """A "Did you mean 'x'?" hint for the closest choice, or None when nothing is close."""
    match = closest(word, choices)
    return f"Did you mean '{prefix}{match}'?" if match else None


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The most similar choice (difflib's ratio, computed by rapidfuzz in C++), or None."""
    choices = choices if isinstance(choices, (list, tuple)) else list(choices)
    if not choices:
        return None
    if _reachable(word, choices, cutoff * 100):
        lean_imports.rapidfuzz()
        from rapidfuzz import fuzz, process  # only when a suggestion may be found: start-up stays short
        match = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=cutoff * 100)
        if match:
            return match[0]
    lowered = {c.lower(): c for c in choices}
    return lowered.get(word.lower())


class Names:
    """`closest` over one list of names asked many times (every broken link of a site against
    every page): the names grouped by length, since a ratio can be no higher than
    2·min(len)/(sum of lens), and groups visited best bound first until no group can beat the
    best match found, so a query compares with the names of about its own length only. The
    same answer as `closest(word, names)`: the highest ratio, the first of equals in list order."""

    def __init__(self, names: Iterable[str]):
        self.names = list(names)
        groups: dict = {}
        for i, name in enumerate(self.names):
            names, indices = groups.setdefault(len(name), ([], []))
            names.append(name)
            indices.append(i)
        self.groups = groups
        self.lowered = None
        self.answers: dict = {}  # (word, cutoff) -> closest

    def closest(self, word: str, cutoff: float = 0.6) -> str | None:
        """(A layout's link is asked once per page: each answer is kept.)"""
        key = (word, cutoff)
        if key not in self.answers:
            self.answers[key] = self._closest(word, cutoff)
        return self.answers[key]

    def _closest(self, word: str, cutoff: float) -> str | None:
        if not self.names:
            return None
        size = len(word)
        if "rapidfuzz" not in sys.modules and not _reachable(word, [
                name for length in self.groups if _bound(size, length) >= cutoff * 100 - 1e-6
                for name in self.groups[length][0]], cutoff * 100):
            return self._lowered(word)
        lean_imports.rapidfuzz()
        from rapidfuzz import fuzz, process
        bounds = sorted(((_bound(size, length), length) for length in self.groups), reverse=True)
        best = None  # (score, index in self.names)
        for bound, length in bounds:
            floor = cutoff * 100 if best is None else best[0]
            if bound < floor - 1e-6:
                break
            names, indices = self.groups[length]
            match = process.extractOne(word, names, scorer=fuzz.ratio, score_cutoff=floor)
            if match is None:
                continue
            found = (match[1], indices[match[2]])
            if best is None or found[0] > best[0] or (found[0] == best[0] and found[1] < best[1]):
                best = found
        if best is not None:
            return self.names[best[1]]
        return self._lowered(word)

    def _lowered(self, word: str) -> str | None:
        if self.lowered is None:
            self.lowered = {name.lower(): name for name in self.names}
        return self.lowered.get(word.lower())


def _bound(a: int, b: int) -> float:
    """The highest ratio two strings of these lengths can have (an indel distance ≥ |a - b|)."""
    return 100.0 if a + b == 0 else 200.0 * min(a, b) / (a + b)


_FEW = 256  # more choices than this: rapidfuzz's C++ is worth its import (7–9 ms, 41 modules)


def _reachable(word: str, choices, floor: float) -> bool:
    """Whether rapidfuzz might find a choice scoring `floor` or more, without importing it: a ratio
    is 200·LCS/(sum of lengths), and a common subsequence uses only the letters both strings have
    (counted with repeats), so when that bound is below the floor for every one of a few choices
    nothing matches. True once rapidfuzz is loaded, or for many choices (its C++ is faster)."""
    if "rapidfuzz" in sys.modules or len(choices) > _FEW:
        return True
    counts: dict = {}
    for ch in word:
        counts[ch] = counts.get(ch, 0) + 1
    for choice in choices:
        total = len(word) + len(choice)
        if total == 0 or _bound(len(word), len(choice)) < floor - 1e-6:
            if total == 0:
                return True
            continue
        seen: dict = {}
        common = 0
        for ch in choice:
            seen[ch] = n = seen.get(ch, 0) + 1
            common += n <= counts.get(ch, 0)
        if 200.0 * common / total >= floor - 1e-6 and 200.0 * _lcs(word, choice) / total >= floor - 1e-6:
            return True
    return False


def _lcs(a: str, b: str) -> int:
    """The length of the longest common subsequence (Hyyrö's bit-parallel recurrence: one
    step per letter of `b`), so _reachable bounds a ratio by its exact value."""
    masks: dict = {}
    for i, ch in enumerate(a):
        masks[ch] = masks.get(ch, 0) | 1 << i
    full = (1 << len(a)) - 1
    v = full
    for ch in b:
        u = v & masks.get(ch, 0)
        v = ((v + u) | (v - u)) & full
    return len(a) - bin(v).count("1")
