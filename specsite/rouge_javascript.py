"""Rouge 3.30's JavaScript lexer (rouge/lexers/javascript.rb), rule for rule, for ```js blocks.

Pygments' JavaScript lexer splits code otherwise: a string is one token where rouge writes its
quotes as Str::Delimiter (`dl`) around Str::Double/Single and Str::Escape; `:` is an Operator
where rouge has Punctuation; `1` a Float; a template literal's `${` an Interpol. The rules run as
rouge's RegexLexer runs them on Ruby's StringScanner: each pattern matches at the scan position
as if the text began there (`\\A` is the position, a look-behind sees nothing before it), the
first rule of the state that matches wins, a character no rule takes is an Error token, and more
than five successive empty matches make the step fail (an Error character).
"""
from __future__ import annotations

import functools
import re

_S = r"[ \t\r\n\f\v]"  # Ruby's \s (ASCII only)
_ID = r"(?:[^\W\d]|\$)\w*"  # /[\p{L}\p{Nl}$_][\p{Word}]*/

KEYWORDS = frozenset("""as async await break case catch continue debugger default delete do else export
    finally from for if import in instanceof new of return super switch this throw try typeof void while
    yield""".split())
DECLARATIONS = frozenset("var let const with function class extends constructor get set static".split())
RESERVED = frozenset("enum implements interface package private protected public".split())
CONSTANTS = frozenset("true false null NaN Infinity undefined".split())
BUILTINS = frozenset("""Array Boolean Date Error Function Math netscape Number Object Packages RegExp String
    sun decodeURI decodeURIComponent encodeURI encodeURIComponent Error eval isFinite isNaN parseFloat
    parseInt document window navigator self global Promise Set Map WeakSet WeakMap Symbol Proxy Reflect
    Int8Array Uint8Array Uint8ClampedArray Int16Array Uint16Array Uint16ClampedArray Int32Array
    Uint32Array Uint32ClampedArray Float32Array Float64Array DataView ArrayBuffer""".split())
MAX_NULL_SCANS = 5


@functools.lru_cache(maxsize=1)
def _states() -> dict:
    """state -> rules; a rule is (pattern, tokens, action) or the name of a mixed-in state.
    tokens: one token type, or a tuple of them for the groups; action: None, ("push", s),
    ("push",) (the current state again), ("pop", n), ("goto", s), ("id",) or ("ternary",)."""
    from pygments.token import Comment, Error, Keyword, Name, Number, Operator, Punctuation, String, Text
    c = functools.partial(re.compile, flags=re.M)
    return {
        "multiline_comment": [(c(r"[*]/"), Comment.Multiline, ("pop", 1)),
                              (c(r"[^*/]+"), Comment.Multiline, None),
                              (c(r"[*/]"), Comment.Multiline, None)],
        "comments_and_whitespace": [(c(_S + "+"), Text, None),
                                    (c(r"<!--"), Comment, None),
                                    (c(r"//.*?$"), Comment.Single, None),
                                    (c(r"/[*]"), Comment.Multiline, ("push", "multiline_comment"))],
        "expr_start": ["comments_and_whitespace",
                       (c(r"/"), String.Regex, ("goto", "regex")),
                       (c(r"[{]"), Punctuation, ("goto", "object")),
                       (c(r""), Text, ("pop", 1))],
        "regex": [(c(r"/"), String.Regex, ("goto", "regex_end")),
                  (c(r"[^/]\n"), Error, ("pop", 1)),
                  (c(r"\n"), Error, ("pop", 1)),
                  (c(r"\[\^"), String.Escape, ("push", "regex_group")),
                  (c(r"\["), String.Escape, ("push", "regex_group")),
                  (c(r"\\."), String.Escape, None),
                  (c(r"[(][?][:=<!]"), String.Escape, None),
                  (c(r"[{][0-9,]+[}]"), String.Escape, None),
                  (c(r"[()?]"), String.Escape, None),
                  (c(r"."), String.Regex, None)],
        "regex_end": [(c(r"[gimuy]+"), String.Regex, ("pop", 1)),
                      (c(r""), None, ("pop", 1))],
        "regex_group": [(c(r"/"), String.Escape, None),
                        (c(r"[^/]\n"), Error, ("pop", 2)),
                        (c(r"\]"), String.Escape, ("pop", 1)),
                        (c(r"\\."), String.Escape, None),
                        (c(r"."), String.Regex, None)],
        "root": [(re.compile(r"\A" + _S + r"*#!.*?\n", re.M | re.S), Comment.Preproc, ("push", "statement")),
                 (c(r"(?<=\n)(?=" + _S + r"|/|<!--)"), Text, ("push", "expr_start")),
                 "comments_and_whitespace",
                 (c(r"\+\+|--|~|\?\?=?|&&|\|\||\\(?=\n)|<<|>>>?|===|!=="), Operator, ("push", "expr_start")),
                 (c(r"[-<>+*%&|\^/!=]=?"), Operator, ("push", "expr_start")),
                 (c(r"[(\[,]"), Punctuation, ("push", "expr_start")),
                 (c(r";"), Punctuation, ("push", "statement")),
                 (c(r"[)\].]"), Punctuation, None),
                 (c(r"`"), String.Double, ("push", "template_string")),
                 (c(r"[?][.]"), Punctuation, None),
                 (c(r"[?]"), Punctuation, ("ternary",)),
                 (c(r"(@)([A-Za-z0-9_]+)?"), (Punctuation, Name.Decorator), ("push", "expr_start")),
                 (c(r"[{}]"), Punctuation, ("push", "statement")),
                 (c(_ID), None, ("id",)),
                 (c(r"[0-9][0-9]*\.[0-9]+([eE][0-9]+)?[fd]?"), Number.Float, None),
                 (re.compile(r"0x[0-9a-fA-F]+", re.M | re.I), Number.Hex, None),
                 (re.compile(r"0o[0-7][0-7_]*", re.M | re.I), Number.Oct, None),
                 (re.compile(r"0b[01][01_]*", re.M | re.I), Number.Bin, None),
                 (c(r"[0-9]+"), Number.Integer, None),
                 (c(r'"'), String.Delimiter, ("push", "dq")),
                 (c(r"'"), String.Delimiter, ("push", "sq")),
                 (c(r":"), Punctuation, None)],
        "dq": [(c(r'\\[\\nrt"]?'), String.Escape, None),
               (c(r'[^\\"]+'), String.Double, None),
               (c(r'"'), String.Delimiter, ("pop", 1))],
        "sq": [(c(r"\\[\\nrt']?"), String.Escape, None),
               (c(r"[^\\']+"), String.Single, None),
               (c(r"'"), String.Delimiter, ("pop", 1))],
        "statement": [(c(r"case\b"), Keyword, ("goto", "expr_start")),
                      (c("(" + _ID + ")(" + _S + "*)(:)"), (Name.Label, Text, Punctuation), None),
                      "expr_start"],
        "object": ["comments_and_whitespace",
                   (c(r"[{]"), Punctuation, ("push",)),
                   (c(r"[}]"), Punctuation, ("goto", "statement")),
                   (c("(" + _ID + ")(" + _S + "*)(:)"), (Name.Attribute, Text, Punctuation), ("push", "expr_start")),
                   (c(r":"), Punctuation, None),
                   "root"],
        "ternary": [(c(r":"), Punctuation, ("goto", "expr_start")),
                    "root"],
        "template_string": [(c(r"[$]{"), Punctuation, ("push", "template_string_expr")),
                            (c(r"`"), String.Double, ("pop", 1)),
                            (c(r"\\[$`]"), String.Escape, None),
                            (c(r"[^$`\\]+"), String.Double, None),
                            (c(r"[\\$]"), String.Double, None)],
        "template_string_expr": [(c(r"}"), Punctuation, ("pop", 1)),
                                 "root"],
    }


def _id_token(word: str):
    from pygments.token import Keyword, Name
    if word in KEYWORDS:
        return Keyword, ("push", "expr_start")
    if word in DECLARATIONS:
        return Keyword.Declaration, ("push", "expr_start")
    if word in RESERVED:
        return Keyword.Reserved, None
    if word in CONSTANTS:
        return Keyword.Constant, None
    return (Name.Builtin if word in BUILTINS else Name.Other), None


class RougeJavascriptLexer:
    """The lexer `Highlighter` asks for `javascript`/`js`: get_tokens yields (token type, text)."""
    name = "RougeJavaScript"

    def get_tokens(self, text: str):
        from pygments.token import Error
        states = _states()
        stack = ["root"]
        pos, null_steps = 0, 0
        while pos < len(text):
            rest = text[pos:]  # (StringScanner: the scan position is where the text begins)
            step = self._step(states, stack[-1], rest, stack)
            if step is not None:
                tokens, size = step
                yield from tokens
                pos += size
                if size:
                    null_steps = 0
                    continue
                null_steps += 1
                if null_steps <= MAX_NULL_SCANS:
                    continue
            yield Error, text[pos]
            pos += 1

    def _step(self, states, state: str, rest: str, stack: list):
        """The first rule of `state` (mixins in place) that matches: (tokens, size), the stack moved."""
        for rule in states[state]:
            if isinstance(rule, str):
                found = self._step(states, rule, rest, stack)
                if found is not None:
                    return found
                continue
            pattern, token, action = rule
            m = pattern.match(rest)
            if m is None:
                continue
            if action and action[0] == "id":
                token, action = _id_token(m.group())
            if type(token) is tuple:  # (a Pygments token type is a tuple too)
                tokens = [(t, g) for t, g in zip(token, m.groups()) if g]
            else:
                tokens = [(token, m.group())] if token is not None and m.group() else []
            self._move(stack, action)
            return tokens, m.end()
        return None

    @staticmethod
    def _move(stack: list, action) -> None:
        if not action:
            return
        if action[0] == "push":
            stack.append(action[1] if len(action) > 1 else stack[-1])
        elif action[0] == "pop":
            del stack[len(stack) - min(action[1], len(stack) - 1):]
        elif action[0] == "goto":
            stack[-1] = action[1]
        elif action[0] == "ternary":
            stack.extend(("ternary", "expr_start"))
