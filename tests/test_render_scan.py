"""render.scan's spelt-out patterns find what markdown.scan's re.IGNORECASE ones find."""
from __future__ import annotations

import random

from specsite.markdown.scan import _LINK_TAG
from specsite.render.scan import _TAG


def test_link_tags_found_as_the_ignorecase_pattern_finds_them():
    rng = random.Random(5)
    pieces = ["<", ">", " ", "a", "A", "img", "IMG", "İmg", "ımg", "ſource", "Script", "link", "LİNK", "area",
              "iframe", "video", "audio", "object", "div", "</a>", "href='x'", '"', "\n", "k", "K", "\u212a", "s",
              "<a\thref=y>", "<p>", "<span "]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        assert [m.span() + m.groups() for m in _TAG.finditer(text)] == \
            [m.span() + m.groups() for m in _LINK_TAG.finditer(text)], repr(text)
