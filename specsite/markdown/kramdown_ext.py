"""Three pieces of kramdown syntax, rewritten into what the rest of the pipeline reads (every line
kept, so that data-sourcepos stays the page's line):

- attribute list definitions (parser/kramdown/attribute_list.rb): `{:ref: .cls #id k="v"}` on a
  line of its own defines `ref`; a bare word in an IAL (`{: ref .more}`, `*x*{: ref}`) or in
  another definition is a reference, replaced by the definition's attributes (kramdown's
  update_attr_with_ial applies the references first, then the list's own: the id and keys given
  last win, classes add up). A reference to nothing stays (it sets no attribute; `{:toc}`).
- the end-of-block marker `^` alone on a line (block_boundary.rb EOB_MARKER): it ends the
  paragraph or list before it and writes nothing; here a comment line, which ends a paragraph
  and a list in cmark too, and which the renderer then removes (EOB_HTML).
- a footnote definition is its first line and the indented lines after it
  (footnote.rb FOOTNOTE_DEFINITION_START: no lazy lines); link definitions right after it are
  definitions, where cmark-gfm would read them as the note's text: they move to the end of
  the text (blank lines in their place).
- an HTML element whose start tag begins a block but is no CommonMark HTML block start (`<video
  ...></video>`, `<svg ...>…</svg>`, a custom element, with text after the start tag) is raw
  HTML to its end tag in kramdown (parse_block_html's parse_raw_html); cmark would make it a
  paragraph. Each of its lines gets a comment in front (RAW_LINE: a CommonMark HTML block that
  ends on that line), which the renderer removes; with text after its end tag on that line,
  kramdown starts a paragraph there: the element is lifted out (RAW_BLOCK) and put before it.
- span extensions on one line (extensions.rb): `{::nomarkdown}…{:/nomarkdown}` (or `{:/}`) is
  written as is, `{::comment}…{:/comment}` as an HTML comment; lifted out like raw span tags."""
from __future__ import annotations

import re

from ..lazy_re import LazyPattern

from .fences import fenced_lines
from .taglines import first_tag_line, tag_line_matches
from .lazyend import open_at_end
from .tagforms import Verbatim
from .rawhtml import CMARK_BLOCK_TAGS, SPAN_ELEMENTS, paragraph_goes_on

EOB_HTML = "<!--specsite-eob-->\n"
RAW_LINE = "<!--specsite-raw-line-->"
RAW_BLOCK = "specsite-rawblock-%d"  # a raw element a paragraph follows on its line
_RAW_BLOCK_P = LazyPattern(r"(<p(?: [^>]*)?>)specsite-rawblock-(\d+) ?")
_CMARK_KIND_1 = frozenset(("script", "pre", "style", "textarea"))
_RAW_START = LazyPattern(r"^ {0,3}<([A-Za-z][\w-]*)(?:\s[^<>]*)?>(.*)$", re.M)
_EOB_LINE = LazyPattern(r"^\^[ \t]*$", re.M)
_ALD_LINE = LazyPattern(r"^ {0,3}\{:(\w[\w-]*):((?:\\\}|[^}])*)\}[ \t]*$", re.M)
_IAL = LazyPattern(r"\{:(?![:/])(?!\w[\w-]*:)((?:\\\}|[^}\n])*)\}")
# kramdown's ALD_TYPE_ANY: key="value" pairs, references, .class/#id runs, each between spaces
_ALD_ITEM = LazyPattern(r"""(?:^|(?<=\s))(?:[\w-]+=(?:"(?:\\"|[^"])*"|'(?:\\'|[^'])*')|(\w[\w-]*)|[.#][^\s.#]+(?:[.#][^\s.#]+)*)(?=\s|$)""")
_SPAN_EXT = LazyPattern(r"\{::(nomarkdown|comment)(?:\s(?:\\\}|[^}\n])*?)?\}(.*?)\{:/(nomarkdown|comment)?\}")


def kramdown_extensions(text: str, raws: list, mark: str) -> str:
    """`text` with ALD references resolved, `^` lines as EOB_HTML lines, one-line span
    extensions lifted into `raws` (each written as `mark % index`)."""
    fenced = None
    if "{:" in text and _ALD_LINE.search(text):
        fenced = fenced_lines(text)
        text = _resolve_alds(text, fenced)
    if "^" in text and _EOB_LINE.search(text):
        fenced = fenced_lines(text) if fenced is None else fenced
        text = _EOB_LINE.sub(lambda m: m.group(0) if text.count("\n", 0, m.start()) + 1 in fenced
                             else EOB_HTML[:-1], text)
    if "[^" in text and _DEF_AFTER_NOTE.search(text):
        text = _definitions_after_notes(text, fenced_lines(text) if fenced is None else fenced)
    if "<" in text and first_tag_line(_RAW_START.match, text):
        text = _raw_lines(text, fenced, raws)
    if "{::" in text and _SPAN_EXT.search(text):
        fenced = fenced_lines(text) if fenced is None else fenced
        text = _lift_span_extensions(text, raws, mark, fenced)
    return text


_NOTE_LINE = LazyPattern(r"^ {0,3}\[\^[\w-]+\]:")
_LINK_DEF = LazyPattern(r"^ {0,3}\[(?!\^)[^\]]+\]:[ \t]*\S")
_DEF_AFTER_NOTE = LazyPattern(r"^ {0,3}\[\^[\w-]+\]:.*\n(?:(?:    |\t).*\n|[ \t]*\n(?=    |\t))*"
                              r" {0,3}\[(?!\^)[^\]]+\]:[ \t]*\S", re.M)


def without_markers(body: str) -> str:
    """The rendered body without this module's markers: EOB and RAW_LINE comments go, a raw
    element that led a paragraph's line comes before the paragraph (as the raw span marker that
    put_back replaces)."""
    if EOB_HTML in body:
        body = body.replace(EOB_HTML, "")
    if RAW_LINE in body:
        body = body.replace(RAW_LINE, "")
    if "specsite-rawblock-" in body:
        body = _RAW_BLOCK_P.sub(r"specsite-rawspan-\2\n\1", body)
        body = re.sub(r"specsite-rawblock-(\d+) ?", r"specsite-rawspan-\1", body)  # (no paragraph: in place)
    return body


def _raw_lines(text: str, fenced, raws: list) -> str:
    """`fenced`: the text's fenced lines, or None: asked of fenced_lines when a tag line first
    needs them (most tag lines are block or span elements, which need no answer)."""
    lines = text.split("\n")
    i = at = k = 0  # (the next line to read; the line `at` starts)
    for tag_line in tag_line_matches(_TAG_LINE.match, text):  # (only a line starting with a tag can start one)
        start = tag_line.start()
        k += text.count("\n", at, start)
        at = start
        if k < i:
            continue
        i = k
        m = _RAW_START.match(lines[i])
        if m is None:
            continue
        after_text = bool(i and lines[i - 1].strip())
        tag = m.group(1).lower()
        kind_1 = tag in _CMARK_KIND_1 and not after_text  # (cmark's block ends on its end tag's line, text and all)
        if (tag in CMARK_BLOCK_TAGS and not kind_1) or (paragraph_goes_on(lines[i]) if after_text else tag in SPAN_ELEMENTS) \
                or (not after_text and not m.group(2).strip()):
            continue
        if fenced is None:
            fenced = fenced_lines(text)
        if i + 1 in fenced or text.rfind("<!--", 0, start) > text.rfind("-->", 0, start):  # (in a comment)
            continue
        if after_text and (not _paragraph_above(lines, i) or open_at_end("\n".join(lines[_chunk_start(lines, i):i]))):
            continue  # (kramdown's paragraph ends at it, LAZY_END_HTML_START; cmark's goes on: made raw lines;
            # a paragraph that leaves an element open is lazyend's: it closes them and makes their end tags text)
        close = _close_line(lines, i, m.group(1))
        if kind_1 and (close is None or close[0] != i or not lines[i][close[1]:].strip()):
            continue  # (only `<script>x</script> text`: the element, then a paragraph, as below)
        lead = lines[i][:len(lines[i]) - len(lines[i].lstrip(" "))]  # (in a list item: its indent)
        if close is not None and lines[close[0]][close[1]:].strip():
            if close[0] == i and not after_text:  # `<font color="red">Note:</font> text`: the element, then a paragraph
                raws.append(lines[i][len(lead):close[1]])
                lines[i] = lead + RAW_BLOCK % (len(raws) - 1) + " " + lines[i][close[1]:].lstrip()
            continue
        if close is None:
            continue
        end = close[0]
        for j in range(i, end + 1):
            if lines[j].strip():  # (a continuation line's own indent would make it code)
                lines[j] = lead + RAW_LINE + (lines[j][len(lead):] if j == i else lines[j].lstrip())
        i = end + 1
    return "\n".join(lines)


_TAG_LINE = LazyPattern(r"^ {0,3}<[A-Za-z]", re.M)
# a line that cannot be in a top-level paragraph: a list item, quote, heading, fence, table row,
# IAL, or led by a tag other than a span element's
_NOT_PARAGRAPH = LazyPattern(r"^ {0,3}(?:[-*+][ \t]|\d+[.)][ \t]|[#>|]|```|~~~|\{:|<(?!/?(?:"
                             + "|".join(sorted(SPAN_ELEMENTS)) + r")(?![\w-])))")


def _chunk_start(lines: list, i: int) -> int:
    """The first line of the lines up from line i - 1 to a blank line."""
    k = i
    while k > 0 and lines[k - 1].strip():
        k -= 1
    return k


def _paragraph_above(lines: list, i: int) -> bool:
    """The lines up from line i to a blank line are a plain top-level paragraph (its lines may
    start with a span element's tag; the lines after its first, with a tag kramdown's paragraph
    goes on over: <i-con>), which kramdown ends at line i."""
    k = i - 1
    while k >= 0 and lines[k].strip():
        if _NOT_PARAGRAPH.match(lines[k]) and (k == 0 or not lines[k - 1].strip() or not paragraph_goes_on(lines[k])):
            return False
        k -= 1
    return not lines[k + 1].startswith(("    ", "\t"))  # (its first line: not code by indentation)


def _close_line(lines: list, first: int, tag: str):
    """(line, column after the end tag) where the element opened on `first` closes."""
    pattern = re.compile(rf"<(/?){re.escape(tag)}(?=[\s>/])[^>]*>", re.I)
    depth = 0
    for j in range(first, len(lines)):
        for m in pattern.finditer(lines[j]):
            if m.group(0).endswith("/>"):
                continue
            depth += -1 if m.group(1) else 1
            if depth == 0:
                return j, m.end()
    return None


def _definitions_after_notes(text: str, fenced: set) -> str:
    lines = text.split("\n")
    moved, in_note = [], False
    for i, line in enumerate(lines):
        if i + 1 in fenced:
            in_note = False
            continue
        if _NOTE_LINE.match(line):
            in_note = True
        elif in_note and _LINK_DEF.match(line):
            moved.append(line)
            lines[i] = ""
        elif in_note and line.strip() and not line.startswith(("    ", "\t")):
            in_note = False
    return "\n".join(lines) + ("\n\n" + "\n".join(moved) if moved else "")


def _resolve_alds(text: str, fenced: set) -> str:
    alds: dict = {}
    for m in _ALD_LINE.finditer(text):
        if text.count("\n", 0, m.start()) + 1 not in fenced:  # (a name defined again: the lists merge,
            name = m.group(1)  # update_ial_with_ial; refs resolve after the whole text is read)
            alds[name] = alds[name] + " " + m.group(2) if name in alds else m.group(2)
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "{:" not in line or i + 1 in fenced:
            continue
        if _ALD_LINE.match(line):
            lines[i] = ""  # a definition writes nothing
        elif _IAL.search(line):
            lines[i] = _IAL.sub(lambda m: m.group(0) if _in_code(line, m.start())
                                else "{:" + _expand(m.group(1), alds, ()) + "}", line)
    return "\n".join(lines)


def _expand(attrs: str, alds: dict, seen: tuple) -> str:
    """The attribute list with its references' (resolved) lists first, then its own items, as
    update_attr_with_ial applies them (`{: .c o}` with `{:o: .x}` is class="x c")."""
    refs, own = [], []
    for m in _ALD_ITEM.finditer(attrs):
        ref = m.group(1)
        if ref is None:
            own.append(m.group(0))
        elif ref in alds:
            if ref not in seen:
                refs.append(_expand(alds[ref], alds, seen + (ref,)))
        else:
            own.append(ref)  # (no definition: kramdown ignores it, but `toc` marks a table of contents)
    return " ".join(item for item in refs + own if item)


_OPTIONS_LINE = re.compile(r" {0,3}\{::options\b[^}\n]*/\}[ \t]*$")
_IAL_ONLY = re.compile(r" {0,3}\{:(?![:/])[^}\n]*\}[ \t]*$")  # (no {:/comment} end tag)


def options_before_ials(lines: list, fenced) -> None:
    """A `{::options /}` line right under a block, with block IALs (`{:toc}` too) under it: kramdown
    reads the extension (a list item's lazy line, or after a paragraph, which it ends) and the IALs
    still go with the block above; the extension line is moved below them, so that they touch
    that block as kramdown's do (lines kept, the IALs one line up, a blank line below them)."""
    for i, line in enumerate(lines):
        if "{::" not in line or not i or not lines[i - 1].strip() or not _OPTIONS_LINE.match(line) \
                or i + 1 in fenced:
            continue
        end = i + 1
        while end < len(lines) and (_IAL_ONLY.match(lines[end]) or _OPTIONS_LINE.match(lines[end])):
            end += 1
        if end > i + 1 and (end == len(lines) or not lines[end].strip()) \
                and any(_IAL_ONLY.match(lines[k]) for k in range(i + 1, end)):
            lines[i:end] = lines[i + 1:end] + [""]  # (the options are read from the page's text)


def _in_code(line: str, pos: int) -> bool:
    return line.count("`", 0, pos) % 2 == 1


def _lift_span_extensions(text: str, raws: list, mark: str, fenced: set) -> str:
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if "{::" not in line or i + 1 in fenced:
            continue

        def lift(m):
            if _in_code(line, m.start()) or (m.group(3) not in (None, m.group(1))):
                return m.group(0)
            if "|" in m.group(2) and "|" in line[:m.start()] + line[m.end():]:
                return m.group(0)  # (a table row's: kramdown splits its cells at that pipe first)
            raws.append(Verbatim(m.group(2)) if m.group(1) == "nomarkdown" else f"<!-- {m.group(2)} -->")
            return mark % (len(raws) - 1)
        lines[i] = _SPAN_EXT.sub(lift, line)
    return "\n".join(lines)


def ial_target(hits: list, lines: list, line: int):
    """The element a block IAL on `line` (1-based) attaches to, of the `hits` (offset, first
    line, last line, first column) that end just before it: kramdown reads the IAL in the
    container it is indented into, so an IAL indented into a list item belongs to the item's
    block that starts at its column (a fence in the item), not to the list; otherwise the
    outermost."""
    if len(hits) > 1 and 0 < line <= len(lines):
        text = lines[line - 1]
        column = len(text) - len(text.lstrip(" ")) + 1
        if column > 1:
            same = [h for h in hits if h[3] == column]
            if same:
                return min(same)
    return min(hits)


def sourcepos_last_line(body: str, m) -> int:
    """An element's last source line from its data-sourcepos. A heading's is at most the line
    after its first (kramdown's setext heading is one line of text and its underline): cmark-gfm
    gives a setext heading the end of a paragraph written right under it ("1:1-3:8")."""
    last = int(m.group(3)) - (1 if m.group(4) == "0" else 0)
    tag = body.rfind("<", 0, m.start())
    if body[tag + 1:tag + 2] == "h" and body[tag + 2:tag + 3].isdigit():
        return min(last, int(m.group(1)) + 1)
    return last
