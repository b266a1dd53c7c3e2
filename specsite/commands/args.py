"""Arguments and help text that several sub-commands share."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from pathlib import Path

REPORT_FORMATS = ("text", "json", "junit", "sarif", "github")  # check/report.py renders each

EPILOG = """exit codes:
  0  success
  1  the build or check found errors (or warnings, with --strict)
  2  usage or configuration error
  3  internal error (a bug in specsite: please report it)
"""


@contextmanager
def loading():
    """Import a command's stages with the cyclic collector off: the imports allocate some 100,000
    objects and free almost none, so the collections they set off find nothing (4 ms of a 55 ms
    import). What they made then joins the oldest generation unexamined (freeze, then unfreeze),
    or the next young collections would walk all of it twice (13 ms after a 140-page site's
    imports). The collector is as it was once the modules are loaded."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        if collecting:
            gc.enable()


def add_parser(subparsers, name: str, help: str, **kwargs):
    """A sub-command's parser, with the exit codes as its epilog unless it states its own.
    (argparse is imported here, not at load: a plain build's arguments are read without it,
    commands/quick.py.)"""
    import argparse
    kwargs.setdefault("epilog", EPILOG)
    return subparsers.add_parser(name, help=help, formatter_class=argparse.RawDescriptionHelpFormatter,
                                 **kwargs)


def declare(p, options: tuple) -> None:
    """Each (option string, add_argument's keyword arguments) of `options` added to parser `p`
    (commands/quick.py reads the same declarations)."""
    for option, kwargs in options:
        p.add_argument(option, **kwargs)


SOURCE = ("--source", {"type": Path, "default": Path("."), "help": "source folder (default: .)"})
THEME = ("--theme", {"choices": ["jekyll", "specsite"], "default": None,
                     "help": "'jekyll' (the default for a Jekyll site) writes pages as Jekyll does: through "
                             "the site's _layouts, or each page's content alone where it has none; "
                             "'specsite' (the default for specsite's own sources) uses specsite's "
                             "documentation theme"})
UNSAFE = ("--unsafe", {"action": "store_true",
                       "help": "follow symlinks and *_dir settings that lead outside the source folder "
                               "(only for a source you trust)"})


def source_arg(p):
    declare(p, (SOURCE,))


def theme_arg(p):
    declare(p, (THEME,))


def unsafe_arg(p):
    declare(p, (UNSAFE,))


def port(text: str) -> int:
    number = int(text) if text.isdigit() else -1
    if not 0 <= number <= 65535:
        import argparse
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number (0-65535)")
    return number

