"""Installed Ruby gems, found as RubyGems finds them, for Jekyll's gem themes (`theme: minima`).

`gem contents NAME` or `gem env gempath` would say where a gem is, but each starts Ruby (a
second or so); the folders RubyGems searches are known, so they are listed here instead: each
holds `gems/NAME-VERSION/`, and the highest version installed is the one Jekyll loads
(Gem::Specification.find_by_name without a Gemfile).
"""
from __future__ import annotations

import glob
import os
import re
from dataclasses import dataclass
from pathlib import Path

# RubyGems' default and Debian's system gem folders, after GEM_HOME and GEM_PATH
SYSTEM_GEM_DIRS = ("/usr/share/rubygems-integration/all", "/usr/share/rubygems-integration/*", "/var/lib/gems/*",
                   "/usr/lib/ruby/gems/*", "/usr/local/lib/ruby/gems/*", "~/.gem/ruby/*",
                   "~/.local/share/gem/ruby/*")
_VERSION = re.compile(r"^\d+(?:\.[0-9A-Za-z]+)*$")  # 2.5.1, 3.0.0.pre.1 (no platform suffix)


@dataclass(frozen=True)
class GemTheme:
    """A gem theme's folders, each None when the gem has none (Jekyll's Theme#path_for)."""

    name: str
    root: Path
    layouts: Path | None
    includes: Path | None
    sass: Path | None
    assets: Path | None

    @classmethod
    def at(cls, name: str, root: Path) -> "GemTheme":
        def folder(sub: str) -> Path | None:
            path = root / sub
            return path if path.is_dir() else None
        return cls(name, root, folder("_layouts"), folder("_includes"), folder("_sass"), folder("assets"))


def gem_dirs(environ=os.environ) -> list[Path]:
    """The folders that hold `gems/`, in RubyGems' order: GEM_HOME, GEM_PATH, then the system's
    (Gem.default_path, left out when GEM_PATH is set and does not end with the separator)."""
    found: list[Path] = []
    gem_path = environ.get("GEM_PATH") or ""
    named = [environ.get("GEM_HOME") or ""] + gem_path.split(os.pathsep)
    system = SYSTEM_GEM_DIRS if not gem_path or gem_path.endswith(os.pathsep) else ()
    patterns = [p for p in named if p] + [os.path.expanduser(p) for p in system]
    for pattern in patterns:
        for folder in sorted(glob.glob(pattern)) if glob.has_magic(pattern) else [pattern]:
            path = Path(folder)
            if path not in found and (path / "gems").is_dir():
                found.append(path)
    return found


def version_key(version: str) -> tuple:
    """Gem::Version's order: numeric parts as numbers, a missing part as 0, a letter part (a
    prerelease: 3.0.0.pre) before any number."""
    parts = [(1, int(p), "") if p.isdigit() else (0, 0, p) for p in version.split(".")]
    return tuple(parts + [(1, 0, "")] * (16 - len(parts)))


def _preference(version: str) -> tuple:
    """Dependency#to_spec: the highest release; a prerelease only when there is no release."""
    return (all(p.isdigit() for p in version.split(".")), version_key(version))


def find_gem(name: str, environ=os.environ) -> Path | None:
    """The folder of the highest installed version of gem `name`, or None."""
    if not name or "/" in name or name.startswith("."):
        return None
    best: tuple | None = None
    for base in gem_dirs(environ):
        try:
            entries = os.listdir(base / "gems")
        except OSError:
            continue
        for entry in entries:
            version = entry[len(name) + 1:]
            if entry.startswith(name + "-") and _VERSION.match(version) and (base / "gems" / entry).is_dir():
                key = _preference(version)
                if best is None or key > best[0]:
                    best = (key, base / "gems" / entry)
    return best[1] if best else None


def gem_theme(site: dict, environ=os.environ) -> GemTheme | None:
    """The gem theme `theme:` of _config.yml names, when it is installed."""
    name = site.get("theme")
    if not isinstance(name, str):
        return None
    root = find_gem(name.strip(), environ)
    return GemTheme.at(name.strip(), root) if root is not None else None
