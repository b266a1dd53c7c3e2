"""Jekyll's layouts: a page's content placed in its layout chain, each layout rendered by Liquid.

Follows Jekyll 4.3's Renderer#place_in_layouts: `content` is the output so far, `layout` is the
merged front matter of the layouts applied so far (the inner layout's keys win), a layout's own
`layout:` names its parent, and a chain that comes back to a layout it already used stops there.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

from ..config import deep_merge
from ..diagnostics import WARNING, Diagnostic, Diagnostics, did_you_mean
from ..frontmatter import YamlError, split
from ..paths import source_rel

NO_LAYOUT = {"none"}


@dataclass(frozen=True)
class Layout:
    """One of the site's `_layouts/`, read once per build."""
    name: str  # "default", "sub/wide": the path in _layouts/ without its extension
    rel: str  # "_layouts/default.html", for diagnostics
    data: dict  # front matter (the `layout` variable)
    body: str
    body_line: int

    @property
    def parent(self) -> str | None:
        parent = self.data.get("layout")
        return None if parent is None else str(parent)


def load_layouts(layouts_dir: Path | None, source_root: Path, diags: Diagnostics) -> dict[str, Layout]:
    """Every file under the layouts folder, named as Jekyll's LayoutReader names them."""
    layouts: dict[str, Layout] = {}
    if layouts_dir is None or not layouts_dir.is_dir():
        return layouts
    for path in sorted(layouts_dir.rglob("*")):
        if not path.is_file() or path.name.startswith((".", "#")) or path.name.endswith("~"):
            continue
        rel = source_rel(path, source_root)
        name = posixpath.splitext(path.relative_to(layouts_dir).as_posix())[0]
        try:
            text = path.read_bytes().decode("utf-8")  # (a "\r\n" kept: Jekyll writes a layout's as read)
        except UnicodeDecodeError:
            diags.error(rel, None, "encoding", "the layout is not UTF-8 text", hint="Save it as UTF-8.")
            continue
        except OSError as err:
            diags.error(rel, None, "read-error", f"the layout cannot be read: {err.strerror}")
            continue
        try:
            parts = split(text, jekyll=True)  # (Jekyll's pattern: the blank lines after the front matter go)
        except YamlError as err:
            diags.warning(rel, err.line, "front-matter", f"{err.message}; the layout is used without its "
                          "front matter (as Jekyll does)", column=err.column,
                          hint="Front matter is YAML between two '---' lines at the top of the file.")
            layouts.setdefault(name, Layout(name, rel, {}, text, 1))
            continue
        layouts.setdefault(name, Layout(name, rel, dict(parts.meta or {}), parts.body, parts.body_line))
    return layouts


def chain(layouts: dict[str, Layout], first: str | None) -> list[Layout]:
    """The layouts a page passes through, innermost first."""
    found: list[Layout] = []
    layout = layouts.get(first) if first is not None else None
    while layout is not None and layout not in found:
        found.append(layout)
        parent = layout.parent
        layout = layouts.get(parent) if parent is not None else None
    return found


def layout_name(meta: dict) -> str | None:
    """The layout a page asks for; None for no layout (absent, null or 'none')."""
    if "layout" not in meta or meta.get("layout") is None:
        return None
    name = str(meta.get("layout"))
    return None if name in NO_LAYOUT or name == "" else name


def missing_layout(page, name: str, layouts: dict) -> Diagnostic:
    """Jekyll's 'Layout … requested in … does not exist' build warning, at the `layout:` line."""
    line = getattr(page.meta, "key_lines", {}).get("layout")
    return Diagnostic(page.rel, line, None, "unknown-layout", WARNING,
                      f"Layout '{name}' requested in {page.rel} does not exist (Jekyll's build warning): the "
                      "page is written without a layout, its content alone, as Jekyll writes it",
                      did_you_mean(name, layouts) or (
                          f"Name one of the site's layouts ({', '.join(sorted(layouts))}), or add "
                          f"_layouts/{name}.html." if layouts else f"Add _layouts/{name}.html, or remove the line."))


def merged_data(applied: list[Layout]) -> dict:
    """The `layout` variable after `applied` (innermost first): inner layouts' keys win."""
    data: dict = {}
    for layout in applied:
        data = deep_merge(layout.data, data)
    return data
