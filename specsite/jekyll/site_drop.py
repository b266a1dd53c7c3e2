"""`site`: a SiteDrop in Jekyll, a plain dict here to look keys up in, with the drop's own
answers where a filter or an output asks the object itself."""
from __future__ import annotations


class SiteHash(dict):
    """Liquid's size filter finds no `size` method on the drop (0); its to_s is Liquid::Drop's,
    the class's name (`{{ site }}`, `site | downcase`)."""

    __slots__ = ()

    def ruby_size(self) -> int:
        return 0

    def ruby_to_s(self) -> str:
        return "Jekyll::Drops::SiteDrop"
