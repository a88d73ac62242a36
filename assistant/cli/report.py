"""Provides `assessor report ID --format pdf|html|md|csv|json`: the assessment report, exported.

The report compares with earlier assessments of the same organisation against the same bank
found in the workspace. Exporters are imported inside the command, so nothing else loads
WeasyPrint or markdown-it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant import paths

if TYPE_CHECKING:
    pass
from assistant.services.reporting import FORMATS

if TYPE_CHECKING:
    pass


def register(sub: Any) -> None:
    """Add the `report` command."""
    p = sub.add_parser(
        "report",
        help="write an assessment's report (pdf, html, md, csv, json)",
        description="Write the assessment report: scores, findings with their "
        "evidence, method and history. People appear by role code only.",
    )
    p.add_argument("id", metavar="ID", help="assessment id (see `assessor list`)")
    p.add_argument("--format", choices=FORMATS, default="pdf", help="default: pdf")
    p.add_argument(
        "--out",
        metavar="PATH",
        help="file to write, or - for standard output (default: <workspace>/exports/<id>.<format>)",
    )
    p.add_argument(
        "--redact",
        action="store_true",
        help="leave out departments and sites, also where notes name them",
    )
    p.add_argument(
        "--page-size",
        choices=("a4", "letter"),
        default="a4",
        help="paper size for pdf and html (default: a4)",
    )
    p.add_argument(
        "--working-papers",
        action="store_true",
        help="write the team's internal working papers (follow-ups, lint, overrides) as "
        "Markdown instead: <id>-working-papers.md; never part of the client report",
    )
    add_allow_damaged(p)
    p.set_defaults(func=cmd_report)


def add_allow_damaged(p: argparse.ArgumentParser) -> None:
    """Add --allow-damaged: write even when `check` fails, with a warning on the first page."""
    p.add_argument(
        "--allow-damaged",
        action="store_true",
        help="write it even when `assessor check` finds problems (missing or shortened "
        "files); the problems are listed as a warning on the first page",
    )


def cmd_report(args: argparse.Namespace) -> int:
    """Build the report and write it in the chosen format."""
    from assistant.services.reporting import (
        build,
        export_path,
        integrity_gate,
        render,
    )
    from assistant.store.workspace import Workspace

    ws = Workspace(paths.workspace_root(args.workspace))
    ws.require_root()
    ws.find(args.id)
    damage = integrity_gate(ws, args.id, args.allow_damaged)
    for problem in damage:
        print(f"assessor: warning: {problem}", file=sys.stderr)
    if args.working_papers:
        from assistant.services.reporting import working_papers

        folder = paths.exports_dir(ws.root)
        return _write(
            args.out, folder / f"{args.id}-working-papers.md", working_papers(ws, args.id)
        )
    if args.format == "pdf":
        from assistant.export.pdf import PdfJob

        with PdfJob() as job:  # the renderer starts while the report is built
            report = build(ws, args.id, redact=args.redact, damage=damage)
            payload = render(report, "pdf", args.page_size, job)
    else:
        report = build(ws, args.id, redact=args.redact, damage=damage)
        payload = render(report, args.format, args.page_size)
    default = export_path(paths.exports_dir(ws.root), args.id, args.format, args.redact)
    return _write(args.out, default, payload)


def _write(out: str | None, default: Path, payload: bytes) -> int:
    """Write the export to `out` (`-`: standard output, for a pipe) or the default file."""
    from assistant.services.reporting import write_export

    if out == "-":
        sys.stdout.flush()
        sys.stdout.buffer.write(payload)
        sys.stdout.buffer.flush()
        return 0
    path = Path(out) if out else default
    write_export(path, payload, default_folder=not out)
    print(f"wrote {path}")
    return 0
