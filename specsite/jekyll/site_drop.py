"""`site`: a SiteDrop in Jekyll, a plain dict here to look keys up in, with the drop's own
answers where a filter or an output asks the object itself: its keys, Configuration::DEFAULTS
(`site.markdown_ext` is set though _config.yml never names it) and its JSON."""
from __future__ import annotations

import os

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
# Configuration::DEFAULTS' values as `jekyll build` leaves them (source and destination: the
# folders, absolute; `serving`: false); a copy is made for each look-up (Liquid may not change them)
_VALUES = {"collections_dir": "", "cache_dir": ".jekyll-cache", "plugins_dir": "_plugins", "layouts_dir": "_layouts",
           "data_dir": "_data", "includes_dir": "_includes", "safe": False, "include": [".htaccess"],
           "exclude": [], "keep_files": [".git", ".svn"], "encoding": "utf-8",
           "markdown_ext": "markdown,mkdown,mkdn,mkd,md", "strict_front_matter": False, "show_drafts": None,
           "limit_posts": 0, "future": False, "unpublished": False, "whitelist": [], "plugins": [],
           "markdown": "kramdown", "highlighter": "rouge", "lsi": False, "excerpt_separator": "\n\n",
           "incremental": False, "detach": False, "port": "4000", "host": "127.0.0.1", "baseurl": None,
           "show_dir_listing": False, "permalink": "date", "paginate_path": "/page:num", "timezone": None,
           "quiet": False, "verbose": False, "defaults": [],
           "liquid": {"error_mode": "warn", "strict_filters": False, "strict_variables": False},
           "kramdown": {"auto_ids": True, "toc_levels": [1, 2, 3, 4, 5, 6], "entity_output": "as_char",
                        "smart_quotes": "lsquo,rsquo,ldquo,rdquo", "input": "GFM", "hard_wrap": False,
                        "guess_lang": True, "footnote_nr": 1, "show_warnings": False},
           "serving": False}
# Configuration#add_default_excludes: appended to the site's own `exclude`
_EXCLUDES = [".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock", "node_modules", "vendor/bundle/",
             "vendor/cache/", "vendor/gems/", "vendor/ruby/"]


class SiteHash(dict):
    """Liquid's size filter finds no `size` method on the drop (0); its to_s is Liquid::Drop's,
    the class's name (`{{ site }}`, `site | downcase`); it is Enumerable (Drop#each: its keys).
    A key _config.yml does not set is Configuration::DEFAULTS' (`__missing__`: only Liquid's
    look-up asks; specsite's own `.get` still sees the site's keys)."""

    __slots__ = ("config_keys", "folders", "order", "markdown_rels")

    def __init__(self, config: dict, folders: tuple = ("", "")):
        super().__init__(config)
        mine = config if isinstance(config, SiteHash) else None
        # (the site's own configuration keys, in its order; a document's copy keeps the site's)
        self.config_keys = mine.config_keys if mine else tuple(config)
        self.folders = mine.folders if mine else folders  # (source, destination), absolute
        self.order = mine.order if mine else None  # jekyll.render_order.RenderOrder
        self.markdown_rels = mine.markdown_rels if mine else ()
        if mine is None:  # Configuration: `liquid` and `kramdown` deep-merged into DEFAULTS' (`site.kramdown.auto_ids`
            for key in ("liquid", "kramdown"):  # is true though the site sets only `input`), default excludes appended
                if isinstance(config.get(key), dict):
                    self[key] = {**_VALUES[key], **config[key]}
            if isinstance(config.get("exclude"), list):
                self["exclude"] = list(dict.fromkeys([*config["exclude"], *_EXCLUDES]))

    def __missing__(self, key):
        if key in ("source", "destination"):
            return self.folders[key == "destination"]
        if key == "exclude":
            return list(_EXCLUDES)
        if key in _VALUES:
            value = _VALUES[key]
            return dict(value) if value.__class__ is dict else list(value) if value.__class__ is list else value
        raise KeyError(key)

    def ruby_size(self) -> int:
        return 0

    def ruby_to_s(self) -> str:
        return "Jekyll::Drops::SiteDrop"

    def ruby_keys(self) -> list:
        """Drop#keys: what a for loop, map or first over `site` yields."""
        own = [key for key in self.config_keys if key not in _DEFAULTS and key not in _METHODS and key != "serving"]
        return [*_METHODS, *(key for key in _DEFAULTS if key not in _METHODS), *own, "serving"]

    def ruby_inspect(self, nested: bool = False) -> str:
        """`site | inspect`: Drop#inspect, JSON.pretty_generate(to_h) (the same inside an array)."""
        from .drop_hash import pretty_json
        from .ruby import _json_ready
        return pretty_json(_json_ready(self.json_hash()))

    def json_hash(self, collapse: bool = False) -> dict:
        """SiteDrop#to_json: Drop#to_h, each key's value as SiteDrop#[] gives it (`config` is
        nil), with the Ruby objects inside written by JSON as they are: a page or document (no
        to_json) is its to_s, its content or output as rendered so far (see json_config for
        the configuration)."""
        from .rubystr import to_s
        values: dict = {}
        config = json_config(self)
        for key in self.ruby_keys():
            if key in config and key not in _METHODS:
                values[key] = config[key]
                continue
            value = None if key == "config" else self.get(key)
            if key in ("posts", "html_pages", "documents", "pages", "related_posts") and value is not None:
                value = [_convertible_s(item) for item in value]
            elif key in ("categories", "tags") and isinstance(value, dict):
                value = {name: [_convertible_s(item) for item in items] for name, items in value.items()}
            values[key] = value
        return values


def _convertible_s(item):
    """JSON's text of a Page (Convertible#to_s: its content) or a Document (its to_s)."""
    from .rubystr import to_s
    if getattr(item, "_document", True) is False:
        return str(item["content"] or "")
    return to_s(item)


def json_config(site: SiteHash) -> dict:
    """The configuration as Jekyll holds it while it renders: DEFAULTS deep-merged with the
    site's own (`liquid`, `kramdown` keep the defaults' other keys; `exclude` gains the default
    excludes), and once kramdown has converted a page or document, KramdownParser#setup's
    additions to the kramdown Hash (syntax_highlighter, its opts, coderay)."""
    values = {key: site[key] for key in _DEFAULTS if key != "collections"}
    for key in site.config_keys:
        values[key] = dict.get(site, key)
    for key in ("liquid", "kramdown"):
        own = dict.get(site, key)
        values[key] = {**_VALUES[key], **own} if isinstance(own, dict) else own if key in site.config_keys else dict(_VALUES[key])
    own = dict.get(site, "exclude")
    if isinstance(own, list):
        values["exclude"] = list(dict.fromkeys([*own, *_EXCLUDES]))
    values.setdefault("serving", False)
    kramdown = values.get("kramdown")
    if isinstance(kramdown, dict) and _converted(site):
        kramdown.setdefault("syntax_highlighter", values.get("highlighter") or "rouge")
        opts = kramdown.get("syntax_highlighter_opts")
        opts = kramdown["syntax_highlighter_opts"] = dict(opts) if isinstance(opts, dict) else {}
        opts.setdefault("default_lang", "plaintext")
        opts["guess_lang"] = kramdown.get("guess_lang")
        kramdown.setdefault("coderay", {})
    return values


def _converted(site: SiteHash) -> bool:
    """Kramdown has converted something before this render: a markdown page or document
    rendered earlier (Site#render's order), or the one rendering now, once in its layouts."""
    order = site.order
    return bool(site.markdown_rels) and (order is None or any(order.rendered(rel) for rel in site.markdown_rels))


def folders(config) -> tuple:
    """(source, destination), absolute, as Jekyll's configuration holds them."""
    return os.path.abspath(str(config.source)), os.path.abspath(str(config.out)) if config.out else ""
