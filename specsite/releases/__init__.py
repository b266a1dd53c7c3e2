"""Release notes from per-ticket entries: model, pages, validation, import."""
from __future__ import annotations


def load(config, diags):
    """Release entries under `releases/` (none until the release-notes stage lands)."""
    return []


def pages(config, releases, sources, parsed, liquid, markdown, diags):
    return []


def history(releases, config) -> dict:
    return {}
