"""Provides the `assessor` command: a thin argparse layer over the library.

Each command group lives in its own module with a `register(subparsers)` function; front ends
are imported inside the command that needs them, so `assessor banks list` never loads Textual.
Problems a user can fix are printed as one line on stderr with exit status 1; wrong usage
exits 2 (argparse's convention).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Sequence
from typing import Any

from assistant import __version__
from assistant.cli import app_cmds, line_cmd
from assistant.cli import assessments as assessments_cmd
from assistant.cli import banks as banks_cmd
from assistant.cli import cycle as cycle_cmd
from assistant.cli import demo as demo_cmd
from assistant.cli import inputs as inputs_cmd
from assistant.cli import practice as practice_cmd
from assistant.cli import report as report_cmd
from assistant.cli import report_texts as report_texts_cmd
from assistant.cli import review as review_cmd
from assistant.cli import search as search_cmd
from assistant.cli import suggest as suggest_cmd
from assistant.cli.output import guarded_output
from assistant.core.errors import AssessorError

COMMAND_MODULES = [
    banks_cmd,
    assessments_cmd,
    inputs_cmd,
    suggest_cmd,
    report_cmd,
    cycle_cmd,
    report_texts_cmd,
    review_cmd,
    search_cmd,
    demo_cmd,
    app_cmds,
    line_cmd,
    practice_cmd,
]


WORKSPACE_HELP = (
    "folder holding sessions/ and exports/ (default: $ASSESSOR_WORKSPACE or the current folder)"
)


def add_global_options(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """Add the options every command takes, before or after its name.

    The top-level parser sets the defaults; a subcommand's copy uses SUPPRESS, so a value given
    before the subcommand is kept unless the same option is given again after it.
    """
    default: object = None if top else argparse.SUPPRESS
    parser.add_argument("--workspace", metavar="DIR", default=default, help=WORKSPACE_HELP)


def _subcommands(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """Every parser below `parser` (commands and their sub-commands), depth first."""
    found: list[argparse.ArgumentParser] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                found.append(child)
                found.extend(_subcommands(child))
    return found


def build_parser() -> argparse.ArgumentParser:
    """Return the parser with every command registered and the global options on each."""
    parser = argparse.ArgumentParser(
        prog="assessor",
        description="Interview assistant for ICSS and ICXS2019 assessments.",
    )
    parser.add_argument("--version", action="version", version=f"assessor {__version__}")
    add_global_options(parser, top=True)
    line_cmd.add_plain_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    for module in COMMAND_MODULES:
        module.register(sub)
    for child in _subcommands(parser):
        if "--workspace" not in child._option_string_actions:
            add_global_options(child, top=False)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "func", None)
    if handler is None and args.top_plain:
        handler = line_cmd.cmd_plain
    if handler is None:
        if not app_cmds.wants_app():
            parser.print_help()
            return 0
        handler = app_cmds.cmd_app
    drives_terminal = handler in (app_cmds.cmd_app, app_cmds.cmd_serve, line_cmd.cmd_plain) or (
        getattr(args, "command", None) in TERMINAL_COMMANDS
    )
    with contextlib.nullcontext() if drives_terminal else guarded_output():
        return _run(handler, args)


TERMINAL_COMMANDS = {"app", "serve", "interview", "line", "plain"}
"""Commands that drive the terminal themselves: their output is not filtered."""


def _run(handler: Any, args: argparse.Namespace) -> int:
    try:
        return int(handler(args) or 0)
    except AssessorError as exc:
        print(f"assessor: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("assessor: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # noqa: BLE001 - last line of defence: one line, never a traceback
        if os.environ.get("ASSESSOR_DEBUG"):
            raise
        print(
            f"assessor: internal error: {type(exc).__name__}: {exc} "
            "(set ASSESSOR_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 70
