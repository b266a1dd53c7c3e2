"""Rouge 3.30's Julia lexer (rouge/lexers/julia.rb). Its word regexes are /x, so `mutable struct`,
`abstract type` and `for outer` are the words `mutablestruct`, `abstracttype` and `forouter`, as in
Rouge; rules with \\b are (?u) (Ruby's \\b knows Unicode letters such as π); the `(?<=…)'+` rule
never holds at the scan position and is left out; \\p{L}, \\p{Nl}, \\p{S}, \\p{Po} are classes made by
unicode_classes."""
from .engine import RegexLexer, mixin
from .tokens import Comment, Keyword, Literal, Name, Operator, Other, Text
from .unicode_classes import category_ranges

BUILTINS = (r"(?u)\b(?:true|false|missing|nothing|Inf|Inf16|Inf32|Inf64|NaN|NaN16|NaN32|NaN64|stdout|stderr|"
            r"stdin|devnull|pi|π|ℯ|im|ARGS|C_NULL|ENV|ENDIAN_BOM|VERSION|undef|(LOAD|DEPOT)_PATH)\b")
KEYWORDS = (r"(?u)\b(?:function|return|module|import|export|if|else|elseif|end|for|in|isa|while|try|catch|"
            r"const|local|global|using|struct|mutablestruct|abstracttype|finally|begin|do|quote|macro|"
            r"forouter|where)\b")
TYPE_NAMES = """
    ARPACKException AbstractArray AbstractChannel AbstractChar AbstractDict AbstractDisplay
    AbstractFloat AbstractIrrational AbstractLogger AbstractMatrix AbstractREPL AbstractRNG
    AbstractRange AbstractSerializer AbstractSet AbstractSparseArray AbstractSparseMatrix
    AbstractSparseVector AbstractString AbstractUnitRange AbstractVecOrMat AbstractVector
    AbstractWorkerPool Adjoint Any ArgumentError Array AssertionError Base64DecodePipe Base64EncodePipe
    BasicREPL Bidiagonal BigFloat BigInt BitArray BitMatrix BitSet BitVector Bool BoundsError
    BunchKaufman CachingPool CapturedException CartesianIndex CartesianIndices Cchar Cdouble Cfloat
    Channel Char Cholesky CholeskyPivoted Cint Cintmax_t Clong Clonglong ClusterManager Cmd Colon
    Complex ComplexF16 ComplexF32 ComplexF64 CompositeException Condition ConsoleLogger Cptrdiff_t
    Cshort Csize_t Cssize_t Cstring Cuchar Cuint Cuintmax_t Culong Culonglong Cushort Cvoid Cwchar_t
    Cwstring DataType Date DateFormat DatePeriod DateTime Day DenseArray DenseMatrix DenseVecOrMat
    DenseVector Diagonal Dict DimensionMismatch Dims DivideError DomainError EOFError Eigen Enum
    ErrorException Exception ExponentialBackOff Expr FDWatcher Factorization FileMonitor Float16 Float32
    Float64 FolderMonitor Function GeneralizedEigen GeneralizedSVD GeneralizedSchur GenericArray
    GenericDict GenericSet GenericString GitConfig GitRepo GlobalRef HMAC_CTX HTML Hermitian Hessenberg
    Hour IO IOBuffer IOContext IOStream IPAddr IPv4 IPv6 IdDict IndexCartesian IndexLinear IndexStyle
    InexactError InitError Int Int128 Int16 Int32 Int64 Int8 Integer InterruptException
    InvalidStateException Irrational KeyError LAPACKException LDLt LQ LU LinRange LineEditREPL
    LineNumberNode LinearIndices LoadError LogLevel LowerTriangular MIME Matrix MersenneTwister Method
    MethodError Microsecond Millisecond Minute Missing MissingException Module Month NTuple NamedTuple
    Nanosecond Nothing NullLogger Number OrdinalRange OutOfMemoryError OverflowError PackageMode
    PackageSpec Pair PartialQuickSort Period PermutedDimsArray Pipe PollingFileWatcher PosDefException
    ProcessExitedException Ptr QR QRPivoted QuoteNode RandomDevice RankDeficientException Rational RawFD
    ReadOnlyMemoryError Real ReentrantLock Ref Regex RegexMatch RemoteChannel RemoteException
    RoundingMode SHA1_CTX SHA224_CTX SHA256_CTX SHA2_224_CTX SHA2_256_CTX SHA2_384_CTX SHA2_512_CTX
    SHA384_CTX SHA3_224_CTX SHA3_256_CTX SHA3_384_CTX SHA3_512_CTX SHA512_CTX SVD Schur Second
    SegmentationFault Serializer Set SharedArray SharedMatrix SharedVector Signed SimpleLogger
    SingularException Some SparseMatrixCSC SparseVector StackOverflowError StepRange StepRangeLen
    StreamREPL StridedArray StridedMatrix StridedVecOrMat StridedVector String StringIndexError SubArray
    SubString SubstitutionString SymTridiagonal Symbol Symmetric SystemError TCPSocket Task
    TestSetException Text TextDisplay Time TimePeriod TimeType TimeZone Timer Transpose Tridiagonal
    Tuple Type TypeError TypeVar UDPSocket UInt UInt128 UInt16 UInt32 UInt64 UInt8 UTC UUID
    UndefInitializer UndefKeywordError UndefRefError UndefVarError UniformScaling Union UnionAll
    UnitLowerTriangular UnitRange UnitUpperTriangular Unsigned UpgradeLevel UpperTriangular Val Vararg
    VecElement VecOrMat Vector VersionNumber WeakKeyDict WeakRef Week WorkerConfig WorkerPool Year
""".split()
TYPES = r"(?u)\b(?:" + "|".join(TYPE_NAMES) + r")\b"
OPERATORS = (r"\+|=|-|\*|/|\\|&|\||\$|~|\^|%|!|>>>|>>|<<|&&|\|\||\+=|-=|\*=|/=|\\=|÷=|%=|\^=|&=|\|=|\$=|>>>=|"
             r">>=|<<=|==|!=|≠|<=|≤|>=|≥|\.|::|<:|->|\?|\.\*|\.\^|\.\\|\./|\\|<|>|÷|>:|:|===|!==|=>")
NAME = "(?:[^\\W\\d]|[" + category_ranges("Nl", "S") + "])[\\w" + category_ranges("S", "Po") + "!]*"


def _push_after(state, *tokens):
    def callback(lexer, m):
        lexer.groups(*tokens)
        lexer.push(state)
    return callback


class Julia(RegexLexer):
    tag = "julia"
    states = {
        "root": [
            (r"\n", Text),
            (r"[^\S\n]+", Text),
            (r"#=", Comment.Multiline, "blockcomment"),
            (r"#.*$", Comment),
            (OPERATORS, Operator),
            (r"\\\n", Text),
            (r"\\", Text),
            (r"(function|macro)((?:\s|\\\s)+)", _push_after("funcname", Keyword, Name.Function)),
            (r"((?:mutable )?struct|(?:abstract|primitive) type)((?:\s|\\\s)+)",
             _push_after("typename", Keyword, Name.Class)),
            (TYPES, Keyword.Type),
            (r"(?u)(local|global|const)\b", Keyword.Declaration),
            (KEYWORDS, Keyword),
            (BUILTINS, Name.Builtin),
            (r"`.*?`", Literal.String.Backtick),
            (r"'(\\.|\\[0-7]{1,3}|\\x[a-fA-F0-9]{1,3}|\\u[a-fA-F0-9]{1,4}|\\U[a-fA-F0-9]{1,6}|[^\\'\n])'",
             Literal.String.Char),
            (r'(?:[IL])"', Literal.String, "string"),
            (r'[E]?"', Literal.String, "string"),
            (r"@[\w.]+", Name.Decorator),
            (r"(?:[a-zA-Z_\u00A1-\uffff]|[\u1000-\u10ff])(?:[a-zA-Z_0-9\u00A1-\uffff]|[\u1000-\u10ff])*!*", Name),
            (r"[\[\]{}\(\),;]", Other),
            (r"(\d+(_\d+)+\.\d*|\d*\.\d+(_\d+)+)([eEf][+-]?[0-9]+)?", Literal.Number.Float),
            (r"(\d+\.\d*|\d*\.\d+)([eEf][+-]?[0-9]+)?", Literal.Number.Float),
            (r"\d+(_\d+)+[eEf][+-]?[0-9]+", Literal.Number.Float),
            (r"\d+[eEf][+-]?[0-9]+", Literal.Number.Float),
            (r"0b[01]+(_[01]+)+", Literal.Number.Bin),
            (r"0b[01]+", Literal.Number.Bin),
            (r"0o[0-7]+(_[0-7]+)+", Literal.Number.Oct),
            (r"0o[0-7]+", Literal.Number.Oct),
            (r"0x[a-fA-F0-9]+(_[a-fA-F0-9]+)+", Literal.Number.Hex),
            (r"0x[a-fA-F0-9]+", Literal.Number.Hex),
            (r"\d+(_\d+)+", Literal.Number.Integer),
            (r"\d+", Literal.Number.Integer),
        ],
        "funcname": [
            ("(?u)" + NAME, Name.Function, "#pop"),
            (r"\([^\s\w{]{1,2}\)", Operator, "#pop"),
            (r"[^\s\w{]{1,2}", Operator, "#pop"),
        ],
        "typename": [("(?u)" + NAME, Name.Class, "#pop")],
        "stringescape": [
            (r"\\([\\abfnrtv\"']|\n|N\{.*?\}|u[a-fA-F0-9]{4}|U[a-fA-F0-9]{8}|x[a-fA-F0-9]{2}|[0-7]{1,3})",
             Literal.String.Escape),
        ],
        "blockcomment": [
            (r"[^=#]", Comment.Multiline),
            (r"#=", Comment.Multiline, "blockcomment"),
            (r"\=#", Comment.Multiline, "#pop"),
            (r"[=#]", Comment.Multiline),
        ],
        "string": [
            mixin("stringescape"),
            (r'"', Literal.String, "#pop"),
            (r'\\\\|\\"|\\\n', Literal.String.Escape),  # (here for raw strings)
            (r"\$(\(\w+\))?[-#0 +]*([0-9]+|[*])?(\.([0-9]+|[*]))?", Literal.String.Interpol),
            (r'[^\\"$]+', Literal.String),
            (r'["\\]', Literal.String),
            (r"\$", Literal.String),
        ],
    }
