"""blake2b and compare_digest without importing hashlib or hmac: both load OpenSSL (_hashlib, 2–3 ms
at every start) for their other algorithms, and `hashlib.blake2b` is this same builtin constructor
(the same digests), `hmac.compare_digest` this same builtin function. The cache's digests and
MACs are keyed or plain BLAKE2b (cache_file.py, secret.py): a build needs no other algorithm."""
from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # an interpreter built without the builtin module: hashlib's, then
    from hashlib import blake2b

try:
    from _operator import _compare_digest as compare_digest
except ImportError:  # another interpreter: hmac's (the same function in CPython)
    from hmac import compare_digest

__all__ = ["blake2b", "compare_digest"]
