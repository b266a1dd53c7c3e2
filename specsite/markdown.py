"""Markdown as kramdown (`input: GFM`) reads it, through cmark-gfm, with positions kept.

cmark-gfm renders in C; kramdown's extras are done around it: attribute lists and `{#id}`
are lifted out before parsing and applied by source line afterwards (cmark's data-sourcepos),
`markdown="1|span"` HTML blocks are rendered as islands, heading ids follow kramdown.
"""
from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field

from cmarkgfm.cmark import Options

from .cmark import CmarkRenderer

from .highlight import Highlighter
from .rouge_lexers import ROUGE_NAMES
from .kramdown_text import hide_curly, kramdown_dashes, kramdown_quotes, show_curly
from .kramdown_ids import IdGenerator, heading_text

_BASE_OPTS = (Options.CMARK_OPT_SOURCEPOS | Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_SMART
              | Options.CMARK_OPT_FOOTNOTES)
_EXTENSIONS = ["table", "strikethrough"]

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_HEADER_ID = re.compile(r"^(#{1,6}[ \t]+.*?)[ \t]\{#([A-Za-z][\w:-]*)\}[ \t]*$")
_SETEXT_ID = re.compile(r"^(.*?)[ \t]\{#([A-Za-z][\w:-]*)\}[ \t]*$")
_SETEXT_LINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_INDENTED_ATX = re.compile(r"^( {1,3})(#{1,6}(?:[ \t]|$))")
_EMPTY_ATX = re.compile(r"^#{1,6}[ \t]*$")
_IAL_LINE = re.compile(r"^ {0,3}\{:(?!:)\s*([^}]*)\}[ \t]*$")
_EXTENSION_LINE = re.compile(r"^ {0,3}\{::(\w+)[^}]*?/?\}[ \t]*$")
_ISLAND_OPEN = re.compile(
    r"<([A-Za-z][A-Za-z0-9]*)(\s[^>]*?)?\smarkdown\s*=\s*([\"']?)(1|block|span)\3([^>]*)>", re.S)
_SPAN_TAGS = {"span", "p", "a", "em", "strong", "b", "i", "td", "th", "h1", "h2", "h3", "h4", "h5",
              "h6", "dt", "summary", "label", "li", "figcaption", "caption", "button", "small", "sup", "sub"}
_SOURCEPOS = re.compile(r' data-sourcepos="(\d+):(\d+)-(\d+):(\d+)"')
_OPEN_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)(\s[^>]*)?>")
_HEADING = re.compile(r'<h([1-6]) data-sourcepos="(\d+):\d+-\d+:\d+"([^>]*)>(.*?)</h\1>', re.S)
_ID_ATTR = re.compile(r' id="([^"]*)"')
_FOOTNOTE_IDS = re.compile(r'((?:id="|href="#)fn(?:ref)?)-(?=[^"]*")')
_CODE = re.compile(r'<pre([^>]*)><code class="language-([^"\s]+)">(.*?)</code></pre>', re.S)
_ATTR = re.compile(r"""([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?""")
_ISLAND_MARK = re.compile(r"<!--specsite-island-(\d+)-->")
_IAL_TOKEN = re.compile(r"""\.([\w-]+)|#([\w:-]+)|([\w-]+)=(?:"([^"]*)"|'([^']*)'|(\S+))""")

LINK_ATTRS = {"a": "href", "area": "href", "img": "src", "iframe": "src", "source": "src",
              "video": "src", "audio": "src", "link": "href", "script": "src", "object": "data"}


@dataclass(frozen=True)
class Heading:
    level: int
    id: str | None
    text: str
    line: int  # line in the rendered-markdown text


@dataclass(frozen=True)
class RawLink:
    """A link target as found in the rendered HTML, with the block lines it came from."""

    href: str
    tag: str
    first_line: int
    last_line: int


@dataclass(frozen=True)
class MarkdownResult:
    html: str
    headings: tuple = ()
    links: tuple = ()
    ids: tuple = ()  # (id, line) of every id in the body, headings included


@dataclass
class _Prep:
    text: str
    header_ids: dict = field(default_factory=dict)  # line -> id
    ials: list = field(default_factory=list)  # (line, attrs dict, "prev"|"next")
    islands: list = field(default_factory=list)  # (mode, tag_open_html, inner, inner_line, close_html)


def parse_ial(text: str) -> dict:
    attrs: dict = {}
    for m in _IAL_TOKEN.finditer(text):
        if m.group(1):
            attrs["class"] = (attrs.get("class", "") + " " + m.group(1)).strip()
        elif m.group(2):
            attrs["id"] = m.group(2)
        elif m.group(3):
            attrs[m.group(3)] = next(g for g in m.group(4, 5, 6) if g is not None)
    return attrs


class MarkdownRenderer:
    def __init__(self, *, hard_wrap: bool = False, id_prefix: str = "", highlighter=None, auto_ids: bool = True,
                 jekyll_markup: bool = False):
        self.auto_ids = auto_ids
        self.jekyll_markup = jekyll_markup  # exactly kramdown + rouge's markup (a Jekyll site's own layouts)
        self.options = _BASE_OPTS | (Options.CMARK_OPT_HARDBREAKS if hard_wrap else 0)
        self.cmark = CmarkRenderer(self.options, _EXTENSIONS)
        self.id_prefix = id_prefix
        self.highlighter = highlighter or Highlighter()

    # -- public ---------------------------------------------------------------------------
    def render(self, text: str) -> MarkdownResult:
        if "\r" in text:  # kramdown reads \r\n and \r as \n (adapt_source); the line rules here need it too
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        text = hide_curly(text)  # so that every curly quote in cmark's output is one it made
        urls: list = []
        if "](" in text and _ODD_URL.search(text):
            text = _kramdown_urls(text, urls)
        raw_code = self.jekyll_markup and "<code" in text
        if raw_code:  # the author's own <code> tags are not code spans: hide them from _as_rouge
            text = text.replace("<code", "<ss-raw-code").replace("</code", "</ss-raw-code")
        body, ials = self._fragment(text, 0, basic=False)
        body = self._apply_ials(body, ials)
        if "%" in body:
            body = _as_written_urls(body, text)
        if "markdown" in body:
            body = self._nested_markdown(body)
        if "{:" in body:
            body = _span_ials(body)
        body = show_curly(kramdown_dashes(kramdown_quotes(body)))
        ids = IdGenerator(self.id_prefix)
        headings: list[Heading] = []
        body = _HEADING.sub(lambda m: self._heading(m, ids, headings), body)
        if 'class="footnote' in body or 'id="fn-' in body:
            body = _FOOTNOTE_IDS.sub(lambda m: m.group(1) + ":", body)  # kramdown's fn:1 / fnref:1
        if urls:
            body = _URL_MARK.sub(lambda m: html.escape(urls[int(m.group(1))]), body)
        body, links, id_list = _scan(body)  # before highlighting: Pygments' spans triple the HTML
        if _SPAN_MARK in body:
            body = body.replace(_SPAN_MARK, "")
        body = _CODE.sub(self._code, body)
        body = _as_rouge(body) if self.jekyll_markup else body.replace("<pre><code", '<pre tabindex="0"><code')
        if raw_code:
            body = body.replace("ss-raw-code", "code")
        return MarkdownResult(body, tuple(headings), tuple(links), tuple(id_list))

    def _table(self, table, line: int) -> str:
        """A kramdown table (see _kramdown_table): rows padded to the widest, cells read as spans."""
        sections, align, width = table
        count = sum(len(rows) + 1 for _, rows in sections)
        out = [f'<table data-sourcepos="{line}:1-{line + count - 1}:1">\n']
        for kind, rows in sections:
            cell_tag = "th" if kind == "thead" else "td"
            out.append(f"<{kind}>\n")
            for row in rows:
                out.append("<tr>\n")
                for cell, how in zip(row + [""] * (width - len(row)), align):
                    frag = self.cmark(_SPAN_MARK + cell).strip() if cell else ""
                    frag = re.sub(r"\A<p[^>]*>|</p>\Z", "", frag)
                    attr = f' align="{how}"' if how else ""
                    out.append(f"<{cell_tag}{attr}>{_SOURCEPOS.sub('', frag)}</{cell_tag}>\n")
                out.append("</tr>\n")
            out.append(f"</{kind}>\n")
        out.append("</table>")
        return "".join(out)

    def _nested_markdown(self, body: str) -> str:
        """`<td><div markdown="span">**x**</div></td>` inside an HTML block: kramdown reads the
        element's content as markdown wherever the element stands, and drops the attribute."""
        out, pos = [], 0
        for m in _ISLAND_OPEN.finditer(body):
            if m.start() < pos:
                continue
            tag = m.group(1)
            close_start, close_end = _matching_close(body, tag, m.end())
            if close_start < 0:
                continue
            mode = m.group(4)
            inner = html.unescape(body[m.end():close_start]) if "&" in body[m.end():close_start] and \
                "<" not in body[m.end():close_start] else body[m.end():close_start]
            if mode == "span" or (mode == "1" and tag.lower() in _SPAN_TAGS):
                frag, _ = self._fragment(inner.strip(), 0, False, span=True)
                frag = re.sub(r"\A\s*<p[^>]*>|</p>\s*\Z", "", frag.strip())
            else:
                frag, _ = self._fragment(inner, 0, True)
            attrs = ((m.group(2) or "") + m.group(5)).rstrip()
            out.append(body[pos:m.start()])
            out.append(f"<{tag}{attrs}>{_SOURCEPOS.sub('', frag)}{body[close_start:close_end]}")
            pos = close_end
        if not out:
            return body
        out.append(body[pos:])
        return "".join(out)

    def render_inline(self, text: str) -> str:
        """Markdown to HTML without positions (for `markdownify` and short strings)."""
        return self.render(text).html

    # -- stages ---------------------------------------------------------------------------
    def _fragment(self, text: str, line_base: int, basic: bool, span: bool = False):
        """Render one fragment to HTML whose data-sourcepos lines are absolute; `span`: the
        content of a markdown="span" element (no block syntax such as tables)."""
        if span:  # span-level only: no line starts a block (a fence, an HTML block, code by indentation)
            text = _LINE_START.sub(_SPAN_MARK, text)
        prep = _preprocess(text, tables=not span)
        out = self.cmark(prep.text)
        if "<p data-sourcepos" in out and _LOOSE_ITEM.search(out):
            out = _kramdown_item_paragraphs(out, prep.text.split("\n"))
        if prep.header_ids:
            out = _set_header_ids(out, prep.header_ids)
        if line_base:
            out = _SOURCEPOS.sub(lambda m: ' data-sourcepos="%d:%s-%d:%s"' % (
                int(m.group(1)) + line_base, m.group(2), int(m.group(3)) + line_base, m.group(4)), out)
        if basic:
            out = re.sub(r'(<h[1-6] data-sourcepos="[^"]*")>', r"\1 data-ss-basic>", out)
        ials = [(line + line_base, attrs, where) for line, attrs, where in prep.ials]
        if prep.islands:
            rendered = []
            for mode, open_html, inner, inner_line, close_html in prep.islands:
                if mode == "raw":  # kramdown's HTML block: as written, up to its matching close tag
                    last = inner_line + open_html.count("\n")
                    rendered.append(_RAW_FIRST_TAG.sub(
                        lambda t: f'{t.group(0)} data-sourcepos="{inner_line + line_base}:1-{last + line_base}:1"',
                        open_html, count=1))
                    continue
                if mode == "table":
                    rendered.append(self._table(open_html, inner_line + line_base))
                    continue
                if mode == "span":
                    frag, sub_ials = self._fragment(inner.strip(), line_base + inner_line - 1, basic, span=True)
                    frag = re.sub(r"\A\s*<p[^>]*>|</p>\s*\Z", "", frag.strip())
                else:
                    frag, sub_ials = self._fragment(inner, line_base + inner_line - 1, True)
                ials += sub_ials
                rendered.append(f"{open_html}{frag}{close_html}")
            for _ in range(4):  # a raw block may hold the marker of a markdown="1" island
                out = _ISLAND_MARK.sub(lambda m: rendered[int(m.group(1))], out)
                if "<!--specsite-island-" not in out:
                    break
        return out, ials

    def _apply_ials(self, body: str, ials) -> str:
        """Attach `{: …}` attributes to the block before (or after) the IAL's line."""
        if not ials:
            return body
        elements = [(m.start(), int(m.group(1)), int(m.group(3)) - (1 if m.group(4) == "0" else 0))
                    for m in _SOURCEPOS.finditer(body)]
        edits: dict = {}
        for line, attrs, where in ials:
            if where == "prev":
                hits = [e for e in elements if e[1] <= line - 1 <= max(e[2], e[1])]
            else:
                hits = [e for e in elements if e[1] == line + 1]
            if hits:
                edits.setdefault(min(hits)[0], {}).update(attrs)
        for pos in sorted(edits, reverse=True):
            start = body.rfind("<", 0, pos)
            end = body.index(">", pos)
            body = body[:start] + _with_attrs(body[start:end], edits[pos]) + body[end:]
        return body

    def _heading(self, m, ids: IdGenerator, headings: list) -> str:
        level, line, extra, inner = int(m.group(1)), int(m.group(2)), m.group(3), m.group(4)
        text = heading_text(inner)  # not stripped: "A: ![img](x)" gives "a-", as in kramdown
        explicit = _ID_ATTR.search(extra)
        if explicit:
            hid = html.unescape(explicit.group(1))
        elif not self.auto_ids:  # kramdown `auto_ids: false`: only explicit ids
            hid = None
        else:
            hid = ids.basic(text) if " data-ss-basic" in extra else ids.gfm(text)
            if hid:
                extra += f' id="{html.escape(hid)}"'
        extra = extra.replace(" data-ss-basic", "")
        headings.append(Heading(level, hid, text.strip(), line))
        return f'<h{level} data-sourcepos="{line}:1-{line}:1"{extra}>{inner}</h{level}>'

    def _code(self, m) -> str:
        lang = html.unescape(m.group(2))
        if self.jekyll_markup and lang.split("?")[0].lower() not in ROUGE_NAMES:
            return m.group(0)  # kramdown: no lexer, no highlighting (the plain block as cmark wrote it)
        code = html.unescape(m.group(3))
        block = self.highlighter.block(code, lang)
        if m.group(1).strip():  # attributes from a kramdown IAL go on the outer div, as with rouge
            attrs = {k: html.unescape(a or b or c) for k, a, b, c in _ATTR.findall(m.group(1))}
            end = block.index(">")
            block = _with_attrs(block[:end], attrs) + block[end:]
        return block


_LOOSE_ITEM = re.compile(r'<li data-sourcepos="[^"]*">\n<p ')
_LIST_TOKEN = re.compile(r'<(?:ul|ol)\b[^>]*? data-sourcepos="[^"]*">|</(?:ul|ol)>\n|</li>\n'
                         r'|<li data-sourcepos="[^"]*">(?:\n(<p data-sourcepos="\d+:\d+-(\d+):\d+">))?')


def _kramdown_item_paragraphs(out: str, lines: list) -> str:
    """kramdown decides per item, not per list, whether its first paragraph gets <p>: only
    when a blank line follows that paragraph inside the item (the blank after the last item
    does not count), and the last item keeps <p> when every earlier item has one (list.rb)."""
    drop: list = []
    stack: list = []  # per open list: [items], an item being [p_open_span, p_close_start, blank_after, only_p]
    for m in _LIST_TOKEN.finditer(out):
        token = m.group(0)
        if token.startswith("<li"):
            if not stack:
                continue
            if m.group(1) is None:
                stack[-1].append(None)  # no paragraph first (or a tight item): counts as transparent
                continue
            end_line = int(m.group(2))
            close = out.find("</p>", m.end())
            after = lines[end_line].strip(" \t>") if end_line < len(lines) else ""
            only_p = out.startswith("</p>\n</li>", close)
            stack[-1].append(((m.start(1), m.end(1)), close, not after, only_p))
        elif token.startswith("</li"):
            continue
        elif token.startswith("</"):
            if not stack:
                continue
            items = stack.pop()
            transparent = []
            for k, item in enumerate(items):
                if item is None:
                    transparent.append(True)
                    continue
                last = k == len(items) - 1
                ok = not item[2] or (last and item[3])
                if ok and last and len(items) > 1:
                    ok = any(transparent)
                transparent.append(ok)
                if ok:
                    drop.append((item[0][0] - 1, item[0][1]))  # "\n<p …>" after the <li …>
                    drop.append((item[1], item[1] + 4))
        else:
            stack.append([])
    if not drop:
        return out
    drop.sort()
    pieces, pos = [], 0
    for start, end in drop:
        pieces.append(out[pos:start])
        pos = end
    pieces.append(out[pos:])
    return "".join(pieces)


_PLAIN_BLOCK = re.compile(r"<pre><code>(.*?)</code></pre>", re.S)
_CELL_ALIGN = re.compile(r'<(t[hd])((?: data-sourcepos="[^"]*")?) align="(left|center|right)"')
_OL_START = re.compile(r'<ol start="\d+"')
_CODESPAN = re.compile(r"(?<!<pre class=\"highlight\">)<code>")


def _as_rouge(body: str) -> str:
    """kramdown with rouge (Jekyll's default) marks code without a language as plaintext: blocks
    get rouge's wrapper, code spans its classes; and there is no keyboard tabindex."""
    body = body.replace('<div class="highlight" tabindex="0">', '<div class="highlight">')
    if "<pre><code>" in body:
        body = _PLAIN_BLOCK.sub(lambda m: '<div class="language-plaintext highlighter-rouge"><div class="highlight">'
                                f'<pre class="highlight"><code>{m.group(1)}</code></pre></div></div>', body)
    if "<code>" in body:
        body = _CODESPAN.sub('<code class="language-plaintext highlighter-rouge">', body)
    if ' align="' in body:  # kramdown aligns table cells with a style
        body = _CELL_ALIGN.sub(r'<\1\2 style="text-align: \3"', body)
    if "<ol start=" in body:  # kramdown numbers every list from 1
        body = _OL_START.sub("<ol", body)
    return body


_ODD_URL = re.compile(r"\]\([^)\n]*[ \\\"']")
_URL_MARK = re.compile(r"specsite-url-(\d+)")


def _kramdown_urls(text: str, urls: list) -> str:
    """kramdown takes an inline link's URL as written, up to the matching `)`: spaces, quotes and
    backslashes included (cmark stops at a space and reads `\\_` as `_`). Such URLs are swapped
    for a marker that cmark keeps, and put back as written after rendering."""
    fenced = None
    out, pos = [], 0
    for m in re.finditer(r"\]\(", text):
        start = m.end()
        if start < pos or text.startswith("<", start):
            continue
        depth, i = 1, start
        while i < len(text) and text[i] != "\n":
            ch = text[i]
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if not depth:
                    break
            elif ch in " \t" and text[i + 1:i + 2] in ("'", '"'):
                break  # a title follows: cmark reads it as kramdown does
            i += 1
        if i >= len(text) or text[i] != ")":
            continue
        url = text[start:i].strip()
        line_start = text.rfind("\n", 0, m.start()) + 1
        if not any(c in url for c in " \\\"'") or text.count("`", line_start, m.start()) % 2:
            continue
        if fenced is None:
            fenced = _fenced_lines(text)
        if text.count("\n", 0, start) + 1 in fenced:
            continue
        out.append(text[pos:start])
        out.append(f"specsite-url-{len(urls)}")
        urls.append(url)
        pos = i
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


_ENCODED_URL = re.compile(r'(\s(?:href|src)=")([^"]*%[0-9A-F]{2}[^"]*)"')
_PERCENT_RUN = re.compile(r"(?:%[0-9A-F]{2})+")


def _as_written_urls(body: str, source: str) -> str:
    """cmark percent-encodes URLs ('[x]' → '%5Bx%5D', 'é' → '%C3%A9'); kramdown writes them as
    the author did. A URL goes back to its written form when that form is in the source."""
    def restore(m):
        url = m.group(2)
        decoded = _PERCENT_RUN.sub(_decoded, url)
        if decoded == url or html.unescape(decoded) not in source:
            return m.group(0)
        return f'{m.group(1)}{decoded}"'
    return _ENCODED_URL.sub(restore, body)


def _decoded(m) -> str:
    try:
        text = bytes.fromhex(m.group(0).replace("%", "")).decode("utf-8")
    except ValueError:
        return m.group(0)
    return m.group(0) if any(c in '%"<>&\'' or ord(c) < 32 for c in text) else text


_SPAN_IAL = re.compile(r"(<a\b[^>]*)(>(?:(?!</a>).)*</a>)\{:([^}\n]*)\}|(<img\b[^>]*?)(\s*/?>)\{:([^}\n]*)\}", re.S)


_STRAIGHT_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})  # smart typography ran first


def _span_ials(body: str) -> str:
    """kramdown's span IALs: `[text](url){:target="_blank"}` puts the attributes on the link."""
    def attach(m):
        ial = html.unescape(m.group(3) if m.group(1) is not None else m.group(6)).translate(_STRAIGHT_QUOTES)
        if m.group(1) is not None:
            return _with_attrs(m.group(1), parse_ial(ial)) + m.group(2)
        return _with_attrs(m.group(4), parse_ial(ial)) + m.group(5)
    return _SPAN_IAL.sub(attach, body)


def _with_attrs(open_tag: str, attrs: dict) -> str:
    """`open_tag` (without its '>') with kramdown IAL attributes merged in; classes add up."""
    for key, value in attrs.items():
        value = html.escape(str(value))
        existing = re.search(rf' {re.escape(key)}="([^"]*)"', open_tag)
        if existing and key == "class":
            merged = f"{existing.group(1)} {value}".strip()
            open_tag = open_tag[:existing.start()] + f' class="{merged}"' + open_tag[existing.end():]
        elif existing:
            open_tag = open_tag[:existing.start()] + f' {key}="{value}"' + open_tag[existing.end():]
        else:
            open_tag += f' {key}="{value}"'
    return open_tag


def _set_header_ids(out: str, header_ids: dict) -> str:
    def add(m):
        line = int(m.group(2))
        if line in header_ids:
            return f'{m.group(0)[:-1]} id="{html.escape(header_ids[line])}">'
        return m.group(0)
    return re.sub(r'<h([1-6]) data-sourcepos="(\d+):\d+-\d+:\d+">', add, out)


def _preprocess(text: str, tables: bool = True) -> _Prep:
    """Lift kramdown syntax that cmark does not know out of the text, keeping every line."""
    prep = _Prep(text)
    text = _extract_islands(text, prep)
    lines = text.split("\n")
    fence = None
    for i, line in enumerate(lines):
        fm = _FENCE.match(line)
        if fence:
            if fm and fm.group(1)[0] == fence[0] and len(fm.group(1)) >= len(fence) and not line[fm.end():].strip():
                fence = None
            continue
        if fm:
            fence = fm.group(1)
            continue
        number = i + 1
        prev_blank = i == 0 or not lines[i - 1].strip()
        if prev_blank and _SPAN_TAG_LINE.match(line):
            lines[i] = _SPAN_MARK + line  # a span element alone on a line is a paragraph in kramdown
            continue
        if _PAREN_MARKER.match(line):
            lines[i] = line.replace(")", "\\)", 1)  # kramdown's ordered items are `1.` only
            continue
        if _BARE_MARKER.match(line) and (prev_blank or lines[i - 1].startswith(("\\", "#"))):
            lines[i] = "\\" + line.lstrip()  # "-" with nothing after it is no list item in kramdown
            continue
        if not prev_blank and "|" in line and i + 1 < len(lines) and _GFM_DELIMITER.match(lines[i + 1]) \
                and not _BLOCK_START.match(lines[i - 1]):
            # a table does not interrupt a paragraph in kramdown: its delimiter row is made text
            lines[i + 1] = _SPAN_MARK + lines[i + 1]
            continue
        if line.startswith("#"):
            hid = _HEADER_ID.match(line)
            if hid:
                lines[i] = hid.group(1)
                prep.header_ids[number] = hid.group(2)
            elif _EMPTY_ATX.match(line):
                lines[i] = "\\" + line
            continue
        if line[:1] == " " and _INDENTED_ATX.match(line):
            lines[i] = _INDENTED_ATX.sub(r"\1\\\2", line, count=1)
            continue
        if "{:" in line:
            ial = _IAL_LINE.match(line)
            if ial:
                prev_blank = i == 0 or not lines[i - 1].strip()
                next_line = lines[i + 1] if i + 1 < len(lines) else ""
                where = "next" if prev_blank and next_line.strip() else "prev"
                prep.ials.append((number, parse_ial(ial.group(1)), where))
                lines[i] = ""
                continue
            if _EXTENSION_LINE.match(line):
                lines[i] = ""
                continue
        if "{#" in line and i + 1 < len(lines) and _SETEXT_LINE.match(lines[i + 1]) and line.strip():
            sid = _SETEXT_ID.match(line)
            if sid:
                lines[i] = sid.group(1)
                prep.header_ids[number] = sid.group(2)
    if _LAZY_CANDIDATE.search(text):
        _lazy_item_lines(lines)
    if _LAZY_CODE.search(text):
        _lazy_code_lines(lines)
    if tables and "|" in text:
        _extract_pipe_tables(lines, prep)
    prep.text = "\n".join(lines)
    return prep


_LINE_START = re.compile(r"^(?=[ \t]*\S)", re.M)
_PAREN_MARKER = re.compile(r"^ {0,3}\d+\)(?:[ \t]|$)")
_LIST_MARK = re.compile(r"^( {0,3})([-*+]|\d+\.)([ \t]+)(?=\S)")
_ANY_MARK = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]")
# a line after an item line that cmark would not read as the item's paragraph continuing
_LAZY_CANDIDATE = re.compile(r"^ {0,3}(?:[-*+]|\d+\.)[ \t]+\S.*\n(?:[ \t]*\S.*\n)*?"
                             r"[ \t]*(?:#|```|~~~|>|[-*+][ \t]|\d+\.[ \t])", re.M)
_LAZY_END = re.compile(r"^ {0,3}(?:<[A-Za-z/]|\{:)")
_LAZY_BLOCK = re.compile(r"^(?:#{1,6}(?:[ \t]|$)| {0,3}(?:>|(?:[-*+]|\d+\.)[ \t]))")  # kramdown's block starts


def _lazy_item_lines(lines: list):
    """kramdown adds every non-blank line after an item's line to the item ("lazily") unless it
    starts an item of the same list or a block HTML tag; CommonMark ends the list at a heading,
    a fence, a less indented list marker. Such lines are indented to the item's content."""
    col, kind, prev_blank, moved, i = None, "", True, False, 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            prev_blank = True
            i += 1
            continue
        indent = len(line) - len(line.lstrip(" \t"))
        m = _LIST_MARK.match(line)
        fence = _FENCE.match(line)
        if col is not None:
            same = m and (m.group(2)[0].isdigit()) == (kind == "ol") and indent < min(col, 4)
            if same:
                col, prev_blank, moved = _content_col(m), False, False
                i += 1
                continue
            if indent >= col or (prev_blank or _LAZY_END.match(line)):
                if indent < col:
                    col = None  # the list ended
                elif fence:
                    i = _skip_fence(lines, i, fence, None)
                    prev_blank = False
                    continue
            else:  # a lazy line of the item
                pad = " " * (col - indent)
                if fence:
                    i = _skip_fence(lines, i, fence, pad)
                    moved = prev_blank = False
                    continue
                if moved or _LAZY_BLOCK.match(line):  # after a moved block, text must follow it in
                    lines[i] = pad + line
                    moved = True
                prev_blank = False
                i += 1
                continue
        if col is None:
            if fence:
                i = _skip_fence(lines, i, fence, None)
                prev_blank = False
                continue
            if m:
                col, kind = _content_col(m), "ol" if m.group(2)[0].isdigit() else "ul"
                moved = False
        prev_blank = False
        i += 1


_LAZY_CODE = re.compile(r"^(?:\t| {4}).*\S.*\n {0,3}(?![<{\s])\S", re.M)


def _lazy_code_lines(lines: list):
    """kramdown's indented code block goes on over a non-blank line that is not indented (not an
    IAL, not HTML) and joins it to the line before with a space (codeblock.rb); CommonMark ends
    the block there. The joined line's place becomes a blank line after the block."""
    i, prev = 0, ""
    while i < len(lines):
        line = lines[i]
        fence = _FENCE.match(line)
        if fence:
            i = _skip_fence(lines, i, fence, None)
            prev = "```"
            continue
        if not (line.startswith(("\t", "    ")) and line.strip() and (i == 0 or not lines[i - 1].strip())
                and not prev[:1].isspace() and not _LIST_MARK.match(prev)):
            if line.strip():
                prev = line
            i += 1
            continue
        end, joined = i + 1, 0
        while end < len(lines):
            here = lines[end]
            if here.startswith(("\t", "    ")) and here.strip():
                end += 1
            elif not here.strip() and end + 1 < len(lines) and lines[end + 1].startswith(("\t", "    ")):
                end += 1
            elif here.strip() and lines[end - 1].strip() and not _LAZY_END.match(here):
                lines[end - 1 - joined] += " " + here
                del lines[end]
                joined += 1
            else:
                break
        lines[end:end] = [""] * joined
        prev = lines[end - 1]
        i = end + joined


def _content_col(m) -> int:
    marker = m.group(1) + m.group(2)
    return len(marker) + len(m.group(3).expandtabs(4))  # kramdown counts every space after the marker


def _skip_fence(lines: list, i: int, fence, pad) -> int:
    """The index after the fenced block opening at `i`; with `pad`, its lines are indented by it
    when no blank line is inside (kramdown's lazy lines stop at a blank line)."""
    opener = fence.group(1)
    end = i + 1
    while end < len(lines):
        close = _FENCE.match(lines[end])
        if close and close.group(1)[0] == opener[0] and len(close.group(1)) >= len(opener) \
                and not lines[end][close.end():].strip():
            break
        end += 1
    if pad is not None and all(lines[k].strip() for k in range(i, min(end + 1, len(lines)))):
        for k in range(i, min(end + 1, len(lines))):
            lines[k] = pad + lines[k]
    return end + 1


_SPAN_MARK = "\u2e2e"  # (punctuation: emphasis after it opens as at a line start) makes cmark read the line as paragraph text; removed from the HTML
_SPAN_TAG_LINE = re.compile(r"^ {0,3}</?(?:a|abbr|acronym|b|big|bdo|br|button|cite|del|dfn|em|font|i|img|input|ins|"
                            r"kbd|label|mark|q|s|samp|select|small|span|strike|strong|sub|sup|tt|u|var)\b[^>]*>\s*$",
                            re.I)
_BARE_MARKER = re.compile(r"^ {0,3}(?:[-+*]|\d+[.)])[ \t]*$")
_GFM_DELIMITER = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_BLOCK_START = re.compile(r"^ {0,3}(?:#|>|```|~~~|[-+*][ \t]|\d+[.)][ \t]|\||<)|^\s*$")
_TABLE_LINE = re.compile(r"^(?: {0,3})(?=\S)(?:\||.*?[^\\]\|)")
_TABLE_SEP = re.compile(r"^ *[+|: \t-]*-[+|: \t-]*$")
_NOT_TABLE_START = re.compile(r"^ {0,3}(?:[#><]|[-*+][ \t]|\d+[.)][ \t])")


def _extract_pipe_tables(lines: list, prep: _Prep):
    """kramdown reads tables itself (table.rb), and differently from GFM: a table starts after
    a blank line, its `|---|` line is optional (rows before it are the header), every row gets
    as many cells as the widest, and it must end at a blank line, else it is a paragraph.
    Unindented runs are decided here; indented ones (in list items) are left to cmark."""
    fenced = _fenced_lines("\n".join(lines))
    i = 0
    while i < len(lines):
        line = lines[i]
        if "|" not in line or i + 1 in fenced:
            i += 1
            continue
        item = _LIST_ITEM.match(line)
        if item and (len(item.group(1)) < 4 or (i and lines[i - 1].strip())):
            i = _item_table(lines, i, item, prep)
            continue
        if line[:1] in (" ", "\t", "") or not _is_table_line(line) or _NOT_TABLE_START.match(line):
            i += 1
            continue
        end = i + 1
        while end < len(lines) and end + 1 not in fenced and "|" in lines[end] \
                and len(_split_cells(lines[end].strip())) > 1:
            end += 1
        rows = lines[i:end]
        table = None
        if (i == 0 or not lines[i - 1].strip() or _IAL_LINE.match(lines[i - 1])) and \
                (end == len(lines) or not lines[end].strip() or _IAL_LINE.match(lines[end])):
            table = _kramdown_table(rows)
        if table is None:  # a paragraph in kramdown: no GFM table either
            for k in range(i, end):
                if _GFM_DELIMITER.match(lines[k]):
                    lines[k] = _SPAN_MARK + lines[k]
            i = end
            continue
        index = len(prep.islands)
        prep.islands.append(("table", table, "", i + 1, ""))
        lines[i] = f"<!--specsite-island-{index}-->"
        for k in range(i + 1, end):
            lines[k] = ""
        i = end


_LIST_ITEM = re.compile(r"^([ \t]*(?:[-*+]|\d+\.)[ \t]+)(?=\S)")


def _item_table(lines: list, i: int, item, prep: _Prep) -> int:
    """kramdown parses a list item's content as blocks, tables first: an item whose text is a
    run of lines with `|` ending the item (or at a blank line) is a table in that item."""
    rows = [lines[i][item.end():]]
    end = i + 1
    while end < len(lines) and "|" in lines[end] and not _LIST_ITEM.match(lines[end]) \
            and len(_split_cells(lines[end].strip())) > 1:
        rows.append(lines[end].strip())
        end += 1
    if end < len(lines) and lines[end].strip() and not _LIST_ITEM.match(lines[end]):
        return i + 1
    if len(_split_cells(rows[0].strip())) < 2:
        return i + 1
    table = _kramdown_table(rows)
    if table is None:
        return i + 1
    index = len(prep.islands)
    prep.islands.append(("table", table, "", i + 1, ""))
    lines[i] = item.group(1) + f"<!--specsite-island-{index}-->"
    for k in range(i + 1, end):
        lines[k] = ""
    return end


_TABLE_ALIGN = re.compile(r"[ \t]?(:?)-+(:?)[ \t]?")
_TABLE_FOOT = re.compile(r"^[+|: \t=]*?=[+|: \t=]*?[ \t]*$")


def _kramdown_table(rows: list):
    """(sections, alignment) as kramdown's parse_table builds them, or None when it finds no
    body; a section is ("thead"|"tbody"|"tfoot", rows of cell texts)."""
    leading = rows[0].lstrip().startswith("|")
    sections, current, align, footer = [], [], None, False
    for k, row in enumerate(rows):
        if _TABLE_SEP.match(row):
            if not current:
                continue
            if align is None and not footer:
                sections.append(("thead", current))
                align = [("center" if a and b else "left" if a else "right" if b else "")
                         for a, b in _TABLE_ALIGN.findall(row)]
            elif not footer:
                sections.append(("tbody", current))
            current = []
        elif _TABLE_FOOT.match(row):
            if current:
                sections.append(("tbody", current))
            current, footer = [], True
        else:
            current.append(_table_cells(row, leading))
    if current:
        sections.append(("tfoot" if footer else "tbody", current))
    if not any(kind == "tbody" for kind, _ in sections):
        return None
    width = max(len(r) for _, section in sections for r in section)
    align = (align or [])[:width]
    return sections, align + [""] * (width - len(align)), width


def _is_table_line(line: str) -> bool:
    return bool(_TABLE_LINE.match(line)) and len(_split_cells(line.strip())) > 1


def _split_cells(row: str) -> list:
    """The row split at `|`s that are neither escaped nor inside a code span."""
    cells, start, i, n = [], 0, 0, len(row)
    while i < n:
        ch = row[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "`":
            run = len(row[i:]) - len(row[i:].lstrip("`"))
            close = row.find("`" * run, i + run)
            if close >= 0:
                i = close + run
                continue
            i += run
            continue
        if ch == "|":
            cells.append(row[start:i])
            start = i + 1
        i += 1
    cells.append(row[start:])
    return cells


def _table_cells(row: str, leading_pipe: bool) -> list:
    cells = _split_cells(row.strip())
    if leading_pipe and cells and not cells[0].strip():
        cells = cells[1:]
    if cells and not cells[-1].strip():
        cells = cells[:-1]
    return [c.strip().replace("\\|", "|") for c in cells]


_RAW_FIRST_TAG = re.compile(r"<[A-Za-z][\w-]*")
# kramdown's HTML_BLOCK_ELEMENTS (void hr left out)
_BLOCK_HTML = re.compile(r"^ {0,3}<(address|applet|article|aside|blockquote|body|center|dd|details|dialog|div|dl|"
                         r"fieldset|figcaption|figure|footer|form|h[1-6]|header|hgroup|html|iframe|legend|listing|"
                         r"main|map|menu|nav|ol|optgroup|option|p|pre|section|summary|table|ul)"
                         r"(?=[\s>/])[^>]*>", re.M | re.I)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_CLOSE_TAGS = re.compile(r"(?:\s*</[A-Za-z][\w-]*\s*>)+\s*")


def _extract_raw_blocks(text: str, prep: _Prep) -> str:
    """kramdown reads an HTML block up to its matching close tag, blank lines and all, and leaves
    it as written; CommonMark ends it at the first blank line and reads the rest as markdown
    (indented lines as code). Such blocks become raw islands."""
    if "<" not in text or not _BLANK_LINE.search(text):
        return text
    fenced = _fenced_lines(text)
    pieces, pos = [], 0
    for m in _BLOCK_HTML.finditer(text):
        if m.start() < pos or text.count("\n", 0, m.start()) + 1 in fenced:
            continue
        close_start, close_end = _matching_close(text, m.group(1), m.end())
        if close_start < 0 or not _BLANK_LINE.search(text, m.end(), close_start) or \
                "markdown=" in text[m.start():close_end]:
            continue
        line_end = text.find("\n", close_end)
        line_end = len(text) if line_end < 0 else line_end
        if text[close_end:line_end].strip():
            if not _CLOSE_TAGS.fullmatch(text, close_end, line_end):
                continue  # text after the close tag on its line: leave it to cmark
            close_end = line_end  # `</body></html>`: the outer close tags go with it
        region = text[m.start():close_end]
        index = len(prep.islands)
        prep.islands.append(("raw", region, "", text.count("\n", 0, m.start()) + 1, ""))
        pieces.append(text[pos:m.start()])
        pieces.append(f"<!--specsite-island-{index}-->" + "\n" * region.count("\n"))
        pos = close_end
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


def _fenced_lines(text: str) -> set:
    lines, fence, inside = set(), None, False
    for number, line in enumerate(text.split("\n"), 1):
        fm = _FENCE.match(line)
        if fence:
            lines.add(number)
            if fm and fm.group(1)[0] == fence[0] and len(fm.group(1)) >= len(fence) and not line[fm.end():].strip():
                fence = None
        elif fm:
            fence = fm.group(1)
            lines.add(number)
        elif line.startswith(("    ", "\t")) and inside:
            lines.add(number)
        inside = not line.strip() or number in lines
    return lines


def _extract_islands(text: str, prep: _Prep) -> str:
    """Replace each `<tag markdown="…">…</tag>` HTML block by a marker comment line; then each
    other HTML block that runs over blank lines (kramdown's reading) by a raw one."""
    return _extract_raw_blocks(_extract_markdown_islands(text, prep), prep)


def _extract_markdown_islands(text: str, prep: _Prep) -> str:
    if "markdown" not in text:
        return text
    pieces = []
    pos = 0
    for_search = 0
    while True:
        m = _ISLAND_OPEN.search(text, for_search)
        if not m:
            break
        line_start = text.rfind("\n", 0, m.start()) + 1
        if text[line_start:m.start()].strip():
            for_search = m.end()  # not at the start of a line: an inline tag, left alone
            continue
        tag = m.group(1)
        close_start, close_end = _matching_close(text, tag, m.end())
        if close_start < 0:
            for_search = m.end()
            continue
        mode = m.group(4)
        if mode == "1":
            mode = "span" if tag.lower() in _SPAN_TAGS else "block"
        attrs = (m.group(2) or "") + m.group(5)
        open_html = f"<{tag}{attrs.rstrip()}>"
        close_html = text[close_start:close_end]
        inner = text[m.end():close_start]
        inner_line = text.count("\n", 0, m.end()) + 1
        # the marker keeps the line count; anything after the close tag stays on its line
        line_end = text.find("\n", close_end)
        line_end = len(text) if line_end < 0 else line_end
        region = text[line_start:close_end]
        rest = text[close_end:line_end]
        index = len(prep.islands)
        prep.islands.append((mode, open_html, inner, inner_line, close_html))
        indent = text[line_start:m.start()]
        pieces.append(text[pos:line_start])
        pieces.append(f"{indent}<!--specsite-island-{index}-->" + "\n" * region.count("\n")
                      + (("\n" + rest) if rest.strip() else ""))
        pos = line_end
        for_search = line_end
    pieces.append(text[pos:])
    return "".join(pieces)


def _matching_close(text: str, tag: str, start: int):
    pattern = re.compile(rf"<(/?){tag}(?=[\s>/])[^>]*>", re.I)
    depth = 1
    for m in pattern.finditer(text, start):
        if m.group(0).endswith("/>"):
            continue
        depth += -1 if m.group(1) else 1
        if depth == 0:
            return m.start(), m.end()
    return -1, -1


_LINK_TAG = re.compile(r"<(a|img|area|iframe|source|video|audio|link|script|object)\s([^>]*)>", re.I)
_ID_ANY = re.compile(r""" id=(?:"([^"]*)"|'([^']*)')""")
_SOURCEPOS_MARK = ' data-sourcepos="'


def _block_at(body: str, pos: int):
    """(first, last) source lines of the block that `pos` sits in: the nearest data-sourcepos before."""
    at = body.rfind(_SOURCEPOS_MARK, 0, pos)
    if at < 0:
        return 1, 1
    m = _SOURCEPOS.match(body, at)
    first = int(m.group(1))
    return first, max(first, int(m.group(3)))


_RAW_TEXT = re.compile(r"<(script|style)\b[^>]*>(.*?)(?=</\1\s*>|\Z)", re.S | re.I)


def _hidden_spans(body: str) -> list:
    """(start, end) of comments and of script/style contents: what a browser does not read as
    tags (a link there is no link), sorted."""
    spans = []
    if "<!--" in body:
        spans += [(m.start(), m.end()) for m in re.finditer(r"<!--.*?(?:-->|\Z)", body, re.S)]
    if "<script" in body or "<style" in body or "<SCRIPT" in body:
        spans += [(m.start(2), m.end(2)) for m in _RAW_TEXT.finditer(body) if m.end(2) > m.start(2)]
    spans.sort()
    return spans


def _inside(spans: list, pos: int) -> bool:
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _scan(body: str):
    """Links and ids in document order with the block lines they sit in; data-sourcepos stripped.
    Literal-prefix regexes plus a backwards look-up for the line: 3x faster than one pass over
    every tag."""
    links: list[RawLink] = []
    found_ids: list[tuple] = []
    hidden = _hidden_spans(body)
    for m in _LINK_TAG.finditer(body):
        if hidden and _inside(hidden, m.start()):
            continue
        tag = m.group(1).lower()
        attrs = {k.lower(): html.unescape((a or b or c))
                 for k, a, b, c in _ATTR.findall(m.group(2))}
        first, last = _block_at(body, m.start())
        link_attr = LINK_ATTRS[tag]
        if link_attr in attrs:
            links.append(RawLink(attrs[link_attr], tag, first, last))
        if tag == "img" and "srcset" in attrs:
            for candidate in attrs["srcset"].split(","):
                if candidate.strip():
                    links.append(RawLink(candidate.split()[0], tag, first, last))
        if tag == "a" and attrs.get("name") and attrs.get("name") != attrs.get("id"):
            found_ids.append((m.start(), attrs["name"], first))
    if " id=" in body:
        for m in _ID_ANY.finditer(body):
            if hidden and _inside(hidden, m.start()):
                continue
            value = m.group(1) if m.group(1) is not None else m.group(2)
            if value:
                found_ids.append((m.start(), html.unescape(value), _block_at(body, m.start())[0]))
    found_ids.sort()
    return _SOURCEPOS.sub("", body), links, [(value, line) for _, value, line in found_ids]
