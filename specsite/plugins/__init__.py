"""The Jekyll plugins GitHub Pages sites declare, run natively: which ones a site enables, the
Liquid tags they add, the files they generate, and the tags a site's own Ruby plugins define.

Which plugins exist and which tags they add is data here; a plugin's module loads only when a
site enables it (most sites enable one or two of the six)."""
from __future__ import annotations

import importlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import jekyll
from .ruby import ruby_plugin_tags

SUPPORTED = frozenset({"jekyll-seo-tag", "jekyll-sitemap", "jekyll-feed", "jekyll-redirect-from",
                       "jekyll-gist", "jekyll-mentions"})
# Gem themes whose gemspec requires plugins: Jekyll loads those with the theme.
THEME_PLUGINS = {"minima": ("jekyll-feed", "jekyll-seo-tag")}
# The Liquid tags each plugin adds: (module of plugins/, class).
TAGS = {"jekyll-seo-tag": (("seo", "SeoTag"),), "jekyll-feed": (("feed", "FeedMetaTag"),),
        "jekyll-gist": (("gist", "GistTag"),)}

__all__ = ["Generated", "SUPPORTED", "enabled", "register", "generate", "add_listed", "redirect_to", "ruby_plugin_tags",
           "mentionify", "MentionsConfigError", "PluginTagError", "unseen_tags", "safe_refused"]


def __getattr__(name: str):
    """jekyll-mentions' and the tags' names, loaded with their module on first use (PEP 562)."""
    if name in ("mentionify", "MentionsConfigError"):
        from . import mentions
        return getattr(mentions, name)
    if name == "PluginTagError":
        from .common import PluginTagError
        return PluginTagError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@dataclass(frozen=True)
class Generated:
    """A file a plugin writes with no source file of its own."""

    url: str  # the page's URL, as Jekyll gives it ("/sitemap.xml", "/old/")
    text: str
    plugin: str
    # The page's variables when a site layout replaces `text` (a redirect page and the site's
    # own _layouts/redirect.html); None for files that are written as they are.
    page: dict | None = field(default=None, compare=False)

    @property
    def output(self) -> str:
        """The file it is written to, from the site root ("old/index.html")."""
        redirect_page = self.plugin == "jekyll-redirect-from" and self.url != "/redirects.json"
        ext = jekyll.permalink_ext(self.url) or (".html" if redirect_page else "")
        return jekyll.destination(self.url, ext, document=False)


def enabled(site_config: dict) -> frozenset[str]:
    """The plugins of `plugins:` that specsite runs. Jekyll 4 ignores the old `gems:` key; a gem
    theme brings the plugins its gemspec requires; in safe mode only `whitelist:` ones load."""
    names = site_config.get("plugins")
    wanted = [str(n) for n in names if n is not None] if isinstance(names, list) else []
    theme = site_config.get("theme")
    if isinstance(theme, str):
        wanted += THEME_PLUGINS.get(theme, ())
    if site_config.get("safe") is True:
        allowed = site_config.get("whitelist")
        allowed = {str(n) for n in allowed} if isinstance(allowed, list) else set()
        wanted = [n for n in wanted if n in allowed]
    return frozenset(n for n in wanted if n in SUPPORTED)


def safe_refused(site_config: dict) -> frozenset[str]:
    """The plugins of `plugins:` that `safe: true` keeps Jekyll from loading (not in `whitelist:`):
    their tags are Jekyll's "Unknown tag" error, not a plugin specsite merely does not run."""
    names = site_config.get("plugins")
    if site_config.get("safe") is not True or not isinstance(names, list):
        return frozenset()
    allowed = site_config.get("whitelist")
    allowed = {str(n) for n in allowed} if isinstance(allowed, list) else set()
    return frozenset(str(n) for n in names if n is not None and str(n) not in allowed)


# Plugins GitHub Pages sites list that add no Liquid tag (jekyll-avatar's, jekyll-gist's are
# liquid.tags.PLUGIN_TAGS); `github-pages` loads only such plugins by default.
TAGLESS = frozenset({"jekyll-sitemap", "jekyll-redirect-from", "jekyll-mentions", "jekyll-include-cache",
                     "jekyll-relative-links", "jekyll-github-metadata", "jekyll-paginate", "jemoji",
                     "jekyll-remote-theme", "jekyll-optional-front-matter", "jekyll-readme-index",
                     "jekyll-default-layout", "jekyll-titles-from-headings", "jekyll-coffeescript",
                     "jekyll-commonmark-ghpages", "jekyll-commonmark", "jekyll-sass-converter", "kramdown-parser-gfm",
                     "github-pages", "jekyll-feed", "jekyll-seo-tag", "jekyll-gist", "jekyll-avatar", "webrick"})
_GEMFILE_GEM = re.compile(r"""gem\s+["']([\w.-]+)["']""")


def unseen_tags(site_config: dict, source_root, plugins_dir: str = "_plugins") -> bool:
    """Whether code specsite does not read may register Liquid tags: a Ruby file in _plugins/,
    a listed plugin or a Gemfile gem other than the tagless ones, a gem theme (its gemspec's
    plugins load with it) other than minima and GitHub's jekyll-theme-* (which bring
    jekyll-seo-tag). Without any, a tag no one registered is Jekyll's "Unknown tag" error."""
    from .ruby import _files
    root = Path(source_root)
    if _files(root, plugins_dir):
        return True
    names = site_config.get("plugins")
    if any(str(n) not in TAGLESS for n in (names if isinstance(names, list) else []) if n is not None):
        return True
    if any(gem not in TAGLESS for gem in _gemfile_plugins(root / "Gemfile")):
        return True
    theme = site_config.get("theme")
    return isinstance(theme, str) and theme not in THEME_PLUGINS and not theme.startswith("jekyll-theme-")


def _gemfile_plugins(gemfile: Path) -> list[str]:
    """The gems of the Gemfile's :jekyll_plugins group, which Jekyll requires unlisted."""
    if not gemfile.is_file():
        return []
    found, in_group = [], False
    for line in gemfile.read_text(encoding="utf-8", errors="replace").splitlines():
        line = line.split("#", 1)[0].strip()
        if re.match(r"group\b.*:jekyll_plugins", line):
            in_group = True
        elif in_group and line == "end":
            in_group = False
        elif (gem := _GEMFILE_GEM.match(line)) and (in_group or "jekyll_plugins" in line):
            found.append(gem.group(1))
    return found


def register(env, names) -> None:
    """Add the Liquid tags of the enabled plugins to a python-liquid Environment."""
    for name in names:
        for module, class_name in TAGS.get(name, ()):
            tag = getattr(importlib.import_module(f"{__name__}.{module}"), class_name)
            env.tags[tag.name] = tag(env)


def generate(site: dict, names, *, source_files: set[str]) -> list[Generated]:
    """The pages the enabled plugins add, in the order Jekyll's generators add them.

    `site` is Jekyll's `site` variable (page and document `content` already rendered);
    `source_files` are the source folder's file paths, relative and with '/' separators."""
    from .listed import without_listed
    site = without_listed(site)
    names = frozenset(names)
    made: list[Generated] = []
    hidden: set = set()
    if "jekyll-redirect-from" in names:
        from . import redirects
        found = redirects.redirects(site)
        for redirect in found:
            if redirect.replaces_page:  # written by the lead in place of the page: redirect_to()
                hidden.add(redirect.from_url)
                continue
            made.append(Generated(redirects.page_url(redirect), redirects.html(site, redirect),
                                  "jekyll-redirect-from", redirects.page_data(redirect)))
        if redirects.json_enabled(site) and "redirects.json" not in source_files:
            made.append(Generated("/redirects.json", redirects.json_text(found), "jekyll-redirect-from"))
    if "jekyll-sitemap" in names:
        from . import sitemap
        if not sitemap.exists(site, "/sitemap.xml"):
            made.append(Generated("/sitemap.xml", sitemap.sitemap(site, frozenset(hidden)), "jekyll-sitemap"))
        if not sitemap.exists(site, "/robots.txt"):
            made.append(Generated("/robots.txt", sitemap.robots(site), "jekyll-sitemap"))
    if "jekyll-feed" in names:
        from . import feed
        for page in feed.pages(site, source_files):
            made.append(Generated(page["url"], feed.xml(site, page), "jekyll-feed"))
    return made


def redirect_to(page: dict, site: dict) -> str | None:
    """For a page with `redirect_to:`, the redirect page that replaces its output (rendered with
    jekyll-redirect-from's layout; a site's own _layouts/redirect.html takes its place in Jekyll)."""
    from . import redirects
    to = redirects.target(page.get("redirect_to"))
    if to is None:
        return None
    found = redirects.Redirect(str(jekyll.drop_source(page)), redirects.leading_slash(page.get("url")),
                               redirects.resolve_to(site, to), True)
    return redirects.html(site, found)


def add_listed(site: dict, config, sources) -> None:
    """The pages the enabled plugins' generators add, listed in `site.pages` before pages render."""
    order = generator_order(config.site, enabled(config.site))
    if order:
        from .listed import add_listed as add
        files = {s.rel for s in sources.statics} | {p.rel for p in sources.pages}
        add(site, order, source_files=files, liquid_data=config.liquid_data if config.defaults else None)


def generator_order(site_config: dict, names) -> list[str]:
    """The enabled plugins with a generator, in the order Jekyll runs them: jekyll-redirect-from
    (normal priority) first, then jekyll-feed and jekyll-sitemap (both lowest) in the order they
    are required (the site's `plugins:`, then its gem theme's)."""
    wanted = site_config.get("plugins")
    order = [str(n) for n in wanted if n is not None] if isinstance(wanted, list) else []
    theme = site_config.get("theme")
    if isinstance(theme, str):
        order += THEME_PLUGINS.get(theme, ())
    order = [n for n in dict.fromkeys(order)
             if n in names and n in ("jekyll-redirect-from", "jekyll-feed", "jekyll-sitemap")]
    return sorted(order, key=lambda n: n != "jekyll-redirect-from")
