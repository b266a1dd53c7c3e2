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
import stat
from pathlib import Path

from ..diagnostics import Diagnostic
from ..digests import blake2b, compare_digest
from ..fingerprint import code_fingerprint
from ..names import MANIFEST
from ..outputs import put_file, remove_file
from ..safety import own_folder
from ..secret import mac, signing_key
from ..walk import files_under

NAME = "findings.json"
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # (no such flag on Windows)
MAX_SIGNED = 256 << 20  # bytes: a signed file larger than this is not read (a site's findings, link verdicts: far less)
_SKIPPED_DIRS = {".git", ".hg", ".svn", ".specsite-cache", ".jekyll-cache", "__pycache__", "node_modules",
                 ".sass-cache", "_site"}


def tree_signature(source: Path, theme: str | None) -> str:
    """A digest of every file under `source` (but build output folders and caches) by name, size
    and modification time, with specsite's code (fingerprint.py) and the settings that change findings."""
    options = (code_fingerprint(), theme, os.environ.get("JEKYLL_ENV"))
    digest = blake2b(repr(options).encode(), digest_size=20)
    root = str(source.resolve())
    entries = files_under(root, prefix=os.path.join(root, ""), sep=os.sep, skip=_not_source, stat="link")
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
        findings = [Diagnostic(*row[:-1], carried_by=tuple(row[-1])) for row in data["findings"]]
        return findings, list(data["pages"]), dict(data["summary"])
    except (ValueError, KeyError, TypeError):
        return None


def report_scope(site) -> tuple[list, dict]:
    """The source files a report covers (JUnit's test cases) and its summary figures. Its "pages"
    are `build`'s: every page the run rendered — the site's own, release pages, and those specsite
    or a plugin generates (releases index, tickets, feeds, sitemap) — not the files copied as they are."""
    pages = sorted({p.source.rel for p in site.pages if not p.source.rel.startswith("<generated>")})
    summary = {"pages": len(site.pages), "links": sum(len(p.links) for p in site.pages) + len(site.links),
               "seconds": round(site.seconds, 2)}
    return pages, summary


def _fields(finding: Diagnostic):
    """A finding as stored: its hint is how to fix it, its rule's fix when it had none (so that
    `check` answers without loading the rule registry)."""
    return (finding.path, finding.line, finding.column, finding.rule, finding.severity, finding.message,
            finding.fix(), finding.target, list(finding.carried_by))


# A JSON file of `.specsite-cache/` believed only when this user's specsite signed it (the
# findings here, the external links' verdicts: check/external.py): {"mac": the keyed BLAKE2b MAC
# of the body (secret.mac), "body": the JSON text}.

def read_signed(path: Path, key: bytes | None):
    """The value kept at `path`, if `key` signed it; None for a missing, unreadable, unsigned or
    oversized file, a special file or a symlink (a committed FIFO would block `check` for ever, a
    link to /dev/zero fill memory), a file in a linked cache folder, or no key."""
    if key is None or not own_folder(path.parent):
        return None
    try:
        wrapper = json.loads(_regular_file_text(path))
        body = wrapper["body"]
        if body.__class__ is not str or not compare_digest(str(wrapper["mac"]), mac(key, body)):
            return None
        return json.loads(body)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_signed(path: Path, key: bytes, body: str) -> None:
    """`body` (JSON text) signed with `key`, written beside `path` and put in its place whole
    (a reader finds the old file or the new one). Nothing is written through a symlink a pull
    request committed: a linked cache folder is refused, and the temporary file is made afresh
    (O_EXCL, O_NOFOLLOW), never opened where a link put it. Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not own_folder(path.parent):
        raise OSError(f"{path.parent} is a symlink or leads out of its folder: nothing is written there")
    tmp = path.with_name(path.name + ".tmp")
    remove_file(tmp)
    handle = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    try:
        with open(handle, "w", encoding="utf-8") as out:
            out.write(json.dumps({"mac": mac(key, body), "body": body}))
        put_file(tmp, path)
    except OSError:
        remove_file(tmp)  # (a full disk; a folder where the file belongs)
        raise


def _regular_file_text(path: Path) -> str:
    """The text of the regular file at `path` (not a symlink), read without blocking on a special
    file and only up to MAX_SIGNED bytes. Raises OSError (ValueError for a file too big or not
    regular, UnicodeDecodeError)."""
    handle = os.open(path, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0))
    with open(handle, "rb") as file:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_SIGNED:
            raise ValueError(f"{path} is not a regular file of at most {MAX_SIGNED} bytes")
        data = file.read(MAX_SIGNED + 1)
    if len(data) > MAX_SIGNED:
        raise ValueError(f"{path} grew past {MAX_SIGNED} bytes")
    return data.decode("utf-8")
