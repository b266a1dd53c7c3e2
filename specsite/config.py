"""SiteConfig from `_config.yml`: Jekyll's keys as Jekyll reads them, specsite's own under `specsite:`."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from . import rules
from .check.policy import normalise_level
from .diagnostics import did_you_mean
from .errors import ConfigError  # noqa: F401 - raised here, caught by the CLI
from .frontmatter import LineDict, YamlError, load_yaml
from .yamlpsych import bom_as_column
from .kramdown_options import ALL_LEVELS, DEFAULT_QUOTES, KramdownExtras, extras, smart_quotes, toc_levels
from .names import CACHE_DIR  # noqa: F401 - where every stage finds it
from .safety import refusal

CONFIG_NAMES = ("_config.yml", "_config.yaml")

# specsite's own options: name -> (types, default). Unknown names are rejected.
OPTIONS = {
    "spec_name": (str, None),
    "tickets_url": (str, None),
    "capabilities": (list, []),
    "release_notes": (dict, {}),
    "severity": (dict, {}),
    "ignore": (list, []),
    "sidebar_default": (str, None),
    "footer": (str, None),
    "external": (dict, {}),
}
RELEASE_OPTIONS = {
    "permalink": "overview_release_notes_{major}_{minor}_{patch}.html",
    "index_permalink": "overview_release_notes.html",
    "tickets_permalink": "overview_release_tickets.html",
    "sidebar": "overview_sidebar",
    "sidebar_folder": "Release notes",
    "group_by_area": False,
}




IGNORE_KEYS = ("target", "file", "rule", "reason")
TYPE_ALIASES = {"page": "pages", "post": "posts", "draft": "drafts"}  # Jekyll's deprecated names


@dataclass(frozen=True)
class Default:
    """One `defaults:` entry: front matter values for pages whose path starts with `path`."""

    path: str
    type: str | None
    values: dict

    def applies(self, rel_path: str, kind: str, collections_dir: str, source) -> bool:
        """FrontmatterDefaults#applies?: the type, then the path: a folder of the file's relative
        path (a document's relative to the collections_dir, which a scope path may name or not),
        tested as a plain string prefix as Jekyll 4.3 does (path_is_subpath?: start_with?), so
        "pages/b" covers pages/bb/ and pages/bx.md too; a path led by "/" matches nothing; a
        path with "*" is a glob (glob_scope): the files and folders it finds in the `source`
        folder, each a prefix as above (`docs/*/` covers every file under docs/x/)."""
        if self.type and self.type != kind:
            return False
        if not self.path:
            return True
        scope = self.path
        if collections_dir and scope.startswith(collections_dir + "/"):  # (strip_collections_dir)
            scope = scope[len(collections_dir) + 1:]
        if "*" in scope:
            return rel_path.startswith(_glob_scope(str(source), self.path, collections_dir))
        return rel_path.startswith(scope)  # (a relative path never starts with "/")

    def outranks(self, other: Default | None) -> bool:
        """Whether this entry's values win over `other`'s (FrontmatterDefaults#has_precedence?):
        the longer path as written (a leading "/" not counted), then an entry with a type, then
        the later entry unless only `other` has a type."""
        if other is None:
            return True
        mine, theirs = len(self.path.removeprefix("/")), len(other.path.removeprefix("/"))
        if mine != theirs:
            return mine > theirs
        return self.type is not None or other.type is None


_GLOBS: dict = {}  # (source, scope path, collections_dir) -> what the glob finds, for one build


def reset_default_globs() -> None:
    """A new build globs the defaults' scope paths again (FrontmatterDefaults#reset)."""
    _GLOBS.clear()


def _glob_scope(source: str, scope: str, collections_dir: str) -> tuple:
    """FrontmatterDefaults#glob_scope: Dir.glob of the scope path in the source folder (`*` stays
    inside one folder, `**/` crosses them; no dotfiles), each found path relative to the source
    (no trailing "/"), the collections_dir stripped."""
    key = (source, scope, collections_dir)
    found = _GLOBS.get(key)
    if found is None:
        import glob
        import os
        paths = []
        patterns = [] if scope.startswith("/") else _braces(scope)  # (Pathname#join of an absolute path: the disk's root)
        for pattern in dict.fromkeys(patterns):
            for hit in glob.glob(os.path.join(glob.escape(source), pattern), recursive=True):
                rel = os.path.relpath(hit, source).replace(os.sep, "/")
                if collections_dir and rel.startswith(collections_dir + "/"):
                    rel = rel[len(collections_dir) + 1:]
                paths.append(rel)
        found = _GLOBS[key] = tuple(paths)
    return found


def _braces(pattern: str) -> list:
    """Dir.glob's brace expansion: `{a,b}/*` is `a/*` and `b/*` (nested braces too; Python's
    glob has none)."""
    depth, start = 0, -1
    for i, ch in enumerate(pattern):
        if ch == "{":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "}" and depth:
            depth -= 1
            if depth == 0:
                head, body, tail = pattern[:start], pattern[start + 1:i], pattern[i + 1:]
                options, level, part = [], 0, ""
                for c in body:
                    if c == "," and level == 0:
                        options.append(part)
                        part = ""
                        continue
                    level += (c == "{") - (c == "}")
                    part += c
                options.append(part)
                return [whole for option in options for whole in _braces(head + option + tail)]
    return [pattern]


def deep_merge(base: dict, over: dict, keep_on_nil: bool = True) -> dict:
    """Utils.deep_merge_hashes: `over` wins, nested mappings are merged, and a nil in `over`
    leaves the value it would replace (merge_values: `if new_val.nil? then old_val`): a
    document's `layout: null` keeps its default layout. `keep_on_nil=False`: the nil wins."""
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value, keep_on_nil)
        elif value is not None or not keep_on_nil or key not in merged:
            merged[key] = value
    return merged


def fold_defaults(matched, keep_on_nil: bool) -> dict:
    """The values of the `defaults:` entries that cover a file, each merged over those before it
    when it outranks the winner so far, else under them (FrontmatterDefaults: #all keeps a value
    a nil would replace, `keep_on_nil`; #find's more specific nil wins)."""
    values: dict = {}
    winner = None
    for default in matched:
        if default.outranks(winner):
            values = deep_merge(values, default.values, keep_on_nil)
            winner = default
        else:
            values = deep_merge(default.values, values, keep_on_nil)
    return values


@dataclass(frozen=True)
class SiteConfig:
    """What the config stage settles: folders, `_config.yml` and the options every later stage reads."""
    source: Path
    out: Path
    site: dict  # every key of _config.yml, exposed to templates as `site.*`
    config_file: str | None = None
    defaults: tuple = ()
    exclude: tuple = ()
    include: tuple = ()
    hard_wrap: bool = False
    auto_ids: bool = True
    auto_id_prefix: str = ""
    toc_levels: tuple = ALL_LEVELS  # kramdown toc_levels: the heading levels a {:toc} lists
    smart_quotes: tuple = DEFAULT_QUOTES  # kramdown smart_quotes: the four quotes it writes
    kramdown_extras: KramdownExtras = KramdownExtras()  # parse_block_html, footnote options, ...
    permalink_style: str = "date"
    options: dict = field(default_factory=dict)
    drafts: bool = False
    theme: str | None = None  # "specsite": render a Jekyll site in our theme instead of its layouts
    key_lines: dict = field(default_factory=dict)  # _config.yml key -> line
    unsafe: bool = False  # --unsafe: symlinks and *_dir settings may lead outside the source

    @property
    def title(self) -> str:
        return str(self.site.get("title") or "Specification")

    @property
    def baseurl(self) -> str:
        return str(self.site.get("baseurl") or "").rstrip("/")

    @property
    def version(self) -> str | None:
        version = self.site.get("version")
        return None if version is None else str(version)

    @property
    def spec_name(self) -> str:
        return self.options.get("spec_name") or self.title

    @property
    def release(self) -> dict:
        return {**RELEASE_OPTIONS, **(self.options.get("release_notes") or {})}

    def front_matter_defaults(self, rel_path: str, kind: str = "pages", find: bool | None = None) -> dict:
        """The `defaults:` values for a file: every matching entry, the more specific winning
        (FrontmatterDefaults#all, whose merge keeps a value a nil would replace). A page asks
        #find for each key its front matter lacks, where the more specific entry's nil wins
        (`find`: by default for pages)."""
        return fold_defaults(self.matching_defaults(rel_path, kind), not (kind == "pages" if find is None else find))

    def matching_defaults(self, rel_path: str, kind: str = "pages") -> list:
        """The `defaults:` entries whose scope covers a file, in the configuration's order: found
        once for a page, whose data and Liquid view fold them two ways (fold_defaults)."""
        if not self.defaults:
            return []
        coll = self.collections_dir
        if coll and kind not in ("pages", "") and rel_path.startswith(coll + "/"):
            rel_path = rel_path[len(coll) + 1:]  # (Document#relative_path: from the collections_dir)
        source = self.source
        return [d for d in self.defaults if d.applies(rel_path, kind, coll, source)]

    @property
    def collections(self) -> dict:
        """`collections:` as {label: metadata}, posts included (always written)."""
        raw = self.site.get("collections")
        if isinstance(raw, (list, tuple)):
            raw = {str(name): {} for name in raw}
        found = {str(k): dict(v) if isinstance(v, dict) else {} for k, v in (raw or {}).items()} \
            if isinstance(raw, dict) else {}
        posts = found.pop("posts", {})
        posts["output"] = True
        return {"posts": posts, **found}  # posts first, as Jekyll merges them in

    def liquid_data(self, rel_path: str, data: dict) -> dict:
        """A page's data as its `page` shows it in Liquid (Convertible#to_liquid, a
        PageWithoutAFile's too): `data` deep-merged into every matching default, a nil keeping the
        default (FrontmatterDefaults#all)."""
        return deep_merge(self.front_matter_defaults(rel_path, "pages", find=False), data) if self.defaults else data

    @property
    def collections_dir(self) -> str:
        return str(self.site.get("collections_dir") or "").strip("/")


def load_config(source: Path, out: Path, *, drafts: bool = False, theme: str | None = None,
                unsafe: bool = False, yaml=None) -> SiteConfig:
    """Read and validate the site configuration; raises ConfigError. `yaml`: a yaml_memo.YamlMemo
    (a cached build's), or None."""
    source = source.resolve()
    path, raw = _read(source, unsafe, yaml)
    if not isinstance(raw, dict):
        raise ConfigError(path or "_config.yml", 1, "the configuration must be a mapping of keys to values")
    _validate(raw, path or "_config.yml")
    kramdown = raw.get("kramdown") or {}
    options = _options(raw.get("specsite") or LineDict(), path)
    return SiteConfig(
        source=source,
        out=out.resolve(),
        site=dict(raw),
        config_file=path,
        defaults=tuple(_defaults(raw.get("defaults") or [], path)),
        exclude=_patterns(raw.get("exclude")),
        include=_patterns(raw.get("include", [".htaccess"])),
        hard_wrap=bool(kramdown.get("hard_wrap", False)) if isinstance(kramdown, dict) else False,
        auto_id_prefix=str(kramdown.get("auto_id_prefix") or "") if isinstance(kramdown, dict) else "",
        auto_ids=kramdown.get("auto_ids", True) is not False if isinstance(kramdown, dict) else True,
        toc_levels=toc_levels(kramdown, path),
        smart_quotes=smart_quotes(kramdown, path),
        kramdown_extras=extras(kramdown, path, raw.get("highlighter")),
        permalink_style=str(raw.get("permalink") or "date"),
        options=options,
        drafts=drafts,
        theme=theme,
        key_lines=dict(getattr(raw, "key_lines", {})),
        unsafe=unsafe,
    )


def _validate(raw: dict, path: str) -> None:
    """Jekyll's Configuration#validate: `plugins:`, `include:` and `exclude:` given but not a list
    (a string, or empty: nil) stop the build (InvalidConfigurationError). An old `plugins: ./_plugins`
    meant the folder, which is `plugins_dir:` now. Site#render aborts on any Ruby-truthy
    `relative_permalinks:` (removed in Jekyll 3.0)."""
    lines = getattr(raw, "key_lines", {})
    if raw.get("relative_permalinks") not in (None, False):
        raise ConfigError(path, lines.get("relative_permalinks"), "'relative_permalinks' was removed in Jekyll "
                          "3.0: permalinks of pages in subfolders are relative to the site source; Jekyll stops "
                          "here", "Remove 'relative_permalinks:' (or set it to false).")
    for key in ("plugins", "include", "exclude"):
        if key in raw and not isinstance(raw[key], list):
            value = raw[key]
            hint = ("Use 'plugins_dir:' for the folder of Ruby plugins; 'plugins:' lists gem names."
                    if key == "plugins" and isinstance(value, str) else f"Write it as a list: {key}: [ ... ].")
            raise ConfigError(path, lines.get(key), f"'{key}' should be set as a list (an array), but is "
                              f"{'empty' if value is None else repr(value)}; Jekyll stops here", hint)


def _patterns(value) -> tuple:
    """`exclude:`/`include:` entries; a single string is one entry."""
    if value is None:
        return ()
    if not isinstance(value, list):  # a single entry (a date or a number is one too)
        value = [value]
    return tuple(str(x) for x in value if x is not None)


def _read(source: Path, unsafe: bool = False, yaml=None):
    for name in CONFIG_NAMES:
        file = source / name
        why = refusal(file, source, unsafe)
        if why is not None:
            raise ConfigError(name, None, f"the configuration file {why}",
                              "Commit the file itself, or build with --unsafe if you trust this source.")
        if file.is_file():
            try:
                data = (yaml.load if yaml is not None else load_yaml)(bom_as_column(file.read_text(encoding="utf-8")))
            except YamlError as err:
                raise ConfigError(name, err.line, err.message, column=err.column) from None
            except UnicodeDecodeError:
                raise ConfigError(name, None, "the file is not UTF-8 text", "Save it as UTF-8.") from None
            except OSError as err:
                raise ConfigError(name, None, f"cannot read the file: {err.strerror}") from None
            return name, data if data is not None else LineDict()
    return None, LineDict()


def _defaults(entries, path):
    """FrontmatterDefaults#valid_sets: a `defaults:` that is no list gives none, an entry that is no
    mapping with `values:` a mapping is left out (ignored_defaults words both); a scope that is no
    mapping stops Jekyll (update_deprecated_types: `key?` on it)."""
    for entry in entries if isinstance(entries, list) else ():
        line = getattr(entry, "line", None)
        if not isinstance(entry, dict) or not isinstance(entry.get("values"), dict):
            continue
        scope = entry.get("scope") or {}
        if not isinstance(scope, dict):
            raise ConfigError(path, line, "a 'defaults' entry's 'scope' must be a mapping (path, type)")
        kind = scope.get("type")
        kind = TYPE_ALIASES.get(str(kind), str(kind)) if kind else None
        yield Default(str(scope.get("path") or ""), kind, dict(entry["values"]))


def ignored_defaults(config: SiteConfig) -> list:
    """[(line, message)] for the `defaults:` Jekyll ignores: all of them when it is no list (silently
    in Jekyll), an entry without a mapping of `values:` ("An invalid front-matter default set was found")."""
    entries = config.site.get("defaults")
    if entries is None:
        return []
    if not isinstance(entries, list):
        return [(config.key_lines.get("defaults"), "'defaults' is no list: Jekyll reads no front matter defaults from it")]
    lines = getattr(entries, "item_lines", None) or []
    return [(getattr(entry, "line", None) or (lines[i] if i < len(lines) else config.key_lines.get("defaults")),
             "this 'defaults' entry has no 'values:' mapping: Jekyll leaves it out (\"An invalid front-matter "
             "default set was found\")")
            for i, entry in enumerate(entries) if not isinstance(entry, dict) or not isinstance(entry.get("values"), dict)]


def _policy_options(options: dict, path, lines: dict):
    """`severity:` and `ignore:` checked against the rule registry, at their lines; levels
    normalised (YAML reads an unquoted `off` as false)."""
    severity = options.get("severity") or {}
    key_lines = getattr(severity, "key_lines", {})
    checked = {}
    for rule, level in severity.items():
        line = key_lines.get(rule, lines.get("severity"))
        named = rules.matching(str(rule))
        if not named:
            raise ConfigError(path, line, f"unknown rule '{rule}' in specsite.severity",
                              did_you_mean(str(rule), rules.RULES) or "The rules are listed in the README.")
        fixed = [r for r in named if not rules.RULES[r].configurable]
        if fixed and str(rule) == fixed[0]:
            raise ConfigError(path, line, f"'{rule}' is a build failure; its severity cannot be changed",
                              "Fix what it reports instead.")
        level = normalise_level(level)
        if level not in rules.LEVELS:
            raise ConfigError(path, line, f"severity of '{rule}' must be one of {', '.join(rules.LEVELS)}, "
                              f"not '{level}'", did_you_mean(level, rules.LEVELS))
        checked[str(rule)] = level
    options["severity"] = checked
    entries = []
    for entry in options.get("ignore") or []:
        line = getattr(entry, "line", None) or lines.get("ignore")
        if isinstance(entry, str):
            entry = {"target": entry}
        if not isinstance(entry, dict):
            raise ConfigError(path, line, "each 'ignore' entry must be a mapping of target:, file:, rule:, reason:",
                              'Example: - {target: "legacy_*.html", reason: "retired pages"}')
        for key in entry:
            if key not in IGNORE_KEYS:
                raise ConfigError(path, line, f"unknown key '{key}' in an 'ignore' entry",
                                  did_you_mean(str(key), IGNORE_KEYS) or f"Use {', '.join(IGNORE_KEYS)}.")
        if not any(entry.get(k) for k in ("target", "file", "rule")):
            raise ConfigError(path, line, "an 'ignore' entry needs a target:, file: or rule: glob",
                              "Without one it would silence every finding.")
        if entry.get("rule") and not rules.matching(str(entry["rule"])):
            raise ConfigError(path, line, f"unknown rule '{entry['rule']}' in an 'ignore' entry",
                              did_you_mean(str(entry["rule"]), rules.RULES) or "The rules are listed in the README.")
        entries.append({k: str(v) for k, v in entry.items() if v is not None})
    options["ignore"] = entries


def _options(raw: dict, path):
    if not isinstance(raw, dict):
        raise ConfigError(path, getattr(raw, "line", None), "'specsite' must be a mapping of options")
    options = {}
    lines = getattr(raw, "key_lines", {})
    for key, value in raw.items():
        if key not in OPTIONS:
            raise ConfigError(path, lines.get(key), f"unknown specsite option '{key}'",
                              did_you_mean(str(key), OPTIONS) or f"Known options: {', '.join(OPTIONS)}.")
        types, _ = OPTIONS[key]
        if value is not None and not isinstance(value, types):
            raise ConfigError(path, lines.get(key), f"specsite option '{key}' must be a {types.__name__}")
        options[key] = value
    _policy_options(options, path, lines)
    release = options.get("release_notes") or {}
    for key in release:
        if key not in RELEASE_OPTIONS:
            rl = getattr(release, "key_lines", {})
            raise ConfigError(path, rl.get(key), f"unknown release_notes option '{key}'",
                              did_you_mean(str(key), RELEASE_OPTIONS))
    for key, (_, default) in OPTIONS.items():
        options.setdefault(key, default)
    return options
