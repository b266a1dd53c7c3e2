"""Ports of Rouge 3.30's lexers (rouge/lexers/*.rb), so that code blocks are highlighted as
Jekyll writes them. A lexer's module is imported only when a block of its language appears."""
from __future__ import annotations

import importlib
import re

# Rouge's tag and aliases of each ported lexer -> (module, class)
_PORTED = {
    "json": ("json", "JSON"),
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
    "c": ("c", "C"), "groovy": ("groovy", "Groovy"), "gradle": ("groovy", "Gradle"),
    "yaml": ("yaml", "YAML"), "yml": ("yaml", "YAML"),
    "typescript": ("javascript", "Typescript"), "ts": ("javascript", "Typescript"),
    "ocaml": ("ocaml", "OCaml"), "fsharp": ("ocaml", "FSharp"),
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
