"""Jekyll's behaviour: where files are written (urls), what Liquid sees (drops), dates, and its
Liquid filters by kind (strings, arrays, filters for URLs and `register`).

The names other stages use are re-exported here, so `from specsite import jekyll` reads
`jekyll.page_url`, `jekyll.site_variables`, … whichever module holds them."""
from __future__ import annotations

from .dates import to_date
from .drops import BodyLiquid, Drop, drop_source, drops_by_path, liquid_globals, page_drop, site_variables
from .link_targets import link_targets, post_targets
from .strings import slugify
from .urls import (DEFAULT_MARKDOWN_EXT, DRAFT_NAME, HTML_EXTS, POST_NAME, SASS_EXTS, STYLES, add_permalink_suffix, is_sass,
                   collection_static_output, collection_template, converter_ext, destination,
                   document_meta, document_output, document_url, escape_path, escapes, fill_from_drop,
                   fill_from_hash, markdown_exts, page_output, page_url, permalink_ext, sanitize_url,
                   style_template, titleize)

__all__ = ["BodyLiquid", "DEFAULT_MARKDOWN_EXT", "DRAFT_NAME", "Drop", "HTML_EXTS", "POST_NAME", "SASS_EXTS", "STYLES",
           "add_permalink_suffix", "collection_static_output", "collection_template", "converter_ext",
           "destination", "document_meta", "document_output", "document_url", "drop_source", "drops_by_path", "escape_path", "escapes",
           "fill_from_drop", "fill_from_hash", "is_sass", "liquid_globals", "link_targets", "markdown_exts", "page_drop",
           "page_output", "page_url", "permalink_ext", "post_targets", "sanitize_url", "site_variables",
           "slugify", "style_template", "titleize", "to_date"]
