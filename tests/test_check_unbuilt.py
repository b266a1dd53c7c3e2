"""A plain link to a post that exists but is not built says why and how to build it, in the
`{% link %}` tag's words (check/unbuilt.py), instead of "create the page"."""
from __future__ import annotations

from conftest import build_site, diagnostics_of, make_site


def test_a_link_to_a_future_draft_or_unpublished_post_says_why_it_is_not_built(tmp_path):
    """Jekyll 4.3.1 builds only 2020/02/02/ok.html and index.html of this site (checked by hand:
    `jekyll build`); the other links name the source and the reason, the last one stays generic."""
    site = make_site(tmp_path, {
        "_config.yml": "title: t\n",
        "_posts/2099-01-01-future.md": "---\ntitle: F\n---\nfuture\n",
        "_posts/2020-01-01-hidden.md": "---\ntitle: H\npublished: false\n---\nhidden\n",
        "_drafts/idea.md": "---\ntitle: D\n---\ndraft\n",
        "_posts/2020-02-02-ok.md": "---\ntitle: O\n---\nok\n",
        "index.md": "---\ntitle: Home\n---\n[f](/2099/01/01/future.html) [h](2020/01/01/hidden.html) "
                    "[d](/2024/05/05/idea.html) [ok](2020/02/02/ok.html) [none](/2020/01/01/nothing.html)\n",
    })
    found = [(d.column, d.message, d.hint) for d in diagnostics_of(build_site(site), "broken-link")]
    assert [f[0] for f in found] == [5, 34, 62, 117]
    future, hidden, draft, none = found
    assert "built from '_posts/2099-01-01-future.md', which is a post dated 2099-01-01" in future[1]
    assert future[2].startswith("Set `future: true` in _config.yml")
    assert "built from '_posts/2020-01-01-hidden.md', which is not written by Jekyll (`published: false`" in hidden[1]
    assert "built from '_drafts/idea.md', which is a draft" in draft[1]
    assert none[1] == "page '2020/01/01/nothing.html' does not exist in the site"
