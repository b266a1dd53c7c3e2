"""The outputs a page's layouts wrote, recorded while they rendered (text, file, line, column), and
the look-ups origins.Origins makes in them: the output equal to a link, the longest one inside it,
a run of outputs written in a row, the texts an output wrote on this page."""
from __future__ import annotations


class Written:
    """The outputs a page's layouts wrote (a sidebar writes hundreds, and each of the page's links
    is looked up among them): the last output equal to a link, else the longest one inside it (of
    equal lengths, the last written). Which outputs lie inside a link comes from `parts`, kept
    across the build's pages (Parts); made when a link first is not an output (most are)."""

    def __init__(self, written, parts: Parts | None = None):
        self.ran = written  # every output, the empty ones too: where the layouts' Liquid ran
        exact = {entry[0]: entry for entry in written}
        exact.pop("", None)  # (no empty output is a link's: as if they were left out)
        self.exact: dict = exact
        self._written: list | None = None  # the outputs that wrote something (nonempty), when first asked
        self._ran_at: dict | None = None
        self.parts = parts
        self.last: dict | None = None  # an output of two characters or more -> (its last position, entry)
        self.starts: dict | None = None  # an output asked about by run (two characters or more) -> its positions

    def best(self, target: str, pairs=None):
        """`pairs`: the target's pairs of adjacent characters, when the caller keeps them."""
        entry = self.exact.get(target)
        if entry is not None or len(target) < 2:  # (a part is two characters or more)
            return entry
        last = self.last
        if last is None:
            last = self.last = {}
            for position, entry in enumerate(self.nonempty()):
                if len(entry[0]) > 1:
                    last[entry[0]] = (position, entry)
            if self.parts is None:
                self.parts = Parts()
            self.parts.add(last.keys())
        found, rank = None, None
        for text in self.parts.inside(target, pairs if pairs is not None else target_pairs(target)):
            hit = last.get(text)
            if hit is not None:
                key = (len(text), hit[0])
                if rank is None or key > rank:
                    found, rank = hit[1], key
        return found


    def nonempty(self) -> list:
        """The outputs that wrote something, in order (most pages' links are exact outputs and
        never ask)."""
        written = self._written
        if written is None:
            written = self._written = [entry for entry in self.ran if entry[0]]
        return written

    def ran_at(self, keys: frozenset) -> dict:
        """(file, line, column) of each output in `keys` that the page's layouts ran -> the texts
        it wrote there, empty ones included. Only the keys asked about are indexed (a page runs
        hundreds of outputs, and its links ask about a few patterns' outputs), in one pass over
        the outputs for the keys not asked about before."""
        ran = self._ran_at
        if ran is None:
            ran = self._ran_at = {}
        missing = keys - ran.keys()
        if missing:
            lines = {key[1] for key in missing}
            for key in missing:
                ran[key] = set()
            for text, path, line, column in self.ran:
                if line in lines:  # (an int's test first: few outputs share a line with the keys)
                    key = (path, line, column)
                    if key in missing:
                        ran[key].add(text)
        return ran

    def run(self, target: str, found) -> tuple:
        """(the first output, characters covered) of the longest run of outputs written one after
        another, each in `target` after the one before (outputs of one character skipped: a `/`
        is in most links), that starts where `found`'s text was written; `found` itself (its
        length) when no run covers more. `{{ site.baseurl }}/{{ x.url }}` writes two outputs in a
        row in the template that holds the link."""
        written = self.nonempty()
        starts = self.starts
        if starts is None:
            starts = self.starts = {}
        positions = starts.get(found[0])
        if positions is None:  # (one or two texts a page are asked about: not an index of all its outputs)
            text = found[0]
            positions = starts[text] = [position for position, entry in enumerate(written) if entry[0] == text]
        best, covered = found, len(found[0])
        for position in positions:
            total, at, end = 0, 0, position
            while end < len(written):
                text = written[end][0]
                end += 1
                if len(text) < 2:
                    continue
                place = target.find(text, at)
                if place < 0:
                    break
                total, at = total + len(text), place + len(text)
            if total > covered or (total == covered and best is not found):
                best, covered = written[position], total
        return best, covered


class Parts:
    """The outputs of two characters or more that a build's pages wrote, and for each link target
    asked about, those of them inside it: most outputs and links are the same on every page, so
    each output is tested once against the targets that hold its first two characters, and each
    target once against the outputs that start with one of its pairs."""

    def __init__(self):
        self.seen: set = set()
        self.starts: dict = {}  # first two characters -> [output]
        self.within: dict = {}  # target -> [outputs seen inside it]
        self.targets: dict = {}  # pair of characters -> [targets asked about that hold it]

    def add(self, texts) -> None:
        """A page's outputs (each two characters or more)."""
        new = texts - self.seen
        if not new:
            return
        self.seen |= new
        for text in new:
            pair = text[:2]
            bucket = self.starts.get(pair)
            if bucket is None:
                self.starts[pair] = [text]
            else:
                bucket.append(text)
            for target in self.targets.get(pair, ()):
                if text in target:
                    self.within[target].append(text)

    def inside(self, target: str, pairs) -> list:
        """The outputs seen so far that lie inside `target` (`pairs`: its pairs of characters)."""
        found = self.within.get(target)
        if found is None:
            starts = self.starts
            found = self.within[target] = [text for pair in pairs for text in starts.get(pair, ()) if text in target]
            for pair in pairs:
                holding = self.targets.get(pair)
                if holding is None:
                    self.targets[pair] = [target]
                else:
                    holding.append(target)
        return found


def target_pairs(target: str) -> frozenset:
    """The pairs of adjacent characters of a link target."""
    return frozenset(target[i:i + 2] for i in range(len(target) - 1))

