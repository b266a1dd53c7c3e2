"""Reports of check findings in the formats people and CI systems read.

`render_report` turns the sorted list of Diagnostics into one string:

* ``text``   -- one ``Diagnostic.format()`` line per finding, then a summary line;
* ``json``   -- a JSON array of plain objects (for scripts);
* ``junit``  -- JUnit XML, one test case per checked page (for CI test tabs);
* ``sarif``  -- SARIF 2.1.0 (for code-scanning tools such as GitHub code scanning);
* ``github`` -- GitHub Actions workflow commands (inline annotations on a pull request).

Every non-empty report ends with a newline. Lines and columns that are unknown (None, or
not a positive number) are left out, as ``Diagnostic.location()`` leaves them out; a column
is only reported together with its line.
"""
from __future__ import annotations

import json
import re

from ..commands.args import REPORT_FORMATS as FORMATS
from ..diagnostics import ERROR, INFO, WARNING, Diagnostic
from ..wording import plural
from .grouped import grouped

TOOL_NAME = "specsite"
INFORMATION_URI = "https://github.com/specsite/specsite"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
SRCROOT = "%SRCROOT%"
JUNIT_CLASSNAME = "specsite.links"
SITE = "<site>"  # the name of findings that belong to no file, as in Diagnostic.location()

SARIF_LEVELS = {ERROR: "error", WARNING: "warning", INFO: "note"}
GITHUB_COMMANDS = {ERROR: "error", WARNING: "warning", INFO: "notice"}

# Characters XML 1.0 cannot carry at all, not even as character references.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def render_report(findings: list[Diagnostic], fmt: str, *, tool_version: str,
                  pages: list[str] | None = None, summary: dict | None = None) -> str:
    """The report of `findings` (already sorted by file and line) in format `fmt`.

    `pages` lists the source files that were checked (JUnit reports one test case per page);
    `summary` holds optional totals such as {"pages": 20, "links": 499, "seconds": 0.12}.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; choose one of: {', '.join(FORMATS)}")
    findings = list(findings)
    if fmt == "text":
        return _text(findings, pages, summary or {})
    if fmt == "json":
        return _json(findings)
    if fmt == "junit":
        return _junit(findings, pages or [], summary or {})
    if fmt == "sarif":
        return _sarif(findings, tool_version)
    return _github(findings)


# -- shared helpers -----------------------------------------------------------------------------


def _position(d: Diagnostic) -> tuple[int | None, int | None]:
    """(line, column) with unknown or meaningless values as None; no column without a line."""
    line = d.line if isinstance(d.line, int) and d.line >= 1 else None
    column = d.column if line is not None and isinstance(d.column, int) and d.column >= 1 else None
    return line, column


def _full_message(d: Diagnostic) -> str:
    return d.text()


# -- text ---------------------------------------------------------------------------------------


def _text(findings, pages, summary) -> str:
    """One line per problem (a layout line broken from many folders is one entry); the summary
    counts every finding, as the other formats list them."""
    lines = [d.format() for d in grouped(findings)]
    if lines:
        lines.append("")
    lines.append(summary_line(findings, pages=pages, summary=summary))
    return "\n".join(lines) + "\n"


def summary_line(findings: list[Diagnostic], *, pages: list[str] | None = None,
                 summary: dict | None = None) -> str:
    """`2 errors, 1 warning in 20 pages (499 links checked, 0.12s)`, or `No problems found ...`.

    Parts of `summary` that are missing are left out; without a page count in `summary` the
    length of `pages` is used when it is given.
    """
    summary = summary or {}
    if findings:
        errors = sum(1 for d in findings if d.severity == ERROR)
        warnings = sum(1 for d in findings if d.severity == WARNING)
        infos = sum(1 for d in findings if d.severity == INFO)
        text = f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
        if infos:
            text += f", {infos} info"
    else:
        text = "No problems found"
    page_count = summary.get("pages")
    if page_count is None and pages is not None:
        page_count = len(pages)
    if page_count is not None:
        text += f" in {plural(page_count, summary.get('noun', 'page'))}"  # (release check: "release files")
    extras = []
    if summary.get("links") is not None:
        extras.append(f"{plural(summary['links'], 'link')} checked")
    if summary.get("seconds") is not None:
        extras.append(f"{summary['seconds']:.2f}s")
    if extras:
        text += f" ({', '.join(extras)})"
    return text


# -- json ---------------------------------------------------------------------------------------


def _json(findings) -> str:
    items = []
    for d in findings:
        line, column = _position(d)
        items.append({
            "file": d.path or None,
            "line": line,
            "column": column,
            "rule": d.rule,
            "severity": d.severity,
            "message": d.message,
            "target": d.target,
            "suggestion": d.fix() or None,  # (a finding without a hint: its rule's fix)
        })
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"


# -- junit --------------------------------------------------------------------------------------


def _xml_text(text: str) -> str:
    """`text` with the control characters XML 1.0 forbids written as visible \\xNN escapes."""
    return _XML_ILLEGAL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _junit(findings, pages, summary) -> str:
    import xml.etree.ElementTree as ET  # the other formats, `check` after `build` among them, start without it
    by_file: dict[str, list[Diagnostic]] = {}
    for d in findings:
        by_file.setdefault(d.path or SITE, []).append(d)
    names = sorted(set(pages) | set(by_file))

    cases = []
    failed = 0
    for name in names:
        case = ET.Element("testcase", classname=JUNIT_CLASSNAME, name=_xml_text(name))
        items = by_file.get(name, [])
        errors = [d for d in items if d.severity == ERROR]
        others = [d for d in items if d.severity != ERROR]
        for d in errors:
            line, column = _position(d)
            where = f"{line}:{column}" if column else (str(line) if line else "")
            message = f"{where} {d.message}" if where else d.message
            failure = ET.SubElement(case, "failure", type=_xml_text(d.rule), message=_xml_text(message))
            failure.text = _xml_text(d.format())
        if others:
            out = ET.SubElement(case, "system-out")
            out.text = _xml_text("\n".join(d.format() for d in others))
        failed += bool(errors)
        cases.append(case)

    # `failures` counts failed test cases (a page with two broken links is one failed case).
    counts = {"tests": str(len(cases)), "failures": str(failed), "errors": "0", "skipped": "0"}
    root = ET.Element("testsuites", name=TOOL_NAME, **counts)
    suite = ET.SubElement(root, "testsuite", name=TOOL_NAME, **counts)
    if summary.get("seconds") is not None:
        root.set("time", f"{summary['seconds']:.3f}")
        suite.set("time", f"{summary['seconds']:.3f}")
    suite.extend(cases)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"


# -- sarif --------------------------------------------------------------------------------------


def _sarif(findings, tool_version) -> str:
    from urllib.parse import quote

    from .. import rules as registry  # the rules' descriptions: SARIF alone carries them
    rule_ids = sorted({d.rule for d in findings})
    index = {rule: i for i, rule in enumerate(rule_ids)}
    rules = []
    for rule in rule_ids:
        descriptor = {"id": rule}
        declared = registry.get(rule)
        if declared is not None:
            severity = declared.severity
            descriptor["shortDescription"] = {"text": declared.summary}
            descriptor["help"] = {"text": declared.fix}
        else:
            severity = next(d.severity for d in findings if d.rule == rule)
        descriptor["defaultConfiguration"] = {"level": SARIF_LEVELS.get(severity, "note")}
        rules.append(descriptor)

    results = []
    for d in findings:
        result = {
            "ruleId": d.rule,
            "ruleIndex": index[d.rule],
            "level": SARIF_LEVELS.get(d.severity, "note"),
            "message": {"text": _full_message(d)},
        }
        if d.path:
            physical = {"artifactLocation": {"uri": quote(d.path, safe="/"), "uriBaseId": SRCROOT}}
            line, column = _position(d)
            if line is not None:
                physical["region"] = {"startLine": line}
                if column is not None:
                    physical["region"]["startColumn"] = column
            result["locations"] = [{"physicalLocation": physical}]
        if d.target is not None:
            result["properties"] = {"target": d.target}
        results.append(result)

    log = {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [{
            "tool": {"driver": {
                "name": TOOL_NAME,
                "version": str(tool_version),
                "informationUri": INFORMATION_URI,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"


# -- github -------------------------------------------------------------------------------------


def escape_data(text: str) -> str:
    """Escapes the message part of a workflow command (after `::`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escapes a property value of a workflow command (`file=...,title=...`)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(findings) -> str:
    lines = []
    for d in findings:
        props = []
        if d.path:
            props.append(f"file={escape_property(d.path)}")
        line, column = _position(d)
        if line is not None:
            props.append(f"line={line}")
            if column is not None:
                props.append(f"col={column}")
        props.append(f"title={escape_property(d.rule)}")
        command = GITHUB_COMMANDS.get(d.severity, "notice")
        lines.append(f"::{command} {','.join(props)}::{escape_data(_full_message(d))}")
    return "".join(line + "\n" for line in lines)
