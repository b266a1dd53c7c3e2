"""Where a link that a layout wrote comes from: the template line or the data-file line.

A layout's links are found in its rendered output, not in its source, so the line that wrote
one is looked up afterwards: every `href="…"`/`src="…"` in the layouts and includes becomes a
pattern (Liquid output matches anything), and every scalar in the data files a value. A link
made from a data value (`href="{{ item.url }}"` with `url: /x.html` in a sidebar file) is
reported at the data file, where its author fixes it; a literal one at the template line.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..liquid_reads import LIQUID
from ..paths import source_rel

_ATTR = re.compile(r"""\b(?:href|src|srcset|action|poster|data|cite|formaction)\s*=\s*(?:"([^"]*)"|'([^']*)')""",
                   re.I)
# A link attribute's name by its last letter (the letter and its capital: no other character
# matches f, c, t, n, r, a or e under re.I): the lengths of the names of _ATTR that end with it.
_NAME_ENDS = {"f": (4,), "c": (3,), "t": (6,), "n": (6, 10), "r": (6,), "a": (4,), "e": (4,)}
_DATA_VALUE = re.compile(r"""^[ \t]*(?:-[ \t]+)?(?:[\w.-]+[ \t]*:[ \t]*)?(["']?)(.+?)\1[ \t]*$""", re.M)
_MASK = "\x01"
_MASKS = re.compile(f"{_MASK}+")  # a masked Liquid tag or output
_QUOTED = re.compile(r'"([^"]+)"|\'([^\']+)\'')  # string literals in a link's Liquid
_UNSEEN = object()


@dataclass(frozen=True)
class Origin:
    """Where a piece of output was written: file, line, column."""
    path: str
    line: int
    column: int | None


@dataclass(frozen=True)
class _Pattern:
    """What a template wrote, to find where output came from: its literal pieces, in order, with
    Liquid output (anything) between them."""
    origin: Origin
    pieces: tuple
    literal: int  # characters written literally: more means a more certain match
    liquid: bool  # some of it comes from Liquid output
    quoted: tuple  # string literals inside its Liquid ({{ "/feed.xml" | prepend: site.url }})
    outputs: tuple = ()  # (line, column) of each `{{ output }}` in it, where the renderer records it
    leads: bool = False  # it starts with one (`href="{{ x }}..."`)


class Origins:
    """Looks up the origin of links found in layout output; `templates` maps source-relative
    paths to their text or their file (read when a link first needs its patterns: most
    links are found among the outputs a page wrote), `data` to their text."""

    def __init__(self, templates: dict[str, str], data: dict[str, str], baseurl: str = ""):
        self.baseurl = baseurl.rstrip("/")
        self.templates = templates
        self._patterns: dict[str, list[_Pattern]] = {}  # a template's, made when a link first asks
        values: dict[str, Origin] = {}
        for rel, text in data.items():
            line, counted = 1, 0  # the line of offset `counted`, counted on from the last value
            for m in _DATA_VALUE.finditer(text):
                value = m.group(2).strip()
                if value and value not in values and not value.startswith("#"):  # (the first place kept)
                    start = m.start(2)
                    line += text.count("\n", counted, start)
                    counted = start
                    values[value] = Origin(rel, line, start - (text.rfind("\n", 0, start) + 1) + 1)
        self.values = values
        self._memo: dict = {}
        self._spots: dict = {}  # a template -> (line, column) of the outputs in its link attributes
        self._data: dict = {}
        self._written: dict = {}  # (path, line, column) of an output -> its Origin (the same on every page)
        self._exact: dict = {}  # the same, for an output equal to a link: None when it is in no link attribute
        self._pairs: dict = {}  # a target -> its pairs of characters (Written.best)
        self._keys: dict = {}  # (target, files) -> its patterns' outputs' (file, line, column) (_ran_pattern)
        self.parts = Parts()  # the outputs inside each link target, across the build's pages

    def locate(self, target: str, files: tuple[str, ...], written=(), nth: int = 0) -> Origin | None:
        """Where `target` was written: a data file that holds it; else the `{{ output }}` that
        wrote it (`written`: (text, file, line, column) recorded while the layouts rendered),
        the whole of it or the longest part; else the most specific template pattern among
        `files` (the page's layouts and includes) that ran (_ran_pattern; `nth`: how many links
        to `target` the page's layouts wrote before this one)."""
        data = self._data.get(target, _UNSEEN)
        if data is _UNSEEN:
            data = self._data[target] = self._find_data_origin(target)
        if data is not None:
            return data
        pairs = self._pairs.get(target)
        if pairs is None:
            pairs = self._pairs[target] = target_pairs(target)
        index = written if isinstance(written, Written) else Written(written, self.parts)
        found = index.best(target, pairs)
        if found is not None and found[0] == target:
            where = found[1:]
            origin = self._exact.get(where, _UNSEEN)  # (the same outputs on every page: checked once)
            if origin is _UNSEEN:
                origin = self._exact[where] = self._origin(where) if self._in_attribute(found) else None
            if origin is not None:
                return origin
            found = None  # (an output equal to the link outside every link attribute: `--{{ last }}--` wrote "/")
        if found is not None:
            # Only part of the link is an output: the outputs written in a row with it may cover
            # more of it, and a template whose literal text covers more still is where it is
            # (`href="{{ site.baseurl }}/assets/x.png"`: the baseurl alone is written everywhere).
            part = found[0]
            found, covered = index.run(target, found)
            pattern = self._pattern(target, files)
            if pattern is not None and pattern.literal > covered:
                return pattern.origin
            own = _wrote(pattern, part, index) if pattern is not None else None
            return self._origin(own or found[1:])
        return self._ran_pattern(target, files, index, nth)

    def _origin(self, where: tuple) -> Origin:
        """The Origin of an output's (file, line, column), made once."""
        origin = self._written.get(where)
        if origin is None:
            origin = self._written[where] = Origin(*where)
        return origin

    def _in_attribute(self, entry) -> bool:
        """Whether an output (text, file, line, column) stands in a link attribute of its template
        (a file whose patterns are unknown: taken as in one)."""
        rel = entry[1]
        spots = self._spots.get(rel)
        if spots is None:
            known = rel in self.templates
            spots = self._spots[rel] = {pos for p in self.patterns(rel) for pos in p.outputs} if known else True
        return spots is True or (entry[2], entry[3]) in spots

    def _pattern(self, target: str, files: tuple[str, ...]) -> _Pattern | None:
        """The most specific template pattern among `files` that can write `target`."""
        best = self._best(target, files)
        return best[0] if best else None

    def _best(self, target: str, files: tuple[str, ...]) -> tuple:
        """The template patterns among `files` that can write `target`, of the highest score, in
        the order of `files` and of their lines."""
        key = (target, files)
        if key in self._memo:
            return self._memo[key]
        best: list = []
        best_score = -1
        for rel in files:
            for pattern in self.patterns(rel):
                score = pattern.literal
                if pattern.quoted:  # (most have none: no generator made for them)
                    score += sum(len(q) for q in pattern.quoted if q in target)
                if score >= best_score and _fullmatch(pattern.pieces, target):
                    if score > best_score:
                        best, best_score = [], score
                    best.append(pattern)
        best = self._memo[key] = tuple(best)
        return best

    def _ran_pattern(self, target: str, files: tuple[str, ...], index: Written, nth: int) -> Origin | None:
        """Where a link that no output wrote came from, among the most specific patterns: one whose
        outputs each wrote a part of `target` on this page, the leading one its start (an empty
        `href="{{ site.x }}"` fits every pattern made of Liquid alone: one in a loop that never
        ran, or that wrote other links, is not it); the page's second such link at the second."""
        best = self._best(target, files)
        if len(best) > 1:
            keys = self._keys.get((target, files))
            if keys is None:
                keys = self._keys[(target, files)] = frozenset((p.origin.path, *at) for p in best for at in p.outputs)
            if keys:  # (patterns without outputs, a literal `href="#"` in five places, could all write it)
                ran = index.ran_at(keys)
                best = [p for p in best if _could_write(p, target, ran)] or best
        return best[min(nth, len(best) - 1)].origin if best else None

    def patterns(self, rel: str) -> list[_Pattern]:
        """The link patterns of one template (empty for a file that is not one)."""
        found = self._patterns.get(rel)
        if found is None:
            text = self.templates.get(rel)
            if isinstance(text, Path):
                try:
                    text = text.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    text = None
            found = self._patterns[rel] = [] if text is None else list(_patterns(rel, text))
        return found

    def _find_data_origin(self, target: str) -> Origin | None:
        """The data-file line that holds the link (asked once a target: locate keeps it in _data,
        the same links recurring on every page)."""
        if not target:  # (no data value is empty: `url: /` is not `href=""` with its "/" put back)
            return None
        path = target.split("#", 1)[0] if not target.startswith("#") else target
        # (the whole target first, its fragment kept: `url: /index.html#feedback` is not `url: /index.html`)
        whole = target[len(self.baseurl):] if self.baseurl and target.startswith(self.baseurl) else target
        stripped = path[len(self.baseurl):] if self.baseurl and path.startswith(self.baseurl) else path
        for value in (target, "/" + whole.lstrip("/"), path, stripped, "/" + stripped.lstrip("/"), stripped.lstrip("/")):
            found = self.values.get(value)
            if found is not None:
                return found
        return None


def _could_write(pattern: _Pattern, target: str, ran: dict) -> bool:
    """Whether the outputs of `pattern` wrote, on this page, texts that `target` holds (`ran`:
    Written.ran_at), the leading one at its start."""
    path = pattern.origin.path
    for number, (line, col) in enumerate(pattern.outputs):
        texts = ran.get((path, line, col), ())
        if not any(target.startswith(t) if number == 0 and pattern.leads else t in target for t in texts):
            return False
    return True


def _wrote(pattern: _Pattern, part: str, index) -> tuple | None:
    """(file, line, column) of the pattern's own output that wrote `part` on this page: a baseurl
    longer than the literal rest (`href='{{ site.baseurl }}/assets/style.css'` with baseurl
    /open-source-logiciel-libre) is that template's, not the last place the baseurl was written
    (canada-oss: a breadcrumb's)."""
    keys = frozenset((pattern.origin.path, *at) for at in pattern.outputs)
    ran = index.ran_at(keys) if keys else {}
    return next((key for key in sorted(keys) if part in ran.get(key, ())), None)


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


def _patterns(rel: str, text: str):
    masked = LIQUID.sub(lambda m: _MASK * len(m.group(0)), text)
    line, counted = 1, 0  # the line of offset `counted` (the attributes come in order)
    for m in link_attributes(masked):
        group = 1 if m.group(1) is not None else 2
        start, end = m.start(group), m.end(group)
        value = masked[start:end]
        quoted = tuple(q for q in _QUOTED.findall(text, start, end) for q in q if q)
        liquid = _MASK in value
        pieces = tuple(_MASKS.split(value)) if liquid else (value,)
        line += text.count("\n", counted, start)
        counted = start
        col = start - (text.rfind("\n", 0, start) + 1) + 1
        outputs = tuple(_line_col(text, at, line, start) for at in _output_starts(text, start, end)) if liquid else ()
        yield _Pattern(Origin(rel, line, col), pieces, sum(len(p.strip()) for p in pieces), liquid, quoted,
                       outputs, text.startswith("{{", start))


def _output_starts(text: str, start: int, end: int):
    """Where each `{{ output }}` of text[start:end] starts."""
    return (m.start() for m in LIQUID.finditer(text, start, end) if text.startswith("{{", m.start()))


def _line_col(text: str, at: int, line: int, start: int) -> tuple:
    """(line, column) of offset `at`, counted on from offset `start` on line `line`."""
    return line + text.count("\n", start, at), at - (text.rfind("\n", 0, at) + 1) + 1


def link_attributes(text: str):
    """The matches of _ATTR.finditer(text), found without its search: sre tries the case-folded
    alternation after `\\b` at every character of a template (two thirds of the time spent making a
    build's patterns). A match holds its name, then spaces, then `=`: so it can only start a name's
    length before the spaces that precede some `=`, where the name's last letter is. Those places
    are tried in order with _ATTR.match, each after the last match's end, as finditer would."""
    starts = set()
    at = text.find("=")
    while at >= 0:
        end = at
        while end and text[end - 1].isspace():  # (str.isspace: the characters of sre's `\s`)
            end -= 1
        for size in _NAME_ENDS.get(text[end - 1:end].lower(), ()):
            if end >= size:
                starts.add(end - size)
        at = text.find("=", at + 1)
    after = 0
    for start in sorted(starts):
        if start >= after:
            m = _ATTR.match(text, start)  # (its `\b` sees the character before `start`)
            if m is not None:
                yield m
                after = m.end()


def _fullmatch(pieces: tuple, target: str) -> bool:
    """re.fullmatch of the pieces escaped and joined by `.*?` (re.S) without compiling it (a
    pattern per link of every template, on the first page): the first piece starts the target,
    the last ends it, and the others follow in order between them, each at its earliest place
    (with only `.*?` between literals, the earliest places fit whenever any do)."""
    if len(pieces) == 1:
        return target == pieces[0]
    first, last = pieces[0], pieces[-1]
    end = len(target) - len(last)
    if end < len(first) or not target.startswith(first) or not target.endswith(last):
        return False
    at = len(first)
    for piece in pieces[1:-1]:
        found = target.find(piece, at, end)
        if found < 0:
            return False
        at = found + len(piece)
    return True


def rglob_files(folder) -> list[str]:
    """Every file under `folder`, as `Path(folder).rglob("*")` filtered by `Path.is_file` finds them
    and in its order (a folder that is a symlink is listed but not entered, a file that is one is
    followed; each folder's own files before its subfolders': a data value's first place is kept),
    listed by os.walk: pathlib's selectors cost ~150K instructions a file (hakaspecs' 20 includes:
    3.2M). (walk.files_under lists a folder's files and subfolders interleaved.)"""
    found = []
    for top, _folders, names in os.walk(folder):
        found += [path for path in (os.path.join(top, name) for name in names) if os.path.isfile(path)]
    return found


def suffix(path: str) -> str:
    """Path(path).suffix, without making the Path."""
    name = os.path.basename(path)
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


def template_files(root: Path, paths) -> dict[str, Path]:
    """{source-relative path: file} of the files (paths or strings), for Origins to read when it
    needs them. A file under `root` has its relative path cut from its string (what source_rel's
    Path.relative_to gives for these normalised paths, without parsing each path three times)."""
    top = str(root)
    top = top if top.endswith("/") else top + "/"
    files = {}
    for path in paths:
        text = os.fspath(path)
        files[text[len(top):] if text.startswith(top) else source_rel(text, root)] = Path(text)
    return files


def read_texts(root: Path, paths) -> dict[str, str]:
    """{source-relative path: text} of the files that exist and are UTF-8."""
    texts = {}
    for rel, path in template_files(root, paths).items():
        try:
            texts[rel] = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
    return texts
