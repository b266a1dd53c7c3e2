"""The files origins.Origins reads: the layouts and includes (read when a link first needs their
patterns) and the data files, listed and named as the build names them."""
from __future__ import annotations

import os
from pathlib import Path

from ..paths import source_rel


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
