"""Heading ids exactly as kramdown 2 gives them: the GFM parser's auto ids, and the HTML
converter's basic ids for headings inside `markdown="1"` HTML blocks (two separate counters)."""
from __future__ import annotations

import functools
import html
import re

from .rubycase import ruby_downcase

_WORD_CATEGORIES = {"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me", "Nd", "Nl", "Pc"}
_TAG = re.compile(r"<[^>]*>")
_FOOTNOTE_REF = re.compile(r'<sup class="footnote-ref">.*?</sup>', re.DOTALL)
_ASCII_DROP = re.compile(r"[^A-Za-z0-9_\- \t]")


@functools.cache  # a pure function of one character: a memo is safe to share
def _keep(ch: str) -> bool:
    """Ruby's /[\\p{Word}\\- \\t]/: letters, marks, decimal digits, connector punctuation.
    (unicodedata, a shared library, loads only for a heading that is not ASCII: 1.4 ms.)"""
    import unicodedata
    return ch in "- \t" or unicodedata.category(ch) in _WORD_CATEGORIES


def heading_text(inner_html: str) -> str:
    """kramdown's raw text of a heading: its text, code and entities, without footnote marks."""
    if "<" not in inner_html:  # (most headings: plain text)
        return html.unescape(inner_html)
    text = _FOOTNOTE_REF.sub("", inner_html) if "<sup" in inner_html else inner_html
    return html.unescape(_TAG.sub("", text))


def gfm_slug(text: str) -> str:
    lowered = ruby_downcase(text)  # (kramdown's text.downcase: no word-final ς)
    if lowered.isascii():
        kept = _ASCII_DROP.sub("", lowered)
    else:
        kept = "".join(ch for ch in lowered if _keep(ch))
    return kept.replace(" ", "-").replace("\t", "-")


def basic_slug(text: str) -> str:
    slug = re.sub(r"^[^a-zA-Z]+", "", text)
    slug = re.sub(r"[^a-zA-Z0-9 -]", "", slug)
    return slug.replace(" ", "-").lower()


class IdGenerator:
    """Per-document id state: `gfm()` for markdown headings, `basic()` for markdown="1" blocks."""

    def __init__(self, prefix: str = ""):
        self.prefix = prefix
        self._gfm: dict[str, int] = {}  # slug -> times given
        self._basic: dict[str, int] = {}

    def gfm(self, text: str) -> str | None:
        slug = gfm_slug(text)
        count = self._gfm[slug] = self._gfm.get(slug, 0) + 1
        if count > 1:
            slug = f"{slug}-{count - 1}"
        return self.prefix + slug if slug else None

    def basic(self, text: str) -> str:
        slug = basic_slug(text) or "section"
        if slug in self._basic:
            self._basic[slug] += 1
            slug = f"{slug}-{self._basic[slug]}"
        else:
            self._basic[slug] = 0
        return self.prefix + slug
