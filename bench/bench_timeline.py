#!/usr/bin/env python3
"""Where one `build --no-cache` of a site spends its time, stage by stage, in the build's process
and in the worker it forks (team.Team): wall time since the process was started and CPU time of
the process at each point, the median of --runs fresh processes.

    python bench/bench_timeline.py SITE [--runs 5]          # wall and CPU of each stage
    python bench/bench_timeline.py SITE --callgrind          # instructions up to each point, one process
    python bench/bench_timeline.py SITE --callgrind-once     # instructions of each stage, in one valgrind run
    python bench/bench_timeline.py SITE --callgrind-once --python /tmp/instvenv/bin/python  # another interpreter

SITE is a Jekyll site folder (copied first: nothing is written into it), or the name of one of
../shared/realsites. The points are the start of the interpreter's `main` (its own start and the
machine's .pth hooks before it), the command-line parser, python-liquid's import, the rest of
the build's imports, then config, discover, renderers, the worker's fork, parse, render, the
write's staging, the link check, the write and the exit. With --callgrind the process is stopped at
each point under valgrind (SPECSITE_JOBS=1: one process, so the counts are exact and repeatable):
the instructions between two points are that stage's, whatever the machine's load.
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
REAL = REPO.parent / "shared" / "realsites"
PY = sys.executable
ENV = {**{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}, "PYTHONPATH": str(REPO)}

# Run in the measured process: marks each point (pid, wall ms since launch, CPU ms, label) into
# the file named by $TIMELINE_OUT (the worker appends its own when it leaves); stops the process
# at the point named by $TIMELINE_STOP.
DRIVER = r'''
import contextlib, os, sys, time
T0, OUT, STOP = float(os.environ["TIMELINE_T0"]), os.environ["TIMELINE_OUT"], os.environ.get("TIMELINE_STOP")
MARKS = []
def mark(label):
    MARKS.append((os.getpid(), (time.time() - T0) * 1000, time.process_time() * 1000, label))
    if label == STOP:
        os._exit(0)
def dump():
    with open(OUT, "a") as f:
        for m in MARKS:
            f.write("%d\t%.2f\t%.2f\t%s\n" % m)
    MARKS.clear()
mark("interpreter")
import specsite.cli as cli
from specsite import lean_imports
mark("cli imported")
def wrap(owner, name, label):
    f = getattr(owner, name, None)
    if f is None:
        return
    def timed(*a, **k):
        mark(label)
        try:
            return f(*a, **k)
        finally:
            mark(label + " done")
    setattr(owner, name, timed)
wrap(lean_imports, "liquid", "import liquid")
wrap(cli, "_parse", "parse arguments")
from specsite.commands import build as command
run = command.run
def traced(args):
    mark("build command")
    from specsite.commands.args import loading
    with loading():  # as the command imports them (the collector off)
        import specsite.build as stages
    mark("stages imported")
    import specsite.config as config
    wrap(config, "load_config", "config")
    for name, label in (("discover", "discover"), ("make_renderers", "renderers"), ("parse_all", "parse"),
                        ("render", "render"), ("_stage", "staging"), ("check", "check"), ("_write", "write")):
        wrap(stages, name, label)
    from specsite import team
    start, leave = team.Team.start.__func__, team.Team._leave
    def started(cls, *a, **k):
        mark("fork")
        found = start(cls, *a, **k)
        if found is not None and found.worker:
            del MARKS[:]
            mark("worker started")
        else:
            mark("fork done")
        return found
    def left(self):
        mark("worker leaves")
        dump()
        leave(self)
    team.Team.start, team.Team._leave = classmethod(started), left
    try:
        return run(args)
    finally:
        mark("build command done")
command.run = traced
# as cli.entry runs it: a command in a process of its own (kept_bundle.py's blob)
code = cli.main(**({"own_process": True} if "own_process" in cli.main.__code__.co_varnames else {}))
mark("main returned")
dump()
sys.stdout.flush()
os._exit(0)
'''
POINTS = ("interpreter", "cli imported", "parse arguments done", "import liquid", "import liquid done",
          "stages imported", "config done", "discover done", "renderers done", "fork done", "parse done",
          "render done", "staging done", "check done", "write done", "build command done", "main returned")


def site_copy(site: str, work: Path) -> Path:
    folder = Path(site)
    if not (folder / "_config.yml").is_file() and (REAL / site / "source").is_dir():
        folder = REAL / site / "source"
    target = work / "src"
    shutil.copytree(folder, target, symlinks=True)
    return target


def one_run(src: Path, work: Path, env_extra: dict | None = None) -> list:
    out = work / "timeline.txt"
    out.unlink(missing_ok=True)
    shutil.rmtree(work / "out", ignore_errors=True)
    env = {**ENV, "TIMELINE_OUT": str(out), **(env_extra or {})}
    env["TIMELINE_T0"] = repr(time.time())
    proc = subprocess.Popen([PY, "-c", DRIVER, "build", "--no-cache", "--source", str(src), "--out",
                             str(work / "out")], env=env, cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(proc.pid, 0)
    ended = (time.time() - float(env["TIMELINE_T0"])) * 1000
    marks = [line.split("\t") for line in out.read_text().splitlines()] if out.exists() else []
    rows = [(int(pid), float(wall), float(cpu), label) for pid, wall, cpu, label in marks]
    rows.append((proc.pid, ended, (usage.ru_utime + usage.ru_stime) * 1000, "exit (seen by the launcher; CPU with children)"))
    return rows


def timeline(site: str, runs: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="bench-timeline-"))
    try:
        src = site_copy(site, work)
        one_run(src, work)  # bytecode and kept files as an installed package has them
        samples: dict = {}
        for _ in range(runs):
            rows = one_run(src, work)
            parent = rows[-1][0]  # (the launched process's exit: the last row)
            for pid, wall, cpu, label in rows:
                samples.setdefault(("build" if pid == parent else "worker", label), []).append((wall, cpu))
        print(f"{site}: median of {runs} runs, load average {os.getloadavg()[0]:.1f}")
        print(f"{'process':7} {'point':48} {'wall ms':>8} {'CPU ms':>8}")
        order = sorted(samples, key=lambda key: (key[0] == "worker", statistics.median(w for w, _ in samples[key])))
        for who, label in order:
            values = samples[(who, label)]
            print(f"{who:7} {label:48} {statistics.median(w for w, _ in values):8.1f} "
                  f"{statistics.median(c for _, c in values):8.1f}" + ("" if len(values) == runs else f"  ({len(values)} runs)"))
    finally:
        shutil.rmtree(work, ignore_errors=True)


def callgrind(site: str) -> None:
    if not shutil.which("valgrind"):
        sys.exit("valgrind is not installed")
    work = Path(tempfile.mkdtemp(prefix="bench-timeline-"))
    try:
        src = site_copy(site, work)
        one_run(src, work, {"SPECSITE_JOBS": "1"})  # (the kept files of the measured runs' kind: one process)
        print(f"{site}: instructions (callgrind) up to each point, one process (SPECSITE_JOBS=1)")
        before = 0
        for point in POINTS:
            shutil.rmtree(work / "out", ignore_errors=True)
            env = {**ENV, "SPECSITE_JOBS": "1", "TIMELINE_OUT": os.devnull, "TIMELINE_STOP": point,
                   "TIMELINE_T0": repr(time.time())}
            done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", PY, "-c", DRIVER,
                                   "build", "--no-cache", "--source", str(src), "--out", str(work / "out")],
                                  env=env, cwd=work, capture_output=True, text=True)
            found = [line.split()[-1] for line in done.stderr.splitlines() if "Collected" in line]
            if not found:
                print(f"  {point:28} (no count)")
                continue
            total = int(found[-1])
            print(f"  {point:28} {total / 1e6:9.1f}M  +{(total - before) / 1e6:8.1f}M")
            before = total
    finally:
        shutil.rmtree(work, ignore_errors=True)


def dump_totals(work: Path) -> list:
    """(dump number, instructions) of each callgrind dump `work`/cg.out.N, in dump order."""
    import glob
    counts = []
    for path in glob.glob(f"{work}/cg.out.*"):
        with open(path) as handle:
            total = next((int(line.split()[1]) for line in handle if line.startswith(("summary:", "totals:"))), 0)
        counts.append((int(path.rsplit(".", 1)[1]), total))
    return sorted(counts)


def callgrind_once(site: str) -> None:
    """Instructions of each stage in one valgrind run: the driver calls os.getppid() at each mark
    and callgrind dumps its counts before each such call (--dump-before=getppid), so each dump
    holds what ran since the mark before (one run instead of one a point: a 2,000-page site)."""
    if not shutil.which("valgrind"):
        sys.exit("valgrind is not installed")
    work = Path(tempfile.mkdtemp(prefix="bench-timeline-"))
    try:
        src = site_copy(site, work)
        for _ in range(2):  # the kept files of the measured run's kind (one process), its blob defined (kept_bundle.py)
            one_run(src, work, {"SPECSITE_JOBS": "1"})
        marks = work / "marks.txt"
        env = {**ENV, "SPECSITE_JOBS": "1", "TIMELINE_OUT": str(marks), "TIMELINE_T0": repr(time.time())}
        shutil.rmtree(work / "out", ignore_errors=True)
        driver = DRIVER.replace("def mark(label):\n", "def mark(label):\n    os.getppid()\n", 1)
        subprocess.run(["valgrind", "--tool=callgrind", "--dump-before=getppid", f"--callgrind-out-file={work}/cg.out",
                        PY, "-c", driver, "build", "--no-cache", "--source", str(src), "--out", str(work / "out")],
                       env=env, cwd=work, capture_output=True, text=True)
        labels = [line.split("\t")[3] for line in marks.read_text().splitlines()] if marks.exists() else []
        counts = dump_totals(work)
        print(f"{site}: instructions (callgrind) between the points, one process (SPECSITE_JOBS=1), one run")
        before = "start"
        for (_, total), label in zip(counts, labels):
            if total >= 50_000:
                print(f"  {before:>24} -> {label:24} {total / 1e6:9.1f}M")
            before = label
        print(f"  total {sum(total for _, total in counts) / 1e6:.1f}M (the exit after the last point not counted)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("site", help="a Jekyll site folder, or the name of one of ../shared/realsites")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--callgrind", action="store_true", help="instructions up to each point (valgrind)")
    ap.add_argument("--callgrind-once", action="store_true",
                    help="instructions of each stage in one valgrind run (for large sites)")
    ap.add_argument("--python", default=None,
                    help="the interpreter that runs specsite (a fresh venv: without this machine's .pth hooks)")
    args = ap.parse_args(argv)
    if args.python:
        global PY
        PY = args.python
    if args.callgrind_once:
        callgrind_once(args.site)
    elif args.callgrind:
        callgrind(args.site)
    else:
        timeline(args.site, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
