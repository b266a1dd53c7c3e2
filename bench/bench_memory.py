#!/usr/bin/env python3
"""Peak memory of a whole build: the process and every worker it forks (team.Team's parse and
render worker, the write's workers), sampled from /proc every --every seconds.

    python bench/bench_memory.py [--every 0.1] [--timeline 2] -- python3 build_site.py build --no-cache --source DIR --out OUT

bench_speed.py reports ru_maxrss: the largest single process. A forked worker shares its parent's
pages until either writes them (copy-on-write; in CPython a reference count change is a write),
so the tree's memory is neither the largest process nor the sum of their resident sets (that
counts each shared page once per process): it is the sum of PSS (each shared page divided among
the processes sharing it). All three are printed. Linux only (/proc/PID/smaps_rollup).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time


def descendants(pid: int) -> list[int]:
    """`pid` and every process under it."""
    children: dict = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as handle:
                    parent = int(handle.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(name))
    found = [pid]
    for each in found:
        found.extend(children.get(each, ()))
    return found


def field_kb(path: str, name: str) -> int:
    """A "Name:  123 kB" field of a /proc file (0: the process has gone)."""
    try:
        with open(path) as handle:
            for line in handle:
                if line.startswith(name):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--every", type=float, default=0.1, help="seconds between samples")
    parser.add_argument("--timeline", type=float, default=0, help="print each process's RSS/PSS every N s")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command to run")
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    pss = rss = single = 0
    shown = 0.0
    while proc.poll() is None:
        pids = descendants(proc.pid)
        sizes = [(p, field_kb(f"/proc/{p}/status", "VmRSS:"), field_kb(f"/proc/{p}/smaps_rollup", "Pss:"))
                 for p in pids]
        pss = max(pss, sum(s[2] for s in sizes))
        rss = max(rss, sum(s[1] for s in sizes))
        single = max(single, max(s[1] for s in sizes))
        now = time.perf_counter() - start
        if args.timeline and now >= shown + args.timeline:
            shown = now
            print(f"{now:7.1f}s " + "  ".join(f"{p}: rss {r // 1024} pss {s // 1024} MB" for p, r, s in sizes),
                  file=sys.stderr)
        time.sleep(args.every)
    print(f"exit {proc.returncode}; {time.perf_counter() - start:.1f} s; peak of the tree: PSS {pss / 1024:.0f} MB, "
          f"RSS summed {rss / 1024:.0f} MB; largest process {single / 1024:.0f} MB")
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
