"""What Liquid knows about a Jekyll site: `page`, `site` and `jekyll`
(jekyll/lib/jekyll/drops/*.rb), and the targets of {% link %} and {% post_url %}."""
from __future__ import annotations

import datetime as dt
import os
import posixpath

from .render_order import ORDER_KEY, RenderOrder
from ..liquid_markup import TOKEN as LIQUID_TOKEN
from .collection_sort import sorted_docs
from .ruby_sort import ruby_sort
from .dates import DefaultDate, document_cmp
from .drop_hash import CollectionHash, document_hash, nested_inspect, page_hash, page_size, pretty_json
from .excerpt_refs import _excerpt, excerpt_separator
from .jekyll_drop import JekyllDrop
from .site_drop import SiteHash, folders
from .urls import style_template


class Drop(dict):
    """A page or document as Liquid sees it; `content` and `excerpt` are made when first asked for.
    With a RenderOrder, `content` is asked for each time: raw or converted, as the page being
    rendered finds it (`set_content` gives the converted one). A lazy maker gives (value, the
    includes its Liquid read); a value made with includes counts them (`counted`, BodyLiquid.count)
    for every render that reads it, not only the first: each depends on them (the parse cache).
    A value made lazily is kept aside (`_made`), never as a key: jsonify, inspect and key loops
    see the same keys whichever renders (in this process) read it before."""

    __slots__ = ("_lazy", "_ordered", "_counted", "_document", "siblings", "_made", "rel")

    def __init__(self, values, lazy=None, ordered=None, counted=None, document=False, rel=None):
        super().__init__(values)
        self.rel = rel  # the source file (its `path` is Jekyll's, relative to the collections_dir for a document)
        self._lazy = lazy or {}
        self._ordered = ordered  # (RenderOrder, rel, raw text, [converted, its includes, output, its files]) or None
        self._counted = counted  # BodyLiquid (its count) or None
        self._document = document
        self._made = {}  # key -> a lazily made value that read no includes
        self.siblings = None  # a document's (previous, next) in its collection (set by site_variables)

    def ruby_keys(self) -> list | None:
        """A document's keys (a for loop or map over it yields them); None for a page's Hash."""
        from .drop_hash import document_keys
        return document_keys(self) if self._document else None

    def ruby_to_s(self) -> str:
        """What `{{ x }}` and the string filters make of it: Document#to_s is its output once
        written, else its content (raw before it renders); a page's to_liquid is a Hash, which
        inspects as its data and then content, dir, excerpt, name, path, url."""
        if self._document:
            text = self.placed_output() or self["content"]
            return "NO CONTENT" if text is None else str(text)
        from .rubystr import inspect
        return inspect(page_hash(self))

    def json_hash(self, collapse: bool = False) -> dict:
        """The Hash jsonify writes (drop_hash: a document 2 or more levels deep `collapse`s its neighbours)."""
        return document_hash(self, collapse) if self._document else page_hash(self)

    def ruby_inspect(self, nested: bool = False) -> str:
        """`inspect`: a document's to_h pretty-printed as JSON, a page's Hash; inside an array or
        hash (`nested`) the Ruby object (drop_hash.nested_inspect)."""
        if nested:
            return nested_inspect(self)
        if not self._document:
            return self.ruby_to_s()
        from .ruby import _json_ready
        return pretty_json(_json_ready(self))

    def placed_output(self):
        """Document#output: its converted content in its layouts once Jekyll has rendered it
        (every document before any page, in collection order), nil before that and while it renders."""
        return self["output"] if "output" in self or self._ordered is not None else None

    def ruby_size(self) -> int:
        """Liquid's size: a DocumentDrop has none (0); a page's to_liquid Hash counts its data and
        content, dir, excerpt, name, path, url."""
        if self._document:
            return 0
        return page_size(self)

    def __missing__(self, key):
        if key == "output" and self._ordered is not None:
            return self._placed()
        if self.siblings is not None and key in ("previous", "next"):  # DocumentDrop#previous/next (not
            return self.siblings[key == "next"]  # kept as keys: jsonify and inspect would loop)
        if key == "content" and self._ordered is not None:
            order, rel, raw, converted = self._ordered
            if not order.rendered(rel):
                return raw
            if converted[0] is None:
                maker = self._lazy.get(key)
                converted[0], converted[1] = maker() if maker is not None else (raw, ())
            self._count(converted[1])
            return converted[0]
        made = self._made
        if key in made:
            return made[key]
        maker = self._lazy.get(key)
        if maker is None:
            raise KeyError(key)
        return self._keep(key, *maker())

    def _keep(self, key: str, value, includes):
        """A lazily made value kept aside: with the includes its Liquid read, as a maker that
        gives it again (each read counts them), else as made."""
        if includes:
            self._lazy[key] = lambda: (value, includes)
            self._count(includes)
        else:
            self._made[key] = value
        return value

    def _placed(self):
        order, rel, _, converted = self._ordered
        if rel == order.current or not order.rendered(rel):
            return None
        if converted[2] is None:
            maker = self._lazy.get("output")
            if maker is None:
                return None
            converted[2], converted[3] = maker()
        self._count(converted[1])  # (its body's includes: counted by drop["content"] for the first reader only)
        self._count(converted[3])
        return converted[2]

    def own_excerpt(self):
        """`page.excerpt` in a document's (or, with page_excerpts, a page's) own body: Jekyll
        renders the Excerpt (made at read) before the document, so the body prints it converted.
        None while the excerpt is being made (its own Liquid reads it)."""
        if "excerpt" in self or "excerpt" in self._made or "excerpt" not in self._lazy:
            return self.get("excerpt", self._made.get("excerpt"))
        maker = self._lazy.pop("excerpt")
        try:
            made = maker()
        finally:
            self._lazy["excerpt"] = maker
        return self._keep("excerpt", *made)

    def _count(self, includes) -> None:
        if includes and self._counted is not None and self._counted.count is not None:
            self._counted.count(includes)

    def set_content(self, html: str, includes=()) -> None:
        """The converted content given (its page's parse); `includes`: what its Liquid read,
        counted for each page that reads it, as if its Liquid ran again for that page."""
        if self._ordered is not None:
            self._ordered[3][:2] = [html, includes]
        elif includes:
            self.pop("content", None)
            self._lazy["content"] = lambda: (html, includes)
        else:
            self["content"] = html

    def set_output(self, html: str) -> None:
        """A document's output as its render wrote it (a page's Hash has no `output`: nil)."""
        if not self._document:
            return
        if self._ordered is not None:
            self._ordered[3][2:] = [html, ()]
        else:
            self["output"] = html


def _without_liquid(text: str) -> str:
    return LIQUID_TOKEN.sub(lambda m: m.group(1) or "", text)


class BodyLiquid:
    """Late-bound: a document's Liquid rendered as Jekyll renders it before converting, for the
    `content` and `excerpt` other pages read (a search page's `post.content | jsonify` shows the
    post's highlighted code and includes). `render(page, text)` is set once the build's Liquid
    renderer exists; it gives (the text, the includes it read), or None while that page's own
    Liquid runs (then its Liquid is left out); `count(includes)` counts them for the render
    that reads the text again (`render(page, text, True)`: its excerpt's, whose `page` is the
    ExcerptDrop); `place(page, drop)` gives a document's output (its content in its
    layouts) and the files that read, for a Jekyll-layout site."""

    __slots__ = ("render", "count", "place")

    def __init__(self):
        self.render = None
        self.count = None
        self.place = None


def drops_by_path(site) -> dict:
    """{source-relative path: drop} of the site's pages and documents (`site` as Liquid sees it;
    a page listed twice keeps its first drop)."""
    drops: dict = {}
    for key in ("pages", "documents"):
        for drop in site.get(key) or ():
            drops.setdefault(drop_source(drop), drop)
    return drops


def drop_source(drop) -> str:
    """The source-relative file of a page's or document's drop: its key for specsite (a
    document's `path` in Liquid is relative to the collections_dir)."""
    rel = drop.rel if isinstance(drop, Drop) else None
    return rel if rel is not None else drop.get("path")


def page_drop(page, markdownify=None, order=None, body_liquid: BodyLiquid | None = None,
              separator="\n\n", page_excerpts=False, redirected: dict | None = None) -> Drop:
    """`page` for a SourcePage: its front matter, url, path, name, dir (and a document's id);
    `separator` is the site's excerpt_separator; `page_excerpts` the site's option (a page's
    excerpt, Page#generate_excerpt: an HTML page's, Page#html?); `redirected`: the data a
    `redirect_to` merges in, its content then "" (plugins.redirects.replaced_data)."""
    values = dict(page.liquid_meta)
    values.setdefault("title", None)
    url = page.page_url
    values["url"] = url
    values["path"] = page.jekyll_path if page.collection else page.rel
    if not (page.collection and values.get("name") not in (None, False)):  # DocumentDrop#name: data's first
        values["name"] = page.rel.rsplit("/", 1)[-1]
    if page.collection and order is not None:
        values.pop("output", None)  # DocumentDrop#output: Document#output, asked for when read (Drop._placed)
    elif page.collection:
        values["output"] = None
    else:
        values.setdefault("output", None)  # (a page's Hash has its front matter's, or none)
    if page.collection:  # DocumentDrop: relative_path, no dir; Page::ATTRIBUTES_FOR_LIQUID: dir, no relative_path
        values["relative_path"] = page.jekyll_path
        values["id"] = document_id(url, values.get("slug"), page.rel)
    else:
        values["dir"] = url.rsplit("/", 1)[0] + "/"
    lazy = {}
    if markdownify is not None:
        body = page.body
        def render(text: str, excerpt: bool = False) -> tuple:
            rendered = body_liquid.render(page, text, excerpt) \
                if body_liquid is not None and body_liquid.render else None
            text, includes = (_without_liquid(text), ()) if rendered is None else rendered
            return (markdownify(text) if page.markdown else text), includes
        lazy["content"] = lambda: render("" if redirected else body)
        separator = excerpt_separator(page.meta, separator) \
            if page.collection and not page.bare or page_excerpts and _html_page(page) else ""
        # (a bare document's read made no Excerpt: see discover.reader)
        if separator:  # (generate_excerpt?: not for an empty separator)
            fenced = page.front_matter
            lazy["excerpt"] = lambda: render(_excerpt(body, separator, fenced), True)
            if values.get("excerpt") in (None, False):  # Document#generate_excerpt: data["excerpt"] ||= Excerpt
                values.pop("excerpt", None)
        if page.collection and body_liquid is not None:  # (Document#output: whatever its excerpt)
            lazy["output"] = lambda: body_liquid.place(page, drop) if body_liquid.place else (None, ())
    kind = _ContentReplaced if redirected else Drop
    values.update(redirected or ())
    drop = kind(values, lazy, (order, page.rel, "" if redirected else page.body, [None, (), None, ()])
                if order is not None else None, body_liquid, document=bool(page.collection), rel=page.rel)
    return drop



class _ContentReplaced(Drop):
    """A drop whose content is "" (raw, then converted), whatever its own render made of its body."""
    __slots__ = ()

    def set_content(self, html: str, includes=()) -> None:
        return


def related_site(site: dict, page) -> dict | None:
    """The `site` a document's Liquid sees, with SiteDrop#related_posts: the document's
    RelatedPosts#build with lsi off, the ten most recent posts but itself (none when the site
    has fewer than two posts). None for a page (not a Jekyll::Document): `site.related_posts`
    is nil there, as `site` leaves it."""
    document = getattr(page, "_document", None)  # (a body's own `page` is a dict: parse.page_vars)
    if not (document if document is not None else isinstance(page, dict) and "relative_path" in page):
        return None
    posts = site.get("posts") or ()
    path = page.get("path")
    related = [post for post in posts[:11] if post.get("path") != path][:10] if len(posts) > 1 else []
    seen = site.__class__(site)  # (still a SiteHash: `site | size` is 0 in a document too)
    seen["related_posts"] = related
    return seen


def document_id(url: str, slug, path: str = "") -> str:
    """Document#id: File.join(File.dirname(url), data["slug"] || basename_without_ext); Ruby's
    dirname drops a trailing "/" first. (A document whose front matter was invalid YAML has no
    slug: its file's name, without its extension, stands in.)"""
    if slug is None or slug is False:
        slug = posixpath.splitext(posixpath.basename(path))[0]
    return posixpath.join(posixpath.dirname(url.rstrip("/") or "/"), str(slug))


def site_variables(config, sources, *, markdownify=None, now=None, body_liquid: BodyLiquid | None = None,
                   redirected=None) -> dict:
    """Jekyll's `site`: the configuration, data, pages, posts, collections, static files;
    `redirected(page)`: the data jekyll-redirect-from merges into a page (page_drop), if enabled."""
    now = now or getattr(sources, "time", None) or dt.datetime.now()  # (an undated document's date is site.time)
    site = SiteHash(config.site, folders(config))
    site["data"] = sources.data
    site["time"] = now
    order = RenderOrder([])
    separator = config.site.get("excerpt_separator", "\n\n")
    page_excerpts = bool(config.site.get("page_excerpts"))
    listed = list(sources.pages) + list(getattr(sources, "documents", []))  # (with the pages not written)
    markdown = {p.rel for p in listed if p.markdown}
    redirected = redirected or (lambda page: None)
    pages = [page_drop(p, markdownify, order, body_liquid, separator, page_excerpts, redirected(p))
             for p in listed if p.collection is None]
    # Reader#sort_files!: by name; then ThemeAssetsReader adds a gem theme's asset pages
    theme = getattr(sources, "theme_layouts_dir", None) is not None
    if len({d["name"] for d in pages}) < len(pages):  # equal names: in the order Jekyll read them
        ranks: dict = {}
        pages.sort(key=lambda d: _read_order(config.source, d["path"], ranks))
    pages.sort(key=lambda d: (theme and _theme_asset(config, d["path"]), d["name"]))
    site["pages"] = pages
    # SiteDrop#html_pages: Page#html? or a URL ending in "/"
    html_rels = {p.rel for p in listed if p.collection is None and _html_page(p)}
    site["html_pages"] = [d for d in pages if d["path"] in html_rels or str(d["url"]).endswith("/")]
    docs: dict = {label: [] for label in config.collections}
    for page in listed:
        if page.collection:
            docs.setdefault(page.collection, []).append(
                page_drop(page, markdownify, order, body_liquid, separator, redirected=redirected(page)))
    defaults = tuple(d for d in config.defaults if not d.type)  # (StaticFile#data: type nil)
    statics = _static_drops(config, sources, defaults)
    collections = []
    for label, items in docs.items():
        meta = config.collections.get(label) or {}
        folder = posixpath.join(config.collections_dir, "_" + label) if config.collections_dir else "_" + label
        items[:] = sorted_docs(items, meta, document_cmp, label)
        for i, drop in enumerate(items):  # Document#previous_doc/next_doc: neighbours in collection.docs
            drop.siblings = (items[i - 1] if i else None, items[i + 1] if i + 1 < len(items) else None)
            order.siblings[drop_source(drop)] = drop.siblings
        # site.posts newest first (SiteDrop#posts sorts `b <=> a`); the collection's docs stay as
        # Collection#read sorted them, oldest first (site.collections, jekyll-sitemap)
        site[label] = _newest_first(items) if label == "posts" else items
        collections.append(CollectionHash({**meta, "label": label, "docs": items, "files": statics.get(label, []),
                            "output": label == "posts" or bool(meta.get("output")),
                            "relative_directory": "_" + label, "directory": str(config.source / folder),
                            "permalink": meta.get("permalink") or (  # (add_default_collections: posts
                                style_template(config.permalink_style) if label == "posts" else None)}))  # get the site's style)
    # SiteDrop#[]: a collection named as one of the drop's own keys (`categories`, `pages`) is
    # what `site.categories` gives; "posts" excepted (site.posts is the posts, newest first)
    own = {key: value for key, value in (
        ("collections", sorted(collections, key=lambda c: c["label"])),  # SiteDrop#collections: by label
        ("documents", [d for c in collections for d in c["docs"]]),
        ("categories", _index(site.get("posts") or [], "categories")),
        ("tags", _index(site.get("posts") or [], "tags"))) if key not in docs}
    site.update(own)
    # Site#render: each collection's documents (posts oldest first), then the pages by name
    rendered = [d for items in docs.values() for d in items]
    order.rank = {str(drop_source(d)): i for i, d in enumerate(rendered + pages)}
    # (only a body with a Liquid tag has an include_relative that counts (partials.shared_parses):
    # its "%" by memchr first, ~0.1 us a page, where the name's search steps through the body, ~9 us)
    if any("%" in p.body and "include_relative" in p.body for p in listed):
        from .partials import attach
        attach(order, listed)
    site[ORDER_KEY] = site.order = order
    site.markdown_rels = tuple(rel for rel in order.rank if rel in markdown)
    if "static_files" not in docs:
        site["static_files"] = [d for label in statics for d in statics[label]]
    site.setdefault("baseurl", None)  # (Configuration::DEFAULTS: nil, so `{% if site.baseurl %}` is false)
    site.setdefault("version", config.version)
    return site


def _newest_first(posts: list) -> list:
    """SiteDrop#posts: the posts sorted again, `b <=> a`: reversed, unless a post has no date (a
    draft under `future: true`, compared by path; Ruby's sort then decides, ruby_sort). Jekyll
    gives such a draft its modification time when something first asks for Document#date (a
    layout printing page.date, a URL with a date): if that happened before a template first
    read site.posts, Jekyll sorts it by that date instead."""
    if any(d.get("date").__class__ is DefaultDate for d in posts):
        return ruby_sort(posts, lambda a, b: document_cmp(b, a))
    return posts[::-1]


def _read_order(source, rel: str, ranks: dict) -> tuple:
    """Where Reader#read_directories reads a page: a folder's subfolders first (each read whole),
    then its own pages; sort_by!(&:name) keeps that order for equal names (Ruby's sort on glibc is
    its stable merge sort). Sibling folders come in the file system's order: Dir.entries is not
    sorted (on ext4, hashed), and os.listdir reads the same directory the same way."""
    parts = rel.split("/")
    key, folder = [], str(source)
    for part in parts[:-1]:
        key.append((0, _entry_rank(folder, part, ranks), part))
        folder = os.path.join(folder, part)
    key.append((1, 0, parts[-1]))
    return tuple(key)


def _entry_rank(folder: str, name: str, ranks: dict) -> int:
    """The place of `name` in `folder`'s directory listing (0 when it cannot be listed)."""
    if folder not in ranks:
        try:
            ranks[folder] = {entry: i for i, entry in enumerate(os.listdir(folder))}
        except OSError:
            ranks[folder] = {}
    return ranks[folder].get(name, 0)


def _html_page(page) -> bool:
    """Page#html?: its output extension is .html/.htm/.xhtml: the front matter permalink's own
    extension if it has one (Renderer#permalink_ext), else the converter's (markdown: .html)."""
    permalink = page.meta.get("permalink")
    if isinstance(permalink, str) and permalink and not permalink.endswith("/"):
        ext = posixpath.splitext(posixpath.basename(permalink))[1]
        if ext:
            return ext in (".html", ".htm", ".xhtml")
    return page.markdown or posixpath.splitext(page.rel)[1] in (".html", ".htm", ".xhtml")


def _theme_asset(config, rel: str) -> bool:
    """A page read from the gem theme's assets/ (the site has no such file)."""
    return rel.startswith("assets/") and not (config.source / rel).is_file()


def _index(posts, key: str) -> dict:
    """Site#post_attr_hash: names in the order the posts (oldest first) first give them, each
    name's posts newest first."""
    found: dict = {}
    for post in reversed(posts):  # (site.posts is newest first)
        for name in post.get(key) or []:
            found.setdefault(str(name), []).append(post)
    for items in found.values():
        items.reverse()
    return found


def _static_drops(config, sources, defaults) -> dict:
    """site.static_files in Jekyll's order, by collection (None: the site's own files; "": a gem
    theme's assets): Reader#sort_files! sorts the site's files by relative path, CollectionReader
    then adds each collection's files (Collection#read: its folder's glob, sorted a folder level at
    a time, written or not), and ThemeAssetsReader a gem theme's assets last."""
    theme = getattr(sources, "theme_layouts_dir", None) is not None
    groups: dict = {None: [], **{label: [] for label in config.collections}, "": []}
    for static in list(sources.statics) + list(getattr(sources, "unwritten_statics", ())):
        label = static.collection if static.collection is not None else (
            "" if theme and _theme_asset(config, static.rel) else None)
        groups.setdefault(label, []).append(static)
    for label, items in groups.items():
        if label is None:
            items.sort(key=lambda s: s.rel)
        elif label:
            items.sort(key=lambda s: s.rel.split("/"))
    return {label: [_static_drop(config, s, defaults) for s in items] for label, items in groups.items()}


class StaticFileDrop(dict):
    """An entry of site.static_files as Liquid sees it (StaticFileDrop has no `url`), holding the
    file's URL aside: jekyll-sitemap's file_exists? asks the StaticFile itself for its url, so a
    site's own robots.txt or sitemap.xml keeps the plugin from writing one."""

    __slots__ = ("url",)

    def ruby_keys(self) -> list:
        """Drop#keys (a for loop or map over it yields them): its methods, then its defaults."""
        return list(self)


def _static_drop(config, static, defaults=()) -> dict:
    """StaticFileDrop: name, path..., and the front matter defaults of its path as fallback data
    (StaticFile#data), which `where` reads (sa-test-catalog: `static_files | where: "json", true`)."""
    # (a gem theme's asset lives in the gem; os.path, not pathlib: a site's hundreds of files)
    path = static.path or os.path.join(config.source, static.rel)
    try:
        modified = dt.datetime.fromtimestamp(os.stat(path).st_mtime)
    except OSError:
        modified = None
    name = posixpath.basename(static.rel)
    stem, ext = posixpath.splitext(name)
    # StaticFile#relative_path: "/" + the path, but a collection's file has its collection's
    # relative_directory as it is (no "/", and no collections_dir); the drop has no url
    coll = config.collections_dir
    rel = static.rel[len(coll) + 1:] if static.collection and coll and static.rel.startswith(coll + "/") else static.rel
    # keys in Jekyll's order (a jsonify of the drop prints them so)
    drop = StaticFileDrop({"name": name, "basename": stem, "extname": ext,
                           "path": rel if static.collection else "/" + rel,
                           "collection": static.collection, "modified_time": modified})
    drop.url = "/" + static.url if static.url else None  # StaticFile#url (the model keeps its output path)
    if defaults:
        for key, value in config.front_matter_defaults(static.rel, "").items():
            drop.setdefault(key, value)
    return drop


def liquid_globals(config, sources, *, markdownify=None, body_liquid: BodyLiquid | None = None,
                   redirected=None) -> dict:
    """`site` and `jekyll` (a Liquid::Drop: jekyll_drop.py) for Liquid; make_liquid hands the order on."""
    site = site_variables(config, sources, markdownify=markdownify, body_liquid=body_liquid, redirected=redirected)
    return {"site": site, ORDER_KEY: site.pop(ORDER_KEY), "jekyll": JekyllDrop.from_environment()}
