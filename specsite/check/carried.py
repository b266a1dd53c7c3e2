"""A finding of a line that many pages carry (a layout's, include's or data file's link): its
message names how many pages and the first few, its `carried_by` field keeps them all.

Kept apart from the checker (internal.py imports the page model): the text report groups by
the field after `check` answered from stored findings, without loading any stage.
"""
from __future__ import annotations

import dataclasses

from ..diagnostics import Diagnostic


SHOWN = 3  # the names a message lists before `…`


def first_few(names: list) -> str:
    """`a.html, b.html, c.html, …`: the first SHOWN of `names`, and `…` when there are more."""
    return ", ".join(names[:SHOWN]) + (", …" if len(names) > SHOWN else "")


def carried_by(pages) -> str:
    """`on 12 pages: a.html, b.html, c.html, …` (or `on a.html`)."""
    pages = list(dict.fromkeys(pages))
    shown = first_few(pages)
    return f"on {len(pages)} pages: {shown}" if len(pages) > 1 else f"on {shown}"


def carried(finding: Diagnostic, pages) -> Diagnostic:
    """`finding` of a line that many pages carry: the message names how many and the first few,
    the `carried_by` field keeps them all (the text report groups by it, never by the wording)."""
    pages = tuple(dict.fromkeys(pages))
    return dataclasses.replace(finding, message=f"{finding.message} ({carried_by(pages)})", carried_by=pages)


def uncarried_message(finding: Diagnostic) -> str:
    """The message `carried` started from (its page list taken off again)."""
    suffix = f" ({carried_by(finding.carried_by)})"
    return finding.message[:-len(suffix)] if finding.carried_by and finding.message.endswith(suffix) \
        else finding.message
