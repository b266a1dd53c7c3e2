"""commands/quick.py reads a plain build's or check's arguments without argparse: wherever it
gives values, they are argparse's own for the same words (random argument lists of the
commands' options, abbreviations, `=` forms, values like options, unknown words)."""
from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from specsite import cli
from specsite.commands import parser, quick

REPO = Path(__file__).resolve().parent.parent
VALUES = ("site", "out dir", "", "-", "--strict", "-1", "json", "jsn", "jekyll", "specsite", "build", "x=y", "é")


def _words(rng: random.Random, options: tuple) -> list[str]:
    names = [name for name, _ in options]
    words = []
    for _ in range(rng.randrange(0, 7)):
        kind = rng.random()
        if kind < 0.7:
            words.append(rng.choice(names))
            if rng.random() < 0.8:
                words.append(rng.choice(VALUES))
        elif kind < 0.8:
            words.append(rng.choice(names)[:-2])  # an abbreviation: argparse's
        elif kind < 0.9:
            words.append(rng.choice(names) + "=" + rng.choice(VALUES))
        else:
            words.append(rng.choice(VALUES + ("-h", "--version", "--nope")))
    return words


def _argparse(argv: list[str]):
    try:
        return vars(parser.parse(list(argv)))
    except SystemExit:
        return None


@pytest.mark.parametrize("command", ["build", "check"])
def test_quick_values_are_argparses(command, capsys):
    options = cli._command(command).OPTIONS
    rng = random.Random(7)
    read = 0
    for _ in range(3000):
        words = _words(rng, options)
        values = quick.read(options, words)
        if values is None:
            continue
        read += 1
        argv = ([command] if command != "build" or rng.random() < 0.5 else []) + words
        if not argv or argv[0] != command and not argv[0].startswith("-"):
            argv.insert(0, command)
        assert _argparse(argv) == {"command": command, **values}, argv
        assert vars(cli._parse(list(argv))) == {"command": command, **values}
    capsys.readouterr()
    assert read > 300  # most plain lists are read without argparse


def test_every_quick_option_is_declared_to_argparse_as_is():
    """The commands' parsers hold exactly the OPTIONS quick.py reads (and --help)."""
    for command in cli._QUICK:
        sub = parser.make_parser("specsite", (command,))._subparsers._group_actions[0].choices[command]
        declared = {o for a in sub._actions for o in a.option_strings} - {"-h", "--help"}
        assert declared == {name for name, _ in cli._command(command).OPTIONS}


def test_a_plain_build_does_not_import_argparse(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    (src / "index.md").write_text("# Home\n", encoding="utf-8")
    script = ("import sys; from specsite.cli import main; "
              f"code = main(['build', '--no-cache', '--source', {str(src)!r}, '--out', {str(tmp_path / 'out')!r}]); "
              "print('LOADED', int(code), 'argparse' in sys.modules, 'gettext' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert "LOADED 0 False False" in result.stdout, result.stdout + result.stderr
