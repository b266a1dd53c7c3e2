"""The theme's navigation (sidebars, top bar) and each page's sidebar."""
from __future__ import annotations

from .. import releases as release_stage
from ..config import SiteConfig
from ..diagnostics import Diagnostics, did_you_mean
from ..discover import SourcePage, Sources
from .site import Navigation


def navigation(config: SiteConfig, sources: Sources, releases: list) -> Navigation:
    from ..theme import auto_sidebars, build_sidebar, build_topnav, template_links
    data = sources.data
    sidebars = {}
    links: list = []
    declared = data.get("sidebars") if isinstance(data.get("sidebars"), dict) else {}
    for name, value in declared.items():
        sidebar, found = build_sidebar(name, value, sources.data_files.get(f"sidebars/{name}", "_data"))
        sidebars[name] = sidebar
        links += found
    if not declared:
        sidebars = auto_sidebars(sources.pages)
    release_stage.extend_sidebar(sidebars, config, releases)
    titles = _nav_titles(list(sidebars.values()))
    nav, found = build_topnav(data.get("topnav"), sources.data_files.get("topnav", "_data/topnav.yml"))
    links += found
    links += template_links(sources.template_dirs, config.source)
    return Navigation(sidebars, nav, tuple(links), titles)


def _nav_titles(sidebars) -> dict:
    """page -> the titles navigation gives it (a reader knows a page by these names too)."""
    names: dict = {}

    def walk(nodes):
        for node in nodes:
            if node.page:
                names.setdefault(node.page, []).append(node.title)
            walk(node.children)
    for sidebar in sidebars:
        walk(sidebar.nodes)
    return names


def sidebar_for(page: SourcePage, sidebars: dict, sources: Sources, diags: Diagnostics):
    name = page.meta.get("sidebar")
    if not name:
        return None
    sidebar = sidebars.get(str(name))
    if sidebar is None and "sidebars" in sources.data:
        line = getattr(page.meta, "key_lines", {}).get("sidebar")
        diags.warning(page.rel, line, "unknown-sidebar", f"unknown sidebar '{name}' (no _data/sidebars/{name}.yml); "
                      "the page is shown without a sidebar",
                      hint=did_you_mean(str(name), sidebars) or f"Known sidebars: {', '.join(sorted(sidebars))}.")
    return sidebar
