#!/usr/bin/env python3
"""Entry point: `python build_site.py [build|check|release|serve|diff] ...` (same CLI as `specsite`)."""
import sys

from specsite.cli import main

if __name__ == "__main__":
    sys.exit(main())
