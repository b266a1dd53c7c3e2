"""The key of what a build writes at each output path: equal keys, equal files, so the write keeps
a file of the last build whose key it has (build._reusable). A theme page's key is that of what
it is made of (it is not rendered yet); a text's is its digest; a copied file's the digest of its
content, kept while the file's stamp is the one it had when it was hashed."""
from __future__ import annotations

import os
import time
from pathlib import Path

from .cache_keys import digest, folder_files, meta_rows, site_texts, text_key
from .fingerprint import code_fingerprint
from .outputs import Text


def render_keys(site, theme_dir: Path, texts: tuple | None = None) -> dict:
    """output path -> a key of everything its rendered HTML depends on: the page (body, front
    matter, headings) and what every page shows (templates, navigation data, the page list that
    sidebars, tags and search are made of, releases, configuration). `texts`: the site's
    cache_keys.site_texts, when the build has read them."""
    template_files = []
    for base in list(site.sources.template_dirs) + [theme_dir / "templates"]:
        template_files += folder_files(base)
    config = site.config
    config_text, data = texts if texts is not None else site_texts(config, site.sources)
    listing = sorted((p.source.url, repr(p.source.meta.get("title")), repr(p.source.meta.get("tags")),
                      repr(p.source.meta.get("sidebar"))) for p in site.pages)
    releases = [(r.version, r.status, repr(r.date), [(e.rel, e.title, e.tickets, e.pages_changed)
                                                    for e in r.entries]) for r in site.releases]
    site_wide = digest(code_fingerprint(), template_files, config_text, data, listing, releases, config.drafts)
    keys = {}
    for parsed in site.pages:
        if parsed.source.rel.startswith("<generated>"):
            continue  # index, tickets and tags pages are cheap and depend on everything
        keys[parsed.source.url] = digest(site_wide, parsed.source.rel, meta_rows(parsed.source.meta),
                                         parsed.html.encode("utf-8"), [(h.level, h.id, h.text) for h in parsed.headings])
    return keys


def output_keys(site, theme_dir: Path, cache=None) -> dict:
    """output path -> a key of what is written there: a theme page's render key (it is not
    rendered yet: the key of what it is made of), the digest of a text already made, the digest
    of the content of a file that is copied. Equal keys, equal files (the write reuses them).
    With `cache` (a ParseCache), a copied file whose stamp is the one the last build hashed
    keeps its key (see _copy_key)."""
    pages = None
    keys = {}
    known, used = (cache.copies if cache is not None else {}), {}
    for url, content in site.outputs.items():
        if content.deferred:
            if pages is None:
                pages = render_keys(site, theme_dir, cache.keys.site_texts if cache is not None else None)
            key = pages.get(url)
        elif isinstance(content, Text):
            key = content.digest or text_key(content.value)
        elif content.made_when_written:  # the search index, made when written: the key of what it is made of
            key = digest(b"stream", code_fingerprint(), content.key()) if content.key is not None else None
        else:
            key = _copy_key(content, known, used)
        if key is not None:
            keys[url] = key
    if cache is not None:
        cache.keep_copies(used)
    return keys


_RACY_NS = 2_000_000_000  # a file changed this recently may change again within its timestamps' tick


def _copy_key(content, known: dict, used: dict) -> bytes | None:
    """The digest of a copied file's content; the one the last build made while the file's
    stamp (size, modification and change times in ns, inode, device) is the one it had then.
    Any write sets the change time (which no tool sets back) to the time of the write: a file
    changed since has another stamp. A stamp is kept only when the file had not changed for
    two seconds when it was read (a write within the same tick of the clock could keep all of
    it: git's racy files). A site's images and scripts are not read and hashed again at every
    build (a GP Connect site: 156 files, 5.7 MB, 5.5 ms of every edit's build)."""
    path = os.fspath(content.path)
    try:
        stat = os.stat(path)
        stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev)
        kept = known.get(path)
        if kept is not None and kept[0] == stamp:
            used[path] = kept
            return kept[1]
        now = time.time_ns()
        key = digest(b"file", content.data())
    except OSError:
        return None
    if now - max(stat.st_mtime_ns, stat.st_ctime_ns) > _RACY_NS:
        used[path] = (stamp, key)
    return key
