"""The links and ids of a written page, as markdown.scan._scan finds them, without the block lines
it also works out: a written page has no data-sourcepos left, so each of those look-ups scanned
back to the start of the page (on dose-syntax a fifth of the render stage)."""
from __future__ import annotations

import html
import re

from ..markdown.scan import ATTR, LINK_ATTRS, NAMED_LINK_TAG, _folded, id_attributes

# markdown.scan._LINK_TAG without re.IGNORECASE: the tag names spelt as classes of each letter and
# its capital (markdown.scan.NAMED_LINK_TAG): the same matches, three times faster (sre tries a
# case-folded alternation slowly).
_TAG = re.compile("<" + NAMED_LINK_TAG)
_NEVER = float("inf")


# markdown.scan._RAW_TEXT's opening tag, `<(script|style)\b[^>]*>` with re.I, and its closing
# tags: the same matches, without IGNORECASE's slow search
_RAW_OPEN = re.compile(rf"<({_folded('script')}|{_folded('style')})\b[^>]*>")
_RAW_CLOSE = {"script": re.compile(rf"</{_folded('script')}\s*>"),
              "style": re.compile(rf"</{_folded('style')}\s*>")}


def hidden_spans(body: str) -> list:
    """markdown.scan._hidden_spans, found with str.find and the tags' literal openings: its
    lazy `.*?` patterns try their ending at every character of a comment or script (a third of
    this scan on a page with a long inline script). A comment runs from `<!--` to the first `-->`
    after it (or the end); a script's or style's content from its opening tag to the first
    closing tag of its name, any case (or the end)."""
    spans = []
    start = body.find("<!--")  # (one search: no `in` test first)
    while start >= 0:
        end = body.find("-->", start + 4)
        end = len(body) if end < 0 else end + 3
        spans.append((start, end))
        start = body.find("<!--", end)
    if "<script" in body or "<style" in body or "<SCRIPT" in body:
        at = 0
        while (opening := _RAW_OPEN.search(body, at)) is not None:
            closing = _RAW_CLOSE[opening.group(1).lower()].search(body, opening.end())
            end = closing.start() if closing is not None else len(body)
            if end > opening.end():
                spans.append((opening.end(), end))
            at = end
    spans.sort()
    return spans


def _outside(matches, hidden: list):
    """The matches (in order) that start outside every hidden span, as markdown.scan.inside reads
    them: the last span that starts at or before a match holds it or not, and since the matches come
    in order the spans are walked along once (`until`: where that span ends; `after`: where the
    next one starts)."""
    last, count = -1, len(hidden)
    until, after = -1, hidden[0][0] if hidden else _NEVER
    for m in matches:
        start = m.start()
        if start >= after:
            while last + 1 < count and hidden[last + 1][0] <= start:
                last += 1
            until, after = hidden[last][1], hidden[last + 1][0] if last + 1 < count else _NEVER
        if start >= until:
            yield m


def links_and_ids(body: str, memo: dict | None = None) -> tuple[list[tuple[str, str]], frozenset]:
    """([(href, tag)] in document order, {id}): the same links and ids as markdown.scan._scan.
    `memo` (the caller's, kept across pages) holds what each tag gave, by its whole text: a
    layout writes the same sidebar and navigation tags on every page."""
    links: list[tuple[str, str]] = []
    ids: set = set()
    hidden = hidden_spans(body)
    memo = {} if memo is None else memo
    for m in _outside(_TAG.finditer(body), hidden):
        text = m.group()  # (its name and markup follow from it: the pattern reads a text one way)
        found = memo.get(text)
        if found is None:
            found = memo[text] = _tag(m.group(1).lower(), m.group(2))
        if found[0]:
            links += found[0]
        if found[1] is not None:
            ids.add(found[1])
    # id attributes, as markdown.scan._scan reads them (no test for ` id=` first: id_attributes'
    # first search is that test)
    for m in _outside(id_attributes(body), hidden):
        value = m.group(1) if m.group(1) is not None else m.group(2)
        if value:
            ids.add(html.unescape(value))
    return links, frozenset(ids)


def _tag(tag: str, markup: str) -> tuple[tuple, str | None]:
    """(the links, the `name` anchor) of one link tag's markup."""
    attrs = {k.lower(): html.unescape((a or b or c)) for k, a, b, c in ATTR.findall(markup)}
    links = []
    link_attr = LINK_ATTRS[tag]
    if link_attr in attrs:
        links.append((attrs[link_attr], tag))
    if tag == "img" and "srcset" in attrs:
        for candidate in attrs["srcset"].split(","):
            if candidate.strip():
                links.append((candidate.split()[0], tag))
    name = attrs.get("name") if tag == "a" and attrs.get("name") and attrs.get("name") != attrs.get("id") else None
    return tuple(links), name
