"""`diff BASE [HEAD]`: what a change does to the built site, for a reviewer.

BASE and HEAD are two source folders, or git revisions of the repository that holds
`--source` (HEAD defaults to the working tree, i.e. `--source` itself). Both sides are built in
memory, then compared:

* pages added, removed, renamed (same source file with another permalink, or the same
  title/text at another url) and retitled (same url, other title);
* anchors that disappeared from a page, paired with the anchor that most likely replaced them
  (heading text similarity, then position between the anchors both sides share);
* links that the change breaks: every link of HEAD (pages, release entries, sidebars, top
  navigation) whose target resolves in BASE but not in HEAD, with the likely new target;
* checker findings that are new in HEAD, and findings that HEAD fixed, compared by
  (rule, file, target, message) since lines move;
* the text of every changed page, as a unified diff of one block element per line.

Exit codes: 0 nothing broken; 1 the change breaks links or brings new error findings;
2 usage error (unknown revision, not a git repository, unreadable configuration).
"""
from __future__ import annotations

import difflib
import html as html_lib
import json
import posixpath
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from . import build
from .check.internal import check_link, check_links, resolve
from .config import ConfigError, load_config
from .diagnostics import ERROR, Diagnostic, sentences
from .parse import Link

from .commands.diff_args import FORMATS, MAX_DIFF_LINES  # noqa: E402,F401 - the CLI declares them
WORKING_TREE = "working tree"
JSON_VERSION = 1


class UsageError(Exception):
    """A revision or folder that cannot be used: exit code 2."""


# -- the data ---------------------------------------------------------------------------------------


@dataclass
class PageRef:
    url: str
    file: str
    title: str


@dataclass
class PageRename:
    old_url: str
    url: str
    old_file: str
    file: str
    title: str
    reason: str  # "permalink changed" (same source file) or "same content"


@dataclass
class PageRetitle:
    url: str
    file: str
    old_title: str
    title: str


@dataclass
class PageChange:
    url: str
    file: str
    old_url: str
    lines_added: int
    lines_removed: int
    diff: list  # unified diff lines of the page text, at most max_diff_lines of hunks
    omitted: int  # diff lines left out


@dataclass
class AnchorRename:
    old_id: str
    id: str
    old_text: str
    text: str
    line: int | None  # of the new anchor, in HEAD's file
    similarity: float


@dataclass
class AnchorRemoval:
    id: str
    text: str
    line: int | None  # in BASE's file
    moved_to: str | None  # "other.html#id" when the id now lives on another page


@dataclass
class PageAnchors:
    url: str
    file: str
    old_url: str
    renamed: list = field(default_factory=list)
    removed: list = field(default_factory=list)


@dataclass
class BrokenLink:
    file: str
    line: int | None
    column: int | None
    target: str
    page: str  # the HEAD page that shows the link ("" for navigation data)
    rule: str
    message: str
    suggestion: str | None  # a target that works in HEAD, when one is known


@dataclass
class SiteDiff:
    base: dict
    head: dict
    pages_added: list = field(default_factory=list)
    pages_removed: list = field(default_factory=list)
    pages_renamed: list = field(default_factory=list)
    pages_retitled: list = field(default_factory=list)
    pages_changed: list = field(default_factory=list)
    anchors: list = field(default_factory=list)
    broken_links: list = field(default_factory=list)
    new_findings: list = field(default_factory=list)  # besides the broken links
    fixed_findings: list = field(default_factory=list)

    @property
    def new_errors(self) -> int:
        return sum(1 for f in self.new_findings if f["severity"] == ERROR)

    @property
    def failed(self) -> bool:
        return bool(self.broken_links or self.new_errors)

    @property
    def exit_code(self) -> int:
        return 1 if self.failed else 0

    def summary(self) -> dict:
        return {
            "pages_added": len(self.pages_added),
            "pages_removed": len(self.pages_removed),
            "pages_renamed": len(self.pages_renamed),
            "pages_retitled": len(self.pages_retitled),
            "pages_changed": len(self.pages_changed),
            "anchors_renamed": sum(len(a.renamed) for a in self.anchors),
            "anchors_removed": sum(len(a.removed) for a in self.anchors),
            "broken_links": len(self.broken_links),
            "new_findings": len(self.new_findings),
            "new_errors": self.new_errors,
            "fixed_findings": len(self.fixed_findings),
        }

    def as_dict(self) -> dict:
        return {
            "version": JSON_VERSION,
            "base": self.base,
            "head": self.head,
            "ok": not self.failed,
            "summary": self.summary(),
            "pages": {
                "added": [asdict(p) for p in self.pages_added],
                "removed": [asdict(p) for p in self.pages_removed],
                "renamed": [asdict(p) for p in self.pages_renamed],
                "retitled": [asdict(p) for p in self.pages_retitled],
                "changed": [asdict(p) for p in self.pages_changed],
            },
            "anchors": [asdict(a) for a in self.anchors],
            "broken_links": [asdict(b) for b in self.broken_links],
            "new_findings": list(self.new_findings),
            "fixed_findings": list(self.fixed_findings),
        }


# -- page text --------------------------------------------------------------------------------------

_DROP = re.compile(r"<(script|style|template)\b.*?</\1\s*>|<!--.*?-->", re.S | re.I)
_PRE = re.compile(r"<pre\b[^>]*>(.*?)</pre\s*>", re.S | re.I)
_HEADING = re.compile(r"<h([1-6])\b[^>]*>", re.I)
_ITEM = re.compile(r"<(?:li|dd)\b[^>]*>", re.I)
_CELL = re.compile(r"<t[dh]\b[^>]*>", re.I)
_BLOCK = re.compile(r"</?(?:p|div|h[1-6]|li|ul|ol|dl|dt|dd|table|thead|tbody|tfoot|tr|caption|blockquote|"
                    r"section|article|aside|header|footer|nav|main|figure|figcaption|details|summary|hr|br|"
                    r"form|fieldset|address)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")
_PLACEHOLDER = re.compile("\x00(\\d+)\x00")


def page_text(body_html: str) -> list[str]:
    """A page body as readable text: one block element per line, whitespace collapsed.

    Headings keep their level as `## `, list items start with `- `, table cells are joined
    with ` | `, code blocks keep their own lines (indented by four spaces).
    """
    code_blocks: list[list[str]] = []

    def keep_code(m):
        text = html_lib.unescape(_TAG.sub("", m.group(1)))
        code_blocks.append(["    " + line.rstrip() for line in text.strip("\n").split("\n")])
        return f"<p>\x00{len(code_blocks) - 1}\x00</p>"

    text = _DROP.sub("", body_html)
    text = _PRE.sub(keep_code, text)
    text = _SPACE.sub(" ", text)  # outside <pre>, line breaks in HTML are spaces
    text = _HEADING.sub(lambda m: "\n" + "#" * int(m.group(1)) + " ", text)
    text = _ITEM.sub("\n\x01", text)  # "- ", once the item's first block is known
    text = _CELL.sub(" | ", text)
    text = _BLOCK.sub("\n", text)
    text = html_lib.unescape(_TAG.sub("", text))
    lines: list[str] = []
    bullet = False
    for raw in text.split("\n"):
        bullet = bullet or "\x01" in raw
        raw = raw.replace("\x01", "")
        marker = _PLACEHOLDER.fullmatch(raw.strip())
        if marker:
            lines.extend(code_blocks[int(marker.group(1))])
            bullet = False
            continue
        line = _SPACE.sub(" ", raw).strip()
        if line.startswith("| "):
            line = line[2:]
        if line and line != "|":
            lines.append(f"- {line}" if bullet else line)
            bullet = False
    return lines


def text_diff(old_lines, new_lines, old_url: str, new_url: str, limit: int):
    """(diff lines, lines left out, added, removed): a unified diff cut after `limit` lines."""
    lines = list(difflib.unified_diff(old_lines, new_lines, f"a/{old_url}", f"b/{new_url}", n=2, lineterm=""))
    body = lines[2:]
    added = sum(1 for line in body if line.startswith("+"))
    removed = sum(1 for line in body if line.startswith("-"))
    kept = lines[:2] + body[:max(limit, 0)]
    return kept, len(body) - len(kept) + 2, added, removed


# -- one side -----------------------------------------------------------------------------------------


@dataclass
class _Page:
    url: str
    file: str
    title: str
    text: list
    anchors: list  # ids in page order, first occurrence only
    anchor_lines: dict  # id -> line
    headings: dict  # id -> heading text


def _snapshot(site) -> dict:
    pages = {}
    for parsed in site.pages:
        src = parsed.source
        ids, lines = [], {}
        for anchor in parsed.anchors:
            if anchor.id not in lines:
                ids.append(anchor.id)
                lines[anchor.id] = anchor.line
        headings = {h.id: h.text for h in parsed.headings if h.id}
        pages[src.url] = _Page(src.url, src.rel, str(src.meta.get("title") or ""), page_text(parsed.html),
                               ids, lines, headings)
    return pages


def _similar(a: str, b: str) -> float:
    return fuzz.ratio(a, b) / 100.0


# -- comparing ------------------------------------------------------------------------------------


def compare(base_site, head_site, *, base_label: str = "base", head_label: str = "head",
            max_diff_lines: int = MAX_DIFF_LINES) -> SiteDiff:
    """The differences between two built sites (`build.run(..., write=False)`)."""
    base, head = _snapshot(base_site), _snapshot(head_site)
    result = SiteDiff(base=_side(base_label, base_site, base), head=_side(head_label, head_site, head))
    pairs = _match_pages(base, head, result)  # base url -> head url
    for old_url, new_url in sorted(pairs.items(), key=lambda pair: pair[1]):
        old, new = base[old_url], head[new_url]
        if old_url == new_url and old.title != new.title:
            result.pages_retitled.append(PageRetitle(new_url, new.file, old.title, new.title))
        if old.text != new.text:
            diff, omitted, added, removed = text_diff(old.text, new.text, old_url, new_url, max_diff_lines)
            result.pages_changed.append(PageChange(new_url, new.file, old_url, added, removed, diff, omitted))
    anchor_map = _compare_anchors(base, head, pairs, result)
    _broken_links(base_site, head_site, pairs, anchor_map, result)
    _findings(base_site, head_site, result)
    return result


def _side(label: str, site, pages: dict) -> dict:
    return {"label": label, "revision": None, "folder": str(site.config.source), "pages": len(pages)}


def _match_pages(base: dict, head: dict, result: SiteDiff) -> dict:
    pairs = {url: url for url in base if url in head}
    gone = [u for u in base if u not in head]
    new = [u for u in head if u not in base]
    # 1. the same source file with another permalink
    by_file = {head[u].file: u for u in new if not head[u].file.startswith("<generated>")}
    for old_url in list(gone):
        new_url = by_file.get(base[old_url].file)
        if new_url in new:
            pairs[old_url] = new_url
            gone.remove(old_url)
            new.remove(new_url)
            result.pages_renamed.append(PageRename(old_url, new_url, base[old_url].file, head[new_url].file,
                                                   head[new_url].title, "permalink changed"))
    # 2. the same title and similar text, or nearly the same text, at another url
    candidates = []
    for old_url in gone:
        old = base[old_url]
        old_text = "\n".join(old.text)
        for new_url in new:
            cand = head[new_url]
            cand_text = "\n".join(cand.text)
            same_title = bool(old.title) and old.title == cand.title
            if not same_title and min(len(old_text), len(cand_text)) < 40:
                continue  # two short pages alike by chance are not one page moved
            score = fuzz.ratio(old_text, cand_text, score_cutoff=50 if same_title else 90)
            if score or (same_title and not old_text and not cand_text):
                candidates.append((score + (100 if same_title else 0), old_url, new_url))
    for _, old_url, new_url in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if old_url in gone and new_url in new:
            pairs[old_url] = new_url
            gone.remove(old_url)
            new.remove(new_url)
            result.pages_renamed.append(PageRename(old_url, new_url, base[old_url].file, head[new_url].file,
                                                   head[new_url].title, "same content"))
    result.pages_removed = [PageRef(u, base[u].file, base[u].title) for u in sorted(gone)]
    result.pages_added = [PageRef(u, head[u].file, head[u].title) for u in sorted(new)]
    result.pages_renamed.sort(key=lambda r: r.old_url)
    return pairs


def _compare_anchors(base: dict, head: dict, pairs: dict, result: SiteDiff) -> dict:
    """Anchor renames and removals per page; returns {(base url, old id): (head url, new id)}."""
    where: dict = {}  # head ids that are new on their page -> pages
    for old_url, new_url in pairs.items():
        for anchor_id in set(head[new_url].anchors) - set(base[old_url].anchors):
            where.setdefault(anchor_id, []).append(new_url)
    for url in (p.url for p in result.pages_added):
        for anchor_id in head[url].anchors:
            where.setdefault(anchor_id, []).append(url)
    mapping = {}
    for old_url, new_url in sorted(pairs.items()):
        old, new = base[old_url], head[new_url]
        old_ids, new_ids = set(old.anchors), set(new.anchors)
        removed = [a for a in old.anchors if a not in new_ids]
        if not removed:
            continue
        added = [a for a in new.anchors if a not in old_ids]
        entry = PageAnchors(new_url, new.file, old_url)
        paired = _pair_anchors(old, new, removed, added)
        for old_id in removed:
            if old_id in paired:
                new_id, score = paired[old_id]
                entry.renamed.append(AnchorRename(old_id, new_id, old.headings.get(old_id, ""),
                                                  new.headings.get(new_id, ""), new.anchor_lines.get(new_id),
                                                  round(score, 2)))
                mapping[(old_url, old_id)] = (new_url, new_id)
            else:
                others = [u for u in where.get(old_id, []) if u != new_url]
                moved = f"{others[0]}#{old_id}" if len(others) == 1 else None
                entry.removed.append(AnchorRemoval(old_id, old.headings.get(old_id, ""), old.anchor_lines.get(old_id),
                                                   moved))
                if moved:
                    mapping[(old_url, old_id)] = (others[0], old_id)
        result.anchors.append(entry)
    return mapping


def _pair_anchors(old: _Page, new: _Page, removed: list, added: list) -> dict:
    """removed id -> (added id, similarity): by heading text (or id) similarity, then by position.

    Position: the anchor sequences are aligned (difflib); a block of N anchors replaced by N
    others pairs them in order, however different their text (a heading reworded in place).
    """
    if not added:
        return {}
    in_place = set()
    matcher = difflib.SequenceMatcher(None, old.anchors, new.anchors, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "replace" and i2 - i1 == j2 - j1:
            in_place.update(zip(old.anchors[i1:i2], new.anchors[j1:j2]))
    candidates = []
    for r in removed:
        r_text = old.headings.get(r, r)
        r_pos = old.anchors.index(r) / max(len(old.anchors), 1)
        for a in added:
            sim = max(_similar(r_text, new.headings.get(a, a)), _similar(r, a))
            same_place = (r, a) in in_place
            if sim < 0.5 and not same_place:
                continue
            if (r in old.headings) != (a in new.headings) and sim < 0.8:
                continue  # a heading is rarely replaced by a plain anchor, or the other way round
            pos = 1 - abs(r_pos - new.anchors.index(a) / max(len(new.anchors), 1))
            score = 0.7 * sim + 0.2 * same_place + 0.1 * pos
            candidates.append((score, sim, r, a))
    paired, used = {}, set()
    for _score, sim, r, a in sorted(candidates, key=lambda c: (-c[0], c[2], c[3])):
        if r not in paired and a not in used:
            paired[r] = (a, sim)
            used.add(a)
    return paired


def _head_links(site):
    """Every link of the site once (sidebar links are recorded once per data file, as in the build);
    a link a Jekyll layout, include or data file writes into many pages, once, from its first page."""
    seen, links = set(), []
    for link in list(site.links) + [link for p in site.pages for link in p.links]:
        key = (link.target, link.path, link.line, link.column, link.page)
        if key not in seen:
            seen.add(key)
            links.append(link)
    for link in getattr(site, "layout_links", ()):
        key = (link.target, link.path, link.line, link.column)
        if key not in seen:
            seen.add(key)
            links.append(link)
    return links


def _broken_links(base_site, head_site, pairs: dict, anchor_map: dict, result: SiteDiff):
    head_to_base = {new: old for old, new in pairs.items()}
    options = head_site.config.options
    for link in _head_links(head_site):
        found = check_links([link], head_site.index, severity=options.get("severity"),
                            ignore=options.get("ignore") or ())
        if not found:
            continue
        base_page = head_to_base.get(link.page, link.page)
        if check_link(_with_page(link, base_page), base_site.index) is not None:
            continue  # already broken (or odd) before the change: an old finding, not a break
        finding = found[0]
        suggestion = _suggest(link, base_page, base_site, head_site, pairs, anchor_map)
        result.broken_links.append(BrokenLink(link.path, link.line, link.column, link.target, link.page,
                                              finding.rule, finding.message, suggestion))
    result.broken_links.sort(key=lambda b: (b.file, b.line or 0, b.column or 0, b.target))


def _with_page(link: Link, page: str) -> Link:
    return link if link.page == page else Link(link.target, link.path, link.line, link.column, link.tag, page)


def _existing(path: str, files) -> str | None:
    """The output file a resolved path means, as check_link finds it."""
    for candidate in (path, path + "/index.html", path + ".html"):
        if candidate in files:
            return candidate
    return None


def _suggest(link: Link, base_page: str, base_site, head_site, pairs: dict, anchor_map: dict) -> str | None:
    """A target for `link` that works in HEAD and goes where the link went in BASE."""
    target = link.target.strip()
    path, fragment = resolve(target, base_page, base_site.index.baseurl)
    if path is None:
        return None
    old_path = _existing(path or base_page, base_site.index.files)
    if old_path is None:
        return None
    new_path = pairs.get(old_path, old_path if old_path in head_site.index.files else None)
    if new_path is None:
        return None
    if fragment and (old_path, fragment) in anchor_map:
        new_path, fragment = anchor_map[(old_path, fragment)]
    suffix = f"#{fragment}" if fragment else ""
    if new_path == link.page and target.startswith("#"):
        suggestion = suffix
    elif target.startswith("/"):
        baseurl = head_site.index.baseurl
        suggestion = (baseurl if baseurl and target.startswith(baseurl + "/") else "") + "/" + new_path + suffix
    else:
        start = posixpath.dirname(link.page) or "."
        suggestion = posixpath.relpath(new_path, start) + suffix
    if suggestion == target or check_link(Link(suggestion, link.path, link.line, link.column, link.tag, link.page),
                                          head_site.index) is not None:
        return None
    return suggestion


_LINE_NUMBER = re.compile(r"\bline \d+")


def _finding_key(d: Diagnostic) -> tuple:
    return d.rule, d.path, d.target or "", _LINE_NUMBER.sub("line N", d.message)


def finding_dict(d: Diagnostic) -> dict:
    return {"file": d.path, "line": d.line, "column": d.column, "rule": d.rule, "severity": d.severity,
            "message": d.message, "target": d.target, "hint": d.hint}


def _findings(base_site, head_site, result: SiteDiff):
    base_items, head_items = base_site.all_diagnostics(), head_site.all_diagnostics()
    base_count = Counter(_finding_key(d) for d in base_items)
    head_count = Counter(_finding_key(d) for d in head_items)
    broken = {(b.file, b.line, b.column, b.target) for b in result.broken_links}
    new_left, fixed_left = head_count - base_count, base_count - head_count
    for d in head_items:
        key = _finding_key(d)
        if new_left[key] > 0:
            new_left[key] -= 1
            if (d.path, d.line, d.column, d.target) not in broken:
                result.new_findings.append(finding_dict(d))
    for d in base_items:
        key = _finding_key(d)
        if fixed_left[key] > 0:
            fixed_left[key] -= 1
            result.fixed_findings.append(finding_dict(d))


# -- getting the two sides ------------------------------------------------------------------------


def _git(args, cwd):
    try:
        return subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise UsageError("git is not installed; pass two source folders instead of revisions") from None


def checkout(arg: str | None, source: Path, tmp_root: Path) -> tuple[Path, dict]:
    """(source folder, {label, revision, folder}) for a diff side: the working tree, a folder or a
    git revision (exported into tmp_root; `folder` is then the source's path inside the repository)."""
    if arg is None:
        if not source.is_dir():
            raise UsageError(f"the source folder {source} does not exist")
        return source, {"label": WORKING_TREE, "revision": None, "folder": str(source.resolve())}
    if Path(arg).is_dir():
        return Path(arg), {"label": arg, "revision": None, "folder": str(Path(arg).resolve())}
    if not source.is_dir():
        raise UsageError(f"'{arg}' is not a folder, and the source folder {source} does not exist")
    top = _git(["rev-parse", "--show-toplevel"], source)
    if top.returncode != 0:
        raise UsageError(f"'{arg}' is not a folder, and {source} is not in a git repository "
                         "(pass two folders, or --source inside a git repository)")
    prefix = _git(["rev-parse", "--show-prefix"], source).stdout.strip()
    commit = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{arg}^{{commit}}"], source)
    if commit.returncode != 0 or not commit.stdout.strip():
        raise UsageError(f"unknown revision '{arg}' (not a folder, nor a commit of {top.stdout.strip()})")
    sha = commit.stdout.strip()
    dest = Path(tempfile.mkdtemp(prefix="rev-", dir=tmp_root))
    _export(sha, prefix, Path(top.stdout.strip()), dest, arg)
    folder = dest / prefix if prefix else dest
    if not folder.is_dir():
        raise UsageError(f"{prefix.rstrip('/')} does not exist at revision '{arg}'")
    label = sha[:10] if sha.startswith(arg) else f"{arg} ({sha[:10]})"
    return folder, {"label": label, "revision": sha, "folder": prefix.rstrip("/") or "."}


def _export(sha: str, prefix: str, top: Path, dest: Path, arg: str):
    """`git archive REV [prefix] | tar -x -C dest`, without a shell and without a tar binary."""
    cmd = ["git", "-C", str(top), "archive", "--format=tar", sha]
    if prefix:
        cmd += ["--", prefix.rstrip("/")]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    problem = None
    try:
        with tarfile.open(fileobj=proc.stdout, mode="r|") as archive:
            if hasattr(tarfile, "data_filter"):
                archive.extraction_filter = _safe_member
            for member in archive:
                archive.extract(member, dest, set_attrs=False)
    except tarfile.TarError as err:
        problem = str(err)
        proc.kill()
    finally:
        stderr = proc.stderr.read().decode("utf-8", "replace").strip() if proc.stderr else ""
        proc.wait()
    if "did not match any files" in stderr:
        raise UsageError(f"{prefix.rstrip('/')} does not exist at revision '{arg}'")
    if proc.returncode not in (0, -9) or problem:
        raise UsageError(f"cannot export revision '{arg}': {stderr or problem}")


def _safe_member(member, dest):
    """tarfile's `data` filter (no links out of the folder, no devices), skipping what it refuses."""
    try:
        return tarfile.data_filter(member, dest)
    except tarfile.FilterError:
        return None  # a link that leaves the folder: not part of a site


def build_side(folder: Path, label: str):
    try:
        config = load_config(folder, folder / "build", drafts=True)  # draft releases are reviewed too
    except ConfigError as err:
        loc = err.path or "_config.yml"
        if err.line:
            loc += f":{err.line}"
        raise UsageError(f"{label}: {loc}: {sentences(err.message, err.hint)}") from None
    return build.run(config, write=False)


# -- reports --------------------------------------------------------------------------------------


def render(diff: SiteDiff, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(diff.as_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return render_markdown(diff)
    if fmt == "text":
        return render_text(diff)
    raise ValueError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _loc(file: str, line, column=None) -> str:
    loc = file or "<site>"
    if line:
        loc += f":{line}"
        if column:
            loc += f":{column}"
    return loc


def _finding_line(f: dict) -> str:
    text = f"{_loc(f['file'], f['line'], f['column'])}: {f['severity']}[{f['rule']}]: {f['message']}"
    return text + (f" {f['hint']}" if f["hint"] else "")


def summary_line(diff: SiteDiff) -> str:
    s = diff.summary()
    parts = [_plural(s["broken_links"], "broken link"),
             f"{_plural(s['new_findings'], 'other new finding')} ({_plural(s['new_errors'], 'error')})",
             f"{s['fixed_findings']} fixed"]
    pages = [f"{s[k]} {k[6:]}" for k in ("pages_added", "pages_removed", "pages_renamed", "pages_retitled",
                                         "pages_changed") if s[k]]
    return (f"{'FAIL' if diff.failed else 'OK'}: " + ", ".join(parts)
            + (f"; pages: {', '.join(pages)}" if pages else "; no page changes"))


def render_text(diff: SiteDiff) -> str:
    out = [f"specsite diff: {diff.base['label']} -> {diff.head['label']}", ""]
    if diff.pages_added or diff.pages_removed or diff.pages_renamed or diff.pages_retitled:
        out.append("Pages:")
        out += [f"  + {p.url}  {p.title!r}  ({p.file})" for p in diff.pages_added]
        out += [f"  - {p.url}  {p.title!r}  ({p.file})" for p in diff.pages_removed]
        out += [f"  > {r.old_url} -> {r.url}  ({r.file}; {r.reason})" for r in diff.pages_renamed]
        out += [f"  ~ {r.url}  title {r.old_title!r} -> {r.title!r}  ({r.file})" for r in diff.pages_retitled]
        out.append("")
    if diff.anchors:
        out.append("Anchors:")
        for page in diff.anchors:
            out.append(f"  {page.url}  ({page.file})")
            for a in page.renamed:
                out.append(f"    #{a.old_id} -> #{a.id}  ({a.old_text or a.old_id!r} -> {a.text or a.id!r}, "
                           f"line {a.line or '?'})")
            for a in page.removed:
                out.append(f"    #{a.id} removed" + (f", now at {a.moved_to}" if a.moved_to else ""))
        out.append("")
    if diff.broken_links:
        out.append(f"Links broken by this change ({len(diff.broken_links)}):")
        for b in diff.broken_links:
            line = f"  {_loc(b.file, b.line, b.column)}: {b.target}: {b.message}"
            out.append(line + (f" -> use '{b.suggestion}'" if b.suggestion else ""))
        out.append("")
    for title, items in (("New findings", diff.new_findings), ("Fixed findings", diff.fixed_findings)):
        if items:
            out.append(f"{title} ({len(items)}):")
            out += ["  " + _finding_line(f) for f in items]
            out.append("")
    if diff.pages_changed:
        out.append(f"Page text ({_plural(len(diff.pages_changed), 'page')} changed):")
        for change in diff.pages_changed:
            out += change.diff
            if change.omitted:
                out.append(f"... {_plural(change.omitted, 'more line')}")
            out.append("")
    out.append(summary_line(diff))
    return "\n".join(out) + "\n"


def _code(text: str) -> str:
    text = str(text).replace("\n", " ")
    ticks = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _md(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>|#])", r"\\\1", str(text))


def render_markdown(diff: SiteDiff) -> str:
    s = diff.summary()
    out = [f"## specsite diff: {_code(diff.base['label'])} → {_code(diff.head['label'])}", ""]
    if diff.broken_links:
        out.append(f"❌ **This change breaks {_plural(len(diff.broken_links), 'link')}.**")
    elif diff.new_errors:
        out.append(f"❌ **This change brings {_plural(diff.new_errors, 'new error')}.**")
    else:
        out.append("✅ **No links broken.**")
    out += ["", "| | |", "|---|--:|"]
    for key, label in (("pages_added", "Pages added"), ("pages_removed", "Pages removed"),
                       ("pages_renamed", "Pages renamed"), ("pages_retitled", "Pages retitled"),
                       ("pages_changed", "Pages changed"), ("anchors_renamed", "Anchors renamed"),
                       ("anchors_removed", "Anchors removed"), ("broken_links", "Links broken"),
                       ("new_findings", "Other new findings"), ("fixed_findings", "Findings fixed")):
        out.append(f"| {label} | {s[key]} |")
    out.append("")
    if diff.broken_links:
        out += ["### Links broken by this change", "", "| Source | Target | Problem | Use instead |",
                "|---|---|---|---|"]
        for b in diff.broken_links:
            out.append(f"| {_cell(_code(_loc(b.file, b.line, b.column)))} | {_cell(_code(b.target))} | "
                       f"{_cell(_md(b.message))} | {_cell(_code(b.suggestion)) if b.suggestion else ''} |")
        out.append("")
    if diff.pages_added or diff.pages_removed or diff.pages_renamed or diff.pages_retitled:
        out += ["### Pages", ""]
        out += [f"- **Added** {_code(p.url)} — {_md(p.title)} ({_code(p.file)})" for p in diff.pages_added]
        out += [f"- **Removed** {_code(p.url)} — {_md(p.title)} ({_code(p.file)})" for p in diff.pages_removed]
        out += [f"- **Renamed** {_code(r.old_url)} → {_code(r.url)} ({_code(r.file)}, {r.reason})"
                for r in diff.pages_renamed]
        out += [f"- **Retitled** {_code(r.url)}: {_md(r.old_title)} → {_md(r.title)}" for r in diff.pages_retitled]
        out.append("")
    if diff.anchors:
        out += ["### Anchors", "", "| Page | Anchor | Now |", "|---|---|---|"]
        for page in diff.anchors:
            for a in page.renamed:
                out.append(f"| {_cell(_code(page.url))} | {_cell(_code('#' + a.old_id))} | "
                           f"{_cell(_code('#' + a.id))} (renamed) |")
            for a in page.removed:
                now = f"{_cell(_code(a.moved_to))} (moved)" if a.moved_to else "removed"
                out.append(f"| {_cell(_code(page.url))} | {_cell(_code('#' + a.id))} | {now} |")
        out.append("")
    for title, items in (("New findings", diff.new_findings), ("Fixed findings", diff.fixed_findings)):
        if items:
            out += [f"### {title}", ""]
            out += [f"- {_code(_loc(f['file'], f['line'], f['column']))} **{f['severity']}** "
                    f"{_code(f['rule'])}: {_md(f['message'])}" for f in items]
            out.append("")
    if diff.pages_changed:
        out += ["### Page text changes", ""]
        for change in diff.pages_changed:
            body = "\n".join(change.diff)
            fence = "```"
            while fence in body:
                fence += "`"
            name = change.url if change.url == change.old_url else f"{change.old_url} → {change.url}"
            out += ["<details>", f"<summary><code>{html_lib.escape(name)}</code> "
                    f"(+{change.lines_added} −{change.lines_removed})</summary>", "", fence + "diff", body, fence]
            if change.omitted:
                out.append(f"\n… {_plural(change.omitted, 'more line')}")
            out += ["", "</details>", ""]
    out.append(f"<sub>{_md(summary_line(diff))}</sub>")
    return "\n".join(out) + "\n"


# -- command line ---------------------------------------------------------------------------------


def _usage(message: str) -> int:
    print(f"specsite diff: error: {message}", file=sys.stderr)
    return 2


def cmd_diff(args) -> int:
    source = Path(args.source)
    with tempfile.TemporaryDirectory(prefix="specsite-diff-") as tmp:
        try:
            base_dir, base_info = checkout(args.base, source, Path(tmp))
            head_dir, head_info = checkout(args.head, source, Path(tmp))
            base_site = build_side(base_dir, base_info["label"])
            head_site = build_side(head_dir, head_info["label"])
        except UsageError as err:
            return _usage(str(err))
        diff = compare(base_site, head_site, base_label=base_info["label"], head_label=head_info["label"],
                       max_diff_lines=args.max_diff_lines)
        diff.base.update(base_info)
        diff.head.update(head_info)
    report = render(diff, args.format)
    if args.output:
        Path(args.output).write_text(report, encoding="utf-8")
        print(summary_line(diff), file=sys.stderr)
    else:
        sys.stdout.write(report)
    return diff.exit_code
