"""kramdown's footnote options (converter/html.rb convert_footnote, footnote_content), applied
to the footnote markup footnotes.py writes: `footnote_prefix` goes before every note name
(`fnref:PREFIXname`, `fn:PREFIXname`), `footnote_nr` is the number of the first note (the list
then starts there: `<ol start="N">`), `footnote_backlink` is the back links' text (escaped as
text, entities kept; empty: no back links)."""
from __future__ import annotations

import re

from .footnotes import kramdown_footnotes
from .typosyms import escape_text

_REF_NUMBER = re.compile(r'(class="footnote" rel="footnote">)(\d+)(</a>)')
_FN_IDS = re.compile(r'(id="fnref:|href="#fn:|id="fn:|href="#fnref:)(?=[^"]*")')
_LIST = re.compile(r'(<div class="footnotes" role="doc-endnotes"[^>]*>\s*<ol)(?=[\s>])')
# a note whose last block is no paragraph: kramdown puts its back links in a paragraph of their own
_BARE_BACKLINKS = re.compile(r'(</(?:ul|ol|dl|pre|div|blockquote|table|h[1-6])>\s*)'
                             r'((?:\u00a0?<a href="#fnref:[^"]*" class="reversefootnote" role="doc-backlink">.*?</a>)+)'
                             r'(\s*</li>)')
_BACKLINK_TEXT = re.compile(r'(role="doc-backlink">)&#8617;')
_BACKLINK = re.compile(r'\u00a0?<a href="#fnref:[^"]*" class="reversefootnote" role="doc-backlink">.*?</a>')
DEFAULT_BACKLINK = "&#8617;"


def footnote_options(body: str, extras) -> str:
    """`body`'s footnotes, cmark's, in kramdown's markup (footnotes.py) as kramdown writes them
    with the options of `extras` (a KramdownExtras). Footnote markup that is raw HTML in the text
    (a converted page's HTML converted again, as jekyll-seo-tag's markdownify of an excerpt does)
    is left alone."""
    if "data-footnote" not in body:
        return body
    body = kramdown_footnotes(body)
    if "</li>" in body and _BARE_BACKLINKS.search(body):
        body = _BARE_BACKLINKS.sub(r"\1<p>\2</p>\3", body)
    if extras.footnotes_default():
        return body
    nr, backlink, prefix = extras.footnote_nr, extras.footnote_backlink, extras.footnote_prefix
    if prefix:
        body = _FN_IDS.sub(lambda m: m.group(1) + prefix, body)
    if nr != 1:
        body = _REF_NUMBER.sub(lambda m: f"{m.group(1)}{int(m.group(2)) + nr - 1}{m.group(3)}", body)
    if backlink != DEFAULT_BACKLINK:
        if backlink:
            text = escape_text(backlink)
            body = _BACKLINK_TEXT.sub(lambda m: m.group(1) + text, body)
        else:
            body = _BACKLINK.sub("", body)
    return body


def footnote_list_start(body: str, nr: int) -> str:
    """The footnote list starts at `footnote_nr` (after as_rouge, which drops other lists' start)."""
    return _LIST.sub(rf'\1 start="{nr}"', body, count=1) if nr != 1 and 'role="doc-endnotes"' in body else body
