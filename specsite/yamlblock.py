"""Block YAML of the plainest kinds read without the YAML parser: a site's `_config.yml`, its
`_data` files (a sidebar's nested lists of titles and URLs) and front matter whose values run
over several lines. Nested block mappings and lists (a list may sit at its key's indentation),
comment and blank lines, and the scalars yamlfast reads (plain, quoted without escapes, flow
lists of plain words) — a plain one also over several more indented lines, folded with spaces,
and one starting with a digit resolved as the loader's resolvers resolve it —, a scalar named
(`&name value`) and named again (`*name`), literal and folded block scalars (`|`, `>-`: a
theme's `description: >-`). Anything else (an anchor or alias of a collection, tags, a block
scalar's indentation indicator, escapes, tabs, flow mappings, odd indentation, ...) returns None
and goes to the loader, which reads it or words the error. Where it answers, the answer is the loader's
(tests/test_yamlblock.py compares them on random documents and every YAML file of the fixtures):
importing PyYAML and building its loader is about 5 ms of a 150 ms build.

The document comes back as a tree: a mapping is (MAP, line, [(key, key's line, value)]), a list
(SEQ, line, [(item's line, value)]), lines 0-based, where the loader's node starts; a scalar is
its value (str, bool, int, float or None)."""
from __future__ import annotations

import re

from .yamlfast import _BOOLEANS, _INTEGER, _NULLS, _NOT_PLAIN, _item, _quoted

MAP, SEQ = "map", "seq"


class _NotPlain(Exception):
    """Raised where the text needs the loader."""


# what the loader reads otherwise (line breaks of YAML 1.1, tabs, a BOM, non-printable characters),
# and document markers and directives at a line's start
_REFUSED = re.compile("[\t\r\x85\u2028\u2029\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff"
                      "\ufffe\uffff]|^(?:---|\\.\\.\\.|%)", re.M)
# a key: plain, from a letter, digit or '_', no quote or '#' in it, a ':' only before a non-space,
# no space before its own ':', at most 1024 characters (the loader refuses a longer simple key)
_KEY_LINE = re.compile(r"([A-Za-z0-9_](?:(?:[^:#\"']|:(?! )){0,1022}[^:#\"' ])?):(?: +(.*))?")
# PyYAML's implicit resolvers of a plain scalar starting with a digit, '.', '-' or '+' (resolver.py)
_FLOAT = re.compile(r"""^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9]*(?:[eE][-+][0-9]+)?
                    |[-+]?\.[0-9]+(?:[eE][-+][0-9]+)?
                    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
                    |[-+]?\.(?:inf|Inf|INF)
                    |\.(?:nan|NaN|NAN))$""", re.X)
_INT = re.compile(r"""^(?:[-+]?0b[0-1_]+
                    |[-+]?0[0-7_]+
                    |[-+]?(?:0|[1-9][0-9_]*)
                    |[-+]?0x[0-9a-fA-F_]+
                    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$""", re.X)
_TIMESTAMP = re.compile(r"""^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
                    |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
                     (?:[Tt]|[ \t]+)[0-9][0-9]?
                     :[0-9][0-9] :[0-9][0-9] (?:\.[0-9]*)?
                     (?:[ \t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""", re.X)
_POINT = re.compile(r"[0-9]+\.[0-9]+")  # (a float the constructor reads as float() does: 1.0, 6.25)
_FLOW = re.compile(r"\[([^\[\]{}#]*)\]")
# an anchor and the scalar it names, an alias (PyYAML's scanner: a name of ASCII letters, digits, '-', '_')
_ANCHOR = re.compile(r"&([0-9A-Za-z_-]+) +(.+)")
_ALIAS = re.compile(r"\*([0-9A-Za-z_-]+)")
# a block scalar's header: its style and chomping (None: clip, True: keep, False: strip)
_BLOCK_HEADER = re.compile(r"([|>])([+-]?)")
_CHOMPING = {"": None, "+": True, "-": False}


def block_document(text: str):
    """The tree of `text` (see the module's docstring), or None: the loader must read it."""
    lines = text.split("\n")
    start = 1 if lines[0] == "---" else 0  # (a first line `---`: the document's start, as in many configs)
    if _REFUSED.search(text, len(lines[0]) + 1 if start else 0):
        return None
    rows = []
    for number, line in enumerate(lines[start:], start):
        content = line.lstrip(" ")
        if content and content[0] != "#":
            rows.append((len(line) - len(content), content.rstrip(" "), number))
    if not rows:
        return None
    try:
        tree, end = _block(rows, 0, rows[0][0], _Doc(text, lines))
    except (_NotPlain, RecursionError):  # (hundreds of nested levels: the loader reads them or words why not)
        return None
    return tree if end == len(rows) else None


class _Doc:
    """The document being read: its text and lines (a block scalar reads them as they are), and
    the scalars named so far (`&name value`): name -> (value, its row's line)."""

    __slots__ = ("text", "lines", "anchors", "offsets")

    def __init__(self, text: str, lines: list):
        self.text, self.lines, self.anchors, self.offsets = text, lines, {}, None

    def offset(self, line: int) -> int:
        """Where line `line` (0-based) starts in the text."""
        if self.offsets is None:
            at, self.offsets = 0, []
            for one in self.lines:
                self.offsets.append(at)
                at += len(one) + 1
        return self.offsets[line]


def _is_entry(content: str) -> bool:
    return content == "-" or content.startswith("- ")


def _block(rows: list, i: int, indent: int, doc: _Doc):
    """The mapping or list whose first row is rows[i], at `indent`; (tree, next row)."""
    return _sequence(rows, i, indent, doc) if _is_entry(rows[i][1]) else _mapping(rows, i, indent, doc)


def _mapping(rows: list, i: int, indent: int, doc: _Doc):
    items = []
    first = rows[i][2]
    while i < len(rows) and rows[i][0] == indent:
        _, content, number = rows[i]
        m = _KEY_LINE.fullmatch(content)
        if m is None:
            raise _NotPlain
        key = _plain(m.group(1))
        raw = m.group(2) or ""
        rest = _uncommented(raw)
        i += 1
        if rest:
            value, i = _inline(rest, rest != raw, rows, i, indent, doc)
        elif i < len(rows) and rows[i][0] > indent:
            value, i = _block(rows, i, rows[i][0], doc)
        elif i < len(rows) and rows[i][0] == indent and _is_entry(rows[i][1]):
            value, i = _sequence(rows, i, indent, doc)  # a list at its key's indentation
        else:
            value = None
        items.append((key, number, value))
    if i < len(rows) and rows[i][0] > indent:
        raise _NotPlain
    return (MAP, first, items), i


def _sequence(rows: list, i: int, indent: int, doc: _Doc):
    items = []
    first = rows[i][2]
    while i < len(rows) and rows[i][0] == indent and _is_entry(rows[i][1]):
        _, content, number = rows[i]
        after = content[1:].lstrip(" ")
        rest = _uncommented(after)
        if not rest:
            i += 1
            if i < len(rows) and rows[i][0] > indent:
                value, i = _block(rows, i, rows[i][0], doc)
                number = value[1]  # (the item's node starts at the block's first row)
            else:
                value = None
        elif _is_entry(rest):
            raise _NotPlain  # a list in a list's item on its line
        elif _KEY_LINE.fullmatch(rest):  # a mapping whose first key is on the item's line
            rows[i] = (indent + len(content) - len(after), after, number)
            value, i = _mapping(rows, i, rows[i][0], doc)
        else:
            value, i = _inline(rest, rest != after, rows, i + 1, indent, doc)
            if rest[0] == "*":
                number = doc.anchors[rest[1:]][1]  # (an alias is the named node: it starts where that does)
        items.append((number, value))
    if i < len(rows) and rows[i][0] > indent:
        raise _NotPlain
    return (SEQ, first, items), i


def _uncommented(rest: str) -> str:
    """A value's text without its comment (' #' starts one) and the spaces before it."""
    if rest.startswith("#"):
        return ""
    cut = rest.find(" #")
    return rest if cut < 0 else rest[:cut].rstrip(" ")


def _inline(rest: str, commented: bool, rows: list, i: int, indent: int, doc: _Doc):
    """The scalar or flow list `rest` starting on a row, with a plain scalar's continuation rows
    (more indented than the collection it is in, each right after the last; none after a
    comment); (value, next row). A scalar may be named (`&name value`) and named again later
    (`*name`: the same value, as the loader's alias of a scalar node is)."""
    first = rest[0]
    if first == "&" or first == "*":
        return _named(rest, commented, rows, i, indent, doc)
    if first == "|" or first == ">":
        return _block_scalar(rest, rows, i, indent, doc)
    if first in "\"'[" or commented:
        if i < len(rows) and rows[i][0] > indent:
            raise _NotPlain
        if first == "[":
            return _flow(rest, rows[i - 1][2]), i
        if first not in "\"'":
            return _plain(_chunk(rest)), i
        value = _quoted(rest)
        if value is _NOT_PLAIN:
            raise _NotPlain
        return value, i
    chunks = [_chunk(rest)]
    while i < len(rows) and rows[i][0] > indent:
        if rows[i][2] != rows[i - 1][2] + 1:  # after a blank or comment line: the loader's reading
            raise _NotPlain
        chunks.append(_chunk(rows[i][1]))
        i += 1
    return _plain(" ".join(chunks)), i


def _named(rest: str, commented: bool, rows: list, i: int, indent: int, doc: _Doc):
    """`&name value` (a scalar on the row, named) or `*name` (a scalar named before); anything
    else — a named collection, an alias of one, a name used twice or not yet — is the loader's."""
    if rest[0] == "*":
        m = _ALIAS.fullmatch(rest)
        if m is None or m.group(1) not in doc.anchors or i < len(rows) and rows[i][0] > indent:
            raise _NotPlain
        return doc.anchors[m.group(1)][0], i
    m = _ANCHOR.fullmatch(rest)
    if m is None or m.group(1) in doc.anchors or m.group(2)[0] in "&*[":
        raise _NotPlain
    line = rows[i - 1][2]
    value, i = _inline(m.group(2), commented, rows, i, indent, doc)
    doc.anchors[m.group(1)] = (value, line)
    return value, i


def _block_scalar(rest: str, rows: list, i: int, indent: int, doc: _Doc):
    """A literal (`|`) or folded (`>`) block scalar, with or without a chomping indicator (`-`,
    `+`), whose header is on rows[i - 1]: the lines after it read as PyYAML's scanner reads
    them (scan_block_scalar, line by line, its indentation found from the first lines); (value,
    the next row after its lines). An indentation indicator, or a header on the last line, is
    the loader's."""
    m = _BLOCK_HEADER.fullmatch(rest)
    header = rows[i - 1][2]
    if m is None or header + 1 >= len(doc.lines):
        raise _NotPlain
    folded, chomping = m.group(1) == ">", _CHOMPING[m.group(2)]
    text = doc.text
    n = len(text)
    pos, column = doc.offset(header + 1), 0
    breaks, longest = [], 0  # (scan_block_scalar_indentation)
    while pos < n and text[pos] in " \n":
        if text[pos] == "\n":
            breaks.append("\n")
            column = 0
        else:
            column += 1
            longest = max(longest, column)
        pos += 1
    width = max(indent + 1, longest)  # (min_indent is the collection's indentation + 1)
    chunks, line_break = [], ""
    while column == width and pos < n:
        chunks.extend(breaks)
        leading_non_space = text[pos] != " "
        end = text.find("\n", pos)
        end = n if end < 0 else end
        chunks.append(text[pos:end])
        column += end - pos
        pos = end
        line_break = "\n" if pos < n else ""
        if pos < n:
            pos, column = pos + 1, 0
        breaks = []  # (scan_block_scalar_breaks)
        while column < width and pos < n and text[pos] == " ":
            pos, column = pos + 1, column + 1
        while pos < n and text[pos] == "\n":
            breaks.append("\n")
            pos, column = pos + 1, 0
            while column < width and pos < n and text[pos] == " ":
                pos, column = pos + 1, column + 1
        if column != width or pos >= n:
            break
        if folded and line_break == "\n" and leading_non_space and text[pos] != " ":
            if not breaks:
                chunks.append(" ")
        else:
            chunks.append(line_break)
    if chomping is not False:
        chunks.append(line_break)
    if chomping is True:
        chunks.extend(breaks)
    after = len(doc.lines) if pos >= n else text.count("\n", 0, pos)  # the line the next token is on
    while i < len(rows) and rows[i][2] < after:
        i += 1
    return "".join(chunks), i


def _chunk(text: str) -> str:
    """One row's part of a plain scalar."""
    if not (text[0].isalnum() or text[0] in "/._($") or ": " in text or " #" in text or text.endswith(":") \
            or not text.isprintable():
        raise _NotPlain
    return text


def _plain(text: str):
    """What the loader's resolvers make of a plain scalar (a str, bool, None, decimal int or float)."""
    if text in _BOOLEANS:
        return _BOOLEANS[text]
    if text in _NULLS:
        return None
    if text[0] in "0123456789.-+":
        if _INTEGER.fullmatch(text):
            return int(text)
        if _POINT.fullmatch(text):
            return float(text)
        if _INT.match(text) or _FLOAT.match(text) or _TIMESTAMP.match(text) or any(c in text for c in ",:-"):
            raise _NotPlain  # (octal, sexagesimal, `1,000`, floats, dates (`2024-3-5`): the loader's constructors)
    return text


def _flow(text: str, number: int):
    m = _FLOW.fullmatch(text)
    if m is None:
        raise _NotPlain
    inner = m.group(1).strip(" ")
    items = [] if not inner else [_item(item.strip(" ")) for item in inner.split(",")]
    if _NOT_PLAIN in items:
        raise _NotPlain
    return (SEQ, number, [(number, item) for item in items])
