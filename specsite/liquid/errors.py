"""Liquid errors as diagnostics at the file:line of the page, layout or include that holds them."""
from __future__ import annotations

import re
from pathlib import Path

from liquid.exceptions import LiquidError, TemplateNotFoundError, UnknownFilterError

from ..diagnostics import Diagnostic, ERROR, WARNING
from ..paths import source_rel


def diagnostic(err: LiquidError, text: str, rel: str, line_offset: int, include_sources: dict,
               source_root: Path) -> Diagnostic:
    """The diagnostic of a render error in `text` (a page at `line_offset`, or one of its includes,
    whose sources map to their files in `include_sources`)."""
    message = _first_line(err)
    token = err.token
    file, line, col = rel, None, None
    if token is not None and token.start_index >= 0:
        if token.source == text:
            line, col = _line_col(text, token.start_index)
            line += line_offset - 1
        else:
            include = include_sources.get(token.source)
            line, col = _line_col(token.source, token.start_index)
            file = source_rel(include, source_root, resolve=True) if include else (
                str(err.template_name) if err.template_name else rel)
    if line is None:
        found = _never_closed(text)  # "expected endif, found end of template" has no token
        if found is not None:
            line, col, tag, swallowed = found
            line += line_offset - 1
            message = f"{{% {tag} %}} is never closed" + (
                f" (its tag has no %}} of its own: it runs to the next one, {swallowed} line(s) down, "
                "and takes the tags between as its markup)" if swallowed else "")
        else:
            line = line_offset
    if message.startswith("unexpected tag '") and token is not None and token.start_index >= 0:
        from .ruby_lax import unknown_tag_message  # (an end or else the open block does not take: Liquid's words)
        message = unknown_tag_message(token)
    rule = "missing-include" if isinstance(err, TemplateNotFoundError) else "liquid-error"
    hint = None
    if rule == "liquid-error" and "has no %}" in message:
        hint = "End the tag with %} where its markup ends."
    elif rule == "liquid-error" and "never closed" in message:
        tag = re.search(r"\{% (\w+) %\}|'(\w+)'", message)
        name = tag and (tag.group(1) or tag.group(2))
        hint = None if not name else "Add {% endraw %} where the literal text should end." if name == "raw" else \
            f"Add {{% end{name} %}} where the block should end."
    elif rule == "liquid-error" and "expected" in message and "end" in message:
        hint = "Close every {% if %}, {% for %}, {% capture %} and {% raw %} block."
    elif rule == "liquid-error" and message.startswith("Unknown operator"):
        hint = "Compare with ==, !=, <>, <, >, <=, >= or contains (Jekyll stops the build when the condition runs)."
    elif rule == "liquid-error" and "is not a valid delimiter for" in message:
        end = re.search(r"use (end\w+)", message)
        hint = f"Write {{% {end.group(1)} %}} to close the block." if end else None
    elif rule == "liquid-error" and message.endswith("does not expect 'else' tag"):
        hint = "Remove the {% else %}, or close the block before it."
    elif rule == "liquid-error" and message.startswith("Unknown tag"):
        hint = ("Jekyll stops the build here: no Liquid tag and no plugin of the site (_plugins/, "
                "plugins:, the Gemfile's :jekyll_plugins group) has that name.")
    elif rule == "liquid-error" and "not properly terminated" in message:
        hint = "End the output with }} (Liquid 5 ends {{ at its first } and stops on a single one)."
    elif rule == "liquid-error" and ("required positional argument" in message or "wrong number of arg" in message):
        hint = "Give the filter the arguments it takes, no more (Jekyll stops: wrong number of arguments)."
    if isinstance(err, UnknownFilterError):
        rule = "liquid-unsupported"
    return Diagnostic(file, line, col, rule, ERROR, message.rstrip("."), hint)


# Where a filter's name can be: after `|` (or `||`) and white space, a word (python-liquid's
# IDENTIFIER_PATTERN, `\w[\w-]*\??`); this takes at least the whole name, often more.
_FILTER_AT = re.compile(r"""\|\s*([^\s|:,}{%'"()\[\]<>=!]+)""")
# Liquid markup as the lexer cuts it (an output to its first }}, a tag to its first %}): the only
# place a filter can be; a `|` in a Markdown table or a shell pipe is not one.
_MARKUP = re.compile(r"\{\{.*?(?:\}\}|\Z)|\{%.*?(?:%\}|\Z)", re.S)


def unknown_filters(template, text: str, rel: str, line_offset: int, known, ruby_tags: dict):
    """A warning for each filter of `template` that no one registered (`known`). Python-liquid's
    static analysis walks the whole template; when every word after a `|` in the source is a
    known filter (most layouts, includes and pages), no filter can be unknown and it is skipped
    (not for a template read leniently, whose rewritten markup is not the source's)."""
    if not getattr(template, "specsite_lax", False) and all(
            name in known for markup in _MARKUP.findall(text) if "|" in markup
            for name in _FILTER_AT.findall(markup)):
        return
    try:
        filters = template.analyze(include_partials=False).filters
    except Exception:  # noqa: BLE001 - analysis is advisory only
        return
    for name, spans in filters.items():
        if name in known:
            continue
        for span in spans:
            line, col = _line_col(text, span.index)
            ruby = ruby_tags.get(name)
            by = f"defined by {ruby[0]}:{ruby[1]}, a Ruby plugin specsite cannot run" if ruby else \
                "a Jekyll plugin?"
            yield Diagnostic(rel, line + line_offset - 1, col, "liquid-unsupported", WARNING,
                             f"unknown Liquid filter '{name}' ({by}); it is ignored",
                             hint="Correct its name, or remove it: without the plugin that defines it the value "
                             "passes through unchanged, in Jekyll too.")


class IncludeParseError(Exception):
    """A Liquid syntax error in an include that python-liquid reports without a position."""

    def __init__(self, rel: str, source: str, err: LiquidError):
        super().__init__(str(err))
        self.rel, self.source, self.err = rel, source, err

    def diagnostic(self) -> Diagnostic:
        message = _first_line(self.err)
        found = _never_closed(self.source)
        line, col, hint = 1, None, None
        if found is not None:
            line, col, tag, swallowed = found
            message, hint = f"{{% {tag} %}} is never closed", f"Add {{% end{tag} %}} where the block should end."
            if swallowed:
                message += (f" (its tag has no %}} of its own: it runs to the next one, {swallowed} line(s) "
                            "down, and takes the tags between as its markup)")
                hint = "End the tag with %} where its markup ends."
        return Diagnostic(self.rel, line, col, "liquid-error", ERROR, message, hint)


# a tag runs to the first `%}`, across lines, as Liquid's tokenizer cuts it: `{%capture x $}` then
# `{% endcapture %}` is one capture tag, never closed (OAI/OpenAPI-Specification's x-twitter.md)
_BLOCK_TAG = re.compile(r"\{%-?\s*(end)?(if|unless|for|case|capture|raw|comment|tablerow|highlight)\b.*?%\}", re.S)


def _first_line(err) -> str:
    return str(err.message if hasattr(err, "message") else err).split("\n")[0]


def _never_closed(text: str):
    """(line, column, name, lines its tag spans when it swallows another tag's `{%`, else 0) of
    the block tag that is never closed, or None."""
    unclosed = _unclosed_block(text)
    if unclosed is None:
        return None
    line, col = _line_col(text, unclosed)
    tag = _BLOCK_TAG.match(text, unclosed)
    swallowed = tag.group(0).count("\n") if "{%" in tag.group(0)[2:] else 0
    return line, col, tag.group(2), swallowed


def _unclosed_block(text: str) -> int | None:
    """Offset of the block tag ({% if %}, {% for %}, …) that is never closed, if any."""
    stack: list = []
    for m in _BLOCK_TAG.finditer(text):
        if stack and stack[-1][0] in ("raw", "comment") and not (m.group(1) and m.group(2) == stack[-1][0]):
            continue  # inside raw/comment nothing is a tag
        if m.group(1):
            if stack and stack[-1][0] == m.group(2):
                stack.pop()
        else:
            stack.append((m.group(2), m.start()))
    return stack[-1][1] if stack else None


def _line_col(text: str, index: int):
    line = text.count("\n", 0, index) + 1
    col = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, col




# Liquid 5.4's tokenizer (TemplateParser): a tag runs to its first `%}`, an output to its first `}`
# and one more `}` if there is one; ContentOfVariable then needs the output to end in `}}`
_TOKEN = re.compile(r"\{%.*?%\}|\{\{.*?\}\}?", re.S)
_CANDIDATE = re.compile(r"\{\{[^}]*\}(?!\})")
_RAW = re.compile(r"\{%-?\s*(end)?raw\s*-?%\}")


def unterminated_output(source: str) -> int | None:
    """Offset of an output that Liquid 5.4 ends at a single `}` (`{{ '/' | relative_url }` on a
    line of its own, `{{ x | default: "}" }}`): "Variable '...' was not properly terminated
    with regexp: /\\}\\}/", a syntax error even in lax mode; Jekyll stops. None when there is none
    (outside {% raw %}, whose text is not parsed)."""
    if _CANDIDATE.search(source) is None:
        return None
    raw = False
    for m in _TOKEN.finditer(source):
        token = m.group(0)
        if token[1] == "%":
            tag = _RAW.fullmatch(token)
            if tag:
                raw = not tag.group(1)
        elif not raw and not token.endswith("}}"):
            return m.start()
    return None
