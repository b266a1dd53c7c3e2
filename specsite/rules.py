"""The one registry of diagnostic rules: each id declared once, with its default severity, summary and fix.

The README's rule table (`python3 -m specsite.rules --write README.md`), the SARIF rule metadata
and the validation of `severity:`/`ignore:` in `_config.yml` all read this table, so a rule
that is reported but not declared here fails the test suite rather than going undocumented.
"""
from __future__ import annotations

import fnmatch
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass(frozen=True)
class Rule:
    """`configurable=False`: a build failure (the page cannot be made as written), which no
    `severity:` or `ignore:` setting can hide."""

    id: str
    severity: str
    summary: str
    fix: str
    group: str
    configurable: bool = True


_L, _X, _B, _R = "links", "external links", "build", "release notes"

RULES: dict[str, Rule] = {r.id: r for r in (
    Rule("broken-link", ERROR, "a link to a page or file that the site does not have",
         "Correct the target, or add the page it names.", _L),
    Rule("broken-anchor", ERROR, "a link to an `#anchor` that the target page does not have",
         "Correct the fragment, or give the target page that id.", _L),
    Rule("missing-image", ERROR, "an image or media file that the site does not have",
         "Add the file or correct its path.", _L),
    Rule("case-mismatch", ERROR, "a target that exists only with other letter case (breaks on the server)",
         "Write the name with the file's own letter case.", _L),
    Rule("link-escapes-site", ERROR, "a `../` path that climbs out of the site",
         "Link to a page inside the site.", _L),
    Rule("link-whitespace", INFO, "spaces around a link target (a browser drops them: the target is checked "
         "without them)", "Remove the spaces.", _L),
    Rule("empty-link", WARNING, "a link with an empty target", "Write the page or `#anchor` it should go to.", _L),
    Rule("duplicate-id", WARNING, "one id defined twice on a page (links go to the first)",
         "Give one of them another id.", _L),
    Rule("unused-data-link", WARNING,
         "a broken URL in a sidebar or topnav data file that no published page shows (latent)",
         "Correct or remove the entry before a page starts to show it.", _L),
    Rule("external-broken", ERROR,
         "with `--external`: 404, 410, 5xx, no such host, connection refused",
         "Correct the URL or remove the link.", _X),
    Rule("external-unverified", WARNING,
         "with `--external`: timed out, stayed rate-limited (429), or a host's bot wall (403)",
         "Check it by hand; it is checked again on the next run.", _X),
    Rule("config", ERROR, "`_config.yml` cannot be read or holds an invalid setting",
         "Correct the setting at the line named.", _B, configurable=False),
    Rule("internal-error", ERROR, "specsite failed on this file (a bug)",
         "Report it with the file that triggers it.", _B, configurable=False),
    Rule("read-error", ERROR, "a file cannot be read", "Check the file's permissions.", _B, configurable=False),
    Rule("unreadable-file", ERROR, "a file cannot be read", "Check the file's permissions.", _B,
         configurable=False),
    Rule("encoding", ERROR, "a text file that is not UTF-8", "Save it as UTF-8.", _B, configurable=False),
    Rule("byte-order-mark", WARNING, "a byte-order mark that Jekyll reads as part of the file (front matter "
         "not seen, a data file cut short, a CSV column renamed)", "Save the file as UTF-8 without a byte-order mark.", _B),
    Rule("front-matter", ERROR, "front matter that is not valid YAML or not a mapping",
         "Correct the YAML between the `---` lines.", _B, configurable=False),
    Rule("data-file", ERROR, "a `_data` file that cannot be parsed", "Correct the file's syntax.", _B,
         configurable=False),
    Rule("liquid-error", ERROR, "a Liquid error (an unclosed block, a bad expression)",
         "Correct the tag at the line named.", _B, configurable=False),
    Rule("missing-include", ERROR, "an `{% include %}` of a file that does not exist",
         "Create the include or correct its name.", _B, configurable=False),
    Rule("template-error", ERROR, "a layout template that cannot be rendered", "Correct the template.", _B,
         configurable=False),
    Rule("sass-error", ERROR, "a Sass file that does not compile", "Correct the Sass at the line named.", _B,
         configurable=False),
    Rule("permalink-escapes", WARNING, "a permalink whose '..' climbs out of the site (Jekyll drops it)",
         "Write the permalink without '..'.", _B),
    Rule("permalink-invalid", ERROR, "a permalink whose output path cannot be written",
         "Use letters, digits, '-', '_' and '/' in the permalink.", _B, configurable=False),
    Rule("unsafe-path", WARNING, "a file, folder or setting that leads outside the source folder (not read)",
         "Keep it inside the source, or build with --unsafe if you trust this source.", _B),
    Rule("special-file", WARNING, "a FIFO, socket or device in the source folder (never read)",
         "Remove it from the source folder.", _B),
    Rule("cache", WARNING, "a parse cache specsite will not read (not its own, or unsafe)",
         "Delete the cache folder; specsite writes a new one.", _B),
    Rule("duplicate-permalink", ERROR, "two pages written to one address",
         "Give one of them another permalink.", _B),
    Rule("output-conflict", WARNING, "two files written to one output path (the first wins, as in Jekyll)",
         "Remove or rename one of them.", _B),
    Rule("case-collision", WARNING, "two output paths that differ only in letter case",
         "Rename one of them.", _B),
    Rule("liquid-syntax", WARNING, "Liquid that Jekyll's lax parser accepts and a strict one refuses",
         "Correct the Liquid there so that a strict parser reads it too (Jekyll's lax one skips or rewrites it).", _B),
    Rule("liquid-unsupported", WARNING, "a Liquid tag or filter specsite does not know (renders as nothing)",
         "Remove it, or accept that it renders as nothing.", _B),
    Rule("jekyll-unsupported", WARNING, "a Jekyll feature specsite does not run (Ruby plugins, themes)",
         "Remove the setting or plugin, or accept what is left out.", _B),
    Rule("unknown-layout", WARNING, "a `layout:` that does not exist", "Name an existing layout.", _B),
    Rule("excerpt", WARNING, "an excerpt whose separator falls inside a Liquid block (Jekyll closes the block)",
         "Give the document an `excerpt` or an `excerpt_separator` in its front matter.", _B),
    Rule("unknown-sidebar", WARNING, "a `sidebar:` with no `_data/sidebars/` file",
         "Name an existing sidebar.", _B),
    Rule("sass-sourcemap", WARNING, "a Sass source map that would overwrite the stylesheet",
         "Remove the permalink or the source map.", _B),
    Rule("release-yaml", ERROR, "a release file whose YAML cannot be read", "Correct the YAML.", _R),
    Rule("release-schema", ERROR, "a release field missing, empty or of the wrong type",
         "Add or correct the field.", _R),
    Rule("release-unknown-key", ERROR, "an unknown key in a release file", "Correct or remove the key.", _R),
    Rule("release-missing-file", ERROR, "a release folder without `release.yml`", "Add `release.yml`.", _R),
    Rule("release-filename", ERROR, "an entry's file name that does not match its ticket",
         "Name it `<ticket>-<slug>.md`.", _R),
    Rule("release-version", ERROR, "a release version that is invalid or disagrees with the site's `version`",
         "Correct the version.", _R),
    Rule("release-date", ERROR, "a release date that is not a date", "Write `YYYY-MM-DD` or `unknown`.", _R),
    Rule("release-order", ERROR, "an `order:` that names a missing entry", "Correct the entry's name.", _R),
    Rule("release-ticket", ERROR, "a ticket that is not a number", "Write the ticket's number.", _R),
    Rule("release-duplicate-ticket", ERROR, "a ticket claimed by two entries", "Keep it in one entry.", _R),
    Rule("release-unknown-area", ERROR, "an `affects:` area not in `specsite.capabilities`",
         "Use a configured area.", _R),
    Rule("release-permalink", ERROR, "two releases, or a release and a page, at one address",
         "Give one of them another address.", _R),
    Rule("release-placeholder", WARNING, "a placeholder (`TODO`, `TBC`, `XX Mar 2019`) left in a release",
         "Write the real text.", _R),
    Rule("release-empty", WARNING, "an empty description or introduction", "Write it or remove the section.", _R),
    Rule("release-link-text", WARNING, "link text that names another page than its target",
         "Correct the text or the link.", _R),
    Rule("release-breaking", WARNING, "a description that calls its change breaking, in an entry not marked "
         "`breaking: true`", "Add `breaking: true` to the entry, or reword the description.", _R),
)}

SEVERITIES = (ERROR, WARNING, INFO)
LEVELS = SEVERITIES + ("off",)


def get(rule_id: str) -> Rule | None:
    return RULES.get(rule_id)


def severity(rule_id: str) -> str:
    """The default severity of a declared rule (an undeclared one is an error: a bug)."""
    return RULES[rule_id].severity


def matching(pattern: str) -> list[str]:
    """Declared rule ids that `pattern` (an id or a glob such as `release-*`) names."""
    if any(ch in pattern for ch in "*?["):
        return [r for r in RULES if fnmatch.fnmatchcase(r, pattern)]
    return [pattern] if pattern in RULES else []


def markdown_table() -> str:
    """The README's rule table."""
    rows = ["| rule | default | what | fix |", "|---|---|---|---|"]
    for rule in RULES.values():
        default = rule.severity + ("" if rule.configurable else " (fixed)")
        rows.append(f"| `{rule.id}` | {default} | {rule.summary} | {rule.fix} |")
    return "\n".join(rows) + "\n"


START, END = "<!-- rules:start -->", "<!-- rules:end -->"
_BLOCK = re.compile(re.escape(START) + r"\n.*?" + re.escape(END), re.S)


def readme_table(text: str) -> str | None:
    """The table between the markers in README text, or None without markers."""
    match = _BLOCK.search(text)
    return match.group(0)[len(START) + 1:-len(END)] if match else None


def main(argv=None) -> int:
    """`python3 -m specsite.rules [--write README.md]`: print the table, or rewrite it in place."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--write"] and len(argv) == 2:
        path = Path(argv[1])
        text = path.read_text(encoding="utf-8")
        if readme_table(text) is None:
            print(f"{path}: no {START} … {END} block", file=sys.stderr)
            return 1
        path.write_text(_BLOCK.sub(lambda _: f"{START}\n{markdown_table()}{END}", text), encoding="utf-8")
        return 0
    sys.stdout.write(markdown_table())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
