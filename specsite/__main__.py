"""`python -m specsite …`: the same command line as the installed `specsite` script."""

from specsite.cli import entry

if __name__ == "__main__":
    entry()
