"""Ports of Rouge 3.30's lexers (rouge/lexers/*.rb), so that code blocks are highlighted as
Jekyll writes them. A lexer's module is imported only when a block of its language appears."""
from __future__ import annotations

import importlib
import re

# Rouge's tag and aliases of each ported lexer -> (module, class)
_PORTED = {
    "apache": ("apache", "Apache"),
    "awk": ("awk", "Awk"),
    **dict.fromkeys(("bibtex", "bib"), ("bibtex", "BibTeX")),
    **dict.fromkeys(("batchfile", "bat", "batch", "dosbatch", "winbatch"), ("batchfile", "Batchfile")),
    "c": ("c", "C"),
    "cuda": ("c", "CUDA"),
    "glsl": ("c", "Glsl"),
    **dict.fromkeys(("cpp", "c++"), ("c", "Cpp")),
    **dict.fromkeys(("clojure", "clj", "cljs"), ("clojure", "Clojure")),
    "cmake": ("cmake", "CMake"),
    **dict.fromkeys(("coffeescript", "coffee", "coffee-script"), ("coffeescript", "Coffeescript")),
    **dict.fromkeys(("conf", "config", "configuration"), ("conf", "Conf")),
    "nginx": ("conf", "Nginx"),
    "properties": ("conf", "Properties"),
    **dict.fromkeys(("console", "terminal", "shell_session", "shell-session"), ("console", "Console")),
    **dict.fromkeys(("csharp", "c#", "cs"), ("csharp", "CSharp")),
    "css": ("css", "CSS"),
    **dict.fromkeys(("d", "dlang"), ("d", "D")),
    "dart": ("dart", "Dart"),
    **dict.fromkeys(("docker", "dockerfile", "Dockerfile"), ("docker", "Docker")),
    **dict.fromkeys(("elixir", "exs"), ("elixir", "Elixir")),
    **dict.fromkeys(("plaintext", "text"), ("engine", "PlainText")),
    **dict.fromkeys(("erb", "eruby", "rhtml"), ("erb", "ERB")),
    **dict.fromkeys(("erlang", "erl"), ("erlang", "Erlang")),
    **dict.fromkeys(("go", "golang"), ("go", "Go")),
    "graphql": ("graphql", "GraphQL"),
    "gradle": ("groovy", "Gradle"),
    "groovy": ("groovy", "Groovy"),
    **dict.fromkeys(("handlebars", "hbs", "mustache"), ("handlebars", "Handlebars")),
    **dict.fromkeys(("haskell", "hs"), ("haskell", "Haskell")),
    "hcl": ("hcl", "Hcl"),
    **dict.fromkeys(("terraform", "tf"), ("hcl", "Terraform")),
    "html": ("html", "HTML"),
    "http": ("http", "HTTP"),
    **dict.fromkeys(("diff", "patch", "udiff"), ("ini", "Diff")),
    "ini": ("ini", "INI"),
    "java": ("java", "Java"),
    **dict.fromkeys(("javascript", "js"), ("javascript", "Javascript")),
    **dict.fromkeys(("typescript", "ts"), ("javascript", "Typescript")),
    **dict.fromkeys(("jinja", "django"), ("jinja", "Jinja")),
    "twig": ("jinja", "Twig"),
    "json": ("json", "JSON"),
    **dict.fromkeys(("json-doc", "jsonc"), ("json", "JSONDOC")),
    **dict.fromkeys(("jsx", "react"), ("jsx", "JSX")),
    "tsx": ("jsx", "TSX"),
    "kotlin": ("kotlin", "Kotlin"),
    "liquid": ("liquid", "Liquid"),
    **dict.fromkeys(("julia", "jl"), ("julia", "Julia")),
    "fortran": ("fortran", "Fortran"),
    "fsharp": ("fsharp", "FSharp"),
    **dict.fromkeys(("irb", "pry"), ("irb", "IRB")),
    "irb_output": ("irb", "IRBOutput"),
    "dot": ("dot", "Dot"),
    "elm": ("elm", "Elm"),
    "lua": ("lua", "Lua"),
    **dict.fromkeys(("nix", "nixos"), ("nix", "Nix")),
    "plist": ("plist", "Plist"),
    "prolog": ("prolog", "Prolog"),
    "solidity": ("solidity", "Solidity"),
    "sparql": ("sparql", "SPARQL"),
    "ocaml": ("ocaml", "OCaml"),
    **dict.fromkeys(("make", "makefile", "mf", "gnumake", "bsdmake"), ("make", "Make")),
    **dict.fromkeys(("markdown", "md", "mkd"), ("markdown", "Markdown")),
    **dict.fromkeys(("matlab", "m"), ("matlab", "Matlab")),
    **dict.fromkeys(("objective_c", "objc", "obj-c", "obj_c", "objectivec"), ("objective_c", "ObjectiveC")),
    **dict.fromkeys(("objective_cpp", "objcpp", "obj-cpp", "obj_cpp", "objectivecpp", "objc++", "obj-c++", "obj_c++",
                     "objectivec++"), ("objective_c", "ObjectiveCpp")),
    **dict.fromkeys(("perl", "pl"), ("perl", "Perl")),
    **dict.fromkeys(("php", "php3", "php4", "php5"), ("php", "PHP")),
    **dict.fromkeys(("powershell", "posh", "microsoftshell", "msshell"), ("powershell", "Powershell")),
    **dict.fromkeys(("protobuf", "proto"), ("protobuf", "Protobuf")),
    **dict.fromkeys(("python", "py"), ("python", "Python")),
    **dict.fromkeys(("r", "s"), ("r", "R")),
    **dict.fromkeys(("ruby", "rb"), ("ruby", "Ruby")),
    **dict.fromkeys(("rust", "rs", "rust,no_run", "rs,no_run", "rust,ignore", "rs,ignore", "rust,should_panic",
                     "rs,should_panic"), ("rust", "Rust")),
    "scala": ("scala", "Scala"),
    "scheme": ("scheme", "Scheme"),
    "sed": ("sed", "Sed"),
    "sass": ("scss", "Sass"),
    "scss": ("scss", "Scss"),
    **dict.fromkeys(("shell", "bash", "zsh", "ksh", "sh"), ("shell", "Shell")),
    "sql": ("sql", "SQL"),
    "swift": ("swift", "Swift"),
    **dict.fromkeys(("tex", "TeX", "LaTeX", "latex"), ("tex", "TeX")),
    "toml": ("toml", "TOML"),
    "turtle": ("turtle", "Turtle"),
    **dict.fromkeys(("viml", "vim", "vimscript", "ex"), ("viml", "VimL")),
    **dict.fromkeys(("vue", "vuejs"), ("vue", "Vue")),
    "xml": ("xml", "XML"),
    **dict.fromkeys(("yaml", "yml"), ("yaml", "YAML")),
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
