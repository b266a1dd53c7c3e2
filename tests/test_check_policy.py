"""One rule registry and one policy: every reported rule is declared (and documented in the README
from the registry); `severity:` and `ignore:` are validated at their `_config.yml` line and apply
alike to internal links, links that layouts and data files write, `check --html`, release rules
and build warnings (external links: tests/test_check_external.py)."""
from __future__ import annotations

import ast
from pathlib import Path
import json
import re
import shutil

import pytest

import specsite

from conftest import FIXTURES, REPO, build_site, diagnostics_of, make_site, run_cli
from specsite import rules
from specsite.check.policy import Policy, apply_policy
from specsite.config import ConfigError, load_config
from specsite.diagnostics import Diagnostic

FAIL = FIXTURES / "check-fail"
LAYOUTS = FIXTURES / "jekyll-layouts"

# where a call names its rule: Diagnostic(path, line, col, RULE, …), diags.error(path, line, RULE, …), …
_RULE_ARG = {"Diagnostic": 3, "error": 2, "warning": 2, "add": 2, "_note": 2, "finding": 0}
_RULE_SHAPE = re.compile(r"^[a-z]+(-[a-z0-9]+)*$")


def _reported_rules() -> dict:
    """Every rule id the engine's source passes to a diagnostic (or assigns to `rule`), with a place."""
    found = {}
    package = Path(specsite.__file__).parent  # the installed package too (CI's run against the wheel)
    for path in sorted(package.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            values = []
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                index = _RULE_ARG.get(name)
                if index is not None and len(node.args) > index:
                    values.append(node.args[index])
                values += [k.value for k in node.keywords if k.arg == "rule"]
            elif isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == "rule" or isinstance(t, ast.Tuple) and t.elts
                    and isinstance(t.elts[0], ast.Name) and t.elts[0].id == "rule" for t in node.targets):
                values.append(node.value)
            for value in values:
                for rule in _literals(value):
                    found.setdefault(rule, f"{path.relative_to(package.parent)}:{node.lineno}")
    return found


def _literals(node) -> list[str]:
    """The rule ids an expression can give: `"a"`, `"a" if c else "b"`, `x or "a"` (not the condition)."""
    if isinstance(node, ast.Constant):
        return [node.value] if isinstance(node.value, str) and _RULE_SHAPE.match(node.value) else []
    if isinstance(node, ast.IfExp):
        return _literals(node.body) + _literals(node.orelse)
    if isinstance(node, ast.BoolOp):
        return [rule for value in node.values for rule in _literals(value)]
    if isinstance(node, ast.Tuple):  # rule, severity = "a", ERROR
        return _literals(node.elts[0]) if node.elts else []
    return []


def test_every_rule_the_engine_reports_is_declared_once_in_the_registry():
    """A rule id written at a diagnostic but missing from specsite/rules.py fails here, naming where."""
    reported = _reported_rules()
    assert {"broken-link", "missing-include", "release-schema", "external-broken", "missing-image"} <= set(reported)
    undeclared = {rule: where for rule, where in reported.items() if rule not in rules.RULES}
    assert undeclared == {}


def test_every_declared_rule_has_a_severity_a_summary_and_a_fix():
    for rule in rules.RULES.values():
        assert rule.severity in rules.SEVERITIES, rule.id
        assert rule.summary and rule.fix and "|" not in rule.summary + rule.fix, rule.id
        assert rule.fix.endswith("."), rule.id  # a sentence of its own


def test_the_readme_rule_table_is_the_registrys():
    """The README's table is made from the registry: `python3 -m specsite.rules --write README.md`."""
    table = rules.readme_table((REPO / "README.md").read_text(encoding="utf-8"))
    assert table is not None, "README.md has no rules block"
    assert table == rules.markdown_table(), "run: python3 -m specsite.rules --write README.md"


def test_the_rules_command_rewrites_only_the_block(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text(f"# x\n\n{rules.START}\nstale\n{rules.END}\n\nafter\n", encoding="utf-8")
    assert rules.main(["--write", str(readme)]) == 0
    text = readme.read_text(encoding="utf-8")
    assert rules.readme_table(text) == rules.markdown_table() and text.endswith("\n\nafter\n")


# -- configuration --------------------------------------------------------------------------------


def _config_error(tmp_path, specsite: str) -> ConfigError:
    root = make_site(tmp_path / "site", {"_config.yml": "title: T\nspecsite:\n" + specsite})
    with pytest.raises(ConfigError) as caught:
        load_config(root, root / "build")
    return caught.value


def test_an_unknown_rule_in_severity_is_an_error_at_its_line_with_did_you_mean(tmp_path):
    err = _config_error(tmp_path, "  severity:\n    duplicate-id: error\n    broken-links: warning\n")
    assert (err.path, err.line) == ("_config.yml", 5)
    assert err.message == "unknown rule 'broken-links' in specsite.severity"
    assert err.hint == "Did you mean 'broken-link'?"


def test_the_cli_exits_2_on_an_unknown_rule_naming_the_line(tmp_path, capsys):
    root = make_site(tmp_path / "site", {"_config.yml": "title: T\nspecsite:\n  severity: {brokn-anchor: off}\n",
                                         "index.md": "# Home\n"})
    assert run_cli(["check", "--source", root]) == 2
    err = capsys.readouterr().err
    assert "_config.yml:3" in err and "unknown rule 'brokn-anchor'" in err and "Did you mean 'broken-anchor'?" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("written", ["off", '"off"', "'off'", "Off", "no"])
def test_off_works_quoted_or_not(tmp_path, written):
    """YAML 1.1 reads a bare off (and no) as false; it means off."""
    root = make_site(tmp_path / "site", {"_config.yml": f"title: T\nspecsite:\n  severity: {{missing-image: {written}}}\n",
                                         "index.md": "---\ntitle: Home\n---\n![x](gone.png) [y](nowhere.html)\n"})
    site = build_site(root)
    assert [d.rule for d in site.findings.items] == ["broken-link"]


def test_a_rule_glob_relevels_every_rule_it_names(tmp_path):
    root = make_site(tmp_path / "site", {"_config.yml": 'title: T\nspecsite:\n  severity: {"broken-*": warning}\n',
                                         "index.md": "---\ntitle: Home\n---\n[x](nowhere.html) [y](#nope) ![z](gone.png)\n"})
    found = {(d.rule, d.severity) for d in build_site(root).findings.items}
    assert found == {("broken-link", "warning"), ("broken-anchor", "warning"), ("missing-image", "error")}


@pytest.mark.parametrize("specsite, line, message, hint", [
    ("  severity: {broken-link: fatal}\n", 3, "severity of 'broken-link' must be one of error, warning, info, off, "
     "not 'fatal'", None),
    ("  severity: {release-*: warning, nothing-*: off}\n", 3, "unknown rule 'nothing-*' in specsite.severity",
     "The rules are listed in the README."),
    ("  severity: {liquid-error: warning}\n", 3, "'liquid-error' is a build failure; its severity cannot be "
     "changed", "Fix what it reports instead."),
    ("  ignore:\n    - {target: x.html, reson: old}\n", 4, "unknown key 'reson' in an 'ignore' entry",
     "Did you mean 'reason'?"),
    ("  ignore:\n    - {reason: everything}\n", 4, "an 'ignore' entry needs a target:, file: or rule: glob",
     "Without one it would silence every finding."),
    ("  ignore:\n    - {rule: broken-lnk, reason: x}\n", 4, "unknown rule 'broken-lnk' in an 'ignore' entry",
     "Did you mean 'broken-link'?"),
])
def test_bad_policy_settings_are_configuration_errors_at_their_line(tmp_path, specsite, line, message, hint):
    err = _config_error(tmp_path, specsite)
    assert (err.line, err.message, err.hint) == (line, message, hint)


# -- the policy over every checker ----------------------------------------------------------------


def _finding(rule, path="a.md", target="x.html", severity=None):
    return Diagnostic(path, 3, 1, rule, severity or rules.severity(rule), "m", None, target)


def test_apply_policy_relevels_ignores_by_target_file_and_rule_and_keeps_build_failures():
    policy = Policy.of({"broken-link": "warning", "duplicate-id": "off", "liquid-error": "off"},
                       [{"target": "legacy_*", "reason": "r"}, {"file": "old/*", "rule": "broken-anchor"}])
    findings = [_finding("broken-link"), _finding("broken-link", target="legacy_a.html"),
                _finding("duplicate-id"), _finding("broken-anchor", path="old/a.md"),
                _finding("broken-anchor", path="new/a.md"), _finding("liquid-error", target=None)]
    kept = [(d.rule, d.severity, d.path, d.target) for d in apply_policy(findings, policy)]
    assert kept == [("broken-link", "warning", "a.md", "x.html"), ("broken-anchor", "error", "new/a.md", "x.html"),
                    ("liquid-error", "error", "a.md", None)]


def test_policy_applies_to_links_that_layouts_and_data_files_write(tmp_path):
    """In a Jekyll site: `ignore: {file: "_layouts/*"}` drops the layout's broken link; severity relevels the data file's."""
    root = tmp_path / "site"
    shutil.copytree(LAYOUTS, root, ignore=shutil.ignore_patterns("_expected"))
    with open(root / "_config.yml", "a", encoding="utf-8") as config:
        config.write("specsite:\n  severity: {broken-link: warning}\n"
                     "  ignore:\n    - {file: \"_layouts/*\", reason: \"the layout is being rewritten\"}\n")
    found = {(d.path, d.severity) for d in build_site(root).findings.items}
    assert ("_data/topnav.yml", "warning") in found and ("_data/sidebars/main_sidebar.yml", "warning") in found
    assert not any(path.startswith("_layouts/") for path, _ in found)
    assert {severity for _, severity in found} == {"warning"}


def test_policy_applies_to_check_html(tmp_path, capsys):
    """`check --html DIR --source SITE` reads SITE's severity/ignore, as a source check does."""
    html = make_site(tmp_path / "_site", {"index.html": '<a href="gone.html">x</a> <a href="#nope">y</a>\n'
                                                        '<img src="legacy/logo.png">\n'})
    source = make_site(tmp_path / "src", {"_config.yml": "title: T\nspecsite:\n  severity: {broken-anchor: warning}\n"
                                                         "  ignore: [{target: \"legacy/*\", reason: \"moved\"}]\n"})
    out = tmp_path / "r.json"
    assert run_cli(["check", "--html", html, "--source", source, "--format", "json", "--output", out]) == 1
    items = json.loads(out.read_text(encoding="utf-8"))
    assert sorted((i["rule"], i["severity"], i["target"]) for i in items) == [
        ("broken-anchor", "warning", "#nope"), ("broken-link", "error", "gone.html")]


def test_policy_applies_to_release_rules_and_build_warnings(tmp_path):
    """`release-placeholder: off` and an ignore on `releases/*` broken links reach the release rules;
    `liquid-unsupported: off` reaches a build warning."""
    root = tmp_path / "site"
    shutil.copytree(FAIL, root)
    (root / "releases/1.0.0/release.yml").write_text(
        "version: 1.0.0\nstatus: published\ndate: 2024-05-01\nintroduction: TODO\n", encoding="utf-8")
    with open(root / "pages/amend.md", "a", encoding="utf-8") as page:
        page.write("\n{% avatar someone %}\n")  # (a plugin's tag: a warning)
    before = {d.rule for d in diagnostics_of(build_site(root))}
    assert {"release-placeholder", "liquid-unsupported"} <= before
    with open(root / "_config.yml", "a", encoding="utf-8") as config:
        config.write("  severity: {release-placeholder: off, liquid-unsupported: off}\n"
                     "  ignore:\n    - {file: \"releases/*\", rule: broken-link, reason: \"page retired\"}\n")
    after = diagnostics_of(build_site(root))
    assert not {"release-placeholder", "liquid-unsupported"} & {d.rule for d in after}
    assert not [d for d in after if d.path.startswith("releases/") and d.rule == "broken-link"]
    assert [d for d in after if d.rule == "broken-link"]  # the others stay


def test_a_severity_setting_does_not_make_a_draft_release_block_a_publish(tmp_path):
    """`release-placeholder: error` raises a published release's placeholder; a draft's stays a warning."""
    root = tmp_path / "site"
    shutil.copytree(FAIL, root)
    (root / "releases/1.0.0/release.yml").write_text(
        "version: 1.0.0\nstatus: published\ndate: 2024-05-01\nintroduction: TODO\n", encoding="utf-8")
    (root / "releases/1.1.0").mkdir()
    (root / "releases/1.1.0/release.yml").write_text("version: 1.1.0\nstatus: draft\nintroduction: TBC\n",
                                                     encoding="utf-8")
    with open(root / "_config.yml", "a", encoding="utf-8") as config:
        config.write("  severity: {release-placeholder: error}\n")
    found = {(d.path, d.severity) for d in diagnostics_of(build_site(root, drafts="listed"), "release-placeholder")}
    assert found == {("releases/1.0.0/release.yml", "error"), ("releases/1.1.0/release.yml", "warning")}
    hints = [d.hint for d in diagnostics_of(build_site(root, drafts="listed"), "release-placeholder")
             if d.path.startswith("releases/1.1.0/")]
    assert all(h.count("is a draft") == 1 for h in hints)
