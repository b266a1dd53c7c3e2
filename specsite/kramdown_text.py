"""kramdown's typography (smart_quotes.rb, typographic_syms.rb) redone on cmark's smart output.

cmark-gfm's smart punctuation decides a quote's direction by CommonMark's flanking rules and
spreads a run of hyphens evenly over dashes; kramdown decides by the character before the quote
and the text after it, and reads hyphens from the left. Every curly quote cmark wrote came from a
straight one (the author's own curly quotes are hidden from it, see `hide_curly`), so each one
is decided again here with kramdown's rules, from the HTML around it.
"""
from __future__ import annotations

import re

_CURLY = "‘’“”"
_HIDDEN = "\ue011\ue012\ue013\ue014"  # the author's own curly quotes while cmark runs
_HIDE = str.maketrans(_CURLY, _HIDDEN)
_SHOW = str.maketrans(_HIDDEN, _CURLY)
_TOKEN = re.compile(r"<[^>]*>|[^<]+")
_RAW_ELEMENTS = re.compile(r"<(code|pre|script|style|kbd|samp)\b", re.I)
_ENTITY_CHAR = {"&lt;": "<", "&gt;": ">", "&amp;": "&", "&quot;": '"'}
_LAST_ENTITY = re.compile(r"&(?:lt|gt|amp|quot);\Z")
_SQ_PUNCT = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
_NO_CLOSE = " \\\t\r\n[{(-"
_DECADE = re.compile(r"\d\ds")
_TAG_NAME = re.compile(r"</?([A-Za-z][\w-]*)")
_BLOCK_ENDS = ("p", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote")
# kramdown reads the content of an HTML element in a paragraph as raw text (no markdown, no
# typography) unless HTML_CONTENT_MODEL says block or span; the elements cmark and this renderer
# write themselves (tables, lists, code) are not the author's, so only these count as raw:
_RAW_MODEL = {"u", "s", "mark", "font", "strike", "center", "var", "kbd", "samp", "math", "textarea",
              "option", "ss-raw-code"}
_KNOWN_HTML = set("""address applet article aside blockquote body dd details div dl fieldset figure figcaption
    footer form header hgroup iframe li main map menu nav noscript object section summary td
    a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label legend
    optgroup p q rb rbc rp rt rtc ruby select small span strong sub sup th tt
    area base br col command embed hr img input keygen link meta param source track wbr
    table thead tbody tfoot tr colgroup ul ol pre code script style html head title picture video audio
    canvas svg time data output progress meter template slot dialog""".split())


def _raw_model(tag: str) -> bool:
    return tag in _RAW_MODEL or tag not in _KNOWN_HTML


_DASH_RUN = re.compile("[–—]{2,}")


def hide_curly(text: str) -> str:
    return text.translate(_HIDE) if any(c in text for c in _CURLY) else text


def show_curly(body: str) -> str:
    return body.translate(_SHOW) if any(c in body for c in _HIDDEN) else body


def kramdown_dashes(body: str) -> str:
    """cmark spreads n hyphens evenly over en and em dashes; kramdown reads them from the left:
    `---` an em dash, then `--` an en dash, a last `-` as it is ("----" gives "—-")."""
    if "––" not in body:  # only n % 3 == 1 differs, and cmark writes two en dashes for it
        return body
    return _DASH_RUN.sub(_dashes, body)


def _dashes(m) -> str:
    n = 2 * m.group(0).count("–") + 3 * m.group(0).count("—")
    return "—" * (n // 3) + ("", "-", "–")[n % 3]


def kramdown_quotes(body: str) -> str:
    """Each curly quote in the text (not in tags, not in code) set as kramdown's SQ_RULES set it."""
    if not any(c in body for c in _CURLY):
        return body
    tokens = _TOKEN.findall(body)
    raw_depth, raw_tag = 0, None
    for t, token in enumerate(tokens):
        if token.startswith("<"):
            if raw_tag:  # kramdown: an element of the raw content model runs to its end tag or the block's end
                name = _TAG_NAME.match(token)
                if name and token.startswith("</") and name.group(1).lower() in (raw_tag, *_BLOCK_ENDS):
                    raw_tag = None
            elif _RAW_ELEMENTS.match(token):
                raw_depth += 1
            elif raw_depth and re.match(r"</(code|pre|script|style|kbd|samp)\b", token, re.I):
                raw_depth -= 1
            elif not raw_depth:
                name = _TAG_NAME.match(token)
                if name and not token.startswith("</") and not token.endswith("/>") \
                        and _raw_model(name.group(1).lower()):
                    raw_tag = name.group(1).lower()
            continue
        if raw_tag:
            if any(c in token for c in _CURLY):
                tokens[t] = token.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
            continue
        if raw_depth or not any(c in token for c in _CURLY):
            continue
        chars = list(token)
        for k, ch in enumerate(chars):
            if ch not in _CURLY:
                continue
            single = ch in "‘’"
            before = _char_before(token, k)
            after = _text_after(tokens, t, token, k)
            left = _opens(before, after, single)
            chars[k] = ("‘" if left else "’") if single else ("“" if left else "”")
        tokens[t] = "".join(chars)
    return "".join(tokens)


def _char_before(token: str, k: int):
    """The character before the quote in the same text run; None right after a tag (kramdown:
    the quote starts the text after an element)."""
    if k == 0 or token[k - 1] in _CURLY or token[k - 1] == "\u2e2e":  # after a tag, a quote, a line mark
        return None
    entity = _LAST_ENTITY.search(token, 0, k)
    return _ENTITY_CHAR[entity.group(0)] if entity else token[k - 1]


def _text_after(tokens: list, t: int, token: str, k: int) -> str:
    """A few characters of what follows the quote as kramdown's source has them: markup that
    cmark turned into tags stands for its markdown (`*` for emphasis, a backtick for code)."""
    rest = token[k + 1:]
    for name, char in _ENTITY_CHAR.items():
        rest = rest.replace(name, char)
    rest = rest.replace("“", '"').replace("”", '"').replace("‘", "'").replace("’", "'")
    if rest:
        return rest[:4]
    following = tokens[t + 1] if t + 1 < len(tokens) else ""
    after_tag = tokens[t + 2][:2] if t + 2 < len(tokens) and not tokens[t + 2].startswith("<") else ""
    if not following:
        return ""
    name = re.match(r"</?([A-Za-z0-9]*)", following)
    tag = name.group(1).lower() if name else ""
    if tag in ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "div", "blockquote"):
        return "" if following.startswith("</") else "<"
    if tag in ("em", "strong", "del"):
        return "*" + after_tag
    if tag == "code":
        return "`" + after_tag
    if tag == "a" and not following.startswith("</"):
        return "[" + after_tag
    if tag == "a":
        return "]("
    if following == "<br />" and after_tag.startswith("\n"):
        return "\n"  # cmark's hard line break (the author wrote spaces and a line end)
    return following[:2]


def _opens(before, after: str, single: bool) -> bool:
    """kramdown's SQ_RULES, in their order, for one quote."""
    if before is None:
        if re.match(r"[_*]{1,2}\S", after):
            return True
        if after[:1] and after[0] in _SQ_PUNCT and not after[1:3] == ".." and \
                not (len(after) > 1 and (after[1].isalnum() or after[1] == "_")):
            return False
        if single and _DECADE.match(after):
            return False
        if not after or after[0].isspace() or re.match(r"s\b", after):
            return False
        return True
    if before.isspace():
        return not (single and _DECADE.match(after))
    return before in _NO_CLOSE


_TICKS = re.compile(r"(?<!\\)`+")


def kramdown_code_spans(line: str) -> str:
    """The line's code spans as kramdown's codespan.rb finds them, written so that cmark reads
    the same: a lone backtick between spaces is text, a span ends at the first run of its own
    length (also inside a longer run). A span that does not close on its line is left to cmark."""
    out, pos = [], 0
    while True:
        m = _TICKS.search(line, pos)
        if not m:
            break
        run = m.group(0)
        out.append(line[pos:m.start()])
        single = len(run) == 1
        before = line[m.start() - 1] if m.start() else " "
        if single and before.isspace() and line[m.end():m.end() + 1].isspace():
            out.append("\\`")
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
        out.append(_cmark_code_span(content))
        pos = close + len(run)
    if not out:
        return line
    out.append(line[pos:])
    return "".join(out)


def _cmark_code_span(content: str) -> str:
    """A code span that cmark reads as exactly `content`."""
    longest = max((len(r) for r in re.findall("`+", content)), default=0)
    fence = "`" * (longest + 1)
    if content.startswith("`") or content.endswith("`") or \
            (content.startswith(" ") and content.endswith(" ") and content.strip()):
        return f"{fence} {content} {fence}"
    return f"{fence}{content}{fence}"
