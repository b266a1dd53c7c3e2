"""`check` right after `build` of the same sources answers from what the build found.

The build stores its findings in `.specsite-cache/findings.json` with a signature of every source
file (path, size, modification time), specsite's version and the options that change findings.
`check` recomputes the signature (a directory walk, no rendering) and, when it matches, reports
the stored findings: CI can run `build` then `check --format sarif` at the cost of one build.

The file sits in the source folder, which a pull request controls, so it is authenticated with a
key kept outside the source (`$XDG_CACHE_HOME/specsite/key`): a committed findings.json saying
"no problems" does not verify and is ignored.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from ..diagnostics import Diagnostic
from ..digests import blake2b
from ..fingerprint import code_fingerprint
from ..names import MANIFEST
from ..secret import signing_key
from ..signed_json import read_signed, write_signed
from ..walk import files_under

NAME = "findings.json"
_SKIPPED_DIRS = {".git", ".hg", ".svn", ".specsite-cache", ".jekyll-cache", "__pycache__", "node_modules",
                 ".sass-cache", "_site"}


def tree_signature(source: Path, theme: str | None) -> str:
    """A digest of every file under `source` (but build output folders and caches) by name, size
    and modification time, with specsite's code (fingerprint.py) and the settings that change findings."""
    options = (code_fingerprint(), theme, os.environ.get("JEKYLL_ENV"))
    digest = blake2b(repr(options).encode(), digest_size=20)
    entries = []
    for _, entry in files_under(str(source.resolve()), skip=_not_source):
        try:
            stat = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        entries.append((entry.path, stat.st_size, stat.st_mtime_ns))
    for entry in sorted(entries):
        digest.update(repr(entry).encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _not_source(folder) -> bool:
    """A cache, a version-control or a dependencies folder, or one specsite built into (output)."""
    return folder.name in _SKIPPED_DIRS or os.path.exists(os.path.join(folder.path, MANIFEST))


def save(cache_dir: Path, signature: str, site) -> None:
    """What a finished build found. A site with draft releases is not stored: `build` and
    `check` treat drafts differently, so their findings may differ."""
    key = signing_key()
    if key is None or any(getattr(r, "draft", False) for r in site.releases):
        return
    pages, summary = report_scope(site)
    body = json.dumps({"signature": signature, "pages": pages, "summary": summary,
                       "findings": [list(_fields(f)) for f in site.all_diagnostics()]}, ensure_ascii=False)
    try:
        write_signed(cache_dir / NAME, key, body)
    except OSError:
        return


def load(cache_dir: Path, signature: str):
    """(findings, pages, summary) stored for this very signature, or None."""
    data = read_signed(cache_dir / NAME, signing_key())
    if data is None:
        return None
    try:
        if data["signature"] != signature:
            return None
        findings = [Diagnostic(*row) for row in data["findings"]]
        return findings, list(data["pages"]), dict(data["summary"])
    except (ValueError, KeyError, TypeError):
        return None


def report_scope(site) -> tuple[list, dict]:
    """The pages a report covers and its summary figures."""
    pages = sorted({p.source.rel for p in site.pages if not p.source.rel.startswith("<generated>")})
    summary = {"pages": len(pages), "links": sum(len(p.links) for p in site.pages) + len(site.links),
               "seconds": round(site.seconds, 2)}
    return pages, summary


def _fields(finding: Diagnostic):
    return (finding.path, finding.line, finding.column, finding.rule, finding.severity, finding.message,
            finding.hint, finding.target)
