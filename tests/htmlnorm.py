"""A page's HTML in a canonical form (what a reader and a link checker see), to compare specsite's
output with Jekyll's: comments dropped, whitespace collapsed, attributes sorted, a <pre> by its text."""
from __future__ import annotations

from pathlib import Path

import lxml.html


def normalised(html: str) -> str:
    doc = lxml.html.document_fromstring(html.encode("utf-8"))
    out: list[str] = []

    def walk(el):
        if not isinstance(el.tag, str):
            return
        attrs = " ".join(f'{k}="{" ".join(v.split())}"' for k, v in sorted(el.attrib.items()))
        out.append(f"<{el.tag}{' ' + attrs if attrs else ''}>")
        if el.tag == "pre":
            out.append(" ".join(el.text_content().split()))
            out.append("</pre>")
            return
        if " ".join((el.text or "").split()):
            out.append(" ".join(el.text.split()))
        for child in el:
            walk(child)
            if " ".join((child.tail or "").split()):
                out.append(" ".join(child.tail.split()))
        out.append(f"</{el.tag}>")

    walk(doc)
    return "\n".join(out)


def html_files(root: Path) -> dict[str, str]:
    """{relative path: text} of every .html file under root, `_expected/`-style folders excluded."""
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(root.rglob("*.html")) if not p.relative_to(root).as_posix().startswith("_")}


def assert_jekyll_builds_expected(site: Path, tmp_path: Path, *, exact: bool = False) -> Path:
    """The committed `site/_expected/` is what this machine's Jekyll writes (it is not stale):
    `site` is built by real Jekyll (run from / so that Bundler stays out) and compared page by page,
    normalised, or byte for byte when `exact` (the fixtures whose bytes specsite must match).
    Returns Jekyll's output folder, for a caller that checks more of it."""
    import shutil

    from conftest import jekyll_build
    src = tmp_path / "src"
    shutil.copytree(site, src, ignore=shutil.ignore_patterns("_expected", ".jekyll-cache", ".specsite-cache"))
    out = tmp_path / "jekyll"
    jekyll_build(src, out)
    theirs, expected = html_files(out), html_files(site / "_expected")
    assert sorted(theirs) == sorted(expected)
    for path, html in expected.items():
        assert (theirs[path] == html) if exact else (normalised(theirs[path]) == normalised(html)), path
    return out
