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
    def align(cls, source: str, output: str, tail: bool = True) -> "SourceMap":
        """Each literal piece of `source` found in `output` in order; a loop's body (`{% for %}`,
        `{% tablerow %}`) is found again for each later iteration, up to the text after the loop,
        so that a link its second pass wrote is placed in the body, not at `{% endfor %}`; a block
        (a loop, `{% if %}`, `{% unless %}`, `{% case %}`) whose body's first text is found only
        after the text that follows the block did not write it (a false branch, a loop that
        never ran): its body is looked for only before that text. `tail`: the output ends with
        the source's end (not so for an include's part of a page's output)."""
        smap = cls(source)
        prev_end = 0
        trim_left = False
        pieces = []
        blocks = {}  # the index of a block body's first piece -> (the index of the first piece after it, a loop?)
        opened = []
        for match in TOKEN.finditer(source):
            pieces.append((prev_end, match.start(), trim_left, match.group(0)[2] == "-"))
            if match.group(1) is not None:
                pieces.append((match.start(1), match.end(1), False, False))
            else:
                smap.tags.append((match.start(), match.end()))
                name = _BLOCK_TAG.match(match.group(0))
                if name is not None:
                    kind = name.group(1)
                    if not kind.startswith("end"):
                        opened.append((kind, len(pieces)))
                    elif opened and opened[-1][0] == kind[3:]:
                        blocks[opened.pop()[1]] = (len(pieces), kind in _LOOP_ENDS)
            trim_left = match.group(0)[-3] == "-"
            prev_end = match.end()
        pieces.append((prev_end, len(source), trim_left, False))
        _Aligner(smap, source, output, pieces, blocks, tail).run(0, len(pieces), 0, len(output))
        return smap

    def _wrapped(self, lo: int, hi: int) -> list:
        """The tags between one iteration of a loop and the next (the text before `hi` starts
        the body again): those from `lo` to the loop's end tag, then those from its opening tag
        on to `hi`, in the order they wrote."""
        tail = []
        for tag in self.tags:
            if tag[0] >= lo:
                tail.append(tag)
                if _LOOP_END.match(self.source, tag[0]):
                    break
        head = []
        for tag in reversed(self.tags):
            if tag[1] <= hi:
                if _LOOP_OPEN.match(self.source, tag[0]):
                    break
                head.append(tag)
        return tail + head[::-1]

    def loop_around(self, tags) -> tuple | None:
        """(start, end) of the outermost `{% for %}`/`{% tablerow %}` block that holds one of `tags`
        (source spans, as locate gives them), None when none of them is such a block's own tag."""
        source = self.source
        if not any(_LOOP_OPEN.match(source, start) or _LOOP_END.match(source, start) for start, _ in tags):
            return None
        stack, blocks = [], []
        for start, end in self.tags:
            if _LOOP_OPEN.match(source, start):
                stack.append(start)
            elif stack and _LOOP_END.match(source, start):
                opened = stack.pop()
                if not stack:
                    blocks.append((opened, end))
        first, last = tags[0][0], tags[-1][1]
        for start, end in blocks:
            if start <= last and first <= end:
                return start, end
        return None

    def locate(self, out_offset: int):
        """(source offset, None) for literal text; (None, [tag spans]) for tag output."""
        i = bisect.bisect_right(self.out_starts, out_offset) - 1
        if i >= 0 and out_offset < self.out_starts[i] + self.lengths[i]:
            return self.src_starts[i] + out_offset - self.out_starts[i], None
        lo = self.src_starts[i] + self.lengths[i] if i >= 0 else 0
        hi = self.src_starts[i + 1] if i + 1 < len(self.src_starts) else len(self.source)
        spans = [t for t in self.tags if t[0] >= lo and t[1] <= hi] if lo <= hi else self._wrapped(lo, hi)
        if not spans:
            return lo, None
        return None, spans


_BLOCK_TAG = re.compile(r"\{%-?\s*((?:end)?(?:for|tablerow|if|unless|case))\b")
_LOOP_ENDS = ("endfor", "endtablerow")
_LOOP_OPEN = re.compile(r"\{%-?\s*(?:for|tablerow)\b")
_LOOP_END = re.compile(r"\{%-?\s*end(?:for|tablerow)\b")


class _Aligner:
    """SourceMap.align's walk over the literal pieces (start, end, lstrip, rstrip) of a source;
    each piece's text and the next piece that is not blank are worked out once (a loop's body
    is walked once per iteration)."""

    def __init__(self, smap: SourceMap, source: str, output: str, pieces: list, blocks: dict, tail: bool):
        self.smap, self.source, self.output, self.blocks = smap, source, output, blocks
        self.tail = tail
        self.size = len(pieces)
        self.texts = texts = [_piece_text(source, piece, number, len(pieces) - 1) for number, piece in enumerate(pieces)]
        self.solid = solid = [0] * (len(pieces) + 1)  # the first piece from here on that is not blank
        solid[-1] = len(pieces)
        for number in range(len(pieces) - 1, -1, -1):
            text = texts[number][1]
            solid[number] = number if text is not None and text.strip() else solid[number + 1]
        self.ends_source = bool(pieces) and pieces[-1][1] == len(source)

    def run(self, first: int, stop: int, cursor: int, limit: int) -> int:
        """Pieces[first:stop] found in output[cursor:limit] (blocks as align says); the cursor
        after them."""
        number = first
        blocks = self.blocks
        while number < stop:
            block = blocks.get(number) if blocks else None
            if block is None or block[0] > stop or number == first and block[0] == stop:  # (not the block run now)
                cursor = self.piece(number, cursor, limit)
                number += 1
                continue
            after, loop = block
            cursor = self.run(number, after, cursor, self.body_limit(number, after, cursor, limit))
            if loop:
                end = self.next_found(after, cursor, limit)
                while end is not None and cursor < end:  # the later iterations, up to the text after the loop
                    if self.unconditional(number, after, cursor, end) is None:
                        break  # (an iteration writes its body's first text outside its blocks: not a lone ' ' found in an include's)
                    mark = len(self.smap.out_starts)
                    moved = self.run(number, after, cursor, end)
                    if moved <= cursor or len(self.smap.out_starts) == mark:
                        break
                    cursor = moved
            number = after
        return cursor

    def body_limit(self, number: int, after: int, cursor: int, limit: int) -> int:
        """Where a block's body may be found: before the text after the block when the body's
        first text is found only after that (a body that wrote nothing), else up to `limit`. The
        body's first text is looked for first, and the text after the block only before it (a
        body that ran is found at once: no search over the whole block's output)."""
        starts = self.next_found(number, cursor, limit, after)
        later = self.solid[after]
        if later >= self.size:
            return limit
        text = self.texts[later][1]
        if starts is None:
            end = self.output.find(text, cursor, limit)
        else:  # (does the text after the block start before the body's?)
            end = self.output.find(text, cursor, min(limit, starts + len(text) - 1))
        return end if end >= 0 else limit

    def piece(self, number: int, cursor: int, limit: int) -> int:
        start, text = self.texts[number]
        if text is None:
            return cursor
        output = self.output
        found = output.find(text, cursor, limit)
        if self.tail and number == self.size - 1 and self.ends_source and output.endswith(text):
            found = max(found, len(output) - len(text))  # the tail is the tail, not a look-alike
        if found < 0:
            return cursor  # e.g. the body of a false {% if %}
        smap = self.smap
        smap.out_starts.append(found)
        smap.src_starts.append(start)
        smap.lengths.append(len(text))
        return found + len(text)

    def unconditional(self, number: int, after: int, cursor: int, limit: int):
        """Where the first text of a loop's body (pieces[number:after]) outside the blocks in it
        (what every iteration writes) is found after `cursor`; `limit` when it has none; None
        when it is not found."""
        at = number
        while at < after:
            inner = self.blocks.get(at)
            if inner is not None and at != number and inner[0] <= after:
                at = inner[0]
                continue
            text = self.texts[at][1]
            if text is not None and text.strip():
                found = self.output.find(text, cursor, limit)
                return found if found >= 0 else None
            at += 1
        return limit

    def next_found(self, number: int, cursor: int, limit: int, stop: int | None = None):
        """Where the first piece from `number` on (before `stop`) that is not blank is found after
        `cursor` (the text after a block, the first of its body); `limit` when no piece follows;
        None when that piece is not found (a loop that never ran, whose body's pieces were found
        in later text: not to be found there again)."""
        later = self.solid[number]
        if later >= (self.size if stop is None else stop):
            return limit if stop is None else None
        found = self.output.find(self.texts[later][1], cursor, limit)
        return found if found >= 0 else None


def _piece_text(source: str, piece: tuple, number: int, last: int) -> tuple:
    """(start in the source, text) of a piece, its trimmed blanks left out; None for a blank
    piece between tags (found at the first blank after the cursor, in a tag's output)."""
    start, end, lstrip, rstrip = piece
    text = source[start:end]
    if lstrip:
        stripped = text.lstrip()
        start += len(text) - len(stripped)
        text = stripped
    if rstrip:
        text = text.rstrip()
    if not text or not text.strip() and 0 < number < last:
        return start, None
    return start, text


def place_in_includes(source: str, tags, output: str, lo: int, hi: int, offset: int, needle: str | None,
                      include_file, depth: int = 0, memo: dict | None = None):
    """(file, its text, offset in it, where in `source` the tag that included it starts) in an
    include of what wrote output[offset], which lies in
    output[lo:hi], written by the tags `tags` (spans of `source`): each include among them
    (`include_file(tag text)`: (path, text) or None) aligned with that output in turn, the one
    whose text reaches `offset` placing it (a literal piece of it; the tag of it that wrote the
    needle or, failing that, its first; an include it includes, in the same way). None when no
    include among the tags wrote it."""
    cursor = lo
    for start, end in tags:
        found = include_file(source[start:end]) if depth < 4 else None
        if found is None:
            continue
        rel, text = found
        key = (rel, cursor, hi)
        smap = memo.get(key) if memo is not None else None
        if smap is None:
            smap = SourceMap.align(text, output[cursor:hi], tail=False)
            if memo is not None:
                memo[key] = smap
        reached = smap.out_starts[-1] + smap.lengths[-1] + cursor if smap.out_starts else cursor
        if reached <= offset and (start, end) != tags[-1]:
            cursor = reached  # (its output ends before the offset: a later include's)
            continue
        at = offset - cursor
        src, spans = smap.locate(at)
        if src is None:
            if needle:
                src = next((found for a, b in spans if (found := text.find(needle, a, b)) >= 0), None)
            if src is None:
                i = bisect.bisect_right(smap.out_starts, at) - 1
                sub_lo = smap.out_starts[i] + smap.lengths[i] + cursor if i >= 0 else cursor
                sub_hi = smap.out_starts[i + 1] + cursor if i + 1 < len(smap.out_starts) else hi
                inner = place_in_includes(text, spans, output, sub_lo, sub_hi, offset, needle, include_file,
                                          depth + 1, memo)
                if inner is not None:
                    return inner
                src = spans[0][0]
        return rel, text, src, start
    return None
