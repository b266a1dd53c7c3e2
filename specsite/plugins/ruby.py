"""The Liquid tags and filters a site's own Ruby plugins (`_plugins/*.rb`) register, read from
their source, so that a tag specsite cannot run is reported with the file that defines it."""
from __future__ import annotations

import re
from pathlib import Path

from ..lazy_re import LazyPattern

_REGISTER_TAG = LazyPattern(
    r"""Liquid::Template\.register_tag\s*\(?\s*(?:["']([\w-]+)["']|:([\w]+))\s*,\s*([\w:]+)""")
_REGISTER_FILTER = LazyPattern(r"""Liquid::Template\.register_filter\s*\(?\s*([\w:]+)""")
_MODULE = LazyPattern(r"^(\s*)(?:module|class)\s+([\w:]+)")
_DEF = LazyPattern(r"^\s*def\s+(?!self\.)([a-z_]\w*[?!]?)")
_BLOCK_CLASS = LazyPattern(r"^\s*class\s+([\w:]+)\s*<\s*(?:::)?Liquid::Block\b")


def _files(source_root: Path, plugins_dir: str) -> list[Path]:
    folder = Path(source_root) / plugins_dir
    return sorted(folder.rglob("*.rb")) if folder.is_dir() else []


def _module_methods(lines: list[str], module: str) -> list[tuple[str, int]]:
    """Public instance methods (`def name`) of `module Name … end`, with their line numbers."""
    short = module.split("::")[-1]
    found = []
    for start, line in enumerate(lines):
        head = _MODULE.match(line)
        if not head or head.group(2).split("::")[-1] != short:
            continue
        indent = head.group(1)
        private = False
        for number in range(start + 1, len(lines)):
            text = lines[number]
            if re.match(rf"^{re.escape(indent)}end\b", text):
                break
            if re.match(r"^\s*private\s*$", text):
                private = True
            method = _DEF.match(text)
            if method and not private:
                found.append((method.group(1), number + 1))
    return found


def ruby_plugin_tags(source_root, plugins_dir: str = "_plugins") -> dict[str, tuple[str, int]]:
    """{tag or filter name: (plugin file relative to the source, line)} for `_plugins/**/*.rb`.

    Tags are found at their `register_tag` line (a block tag also names its `end…` tag); filters
    are the methods of each module passed to `register_filter`, at their `def` line."""
    root = Path(source_root)
    files = [(path, path.read_text(encoding="utf-8", errors="replace").splitlines())
             for path in _files(root, plugins_dir)]
    blocks = {m.group(1).split("::")[-1] for _, lines in files for line in lines
              if (m := _BLOCK_CLASS.match(line))}
    found: dict[str, tuple[str, int]] = {}
    for path, lines in files:
        rel = path.relative_to(root).as_posix()
        for number, line in enumerate(lines, 1):
            if line.lstrip().startswith("#"):
                continue
            tag = _REGISTER_TAG.search(line)
            if tag:
                name = tag.group(1) or tag.group(2)
                found.setdefault(name, (rel, number))
                if tag.group(3).split("::")[-1] in blocks:
                    found.setdefault("end" + name, (rel, number))
            registered = _REGISTER_FILTER.search(line)
            if registered:
                for other_path, other_lines in [(path, lines)] + [f for f in files if f[0] != path]:
                    methods = _module_methods(other_lines, registered.group(1))
                    for method, line_number in methods:
                        found.setdefault(method, (other_path.relative_to(root).as_posix(), line_number))
                    if methods:
                        break
    return found
