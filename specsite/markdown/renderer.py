"""The renderer: cmark-gfm in C, kramdown's extras around it (see the package docstring)."""
from __future__ import annotations

import html
import re
from functools import partial
from dataclasses import dataclass
from typing import NamedTuple

from cmarkgfm.cmark import Options

from ..cmark import CmarkRenderer
from ..highlight import Highlighter
from ..kramdown_ids import IdGenerator, heading_text
from ..kramdown_options import KramdownExtras
from ..rouge_lexers import ROUGE_NAMES
from .nestedlinks import nested_links
from .quoted import LAZY_QUOTE_MARK, lazy_quote_lines, quoted_fence, quoted_fences_as_text
from .fences import has_fence, unclosed_fence_as_text
from .itemend import item_limit
from .islands import auto_closed
from ..lazy_re import LazyPattern
from .kramdown_ext import ial_target, kramdown_extensions, sourcepos_last_line, without_markers
from .fixups import as_rouge, as_written_titles, as_written_urls, span_ials, with_attrs
from .fragment import RAW_HEADING as _RAW, render_fragment
from .layout import CODE_INDENT, kramdown_layout
from .spacing import kept_code_newlines, rouge_indents
from .nested import nested_markdown
from .scan import ATTR, SOURCEPOS, _scan
from .spans import (RUBY_BLANKS, backslash_breaks_in_spans, ALT_LEFT, ALT_MARK, MATH_BLOCK, MATH_ITEM, MATH_MARK, ODD_DEF_URL, ODD_URL, SPACED_DEF_URL, URL_MARK,
                    kdmath_text,
                    kramdown_urls, lift_alts, lift_math, nth)
from .stray import escape_block_tags
from .tables import FN_CELL, SPAN_MARK
from .tasks import escaped_boxes, task_lists
from .quote_entity import hide_quote_entities, show_quote_entities
from .text import AUTHOR_SYMBOLS, hide_curly, kramdown_dashes, kramdown_quotes, show_curly
from .itemials import apply_item_ials, lift_item_ials
from .declarations import declarations_in_paragraphs, escape_declarations
from .rawspans import lift_raw_spans, put_back
from .rewrites import (HEADING_OPEN, LANGUAGE_SPAN, PRE_LANGUAGE, PRE_OPEN_BEFORE, boolean_option, footnote_ids,
                       ial_code_language, inline_options, integer_option, offset_heading)

_BASE_OPTS = (Options.CMARK_OPT_SOURCEPOS | Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_SMART
              | Options.CMARK_OPT_FOOTNOTES | Options.CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE)  # kramdown GFM: ~~x~~ only
_EXTENSIONS = ("table", "strikethrough")
_HEADING = LazyPattern(r'<h([1-6]) data-sourcepos="(\d+):\d+-\d+:\d+"([^>]*)>(.*?)</h\1>', re.S)
_ID_ATTR = LazyPattern(r' id="([^"]*)"')
# cmark-gfm's own footnote markup only (an author's `id="fn-1"` stays as written, as in kramdown)

_CODE = LazyPattern(r'<pre([^>]*)><code class="language-([^"\s]+)">((?:[^<]++|<(?!/code></pre>))*+)</code></pre>')
MEMO_LIMIT = 4096  # texts kept by MarkdownRenderer.render (a page body each, at most)
# ... and their characters: a result holds its HTML, links and ids (~3 times the text), so 4,096
# page bodies of 9 kB kept ~100 MB in each parse process at 10,000 pages; a real site's bodies
# (a few MB) all fit
MEMO_CHARS = 1 << 22
# Short marks looked for on every page: a regex finds a literal of 2-3 characters a third faster
# than `in` (CPython's substring search is slow for short needles), with the same answer. And
# before either, one character of the mark that most pages lack: a one-character `in` is memchr
# (~0.1 us over a 10 kB page), a longer needle's search steps through the page (~5 us). The tests
# below that look for a mark in the whole page or body put such a character first.


def _mark(needle: str):
    """A test of whether `needle` is in a text: its first character (one most pages lack) by
    memchr, then the regex."""
    first, search = needle[0], re.compile(re.escape(needle)).search
    return lambda text: first in text and search(text) is not None


_IAL_MARK = _mark("{:")
_ABBREV_MARK = re.compile(r"\*\[").search
_MATH_MARK = _mark("$$")
# (a code span over lines, it may be: (?<![`\n])`+[^`\n]+\n[^`]*` led by its backtick, the look-behind after it)
_MULTILINE_CODE_SPAN = re.compile(r"`(?<![`\n]`)`*[^`\n]+\n[^`]*`").search
_REF_MARK = re.compile(r"\]:").search
_AUTHOR_TAG = re.compile(r"<[A-Za-z]").search
_CODE_TEXT = re.compile(r"(<code(?:\s[^>]*)?>)((?:[^<]++|<(?!/code>))*+</code>)")  # (the author's own <code> is ss-raw-code here)


def _quotes_as_written(m: re.Match) -> str:
    return m.group(1) + m.group(2).replace("&quot;", '"')


def _needs_writing(text: str) -> bool:
    from .tagforms import needs_writing  # (imported by the first page with a tag)
    return needs_writing(text) is not None
_WBR = re.compile(r"<wbr((?:\s[^<>]*?)?)\s*/?>", re.I)
_MAILTO_AUTOLINK = LazyPattern(r'(<a href="mailto:([^"<>]*)">)mailto:\2</a>')


class Heading(NamedTuple):
    """A heading of the rendered page, for the table of contents and the checker (a named tuple:
    a page has dozens; a frozen dataclass's __init__ is several times slower)."""
    level: int
    id: str | None
    text: str
    line: int  # line in the rendered-markdown text


@dataclass(frozen=True)
class MarkdownResult:
    """A page's Markdown as HTML, with its headings, links and ids."""
    html: str
    headings: tuple = ()
    links: tuple = ()
    ids: tuple = ()  # (id, line) of every id in the body, headings included


_BLANK_DOCUMENT = MarkdownResult("\n")
_HEADING_ROW = partial(tuple.__new__, Heading)  # (a Heading from its values, in C)  # what kramdown writes for an empty or blank text


class MarkdownRenderer:
    def __init__(self, *, hard_wrap: bool = False, id_prefix: str = "", highlighter=None, auto_ids: bool = True,
                 jekyll_markup: bool = False, toc_levels: tuple = (1, 2, 3, 4, 5, 6), smart_quotes: tuple = (),
                 extras: KramdownExtras = KramdownExtras()):
        self.extras = extras  # kramdown options of a few pages (parse_block_html, footnotes, ...)
        self.auto_ids = auto_ids
        self.toc_levels = toc_levels  # kramdown's toc_levels: the heading levels a {:toc} lists
        # kramdown's smart_quotes, when not its default: the quotes it writes for ‘ ’ “ ”
        self._quotes = str.maketrans(dict(zip("\u2018\u2019\u201c\u201d", smart_quotes))) \
            if smart_quotes and tuple(smart_quotes) != ("\u2018", "\u2019", "\u201c", "\u201d") else None
        self.jekyll_markup = jekyll_markup  # exactly kramdown + rouge's markup (a Jekyll site's own layouts)
        self.options = _BASE_OPTS | (Options.CMARK_OPT_HARDBREAKS if hard_wrap else 0)
        self.cmark = CmarkRenderer(self.options, _EXTENSIONS)
        self.id_prefix = id_prefix
        self.highlighter = highlighter or Highlighter()
        self.abbrevs: dict = {}  # the abbreviations of the document being rendered
        self.maths: list = []  # ... and its math (spans.lift_math)
        self._done: dict = {}  # text → MarkdownResult: a text is converted once per build (see render)
        self._done_chars = 0  # the characters of its texts
        self.tables: dict = {}  # a kramdown table's HTML but for its first tag (see tablehtml.table_html)

    # -- public ---------------------------------------------------------------------------
    def render(self, text: str) -> MarkdownResult:
        """`text` as HTML with its headings, links and ids. A text is converted once: a page's
        own conversion is also its `page.content` when another page's Liquid reads it (Jekyll
        converts each document once), and a layout's `markdownify` of the same string on every
        page is converted on the first. The result depends on the text alone (the options are
        the renderer's); at most MEMO_LIMIT texts of MEMO_CHARS characters are kept."""
        done = self._done.get(text)
        if done is None:
            done = self._convert(text)
            if len(self._done) < MEMO_LIMIT and self._done_chars + len(text) <= MEMO_CHARS:
                self._done[text] = done
                self._done_chars += len(text)
        return done

    def forget(self) -> None:
        """Drop the texts converted so far (the parse stage's page bodies, once every page has its
        content): a large site would keep a second copy of its sources."""
        self._done.clear()
        self._done_chars = 0
        self.tables.clear()

    def _convert(self, text: str) -> MarkdownResult:
        if self.jekyll_markup and (not text or text.isspace()):
            return _BLANK_DOCUMENT  # kramdown's adapt_source ends the text with "\n": one :blank element
        if "\r" in text:  # kramdown reads \r\n and \r as \n (adapt_source); the line rules here need it too
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if self.jekyll_markup and ">" in text and (text[:1] == ">" or "\n>" in text) and LAZY_QUOTE_MARK.search(text):
            # (kramdown's quote runs to a blank line; a top-level quote line first: one memchr, then the regex)
            text = lazy_quote_lines(text)
        if self.jekyll_markup and has_fence(text):
            text = unclosed_fence_as_text(text, item_limit)
            if ">" in text and quoted_fence(text):
                text = quoted_fences_as_text(text)
        if self.jekyll_markup and _REF_MARK(text):  # kramdown: a duplicated link id's last definition wins
            from .linkdefs import kramdown_definitions
            text = kramdown_definitions(text)
        if "<" in text and (self.extras.parse_block_html or "parse_block_html" in text):
            from .blockhtml import mark_block_html  # kramdown's parse_block_html (option or {::options})
            text = mark_block_html(text, self.extras.parse_block_html)
        raws: list = []
        if "^" in text or "<" in text or _IAL_MARK(text):  # ALD references, ^, one-line {::nomarkdown}, raw lines
            text = kramdown_extensions(text, raws, "specsite-rawspan-%d")
        if self.jekyll_markup and "!" in text and "<!" in text:  # `<!DOCTYPE …>` in paragraph text is text (kramdown)
            text = escape_declarations(text)
        if self.jekyll_markup and "<" in text:  # kramdown's raw-content span tags (<code>, <kbd>, <name>)
            if "\\\n" in text:  # (`\` + line end in a span element: no line break, as kramdown-parser-gfm)
                text = backslash_breaks_in_spans(text)
            text = lift_raw_spans(text, raws, not self.extras.no_auto_typographic)
        item_ials: list = []
        if self.jekyll_markup and _IAL_MARK(text):  # `- {:.cls}text`: the IAL is the item's
            text = lift_item_ials(text, item_ials)
        if "\\" in text and "\\[" in text:  # `- \[ ] x`: no task (kramdown-parser-gfm matches the item's raw text)
            text = escaped_boxes(text)
        text = hide_quote_entities(hide_curly(text))  # so that every curly quote in cmark's output is one it made
        # and every — – … « » one of kramdown's symbol elements (kramdown_quotes, the option
        # typographic_symbols): the author's own are hidden until then
        own_symbols = self.extras.typographic_symbols or self.extras.no_auto_typographic or any(
            c in text for c in AUTHOR_SYMBOLS)
        if own_symbols:
            from .typosyms import AS_WRITTEN, hide_symbols, mark_symbols, put_symbols, show_symbols, symbols_text
            text = hide_symbols(text)
        self.abbrevs = {}
        if _ABBREV_MARK(text):
            from .abbrev import lift_abbreviations  # (abbrev, toc, footnotes: imported when a page uses them)
            text, self.abbrevs = lift_abbreviations(text)
        maths = self.maths = []  # (raw HTML blocks give theirs back as written: fragment)
        if _MATH_MARK(text):
            text = lift_math(text, maths)
        if self.jekyll_markup and "](" in text:  # a link in a link's text: kramdown's is the outer
            text = nested_links(text)
        urls: list = []
        if ("](" in text and ODD_URL.search(text)) or (
                "]:" in text and (("\\" in text and ODD_DEF_URL.search(text)) or SPACED_DEF_URL.search(text))):
            text = kramdown_urls(text, urls)
        alts: list = []
        alt_texts: list = []
        if self.jekyll_markup and "![" in text:  # (an image's alt as written: lift_alts)
            text = lift_alts(text, alts, alt_texts)
        raw_code = self.jekyll_markup and "<code" in text
        if raw_code:  # the author's own <code> tags are not code spans: hide them from as_rouge
            text = text.replace("<code", "<ss-raw-code").replace("</code", "</ss-raw-code")
        body, ials = self._fragment(text, 0, basic=False)
        if ("!" in body and "<!--specsite-" in body) or "specsite-rawblock-" in body:  # (kramdown_ext's markers)
            body = without_markers(body)
        body = self._apply_ials(body, ials, text)
        if item_ials:
            body = apply_item_ials(body, item_ials)
        if urls:  # (before heading ids and typography: they must see the written text)
            body = URL_MARK.sub(lambda m: html.escape(nth(urls, m)), body)
        if alts:
            body = ALT_MARK.sub(lambda m: f'alt="{nth(alts, m)}"', body)
            if "specsite-alt-" in body:  # (no image there: an HTML block's raw text)
                body = ALT_LEFT.sub(lambda m: nth(alt_texts, m), body)
        if "markdown" in body:  # (before the math goes back in: an element's text is rendered again)
            body = nested_markdown(self, body)
        if maths and self.jekyll_markup and self.extras.math_text:
            body = kdmath_text(body, maths)
        elif maths:
            body = MATH_BLOCK.sub(lambda m: f"\\[{html.escape(nth(maths, m).strip(), quote=False)}\\]", body)
            if "<li" in body:
                body = MATH_ITEM.sub(lambda m: f"{m.group(1)}\n\\[{html.escape(maths[int(m.group(2))].strip(), quote=False)}\\]\n"
                                     if int(m.group(2)) < len(maths) else m.group(0), body)
            # (span math: parse_inline_math keeps the TeX stripped, as Ruby's strip does)
            body = MATH_MARK.sub(lambda m: f"\\({html.escape(nth(maths, m).strip(RUBY_BLANKS), quote=False)}\\)", body)
        if "%" in body:  # (after the nested markdown="span" elements: their links too)
            body = as_written_urls(body, text)
        if "\\" in text and " title=\"" in body:  # (a title written with a backslash)
            body = as_written_titles(body, text)
        if _IAL_MARK(body):
            body = span_ials(body)
        if "mailto:" in body:  # kramdown's autolink <mailto:a@b.c> shows the address without the scheme
            body = _MAILTO_AUTOLINK.sub(r"\1\2</a>", body)
        body = kramdown_dashes(kramdown_quotes(body, text))
        if self._quotes is not None:  # (before show_curly: the author's own curly quotes stay)
            body = body.translate(self._quotes)
        body = show_quote_entities(show_curly(body))
        if self.jekyll_markup and "!" in body and "<!" in body:  # (after an HTML block's last line: a paragraph's text)
            body = declarations_in_paragraphs(body)
        if self.extras.no_auto_typographic:  # (before the ids: kramdown's come from the text as written)
            body = put_symbols(mark_symbols(body), AS_WRITTEN)
        elif self.extras.typographic_symbols:
            body = mark_symbols(body)
        elif own_symbols:
            body = show_symbols(body)
        inline = inline_options(text) if "{::options" in text else {}
        ids = IdGenerator(inline.get("auto_id_prefix", self.id_prefix))
        headings: list[Heading] = []
        auto_ids = boolean_option(inline["auto_ids"]) if "auto_ids" in inline else self.auto_ids
        body = _HEADING.sub(lambda m: self._heading(m, ids, headings, auto_ids, raws), body)
        if "!" in body and "<!--specsite-toc-" in body:
            from .toc import insert_toc
            body = insert_toc(body, self.toc_levels, text, self.jekyll_markup)
        offset = integer_option(inline.get("header_offset"), self.extras.header_offset)
        if offset and self.jekyll_markup:  # (after the TOC: kramdown's lists the headings' own levels)
            body = HEADING_OPEN.sub(lambda m: offset_heading(m, offset), body)
        if self.extras.typographic_symbols and not self.extras.no_auto_typographic:
            body, headings = symbols_text(body, headings, self.extras.typographic_symbols)
        if "<li" in body and "[" in body:
            body = task_lists(body)
        if 'class="footnote' in body:
            body = footnote_ids(body)
            if self.jekyll_markup:
                from .footnote_options import footnote_options  # kramdown's markup and footnote_nr, _backlink, _prefix
                body = footnote_options(body, self.extras)
        if FN_CELL in body:  # (a reference whose carrier found no room: kramdown's number is lost)
            body = body.replace(FN_CELL, "")
        if "<" in text:
            body += auto_closed(text)
        if "<wbr" in body:  # kramdown writes a void element as `<wbr />`; an HTML parser that does not
            body = _WBR.sub(r"<wbr\1 />", body)  # know wbr (libxml2) reads `<wbr>` as holding the rest
        if _RAW in body:
            body = body.replace(_RAW, "")
        if self.jekyll_markup:  # (while data-sourcepos gives each block's lines)
            body = kramdown_layout(body, text)
        body, links, id_list = _scan(body, text)  # before highlighting: Pygments' spans triple the HTML
        if SPAN_MARK in body:
            body = body.replace(SPAN_MARK, "")
        if self.jekyll_markup and "<code>" in body and _MULTILINE_CODE_SPAN(text):  # (kramdown keeps its line breaks)
            body = kept_code_newlines(body, text)
        if self.jekyll_markup and "<pre " in body and "language-" in body:
            body = PRE_LANGUAGE.sub(ial_code_language, body)  # (a block IAL's `.language-x`)
        if self.jekyll_markup and any(self.extras.default_lang) and "<code" in body:
            from .rouge_table import default_language  # syntax_highlighter_opts' default_lang
            body = default_language(body, self.extras.default_lang, ROUGE_NAMES)
        if not (self.jekyll_markup and self.extras.plain_blocks):  # (kramdown without a highlighter: as written)
            body = _CODE.sub(self._code, body)
        if self.jekyll_markup and "<code " in body and not self.extras.plain_spans:
            # (`code`{: .language-ruby}; before as_rouge, which gives every plain span its classes)
            body = LANGUAGE_SPAN.sub(self._code_span, body)
        body = as_rouge(body, self.extras) if self.jekyll_markup else body.replace("<pre><code", '<pre tabindex="0"><code')
        if self.jekyll_markup and any(self.extras.default_lang) and "specsite-bare" in body:
            from .rouge_table import without_bare_class  # (default_lang naming no Rouge lexer)
            body = without_bare_class(body)
        if CODE_INDENT in body:
            body = rouge_indents(body)
        if self.jekyll_markup and (self.extras.footnote_nr != 1 or self.extras.block_line_numbers
                                  or self.extras.span_line_numbers or self.extras.block_css_class != "highlight"
                                  or not self.extras.block_wrap):
            from .rouge_table import after_rouge  # footnote_nr's <ol start>, rouge's line-number tables
            body = after_rouge(body, self.extras)
        if self.jekyll_markup and "&quot;" in body and "<code" in body:  # kramdown's code (escape_html :all) and
            body = _CODE_TEXT.sub(_quotes_as_written, body)  # rouge's write `"` as is; cmark writes &quot;
        if raw_code:
            body = body.replace("ss-raw-code", "code")
        if self.jekyll_markup and "<" in text:  # (an HTML block's text: kramdown escapes its bare & < >)
            from .rawtext import escaped_block_text
            body = escaped_block_text(body)
        if self.jekyll_markup and _AUTHOR_TAG(text) and _needs_writing(text):  # kramdown writes an author's tags anew
            from .tagforms import Verbatim, kramdown_tags
            body = kramdown_tags(body)
            raws = [raw if raw.__class__ is Verbatim else kramdown_tags(raw) for raw in raws]
        elif "!" in body and "<!--ss-verbatim" in body:  # ({::nomarkdown} text without tags)
            from .tagforms import without_verbatim_marks
            body = without_verbatim_marks(body)
        if raws:
            body = put_back(body, raws)
        if self.jekyll_markup and (' id=""' in body or ' id=" ' in body):
            from .tagforms import without_blank_ids
            body = without_blank_ids(body)
        return MarkdownResult(body, tuple(headings), tuple(links), tuple(id_list))

    def render_inline(self, text: str) -> str:
        """Markdown to HTML without positions (for `markdownify` and short strings)."""
        return self.render(text).html

    def _fragment(self, text: str, line_base: int, basic: bool, span: bool = False, refs: str = "",
                  toc: bool = True, closed: bool = False):
        """One fragment's HTML and block IALs (fragment.render_fragment; deflists call it back)."""
        return render_fragment(self, text, line_base, basic, span, refs, toc, closed)

    def _apply_ials(self, body: str, ials, text: str = "") -> str:
        """Attach `{: …}` attributes to the block before (or after) the IAL's line."""
        if not ials:
            return body
        elements = [(m.start(), int(m.group(1)), sourcepos_last_line(body, m), int(m.group(2))) for m in SOURCEPOS.finditer(body)]
        lines = text.split("\n") if text else []
        edits: dict = {}
        for line, attrs, where in ials:
            if where in ("prev", "prev-quoted"):
                hits = [e for e in elements if e[1] <= line - 1 <= max(e[2], e[1])]
                if where == "prev-quoted":  # (the block inside the quote, not the quote)
                    hits = [e for e in hits if not body.startswith("<blockquote", body.rfind("<", 0, e[0]))]
            elif where == "next":
                hits = [e for e in elements if e[1] == line + 1]
            else:
                continue  # ("none": kramdown gives it to a blank line)
            if hits:  # (an IAL indented in a list item: the item's block at its column; one before a
                # block goes on its outermost element, the quote that starts there and not its paragraph)
                target = edits.setdefault((ial_target(hits, lines, line) if where != "next" else min(hits))[0], {})
                for key, value in attrs.items():  # (IALs on consecutive lines: classes add up)
                    target[key] = f"{target[key]} {value}" if key == "class" and target.get(key) else value
        for pos in sorted(edits, reverse=True):
            start = body.rfind("<", 0, pos)
            end = body.index(">", pos)
            body = body[:start] + with_attrs(body[start:end], edits[pos]) + body[end:]
        return body

    def _heading(self, m, ids: IdGenerator, headings: list, auto_ids: bool = True, raws: list = ()) -> str:
        level, line, extra, inner = m.groups()
        level, line = int(level), int(line)
        if "<" in inner and self.jekyll_markup:  # (its id reads an escaped tag's letters)
            inner = escape_block_tags(inner)
        # not stripped: "A: ![img](x)" gives "a-", as in kramdown; a setext heading's raw span
        # (`<kbd>K</kbd>`, lifted as paragraph text) is read as the span's text
        text = heading_text(put_back(inner, raws) if raws and "specsite-rawspan-" in inner else inner)
        explicit = _ID_ATTR.search(extra) if extra else None
        if explicit:
            hid = html.unescape(explicit.group(1))
        elif not auto_ids:  # kramdown `auto_ids: false`: only explicit ids
            hid = None
        else:
            hid = ids.basic(text) if " data-ss-basic" in extra else ids.gfm(text)
            if hid:
                extra += f' id="{html.escape(hid) if self.id_prefix else hid}"'  # (a slug: no &<>"' in it)
        if " data-ss-basic" in extra:
            extra = extra.replace(" data-ss-basic", "")
        headings.append(_HEADING_ROW((level, hid, text.strip(), line)))
        return f'<h{level} data-sourcepos="{line}:1-{line}:1"{extra}>{inner}</h{level}>'

    def _code_span(self, m) -> str:
        """kramdown's convert_codespan: a code span whose classes name a language (a span IAL's
        `.language-x`) is highlighted in it, and rouge's class is added, when rouge has a lexer."""
        lang = html.unescape(m.group(3))
        if "highlighter-rouge" in m.group(2) or lang.split("?")[0] not in ROUGE_NAMES \
                or PRE_OPEN_BEFORE.search(m.string, max(0, m.start() - 300), m.start()):
            return m.group(0)  # (no lexer: as written; a code block's <code>: not a span)
        inner = self.highlighter.code(html.unescape(m.group(5)), lang)
        return f'<code{m.group(1)} class="{m.group(2)} highlighter-rouge"{m.group(4)}>{inner}</code>'

    def _code(self, m) -> str:
        lang = html.unescape(m.group(2))
        if self.jekyll_markup and lang.split("?")[0] not in ROUGE_NAMES:  # Rouge::Lexer.find: case-sensitive
            return m.group(0)  # kramdown: no lexer, no highlighting (the plain block as cmark wrote it)
        code = html.unescape(m.group(3))
        block = self.highlighter.block(code, lang)
        if m.group(1).strip():  # attributes from a kramdown IAL go on the outer div, as with rouge
            attrs = {k: html.unescape(a or b or c) for k, a, b, c in ATTR.findall(m.group(1))}
            end = block.index(">")
            if "class" in attrs and ' highlighter-rouge"' in block[:end]:  # kramdown: IAL classes come first
                block = block.replace(' highlighter-rouge"', f' {html.escape(attrs.pop("class"))} highlighter-rouge"', 1)
                end = block.index(">")
            block = with_attrs(block[:end], attrs) + block[end:]
        return block
