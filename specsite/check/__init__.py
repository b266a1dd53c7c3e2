"""Checks on a built site: internal links and anchors, built HTML folders, external links."""
