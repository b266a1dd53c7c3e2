"""The names specsite gives what it keeps in a site's folders: constants only, so that `check` can
find its stored findings without importing the configuration stage (and YAML)."""

CACHE_DIR = ".specsite-cache"  # in the source folder: the parse cache, stored findings, link verdicts
# The marker of a folder specsite wrote: the list of its files. A build replaces the output folder
# whole, so it replaces only an empty folder or one that holds nothing but the files listed here.
MANIFEST = ".specsite-manifest"
