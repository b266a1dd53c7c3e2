"""Liquid as Jekyll runs it: python-liquid with Jekyll's tags (tags), its lax readings (lax,
environment), a source map from output back to the page and include lines (source_map), errors
as diagnostics (errors), and the renderer of a build (renderer).

Importing the package installs python-liquid's cheaper hot paths (hot_paths) once."""
from __future__ import annotations

from . import soft_keywords

soft_keywords.install()  # before the modules below take python-liquid's `tokenize` by name

from . import blank_bodies, hot_paths, ruby_semantics  # noqa: E402
from .errors import IncludeParseError
from .renderer import LiquidRenderer, LiquidResult
from .source_map import SourceMap, has_liquid
from .tags import PLUGIN_TAGS

hot_paths.install()
ruby_semantics.install()
blank_bodies.install()

__all__ = ["IncludeParseError", "LiquidRenderer", "LiquidResult", "PLUGIN_TAGS", "SourceMap", "has_liquid"]
