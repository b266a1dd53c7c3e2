"""Write stage: render into a temporary folder, then swap it in, so a failed build leaves the old site."""
from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path


class WriteError(Exception):
    pass


BUILT_MARKS = ("index.html", "assets/search-index.js")


def check_out_dir(out: Path, source: Path):
    """The output folder is replaced whole: refuse anything that is not a new, empty or
    previously built folder (`--out pages` must not delete the pages)."""
    out, source = out.resolve(), source.resolve()
    if out == source or source.is_relative_to(out):
        raise WriteError(f"the output folder {out} contains the source; choose another --out")
    if out == Path(out.anchor):
        raise WriteError("refusing to write to the file-system root")
    if out.exists() and not out.is_dir():
        raise WriteError(f"--out {out} is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not any((out / mark).is_file() for mark in BUILT_MARKS):
        raise WriteError(f"refusing to replace {out}: it is not empty and does not look like a built site "
                         "(no index.html); choose a new or empty folder for --out")


PARALLEL_MIN_FILES = 150
_JOB: tuple = ()  # (temp folder, items, diagnostics) inherited by forked workers


def write_site(out: Path, files: dict, source: Path, commit=None, diagnostics=None, reuse=None) -> int:
    """Write `files` ({output path: str | bytes | Path to copy | callable giving str}) as the new
    `out`; returns the count. `commit()`, asked after everything is rendered into the temporary
    folder, can still refuse the swap (0 is returned and the old site stays). Pages (callables)
    are rendered on every core for large sites; problems they report land in `diagnostics`.
    `reuse` ({output path: file of the previous build}) are linked (or copied) instead of rendered."""
    out = out.resolve()
    check_out_dir(out, source)
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    shutil.rmtree(temp, ignore_errors=True)
    try:
        temp.mkdir()
        items = sorted(files.items())
        for rel, _ in items:
            if not (temp / rel).resolve().is_relative_to(temp.resolve()):
                raise WriteError(f"refusing to write {rel}: outside the output folder")
        for parent in sorted({(temp / rel).parent for rel, _ in items}):
            parent.mkdir(parents=True, exist_ok=True)
        reuse = reuse or {}
        kept = [i for i, (rel, _) in enumerate(items) if rel in reuse]
        for i in kept:
            rel = items[i][0]
            try:
                os.link(reuse[rel], temp / rel)  # the old folder is removed after the swap
            except OSError:
                shutil.copyfile(reuse[rel], temp / rel)
        pages = [i for i, (rel, content) in enumerate(items) if callable(content) and rel not in reuse]
        rest = [i for i, (rel, content) in enumerate(items) if not callable(content)]
        if not _write_parallel(temp, items, pages, diagnostics):
            _write_items(temp, items, pages)
        _write_items(temp, items, rest)
        if commit is not None and not commit():
            shutil.rmtree(temp, ignore_errors=True)
            return 0
        if out.exists():
            os.replace(out, old)
        os.replace(temp, out)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        if old.exists() and not out.exists():
            os.replace(old, out)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return len(files)


def _write_items(temp: Path, items, indices):
    for i in indices:
        rel, content = items[i]
        target = temp / rel
        if callable(content):
            content = content()
        if isinstance(content, Path):
            shutil.copyfile(content, target)
        elif isinstance(content, bytes):
            target.write_bytes(content)
        else:
            with open(target, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(content)


def _write_parallel(temp, items, indices, diagnostics) -> bool:
    jobs = min(os.cpu_count() or 1, int(os.environ.get("SPECSITE_JOBS") or 8))
    if (len(indices) < PARALLEL_MIN_FILES or jobs < 2 or diagnostics is None
            or "fork" not in multiprocessing.get_all_start_methods()):
        return False
    global _JOB
    _JOB = (temp, items, diagnostics)
    chunks = [indices[k::jobs * 4] for k in range(jobs * 4)]
    try:
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for found in pool.map(_write_chunk, chunks):
                diagnostics.extend(found)
    except OSError:
        return False
    finally:
        _JOB = ()
    return True


def _write_chunk(indices):
    temp, items, diagnostics = _JOB
    before = len(diagnostics.items)
    _write_items(temp, items, indices)
    return diagnostics.items[before:]
