"""Which names Jekyll reads: its EntryFilter, and the folders that are specsite's own inputs."""
from __future__ import annotations

import os

import fnmatch
import re
from pathlib import Path

from ..config import CACHE_DIR, SiteConfig
from ..frontmatter import has_front_matter
from .model import MARKDOWN_EXTS

# Jekyll leaves these out whatever `exclude:` says (Configuration::DEFAULT_EXCLUDES).
DEFAULT_EXCLUDES = (".sass-cache", ".jekyll-cache", "gemfiles", "Gemfile", "Gemfile.lock", "node_modules",
                    "vendor/bundle/", "vendor/cache/", "vendor/gems/", "vendor/ruby/")
# specsite's own inputs and tool folders, never site files (top level).
ALWAYS_EXCLUDED = frozenset({".git", ".hg", ".svn", "_site", CACHE_DIR, "__pycache__"})
SPECIAL = (".", "_", "#", "~")


def specsite_templates(folder: Path) -> bool:
    """templates/ holds specsite's includes and Jinja2 layouts; otherwise it is site content."""
    return any((folder / name).is_dir() for name in ("includes", "layouts", "partials"))


def renders_as_jekyll(config: SiteConfig, layouts_dir, theme_layouts_dir, template_dirs) -> bool:
    """The one answer to "is this written as Jekyll writes it?" (discover's reader, the build's
    renderers, the theme warnings ask it): `--theme` decides when given; specsite Jinja2
    `templates/layouts` put the site in specsite's theme even beside `_layouts/` (they override
    it file by file); layouts — the site's `_layouts/` or an installed gem theme's — are Jekyll's;
    without any, a Jekyll site is written bare and specsite's own source (specsite_own) gets the theme.
    `layouts_dir`, `theme_layouts_dir`: existing folders or None; `template_dirs`: specsite's."""
    if config.theme in ("specsite", "jekyll"):
        return config.theme == "jekyll"
    if any((Path(d) / "layouts").is_dir() for d in template_dirs):
        return False
    if layouts_dir is not None or theme_layouts_dir is not None:
        return True
    return not specsite_own(config, template_dirs)


def specsite_own(config: SiteConfig, template_dirs) -> bool:
    """Whether a source without Jekyll layouts is specsite's own site, rendered in specsite's theme:
    no `_config.yml`, a `specsite:` key in it (its options, empty or not), Jinja2
    `templates/layouts`/`partials`, or release notes (`releases/<version>/release.yml`: specsite's
    input, which Jekyll never reads). Any other source is a Jekyll site, which Jekyll writes bare
    (each page's content alone) when no layout exists; `--theme specsite` asks for the theme."""
    if config.config_file is None or "specsite" in config.site:
        return True
    if any((Path(d) / name).is_dir() for d in template_dirs for name in ("layouts", "partials")):
        return True
    return release_notes(config.source / "releases")


def release_notes(folder: Path) -> bool:
    """Whether `folder` (a source's releases/) holds a release of specsite's: a `<version>/release.yml`."""
    try:
        return any(child.is_dir() and (child / "release.yml").is_file() for child in folder.iterdir())
    except OSError:  # (no such folder, or not one)
        return False


def specsite_releases(folder: Path, own: bool) -> bool:
    """releases/<version>/release.yml entries, in specsite's own source (`own`: specsite_own, which a
    release.yml makes one); a Jekyll site's own releases/ stays its pages, as Jekyll reads it. A folder with pages
    of its own, or with a `_posts` or `_drafts` folder anywhere in it (Jekyll reads posts from any
    folder, its path their categories: releases/v2/_posts), is site content."""
    if not own:
        return False
    for _root, dirnames, _files in os.walk(folder):
        if "_posts" in dirnames or "_drafts" in dirnames:
            return False
    for child in folder.iterdir():
        if child.is_file() and child.suffix.lower() in MARKDOWN_EXTS | {".html"}:
            with child.open("rb") as handle:
                if has_front_matter(handle.read(16).decode("utf-8", "replace")):
                    return False
    return True


class EntryFilter:
    """Jekyll's EntryFilter: hidden, underscore and backup names are left out, `exclude:`
    patterns (globs on the whole path, or prefixes) too, unless `include:` names them."""

    def __init__(self, config: SiteConfig):
        include = [p.strip().lstrip("/") for p in config.include if p.strip()]
        self.include = _Patterns(include)
        self.exclude = _Patterns([p.strip().lstrip("/") for p in list(config.exclude) + list(DEFAULT_EXCLUDES)
                                  if p.strip() and p.strip() not in config.include])

    @staticmethod
    def _glob(patterns, rel: str, is_dir: bool) -> bool:
        return patterns.match(rel, is_dir)

    def included(self, rel: str, is_dir: bool = False) -> bool:
        return self._glob(self.include, rel, is_dir) or self._glob(self.include, rel.rsplit("/", 1)[-1], is_dir)

    def keep(self, rel: str, entry: str | None = None, is_dir: bool = False) -> bool:
        """`rel` from the source folder; `entry` as Jekyll's filter sees it: relative to a
        collection, or in the site's folders (Reader#read_directories) the bare name. So in those
        `include:` matches a name, not a path: `.well-known` keeps that folder, while `exclude:`
        (matched on the path) still leaves out the files in it that it names."""
        name = (rel if entry is None else entry).rsplit("/", 1)[-1]
        entry = name if entry is None else entry
        included = self.included(entry, is_dir)
        if not included and self._glob(self.exclude, rel, is_dir):
            return False
        if included:
            return True
        return not (entry.startswith(SPECIAL) or name.startswith(SPECIAL) or name.endswith("~"))



class _Patterns:
    """Jekyll's glob-or-prefix patterns, asked once per file: any pattern that matches as a glob
    (fnmatchcase), or is a prefix of the path, or is the folder itself with a slash; the globs
    joined into one regex (one look-up per file instead of one per pattern)."""

    def __init__(self, patterns: list):
        self.patterns = list(patterns)
        self._glob = re.compile("|".join(f"(?:{fnmatch.translate(p)})" for p in self.patterns)) if patterns else None
        self._prefixes = tuple(self.patterns)
        self._folders = frozenset(self.patterns)

    def __iter__(self):
        return iter(self.patterns)

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def match(self, rel: str, is_dir: bool) -> bool:
        if self._glob is None:
            return False
        return (self._glob.match(rel) is not None or rel.startswith(self._prefixes)
                or is_dir and rel + "/" in self._folders)
