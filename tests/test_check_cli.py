"""`specsite check` end to end: the fixture sites tests/fixtures/check-pass and check-fail, the
five report formats against golden copies, exit codes, the severity/ignore options, and the
synthetic corpus of /work/shared/bench/make_corpus.py.

check-pass uses every kind of valid link (page, #anchor, same-page anchor, `#`, `#top`, %XX
fragment, baseurl-absolute /spec/…, dir/ index, image, downloads, mailto:, https, a link in an
include, links in code that are not links) and must report nothing. check-fail states each broken
case in prose on the line of its link; `check` must report exactly those cases.

The golden reports are tests/golden/check/report.{txt,json,xml,sarif,github}. The run time (and
the tool version in SARIF) is normalised before comparing. When a change to the checker or a
reporter is intended, regenerate them and review the diff:

    SPECSITE_UPDATE_GOLDEN=1 python -m pytest tests/test_check_cli.py

The goldens hold the correct report, reviewed line by line against the cases stated in the
fixture (test_golden_json_is_the_expected_list keeps them honest).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import FIXTURES, SHARED, build_site, run_cli
from specsite import __version__
from specsite.check.report import GITHUB_COMMANDS, SARIF_LEVELS

PASS = FIXTURES / "check-pass"
FAIL = FIXTURES / "check-fail"
GOLDEN = Path(__file__).resolve().parent / "golden" / "check"
UPDATE = os.environ.get("SPECSITE_UPDATE_GOLDEN") == "1"
MAKE_CORPUS = SHARED / "bench" / "make_corpus.py"

# (file, line, column, rule, severity, target, suggestion, what the fixture says on that line)
EXPECTED = [
    ("_data/sidebars/fail_sidebar.yml", 16, None, "broken-link", "error", "/retired.html",
     "Create the page or correct the link.", "a broken link in the sidebar data file"),
    ("pages/index.md", 9, 36, "broken-link", "error", "cancel.html",
     "Create the page or correct the link.", "link to a missing page"),
    ("pages/index.md", 10, 38, "broken-anchor", "error", "amend.html#payload-request-bdy",
     "Did you mean '#payload-request-body'?", "link to a missing anchor"),
    ("pages/index.md", 11, 48, "broken-anchor", "error", "#nowhere-on-this-page",
     "Correct the fragment, or give a heading or element on this page the id 'nowhere-on-this-page'.", "link to a missing same-page anchor"),
    ("pages/index.md", 12, 28, "missing-image", "error", "images/missing.png",
     "Add the image or correct its path.", "missing image"),
    ("pages/index.md", 13, 62, "case-mismatch", "error", "Amend.html",
     "Write 'amend.html'.", "exists only with different letter case"),
    ("pages/index.md", 14, 58, "link-whitespace", "info", " amend.html",
     "Remove the spaces: 'amend.html'.", "leading space inside its target"),
    ("pages/index.md", 15, 25, "empty-link", "warning", "",
     "Write the page or #anchor it should go to.", "empty link"),
    ("pages/index.md", 16, 46, "link-escapes-site", "error", "../../outside.html",
     "Link to a page inside the site.", "climbs out of the site"),
    ("pages/index.md", 23, None, "duplicate-id", "warning", "#same",
     "Give one of them another id.", "the same id"),
    ("releases/1.0.0/101-amend-an-appointment.md", 9, None, "broken-link", "error", "cancel_appointment.html",
     "Create the page or correct the link.", "a broken pages_changed link in a release entry"),
    ("templates/includes/related.html", 3, 10, "broken-link", "error", "withdrawn.html",
     "Create the page or correct the link.", "a broken link inside an include"),
]
def check_json(source: Path, tmp_path: Path, *extra) -> tuple[int, list]:
    out = tmp_path / "report.json"
    code = run_cli(["check", "--source", source, "--format", "json", "--output", out, *extra])
    return code, json.loads(out.read_text(encoding="utf-8"))


def as_rows(items: list) -> list:
    return [(i["file"], i["line"], i["column"], i["rule"], i["severity"], i["target"], i["suggestion"])
            for i in items]


EXPECTED_ROWS = [row[:7] for row in EXPECTED]


def copy_site(src: Path, dest: Path, extra_config: str = "") -> Path:
    shutil.copytree(src, dest)
    if extra_config:
        with open(dest / "_config.yml", "a", encoding="utf-8") as config:
            config.write(extra_config)
    return dest


# -- check-pass ---------------------------------------------------------------------------------


def test_check_pass_reports_nothing_and_exits_0(capsys):
    """`check` on check-pass prints only 'No problems found in 3 pages (...)' and exits 0."""
    assert run_cli(["check", "--source", PASS]) == 0
    out = capsys.readouterr().out
    assert re.fullmatch(r"No problems found in 3 pages \(\d+ links checked, \d+\.\d\ds\)\n", out), out


def test_check_pass_reports_nothing_even_with_strict(tmp_path):
    """With --strict (warnings fail too) check-pass still has no findings and exits 0."""
    assert check_json(PASS, tmp_path, "--strict") == (0, [])


def test_check_pass_really_contains_every_kind_of_valid_link():
    """The passing site records each kind of link it claims to test, and none from code spans or fences."""
    site = build_site(PASS)
    targets = {k.target for p in site.pages for k in p.links} | {k.target for k in site.links}
    assert {
        "amend.html", "amend.html#payload-request-body", "#downloads", "#", "#top", "amend.html#donn%C3%A9es",
        "/spec/amend.html#response", "/spec/", "guide/", "guide/index.html#steps", "images/diagram.svg",
        "downloads/openapi.json", "downloads/spec.pdf", "mailto:team@example.org?subject=Spec",
        "https://www.hl7.org/fhir/STU3/", "amend.html#response", "../amend.html#payload-request-body", "./",
        "/spec/downloads/spec.pdf", "/guide/", "/amend.html#payload-request-body", "#legacy-name",
    } <= targets
    assert not {t for t in targets if "gone" in t or "nowhere" in t or "missing" in t or "no-such" in t}
    include_links = [k for p in site.pages for k in p.links if k.path == "templates/includes/see_also.html"]
    assert [(k.target, k.line) for k in include_links] == [("amend.html#response", 1)]


# -- check-fail: exactly the stated cases --------------------------------------------------------


def test_every_expected_finding_is_stated_in_prose_on_its_line():
    """Each line check-fail is expected to be reported at says, in words, what is broken there."""
    for path, line, *_, said in EXPECTED:
        text = (FAIL / path).read_text(encoding="utf-8").split("\n")[line - 1]
        assert said in text, (path, line, text)


def test_check_fail_reports_exactly_the_stated_cases(tmp_path):
    """`check` on check-fail reports exactly the 12 stated cases (rule, file, line, column, target, hint), sorted."""
    code, items = check_json(FAIL, tmp_path)
    assert as_rows(items) == EXPECTED_ROWS
    assert code == 1


def test_check_fail_findings_are_exactly_the_stated_targets(tmp_path):
    """Whatever their positions, the findings are exactly the stated (file, rule, target) cases: no more, no less."""
    _, items = check_json(FAIL, tmp_path)
    assert sorted((i["file"], i["rule"], i["target"]) for i in items) == \
        sorted((row[0], row[3], row[5]) for row in EXPECTED)


def test_check_fail_findings_are_sorted_by_file_then_line(tmp_path):
    """The report lists findings by file, then line, then column."""
    _, items = check_json(FAIL, tmp_path)
    keys = [(i["file"], i["line"] or 0, i["column"] or 0) for i in items]
    assert keys == sorted(keys)


def test_check_fail_exits_1_and_writes_nothing(tmp_path):
    """`check` exits 1 on errors and adds no file to the source folder (it renders in memory)."""
    site = copy_site(FAIL, tmp_path / "site")
    before = sorted(p.relative_to(site).as_posix() for p in site.rglob("*"))
    assert run_cli(["check", "--source", site, "--output", tmp_path / "report.txt"]) == 1
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*")) == before


def test_only_warnings_exit_0_but_1_with_strict(tmp_path):
    """With every error rule downgraded to warning, check exits 0; with --strict it exits 1 (the info
    note on spaces around a link fails neither)."""
    site = copy_site(FAIL, tmp_path / "site", "  severity: {broken-link: warning, broken-anchor: warning, "
                                              "missing-image: warning, case-mismatch: warning, "
                                              "link-escapes-site: warning}\n")
    code, items = check_json(site, tmp_path)
    assert code == 0 and {i["severity"] for i in items} == {"warning", "info"} and len(items) == len(EXPECTED)
    assert check_json(site, tmp_path, "--strict")[0] == 1


def test_severity_option_changes_and_silences_rules(tmp_path):
    """severity: {broken-link: warning, missing-image: off} relevels the broken links and drops the image."""
    site = copy_site(FAIL, tmp_path / "site", "  severity: {broken-link: warning, missing-image: \"off\"}\n")
    code, items = check_json(site, tmp_path)
    expected = [(f, ln, c, r, "warning" if r == "broken-link" else s, t, h)
                for f, ln, c, r, s, t, h in EXPECTED_ROWS if r != "missing-image"]
    assert sorted(as_rows(items), key=str) == sorted(expected, key=str)
    assert code == 1  # broken anchors are still errors


def test_ignore_option_with_target_glob_and_reason_silences_findings(tmp_path):
    """ignore: [{target: "Amend.*", reason}, {target: "*.png", reason}] drops the case-mismatch and the image."""
    site = copy_site(FAIL, tmp_path / "site",
                     "  ignore:\n"
                     "    - {target: \"Amend.*\", reason: \"old links from the 0.9 site\"}\n"
                     "    - {target: \"*.png\", reason: \"images are added by the design team\"}\n")
    _, items = check_json(site, tmp_path)
    assert sorted((i["rule"], i["target"]) for i in items) == \
        sorted((r[3], r[5]) for r in EXPECTED if r[3] not in ("case-mismatch", "missing-image"))


def test_a_missing_source_folder_exits_2(tmp_path, capsys):
    """`check --source` of a folder that does not exist is a usage error: exit 2, no traceback."""
    assert run_cli(["check", "--source", tmp_path / "nope"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_an_unknown_format_exits_2(capsys):
    """`check --format yaml` is rejected by the argument parser with exit 2."""
    assert run_cli(["check", "--source", FAIL, "--format", "yaml"]) == 2
    assert "invalid choice" in capsys.readouterr().err


def test_a_report_written_to_a_file_leaves_a_text_summary_on_stderr(tmp_path, capsys):
    """With --format json --output FILE, stdout is empty and stderr carries the text report."""
    assert run_cli(["check", "--source", FAIL, "--format", "json", "--output", tmp_path / "r.json"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "error[broken-anchor]" in captured.err
    assert re.search(r"^9 errors, 2 warnings, 1 info in 8 pages \(\d+ links checked, \d+\.\d\ds\)$", captured.err, re.M)


# -- golden reports -----------------------------------------------------------------------------


FORMATS = {"text": "report.txt", "json": "report.json", "junit": "report.xml", "sarif": "report.sarif",
           "github": "report.github"}


def normalise(text: str) -> str:
    """The report with what changes from run to run (seconds, the tool's version) replaced."""
    text = re.sub(r"\b\d+\.\d+s\b", "0.00s", text)
    text = re.sub(r'\btime="[\d.]+"', 'time="0.000"', text)
    return text.replace(f'"version": "{__version__}"', '"version": "<specsite version>"')


def report(fmt: str, tmp_path: Path) -> str:
    """check-fail's report, run on a copy outside any git repository (paths stay source-relative)."""
    source = tmp_path / "check-fail"
    if not source.exists():
        shutil.copytree(FAIL, source)
    out = tmp_path / FORMATS[fmt]
    assert run_cli(["check", "--source", source, "--format", fmt, "--output", out]) == 1
    return normalise(out.read_text(encoding="utf-8"))


def test_the_stderr_echo_of_a_report_file_names_files_from_the_source_folder(tmp_path, capsys):
    """With --output, the text echo on stderr names files as the text report does (from the source
    folder), while the SARIF file itself names them from the repository root."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    shutil.copytree(FAIL, tmp_path / "spec")
    capsys.readouterr()
    assert run_cli(["check", "--source", tmp_path / "spec", "--format", "sarif", "--output", tmp_path / "r.sarif"]) == 1
    echo = [line for line in capsys.readouterr().err.splitlines() if "[" in line]
    assert echo and all(line.startswith(("pages/", "releases/", "templates/", "_data/")) for line in echo)
    assert '"uri": "spec/pages/index.md"' in (tmp_path / "r.sarif").read_text(encoding="utf-8")


def test_github_and_sarif_paths_start_at_the_repository_root(tmp_path):
    """For a site in a subfolder of a git repository, annotations and SARIF name repository paths."""
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    shutil.copytree(FAIL, tmp_path / "spec")
    out = tmp_path / "report.github"
    assert run_cli(["check", "--source", tmp_path / "spec", "--format", "github", "--output", out]) == 1
    assert all(line.startswith(("::error file=spec/", "::warning file=spec/", "::notice file=spec/"))
               for line in out.read_text(encoding="utf-8").splitlines())
    sarif = tmp_path / "report.sarif"
    assert run_cli(["check", "--source", tmp_path / "spec", "--format", "sarif", "--output", sarif]) == 1
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]]
    assert uris and all(u.startswith("spec/") for u in uris)


def golden(fmt: str) -> str:
    path = GOLDEN / FORMATS[fmt]
    assert path.is_file(), f"missing {path}; run SPECSITE_UPDATE_GOLDEN=1 python -m pytest tests/test_check_cli.py"
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_report_matches_golden(fmt, tmp_path):
    """Each format's report of check-fail, as the engine writes it, equals tests/golden/check/report.*."""
    text = report(fmt, tmp_path)
    path = GOLDEN / FORMATS[fmt]
    if UPDATE and (not path.is_file() or path.read_text(encoding="utf-8") != text):
        GOLDEN.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")  # compared with the golden it replaced, not with itself:
        pytest.fail(f"{path} rewritten; review `git diff` and run again without SPECSITE_UPDATE_GOLDEN")
    assert text == golden(fmt), "if intended: SPECSITE_UPDATE_GOLDEN=1 python -m pytest tests/test_check_cli.py"


def test_golden_json_is_the_expected_list():
    """The JSON golden holds exactly EXPECTED (so the goldens were reviewed, not just accepted)."""
    assert as_rows(json.loads(golden("json"))) == EXPECTED_ROWS


def test_golden_text_ends_with_the_summary():
    """The text golden is one line per expected finding, a blank line, and the summary."""
    lines = golden("text").split("\n")
    # 8 pages, as `build` counts them: amend, index, the 1.0.0 release page, its index, tickets page,
    # releases.json, releases.xml and tags.html (the 3 source files are the JUnit report's test cases)
    assert lines[-3:] == ["", "9 errors, 2 warnings, 1 info in 8 pages (20 links checked, 0.00s)", ""]
    assert len(lines) == len(EXPECTED) + 3


def test_sarif_report_has_the_2_1_0_structure(tmp_path):
    """SARIF: version 2.1.0, one run, rules for every ruleId, results with a relative uri and a startLine."""
    log = json.loads(report("sarif", tmp_path))
    assert log["version"] == "2.1.0" and "sarif-2.1.0" in log["$schema"]
    [run] = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert run["tool"]["driver"]["name"] == "specsite"
    assert [r["id"] for r in rules] == sorted({row[3] for row in EXPECTED})
    assert len(run["results"]) == len(EXPECTED)
    for result, row in zip(run["results"], EXPECTED):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == row[3]
        assert result["level"] == SARIF_LEVELS[row[4]]
        [location] = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == row[0] and not row[0].startswith("/")
        assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert physical["region"]["startLine"] == row[1]
        assert physical["region"].get("startColumn") == row[2]
        assert result["properties"]["target"] == row[5]
        assert result["message"]["text"]


def test_junit_report_parses_with_one_case_per_file(tmp_path):
    """JUnit XML parses; one test case per checked page or reported file; failures count cases with errors."""
    root = ET.fromstring(report("junit", tmp_path).encode("utf-8"))
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    cases = suite.findall("testcase")
    names = [c.get("name") for c in cases]
    assert names == sorted({row[0] for row in EXPECTED} | {"pages/amend.md", "releases/1.0.0/release.yml"})
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    assert failed == sorted({row[0] for row in EXPECTED if row[4] == "error"})
    assert suite.get("tests") == root.get("tests") == str(len(cases))
    assert suite.get("failures") == root.get("failures") == str(len(failed))
    failures = [f.get("type") for c in cases for f in c.findall("failure")]
    assert sorted(failures) == sorted(row[3] for row in EXPECTED if row[4] == "error")


def test_github_report_has_one_annotation_per_finding(tmp_path):
    """GitHub workflow commands: one ::error/::warning/::notice per finding with file, line and col where known."""
    lines = report("github", tmp_path).splitlines()
    assert len(lines) == len(EXPECTED)
    for line, row in zip(lines, EXPECTED):
        where = f"file={row[0]},line={row[1]}" + (f",col={row[2]}" if row[2] else "")
        assert line.startswith(f"::{GITHUB_COMMANDS[row[4]]} {where},title={row[3]}::"), line


# -- the synthetic corpus ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plain_corpus(tmp_path_factory):
    if not MAKE_CORPUS.is_file():
        pytest.skip(f"{MAKE_CORPUS} is not beside the repository (optional: CI has it)")
    out = tmp_path_factory.mktemp("corpus") / "plain"
    subprocess.run([sys.executable, str(MAKE_CORPUS), str(out), "--pages", "120", "--seed", "3",
                    "--flavor", "plain"], check=True, capture_output=True)
    return out


def expected_broken(corpus: Path) -> list[tuple[str, str]]:
    rows = corpus.joinpath("expected-broken.tsv").read_text(encoding="utf-8").splitlines()
    return sorted(tuple(row.split("\t")) for row in rows if row)


def test_corpus_check_finds_exactly_the_expected_broken_links(plain_corpus, tmp_path):
    """On the 120-page corpus, `check --format json` finds exactly expected-broken.tsv: 100% recall, no false reports."""
    expected = expected_broken(plain_corpus)
    assert len(expected) == 30
    code, items = check_json(plain_corpus, tmp_path)
    assert code == 1
    assert sorted((i["file"], i["target"]) for i in items) == expected
    assert {i["rule"] for i in items} == {"broken-link", "broken-anchor"}
    assert all(i["line"] and i["column"] for i in items)


def test_corpus_findings_point_at_the_link_in_the_source(plain_corpus, tmp_path):
    """Each corpus finding's line:column is where `](target)` is written in its markdown file."""
    _, items = check_json(plain_corpus, tmp_path)
    for item in items:
        line = (plain_corpus / item["file"]).read_text(encoding="utf-8").split("\n")[item["line"] - 1]
        assert line[item["column"] - 3:].startswith("](" + item["target"] + ")"), (item, line)


def test_every_finding_of_a_site_says_how_to_fix_it(tmp_path, capsys):
    """Broken links with nothing close, an unknown filter, an unsupported plugin and a list where a
    name goes: each text line has a fix after its message (qa16's sites printed none for these)."""
    from conftest import make_site
    site = make_site(tmp_path / "s", {
        "_config.yml": "title: t\nspecsite: {}\n",
        "Gemfile": "group :jekyll_plugins do\n  gem 'jekyll-made-up'\nend\n",
        "index.md": "---\nsidebar: [a, b]\n---\n[x](nothing-like-it.html) ![i](images/favicon.ico)\n"
                    "{{ 'a' | made_up_filter }} [y](#no-such-id)\n",
    })
    capsys.readouterr()
    run_cli(["check", "--source", site])
    lines = [line for line in capsys.readouterr().out.splitlines() if "]: " in line]
    assert {line.split("[")[1].split("]")[0] for line in lines} >= {
        "broken-link", "missing-image", "broken-anchor", "liquid-unsupported", "jekyll-unsupported", "front-matter"}
    for line in lines:
        assert re.search(r"[.)'?] [A-Z][a-z]+ .*[.?]$", line), line


def test_every_finding_says_how_to_fix_it(tmp_path, capsys):
    """A finding given no hint of its own ends with its rule's fix (rules.py), in the text report
    and as the JSON suggestion: a data file that is not UTF-8, a permalink that is a list, Liquid
    that Jekyll's lax parser skips, a Ruby plugin; the first two get fixes of their own."""
    from conftest import make_site
    from specsite.rules import RULES
    site = make_site(tmp_path / "site", {
        "_config.yml": "title: x\n", "_layouts/default.html": "<html>{{ content }}</html>\n",
        "p.md": "---\npermalink: [a, b]\n---\nx\n", "_plugins/x.rb": "module Jekyll; end\n",
        "q.md": "---\n---\n{% for x in (1..2) %}{{ x }}{%- endfor- %}\n"})
    (site / "_data").mkdir()
    (site / "_data/bad.yml").write_bytes(b"a: \xff\xfe\n")
    assert run_cli(["check", "--source", site, "--format", "json"]) == 1
    found = {d["rule"]: d["suggestion"] for d in json.loads(capsys.readouterr().out)}
    assert found == {"data-file": "Save it as UTF-8.",
                     "front-matter": "Write one address, quoted if it holds ':' or starts with '['.",
                     "liquid-syntax": RULES["liquid-syntax"].fix, "jekyll-unsupported": RULES["jekyll-unsupported"].fix}
    run_cli(["check", "--source", site])
    lines = [line for line in capsys.readouterr().out.splitlines() if "[liquid-syntax]" in line]
    assert lines and lines[0].endswith("lets it pass). " + RULES["liquid-syntax"].fix)
    assert "Liquid syntax error in '{%- endfor- %}': expected content" in lines[0]  # (the text, not a token kind)


def test_check_and_build_count_the_same_pages(tmp_path, capsys):
    """`check` says 'in N pages' with build's N — every page rendered, release and generated pages
    included (it said 3, the source files, where build said 8) — also when it reuses the build's findings."""
    site = tmp_path / "site"
    shutil.copytree(FAIL, site)
    run_cli(["build", "--source", site, "--out", tmp_path / "out"])
    built = re.search(r"^(\d+) pages, ", capsys.readouterr().err, re.M).group(1)
    run_cli(["check", "--source", site])
    reused = re.search(r" in (\d+) pages ", capsys.readouterr().out).group(1)
    shutil.rmtree(site / ".specsite-cache")
    run_cli(["check", "--source", site])
    rendered = re.search(r" in (\d+) pages ", capsys.readouterr().out).group(1)
    assert built == reused == rendered == "8"
