#!/usr/bin/env python3
"""Issue 14's goals in one table: start-up, real sites against Jekyll, a one-page edit, synthetic
scale against MkDocs, memory, and `check` after `build`.

    python bench/bench_speed.py [--runs 3] [--sizes 500,2000,10000] [--big-runs 1] [--skip real,synthetic]
                                [--against ../other-checkout] [--python VENV/bin/python]

Every figure is the median of --runs runs of a fresh process (wall time; peak memory is the
largest resident set of the process and its workers), the peers timed in the same run and
alternated with specsite so that machine noise hits both alike. Peers are used where installed:
`jekyll` (Debian's jekyll package) for the real sites; `mkdocs` (`pip install -e '.[bench]'`, or
a venv of its own named by $MKDOCS=/path/to/bin/mkdocs) for the synthetic corpus
(make_corpus.py --flavor plain for specsite, --flavor mkdocs for MkDocs). Sizes of 10,000 pages
and more run --big-runs times. --against names another checkout of specsite (the code before a
change): its synthetic builds and one-page edit are measured in the same run, alternated with this
tree's, and shown in rows of their own.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SHARED = REPO.parent / "shared"
CORPUS_SCRIPT = SHARED / "bench" / "make_corpus.py"
OUT = HERE / "out"
PY = sys.executable
SPECSITE = [PY, str(REPO / "build_site.py")]
# This tree, not whichever specsite is installed; and bytecode written and read as an installed
# package has it (with PYTHONDONTWRITEBYTECODE every start compiles specsite's modules: +70 ms).
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "PYTHONPATH": str(REPO)}


def env_for(cmd) -> dict:
    """The environment of a command: a specsite checkout's build_site.py imports its own tree."""
    if len(cmd) > 1 and str(cmd[1]).endswith("build_site.py"):
        return {**ENV, "PYTHONPATH": str(Path(cmd[1]).parent)}
    return ENV


def run(cmd, cwd=None):
    """(seconds, peak RSS in MB of its largest process, exit code, CPU seconds of it and its
    workers) of one fresh process. CPU time varies less than wall time on a shared machine."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env_for(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    return (time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status),
            usage.ru_utime + usage.ru_stime)


def alternate(cmds: dict, runs: int, before=None, cwd=None) -> dict:
    """name -> (median s, peak MB, last exit code, median CPU s), the commands run in turn `runs` times."""
    rows: dict = {name: [] for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            if before:
                before(name)
            rows[name].append(run(cmd, cwd=cwd))
    return {name: (statistics.median(r[0] for r in got), max(r[1] for r in got), got[-1][2],
                   statistics.median(r[3] for r in got))
            for name, got in rows.items()}


class Table:
    def __init__(self):
        self.rows = []

    def add(self, what, ours, peer="", ratio="", goal="", met=None, note=""):
        self.rows.append((what, ours, peer, ratio, goal, "" if met is None else ("yes" if met else "NO"), note))

    def print(self):
        head = ("measure", "specsite", "peer", "ratio", "goal", "met", "note")
        widths = [max(len(str(r[i])) for r in self.rows + [head]) for i in range(len(head))]
        for row in [head] + self.rows:
            print("  ".join(str(c).ljust(w) if i in (0, 6) else str(c).rjust(w)
                            for i, (c, w) in enumerate(zip(row, widths))).rstrip())


def startup(table: Table, runs: int):
    got = alternate({"version": SPECSITE + ["--version"]}, max(runs, 5))["version"]
    table.add("start-up: specsite --version", f"{got[0] * 1000:.0f} ms", goal="< 100 ms", met=got[0] < 0.1)


def real_sites(table: Table, runs: int):
    root = SHARED / "realsites"
    jekyll = shutil.which("jekyll")
    if not root.is_dir() or not jekyll:
        table.add("real sites", "skipped", note=f"needs {root} and jekyll")
        return
    for site_dir in sorted(p for p in root.iterdir() if (p / "source" / "_config.yml").is_file()):
        work = Path(tempfile.mkdtemp(prefix="bench-speed-"))
        try:
            src = work / "src"
            shutil.copytree(site_dir / "source", src, symlinks=True)
            (work / "cwd").mkdir()
            cmds = {"s": SPECSITE + ["build", "--no-cache", "--source", str(src), "--out", str(work / "s")],
                    "j": [jekyll, "build", "--disable-disk-cache", "-q", "-s", str(src), "-d", str(work / "j")]}
            got = alternate(cmds, runs, before=lambda name: shutil.rmtree(work / name, ignore_errors=True),
                            cwd=work / "cwd")
            ratio = got["j"][0] / got["s"][0]
            table.add(f"real site {site_dir.name}: build (render, check links, write)",
                      f"{got['s'][0]:.2f} s", f"jekyll {got['j'][0]:.2f} s", f"{ratio:.1f}x", ">= 5x", ratio >= 5,
                      f"{got['s'][1]:.0f} MB vs {got['j'][1]:.0f} MB; exit {got['s'][2]}/{got['j'][2]}")
        finally:
            shutil.rmtree(work, ignore_errors=True)


def corpus(pages: int, flavor: str) -> Path:
    target = OUT / f"corpus-{pages}-{flavor}"
    if not any(target.glob("*.y*ml")):
        shutil.rmtree(target, ignore_errors=True)
        subprocess.run([PY, str(CORPUS_SCRIPT), str(target), "--pages", str(pages), "--seed", "1",
                        "--flavor", flavor], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return target


EDIT_REAL_SITE = "events-management"  # a GP Connect site whose search.json reads every page's content


def one_page_edit(table: Table, runs: int, pages: int = 140, against=None, site=None, name=None):
    """`build` with the parse cache after one page changed, on a GP Connect-sized Jekyll site
    (the synthetic corpus of `pages` pages, or `site`, a real site's source named `name`); with
    `against` (another checkout's command), that one too, on a copy of its own, the two
    alternated run by run."""
    site = site or corpus(pages, "jekyll")
    what = f"{pages} pages" if name is None else name
    work = Path(tempfile.mkdtemp(prefix="bench-edit-"))
    trees = {"": SPECSITE, " --against": against} if against else {"": SPECSITE}
    try:
        builds, pages_of = {}, {}
        for k, (label, specsite) in enumerate(trees.items()):
            src = work / f"src{k}"
            shutil.copytree(site, src)
            build = builds[label] = specsite + ["build", "--source", str(src), "--out", str(work / f"out{k}")]
            subprocess.run(build, env=env_for(build), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            found = sorted(p for p in src.rglob("*.md") if not p.relative_to(src).parts[0].startswith(("_", ".")))
            page = found[len(found) // 2]
            pages_of[label] = (page, page.read_text(encoding="utf-8"))
        times: dict = {label: [] for label in trees}
        inner: dict = {label: [] for label in trees}
        cpu: dict = {label: [] for label in trees}
        for n in range(max(runs, 3)):
            for label, build in builds.items():
                page, original = pages_of[label]
                page.write_text(original + f"\nEdited paragraph {n}.\n", encoding="utf-8")
                started = time.perf_counter()
                proc = subprocess.Popen(build, env=env_for(build), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                        text=True)
                stderr = proc.stderr.read()
                _, _, usage = os.wait4(proc.pid, 0)
                proc.returncode = 0  # reaped here (wait4: its CPU time and its workers')
                times[label].append(time.perf_counter() - started)
                inner[label].append(_reported_seconds(stderr))
                cpu[label].append(usage.ru_utime + usage.ru_stime)
        for label in trees:
            wall = statistics.median(times[label])
            table.add(f"one-page edit, build with cache ({what}){label}", f"{wall * 1000:.0f} ms",
                      goal="< 150 ms" if name is None else "", met=wall < 0.15 if name is None else None,
                      note=f"CPU {statistics.median(cpu[label]) * 1000:.0f} ms; build itself "
                           f"{statistics.median(inner[label]) * 1000:.0f} ms; the rest is interpreter start and "
                           "imports")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _reported_seconds(stderr: str) -> float:
    for line in reversed(stderr.splitlines()):
        if " in " in line and "s" in line:
            word = line.rsplit(" in ", 1)[1].split("s")[0]
            try:
                return float(word)
            except ValueError:
                continue
    return float("nan")


def synthetic(table: Table, runs: int, sizes, big_runs: int, against=None):
    mkdocs = os.environ.get("MKDOCS") or shutil.which("mkdocs")
    per_page = []
    for pages in sizes:
        n = big_runs if pages >= 10_000 else runs
        plain = corpus(pages, "plain")
        cmds = {"s": SPECSITE + ["build", "--no-cache", "--source", str(plain), "--out", str(OUT / "speed-site")]}
        if against:
            cmds["b"] = against + ["build", "--no-cache", "--source", str(plain), "--out", str(OUT / "speed-site-b")]
        if mkdocs:
            site = corpus(pages, "mkdocs")
            cmds["m"] = [mkdocs, "build", "-q", "-f", str(site / "mkdocs.yml"), "-d", str(OUT / "speed-mkdocs")]
        for folder in ("speed-site", "speed-site-b", "speed-mkdocs"):  # not a bigger size's output to delete
            shutil.rmtree(OUT / folder, ignore_errors=True)
        got = alternate(cmds, n)
        ours, mb = got["s"][0], got["s"][1]
        limit = 300 if pages <= 2000 else 600
        per_page.append((pages, ours, got["s"][3]))
        if "m" in got:
            ratio = got["m"][0] / ours
            table.add(f"synthetic {pages} pages: build --no-cache", f"{ours:.2f} s", f"mkdocs {got['m'][0]:.2f} s",
                      f"{ratio:.1f}x", ">= 10x" if pages == 2000 else "", ratio >= 10 if pages == 2000 else None,
                      f"{n} run(s); CPU {got['s'][3]:.2f} s vs {got['m'][3]:.2f} s = {got['m'][3] / got['s'][3]:.1f}x")
        else:
            table.add(f"synthetic {pages} pages: build --no-cache", f"{ours:.2f} s", "mkdocs not installed",
                      note=f"{n} run(s)")
        table.add(f"synthetic {pages} pages: peak memory", f"{mb:.0f} MB", goal=f"< {limit} MB", met=mb < limit)
        if "b" in got:
            peer = f"mkdocs {got['m'][0]:.2f} s" if "m" in got else ""
            ratio = f"{got['m'][0] / got['b'][0]:.1f}x" if "m" in got else ""
            table.add(f"  --against: {pages} pages build --no-cache", f"{got['b'][0]:.2f} s", peer, ratio,
                      note=f"{got['b'][1]:.0f} MB; CPU {got['b'][3]:.2f} s")
    if len(per_page) >= 2:
        (p0, t0, _), (p1, t1, _) = per_page[0], per_page[-1]
        table.add(f"growth {p0} -> {p1} pages", f"{t1 / t0:.1f}x time", ratio=f"{p1 / p0:.0f}x pages",
                  goal="linear", met=t1 / t0 <= 1.2 * p1 / p0,
                  note=" ".join(f"{p}:{1000 * t / p:.2f} ms/page" for p, t, _ in per_page) + "; CPU "
                  + " ".join(f"{p}:{1000 * c / p:.2f}" for p, _, c in per_page))


def check_after_build(table: Table, runs: int):
    """`check` of the sources `build` just built reports the build's findings without rendering;
    the same `check` on a copy with no build behind it renders everything."""
    site = corpus(2000, "plain")
    cold = OUT / "speed-check-copy"
    shutil.rmtree(cold, ignore_errors=True)
    shutil.copytree(site, cold, ignore=shutil.ignore_patterns(".specsite-cache"))
    build = SPECSITE + ["build", "--source", str(site), "--out", str(OUT / "speed-check")]
    subprocess.run(build, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    got = alternate({"check": SPECSITE + ["check", "--source", str(site)],
                     "cold": SPECSITE + ["check", "--source", str(cold)]}, runs,
                    before=lambda name: shutil.rmtree(cold / ".specsite-cache", ignore_errors=True))
    table.add("check right after build (2000 pages)", f"{got['check'][0]:.2f} s",
              f"check, no build {got['cold'][0]:.2f} s", f"{got['cold'][0] / got['check'][0]:.1f}x",
              "reuses the build", got["check"][0] < got["cold"][0] / 2)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=3, help="runs per measure; the median is reported")
    ap.add_argument("--sizes", default="500,2000,10000", help="synthetic corpus sizes, comma-separated")
    ap.add_argument("--big-runs", type=int, default=1, help="runs for sizes of 10,000 pages and more")
    ap.add_argument("--skip", default="", help="comma-separated: startup,real,edit,synthetic,check")
    ap.add_argument("--against", type=Path, default=None,
                    help="another specsite checkout (the code before a change), measured in the same run")
    ap.add_argument("--python", type=Path, default=None,
                    help="the interpreter that runs specsite (default: this one), e.g. a fresh venv's bin/python "
                         "with specsite's dependencies installed: a user's interpreter, which starts without "
                         "this machine's site-packages .pth hooks and the editable install's finder")
    args = ap.parse_args(argv)
    python = str(args.python) if args.python else PY
    SPECSITE[0] = python
    against = [python, str(args.against.resolve() / "build_site.py")] if args.against else None
    skip = set(filter(None, args.skip.split(",")))
    OUT.mkdir(exist_ok=True)
    if not CORPUS_SCRIPT.exists():
        skip |= {"edit", "synthetic", "check"}
        print(f"no corpus generator at {CORPUS_SCRIPT}: synthetic measures skipped", file=sys.stderr)
    table = Table()
    steps = {"startup": lambda: startup(table, args.runs), "real": lambda: real_sites(table, args.runs),
             "edit": lambda: (one_page_edit(table, args.runs, against=against),
                              (SHARED / "realsites" / EDIT_REAL_SITE / "source").is_dir() and one_page_edit(
                                  table, args.runs, against=against, name=EDIT_REAL_SITE,
                                  site=SHARED / "realsites" / EDIT_REAL_SITE / "source")),
             "synthetic": lambda: synthetic(table, args.runs, [int(s) for s in args.sizes.split(",") if s],
                                            args.big_runs, against),
             "check": lambda: check_after_build(table, args.runs)}
    for name, step in steps.items():
        if name not in skip:
            step()
    print(f"median of {args.runs} runs ({args.big_runs} for >= 10,000 pages), {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f} at the end; bytecode cached (as installed); specsite run by "
          f"{python}")
    table.print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
