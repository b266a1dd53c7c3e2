"""Where a build writes a file: the real discover stage run on a one-file site (tests of Jekyll's
permalink rules go through the path a build takes, not a parallel one)."""
from __future__ import annotations

import itertools
from pathlib import Path

import yaml

from specsite.config import load_config
from specsite.diagnostics import Diagnostics
from specsite.discover import discover

_SITES = itertools.count()


def written_at(tmp_path: Path, rel: str, meta: dict | None = None, site: dict | None = None) -> str | None:
    """The output path of the file `rel` (with front matter `meta`) in a site whose _config.yml
    is `site`; None when it is not written (an error says why, e.g. a permalink that escapes)."""
    root = tmp_path / f"site{next(_SITES)}"
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    front = yaml.safe_dump(meta, allow_unicode=True) if meta else ""
    path.write_text(f"---\n{front}---\nbody\n", encoding="utf-8")
    (root / "_config.yml").write_text(yaml.safe_dump(site or {}), encoding="utf-8")
    diags = Diagnostics()
    sources = discover(load_config(root, root / "_site"), diags)
    urls = [p.url for p in sources.pages if p.rel == rel] + [s.url for s in sources.statics if s.rel == rel]
    if not urls:
        assert diags.items, f"{rel} is not written, and no diagnostic says why"
        return None
    assert not [d for d in diags.items if d.severity == "error"], [d.format() for d in diags.items]
    return urls[0]
