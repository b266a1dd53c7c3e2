"""Ports of Rouge 3.30's lexers (rouge/lexers/*.rb), so that code blocks are highlighted as
Jekyll writes them. A lexer's module is imported only when a block of its language appears."""
from __future__ import annotations

import importlib
import re

# Rouge's tag and aliases of each ported lexer -> (module, class)
_PORTED = {
    "json": ("json", "JSON"), "json-doc": ("json", "JSONDOC"), "jsonc": ("json", "JSONDOC"),
    "toml": ("toml", "TOML"), "erlang": ("erlang", "Erlang"), "erl": ("erlang", "Erlang"), **dict.fromkeys(("clojure", "clj", "cljs"), ("clojure", "Clojure")), "matlab": ("matlab", "Matlab"), "m": ("matlab", "Matlab"), "vue": ("vue", "Vue"), "vuejs": ("vue", "Vue"), "perl": ("perl", "Perl"), "pl": ("perl", "Perl"),
    **dict.fromkeys(("coffeescript", "coffee", "coffee-script"), ("coffeescript", "Coffeescript")), "jinja": ("jinja", "Jinja"), "django": ("jinja", "Jinja"), "twig": ("jinja", "Twig"),
    **dict.fromkeys(("handlebars", "hbs", "mustache"), ("handlebars", "Handlebars")), "haskell": ("haskell", "Haskell"), "hs": ("haskell", "Haskell"), "scala": ("scala", "Scala"), "elixir": ("elixir", "Elixir"), "exs": ("elixir", "Elixir"), "graphql": ("graphql", "GraphQL"), "apache": ("apache", "Apache"),
    **dict.fromkeys(("batchfile", "bat", "batch", "dosbatch", "winbatch"), ("batchfile", "Batchfile")), "hcl": ("hcl", "Hcl"), "terraform": ("hcl", "Terraform"), "tf": ("hcl", "Terraform"), "dart": ("dart", "Dart"), **dict.fromkeys(("r", "s"), ("r", "R")), "jsx": ("jsx", "JSX"), "react": ("jsx", "JSX"), "tsx": ("jsx", "TSX"), "properties": ("conf", "Properties"), "nginx": ("conf", "Nginx"),
    **dict.fromkeys(("conf", "config", "configuration"), ("conf", "Conf")),
    **dict.fromkeys(("protobuf", "proto"), ("protobuf", "Protobuf")),
    **dict.fromkeys(("erb", "eruby", "rhtml"), ("erb", "ERB")), "swift": ("swift", "Swift"),
    **dict.fromkeys(("powershell", "posh", "microsoftshell", "msshell"), ("powershell", "Powershell")),
    **dict.fromkeys(("objective_c", "objc", "obj-c", "obj_c", "objectivec"), ("objective_c", "ObjectiveC")), "d": ("d", "D"), "dlang": ("d", "D"),
    **dict.fromkeys(("tex", "TeX", "LaTeX", "latex"), ("tex", "TeX")), "cmake": ("cmake", "CMake"), **dict.fromkeys(("viml", "vim", "vimscript", "ex"), ("viml", "VimL")), "lua": ("lua", "Lua"),
    **dict.fromkeys(("rust", "rs", "rust,no_run", "rs,no_run", "rust,ignore", "rs,ignore", "rust,should_panic",
                     "rs,should_panic"), ("rust", "Rust")), "go": ("go", "Go"), "golang": ("go", "Go"),
    **dict.fromkeys(("docker", "dockerfile", "Dockerfile"), ("docker", "Docker")), "scss": ("scss", "Scss"), "sass": ("scss", "Sass"),
    "http": ("http", "HTTP"),
    "xml": ("xml", "XML"),
    "plaintext": ("engine", "PlainText"), "text": ("engine", "PlainText"),
    **dict.fromkeys(("shell", "bash", "zsh", "ksh", "sh"), ("shell", "Shell")),
    **dict.fromkeys(("console", "terminal", "shell_session", "shell-session"), ("console", "Console")),
    "javascript": ("javascript", "Javascript"), "js": ("javascript", "Javascript"),
    "java": ("java", "Java"), "kotlin": ("kotlin", "Kotlin"),
    "html": ("html", "HTML"), "css": ("css", "CSS"),
    "markdown": ("markdown", "Markdown"), "md": ("markdown", "Markdown"), "mkd": ("markdown", "Markdown"),
    "liquid": ("liquid", "Liquid"),
    "sql": ("sql", "SQL"),
    **dict.fromkeys(("csharp", "c#", "cs"), ("csharp", "CSharp")),
    "python": ("python", "Python"), "py": ("python", "Python"),
    "ruby": ("ruby", "Ruby"), "rb": ("ruby", "Ruby"),
    **dict.fromkeys(("php", "php3", "php4", "php5"), ("php", "PHP")),
    "ini": ("ini", "INI"), **dict.fromkeys(("diff", "patch", "udiff"), ("ini", "Diff")),
    **dict.fromkeys(("make", "makefile", "mf", "gnumake", "bsdmake"), ("make", "Make")),
    "c": ("c", "C"), "cpp": ("c", "Cpp"), "c++": ("c", "Cpp"), "cuda": ("c", "CUDA"),
    **dict.fromkeys(("objective_cpp", "objcpp", "obj-cpp", "obj_cpp", "objectivecpp", "objc++", "obj-c++", "obj_c++",
                     "objectivec++"), ("objective_c", "ObjectiveCpp")), "groovy": ("groovy", "Groovy"), "gradle": ("groovy", "Gradle"),
    "yaml": ("yaml", "YAML"), "yml": ("yaml", "YAML"),
    "typescript": ("javascript", "Typescript"), "ts": ("javascript", "Typescript"),
}


def lexer_class(name: str):
    """The ported lexer class of a Rouge tag or alias, or None."""
    entry = _PORTED.get(name)
    if entry is None:
        return None
    return getattr(importlib.import_module(f".{entry[0]}", __name__), entry[1])


def highlight(code: str, name: str) -> str | None:
    """`code` as Rouge's HTML formatter writes it with the lexer `name`, or None when it is not ported."""
    cls = lexer_class(name)
    if cls is None:
        return None
    from .engine import Unported, to_html
    try:
        return to_html(cls().lex(code))
    except Unported:
        return None
    except (IndexError, RecursionError, re.error):  # (where Rouge itself fails: an empty stack, or the
        return None  # regex a %-string made with `\\` as its delimiter): Pygments does the block
