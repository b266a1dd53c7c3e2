"""The per-user secret that signs what specsite keeps in a source folder's .specsite-cache/: the
source is untrusted (a pull request can commit that folder), the key is not in it."""
from __future__ import annotations

import os
from pathlib import Path

from .digests import blake2b


def key_file() -> Path:
    """Where the signing key lives: per user and machine, never in a source folder (one secret
    per user: the parse cache and check's stored findings are signed with it)."""
    override = os.environ.get("SPECSITE_CACHE_KEY_FILE")
    if override:
        return Path(override)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "specsite" / "key"


def _read_key(path: Path) -> bytes | None:
    try:
        key = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (OSError, ValueError):
        return None
    return key if len(key) >= 32 else None


def signing_key(create: bool = True) -> bytes | None:
    """The signing key (hex text); made, readable by this user only, on first use. None: no
    usable key (the build then keeps no disk cache)."""
    path = key_file()
    key = _read_key(path)
    if key is not None or not create:
        return key
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(os.urandom(32).hex())  # secrets.token_hex(32), without hmac's OpenSSL
    except OSError:
        pass  # another process made it first, or no private place for it
    return _read_key(path)


def mac(key: bytes, body: str) -> str:
    """The hex keyed BLAKE2b MAC of `body` under `key`: what a signed JSON file of .specsite-cache/
    holds beside its body (check's stored findings, the external links' verdicts)."""
    return keyed(key, 32, body.encode("utf-8")).hexdigest()


def keyed(key: bytes, size: int, data: bytes = b""):
    """The keyed BLAKE2b (of `size` bytes) every signed file of .specsite-cache/ is checked with;
    BLAKE2b takes up to 64 bytes of key, the key file holds 32."""
    return blake2b(data, key=key[:64], digest_size=size)
