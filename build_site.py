#!/usr/bin/env python3
"""Entry point: `python build_site.py [build|check|release|serve|diff] ...` (same CLI as `specsite`)."""

from specsite.cli import entry

if __name__ == "__main__":
    entry()
