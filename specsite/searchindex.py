"""Build-time full-text search index for the theme's search box, in a compact form of MiniSearch's.

Why MiniSearch (vendored in theme/assets/js/vendor/minisearch.js, MIT): it is actively maintained,
small, does prefix and fuzzy matching with BM25 ranking and per-field boosts, and loads a ready
index (`MiniSearch.loadJS`), so the index is built here at build time with no JavaScript toolchain
and no Python dependency. lunr.py + lunr.js was the alternative: lunr.js has had no release since
2020, its stemmer and stop words mangle identifiers ("If-Match" loses "if"), and lunr.py is slow
on large sites. A page is one document (per-section documents made the index twice the size);
the start of each h2–h4 section in its stored text lets a result lead to the section that
matches, as MkDocs Material's do.
"""
from __future__ import annotations

import html as htmllib
import json
import re
from collections import Counter
from itertools import repeat

from .digests import blake2b

# Field order is the field id in the index; theme.js passes the same list and boosts to MiniSearch.
FIELDS = ("title", "heading", "keywords", "text")
_NO_POSTINGS = (0,) * len(FIELDS)  # an index row's fields where the term does not occur
# Splits as theme.js's tokenizer does (/[^\p{L}\p{N}_]+/u): identifiers such as INVALID_RESOURCE
# stay whole, "If-Match" gives "if" and "match".
_WORD = re.compile(r"\w+")
_SECTION = re.compile(r"<h([2-4])\b([^>]*)>(.*?)</h\1\s*>", re.S | re.I)
_ID_ATTR = re.compile(r"""\bid\s*=\s*(["'])(.*?)\1""", re.S)
_DROP = re.compile(r"<(script|style|template)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
# The tags that end a block: p, pre, div, dd, dt, li, tr, td, th, table, h1-h6, br, blockquote, ul, ol
# (as a tree of their letters, after a look-ahead at the first: a third faster over a page's "<"s).
_BLOCK = re.compile(r"<(?=/?[pdlthbuo])/?(?:p(?:re)?|d(?:iv|d|t)|li|t(?:[rdh]|able)|h[1-6]|b(?:r|lockquote)|[uo]l)"
                    r"\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")


# ASCII text: \w is [A-Za-z0-9_]; every other byte becomes a space (and A-Z their lower case, as
# str.lower does to ASCII), and split() gives the words (twice as fast as the regex, which stays for
# text with other letters).
_ASCII_WORDS = bytes((c | 32 if 65 <= c <= 90 else c) if c == 95 or c < 128 and chr(c).isalnum() else 32
                     for c in range(256))


def tokens(text: str) -> list[str]:
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_WORDS).decode("ascii").split()
    return _WORD.findall(text.lower())


def plain(fragment: str, drop: bool = True) -> str:
    """Visible text of an HTML fragment, whitespace collapsed (block ends become spaces).
    `drop=False`: the fragment is known to hold no script, style, template or comment."""
    if "<" not in fragment:  # most headings: no markup to drop
        return " ".join(htmllib.unescape(fragment).split())
    if drop:
        fragment = _DROP.sub(" ", fragment)
    fragment = _BLOCK.sub(" ", fragment)
    return " ".join(htmllib.unescape(_TAG.sub("", fragment)).split())  # str.split: the whitespace of \s


def sections(body: str):
    """(heading text, id, text) for the part before the first h2–h4 and each section after one."""
    parts, start, heading, anchor = [], 0, None, None
    drop = _may_drop(body)
    for m in _SECTION.finditer(body):
        attrs = m.group(2)
        if attrs[:5] == ' id="' and attrs.find('"', 5) == len(attrs) - 1:  # (cmark's and the renderer's
            written = attrs[5:-1]  # headings: the id alone, what _ID_ATTR reads without a search)
        else:
            id_match = _ID_ATTR.search(attrs)
            if not id_match:
                continue  # a heading without an id cannot be linked to: its text stays in the section above
            written = id_match.group(2)
        parts.append((heading, anchor, plain(body[start:m.start()], drop)))
        heading, anchor, start = plain(m.group(3), drop), htmllib.unescape(written), m.end()
    parts.append((heading, anchor, plain(body[start:], drop)))
    return parts


def _may_drop(body: str) -> bool:
    """Whether _DROP can match anywhere in `body` (then in any part of it): for ASCII text, where
    re.I is ASCII case folding, a search for each opening is much cheaper than the regex (one
    search for the three tags: "<s" is on every page with code, a plain search for each found it
    again and again)."""
    if not body.isascii():
        return True
    return _DROP_OPENING.search(body) is not None  # (a comment's opening too: one pass over the "<"s, not two)


_DROP_OPENING = re.compile(r"<(?:!--|[sS](?:[cC][rR][iI][pP][tT]|[tT][yY][lL][eE])|[tT][eE][mM][pP][lL][aA][tT][eE])")


def _strings(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        return ", ".join(str(v) for v in value if v is not None)
    return str(value)


class _Index:
    """Accumulates one document per page. Written compactly (postings as delta-coded numbers,
    doc * 16 + term frequency capped at 15, where BM25 has long saturated); theme.js expands it
    into MiniSearch's own serialized form (`toJSON()`, version 2) and loads that."""

    def __init__(self):
        self.rows: dict = {}  # term -> [term, coded postings of each field or 0], in first-seen order
        self.fields = [{} for _ in FIELDS]  # per field: term -> [last document, its coded postings]
        self.lengths: list = []

    def add(self, counts: tuple):
        """counts: per field, (its terms joined by spaces, their occurrences capped at 15 as
        bytes). The document's stored fields are written out as they come (see search_index)."""
        doc, rows = len(self.lengths), self.rows
        for column, ((words, ns), postings) in enumerate(zip(counts, self.fields), 1):
            if not ns:
                continue
            for word, n in zip(words.split(" "), ns):
                seen = postings.get(word)  # (one look-up a term: the last document beside its postings)
                if seen is None:
                    coded = [doc * 16 + n]
                    postings[word] = [doc, coded]
                    row = rows.get(word)
                    if row is None:
                        row = rows[word] = [word, *_NO_POSTINGS]
                    row[column] = coded
                else:
                    seen[1].append((doc - seen[0]) * 16 + n)
                    seen[0] = doc
        self.lengths.append([len(ns) for _, ns in counts])

    def tail(self) -> str:
        """What follows the documents: their field lengths and the postings, as JSON."""
        return f'],"lengths":{_dump(self.lengths)},"index":{_dump(list(self.rows.values()))}}}'


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # (json.dumps makes one a call: 4 us)


def _dump(value) -> str:
    return _ENCODER.encode(value)


def _inputs(parsed, text) -> tuple:
    """What a page's document is made of: (url, html, title, summary, keywords)."""
    meta = parsed.source.meta
    summary = text(meta.get("summary") or "")
    keywords = " ".join((_strings(meta.get("keywords")), _strings(meta.get("tags")), summary))
    return parsed.source.url, parsed.html, text(meta.get("title")), summary, keywords


def _wanted(pages, text) -> list:
    """The inputs of the pages the index lists (the Documentation Theme's `search: exclude` opts out)."""
    return [_inputs(parsed, text) for parsed in pages
            if parsed.source.meta.get("title") and parsed.source.meta.get("search") not in (False, "exclude")]


def document(inputs: tuple) -> tuple:
    """(term counts per field, stored fields as JSON) of one page."""
    url, body_html, title, summary, keywords = inputs
    body, heads, names = [], [], []
    offset = 0
    for heading, anchor, part in sections(body_html):
        if heading is not None:
            heads.append([offset, heading, anchor])
            names.append(heading)
            part = f"{heading}: {part}" if part else heading
        if part:
            body.append(part)
            offset += len(part) + 1
    x = " ".join(body)
    stored = {"u": url, "t": title, "x": x}
    if summary:
        stored["s"] = summary
    if heads:
        stored["h"] = heads
    fields = {"title": title, "heading": " ".join(names), "keywords": keywords, "text": x}
    stored_json = _ENCODER.encode(stored)
    return tuple(_compact(Counter(tokens(fields[name]))) for name in FIELDS), stored_json.replace("</", "<\\/")


def _documents(inputs: list, memo: dict | None):
    """The documents of the pages, in order, one at a time. `memo`: url -> (inputs, document), the
    preview session's (None: nothing kept): the preview rebuilds the index after every save, and a
    page that did not change (the parse cache hands back the same html) is not split and counted
    again."""
    if memo is None:
        yield from map(document, inputs)
        return
    for page in inputs:
        cached = memo.get(page[0])
        if cached is not None and cached[0] == page:
            yield cached[1]
        else:
            made = document(page)
            memo[page[0]] = (page, made)
            yield made


def _compact(counts: Counter) -> tuple:
    """A field's term counts in two flat objects (a memo of 10,000 pages' Counters took 400 MB):
    the terms in first-seen order (the index lists them in that order) and their counts, capped
    at 15 (by a byte table: a `min` call per term was a twelfth of the index's time)."""
    try:
        capped = bytes(counts.values()).translate(_CAPPED)
    except ValueError:  # a term seen more than 255 times
        capped = bytes(map(min, counts.values(), repeat(15)))
    return " ".join(counts), capped


_CAPPED = bytes(min(n, 15) for n in range(256))


def search_index(pages, text=str, memo: dict | None = None) -> str:
    """The search index as a script (`window.SPECSITE_SEARCH = …`), so that it loads from file:// too.
    `text` decodes front-matter strings the way the theme shows them. A page is one document; its
    sections' start offsets in the stored text let a result link to the section that matches."""
    return "".join(search_index_pieces(pages, text, memo)())


def search_index_pieces(pages, text=str, memo: dict | None = None):
    """search_index as a function that makes it in pieces (the stored texts, most of it, one page
    at a time, then the postings): written as it is made, it is never held whole. The pages are
    chosen now; the documents are made when it is called."""
    return search_index_parts(pages, text, memo)[0]


def search_index_parts(pages, text=str, memo: dict | None = None) -> tuple:
    """(search_index_pieces' function, the inputs for index_of: what another process needs to
    make the same index, or None with a memo, which only this process has)."""
    wanted = _wanted(pages, text)

    def pieces():
        return _pieces(_documents(wanted, memo))
    return pieces, (wanted if memo is None else None)


def index_of(inputs):
    """The index's pieces made from its pages' inputs ((url, html, title, summary, keywords) each)."""
    return _pieces(map(document, inputs))


def index_of_documents(documents):
    """The index's pieces made from its pages' documents (document(inputs) of each, in order):
    what apart.py's child runs, making most of them itself."""
    return _pieces(documents)


def _pieces(documents):
    index = _Index()
    yield f'window.SPECSITE_SEARCH = {{"fields":{_dump(list(FIELDS))},"docs":['
    for i, (counts, stored) in enumerate(documents):  # (their "</" escaped)
        index.add(counts)
        yield "," + stored if i else stored
    yield index.tail() + ";\n"


def search_index_key(pages, text=str) -> bytes:
    """A digest of everything search_index(pages) is made of (with specsite's code, its key):
    equal digests, equal indexes."""
    digest = blake2b(digest_size=16)
    for inputs in _wanted(pages, text):
        for part in inputs:
            data = part.encode("utf-8", "surrogatepass")
            digest.update(len(data).to_bytes(8, "little"))
            digest.update(data)
    return digest.digest()
