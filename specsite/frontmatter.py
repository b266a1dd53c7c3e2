"""Split Jekyll front matter from a body (its YAML loaded by yamlpsych.py, whose names the other
stages import from here as well), keeping line numbers."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass

from .digests import blake2b
from .yamlblock import block_document
from .yamlfast import simple_mapping
from .yamlpsych import LineDict, LineList, YamlError, item_line, load_yaml

__all__ = ["FrontMatterMemo", "LineDict", "LineList", "Split", "UnclosedFrontMatter", "YamlError", "block_document",
           "has_front_matter", "has_yaml_header", "item_line", "load_yaml", "simple_mapping", "split", "text_digest"]


_OPEN = re.compile(r"\A(?:\ufeff)?---[ \t\r\f\v]*\n")  # YAML_FRONT_MATTER_REGEXP's `---\s*\n` (Ruby's \s)
_YAML_HEADER = re.compile(rb"---[ \t\r\f\v]*\n")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE)


class UnclosedFrontMatter(YamlError):
    """A first '---' line with no closing one: Jekyll's has_yaml_header? is true, so the file is a
    page, but YAML_FRONT_MATTER_REGEXP does not match: no data, the whole text is its content."""


@dataclass(frozen=True)
class Split:
    """A file read as front matter and body."""
    meta: dict | None  # None: the file has no front matter
    body: str
    body_line: int  # 1-based line of the file on which the body starts
    error: YamlError | None = None  # invalid YAML: the page is read without its front matter


def has_front_matter(text: str) -> bool:
    return bool(_OPEN.match(text))


def has_yaml_header(head: bytes) -> bool:
    """Jekyll's Utils.has_yaml_header?, which makes a file a page or document rather than a static
    file: its first line, read as bytes, is `---` and whitespace (`\\A---\\s*\\r?\\n`). A byte-order
    mark is no whitespace, so a file that starts with one is copied as it is, front matter and all."""
    return _YAML_HEADER.match(head) is not None


def first_line(handle, head: bytes) -> bytes:
    """`head` (the first bytes read from `handle`) up to its first line's end, as Ruby's readline
    reads it, where it could be a front matter opening line that has not ended yet."""
    return head + handle.readline() if head.startswith(b"---") and b"\n" not in head else head


class FrontMatterMemo:
    """Splits remembered for a session (see specsite.session): a preview re-reads unchanged files
    on every save, and a build with a disk cache gets the front matter of unchanged files from it."""

    MAX_TEXTS = 20000

    def __init__(self, known: dict | None = None, texts: bool = True):
        # text -> Split; None: texts are not kept (a one-shot build reads each file once)
        self.by_text: dict | None = {} if texts else None
        self.known: dict = dict(known or {})  # digest of text + TZ -> (meta, body offset, body line)
        self.used: set = set()  # digests split in this session (what a disk cache should keep)
        # id of a body split here -> (the body, the digest of its file's text): the parse cache's
        # digest of a page has the text's (its body is that text's), instead of hashing it again
        self.bodies: dict = {}

    def kept(self) -> dict:
        """The known splits of the texts this session used, for the disk cache."""
        return {d: self.known[d] for d in self.used if d in self.known}


def text_digest(text: str) -> bytes:
    return blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def split(text: str, *, lenient: bool = False, memo: FrontMatterMemo | None = None, jekyll: bool = False) -> Split:
    """Separate front matter from body; raises YamlError with file lines — or, `lenient` (pages,
    as Jekyll reads them), returns the body with empty front matter and the error. With a `memo`
    results are remembered by text (callers copy the meta mapping before changing it). `jekyll`:
    the body starts after the blank lines below the front matter, as Jekyll's pattern reads it."""
    result = _split(text, jekyll) if memo is None else _split_cached(text, memo, jekyll)
    if result.error is not None and not lenient:
        raise result.error
    return result


def _split_cached(text: str, memo: FrontMatterMemo, jekyll: bool = False) -> Split:
    cached = memo.by_text.get(text) if memo.by_text is not None else None
    if cached is not None:
        return cached
    digest = text_digest(text)
    key = digest + os.environ.get("TZ", "").encode()  # (a time without an offset is read in TZ)
    known = memo.known.get(key)
    if known is not None:
        meta, offset, body_line = known
        result = Split(meta, text[offset:], body_line)
    else:
        result = _split(text, jekyll)
        if result.meta is not None and result.error is None:
            memo.known[key] = (result.meta, len(text) - len(result.body), result.body_line)
    memo.used.add(key)
    if len(memo.bodies) > memo.MAX_TEXTS:
        memo.bodies.clear()
    memo.bodies[id(result.body)] = (result.body, digest)
    if memo.by_text is None:
        return result
    if len(memo.by_text) > memo.MAX_TEXTS:
        memo.by_text.clear()
    memo.by_text[text] = result
    return result


def _split(text: str, jekyll: bool = False) -> Split:
    opened = _OPEN.match(text)
    if not opened:
        return Split(None, text.lstrip("\ufeff"), 1)
    close = _CLOSE.search(text, opened.end())
    if not close:
        raise UnclosedFrontMatter("front matter is not closed: add a line '---' after it", 1, 1)
    yaml_text = text[opened.end():close.start()]
    if "\f" in opened.group() or "\v" in opened.group():  # Jekyll gives YAML the `---` line too: Psych refuses these
        err = YamlError("control characters are not allowed", 1, opened.group().find("---") + 4,
                        hint="Remove the form feed or vertical tab after the opening `---`.")
        return Split(LineDict(), text[close.end():], _body_line(text, close), err)
    try:
        meta = load_yaml(yaml_text, line_offset=1) if yaml_text.strip() else LineDict()
    except YamlError as err:  # Jekyll warns and renders the page without its front matter
        return Split(LineDict(), text[close.end():], _body_line(text, close), err)
    if meta is None:
        meta = LineDict()
    if not isinstance(meta, dict):
        raise YamlError("front matter must be a mapping of keys to values (key: value)", 2, 1)
    body, cut = _after_blank_lines(text, close.end()) if jekyll else (text[close.end():], 0)
    return Split(meta, body, _body_line(text, close) + cut)


def _after_blank_lines(text: str, at: int) -> tuple:
    """text[at:] without its leading blank lines, and how many there were: Jekyll's front matter
    pattern (`---\\s*$\\n?`) takes them (kramdown would write a blank line for them)."""
    if text[at:at + 1] not in _BLANK_START:
        return text[at:], 0
    blank = _BLANKS.match(text, at).group(0)
    cut = len(blank) if at + len(blank) == len(text) else blank.rfind("\n") + 1
    return text[at + cut:], blank.count("\n", 0, cut)


_BLANK_START = frozenset(" \t\r\n")
_BLANKS = re.compile(r"\s*")


def _body_line(text: str, close) -> int:
    return text.count("\n", 0, close.end()) + (1 if close.group(0).endswith("\n") else 2)
