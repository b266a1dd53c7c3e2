"""Why a source file that exists is not in the built site (a `{% link %}` to it stops Jekyll's build)."""
from __future__ import annotations

import datetime
import re


_DATED = re.compile(r"(?:^|/)_posts/(?:.*/)?(\d{4}-\d{2}-\d{2})-[^/]+$")


def unwritten_source(root, rel: str):
    """(why, hint) for a source file that exists but that Jekyll does not write: a draft, a post
    dated after the build (`future: false`), or else one it leaves out (`published: false`, an
    `exclude:` pattern); None when no such file exists. A `{% link %}` to one stops Jekyll's build
    as to a missing file, and "Did you mean" another file does not help."""
    try:
        if not rel or not (root / rel).is_file():
            return None
    except (OSError, ValueError):
        return None
    if rel.startswith("_drafts/") or "/_drafts/" in rel:
        return "a draft (Jekyll writes drafts only with --drafts)", \
            "Move it to _posts/ with a date to publish it, or link a published page."
    dated = _DATED.search(rel)
    if dated is not None:
        if dated.group(1) > datetime.date.today().isoformat():
            return f"a post dated {dated.group(1)}, after today (Jekyll writes future posts only with " \
                "`future: true`)", "Set `future: true` in _config.yml, or link a published page."
    return "not written by Jekyll (`published: false` in its front matter, or left out by `exclude:`)", \
        "Publish it, or link a page that is written."
