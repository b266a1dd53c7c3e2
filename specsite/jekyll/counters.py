"""Liquid's increment/decrement counters as Jekyll keeps them: Liquid stores each in
`context.environments.first`, the site payload, and Jekyll's Site#render hands every document,
page, layout and include of the build that one payload (renderer.rb, site.rb#site_payload), so
a counter goes on from page to page in render order (jekyll.render_order). A site that uses
none (a text test: most do not) is built as before; one that does renders its Liquid in that
order in one process, with one counter map (build.render).

That payload also carries `content` and `layout` from render to render: a page body (or an
include it runs) that reads them sees what the documents rendered before it left there
(Renderer#render_layout sets payload["content"] for each layout; assign_layout_data! merges the
page's first layout's data under the `layout` left by the last page). Such a site is rendered in
the same order (reads_payload)."""
from __future__ import annotations

import os
import re

from ..liquid_reads import LIQUID

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
    return any(_COUNTER_TAG_BYTES.search(data) for _folder, _path, data in _include_files(sources.include_dirs))


# a Liquid tag or output, and in it `content` or `layout` as a variable (not `page.content`, not a
# key `x.layout`, not part of a longer name, not an include's parameter `content="..."`, not in a
# quoted string or a raw block); what is left over (a comment's words) renders the site in order,
# which gives the same pages
_PAYLOAD_NAME = re.compile(r"(?<![\w.\-\[\]'\"])(?:content|layout)(?![\w\-]|\s*=(?!=))")
_INCLUDE = re.compile(r"\{%-?\s*include(?:_cached)?\s+([^\s%}]+)")
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}.*?\{%-?\s*endraw\s*-?%\}", re.S)
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")


def reads_payload(sources) -> bool:
    """Whether a page body, or an include a page body runs (and the includes those run),
    reads Jekyll's `content` or `layout` outside a layout; a dynamic include name
    (`{% include {{ x }} %}`) counts every include."""
    names: set = set()
    for page in sources.pages:
        if _reads(page.body):
            return True
        if "include" in page.body:
            names.update(_INCLUDE.findall(page.body))
    if not names:
        return False
    files: dict = {}
    for folder, path, data in _include_files(sources.include_dirs):  # (named as an include tag names them)
        files.setdefault(os.path.relpath(path, folder).replace(os.sep, "/"), data.decode("utf-8", "surrogateescape"))
    seen: set = set()
    while names:
        name = names.pop()
        if "{" in name:  # (a name made by Liquid: any include may run)
            return any(_reads(text) for text in files.values())
        if name in seen:
            continue
        seen.add(name)
        text = files.get(name)
        if text is not None:
            if _reads(text):
                return True
            names.update(_INCLUDE.findall(text))
    return False


def _reads(text: str) -> bool:
    if "content" not in text and "layout" not in text:
        return False
    text = _RAW.sub("", text) if "raw" in text else text
    return any(_PAYLOAD_NAME.search(_QUOTED.sub("''", m.group(0))) for m in LIQUID.finditer(text))


def _include_files(folders):
    """(folder, path, bytes) of each include file, the first folder's first (os.walk and open, not
    Path.rglob and read_text: half the time of those on a site of 80 includes, which every build
    pays); an unreadable file is left out (the include tag reports it, if one uses it)."""
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                path = os.path.join(root, name)
                try:
                    with open(path, "rb") as handle:
                        data = handle.read()
                except OSError:
                    continue
                yield folder, path, data
