"""python-liquid's template lexer, its text found without its slowest rule (and a text's final
newline kept after a `-}}`/`-%}`, as Ruby Liquid keeps it: python-liquid drops it).

The lexer's one regex ends a run of text with `.+?(?=({%|{{)…|$)`: a lazy step and a lookahead
at every character of a page's markdown (most of a page body is text: a third of the time
spent parsing bodies). Here a run of text that does not start at `{%` or `{{` is measured with
`str.find`-speed searches and made into the token python-liquid's loop makes of the regex's
match (the same text, start and `rstrip`); at `{%` and `{{` the regex itself runs, so
tags, outputs, raw, doc and malformed delimiters are read by python-liquid exactly as before.

Two of Ruby Liquid 5.4's rules are kept here, where the text is cut: a comment's body is parsed
(tags/comment.rb is a Block: an `{% if %}` in it needs its `{% endif %}` before `{% endcomment %}`)
and `{%- endraw %}` closes no raw block (Raw::FullTokenPossiblyInvalid has no `-` after `{%`)."""
from __future__ import annotations

import re
from functools import partial

from liquid.exceptions import LiquidSyntaxError
from liquid.lex import _tokenize_template, compile_liquid_rules
from liquid.token import TOKEN_COMMENT, TOKEN_CONTENT, TOKEN_DOC, TOKEN_EOF, TOKEN_EXPRESSION, TOKEN_OUTPUT, TOKEN_TAG, Token

from .dotted import bracket_keywords
from .ruby_lax import RefusedMarkup, refused

_DELIMITER = re.compile(r"\{[{%]")
# Raw::FullTokenPossiblyInvalid: the first tag token `{% endraw ... %}` (no `-` after `{%`) ends it
# (Ruby's tokenizer makes one token from a `{%` to the first `%}`, and Raw reads its tag name
# after the last `{%` in it: `{% endraw` then another tag before any `%}` ends nothing)
_RUBY_ENDRAW = re.compile(r"\{%\s*endraw(?!\w)(?:(?!%\}|\{%).)*%\}", re.S)
# Blocks whose body Liquid parses inside a comment (Liquid's and Jekyll's highlight)
_INCLUDES = frozenset(("include", "include_relative", "include_cached"))
_BLOCKS = frozenset({"if", "unless", "for", "case", "capture", "tablerow", "ifchanged", "comment", "highlight"})


_DEFAULT_RULES = compile_liquid_rules().pattern
_new = tuple.__new__  # Token(kind, value, start_index, source) without the namedtuple's frame


# python-liquid's output and tag rules with their markup's `(?:(?!-?\}\})[\s\S])*` (a lookahead and
# a group at every character: sre saves its state for each, ~20K instructions a delimiter) spelt as
# runs of a class: the same strings (a `}` not before `}`, a `-` not before `}}`, any other
# character), tried longest first as the greedy repeat tries them, so the same match and groups.
# A tag named raw or doc is left to the full rules (their RAW and DOC rules come first).
_OUTPUT_OR_TAG = re.compile(
    r"(?P<output>\{\{-?\s*(?P<stmt>[^}\-]*(?:(?:-(?!\}\})|\}(?!\}))[^}\-]*)*(?<!\s))\s*(?P<rss>-?)\}\})"
    r"|(?P<TAG>\{%-?\s*(?P<name>#|(?!(?:raw|doc)(?!\w))\w+)\s*"
    r"(?P<expr>[^%\-]*(?:(?:-(?!%\})|%(?!\}))[^%\-]*)*(?<!\s))\s*(?P<rst>-?)%\})", re.S)


def lexer(rules):
    """A lexer over `rules` (python-liquid's compiled pattern); the text rule sped up only for
    the default delimiters, which token_list assumes."""
    if rules.pattern != _DEFAULT_RULES:
        return partial(_tokenize_template, rules=rules)
    return partial(token_list, match_at=partial(delimited, full=rules.match))


def delimited(source: str, pos: int, full):
    """full(source, pos), python-liquid's rules at a `{{` or `{%`: an output or a tag (not raw or
    doc) by the faster spelling of its rule (_OUTPUT_OR_TAG), the rest by the rules themselves.
    tests/test_liquid_fast_lex.py compares the two on random delimiter soup."""
    found = _OUTPUT_OR_TAG.match(source, pos)
    return found if found is not None else full(source, pos)


def token_list(source: str, match_at) -> list:
    """python-liquid's _tokenize_template (the same tokens, the same errors), its text between
    delimiters found with str.find-speed searches instead of its regex, into a list, with dotted keywords bracketed (dotted.bracketed_tokens): no generators stacked three
    deep, no Token made with keyword arguments."""
    tokens: list = []
    append = tokens.append
    lstrip = False
    comment_index, comment_text, comment_depth = 0, [], 0
    opened: list = []  # the blocks open inside a comment, outermost first: (name, token)
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
                    _comment_tag(name, opened, _new(Token, (TOKEN_TAG, name, match.start("name"), source)),
                                 match.group("expr") or "")
                    if name == "endcomment" and opened[-1][0] == "comment":
                        opened.pop()
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
                        opened.append((name, _new(Token, (TOKEN_TAG, name, match.start("name"), source))))
                    elif name.startswith("end") and opened[-1][0] != "comment" and name == "end" + opened[-1][0]:
                        opened.pop()
                    elif name in _BLOCKS:
                        opened.append((name, _new(Token, (TOKEN_TAG, name, match.start("name"), source))))
                elif kind == "RAW" and source.startswith("{%-", match.end("raw")):
                    pos = _ruby_raw_end(source, match)
                comment_text.append(source[match.start():pos])
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
                    if name == "raw" and not match.group("expr"):  # (`{% endraw x %}` ends it in Ruby)
                        found = _RUBY_ENDRAW.search(source, pos)
                        if found is not None:
                            append(_new(Token, (TOKEN_CONTENT, source[pos:found.start()], match.start(), source)))
                            pos, lstrip = found.end(), bool(match.group("rst"))
                            continue
                    append(_new(Token, (TOKEN_TAG, name, match.start("name"), source)))
                    value = match.group("expr")
                    lstrip = bool(match.group("rst"))
                    if value:
                        dotted = "." in value and name not in _INCLUDES  # (an include's parameters are Jekyll's to read)
                        append(_new(Token, (TOKEN_EXPRESSION, bracket_keywords(value) if dotted else value,
                                            match.start("expr"), source)))
                    if name == "comment":
                        if not comment_depth:
                            comment_index = pos
                        comment_depth += 1
                        opened.append((name, tokens[-2] if value else tokens[-1]))
                    continue
                if kind == "RAW":
                    value, lstrip = match.group("raw"), bool(match.group("rsr"))
                    if source.startswith("{%-", match.end("raw")):  # (no end for Ruby: read on)
                        pos = _ruby_raw_end(source, match)
                        value = source[match.start("raw"):_RUBY_ENDRAW.search(source, match.end("raw")).start()]
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
    if opened:
        name, token = opened[-1]
        raise RefusedMarkup(f"'{name}' tag was never closed", token=token)
    return tokens


def _comment_tag(name: str, opened: list, token, markup: str = "") -> None:
    """Block#unknown_tag inside a comment's body: an end tag that is not the innermost open
    block's is an error (Comment#unknown_tag ignores any tag of its own body); a tag of the body
    is parsed, so markup its lax parser refuses (`{% if %}`) is an error too."""
    message = refused(name, markup)
    if message is not None:
        raise RefusedMarkup(message, token=token)
    inner = opened[-1][0]
    if inner != "comment" and name.startswith("end") and name != "end" + inner:
        raise RefusedMarkup(f"'{name}' is not a valid delimiter for {inner} tags. use end{inner}", token=token)
    if name == "raw":  # (the RAW rule found no end for it)
        raise RefusedMarkup("'raw' tag was never closed", token=token)


def _ruby_raw_end(source: str, match) -> int:
    """Where a raw block that python-liquid ends at `{%- endraw %}` ends in Ruby."""
    found = _RUBY_ENDRAW.search(source, match.end("raw"))
    if found is None:
        raise RefusedMarkup("'raw' tag was never closed",
                            token=Token(TOKEN_TAG, "raw", match.start(), source))
    return found.end()
