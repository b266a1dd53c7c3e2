"""specsite.liquid.fast_lex lexes every template into exactly the tokens (or the error)
python-liquid's own lexer gives: random delimiter soup and the real sites' pages."""
from __future__ import annotations

import random
import re
from pathlib import Path

from specsite import lean_imports

lean_imports.liquid()

from liquid.lex import compile_liquid_rules, get_lexer  # noqa: E402
from liquid.token import TOKEN_CONTENT, Token  # noqa: E402

from specsite.liquid.dotted import bracketed_tokens  # noqa: E402
from specsite.liquid.fast_lex import lexer  # noqa: E402

_PIECES = ["{", "}", "%", "-", "{{", "}}", "{%", "%}", "{%-", "-%}", "{{-", "-}}", " ", "\n", "\r\n", "\t", "a",
           "é", "raw", "endraw", "comment", "endcomment", "doc", "enddoc", "if x", "endif", "#", "x.y", ".in", "a.for"]


def _tokens(lex, source):
    try:
        return list(lex(source))
    except Exception as err:  # noqa: BLE001 - the same error is part of the same result
        return (type(err).__name__, str(err))


def _final_newline(tokens, source):
    """python-liquid's tokens with the text's final newline that it drops kept: its text rule
    stops before a final newline, and a `-}}` before the text stripped that second token too,
    where Ruby Liquid's one text token keeps it (fast_lex does)."""
    if isinstance(tokens, tuple) or not source.endswith("\n") or not tokens:
        return tokens
    last = tokens[-1]
    if last.kind == TOKEN_CONTENT and last.value != "\n" and source.endswith(last.value + "\n") \
            and last.start_index + len(source[last.start_index:-1]) == len(source) - 1:
        return tokens + [Token(TOKEN_CONTENT, "\n", len(source) - 1, source)]
    return tokens


_RUBY_RULE = re.compile(r"\{%-\s*endraw")  # (fast_lex reads on to Ruby's end of the raw block)


def _same(source):
    """The tokens (or the error) python-liquid's lexer gives, keys after a dot that it lexes as
    keywords bracketed (dotted.py: the list lexer does that too), and the final newline kept; except
    where fast_lex keeps Ruby Liquid's rules (a comment's blocks, `{%- endraw`: test_ruby_rules)."""
    python_liquid = get_lexer()
    ours = _tokens(lexer(compile_liquid_rules()), source)
    if (ours and ours[0] == "RefusedMarkup") or _RUBY_RULE.search(source):
        return
    assert ours == _final_newline(_tokens(lambda text: bracketed_tokens(python_liquid(text)), source), source), \
        repr(source)


def test_random_delimiters_lex_as_python_liquid_does():
    rng = random.Random(14)
    for _ in range(20_000):
        _same("".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 14))))


def test_edges():
    for source in ["", "\n", "a", "a\n", "\n\n", "{{", "{%", "{{ x }}\n", "{{ x }}\n\n", "x {{- y -}} z\n",
                   "a\n{% raw %}{{ x }}{% endraw %}\n", "{% comment %}{{ x {% endcomment %}b", "{{ x", "{% if",
                   "{%- if x -%}\n  a\n{%- endif -%}\n", "}}{{}}{%%}", "{{{{ x }}}}", "{%{{ x }}%}"]:
        _same(source)


def test_real_sites_pages():
    root = Path(__file__).resolve().parent.parent / "tests" / "fixtures"
    for path in sorted(root.rglob("*")):
        if path.suffix in (".md", ".html", ".xml", ".json", ".liquid") and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            _same(text)
            _same(text.rstrip("\n"))


def test_other_delimiters_use_python_liquids_lexer():
    rules = compile_liquid_rules(comment_start_string="{#", comment_end_string="#}")
    assert lexer(rules).keywords["rules"] is rules


def test_ruby_rules():
    """Liquid 5.4's Comment is a Block (its body's blocks must close inside it) and Raw ends at
    the first `{% endraw %}` without a `-` after `{%`: each is Jekyll's own syntax error."""
    lex = lexer(compile_liquid_rules())
    for source, message in [("{% comment %}{% if x %}{% endcomment %}", "'endcomment' is not a valid delimiter for if"),
                            ("{% comment %}a", "'comment' tag was never closed"),
                            ("{% comment %}{% comment %}a{% endcomment %}", "'comment' tag was never closed"),
                            ("{% comment %}{% for x in y %}{% endif %}{% endcomment %}", "'endif' is not a valid"),
                            ("{% raw %}a{%- endraw %}", "'raw' tag was never closed"),
                            ("{% comment %}{% if %}{% endif %}{% endcomment %}", "Syntax Error in tag 'if'"),
                            ("{% comment %}{% assign = %}{% endcomment %}", "Syntax Error in 'assign'")]:
        assert _tokens(lex, source)[0] == "RefusedMarkup" and message in _tokens(lex, source)[1], source
    assert [t.value for t in lex("{% raw %}a{%- endraw %}b{% endraw %}c")] == ["a{%- endraw %}b", "c"]
    assert [t.value for t in lex("{% raw %}x{% endraw foo %}y")] == ["x", "y"]  # (Jekyll 4.3.1: "xy")
    assert [t.value for t in lex("{% comment %}{% if x %}{% endif %}{% endfor %}{% endcomment %}")][1] == \
        "{% if x %}{% endif %}{% endfor %}"


def test_outputs_and_tags_by_the_faster_spelling_match_as_the_rules_do():
    """fast_lex.delimited gives the match python-liquid's rules give at each `{{` and `{%` (its
    faster spelling of the output and tag rules: the same span, kind and groups), on random soup."""
    from specsite.liquid.fast_lex import _OUTPUT_OR_TAG, delimited
    rules = compile_liquid_rules()
    pieces = _PIECES + ["-}}", "-%}", "{{-", "{%-", "\u00a0", "\u2028", "rawx", "doc_", "'", '"', "}", "%"]
    rng = random.Random(41)
    groups = {"output": ("output", "stmt", "rss"), "TAG": ("TAG", "name", "expr", "rst")}
    fast = 0
    for _ in range(100_000):
        source = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        for at in (m.start() for m in re.finditer(r"(?=\{[{%])", source)):
            got, want = delimited(source, at, rules.match), rules.match(source, at)
            fast += _OUTPUT_OR_TAG.match(source, at) is not None
            assert (got.span(), got.lastgroup) == (want.span(), want.lastgroup), (source, at)
            for name in groups.get(want.lastgroup, ()):
                assert got.span(name) == want.span(name), (source, at, name)
    assert fast > 10_000


def test_bracket_keywords_skips_only_markup_it_would_write_back():
    """dotted.bracket_keywords returns markup with no `.keyword` as it is, as its substitution did
    (quoted strings written back, nothing else matched): random markup of dots, keywords, quotes."""
    from specsite.liquid.dotted import _DOTTED
    from specsite.liquid.dotted import bracket_keywords
    pieces = [".", "in", "for", "a", "x", "]", "?", "'", '"', " ", "-", "_", "1", "required", "with", "."]
    rng = random.Random(53)
    for _ in range(100_000):
        markup = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        plain = _DOTTED.sub(lambda m: m.group(1) or f'["{m.group(2)}"]', markup) if "." in markup else markup
        assert bracket_keywords(markup) == plain, repr(markup)
