"""kramdown options from `_config.yml`'s `kramdown:` that change the HTML, read as kramdown's
Options reads them (kramdown/options.rb). A value kramdown rejects fails every markdown
conversion in Jekyll ("Conversion error … Invalid syntax for option toc_levels"), so it is a
ConfigError at its line here."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import ConfigError

ALL_LEVELS = (1, 2, 3, 4, 5, 6)
_RANGE = re.compile(r"(\d)\.\.(\d)")
_LIST = re.compile(r"\d(?:,\d)*")
_LEADING_INT = re.compile(r"\s*[-+]?\d+")
_TOC_HINT = 'Write it as a range "2..4", a list "2,3" or [2, 3] of heading levels from 1 to 6.'


def toc_levels(kramdown, path: str | None) -> tuple:
    """The heading levels a `{:toc}` lists (kramdown's `toc_levels`, default 1..6): "a..b", "a,b,c"
    or a YAML list (each entry as Ruby's to_i reads it); levels outside 1..6 are an error."""
    value = kramdown.get("toc_levels") if isinstance(kramdown, dict) else None
    if value is None:
        return ALL_LEVELS
    line = getattr(kramdown, "key_lines", {}).get("toc_levels")
    where = path or "_config.yml"
    if isinstance(value, str):
        rng, lst = _RANGE.fullmatch(value), _LIST.fullmatch(value)
        if rng:
            levels = list(range(int(rng.group(1)), int(rng.group(2)) + 1))
        elif lst:
            levels = [int(v) for v in value.split(",")]
        else:
            raise ConfigError(where, line, f"kramdown toc_levels: invalid syntax {value!r} (Jekyll fails "
                              "converting every markdown page)", _TOC_HINT)
    elif isinstance(value, list):
        levels = [_to_i(v) for v in value]
    else:
        raise ConfigError(where, line, f"kramdown toc_levels: a {type(value).__name__} is not a level list "
                          "(Jekyll fails converting every markdown page)", _TOC_HINT)
    if any(not 1 <= level <= 6 for level in levels):
        raise ConfigError(where, line, "kramdown toc_levels: levels must be integers from 1 to 6", _TOC_HINT)
    return tuple(dict.fromkeys(levels))


def _to_i(value) -> int:
    """Ruby's to_i on a YAML scalar: a number truncated, a string's leading digits, else 0."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return int(value)
    m = _LEADING_INT.match(str(value)) if isinstance(value, str) else None
    return int(m.group(0)) if m else 0


DEFAULT_QUOTES = ("\u2018", "\u2019", "\u201c", "\u201d")  # lsquo, rsquo, ldquo, rdquo
_QUOTES_HINT = 'Write four entity names or code points: "lsquo,rsquo,ldquo,rdquo" or ["apos", "apos", "quot", "quot"].'


def smart_quotes(kramdown, path: str | None) -> tuple:
    """kramdown's `smart_quotes`: the left/right single and double quotes it writes, as the HTML
    converter writes each entity with entity_output as_char (the character; `&lt;` `&gt;` `&amp;`
    for those three)."""
    value = kramdown.get("smart_quotes") if isinstance(kramdown, dict) else None
    if value is None:
        return DEFAULT_QUOTES
    line = getattr(kramdown, "key_lines", {}).get("smart_quotes")
    where = path or "_config.yml"
    items = value.split(",") if isinstance(value, str) else value if isinstance(value, list) else None
    if items is None or len(items) != 4:
        raise ConfigError(where, line, "kramdown smart_quotes needs exactly 4 values "
                          "(Jekyll fails converting every markdown page)", _QUOTES_HINT)
    return tuple(_entity_char(item, where, line) for item in items)


def _entity_char(item, where, line) -> str:
    import html.entities
    if isinstance(item, int) and not isinstance(item, bool) or isinstance(item, str) and item.isdigit():
        char = chr(int(item))
    else:
        char = html.entities.html5.get(f"{item};") if isinstance(item, str) else None
        if char is None:
            raise ConfigError(where, line, f"kramdown smart_quotes: {item!r} is no HTML entity name "
                              "(Jekyll fails converting every markdown page)", _QUOTES_HINT)
    return {"<": "&lt;", ">": "&gt;", "&": "&amp;"}.get(char, char)


_TABLE_CLASSES = ("rouge-table", "rouge-gutter", "rouge-code")  # Rouge::Formatters::HTMLTable's defaults


@dataclass(frozen=True)
class KramdownExtras:
    """The `kramdown:` options that change the HTML of a few pages only, in one value so that a
    new one reaches the markdown renderer without a new parameter on every stage."""
    parse_block_html: bool = False  # block HTML content parsed by its content model (markdown/blockhtml.py)
    footnote_nr: int = 1  # the first footnote's number (markdown/footnote_options.py)
    header_offset: int = 0  # added to each markdown heading's level in the HTML (clamped to 1..6)
    footnote_backlink: str = "&#8617;"  # the back links' text; empty: none
    footnote_prefix: str = ""  # before every footnote name in ids and links
    typographic_symbols: tuple = ()  # (symbol name, text) pairs (markdown/typosyms.py)
    no_auto_typographic: bool = False  # gfm_quirks' no_auto_typographic: `--` `...` `<<` stay as written
    block_line_numbers: bool = False  # syntax_highlighter_opts' line_numbers for blocks (markdown/rouge_table.py)
    block_start_line: int = 1
    block_css_class: str = "highlight"  # syntax_highlighter_opts' css_class: a code block's <pre class>
    default_lang: tuple = ("", "")  # syntax_highlighter_opts' default_lang for blocks, spans ("": plaintext)
    block_wrap: bool = True  # syntax_highlighter_opts' wrap: false drops rouge's <div class="highlight"><pre><code>
    block_table: tuple = _TABLE_CLASSES  # Rouge's HTMLTable table_class, gutter_class, code_class (blocks)
    span_table: tuple = _TABLE_CLASSES  # the same for code spans
    span_line_numbers: bool = False  # the same for code spans (a legacy `coderay:` hash turns both on)
    plain_blocks: bool = False  # no highlighter for code blocks: kramdown's <pre><code class="language-x">
    plain_spans: bool = False  # nor for code spans: <code>
    math_text: bool = False  # `math_engine: null`: math as kramdown's kdmath text ($x$, $$x$$) for a script

    def footnotes_default(self) -> bool:
        return self.footnote_nr == 1 and self.footnote_backlink == "&#8617;" and not self.footnote_prefix


def extras(kramdown, path: str | None = None, highlighter=None) -> KramdownExtras:
    """The options of KramdownExtras from `_config.yml`'s `kramdown:`, as kramdown's Options.parse
    reads them (`highlighter`: the site's top-level `highlighter:`)."""
    if not isinstance(kramdown, dict):
        kramdown = {}
        if _highlighter(kramdown, highlighter) == "rouge":
            return KramdownExtras()
    lines = getattr(kramdown, "key_lines", {})
    nr = _integer(kramdown, "footnote_nr", 1, path, "Write the number of the first footnote, e.g. footnote_nr: 1.")
    offset = _integer(kramdown, "header_offset", 0, path, "Write a whole number, e.g. header_offset: 1.")
    backlink = kramdown.get("footnote_backlink", "&#8617;")
    rouge = _rouge_options(kramdown)
    numbers, start = _line_numbers(rouge, "block")
    rouge_on = _highlighter(kramdown, highlighter) == "rouge"
    plain_blocks, plain_spans = not rouge_on or _disabled(rouge, "block"), not rouge_on or _disabled(rouge, "span")
    return KramdownExtras(block_line_numbers=numbers, block_start_line=start,
                          block_css_class=_css_class(rouge), block_wrap=_wraps(rouge),
                          # (a highlighter that gives up names no language: kramdown's converter
                          # adds default_lang to the class only to code it highlighted)
                          default_lang=("" if plain_blocks else _default_lang(rouge, "block"),
                                        "" if plain_spans else _default_lang(rouge, "span")),
                          block_table=_table_classes(rouge, "block"), span_table=_table_classes(rouge, "span"),
                          span_line_numbers=_line_numbers(rouge, "span")[0],
                          plain_blocks=plain_blocks, plain_spans=plain_spans,
                          math_text="math_engine" in kramdown and kramdown["math_engine"] in (None, False),
                          parse_block_html=_boolean(kramdown.get("parse_block_html"), False),
                          footnote_nr=nr, header_offset=offset,
                          footnote_backlink="" if backlink is None else _ruby_to_s(backlink),
                          footnote_prefix=_ruby_to_s(kramdown.get("footnote_prefix") or ""),
                          typographic_symbols=_symbols(kramdown.get("typographic_symbols"), path,
                                                       lines.get("typographic_symbols")),
                          no_auto_typographic="no_auto_typographic" in gfm_quirks(kramdown))


def gfm_quirks(kramdown) -> frozenset:
    """kramdown-parser-gfm's `gfm_quirks` (default paragraph_end): a list, or a string of names
    separated by commas (simple_array_validator), each as str_to_sym reads it (a leading ':' dropped)."""
    value = kramdown.get("gfm_quirks", ["paragraph_end"]) if isinstance(kramdown, dict) else ["paragraph_end"]
    items = value.split(",") if isinstance(value, str) else value if isinstance(value, list) else []
    return frozenset(str(v).strip().removeprefix(":") for v in items)


def _integer(kramdown: dict, key: str, default: int, path, hint: str) -> int:
    """An Integer option as kramdown's Options.parse reads it: a YAML integer as is, else Ruby's
    Integer() of its text (0x/0b/0o prefixes too); anything else fails every conversion."""
    value = kramdown.get(key, default)
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    text = str(value).strip()
    try:
        return int(text, 0) if text[:2].lower() in ("0x", "0b", "0o") else int(text)
    except ValueError:
        raise ConfigError(path or "_config.yml", getattr(kramdown, "key_lines", {}).get(key),
                          f"kramdown {key}: invalid integer {value!r} (Jekyll fails converting every "
                          "markdown page)", hint) from None


def _symbols(value, path, line) -> tuple:
    """kramdown's typographic_symbols: a hash (a string is read as YAML) of symbol name to text,
    each value as to_s (simple_hash_validator; a leading ':' of a name is dropped)."""
    if value is None:
        return ()
    if isinstance(value, str):
        import yaml
        try:
            value = yaml.safe_load(value)
        except yaml.YAMLError:
            value = None
    if not isinstance(value, dict):
        raise ConfigError(path or "_config.yml", line, "kramdown typographic_symbols: not a hash (Jekyll fails "
                          "converting every markdown page)", 'Write a mapping, e.g. {mdash: "---", hellip: "..."}.')
    return tuple((str(k).lstrip(":"), "" if v is None else _ruby_to_s(v)) for k, v in value.items())


# Jekyll's KramdownParser::CODERAY_DEFAULTS: merged into syntax_highlighter_opts when `kramdown:`
# has a non-empty legacy `coderay:` hash (so its line_numbers: inline numbers spans and blocks)
_CODERAY_DEFAULTS = {"css": "style", "bold_every": 10, "line_numbers": "inline", "line_number_start": 1,
                     "tab_width": 4, "wrap": "div"}


def _rouge_options(kramdown: dict):
    """syntax_highlighter_opts as Jekyll hands them to kramdown (modernize_coderay_config: the
    options, then CODERAY_DEFAULTS, then `coderay:`'s, each key without its coderay_ prefix)."""
    opts = kramdown.get("syntax_highlighter_opts")
    coderay = kramdown.get("coderay")
    if not isinstance(coderay, dict) or not coderay:
        return opts
    merged: dict = {}
    for key, value in (*(opts.items() if isinstance(opts, dict) else ()), *_CODERAY_DEFAULTS.items(),
                       *coderay.items()):
        merged[key] = value
    return {str(k).removeprefix("coderay_"): v for k, v in merged.items()}


def _highlighter(kramdown: dict, highlighter) -> str:
    """kramdown's syntax highlighter as Jekyll names it (KramdownParser#highlighter): kramdown's
    `syntax_highlighter:`, else the site's `highlighter:` (nil or false: rouge). A name kramdown has
    no highlighter for (pygments, Jekyll 3's default; none) leaves code unhighlighted."""
    name = kramdown.get("syntax_highlighter") or highlighter or "rouge"
    return str(name)


def _merged_opts(opts, kind: str) -> dict:
    """syntax_highlighter_opts with `kind`'s own (block: or span:) merged over them, keys without
    a symbol's colon, as kramdown's rouge highlighter merges them (opts.merge(opts[kind])); none
    when they are not a mapping."""
    if not isinstance(opts, dict):
        return {}
    merged = {str(k).lstrip(":"): v for k, v in opts.items()}
    own = merged.get(kind)
    if isinstance(own, dict):
        merged.update({str(k).lstrip(":"): v for k, v in own.items()})
    return merged


def _disabled(opts, kind: str) -> bool:
    """syntax_highlighter_opts' `disable:` (Jekyll's documented way to leave highlighting to a
    script): kramdown's rouge highlighter gives up, the code is written plain."""
    return _merged_opts(opts, kind).get("disable") not in (None, False)


def _line_numbers(opts, kind: str) -> tuple:
    """(line_numbers, start_line) for code blocks or spans (`kind`): kramdown's rouge highlighter
    merges the `block:`/`span:` options over the top-level ones (syntax_highlighter/rouge.rb options)."""
    merged = _merged_opts(opts, kind)
    numbers = merged.get("line_numbers")
    numbers = numbers is not None and numbers is not False and str(numbers).strip().lower() not in ("false", "")
    start = merged.get("start_line", 1)
    try:
        start = int(start)
    except (TypeError, ValueError):
        start = 1
    return numbers, start


def _css_class(opts) -> str:
    """A code block's `<pre class>`: kramdown's rouge highlighter sets `opts[:css_class] ||=
    'highlight'` on the merged block options, and Rouge's HTMLPygments writes it as given."""
    value = _merged_opts(opts, "block").get("css_class")
    return "highlight" if value is None or value is False else _ruby_to_s(value)


def _default_lang(opts, kind: str) -> str:
    """`default_lang:` of the merged block or span options (Jekyll's KramdownParser sets the
    top-level one to plaintext when absent). Empty when it is plaintext: specsite's default."""
    value = _merged_opts(opts, kind).get("default_lang")
    text = "" if value is None or value is False else _ruby_to_s(value)
    return "" if text in ("", "plaintext") else text


def _wraps(opts) -> bool:
    """Rouge's HTMLLegacy wraps a block in HTMLPygments `if opts.fetch(:wrap, true)`: a `wrap:`
    key that is false or empty (nil) leaves the highlighted spans bare inside kramdown's div."""
    merged = _merged_opts(opts, "block")
    return "wrap" not in merged or not (merged["wrap"] is None or merged["wrap"] is False)  # (0 is true)


def _table_classes(opts, kind: str) -> tuple:
    """Rouge's HTMLTable options for `kind` (blocks or spans) from the merged options:
    opts.fetch(:table_class, 'rouge-table') and the gutter's and code cell's, written as given."""
    merged = _merged_opts(opts, kind)
    return tuple("" if merged.get(key, default) is None else _ruby_to_s(merged.get(key, default))
                 for key, default in zip(("table_class", "gutter_class", "code_class"), _TABLE_CLASSES))


def _ruby_to_s(value) -> str:
    """A YAML scalar as Ruby's to_s writes it (true, not True)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _boolean(value, default: bool) -> bool:
    """kramdown's Boolean option: a YAML boolean as is; any other value is true unless its text
    is empty or 'false' (nil: the default)."""
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    text = str(value)
    return text.strip().lower() != "false" and text != ""


# kramdown options specsite does not follow, each with what Jekyll 4.3.1 then writes (each compared
# on a page built by Jekyll with and without it): (key, does this value change the HTML?, what changes)
_NOT_FOLLOWED = (
    ("entity_output", lambda v: str(v).lstrip(":") != "as_char",
     "kramdown then writes entities as numbers, names or as typed (&#169;, &copy;) where specsite writes "
     "the characters (as_char, Jekyll's default)"),
    ("remove_line_breaks_for_cjk", lambda v: _boolean(v, False),
     "kramdown then joins lines between Chinese, Japanese or Korean characters; specsite keeps the line breaks"),
    ("html_to_native", lambda v: _boolean(v, False),
     "kramdown then rewrites HTML tags as its own elements (<b> as <strong>, a table re-indented); specsite "
     "writes them as written"),
    ("link_defs", lambda v: isinstance(v, dict) and bool(v),
     "kramdown then resolves [text][id] links with these definitions; specsite leaves them as text"),
    ("parse_span_html", lambda v: not _boolean(v, True),
     "kramdown then leaves markdown inside span HTML tags unconverted; specsite converts it"),
    ("template", lambda v: bool(v),
     "kramdown then wraps every page in its template (a whole HTML document); specsite does not"),
)


def not_followed(kramdown) -> list:
    """[(key, message)] of the `kramdown:` options set to a value that changes Jekyll's HTML and
    that specsite does not follow (a warning at each, never silently different output)."""
    if not isinstance(kramdown, dict):
        return []
    return [(key, f"kramdown option {key}{_shown(kramdown[key])} is not followed: {what}")
            for key, changes, what in _NOT_FOLLOWED if kramdown.get(key) is not None and changes(kramdown[key])]


def _shown(value) -> str:
    return f": {_ruby_to_s(value)}" if isinstance(value, (str, bool, int, float)) else ""
