"""Writes /work/corpora/mdx7 (or CORPUS): constructed documents for markdown_differential.py that
combine the inline constructs spec pages use, each with each, plus the block-level corners the
block-pair corpus (mdx6/combos) left.

  markdown_inline_corpus.py CORPUS

Documents: p* every unordered pair of ATOMS (a pair written 'A B', 'B A', 'AB' and 'BA', four
paragraphs; the link, footnote and abbreviation definitions the atoms need after them); x* each
atom in each CONTEXT (ATX and setext heading, table cell, list item, quote, emphasis, strong, link
text, span with markdown="1"); b* BLOCK_CORNERS written out by hand. Names are stable while the
tables below keep their order.
"""
from __future__ import annotations

import itertools
import sys
from pathlib import Path

# name, inline markdown (one line)
ATOMS = [
    ("em_star", "*em* and a*b*c and 2*3*4"),
    ("em_under", "_em_ and snake_case_word and _a_b and __init__"),
    ("strong", "**strong** and __strong__ and ***both*** and **a*b*c**"),
    ("unclosed", "*unclosed and _open and **half* and a * b"),
    ("punct_em", "(*x*), \"*y*\". *z*! _w_: **v**;"),
    ("code", "`code` and ``a ` b`` and ` spaced ` and `a\\`"),
    ("link", "[text *em*](http://example.com/a \"Title\") and [t](<u v.html> 'T')"),
    ("image", "![alt *x*](img.png 'T') and ![](e.png)"),
    ("reflink", "[Ref Link][ref] and [ref  link] and [Text][] and [miss][nope] and [ref]"),
    ("autolink", "<http://example.com/x?a=1&b=2> <me@example.com> http://bare.example.com/p."),
    ("html_inline", "a<br>b <br/> <span class=\"k\">s</span> <!-- c --> <kbd>K</kbd>"),
    ("span_md", "<span markdown=\"1\">*md* in span</span> <em>raw *x*</em>"),
    ("entities", "&nbsp;&#x2014; &copy; &bogus; AT&T &#xZZ; &amp;amp; &#39;"),
    ("escapes", "\\| \\* \\< \\_ \\` \\\\ \\{ \\# \\[x\\] \\: \\\" \\'"),
    ("smart", "\"double\" 'single' it's '90s 5'10\" rock 'n' roll"),
    ("typo", "a -- b --- c ... d << e >> f <<x>> g"),
    ("footnote", "note[^1] and again[^n2]"),
    ("abbr", "API use, the API's and APIs and (API)"),
    ("ial", "*x*{:.cls} and [l](u.html){:#lid} and `c`{: .k}"),
    ("math", "$$a_b * c$$ and $5 and $$x$$"),
    ("liquid", "{{ x }} and {% if a %}b{% endif %} and {{x|y}}"),
    ("breaks", "one  \ntwo\\\nthree"),
    ("pipes_code", "`a|b` and `\\|` and a\\|b"),
    ("quotes_markup", "\"*em*\" '[l](u.html)' \"`code`\" '5' \"**s**\""),
]

DEFINITIONS = {
    "reflink": "[ref]: http://example.com/r \"R\"\n[Ref link]: /rl.html\n[text]: /t.html\n",
    "footnote": "[^1]: The note *em*.\n[^n2]: Second `note`.\n",
    "abbr": "*[API]: Application Programming Interface\n",
}

# name, template: {a} is the atom's text (a line), {defs} the definitions it needs
CONTEXTS = [
    ("atx", "## Head {a} end\n\ntext\n"),
    ("setext", "Head {a}\n--------\n\ntext\n"),
    ("table", "| col | {a} |\n|-----|-----|\n| {a} | x |\n"),
    ("list", "* {a}\n* item two {a}\n\n1. {a}\n"),
    ("quote", "> {a}\n> more\n"),
    ("em", "*in {a} em* and _in {a}_\n"),
    ("strong", "**in {a} strong**\n"),
    ("linktext", "[in {a} link](http://example.com/l)\n"),
    ("span", "<span markdown=\"1\">in {a} span</span>\n"),
]

BLOCK_CORNERS = [
    ("icode_blank1", "para\n\n    code a\n \n    code b\n"),
    ("icode_blank3", "para\n\n    code a\n   \n    code b\n"),
    ("icode_blank2x", "para\n\n    code a\n  \n\n    code b\n"),
    ("icode_blank_tab", "para\n\n    code a\n\t\n    code b\n"),
    ("icode_blank_end", "para\n\n    code a\n  \n\nafter\n"),
    ("icode_blank5", "para\n\n    code a\n      \n    code b\n"),
    ("list_cont1", "* item one\n  continued two\n   three\n* item two\n"),
    ("list_cont_lazy", "* item one\ncontinued\n    deeper\n* item two\n"),
    ("list_cont_ol", "1. item one\n     five spaces\n   three spaces\n2. two\n"),
    ("list_cont_para", "* item one\n\n  para two\n   more\n\n* item two\n"),
    ("list_cont_nested", "* a\n  * b\n    cont b\n   cont3\n* c\n"),
    ("ns_tag_vp", "text before\n\n<v:p/>\n\ntext after\n"),
    ("ns_tag_op", "<o:p></o:p>\n\npara\n"),
    ("ns_tag_optext", "<o:p>text *x*</o:p>\n\npara\n"),
    ("ns_tag_inline", "para <o:p>x</o:p> more\n<v:shape id=\"s\"/>\n"),
    ("ns_tag_under", "para\n<o:p>x</o:p>\n"),
    ("ns_tag_block", "<w:WordDocument>\n<w:View>Normal</w:View>\n</w:WordDocument>\n\npara\n"),
    ("td_in_para", "text\n<td>x</td>\nmore\n"),
    ("td_lines", "para\n<tr>\n<td>a</td><td>b</td>\n</tr>\n"),
    ("tablerow_para", "text\n{% tablerow x in xs %}\n<td>{{ x }}</td>\n{% endtablerow %}\n"),
    ("td_start", "<td>cell</td> and text\n\npara\n"),
    ("tr_td_start", "<tr><td>a</td></tr>\ntext\n"),
    ("p_lead_tag", "<em>a</em> b </p> c\n"),
    ("p_lead_tag2", "<span>a</p> text\n\nnext\n"),
    ("p_lead_tag3", "<b>x</b> text</p>\n\nnext\n"),
    ("p_lead_tag4", "<a href=\"u\">l</a> t </p>\n<p>n</p>\n"),
    ("p_lead_code", "<code>c</code> </p> d\n"),
    ("p_close_only", "</p>\n\ntext\n"),
    ("p_close_para", "text\n</p>\nmore\n"),
    ("hr_variants", "text\n\n* * *\n\n- - -\n\n___\n"),
    ("heading_ids", "# Héllo Wörld\n\n# 1. Numbers first\n\n# a & b < c\n\n# `code` head\n\n# Hello World\n\n# -dash\n\n# ___\n"),
    ("heading_ids2", "## [Link](u.html) head\n\n## **Bold** _it_\n\n## Nested [^1] note\n\n## x&nbsp;y &amp; z\n\n[^1]: n\n"),
    ("heading_ial", "## Head {#custom}\n\n## Head2\n{: #other .c}\n\n## Head3 {#x .y}\n"),
    ("heading_trailing", "## Head ##\n\n## Head # x\n\n##Nospace\n\n#######\n"),
    ("table_code_pipe", "| a | b |\n|---|---|\n| `x|y` | `\\|` |\n| a\\|b | `c` |\n"),
    ("table_fn_abbr", "| API | b[^1] |\n|-----|------|\n| *API* | [API](u.html) |\n\n[^1]: n\n*[API]: Application\n"),
    ("abbr_places", "# The API\n\n*API* and **API** and [API](u.html) and `API` and <span>API</span>\n\n*[API]: Application Programming Interface\n"),
    ("abbr_multi", "HTML and HTML5 and W3C-HTML\n\n*[HTML]: Hyper Text\n*[W3C]: Web consortium\n*[HTML5]:\n"),
    ("fn_places", "# Head[^a]\n\n* item[^b]\n\n> quote[^c]\n\n[^a]: A\n[^b]: B\n[^c]: C\n[^d]: unused\n"),
    ("fn_missing", "text[^nope] and [^] and [^a b]\n"),
    ("fn_repeat", "a[^1] b[^1]\n\n[^1]: one\n"),
    ("math_block", "text\n\n$$\na = b\n$$\n\n$$x$$ alone\n"),
    ("span_ial_after", "*a*{:.c} **b**{: #i} `c`{:.k} [d](u.html){:title=\"t\"} ![e](e.png){:width=\"2\"}\n"),
    ("line_breaks", "one  \ntwo\\\nthree   \nfour\t\nfive\n"),
    ("line_breaks_end", "end with spaces  \n\nend with backslash\\\n\nnext\n"),
    ("entities_heads", "# &copy; x &#169;\n\n# a&nbsp;b\n"),
    ("quotes_numbers", "'90s and the '80s, 5'10\" tall, it's 'quoted' and \"a\"b\n"),
    ("quotes_edges", "\"*x*\" '`y`' \"[z](u.html)\" 'a' ('b') [\"c\"] --\"d\"--\n"),
    ("typo_edges", "a--b a---b a...b <<a>> a << b --> c <-- d\n"),
    ("escapes_all", "\\! \\\" \\# \\$ \\% \\& \\' \\( \\) \\* \\+ \\, \\- \\. \\/ \\: \\; \\< \\= \\> \\? \\@ \\[ \\\\ \\] \\^ \\_ \\` \\{ \\| \\} \\~\n"),
    ("code_runs", "``` a``b ```\n\nx ``y`` z ` `` ` and `` ` `` and ```a`\n"),
    ("code_in_link", "[`code` link](u.html) and [a `b]` c](v.html)\n"),
    ("link_titles", "[a](u.html \"t \\\"q\\\"\") [b](u.html 'it''s') [c](u.html (paren)) [d]( u.html )\n"),
    ("ref_case", "[Foo Bar] and [foo   bar] and [FOO BAR][] and [x][Foo Bar]\n\n[foo bar]: /fb.html\n"),
    ("ref_defs_title", "[a] [b] [c]\n\n[a]: /a.html 'single'\n[b]: </b c.html> \"dbl\"\n[c]: /c.html\n  (paren)\n"),
    ("bare_urls", "see http://example.com/a_b_c and www.example.com and https://x.org/p?q=1.\n"),
    ("inline_comment", "a <!-- c *x* --> b\n\n<!-- block -->\n\nc <!--\nmulti\n--> d\n"),
    ("html_entity_attr", "<a href=\"a?x=1&y=2\">l</a> <img src=\"i.png\" alt=\"a & b\">\n"),
    ("entity_numbers", "&#128512; and &#x41; and &#X41; and &#65 and &#x;\n"),
    ("liquid_text", "{{ page.title }}\n\n{% include x.html %}\n\n{% raw %}{{ y }}{% endraw %}\n"),
]


def pair_document(a: tuple, b: tuple) -> str:
    (na, ta), (nb, tb) = a, b
    body = f"{ta} {tb}\n\n{tb} {ta}\n\n{ta}{tb}\n\n{tb}{ta}\n"
    defs = "".join(DEFINITIONS[n] for n in dict.fromkeys((na, nb)) if n in DEFINITIONS)
    return body + ("\n" + defs if defs else "")


def context_document(atom: tuple, template: str) -> str:
    name, text = atom
    body = template.format(a=text)
    return body + ("\n" + DEFINITIONS[name] if name in DEFINITIONS else "")


def documents():
    for i, (a, b) in enumerate(itertools.combinations_with_replacement(ATOMS, 2), 1):
        yield f"p{i:03d}", f"{a[0]}+{b[0]}", pair_document(a, b)
    number = 0
    for ctx, template in CONTEXTS:
        for atom in ATOMS:
            number += 1
            yield f"x{number:03d}", f"{ctx}({atom[0]})", context_document(atom, template)
    for number, (name, text) in enumerate(BLOCK_CORNERS, 1):
        yield f"b{number:03d}", name, text


def write(corpus: Path) -> int:
    docs = corpus / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    rows = []
    for name, what, text in documents():
        (docs / f"{name}.md").write_text(text, encoding="utf-8")
        rows.append(f"{name}\t{what}\n")
    (corpus / "MANIFEST.tsv").write_text("".join(rows), encoding="utf-8")
    return len(rows)


if __name__ == "__main__":
    print(write(Path(sys.argv[1] if len(sys.argv) > 1 else "/work/corpora/mdx7")), "documents")
