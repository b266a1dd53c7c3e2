"""Rouge 3.30's RegexLexer (rouge/regex_lexer.rb, lexer.rb) in Python, for the ported lexers.

A lexer class lists its states as Rouge does: `{name: [rule, ...]}`, a rule being
`(regex, token, next_state)`, `(regex, callback)` or `mixin(name)`, tried in order at the scan
position. next_state is a state name, "#pop" or "#push"; a callback `fn(lexer, match)` yields
with lexer.token/groups and moves with push/pop/goto, as a Ruby rule block does. Tokens are
Rouge's short names (tokens.py), so consecutive tokens of one kind are consolidated by equality,
as Lexer#continue_lex does, and the HTML writer needs no table. Ruby regexes are written in
Python syntax by each port. StringScanner matches the rest of the text from the scan position,
so a regex sees no character before it: a leading \\b is `(?=\\w)` here, and a port drops
Ruby's leading \\A and any leading lookbehind (never true there). Every pattern is compiled with re.M (Ruby's `^`/`$` are always line
anchors) and re.ASCII (Ruby's \\w, \\d, \\s are ASCII); Ruby's /m is `(?s)`.
"""
from __future__ import annotations

import re

MAX_NULL_SCANS = 5  # (RegexLexer::MAX_NULL_SCANS)
ERROR = "err"
MATCH = object()  # (token's default value: the rule's whole match)


class mixin(str):
    """`mixin :name`: the named state's rules, in place."""


def groups(*tokens):
    """A rule block `groups A, B, …`: each regex group as its token (an empty or absent one skipped)."""
    def callback(lexer, m):
        lexer.groups(*tokens)
    return callback


def _compile(rule):
    if isinstance(rule, mixin):
        return rule
    regex, action = rule[0], rule[1]
    nxt = rule[2] if len(rule) > 2 else None
    flags = re.M | re.ASCII
    if regex.startswith("(?u)"):  # (a Ruby \\p{…} class: Unicode \\w)
        regex, flags = regex[4:], re.M
    if regex.startswith("\\b"):
        regex = "(?=\\w)" + regex[2:]  # (StringScanner matches from the scan position: no character before it)
    return (re.compile(regex, flags), action, nxt)


_LEADING_FLAGS = re.compile(r"\(\?([aiLmsux]+)\)")
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")


def _combined(rules: list):
    """One pattern trying a state's rules in order at the scan position: `(r1)|(r2)|…`, each rule
    with its own flags scoped. Python's alternation takes the first alternative that matches, as
    RegexLexer#step takes the first rule; the winner is re-matched alone for its groups. None
    where a rule has a backreference (its number would move)."""
    parts, owners, group = [], {}, 1
    for i, (regex, _action, _nxt) in enumerate(rules):
        src = regex.pattern
        if _BACKREFERENCE.search(src):
            return None
        letters = "a" if regex.flags & re.ASCII else "u"
        while (m := _LEADING_FLAGS.match(src)) is not None:
            letters += m.group(1).replace("a", "").replace("u", "")
            src = src[m.end():]
        letters = "".join(sorted(set(letters) - {"m"}, key="auisx".index))
        parts.append(f"((?{letters}:{src}{chr(10) if 'x' in letters else ''}))")
        owners[group] = i
        group += 1 + regex.groups
    return re.compile("|".join(parts), re.M), owners


class RegexLexer:
    """One lexing of one text at a time; `lex(text)` returns consolidated (token, text) pairs."""

    tag = ""
    states: dict = {}
    _compiled: dict | None = None

    @classmethod
    def _rules(cls, name: str) -> list:
        """The state's rules, mixins spliced in (Rouge's step recurses into them in place)."""
        compiled = cls.__dict__.get("_compiled")
        if compiled is None:
            compiled = {}
            setattr(cls, "_compiled", compiled)
        rules = compiled.get(name)
        if rules is None:
            rules = compiled[name] = []
            for rule in cls.states[name]:
                if isinstance(rule, mixin):
                    rules.extend(cls._rules(str(rule)))
                else:
                    rules.append(_compile(rule))
        return rules

    @classmethod
    def _fast(cls, name: str):
        """The state's rules as one pattern (_combined), made once per class."""
        table = cls.__dict__.get("_fast_table")
        if table is None:
            table = {}
            setattr(cls, "_fast_table", table)
        if name not in table:
            rules = cls._rules(name)
            table[name] = (_combined(rules), rules)
        return table[name]

    def __init__(self, **options):
        self.options = options
        self.reset()

    def start(self) -> None:
        """Rouge's `start { … }` blocks: run by reset."""

    def reset(self) -> None:
        self.stack = ["root"]
        self.start()

    # the lexing
    def lex(self, text: str) -> list:
        self.reset()
        return self.continue_lex(text)

    def continue_lex(self, text: str) -> list:
        out: list = []
        self._out = out
        self._stream(text)
        return consolidate(out)

    def _stream(self, text: str) -> None:
        self.text = text
        pos, end, null_steps = 0, len(text), 0
        out = self._out
        tables: dict = {}  # (this text's states: _fast's answers without a call a token)
        while pos < end:
            state = self.stack[-1]
            if type(state) is str:
                table = tables.get(state)
                if table is None:
                    table = tables[state] = self._fast(state)
                combined, rules = table
                if combined is not None:
                    hit = combined[0].match(text, pos)
                    if hit is None:  # no rule here: an error token a character up to where one matches
                        # (the loop's own steps, the state unchanged: one search, not a match a character)
                        hit = combined[0].search(text, pos + 1)
                        stop = hit.start() if hit is not None else end
                        out.extend([(ERROR, c) for c in text[pos:stop]])
                        pos = stop
                        continue
                    rules = (rules[combined[1][hit.lastindex]],)
            else:
                rules = state
            for regex, action, nxt in rules:
                m = regex.match(text, pos)
                if m is None:
                    continue
                self.match = m
                if callable(action):
                    self._out = out
                    action(self, m)
                    out = self._out
                else:
                    if m.end() > pos:
                        out.append((action, m.group()))
                    if nxt is not None:
                        if nxt == "#pop":
                            self.stack.pop()
                        elif nxt == "#push":
                            self.stack.append(self.stack[-1])
                        else:
                            self.stack.append(nxt)
                if m.end() == pos:
                    null_steps += 1
                    if null_steps > MAX_NULL_SCANS:
                        out.append((ERROR, text[pos]))
                        pos += 1
                        break  # (Rouge leaves the count: only a consuming match resets it)
                else:
                    null_steps = 0
                    pos = m.end()
                break
            else:
                out.append((ERROR, text[pos]))
                pos += 1
        self._out = out

    # what a rule block does
    def token(self, tok: str, value=MATCH) -> None:
        """Rouge's `token tok, value`: the whole match by default; a nil value (an unmatched group) writes nothing."""
        if value is MATCH:
            value = self.match.group()
        if value:
            self._out.append((tok, value))

    def groups(self, *tokens) -> None:
        m = self.match
        for i, tok in enumerate(tokens, 1):
            value = m.group(i)
            if value:
                self._out.append((tok, value))

    def push(self, state: str | None = None) -> None:
        self.stack.append(state or self.stack[-1])

    def push_rules(self, *rules) -> None:
        """Rouge's `push do … end`: a state of its own made on the spot (its rules may use the match)."""
        compiled: list = []
        for rule in rules:
            if isinstance(rule, mixin):
                compiled.extend(type(self)._rules(str(rule)))
            else:
                compiled.append(_compile(rule))
        self.stack.append(tuple(compiled))

    def pop(self, times: int = 1) -> None:
        del self.stack[len(self.stack) - times:]

    def goto(self, state: str) -> None:
        self.stack[-1] = state

    def reset_stack(self) -> None:
        self.stack[:] = ["root"]

    def state_is(self, name: str) -> bool:
        return self.stack[-1] == name

    def in_state(self, name: str) -> bool:
        return name in self.stack

    def delegate(self, lexer, text: str | None = None) -> None:
        """Rouge's delegate: a lexer class lexes afresh, an instance continues where it was."""
        text = self.match.group() if text is None else text
        if isinstance(lexer, type):
            lexer = lexer()
        saved = (self._out, self.text, self.match)
        tokens = lexer.continue_lex(text) if text else []
        self._out, self.text, self.match = saved
        self._out.extend(tokens)

    def recurse(self, text: str | None = None) -> None:
        self.delegate(type(self), text)


class Unported(Exception):
    """The text needs a lexer that is not ported (a markdown fence's language): Pygments does the block."""


class PlainText:
    """Rouge's PlainText: the whole text as one Text token."""

    tag = "plaintext"

    def __init__(self, token: str = "", **options):
        self.options, self.tok = options, token

    def reset(self) -> None:
        pass

    def lex(self, text: str) -> list:
        return [(self.tok, text)] if text else []

    continue_lex = lex


def consolidate(tokens: list) -> list:
    """Consecutive tokens of one kind as one (Lexer#continue_lex)."""
    out: list = []
    last, values = None, []
    for tok, value in tokens:
        if tok == last:
            values.append(value)
            continue
        if last is not None:
            out.append((last, "".join(values)))
        last, values = tok, [value]
    if last is not None:
        out.append((last, "".join(values)))
    return out


_ESCAPE = {ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;"}


def to_html(tokens: list) -> str:
    """Rouge::Formatters::HTML: a Text token bare, any other `<span class="short">…</span>`; `&<>` escaped."""
    return "".join(_escaped(value) if not tok else f'<span class="{tok}">{_escaped(value)}</span>'
                   for tok, value in tokens)


def _escaped(value: str) -> str:
    """`value` with `&<>` escaped; as it is when it has none (most tokens: translate looked each of
    a token's characters up in its table, each miss a KeyError raised and caught)."""
    if "&" in value or "<" in value or ">" in value:
        return value.translate(_ESCAPE)
    return value
