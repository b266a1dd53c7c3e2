"""The python-liquid environment Jekyll's Liquid runs in: strict, with a lax second reading."""
from __future__ import annotations

from functools import partial

from liquid import Environment
from liquid.lex import _tokenize_template
from liquid.exceptions import LiquidError, LiquidSyntaxError
from liquid.token import TOKEN_EXPRESSION

from .fast_lex import lexer as fast_lexer, token_list


class _Environment(Environment):
    """python-liquid, strict; while `lax` is set (a second parse of a template that strict parsing
    refused), errors are noted as warnings and the offending tag or output is skipped — as
    Jekyll's lax Liquid (error_mode: warn) lets `{% if a = b %}` or `{{ x | f | }}` pass."""

    lax = False
    parsing = None  # the tag or output token being parsed (lax mode), for errors without a place
    parsing_markup = ""  # and its markup
    # A page that loops forever or writes megabytes is a mistake: stop it with an error at its line.
    loop_iteration_limit = 1_000_000
    output_stream_limit = 50_000_000

    def error(self, exc, msg=None, token=None):
        if not self.lax:
            return super().error(exc, msg, token)
        if not isinstance(exc, LiquidError):
            exc = exc(msg, token=token)
        from .ruby_lax import RefusedMarkup
        said = str(getattr(exc, "message", exc))
        if said.startswith(_LIQUID_LINE):
            raise in_ruby_words(exc)
        if isinstance(exc, RefusedMarkup) or "Invalid syntax for include tag" in said or "expected tag end" in said \
                or "unexpected tag" in said or said.startswith("Unknown tag "):
            raise exc  # (refused whatever Liquid's error mode, IncludeTag#validate_params too, and a block
            # never closed, its end tag run into its markup too (`{% for … %==}…{% endfor %}`), an end tag
            # outside its block (Document#unknown_tag: "Unknown tag 'endif'"): the build stops)
        place = token if token is not None and token.start_index >= 0 else self.parsing
        if place is not None and (not exc.token or exc.token.start_index < 0):
            exc.token = place
        if self.parsing is not None:
            from .ruby_lax import refused
            message = refused(self.parsing.value, self.parsing_markup)
            if message is not None:  # (Ruby's lax parser refuses it too: Jekyll's build stops)
                raise LiquidSyntaxError(message, token=self.parsing)
        self.specsite.note_lax_error(exc)
        return None

    def tokenizer(self):
        """python-liquid's lexer (its text found faster, into a list: fast_lex.py), with keys after a
        dot that it lexes as keywords bracketed."""
        from .dotted import bracketed_tokens
        lex = super().tokenizer()
        if isinstance(lex, partial) and lex.func is _tokenize_template:
            lex = fast_lexer(lex.keywords["rules"])
            if lex.func is token_list:  # (a list, its keys bracketed already)
                return lex
        return lambda source: bracketed_tokens(lex(source))

    def track_parsing(self):
        """Wrap every tag's get_node so that, in lax mode, errors know where they are."""
        for tag in self.tags.values():
            original = tag.get_node

            def get_node(stream, _original=original):
                if self.lax:
                    self.parsing = stream.current
                    following = stream.peek
                    self.parsing_markup = following.value if following.kind == TOKEN_EXPRESSION else ""
                return _original(stream)
            tag.get_node = get_node


def _fatal(err: LiquidSyntaxError) -> bool:
    """Syntax errors that Jekyll's lax parser rejects too: unclosed blocks, unterminated tags."""
    from .ruby_lax import RefusedMarkup
    if isinstance(err, RefusedMarkup):
        return True
    message = str(getattr(err, "message", err))
    return any(text in message for text in ("expected tag end", "end of file", "expected '}}'", "expected '%}'",
                                             "unexpected tag", "missing tag name", "raw", "comment",
                                             "Invalid syntax for include tag", _LIQUID_LINE))


_LIQUID_LINE = "expected newline delimited tag expressions, found "


def in_ruby_words(err: LiquidSyntaxError) -> LiquidSyntaxError:
    """A fatal syntax error as Ruby Liquid words it: a line of `{% liquid %}` that is no tag is an
    unknown tag (BlockBody#parse_for_liquid_tag yields it to unknown_tag, whatever the error mode)."""
    message = str(getattr(err, "message", err))
    if not message.startswith(_LIQUID_LINE):
        return err
    import ast
    found, token = message[len(_LIQUID_LINE):], err.token
    at = token.value.find(ast.literal_eval(found)) if token is not None and token.start_index >= 0 else -1
    if at > 0:  # (at the line it is on, as Ruby counts it)
        token = token._replace(start_index=token.start_index + at)
    return LiquidSyntaxError(f"Unknown tag {found} (a line of a {{% liquid %}} tag that is no tag)", token=token)
