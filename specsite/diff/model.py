"""The data a diff produces: pages, anchors and links of the two sides, and the findings."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from ..diagnostics import ERROR
from ..errors import ExitCode

WORKING_TREE = "working tree"
JSON_VERSION = 1


# -- the data ---------------------------------------------------------------------------------------


@dataclass
class PageRef:
    """A page of either revision."""
    url: str
    file: str
    title: str


@dataclass
class PageRename:
    """A page that moved to another URL."""
    old_url: str
    url: str
    old_file: str
    file: str
    title: str
    reason: str  # "permalink changed" (same source file) or "same content"


@dataclass
class PageRetitle:
    """A page whose title changed."""
    url: str
    file: str
    old_title: str
    title: str


@dataclass
class PageTextDiff:
    """The text diff of one page whose text changed (releases.model.PageChange is another thing:
    a page a release entry says it changed)."""

    url: str
    file: str
    old_url: str
    lines_added: int
    lines_removed: int
    diff: list  # unified diff lines of the page text, at most max_diff_lines of hunks
    omitted: int  # diff lines left out


@dataclass
class AnchorRename:
    """An id that changed, its heading text (nearly) the same."""
    old_id: str
    id: str
    old_text: str
    text: str
    line: int | None  # of the new anchor, in HEAD's file
    similarity: float


@dataclass
class AnchorRemoval:
    """An id of BASE that HEAD's page no longer has."""
    id: str
    text: str
    line: int | None  # in BASE's file
    moved_to: str | None  # "other.html#id" when the id now lives on another page


@dataclass
class AnchorAddition:
    """An id of HEAD's page that BASE's did not have (not the new name of a renamed one)."""
    id: str
    text: str
    line: int | None  # in HEAD's file
    moved_from: str | None  # "other.html#id" when the id left that page in this change


@dataclass
class PageAnchors:
    """The id changes of one page."""
    url: str
    file: str
    old_url: str
    renamed: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    added: list = field(default_factory=list)


@dataclass
class BrokenLink:
    """A link HEAD breaks that BASE did not."""
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
    """What changed between two revisions of a site, for readers of its links."""
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
    def exit_code(self) -> ExitCode:
        return ExitCode.FINDINGS if self.failed else ExitCode.OK

    def summary(self) -> dict:
        return {
            "pages_added": len(self.pages_added),
            "pages_removed": len(self.pages_removed),
            "pages_renamed": len(self.pages_renamed),
            "pages_retitled": len(self.pages_retitled),
            "pages_changed": len(self.pages_changed),
            "anchors_renamed": sum(len(a.renamed) for a in self.anchors),
            "anchors_removed": sum(len(a.removed) for a in self.anchors),
            "anchors_added": sum(len(a.added) for a in self.anchors),
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
