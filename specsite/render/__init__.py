"""Render stage: a parsed page placed in its layout — the site's own Jekyll layouts (Liquid) or
specsite's documentation theme (Jinja2) — with the ids and links of the written page recorded."""
