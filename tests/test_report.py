"""Tests for specsite.check.report: every report format, on a small fixed set of findings."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from conftest import REPO
from specsite.rules import RULES
from specsite.check.report import FORMATS, render_report
from specsite.diagnostics import Diagnostic

ERR = Diagnostic("pages/a.md", 12, 5, "broken-anchor", "error", "anchor '#x' does not exist on 'b.html'",
                 hint="Did you mean '#y'?", target="b.html#x")
WARN = Diagnostic("pages/a.md", 30, None, "duplicate-id", "warning", "id 'intro' is defined twice")
INFO = Diagnostic("pages/b.md", None, None, "front-matter", "info", "no title in the front matter")
DATA = Diagnostic("_data/sidebars/x.yml", 4, 3, "broken-link", "error", "'c.html' does not exist",
                  target="c.html")
ODD = Diagnostic("pages/c.md", 7, 2, "liquid-error", "warning", "50% done, a:b\nsecond line")

FINDINGS = sorted([ERR, WARN, INFO, DATA, ODD], key=Diagnostic.sort_key)
PAGES = ["pages/a.md", "pages/b.md", "pages/c.md", "pages/d.md"]
SUMMARY = {"pages": 4, "links": 499, "seconds": 0.12}


def render(fmt, findings=FINDINGS, **kw):
    kw.setdefault("pages", PAGES)
    kw.setdefault("summary", SUMMARY)
    return render_report(findings, fmt, tool_version="1.2.3", **kw)


# -- text -------------------------------------------------------------------------------------


def test_text_lists_each_finding_then_a_summary():
    """Text output is one Diagnostic.format() line per finding, a blank line and the summary; a
    finding given no hint ends with its rule's fix (rules.py)."""
    expected = "\n".join([
        "_data/sidebars/x.yml:4:3: error[broken-link]: 'c.html' does not exist. Correct the target, or add the page "
        "it names.",
        "pages/a.md:12:5: error[broken-anchor]: anchor '#x' does not exist on 'b.html'. Did you mean '#y'?",
        "pages/a.md:30: warning[duplicate-id]: id 'intro' is defined twice. Give one of them another id.",
        "pages/b.md: info[front-matter]: no title in the front matter. Correct the YAML between the `---` lines.",
        "pages/c.md:7:2: warning[liquid-error]: 50% done, a:b\nsecond line. Correct the tag at the line named.",
        "",
        "2 errors, 2 warnings, 1 info in 4 pages (499 links checked, 0.12s)",
    ]) + "\n"
    assert render("text") == expected


def carried(folder: str, pages: list) -> Diagnostic:
    from specsite.check.carried import carried as carry
    return carry(Diagnostic("_includes/head.html", 36, 81, "broken-link", "error",
                            f"file '{folder}docs.x/feed.xml' does not exist in the site",
                            hint="Did you mean 'feed.xml'?", target="{{ site.url }}/feed.xml"), pages)


ROOT_PAGES = ["index.html", "a.html", "b.html"] + [f"p{i}.html" for i in range(54)]
LAYOUT_LINE = sorted([carried("", ROOT_PAGES), carried("news/", ["news/index.html"]),
                      carried("tags/", ["tags/index.html", "tags/x.html"]), carried("404/", ["404/index.html"])],
                     key=Diagnostic.sort_key)


def test_text_shows_a_layout_line_broken_from_many_folders_once():
    """One include line broken on pages in several folders (a different missing path from each) is
    one text entry: the finding on the most pages, then how many more pages and the first of them;
    the summary still counts every finding."""
    out = render("text", LAYOUT_LINE, summary={"pages": 61})
    assert out == ("_includes/head.html:36:81: error[broken-link]: file 'docs.x/feed.xml' does not exist in the "
                   "site (on 57 pages: index.html, a.html, b.html, …; resolved from the folders of 4 more pages it "
                   "is broken too: tags/index.html, tags/x.html, 404/index.html, …). Did you mean 'feed.xml'?\n"
                   "\n4 errors, 0 warnings in 61 pages\n")


def test_text_groups_by_the_carried_pages_not_by_the_wording():
    """Grouping reads the pages a finding is carried by from the Diagnostic, not from its message:
    a page name with ', ' in it is one page, and two findings whose messages merely end in
    "(on …)" without carrying pages stay two entries."""
    odd = sorted([carried("", ["index.html", "notes, old.html"]), carried("x/", ["x/a, b.html"])],
                 key=Diagnostic.sort_key)
    out = render("text", odd, summary={})
    assert "(on 2 pages: index.html, notes, old.html; resolved from the folders of 1 more page it is broken too: " \
           "x/a, b.html)" in out
    plain = [Diagnostic("pages/a.md", 3, 1, "broken-link", "error", f"'{name}' does not exist (on a.html)",
                        target="t") for name in ("x.html", "y.html")]
    assert render("text", plain, summary={}).count("error[broken-link]") == 2


def test_text_shows_findings_that_read_the_same_at_one_place_once():
    """A loop's line that links to several anchors of one missing page gives findings that read
    the same but for their target: the text report shows one entry naming how many links and the
    first targets; the summary still counts each."""
    same = [Diagnostic("pages/reqs.md", 26, 3, "broken-link", "error", "page 'payload.html' does not exist in the site",
                       hint="Did you mean 'resend.html'?", target=f"payload.html#SD-00{i}") for i in range(1, 6)]
    assert render("text", same, summary={}) == (
        "pages/reqs.md:26:3: error[broken-link]: page 'payload.html' does not exist in the site (5 links written here: "
        "'payload.html#SD-001', 'payload.html#SD-002', 'payload.html#SD-003', …). Did you mean 'resend.html'?\n"
        "\n5 errors, 0 warnings in 4 pages\n")
    twice = render("text", same[:1] * 2, summary={})
    assert "does not exist in the site (written here 2 times). Did you mean" in twice


@pytest.mark.parametrize("fmt", ["json", "junit", "sarif", "github"])
def test_tool_formats_keep_each_finding_of_a_layout_line(fmt):
    """Tools count findings: every format but text lists each of them."""
    assert render(fmt, LAYOUT_LINE).count("news/docs.x/feed.xml") >= 1
    assert render(fmt, LAYOUT_LINE).count("404/docs.x/feed.xml") >= 1


def test_text_uses_singular_words_for_one():
    """The summary says '1 error', '1 warning', '1 page', '1 link' in the singular."""
    out = render("text", [ERR, WARN], summary={"pages": 1, "links": 1, "seconds": 0.5})
    assert out.endswith("\n\n1 error, 1 warning in 1 page (1 link checked, 0.50s)\n")


def test_text_without_findings_is_only_the_summary_line():
    """With no findings the text report is just 'No problems found in N pages (...)'."""
    out = render("text", [], summary={"pages": 20, "links": 499, "seconds": 0.12})
    assert out == "No problems found in 20 pages (499 links checked, 0.12s)\n"


def test_text_summary_omits_missing_parts():
    """Missing summary keys are left out; the page count falls back to len(pages)."""
    assert render("text", [], summary={"pages": 20}) == "No problems found in 20 pages\n"
    assert render("text", [], summary={"seconds": 1}) == "No problems found in 4 pages (1.00s)\n"
    assert render("text", [ERR], pages=None, summary=None) == ERR.format() + "\n\n1 error, 0 warnings\n"


# -- json -------------------------------------------------------------------------------------


def test_json_round_trips_with_exact_keys():
    """JSON is an indented array with exactly the documented keys, in order, and a trailing newline."""
    out = render("json")
    assert out.endswith("]\n") and out.startswith("[\n  {")
    data = json.loads(out)
    assert len(data) == len(FINDINGS)
    for item in data:
        assert list(item) == ["file", "line", "column", "rule", "severity", "message", "target", "suggestion"]
    by_rule = {item["rule"]: item for item in data}
    assert by_rule["broken-anchor"] == {
        "file": "pages/a.md", "line": 12, "column": 5, "rule": "broken-anchor", "severity": "error",
        "message": "anchor '#x' does not exist on 'b.html'", "target": "b.html#x",
        "suggestion": "Did you mean '#y'?",
    }
    assert by_rule["duplicate-id"]["column"] is None
    assert by_rule["duplicate-id"]["suggestion"] == "Give one of them another id."  # (no hint: the rule's fix)
    assert by_rule["front-matter"]["line"] is None and by_rule["front-matter"]["column"] is None
    assert by_rule["liquid-error"]["message"] == "50% done, a:b\nsecond line"


def test_json_keeps_non_ascii_text():
    """JSON output writes non-ASCII characters as they are (ensure_ascii=False)."""
    d = Diagnostic("pages/ü.md", 1, 1, "broken-link", "error", "„Straße“ fehlt")
    out = render("json", [d])
    assert "„Straße“" in out and "pages/ü.md" in out
    assert render("json", []) == "[]\n"


# -- junit ------------------------------------------------------------------------------------


def parse_junit(out):
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 1
    return suites[0]


def test_junit_has_one_testcase_per_page_plus_data_files():
    """JUnit has one test case per checked page (passing ones too) plus files with findings, sorted."""
    suite = parse_junit(render("junit"))
    names = [case.get("name") for case in suite.findall("testcase")]
    assert names == ["_data/sidebars/x.yml", "pages/a.md", "pages/b.md", "pages/c.md", "pages/d.md"]
    assert {case.get("classname") for case in suite.findall("testcase")} == {"specsite.links"}
    assert suite.get("name") == "specsite"
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors"), suite.get("skipped")) == \
        ("5", "2", "0", "0")


def test_junit_failures_only_for_errors():
    """Error findings become <failure> elements; warnings and info go to <system-out> only."""
    suite = parse_junit(render("junit"))
    cases = {case.get("name"): case for case in suite.findall("testcase")}
    failures = cases["pages/a.md"].findall("failure")
    assert len(failures) == 1
    assert failures[0].get("type") == "broken-anchor"
    assert failures[0].get("message") == "12:5 anchor '#x' does not exist on 'b.html'"
    assert failures[0].text == ERR.format()
    assert cases["pages/a.md"].find("system-out").text == WARN.format()
    for name in ("pages/b.md", "pages/c.md", "pages/d.md"):
        assert cases[name].find("failure") is None
    assert cases["pages/b.md"].find("system-out").text == INFO.format()
    assert cases["pages/c.md"].find("system-out").text == ODD.format()
    assert cases["pages/d.md"].find("system-out") is None
    assert [f.get("type") for f in cases["_data/sidebars/x.yml"].findall("failure")] == ["broken-link"]


def test_junit_escapes_markup_and_control_characters():
    """Markup and control characters in messages still give well-formed XML."""
    d = Diagnostic("pages/a.md", 3, None, "broken-link", "error", 'bad <a href="x&y"> \x1b end')
    suite = parse_junit(render("junit", [d], pages=["pages/a.md"]))
    failure = suite.find("testcase/failure")
    assert failure.get("message") == '3 bad <a href="x&y"> \\x1b end'


# -- sarif ------------------------------------------------------------------------------------


def test_sarif_log_shape():
    """SARIF is version 2.1.0 with the schema URI, one run and a named, versioned driver."""
    log = json.loads(render("sarif"))
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert len(log["runs"]) == 1
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "specsite" and driver["version"] == "1.2.3"
    assert driver["informationUri"].startswith("https://")
    assert len(log["runs"][0]["results"]) == len(FINDINGS)


def test_sarif_rules_are_deduplicated_and_indexed():
    """Each rule id appears once in driver.rules and every ruleIndex points at its own rule."""
    findings = FINDINGS + [Diagnostic("pages/d.md", 2, 1, "broken-link", "error", "'e.html' does not exist")]
    run = json.loads(render("sarif", findings))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [rule["id"] for rule in rules]
    assert len(ids) == len(set(ids)) == 5
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    by_id = {rule["id"]: rule for rule in rules}
    assert by_id["broken-anchor"]["shortDescription"]["text"] == RULES["broken-anchor"].summary
    assert by_id["duplicate-id"]["defaultConfiguration"]["level"] == "warning"
    assert by_id["front-matter"]["shortDescription"]["text"] == RULES["front-matter"].summary  # every rule is declared
    assert by_id["front-matter"]["help"]["text"] == RULES["front-matter"].fix
    assert by_id["front-matter"]["defaultConfiguration"]["level"] == "error"  # the registry's default


def test_sarif_results_levels_messages_and_regions():
    """Levels map error/warning/info to error/warning/note; region is left out when the line is unknown."""
    results = json.loads(render("sarif"))["runs"][0]["results"]
    by_rule = {r["ruleId"]: r for r in results}
    assert [by_rule[r]["level"] for r in ("broken-anchor", "duplicate-id", "front-matter")] == \
        ["error", "warning", "note"]
    anchor = by_rule["broken-anchor"]
    assert anchor["message"]["text"] == "anchor '#x' does not exist on 'b.html'. Did you mean '#y'?"
    location = anchor["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "pages/a.md", "uriBaseId": "%SRCROOT%"}
    assert location["region"] == {"startLine": 12, "startColumn": 5}
    assert by_rule["duplicate-id"]["locations"][0]["physicalLocation"]["region"] == {"startLine": 30}
    info_location = by_rule["front-matter"]["locations"][0]["physicalLocation"]
    assert "region" not in info_location
    assert info_location["artifactLocation"]["uri"] == "pages/b.md"
    assert by_rule["broken-link"]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == \
        "_data/sidebars/x.yml"


def test_sarif_uri_is_percent_encoded():
    """Artifact URIs are valid URI references: spaces and colons are percent-encoded."""
    d = Diagnostic("pages/my page:1.md", 0, 4, "broken-link", "error", "x")
    result = json.loads(render("sarif", [d]))["runs"][0]["results"][0]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "pages/my%20page%3A1.md"
    assert "region" not in location  # line 0 is not a valid SARIF startLine


# -- github -----------------------------------------------------------------------------------


def test_github_commands_are_escaped_exactly():
    """GitHub commands use ::error/::warning/::notice, omit unknown line/col and escape per the rules."""
    assert render("github").splitlines() == [
        "::error file=_data/sidebars/x.yml,line=4,col=3,title=broken-link::'c.html' does not exist. "
        "Correct the target, or add the page it names.",
        "::error file=pages/a.md,line=12,col=5,title=broken-anchor::"
        "anchor '#x' does not exist on 'b.html'. Did you mean '#y'?",
        "::warning file=pages/a.md,line=30,title=duplicate-id::id 'intro' is defined twice. "
        "Give one of them another id.",
        "::notice file=pages/b.md,title=front-matter::no title in the front matter. "
        "Correct the YAML between the `---` lines.",
        "::warning file=pages/c.md,line=7,col=2,title=liquid-error::50%25 done, a:b%0Asecond line. "
        "Correct the tag at the line named.",
    ]


def test_github_property_values_escape_colon_and_comma():
    """Property values additionally escape ':' and ','; the message data keeps them."""
    d = Diagnostic("pages/a,b:c%.md", 1, None, "rule:x,y", "error", "m:1,2\r\n%")
    assert render("github", [d]) == \
        "::error file=pages/a%2Cb%3Ac%25.md,line=1,title=rule%3Ax%2Cy::m:1,2%0D%0A%25\n"
    assert render("github", []) == ""


# -- all formats ------------------------------------------------------------------------------


def test_unknown_format_raises_value_error():
    """An unknown format name raises ValueError."""
    with pytest.raises(ValueError, match="xml"):
        render("xml")


def _located(fmt: str, report: str) -> list[tuple]:
    """(severity, file, line, rule) of each finding a report carries, in the report's order."""
    if fmt == "text":
        found = re.findall(r"^([^:\s]+)(?::(\d+))?(?::\d+)?: (\w+)\[([\w-]+)\]", report, re.M)
        return [(sev, path, int(line) if line else None, rule) for path, line, sev, rule in found]
    if fmt == "json":
        return [(d["severity"], d["file"], d["line"], d["rule"]) for d in json.loads(report)]
    if fmt == "junit":
        found = []
        for case in ET.fromstring(report).iter("testcase"):
            for item in case:
                found += _located("text", item.text or "")
        return found
    if fmt == "sarif":
        levels = {"error": "error", "warning": "warning", "note": "info"}
        return [(levels[r["level"]], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
                 r["locations"][0]["physicalLocation"].get("region", {}).get("startLine"), r["ruleId"])
                for r in json.loads(report)["runs"][0]["results"]]
    severities = {"error": "error", "warning": "warning", "notice": "info"}
    found = re.findall(r"^::(\w+) file=([^,:]+)(?:,line=(\d+))?(?:,col=\d+)?,title=([\w-]+)::", report, re.M)
    return [(severities[kind], path, int(line) if line else None, rule) for kind, path, line, rule in found]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_carries_each_finding_once_in_order(fmt):
    """Whatever the format, each finding is there once, with its severity, file, line and rule, in
    the order given (sorted by file and line)."""
    expected = [(d.severity, d.path, d.line, d.rule) for d in FINDINGS]
    assert _located(fmt, render(fmt)) == expected
    assert _located(fmt, render(fmt, FINDINGS[:1])) == expected[:1]


def test_every_format_is_the_same_in_another_process():
    """No report depends on set or dict order that varies between runs (hash randomisation)."""
    script = ("import json, sys; sys.path.insert(0, 'tests'); import test_report as t; "
              "print(json.dumps({f: t.render(f) for f in t.FORMATS}))")
    here = {fmt: render(fmt) for fmt in FORMATS}
    for seed in ("1", "2"):
        result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True,
                                timeout=60, env={**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)})
        assert json.loads(result.stdout) == here, result.stderr


def test_findings_at_one_place_with_one_message_sort_by_their_other_fields_in_every_run():
    """Two broken links at one template line with one message (their targets differ) come out in
    the same order whatever the run's string hashes (Diagnostics.sorted gathers them in a set)."""
    code = ("from specsite.diagnostics import Diagnostic, Diagnostics\n"
            "ds = [Diagnostic('_includes/x.html', 3, 7, 'broken-link', 'error', 'no such anchor', target=t)\n"
            "      for t in ('a.html#x', 'a.html#', 'a.html#y', 'a.html#z')]\n"
            "print([d.target for d in Diagnostics(ds).sorted()])\n")
    runs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(6)}
    assert runs == {"['a.html#', 'a.html#x', 'a.html#y', 'a.html#z']\n"}
