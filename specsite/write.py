"""Write stage: render into a temporary folder, then swap it in, so a failed build leaves the old site."""
from __future__ import annotations

import os
import shutil
from pathlib import Path


class WriteError(Exception):
    pass


def check_out_dir(out: Path, source: Path):
    out, source = out.resolve(), source.resolve()
    if out == source or source.is_relative_to(out):
        raise WriteError(f"the output folder {out} contains the source; choose another --out")
    if out == Path(out.anchor):
        raise WriteError("refusing to write to the file-system root")


def write_site(out: Path, files: dict, source: Path, commit=None) -> int:
    """Write `files` ({output path: str | bytes | Path to copy | callable giving str}) as the new
    `out`; returns the count. `commit()`, asked after everything is rendered into the temporary
    folder, can still refuse the swap (0 is returned and the old site stays)."""
    out = out.resolve()
    check_out_dir(out, source)
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = out.parent / f".{out.name}.tmp-{os.getpid()}"
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    shutil.rmtree(temp, ignore_errors=True)
    try:
        temp.mkdir()
        made = set()
        for rel, content in sorted(files.items()):
            target = (temp / rel).resolve()
            if not target.is_relative_to(temp.resolve()):
                raise WriteError(f"refusing to write {rel}: outside the output folder")
            parent = target.parent
            if parent not in made:
                parent.mkdir(parents=True, exist_ok=True)
                made.add(parent)
            if callable(content):
                content = content()
            if isinstance(content, Path):
                shutil.copyfile(content, target)
            elif isinstance(content, bytes):
                target.write_bytes(content)
            else:
                with open(target, "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(content)
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
