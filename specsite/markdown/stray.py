"""kramdown's HTML that closes nothing, and the lines kramdown does not read as HTML blocks:
a close tag with no open element is text (escaped), in a paragraph, a tight item, a table cell or
alone on a line; a `<?...?>` line is paragraph text."""
from __future__ import annotations

import html
import re
from functools import lru_cache

from ..lazy_re import LazyPattern
from .rawhtml import CMARK_BLOCK_TAGS, SPAN_ELEMENTS
from .tagforms import _KNOWN  # (parser/html.rb's HTML_ELEMENT: the names kramdown lower-cases)

VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})
# kramdown's HTML_BLOCK_ELEMENTS, which parse_span_html adds as text (p left out: it bounds the
# paragraphs these passes read)
SPAN_BLOCK_TAGS = frozenset("address article aside applet body blockquote caption col colgroup dd div dl dt fieldset "
                            "figcaption footer form h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend li menu "
                            "main map nav ol optgroup pre section summary table tbody td th thead tfoot tr ul".split())
# a paragraph (an item's text) with a block tag in it
_BLOCK_TAG = r"</?(?:" + "|".join(sorted(SPAN_BLOCK_TAGS)) + r")[\s>/]"
BLOCK_TAG = _BLOCK_TAG
# (these patterns read a paragraph's or item's text tag by tag: `[^<]*+` runs, then a `<` that is
# not where they stop; a lazy `.` with a look-ahead at every character was 5-10x slower)
BLOCK_IN_PARAGRAPH = re.compile(r"<p data-sourcepos[^>]*>[^<]*+(?:<(?!/p>|" + _BLOCK_TAG[1:] + r")[^<]*+)*+"
                                + _BLOCK_TAG)
BLOCK_IN_ITEM = re.compile(r"<li data-sourcepos[^>]*>[^\n]*?" + _BLOCK_TAG)  # on the item's own line
TAG_START = re.compile(r" {0,3}</?[A-Za-z]")
STRAY_CANDIDATE = re.compile(r"<(?:p|li) data-sourcepos[^>]*>[^<]*+(?:<(?!/[A-Za-z])[^<]*+)*+</(?!p>|li>)[A-Za-z]")
# a paragraph with a tag in it (escape_stray_closers leaves the others as they are: not matched)
PARAGRAPH = re.compile(r"(<p data-sourcepos=\"[^\"]*\">)([^<]*+(?!</p>)<(?:[^<]++|<(?!/p>))*+)(</p>)")
# a tight list item's text (no block inside): kramdown reads it as a span too
# (a line cmark starts with a block tag is an HTML block of the item, as kramdown's paragraph ends
# at it too: `<section>` under a nested item's text; script and span names go on kramdown's text)
ITEM_BLOCKS = "|".join(sorted((CMARK_BLOCK_TAGS - SPAN_ELEMENTS - {"script", "li"}) | {"pre", "table", "dl"}))
TIGHT_ITEM = re.compile(r"(<li data-sourcepos=\"[^\"]*\">)((?:[^<\n]++|<(?!li|/li>)|\n(?!<(?:" + ITEM_BLOCKS
                        + r")\b))*+)(</li>)")
CLOSE_LINE = re.compile(r" {0,3}</([A-Za-z][\w-]*)\s*>\s*$")
# a line of close tags only (`</body></html>`): kramdown's paragraph of text when none closes an open element
CLOSES_LINE = re.compile(r" {0,3}(?:</[A-Za-z][\w-]*\s*>[ \t]*)+$")
_CLOSE_NAME = re.compile(r"</([A-Za-z][\w-]*)")
_INLINE_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)(?:\s[^>]*)?(/?)>")
# a tag with an unquoted attribute value that is not a word (`<a href=a.html>`): cmark's raw HTML,
# no tag to kramdown (HTML_TAG_RE: an unquoted value is `\p{Word}+`), so the passes below run
ODD_VALUE = re.compile(r"<[A-Za-z][^<>]*?=[ \t]*(?![\"'])[^\s>]*[^\w\s>]")
_NAME = r"[^\W\d][\w.-]*(?::[^\W\d][\w.-]*)?"  # REXML's UNAME_STR
_KRAMDOWN_TAG = re.compile(rf"<{_NAME}\s*(?:\s+{_NAME}(?:\s*=\s*(?:\w+|\"[^\"]*\"|'[^']*'))?)*\s*/?>")


@lru_cache(maxsize=4096)
def _kramdown_tag(tag: str) -> bool:
    """_KRAMDOWN_TAG.fullmatch(tag) is not None, each tag's text asked once (a page writes the
    same few tags again and again; the pattern's Unicode name classes cost ~80 ns a character)."""
    return _KRAMDOWN_TAG.fullmatch(tag) is not None


def _as_text(tag: str) -> str:
    """A tag kramdown reads as text, escaped, its quotes curly and dashes typographic as in any
    text (kramdown_quotes then turns each quote as kramdown's SQ_RULES do)."""
    text = html.escape(tag, quote=False).replace('"', "\u201d").replace("'", "\u2019")
    if "--" in text or "..." in text:  # (kramdown's typographic symbols, as in the text around it)
        text = text.replace("---", "\u2014").replace("--", "\u2013").replace("...", "\u2026")
    return text


def escape_stray_closers(m) -> str:
    """kramdown's span HTML: a close tag that closes no element opened in the paragraph is text
    ("Found invalidly used HTML closing tag"), written escaped; cmark passes it through raw."""
    open_tags, out, pos, as_written = [], [], 0, {}
    body = m.group(2)
    for t in _INLINE_TAG.finditer(body):
        name = t.group(2).lower()
        if name in SPAN_BLOCK_TAGS:  # "Found block HTML tag ... in span-level text": text, open or close
            out.append(body[pos:t.start()] + html.escape(t.group(0), quote=False))
            pos = t.end()
            continue
        if not t.group(1):
            if not _kramdown_tag(t.group(0)):  # (kramdown: its `<` is text, and so is the rest)
                out.append(body[pos:t.start()] + _as_text(t.group(0)))
                pos = t.end()
            elif not t.group(0).endswith("/>") and name not in VOID:  # (`<x />`: self-closed, its group(3) empty: the `[^>]*` took the slash)
                open_tags.append(name)
                as_written[name] = t.group(2)
            continue
        if open_tags and open_tags[-1] != name and name not in _CMARK_SPANS and open_tags[-1] not in _CMARK_SPANS:
            pass  # (only the innermost element's end tag ends it: `<b><i>x</b>` keeps `</b>` as text)
        elif name in open_tags:
            del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name):]
            continue
        out.append(body[pos:t.start()] + html.escape(t.group(0), quote=False))
        pos = t.end()
    # an element left open: kramdown's parse_span_html reads the rest of the text into it ("Found
    # no end tag for 'span' - auto-closing it"): closed at the end, innermost first
    closers = "".join(f"</{name if name in _KNOWN else as_written.get(name, name)}>" for name in reversed(open_tags))
    # (kramdown writes an element's name as parsed: a known one lower-cased, another as written)
    if not out and not closers:
        return m.group(0)
    return m.group(1) + "".join(out) + body[pos:] + closers + m.group(3)


# the span elements cmark writes itself (always nested well; an author's tag across them is left as it was)
_CMARK_SPANS = frozenset({"a", "code", "del", "em", "img", "strong", "sup", "input", "br"})
# a heading's text: kramdown reads it as span text too
HEADING = re.compile(r'(<h[1-6] data-sourcepos="[^"]*">)([^<]*+(?:<(?!/h[1-6]>)[^<]*+)*+)(</h[1-6]>)')
_NOT_SPANS = frozenset({"p", "script", "style", "html", "head", "body", "meta", "link", "details", "figure"})
_OPEN_NAME = re.compile(r"<([A-Za-z][\w-]*)(?=[\s>/])")
_CLOSE_NAMES = re.compile(r"</([A-Za-z][\w-]*)\s*>")


def open_span_candidate(text: str) -> bool:
    """Whether a span element (or one of a name kramdown does not know, which it parses as one)
    is opened in the text more often than it is closed (a paragraph may then leave it open;
    escape_stray_closers closes it as kramdown does)."""
    opened = [n.lower() for n in _OPEN_NAME.findall(text)]
    spans = {n for n in opened if n not in VOID and n not in SPAN_BLOCK_TAGS and n not in _NOT_SPANS}
    if not spans:
        return False
    closed = [n.lower() for n in _CLOSE_NAMES.findall(text)]
    return any(opened.count(n) > closed.count(n) for n in spans)


_WHOLE = re.compile(r"()(.*)()", re.S)


def span_text_tags(fragment: str) -> str:
    """A definition term's HTML as escape_stray_closers leaves a paragraph's: kramdown reads it
    as span text too."""
    return escape_stray_closers(_WHOLE.fullmatch(fragment))


# a block-level tag (kramdown's HTML_BLOCK_ELEMENTS, p too) written in span text
_BLOCK_TAG_IN_SPAN = LazyPattern(r"</?(?:p|" + "|".join(sorted(SPAN_BLOCK_TAGS)) + r")(?=[\s>/])[^<>]*>", re.I)


def escape_block_tags(fragment: str) -> str:
    """A heading's or a definition term's HTML with the block tags written in it as text: kramdown
    reads them as span-level text ("Found block HTML tag ... in span-level text")."""
    if _BLOCK_TAG_IN_SPAN.search(fragment) is None:
        return fragment
    return _BLOCK_TAG_IN_SPAN.sub(lambda t: html.escape(t.group(0), quote=False), fragment)


_NOT_MARKUP = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>", re.S | re.I)


def stray_close(lines: list, i: int) -> bool:
    """A close-tag line whose element is not open in the text before it (nor in a comment), with
    a blank line or the end after it."""
    if i + 1 < len(lines) and lines[i + 1].strip() and not TAG_START.match(lines[i + 1]) \
            and not lines[i + 1].startswith("<!--specsite-island-") and not _GFM_PARAGRAPH_END.match(lines[i + 1]):
        return False  # (an HTML block's island that took the blank line; a line that starts a list, a
        # heading, a quote, a definition or a fence ends kramdown's paragraph: PARAGRAPH_END_GFM)
    before = "\n".join(lines[:i])
    if before.rfind("<!--") > before.rfind("-->"):
        return False
    if "`" in before or "~~~" in before:  # (a tag in code is text: `<script>` there opens nothing)
        before = _without_code(before)
    if "<!--" in before or "<script" in before or "<style" in before:  # (a tag in a comment or script is none)
        before = _NOT_MARKUP.sub("", before)
    for name in dict.fromkeys(_CLOSE_NAME.findall(lines[i])):  # (each of a line of them: `</body></html>`)
        opened = len(re.findall(rf"<{name}(?=[\s>/])", before, re.I))
        closed = len(re.findall(rf"<(?<!\\<)/{name}\s*>", before, re.I))  # (`\</div>`: made text, closes nothing)
        if opened > closed:
            return False
    return True


_GFM_PARAGRAPH_END = re.compile(r" {0,3}(?:[-*+][ \t]|\d+\.[ \t]|#|>|:[ \t]|```|~~~)")


def _without_code(text: str) -> str:
    """`text` without its fenced code lines and code spans (kramdown reads no tag there).
    stray_close asks it of the text before each close-tag line in turn, each the one before and
    more lines: the answer for the last text asked is kept, and a longer one is read on from
    where the last's could still change (its last fence, when open to the end; else its end),
    the lines before as they were. Reading every prefix whole was quadratic in a page's lines."""
    from .fences import fence_scan, has_fence
    last = _LAST_READ
    if last and text.startswith(last[0]) and text[len(last[0]):len(last[0]) + 1] in ("", "\n"):
        _, start, fenced, keep, offset, written = last
        fenced = set(fenced)
    else:
        start, fenced, keep, offset, written = (0, 1, 0), set(), 0, 0, []
    open_line = None
    if has_fence(text):
        start, open_line = fence_scan(text, fenced, start)
    done = written[:keep]
    for n, line in enumerate(text[offset:].split("\n") if offset <= len(text) else (), keep):
        if n + 1 in fenced:
            line = ""
        elif "`" in line:
            line = _without_spans(line)
        done.append(line)
    if open_line is None:  # (a longer text reads these lines alike: all of them kept)
        _LAST_READ[:] = text, start, fenced, len(done), len(text) + 1, done
    else:  # (the lines from the fence open to the end on are read again; `start` is at its newline)
        line_start = start[0] + 1 if text.startswith("\n", start[0]) else start[0]
        _LAST_READ[:] = text, start, {k for k in fenced if k < open_line}, open_line - 1, line_start, done
    return "\n".join(done)


@lru_cache(maxsize=4096)
def _without_spans(line: str) -> str:
    """The line without its code spans (each prefix stray_close asks of holds the same lines)."""
    from .text import _CODE_SPAN
    return _CODE_SPAN.sub("", line)


# the last text _without_code answered: [text, fence_scan's start for a longer text, the fenced
# lines before it, how many of the lines a longer text keeps and where the first line it reads
# again starts, the lines as answered]
_LAST_READ: list = []


def in_comment(lines: list, i: int) -> bool:
    """Whether line i sits inside an HTML comment opened on an earlier line."""
    before = "\n".join(lines[:i])
    return before.rfind("<!--") > before.rfind("-->")


P_WRITTEN = re.compile(r"</?[pP](?=[\s>/])")  # a <p> or </p> as written (tablehtml looks for one too)


def p_in_text(source: str) -> bool:
    """A `<p>`/`</p>` written after other text on its line (a line that starts with one is an
    HTML block): each such tag is looked at, not every character of the page (and none without a
    "<": one memchr, where the regex's search steps through every character)."""
    if "<" not in source:
        return False
    for m in P_WRITTEN.finditer(source):
        start = source.rfind("\n", 0, m.start()) + 1
        if source[start:m.start()].strip():  # (text before it on its line)
            return True
    return False


_P_START = re.compile(r'<p data-sourcepos="[^"]*">')
_P_TAG = re.compile(r"<(/?)[pP](?:\s[^<>]*)?/?>")
_SPAN_LED = re.compile(r"<(?:ss-raw-code|" + "|".join(sorted(SPAN_ELEMENTS)) + r")[\s>/]", re.I)  # (<code>: renderer's ss-raw-code)
_OWN_END = re.compile(r"</p>(?:\n<|\n?\Z)")  # (a paragraph's text goes on after a line's end with no `<`)


def escape_inner_paragraph_tags(out: str) -> str:
    """kramdown's span HTML: `<p>` and `</p>` written in a paragraph's text are block tags in
    span-level text ("Found block HTML tag ..."), written escaped (`{{ post }}` printing another
    post's HTML); cmark passes them through, and a browser ends the paragraph there. The
    paragraph's own `</p>` is the one that closes no `<p>` opened in its text and ends its line
    before the next block (cmark writes each block from a line's start with a `<`, or the body
    ends): a `</p>` inside a line of the text is written escaped too (`x a</p> y`)."""
    parts, pos = [], 0
    for m in _P_START.finditer(out):
        if m.start() < pos:
            continue
        depth, inner, end = 0, [], None
        for t in _P_TAG.finditer(out, m.end()):
            if not t.group(1):
                depth += 1
            elif depth:
                depth -= 1
            elif _OWN_END.match(out, t.start()):
                end = t.start()
                break
            inner.append(t)
        if end is None or not inner or out.startswith("<", m.end()) and not _SPAN_LED.match(out, m.end()):
            continue  # (one led by another tag is a raw HTML line the passes after cmark's deal with:
            # raw_html_lines; one led by a span element's is text to kramdown, as any paragraph)
        parts.append(out[pos:m.end()])
        last = m.end()
        for t in inner:
            parts.append(out[last:t.start()] + html.escape(t.group(0), quote=False))
            last = t.end()
        parts.append(out[last:end])
        pos = end
    if not parts:
        return out
    parts.append(out[pos:])
    return "".join(parts)
