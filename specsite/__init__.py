"""specsite: Jekyll-style specification sites, built, checked and previewed."""

__version__ = "0.1.0"
