"""What discovery finds: pages (files with front matter), static files, and the whole source."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

MARKDOWN_EXTS = frozenset({".md", ".markdown", ".mkdown", ".mkdn", ".mkd"})


@dataclass(frozen=True)
class SourcePage:
    """A page, post or collection document to render, with its front matter and URL."""
    rel: str  # source path relative to the source folder (posix)
    meta: dict  # front matter with `defaults` applied
    body: str
    body_line: int  # line of the file where the body starts
    url: str  # output file relative to the output folder, e.g. "amend.html", "guide/index.html"
    markdown: bool
    collection: str | None = None
    jekyll_url: str | None = None  # the URL Jekyll gives the page ("/x/" for x/index.html)
    bare: bool = False  # a document whose front matter is invalid YAML: Jekyll skips read_post_data (no excerpt)
    front_matter: bool = True  # False: a post without front matter (its content keeps its leading blank lines)
    doc_path: str | None = None  # a document's Document#relative_path when it differs from rel (collections_dir)
    view: dict | None = None  # a page's data as Liquid sees it, when it differs from meta (see liquid_meta)

    @property
    def liquid_meta(self) -> dict:
        """The data `page` shows in Liquid. A page's to_liquid deep-merges its front matter into
        every matching default (Convertible#to_liquid, FrontmatterDefaults#all: a nil keeps the
        default, nested mappings merge), while what it does (its layout, permalink) reads its
        own front matter first (`meta`: Page#data, whose default_proc asks #find)."""
        return self.meta if self.view is None else self.view

    @property
    def jekyll_path(self) -> str:
        """`page.path` / `page.relative_path` as Liquid sees them: a document's path is relative to
        the collections_dir (Document#relative_path), diagnostics keep `rel`, the real file."""
        return self.doc_path or self.rel

    @property
    def page_url(self) -> str:
        """Jekyll's `page.url`: '/name.html', '/guide/' for index files."""
        if self.jekyll_url is not None:
            return self.jekyll_url
        url = "/" + self.url
        return url[: -len("index.html")] if url.endswith("/index.html") or url == "/index.html" else url


@dataclass(frozen=True)
class StaticFile:
    """A file copied to the output as it is."""
    rel: str
    url: str
    path: Path | None = None  # the file, when it is not <source>/rel: a gem theme's asset
    collection: str | None = None  # the collection whose folder holds it (StaticFileDrop#collection)


def static_stamps(statics, root: Path) -> list:
    """(rel, URL, modification time or None) of each static file, in order: what Liquid's
    site.static_files shows of them (the parse and render caches' digests of the site)."""
    stamps = []
    for static in statics:
        try:
            mtime = os.stat(static.path or root / static.rel).st_mtime_ns
        except OSError:
            mtime = None
        stamps.append((static.rel, static.url, mtime))
    return stamps


@dataclass(frozen=True)
class Sources:
    """What discover found: pages, static files, data, and the folders includes come from."""
    pages: list = field(default_factory=list)
    statics: list = field(default_factory=list)
    data: dict = field(default_factory=dict)
    data_files: dict = field(default_factory=dict)  # "sidebars/x" -> rel path of the file
    include_dirs: list = field(default_factory=list)
    template_dirs: list = field(default_factory=list)
    layouts_dir: Path | None = None
    documents: list = field(default_factory=list)  # not written, listed in Liquid: documents of collections
    # without output, pages that lost their output path to another file
    theme_layouts_dir: Path | None = None  # a gem theme's _layouts/, behind the site's own
    unwritten_statics: list = field(default_factory=list)  # listed in site.static_files, not written: the
    # files without front matter of collections without output (StaticFile#write?)
    time: object = None  # Site#time: when the reader started, the date of every undated document (site.time)
    releases_dir: Path | None = None  # releases/ when it holds release notes, not the site's pages (never both)

