"""The theme's small per-page partials (tags, banner, history) as Python writes them: exactly what
partials/tags.html, banner.html and history.html render (tests/test_theme_partials.py compares
them), without an `{% include %}`, which makes a new template context for each page (three
includes were a fifth of a theme page's render). Used only with specsite's own templates, as
toc.toc_html; a banner to show still goes through its partial."""
from __future__ import annotations

from .toc import escaped

_TAGS_HEAD = ('\n<div class="tags">\n<span class="tags-label" id="tags-label">Tags:</span>\n'
              '<ul class="tag-list" aria-labelledby="tags-label">')
_TAGS_TAIL = "\n</ul>\n</div>"


def tags_html(tags: list, root: str) -> str:
    """partials/tags.html: tags as theme._page_context makes them ({name, url} each)."""
    if not tags:
        return ""
    prefix = escaped(root)
    items = "".join(f'\n<li><a class="label" href="{prefix}{escaped(tag["url"])}" rel="tag">{escaped(tag["name"])}</a></li>'
                    for tag in tags)
    return _TAGS_HEAD + items + _TAGS_TAIL


_HISTORY_HEAD = '\n<aside class="history" aria-labelledby="history-title">\n<h2 id="history-title">Changed in</h2>\n<ul>'
_HISTORY_TAIL = "\n</ul>\n</aside>"


def history_html(history: list, root: str) -> str:
    """partials/history.html: the "Changed in" box of a page that releases changed
    ({version, title, url} each, as releases.history makes them); our theme's and, after the
    content inside its own layout, a Jekyll site's (releases.render.with_history)."""
    if not history:
        return ""
    prefix = escaped(root)
    items = "".join(f'\n<li><a href="{prefix}{escaped(entry["url"])}"><span class="history-version">Version '
                    f'{escaped(entry["version"])}</span>: {escaped(entry["title"])}</a></li>' for entry in history)
    return _HISTORY_HEAD + items + _HISTORY_TAIL


def empty_partials(context: dict) -> dict:
    """{name_html: ""} for the banner when the page has none (its partial then writes nothing; a
    page with one renders it through the partial), and the history's box (history_html)."""
    made = {"history_html": history_html(context.get("history"), context.get("root", ""))}
    if not context.get("banner"):
        made["banner_html"] = ""
    return made
