"""Rouge 3.30's Jinja/Django (rouge/lexers/jinja.rb) and Twig (twig.rb) lexers; text outside the
tags goes to one HTML lexer. Their word lists are Ruby class variables (@@keywords …) that Jinja
and Twig share: the class that asks first sets them for both (a Jinja block first: Twig uses
Jinja's words), and a Twig list set before Jinja's makes Ruby raise when Twig next asks."""
from .engine import RegexLexer, Unported, groups, mixin
from .tokens import Comment, Keyword, Name, Num, Operator, Punctuation, Str, Text

_CLASS_VARIABLES: dict = {"Jinja": {}, "Twig": {}}  # (the @@ variables set on each class, this process)


def _words(cls, name):
    jinja, twig = _CLASS_VARIABLES["Jinja"], _CLASS_VARIABLES["Twig"]
    if cls is Jinja:
        return jinja.setdefault(name, Jinja.WORDS[name])
    if name in jinja and name in twig:
        raise Unported("class variable overtaken")  # (Ruby's RuntimeError)
    if name in jinja:
        return jinja[name]
    return twig.setdefault(name, cls.WORDS[name])


def _raw(lexer, m):
    lexer.groups(Comment.Preproc, Text, Keyword, Text, Comment.Preproc)
    lexer.push(m.group(3))


def _open(state):
    def callback(lexer, m):
        lexer.token(Comment.Preproc)
        lexer.push(state)
    return callback


def _word(lexer, m):
    word, cls = m.group(), type(lexer)
    if word in _words(cls, "keywords"):
        lexer.groups(Keyword)
    elif word in _words(cls, "pseudo_keywords"):
        lexer.groups(Keyword.Pseudo)
    elif word in _words(cls, "word_operators"):
        lexer.groups(Operator.Word)
    elif word in _words(cls, "tests"):
        lexer.groups(Name.Builtin)
    else:
        lexer.groups(Name.Variable)


def _end(lexer, m):
    lexer.groups(Comment.Preproc, Text, Keyword, Text, Comment.Preproc)
    lexer.pop()


def _comment_end(lexer, m):
    lexer.token(Comment)
    lexer.pop()


def _to_parent(lexer, m):
    lexer.delegate(lexer.parent)


class Jinja(RegexLexer):
    tag = "jinja"
    WORDS = {
        "keywords": frozenset("""as context do else extends from ignore missing
            import include reversed recursive scoped
            autoescape endautoescape block endblock call endcall
            filter endfilter for endfor if endif macro endmacro
            set endset trans endtrans with endwith without""".split()),
        "tests": frozenset("""callable defined divisibleby equalto escaped even iterable
            lower mapping none number odd sameas sequence string
            undefined upper""".split()),
        "pseudo_keywords": frozenset("true false none True False None".split()),
        "word_operators": frozenset("is in and or not".split()),
    }

    def start(self):
        if not hasattr(self, "parent"):
            from .html import HTML
            self.parent = HTML()
        self.parent.reset()

    states = {
        "root": [
            (r"{#", Comment, "comment"),
            (r"##.*", Comment),
            (r"({%-?)(\s*)(raw|verbatim)(\s*)(-?%})", _raw),
            (r"\{\%", _open("statement")),
            (r"\{\{", _open("expression")),
            (r"(?s)(.+?)(?=\\|{{|{%|{#|##)", _to_parent),
            (r"(?s).+", _to_parent),
        ],
        "filter": [(r"(\|\s*)(\w+)", groups(Operator, Name.Function))],
        "function": [(r"(\w+)(\()", groups(Name.Function, Punctuation))],
        "text": [(r"(?s)\s+", Text)],
        "literal": [
            (r'"(\\.|.)*?"', Str.Double),
            (r"'(\\.|.)*?'", Str.Single),
            (r"\d+(?=}\s)", Num),
            (r"(\+|\-|\*|//?|\*\*?|=)", Operator),
            (r"(<=?|>=?|===?|!=)", Operator),
            (r",", Punctuation),
            (r"\[", Punctuation),
            (r"\]", Punctuation),
            (r"\(", Punctuation),
            (r"\)", Punctuation),
        ],
        "comment": [
            (r"(?s)[^#]+", Comment),
            (r"#}", _comment_end),
            (r"#", Comment),
        ],
        "expression": [
            (r"(?s)\w+\.?", Name.Variable),
            mixin("filter"),
            mixin("function"),
            mixin("literal"),
            mixin("text"),
            (r"%}|}}", Comment.Preproc, "#pop"),
        ],
        "statement": [
            (r"(\w+\.?)", _word),
            mixin("filter"),
            mixin("function"),
            mixin("literal"),
            mixin("text"),
            (r"\%\}", Comment.Preproc, "#pop"),
        ],
        "raw": [
            (r"({%-?)(\s*)(endraw)(\s*)(-?%})", _end),
            (r"[^{]+", Text),
            (r"{", Text),
        ],
        "verbatim": [
            (r"({%-?)(\s*)(endverbatim)(\s*)(-?%})", _end),
            (r"[^{]+", Text),
            (r"{", Text),
        ],
    }


class Twig(Jinja):
    tag = "twig"
    WORDS = {
        "keywords": frozenset("""as do extends flush from import include use else starts
            ends with without autoescape endautoescape block
            endblock embed endembed filter endfilter for endfor
            if endif macro endmacro sandbox endsandbox set endset
            spaceless endspaceless""".split()),
        "tests": frozenset("constant defined divisibleby empty even iterable null odd sameas".split()),
        "pseudo_keywords": frozenset("true false none".split()),
        "word_operators": frozenset("b-and b-or b-xor is in and or not".split()),
    }
