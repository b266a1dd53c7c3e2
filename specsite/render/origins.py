"""Where a link that a layout wrote comes from: the template line or the data-file line.

A layout's links are found in its rendered output, not in its source, so the line that wrote
one is looked up afterwards: every `href="…"`/`src="…"` in the layouts and includes becomes a
pattern (Liquid output matches anything), and every scalar in the data files a value. A link
made from a data value (`href="{{ item.url }}"` with `url: /x.html` in a sidebar file) is
reported at the data file, where its author fixes it; a literal one at the template line.
"""
from __future__ import annotations

from pathlib import Path

from .origins_data import data_origin, data_values
from .origins_patterns import Origin, Pattern, fullmatch, template_patterns
from .origins_written import Parts, Written, target_pairs

_UNSEEN = object()


class Origins:
    """Looks up the origin of links found in layout output; `templates` maps source-relative
    paths to their text or their file (read when a link first needs its patterns: most
    links are found among the outputs a page wrote), `data` to their text."""

    def __init__(self, templates: dict[str, str], data: dict[str, str], baseurl: str = ""):
        self.baseurl = baseurl.rstrip("/")
        self.templates = templates
        self._patterns: dict[str, list[Pattern]] = {}  # a template's, made when a link first asks
        self.data = data
        self.values = data_values(data)  # a data value -> (file, offset) of its first place
        self._memo: dict = {}
        self._spots: dict = {}  # a template -> (line, column) of the outputs in its link attributes -> pattern
        self._data: dict = {}
        self._literals: dict = {}  # (target, files) -> whether a template writes it literally (_literal)
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
        index = written if isinstance(written, Written) else Written(written, self.parts)
        if data is not None and not self._literal(target, files, index):
            return data
        pairs = self._pairs.get(target)
        if pairs is None:
            pairs = self._pairs[target] = target_pairs(target)
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

    def _literal(self, target: str, files: tuple[str, ...], index: Written) -> bool:
        """Whether a template among `files` writes `target` as literal text (`href="/screenshots"`
        in a menu include) and no output wrote it whole in a link attribute: that template is where
        it was written, not a data file that holds the same value (flacon-site: a footer writes it
        from _data/navigation.yml through an include, with a line break after it). Asked only of
        targets a data file holds."""
        entry = index.exact.get(target)
        if entry is not None and self._in_attribute(entry):
            return False
        key = (target, files)
        found = self._literals.get(key)
        if found is None:
            found = self._literals[key] = any(
                not p.liquid and p.pieces[0] == target for rel in files for p in self.patterns(rel))
        return found

    def _origin(self, where: tuple) -> Origin:
        """The Origin of an output's (file, line, column), made once: the start of the link
        attribute's value it stands in (`href="{{ site.baseurl }}{{ doc.url }}#x"`: its first
        `{{`), where a link pattern of the template is placed and where a page that calls the
        include places it (elsewhere.placed): one position for one line's link."""
        origin = self._written.get(where)
        if origin is None:
            spots = self._spots_of(where[0])
            pattern = spots.get(where[1:]) if spots is not True else None
            origin = self._written[where] = pattern.origin if pattern is not None else Origin(*where)
        return origin

    def _spots_of(self, rel: str):
        """(line, column) of each output in a link attribute of a template -> its pattern; True for
        a file whose patterns are unknown."""
        spots = self._spots.get(rel)
        if spots is None:
            known = rel in self.templates
            spots = self._spots[rel] = {pos: p for p in self.patterns(rel) for pos in p.outputs} if known else True
        return spots

    def _in_attribute(self, entry) -> bool:
        """Whether an output (text, file, line, column) stands in a link attribute of its template
        (a file whose patterns are unknown: taken as in one)."""
        spots = self._spots_of(entry[1])
        return spots is True or (entry[2], entry[3]) in spots

    def _pattern(self, target: str, files: tuple[str, ...]) -> Pattern | None:
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
                if score >= best_score and fullmatch(pattern.pieces, target):
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

    def patterns(self, rel: str) -> list[Pattern]:
        """The link patterns of one template (empty for a file that is not one)."""
        found = self._patterns.get(rel)
        if found is None:
            text = self.templates.get(rel)
            if isinstance(text, Path):
                try:
                    text = text.read_text(encoding="utf-8")
                except (OSError, UnicodeDecodeError):
                    text = None
            found = self._patterns[rel] = [] if text is None else list(template_patterns(rel, text))
        return found

    def _find_data_origin(self, target: str) -> Origin | None:
        """The data-file line that holds the link (asked once a target: locate keeps it in _data,
        the same links recurring on every page)."""
        return data_origin(self.values, self.data, self.baseurl, target)
        path = target.split("#", 1)[0] if not target.startswith("#") else target
        # (the whole target first, its fragment kept: `url: /index.html#feedback` is not `url: /index.html`)
        whole = target[len(self.baseurl):] if self.baseurl and target.startswith(self.baseurl) else target
        stripped = path[len(self.baseurl):] if self.baseurl and path.startswith(self.baseurl) else path
        for value in (target, "/" + whole.lstrip("/"), path, stripped, "/" + stripped.lstrip("/"), stripped.lstrip("/")):
            found = self.values.get(value)
            if found is not None:
                rel, start = found
                text = self.data[rel]
                return Origin(rel, text.count("\n", 0, start) + 1, start - (text.rfind("\n", 0, start) + 1) + 1)
        return None


def _could_write(pattern: Pattern, target: str, ran: dict) -> bool:
    """Whether the outputs of `pattern` wrote, on this page, texts that `target` holds (`ran`:
    Written.ran_at), the leading one at its start."""
    path = pattern.origin.path
    for number, (line, col) in enumerate(pattern.outputs):
        texts = ran.get((path, line, col), ())
        if not any(target.startswith(t) if number == 0 and pattern.leads else t in target for t in texts):
            return False
    return True


def _wrote(pattern: Pattern, part: str, index) -> tuple | None:
    """(file, line, column) of the pattern's own output that wrote `part` on this page: a baseurl
    longer than the literal rest (`href='{{ site.baseurl }}/assets/style.css'` with baseurl
    /open-source-logiciel-libre) is that template's, not the last place the baseurl was written
    (canada-oss: a breadcrumb's)."""
    keys = frozenset((pattern.origin.path, *at) for at in pattern.outputs)
    ran = index.ran_at(keys) if keys else {}
    return next((key for key in sorted(keys) if part in ran.get(key, ())), None)

