#!/usr/bin/env python3
"""Where the render stage's instructions go on a Jekyll-layout site, by template: one build under
callgrind (SPECSITE_JOBS=1), with a dump at every boundary of an include, a layout, the scan of
the written page (links_and_ids) and the link-origin look-up (Origins.locate); each stretch is
counted for the innermost of them (exclusive), the first page apart (its templates are parsed
and compiled then).

    python bench/bench_render_split.py SITE          # SITE: a realsites name or a site folder

The marks cost ~3K instructions each (a few M a site): compare a template's figure before and
after a change, not with bench_timeline's totals.
"""
from __future__ import annotations

import collections
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_timeline import ENV, PY, dump_totals, site_copy  # noqa: E402

DRIVER = r'''
import os, sys
os.environ["SPECSITE_JOBS"] = "1"
src, out, labels_file = sys.argv[1:4]
import specsite.cli as cli
from specsite.commands.args import loading
with loading():
    import specsite.build as stages
from specsite.liquid import tags, renderer
from specsite.render import jekyll_site, origins
LABELS, STACK, ON, PAGES = [], ["other"], [False], [0]
def mark():
    if ON[0]:
        os.getppid()  # callgrind dumps before it
        LABELS.append(STACK[-1])
def wrap(owner, name, label):
    f = getattr(owner, name)
    def w(*a, **k):
        mark(); STACK.append(("1st " if PAGES[0] == 1 else "") + label(*a))
        try:
            return f(*a, **k)
        finally:
            mark(); STACK.pop()
    setattr(owner, name, w)
wrap(tags.IncludeNode, "render_to_output", lambda self, *a: "include " + self.file_name)
wrap(renderer.LiquidRenderer, "render_layout", lambda self, layout, **k: "layout " + layout.rel)
wrap(jekyll_site, "links_and_ids", lambda *a: "links_and_ids")
wrap(origins.Origins, "locate", lambda *a: "Origins.locate")
render_page = jekyll_site.JekyllRenderer.render
def page(self, parsed):
    PAGES[0] += 1
    return render_page(self, parsed)
jekyll_site.JekyllRenderer.render = page
wrap(jekyll_site.JekyllRenderer, "render", lambda *a: "page (the rest)")
render_stage = stages.render
def stage(*a, **k):
    ON[0] = True
    try:
        return render_stage(*a, **k)
    finally:
        mark(); ON[0] = False
stages.render = stage
STACK[-1] = "render stage (the rest)"
cli.main(["build", "--no-cache", "--source", src, "--out", out])
with open(labels_file, "w") as f:
    f.write("\n".join(LABELS))
'''


def main() -> int:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    work = Path(tempfile.mkdtemp(prefix="bench-render-split-"))
    try:
        src = site_copy(sys.argv[1], work)
        args = [PY, "-c", DRIVER, str(src), str(work / "out"), str(work / "labels")]
        subprocess.run(args, env=ENV, cwd=work, capture_output=True)  # bytecode and kept files
        shutil.rmtree(work / "out", ignore_errors=True)
        subprocess.run(["valgrind", "--tool=callgrind", "--dump-before=getppid", "--dump-instr=no",
                        f"--callgrind-out-file={work}/cg.out", *args], env=ENV, cwd=work, capture_output=True)
        labels = (work / "labels").read_text().split("\n")
        counts = dump_totals(work)
        split: collections.Counter = collections.Counter()
        for index, label in enumerate(labels):  # dump i: the stretch that ended at mark i, under labels[i]
            if 0 < index < len(counts):
                split[label] += counts[index][1]
        for label, total in split.most_common():
            print(f"{label:48} {total / 1e6:9.2f}M")
        print(f"{'render stage':48} {sum(split.values()) / 1e6:9.2f}M")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
