"""kramdown's rouge highlighter with `syntax_highlighter_opts: {block: {line_numbers: true}}`
(jekyll-theme-chirpy's starter _config.yml has it): each code block's highlighted code goes in
Rouge::Formatters::HTMLTable's table, a gutter of line numbers from `start_line` and the code
(rouge/formatters/html_table.rb: one number per line, and one more when the code does not end
with a newline). Jekyll's own `{% highlight %}` tag is not affected."""
from __future__ import annotations

import re

_BLOCK = re.compile(r'(<div class="language-[^"]*highlighter-rouge[^"]*"[^>]*><div class="highlight">'
                    r'<pre class="highlight"><code>)(.*?)(</code></pre>)', re.S)


def line_number_tables(body: str, start_line: int = 1) -> str:
    """Every kramdown code block of `body` as rouge's line-number table."""
    if "highlighter-rouge" not in body:
        return body

    def table(m) -> str:
        code = m.group(2)
        lines = code.count("\n") + (1 if code and not code.endswith("\n") else 0)
        numbers = "\n".join(str(n) for n in range(start_line, start_line + lines)) + "\n"
        return (f'{m.group(1)}<table class="rouge-table"><tbody><tr><td class="rouge-gutter gl">'
                f'<pre class="lineno">{numbers}</pre></td><td class="rouge-code"><pre>{code}</pre></td>'
                f'</tr></tbody></table>{m.group(3)}')
    return _BLOCK.sub(table, body)


def after_rouge(body: str, extras) -> str:
    """The kramdown options of `extras` (a KramdownExtras) that apply after as_rouge: the
    footnote list's start (as_rouge drops other lists' start) and block line numbers."""
    if extras.footnote_nr != 1:
        from .footnote_options import footnote_list_start
        body = footnote_list_start(body, extras.footnote_nr)
    if extras.block_line_numbers:
        body = line_number_tables(body, extras.block_start_line)
    return body
