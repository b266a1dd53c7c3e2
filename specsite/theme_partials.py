"""The theme's small per-page partials (tags, banner, history) as Python writes them: exactly what
partials/tags.html, banner.html and history.html render (tests/test_theme_partials.py compares
them), without an `{% include %}`, which makes a new template context for each page (three
includes were a fifth of a theme page's render). Used only with specsite's own templates, as
toc.toc_html; a banner or a history to show still goes through its partial."""
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


def empty_partials(context: dict) -> dict:
    """{name_html: ""} for the banner and the history when the page has none (their partials then
    write nothing); a page with either renders it through its partial."""
    return {f"{name}_html": "" for name in ("banner", "history") if not context.get(name)}
