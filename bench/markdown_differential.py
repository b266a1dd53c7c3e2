"""Differential test of the markdown stage against real Jekyll: every document of a corpus becomes a
page of one Jekyll site (a bare layout, Liquid off, Jekyll's default kramdown options), the site is
built by Jekyll 4.3.1 and by specsite, and each page's HTML is compared after tests/htmlnorm.py's
normalising. Differing pages are listed with their first differing lines.

  markdown_differential.py collect-local CORPUS     # copy this machine's markdown files (gem, npm,
                                                    # node, Debian docs, ...) into CORPUS/docs
  markdown_differential.py run CORPUS [--work DIR] [--only NAME,...] [--show N] [--report FILE]
                                    [--checkout DIR]  # specsite from another checkout (main: before)

CORPUS holds docs/NAME.md (the documents, front matter removed) and MANIFEST.tsv (NAME, where it
came from). /work/corpora/mdx4 (1,014 documents): l* from collect-local (npm, Node.js, Debian, gem,
pyenv docs and the six real sites' pages), k* kramdown's own test cases and doc/quickref.page,
j*/p* pages and posts of public Jekyll sites (added by hand, some shortened: see MANIFEST). Jekyll's build is kept in WORK/jekyll with a stamp of the corpus and reused while the
corpus is unchanged; specsite (this checkout, `python3 -m specsite` from it) builds anew each run.
Jekyll is run from / (Bundler stays out). Exit 1 when a page differs.
"""
from __future__ import annotations

import argparse
import difflib
import gzip
import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(HERE / "tests"))
from htmlnorm import normalised  # noqa: E402
from lxml.etree import ParserError  # noqa: E402

FRONT = "---\nlayout: bare\nrender_with_liquid: false\n---\n"
CONFIG = "title: markdown differential\nmarkdown: kramdown\n"
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?^(?:---|\.\.\.)[ \t]*\r?\n", re.S | re.M)
LOCAL_ROOTS = ("/usr/lib/node_modules", "/usr/share/doc", "/usr/lib/google-cloud-sdk", "/usr/lib/jvm",
               "/usr/lib/ruby", "/usr/share/rubygems-integration", "/var/lib/gems", "/root/.pyenv",
               "/root/.rustup", "/farm/in/shared/realsites")
SUFFIXES = (".md", ".markdown", ".mkd", ".md.gz", ".markdown.gz")


def body_of(text: str) -> str:
    """A document's markdown without its own front matter (this harness writes its own)."""
    return FRONT_MATTER.sub("", text, count=1)


def collect_local(corpus: Path) -> None:
    """Copies each distinct markdown file under LOCAL_ROOTS (by content) that is UTF-8 and at most
    300 kB; names are l0001... in path order, appended after the corpus' existing documents."""
    docs = corpus / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    manifest = corpus / "MANIFEST.tsv"
    seen = {hashlib.sha1((docs / f"{n}.md").read_bytes()).hexdigest()
            for n, _ in read_manifest(corpus) if (docs / f"{n}.md").exists()}
    rows = []
    for root in LOCAL_ROOTS:
        for path in sorted(Path(root).rglob("*")) if Path(root).is_dir() else []:
            if not path.name.endswith(SUFFIXES) or not path.is_file() or path.stat().st_size > 300_000:
                continue
            raw = gzip.decompress(path.read_bytes()) if path.name.endswith(".gz") else path.read_bytes()
            try:
                text = body_of(raw.decode("utf-8"))
            except UnicodeDecodeError:
                continue
            digest = hashlib.sha1(text.encode()).hexdigest()
            if text.strip() and digest not in seen:
                seen.add(digest)
                rows.append((path, text))
    start = sum(1 for n, _ in read_manifest(corpus) if n.startswith("l"))
    with manifest.open("a", encoding="utf-8") as out:
        for number, (path, text) in enumerate(rows, start + 1):
            name = f"l{number:04d}"
            (docs / f"{name}.md").write_text(text, encoding="utf-8")
            out.write(f"{name}\t{path}\n")
    print(f"{len(rows)} documents added to {docs}")


def read_manifest(corpus: Path) -> list[tuple[str, str]]:
    path = corpus / "MANIFEST.tsv"
    if not path.exists():
        return []
    return [tuple(line.split("\t", 1)) for line in path.read_text(encoding="utf-8").splitlines() if "\t" in line]


def make_site(corpus: Path, src: Path, only: set | None) -> str:
    """The Jekyll site of the corpus (pages at the root); returns a stamp of its content."""
    shutil.rmtree(src, ignore_errors=True)
    (src / "_layouts").mkdir(parents=True)
    (src / "_config.yml").write_text(CONFIG)
    (src / "_layouts" / "bare.html").write_text("{{ content }}\n")
    stamp = hashlib.sha1(CONFIG.encode())
    for doc in sorted((corpus / "docs").glob("*.md")):
        if only and doc.stem not in only:
            continue
        raw = FRONT.encode() + doc.read_bytes()  # (bytes: a document's CRLF line ends stay as written)
        (src / doc.name).write_bytes(raw)
        stamp.update(doc.name.encode() + raw)
    return stamp.hexdigest()


def build_jekyll(src: Path, out: Path, stamp: str) -> None:
    if (out / ".stamp").exists() and (out / ".stamp").read_text() == stamp:
        return
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run(["jekyll", "build", "-s", str(src), "-d", str(out)], cwd="/", check=True,
                   stdout=subprocess.DEVNULL)
    (out / ".stamp").write_text(stamp)


def build_specsite(src: Path, out: Path, checkout: Path) -> None:
    shutil.rmtree(out, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "specsite", "build", "--no-cache", "--source", str(src),
                    "--out", str(out)], cwd=checkout, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def canonical(html: str) -> str:
    """htmlnorm's form; a page lxml finds no element in (empty, or comments only) as it is."""
    try:
        return normalised(html)
    except ParserError:
        return html.strip()


def first_difference(theirs: str, ours: str, context: int = 2) -> str:
    lines = list(difflib.unified_diff(theirs.splitlines(), ours.splitlines(), "jekyll", "specsite",
                                      n=context, lineterm=""))
    hunk_ends = [i for i, line in enumerate(lines) if line.startswith("@@")]
    end = hunk_ends[1] if len(hunk_ends) > 1 else len(lines)
    return "\n".join(line[:300] for line in lines[2:end][:16])


def run(corpus: Path, work: Path, only: set | None, show: int, report: Path | None, checkout: Path = HERE) -> int:
    src, jekyll_out, ours = work / "src", work / "jekyll", work / "specsite"
    stamp = make_site(corpus, src, only)
    build_jekyll(src, jekyll_out, stamp)
    build_specsite(src, ours, checkout)
    sources = dict(read_manifest(corpus))
    pages = sorted(p.name for p in jekyll_out.glob("*.html"))
    differing, lines = [], []
    for page in pages:
        theirs = canonical((jekyll_out / page).read_text(encoding="utf-8"))
        mine = ours / page
        ours_text = canonical(mine.read_text(encoding="utf-8")) if mine.exists() else "(not written)"
        if theirs != ours_text:
            name = page[:-5]
            differing.append(name)
            lines.append(f"== {name}  {sources.get(name, '?')}\n{first_difference(theirs, ours_text)}\n")
    text = "".join(lines[:show] if show else lines)
    print(text, end="")
    print(f"{len(pages)} pages, {len(differing)} differ: {' '.join(differing)}")
    if report:
        report.write_text("".join(lines) + f"{len(pages)} pages, {len(differing)} differ\n", encoding="utf-8")
    return 1 if differing else 0


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["collect-local", "run"])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--work", type=Path, default=Path("/tmp/markdown-differential"))
    parser.add_argument("--only", help="comma-separated document names")
    parser.add_argument("--show", type=int, default=0, help="list at most N differing pages (0: all)")
    parser.add_argument("--report", type=Path)
    parser.add_argument("--checkout", type=Path, default=HERE, help="the specsite checkout to build with (this one)")
    args = parser.parse_args(argv)
    if args.command == "collect-local":
        collect_local(args.corpus)
        return 0
    only = set(args.only.split(",")) if args.only else None
    work = args.work / "only" if only else args.work
    return run(args.corpus, work, only, args.show, args.report, args.checkout.resolve())


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
