"""Provides `assessor` with no command (the Textual app), `assessor app` and `assessor serve`.

Textual and textual-serve are imported inside the commands, so other commands never load them.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from typing import Any

from assistant import paths

DEFAULT_PORT = 8000
SERVE_WARNING = (
    "serve binds to 127.0.0.1 and answers only its own page, opened with the URL below; "
    "anyone on this machine who learns that URL can use the app, so keep it private."
)


def register(sub: Any) -> None:
    """Add the `app` and `serve` commands."""
    p = sub.add_parser(
        "app",
        help="open the interview app (the same as giving no command)",
        description="Open the Textual interview app on the workspace.",
    )
    _app_options(p)
    p.set_defaults(func=cmd_app)
    p = sub.add_parser(
        "serve",
        help="serve the app to a browser on 127.0.0.1 (guarded by a per-run token)",
        description="Serve the interview app to a web browser through textual-serve, on "
        "127.0.0.1 only, at a URL holding a random token made for this run; other web pages "
        "and other host names are refused. " + SERVE_WARNING,
    )
    p.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        metavar="N",
        help=f"port on 127.0.0.1 (default {DEFAULT_PORT})",
    )
    p.add_argument("--open", action="store_true", help="open the URL in the web browser")
    p.set_defaults(func=cmd_serve)


def _app_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--light", action="store_true", help="start with the light theme")
    p.add_argument(
        "--as",
        dest="who",
        metavar="NAME",
        default="",
        help="your name as the assessor (default: the assessment's lead assessor)",
    )


def wants_app() -> bool:
    """True when a bare `assessor` should open the app: a terminal, or textual-serve's driver."""
    return sys.stdin.isatty() and sys.stdout.isatty() or bool(os.environ.get("TEXTUAL_DRIVER"))


def cmd_app(args: argparse.Namespace) -> int:
    """Open the interview app on the workspace."""
    from assistant.tui.app import create_app

    root = paths.workspace_root(args.workspace)
    app = create_app(
        root, who=getattr(args, "who", "") or "", dark=not getattr(args, "light", False)
    )
    app.run()
    return int(app.return_code or 0)


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the app to a browser on 127.0.0.1."""
    from assistant.cli.serve import GuardedServer
    from assistant.core.errors import AssessorError

    if not 0 < args.port < 65536:
        raise AssessorError(f"--port: {args.port} is not a port (1-65535)")
    root = paths.workspace_root(args.workspace)
    command = f"{shlex.quote(sys.executable)} -m assistant --workspace {shlex.quote(str(root))}"
    from functools import partial

    from assistant.tui.preview import first_screen_svg

    server = GuardedServer(
        command, args.port, title="Assessor", preview=partial(first_screen_svg, root)
    )
    print(f"assessor: {SERVE_WARNING}", file=sys.stderr)
    print(f"assessor: open {server.url()} (ctrl+c stops)", file=sys.stderr)
    if args.open:
        import webbrowser

        webbrowser.open(server.url())
    server.serve()
    return 0
