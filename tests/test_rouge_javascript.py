"""Rouge 3.30's JavaScript lexer as Jekyll runs it (specsite/rouge/javascript.py): strings as
Str::Delimiter around their text, `:` Punctuation, integers Integer, template literals' `${` Punctuation.
Pygments' JavaScript lexer writes these otherwise (found on openspending/fiscal-data-package)."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import make_site, run_cli
from specsite import rouge

CODE = """// a comment
const re = /ab[^c/]+\\d{2,3}/gi, n = 0.5e3;
let t = `a ${b + 1} \\` f`;
label: for (var i = 0x1F; i < 2; i++) { if (a?.b ?? c) continue label; }
y = {a: 1, 'b': "c\\"d", [e]: f};
@decorator class C extends D { static get x() { return this.y ? 1 : null; } }
"""

JEKYLL = "".join((  # Jekyll 4.3.1 (rouge 3.30), byte for byte
    '<span class="c1">// a comment</span>\n',
    '<span class="kd">const</span> <span class="nx">re</span> <span class="o">=</span> <span class="sr">/ab</span><span class="se">[^</span><span class="sr">c</span><span class="se">/]</span><span class="sr">+</span><span class="se">\\d{2,3}</span><span class="sr">/gi</span><span class="p">,</span> <span class="nx">n</span> <span class="o">=</span> <span class="mf">0.5e3</span><span class="p">;</span>\n',
    '<span class="kd">let</span> <span class="nx">t</span> <span class="o">=</span> <span class="s2">`a </span><span class="p">${</span><span class="nx">b</span> <span class="o">+</span> <span class="mi">1</span><span class="p">}</span><span class="s2"> </span><span class="se">\\`</span><span class="s2"> f`</span><span class="p">;</span>\n',
    '<span class="nl">label</span><span class="p">:</span> <span class="k">for</span> <span class="p">(</span><span class="kd">var</span> <span class="nx">i</span> <span class="o">=</span> <span class="mh">0x1F</span><span class="p">;</span> <span class="nx">i</span> <span class="o">&lt;</span> <span class="mi">2</span><span class="p">;</span> <span class="nx">i</span><span class="o">++</span><span class="p">)</span> <span class="p">{</span> <span class="k">if</span> <span class="p">(</span><span class="nx">a</span><span class="p">?.</span><span class="nx">b</span> <span class="o">??</span> <span class="nx">c</span><span class="p">)</span> <span class="k">continue</span> <span class="nx">label</span><span class="p">;</span> <span class="p">}</span>\n',
    '<span class="nx">y</span> <span class="o">=</span> <span class="p">{</span><span class="na">a</span><span class="p">:</span> <span class="mi">1</span><span class="p">,</span> <span class="dl">\'</span><span class="s1">b</span><span class="dl">\'</span><span class="p">:</span> <span class="dl">"</span><span class="s2">c</span><span class="se">\\"</span><span class="s2">d</span><span class="dl">"</span><span class="p">,</span> <span class="p">[</span><span class="nx">e</span><span class="p">]:</span> <span class="nx">f</span><span class="p">};</span>\n',
    '<span class="p">@</span><span class="nd">decorator</span> <span class="kd">class</span> <span class="nx">C</span> <span class="kd">extends</span> <span class="nx">D</span> <span class="p">{</span> <span class="kd">static</span> <span class="kd">get</span> <span class="nx">x</span><span class="p">()</span> <span class="p">{</span> <span class="k">return</span> <span class="k">this</span><span class="p">.</span><span class="nx">y</span> <span class="p">?</span> <span class="mi">1</span> <span class="p">:</span> <span class="kc">null</span><span class="p">;</span> <span class="p">}</span> <span class="p">}</span>\n'))


def test_a_javascript_fence_is_highlighted_as_jekylls_rouge_writes_it(tmp_path):
    src = make_site(tmp_path / "site", {"_config.yml": "title: T\n", "_layouts/none.html": "{{ content }}",
                                        "index.md": "---\nlayout: none\n---\n```js\n" + CODE + "```\n"})
    assert run_cli(["build", "--source", src, "--out", tmp_path / "out", "--no-cache"]) == 0
    code = (tmp_path / "out" / "index.html").read_text(encoding="utf-8").split("<code>")[1].split("</code>")[0]
    assert code == JEKYLL


SAMPLES = [CODE, "var ünï = \"open\nvar x = 'a\\\\'b' + \"\\\\u0041\";\nif (a) /re/.test(s)\n",
           "f(/[/]/, /a\\\\/b/i, /x\n)\n<!-- c\nz = a ? b : c ? { d: 1 } : e;\n", "`${`${`x`}`}`\n$a.$b _x1\n",
           "{{{{{{{{ a }}}}}}}}\n", "#!/usr/bin/env node\nx\n", "a = 1\n\n  /re/\n"]


@pytest.mark.skipif(shutil.which("ruby") is None, reason="ruby is not installed")
@pytest.mark.parametrize("code", SAMPLES)
def test_the_html_is_rouges_own(code):
    """Each sample highlighted by this machine's rouge (skipped where it is missing): the same HTML."""
    script = ("require 'rouge'; print Rouge::Formatters::HTML.new.format("
              "Rouge::Lexers::Javascript.new.lex(STDIN.read))")
    run = subprocess.run(["ruby", "-e", script], input=code, capture_output=True, text=True, timeout=60)
    if run.returncode != 0:
        pytest.skip("rouge is not installed: " + run.stderr[-200:])
    assert rouge.highlight(code, "javascript") == run.stdout
