"""Write stage: render into a temporary folder, then swap it in, so a failed build leaves the old site."""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from stat import S_ISREG

from . import __version__
from .errors import WriteError  # noqa: F401 - raised here, caught by the CLI
from .names import MANIFEST
from .outputs import holds, put_file, remove_file, write_reusing, write_unless_same
from .apart import MIN_INPUTS as APART_MIN_INPUTS, start as start_apart
from .shares import jobs_for, start as start_share

_MANIFEST_HEAD = "# specsite {version}: the files of the last build into this folder, one a line\n"
_SETUPTOOLS = ("lib", "bdist.")  # what `pip install .` leaves in build/ (names, name prefixes)


class Manifest:
    """specsite's list of the files the last build wrote into a folder: the names, and the bytes
    as read (an edit writes the manifest again only when they change: Staging._finish_in_place).
    A slotted class, not a dataclass: making a dataclass at import cost 1.2M instructions
    (callgrind) of every build."""

    __slots__ = ("names", "data")

    def __init__(self, names: frozenset, data: bytes):
        self.names, self.data = names, data


def check_out_dir(out: Path, source: Path) -> Manifest | None:
    """Refuse an output folder whose replacement would delete something specsite did not write:
    the source or a folder holding it, a file, or a non-empty folder without specsite's manifest
    (or with files the manifest does not list). `--out pages` must not delete the pages, nor
    `--out docs` a folder that merely has an index.html. Returns the manifest (None for a new or
    empty folder)."""
    out, source = out.resolve(), source.resolve()
    if out == source or source.is_relative_to(out):
        raise WriteError(f"the output folder {out} contains the source", "Choose another folder with --out.")
    if out == Path(out.anchor):
        raise WriteError("refusing to write to the file-system root", "Choose another folder with --out.")
    if out.exists() and not out.is_dir():
        raise WriteError(f"--out {out} is a file, not a folder", "Choose a new or empty folder with --out.")
    if not out.is_dir() or not any(out.iterdir()):
        return None
    manifest = _manifest(out)
    if manifest is None:
        leftovers = sorted(p.name for p in out.iterdir()
                           if p.name == _SETUPTOOLS[0] or p.name.startswith(_SETUPTOOLS[1]))
        if leftovers:
            raise WriteError(
                f"refusing to replace {out}: specsite did not write it; it holds "
                f"{', '.join(leftovers)}, which setuptools leaves there after `pip install .`",
                f"Remove {', '.join(str(out / name) for name in leftovers)}, or build elsewhere with --out.")
        raise WriteError(
            f"refusing to replace {out}: it is not empty and specsite did not write it (no {MANIFEST})",
            "Choose a new or empty folder with --out (or delete that folder yourself if it is an old build).")
    foreign = _unlisted(out, manifest.names)
    if foreign:
        shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
        raise WriteError(f"refusing to replace {out}: the last build did not write {shown}",
                         "Move those files out of it, or choose another folder with --out.")
    return manifest


def read_manifest(out: Path) -> frozenset[str] | None:
    """The files the last build wrote into `out`, or None when `out` has no readable manifest."""
    manifest = _manifest(out)
    return manifest.names if manifest is not None else None


def _manifest(out: Path) -> Manifest | None:
    try:
        data = (out / MANIFEST).read_bytes()
        lines = data.decode("utf-8").splitlines()  # (as read_text's universal newlines split them)
    except (OSError, UnicodeDecodeError):
        return None
    if not lines or not lines[0].startswith("# specsite "):
        return None
    return Manifest(frozenset(line for line in lines[1:] if line), data)


def _unlisted(out: Path, listed: set[str]) -> list[str]:
    """Files and links under `out` (relative, '/'-separated) that are neither listed nor the
    manifest (a linked folder is an entry, not entered)."""
    from .walk import files_under  # (only over a folder the last build wrote)
    return sorted(rel for rel in files_under(str(out)) if rel not in listed and rel != MANIFEST)


def _manifest_text(names) -> str:
    return _MANIFEST_HEAD.format(version=__version__) + "".join(f"{name}\n" for name in sorted(names))


def _write_manifest(folder: Path, names):
    (folder / MANIFEST).write_text(_manifest_text(names), encoding="utf-8", newline="\n")


PARALLEL_MIN_FILES = 40  # measured: see Staging.start
# A Stream with APART_MIN_INPUTS inputs (a search index of as many pages) is made by a fresh process
# (apart.py): there the fork's copies cost memory (10,000 pages: tree PSS 707-735 -> 518 MB); below,
# a forked worker starts sooner (no interpreter to start) and also writes pages once the index is done
_CHUNK = 8  # files a process takes at once (a file is written in a quarter of a millisecond)


def write_site(out: Path, files: dict, source: Path, commit=None, diagnostics=None, reuse=None) -> int:
    """Write `files` ({output path: outputs.Text | Copy | Page}) as the new `out`; returns the
    count. `commit()`, asked after everything is rendered into the temporary folder, can still
    refuse the swap (0 is returned and the old site stays). Pages (rendered when written) are
    rendered on every core for large sites; problems they report land in `diagnostics`.
    `reuse` ({output path: file of the previous build with the very content}) are linked (or
    copied) instead of rendered or written: creating a file costs ten times a link."""
    return Staging(out, files, source, reuse).finish(commit, diagnostics)


class Staging:
    """The new site, written into a temporary folder beside `out` that replaces `out` only when
    the build may write (finish), and is removed otherwise (discard). The folder is made, and
    workers may start writing into it (start), before the build's last stage: the link check
    runs while the files are written, and a blocked build throws the folder away, so the last
    good site stays and nothing is written outside the folder. When only a few files are new
    (`_in_place`: an edit, or the same sources built again), no folder is made: each new file is written beside `out` (a hidden
    name of this process, like the folder's) and replaces its file of `out` (_put_in_place: all
    of them, or none) once the build may write; a folder made and removed costs more than the
    file (mkdir 0.7 ms of CPU, rmdir 3 ms of waiting on this machine's disk)."""

    def __init__(self, out: Path, files: dict, source: Path, reuse=None):
        """Raises WriteError (before making anything) for an output folder that may not be
        replaced or a file outside it."""
        self.out = out = out.resolve()
        self.manifest = manifest = check_out_dir(out, source)
        out.parent.mkdir(parents=True, exist_ok=True)
        self.files = files
        self.temp = temp = out.parent / f".{out.name}.tmp-{os.getpid()}"
        self.share = None
        self.started = False
        self.unmade = False  # the folders the files go in are still to be made (_folders)
        self.apart = None  # (item, apart.Running): the Stream a fresh process writes
        self.previous = None
        self.items = items = sorted(files.items())
        # (out is resolved: the folder, new and empty, is a real path too and holds no link that
        # could lead elsewhere, so a path that stays inside it by its name stays inside it)
        root = str(temp)
        for rel, _ in items:
            full = os.path.normpath(os.path.join(root, rel))
            if full != root and not full.startswith(root + os.sep):
                raise WriteError(f"refusing to write {rel}: outside the output folder")
            if rel == MANIFEST:
                raise WriteError(f"refusing to write {rel}: specsite keeps its list of written files there",
                                 "Rename that file of the site.")
        reuse = reuse or {}
        listed = manifest.names if manifest is not None else None
        fresh = [rel for rel, _ in items if rel not in reuse]
        differing = _differing(out, listed, files, fresh)
        self.fresh = fresh = differing if differing is not None else fresh
        self.in_place = _in_place(out, listed, files, reuse, fresh)
        self.pages = self.rest = []
        if self.in_place:  # no folder: the new files go beside `out` (finish)
            return
        # the files of the folder this one replaces, each linked where the new file is the same (outputs.write_reusing)
        self.previous = (str(out), manifest.names) if manifest is not None else None
        shutil.rmtree(temp, ignore_errors=True)
        try:
            temp.mkdir()
            # Each folder made is a new inode (0.1-0.3 ms of CPU each on this machine's disk): without
            # links to put in them now, they are made by whoever writes first, the write's worker
            # while this process checks the links (_folders), not before the check.
            self.unmade = not reuse
            if reuse:
                _make_folders(temp, (rel for rel, _ in items))
            for rel, _ in items:
                if rel in reuse:
                    target = os.path.join(temp, rel)
                    try:
                        os.link(reuse[rel], target)  # the old folder is removed after the swap
                    except OSError:
                        shutil.copyfile(reuse[rel], target)
            # never written through a link to the previous build's file: that would change the live site
            self.pages = [i for i, (rel, content) in enumerate(items) if content.made_when_written and rel not in reuse]
            self.rest = [i for i, (rel, content) in enumerate(items) if not content.made_when_written and rel not in reuse]
        except BaseException:
            shutil.rmtree(temp, ignore_errors=True)
            raise

    def start(self, diagnostics=None) -> None:
        """Workers start writing the files now, while this process goes on (the link check);
        finish() writes the rest here. From PARALLEL_MIN_FILES files: below, the fork costs more
        than the files. Theme pages and the search index are rendered as they are written: the
        search index (one long job) first, then pages, texts and copies in small shares. A large
        search index is made by a fresh process instead (_start_apart), and this process writes
        everything else: a fork copies the heap it reads (see apart.py)."""
        if self.started:
            return
        self.started = True
        items = self.items
        indices = self.pages + self.rest
        self._stop_unwritten()
        jobs = jobs_for(len(indices), PARALLEL_MIN_FILES)  # (1 while a child begun early is fed: its thread)
        if self._start_apart(jobs) or jobs < 2:
            return
        whole = [[i] for i in self.pages if not items[i][1].deferred]
        pages = [i for i in self.pages if items[i][1].deferred]
        self.chunks = whole + [share for share in (pages[k::jobs * 8] for k in range(jobs * 8)) if share] + [
            self.rest[k:k + _CHUNK] for k in range(0, len(self.rest), _CHUNK)]
        self.diagnostics = diagnostics
        self.share = start_share(self._write_chunk, len(self.chunks), jobs)

    def _stop_unwritten(self) -> None:
        """Stop a child begun before render on a Stream this write does not make (the last
        build's file is linked, or the few new files go in place): its feeding thread would
        also keep the pages from the write's workers (no fork while another thread runs)."""
        written = {self.items[i][0] for i in self.pages}
        for rel, content in self.items:
            job = getattr(content, "apart", None)
            if job is not None and job.running is not None and rel not in written:
                job.running.release()

    def _start_apart(self, jobs: int) -> bool:
        """Whether a fresh process now writes a Stream that can be made apart (its job's inputs
        are enough to be worth an interpreter's start, on two cores; or the build began one on
        it before render: it is told where to write); that item is no longer this process's."""
        for i in self.pages:
            rel, content = self.items[i]
            job = getattr(content, "apart", None)
            if job is None:
                continue
            self._folders()
            target = os.path.join(self.temp, rel)
            if job.running is not None:
                running = job.running.aim(target)
            elif jobs >= 2 and len(job.inputs) >= APART_MIN_INPUTS:
                running = start_apart(job, target)
            else:
                running = None
            if running is not None:
                self.apart = (i, running)
                self.pages = [k for k in self.pages if k != i]
                return True
        return False

    def _finish_apart(self) -> None:
        """Wait for the fresh process; should it have failed, its file is written here."""
        if self.apart is None:
            return
        (i, running), self.apart = self.apart, None
        if not running.finish():
            _write_items(self.temp, self.items, [i], self.previous)

    def finish(self, commit=None, diagnostics=None) -> int:
        """Write what is left, then swap the folder in (unless `commit()` refuses: 0 is returned,
        the folder is removed and the old site stays); the count of files."""
        if self.in_place:
            return self._finish_in_place(commit)
        out, temp = self.out, self.temp
        old = out.parent / f".{out.name}.old-{os.getpid()}"
        try:
            self.start(diagnostics)
            if self.share is not None:
                for found in self.share.finish():
                    if diagnostics is not None:
                        diagnostics.extend(found)
            else:
                self._folders()
                _write_items(temp, self.items, self.pages + self.rest, self.previous)
            self._finish_apart()
            _write_manifest(temp, self.files)
            if commit is not None and not commit():
                shutil.rmtree(temp, ignore_errors=True)
                return 0
            if out.exists():
                os.replace(out, old)
            os.replace(temp, out)
        except BaseException:
            self.discard()
            if old.exists() and not out.exists():
                os.replace(old, out)
            raise
        shutil.rmtree(old, ignore_errors=True)
        return len(self.files)

    def _finish_in_place(self, commit) -> int:
        """The few new files (and the manifest, if it changed) written beside `out`, then each put
        at its place in it, or none of them (the build may not write: they are removed)."""
        out, files = self.out, self.files
        text = _manifest_text(files)
        # (the same files of the same specsite: the same text; in place, the manifest was read)
        changed = self.manifest is None or self.manifest.data != text.encode("utf-8")
        rels = self.fresh + ([MANIFEST] if changed else [])
        news = [_beside(out, "new", k) for k in range(len(rels))]
        puts = []  # (new file, rel): those whose file in place does not already hold their bytes
        try:
            for rel, new in zip(rels, news):
                remove_file(new)  # (left by a process of this number that stopped)
                if rel == MANIFEST:
                    with open(new, "w", encoding="utf-8", newline="\n") as handle:
                        handle.write(text)
                elif not write_unless_same(files[rel], new, os.path.join(out, rel)):
                    continue
                puts.append((new, rel))
            if commit is not None and not commit():
                return 0
            _put_in_place(out, puts)
        finally:
            for new in news:
                remove_file(new)
        return len(files)

    def discard(self) -> None:
        """Stop the workers and remove the folder: the build does not write."""
        if self.share is not None:
            self.share.stop()
        if self.apart is not None:
            (_, running), self.apart = self.apart, None
            running.stop()
        if not self.in_place:
            shutil.rmtree(self.temp, ignore_errors=True)

    def _folders(self) -> None:
        """The folders the files go in, made once in each process that writes some (a worker
        forked before they were made makes them; the other process finds them made: makedirs
        leaves an existing folder, and one the other process makes at the same time)."""
        if self.unmade:
            _make_folders(self.temp, (rel for rel, _ in self.items))
            self.unmade = False

    def _write_chunk(self, k: int) -> list:
        """Write a share of the files; what they reported (theme pages) is given back, not kept,
        so that the reports come in the files' order."""
        diagnostics = self.diagnostics
        before = len(diagnostics.items) if diagnostics is not None else 0
        self._folders()
        _write_items(self.temp, self.items, self.chunks[k], self.previous)
        if diagnostics is None:
            return []
        found = diagnostics.items[before:]
        del diagnostics.items[before:]
        return found


_HELD = ("SIGINT", "SIGTERM", "SIGHUP")


def _beside(out: Path, kind: str, k: int) -> str:
    """A hidden name of this process beside `out`, as the staging folder's."""
    return os.path.join(os.path.dirname(out), f".{out.name}.{kind}-{os.getpid()}-{k}")


def _put_in_place(out: Path, puts: list) -> None:
    """Put each new file at `out/rel` ((new file, rel), ...), all or none: each file replaced is
    first linked beside `out`, and if a put fails (an OSError, an interruption) the files
    already put are put back, so that a failed build leaves the last good site. Ctrl-C, SIGTERM
    and SIGHUP wait until the few renames are done (then arrive, the site whole). put_file
    removes each old file before the rename (see there: ext4 writes a file renamed over another
    out first); only a crash between the two leaves a file missing."""
    root = str(out)
    held = _hold_signals()
    try:
        done = []  # (target, its saved link or None: it had no file)
        try:
            for k, (new, rel) in enumerate(puts):
                target, link = os.path.join(root, rel), _beside(out, "saved", k)
                remove_file(link)  # (left by a process of this number that stopped)
                try:
                    os.link(target, link)
                except FileNotFoundError:
                    link = None
                except OSError:  # a file system without hard links
                    shutil.copyfile(target, link)
                done.append((target, link))
                put_file(new, target)
        except BaseException:
            for target, link in reversed(done):
                if link is not None:
                    os.replace(link, target)
                else:
                    remove_file(target)
            raise
        finally:
            for _, link in done:
                if link is not None:
                    remove_file(link)
    finally:
        if held is not None:
            import _signal
            _signal.pthread_sigmask(_signal.SIG_SETMASK, held)


def _hold_signals():
    """Block the signals that stop a build (this thread); the mask before, or None if it cannot.
    (`_signal`, the C module signal.py wraps: the same calls, with numbers where signal.py makes
    its enums, 4.6M instructions, 1 ms, of each build whose few changed files are put in place.)"""
    import _signal
    try:
        return _signal.pthread_sigmask(_signal.SIG_BLOCK, {getattr(_signal, n) for n in _HELD if hasattr(_signal, n)})
    except (AttributeError, OSError, ValueError):
        return None


def _in_place(out: Path, listed, files: dict, reuse: dict, fresh: list) -> bool:
    """Whether the few new files go into `out` one by one (each renamed into place) instead of a
    new folder of links to the others being swapped in: the last build wrote `out` (its
    manifest lists exactly the files of this one), every reused file is the one at its own
    path there, and each file written anew replaces a regular file. A one-page edit of a
    140-page site then writes one file and the manifest, with no folder of 140 links made and
    the old one removed. Many new files (as many as the write's workers are for) are written
    into a new folder swapped in at once, as a first build is."""
    if listed is None or len(fresh) >= PARALLEL_MIN_FILES or len(listed) != len(files) or listed != files.keys():
        return False
    if reuse:
        rel, path = next(iter(reuse.items()))
        path = os.fspath(path)
        base = path[:len(path) - len(rel)] if path.endswith(rel) else None
        if not base or os.path.realpath(base) != str(out) or any(
                os.fspath(path) != base + rel for rel, path in reuse.items()):
            return False
    root = str(out)
    for rel in fresh:
        try:
            if not S_ISREG(os.lstat(os.path.join(root, rel)).st_mode):
                return False
        except OSError:
            return False
    return True


def _differing(out: Path, listed, files: dict, fresh: list) -> list | None:
    """Those of `fresh` whose bytes differ from their file in `out`, when the last build wrote
    `out` with these very files (`listed`: its manifest's) and fewer than PARALLEL_MIN_FILES differ
    (the comparison stops there); else None. A build without the parse cache knows no file to
    reuse, yet a site built again from the same sources differs in a few (a feed's date): those
    are put in place (_in_place), and no folder of links is made and the old one removed after
    the swap (each folder removed waited ~4 ms on this machine's disk: nhs-booking-api's 33,
    ~130 ms). None too when a file is made only as it is written (a theme page: made here, it
    would not be made by the write's workers)."""
    if listed is None or len(fresh) < PARALLEL_MIN_FILES or len(listed) != len(files) or listed != files.keys():
        return None
    if any(files[rel].made_when_written for rel in fresh):
        return None
    root, differing = str(out), []
    for rel in fresh:
        if not holds(files[rel], os.path.join(root, rel)):
            differing.append(rel)
            if len(differing) >= PARALLEL_MIN_FILES:
                return None
    return differing


def _make_folders(temp: Path, paths) -> None:
    """The folders the files go in, each made once: only the deepest are asked for (makedirs makes
    their parents), with string paths (a Path per file cost more than the mkdirs)."""
    folders = {rel.rpartition("/")[0] for rel in paths}
    folders.discard("")
    parents = set()
    for folder in folders:
        while "/" in folder:
            folder = folder.rpartition("/")[0]
            if folder in parents:
                break
            parents.add(folder)
    root = str(temp)
    for folder in sorted(folders - parents):
        os.makedirs(os.path.join(root, folder), exist_ok=True)


def _write_items(temp: Path, items, indices, previous=None):
    """Write items[i] for each of `indices` into `temp`; `previous`: (the folder being replaced,
    the files its manifest lists), whose equal files are linked instead (write_reusing)."""
    if previous is None:
        for i in indices:
            rel, content = items[i]
            content.write(temp / rel)
        return
    root, (old, listed) = str(temp), previous
    for i in indices:
        rel, content = items[i]
        write_reusing(content, os.path.join(root, rel), os.path.join(old, rel) if rel in listed else None)
