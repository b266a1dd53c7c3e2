"""What `{% link %}` and `{% post_url %}` resolve against: each written file's URL by its source path."""
from __future__ import annotations


def link_targets(sources) -> dict:
    """Source path → URL of every written page, document and static file, for `{% link %}`
    (a document by its Document#relative_path: under a collections_dir, `_b/a.md`)."""
    targets = {s.rel: "/" + s.url for s in sources.statics}
    targets.update({p.jekyll_path: p.page_url for p in sources.pages})
    return targets


def post_targets(sources) -> list:
    """(Document#relative_path, URL) of each post, for `{% post_url %}`."""
    return [(p.jekyll_path, p.page_url) for p in sources.pages if p.collection == "posts"]
