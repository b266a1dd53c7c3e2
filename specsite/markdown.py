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
from .kramdown_lists import (lift_island, LAZY_FENCE, BULLETS, DL_CANDIDATE, FENCE, extract_definition_lists, LAZY_CANDIDATE, LAZY_CODE, LOOSE_ITEM, fenced_lines, kramdown_item_paragraphs,
                             lazy_code_lines, lazy_item_lines)
from .kramdown_spans import MATH_BLOCK, MATH_MARK, ODD_URL, URL_MARK, kramdown_urls, lift_math, nth
from .kramdown_tables import GFM_DELIMITER, IAL_LINE as _IAL_LINE, SPAN_MARK, extract_pipe_tables
from .rouge_lexers import ROUGE_NAMES
from .kramdown_text import kramdown_code_spans
from .kramdown_text import hide_curly, kramdown_dashes, kramdown_quotes, show_curly
from .kramdown_ids import IdGenerator, heading_text
from .kramdown_footnotes import kramdown_footnotes
from .kramdown_tasks import task_lists
from .kramdown_toc import TOC_IAL, insert_toc, lift_toc

_BASE_OPTS = (Options.CMARK_OPT_SOURCEPOS | Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_SMART
              | Options.CMARK_OPT_FOOTNOTES)
_EXTENSIONS = ["table", "strikethrough"]

_HEADER_ID = re.compile(r"^(#{1,6}[ \t]+.*?)[ \t]\{#([A-Za-z][\w:-]*)\}[ \t]*$")
_SETEXT_ID = re.compile(r"^(.*?)[ \t]\{#([A-Za-z][\w:-]*)\}[ \t]*$")
_SETEXT_LINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_INDENTED_ATX = re.compile(r"^( {1,3})(#{1,6}(?:[ \t]|$))")
_EMPTY_ATX = re.compile(r"^#{1,6}[ \t]*$")
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
        maths: list = []
        if "$$" in text:
            text = lift_math(text, maths)
        urls: list = []
        if "](" in text and ODD_URL.search(text):
            text = kramdown_urls(text, urls)
        raw_code = self.jekyll_markup and "<code" in text
        if raw_code:  # the author's own <code> tags are not code spans: hide them from _as_rouge
            text = text.replace("<code", "<ss-raw-code").replace("</code", "</ss-raw-code")
        body, ials = self._fragment(text, 0, basic=False)
        body = self._apply_ials(body, ials)
        if urls:  # (before heading ids and typography: they must see the written text)
            body = URL_MARK.sub(lambda m: html.escape(nth(urls, m)), body)
        if maths:
            body = MATH_BLOCK.sub(lambda m: f"\\[{html.escape(nth(maths, m).strip(), quote=False)}\\]", body)
            body = MATH_MARK.sub(lambda m: f"\\({html.escape(nth(maths, m), quote=False)}\\)", body)
        if "markdown" in body:
            body = self._nested_markdown(body)
        if "%" in body:  # (after the nested markdown="span" elements: their links too)
            body = _as_written_urls(body, text)
        if "{:" in body:
            body = _span_ials(body)
        if "mailto:" in body:  # kramdown's autolink <mailto:a@b.c> shows the address without the scheme
            body = _MAILTO_AUTOLINK.sub(r"\1\2</a>", body)
        body = show_curly(kramdown_dashes(kramdown_quotes(body)))
        ids = IdGenerator(self.id_prefix)
        headings: list[Heading] = []
        body = _HEADING.sub(lambda m: self._heading(m, ids, headings), body)
        if "<!--specsite-toc-" in body:
            body = insert_toc(body)
        if "<li" in body and "[" in body:
            body = task_lists(body)
        if 'class="footnote' in body or 'id="fn-' in body:
            body = _FOOTNOTE_IDS.sub(lambda m: m.group(1) + ":", body)  # kramdown's fn:1 / fnref:1
            if self.jekyll_markup:
                body = kramdown_footnotes(body)
        if "<" in text:
            body += _auto_closed(text)
        body, links, id_list = _scan(body)  # before highlighting: Pygments' spans triple the HTML
        if _SPAN_MARK in body:
            body = body.replace(_SPAN_MARK, "")
        body = _CODE.sub(self._code, body)
        body = _as_rouge(body) if self.jekyll_markup else body.replace("<pre><code", '<pre tabindex="0"><code')
        if raw_code:
            body = body.replace("ss-raw-code", "code")
        return MarkdownResult(body, tuple(headings), tuple(links), tuple(id_list))

    def _table(self, table, line: int, refs: str = "") -> str:
        """A kramdown table (see _kramdown_table): rows padded to the widest, cells read as spans,
        all cells of the table in one cmark run (a paragraph each; the page's link definitions
        appended so that `[x][ref]` resolves)."""
        sections, align, width = table
        cells = [cell for _, rows in sections for row in rows for cell in row if cell]
        done = self.cmark("\n\n".join(_SPAN_MARK + cell for cell in cells) + refs) if cells else ""
        if "</" in done:  # a cell is a span: a close tag that closes nothing in it is text
            done = _PARAGRAPH.sub(_escape_stray_closers, done)
        spans = _CELL_PARAGRAPH.findall(done)
        if len(spans) != len(cells):  # a cell cmark did not read as one paragraph: one run each
            spans = [re.sub(r"\A<p[^>]*>|</p>\Z", "", self.cmark(_SPAN_MARK + cell).strip()) for cell in cells]
        spans.reverse()
        count = sum(len(rows) + 1 for _, rows in sections)
        out = [f'<table data-sourcepos="{line}:1-{line + count - 1}:1">\n']
        for kind, rows in sections:
            cell_tag = "th" if kind == "thead" else "td"
            out.append(f"<{kind}>\n")
            for row in rows:
                out.append("<tr>\n")
                for cell, how in zip(row + [""] * (width - len(row)), align):
                    frag = spans.pop() if cell else ""
                    attr = f' align="{how}"' if how else ""
                    out.append(f"<{cell_tag}{attr}>{_SOURCEPOS.sub('', frag) if '=' in frag else frag}</{cell_tag}>\n")
                out.append("</tr>\n")
            out.append(f"</{kind}>\n")
        out.append("</table>")
        return "".join(out)

    def _definition_list(self, items: list, first: int, line_base: int, basic: bool):
        """kramdown's <dl>: terms read as spans, definitions as blocks whose first paragraph has no
        <p> unless a blank line came before the `:`."""
        last = line_base + items[-1][3] + items[-1][1].count("\n")
        out, ials = [f'<dl data-sourcepos="{first + line_base}:1-{last}:1">\n'], []
        for item in items:
            if item[0] == "dt":
                frag = re.sub(r"\A<p[^>]*>|</p>\Z", "", self.cmark(_SPAN_MARK + item[1]).strip())
                out.append(f"<dt>{_SOURCEPOS.sub('', frag)}</dt>\n")
                continue
            _, content, keep_p, line = item
            frag, sub_ials = self._fragment(content, line_base + line - 1, basic)
            ials += sub_ials
            frag = frag.strip()
            if not keep_p and frag.startswith("<p"):
                frag = re.sub(r"\A<p[^>]*>(.*?)</p>", r"\1", frag, count=1, flags=re.S)
            out.append(f"<dd>{frag}</dd>\n")
        out.append("</dl>")
        return "".join(out), ials

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
    def _fragment(self, text: str, line_base: int, basic: bool, span: bool = False, refs: str = ""):
        """Render one fragment to HTML whose data-sourcepos lines are absolute; `span`: the
        content of a markdown="span" element (no block syntax such as tables); `refs`: the
        enclosing document's link definitions (kramdown resolves `[x][ref]` against the whole
        document, an HTML element's markdown included)."""
        if span:  # span-level only: no line starts a block (a fence, an HTML block, code by indentation)
            text = _LINE_START.sub(_SPAN_MARK, text)
        text += refs
        prep = _preprocess(text, tables=not span)
        out = self.cmark(prep.text)
        if "</" in prep.text and _STRAY_CANDIDATE.search(out):
            out = _PARAGRAPH.sub(_escape_stray_closers, out)
            out = _TIGHT_ITEM.sub(_escape_stray_closers, out)
        if "<p data-sourcepos" in out and LOOSE_ITEM.search(out):
            out = kramdown_item_paragraphs(out, prep.text.split("\n"))
        if "<li" in out and _BARE_AFTER_END.search(out) and _BARE_AFTER_BLOCK.search(out):
            out = _BARE_AFTER_BLOCK.sub(lambda m: f"{m.group(1)}\n<p>{m.group(3)}</p>", out)
        if prep.header_ids:
            out = _set_header_ids(out, prep.header_ids)
        if line_base:
            out = _SOURCEPOS.sub(lambda m: ' data-sourcepos="%d:%s-%d:%s"' % (
                int(m.group(1)) + line_base, m.group(2), int(m.group(3)) + line_base, m.group(4)), out)
        if basic:
            out = re.sub(r'(<h[1-6] data-sourcepos="[^"]*")>', r"\1 data-ss-basic>", out)
        ials = [(line + line_base, attrs, where) for line, attrs, where in prep.ials]
        if prep.islands:
            refs = "\n\n" + "\n".join(_REF_DEF.findall(text)) if "]:" in text else ""
            rendered = []
            for mode, open_html, inner, inner_line, close_html in prep.islands:
                if mode == "raw":  # kramdown's HTML block: as written, up to its matching close tag
                    last = inner_line + open_html.count("\n")
                    rendered.append(_RAW_FIRST_TAG.sub(
                        lambda t: f'{t.group(0)} data-sourcepos="{inner_line + line_base}:1-{last + line_base}:1"',
                        open_html, count=1))
                    continue
                if mode == "table":
                    rendered.append(self._table(open_html, inner_line + line_base, refs))
                    continue
                if mode == "dl":
                    frag, sub_ials = self._definition_list(open_html, inner_line, line_base, basic)
                    ials += sub_ials
                    rendered.append(frag)
                    continue
                if mode == "span":
                    frag, sub_ials = self._fragment(inner.strip(), line_base + inner_line - 1, basic, span=True,
                                                    refs=refs)
                    frag = re.sub(r"\A\s*<p[^>]*>|</p>\s*\Z", "", frag.strip())
                else:
                    frag, sub_ials = self._fragment(inner, line_base + inner_line - 1, True, refs=refs)
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
        if self.jekyll_markup and lang.split("?")[0] not in ROUGE_NAMES:  # Rouge::Lexer.find: case-sensitive
            return m.group(0)  # kramdown: no lexer, no highlighting (the plain block as cmark wrote it)
        code = html.unescape(m.group(3))
        block = self.highlighter.block(code, lang)
        if m.group(1).strip():  # attributes from a kramdown IAL go on the outer div, as with rouge
            attrs = {k: html.unescape(a or b or c) for k, a, b, c in _ATTR.findall(m.group(1))}
            end = block.index(">")
            if "class" in attrs and ' highlighter-rouge"' in block[:end]:  # kramdown: IAL classes come first
                block = block.replace(' highlighter-rouge"', f' {html.escape(attrs.pop("class"))} highlighter-rouge"', 1)
                end = block.index(">")
            block = _with_attrs(block[:end], attrs) + block[end:]
        return block


# text right after a heading or code block that cmark wrote in a tight list item: a paragraph
# that is not the item's first, which kramdown always wraps in <p>
_BARE_AFTER_BLOCK = re.compile(r'(<h([1-6]) data-sourcepos="[^"]*"[^>]*>.*?</h\2>|<pre data-sourcepos="[^"]*"[^>]*>.*?</pre>)'
                               r"\n(?!<)([^\n<][^<]*?(?:<(?!/li>|ul|ol|h[1-6]|pre|div|table|blockquote|p\b|dl)[^<]*?)*?)"
                               r"(?=</li>|\n<(?:ul|ol|h[1-6]|pre|div|table|blockquote|p|dl)\b)", re.S)
# Any match of _BARE_AFTER_BLOCK ends with this; it is cheap to look for first (the block's lazy
# `.*?` backtracks over the rest of the page at every heading and code block when nothing follows).
_BARE_AFTER_END = re.compile(r"</(?:h[1-6]|pre)>\n(?!<)([^\n<][^<]*?(?:<(?!/li>|ul|ol|h[1-6]|pre|div|table|blockquote|p\b|dl)[^<]*?)*?)"
                             r"(?=</li>|\n<(?:ul|ol|h[1-6]|pre|div|table|blockquote|p|dl)\b)")
_CELL_PARAGRAPH = re.compile(r'<p data-sourcepos="[^"]*">(.*?)</p>\n', re.S)
_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S.*$", re.M)
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


_LONE_TAG = re.compile(r"^ {0,3}<([A-Za-z][\w-]*)(?:\s[^>]*)?>[ \t]*$", re.M)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


def _auto_closed(text: str) -> str:
    """kramdown closes an HTML block element left open (warning "Found no end tag ... auto-closing
    it") at the end of the text; cmark leaves it open, and the browser then puts the rest of the
    layout inside it. The close tags of such elements, innermost first."""
    closes, fenced, comments = [], None, None
    for m in _LONE_TAG.finditer(text):
        tag = m.group(1).lower()
        if tag in _VOID or _SPAN_TAG_LINE.match(m.group(0)) or \
                re.search(rf"</{re.escape(tag)}\s*>", text[m.end():], re.I):
            continue
        if fenced is None:
            fenced = fenced_lines(text)
            comments = [(c.start(), c.end()) for c in re.finditer(r"<!--.*?(?:-->|\Z)", text, re.S)]
        if text.count("\n", 0, m.start()) + 1 in fenced or _inside(comments, m.start()):
            continue
        closes.append(f"</{tag}>")
    return "\n".join(reversed(closes))


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
    if LAZY_CODE.search(text):  # first: the lines it joins are code, not for the rules below
        lazy_code_lines(lines)
    fence = None
    for i, line in enumerate(lines):
        fm = FENCE.match(line)
        if fence:
            if fm and fm.group(1)[0] == fence[0] and len(fm.group(1)) >= len(fence) and not line[fm.end():].strip():
                fence = None
            continue
        if fm:
            fence = fm.group(1)
            continue
        number = i + 1
        if "`" in line and not (line.startswith(("    ", "\t")) and (i == 0 or not lines[i - 1].strip())):
            line = lines[i] = kramdown_code_spans(line)
        prev_blank = i == 0 or not lines[i - 1].strip()
        if (prev_blank or lines[i - 1].startswith("<!--specsite-island-") or lines[i - 1].endswith("-->")) \
                and _SPAN_TAG_LINE.match(line):  # (a comment block ends where its "-->" line does)
            lines[i] = _SPAN_MARK + line  # a span element alone on a line is a paragraph in kramdown
            continue
        if line[:5].lstrip(" ").startswith("</") and _CLOSE_LINE.match(line) and _stray_close(lines, i):
            lift_island(lines, prep.islands, i, i, ("span", "<p>", "\\" + line.strip(), number, "</p>"))
            continue  # kramdown: a close tag that ends no open element is a paragraph of text
        if line.startswith("<?") and prev_blank and not _in_comment(lines, i):  # kramdown: no HTML block
            following = lines[i + 1] if i + 1 < len(lines) else ""
            if following.strip() and not _TAG_START.match(following):
                lines[i] = "\\" + line  # the first line of a paragraph that goes on
            else:  # a paragraph of its own (an HTML block after it ends it, as `<svg>` after `<?xml ?>`)
                lift_island(lines, prep.islands, i, i, ("span", "<p>", "\\" + line.strip(), number, "</p>"))
            continue
        if line[:1] in _DIGIT_OR_SPACE and _PAREN_MARKER.match(line):
            lines[i] = line.replace(")", "\\)", 1)  # kramdown's ordered items are `1.` only
            continue
        if _BARE_MARKER.match(line) and (prev_blank or lines[i - 1].startswith(("\\", "#"))):
            lines[i] = "\\" + line.lstrip()  # "-" with nothing after it is no list item in kramdown
            continue
        if not prev_blank and "|" in line and i + 1 < len(lines) and GFM_DELIMITER.match(lines[i + 1]) \
                and not line.startswith(("    ", "\t")) and not lines[i + 1].startswith(("    ", "\t")) \
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
            if TOC_IAL.match(line) and lift_toc(lines, i):
                continue
            ial = _IAL_LINE.match(line)
            if ial:
                prev_blank = i == 0 or not lines[i - 1].strip()
                next_line = lines[i + 1] if i + 1 < len(lines) else ""
                where = "next" if prev_blank and next_line.strip() else "prev"
                prep.ials.append((number, parse_ial(ial.group(1)), where))
                lines[i] = ""
                continue
            ext = _EXTENSION_LINE.match(line)
            if ext:
                lines[i] = ""
                if ext.group(1) in ("comment", "nomarkdown") and not line.rstrip().endswith("/}"):
                    end = next((j for j in range(i + 1, len(lines))
                                if re.match(rf"^ {{0,3}}\{{:/(?:{ext.group(1)})?\}}[ \t]*$", lines[j])), None)
                    if end is not None:  # kramdown: a comment is written as an HTML comment, nomarkdown as is
                        inner = "\n".join(lines[i + 1:end])
                        raw = f"<!-- {inner} -->" if ext.group(1) == "comment" else inner
                        lift_island(lines, prep.islands, i, end + 1, ("raw", raw, "", number, ""))
                continue
        if line[:1] in _SETEXT_CHARS and i > 1 and _SETEXT_LINE.match(line) and lines[i - 1].strip() and \
                lines[i - 2].strip() and not _BLOCK_START.match(lines[i - 2]) and not _BLOCK_START.match(lines[i - 1]):
            lines[i] = _SPAN_MARK + line  # kramdown's setext heading is one line: this is paragraph text
            continue
        if "{#" in line and i + 1 < len(lines) and _SETEXT_LINE.match(lines[i + 1]) and line.strip():
            sid = _SETEXT_ID.match(line)
            if sid:
                lines[i] = sid.group(1)
                prep.header_ids[number] = sid.group(2)
    if LAZY_CANDIDATE.search(text) or len(set(BULLETS.findall(text))) > 1 or LAZY_FENCE.search(text):
        lazy_item_lines(lines)
    if ":" in text and DL_CANDIDATE.search(text):
        extract_definition_lists(lines, prep.islands)
    if tables and "|" in text:
        extract_pipe_tables(lines, prep.islands)
    prep.text = "\n".join(lines)
    return prep


_LINE_START = re.compile(r"^(?=[ \t]*\S)", re.M)
_SETEXT_CHARS = set("=- ")
_DIGIT_OR_SPACE = set("0123456789 ")
_PAREN_MARKER = re.compile(r"^ {0,3}\d+\)(?:[ \t]|$)")
_SPAN_MARK = SPAN_MARK
_SPAN_TAG_LINE = re.compile(r"^ {0,3}</?(?:a|abbr|acronym|b|big|bdo|br|button|cite|del|dfn|em|font|i|img|input|ins|"
                            r"kbd|label|mark|q|s|samp|select|small|span|strike|strong|sub|sup|tt|u|var)\b[^>]*>\s*$",
                            re.I)
_TAG_START = re.compile(r" {0,3}</?[A-Za-z]")
_MAILTO_AUTOLINK = re.compile(r'(<a href="mailto:([^"<>]*)">)mailto:\2</a>')


_STRAY_CANDIDATE = re.compile(r"<(?:p|li) data-sourcepos[^>]*>(?:(?!</p>|</li>).)*?</(?!p>|li>)[A-Za-z]", re.S)
# a tight list item's text (no block inside): kramdown reads it as a span too
_TIGHT_ITEM = re.compile(r"(<li data-sourcepos=\"[^\"]*\">)((?:(?!<li|</li>|<(?:ul|ol|p|div|pre|blockquote|table|h[1-6])\b).)*?)"
                         r"(</li>)", re.S)
_PARAGRAPH = re.compile(r"(<p data-sourcepos=\"[^\"]*\">)(.*?)(</p>)", re.S)
_INLINE_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)(?:\s[^>]*)?(/?)>")


def _escape_stray_closers(m) -> str:
    """kramdown's span HTML: a close tag that closes no element opened in the paragraph is text
    ("Found invalidly used HTML closing tag"), written escaped; cmark passes it through raw."""
    open_tags, out, pos = [], [], 0
    body = m.group(2)
    for t in _INLINE_TAG.finditer(body):
        name = t.group(2).lower()
        if not t.group(1):
            if not t.group(3) and name not in _VOID:
                open_tags.append(name)
            continue
        if name in open_tags:
            del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name):]
            continue
        out.append(body[pos:t.start()] + html.escape(t.group(0), quote=False))
        pos = t.end()
    if not out:
        return m.group(0)
    return m.group(1) + "".join(out) + body[pos:] + m.group(3)


_CLOSE_LINE = re.compile(r" {0,3}</([A-Za-z][\w-]*)\s*>\s*$")


def _stray_close(lines: list, i: int) -> bool:
    """A close-tag line whose element is not open in the text before it (nor in a comment), with
    a blank line or the end after it."""
    if i + 1 < len(lines) and lines[i + 1].strip() and not _TAG_START.match(lines[i + 1]):
        return False
    name = _CLOSE_LINE.match(lines[i]).group(1)
    before = "\n".join(lines[:i])
    if before.rfind("<!--") > before.rfind("-->"):
        return False
    opened = len(re.findall(rf"<{name}(?=[\s>/])", before, re.I))
    closed = len(re.findall(rf"</{name}\s*>", before, re.I))
    return opened <= closed


def _in_comment(lines: list, i: int) -> bool:
    """Whether line i sits inside an HTML comment opened on an earlier line."""
    before = "\n".join(lines[:i])
    return before.rfind("<!--") > before.rfind("-->")
_BARE_MARKER = re.compile(r"^ {0,3}(?:[-+*]|\d+[.)])[ \t]*$")
_BLOCK_START = re.compile(r"^ {0,3}(?:#|>|```|~~~|[-+*][ \t]|\d+[.)][ \t]|\||<)|^\s*$")


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
    it as written, and the line after it starts a new block; CommonMark ends it at the first
    blank line (reading the rest as markdown, indented lines as code, or the lines after it as
    HTML). Such blocks become raw islands."""
    if "<" not in text:
        return text
    fenced = None
    pieces, pos = [], 0
    for m in _BLOCK_HTML.finditer(text):
        if fenced is None:
            fenced = fenced_lines(text)
            comments = [(c.start(), c.end()) for c in re.finditer(r"<!--.*?(?:-->|\Z)", text, re.S)] \
                if "<!--" in text else []
        if m.start() < pos or text.count("\n", 0, m.start()) + 1 in fenced or \
                (comments and _inside(comments, m.start())):
            continue
        close_start, close_end = _matching_close(text, m.group(1), m.end())
        auto_close = ""
        if close_start < 0 and text[m.start()] == "<" and not m.group(0).endswith("/>"):
            # kramdown reads an element left open raw to the end of the text and closes it there
            # (a lone open tag is closed by _auto_closed)
            close_start = close_end = len(text)
            auto_close = "" if _LONE_TAG.match(text, m.start()) else f"</{m.group(1)}>"
        if close_start < 0 or "markdown=" in text[m.start():close_end]:
            continue
        line_end = text.find("\n", close_end)
        line_end = len(text) if line_end < 0 else line_end
        next_end = text.find("\n", line_end + 1)
        if not _BLANK_LINE.search(text, m.end(), close_start) and \
                not text[line_end + 1:len(text) if next_end < 0 else next_end].strip():
            continue  # no blank line inside, none needed after: cmark ends it where kramdown does
        if text[close_end:line_end].strip():
            if not _CLOSE_TAGS.fullmatch(text, close_end, line_end):
                continue  # text after the close tag on its line: leave it to cmark
            close_end = line_end  # `</body></html>`: the outer close tags go with it
        region = text[m.start():close_end]
        index = len(prep.islands)
        prep.islands.append(("raw", region + auto_close, "", text.count("\n", 0, m.start()) + 1, ""))
        pieces.append(text[pos:m.start()])
        pieces.append(f"<!--specsite-island-{index}-->" + "\n" * region.count("\n"))
        pos = close_end
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


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
    fenced = comments = None
    while True:
        m = _ISLAND_OPEN.search(text, for_search)
        if not m:
            break
        line_start = text.rfind("\n", 0, m.start()) + 1
        if text[line_start:m.start()].strip():
            for_search = m.end()  # not at the start of a line: an inline tag, left alone
            continue
        if fenced is None:  # kramdown reads neither a fenced code block nor a comment as markdown
            fenced = fenced_lines(text, indented=False)
            comments = [(c.start(), c.end()) for c in re.finditer(r"<!--.*?(?:-->|\Z)", text, re.S)]
        if text.count("\n", 0, m.start()) + 1 in fenced or (comments and _inside(comments, m.start())):
            for_search = m.end()
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
