"""kramdown writes the entity &quot; (&#34;, &#x22;) of a text as `"`: its entity_to_str, with the
default entity_output :as_char, writes every entity as its character but those of < > &, and
makes an exception for the quote; a backslash-escaped quote is text, which escape_html(:text)
leaves as it is. cmark writes &quot; for both. Liquid's escape, xml_escape and inspect
make such entities in a markdown page (`{{ page.title | escape }}`). While cmark runs, each one
in text (outside code, HTML blocks and tags) is a private character, written back as `"` in text
and as &quot; inside a tag (a link's title)."""
from __future__ import annotations

import re

from .fences import fenced_lines
from .text import outside_code_spans

HIDDEN = "\ue031"
_ENTITY = re.compile(r"&(?:quot|#0*34|#[xX]0*22);|(?<!\\)((?:\\\\)*)\\\"")  # (and a backslash-escaped quote)
_AMP_ENTITY = re.compile(r"&(?:quot|#0*34|#[xX]0*22);")  # (_ENTITY's first branch, led by its literal)
_HTML_START = re.compile(r" {0,3}<[A-Za-z/!?]")  # (a line cmark may start an HTML block with: left as it is to the blank line)
_TAG = re.compile(r"<[^<>]*>")
_DEFINITION = re.compile(r" {0,3}\[[^\]]+\]:")
# a tag, or a link's destination and title, whose backslashes kramdown keeps (as_written_titles)
_KEPT = re.compile(r"<[^<>]*>|\]\([^()]*(?:\([^()]*\)[^()]*)*\)|^ {0,3}\[[^\]]+\]:.*")


def _hidden(m) -> str:
    return (m.group(1) or "") + HIDDEN


def hide_quote_entities(text: str) -> str:
    if "\\" in text and '\\"' in text:  # (a memchr first: most pages have no backslash)
        if _ENTITY.search(text) is None:
            return text
    elif "&" not in text or _AMP_ENTITY.search(text) is None:  # (_ENTITY's look-behind branch is
        return text  # tried at every character: without a `\"` only the entities can match)
    code = fenced_lines(text)
    lines = text.split("\n")
    in_html = False
    for n, line in enumerate(lines):
        if not line.strip():
            in_html = False
            continue
        if _HTML_START.match(line):
            in_html = True
        if in_html or n + 1 in code or ("&" not in line and '\\"' not in line) or line.startswith(("    ", "\t")):
            continue
        if n and _DEFINITION.match(lines[n - 1]) and line.lstrip()[:1] in "\"'(":
            continue  # (a definition's title on the next line: kramdown keeps its backslashes)
        lines[n] = outside_code_spans(line, _outside_tags)
    return "\n".join(lines)


def _outside_tags(part: str) -> str:
    out, pos = [], 0
    for tag in _KEPT.finditer(part):
        out += [_ENTITY.sub(_hidden, part[pos:tag.start()]), tag.group(0)]
        pos = tag.end()
    return "".join(out) + _ENTITY.sub(_hidden, part[pos:])


def show_quote_entities(body: str) -> str:
    if HIDDEN not in body:
        return body
    body = _TAG.sub(lambda tag: tag.group(0).replace(HIDDEN, "&quot;"), body)
    return body.replace(HIDDEN, '"')
