"""kramdown's typography (smart_quotes.rb, typographic_syms.rb) redone on cmark's smart output.

cmark-gfm's smart punctuation decides a quote's direction by CommonMark's flanking rules and
spreads a run of hyphens evenly over dashes; kramdown decides by the character before the quote
and the text after it, and reads hyphens from the left. Every curly quote cmark wrote came from a
straight one (the author's own curly quotes are hidden from it, see `hide_curly`), so each one
is decided again here with kramdown's rules, from the HTML around it.
"""
from __future__ import annotations

import html
import re
from types import MappingProxyType

from .scan import inside

from .quoteruns import quote_pair

_CURLY = "‘’“”"
_HIDDEN = "\ue011\ue012\ue013\ue014"  # the author's own curly quotes while cmark runs


def _curly_positions(body: str) -> list:
    """Where the curly quotes are, in order (str.find per quote: a regex class scans each character)."""
    found = []
    for quote in _CURLY:
        k = body.find(quote)
        while k >= 0:
            found.append(k)
            k = body.find(quote, k + 1)
    found.sort()
    return found


_CODE_LIKE = re.compile(r"<(code|pre|script|style|kbd|samp)\b", re.I)  # to its close tag (_code_spans)
_CODE_LIKE_CLOSE = MappingProxyType({name: re.compile(rf"</{name}\s*>", re.I)
                                     for name in ("code", "pre", "script", "style", "kbd", "samp")})
_ENTITY_CHAR = MappingProxyType({"&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"'})
_LAST_ENTITY = re.compile(r"&(?:lt|gt|amp|quot);\Z")
_SQ_PUNCT = "!\"#$%'()*+,-./:;<=>?@[\\]^_`{|}~"  # kramdown's SQ_PUNCT: no `&`
_NO_CLOSE = " \\\t\r\n[{(-"
_DECADE = re.compile(r"\d\ds")
_BLOCK_ENDS = ("p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote")
# kramdown reads the content of an HTML element in a paragraph as raw text (no markdown, no
# typography) unless HTML_CONTENT_MODEL says block or span. Elements cmark and this renderer write
# themselves (tables, lists, code) are not the author's: those named here are not taken as raw.
_KNOWN_HTML = frozenset("""address applet article aside blockquote body dd details div dl fieldset figure figcaption
    footer form header hgroup iframe li main map menu nav noscript object section summary td
    a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label legend
    optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt
    area base br col command embed hr img input keygen link meta param source track wbr
    table thead tbody tfoot tr colgroup ul ol pre code script style html head title picture video audio
    canvas svg time data output progress meter template slot dialog""".split())


_TAG_OPEN = re.compile(r"<([A-Za-z][\w-]*)")
_BLOCK_END_NAMES = "|".join(_BLOCK_ENDS)


_DASH_RUN = re.compile("[–—]{2,}")


def replace_each(text: str, olds, news) -> str:
    """Each of `olds` (characters or strings) replaced by its counterpart in `news`, in order; one
    that is absent costs a test, not a copy (str.replace is 20x faster than translate here)."""
    for old, new in zip(olds, news):
        if old in text:
            text = text.replace(old, new)
    return text


def hide_curly(text: str) -> str:
    text = replace_each(text, _CURLY, _HIDDEN)
    if "&" in text and ("quo;" in text or "&#8" in text or "&#x" in text or "&#X" in text):  # (a curly quote's entity is the author's too)
        text = _hidden_quote_entities(text)
    return text


_QUOTE_ENTITY = re.compile(r"&(?:([lr])(s|d)quo|#(8216|8217|8220|8221)|#[xX](201[89cdCD]));")
_ENTITY_HIDDEN = {"ls": _HIDDEN[0], "rs": _HIDDEN[1], "ld": _HIDDEN[2], "rd": _HIDDEN[3], "8216": _HIDDEN[0],
                  "8217": _HIDDEN[1], "8220": _HIDDEN[2], "8221": _HIDDEN[3], "2018": _HIDDEN[0], "2019": _HIDDEN[1],
                  "201c": _HIDDEN[2], "201d": _HIDDEN[3]}


def _hidden_quote_entities(text: str) -> str:
    """Each curly-quote entity outside code written as its hidden quote: cmark writes it as the
    character, which the smart-quote passes would take for one of its own and turn."""
    if _QUOTE_ENTITY.search(text) is None:
        return text
    from .fences import fenced_lines
    code = fenced_lines(text)

    def hide(part: str) -> str:
        return _QUOTE_ENTITY.sub(lambda m: _ENTITY_HIDDEN[(m.group(1) + m.group(2)) if m.group(1)
                                                          else (m.group(3) or m.group(4).lower())], part)
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if "&" in line and n + 1 not in code and _QUOTE_ENTITY.search(line):
            lines[n] = outside_code_spans(line, hide)
    return "\n".join(lines)


def show_curly(body: str) -> str:
    return replace_each(body, _HIDDEN, _CURLY)


def kramdown_dashes(body: str) -> str:
    """cmark spreads n hyphens evenly over en and em dashes; kramdown reads them from the left:
    `---` an em dash, then `--` an en dash, a last `-` as it is ("----" gives "—-")."""
    if "––" not in body:  # only n % 3 == 1 differs, and cmark writes two en dashes for it
        return body
    return _DASH_RUN.sub(_dashes, body)


def _dashes(m) -> str:
    n = 2 * m.group(0).count("–") + 3 * m.group(0).count("—")
    return "—" * (n // 3) + ("", "-", "–")[n % 3]


def kramdown_quotes(body: str, source: str = "") -> str:
    """Each curly quote in the text (not in tags, not in code) set as kramdown's SQ_RULES set it;
    in an element of kramdown's raw content model it is straight again. Quote by quote, from the
    HTML around it (regexes find the few places to look at: this is on every page's path), and
    from the markdown `source` where the HTML cannot tell (an entity the author wrote)."""
    if not any(c in body for c in _CURLY):
        return body
    code = raw = None
    out, pos, paired = [], 0, {}
    for k in _curly_positions(body):
        if body.rfind("<", 0, k) > body.rfind(">", 0, k):
            continue  # in a tag (an attribute value)
        if code is None:
            code = _code_spans(body) if "<" in body else []
            raw = _raw_spans(body)
        if code and inside(code, k):
            continue
        ch = body[k]
        single = ch in "‘’"
        if raw and inside(raw, k):
            new = "'" if single else '"'
        else:
            after = _text_after(body, k)
            if source and body.startswith(_ESCAPED, k + 1) and _entity_written(body, k, source, single):
                after = "&"  # kramdown reads `"&gt;` in the source: `&`, no punctuation
            elif source and after[:1] in ("*", "_") and _escape_written(body, k, source, single):
                after = "\\" + after  # kramdown reads `"\*` in the source: no emphasis mark after it
            elif after[:1] == "*" and source and _underscore_emphasis(source, single):
                after = "_" + after[1:]  # (the emphasis tag after it was written with `_`)
            before = _char_before(body, k, source, single)
            if source and before and before in _SQ_PUNCT and _escaped_before(before, source, single):
                before = None  # (the escape's parser took the character: the quote starts the scan)
            if k in paired:
                new = paired.pop(k)
            elif before is None and k + 1 < len(body) and body[k + 1] in _CURLY:  # (two in a row: quoteruns)
                new, second = quote_pair(ch, body[k + 1], _text_after(body, k + 1))
                if second is not None:
                    paired[k + 1] = second
            else:
                left = _opens(before, after, single)
                new = ("‘" if left else "’") if single else ("“" if left else "”")
        if new != ch:
            out.append(body[pos:k])
            out.append(new)
            pos = k + 1
    if not out:
        return body
    out.append(body[pos:])
    return "".join(out)


_ESCAPED = ("&lt;", "&gt;", "&quot;")


def _escaped_before(before: str, source: str, single: bool) -> bool:
    """Whether the punctuation before a quote is, wherever the source has the pair, a backslash
    escape (`\\*"`): kramdown's escaped-character parser takes it, and SQ_RULES see no
    character before the quote."""
    pair = before + ("'" if single else '"')
    return "\\" + pair in source and source.count(pair) == source.count("\\" + pair)


def _escape_written(body: str, k: int, source: str, single: bool) -> bool:
    """Whether the `*` or `_` after the quote at `k` is the author's backslash escape (`"\\*"`),
    which SQ_RULES read as punctuation, not as an emphasis mark (the HTML does not tell)."""
    end = k + 1
    while end < len(body) and end < k + 8 and body[end] not in "<&\n" and body[end] not in _CURLY:
        end += 1
    context = body[k + 1:end]
    quote = "'" if single else '"'
    return (quote + "\\" + context) in source and (quote + context) not in source


def _entity_written(body: str, k: int, source: str, single: bool) -> bool:
    """Whether the author wrote the entity after the quote at `k` (`"&gt;`) rather than the
    character cmark escaped (`">`), which the HTML does not tell: the source has the quote and
    what follows it (to 6 characters after the entity) as written in the HTML, not unescaped."""
    semi = body.find(";", k + 1)
    context = body[k + 1:semi + 7]
    cut = next((i for i in range(semi - k, len(context)) if context[i] in "<&" or context[i] in _CURLY), len(context))
    context = ("'" if single else '"') + context[:cut]
    return context in source and html.unescape(context) not in source


def _code_spans(body: str) -> list:
    """(start, end) of each code-like element, from its open tag to its close tag (searched for,
    not matched lazily character by character); an open tag without one is none."""
    spans, pos = [], 0
    while True:
        m = _CODE_LIKE.search(body, pos)
        if m is None:
            return spans
        close = (_CODE_LIKE_CLOSE.get(m.group(1).lower())  # (or a name re.I took for one: `ſtyle`)
                 or re.compile(rf"</{m.group(1)}\s*>", re.I)).search(body, m.end())
        if close is None:  # (no close tag: not one; the next open tag may be)
            pos = m.start() + 1
            continue
        spans.append((m.start(), close.end()))
        pos = close.end()


def _raw_spans(body: str) -> list:
    """(start, end) of the author's elements of the raw content model: to their end tag or the
    end of the block they stand in."""
    unknown = {name for name in set(_TAG_OPEN.findall(body)) if name.lower() not in _KNOWN_HTML}
    if not unknown:
        return []
    spans = []
    opens = re.compile(r"<(%s)(?:\s[^>]*)?(?<!/)>" % "|".join(map(re.escape, unknown)))
    for m in opens.finditer(body):
        close = re.compile(rf"</(?:{re.escape(m.group(1))}|{_BLOCK_END_NAMES})\s*>", re.I).search(body, m.end())
        spans.append((m.end(), close.start() if close else len(body)))
    return spans


# the characters of kramdown's typographic symbol elements (`--`, `---`, `...`, `<<`, `>>`) and the
# markdown they stand for; the author's own characters are hidden while quotes are set
# (renderer: typosyms.hide_symbols), so each of these in the HTML is an element, after which a
# quote starts a new text (nothing before it), and whose markdown is what SQ_RULES look ahead at
AUTHOR_SYMBOLS = "\u2014\u2013\u2026\u00ab\u00bb"  # (typosyms hides them: they are the author's)
SYMBOL_SOURCE = MappingProxyType({"\u2013": "--", "\u2014": "---", "\u2026": "...", "\u00ab": "<<", "\u00bb": ">>"})


# a character that a span parser before smart_quotes takes at the quote's left as text when it
# makes nothing of it (link's `[`, emphasis's `*` and `_`, codespan's backtick): SQ_RULES then
# start at the quote
_TAKEN = frozenset("[*_`")


def _char_before(body: str, k: int, source: str = "", single: bool = False):
    """The character before the quote in the same text run; None right after a tag (kramdown:
    the quote starts the text after an element), a quote, a typographic symbol or a line mark,
    and after what kramdown reads as an element of its own where the HTML shows a character: an
    entity or an escaped quote (cmark's straight quotes are only those), an entity the source
    writes right before the quote (`&amp;"`), a raw span's or math's marker."""
    if k == 0:
        return None
    prev = body[k - 1]
    if prev == ">" or prev in _CURLY or prev == "\u2e2e" or prev in SYMBOL_SOURCE or prev in _TAKEN \
            or prev in _ELEMENT_QUOTES:
        return None
    if prev == "\u00a0" and body[k - 2:k - 1] == "\u00ab":  # (`<< `: the symbol takes the space)
        return None
    if prev == ";":
        entity = _LAST_ENTITY.search(body, max(0, k - 6), k)
        if entity:
            char, quote = _ENTITY_CHAR[entity.group(0)], "'" if single else '"'
            if source and entity.group(0) + quote in source and char + quote not in source:
                return None
            return char
    if prev.isdigit() and _RAW_MARK_END.search(body, max(0, k - 24), k):  # (<kbd>K</kbd>, put back later)
        return None
    if prev == ")" and body[k - 2:k - 1] == "\\" and "specsite-math-" in source:  # (math written `\(x\)`)
        return None
    return prev


_ELEMENT_QUOTES = frozenset("'\"\ue031")  # (quote_entity.HIDDEN: a `&quot;` or `\"` while cmark ran)
_RAW_MARK_END = re.compile(r"specsite-rawspan-\d+\Z")


def _text_after(body: str, k: int) -> str:
    """A few characters of what follows the quote as kramdown's source has them: markup that
    cmark turned into tags stands for its markdown (`*` for emphasis, a backtick for code)."""
    end = body.find("<", k + 1)
    rest = body[k + 1:(end if end >= 0 else len(body))][:24]
    if rest:
        for name, char in _ENTITY_CHAR.items():
            rest = rest.replace(name, char)
        rest = rest.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")[:4]
        if any(c in SYMBOL_SOURCE for c in rest):
            rest = "".join(SYMBOL_SOURCE.get(c, c) for c in rest)[:4]
        return rest
    if end < 0:
        return ""
    tag_end = body.find(">", end)
    following = body[end:tag_end + 1] if tag_end >= 0 else body[end:]
    after_tag = body[tag_end + 1:tag_end + 3] if tag_end >= 0 else ""
    if after_tag.startswith("<"):
        after_tag = ""
    name = re.match(r"</?([A-Za-z0-9]*)", following)
    tag = name.group(1).lower() if name else ""
    if tag in ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "div", "blockquote"):
        return "" if following.startswith("</") else "<"
    if tag in ("em", "strong", "del"):
        return "*" + after_tag
    if tag == "code":
        return "`" + after_tag
    if tag == "img":
        return "!["
    if tag == "a" and not following.startswith("</"):
        return "[" + after_tag
    if tag == "a":
        return "]("
    if following == "<br />" and after_tag.startswith("\n"):
        return "\n"  # cmark's hard line break (the author wrote spaces and a line end)
    return following[:2]


def _underscore_emphasis(source: str, single: bool) -> bool:
    """Whether the source writes its emphasis next to this kind of quote with `_` only (`_"x"_`):
    the `<em>` cmark made stands for `_`, a word character to SQ_RULES' `\\B`."""
    quote = "'" if single else '"'
    return (quote + "_" in source or "_" + quote in source) and quote + "*" not in source and "*" + quote not in source


def _opens(before, after: str, single: bool) -> bool:
    """kramdown's SQ_RULES, in their order, for one quote."""
    if before is None:
        if re.match(r"[_*]{1,2}\S", after):
            return True
        if after[:1] and after[0] in _SQ_PUNCT and not after[1:3] == ".." and \
                (after[0] == "_") == (len(after) > 1 and (after[1].isalnum() or after[1] == "_")):
            return False  # (`\B` after the punctuation: `_` is a word character, the others are not)
        if single and _DECADE.match(after):
            return False
        if not after or after[0] in _RUBY_SPACE or re.match(r"s\b", after):
            return False
        return True
    if before in _RUBY_SPACE:
        return not (single and _DECADE.match(after))
    return before in _NO_CLOSE


_RUBY_SPACE = " \t\n\r\f\v"  # Ruby's \s: ASCII only (a hair space or no-break space is none)


_TICKS = re.compile(r"(?<!\\)`+")
LONE_TICK = "&#0096;"  # a lone backtick kramdown reads as text (an entity no author writes so)
_ASCII_PUNCT = re.compile(r"[!-/:-@\[-`{-~]")  # what a backslash escapes for cmark


def kramdown_code_spans(line: str) -> str:
    """The line's code spans as kramdown's codespan.rb finds them, written so that cmark reads
    the same: a lone backtick between spaces is text, a span ends at the first run of its own
    length (also inside a longer run). A span that does not close on its line is left to cmark."""
    if _as_written(line):
        return line
    out, pos = [], 0
    while True:
        m = _TICKS.search(line, pos)
        if not m:
            break
        run = m.group(0)
        out.append(line[pos:m.start()])
        single = len(run) == 1
        before = line[m.start() - 1] if m.start() else " "
        after = line[m.end():m.end() + 1]
        if single and before in _RUBY_SPACE and (after and after in _RUBY_SPACE or (
                m.end() == len(line) and not line[:1].isspace())):  # (a line break after: at the margin only,
            # where no list item's fence can hold the line, which the line rules do not see as code)
            out.append(LONE_TICK)  # (text to cmark; a table row's split knows it: tables._split_cells)
            pos = m.end()
            continue
        close = line.find(run, m.end())
        if close < 0:  # perhaps closed on a later line of the paragraph: cmark's reading from here
            glued = not line[pos:m.start()] and len(out) > 1 and out[-2].endswith("`")  # (out[-1]: that "")
            out.append(("\\`" * len(run) + line[m.end():]) if glued else line[m.start():])
            return "".join(out)
        content = line[m.end():close]
        if not single:
            content = content[1:] if content.startswith(" ") else content
            content = content[:-1] if content.endswith(" ") else content
        pos = close + len(run)
        if line[pos:pos + 1] == "`" or (out and out[-1].endswith("`")):
            # a span right before or after another one (`a``b`: `a` then `b`): backtick fences
            # would run together for cmark, so the span is written as the HTML cmark makes of one
            out.append("<code>" + _ASCII_PUNCT.sub(r"\\\g<0>", content) + "</code>")  # (markdown between the tags)
        else:
            out.append(_cmark_code_span(content))
    if not out:
        return line
    out.append(line[pos:])
    return "".join(out)


# a code span _as_written takes (content that starts with no blank, no `` `` `` run: group 1), else a
# backtick run to its line's end (group 2: a fence line, or a span kramdown_code_spans may rewrite)
_SPAN_OR_RUN = re.compile(r"`(?:([^`\s][^`\n]*+)`(?!`)|(`*+)[^\n]*+)")


def code_spans_as_written(text: str) -> bool:
    """Whether kramdown_code_spans leaves every line of `text` (but fence lines, which preprocess
    never gives it) as it is: one scan from backtick to backtick instead of a call per line (most
    pages: `name` spans only). The spans pair up line by line, as the per-line split does, since
    no content runs over a line end. False when unsure."""
    if "\\" in text and "\\`" in text:
        return False
    for m in _SPAN_OR_RUN.finditer(text):
        if m.group(1) is None:  # (a fence line: up to 3 spaces, then 3 backticks or more)
            start = m.start()
            lead = text[text.rfind("\n", 0, start) + 1:start]
            if len(m.group(2)) < 2 or len(lead) > 3 or lead.strip(" "):
                return False
    return True


def _as_written(line: str) -> bool:
    """Whether cmark reads every code span of the line as kramdown does already (most lines: single
    unescaped backticks in pairs, no span padded with spaces on both sides, no lone backtick
    between spaces), so that the line needs no rewriting."""
    if "``" in line or "\\`" in line:
        return False
    parts = line.split("`")
    if len(parts) % 2 == 0:
        return False  # a span left open
    for k in range(1, len(parts), 2):
        content, before = parts[k], parts[k - 1][-1:] or ("`" if k > 1 else " ")
        if (before.isspace() and content[:1].isspace()) or \
                (content[:1] == " " and content[-1:] == " " and content.strip()):
            return False
    return True


def _cmark_code_span(content: str) -> str:
    """A code span that cmark reads as exactly `content`."""
    longest = max((len(r) for r in re.findall("`+", content)), default=0)
    fence = "`" * (longest + 1)
    if content.startswith("`") or content.endswith("`") or \
            (content.startswith(" ") and content.endswith(" ") and content.strip()):
        return f"{fence} {content} {fence}"
    return f"{fence}{content}{fence}"


_CODE_SPAN = re.compile(r"(`+).*?(?<!`)\1(?!`)")


def outside_code_spans(line: str, change) -> str:
    """The line with `change` applied to each piece of it between code spans."""
    out, pos = [], 0
    for m in _CODE_SPAN.finditer(line):
        out += [change(line[pos:m.start()]), m.group(0)]
        pos = m.end()
    return "".join(out) + change(line[pos:])


# kramdown 2.4's parse_emphasis takes a `_` for text after a letter and a `-` (pre_match =~
# /[[:alpha:]]-?[[:alpha:]]*\z/): `latest-_codename_` has no emphasis; cmark opens one there
LETTER_DASH_UNDERSCORE = re.compile(r"(?<=[^\W\d_]-)_+(?=\S)")


def letter_dash_underscores(line: str) -> str:
    """The line with each such `_` run escaped (not in a code span or a tag)."""
    def escape(part: str) -> str:
        def one(m):
            if part.rfind("<", 0, m.start()) > part.rfind(">", 0, m.start()):
                return m.group(0)  # (inside a tag: an attribute's value)
            return "\\_" * len(m.group(0))
        return LETTER_DASH_UNDERSCORE.sub(one, part)
    return outside_code_spans(line, escape)
