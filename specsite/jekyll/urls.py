"""Jekyll's rules for where a page, post, collection document or static file is written
(jekyll/lib/jekyll/{url,page,document,static_file}.rb)."""
from __future__ import annotations

import datetime as dt
import posixpath
import re
from urllib.parse import quote, unquote

from ..lists import pluralized, split_words
from .dates import DateProblem, DefaultDate, front_matter_date, to_date
from ..rubycase import ruby_capitalize
from .strings import slugify
from .url_errors import UrlError, check_escape, check_slug, drop_key

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


def is_sass(rel: str) -> bool:
    """Jekyll's Sass converters match .scss and .sass, in any letter case."""
    return posixpath.splitext(rel)[1].lower() in SASS_EXTS


def markdown_exts(site: dict) -> set:
    names = str(site.get("markdown_ext") or DEFAULT_MARKDOWN_EXT)
    # (Converters::Markdown#extname_list: split at ",", no strip: "md, txt" names " txt", which no file has)
    return {"." + name.lower() for name in names.split(",")}


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


def front_permalink(meta: dict, ext: str, md_exts) -> tuple[str | None, str]:
    """(the front matter `permalink:` as text, or None; the output extension it or the converter gives)."""
    permalink = meta.get("permalink")
    permalink = None if permalink is None or permalink is False else str(permalink)
    return permalink, permalink_ext(permalink) or converter_ext(ext, md_exts)


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


def escape_path(value: str, *, strict: bool = False) -> str:
    """A placeholder value as Jekyll puts it into a URL (URL.escape_path: Addressable's
    encode_component keeps unreserved characters, sub-delims, ':', '@' and '/'; a '%' is
    encoded too, so a file named `a%20b.md` is /a%2520b.html, written as `a%20b.html`).
    `strict`: a value Addressable cannot parse raises UrlError, as it stops Jekyll's build."""
    if not value or _SAFE_PATH.match(value):
        return value
    if strict and ":" in value:
        check_escape(value)
    return quote(value, safe="/!$&'()*+,;=:@-._~")


def fill_from_hash(template: str, values: dict, *, strict: bool = False) -> str:
    """Pages and static files: only the given placeholders are replaced, in order."""
    for key, value in values.items():
        if ":" not in template:
            break
        if value is None:
            template = template.replace("/:" + key, "")
        else:  # (Ruby's gsub escapes the value whether or not the template holds it)
            template = template.replace(":" + key, escape_path(str(value), strict=strict))
    return template


def fill_from_drop(template: str, values: dict) -> str:
    """Documents: every `:name` is a placeholder; `:month_` may mean `:month` followed by `_`.
    A name the UrlDrop does not answer, or a value Addressable cannot parse, stops Jekyll's
    build: UrlError (url_errors)."""
    def replace(match):
        name = match.group(1)
        for key in (name, name[:-1]) if name.endswith("_") else (name,):
            if key in values:
                value = "" if values[key] is None else str(values[key])
                return match.group(0).replace(":" + key, escape_path(value, strict=True), 1)
        key = name[:-1] if name.endswith("_") else name  # (Ruby's chomp! has made both names this one)
        return match.group(0).replace(":" + key, drop_key(key), 1)
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
    if path.endswith("/."):  # (in_dest_dir's File.expand_path drops a last '.': permalink '.' writes .html)
        path = path[:-1]
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
    permalink, output_ext = front_permalink(meta, ext, md_exts)
    if permalink is not None:
        template = permalink
    elif output_ext not in HTML_EXTS:
        template = "/:path/:basename:output_ext"
    elif stem == "index":
        template = "/:path/"
    else:
        template = add_permalink_suffix("/:path/:basename", style)
    raw = fill_from_hash(template, {"path": directory, "basename": stem, "output_ext": output_ext}, strict=True)
    return sanitize_url(raw), output_ext  # (a '..' that climbs out is dropped there, as Jekyll drops it)


def page_output(rel: str, meta: dict, style: str, md_exts) -> str | None:
    url, output_ext = page_url(rel, meta, style, md_exts)
    return None if url is None else destination(url, output_ext, document=False)


# -- documents (posts and collections) ----------------------------------------------------------

def collection_template(collection: dict | None, label: str, style: str) -> str:
    """A collection's URL template: its `permalink:`, else /:collection/:path plus the style's end."""
    given = (collection or {}).get("permalink")
    if given:
        return str(given)
    return style_template(style) if label == "posts" else add_permalink_suffix("/:collection/:path", style)



def titleize(slug: str) -> str:
    return " ".join(ruby_capitalize(part) for part in slug.split("-"))


def document_meta(rel: str, meta: dict, label: str, directory: str, *, now: dt.datetime,
                  draft: bool = False, mtime: float | None = None, tz=None, problems: list | None = None,
                  bare: bool = False) -> dict:
    """What Jekyll adds to a document's data: date, slug, ext, title, categories, tags. A front
    matter date Jekyll refuses or specsite does not read: a DateProblem appended to `problems`.
    `bare`: its front matter was invalid YAML; Document#read stopped before read_post_data, so
    only the categories of its path (set when it was made) and, when it is asked for, the date
    (Document#date: the build's time, a draft's modification time) are added."""
    if bare:
        return _bare_document_meta(rel, meta, label, directory, now=now, draft=draft, mtime=mtime)
    values = dict(meta)
    in_dir = rel[len(directory) + 1:] if directory and rel.startswith(directory + "/") else rel
    match = POST_NAME.match(in_dir) if not draft else None  # (populate_title: any document's file name)
    if match:
        date_text, slug, ext = match.groups()
    else:
        other = DRAFT_NAME.match(posixpath.basename(rel))
        slug, ext = (other.groups() if other else (posixpath.basename(rel), ""))
        date_text = None
    slug = slug.rstrip(".")
    date = problem = None
    if "date" in values:  # (Document#merge_date!: any `date` key, an empty one too, is parsed)
        fallback = (f"the file name's date, {date_text}," if date_text else
                    "the file's modification time" if draft and mtime else "the time of the build")
        date, problem = front_matter_date(values["date"], tz, fallback)
    if date is None and date_text:
        date = to_date(date_text)
        if date is None and values.get("date") is None and problems is not None and _refused(date_text):
            # (Document#modify_date: the file name's date, parsed by Utils.parse_date, which raises)
            problems.append(DateProblem(True, f"invalid date '{date_text}' in the file name: Jekyll stops the build "
                                              f"(\"Document '{rel}' does not have a valid date in the filename\")",
                                        "Name the file after a real date (YYYY-MM-DD-title.md), or give it a "
                                        "date: in its front matter."))
    if date is None:
        date = DefaultDate.fromtimestamp(mtime) if draft and mtime else DefaultDate(
            now.year, now.month, now.day, now.hour, now.minute, now.second, now.microsecond, now.tzinfo)
    if problem is not None and problems is not None:
        problems.append(problem)
    values["date"] = date
    if values.get("title") is None:
        values["title"] = titleize(slug)
    if values.get("slug") is None:
        values["slug"] = slug
    values.setdefault("ext", ext)
    categories = _path_categories(rel, directory, draft) if label == "posts" else []
    # Document#merge_categories! (the front matter's `categories`, a string split) then
    # populate_categories/populate_tags (Utils.pluralized_array_from_hash: `category:`/`tag:` as written)
    for cat in split_words(values.get("categories")) + pluralized(values, "category", "categories"):
        if cat not in categories:
            categories.append(cat)
    values["categories"] = categories
    values["tags"] = list(dict.fromkeys(pluralized(values, "tag", "tags")))
    values["collection"] = label
    if values.get("draft") is None or values["draft"] is False:  # (Jekyll: data["draft"] ||= ..., a front matter's true value kept)
        values["draft"] = draft
    return values


def _refused(date_text: str) -> bool:
    """Ruby's Time refuses the date (not one too far off for Python's datetime)."""
    from .dates import read_date
    from .ruby_time import InvalidDate
    try:
        read_date(date_text)
    except InvalidDate:
        return True
    except ValueError:
        return False
    return False


def _bare_document_meta(rel: str, meta: dict, label: str, directory: str, *, now, draft: bool, mtime) -> dict:
    """document_meta of a document read without its front matter: no title, slug, ext nor tags
    from its file name, its date the build's time (not the file name's)."""
    values = dict(meta)  # (its front matter defaults)
    if values.get("date") is None:
        values["date"] = dt.datetime.fromtimestamp(mtime) if draft and mtime else now
    values["categories"] = _path_categories(rel, directory, draft) if label == "posts" else []
    values["collection"] = label
    if values.get("draft") is None or values["draft"] is False:
        values["draft"] = draft
    return values


def _path_categories(rel: str, directory: str, draft: bool) -> list:
    """news/_posts/x.md is in category 'news' (Document#categories_from_path)."""
    special = "_drafts" if draft else "_posts"
    parts = rel.split("/")
    if special not in parts:
        return []
    return [p for p in parts[:parts.index(special)] if p]


def document_url(rel: str, meta: dict, label: str, template: str, md_exts) -> tuple[str | None, str]:
    """(URL, output extension) of a post or collection document; `rel` is its path from the
    collections folder (Document#relative_path)."""
    name = posixpath.basename(rel)
    stem, ext = posixpath.splitext(name)
    permalink, output_ext = front_permalink(meta, ext, md_exts)
    # :path is Document#cleaned_relative_path: the first `_label` taken out wherever it is (a post
    # in cat/_posts/ keeps `cat/`), then trailing dots
    cleaned = re.sub(r"\.*$", "", (rel[: len(rel) - len(ext)] if ext else rel).replace("_" + label, "", 1))
    date = meta.get("date") or dt.datetime.now()
    slug_source = meta.get("slug")
    check_slug(slug_source, permalink if permalink is not None else template)
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
    return sanitize_url(raw), output_ext  # (a '..' that climbs out is dropped there, as Jekyll drops it)


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
