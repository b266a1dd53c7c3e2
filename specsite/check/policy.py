"""The one place where `severity:` and `ignore:` from `_config.yml` apply to findings.

Every check (internal links, layout links, `--external`, `--html`, release rules, build
warnings) returns raw findings at the rule's own severity; `apply_policy` relevels or drops
them, so a setting means the same thing whichever checker found the problem. Build failures
(rules declared `configurable=False`) pass through untouched: hiding them would publish a
page that was never made.
"""
from __future__ import annotations

import dataclasses
import fnmatch
from dataclasses import dataclass
from typing import Iterable

from .. import rules
from ..diagnostics import Diagnostic


@dataclass(frozen=True)
class Ignore:
    """One `ignore:` entry: every glob given must match (target, source file, rule)."""

    target: str | None = None
    file: str | None = None
    rule: str | None = None
    reason: str | None = None

    def matches(self, finding: Diagnostic) -> bool:
        checks = ((self.target, finding.target or ""), (self.file, finding.path or ""), (self.rule, finding.rule))
        given = [(glob, value) for glob, value in checks if glob]
        return bool(given) and all(fnmatch.fnmatchcase(value, glob) for glob, value in given)


@dataclass(frozen=True)
class Policy:
    """The site's `check:` options: severities to change and findings to ignore."""
    severity: tuple = ()  # (rule id or glob, level), in the order written
    ignore: tuple = ()  # Ignore entries

    @classmethod
    def from_options(cls, options: dict | None) -> Policy:
        """From `SiteConfig.options` (validated by config.py) or a plain dict of the same keys."""
        options = options or {}
        return cls.of(options.get("severity"), options.get("ignore"))

    @classmethod
    def of(cls, severity=None, ignore=None) -> Policy:
        levels = tuple((str(rule), normalise_level(level)) for rule, level in (severity or {}).items())
        entries = []
        for entry in ignore or ():
            if isinstance(entry, str):
                entry = {"target": entry}
            if isinstance(entry, dict):
                entries.append(Ignore(*(None if entry.get(k) is None else str(entry[k])
                                        for k in ("target", "file", "rule", "reason"))))
        return cls(levels, tuple(entries))

    def level(self, rule_id: str) -> str | None:
        found = None
        for pattern, level in self.severity:  # the last matching entry wins, an exact id over a glob
            if pattern == rule_id:
                return level
            if fnmatch.fnmatchcase(rule_id, pattern):
                found = level
        return found


def normalise_level(level) -> str:
    """YAML 1.1 reads an unquoted `off` (and `no`) as false: it means off."""
    if level is False or level is None:
        return "off"
    return str(level).lower()


def apply_policy(findings: Iterable[Diagnostic], policy: Policy) -> list[Diagnostic]:
    """`findings` relevelled by `severity:` and without those an `ignore:` entry matches."""
    if not policy.severity and not policy.ignore:
        return list(findings)
    kept = []
    for finding in findings:
        rule = rules.get(finding.rule)
        if rule is not None and not rule.configurable:
            kept.append(finding)
            continue
        if any(entry.matches(finding) for entry in policy.ignore):
            continue
        level = policy.level(finding.rule)
        if level == "off":
            continue
        if level in rules.SEVERITIES and level != finding.severity:
            finding = dataclasses.replace(finding, severity=level)
        kept.append(finding)
    return kept
