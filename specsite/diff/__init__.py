"""`diff BASE [HEAD]`: what a change does to the built site, for a reviewer.

BASE and HEAD are two source folders, or git revisions of the repository that holds
`--source` (HEAD defaults to the working tree, i.e. `--source` itself). Both sides are built in
memory, then compared:

* pages added, removed, renamed (same source file with another permalink, or the same
  title/text at another url) and retitled (same url, other title);
* anchors that disappeared from a page, paired with the anchor that most likely replaced them
  (heading text similarity, then position between the anchors both sides share);
* links that the change breaks: every link of HEAD (pages, release entries, sidebars, top
  navigation) whose target resolves in BASE but not in HEAD, with the likely new target;
* checker findings that are new in HEAD, and findings that HEAD fixed, compared by
  (rule, file, target, message) since lines move;
* the text of every changed page, as a unified diff of one block element per line.

Exit codes: 0 nothing broken; 1 the change breaks links or brings new error findings;
2 usage error (unknown revision, not a git repository, unreadable configuration).

Modules: model (the data), revisions (a git revision or folder, built in memory), text (a page's
text, one block per line), compare, report (text, markdown, JSON), command (the flow).
This file holds only constants, so that the CLI declares `diff`'s arguments without loading the rest.
"""

FORMATS = ("text", "markdown", "json")
MAX_DIFF_LINES = 60  # per page, --max-diff-lines
