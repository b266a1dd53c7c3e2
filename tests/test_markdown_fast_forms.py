"""Faster forms of markdown-stage steps give what their plain forms give (the plain form kept
here, compared on random texts built from the characters each one reads)."""
import random
import re

from specsite.markdown.fences import fenced_lines
from specsite.markdown.tablehtml import unwrap_p


def _texts(pieces, count, most, seed):
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(pieces) for _ in range(rng.randint(0, most)))


def _indented_code_line_by_line(text: str, lines: set) -> set:
    """fenced_lines' indented code as it was read, line by line: an indented line is code when
    the line before it is blank, fenced or code (the first line: as after a blank line, a
    document's first block)."""
    lines = set(lines)
    for number, line in enumerate(text.split("\n"), start=1):
        if line.startswith(("    ", "\t")):
            before = text.split("\n")[number - 2] if number > 1 else ""
            if number - 1 in lines or not before.strip():
                lines.add(number)
    return lines


def test_fenced_lines_indented_runs_as_line_by_line():
    pieces = ["\n", "    ", "\t", "  ", "x", "```", "~~~", "\u00a0", " ", "\n\n", "    code\n", "\r"]
    for text in _texts(pieces, 20000, 14, 11):
        assert fenced_lines(text) == _indented_code_line_by_line(text, fenced_lines(text, indented=False)), repr(text)
    assert fenced_lines("a\n\n    code\n    more\nx\n    not") == {3, 4}
    assert fenced_lines("a\n    not\n    \n    code") == {4}
    assert fenced_lines("    code\n    more\nx") == {1, 2}


def test_unwrap_p_as_its_regex():
    wrap = re.compile(r"\A<p[^>]*>|</p>\Z")
    pieces = ["<p", ">", "</p>", "<p>", " ", "\n", "x", "<pre>", "</", "p", '<p class="a">', "</p>\n"]
    for text in _texts(pieces, 30000, 7, 12):
        assert unwrap_p(text) == wrap.sub("", text.strip()), repr(text)
    assert unwrap_p('\n<p data-sourcepos="1:1-1:3">x</p>\n') == "x" and unwrap_p("<p</p>") == ""


def test_span_ial_pattern_as_its_plain_form():
    """fixups._SPAN_IAL reads an element's content possessively, as runs of non-`<`: the same
    matches as the plain `(?:(?!</\\2>).)*` (no shorter content ends at a close tag); and
    span_ials returns early only where no match can end (`>{:`)."""
    from specsite.markdown.fixups import _SPAN_IAL, span_ials
    plain = re.compile(r"(<(a|em|strong|del|code)\b[^>]*)(>(?:(?!</\2>).)*</\2>)\{:([^}\n]*)\}"
                       r"|(<img\b[^>]*?)(\s*/?>)\{:([^}\n]*)\}", re.S)
    pieces = ["<a", ' href="x"', ">", "</a>", "{:", "}", ".c", "<em>", "</em>", "<img src=x", "/>", "<", "x",
              "\n", "</", "<code>", "</code>", "<abbr>", " ", "<a>", "</a>{:.d}"]
    for text in _texts(pieces, 30000, 10, 13):
        assert [(m.span(), m.groups()) for m in _SPAN_IAL.finditer(text)] == \
            [(m.span(), m.groups()) for m in plain.finditer(text)], repr(text)
        if ">{:" not in text:
            assert not plain.search(text) and span_ials(text) == text
    assert span_ials('<a href="x">y</a>{:target="_blank"}') == '<a href="x" target="_blank">y</a>'


def test_tag_line_matches_as_finditer():
    """taglines.tag_line_matches gives the matches finditer gives, for each `^ {0,3}<` pattern it
    stands in for (matches over several lines included)."""
    from specsite.markdown.islands import _LONE_TAG
    from specsite.markdown.kramdown_ext import _RAW_START, _TAG_LINE
    from specsite.markdown.rawhtml import CMARK_ONLY_TAG, OTHER_BLOCK_HTML
    from specsite.markdown.taglines import first_tag_line, tag_line_matches
    pieces = ["\n", " ", "   ", "<", "<div", ">", "<span", " a=b", ' x="1"', "/>", "</div>", "\t", "x", "<P",
              "\n\n", "<x-y", " class='c\n'", "<!--"]
    patterns = [_LONE_TAG, _RAW_START, _TAG_LINE, CMARK_ONLY_TAG, OTHER_BLOCK_HTML]
    for text in _texts(pieces, 20000, 12, 14):
        for pattern in patterns:
            expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
            assert [(m.span(), m.groups()) for m in tag_line_matches(pattern.match, text)] == expected, (pattern, text)
            first = first_tag_line(pattern.match, text)
            assert (first.span() if first else None) == (expected[0][0] if expected else None)


def _same_matches(fast, plain: str, flags, pieces, seed, count=20000):
    plain = re.compile(plain, flags)
    for text in _texts(pieces, count, 12, seed):
        assert [(m.span(), m.groups()) for m in fast.finditer(text)] == \
            [(m.span(), m.groups()) for m in plain.finditer(text)], (fast.pattern, text)


def test_literal_led_patterns_as_their_plain_forms():
    """Patterns written to start with a literal (sre skips ahead to it; a look-behind, repeat or
    optional group first makes it try every character) find what their plain forms find."""
    from specsite.markdown import autolinks, fences, pairing, renderer, spacing
    _same_matches(spacing._TICKS, r"`+", 0, ["`", "``", "a", "\n", " "], 21)
    _same_matches(spacing._INDENT_MARK, r"(?:</div>)?<!--ss-ind-(\d+)-->", 0,
                  ["</div>", "<!--ss-ind-", "4", "-->", "<", "x", "</div", "<!--"], 22)
    _same_matches(re.compile(renderer._MULTILINE_CODE_SPAN.__self__.pattern), r"(?<![`\n])`+[^`\n]+\n[^`]*`", 0,
                  ["`", "``", "a", "\n", " ", "\n\n"], 23)
    _same_matches(renderer._CODE_TEXT, r"(<code(?:\s[^>]*)?>)(.*?</code>)", re.S,
                  ["<code>", "<code", ' class="x"', ">", "</code>", "<", "x", "\n", "</code", "</"], 24)
    _same_matches(autolinks.CMARK_AUTOLINK, r"(?<!\\)<(?!(?:mailto|https?|ftps?):)[A-Za-z][A-Za-z0-9.+-]{1,31}:[^\s<>]*>", 0,
                  ["\\", "<", "x", "URL", ":", ">", "http", " ", "a.b"], 25)
    _same_matches(pairing._OPENER, r"\*(?!\s)|(?<![^\W\d_])_(?!\s)", 0, ["*", "_", "a", " ", "1", "é", "\n"], 26)
    _same_matches(re.compile(r"<(?<!\\<)/div\s*>", re.I), r"(?<!\\)</div\s*>", re.I, ["\\", "</div>", "</DIV >", "<", "x"], 27)
    blank = re.compile(r"^[^\S\n]*\n", re.M)
    for sample in _texts(["    ", "\n", "\t", "x", " ", "\u00a0"], 20000, 10, 28):
        for start in {0, sample.find("\n") + 1}:
            fast = fences._BLANK_AT.match(sample, start, len(sample)) or fences._BLANK_IN_RUN.search(sample, start, len(sample))
            plain = blank.search(sample, start, len(sample))
            assert (fast.end() if fast else None) == (plain.end() if plain else None), repr(sample)


def test_tagforms_look_rules_out_only_tags_it_would_not_take():
    """tagforms._LOOK's first test (_COMMON_TAG) passes over tags none of its branches takes: the
    same matches as without it."""
    from specsite.markdown import tagforms
    plain = tagforms._LOOK.pattern.replace("<" + tagforms._COMMON_TAG, "<", 1)
    assert plain != tagforms._LOOK.pattern
    pieces = ["<", "</", "span", "td", "p", "br", "Span", "script", "style", "strong", "h2", ">", " />", "/>", "x",
              ' class="a"', " class=a", ' data-x="1"', " ", "\n", "<!--", "-->", "ss-verbatim-->", "<a", "</a>", "img",
              "i", "b", "abbr", "<span class=\"nt\">", "</span>", "<td>", "</td>", "<br>", "<TD>", "</P>", "&", '"']
    _same_matches(tagforms._LOOK, plain, re.S, pieces, 31, 40000)



def test_quote_entity_test_without_a_backslash_quote_as_the_whole_pattern():
    """hide_quote_entities asks _AMP_ENTITY (led by `&`) where the text has no `\\"`: then only
    _ENTITY's first branch can match, so both answer alike."""
    from specsite.markdown.quote_entity import _AMP_ENTITY, _ENTITY
    pieces = ["&", "quot;", "#34;", "#0034;", "#x22;", "#X022;", "\\", '"', "x", " ", "\n", "&amp;", ";"]
    for text in _texts(pieces, 20000, 10, 12):
        if '\\"' not in text:
            assert (_AMP_ENTITY.search(text) is None) == (_ENTITY.search(text) is None), repr(text)


def test_bullets_plain_heads_start_no_item_rule_or_fence():
    """kramdown_bullets passes over a line led (after its spaces and tabs) by a character of
    _PLAIN_HEADS without its three patterns: none of them matches such a line."""
    from specsite.markdown.bullets import _FENCE, _MARK, _PLAIN_HEADS, _RULE
    rest = ["", " ", "-", "*", "+", "1.", "```", "~~~", "x", "\t", " - -"]
    for lead in ("", " ", "   ", "    ", "\t", " \t"):
        for head in _PLAIN_HEADS:
            for tail in _texts(rest, 30, 4, ord(head)):
                line = lead + head + tail
                expanded = line.expandtabs(4)
                assert not (_MARK.match(expanded) or _RULE.match(expanded) or _FENCE.match(line)), repr(line)


def test_space_mark_as_its_pattern():
    """emphasis.space_mark answers as SPACE_MARK.search, which no ASCII line can satisfy."""
    from specsite.markdown.emphasis import SPACE_MARK, space_mark
    pieces = ["*", "_", "\u00a0", "\u3000", "\u2001", "\u202f", "a", " ", "\t", "\u00e9", "**"]
    for text in _texts(pieces, 30000, 8, 41):
        assert space_mark(text) == (SPACE_MARK.search(text) is not None), repr(text)


def test_kramdown_tag_kept_answers_as_its_pattern():
    """stray._kramdown_tag keeps each tag's answer: asked again, it is _KRAMDOWN_TAG's."""
    from specsite.markdown.stray import _KRAMDOWN_TAG, _kramdown_tag
    pieces = ["<", "a", " href", "=", '"x"', "'y'", "z", ">", "/", " ", "1", "\u00e9", ":"]
    for text in _texts(pieces, 5000, 8, 43):
        for _ in range(2):
            assert _kramdown_tag(text) == (_KRAMDOWN_TAG.fullmatch(text) is not None), repr(text)


def _code_free_whole(text: str) -> str:
    """stray._without_code as it was, the whole text read at each ask."""
    from specsite.markdown.fences import fenced_lines, has_fence
    from specsite.markdown.text import _CODE_SPAN
    fenced = fenced_lines(text, False) if has_fence(text) else ()
    lines = text.split("\n")
    return "\n".join("" if n + 1 in fenced else _CODE_SPAN.sub("", line) if "`" in line else line
                     for n, line in enumerate(lines))


def test_without_code_read_on_from_the_last_text_as_read_whole():
    """stray._without_code, asked of a page's prefixes in turn (read on from the last answer),
    some skipped or asked again, earlier lines changed now and then, answers as the whole text
    read at each ask: fences open to the end that a later line closes, definitions, spans."""
    from specsite.markdown import stray
    pieces = ["```", "~~~", "````", "``", "`x`", "` a `", "    ", " ", "a", "js", "js x", ": ", "\t", "-", "1.", "<d>"]
    rng = random.Random(59)
    for _ in range(4000):
        lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 4))) for _ in range(rng.randint(1, 14))]
        i = 0
        while i <= len(lines):
            if i and rng.random() < 0.1:
                lines[rng.randrange(i)] = rng.choice(pieces)
            text = "\n".join(lines[:i])
            assert stray._without_code(text) == _code_free_whole(text), repr(text)
            i += rng.choice((0, 1, 1, 1, 2))


def test_link_patterns_led_by_their_bracket_as_their_plain_forms():
    """linkdefs' reference patterns, their look-behind moved after the `[` or `![` that leads
    them, find what they found written with it first (spans and groups)."""
    from specsite.markdown import linkdefs
    pieces = ["[", "]", "![", "!", "\\", "\\[", "]]", "a", " ", "\n", "[]", "^", "x]", "[y]", "\\.", "(", ":", "\t"]
    _same_matches(linkdefs._SPACED, r"(?<![\\\]])(!?\[)(?!\^)((?:[^\[\]\n\\]|\\.|\[(?:[^\[\]\n\\]|\\.)*\])*)\]"
                  r"([ \t]*\n?[ \t]*)(?<=[ \t\n])\[([^\[\]\n]*)\]", 0, pieces, 61, 40000)
    _same_matches(linkdefs._EXPLICIT, r"(?<![\\\]])(!?\[)(?!\^)((?:[^\[\]\n\\]|\\.|\[(?:[^\[\]\n\\]|\\.)*\])*)\]"
                  r"\[([^\[\]\n]+)\]", 0, pieces, 62, 40000)
    _same_matches(linkdefs._ESCAPED_SHORTCUT, r"(?<!\\)(!?\[)(?!\^)([^\[\]\n]*\\[-\\.*_+`(){}#!:|\"'$=<>][^\[\]\n]*)\]"
                  r"(\[\])?(?![\[(:])", 0, pieces, 63, 40000)


def test_definitions_tried_at_their_lines_as_the_multiline_search():
    """linkdefs._definitions and _bare_label, which try _DEF, KRAMDOWN_DEF and _BARE at the start of
    each line with a `]:`, find what finditer and search find (random definition soup)."""
    from specsite.markdown import linkdefs
    pieces = ["[", "]", "]:", "[a]:", "^", " ", "\n", "x", '"t"', "'", "> ", "- ", "1. ", "\t", "<u>", "\n\n", ":"]
    for text in _texts(pieces, 40000, 14, 67):
        assert [(m.span(), m.groups()) for m in linkdefs._definitions(text)] == \
            [(m.span(), m.groups()) for m in linkdefs._DEF.finditer(text)], repr(text)
        assert linkdefs._bare_label(text) == (linkdefs._BARE.search(text) is not None), repr(text)
        assert [(m.span(), m.groups()) for m in linkdefs._definitions(text + "\n", linkdefs._KRAMDOWN_DEF)] == \
            [(m.span(), m.groups()) for m in linkdefs._KRAMDOWN_DEF.finditer(text + "\n")], repr(text)
