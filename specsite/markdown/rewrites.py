"""Rewrites of cmark's body into kramdown's: footnote ids, a code block's language from its IAL,
heading levels moved by `header_offset`, and the converter options a `{::options /}` line sets
(read before the rewrites that depend on them)."""
from __future__ import annotations

import html
import re

from ..lazy_re import LazyPattern
from .scan import ATTR

_FOOTNOTE_REF_IDS = LazyPattern(r'(<a href="#fn)-([^"]*" id="fnref)-(?=[^"]*" data-footnote-ref>)')
_FOOTNOTE_LIST_IDS = LazyPattern(r'(<li id="fn)-(?=[^"]*">)|(<a href="#fnref)-(?=[^"]*" class="footnote-backref")')
_FOOTNOTE_SECTION = '<section class="footnotes" data-footnotes>'


def footnote_ids(body: str) -> str:
    """cmark-gfm's footnote ids (`fn-1`, `fnref-1`) in kramdown's form (`fn:1`, `fnref:1`): its
    references and, in its footnote section (the document's end), its items and back links."""
    body = _FOOTNOTE_REF_IDS.sub(r"\1:\2:", body)
    at = body.rfind(_FOOTNOTE_SECTION)
    if at < 0:
        return body
    return body[:at] + _FOOTNOTE_LIST_IDS.sub(lambda m: (m.group(1) or m.group(2)) + ":", body[at:])


# a code span with a `language-x` class (from a span IAL) and its text; a <pre>'s tag right before it
LANGUAGE_SPAN = re.compile(r'<code((?: [\w:-]+="[^"]*")*?) class="([^"]*?\blanguage-([^"\s]+)[^"]*)"'
                            r'((?: [\w:-]+="[^"]*")*)>([^<]*)</code>')
PRE_OPEN_BEFORE = re.compile(r"<pre\b[^>]*>\Z")


# a code block whose <pre> got a `language-` class from a block IAL (its fence's language, if any, on <code>)
PRE_LANGUAGE = re.compile(r'<pre( [^>]*?\bclass="[^"]*\blanguage-[^>]*)><code(?: class="language-([^"\s]+)")?>')
_FIRST_LANGUAGE = re.compile(r"\blanguage-(\S+)")


def ial_code_language(m) -> str:
    """kramdown's code block language (convert_codeblock, extract_code_language!): the first
    `language-x` of the block's classes (the fence's first, then the IAL's), taken out of them, is
    the language to highlight in (the fence's own wins) and the one rouge's div names; the other
    classes stay. The block is rewritten in the form the highlighting pass reads (the language on
    <code>, the other attributes on <pre>)."""
    attrs = {k: html.unescape(a or b or c) for k, a, b, c in ATTR.findall(m.group(1))}
    fence = html.unescape(m.group(2)) if m.group(2) else None
    classes = f"language-{fence} {attrs.get('class', '')}" if fence else attrs.get("class", "")
    first = _FIRST_LANGUAGE.search(classes)
    if first is None:
        return m.group(0)
    rest = (classes[:first.start()] + classes[first.end():]).strip()
    if fence:  # (rouge's div names the fence's language where the IAL's first `language-` stood)
        again = _FIRST_LANGUAGE.search(rest)
        rest = (rest[:again.start()] + rest[again.end():]).strip() if again else rest
        rest = " ".join(rest.split())
    if rest:
        attrs["class"] = rest
    else:
        attrs.pop("class", None)
    pre = "".join(f' {k}="{html.escape(v)}"' for k, v in attrs.items())
    return f'<pre{pre}><code class="language-{html.escape(fence or first.group(1))}">'


# a `{::options k="v" ... /}` line, and each of its key="value" pairs
_OPTIONS_LINE = re.compile(r"^ {0,3}\{::options\b([^}\n]*)/\}", re.M)
_OPTION_PAIR = re.compile(r"([\w:-]+)\s*=\s*([\"'])(.*?)\2")
HEADING_OPEN = re.compile(r'<h([1-6])( data-sourcepos="[^"]*"[^>]*>.*?)</h\1>', re.S)


def inline_options(text: str) -> dict:
    """The converter's options the text's `{::options ... /}` lines set, the last value of each:
    kramdown's options extension puts each on the root (`@root.options[:options]`), which
    Converter.convert merges into the converter's options for the whole document."""
    found: dict = {}
    for line in _OPTIONS_LINE.finditer(text):
        for key, _, value in _OPTION_PAIR.findall(line.group(1)):
            found[key] = value
    return found


def boolean_option(value: str) -> bool:
    """kramdown's Options.parse of a Boolean: off for "false" (any case, spaces around) or ""."""
    return value.lower().strip() != "false" and value != ""


def integer_option(value, default: int) -> int:
    """An Integer option's text as Ruby's Integer() reads it; a value it rejects is dropped, as the
    options extension drops it (`rescue StandardError`)."""
    if value is None:
        return default
    text = value.strip()
    try:
        return int(text, 0) if text[:2].lower() in ("0x", "0b", "0o") else int(text)
    except ValueError:
        return default


def offset_heading(m, offset: int) -> str:
    """A markdown heading at its level plus kramdown's header_offset, within 1..6
    (output_header_level); raw HTML headings keep theirs (they carry no data-sourcepos)."""
    level = min(6, max(1, int(m.group(1)) + offset))
    return f"<h{level}{m.group(2)}</h{level}>"
