"""`python -m specsite …`: the same command line as the installed `specsite` script."""
import sys

from specsite.cli import main

if __name__ == "__main__":
    sys.exit(main())
