"""blake2b without importing hashlib: hashlib loads OpenSSL (_hashlib, 2–3 ms at every start) for
its other algorithms, and its own `hashlib.blake2b` is this same builtin constructor (the same
digests); a build that keeps no cache needs no other algorithm."""
from __future__ import annotations

try:
    from _blake2 import blake2b
except ImportError:  # an interpreter built without the builtin module: hashlib's, then
    from hashlib import blake2b

__all__ = ["blake2b"]
