"""Jekyll's rules for where a page, post, collection document or static file is written, and what
Liquid knows about it (jekyll/lib/jekyll/{url,page,document,static_file,drops/url_drop}.rb)."""
from __future__ import annotations

import datetime as dt
import posixpath
import re
from urllib.parse import quote, unquote

from .jekyll_filters import slugify

HTML_EXTS = (".html", ".xhtml", ".htm")
SASS_EXTS = (".scss", ".sass")
DEFAULT_MARKDOWN_EXT = "markdown,mkdown,mkdn,mkd,md"
# `permalink:` styles in _config.yml, as templates for posts (Configuration::STYLE_TO_PERMALINK).
STYLES = {
    "none": "/:categories/:title:output_ext",
    "date": "/:categories/:year/:month/:day/:title:output_ext",
    "ordinal": "/:categories/:year/:y_day/:title:output_ext",
    "pretty": "/:categories/:year/:month/:day/:title/",
    "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext",
}
# 2019-03-12-name.md, also in sub-folders of _posts (Document::DATE_FILENAME_MATCHER)
POST_NAME = re.compile(r"^(?:.+/)*?(\d{2,4}-\d{1,2}-\d{1,2})-([^/]*)(\.[^.]+)$")
DRAFT_NAME = re.compile(r"^(?:.+/)*(.*)(\.[^.]+)$")
_PLACEHOLDER = re.compile(r":([a-z_]+)")
_SAFE_PATH = re.compile(r"^[a-zA-Z0-9./-]+$")


def markdown_exts(site: dict) -> set:
    names = str(site.get("markdown_ext") or DEFAULT_MARKDOWN_EXT)
    return {"." + name.strip().lower() for name in names.split(",") if name.strip()}


def converter_ext(ext: str, md_exts) -> str:
    """What a converter makes of a file extension: markdown → .html, Sass → .css, else itself."""
    low = ext.lower()
    if low in md_exts:
        return ".html"
    if low in SASS_EXTS:
        return ".css"
    return ext


def permalink_ext(permalink) -> str | None:
    """The extension a front matter permalink forces (Renderer#permalink_ext)."""
    if permalink is None:
        return None
    text = str(permalink)
    if text.endswith("/"):
        return None
    ext = posixpath.splitext(posixpath.basename(text))[1]
    return ext or None


def add_permalink_suffix(template: str, style: str) -> str:
    if style == "pretty":
        return template + "/"
    if style in ("date", "ordinal", "none"):
        return template + ":output_ext"
    if style.endswith("/"):
        template += "/"
    if style.endswith(":output_ext"):
        template += ":output_ext"
    return template


def style_template(style: str) -> str:
    """The posts' URL template for the site's `permalink:` setting."""
    return STYLES.get(style, style)


def escape_path(value: str) -> str:
    """A placeholder value as Jekyll puts it into a URL (URL.escape_path)."""
    if not value or _SAFE_PATH.match(value):
        return value
    return quote(value, safe="/!$&'()*+,;=:@-._~%").replace("#", "%23")


def fill_from_hash(template: str, values: dict) -> str:
    """Pages and static files: only the given placeholders are replaced, in order."""
    for key, value in values.items():
        if ":" not in template:
            break
        if value is None:
            template = template.replace("/:" + key, "")
        else:
            template = template.replace(":" + key, escape_path(str(value)))
    return template


def fill_from_drop(template: str, values: dict) -> str:
    """Documents: every `:name` is a placeholder; `:month_` may mean `:month` followed by `_`."""
    def replace(match):
        name = match.group(1)
        for key in (name, name[:-1]) if name.endswith("_") else (name,):
            if key in values:
                value = "" if values[key] is None else str(values[key])
                return match.group(0).replace(":" + key, escape_path(value), 1)
        return match.group(0)  # unknown: Jekyll stops the build; kept literally here
    return _PLACEHOLDER.sub(replace, template)


def sanitize_url(url: str) -> str:
    """URL#sanitize_url: one leading slash, no '..' or './', no doubled slashes."""
    url = ("/" + url).replace("..", "/").replace("./", "")
    return re.sub(r"/{2,}", "/", url)


def escapes(raw: str) -> bool:
    """Whether a generated URL climbs out of the site (or names nothing)."""
    stripped = raw.strip("/")
    if not stripped:
        return False
    norm = posixpath.normpath(stripped)
    return norm in (".", "..") or norm.startswith("../")


def destination(url: str, output_ext: str, *, document: bool) -> str:
    """The output file for a URL (Page#destination, Document#destination), from the site root."""
    path = unquote(url) if "%" in url else url
    if url.endswith("/"):
        path += "index.html" if document else "index" + output_ext
    elif not path.endswith(output_ext):
        path += output_ext
    return path.lstrip("/")


# -- pages --------------------------------------------------------------------------------------

def page_url(rel: str, meta: dict, style: str, md_exts) -> tuple[str | None, str]:
    """(URL, output extension) of a page: its permalink, else /:path/:basename:output_ext."""
    directory, name = posixpath.split(rel)
    stem, ext = posixpath.splitext(name)
    permalink = meta.get("permalink")
    permalink = None if permalink is None or permalink is False else str(permalink)
    output_ext = permalink_ext(permalink) or converter_ext(ext, md_exts)
    if permalink is not None:
        template = permalink
    elif output_ext not in HTML_EXTS:
        template = "/:path/:basename:output_ext"
    elif stem == "index":
        template = "/:path/"
    else:
        template = add_permalink_suffix("/:path/:basename", style)
    raw = fill_from_hash(template, {"path": directory, "basename": stem, "output_ext": output_ext})
    if escapes(raw):
        return None, output_ext
    return sanitize_url(raw), output_ext


def page_output(rel: str, meta: dict, style: str, md_exts) -> str | None:
    url, output_ext = page_url(rel, meta, style, md_exts)
    return None if url is None else destination(url, output_ext, document=False)


# -- documents (posts and collections) ----------------------------------------------------------

def collection_template(collection: dict | None, label: str, style: str) -> str:
    """A collection's URL template: its `permalink:`, else /:collection/:path plus the style's end."""
    if label == "posts":
        given = (collection or {}).get("permalink")
        return str(given) if given else style_template(style)
    given = (collection or {}).get("permalink")
    return str(given) if given else add_permalink_suffix("/:collection/:path", style)


def to_date(value, tz=None):
    """A front matter or file name date as a naive local datetime, or None."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(tz).replace(tzinfo=None)
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, str):
        text = value.strip()
        m = re.match(r"^(\d{2,4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?"
                     r"\s*(Z|[+-]\d{2}:?\d{2})?)?$", text)
        if not m:
            return None
        y, mo, d, h, mi, s, zone = m.groups()
        try:
            date = dt.datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0))
        except ValueError:
            return None
        if zone:
            offset = dt.timedelta(0) if zone == "Z" else dt.timedelta(
                hours=int(zone[1:3]), minutes=int(zone[-2:])) * (1 if zone[0] == "+" else -1)
            date = date.replace(tzinfo=dt.timezone(offset)).astimezone(tz).replace(tzinfo=None)
        return date
    return None


def titleize(slug: str) -> str:
    return " ".join(part.capitalize() for part in slug.split("-"))


def as_list(value) -> list:
    """Jekyll's `categories`/`tags` values: a space-separated string or a list."""
    if value is None:
        return []
    if isinstance(value, str):
        return value.split()
    if isinstance(value, (list, tuple)):
        out = []
        for item in value:
            out.extend(as_list(item) if isinstance(item, (list, tuple)) else [str(item)])
        return out
    return [str(value)]


def document_meta(rel: str, meta: dict, label: str, directory: str, *, now: dt.datetime,
                  draft: bool = False, mtime: float | None = None, tz=None) -> dict:
    """What Jekyll adds to a document's data: date, slug, ext, title, categories, tags."""
    values = dict(meta)
    in_dir = rel[len(directory) + 1:] if directory and rel.startswith(directory + "/") else rel
    match = POST_NAME.match(in_dir) if label == "posts" and not draft else None
    if match:
        date_text, slug, ext = match.groups()
    else:
        other = DRAFT_NAME.match(posixpath.basename(rel))
        slug, ext = (other.groups() if other else (posixpath.basename(rel), ""))
        date_text = None
    slug = slug.rstrip(".")
    date = to_date(values.get("date"), tz) if values.get("date") is not None else None
    if date is None and date_text:
        date = to_date(date_text)
    if date is None:
        date = dt.datetime.fromtimestamp(mtime) if draft and mtime else now
    values["date"] = date
    if values.get("title") is None:
        values["title"] = titleize(slug)
    if values.get("slug") is None:
        values["slug"] = slug
    values.setdefault("ext", ext)
    categories = _path_categories(rel, directory, draft) if label == "posts" else []
    for cat in as_list(values.get("categories")) + as_list(values.get("category")):
        if cat not in categories:
            categories.append(cat)
    values["categories"] = categories
    values["tags"] = list(dict.fromkeys(as_list(values.get("tags")) + as_list(values.get("tag"))))
    values["collection"] = label
    values["draft"] = draft
    return values


def _path_categories(rel: str, directory: str, draft: bool) -> list:
    """news/_posts/x.md is in category 'news' (Document#categories_from_path)."""
    special = "_drafts" if draft else "_posts"
    parts = rel.split("/")
    if special not in parts:
        return []
    return [p for p in parts[:parts.index(special)] if p]


def document_url(rel: str, meta: dict, label: str, directory: str, template: str,
                 md_exts) -> tuple[str | None, str]:
    """(URL, output extension) of a post or collection document."""
    name = posixpath.basename(rel)
    stem, ext = posixpath.splitext(name)
    permalink = meta.get("permalink")
    permalink = None if permalink is None or permalink is False else str(permalink)
    output_ext = permalink_ext(permalink) or converter_ext(ext, md_exts)
    inner = rel[len(directory):] if directory and rel.startswith(directory + "/") else "/" + rel
    cleaned = re.sub(r"\.*$", "", inner[: len(inner) - len(ext)] if ext else inner)
    date = meta.get("date") or dt.datetime.now()
    slug_source = meta.get("slug")
    categories = [str(c) for c in meta.get("categories") or []]
    values = {
        "collection": label, "path": cleaned, "name": slugify(stem),
        "title": slugify(str(slug_source), "pretty", cased=True) if slug_source is not None
        else slugify(stem, "pretty", cased=True),
        "slug": slugify(str(slug_source)) if slug_source is not None else slugify(stem),
        "categories": "/".join(dict.fromkeys(c.lower() for c in categories)),
        "slugified_categories": "/".join(dict.fromkeys(slugify(c) for c in categories)),
        "output_ext": output_ext,
        "year": date.strftime("%Y"), "month": date.strftime("%m"), "day": date.strftime("%d"),
        "hour": date.strftime("%H"), "minute": date.strftime("%M"), "second": date.strftime("%S"),
        "i_day": str(date.day), "i_month": str(date.month), "short_month": date.strftime("%b"),
        "long_month": date.strftime("%B"), "short_year": date.strftime("%y"),
        "w_year": date.strftime("%G"), "week": date.strftime("%V"), "w_day": date.strftime("%u"),
        "short_day": date.strftime("%a"), "long_day": date.strftime("%A"), "y_day": date.strftime("%j"),
    }
    raw = fill_from_drop(permalink if permalink is not None else template, values)
    if escapes(raw):
        return None, output_ext
    return sanitize_url(raw), output_ext


def document_output(url: str, output_ext: str) -> str:
    return destination(url, output_ext, document=True)


def collection_static_output(rel: str, label: str, directory: str, template: str) -> str:
    """A file without front matter inside a collection folder (StaticFile#url)."""
    stem_path, ext = posixpath.splitext(rel)
    inner = rel[len(directory):] if rel.startswith(directory + "/") else "/" + rel
    cleaned = re.sub(r"\.*$", "", inner[: len(inner) - len(ext)] if ext else inner)
    values = {"collection": label, "path": cleaned, "output_ext": "",
              "name": posixpath.basename(stem_path), "title": ""}
    url = sanitize_url(fill_from_hash(template, values)).rstrip("/") + ext
    return (unquote(url) if "%" in url else url).lstrip("/")


# -- what Liquid sees: site.*, page.* -------------------------------------------------------------

class Drop(dict):
    """A page or document as Liquid sees it; `content` and `excerpt` are made when first asked for."""

    __slots__ = ("_lazy",)

    def __init__(self, values, lazy=None):
        super().__init__(values)
        self._lazy = lazy or {}

    def __missing__(self, key):
        maker = self._lazy.get(key)
        if maker is None:
            raise KeyError(key)
        value = self[key] = maker()
        return value


_LIQUID = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}|\{%.*?%\}|\{\{.*?\}\}", re.S)


def _without_liquid(text: str) -> str:
    return _LIQUID.sub(lambda m: m.group(1) or "", text)


def page_drop(page, markdownify=None) -> Drop:
    """`page` for a SourcePage: its front matter, url, path, name, dir (and a document's id)."""
    values = dict(page.meta)
    values.setdefault("title", None)
    url = page.page_url
    values["url"] = url
    values["path"] = page.rel
    values["relative_path"] = page.rel
    values["name"] = page.rel.rsplit("/", 1)[-1]
    values["dir"] = url.rsplit("/", 1)[0] + "/"
    values["output"] = None
    if page.collection:
        values["id"] = posixpath.join(posixpath.dirname(url), str(values.get("slug") or ""))
    lazy = {}
    if markdownify is not None:
        body = page.body
        render = (lambda text: markdownify(_without_liquid(text))) if page.markdown else _without_liquid
        lazy["content"] = lambda: render(body)
        if page.collection:
            lazy["excerpt"] = lambda: render(_excerpt(body, page.meta))
    return Drop(values, lazy)


def _excerpt(body: str, meta) -> str:
    separator = str(meta.get("excerpt_separator") or "\n\n")
    text = body.lstrip("\n")
    return text.split(separator, 1)[0] if separator in text else text


def _doc_key(drop):
    return (drop.get("date") or dt.datetime.min, drop.get("path") or "")


def site_variables(config, sources, *, markdownify=None, now=None) -> dict:
    """Jekyll's `site`: the configuration, data, pages, posts, collections, static files."""
    now = now or dt.datetime.now()
    site = dict(config.site)
    site["data"] = sources.data
    site["time"] = now
    pages = [page_drop(p, markdownify) for p in sources.pages if p.collection is None]
    pages.sort(key=lambda d: d["name"])  # Reader#sort_files!: by name
    site["pages"] = pages
    site["html_pages"] = [d for d in pages if str(d["url"]).endswith((".html", ".htm", "/"))]
    docs: dict = {label: [] for label in config.collections}
    for page in list(sources.pages) + list(getattr(sources, "documents", [])):
        if page.collection:
            docs.setdefault(page.collection, []).append(page_drop(page, markdownify))
    collections = []
    for label, items in docs.items():
        meta = config.collections.get(label) or {}
        items.sort(key=_sort_key(meta))
        if label == "posts":
            items.reverse()  # newest first
        site[label] = items
        folder = posixpath.join(config.collections_dir, "_" + label) if config.collections_dir else "_" + label
        files = [{"path": "/" + s.rel, "name": posixpath.basename(s.rel), "collection": label}
                 for s in sources.statics if s.rel.startswith(folder + "/")]
        collections.append({**meta, "label": label, "docs": items, "files": files,
                            "output": label == "posts" or bool(meta.get("output")),
                            "relative_directory": folder, "directory": str(config.source / folder),
                            "permalink": meta.get("permalink")})
    site["collections"] = collections
    site["documents"] = [d for c in collections for d in c["docs"]]
    site["categories"] = _index(site.get("posts") or [], "categories")
    site["tags"] = _index(site.get("posts") or [], "tags")
    site["static_files"] = [_static_drop(config, s) for s in sources.statics]
    site.setdefault("baseurl", config.baseurl)
    site.setdefault("version", config.version)
    return site


def _sort_key(meta: dict):
    order = meta.get("order")
    if isinstance(order, list):
        rank = {str(name): i for i, name in enumerate(order)}
        return lambda d: (rank.get(posixpath.basename(str(d.get("path"))), len(rank)), _doc_key(d))
    field = meta.get("sort_by")
    if field:
        return lambda d: (d.get(field) is None, str(d.get(field)) if d.get(field) is not None else "", _doc_key(d))
    return _doc_key


def _index(posts, key: str) -> dict:
    found: dict = {}
    for post in posts:
        for name in post.get(key) or []:
            found.setdefault(str(name), []).append(post)
    return found


def _static_drop(config, static) -> dict:
    path = config.source / static.rel
    try:
        modified = dt.datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        modified = None
    name = posixpath.basename(static.rel)
    stem, ext = posixpath.splitext(name)
    return {"path": "/" + static.rel, "name": name, "basename": stem, "extname": ext,
            "modified_time": modified, "collection": None, "url": "/" + static.url}


def liquid_globals(config, sources, *, markdownify=None) -> dict:
    """`site` and `jekyll` for Liquid (JEKYLL_ENV, as `jekyll build` reads it: development)."""
    import os
    return {"site": site_variables(config, sources, markdownify=markdownify),
            "jekyll": {"environment": os.environ.get("JEKYLL_ENV") or "development", "version": "4.3.1"}}


def link_targets(sources) -> dict:
    """Source path → URL of every written page, document and static file, for `{% link %}`."""
    targets = {s.rel: "/" + s.url for s in sources.statics}
    targets.update({p.rel: p.page_url for p in sources.pages})
    return targets


def post_targets(sources) -> list:
    return [(p.rel, p.page_url) for p in sources.pages if p.collection == "posts"]
