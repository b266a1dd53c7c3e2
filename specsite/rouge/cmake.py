"""Rouge 3.30's CMake lexer (rouge/lexers/cmake.rb): plain text takes the token of the state it is
in (STATES_MAP); a bracket closes only at its own length."""
from .engine import RegexLexer, mixin
from .tokens import Comment, Name, Punctuation, Str, Text

SPACE = "[ \\t]"
BRACKET_OPEN = r"\[=*\["
STATES_MAP = {"root": Text, "bracket_string": Str.Double, "quoted_argument": Str.Double,
              "bracket_comment": Comment.Multiline, "variable_reference": Name.Variable}
BUILTIN_COMMANDS = frozenset("""
    add_compile_definitions add_compile_options add_custom_command add_custom_target add_definitions 
    add_dependencies add_executable add_library add_link_options add_subdirectory add_test 
    aux_source_directory break build_command build_name cmake_host_system_information cmake_language 
    cmake_minimum_required cmake_parse_arguments cmake_policy configure_file create_test_sourcelist 
    define_property else elseif enable_language enable_testing endforeach endfunction endif endmacro 
    endwhile exec_program execute_process export export_library_dependencies file find_file find_library 
    find_package find_path find_program fltk_wrap_ui foreach function get_cmake_property 
    get_directory_property get_filename_component get_property get_source_file_property get_target_property 
    get_test_property if include include_directories include_external_msproject include_guard 
    include_regular_expression install install_files install_programs install_targets link_directories 
    link_libraries list load_cache load_command macro make_directory mark_as_advanced math message option 
    output_required_files project qt_wrap_cpp qt_wrap_ui remove remove_definitions return separate_arguments 
    set set_directory_properties set_property set_source_files_properties set_target_properties 
    set_tests_properties site_name source_group string subdir_depends subdirs target_compile_definitions 
    target_compile_features target_compile_options target_include_directories target_link_directories 
    target_link_libraries target_link_options target_precompile_headers target_sources try_compile try_run 
    unset use_mangled_mesa utility_source variable_requires variable_watch while write_file
""".split())


def _default(state):
    """The `default` mixin of a state: a line end or a character as the state's own token (Rouge
    looks STATES_MAP up by the current state's name; here each state has its rules with it)."""
    return [(r"\r\n?|\n", STATES_MAP[state]), (r".", STATES_MAP[state])]


def _interpolation(lexer, m):
    lexer.token(Str.Interpol)
    lexer.push("variable_reference")


def _bracket_close(lexer, m):
    lexer.token(STATES_MAP[lexer.stack[-1]])
    if len(m.group()) == lexer.bracket_len:
        lexer.goto("root")


def _bracket_comment(lexer, m):
    lexer.token(Comment.Multiline)
    lexer.bracket_len = len(m.group()) - 1  # (the '#' not counted)
    lexer.goto("bracket_comment")


def _bracket_string(lexer, m):
    lexer.token(Str.Double)
    lexer.bracket_len = len(m.group())
    lexer.goto("bracket_string")


def _command(lexer, m):
    lexer.groups(Name.Builtin if m.group(1) in BUILTIN_COMMANDS else Name.Function, Text, Punctuation)


class CMake(RegexLexer):
    tag = "cmake"
    bracket_len = None
    states = {
        "variable_interpolation": [(r"\$\{", _interpolation)],
        "bracket_close": [(r"\]=*\]", _bracket_close)],
        "root": [
            mixin("variable_interpolation"),
            (SPACE, Text),
            (r"[()]", Punctuation),
            (r"#" + BRACKET_OPEN, _bracket_comment),
            (BRACKET_OPEN, _bracket_string),
            (r'\\"', Text),
            (r'"', Str.Double, "quoted_argument"),
            (r"([A-Za-z_][A-Za-z0-9_]*)(" + SPACE + r"*)(\()", _command),
            (r"#.*", Comment.Single),
            *_default("root"),
        ],
        "bracket_string": [mixin("bracket_close"), mixin("variable_interpolation"), *_default("bracket_string")],
        "bracket_comment": [mixin("bracket_close"), *_default("bracket_comment")],
        "variable_reference": [
            mixin("variable_interpolation"),
            (r"}", Str.Interpol, "#pop"),
            *_default("variable_reference"),
        ],
        "quoted_argument": [
            mixin("variable_interpolation"),
            (r'"', Str.Double, "root"),
            (r'\\[()#" \\$@^trn;]', Str.Escape),
            *_default("quoted_argument"),
        ],
    }
