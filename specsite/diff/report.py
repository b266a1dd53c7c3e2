"""The diff as text, markdown (a pull-request comment) or JSON."""
from __future__ import annotations

import html as html_lib
import json
import re

from ..wording import plural
from . import FORMATS
from .model import SiteDiff

# -- reports --------------------------------------------------------------------------------------


def render(diff: SiteDiff, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(diff.as_dict(), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return render_markdown(diff)
    if fmt == "text":
        return render_text(diff)
    raise ValueError(f"unknown format {fmt!r}; choose one of: {', '.join(FORMATS)}")


def _loc(file: str, line, column=None) -> str:
    loc = file or "<site>"
    if line:
        loc += f":{line}"
        if column:
            loc += f":{column}"
    return loc


def _finding_line(f: dict) -> str:
    text = f"{_loc(f['file'], f['line'], f['column'])}: {f['severity']}[{f['rule']}]: {f['message']}"
    return text + (f" {f['hint']}" if f["hint"] else "")


def summary_line(diff: SiteDiff) -> str:
    s = diff.summary()
    parts = [plural(s["broken_links"], "broken link"),
             f"{plural(s['new_findings'], 'other new finding')} ({plural(s['new_errors'], 'error')})",
             f"{s['fixed_findings']} fixed"]
    pages = [f"{s[k]} {k[6:]}" for k in ("pages_added", "pages_removed", "pages_renamed", "pages_retitled",
                                         "pages_changed") if s[k]]
    anchors = [f"{s[k]} {k[8:]}" for k in ("anchors_added", "anchors_removed", "anchors_renamed") if s[k]]
    return (f"{'FAIL' if diff.failed else 'OK'}: " + ", ".join(parts)
            + (f"; pages: {', '.join(pages)}" if pages else "; no page changes")
            + (f"; anchors: {', '.join(anchors)}" if anchors else ""))


def render_text(diff: SiteDiff) -> str:
    out = [f"specsite diff: {diff.base['label']} -> {diff.head['label']}", ""]
    if diff.pages_added or diff.pages_removed or diff.pages_renamed or diff.pages_retitled:
        out.append("Pages:")
        out += [f"  + {p.url}  {p.title!r}  ({p.file})" for p in diff.pages_added]
        out += [f"  - {p.url}  {p.title!r}  ({p.file})" for p in diff.pages_removed]
        out += [f"  > {r.old_url} -> {r.url}  ({r.file}; {r.reason})" for r in diff.pages_renamed]
        out += [f"  ~ {r.url}  title {r.old_title!r} -> {r.title!r}  ({r.file})" for r in diff.pages_retitled]
        out.append("")
    if diff.anchors:
        out.append("Anchors:")
        for page in diff.anchors:
            out.append(f"  {page.url}  ({page.file})")
            for a in page.renamed:
                out.append(f"    #{a.old_id} -> #{a.id}  ({a.old_text or a.old_id!r} -> {a.text or a.id!r}, "
                           f"line {a.line or '?'})")
            for a in page.removed:
                out.append(f"    #{a.id} removed" + (f", now at {a.moved_to}" if a.moved_to else ""))
            for a in page.added:
                out.append(f"    #{a.id} added" + (f" ({a.text!r}, line {a.line or '?'})" if a.text else "")
                           + (f", moved from {a.moved_from}" if a.moved_from else ""))
        out.append("")
    if diff.broken_links:
        out.append(f"Links broken by this change ({len(diff.broken_links)}):")
        for b in diff.broken_links:
            line = f"  {_loc(b.file, b.line, b.column)}: {b.target}: {b.message}"
            out.append(line + (f" -> use '{b.suggestion}'" if b.suggestion else ""))
        out.append("")
    for title, items in (("New findings", diff.new_findings), ("Fixed findings", diff.fixed_findings)):
        if items:
            out.append(f"{title} ({len(items)}):")
            out += ["  " + _finding_line(f) for f in items]
            out.append("")
    if diff.pages_changed:
        out.append(f"Page text ({plural(len(diff.pages_changed), 'page')} changed):")
        for change in diff.pages_changed:
            out += change.diff
            if change.omitted:
                out.append(f"... {plural(change.omitted, 'more line')}")
            out.append("")
    out.append(summary_line(diff))
    return "\n".join(out) + "\n"


def _code(text: str) -> str:
    text = str(text).replace("\n", " ")
    ticks = "``" if "`" in text else "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _md(text: str) -> str:
    return re.sub(r"([\\`*_{}\[\]<>|#])", r"\\\1", str(text))


def render_markdown(diff: SiteDiff) -> str:
    s = diff.summary()
    out = [f"## specsite diff: {_code(diff.base['label'])} → {_code(diff.head['label'])}", ""]
    if diff.broken_links:
        out.append(f"❌ **This change breaks {plural(len(diff.broken_links), 'link')}.**")
    elif diff.new_errors:
        out.append(f"❌ **This change brings {plural(diff.new_errors, 'new error')}.**")
    else:
        out.append("✅ **No links broken.**")
    out += ["", "| | |", "|---|--:|"]
    for key, label in (("pages_added", "Pages added"), ("pages_removed", "Pages removed"),
                       ("pages_renamed", "Pages renamed"), ("pages_retitled", "Pages retitled"),
                       ("pages_changed", "Pages changed"), ("anchors_renamed", "Anchors renamed"),
                       ("anchors_removed", "Anchors removed"), ("anchors_added", "Anchors added"),
                       ("broken_links", "Links broken"),
                       ("new_findings", "Other new findings"), ("fixed_findings", "Findings fixed")):
        out.append(f"| {label} | {s[key]} |")
    out.append("")
    if diff.broken_links:
        out += ["### Links broken by this change", "", "| Source | Target | Problem | Use instead |",
                "|---|---|---|---|"]
        for b in diff.broken_links:
            out.append(f"| {_cell(_code(_loc(b.file, b.line, b.column)))} | {_cell(_code(b.target))} | "
                       f"{_cell(_md(b.message))} | {_cell(_code(b.suggestion)) if b.suggestion else ''} |")
        out.append("")
    if diff.pages_added or diff.pages_removed or diff.pages_renamed or diff.pages_retitled:
        out += ["### Pages", ""]
        out += [f"- **Added** {_code(p.url)} — {_md(p.title)} ({_code(p.file)})" for p in diff.pages_added]
        out += [f"- **Removed** {_code(p.url)} — {_md(p.title)} ({_code(p.file)})" for p in diff.pages_removed]
        out += [f"- **Renamed** {_code(r.old_url)} → {_code(r.url)} ({_code(r.file)}, {r.reason})"
                for r in diff.pages_renamed]
        out += [f"- **Retitled** {_code(r.url)}: {_md(r.old_title)} → {_md(r.title)}" for r in diff.pages_retitled]
        out.append("")
    if diff.anchors:
        out += ["### Anchors", "", "| Page | Anchor | Now |", "|---|---|---|"]
        for page in diff.anchors:
            for a in page.renamed:
                out.append(f"| {_cell(_code(page.url))} | {_cell(_code('#' + a.old_id))} | "
                           f"{_cell(_code('#' + a.id))} (renamed) |")
            for a in page.removed:
                now = f"{_cell(_code(a.moved_to))} (moved)" if a.moved_to else "removed"
                out.append(f"| {_cell(_code(page.url))} | {_cell(_code('#' + a.id))} | {now} |")
            for a in page.added:
                now = f"added (moved from {_cell(_code(a.moved_from))})" if a.moved_from else "added"
                out.append(f"| {_cell(_code(page.url))} | {_cell(_code('#' + a.id))} | {now} |")
        out.append("")
    for title, items in (("New findings", diff.new_findings), ("Fixed findings", diff.fixed_findings)):
        if items:
            out += [f"### {title}", ""]
            out += [f"- {_code(_loc(f['file'], f['line'], f['column']))} **{f['severity']}** "
                    f"{_code(f['rule'])}: {_md(f['message'])}" for f in items]
            out.append("")
    if diff.pages_changed:
        out += ["### Page text changes", ""]
        for change in diff.pages_changed:
            body = "\n".join(change.diff)
            fence = "```"
            while fence in body:
                fence += "`"
            name = change.url if change.url == change.old_url else f"{change.old_url} → {change.url}"
            out += ["<details>", f"<summary><code>{html_lib.escape(name)}</code> "
                    f"(+{change.lines_added} −{change.lines_removed})</summary>", "", fence + "diff", body, fence]
            if change.omitted:
                out.append(f"\n… {plural(change.omitted, 'more line')}")
            out += ["", "</details>", ""]
    out.append(f"<sub>{_md(summary_line(diff))}</sub>")
    return "\n".join(out) + "\n"
