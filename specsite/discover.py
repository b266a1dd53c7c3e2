"""Walk the source folder as Jekyll does: pages (files with front matter), static files, data files."""
from __future__ import annotations

import csv
import datetime as dt
import fnmatch
import io
import json
import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import jekyll
from .config import CACHE_DIR, SiteConfig, deep_merge
from .diagnostics import Diagnostics
from .plugins import SUPPORTED as PLUGINS_RUN, ruby_plugin_tags
from .frontmatter import LineDict, YamlError, has_front_matter, item_line, load_yaml, split
from .safety import OUTSIDE_HINT, inside, kind, refusal, walk_files

MARKDOWN_EXTS = {".md", ".markdown", ".mkdown", ".mkdn", ".mkd"}
# Jekyll leaves these out whatever `exclude:` says (Configuration::DEFAULT_EXCLUDES).
DEFAULT_EXCLUDES = (".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock", "node_modules",
                    "vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/")
# specsite's own inputs and tool folders, never site files (top level).
ALWAYS_EXCLUDED = {".git", ".hg", ".svn", "_site", CACHE_DIR, "__pycache__"}
_SPECIAL = (".", "_", "#", "~")


@dataclass(frozen=True)
class SourcePage:
    rel: str  # source path relative to the source folder (posix)
    meta: dict  # front matter with `defaults` applied
    body: str
    body_line: int  # line of the file where the body starts
    url: str  # output file relative to the output folder, e.g. "amend.html", "guide/index.html"
    markdown: bool
    collection: str | None = None
    jekyll_url: str | None = None  # the URL Jekyll gives the page ("/x/" for x/index.html)

    @property
    def page_url(self) -> str:
        """Jekyll's `page.url`: '/name.html', '/guide/' for index files."""
        if self.jekyll_url is not None:
            return self.jekyll_url
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
    documents: list = field(default_factory=list)  # documents of collections without output (Liquid only)


def discover(config: SiteConfig, diags: Diagnostics) -> Sources:
    src = config.source
    sources = Sources()
    includes = _setting_dir(config, "includes_dir", "_includes", diags)
    sources.include_dirs = [d for d in (_safe_dir(config, src / "templates" / "includes", diags), includes)
                            if d is not None and d.is_dir()]
    templates = _safe_dir(config, src / "templates", diags)
    sources.template_dirs = [d for d in (templates,) if d is not None and d.is_dir() and _specsite_templates(d)]
    layouts = _setting_dir(config, "layouts_dir", "_layouts", diags)
    if layouts is not None and layouts.is_dir():
        sources.layouts_dir = layouts
    data_dir = _setting_dir(config, "data_dir", "_data", diags)
    if data_dir is not None:
        sources.data, sources.data_files = load_data(data_dir, diags, root=src, unsafe=config.unsafe)
    unsupported(config, diags)
    reader = _Reader(config, diags)
    seen_urls: dict[str, str] = {}
    for item in reader.items():
        _add(item, reader, sources, seen_urls, diags)
    _file_folder_clashes(sources, diags)
    sources.pages.sort(key=lambda p: p.rel)
    return sources


def _file_folder_clashes(sources: Sources, diags: Diagnostics):
    """An output file where other outputs need a folder ('page' beside 'page/index.html') cannot
    be written: an error at the file, which is left out; the folder's files are kept."""
    outputs = [p.url for p in sources.pages] + [s.url for s in sources.statics]
    folders: dict = {}
    for url in outputs:
        parts = url.split("/")
        for depth in range(1, len(parts)):
            folders.setdefault("/".join(parts[:depth]), url)
    if not any(url in folders for url in outputs):
        return
    for item in [x for x in sources.pages + sources.statics if x.url in folders]:
        meta = getattr(item, "meta", None)
        diags.error(item.rel, getattr(meta, "key_lines", {}).get("permalink"), "duplicate-permalink",
                    f"'{item.url}' would be a file where {folders[item.url]} needs a folder; it is not written",
                    hint="Give the page another permalink, or rename the file.")
    sources.pages = [p for p in sources.pages if p.url not in folders]
    sources.statics = [s for s in sources.statics if s.url not in folders]


def _setting_dir(config: SiteConfig, key: str, default: str, diags: Diagnostics) -> Path | None:
    """A `*_dir:` folder of _config.yml; None (after an error at its line) when it leads outside
    the source folder, as Jekyll's safe mode refuses it."""
    value = config.site.get(key)
    folder = config.source / str(value or default)
    if not value:
        return _safe_dir(config, folder, diags)  # the default folder, perhaps a symlink
    if config.unsafe or inside(folder, config.source):
        return folder
    diags.error(config.config_file or "_config.yml", config.key_lines.get(key), "unsafe-path",
                f"'{key}: {value}' names a folder outside the source folder; it is not read",
                hint="Name a folder inside the source, or build with --unsafe if you trust this source.")
    return None


def _safe_dir(config: SiteConfig, folder: Path, diags: Diagnostics) -> Path | None:
    """A fixed folder (templates/, templates/includes/) unless it is a symlink leading outside."""
    why = refusal(folder, config.source, config.unsafe)
    if why is None:
        return folder
    diags.warning(folder.relative_to(config.source).as_posix(), None, "unsafe-path", f"this folder {why}",
                  hint=OUTSIDE_HINT)
    return None


def _add(item, reader, sources, seen_urls, diags):
    page = reader.load(*item)
    if page is None:
        return
    if isinstance(page, StaticFile):
        if page.url and _claim(page, seen_urls, diags, None, sources):
            sources.statics.append(page)
    elif page.collection and not reader.writes(page.collection):
        sources.documents.append(page)
    elif _claim(page, seen_urls, diags, page.meta, sources):
        sources.pages.append(page)


def _claim(item, seen, diags, meta, sources) -> bool:
    """Whether `item` is written at its URL. Two sources with one destination: Jekyll warns and
    the one it writes last wins (static files after pages; among pages the later by name, then
    by Jekyll's reading order, which reads a folder's subfolders before its own files)."""
    url, rel = item.url, item.rel
    lower = "\0" + url.lower()
    line = getattr(meta, "key_lines", {}).get("permalink") if meta else None
    if url not in seen and lower in seen:
        diags.warning(rel, line, "case-collision",
                      f"'{url}' differs only in letter case from the output of {seen[lower].rel}; on a "
                      "case-insensitive disk (macOS, Windows) one overwrites the other",
                      hint="Give one of them another name.")
    seen.setdefault(lower, item)
    other = seen.get(url)
    if other is None:
        seen[url] = item
        return True
    wins = _write_rank(item) > _write_rank(other)
    loser, winner = (other, item) if wins else (item, other)
    loser_line = getattr(getattr(loser, "meta", None), "key_lines", {}).get("permalink")
    if _is_sass(loser.rel) and isinstance(winner, StaticFile):
        diags.warning(loser.rel, 1, "output-conflict",
                      f"'{url}' is also the file {winner.rel}, which wins: this page's compiled CSS is not "
                      "written (Jekyll writes that file over it)",
                      hint=f"Delete {winner.rel} if it is a stale compiled copy, or give one of the two another name.")
    else:
        diags.warning(loser.rel, loser_line, "duplicate-permalink",
                      f"'{url}' is also the output of {winner.rel}, which is written there instead "
                      "(Jekyll: 'Conflict: destination is shared by multiple files')",
                      hint="Give one of the two another permalink.")
    if wins:
        for bucket in (sources.pages, sources.statics):
            if other in bucket:
                bucket.remove(other)
        seen[url] = item
    return wins


def _is_sass(rel: str) -> bool:
    return posixpath.splitext(rel)[1].lower() in jekyll.SASS_EXTS


def _write_rank(item) -> tuple:
    folders, _, name = item.rel.rpartition("/")
    read_order = tuple((0, part) for part in folders.split("/") if part) + ((1, name),)
    return (isinstance(item, StaticFile), name, read_order)


def _specsite_templates(folder: Path) -> bool:
    """templates/ holds specsite's includes and Jinja2 layouts; otherwise it is site content."""
    return any((folder / name).is_dir() for name in ("includes", "layouts", "partials"))


def _specsite_releases(folder: Path) -> bool:
    """releases/<version>/release.yml entries; a folder with pages of its own is site content."""
    for child in folder.iterdir():
        if child.is_file() and child.suffix.lower() in MARKDOWN_EXTS | {".html"}:
            with child.open("rb") as handle:
                if has_front_matter(handle.read(16).decode("utf-8", "replace")):
                    return False
    return True


class _Filter:
    """Jekyll's EntryFilter: hidden, underscore and backup names are left out, `exclude:`
    patterns (globs on the whole path, or prefixes) too, unless `include:` names them."""

    def __init__(self, config: SiteConfig):
        include = [p.strip().lstrip("/") for p in config.include if p.strip()]
        self.include = include
        self.exclude = [p.strip().lstrip("/") for p in list(config.exclude) + list(DEFAULT_EXCLUDES)
                        if p.strip() and p.strip() not in config.include]

    @staticmethod
    def _glob(patterns, rel: str, is_dir: bool) -> bool:
        return any(fnmatch.fnmatchcase(rel, p) or rel.startswith(p) or (is_dir and p == rel + "/")
                   for p in patterns)

    def included(self, rel: str, is_dir: bool = False) -> bool:
        return self._glob(self.include, rel, is_dir) or self._glob(self.include, rel.rsplit("/", 1)[-1], is_dir)

    def keep(self, rel: str, entry: str | None = None, is_dir: bool = False) -> bool:
        """`rel` from the source folder; `entry` as Jekyll sees it (relative to a collection)."""
        entry = rel if entry is None else entry
        name = entry.rsplit("/", 1)[-1]
        included = self.included(entry, is_dir)
        if not included and self._glob(self.exclude, rel, is_dir):
            return False
        if included:
            return True
        return not (entry.startswith(_SPECIAL) or name.startswith(_SPECIAL) or name.endswith("~"))


_LOADED: dict = {}  # rel -> (stat key, result, diagnostics): see _Reader.load
# Set by the preview server, whose rebuilds follow the watcher's events; a one-shot build reads
# every file (file systems with coarse timestamps could hide a same-size edit within a tick).
REMEMBER_BY_STAT = False


class _Reader:
    """Finds what Jekyll reads: pages and static files, posts (any `_posts/`), drafts, collections."""

    def __init__(self, config: SiteConfig, diags: Diagnostics):
        self.config, self.diags = config, diags
        self.filter = _Filter(config)
        self.md_exts = jekyll.markdown_exts(config.site)
        self.collections = config.collections
        self.now = dt.datetime.now()
        self.show_drafts = bool(config.site.get("show_drafts"))  # not --drafts: that is for releases
        self.future = bool(config.site.get("future"))
        self.unpublished = bool(config.site.get("unpublished"))
        self.style = config.permalink_style
        self.config_key = hash((repr(sorted(config.site.items(), key=lambda kv: str(kv[0]))),
                                config.drafts, self.now.date()))

    def writes(self, label: str) -> bool:
        return label == "posts" or bool((self.collections.get(label) or {}).get("output", False))

    # -- walking -------------------------------------------------------------------------------
    def items(self):
        """(kind, rel, label, folder) for every file, kind: file | post | draft | doc."""
        yield from self._tree()
        coll_dir = self.config.collections_dir
        for label in self.collections:
            if label == "posts":
                continue
            folder = posixpath.join(coll_dir, "_" + label) if coll_dir else "_" + label
            for rel in self._files_in(folder):
                yield ("doc", rel, label, folder)

    def _tree(self):
        src, out = self.config.source, self.config.out
        for dirpath, dirnames, filenames in os.walk(src, followlinks=True):
            base = Path(dirpath)
            rel_dir = base.relative_to(src).as_posix()
            rel_dir = "" if rel_dir == "." else rel_dir
            yield from self._posts_in(rel_dir, dirnames)
            kept = []
            for name in sorted(dirnames):
                rel = f"{rel_dir}/{name}" if rel_dir else name
                full = base / name
                if full.resolve() == out or not self._keep_dir(rel, name, full) or not self._readable(rel, full):
                    continue
                real, here = os.path.realpath(full), os.path.realpath(base)
                if here == real or here.startswith(real.rstrip(os.sep) + os.sep):
                    continue  # a symlink to a folder that contains it: walking it would never end
                kept.append(name)
            dirnames[:] = kept
            for name in sorted(filenames):
                rel = f"{rel_dir}/{name}" if rel_dir else name
                if rel in ("_config.yml", "_config.yaml"):
                    continue
                if self.filter.keep(rel) and self._readable(rel, base / name):
                    yield ("file", rel, None, rel_dir)

    def _readable(self, rel: str, path: Path) -> bool:
        """Symlinks are followed only inside the source (Jekyll's safe mode, as on GitHub Pages);
        FIFOs, sockets and devices are never read (reading one may never end)."""
        why = refusal(path, self.config.source, self.config.unsafe)
        if why is not None:
            self.diags.warning(rel, None, "unsafe-path" if "outside" in why else "special-file",
                               f"this {'folder' if kind(path) == 'dir' else 'file'} {why}",
                               hint=OUTSIDE_HINT if "outside" in why else "Remove it from the source folder.")
            return False
        return True

    def _keep_dir(self, rel: str, name: str, full: Path) -> bool:
        if "/" not in rel and not self.filter.included(rel, True):
            if name in ALWAYS_EXCLUDED:
                return False
            if name == "templates" and _specsite_templates(full):
                return False
            if name == "releases" and _specsite_releases(full):
                return False
        return name != "__pycache__" and self.filter.keep(rel, is_dir=True)

    def _posts_in(self, rel_dir: str, dirnames):
        coll_dir = self.config.collections_dir
        if coll_dir and not (rel_dir + "/").startswith(coll_dir + "/"):
            return
        for special, item_kind in (("_posts", "post"), ("_drafts", "draft")):
            if special not in dirnames or (item_kind == "draft" and not self.show_drafts):
                continue
            folder = f"{rel_dir}/{special}" if rel_dir else special
            for rel in self._files_in(folder):
                entry = rel[len(folder) + 1:]
                if item_kind == "post" and not jekyll.POST_NAME.match(entry):
                    continue
                yield (item_kind, rel, "posts", folder)

    def _files_in(self, folder: str):
        root = self.config.source / folder
        if not root.is_dir() or not self._readable(folder, root):
            return

        def refused(path, why):
            rel = path.relative_to(self.config.source).as_posix()
            self._readable(rel, path)

        for full in walk_files(root, self.config.source, unsafe=self.config.unsafe, refused=refused):
            rel = full.relative_to(self.config.source).as_posix()
            entry = rel[len(folder) + 1:]
            if any(part.startswith(".") for part in entry.split("/")[:-1]):
                continue
            if self.filter.keep(rel, entry):
                yield rel

    # -- reading -------------------------------------------------------------------------------
    def load(self, kind: str, rel: str, label: str | None, folder: str):
        """What a file is (page, static file, or nothing), remembered while the file's size and
        modification time and the configuration stay the same (a preview rebuild then reads only
        the files that changed)."""
        path = self.config.source / rel
        try:
            stat = path.stat() if REMEMBER_BY_STAT else None
        except OSError:
            stat = None
        if stat is None:
            return self._load(kind, rel, label, folder)
        key = (str(self.config.source), kind, label, folder, stat.st_mtime_ns, stat.st_size, self.config_key)
        known = _LOADED.get(rel)
        if known is not None and known[0] == key:
            self.diags.extend(known[2])
            return known[1]
        before = len(self.diags.items)
        result = self._load(kind, rel, label, folder)
        if len(_LOADED) > 50000:
            _LOADED.clear()
        _LOADED[rel] = (key, result, tuple(self.diags.items[before:]))
        return result

    def _load(self, kind: str, rel: str, label: str | None, folder: str):
        path = self.config.source / rel
        try:
            with path.open("rb") as handle:
                head = handle.read(8)
        except OSError as err:
            self.diags.error(rel, None, "unreadable-file", f"cannot read the file: {err.strerror}")
            return None
        fm = head.lstrip(b"\xef\xbb\xbf").startswith(b"---")
        if kind == "file":
            return self._page(rel, path) if fm else StaticFile(rel, rel)
        if kind == "doc" and not fm:
            if not self.writes(label):
                return None
            template = jekyll.collection_template(self.collections.get(label), label, self.style)
            return StaticFile(rel, jekyll.collection_static_output(rel, label, folder, template))
        return self._document(rel, path, label, folder, draft=kind == "draft")

    def _read(self, rel: str, path: Path):
        """(front matter, Split) or None after reporting; _STATIC for binary files."""
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as err:
            data = path.read_bytes()
            if not data.lstrip(b"\xef\xbb\xbf").startswith(b"---"):
                return _STATIC
            line = data.count(b"\n", 0, err.start) + 1
            col = err.start - (data.rfind(b"\n", 0, err.start) + 1) + 1
            self.diags.error(rel, line, "encoding", f"the file is not UTF-8 text (byte 0x{data[err.start]:02X})",
                             column=col, hint="Save it as UTF-8.")
            return None
        text = text.replace("\r\n", "\n")
        try:
            parts = split(text, lenient=True)
        except YamlError as err:
            self.diags.error(rel, err.line, "front-matter", err.message, column=err.column,
                             hint="Front matter is YAML between two '---' lines at the top of the file.")
            return None
        if parts.error is not None:
            err = parts.error
            self.diags.warning(rel, err.line, "front-matter", f"{err.message}; the page is built without its "
                               "front matter, at its default URL (as Jekyll does)", column=err.column,
                               hint="Quote values that contain ': ' (title: \"A: B\").")
        return parts

    def _page(self, rel: str, path: Path):
        parts = self._read(rel, path)
        if parts is None or parts is _STATIC or parts.meta is None:
            return None if parts is None else StaticFile(rel, rel)
        meta = _with_lines(LineDict({**self.config.front_matter_defaults(rel, "pages"), **parts.meta}), parts.meta)
        if not self._published(meta) or not self._valid_types(rel, meta):
            return None
        ext = posixpath.splitext(rel)[1].lower()
        url, output_ext = jekyll.page_url(rel, meta, self.style, self.md_exts)
        if url is None:
            return self._escaped(rel, meta)
        out = jekyll.destination(url, output_ext, document=False)
        if not self._writable(rel, meta, out):
            return None
        return SourcePage(rel, meta, parts.body, parts.body_line, out, ext in self.md_exts, None, url)

    def _valid_types(self, rel: str, meta) -> bool:
        """Front matter keys specsite acts on must have the right kind of value; a list where a
        permalink belongs would name a file "['x.html']"."""
        lines = getattr(meta, "key_lines", {})
        permalink = meta.get("permalink")
        if permalink is not None and not isinstance(permalink, str):
            self.diags.error(rel, lines.get("permalink"), "front-matter",
                             f"'permalink' must be text, e.g. permalink: page.html, not {permalink!r}")
            return False
        for key, what in (("layout", "a layout name"), ("sidebar", "a sidebar name")):
            value = meta.get(key)
            if value is not None and not isinstance(value, str):
                self.diags.warning(rel, lines.get(key), "front-matter",
                                   f"'{key}' should be {what}, not {value!r}; it names none")
        title = meta.get("title")
        if isinstance(title, (list, dict)):
            self.diags.warning(rel, lines.get("title"), "front-matter", f"'title' should be text, not {title!r}",
                               hint="Quote it if it contains ':' or starts with '['.")
        return True

    def _document(self, rel: str, path: Path, label: str, folder: str, *, draft: bool = False):
        parts = self._read(rel, path)
        if parts is None or parts is _STATIC:
            return None
        front = parts.meta if parts.meta is not None else LineDict()
        meta = deep_merge(self.config.front_matter_defaults(rel, label), front)
        meta = jekyll.document_meta(rel, meta, label, folder, now=self.now, draft=draft,
                                    mtime=path.stat().st_mtime)
        meta = _with_lines(LineDict(meta), front)
        if not self._published(meta) or (label == "posts" and not self.future and meta["date"] > self.now):
            return None
        template = jekyll.collection_template(self.collections.get(label), label, self.style)
        url, output_ext = jekyll.document_url(rel, meta, label, folder, template, self.md_exts)
        if url is None:
            return self._escaped(rel, meta)
        out = jekyll.document_output(url, output_ext)
        if not self._writable(rel, meta, out):
            return None
        ext = posixpath.splitext(rel)[1].lower()
        return SourcePage(rel, meta, parts.body, parts.body_line, out, ext in self.md_exts, label, url)

    def _published(self, meta) -> bool:
        return self.unpublished or meta.get("published", True) is not False

    def _writable(self, rel, meta, out: str) -> bool:
        """An output path no file system can hold (a NUL byte from '%00', a name over 255 bytes)
        is an error at the permalink, not a failure while writing."""
        if "\x00" in out:
            problem = "contains a NUL character (from '%00')"
        elif any(len(part.encode("utf-8", "surrogatepass")) > 255 for part in out.split("/")):
            problem = "has a file or folder name longer than 255 bytes"
        else:
            return True
        self.diags.error(rel, meta.key_lines.get("permalink"), "permalink-invalid",
                         f"the output path of this page {problem}; it cannot be written",
                         hint="Use letters, digits, '-', '_' and '/' in the permalink.")
        return False

    def _escaped(self, rel, meta):
        line = meta.key_lines.get("permalink")
        self.diags.error(rel, line, "permalink-escapes",
                         f"permalink '{meta.get('permalink')}' would write outside the output folder",
                         hint="Use a path inside the site, e.g. 'name.html' or 'folder/name.html'.")
        return None


_STATIC = object()  # a file without front matter: copied as it is


def _with_lines(meta: LineDict, front) -> LineDict:
    meta.line = getattr(front, "line", 2)
    meta.key_lines = getattr(front, "key_lines", {})
    return meta


def output_path(rel: str, meta: dict, config: SiteConfig, collection: str | None = None) -> str | None:
    """The output file for a page, by Jekyll's permalink rules; None if it escapes the site."""
    md_exts = jekyll.markdown_exts(config.site)
    if collection is None:
        return jekyll.page_output(rel, meta, config.permalink_style, md_exts)
    folder = rel.split("/", 1)[0] if "/" in rel else ""
    if collection == "posts" and "/_posts/" in "/" + rel:
        folder = rel[: ("/" + rel).index("/_posts/") + len("_posts")]
    meta = jekyll.document_meta(rel, meta, collection, folder, now=dt.datetime.now())
    template = jekyll.collection_template(config.collections.get(collection), collection,
                                          config.permalink_style)
    url, output_ext = jekyll.document_url(rel, meta, collection, folder, template, md_exts)
    return None if url is None else jekyll.document_output(url, output_ext)


# What a Jekyll plugin listed in _config.yml adds that a reader of the site would miss.
KNOWN_PLUGINS = {
    "jekyll-seo-tag": "{% seo %} renders nothing",
    "jekyll-feed": "no feed.xml is written and {% feed_meta %} renders nothing",
    "jekyll-sitemap": "no sitemap.xml is written",
    "jekyll-redirect-from": "the redirect pages of `redirect_from:` are not written",
    "jekyll-relative-links": "links to .md files are not rewritten to their pages",
    "jekyll-github-metadata": "site.github is empty",
    "jekyll-paginate": "paginator is empty and no page2/… pages are written",
    "jekyll-gist": "{% gist %} renders nothing",
    "jemoji": ":emoji: codes stay as text",
    "jekyll-mentions": "@mentions stay as text",
    "jekyll-remote-theme": "the remote theme is not used",
}
# {% include_cached %} is {% include %}; the GitHub Pages plugins run natively (specsite.plugins)
SUPPORTED_PLUGINS = {"jekyll-include-cache"} | set(PLUGINS_RUN)
_GEM = re.compile(r"""^\s*gem\s+["']([\w.-]+)["'](.*)$""")


def unsupported(config: SiteConfig, diags: Diagnostics):
    """Warnings for the Jekyll features specsite does not run: Ruby plugins, plugin gems, gem
    themes, other markdown engines. Each at the line that asks for it; the site still builds."""
    src, cfg = config.source, config.config_file or "_config.yml"
    plugins_dir = src / str(config.site.get("plugins_dir") or "_plugins")
    if plugins_dir.is_dir() and inside(plugins_dir, src):
        defined = ruby_plugin_tags(src, str(config.site.get("plugins_dir") or "_plugins"))
        for path in sorted(plugins_dir.rglob("*.rb")):
            rel = path.relative_to(src).as_posix()
            names = sorted(name for name, (file, _) in defined.items() if file == rel)
            what = f" (it defines {', '.join(names)})" if names else ""
            diags.warning(rel, 1, "jekyll-unsupported",
                          f"Ruby plugin {path.name} is not run{what}: the tags, filters and pages it adds "
                          "are missing")
    names = config.site.get("plugins")
    for index, name in enumerate(names if isinstance(names, list) else []):
        line = item_line(names, index, config.key_lines.get("plugins"))
        _plugin_warning(cfg, line, str(name), "'plugins:'", diags)
    if config.site.get("gems"):
        diags.warning(cfg, config.key_lines.get("gems"), "jekyll-unsupported",
                      "'gems:' is ignored by Jekyll 4 (and by specsite): the plugins it names are not loaded",
                      hint="Rename the key to 'plugins:'.")
    _gemfile_plugins(src, diags)
    for key in ("theme", "remote_theme"):
        if config.site.get(key):
            diags.warning(cfg, config.key_lines.get(key), "jekyll-unsupported",
                          f"{key} '{config.site[key]}' is not used: pages are rendered in specsite's "
                          "documentation theme, and the gem's _includes are not available")
    sass = config.site.get("sass")
    if isinstance(sass, dict) and str(sass.get("implementation") or "sassc") != "sassc":
        diags.warning(cfg, getattr(sass, "key_lines", {}).get("implementation"), "jekyll-unsupported",
                      f"sass implementation '{sass['implementation']}' is not used: Sass is compiled with "
                      "libsass, as with sassc (Jekyll's default), so the CSS may differ from dart-sass's",
                      hint="Remove the key, or commit the compiled CSS instead of the .scss page.")
    engine = str(config.site.get("markdown") or "kramdown")
    if engine.lower() != "kramdown":
        diags.warning(cfg, config.key_lines.get("markdown"), "jekyll-unsupported",
                      f"markdown: {engine} is read as kramdown with input GFM")
    kramdown = config.site.get("kramdown")
    kinput = str(kramdown.get("input") or "GFM") if isinstance(kramdown, dict) else "GFM"
    if kinput.lower() != "gfm":
        line = getattr(kramdown, "key_lines", {}).get("input")
        diags.warning(cfg, line, "jekyll-unsupported",
                      f"kramdown input '{kinput}' is read as GFM (kramdown's own syntax may render differently)")


def _plugin_warning(path: str, line, name: str, where: str, diags: Diagnostics):
    if name in SUPPORTED_PLUGINS:
        return
    effect = KNOWN_PLUGINS.get(name, "what it adds to the site is missing")
    diags.warning(path, line, "jekyll-unsupported",
                  f"Jekyll plugin '{name}' (in {where}) is not supported: {effect}")


def _gemfile_plugins(src: Path, diags: Diagnostics):
    """Gems in the Gemfile's :jekyll_plugins group are loaded by Jekyll without being listed."""
    gemfile = src / "Gemfile"
    if refusal(gemfile, src) is not None or not gemfile.is_file():
        return
    in_group = False
    for number, line in enumerate(gemfile.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        stripped = line.split("#", 1)[0].strip()
        if re.match(r"^group\b.*:jekyll_plugins", stripped):
            in_group = True
            continue
        if in_group and stripped == "end":
            in_group = False
            continue
        gem = _GEM.match(stripped)
        if gem and (in_group or "jekyll_plugins" in gem.group(2)):
            _plugin_warning("Gemfile", number, gem.group(1), "the Gemfile's :jekyll_plugins group", diags)


def load_data(data_dir: Path, diags: Diagnostics, *, root: Path | None = None, unsafe: bool = False):
    """`_data/**` (YAML, JSON, CSV, TSV) as nested mappings, like Jekyll's `site.data`."""
    data: dict = {}
    files: dict = {}
    if not data_dir.is_dir():
        return data, files
    source = root or data_dir.parent
    base = data_dir.parent

    def refused(path, why):
        diags.warning(_shown(path, source), None, "unsafe-path" if "outside" in why else "special-file",
                      f"this data file {why}", hint=OUTSIDE_HINT if "outside" in why else
                      "Remove it from the data folder.")

    why = refusal(data_dir, source, unsafe)
    if why is not None:
        refused(data_dir, why)
        return data, files
    for path in walk_files(data_dir, source, unsafe=unsafe, refused=refused):
        parts = path.relative_to(data_dir).parts
        if any(part.startswith(_SPECIAL) or part.endswith("~") for part in parts):
            continue
        rel = _shown(path, base)
        keys = [data_key(part) for part in parts[:-1]] + [data_key(path.stem)]
        try:
            value = _read_data(path)
        except YamlError as err:
            diags.error(rel, err.line, "data-file", err.message, column=err.column)
            continue
        except (ValueError, UnicodeDecodeError, csv.Error, OSError) as err:
            diags.error(rel, None, "data-file", f"cannot read data file: {err}")
            continue
        if value is _SKIP:
            continue
        node = data
        for key in keys[:-1]:
            existing = node.get(key)
            if not isinstance(existing, dict):
                existing = node[key] = {}
            node = existing
        node[keys[-1]] = value
        files["/".join(keys)] = rel
    return data, files


def _shown(path: Path, base: Path) -> str:
    try:
        return path.relative_to(base).as_posix()
    except ValueError:
        return path.as_posix()


def data_key(name: str) -> str:
    """DataReader#sanitize_filename: 'error-codes' stays, 'my file' → 'my_file', 'v1.2' → 'v12'."""
    return re.sub(r"\s+", "_", re.sub(r"[^\w\s-]+", "", name).strip())


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
