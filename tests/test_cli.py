"""The command line as a user meets it: --version, usage errors that name the sub-command and the
option meant, diagnostics whose message and hint are two sentences, hints in the invoked form."""
from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import REPO, SEED, run_cli
from specsite import __version__
from specsite.diagnostics import Diagnostic, command_name, sentences
from specsite.rules import RULES


def test_version_prints_the_package_version(capsys):
    """`specsite --version` prints 'specsite X.Y.Z' on stdout and exits 0."""
    assert run_cli(["--version"]) == 0
    assert capsys.readouterr().out == f"specsite {__version__}\n"


def test_python_dash_m_specsite_is_the_same_program():
    """`python -m specsite --version` runs the CLI (specsite/__main__.py)."""
    result = subprocess.run([sys.executable, "-m", "specsite", "--version"], cwd=REPO,
                            capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (0, f"specsite {__version__}\n")


@pytest.mark.parametrize("argv, usage, error", [
    (["buidl"], "usage: specsite [-h] [--version]",
     "specsite: error: 'buidl' is not a command. Did you mean 'build'?"),
    (["publish"], "usage: specsite [-h] [--version]",
     "specsite: error: 'publish' is not a command. The commands are build, check, release, serve, diff."),
    (["build", "--sorce", "x"], "usage: specsite build [-h] [--source SOURCE]",
     "specsite build: error: unknown option '--sorce'. Did you mean '--source'?"),
    (["--sorce=x"], "usage: specsite build [-h]",
     "specsite build: error: unknown option '--sorce'. Did you mean '--source'?"),
    (["check", "--fromat", "json"], "usage: specsite check [-h]",
     "specsite check: error: unknown option '--fromat'. Did you mean '--format'?"),
    (["check", "--format", "jsn"], "usage: specsite check [-h]",
     "(choose from 'text', 'json', 'junit', 'sarif', 'github'). Did you mean 'json'?"),
    (["release", "check", "--strcit"], "usage: specsite release check [-h]",
     "specsite release check: error: unknown option '--strcit'. Did you mean '--strict'?"),
    (["release", "nwe", "1.3.0"], "usage: specsite release [-h]",
     "invalid choice: 'nwe' (choose from 'new', 'add', 'import', 'check'). Did you mean 'new'?"),
    (["build", "--zzz"], "usage: specsite build [-h]",
     "specsite build: error: unknown option '--zzz'. Run 'specsite build --help' for what it accepts."),
    (["build", "pages"], "usage: specsite build [-h]",
     "specsite build: error: unexpected argument 'pages'. Run 'specsite build --help' for what it accepts."),
], ids=lambda v: " ".join(v) if isinstance(v, list) else None)
def test_a_usage_error_shows_the_sub_command_usage_and_what_was_meant(argv, usage, error, capsys,
                                                                      monkeypatch):
    """Exit 2; stderr starts with the usage of the (sub-)command the user typed, then the error,
    with a "Did you mean" for a near miss and the way to the help otherwise."""
    monkeypatch.setattr(sys, "argv", ["/usr/local/bin/specsite"])
    assert run_cli(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith(usage)
    assert error in err.splitlines()[-1]


@pytest.mark.parametrize("argv0, expected", [
    ("/venv/bin/specsite", "specsite"),
    ("build_site.py", "python3 build_site.py"),
    ("../spec/build_site.py", "python3 ../spec/build_site.py"),
    ("/x/site-packages/specsite/__main__.py", "python3 -m specsite"),
    ("", "specsite"),
])
def test_command_name_is_the_command_as_the_user_typed_it(argv0, expected):
    assert command_name(argv0) == expected


@pytest.mark.parametrize("argv0, expected", [
    ("/venv/bin/specsite", "add entries with: specsite release add 1.3.0"),
    ("build_site.py", "add entries with: python3 build_site.py release add 1.3.0"),
])
def test_hints_name_the_command_as_it_was_invoked(tmp_path, capsys, monkeypatch, argv0, expected):
    """`release new` tells what to run next in the form the user ran it."""
    (tmp_path / "_config.yml").write_text("title: T\n", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", [argv0])
    assert run_cli(["release", "new", "1.3.0", "--source", tmp_path]) == 0
    assert expected in capsys.readouterr().err


def test_hints_keep_the_source_folder_the_command_was_given(tmp_path, capsys, monkeypatch):
    """`release new V --source DIR` and `release import` name the next command with `--source DIR` (run
    as printed from another folder it would check the wrong site); from inside the source, without it."""
    (tmp_path / "_config.yml").write_text("title: T\nversion: 1.2.3\n", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["/venv/bin/specsite"])
    assert run_cli(["release", "new", "1.3.0", "--source", tmp_path]) == 0
    assert f"specsite release add 1.3.0 --ticket N --title '…' --source {tmp_path}\n" in capsys.readouterr().err
    monkeypatch.chdir(tmp_path)
    assert run_cli(["release", "import", SEED]) == 0
    err = capsys.readouterr().err
    assert "check it with: specsite release check 1.2.3\n" in err


def test_usage_names_the_program_as_invoked(capsys, monkeypatch):
    """Run as `python3 build_site.py`, usage and errors say so (not 'specsite')."""
    monkeypatch.setattr(sys, "argv", ["build_site.py"])
    assert run_cli(["build", "--sorce", "x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: python3 build_site.py build [-h]")
    assert "python3 build_site.py build: error: unknown option '--sorce'." in err


@pytest.mark.parametrize("message, hint, text", [
    ("anchor '#x' does not exist on this page", "Did you mean '#y'?",
     "anchor '#x' does not exist on this page. Did you mean '#y'?"),
    ("no title.", "Add one.", "no title. Add one."),
    ("is 'x' a page?", "Check it.", "is 'x' a page? Check it."),
    ("unknown layout 'pgae'", None, "unknown layout 'pgae'"),
])
def test_message_and_hint_are_separate_sentences(message, hint, text):
    assert sentences(message, hint) == text
    diagnostic = Diagnostic("pages/a.md", 3, 7, "broken-anchor", "error", message, hint)
    fixed = text if hint else sentences(message, RULES["broken-anchor"].fix)  # (no hint: the rule's fix)
    assert diagnostic.format() == f"pages/a.md:3:7: error[broken-anchor]: {fixed}"


def test_the_cli_declares_the_release_models_choices():
    """release's arguments are declared apart from the releases package (fast start-up)."""
    from specsite.commands import release
    from specsite.releases.dates import ORDERS
    from specsite.releases.model import STATUSES
    assert (release.ORDERS, release.STATUSES) == (ORDERS, STATUSES)


@pytest.mark.parametrize("argv, message", [
    (["check", "--html", "{tmp}/missing"], "specsite check: error: --html {tmp}/missing is not a folder"),
    (["check", "--source", "{tmp}", "--output", "{tmp}/no/such/folder/report.txt"],
     "specsite check: error: cannot write {tmp}/no/such/folder/report.txt: No such file or directory"),
    (["release", "new", "v1", "--source", "{tmp}"],
     "specsite release: error: 'v1' is not a version number like 1.2.3"),
    (["release", "import", "{tmp}/notes.md", "--source", "{tmp}"],
     "specsite release: error: {tmp}/notes.md does not exist"),
    (["diff", "main", "--source", "{tmp}"],
     "specsite diff: error: 'main' is not a folder, and {tmp} is not in a git repository"),
], ids=lambda v: " ".join(v[:2]) if isinstance(v, list) else None)
def test_a_command_that_cannot_run_as_asked_says_why_in_one_line_and_exits_2(argv, message, tmp_path, capsys):
    """Each command raises UsageError; cli.main prints it as 'specsite COMMAND: error: …', exit 2."""
    (tmp_path / "_config.yml").write_text("title: T\n", encoding="utf-8")
    (tmp_path / "index.md").write_text("---\ntitle: Home\n---\n# Home\n", encoding="utf-8")
    assert run_cli([a.format(tmp=tmp_path) for a in argv]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith(message.format(tmp=tmp_path)), err
