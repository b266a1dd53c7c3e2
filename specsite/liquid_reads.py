"""What a template's Liquid can read, told from its text: the caches (cache.py, build/render_cache.py)
decide from it what a page depends on. A small module of its own: `build --no-cache` imports the
render stage, never the cache."""
from __future__ import annotations

import re

_TAGS = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
# the clock, or a random draw: what such Liquid makes is never reused (a feed's lastBuildDate is
# the time of the build, as in Jekyll)
_VOLATILE = re.compile(r"\bsite\s*\.\s*time\b|[\"']now[\"']|[\"']today[\"']|\|\s*(?:sample|shuffle)\b")


def liquid_of(text: str) -> str:
    """The Liquid of a template (its tags and outputs), without the text around them."""
    return "\n".join(_TAGS.findall(text)) if "{" in text else ""


def reads_clock(text: str) -> bool:
    """Its Liquid reads the time of the build, or draws at random."""
    return bool(_VOLATILE.search(liquid_of(text)))
