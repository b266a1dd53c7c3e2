"""A JSON file of `.specsite-cache/` that is believed only when this user's specsite signed it:
the source folder, which a pull request controls, holds it, and a committed one saying "no
problems" must not make them pass. On disk: {"mac": the keyed BLAKE2b MAC of the body
(secret.mac), "body": the JSON text}. check/reuse.py keeps a build's findings in one,
check/external.py the external links' verdicts."""
from __future__ import annotations

import json
from pathlib import Path

from .digests import compare_digest
from .outputs import put_file
from .secret import mac


def read_signed(path: Path, key: bytes | None):
    """The value kept at `path`, if `key` signed it; None for a missing, unreadable or unsigned
    file, or no key."""
    try:
        wrapper = json.loads(path.read_text(encoding="utf-8"))
        body = wrapper["body"]
        if key is None or not compare_digest(str(wrapper["mac"]), mac(key, body)):
            return None
        return json.loads(body)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_signed(path: Path, key: bytes, body: str) -> None:
    """`body` (JSON text) signed with `key`, written beside `path` and put in its place whole
    (a reader finds the old file or the new one). Raises OSError."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps({"mac": mac(key, body), "body": body}), encoding="utf-8")
    put_file(tmp, path)
