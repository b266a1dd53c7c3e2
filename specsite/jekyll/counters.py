"""Liquid's increment/decrement counters as Jekyll keeps them: Liquid stores each in
`context.environments.first`, the site payload, and Jekyll's Site#render hands every document,
page, layout and include of the build that one payload (renderer.rb, site.rb#site_payload), so
a counter goes on from page to page in render order (jekyll.render_order). A site that uses
none (a text test: most do not) is built as before; one that does renders its Liquid in that
order in one process, with one counter map (build.render)."""
from __future__ import annotations

import os
import re

# Liquid's tag start ({% or {%-), then the tag's name as a word
COUNTER_TAG = re.compile(r"\{%-?\s*(?:increment|decrement)\b")
_COUNTER_TAG_BYTES = re.compile(COUNTER_TAG.pattern.encode())


def uses_counters(sources, layouts=None) -> bool:
    """Whether any page, document, layout or include of the site has an increment or decrement
    tag; only then do the counters need the build's render order."""
    if any(COUNTER_TAG.search(page.body) for page in sources.pages):
        return True
    if layouts is not None and any(COUNTER_TAG.search(layout.body) for layout in layouts.layouts.values()):
        return True
    return any(_COUNTER_TAG_BYTES.search(data) for data in _include_bytes(sources.include_dirs))


def _include_bytes(folders):
    """Each include file's bytes (os.walk and open, not Path.rglob and read_text: half the time
    of those on a site of 80 includes, which every build pays)."""
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                try:
                    with open(os.path.join(root, name), "rb") as handle:
                        yield handle.read()
                except OSError:  # (an unreadable file: the include tag reports it, if one uses it)
                    continue
