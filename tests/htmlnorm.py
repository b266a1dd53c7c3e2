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
