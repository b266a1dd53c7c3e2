"""What a template's Liquid can read, told from its text: the caches (cache.py, build/render_cache.py)
decide from it what a page depends on. A small module of its own: `build --no-cache` imports the
render stage, never the cache."""
from __future__ import annotations

import re

LIQUID = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)  # a tag or an output (render/origins masks them)
# the clock, or a random draw: what such Liquid makes is never reused (a feed's lastBuildDate is
# the time of the build, as in Jekyll)
_VOLATILE = re.compile(r"\bsite\s*\.\s*time\b|[\"']now[\"']|[\"']today[\"']|\|\s*(?:sample|shuffle)\b")
_TIME = re.compile(r"\bsite\s*\.\s*time\b")
_DATED = re.compile(r"\bsite\s*\.\s*time\s*\|\s*date\s*:\s*(\"[^\"]*\"|'[^']*')\s*(?=[|}%-])")


def liquid_of(text: str) -> str:
    """The Liquid of a template (its tags and outputs), without the text around them."""
    return "\n".join(LIQUID.findall(text)) if "{" in text else ""


def reads_clock(text: str) -> bool:
    """Its Liquid reads the time of the build, or draws at random."""
    return bool(_VOLATILE.search(liquid_of(text)))


def clock_formats(text: str):
    """The date formats through which its Liquid reads the build time (`site.time | date: "%Y"`,
    a footer's year): what it makes changes only when the time so printed changes. () when it
    reads no clock; None when it reads it otherwise (whole, or "now") or draws at random."""
    liquid = liquid_of(text)
    if not _VOLATILE.search(liquid):
        return ()
    dated = _DATED.findall(liquid)
    if len(dated) != len(_TIME.findall(liquid)) or _VOLATILE.search(_DATED.sub("", liquid)):
        return None
    return tuple(sorted({quoted[1:-1] for quoted in dated}))
