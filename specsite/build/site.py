"""The values the stages hand on: what render made (`Rendered`), and the whole build (`Site`)."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..check.internal import SiteIndex
from ..config import SiteConfig
from ..diagnostics import Diagnostic, Diagnostics, ERROR, WARNING
from ..discover import Sources


@dataclass(frozen=True)
class Navigation:
    """The theme's navigation: sidebars by name, the top bar, the links they hold (checked once,
    at the data file that writes them) and the titles each page has in them."""

    sidebars: dict
    topnav: object
    links: tuple
    titles: dict  # page -> the titles navigation gives it (a reader knows a page by these names too)


@dataclass(frozen=True)
class Rendered:
    """What the render stage made: every page (generated ones included) and what is written where."""

    pages: list  # ParsedPage, release and generated pages included
    outputs: dict  # output path -> outputs.Text | Copy | Page
    index: SiteIndex  # what exists in the built site, for the checker
    links: tuple = ()  # links of navigation data and templates
    layout_links: tuple = ()  # links a layout, include or data file wrote
    layout_clashes: tuple = ()  # a page's id that its layout also uses
    nav_titles: dict = field(default_factory=dict)
    used: dict = field(default_factory=dict)  # page url -> the files its layouts' render read or reported at


@dataclass(frozen=True)
class Site:
    """Everything a build produced, for `write`, the checker, `serve` and `diff`."""

    config: SiteConfig
    sources: Sources
    pages: list = field(default_factory=list)  # ParsedPage, releases included
    outputs: dict = field(default_factory=dict)  # output path -> outputs.Text | Copy | Page
    links: tuple = ()
    index: SiteIndex = field(default_factory=SiteIndex)
    diagnostics: Diagnostics = field(default_factory=Diagnostics)  # build failures (block the write)
    findings: Diagnostics = field(default_factory=Diagnostics)  # checker findings (block only --strict)
    releases: list = field(default_factory=list)
    nav_titles: dict = field(default_factory=dict)
    layout_clashes: tuple = ()
    layout_links: tuple = ()  # links a layout, include or data file wrote
    # page url -> the layouts and includes its layouts' render read or reported at (recorded with a
    # parse cache: serve's), so the preview lists an include's error on the pages that use it
    used: dict = field(default_factory=dict)
    written: int = 0
    seconds: float = 0.0

    @classmethod
    def of(cls, config: SiteConfig, sources: Sources, releases: list, rendered: Rendered,
           diagnostics: Diagnostics) -> Site:
        return cls(config, sources, rendered.pages, rendered.outputs, rendered.links, rendered.index,
                   diagnostics, Diagnostics(), releases, rendered.nav_titles, rendered.layout_clashes,
                   rendered.layout_links, used=rendered.used)

    @property
    def errors(self) -> int:
        return self.diagnostics.count(ERROR) + self.findings.count(ERROR)

    @property
    def warnings(self) -> int:
        return self.diagnostics.count(WARNING) + self.findings.count(WARNING)

    def blocked(self, strict: bool = False) -> bool:
        """Whether the write is refused: build errors always, findings only when strict."""
        if self.diagnostics.count(ERROR):
            return True
        return strict and bool(self.warnings or self.findings.count(ERROR))

    def all_diagnostics(self) -> list[Diagnostic]:
        return Diagnostics(self.diagnostics.items + self.findings.items).sorted()
