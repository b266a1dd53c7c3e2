"""Addressable::URI#normalize (addressable 2.8) of the path, query and fragment, which Jekyll's
relative_url and absolute_url return: each component's %XX decoded, NFKC-normalised and encoded
again outside its character class (`[` and `]` are no path characters, `%7e` is `~`), the path's
trailing white space stripped and its dot segments removed (URI.normalize_path: /a/../b is /b).
The scheme and authority (absolute_url's site URL) are kept as written."""
from __future__ import annotations

import functools
import re

_UNRESERVED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"
_PCHAR = frozenset(_UNRESERVED + "!$&'()*+,;=:@")
_FRAGMENT = _PCHAR | frozenset("/?")
_QUERY = frozenset(_UNRESERVED + "!$'()*+,=:@/?")  # (NormalizeCharacterClasses::QUERY, & split before)
_URI = re.compile(r"^(([^:/?#]+):)?(//([^/?#]*))?([^?#]*)(\?([^#]*))?(#(.*))?$", re.S)
_ESCAPE = re.compile(rb"%[0-9a-fA-F]{2}")
_RUBY_SPACE = " \t\n\v\f\r\0"


def _component(text: str, allowed: frozenset, leave: str = "") -> str:
    """normalize_component: unencode (but the sequences of `leave`), NFKC, encode the bytes
    outside `allowed` as %XX (a `%` stays only before a kept sequence). A text of `allowed`
    characters alone (no `%`: nothing to unencode; ASCII: its own NFKC) is what the byte loop
    gives back, so it is returned as it is (most path segments: the loop cost ~1,500
    instructions a character, sitemap.xml's absolute_url of each page)."""
    if text.isascii() and "%" not in text and allowed.issuperset(text):
        return text
    return _normalized_component(text, allowed, leave)


def _normalized_component(text: str, allowed: frozenset, leave: str = "") -> str:
    """_component's plain form (tests/test_jekyll_fast_forms.py compares the two)."""
    raw = text.encode("utf-8", "surrogateescape")
    raw = _ESCAPE.sub(lambda m: m.group(0) if chr(int(m.group(0)[1:], 16)) in leave else bytes([int(m.group(0)[1:], 16)]),
                      raw)
    try:
        text = raw.decode("utf-8")
        if not text.isascii():  # (ASCII is its own NFKC; unicodedata loads on first use)
            from unicodedata import normalize as _nfkc
            raw = _nfkc("NFKC", text).encode("utf-8")
    except UnicodeDecodeError:  # (Ruby's ArgumentError: encoded with the default class instead)
        allowed, leave = frozenset(_UNRESERVED + ":/?#[]@!$&'()*+,;="), ""
    kept = {f"%{ord(c):02X}" for c in leave} | {f"%{ord(c):02x}" for c in leave}
    out, i = [], 0
    while i < len(raw):
        byte = raw[i]
        char = chr(byte)
        if char == "%" and leave and raw[i:i + 3].decode("latin-1") in kept:
            out.append(raw[i:i + 3].decode("latin-1"))
            i += 3
            continue
        out.append(char if byte < 128 and char in allowed else f"%{byte:02X}")
        i += 1
    return "".join(out)


def _remove_dots(path: str) -> str:
    """URI.normalize_path (RFC 3986 5.2.4, and Addressable's removal of leading dot segments).
    Each rule needs a `/.` in the path or a `.` at its start: a path with neither is as it is."""
    if "/." not in path and path[:1] != ".":
        return path
    return _dots_removed(path)


def _dots_removed(path: str) -> str:
    """_remove_dots' plain form: its rules applied until none changes the path."""
    while True:
        changed = False
        new = re.sub(r"/\./|/\.$", "/", path)
        changed, path = new != path, new
        if not changed:
            pair = re.search(r"/([^/]*)/\.\./|/([^/]*)/\.\.$", path)
            if pair:
                parent, current = pair.group(1), pair.group(2)
                if (parent not in (".", "..")) or (current not in (".", "..")):
                    rule = "/" + re.escape(parent or "") + r"/\.\./|(/" + re.escape(current or "") + r"/\.\.$)"
                    new = re.sub(rule, "/", path)
                    changed, path = new != path, new
        if not changed:
            new = re.sub(r"^\.\.?/?", "", path)
            changed, path = new != path, new
        if not changed:
            new = re.sub(r"^/\.\.?/|^(/\.\.?)+/?$", "/", path)
            changed, path = new != path, new
        if not changed:
            return path


@functools.lru_cache(maxsize=4096)
def normalize(url: str) -> str:
    """Addressable::URI.parse(url).normalize.to_s, its scheme and authority as written."""
    m = _URI.match(url)
    if m is None:
        return url
    head = (m.group(1) or "") + (m.group(3) or "")
    path = m.group(5).strip(_RUBY_SPACE)
    path = _remove_dots("/".join(_component(segment, _PCHAR) for segment in path.split("/")))
    if not path and m.group(2) and m.group(2).lower() in ("http", "https", "ftp", "tftp"):
        path = "/"
    out = head + path
    if m.group(6) is not None:
        query = "&".join(_component(pair, _QUERY, "+") for pair in m.group(7).split("&"))
        out += "?" + query if query else ""
    if m.group(8) is not None:
        fragment = _component(m.group(9).split("\n", 1)[0], _FRAGMENT)  # (URIREGEX's `(.*)$`: to the line's end)
        out += "#" + fragment if fragment else ""
    return out
