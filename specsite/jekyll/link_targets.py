"""What `{% link %}` and `{% post_url %}` resolve against: each written file's URL by its source path."""
from __future__ import annotations


def link_targets(sources, generated=()) -> dict:
    """What `{% link X %}` finds, X → URL, as Jekyll's Link tag does (Site#each_site_file: the
    written pages and documents by their relative_path, then the generators' pages, then the
    static files; the first match wins; nothing found stops Jekyll's build). A document by its
    Document#relative_path (under a collections_dir, `_b/a.md`); a generator's page by its name
    (every jekyll-redirect-from page is `redirect.html`); a static file of the site both as
    `assets/a.css` and `/assets/a.css` (its relative_path has the slash, and the tag tries the
    markup with one added), a collection's static file only without the slash (probed on
    Jekyll 4.3.1: `/sub/a.md` and `/_c/f.txt` stop the build)."""
    targets = {p.jekyll_path: p.page_url for p in sources.pages}
    for page in generated:
        targets.setdefault(page["path"], page["url"])
    for static in sources.statics:
        targets.setdefault(static.rel, "/" + static.url)
        if static.collection is None:
            targets.setdefault("/" + static.rel, "/" + static.url)
    return targets


def post_targets(sources) -> list:
    """(Document#relative_path, URL) of each post, for `{% post_url %}`."""
    return [(p.jekyll_path, p.page_url) for p in sources.pages if p.collection == "posts"]
