"""A command's arguments read without argparse when they are of the plainest kind: every word is
one of the command's own options spelled in full (`--source DIR`, `--no-cache`), each value a
separate word that does not start with '-'. That is what every scripted build and check passes,
and there argparse gives exactly these values; importing argparse (and gettext) and declaring the
parser cost about 3 ms of a 150 ms build. Anything else (help, an abbreviation, `--out=DIR`, a
value argparse would read as an option, an unknown word, a value outside its choices) returns
None, and argparse reads the words as before, with its own messages.

An option is declared once, as (option string, argparse's keyword arguments): `register` hands
the same pairs to argparse's add_argument (tests/test_quick_args.py compares both readings on
random argument lists)."""
from __future__ import annotations

from types import SimpleNamespace

_STORE_TRUE = "store_true"


def dest(option: str, kwargs: dict) -> str:
    """The attribute argparse stores an option in: `dest`, or its name with '-' read as '_'."""
    return kwargs.get("dest") or option.lstrip("-").replace("-", "_")


def defaults(options: tuple) -> dict:
    """{attribute: value} of a command run without arguments, as argparse fills them in (a string
    default goes through the option's type, as argparse does)."""
    values = {}
    for option, kwargs in options:
        if kwargs.get("action") == _STORE_TRUE:
            value = kwargs.get("default", False)
        else:
            value = kwargs.get("default")
            if isinstance(value, str) and kwargs.get("type") is not None:
                value = kwargs["type"](value)
        values[dest(option, kwargs)] = value
    return values


def read(options: tuple, words: list[str]) -> dict | None:
    """{attribute: value} of `words` (what follows the command's name), or None where argparse
    must read them."""
    table = dict(options)
    values = defaults(options)
    i = 0
    while i < len(words):
        kwargs = table.get(words[i])
        if kwargs is None:
            return None
        action = kwargs.get("action")
        if action == _STORE_TRUE:
            values[dest(words[i], kwargs)] = True
            i += 1
            continue
        if action is not None or kwargs.get("nargs") is not None or i + 1 == len(words):
            return None
        value = words[i + 1]
        if value.startswith("-"):  # argparse may read it as an option (or a negative number)
            return None
        convert = kwargs.get("type")
        if convert is not None:
            try:
                value = convert(value)
            except Exception:  # noqa: BLE001 - argparse words the error (ArgumentTypeError too)
                return None
        choices = kwargs.get("choices")
        if choices is not None and value not in choices:
            return None
        values[dest(words[i], kwargs)] = value
        i += 2
    return values


def namespace(command: str, values: dict) -> SimpleNamespace:
    """The parsed arguments as the commands read them (attributes, as on argparse's Namespace)."""
    return SimpleNamespace(command=command, **values)
