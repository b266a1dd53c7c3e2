"""`site`: a SiteDrop in Jekyll, a plain dict here to look keys up in, with the drop's own
answers where a filter or an output asks the object itself."""
from __future__ import annotations

# SiteDrop#keys: its content methods as Ruby 3.1 lists them (Jekyll 4.3.1: `{% for k in site %}`),
# then its fallback data, the configuration: Configuration::DEFAULTS' keys in their order (a key
# the site sets keeps its place there), the site's other keys, and the build command's `serving`
_METHODS = ("posts", "time", "html_pages", "config", "documents", "pages", "data", "categories", "related_posts",
            "tags", "static_files", "collections")
_DEFAULTS = ("source", "destination", "collections_dir", "cache_dir", "plugins_dir", "layouts_dir", "data_dir",
             "includes_dir", "collections", "safe", "include", "exclude", "keep_files", "encoding", "markdown_ext",
             "strict_front_matter", "show_drafts", "limit_posts", "future", "unpublished", "whitelist", "plugins",
             "markdown", "highlighter", "lsi", "excerpt_separator", "incremental", "detach", "port", "host", "baseurl",
             "show_dir_listing", "permalink", "paginate_path", "timezone", "quiet", "verbose", "defaults", "liquid",
             "kramdown")


class SiteHash(dict):
    """Liquid's size filter finds no `size` method on the drop (0); its to_s is Liquid::Drop's,
    the class's name (`{{ site }}`, `site | downcase`); it is Enumerable (Drop#each: its keys)."""

    __slots__ = ("config_keys",)

    def __init__(self, config: dict):
        super().__init__(config)
        self.config_keys = tuple(config)  # (the site's own configuration keys, in its order)

    def ruby_size(self) -> int:
        return 0

    def ruby_to_s(self) -> str:
        return "Jekyll::Drops::SiteDrop"

    def ruby_keys(self) -> list:
        """Drop#keys: what a for loop, map or first over `site` yields."""
        own = [key for key in self.config_keys if key not in _DEFAULTS and key not in _METHODS and key != "serving"]
        return [*_METHODS, *(key for key in _DEFAULTS if key not in _METHODS), *own, "serving"]
