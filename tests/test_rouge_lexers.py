"""Code blocks highlighted as Jekyll 4.3.1 writes them with Rouge 3.30: specsite.rouge ports
Rouge's lexers (rouge/lexers/*.rb) and its RegexLexer. tests/fixtures/rouge-lexers/_expected is
Jekyll's own build of a page per ported language (fences, `{% highlight %}`, `linenos`)."""
from __future__ import annotations

import subprocess
import sys

from conftest import REPO
from fixture_sites import built_pages, jekyll_equality_tests
from specsite import rouge
from specsite.rouge.engine import RegexLexer, consolidate, to_html
from specsite.rouge.tokens import Error, Str, Text

built = built_pages("rouge-lexers")
test_page_equals_jekylls_own_build, test_real_jekyll_still_builds_the_expected_output = \
    jekyll_equality_tests("rouge-lexers")


def hl(code: str, lang: str) -> str:
    return rouge.highlight(code, lang)


def test_json_escapes_and_a_comma_after_a_top_level_object():
    """json.rb: an escape in a string is Str::Escape; `,` is Punctuation only inside an object or
    array, so after a top-level `}` it is an Error (Rouge writes what it cannot place as `err`)."""
    assert hl('{"a": "x\\ny"},\n', "json") == (
        '<span class="p">{</span><span class="nl">"a"</span><span class="p">:</span><span class="w"> </span>'
        '<span class="s2">"x</span><span class="se">\\n</span><span class="s2">y"</span><span class="p">}</span>'
        '<span class="err">,</span><span class="w">\n</span>')


def test_http_body_by_content_type():
    """http.rb: the body is lexed by the one lexer whose mimetypes name the Content-Type
    (Lexer.guess_by_mimetype); application/fhir+json names none: plain text."""
    json_body = hl("HTTP/1.1 200 OK\nContent-Type: application/json; charset=utf-8\n\n[1]\n", "http")
    assert json_body.endswith('\n\n<span class="p">[</span><span class="mi">1</span><span class="p">]</span>'
                              '<span class="w">\n</span>')
    assert hl("HTTP/1.1 200 OK\nContent-Type: application/fhir+json\n\n[1]\n", "http").endswith("\n\n[1]\n")
    assert hl("GET /a HTTP/1.1\n", "http") == ('<span class="nf">GET</span> <span class="nn">/a</span> '
                                               '<span class="k">HTTP</span><span class="o">/</span>'
                                               '<span class="m">1.1</span>\n')


def test_console_prompt_then_shell_and_output():
    """console.rb: a line with `$`, `#`, `>` or `;` is a prompt up to the first of them, then
    shell; any other line is Generic::Output; `...` alone is a comment."""
    assert hl("$ echo hi\nhi\n...\n", "console") == (
        '<span class="gp">$</span><span class="w"> </span><span class="nb">echo </span>hi\n'
        '<span class="go">hi\n</span><span class="c">...\n</span>')


def test_yaml_a_dedent_below_the_indent_stack_is_an_error():
    """yaml.rb save_indent: a line indented less than the block it closes writes the spaces past
    the indent it returns to (here all three) as Error."""
    assert '\n<span class="err">   </span><span class="na">c</span>' in hl("a:\n    b: 1\n   c: 2\n", "yaml")


def test_ruby_percent_strings_use_a_state_made_for_their_delimiters():
    assert hl("%w(a (b) c)", "ruby") == '<span class="sx">%w(a (b) c)</span>'
    assert hl("%r{a/b}i", "ruby") == '<span class="sr">%r{a/b}i</span>'
    assert hl("%\\a\\", "ruby") is None  # (Rouge's pattern for a `\\` delimiter fails: Pygments does it)


def test_a_markdown_fence_in_an_unported_language_leaves_the_block_to_pygments():
    """markdown.rb delegates a fence to the lexer its name finds: not ported here (zig), the whole
    block is None (Pygments does it); a name Rouge does not know is Str::Backtick text."""
    assert hl("```zig\nconst x = 1;\n```\n", "markdown") is None
    assert '<span class="sb">zzz</span>\n' in hl("```nosuchlang\nzzz\n```\n", "markdown")


def test_the_scan_position_is_the_start_of_the_text_a_rule_sees():
    """StringScanner matches from the scan position: a leading \\b looks at no character before
    it (Rouge's shell lexer finds `if` right after `x`), a leading lookbehind never holds."""
    assert hl("x=if", "shell") == '<span class="nv">x</span><span class="o">=</span><span class="k">if</span>'


class _Loops(RegexLexer):
    states = {"root": [(r"(?=a)", Text, "root"), (r"b", Str)]}


def test_more_than_five_empty_matches_in_a_row_write_one_character_as_an_error():
    """RegexLexer#step: after MAX_NULL_SCANS empty matches the character is an Error token."""
    assert _Loops().lex("ab") == [(Error, "a"), (Str, "b")]


def test_tokens_of_one_kind_are_consolidated_and_text_is_written_bare():
    tokens = consolidate([(Str, "a"), (Str, "b"), (Text, "<"), (Text, "&")])
    assert tokens == [(Str, "ab"), (Text, "<&")]
    assert to_html(tokens) == '<span class="s">ab</span>&lt;&amp;'


def test_lexers_are_imported_with_their_first_block():
    """Issue 14: importing specsite.rouge loads no lexer; a JSON block loads the JSON port alone."""
    script = ("import sys; from specsite import rouge; a = sorted(m for m in sys.modules if m.startswith('specsite.rouge.')); "
              "rouge.highlight('{}', 'json'); b = sorted(m for m in sys.modules if m.startswith('specsite.rouge.')); "
              "print(a, b)")
    out = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[] ['specsite.rouge.engine', 'specsite.rouge.json', 'specsite.rouge.tokens']", out.stderr


def test_an_unclosed_fence_goes_on_line_by_line_and_an_unmatched_group_writes_nothing():
    """markdown.rb: `token Text, m[6]` with the closing group unmatched writes nothing (not the
    whole match); the lines after are delegated one by one, a last line without its newline
    matches no rule and is written character by character as Error (Rouge's own output)."""
    assert hl("```zz\nabc\n", "markdown") == '<span class="p">```</span><span class="nl">zz\n</span><span class="sb">abc\n</span>'
    assert hl("```zz\nabc", "markdown") == '<span class="p">```</span><span class="nl">zz\n</span><span class="err">abc</span>'


def test_every_port_keeps_every_character_of_any_text():
    """Odd text through every ported lexer: the tokens put back together are the text, and no
    exception escapes but Unported (a markdown fence whose lexer is not ported) and re.error (a Ruby
    string `%\\a\\`: Rouge's own pattern for its delimiter does not compile either)."""
    import re
    import random
    from specsite.rouge import _PORTED, lexer_class
    from specsite.rouge.engine import Unported
    rng = random.Random(3)
    pieces = list("abcXYZ019 \t\n{}[]()<>\"'`$#%&*+-/\\:;,.?!@=|^~_") + [
        "<?php", "?>", "```", "~~~", "{%", "%}", "{{", "}}", "<<EOF", "EOF", "/*", "*/", "---", '"""', "${", "#{",
        "%w(", "\u00e9", "\u2028"]
    for name in sorted(set(_PORTED)):
        cls = lexer_class(name)
        for _ in range(60):
            text = "".join(rng.choice(pieces) for _ in range(rng.randrange(1, 50)))
            try:
                assert "".join(value for _, value in cls().lex(text)) == text, (name, text)
            except (Unported, re.error):
                pass


def test_a_leading_lookbehind_sees_no_character_before_the_scan_position():
    """toml.rb's `(?<!=)\\s*\\[…\\]` always holds (a value `[x]` is a table name, as Rouge writes it);
    viml.rb's comment rule `(?<=\\s)"…` never does (the rest of the line is text)."""
    assert hl("a = [x]", "toml") == ('<span class="py">a</span> <span class="p">=</span> '
                                     '<span class="nn">[x]</span>')
    assert hl('set x "-comment', "vim") == ('<span class="k">set</span> <span class="k">x</span> "'
                                           '<span class="p">-</span>comment')


def test_an_interpolated_ruby_regex_is_a_group():
    """cpp.rb's `#{dq}?` makes the whole digit group optional (Ruby wraps an interpolated Regexp
    in (?-mix:…)), not a lazy repeat of its last part: `2.101` is one float."""
    assert hl("x = 2.101;", "cpp") == ('<span class="n">x</span> <span class="o">=</span> '
                                       '<span class="mf">2.101</span><span class="p">;</span>')


def test_rouge_quirks_kept():
    """lua.rb's float rule ends with a stray `'` (so `1.5` is integer, dot, integer); a CMake
    bracket closes only at its own length; a Rust macro's state ends when its delimiters balance."""
    assert hl("x = 1.5 + 1.5'", "lua") == (
        '<span class="n">x</span> <span class="o">=</span> <span class="mi">1</span><span class="p">.</span>'
        '<span class="mi">5</span> <span class="o">+</span> <span class="mf">1.5\'</span>')
    assert hl("set(a [==[ x ]=] y ]==] b)", "cmake") == (
        '<span class="nb">set</span><span class="p">(</span>a <span class="s2">[==[ x ]=] y ]==]</span> b'
        '<span class="p">)</span>')
    assert hl("vec![(1), {2}]; x", "rust") == (
        '<span class="nd">vec!</span><span class="p">[(</span><span class="mi">1</span><span class="p">),</span> '
        '<span class="p">{</span><span class="mi">2</span><span class="p">}];</span> <span class="n">x</span>')


def test_unicode_names_and_capitals_in_swift():
    """swift.rb: a name is \\p{Alpha}-led; one that starts with a capital is Keyword::Type, also
    before a `:` (its label rule refuses [[:upper:]], Unicode ones too)."""
    assert hl("let π = 1; Été: 1", "swift") == (
        '<span class="k">let</span> <span class="nv">π</span> <span class="o">=</span> <span class="mi">1</span>'
        '<span class="p">;</span> <span class="kt">Été</span><span class="p">:</span> <span class="mi">1</span>')


def test_aliases_name_the_ported_lexers():
    """Rouge's tags and aliases (Lexer.find) of the ports: jsonc is json-doc, vim/ex are viml,
    latex is tex, objc is objective_c, posh is powershell, golang is go, dockerfile is docker."""
    from specsite.rouge import lexer_class
    for name, tag in (("jsonc", "json-doc"), ("ex", "viml"), ("latex", "tex"), ("obj-c", "objective_c"),
                      ("posh", "powershell"), ("golang", "go"), ("dockerfile", "docker"), ("c++", "cpp"),
                      ("dlang", "d"), ("rs,no_run", "rust")):
        assert lexer_class(name).tag == tag


def test_ruby_regex_quirks_at_the_scan_position():
    """erlang.rb's `(?:^|(?<=:))name(` holds mid-line (Ruby's scanner matches a `^` that is not the
    pattern's first character at the scan position); elixir.rb's `(?<!\\.)\\b(do|\\-\\>)\\b`
    alternative never takes `->` (a \\b before `-` at the scan position is false): it is two
    operators, `-` and `>`, written as one span."""
    assert hl("x = f(1)", "erlang") == ('<span class="n">x</span> <span class="o">=</span> '
                                       '<span class="nf">f</span><span class="p">(</span>'
                                       '<span class="mi">1</span><span class="p">)</span>')
    assert hl("fn x -> x end", "elixir") == ('<span class="k">fn</span> <span class="n">x</span> '
                                            '<span class="o">-&gt;</span> '
                                            '<span class="n">x</span> <span class="k">end</span>')


def test_a_ruby_exception_leaves_the_block_to_pygments():
    """Where Rouge itself raises (an Elixir sigil without its letter: 'Rr'.include?(nil)), the
    port does not guess: the block is None."""
    assert hl('~"x"', "elixir") is None


def test_shared_class_variables_of_jinja_and_twig():
    """jinja.rb/twig.rb keep their word lists in @@ class variables: the first class to ask sets
    them for both, so after a Jinja block Twig's `flush` is a plain name, as in one Jekyll run."""
    from specsite.rouge import jinja
    saved = {k: dict(v) for k, v in jinja._CLASS_VARIABLES.items()}
    try:
        for v in jinja._CLASS_VARIABLES.values():
            v.clear()
        assert '<span class="k">flush</span>' in hl("{% flush %}", "twig")
        for v in jinja._CLASS_VARIABLES.values():
            v.clear()
        hl("{% if %}", "jinja")
        assert '<span class="nv">flush</span>' in hl("{% flush %}", "twig")
    finally:
        jinja._CLASS_VARIABLES.update(saved)
