"""`serve`: the preview on 127.0.0.1 (unless --host says otherwise), rebuilt on save."""
from __future__ import annotations

from ..errors import ExitCode, check_source
from .args import add_parser, port, source_arg, theme_arg, unsafe_arg


def register(subparsers) -> None:
    p = add_parser(subparsers, "serve", "preview: build, serve on localhost, rebuild on save, reload tabs")
    source_arg(p)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=port, default=4000, help="port (default 4000; 0 picks a free one)")
    p.add_argument("--open", action="store_true", help="open the site in a browser")
    p.add_argument("--drafts", action="store_true", help="include draft releases, marked as drafts")
    theme_arg(p)
    unsafe_arg(p)


def run(args) -> ExitCode:
    from ..serve import serve  # the build and the server load when the command runs
    check_source(args.source)
    return serve(args.source, host=args.host, port=args.port, open_browser=args.open,
                 drafts=args.drafts, theme=args.theme, unsafe=args.unsafe)
