"""python-liquid's template lexer, its text found without its slowest rule (and a text's final
newline kept after a `-}}`/`-%}`, as Ruby Liquid keeps it: python-liquid drops it).

The lexer's one regex ends a run of text with `.+?(?=({%|{{)…|$)`: a lazy step and a lookahead
at every character of a page's markdown (most of a page body is text: a third of the time
spent parsing bodies). Here a run of text that does not start at `{%` or `{{` is measured with
`str.find`-speed searches and made into the token python-liquid's loop makes of the regex's
match (the same text, start and `rstrip`); at `{%` and `{{` the regex itself runs, so
tags, outputs, raw, doc and malformed delimiters are read by python-liquid exactly as before."""
from __future__ import annotations

import re
from functools import partial

from liquid.exceptions import LiquidSyntaxError
from liquid.lex import _tokenize_template, compile_liquid_rules
from liquid.token import TOKEN_COMMENT, TOKEN_CONTENT, TOKEN_DOC, TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_OUTPUT, TOKEN_TAG, Token

from .dotted import bracket_keywords

_DELIMITER = re.compile(r"\{[{%]")


_DEFAULT_RULES = compile_liquid_rules().pattern
_new = tuple.__new__  # Token(kind, value, start_index, source) without the namedtuple's frame


def lexer(rules):
    """A lexer over `rules` (python-liquid's compiled pattern); the text rule sped up only for
    the default delimiters, which token_list assumes."""
    if rules.pattern != _DEFAULT_RULES:
        return partial(_tokenize_template, rules=rules)
    return partial(token_list, match_at=rules.match)


def token_list(source: str, match_at) -> list:
    """python-liquid's _tokenize_template (the same tokens, the same errors), its text between
    delimiters found with str.find-speed searches instead of its regex, into a list, with dotted keywords bracketed (dotted.bracketed_tokens): no generators stacked three
    deep, no Token made with keyword arguments."""
    tokens: list = []
    append = tokens.append
    lstrip = False
    comment_index, comment_text, comment_depth = 0, [], 0
    search, size = _DELIMITER.search, len(source)
    last = size - 1 if size and source[-1] == "\n" else size  # (the text rule's `$`, no MULTILINE, also ends the text before a final newline)
    pos = 0
    while pos < size:
        if source.startswith("{", pos) and source[pos + 1:pos + 2] in ("{", "%"):
            match = match_at(source, pos)
            pos = match.end()
            kind = match.lastgroup
            if comment_depth:
                if kind == "TAG":
                    name = match.group("name")
                    if name == "endcomment":
                        comment_depth -= 1
                        if not comment_depth:
                            append(_new(Token, (TOKEN_COMMENT, "".join(comment_text), comment_index, source)))
                            comment_index = 0
                            comment_text.clear()
                            append(_new(Token, (TOKEN_TAG, name, match.start("name"), source)))
                            lstrip = bool(match.group("rst"))
                            continue
                    elif name == "comment":
                        comment_depth += 1
                comment_text.append(match.group())
                continue
            if kind == TOKEN_CONTENT:  # a malformed delimiter, read as text up to the next one
                start, end, rstrip = match.start(), pos, match.group("rstrip")
            else:
                if kind == TOKEN_OUTPUT:
                    append(_new(Token, (TOKEN_OUTPUT, match.group(), match.start(), source)))
                    value = match.group("stmt")
                    if "." in value:
                        value = bracket_keywords(value)
                    append(_new(Token, (TOKEN_EXPRESSION, value, match.start("stmt"), source)))
                    lstrip = bool(match.group("rss"))
                    continue
                if kind == "TAG":
                    name = match.group("name")
                    append(_new(Token, (TOKEN_TAG, name, match.start("name"), source)))
                    value = match.group("expr")
                    lstrip = bool(match.group("rst"))
                    if value:
                        append(_new(Token, (TOKEN_EXPRESSION, bracket_keywords(value) if "." in value else value,
                                            match.start("expr"), source)))
                    if name == "comment":
                        if not comment_depth:
                            comment_index = pos
                        comment_depth += 1
                    continue
                if kind == "RAW":
                    value, lstrip = match.group("raw"), bool(match.group("rsr"))
                    append(_new(Token, (TOKEN_CONTENT, value, match.start(), source)))
                    continue
                if kind == "DOC":
                    value, lstrip = match.group("doc"), bool(match.group("rsd"))
                    append(_new(Token, (TOKEN_DOC, value, match.start(), source)))
                    continue
                raise AssertionError(kind)  # (the default rules have no other kind)
        else:
            found = search(source, pos + 1)
            start = pos
            if found is not None:
                end = pos = found.start()
                rstrip = "-" if source.startswith("-", found.end()) else ""
            else:
                end = pos = last if last > pos else size
                rstrip = None
            if comment_depth:
                comment_text.append(source[start:end])
                continue
        value = source[start:end]  # a run of text: python-liquid's TOKEN_CONTENT branch
        if lstrip:
            value = value.lstrip()
        if rstrip:
            value = value.rstrip()
        if not value:
            continue
        if value.startswith("{{"):
            raise LiquidSyntaxError("expected '}}', found end of file",
                                    token=Token(TOKEN_EOF, value=source[start:end], start_index=start, source=source))
        if value.startswith("{%"):
            raise LiquidSyntaxError("missing tag name or closing delimiter",
                                    token=Token(TOKEN_EOF, value=source[start:end], start_index=start, source=source))
        append(_new(Token, (TOKEN_CONTENT, value, start, source)))
        # (a `-}}` strips the start of the text after it: Ruby Liquid's one text token. python-liquid's
        # text rule stops before a final newline and kept the strip for that second token too, so
        # `{{ x -}}\nA\n` lost its last line break; only the final newline can come next here)
        lstrip = False
    return tokens
