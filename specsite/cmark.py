"""cmark-gfm rendering without the leak of cmarkgfm's convenience wrapper.

cmarkgfm's `markdown_to_html_with_extensions` never frees the document tree nor the rendered
string (about 100 KB per page: 230 MB over 2,000 pages). We drive the same C functions and
free both, through symbols the extension module exports.
"""
from __future__ import annotations

import ctypes

import cmarkgfm
from cmarkgfm import _cmark
from cmarkgfm.cmark import core_extensions_ensure_registered, find_syntax_extension

# ctypes, not a second cffi FFI: cffi's cdef() parser (pycparser) costs 15 ms of start-up.
try:
    _own = ctypes.CDLL(_cmark.__file__)
    _libc = ctypes.CDLL(None)
    _own.cmark_node_free.argtypes = [ctypes.c_void_p]
    _own.cmark_node_free.restype = None
    _libc.free.argtypes = [ctypes.c_void_p]
    _libc.free.restype = None
except (OSError, AttributeError):  # pragma: no cover - other builds of cmarkgfm
    _own = _libc = None

_lib, _cffi = _cmark.lib, _cmark.ffi


def _foreign(ptr) -> int:
    return int(_cffi.cast("uintptr_t", ptr))


class CmarkRenderer:
    def __init__(self, options: int, extensions):
        core_extensions_ensure_registered()
        self.options = options
        self.extension_names = list(extensions)
        self.extensions = [find_syntax_extension(name) for name in extensions]

    def __call__(self, text: str) -> str:
        if _own is None:
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
                _libc.free(_foreign(raw))
                _own.cmark_node_free(_foreign(root))
        finally:
            _lib.cmark_parser_free(parser)
