"""Navigation: the Documentation Theme's sidebars and top navigation data as NavNodes, and which
top navigation item is the current page's section."""
from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass, field

from markupsafe import Markup, escape

from .parse import Link


@dataclass(frozen=True)
class NavNode:
    """An entry of the navigation tree: a link, a heading, or both."""
    title: str
    url: str | None = None  # path from the site root ("x.html#a") or an external URL
    page: str | None = None  # output path the node points at, for marking the current page
    external: bool = False
    key: str = ""
    children: tuple = ()
    html: str = ""  # the title as the data wrote it, when it holds markup (Jekyll outputs it raw)

    @property
    def label(self) -> Markup:
        return Markup(self.html) if self.html else escape(self.title)


@dataclass
class Sidebar:
    """A sidebar data file as a tree of NavNodes."""
    name: str
    title: str
    product: str | None
    version: str | None
    nodes: tuple
    folders_of: dict = field(default_factory=dict)  # page -> folder keys that contain it
    html: str = ""

    @property
    def label(self) -> Markup:
        return Markup(self.html) if self.html else escape(self.title)


def _root_path(url: str | None):
    """A nav URL as a path from the site root, or None when it is external."""
    if url is None:
        return None
    url = str(url).strip()
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//", url, re.I):
        return None
    return url.lstrip("/")


class NavBuilder:
    """Turns the Documentation Theme's `_data/sidebars/*.yml` and `topnav.yml` into NavNodes."""

    def __init__(self, data_file: str):
        self.data_file = data_file
        self.links: list[Link] = []
        self.counter = 0

    def item(self, entry: dict, children=()) -> NavNode | None:
        if not isinstance(entry, dict) or not _is_web(entry):
            return None
        title, markup = text(entry.get("title")), markup_of(entry.get("title"))
        line = getattr(entry, "key_lines", {}).get("url") or getattr(entry, "line", None)
        url = entry.get("url")
        external = entry.get("external_url")
        if external:
            return NavNode(title, str(external), None, True, children=tuple(children), html=markup)
        if url is None:
            return NavNode(title, None, children=tuple(children), html=markup)
        # recorded as from the site root (page ""): the theme puts baseurl in front of navigation URLs
        self.links.append(Link(str(url), self.data_file, line, None, "a", ""))
        path = _root_path(url)
        if path is None:
            return NavNode(title, str(url), None, True, children=tuple(children), html=markup)
        page = path.split("#", 1)[0] or "index.html"
        if page.endswith("/"):
            page += "index.html"
        return NavNode(title, path, page, False, children=tuple(children), html=markup)

    def folder(self, title, children) -> NavNode:
        self.counter += 1
        return NavNode(text(title), key=f"f{self.counter}", children=tuple(c for c in children if c),
                       html=markup_of(title))


def text(value) -> str:
    """Front matter and data strings may carry HTML entities (FHIR&reg;) and tags, as Jekyll outputs
    them raw; as plain text (tags dropped, entities decoded) they are escaped once by autoescape."""
    if value is None:
        return ""
    value = str(value)
    if "<" in value:
        value = _TAG.sub("", value)
    return htmllib.unescape(value)


_TAG = re.compile(r"<[^>]*>")


def markup_of(value) -> str:
    """A data title with tags in it (`FHIR<sup>®</sup>`), kept as HTML: the site's data is the
    author's, and the Documentation Theme outputs it raw. "" when plain text says it all."""
    value = "" if value is None else str(value)
    return value if "<" in value else ""


def _is_web(entry: dict) -> bool:
    output = entry.get("output")
    return output is None or "web" in str(output)


def _maps(value, key: str) -> list:
    """The mappings in `value[key]` when that is a list; anything else is skipped (Liquid, in the
    Jekyll theme, shows nothing for it either)."""
    items = value.get(key) if isinstance(value, dict) else None
    return [x for x in items if isinstance(x, dict)] if isinstance(items, list) else []


def build_sidebar(name: str, data, data_file: str) -> tuple[Sidebar, list[Link]]:
    builder = NavBuilder(data_file)
    entries = _maps(data, "entries") or [{}]
    head = entries[0]
    nodes = []
    for entry in entries:
        for folder in _maps(entry, "folders"):
            if not _is_web(folder):
                continue
            items = []
            for item in _maps(folder, "folderitems"):
                subs = []
                for sub in _maps(item, "subfolders"):
                    if _is_web(sub):
                        leaves = [builder.item(x) for x in _maps(sub, "subfolderitems")]
                        subs.append(builder.folder(sub.get("title"), leaves))
                # as the Documentation Theme does: the item's own link, then its subfolders beside it
                node = builder.item(item)
                if node and (node.url or not subs):
                    items.append(node)
                items.extend(subs)
            nodes.append(builder.folder(folder.get("title"), items))
    sidebar = Sidebar(name, text(head.get("title") or name), head.get("product"),
                      None if head.get("version") is None else str(head.get("version")), tuple(nodes),
                      html=markup_of(head.get("title")))
    _index_folders(sidebar.nodes, [], sidebar.folders_of)
    return sidebar, builder.links


def _index_folders(nodes, keys, index):
    for node in nodes:
        if node.children:
            _index_folders(node.children, keys + [node.key], index)
        elif node.page:
            index.setdefault(node.page, set()).update(keys)


def build_topnav(data, data_file: str) -> tuple[list, list[Link]]:
    builder = NavBuilder(data_file)
    nav = []
    if not isinstance(data, dict):
        return nav, builder.links
    for group in _maps(data, "topnav"):
        for item in _maps(group, "items"):
            node = builder.item(item)
            if node:
                nav.append(node)
    for group in _maps(data, "topnav_dropdowns"):
        for folder in _maps(group, "folders"):
            if _is_web(folder):
                children = [builder.item(x) for x in _maps(folder, "folderitems")]
                nav.append(builder.folder(folder.get("title"), children))
    return nav, builder.links


def auto_sidebars(pages) -> dict:
    """Navigation for sites without sidebar data: one sidebar per `sidebar:` name, pages by title."""
    groups: dict = {}
    for page in pages:
        name = page.meta.get("sidebar")
        if name and page.meta.get("title"):
            groups.setdefault(str(name), []).append(page)
    sidebars = {}
    for name, members in groups.items():
        leaves = tuple(NavNode(text(p.meta["title"]), p.url, p.url) for p in
                       sorted(members, key=lambda p: str(p.meta["title"]).lower()))
        title = name.replace("_sidebar", "").replace("_", " ").title()
        sidebar = Sidebar(name, title, None, None, leaves)
        _index_folders(sidebar.nodes, [], sidebar.folders_of)
        sidebars[name] = sidebar
    return sidebars


def current_section(nav, sidebar: Sidebar | None, url: str):
    """The top navigation item whose section holds the page: its own link, else the one item that
    leads into the page's sidebar, else the one leading into the page's top-level sidebar folder."""
    def pages(item):
        return [item.page] if item.page else [c.page for c in item.children if c.page]
    for item in nav:
        if url in pages(item):
            return item
    if sidebar is None or url not in sidebar.folders_of:
        return None
    found = [item for item in nav if any(p in sidebar.folders_of for p in pages(item))]
    if len(found) > 1:
        top = {n.key for n in sidebar.nodes} & sidebar.folders_of[url]
        same = [item for item in found if any(top & sidebar.folders_of.get(p, set()) for p in pages(item))]
        found = same or [item for item in found if not item.children]
    return found[0] if len(found) == 1 else None
