"""`page.content` as Jekyll 4.3 gives it: the raw text (Liquid and markdown as written) while the
page's own Liquid runs, in its body and its includes; in a page's layouts still its raw text (they
read the Hash Page#to_liquid made before it rendered), in a document's layouts its converted
content (its DocumentDrop); a `site.pages` loop after the page rendered reads it converted.
Expected output: real Jekyll 4.3.1's build of this site."""
from __future__ import annotations

import pytest

from conftest import make_site
from specsite import build
from specsite.config import load_config

SITE = {'_config.yml': 'title: T\n', '_includes/inc.html': 'I[{{ page.content | size }}]', '_layouts/default.html': '<div>{{ content }}</div>L[{{ page.content | jsonify }}]{% for p in site.pages %}S[{{ p.path }}={{ p.content | jsonify }}]{% endfor %}\n', '_layouts/outer.html': '---\nlayout: default\n---\nO[{{ page.content | size }}]{{ content }}', '_posts/2020-01-01-p.md': '---\nlayout: default\n---\nPost *x* B[{{ page.content }}]\n', 'a.md': '---\nlayout: outer\n---\nHi *there*\nB[{{ page.content | jsonify }}] {% include inc.html %}\n', 'h.html': '---\nlayout: default\n---\n<p>H {{ page.content | size }}</p>\n', 'n.md': '---\n---\nNo layout {{ page.content | size }}\n'}
JEKYLL = {'2020/01/01/p.html': '<div><p>Post <em>x</em> B[Post <em>x</em> B[{{ page.content }}]\n]</p>\n</div>L["<p>Post <em>x</em> B[Post <em>x</em> B[{{ page.content }}]\\n]</p>\\n"]S[a.md="Hi *there*\\nB[{{ page.content | jsonify }}] {% include inc.html %}\\n"]S[h.html="<p>H {{ page.content | size }}</p>\\n"]S[n.md="No layout {{ page.content | size }}\\n"]\n', 'a.html': '<div>O[66]<p>Hi <em>there</em>\nB[“Hi <em>there</em>\\nB[{{ page.content | jsonify }}] {% include inc.html %}\\n”] I[66]</p>\n</div>L["Hi *there*\\nB[{{ page.content | jsonify }}] {% include inc.html %}\\n"]S[a.md="<p>Hi <em>there</em>\\nB[“Hi <em>there</em>\\\\nB[{{ page.content | jsonify }}] {% include inc.html %}\\\\n”] I[66]</p>\\n"]S[h.html="<p>H {{ page.content | size }}</p>\\n"]S[n.md="No layout {{ page.content | size }}\\n"]\n', 'h.html': '<div><p>H 35</p>\n</div>L["<p>H {{ page.content | size }}</p>\\n"]S[a.md="<p>Hi <em>there</em>\\nB[“Hi <em>there</em>\\\\nB[{{ page.content | jsonify }}] {% include inc.html %}\\\\n”] I[66]</p>\\n"]S[h.html="<p>H 35</p>\\n"]S[n.md="No layout {{ page.content | size }}\\n"]\n', 'n.html': '<p>No layout 36</p>\n'}


@pytest.mark.parametrize("name", sorted(JEKYLL))
def test_page_content_reads_as_in_jekyll(tmp_path, name):
    src = make_site(tmp_path / "src", SITE)
    build.run(load_config(src, tmp_path / "out"), cache=None)
    assert (tmp_path / "out" / name).read_text(encoding="utf-8") == JEKYLL[name]
