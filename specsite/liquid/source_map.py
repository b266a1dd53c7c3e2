"""Where each piece of Liquid's output came from: a map from output offsets to source offsets."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..liquid_markup import TOKEN

_HAS_LIQUID = re.compile(r"\{[{%]")


def has_liquid(text: str) -> bool:
    return bool(_HAS_LIQUID.search(text))


@dataclass
class SourceMap:
    """Maps offsets in Liquid's output back to offsets in its source.

    Literal text reaches the output unchanged, so each literal piece is found in the output in
    order; output between two pieces came from the tags between them.
    """

    source: str
    out_starts: list = field(default_factory=list)
    src_starts: list = field(default_factory=list)
    lengths: list = field(default_factory=list)
    tags: list = field(default_factory=list)  # (src_start, src_end) of every tag, in order

    @classmethod
    def identity(cls, text: str) -> "SourceMap":
        return cls(text, [0], [0], [len(text)], [])

    @classmethod
    def align(cls, source: str, output: str) -> "SourceMap":
        smap = cls(source)
        cursor = 0
        prev_end = 0
        trim_left = False
        pieces = []
        for match in TOKEN.finditer(source):
            pieces.append((prev_end, match.start(), trim_left, match.group(0)[2] == "-"))
            if match.group(1) is not None:  # (an output's markup: found only where it writes itself)
                pieces.append((match.start(1), match.end(1), False, False))
            else:
                smap.tags.append((match.start(), match.end()))
            trim_left = match.group(0)[-3] == "-"
            prev_end = match.end()
        pieces.append((prev_end, len(source), trim_left, False))
        last = len(pieces) - 1
        kept = []  # (number, start, end, text) of the pieces to find, in order
        literal = []  # the indexes in `kept` of the literal pieces (no output's markup)
        for number, (start, end, lstrip, rstrip) in enumerate(pieces):
            text = source[start:end]
            if lstrip:
                stripped = text.lstrip()
                start += len(text) - len(stripped)
                text = stripped
            if rstrip:
                text = text.rstrip()
            if not text or not text.strip() and 0 < number < last:
                continue  # (blanks between tags: found at the first blank after the cursor, in a tag's output)
            if start == 0 or source[start - 2:start] != "{{" and source[start - 3:start] != "{{-":
                literal.append(len(kept))
            kept.append((number, start, end, text))
        following = {k: n for n, k in enumerate(literal)}
        for k, (number, start, end, text) in enumerate(kept):
            found = output.find(text, cursor)
            if number == last and end == len(source) and output.endswith(text):
                found = max(found, len(output) - len(text))  # the tail is the tail, not a look-alike
            if found < 0:
                continue  # e.g. the body of a false {% if %}
            n = following.get(k)
            if found > cursor and n is not None and n + 1 < len(literal) \
                    and _written_before(output, cursor, found, text, [kept[j][3] for j in literal[n + 1:n + 5]]):
                continue
            smap.out_starts.append(found)
            smap.src_starts.append(start)
            smap.lengths.append(len(text))
            cursor = found + len(text)
        return smap

    def locate(self, out_offset: int):
        """(source offset, None) for literal text; (None, [tag spans]) for tag output."""
        i = bisect.bisect_right(self.out_starts, out_offset) - 1
        if i >= 0 and out_offset < self.out_starts[i] + self.lengths[i]:
            return self.src_starts[i] + out_offset - self.out_starts[i], None
        lo = self.src_starts[i] + self.lengths[i] if i >= 0 else 0
        hi = self.src_starts[i + 1] if i + 1 < len(self.src_starts) else len(self.source)
        spans = [t for t in self.tags if t[0] >= lo and t[1] <= hi]
        if not spans:
            return lo, None
        return None, spans


def _written_before(output: str, cursor: int, found: int, text: str, nexts: list) -> bool:
    """Whether one of the next literal pieces, as long as `text` or longer, starts in the output
    before where `text` was found: `text` was not written there but a look-alike was (`{% capture
    link %}meshkit{% endcapture %}` never written, the name in a later heading; a `-` inside the
    next row's `text-align`), and the next piece takes the place (meshery's error-code tables)."""
    return any(len(nxt) >= len(text) and output.find(nxt, cursor, found + len(nxt) - 1) >= 0 for nxt in nexts)
