"""What every start compiled again, kept beside specsite's bytecode: the regular expressions
(specsite's, python-liquid's, PyYAML's: about 210 patterns, 20 ms of a 100 ms build of a one-page
site), the methods `dataclasses` writes as source and compiles (about 50 classes, 24 ms), and the
expressions `typing` compiles for each string annotation of a NamedTuple's field and
`collections.namedtuple` for each class's `__new__` (about 40, 2 ms).

While a command runs (`cli.main`), `re` compiles a pattern it has compiled before from the
instruction list kept for it (its parse and code generation are skipped, and `re._compile`'s
flag arithmetic and cache with them: _kept_compile), and `dataclasses`
executes the code object kept for a method's source instead of compiling the source, and
`typing.ForwardRef` and `namedtuple` get the code object kept for an expression. All give
what the compiler gives: a pattern is kept only after the one built from the kept instructions
compared equal (sre compares flags and instructions) to the one `re` compiled and its parse
warned nothing (a kept pattern is never parsed: its FutureWarning would be lost), and a method's or an expression's
code is `compile(source)` with the flags `exec`, `compile` or `eval` give it there (none). The file is
`__pycache__/compiled.<tag>.marshal`, trusted as the `.pyc` files beside it are, read only by the
same interpreter build (its version string and sre's MAGIC), each entry read and unmarshalled
only when a compile asks for it (kept_file.py), written only when a run compiled something new
(never with PYTHONDONTWRITEBYTECODE, as Python's own bytecode); any failure to read or write it
leaves the compilers as they are.
"""
from __future__ import annotations

import collections
import dataclasses
import marshal
import os
import re
import sys
import typing
import warnings
from array import array
from contextlib import contextmanager
from importlib.util import cache_from_source
from re import _compiler, _parser  # noqa: PLC2701 - the instructions sre builds a pattern from
from types import CodeType

from . import kept_file
from .kept_bundle import Bundle
from .kept_file import KeptFile

_sre = _compiler._sre
# beside this module's bytecode: its __pycache__, or where PYTHONPYCACHEPREFIX puts it
FILE = os.path.join(os.path.dirname(cache_from_source(os.path.abspath(__file__))),
                    f"compiled.{sys.implementation.cache_tag}.marshal")
KEY = (sys.version, _sre.MAGIC, _sre.CODESIZE, 4)  # this build's sre's instruction lists, in this file format (4)
_CODE = "I" if array("I").itemsize == _sre.CODESIZE else "L"  # an array of sre's code words
MAX_PATTERNS = 3000  # patterns built from a site's own values pile up: start afresh past this
MAX_CODES = 1000
_DEBUG = int(re.DEBUG)  # an int: `int & RegexFlag` goes through enum's operators
_RE_OWN = int(re.DEBUG | re.TEMPLATE)  # flags whose compile re does itself (DEBUG prints, TEMPLATE warns)


def _instructions(pattern, flags: int) -> tuple:
    """What `re._compiler.compile` hands `_sre.compile` for `pattern`, after the pattern string,
    its code list kept as the bytes of an array: unmarshalling a list of ~140 ints (a pattern's
    average) cost ~20K instructions, the bytes and the list made of them at the compile ~14K
    (hakaspecs' build: 675 patterns, 13.7M -> 9.5M)."""
    parsed = _parser.parse(pattern, flags)
    code = array(_CODE, _compiler._code(parsed, flags)).tobytes()
    groupindex = dict(parsed.state.groupdict)
    indexgroup = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _sre_compile(pattern, kept: tuple):
    """The Pattern `_sre.compile` makes of `pattern` and its kept instructions (_instructions)."""
    flags, code, *rest = kept
    return _sre.compile(pattern, flags, array(_CODE, code).tolist(), *rest)


def _pattern_compiler(kept: _Kept, used: dict, original, fresh: set):
    """`re._compiler.compile`, building a pattern it has the instructions of from them (`fresh`:
    the keys of the patterns it had not, to keep)."""
    def compile_pattern(p, flags=0):
        if type(p) not in (str, bytes) or type(flags) is not int or flags & _DEBUG:
            return original(p, flags)
        key = (type(p) is bytes, p, flags)  # (first: b"x" and "x" hash alike, and -bb makes comparing them an error)
        found = kept.get(key) if key not in used else used[key]
        if found is not None:
            try:
                pattern = _sre_compile(p, found)
            except Exception:  # noqa: BLE001 - a damaged entry (sre checks the instructions): compiled afresh
                pass
            else:
                used[key] = found
                return pattern
        compiled = original(p, flags)
        with warnings.catch_warnings(record=True) as warned:  # the compile above warned already
            warnings.simplefilter("always")
            found = _instructions(p, flags)
        if not warned and _sre_compile(p, found) == compiled:  # (one that warns must warn each run)
            used[key] = found
            fresh.add(key)
        return compiled
    return compile_pattern


def _kept_compile(kept: _Kept, used: dict, built: dict, original):
    """`re._compile` (what re.compile, re.sub, ... call first), answering a str or bytes pattern
    with plain flags from `built` (the Pattern this run made for it: the same object each time,
    as re's cache gives) or from its kept instructions. re's own takes ~24K instructions a
    pattern more: `int & RegexFlag` runs enum's Python operators twice, and its cache's
    bookkeeping. Anything else (a Pattern, DEBUG or TEMPLATE, a pattern never kept) is re's own
    `_compile`, whose result is then what `built` answers."""
    def compile_(pattern, flags):
        if type(flags) is not int:
            if not isinstance(flags, re.RegexFlag):
                return original(pattern, flags)
            flags = flags.value
        kind = type(pattern)
        if kind is not str and kind is not bytes or flags & _RE_OWN:
            return original(pattern, flags)
        key = (kind is bytes, pattern, flags)
        found = built.get(key)
        if found is not None:
            return found
        instructions = used.get(key) or kept.get(key)
        if instructions is not None:
            try:
                found = _sre_compile(pattern, instructions)
            except Exception:  # noqa: BLE001 - a damaged entry (sre checks the instructions): compiled afresh
                found = None
            else:
                used[key] = instructions
        if found is None:
            found = original(pattern, flags)
        built[key] = found
        return found
    return compile_


def _method_exec(kept: _Kept, used: dict, fresh: set):
    """`exec` as `dataclasses` calls it (a function's source, its module's globals, a namespace),
    running the kept code object of a source it has seen (`fresh`: the sources it had not)."""
    def exec_source(source, globals=None, locals=None):  # noqa: A002 - exec's own parameter names
        if type(source) is str:
            code = used.get(source) or kept.get(source)
            if type(code) is not CodeType:  # (None, or a damaged entry)
                # dataclasses.py has no __future__ import: its exec compiles with no flags
                code = compile(source, "<string>", "exec", dont_inherit=True)
                fresh.add(source)
            used[source] = code
            source = code
        return exec(source, vars(dataclasses) if globals is None else globals, locals)  # noqa: S102
    return exec_source


_EXPRESSION = "eval:"  # the key of an expression's code: its source after this (a method's starts with "def ")


def _expression_code(kept: _Kept, used: dict, fresh: set, source: str) -> CodeType:
    """The code of an expression as `compile(source, "<string>", "eval")` in a module without
    __future__ imports makes it (typing.py's and collections' own calls): kept, or compiled now."""
    key = _EXPRESSION + source
    code = used.get(key) or kept.get(key)
    if type(code) is not CodeType:  # (None, or a damaged entry)
        code = compile(source, "<string>", "eval", dont_inherit=True)  # (a SyntaxError: raised as before)
        fresh.add(key)
    used[key] = code
    return code


def _forward_compile(kept: _Kept, used: dict, fresh: set):
    """`compile` as typing.ForwardRef calls it (an annotation's text, '<string>', 'eval')."""
    def compile_expression(source, filename, mode, *args, **kwargs):
        if type(source) is not str or filename != "<string>" or mode != "eval" or args or kwargs:
            return compile(source, filename, mode, *args, **kwargs)
        return _expression_code(kept, used, fresh, source)
    return compile_expression


def _namedtuple_eval(kept: _Kept, used: dict, fresh: set):
    """`eval` as collections.namedtuple calls it (its `__new__` lambda's source, a namespace)."""
    def evaluate(source, globals=None, locals=None):  # noqa: A002 - eval's own parameter names
        if type(source) is not str or globals is None or locals is not None:
            return eval(source, globals, locals)  # noqa: S307
        return eval(_expression_code(kept, used, fresh, source), globals)  # noqa: S307
    return evaluate


def _read() -> KeptFile:
    """The kept file (its index: an entry is read when a compile asks for it)."""
    return KeptFile.open(FILE, KEY)


class _Kept:
    """The kept compilations: the command's blob (kept_bundle.py) first, then the file of single
    values, whose index is read when the blob lacks a key."""

    def __init__(self, bundle: Bundle):
        self.bundle = bundle
        self.file: KeptFile | None = None

    def get(self, key):
        found = self.bundle.get(key)
        if found is None:
            return self.single().get(key)
        self.bundle.served.add(key)
        return found

    def single(self) -> KeptFile:
        if self.file is None:
            self.file = _read()
        return self.file


def _write(kept: KeptFile, used: tuple[dict, dict]) -> None:
    """The kept entries with this run's new ones (or this run's alone, past the limits)."""
    fresh = {**used[0], **used[1]}
    patterns = sum(1 for key in kept.index if type(key) is tuple)
    within = patterns + len(used[0]) <= MAX_PATTERNS and len(kept.index) - patterns + len(used[1]) <= MAX_CODES
    values = kept.carried(kept.index, fresh) if within else {}
    try:
        values.update((key, marshal.dumps(value)) for key, value in fresh.items())
    except ValueError:  # a value marshal cannot write
        return
    kept_file.write(FILE, KEY, None, values)


@contextmanager
def compile_cache(command: str | None = None):
    """Within: `re` and `dataclasses` use (and collect) the kept compilations, `command`'s blob
    first (None: none); after: both are as they were, the file is rewritten if this run compiled
    what it did not have, and the blob if what this run and the run before both used changed."""
    if getattr(_compiler.compile, "__wrapped_by__", None) == __name__:  # a command run by a command
        yield
        return
    kept = _Kept(Bundle.of_command(FILE, command, KEY))
    used: tuple[dict, dict] = ({}, {})
    fresh: set = set()  # (what the kept file has not: a look-up of each used key at the end was 0.6 ms)
    original = _compiler.compile
    _compiler.compile = _pattern_compiler(kept, used[0], original, fresh)
    _compiler.compile.__wrapped_by__ = __name__
    original_compile = re._compile
    re._compile = _kept_compile(kept, used[0], {}, original_compile)
    dataclasses.exec = _method_exec(kept, used[1], fresh)
    typing.compile = _forward_compile(kept, used[1], fresh)
    collections.eval = _namedtuple_eval(kept, used[1], fresh)
    pid = os.getpid()
    try:
        yield
    finally:
        _compiler.compile = original
        re._compile = original_compile
        del dataclasses.exec, typing.compile, collections.eval
        if pid == os.getpid() and not sys.dont_write_bytecode:
            if fresh:
                _write(kept.single(), used)
            kept.bundle.save({**used[0], **used[1]})
        if kept.file is not None:
            kept.file.close()
