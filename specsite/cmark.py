"""cmark-gfm rendering without the leak of cmarkgfm's convenience wrapper.

cmarkgfm's `markdown_to_html_with_extensions` never frees the document tree nor the rendered
string (about 100 KB per page: 230 MB over 2,000 pages). We drive the same C functions and
free both, through symbols the extension module exports.
"""
from __future__ import annotations

import _cffi_backend
import cmarkgfm
from cmarkgfm import _cmark
from cmarkgfm.cmark import core_extensions_ensure_registered, find_syntax_extension

_lib, _cffi = _cmark.lib, _cmark.ffi

# The two functions looked up with cffi's own library loader (the one its ABI mode uses), typed
# by cmarkgfm's compiled FFI: not a second FFI (its cdef() parser, pycparser, costs 15 ms of
# start-up) nor ctypes (2 ms to import).
try:
    _VOID_FUNCTION = _cffi.typeof("void(*)(void *)")
    _free = _cffi_backend.load_library(None).load_function(_VOID_FUNCTION, "free")
    _node_free = _cffi_backend.load_library(_cmark.__file__).load_function(_VOID_FUNCTION, "cmark_node_free")
except (OSError, AttributeError, TypeError, _cffi.error):  # pragma: no cover - other builds of cmarkgfm
    _free = _node_free = None


class CmarkRenderer:
    def __init__(self, options: int, extensions):
        core_extensions_ensure_registered()
        self.options = options
        self.extension_names = list(extensions)
        self.extensions = [find_syntax_extension(name) for name in extensions]

    def __call__(self, text: str) -> str:
        if _node_free is None:
            return cmarkgfm.markdown_to_html_with_extensions(text, self.options, self.extension_names)
        parser = _lib.cmark_parser_new(self.options)
        try:
            for extension in self.extensions:
                _lib.cmark_parser_attach_syntax_extension(parser, extension)
            data = text.encode("utf-8")
            _lib.cmark_parser_feed(parser, data, len(data))
            root = _lib.cmark_parser_finish(parser)
            raw = _lib.cmark_render_html(root, self.options, _lib.cmark_parser_get_syntax_extensions(parser))
            try:
                return _cffi.string(raw).decode("utf-8")
            finally:
                _free(raw)
                _node_free(root)
        finally:
            _lib.cmark_parser_free(parser)
