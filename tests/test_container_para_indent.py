"""kramdown keeps a paragraph's continuation-line blanks in list items and blockquotes too, less
only the container's own indentation (a blockquote's `> `, an item's content column; a lazy line
whole; leading tabs of an item's line widened to four blanks). Seen through `strip_newlines` or
`jsonify` of `content` (search.json-style includes). The expectation is Jekyll 4.3.1's own output
(`jekyll build` of this page), with the blanks kramdown puts between block tags dropped."""
from __future__ import annotations

import re


BODY = '- item text\n  continues two\n    four spaces\n   three\n\n1. num item\n   cont three\n     five\n      six\n\n> quote line\n>   two after marker\n>     four\n> back\n\n* outer\n  * inner\n      deep\n    four\n\n- loose item\n\n  para two\n     indented cont\n  back\n\n> - quoted item\n>     more\n\n- lazy item\n one space lazy\nlazy zero\n   three\n\n\n- [ ] task item\n    cont task\n- [x] done\n      more\n\n> quote\n   lazy three\n>     five\n\n1. one\n    four\n2. two\n      six\n    * nested\n        deep\n\n- item with html\n    <span>x</span> y\n    text\n\n-   wide marker\n      six\n     five\n\n> - q item\n>     four\n    lazy four\n\n* a\n\ttab cont\n'

JEKYLL = '<ul><li>item textcontinues two  four spaces three</li></ul><ol><li>num itemcont three  five   six</li></ol><blockquote><p>quote line  two after marker    fourback</p></blockquote><ul><li>outer<ul><li>inner  deepfour</li></ul></li><li><p>loose item</p><p>para two   indented contback</p></li></ul><blockquote><ul><li>quoted item  more</li></ul></blockquote><ul class="task-list"><li><p>lazy item one space lazylazy zero three</p></li><li class="task-list-item"><input type="checkbox" class="task-list-item-checkbox" disabled="disabled" />task item  cont task</li><li class="task-list-item"><input type="checkbox" class="task-list-item-checkbox" disabled="disabled" checked="checked" />done    more</li></ul><blockquote><p>quote   lazy three    five</p></blockquote><ol><li>one four</li><li>two   six<ul><li>nested  deep</li></ul></li></ol><ul><li><p>item with html  <span>x</span> y  text</p></li><li><p>wide marker  six five</p></li></ul><blockquote><ul><li>q item  four  lazy four</li></ul></blockquote><ul><li>a  tab cont</li></ul>'


def _tags_joined(html: str) -> str:
    return re.sub(r"\s+(?=</?(?:ul|ol|li|p|blockquote)\b)|(?<=>)\s+(?=<)", "", html)


def test_container_paragraph_lines_keep_kramdowns_blanks(site_factory, tmp_path):
    out = tmp_path / "out"
    site_factory({"_config.yml": "title: t\n", "_layouts/default.html": "{{ content | strip_newlines }}",
                  "a.md": "---\nlayout: default\n---\n" + BODY}, write=True, out=out)
    assert _tags_joined((out / "a.html").read_text()) == JEKYLL


def test_a_quote_alone_keeps_the_blanks_after_its_marker(site_factory, tmp_path):
    """Jekyll 4.3.1: `> a\\n>  b\\n>\\n> c\\n>\\td` is `<p>a\\n b</p>` and `<p>c\\n\\td</p>` (only `> ?` goes)."""
    out = tmp_path / "out"
    site_factory({"_config.yml": "title: t\n", "_layouts/default.html": "{{ content | strip_newlines }}",
                  "a.md": "---\nlayout: default\n---\n> a\n>  b\n>\n> c\n>\td\n"}, write=True, out=out)
    assert _tags_joined((out / "a.html").read_text()) == "<blockquote><p>a b</p><p>c\td</p></blockquote>"
