"""Build-time full-text search index, written in MiniSearch's serialized form for the theme's search box.

Why MiniSearch (vendored in theme/assets/js/minisearch.js, MIT): it is actively maintained, small,
does prefix and fuzzy matching with BM25 ranking and per-field boosts, and loads a ready index
(`MiniSearch.loadJS`), so the index is built here at build time with no JavaScript toolchain and no
Python dependency. lunr.py + lunr.js was the alternative: lunr.js has had no release since 2020,
its stemmer and stop words mangle identifiers ("If-Match" loses "if"), and lunr.py is slow on
large sites. Each page is split into sections at its h2–h4 headings, so that a result leads to the
section that matches, as MkDocs Material does.
"""
from __future__ import annotations

import html as htmllib
import json
import re

# Field order is the field id in the index; theme.js passes the same list and boosts to MiniSearch.
FIELDS = ("title", "heading", "keywords", "page", "text")
# Splits as theme.js's tokenizer does (/[^\p{L}\p{N}_]+/u): identifiers such as INVALID_RESOURCE
# stay whole, "If-Match" gives "if" and "match".
_SPLIT = re.compile(r"[^\w]+")
_SECTION = re.compile(r"<h([2-4])\b([^>]*)>(.*?)</h\1\s*>", re.S | re.I)
_ID_ATTR = re.compile(r"""\bid\s*=\s*(["'])(.*?)\1""", re.S)
_DROP = re.compile(r"<(script|style|template)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_BLOCK = re.compile(r"</?(?:p|div|li|tr|td|th|h[1-6]|pre|br|dd|dt|table|ul|ol|blockquote)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def tokens(text: str) -> list[str]:
    return [t for t in _SPLIT.split(text.lower()) if t]


def plain(fragment: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed (block ends become spaces)."""
    fragment = _DROP.sub(" ", fragment)
    fragment = _BLOCK.sub(" ", fragment)
    return _SPACE.sub(" ", htmllib.unescape(_TAG.sub("", fragment))).strip()


def sections(body: str):
    """(heading text, id, text) for the part before the first h2–h4 and each section after one."""
    parts, start, heading, anchor = [], 0, None, None
    for m in _SECTION.finditer(body):
        id_match = _ID_ATTR.search(m.group(2))
        if not id_match:
            continue  # a heading without an id cannot be linked to: its text stays in the section above
        parts.append((heading, anchor, plain(body[start:m.start()])))
        heading, anchor, start = plain(m.group(3)), htmllib.unescape(id_match.group(2)), m.end()
    parts.append((heading, anchor, plain(body[start:])))
    return parts


def _strings(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(v) for v in value if v is not None)
    return str(value)


class _Index:
    """Accumulates documents into the structures of MiniSearch's `toJSON()` (serialization v2)."""

    def __init__(self):
        self.terms: dict = {}
        self.lengths: dict = {}
        self.stored: dict = {}
        self.totals = [0] * len(FIELDS)

    def add(self, fields: dict, stored: dict):
        doc = len(self.stored)
        lengths = []
        for field_id, name in enumerate(FIELDS):
            words = tokens(fields.get(name) or "")
            lengths.append(len(set(words)))
            for word in words:
                per_field = self.terms.setdefault(word, {}).setdefault(field_id, {})
                per_field[doc] = per_field.get(doc, 0) + 1
        self.lengths[doc] = lengths
        self.totals = [t + n for t, n in zip(self.totals, lengths)]
        self.stored[doc] = stored

    def as_json(self) -> dict:
        count = len(self.stored)
        return {
            "documentCount": count, "nextId": count,
            "documentIds": {str(d): d for d in self.stored},
            "fieldIds": {name: i for i, name in enumerate(FIELDS)},
            "fieldLength": {str(d): n for d, n in self.lengths.items()},
            "averageFieldLength": [t / count if count else 0 for t in self.totals],
            "storedFields": {str(d): s for d, s in self.stored.items()},
            "dirtCount": 0,
            "index": [[term, {str(f): {str(d): n for d, n in docs.items()} for f, docs in per.items()}]
                      for term, per in self.terms.items()],
            "serializationVersion": 2,
        }


def search_index(pages, text=str) -> str:
    """The search index as a script (`window.SPECSITE_SEARCH = …`), so that it loads from file:// too.
    `text` decodes front-matter strings the way the theme shows them."""
    index = _Index()
    for parsed in pages:
        meta = parsed.source.meta
        if not meta.get("title") or meta.get("search") is False:
            continue
        title, url = text(meta.get("title")), parsed.source.url
        summary = text(meta.get("summary") or "")
        keywords = " ".join((_strings(meta.get("keywords")), _strings(meta.get("tags")), summary))
        for heading, anchor, body in sections(parsed.html):
            if heading is None:
                index.add({"title": title, "keywords": keywords, "text": body},
                          {"u": url, "t": title, "s": summary, "x": body})
            else:
                index.add({"heading": heading, "page": title, "text": body},
                          {"u": f"{url}#{anchor}", "t": heading, "p": title, "x": body})
    data = json.dumps(index.as_json(), ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f"window.SPECSITE_SEARCH = {data};\n"
