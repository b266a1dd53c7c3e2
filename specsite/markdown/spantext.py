"""kramdown's readings of span text that cmark reads otherwise, applied to the text cmark reads
(after the blocks are lifted), outside code, HTML blocks and tags, link URLs and blockquote
markers:

- typographic `<<` and `>>` (parser/kramdown/typographic_symbol.rb): `<<` is «, `>>` is »,
  `<< ` is « and a no-break space, ` >>` a no-break space and », `\\<<` and `\\>>` stay
  `&lt;&lt;` / `&gt;&gt;`. kramdown reads them before an HTML tag could start, so `<<x>>` is «x»
  (cmark would read `<x>` as a tag);
- `&#X41;`: kramdown's numeric entity is `&#x` in lower case (html_entity.rb), so `&#X` is text
  (`&amp;#X41;`); cmark reads the character;
- backslash escapes: kramdown (GFM parser) escapes only ``\\ . * _ + ` < > ( ) [ ] { } # ! : | " '
  $ = - ~``; `\\&`, `\\/`, `\\@` … keep their backslash (cmark drops it): it is doubled for cmark."""
from __future__ import annotations

from ..lazy_re import LazyPattern
from .fences import fenced_lines
from .rawhtml import text_led

# leftmost first, as kramdown's TYPOGRAPHIC_SYMS_RE; what must stay as written is matched too
_TOKEN = LazyPattern(r"\\[\\<>]|\\[%&,/;?@^]|<< | >>|<<|>>|&#X|(`+).*?(?<!`)\1(?!`)|<!--.*?-->|<[A-Za-z/!?][^<>]*>"
                     r"|\]\([^)]*\)")
_SUBST = {"<< ": "\u00ab\u00a0", " >>": "\u00a0\u00bb", "<<": "\u00ab", ">>": "\u00bb", "&#X": "&amp;#X",
          **{f"\\{c}": f"\\\\{c}" for c in "%&,/;?@^"}}
_ESCAPES = {k: v for k, v in _SUBST.items() if k.startswith(("\\", "&"))}  # (gfm_quirks no_auto_typographic)
_ODD_ESCAPE = LazyPattern(r"\\[%&,/;?@^]")
_QUOTE_MARKERS = LazyPattern(r"^(?: {0,3}>[ ]?)+")
_HTML_BLOCK = LazyPattern(r"^ {0,3}<[A-Za-z/!?]")


def _candidate(text: str) -> bool:
    return "<<" in text or ">>" in text or ("\\" in text and _ODD_ESCAPE.search(text) is not None) or "&#X" in text


def kramdown_span_text(text: str, symbols: bool = True) -> str:
    """`symbols` false (gfm_quirks' no_auto_typographic): `<<` and `>>` stay as written, so that
    `<<x>>` holds a tag `<x>` as kramdown without its typographic_syms parser reads it."""
    if not _candidate(text):
        return text
    lines = text.split("\n")
    code = fenced_lines(text)
    in_html = False
    for i, line in enumerate(lines):
        if not line.strip():
            in_html = False
            continue
        if in_html or i + 1 in code:
            continue
        if _HTML_BLOCK.match(line) and (i == 0 or not lines[i - 1].strip()) and not text_led(line):
            # (a span element's tag, as the <em>/<strong> pairing.kramdown_stars writes, or an autolink:
            # paragraph text)
            in_html = True  # cmark's HTML block: as written up to a blank line, as kramdown's raw HTML
            continue
        if not _candidate(line):
            continue
        markers = _QUOTE_MARKERS.match(line)
        start = markers.end() if markers else 0
        subst = _SUBST if symbols else _ESCAPES
        lines[i] = line[:start] + _TOKEN.sub(lambda m: subst.get(m.group(0), m.group(0)), line[start:])
    return "\n".join(lines)
