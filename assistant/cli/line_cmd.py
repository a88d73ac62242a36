"""Provides `assessor interview [--plain] [ID]` and `assessor --plain`: the accessible line mode.

The line mode (`assistant.line`) is imported inside the command, and it never loads Textual.
Without `--plain`, `assessor interview` opens the full-screen app when it can (a terminal), and
the line mode otherwise (input from a pipe or a file).
"""

from __future__ import annotations

import argparse
from typing import Any

from assistant import paths

PLAIN_HELP = (
    "plain line mode for screen readers, braille displays and slow links: "
    "no full-screen display, one line per message"
)


def register(sub: Any) -> None:
    """Add the `interview` command."""
    p = sub.add_parser(
        "interview",
        help="run an interview (--plain: the accessible line mode)",
        description="Run an interview. With --plain, in the accessible line mode: questions, "
        "probes and notices as plain lines with a role prefix; answers end with Enter on an "
        "empty line. Without --plain, the full-screen app opens.",
    )
    p.add_argument(
        "assessment",
        nargs="?",
        metavar="ID",
        help="assessment to open (default: choose from a list, or create one)",
    )
    p.add_argument("--plain", action="store_true", help=PLAIN_HELP)
    p.add_argument(
        "--as",
        dest="who",
        metavar="NAME",
        default="",
        help="your name as the assessor (default: the assessment's lead assessor)",
    )
    p.set_defaults(func=cmd_interview)


def add_plain_option(parser: argparse.ArgumentParser) -> None:
    """Add the top-level `--plain` option (`assessor --plain` opens the line mode)."""
    parser.add_argument("--plain", dest="top_plain", action="store_true", help=PLAIN_HELP)


def cmd_interview(args: argparse.Namespace) -> int:
    """Run the line mode with --plain (or a top-level --plain); otherwise open the app."""
    from assistant.cli import app_cmds

    if not (args.plain or getattr(args, "top_plain", False)) and app_cmds.wants_app():
        return app_cmds.cmd_app(args)
    return cmd_plain(args)


def cmd_plain(args: argparse.Namespace) -> int:
    """Run the accessible line mode on the workspace."""
    from assistant.line.repl import run

    root = paths.workspace_root(args.workspace)
    return run(root, getattr(args, "assessment", None), who=getattr(args, "who", "") or "")
