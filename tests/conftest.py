"""Shared helpers: tiny sites built inline, and the repository's own paths."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from specsite import build
from specsite.config import load_config

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_site(root: Path, files: dict) -> Path:
    """Write {relative path: text} under root (text is dedented) and return root."""
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return root


def build_site(root: Path, *, write: bool = False, out: Path | None = None, **kw):
    config = load_config(root, out or root / "build", **kw)
    return build.run(config, write=write)


@pytest.fixture
def site_factory(tmp_path):
    def factory(files: dict, **kw):
        root = make_site(tmp_path / "site", files)
        return build_site(root, **kw)
    return factory
