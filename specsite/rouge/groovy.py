"""Rouge 3.30's Groovy lexer (rouge/lexers/groovy.rb) and Gradle (gradle.rb: more keywords and types)."""
import copy

from .engine import RegexLexer
from .tokens import Comment, Keyword, Name, Num, Operator, Str, Text


def _method(lexer, m):
    lexer.delegate(copy.copy(lexer), m.group(1))  # (self.clone: a shallow copy, sharing the stack)
    lexer.token(Name.Function, m.group(2))
    lexer.token(Text, m.group(3))
    lexer.token(Operator, m.group(4))


def _word(lexer, m):
    word, cls = m.group(), type(lexer)
    lexer.token(Keyword if word in cls.KEYWORDS else Keyword.Declaration if word in cls.DECLARATIONS
                else Keyword.Type if word in cls.TYPES else Keyword.Constant if word in cls.CONSTANTS else Name)


class Groovy(RegexLexer):
    tag = "groovy"
    KEYWORDS = frozenset("""assert break case catch continue default do else finally for
        if goto instanceof new return switch this throw try while in as""".split())
    DECLARATIONS = frozenset("""abstract const enum extends final implements native private
        protected public static strictfp super synchronized throws transient volatile""".split())
    TYPES = frozenset("def boolean byte char double float int long short void".split())
    CONSTANTS = frozenset(("true", "false", "null"))
    states = {
        "root": [
            (r"^(\s*(?:\w[\w.\[\]]*\s+)+?)(\w\w*)(\s*)(\()", _method),
            (r"[^\S\n]+", Text),
            (r"//.*?$", Comment.Single),
            (r"(?s)/[*].*?[*]/", Comment.Multiline),
            (r"@\w[\w.]*", Name.Decorator),
            (r"(class|interface|trait)\b", Keyword.Declaration, "class"),
            (r"package\b", Keyword.Namespace, "import"),
            (r"import\b", Keyword.Namespace, "import"),
            (r'(?s)""".*?"""', Str.Double),
            (r"(?s)'''.*?'''", Str.Single),
            (r'"(\\.|\\\n|.)*?"', Str.Double),
            (r"'(\\.|\\\n|.)*?'", Str.Single),
            (r"(?s)\$/(\$.|.)*?/\$", Str),
            (r"/(\\.|\\\n|.)*?/", Str),
            (r"'\\.'|'[^\\]'|'\\u[0-9a-f]{4}'", Str.Char),
            (r"(\.)([a-zA-Z_][a-zA-Z0-9_]*)", lambda lexer, m: lexer.groups(Operator, Name.Attribute)),
            (r"[a-zA-Z_][a-zA-Z0-9_]*:", Name.Label),
            (r"[a-zA-Z_\$][a-zA-Z0-9_]*", _word),
            (r"[~^*!%&\[\](){}<>\|+=:;,./?-]", Operator),
            (r"\d+\.\d+([eE]\d+)?[fd]?", Num.Float),
            (r"0x[0-9a-f]+", Num.Hex),
            (r"[0-9]+L?", Num.Integer),
            (r"\n", Text),
        ],
        "class": [(r"\s+", Text), (r"\w\w*", Name.Class, "#pop")],
        "import": [(r"\s+", Text), (r"[\w.]+[*]?", Name.Namespace, "#pop")],
    }


class Gradle(Groovy):
    tag = "gradle"
    KEYWORDS = Groovy.KEYWORDS | frozenset("""allprojects artifacts buildscript configuration dependencies
        repositories sourceSets subprojects publishing""".split())
    TYPES = Groovy.TYPES | frozenset("""Project Task Gradle Settings Script JavaToolChain SourceSet
        SourceSetOutput IncrementalTaskInputs Configuration
        ResolutionStrategy ArtifactResolutionQuery ComponentSelection
        ComponentSelectionRules ConventionProperty ExtensionAware
        ExtraPropertiesExtension PublishingExtension IvyPublication
        IvyArtifact IvyArtifactSet IvyModuleDescriptorSpec
        MavenPublication MavenArtifact MavenArtifactSet MavenPom
        PluginDependenciesSpec PluginDependencySpec ResourceHandler
        TextResourceFactory""".split())
