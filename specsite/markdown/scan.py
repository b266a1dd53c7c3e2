"""Links and ids of rendered HTML, with the source lines of the block each sits in (cmark's
data-sourcepos), so that the checker never parses the HTML again."""
from __future__ import annotations

import bisect
import html
import re
from functools import partial
from types import MappingProxyType
from typing import NamedTuple

SOURCEPOS = re.compile(r' data-sourcepos="(\d+):(\d+)-(\d+):(\d+)"')
# (an unquoted value runs to a space or '>': quotes inside it are its own, `href=\"http://x\"` in raw
# JSON is the relative URL `\"http://x\"` to a browser, as to the HTML tokenizer)
ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"'][^\s>]*)))?""")
LINK_ATTRS = MappingProxyType({"a": "href", "area": "href", "img": "src", "iframe": "src", "source": "src",
              "video": "src", "audio": "src", "link": "href", "script": "src", "object": "data"})


class RawLink(NamedTuple):
    """A link target as found in the rendered HTML, with the block lines it came from (a named
    tuple: a page has dozens, and a frozen dataclass's __init__ cost a tenth of _scan)."""

    href: str
    tag: str
    first_line: int
    last_line: int


# (the look-ahead at the first letter rejects most "<"s — </p>, <code>, <li>, <h2> — before the
# case-folded alternation is tried: twice as fast over a page)
_LINK_TAG = re.compile(r"<(?=[aisvloAISVLO])(a|img|area|iframe|source|video|audio|link|script|object)"
                       r"""\s([^>=]*+(?:=\s*(?:"[^"]*"|'[^']*')?[^>=]*+)*)>""", re.I | re.A)


# HTML's tag names are case-insensitive in ASCII only (a browser and lxml read `<ıframe>`, `<ſcript>`
# as elements of those names, no iframe or script): re.IGNORECASE with re.ASCII spelt out, each
# letter of a name as a class of itself and its capital, without sre's slow case-folded
# alternation. Unicode's folds (ı, İ, ſ, K) matched once, and their names were no link tag: the
# page failed with a KeyError.
def _folded(word: str) -> str:
    """`word` as re.IGNORECASE | re.ASCII matches it, spelt as classes."""
    return "".join(f"[{c}{c.upper()}]" for c in word)


_SCAN_NAMES = ("a", "img", "area", "iframe", "source", "video", "audio", "link", "script", "object")
# a link tag after its `<`: a lookahead for the names' first letters (a `<` that starts none, `<div`,
# `</p>`, fails on one class instead of every name's), the name (group 1), its attributes (group 2:
# a quoted value may hold `>`, as an HTML parser reads it: `alt="a -> b" src="x.png"`;
# unrolled: the runs between `=`s taken at once, as fast as `[^>]*`, the same matches);
# _SCAN_TAG and render.scan._TAG are built on it
NAMED_LINK_TAG = ("(?=[" + "".join(dict.fromkeys(name[0] + name[0].upper() for name in _SCAN_NAMES)) + "])("
                  + "|".join(_folded(name) for name in _SCAN_NAMES) + r")\s([^>=]*+(?:=\s*(?:\"[^\"]*\"|'[^']*')?[^>=]*+)*)>")
# _LINK_TAG for _scan: group 1, the href of cmark's own `<a href="…">` (most links), read at
# once; else groups 2 and 3, _LINK_TAG's (`<A HREF=…>`, `<a\thref=…>`, other attributes)
_SCAN_TAG = re.compile(r'<(?:a href="([^">]+)">|' + NAMED_LINK_TAG + ")")
_ONLY_HREF = re.compile(r'href="([^"]+)"')  # cmark's <a href="…"> (most links): no attribute list to read
_ID_ANY = re.compile(r""" id=(?:"([^"]*)"|'([^']*)')""")
_SOURCEPOS_MARK = ' data-sourcepos="'
_LINK_ATTRS = dict(LINK_ATTRS)  # (a dict reads faster than its read-only view)
_RAW_LINK = partial(tuple.__new__, RawLink)  # (a row from its values, in C: no __new__ of Python's)


def _block_at(body: str, at: int, known: dict):
    """(first, last) source lines of the data-sourcepos at `at` (-1: none: 1, 1); `known`: those
    read so far, by offset."""
    lines = known.get(at)
    if lines is None:
        if at < 0:
            lines = (1, 1)
        else:
            first, last = map(int, SOURCEPOS.match(body, at).group(1, 3))
            lines = (first, last if last > first else first)
        known[at] = lines
    return lines


_SCRIPT_OR_STYLE = re.compile(r"<(?:script|style|SCRIPT)")
_RAW_TEXT = re.compile(r"<(script|style)\b[^>]*>(.*?)(?=</\1\s*>|\Z)", re.S | re.I | re.A)
_COMMENT = re.compile(r"<!--(?:[^-]++|-(?!->))*+(?:-->|\Z)")  # (to the first -->, else the end)


def comment_spans(text: str) -> list:
    """(start, end) of every comment (one left open runs to the end), in order."""
    return [(m.start(), m.end()) for m in _COMMENT.finditer(text)] if "!" in text and "<!--" in text else []


def _hidden_spans(body: str) -> list:
    """(start, end) of comments and of script/style contents: what a browser does not read as
    tags (a link there is no link), sorted."""
    spans = comment_spans(body)
    if _SCRIPT_OR_STYLE.search(body):  # ("<script", "<style" or "<SCRIPT": one search, not three)
        spans += [(m.start(2), m.end(2)) for m in _RAW_TEXT.finditer(body) if m.end(2) > m.start(2)]
    spans.sort()
    return spans


def inside(spans: list, pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def id_attributes(body: str):
    """_ID_ANY.finditer(body), each match tried only where its literal ` id=` is (str.find): the
    regex stops at every space of the page (its prefix's first character), the substring search
    skips most of them (a third of the cost of the whole scan). Shared with render/scan."""
    find, match = body.find, _ID_ANY.match
    at = find(" id=")
    while at >= 0:
        m = match(body, at)
        if m is None:
            at = find(" id=", at + 1)
        else:
            yield m
            at = find(" id=", m.end())


_OPEN_TAG_ID = re.compile(r'<[A-Za-z][^<>]*?\sid="([^"]*)"[^<>]*>\s*')


def _named_as_parent(body: str, start: int, name: str) -> bool:
    """`<h2 id="x"><a name="x">`: the anchor's name repeats the id of the element it opens
    right inside, so both lead to the same place (GitHub-style heading anchors): not a second id."""
    opened = body.rfind("<", 0, start)
    m = _OPEN_TAG_ID.fullmatch(body, opened, start) if opened >= 0 else None
    return m is not None and html.unescape(m.group(1)) == name


def _written_line(text: str, value: str, first: int, starts: list, seen: dict) -> int:
    """The line of `text` where `id="value"` is written, at or after line `first` and after the
    place this value was last found (`seen`) (a raw HTML tag: cmark gives it no data-sourcepos, so
    the nearest one before it is the previous block's); `first` when it is not written so.
    `starts`: the offsets of the text's lines, filled on first use."""
    if not starts:
        starts.extend(i + 1 for i, c in enumerate(text) if c == "\n")
        starts.insert(0, 0)
    begin = max(starts[first - 1] if 0 < first <= len(starts) else 0, seen.get(value, 0))
    found = [at for at in (text.find(f'id="{value}"', begin), text.find(f"id='{value}'", begin)) if at >= 0]
    if not found:
        return first
    seen[value] = min(found) + 1
    return bisect.bisect_right(starts, min(found))


def _scan(body: str, text: str | None = None):
    """Links and ids in document order with the block lines they sit in; data-sourcepos stripped.
    `text`, the markdown the body was made from: an id in a raw HTML tag is at its own line there.
    Literal-prefix regexes plus a backwards look-up for the line: 3x faster than one pass over
    every tag. The look-up: the nearest data-sourcepos before a position, asked in increasing
    order, so each looks back only to the position asked before (a table's links all looked back
    to its one <table> tag), and each data-sourcepos is read once (`known`, by offset)."""
    links: list[RawLink] = []
    found_ids: list[tuple] = []
    hidden = _hidden_spans(body)
    known: dict = {}
    pos, at = 0, -1  # (the position asked before, the mark found for it)
    rfind, unescape, append, only_href, make = body.rfind, html.unescape, links.append, _ONLY_HREF.fullmatch, _RAW_LINK
    match_at = SOURCEPOS.match
    for m in _SCAN_TAG.finditer(body):
        start = m.start()
        if hidden and inside(hidden, start):
            continue
        mark = rfind(_SOURCEPOS_MARK, pos, start)
        if mark >= 0:
            at = mark
        pos = start
        lines = known.get(at)
        if lines is None:  # (_block_at, inline: most links are in a block of their own)
            if at < 0:
                lines = known[at] = (1, 1)
            else:
                first, last = map(int, match_at(body, at).group(1, 3))
                lines = known[at] = (first, last if last > first else first)
        href = m.group(1)
        if href is not None:  # (cmark's <a href="…">: no name, no srcset)
            append(make((unescape(href) if "&" in href else href, "a", *lines)))
            continue
        tag, written = m.group(2, 3)
        if tag != "a":
            tag = tag.lower()
        only = only_href(written)
        if only:  # (cmark's <a href="…">: no name, no srcset)
            if tag == "a" or _LINK_ATTRS[tag] == "href":
                href = only.group(1)
                append(make((unescape(href) if "&" in href else href, tag, *lines)))
            continue
        attrs = {k.lower(): unescape((a or b or c)) for k, a, b, c in ATTR.findall(written)}
        first, last = lines
        link_attr = LINK_ATTRS[tag]
        if link_attr in attrs:
            append(RawLink(attrs[link_attr], tag, first, last))
        if tag == "img" and "srcset" in attrs:
            for candidate in attrs["srcset"].split(","):
                if candidate.strip():
                    append(RawLink(candidate.split()[0], tag, first, last))
        if tag == "a" and attrs.get("name") and attrs.get("name") != attrs.get("id") \
                and not _named_as_parent(body, start, attrs["name"]):
            found_ids.append((start, attrs["name"], first))
    if " id=" in body:  # every id="…" outside the hidden spans (a heading's on most pages)
        pos, at = 0, -1
        text_starts: list = []
        text_seen: dict = {}
        for m in id_attributes(body):
            start = m.start()
            if hidden and inside(hidden, start):
                continue
            value = m.group(1)
            if value is None:
                value = m.group(2)
            if not value:
                continue
            mark = rfind(_SOURCEPOS_MARK, pos, start)
            if mark >= 0:
                at = mark
            pos = start
            lines = known.get(at)
            if lines is None:
                lines = _block_at(body, at, known)
            line = lines[0]
            if text is not None and at < rfind("<", 0, start):  # (a tag without a data-sourcepos of its own)
                line = _written_line(text, value, line, text_starts, text_seen)
            found_ids.append((start, unescape(value) if "&" in value else value, line))
    found_ids.sort()
    return SOURCEPOS.sub("", body), links, [(value, line) for _, value, line in found_ids]
