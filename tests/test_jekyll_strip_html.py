"""strip_html as Liquid 4 (Jekyll 4.3) runs it: its two regexes, not an HTML parser."""
from __future__ import annotations

from conftest import page_of


def test_strip_html_is_liquids_regexes(site_factory):
    """Expected from `jekyll build` 4.3.1 of the same page: a `<` that opens no tag still runs to
    the next `>`; comments, scripts and styles go with their content; nil is empty."""
    body = ('[{{ "a < b <p>x</p> <!-- c --> <script>y</script>z" | strip_html }}]\n'
            "[{{ nil | strip_html }}]\n[{{ 12 | strip_html }}]\n")
    site = site_factory({"_config.yml": "title: t\n", "t.html": f"---\nlayout: none\n---\n{body}"})
    assert page_of(site, "t.html").html == "[a x  z]\n[]\n[12]\n"
