"""`jekyll`: Jekyll's JekyllDrop is a Liquid::Drop, not one of Jekyll's Enumerable drops nor a
Hash: `version` and `environment` to look up, nothing to loop over (`{% for k in jekyll %}`
renders its else), no size, its class's name as to_s and inspect, and to_json its to_h."""
from __future__ import annotations

import os


class JekyllDrop:
    """Liquid::Drop#invoke_drop: a key it has no method for is nil; the filters see one object."""

    __slots__ = ("environment",)

    def __init__(self, environment: str):
        self.environment = environment

    @classmethod
    def from_environment(cls) -> JekyllDrop:
        """JEKYLL_ENV, as `jekyll build` reads it (development when unset)."""
        return cls(os.environ.get("JEKYLL_ENV") or "development")

    def __getitem__(self, key):
        if key == "version":
            return "4.3.1"
        if key == "environment":
            return self.environment
        raise KeyError(key)

    def __str__(self) -> str:
        return "Jekyll::Drops::JekyllDrop"

    def ruby_size(self) -> int:
        return 0

    def json_hash(self, collapse: bool = False) -> dict:
        """JekyllDrop#to_json: to_h, `version` first."""
        return {"version": "4.3.1", "environment": self.environment}
