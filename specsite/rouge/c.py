"""Rouge 3.30's C lexer (rouge/lexers/c.rb): a function's return type and signature recursed."""
from .engine import RegexLexer, mixin
from .tokens import Comment, Error, Keyword, Name, Num, Operator, Punctuation, Str, Text

ID = r"[a-zA-Z_][a-zA-Z0-9_]*"
WS = r"(?-s:(?:\s|//.*?\n|/[*].*?[*]/)+)"  # (interpolated: its own flags, no /m)
KEYWORDS = frozenset("""auto break case const continue default do else enum extern
    for goto if register restricted return sizeof static struct
    switch typedef union volatile virtual while
    _Alignas _Alignof _Atomic _Generic _Imaginary
    _Noreturn _Static_assert _Thread_local""".split())
KEYWORDS_TYPE = frozenset("""int long float short double char unsigned signed void
    jmp_buf FILE DIR div_t ldiv_t mbstate_t sig_atomic_t fpos_t
    clock_t time_t va_list size_t ssize_t off_t wchar_t ptrdiff_t
    wctrans_t wint_t wctype_t
    _Bool _Complex int8_t int16_t int32_t int64_t
    uint8_t uint16_t uint32_t uint64_t int_least8_t
    int_least16_t int_least32_t int_least64_t
    uint_least8_t uint_least16_t uint_least32_t
    uint_least64_t int_fast8_t int_fast16_t int_fast32_t
    int_fast64_t uint_fast8_t uint_fast16_t uint_fast32_t
    uint_fast64_t intptr_t uintptr_t intmax_t
    uintmax_t
    char16_t char32_t""".split())
RESERVED = frozenset("""__asm __int8 __based __except __int16 __stdcall __cdecl
    __fastcall __int32 __declspec __finally __int61 __try __leave
    inline _inline __inline naked _naked __naked restrict _restrict
    __restrict thread _thread __thread typename _typename __typename""".split())


def _word(lexer, m):
    name, words = m.group(), type(lexer)  # (self.class.keywords …: a subclass adds words)
    lexer.token(Keyword if name in words.KEYWORDS else Keyword.Type if name in words.KEYWORDS_TYPE
                else Keyword.Reserved if name in words.RESERVED else Name.Builtin if name in words.BUILTINS
                else Name)


def _function(lexer, m):
    lexer.recurse(m.group(1))
    lexer.token(Name.Function, m.group(2))
    lexer.recurse(m.group(3))
    lexer.recurse(m.group(4))
    lexer.token(Punctuation, m.group(5))
    if m.group(5) == "{":
        lexer.push("function")


def _groups(*tokens):
    return lambda lexer, m: lexer.groups(*tokens)


class C(RegexLexer):
    tag = "c"
    KEYWORDS, KEYWORDS_TYPE, RESERVED, BUILTINS = KEYWORDS, KEYWORDS_TYPE, RESERVED, frozenset()

    def start(self):
        self.push("bol")

    states = {
        "expr_bol": [
            mixin("inline_whitespace"),
            (r"#if\s0", Comment, "if_0"),
            (r"#", Comment.Preproc, "macro"),
            (r"", lambda lexer, m: lexer.pop()),
        ],
        "bol": [
            (ID + r":(?!:)", Name.Label),
            mixin("expr_bol"),
        ],
        "inline_whitespace": [
            (r"[ \t\r]+", Text),
            (r"\\\n", Text),  # (a line continuation)
            (r"(?s)/(\\\n)?[*].*?[*](\\\n)?/", Comment.Multiline),
        ],
        "whitespace": [
            (r"(?s)\n+", Text, "bol"),
            (r"//(\\.|.)*?$", Comment.Single, "bol"),
            mixin("inline_whitespace"),
        ],
        "expr_whitespace": [
            (r"(?s)\n+", Text, "expr_bol"),
            mixin("whitespace"),
        ],
        "statements": [
            mixin("whitespace"),
            (r'(u8|u|U|L)?"', Str, "string"),
            (r"(?i)(u8|u|U|L)?'(\\.|\\[0-7]{1,3}|\\x[a-f0-9]{1,2}|[^\\'\n])'", Str.Char),
            (r"(?i)(\d+[.]\d*|[.]?\d+)e[+-]?\d+[lu]*", Num.Float),
            (r"(?i)\d+e[+-]?\d+[lu]*", Num.Float),
            (r"(?i)0x[0-9a-f]+[lu]*", Num.Hex),
            (r"(?i)0[0-7]+[lu]*", Num.Oct),
            (r"(?i)\d+[lu]*", Num.Integer),
            (r"\*/", Error),
            (r"[~!%^&*+=\|?:<>/-]", Operator),
            (r"[()\[\],.;]", Punctuation),
            (r"\bcase\b", Keyword, "case"),
            (r"(?:true|false|NULL)\b", Name.Builtin),
            (ID, _word),
        ],
        "case": [
            (r":", Punctuation, "#pop"),
            mixin("statements"),
        ],
        "root": [
            mixin("expr_whitespace"),
            (r"(?sx)([\w*\s]+?[\s*])(" + ID + r")(\s*\([^;]*?\))(" + WS + r"?)(\{|;)", _function),
            (r"\{", Punctuation, "function"),
            mixin("statements"),
        ],
        "function": [
            mixin("whitespace"),
            mixin("statements"),
            (r";", Punctuation),
            (r"\{", Punctuation, "function"),
            (r"\}", Punctuation, "#pop"),
        ],
        "string": [
            (r'"', Str, "#pop"),
            (r"""\\([\\abfnrtv"']|x[a-fA-F0-9]{2,4}|[0-7]{1,3})""", Str.Escape),
            (r'[^\\"\n]+', Str),
            (r"\\\n", Str),
            (r"\\", Str),  # (a stray backslash)
        ],
        "macro": [
            mixin("include"),
            (r"[^/\n\\]+", Comment.Preproc),
            (r"(?s)\\.", Comment.Preproc),
            mixin("inline_whitespace"),
            (r"/", Comment.Preproc),
            (r"\n", Comment.Preproc, "#pop"),
        ],
        "include": [
            (r"(include)(\s*)(<[^>]+>)([^\n]*)", _groups(Comment.Preproc, Text, Comment.PreprocFile, Comment.Single)),
            (r'(include)(\s*)("[^"]+")([^\n]*)', _groups(Comment.Preproc, Text, Comment.PreprocFile, Comment.Single)),
        ],
        "if_0": [
            (r"^\s*#if", Comment, "if_0"),
            (r"^\s*#\s*el(?:se|if)", Comment, "#pop"),
            (r"(?s)^\s*#\s*endif\b.*?(?<!\\)\n", Comment, "#pop"),
            (r".*?\n", Comment),
        ],
    }


DQ = r"(?:\d('?\d)*)"  # (digits with optional inner quotes; an interpolated regex is a group)


class Cpp(C):
    """Rouge's C++ lexer (cpp.rb): C's states with rules prepended, its own `case`, `classname`, `template`."""

    tag = "cpp"
    KEYWORDS = KEYWORDS | frozenset("""asm auto catch char8_t concept
        consteval constexpr constinit const_cast co_await co_return co_yield
        delete dynamic_cast explicit export friend
        mutable namespace new operator private protected public
        reinterpret_cast requires restrict size_of static_cast this throw throws
        typeid typename using virtual final override
        alignas alignof decltype noexcept static_assert
        thread_local try""".split())
    KEYWORDS_TYPE = KEYWORDS_TYPE | {"bool"}
    RESERVED = RESERVED | frozenset("""__virtual_inheritance __uuidof __super __single_inheritance
        __multiple_inheritance __interface __event""".split())
    states = {
        **C.states,
        "root": [(r"(?:__offload|__blockingoffload|__outer)\b", Keyword.Pseudo), *C.states["root"]],
        "statements": [
            (r"(class|struct)\b", Keyword, "classname"),
            (r"template\b", Keyword, "template"),
            (DQ + r"(\." + DQ + r")?(?:y|d|h|(?:min)|s|(?:ms)|(?:us)|(?:ns)|i|(?:if)|(?:il))\b", Num.Other),
            (r"(?i)(" + DQ + r"[.]" + DQ + r"?|[.]" + DQ + r")(e[+-]?" + DQ + r"[lu]*)?", Num.Float),
            (r"(?i)" + DQ + r"e[+-]?" + DQ + r"[lu]*", Num.Float),
            (r"(?i)0x[0-9a-fA-F]('?[0-9a-fA-F])*[lu]*", Num.Hex),
            (r"0b[01]+('[01]+)*", Num.Bin),
            (r"(?i)0[0-7]('?[0-7])*[lu]*", Num.Oct),
            (r"(?i)" + DQ + r"[lu]*", Num.Integer),
            (r"\bnullptr\b", Name.Builtin),
            (r"(?s)(?:u8|u|U|L)?R\"([a-zA-Z0-9_{}\[\]#<>%:;.?*\+\-/\^&|~!=,\"']{0,16})\(.*?\)\1\"", Str),
            (r"(::|<=>)", Operator),
            (r"[{}]", Punctuation),
            *C.states["statements"],
        ],
        "classname": [
            (ID, Name.Class, "#pop"),
            mixin("whitespace"),  # (template specification)
            (r"[.]{3}", Operator),
            (r",", Punctuation, "#pop"),
            (r"", lambda lexer, m: lexer.pop()),
        ],
        "template": [
            (r"[>;]", Punctuation, "#pop"),
            (r"typename\b", Keyword, "classname"),
            mixin("statements"),
        ],
        "case": [
            (r":(?!:)", Punctuation, "#pop"),
            mixin("statements"),
        ],
    }



class CUDA(Cpp):
    """Rouge's CUDA lexer (cuda.rb): C++ with more words."""

    tag = "cuda"
    KEYWORDS = Cpp.KEYWORDS | frozenset("""__global__ __device__ __host__ __noinline__ __forceinline__
        __constant__ __shared__ __managed__ __restrict__""".split())
    KEYWORDS_TYPE = Cpp.KEYWORDS_TYPE | frozenset("""char1 char2 char3 char4 uchar1 uchar2 uchar3 uchar4
        short1 short2 short3 short4 ushort1 ushort2 ushort3 ushort4
        int1 int2 int3 int4 uint1 uint2 uint3 uint4
        long1 long2 long3 long4 ulong1 ulong2 ulong3 ulong4
        longlong1 longlong2 longlong3 longlong4
        ulonglong1 ulonglong2 ulonglong3 ulonglong4
        float1 float2 float3 float4 double1 double2 double3 double4
        dim3""".split())

class Glsl(C):
    """Rouge's GLSL lexer (glsl.rb): C with its own words (printed from Rouge)."""

    tag = "glsl"
    KEYWORDS = frozenset("""attribute const uniform varying layout centroid flat smooth noperspective patch sample break
        continue do for while switch case default if else subroutine in out inout invariant
        discard return struct precision""".split())
    KEYWORDS_TYPE = frozenset("""float double int void bool true false lowp mediump highp mat2 mat3 mat4 dmat2 dmat3 dmat4 mat2x2
        mat2x3 mat2x4 dmat2x2 dmat2x3 dmat2x4 mat3x2 mat3x3 mat3x4 dmat3x2 dmat3x3 dmat3x4
        mat4x2 mat4x3 mat4x4 dmat4x2 dmat4x3 dmat4x4 vec2 vec3 vec4 ivec2 ivec3 ivec4 bvec2
        bvec3 bvec4 dvec2 dvec3 dvec4 uint uvec2 uvec3 uvec4 sampler1D sampler2D sampler3D
        samplerCube sampler1DShadow sampler2DShadow samplerCubeShadow sampler1DArray
        sampler2DArray sampler1DArrayShadow sampler2DArrayShadow isampler1D isampler2D
        isampler3D isamplerCube isampler1DArray isampler2DArray usampler1D usampler2D usampler3D
        usamplerCube usampler1DArray usampler2DArray sampler2DRect sampler2DRectShadow
        isampler2DRect usampler2DRect samplerBuffer isamplerBuffer usamplerBuffer sampler2DMS
        isampler2DMS usampler2DMS sampler2DMSArray isampler2DMSArray usampler2DMSArray
        samplerCubeArray samplerCubeArrayShadow isamplerCubeArray usamplerCubeArray""".split())
    RESERVED = frozenset("""common partition active asm class union enum typedef template this packed goto inline noinline
        volatile public static extern external interface long short half fixed unsigned superp
        input output hvec2 hvec3 hvec4 fvec2 fvec3 fvec4 sampler3DRect filter image1D image2D
        image3D imageCube iimage1D iimage2D iimage3D iimageCube uimage1D uimage2D uimage3D
        uimageCube image1DArray image2DArray iimage1DArray iimage2DArray uimage1DArray
        uimage2DArray image1DShadow image2DShadow image1DArrayShadow image2DArrayShadow
        imageBuffer iimageBuffer uimageBuffer sizeof cast namespace using row_major""".split())
    BUILTINS = frozenset("""gl_VertexID gl_InstanceID gl_PerVertex gl_Position gl_PointSize gl_ClipDistance gl_PrimitiveIDIn
        gl_InvocationID gl_PrimitiveID gl_Layer gl_ViewportIndex gl_MaxPatchVertices
        gl_PatchVerticesIn gl_TessLevelOuter gl_TessLevelInner gl_TessCoord gl_FragCoord
        gl_FrontFacing gl_PointCoord gl_SampleID gl_SamplePosition gl_FragColor gl_FragData
        gl_MaxDrawBuffers gl_FragDepth gl_SampleMask gl_ClipVertex gl_FrontColor gl_BackColor
        gl_FrontSecondaryColor gl_BackSecondaryColor gl_TexCoord gl_FogFragCoord gl_Color
        gl_SecondaryColor gl_Normal gl_MultiTexCord0 gl_MultiTexCord1 gl_MultiTexCord2
        gl_MultiTexCord3 gl_MultiTexCord4 gl_MultiTexCord5 gl_MultiTexCord6 gl_MultiTexCord7
        gl_FogCoord gl_MaxVertexAttribs gl_MaxVertexUniformComponents gl_MaxVaryingFloats
        gl_MaxVaryingComponents gl_MaxVertexOutputComponents gl_MaxGeometryInputComponents
        gl_MaxGeometryOutputComponents gl_MaxFragmentInputComponents
        gl_MaxVertexTextureImageUnits gl_MaxCombinedTextureImageUnits gl_MaxTextureImageUnits
        gl_MaxFragmentUniformComponents gl_MaxClipDistances gl_MaxGeometryTextureImageUnits
        gl_MaxGeometryUniformComponents gl_MaxGeometryVaryingComponents
        gl_MaxTessControlInputComponents gl_MaxTessControlOutputComponents
        gl_MaxTessControlTextureImageUnits gl_MaxTessControlUniformComponents
        gl_MaxTessControlTotalOutputComponents gl_MaxTessEvaluationInputComponents
        gl_MaxTessEvaluationOutputComponents gl_MaxTessEvaluationTextureImageUnits
        gl_MaxTessEvaluationUniformComponents gl_MaxTessPatchComponents gl_MaxTessGenLevel
        gl_MaxViewports gl_MaxVertexUniformVectors gl_MaxFragmentUniformVectors
        gl_MaxVaryingVectors gl_MaxTextureUnits gl_MaxTextureCoords gl_MaxClipPlanes
        gl_DepthRange gl_DepthRangeParameters gl_ModelViewMatrix gl_ProjectionMatrix
        gl_ModelViewProjectionMatrix gl_TextureMatrix gl_NormalMatrix gl_ModelViewMatrixInverse
        gl_ProjectionMatrixInverse gl_ModelViewProjectionMatrixInverse gl_TextureMatrixInverse
        gl_ModelViewMatrixTranspose gl_ModelViewProjectionMatrixTranspose
        gl_TextureMatrixTranspose gl_ModelViewMatrixInverseTranspose
        gl_ProjectionMatrixInverseTranspose gl_ModelViewProjectionMatrixInverseTranspose
        gl_TextureMatrixInverseTranspose gl_NormalScale gl_ClipPlane gl_PointParameters gl_Point
        gl_MaterialParameters gl_FrontMaterial gl_BackMaterial gl_LightSourceParameters
        gl_LightSource gl_MaxLights gl_LightModelParameters gl_LightModel gl_LightModelProducts
        gl_FrontLightModelProduct gl_BackLightModelProduct gl_LightProducts gl_FrontLightProduct
        gl_BackLightProduct gl_TextureEnvColor gl_EyePlaneS gl_EyePlaneT gl_EyePlaneR
        gl_EyePlaneQ gl_ObjectPlaneS gl_ObjectPlaneT gl_ObjectPlaneR gl_ObjectPlaneQ
        gl_FogParameters gl_Fog""".split())
