"""kramdown's parse_emphasis run over a line's (or a paragraph's) `*` and `_`: the marks paired as
kramdown pairs them (left to right, closing at the first closer, no element inside one of its own
kind), written as <em>/<strong> for cmark, the marks it reads as text escaped. emphasis.py decides
which lines need it."""
from __future__ import annotations

import re
from typing import NamedTuple

from .autolinks import KRAMDOWN_AUTOLINK

ITEM = re.compile(r"[ \t]*(?:[-*+]|\d+\.)[ \t]+")  # (a list item's marker: the text after it is paired)
_QUOTE_MARKS = re.compile(r" {0,3}(?:>[ \t]?)+")  # (a blockquote's line: its text after the marks)
_ATX_MARK = re.compile(r"#{1,6}[ \t]+")  # (an ATX heading's text: spans as a paragraph's, kramdown-parser-gfm)

_RUBY_WS = frozenset(" \t\n\r\f\v")  # (Ruby's \s)
_NOT_PLAIN = re.compile(r"^\s*(?:#|[-*+][ \t]|\d+\.[ \t])|^(?: {4}|\t)")


def kramdown_stars(line: str) -> str:
    """A text line (after a list, quote or ATX heading mark) with its `*` and `_` runs paired as kramdown's
    parse_emphasis pairs them, written as <em>/<strong> for cmark; the marks it reads as text are
    escaped. Code spans, escapes and bracket groups without marks are opaque to the pairing (as
    to kramdown's: their insides never hold a mark it pairs). At any other span syntax (HTML, a
    bracket group with marks) the pairing stops, and only where that cannot change how the rest
    pairs: the rest has no mark, or every mark before it found its partner (kramdown scans left to
    right and closes at the first closer)."""
    marker = ITEM.match(line) or _QUOTE_MARKS.match(line) or _ATX_MARK.match(line)
    if marker:
        return line[:marker.end()] + kramdown_stars(line[marker.end():])
    if not _NOT_PLAIN.search(line) and unpairable_stars(line):  # (not in an indented code line)
        return _stars_as_text(line)
    pairing = _pairing(line)
    if pairing is None:
        return line
    nodes, tokens, stop, opener = pairing
    if opener and _MARK.search(line, stop):
        return line
    written = _written(nodes, tokens)
    return line if written is None else written + line[stop:]


# a `*` run, or what hides one from kramdown's emphasis: a code span, an HTML tag, an escape
_STAR_OUTSIDE = re.compile(r"(\*+)|(`+)(?!`).*?(?<!`)\2(?!`)|<[^<>]*>|\\.")


_NO_STAR_RULE = re.compile(r"_|\$\$|://|\{:|\||\*\*\*")


def _stars_as_text(line: str) -> str:
    """The line with each `*` outside code spans, tags and escapes escaped for cmark."""
    return _STAR_OUTSIDE.sub(lambda m: m.group().replace("*", "\\*") if m.group(1) else m.group(), line)


def unpairable_stars(line: str) -> bool:
    """Whether no `*` of the line can pair in kramdown's parse_emphasis, so that each is text: an
    em opens at a `*` before a non-space and closes only at a lone `*` after one (a `**` cannot
    close it: `/** @var App */</tt> to <tt>/** @var` in Slim's blog, where cmark closes the em
    with one star of the `**`); a strong opens at a `**` before a non-space (or an em at its second
    star) and closes at a `**` after one. Lines with `_`, `***`, math, URLs, IALs or pipes are
    left to the pairing."""
    if _NO_STAR_RULE.search(line):
        return False
    runs = []  # (start, length) of each `*` run, with what is before and after it
    for m in _STAR_OUTSIDE.finditer(line):
        if m.group(1):
            runs.append((line[m.start() - 1:m.start()], len(m.group(1)), line[m.end():m.end() + 1]))
    if len(runs) < 2:
        return False  # (a lone run pairs in neither; escaping it would reach raw HTML kramdown keeps)
    for k, (_, size, after) in enumerate(runs):
        if not after or after in _RUBY_WS:
            continue  # (no opener: kramdown writes the run as text)
        for before, later, _ in runs[k + 1:]:
            if before and before not in _RUBY_WS and (later == 1 or size == 2):
                return False  # (a closer kramdown could take)
    return True


def _opaque_spans(text: str):
    """(`text` up to the first span the pairing cannot see through, each span before it (code,
    escape, link, HTML element) replaced by "\1"; their written forms, in order; where it stopped:
    len(text) when nowhere)."""
    parts, tokens, pos, stop = [], [], 0, len(text)
    for other in _OTHER_SPAN.finditer(text):
        if other.start() < pos:
            continue
        token = _TOKEN.match(text, other.start())
        written = _opaque(token) if token is not None else None
        if written is None:
            stop = other.start()
            break
        parts.append(text[pos:other.start()] + "\1")
        tokens.append(written)
        pos = token.end()
    return "".join(parts) + text[pos:stop], tokens, stop


def _pairing(line: str):
    """(nodes, opaque tokens, where the pairing stopped, whether a mark left as text could still
    open an emphasis) for a line kramdown_stars may rewrite, else None."""
    if _NOT_PLAIN.search(line) or ("|" in line and _table_pipe(line)) or "\1" in line:
        return None  # (a table row: an escaped pipe makes none, nor one in a code span)
    head, tokens, stop = _opaque_spans(line)
    if not (_MARK.search(head) or any(token.__class__ is _Inner for token in tokens)) or (line[stop:stop + 1] == "{" and head[-1:] in ("*", "_")):
        return None  # (an IAL that would attach to the emphasis before it)
    nodes, _, _ = _spans(head, 0, None, "p", ())
    return nodes, tokens, stop, bool(_OPENER.search("".join(n if isinstance(n, str) else "\0" for n in nodes)))


def pairs_within_lines(lines: list, i: int) -> bool:
    """Whether every line of line i's paragraph that has a mark pairs all its marks by itself (none
    left as text that could open an emphasis, none past where the pairing stops): kramdown then
    pairs the paragraph line by line, as kramdown_stars does."""
    first, last = _paragraph(lines, i)
    for line in lines[first:last + 1]:
        if "*" not in line and "_" not in line:
            continue
        marker = ITEM.match(line)
        text = line[marker.end():] if marker else line
        pairing = _pairing(text) if _MARK.search(text) else None
        if pairing is None:
            if _MARK.search(text) and not _INNER_UNDERSCORES_ONLY.fullmatch(text):
                return False
            continue
        _, _, stop, opener = pairing
        if opener or _MARK.search(text, stop):
            return False
    return True


def kramdown_stars_paragraph(lines: list, i: int):
    """Line i's paragraph with its marks paired as kramdown pairs them over the whole paragraph
    (an emphasis may run from one line into the next), where every line is text the pairing can
    read to its end: rewritten in place, its lines' range returned; None (nothing changed) where
    one is not."""
    first, last = _paragraph(lines, i)
    heads, texts = [], []
    for k in range(first, last + 1):
        line = lines[k]
        marker = ITEM.match(line) if k == first else None
        head, text = (line[:marker.end()], line[marker.end():]) if marker else ("", line)
        if (k > first and _NOT_PLAIN.search(text)) or (k == first and not marker and _NOT_PLAIN.search(text)) \
                or "|" in text or "\1" in text or "$$" in text or _NOT_PARAGRAPH_TEXT.match(text):
            return None
        heads.append(head)
        texts.append(text)
    joined, tokens, pos = "\n".join(texts), [], 0
    if unpairable_stars(joined):
        lines[first:last + 1] = [head + _stars_as_text(text) for head, text in zip(heads, texts)]
        return range(first, last + 1)
    parts = []
    for other in _OTHER_SPAN.finditer(joined):
        if other.start() < pos:
            continue
        token = _TOKEN.match(joined, other.start())
        written = _opaque(token) if token is not None and "\n" not in token.group() else None
        if written is None:
            return None
        parts.append(joined[pos:other.start()] + "\1")
        tokens.append(written)
        pos = token.end()
    nodes, _, _ = _spans("".join(parts) + joined[pos:], 0, None, "p", ())
    written = _written(nodes, tokens)
    if written is None:
        return None
    out = written.split("\n")
    lines[first:last + 1] = [head + text for head, text in zip(heads, out)]
    return range(first, last + 1)


# lines that are no paragraph text (a definition, a reference or abbreviation definition, a rule)
_NOT_PARAGRAPH_TEXT = re.compile(r"\s*(?::|\[[^\]]*\]:|\*\[|(?:[-*_][ \t]*){3,}$)")


def _paragraph(lines: list, i: int) -> tuple:
    """The first and last line of line i's paragraph (a list item's marker starts a new one)."""
    first, last = i, i
    while first > 0 and lines[first - 1].strip() and not ITEM.match(lines[first]):
        first -= 1
    while last + 1 < len(lines) and lines[last + 1].strip() and not ITEM.match(lines[last + 1]):
        last += 1
    return first, last


# a line whose only marks are `_` inside words (text to kramdown wherever they stand)
_INNER_UNDERSCORES_ONLY = re.compile(r"(?:[^*_]|(?<=[^\W_])_+(?=[^\W_]))*")


_PIPE = re.compile(r"(?<!\\)\|")  # (kramdown's TABLE_PIPE_CHECK: a pipe not escaped)


_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")


def _table_pipe(line: str) -> bool:
    """Whether the line has a pipe that makes it a table row: kramdown's parse_table checks the
    pipes again with the code spans parsed, and a line whose pipes are all in code spans is a
    paragraph's (`*a **b* `x|y``)."""
    return _PIPE.search(line) is not None and ("`" not in line or _PIPE.search(_CODE_SPAN.sub("", line)) is not None)


_OTHER_SPAN = re.compile(r"[`\[\]<>\\]|\{:")  # (a lone `{` or `}`, Liquid's `{{ x }}`, is text to kramdown)


# what the pairing passes over whole: a code span, an escape, an inline link (its text is parsed
# on its own), a bracket group or an HTML element whose text (group "text") has no mark, a void tag
_TOKEN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)|\{:(?!:)(?:\\\}|[^}])+\}|\\[\\.*_+`<>()\[\]{}#!:|\"'$=-]"
                    r"|\[(?P<link>[^\[\]]*)\]\([^()\s]*(?:\s+\"[^\"]*\")?\)|\[(?P<text>[^\[\]]*)\](?:\[[^\[\]]*\])?"
                    r"|<(?:br|img|hr|wbr)\b[^<>]*>|<(?P<tag>[a-z][a-z0-9]*)\b[^<>]*>(?P<text2>[^<>]*)</(?P=tag)>"
                    r"|<" + KRAMDOWN_AUTOLINK +
                    r"|<!--.*?-->"  # (a comment: kramdown's span HTML, its text never paired)
                    r"|<<|>>")  # (the typographic symbols « and »)


class _Inner(NamedTuple):
    """An opaque token whose text kramdown parses as span text of its own (a link's, a span
    element's): paired where the token stands, inside the emphasis around it (kramdown's stack:
    `*a [b *c*](u)*` has no em in the link's text)."""
    before: str
    text: str
    after: str
    tree: str


def _opaque(token):
    """What an opaque token is written as (a string, or an _Inner to pair in place), or None where
    the pairing must stop at it: a bracket group with marks (no link: kramdown reads on through its
    text); a link's or element's text with marks is paired on its own where kramdown parses it as
    span text (parse_link's parse_spans, parse_span_html for content model span: its emphasis closed
    inside cannot pair with one outside), and kept as written where kramdown reads it raw (no such
    model: <u>, <font>, <mark>)."""
    if token.group("text") and _MARK.search(token.group("text")):
        return None
    link = token.group("link")
    if link and _MARK.search(link):
        return _Inner("[", link, token.group()[len(link) + 1:], "a")
    inner = token.group("text2")
    if inner and _MARK.search(inner):
        tag = token.group("tag").lower()
        start = token.start("text2") - token.start()
        before, after = token.group()[:start], token.group()[start + len(inner):]
        if tag in _RAW_CONTENT and "\\" not in inner:  # (its text as written: its marks escaped for cmark)
            return before + inner.replace("*", "\\*").replace("_", "\\_") + after
        if tag in _SPAN_CONTENT:
            return _Inner(before, inner, after, "html")  # (an :html_element: `<em>a *b*</em>` nests)
        return None
    return token.group()


def _paired_text(text: str, tree: str, stack: tuple):
    """`text` (a link's or element's content, inside `stack`) with its marks paired as kramdown
    pairs them, or None where other span syntax in it stops the pairing."""
    head, tokens, stop = _opaque_spans(text)
    if stop < len(text):
        return None
    nodes, _, _ = _spans(head, 0, None, tree, stack)
    if _could_open("".join(n if isinstance(n, str) else "\0" for n in nodes), stack + (tree,)):
        return None  # (an emphasis left open reads on past the end tag in kramdown)
    return _written(nodes, tokens, tree, stack)


def _could_open(text: str, inside: tuple) -> bool:
    """Whether a mark left as text in `text` could open an emphasis that reads on past it: one of a
    kind already open around it (`inside`) is text to kramdown whatever follows."""
    for m in _OPENER.finditer(text):
        at = m.start()
        if text[at - 1:at] == text[at] and at > 0 and text[at - 2:at - 1] != text[at]:
            continue  # (the second of a `**`: the first decided)
        element = "strong" if text.startswith(text[at] * 2, at) else "em"
        if element not in inside:
            return True
    return False


def _written(nodes, tokens: list, tree: str = "p", stack: tuple = ()):
    """The nodes as HTML for cmark, each "\1" its token (an _Inner paired where it stands), or None
    when a token's text cannot be paired."""
    if not tokens:
        return _html(nodes)
    opaque = iter(tokens)
    out: list = []

    def write(nodes, tree, stack) -> bool:
        for n in nodes:
            if n.__class__ is not str:
                out.append(f"<{n[0]}>")
                if not write(n[1], n[0], stack + (tree,)):
                    return False
                out.append(f"</{n[0]}>")
                continue
            parts = n.split("\1")
            out.append(_escaped(parts[0]))
            for part in parts[1:]:
                token = next(opaque)
                if token.__class__ is _Inner:
                    paired = _paired_text(token.text, token.tree, stack + (tree,))
                    if paired is None:
                        return False
                    token = token.before + paired + token.after
                out.append(token + _escaped(part))
        return True
    return "".join(out) if write(nodes, tree, stack) else None


# span elements whose content kramdown parses as span text (HTML_CONTENT_MODEL_SPAN's span elements)
_SPAN_CONTENT = frozenset("a abbr acronym b bdo big button cite del dfn em i ins label q small span strong sub sup "
                          "tt".split())


# span elements of no content model kramdown names (raw: their text is not parsed), and its raw ones
_RAW_CONTENT = frozenset("code font kbd mark s samp strike u var".split())


# a mark left as text outside any emphasis that could still open one (a `_` after a letter cannot)
_OPENER = re.compile(r"\*(?![ \t\n\r\f\v])|_(?<![^\W\d_]_)(?![ \t\n\r\f\v])")  # (each branch led by its mark: sre skips to them)


_MARK = re.compile(r"[*_]")


def _spans(s: str, i: int, stop, tree: str, stack: tuple):
    """parse_spans over text whose only span syntax is `*` and `_`: (nodes, position, whether
    `stop` ended it)."""
    nodes = []
    while i < len(s):
        m = _MARK.search(s, i)
        if m is None:
            nodes.append(s[i:])
            return nodes, len(s), False
        j = m.start()
        if j > i:
            nodes.append(s[i:j])
        i = j
        if stop is not None and s.startswith(stop, i) and s[i - 1] not in _RUBY_WS and nodes \
                and (tree != "em" or not s.startswith(stop * 2, i) or s.startswith(stop * 3, i)) \
                and (stop[0] != "_" or not s[i + len(stop):i + len(stop) + 1].isalnum()):
            return nodes, i, True
        i = _emphasis(s, i, nodes, tree, stack)
    return nodes, i, False


def _emphasis(s: str, i: int, nodes: list, tree: str, stack: tuple) -> int:
    mark = s[i]
    result = mark * 2 if s.startswith(mark * 2, i) else mark
    element = "strong" if len(result) == 2 else "em"
    after = i + len(result)
    if (mark == "_" and _after_letter(s, i)) or s[after:after + 1] in _RUBY_WS or tree == element \
            or element in stack:
        nodes.append(result)
        return after
    children, end, found = _spans(s, after, result, element, stack + (tree,))
    stop = result
    if not found and element == "strong" and tree != "em":
        element, stop = "em", mark
        children, end, found = _spans(s, i + 1, stop, element, stack + (tree,))
    if not found:
        nodes.append(result)
        return after
    nodes.append((element, children))
    return end + len(stop)


def _after_letter(s: str, i: int) -> bool:
    """kramdown 2.4's `_` is text after a letter, or a letter and `-` (pre_match =~
    /[[:alpha:]]-?[[:alpha:]]*\\z/)."""
    before = s[i - 2:i] if i > 1 else s[:i]
    return before[-1:].isalpha() or (before[-1:] == "-" and before[:1].isalpha())


def _escaped(text: str) -> str:
    return text.replace("*", "\\*").replace("_", "\\_")


def _html(nodes) -> str:
    return "".join(n.replace("*", "\\*").replace("_", "\\_") if isinstance(n, str)
                   else f"<{n[0]}>{_html(n[1])}</{n[0]}>" for n in nodes)
