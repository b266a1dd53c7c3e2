"""A gem theme's files behind the site's own (Jekyll 4.3's Theme and ThemeAssetsReader): its
`_layouts`, `_includes` and `_sass` folders are searched after the site's, and each file of its
`assets/` is a page (front matter: `assets/main.scss` compiles) or a static file, unless the site
has a page (or static file) of the same path. The theme's _config.yml is not read (jekyll-data does)."""
from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from ..frontmatter import has_yaml_header
from .model import StaticFile


def theme_of(config):
    """The installed gem theme `theme:` names, or None (not set, not a name, or not installed:
    discover.unsupported says so)."""
    if not isinstance(config.site.get("theme"), str):
        return None
    from ..gems import gem_theme  # only a site with `theme:` looks for gems
    return gem_theme(config.site)


def _files(folder: Path):
    """Every file under `folder` (Find.find), symlinks left out as Jekyll ignores them."""
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not os.path.islink(os.path.join(dirpath, d)))
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if not path.is_symlink():
                yield path


def theme_assets(theme, reader, pages: list, statics: list):
    """The theme's assets the site does not override, as pages and static files (rel
    `assets/…`, read from the gem's folder)."""
    own_pages, own_statics = {p.rel for p in pages}, {s.rel for s in statics}
    for path in _files(theme.assets):
        rel = path.relative_to(theme.root).as_posix()
        try:
            data = path.read_bytes()
        except OSError as err:
            reader.diags.error(rel, None, "unreadable-file", f"cannot read the theme's file {path}: {err.strerror}")
            continue
        if has_yaml_header(data):
            if rel in own_pages:
                continue
            item = reader.page_from(rel, data)
            if isinstance(item, StaticFile):
                item = dataclasses.replace(item, path=path)
        elif rel in own_statics:
            continue
        else:
            item = StaticFile(rel, rel, path)
        if item is not None:
            yield item
