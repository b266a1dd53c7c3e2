"""The two sides: git revisions exported to folders (safely), or folders as they are, built in memory."""
from __future__ import annotations

import itertools
import os
import subprocess
import tarfile
import tempfile
from pathlib import Path

from .. import build
from ..config import ConfigError, load_config
from ..diagnostics import command_name, sentences
from ..errors import UsageError
from ..names import MANIFEST
from ..session import Session
from .model import WORKING_TREE

# -- getting the two sides ------------------------------------------------------------------------


def built_site(folder: Path) -> str | None:
    """Why `folder` is a built site rather than a source, or None: specsite's output (its
    manifest), or HTML with no source beside it — no `_config.yml`, no markdown, no front matter
    (Jekyll's `_site`). Built as a source it would be a site of copied files: a diff of nothing."""
    if (folder / MANIFEST).is_file():
        return f"specsite wrote it: its {MANIFEST} lists the files"
    if any((folder / name).is_file() for name in ("_config.yml", "_config.yaml", "_config.toml")):
        return None
    html = 0
    for path in itertools.islice(walk_files(folder), 5000):
        if path.suffix.lower() in (".md", ".markdown", ".mkd", ".mkdn", ".mdown"):
            return None
        if path.suffix.lower() in (".html", ".htm"):
            html += 1
            with open(path, "rb") as page:
                if page.read(3) == b"---":
                    return None  # a page with front matter: a source
    return "it holds HTML pages and no sources: no _config.yml, no markdown, no front matter" if html else None


def _not_built(folder: Path, named: str):
    why = built_site(folder)
    if why:
        raise UsageError(f"{named} is a built site, not a source ({why}). diff builds both sides "
                         f"itself: pass the source folders, or git revisions, they were built from; "
                         f"'{command_name()} check --html {folder}' checks the links of a built folder")


def walk_files(folder: Path):
    """Files below `folder`, without following links or entering hidden folders."""
    for top, dirs, files in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            yield Path(top) / name


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
        _not_built(source, f"--source {source}")
        return source, {"label": WORKING_TREE, "revision": None, "folder": str(source.resolve())}
    if Path(arg).is_dir():
        _not_built(Path(arg), f"'{arg}'")
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


def build_side(folder: Path, label: str, now=None):
    """One side built in memory; `now`: its site.time (both sides share one)."""
    try:
        config = load_config(folder, folder / "build", drafts=True)  # draft releases are reviewed too
    except ConfigError as err:
        loc = err.path or "_config.yml"
        if err.line:
            loc += f":{err.line}"
        raise UsageError(f"{label}: {loc}: {sentences(err.message, err.hint)}") from None
    return build.run(config, write=False, session=Session(now=now))
