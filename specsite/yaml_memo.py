"""YAML texts loaded by the last cached build — `_config.yml`, the `_data` files — kept in the
parse cache by the digest of their text, so that a build after an edit that left them as they
were neither parses them nor imports PyYAML (4-6 ms of a one-page edit's build).

Each value is kept pickled, as it was when it was loaded: every load gives a fresh copy, which
the build may change without changing what is kept. A text that does not load (a YAML error) is
not kept: it is parsed again, and reports its error, every time. The memo comes from the signed
cache file (cache_file.py), like the rest of the cache.
"""
from __future__ import annotations

import os

from .cache_file import pickle
from .frontmatter import load_yaml, text_digest


class YamlMemo:
    """{(digest of a text, line offset, TZ): the pickle of what load_yaml made of it}."""

    MAX_KNOWN = 2000  # a preview session's every version of its data files: start afresh past this

    def __init__(self, known: dict | None = None):
        self.known: dict = dict(known or {})  # from the cache file
        self.used: dict = {}  # what this build loaded: what the cache keeps
        self.added = False  # a text the cache did not hold: the cache is written again

    def load(self, text: str, line_offset: int = 0):
        """load_yaml(text, line_offset), from the memo when it holds the text."""
        key = (text_digest(text), line_offset, os.environ.get("TZ"))  # (a time without an offset is read in TZ)
        kept = self.known.get(key)
        if kept is None:
            value = load_yaml(text, line_offset)
            try:
                kept = pickle.dumps(value, protocol=5)
            except (pickle.PicklingError, TypeError, RecursionError):  # not kept: as without a memo
                return value
            if len(self.known) >= self.MAX_KNOWN:
                self.known = dict(self.used)
            self.known[key] = kept
            self.added = True
        self.used[key] = kept
        return pickle.loads(kept)  # noqa: S301 - pickled by this process, or read from the signed cache
