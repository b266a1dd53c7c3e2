"""Discover stage: walk the source folder as Jekyll does — pages (files with front matter), static
files, data files — and settle which file is written at each output path.

model (SourcePage, StaticFile, Sources) · filter (Jekyll's EntryFilter) · reader (walking and
reading files) · data (`_data/`) · unsupported (warnings for what specsite does not run).
"""
from __future__ import annotations

from pathlib import Path

from .. import jekyll
from ..config import SiteConfig, reset_default_globs
from ..diagnostics import Diagnostics
from ..safety import OUTSIDE_HINT, inside, refusal
from .data import config_byte_order_mark, data_key, load_data  # noqa: F401 - part of the stage's interface
from .filter import ALWAYS_EXCLUDED, DEFAULT_EXCLUDES, renders_as_jekyll, specsite_own, specsite_templates  # noqa: F401
from .model import MARKDOWN_EXTS, SourcePage, Sources, StaticFile  # noqa: F401
from .reader import Reader
from .shared import loaded
from .theme import theme_assets, theme_of
from .unsupported import KNOWN_PLUGINS, SUPPORTED_PLUGINS, unsupported  # noqa: F401


def discover(config: SiteConfig, diags: Diagnostics, session=None) -> Sources:
    """`session` (specsite.session.Session): what the files read last time were, for a preview
    rebuild that reads only the files that changed; None reads every file."""
    src = config.source
    reset_default_globs()  # (the `defaults:` scope globs see this build's files)
    theme = theme_of(config)  # a gem theme (`theme: minima`): its folders stand behind the site's
    includes = _setting_dir(config, "includes_dir", "_includes", diags)
    templates = _safe_dir(config, src / "templates", diags)
    template_dirs = [d for d in (templates,) if d is not None and d.is_dir() and specsite_templates(d)]
    # templates/ is specsite's in its own source only: a Jekyll site's templates/includes is its
    # content, which Jekyll copies, and never stands before its _includes
    own = specsite_own(config, template_dirs)
    template_dirs = template_dirs if own else []
    include_dirs = [d for d in (_safe_dir(config, src / "templates" / "includes", diags) if own else None, includes,
                                theme.includes if theme else None) if d is not None and d.is_dir()]
    layouts = _setting_dir(config, "layouts_dir", "_layouts", diags)
    data_dir = _setting_dir(config, "data_dir", "_data", diags)
    memo = getattr(getattr(session, "cache", None), "yaml", None)  # YAML as the last cached build loaded it
    data, data_files = load_data(data_dir, diags, root=src, unsafe=config.unsafe,
                                 load=memo.load if memo is not None else None) if data_dir is not None else ({}, {})
    unsupported(config, diags)
    config_byte_order_mark(config, diags)
    from ..config import ignored_defaults
    for line, message in ignored_defaults(config):
        diags.warning(config.config_file or "_config.yml", line, "config", message,
                      hint="Write each entry as - scope: {path: \"pages\"} with values: {layout: page}.")
    layouts_dir = layouts if layouts is not None and layouts.is_dir() else None
    reader = Reader(config, diags, session, own=own,
                    as_jekyll=renders_as_jekyll(config, layouts_dir, theme.layouts if theme else None, template_dirs))
    found = _Found()
    for item, page in loaded(reader, diags, session):
        _add(page, reader, found, diags)
    _limit_posts(config, found, diags)
    if theme is not None and theme.assets is not None:
        for item in theme_assets(theme, reader, found.pages, found.statics):
            if _claim(item, found, diags, getattr(item, "meta", None)):
                (found.statics if isinstance(item, StaticFile) else found.pages).append(item)
    pages, statics = _file_folder_clashes(found.pages, found.statics, diags)
    return Sources(sorted(pages, key=lambda p: p.rel), statics, data, data_files, include_dirs, template_dirs,
                   layouts_dir, found.documents,
                   theme.layouts if theme else None, found.unwritten, reader.now, reader.releases_dir)


class _Found:
    """What the reader found so far, and which item claims each output path."""

    def __init__(self):
        self.pages: list = []
        self.statics: list = []
        self.documents: list = []  # rendered for Liquid only: documents of collections without output,
        # and pages that lost their output path to another file
        self.unwritten: list = []  # static files of collections without output
        self.seen: dict = {}  # output path (and "\0" + its lower case) -> the item written there


def _file_folder_clashes(pages: list, statics: list, diags: Diagnostics) -> tuple[list, list]:
    """An output file where other outputs need a folder ('page' beside 'page/index.html') cannot
    be written: an error at the file, which is left out; the folder's files are kept."""
    outputs = [p.url for p in pages] + [s.url for s in statics]
    folders: dict = {}
    for url in outputs:
        parts = url.split("/")
        for depth in range(1, len(parts)):
            folders.setdefault("/".join(parts[:depth]), url)
    if not any(url in folders for url in outputs):
        return pages, statics
    for item in [x for x in pages + statics if x.url in folders]:
        meta = getattr(item, "meta", None)
        diags.error(item.rel, getattr(meta, "key_lines", {}).get("permalink"), "duplicate-permalink",
                    f"'{item.url}' would be a file where {folders[item.url]} needs a folder; it is not written",
                    hint="Give the page another permalink, or rename the file.")
    return [p for p in pages if p.url not in folders], [s for s in statics if s.url not in folders]


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


def _add(page, reader, found: _Found, diags):
    if page is None:
        return
    if isinstance(page, StaticFile):
        if not page.url:
            found.unwritten.append(page)
        elif _claim(page, found, diags, None):
            found.statics.append(page)
    elif page.collection and (not reader.writes(page.collection) or reader.hidden_in_the_future(page.meta)):
        found.documents.append(page)
    elif _claim(page, found, diags, page.meta):
        found.pages.append(page)


def _limit_posts(config: SiteConfig, found: _Found, diags) -> None:
    """`limit_posts: N` (Site#limit_posts!, right after reading): only the last N posts in their
    sorted order (date, then path) are kept; the others are neither written nor listed. A
    negative number stops Jekyll ("limit_posts must be a non-negative number")."""
    limit = config.site.get("limit_posts")
    if not isinstance(limit, int) or isinstance(limit, bool) or limit == 0:
        return
    if limit < 0:
        diags.error(config.config_file or "_config.yml", config.key_lines.get("limit_posts"), "config",
                    f"limit_posts: {limit}: Jekyll stops ('limit_posts must be a non-negative number')",
                    hint="Write 0 for every post, or the number of the newest posts to build.")
        return
    posts = [p for p in found.pages if p.collection == "posts"]
    if len(posts) > limit:
        from functools import cmp_to_key
        from ..jekyll.dates import document_cmp
        ordered = sorted(posts, key=cmp_to_key(lambda a, b: document_cmp(
            {"date": a.meta.get("date"), "path": a.jekyll_path}, {"date": b.meta.get("date"), "path": b.jekyll_path})))
        dropped = {id(p) for p in ordered[:-limit]}
        found.pages[:] = [p for p in found.pages if id(p) not in dropped]


def _claim(item, found: _Found, diags, meta) -> bool:
    """Whether `item` is written at its URL. Two sources with one destination: Jekyll warns and
    the one it writes last wins (_write_rank: pages, then static files, then documents; among
    pages the later by name, then by Jekyll's reading order, which reads a folder's subfolders
    before its own files)."""
    url, rel, seen = item.url, item.rel, found.seen
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
    if jekyll.is_sass(loser.rel) and isinstance(winner, StaticFile):
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
        for bucket in (found.pages, found.statics):
            if other in bucket:
                bucket.remove(other)
        seen[url] = item
    if isinstance(loser, SourcePage):  # Jekyll renders it and lists it (site.pages, site.<label>)
        found.documents.append(loser)
    return wins




def _write_rank(item) -> tuple:
    """Site#each_site_file writes the pages (by name, then in reading order), then the static
    files, then the documents of collections, posts too (docs_to_write): the last one wins."""
    folders, _, name = item.rel.rpartition("/")
    read_order = tuple((0, part) for part in folders.split("/") if part) + ((1, name),)
    kind = 1 if isinstance(item, StaticFile) else 2 if getattr(item, "collection", None) else 0
    return (kind, name, read_order)

