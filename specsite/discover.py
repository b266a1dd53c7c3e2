"""Walk the source folder as Jekyll does: pages (files with front matter), static files, data files."""
from __future__ import annotations

import csv
import fnmatch
import io
import json
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from .config import CACHE_DIR, SiteConfig
from .diagnostics import Diagnostics
from .frontmatter import LineDict, YamlError, has_front_matter, load_yaml, split

MARKDOWN_EXTS = {".md", ".markdown", ".mkdown", ".mkdn", ".mkd"}
# Always left out: VCS and tool folders, Jekyll's own leftovers, specsite's inputs that are not pages.
ALWAYS_EXCLUDED = {".git", ".hg", ".svn", "node_modules", "vendor", "Gemfile", "Gemfile.lock",
                   ".jekyll-cache", ".sass-cache", "_site", CACHE_DIR, "templates", "releases",
                   "__pycache__"}
UNDERSCORE_KEPT = {"_posts", "_pages"}


@dataclass(frozen=True)
class SourcePage:
    rel: str  # source path relative to the source folder (posix)
    meta: dict  # front matter with `defaults` applied
    body: str
    body_line: int  # line of the file where the body starts
    url: str  # output file relative to the output folder, e.g. "amend.html", "guide/index.html"
    markdown: bool
    collection: str | None = None

    @property
    def page_url(self) -> str:
        """Jekyll's `page.url`: '/name.html', '/guide/' for index files."""
        url = "/" + self.url
        return url[: -len("index.html")] if url.endswith("/index.html") or url == "/index.html" else url


@dataclass(frozen=True)
class StaticFile:
    rel: str
    url: str


@dataclass
class Sources:
    pages: list = field(default_factory=list)
    statics: list = field(default_factory=list)
    data: dict = field(default_factory=dict)
    data_files: dict = field(default_factory=dict)  # "sidebars/x" -> rel path of the file
    include_dirs: list = field(default_factory=list)
    template_dirs: list = field(default_factory=list)
    layouts_dir: Path | None = None


def discover(config: SiteConfig, diags: Diagnostics) -> Sources:
    src = config.source
    sources = Sources()
    sources.include_dirs = [d for d in (src / "templates" / "includes", src / "_includes") if d.is_dir()]
    sources.template_dirs = [d for d in (src / "templates",) if d.is_dir()]
    if (src / "_layouts").is_dir():
        sources.layouts_dir = src / "_layouts"
    sources.data, sources.data_files = load_data(src / "_data", diags)
    seen_urls: dict[str, str] = {}
    for rel in _walk(config):
        path = src / rel
        try:
            with path.open("rb") as handle:
                head = handle.read(8)
        except OSError as err:
            diags.error(rel, None, "unreadable-file", f"cannot read the file: {err.strerror}")
            continue
        page = _load_page(config, rel, path, diags) if head.lstrip(b"\xef\xbb\xbf").startswith(b"---") else _STATIC
        if page is None:
            continue
        if page is not _STATIC:
            if _claim(page.url, rel, seen_urls, diags, page.meta):
                sources.pages.append(page)
        else:
            url = rel
            if _claim(url, rel, seen_urls, diags, None):
                sources.statics.append(StaticFile(rel, url))
    sources.pages.sort(key=lambda p: p.rel)
    return sources


def _claim(url, rel, seen, diags, meta) -> bool:
    if url in seen:
        line = getattr(meta, "key_lines", {}).get("permalink") if meta else None
        diags.error(rel, line, "duplicate-permalink",
                    f"'{url}' is also the output of {seen[url]}; only one file can be written there",
                    hint="Give one of the two pages another permalink.")
        return False
    seen[url] = rel
    return True


_STATIC = object()  # a file without front matter: copied as it is


def _walk(config: SiteConfig):
    src = config.source
    out = config.out
    for dirpath, dirnames, filenames in os.walk(src):
        base = Path(dirpath)
        rel_dir = base.relative_to(src).as_posix()
        rel_dir = "" if rel_dir == "." else rel_dir
        kept = []
        for name in sorted(dirnames):
            rel = f"{rel_dir}/{name}" if rel_dir else name
            full = base / name
            if full.resolve() == out or _excluded(rel, name, config) or full.is_symlink():
                continue
            kept.append(name)
        dirnames[:] = kept
        for name in sorted(filenames):
            rel = f"{rel_dir}/{name}" if rel_dir else name
            if _excluded(rel, name, config) or name in ("_config.yml", "_config.yaml"):
                continue
            if (base / name).is_symlink():
                continue  # Jekyll's safe mode: symlinks are not followed
            yield rel


def _excluded(rel: str, name: str, config: SiteConfig) -> bool:
    if any(_match(rel, name, pattern) for pattern in config.include):
        return False
    if name in ALWAYS_EXCLUDED and "/" not in rel:
        return True
    if name.startswith((".", "#")) or name.endswith("~"):
        return True
    if name.startswith("_") and name not in UNDERSCORE_KEPT and not _is_collection(name, config):
        return True
    return any(_match(rel, name, pattern) for pattern in config.exclude)


def _is_collection(name: str, config: SiteConfig) -> bool:
    collections = config.site.get("collections") or {}
    return isinstance(collections, (dict, list)) and name[1:] in collections


def _match(rel: str, name: str, pattern: str) -> bool:
    pattern = pattern.strip().rstrip("/")
    if not pattern:
        return False
    pattern = pattern.lstrip("/")
    return (rel == pattern or rel.startswith(pattern + "/") or fnmatch.fnmatch(rel, pattern)
            or ("/" not in pattern and fnmatch.fnmatch(name, pattern)))


def _load_page(config: SiteConfig, rel: str, path: Path, diags: Diagnostics):
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        return _STATIC  # binary that happens to start with '---'
    if not has_front_matter(text):
        return _STATIC
    text = text.replace("\r\n", "\n")
    try:
        parts = split(text)
    except YamlError as err:
        diags.error(rel, err.line, "front-matter", err.message, column=err.column,
                    hint="Front matter is YAML between two '---' lines at the top of the file.")
        return None
    collection = _collection_of(rel, config)
    kind = "posts" if collection == "posts" else ("pages" if collection is None else collection)
    meta = LineDict(config.front_matter_defaults(rel, kind))
    meta.update(parts.meta)
    meta.line = getattr(parts.meta, "line", 2)
    meta.key_lines = getattr(parts.meta, "key_lines", {})
    ext = posixpath.splitext(rel)[1].lower()
    url = output_path(rel, meta, config, collection)
    if url is None:
        line = meta.key_lines.get("permalink")
        diags.error(rel, line, "permalink-escapes",
                    f"permalink '{meta.get('permalink')}' would write outside the output folder",
                    hint="Use a path inside the site, e.g. 'name.html' or 'folder/name.html'.")
        return None
    if collection and not _collection_outputs(collection, config):
        return None
    return SourcePage(rel, meta, parts.body, parts.body_line, url, ext in MARKDOWN_EXTS, collection)


def _collection_of(rel: str, config: SiteConfig) -> str | None:
    first = rel.split("/", 1)[0]
    if first == "_posts":
        return "posts"
    if first.startswith("_") and _is_collection(first, config):
        return first[1:]
    return None


def _collection_outputs(name: str, config: SiteConfig) -> bool:
    if name == "posts":
        return True
    collections = config.site.get("collections") or {}
    if isinstance(collections, dict):
        return bool((collections.get(name) or {}).get("output", False))
    return False


_POST_NAME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})-(.+)$")


def output_path(rel: str, meta: dict, config: SiteConfig, collection: str | None = None) -> str | None:
    """The output file for a page, by Jekyll's permalink rules; None if it escapes the site."""
    directory, filename = posixpath.split(rel)
    stem, ext = posixpath.splitext(filename)
    output_ext = ".html" if ext.lower() in MARKDOWN_EXTS or ext.lower() in (".html", ".htm") else ext
    style = config.permalink_style
    permalink = meta.get("permalink")
    if collection:
        directory = directory.split("/", 1)[1] if "/" in directory else ""
    if permalink is None and collection == "posts":
        m = _POST_NAME.match(stem)
        if m:
            y, mo, d, slug = m.groups()
            cats = meta.get("categories") or meta.get("category") or ""
            cats = cats.split() if isinstance(cats, str) else [str(c) for c in cats]
            prefix = "/".join(c.lower() for c in cats)
            templates = {"date": f"/:c/{y}/{mo}/{d}/{slug}:ext", "pretty": f"/:c/{y}/{mo}/{d}/{slug}/",
                         "ordinal": f"/:c/{y}/{slug}:ext", "none": f"/:c/{slug}:ext"}
            permalink = templates.get(style, style if style.startswith("/") else templates["date"])
            permalink = permalink.replace(":c/", (prefix + "/") if prefix else "")
            permalink = permalink.replace(":ext", output_ext)
    if permalink is None:
        if stem == "index" and output_ext == ".html":
            permalink = f"/{directory}/"
        elif style == "pretty" or (style.endswith("/") and style not in ("date", "none", "ordinal")):
            permalink = f"/{directory}/{stem}/" if output_ext == ".html" else f"/{directory}/{stem}{output_ext}"
        else:
            permalink = f"/{directory}/{stem}{output_ext}"
    else:
        permalink = (str(permalink).replace(":basename", stem).replace(":path", directory)
                     .replace(":output_ext", output_ext).replace(":name", stem))
    permalink = re.sub(r"/+", "/", permalink)
    if permalink.endswith("/"):
        permalink += "index.html"
    elif not posixpath.splitext(permalink)[1]:
        permalink += output_ext
    norm = posixpath.normpath(permalink.lstrip("/"))
    if norm.startswith("..") or norm.startswith("/") or norm in (".", ""):
        return None
    return norm


def load_data(data_dir: Path, diags: Diagnostics):
    """`_data/**` (YAML, JSON, CSV, TSV) as nested mappings, like Jekyll's `site.data`."""
    data: dict = {}
    files: dict = {}
    if not data_dir.is_dir():
        return data, files
    root = data_dir.parent
    for path in sorted(data_dir.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        rel = path.relative_to(root).as_posix()
        keys = path.relative_to(data_dir).with_suffix("").parts
        try:
            value = _read_data(path)
        except YamlError as err:
            diags.error(rel, err.line, "data-file", err.message, column=err.column)
            continue
        except (ValueError, UnicodeDecodeError, csv.Error) as err:
            diags.error(rel, None, "data-file", f"cannot read data file: {err}")
            continue
        if value is _SKIP:
            continue
        node = data
        for key in keys[:-1]:
            node = node.setdefault(key, {})
        node[keys[-1]] = value
        files["/".join(keys)] = rel
    return data, files


_SKIP = object()


def _read_data(path: Path):
    suffix = path.suffix.lower()
    if suffix in (".yml", ".yaml"):
        return load_yaml(path.read_text(encoding="utf-8"))
    if suffix == ".json":
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as err:
            raise YamlError(f"invalid JSON: {err.msg}", err.lineno, err.colno) from None
    if suffix in (".csv", ".tsv"):
        text = path.read_text(encoding="utf-8")
        return list(csv.DictReader(io.StringIO(text), delimiter="\t" if suffix == ".tsv" else ","))
    return _SKIP
