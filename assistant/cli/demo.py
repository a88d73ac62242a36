"""Provides `assessor demo`: builds a complete fictional assessment and writes its PDF.

The builder is `assistant.services.demo`; it is imported only when the command runs.
"""

from __future__ import annotations

import argparse
from typing import Any

from assistant import paths


def register(sub: Any) -> None:
    """Add the `demo` command."""
    p = sub.add_parser(
        "demo",
        help="build a complete fictional assessment and its PDF report",
        description="Create a fictional council's assessment (and last year's, for "
        "the history section) from the scripts in examples/demo, then write its "
        "PDF report into the workspace's exports/ folder.",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="replace an earlier demo of the same council in this workspace",
    )
    p.set_defaults(func=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    """Build the demo and write its PDF report."""
    from assistant.export.pdf import PdfJob
    from assistant.services.demo import run_demo
    from assistant.services.reporting import build, export_path, render, write_export
    from assistant.store.workspace import Workspace

    root = paths.workspace_root(getattr(args, "workspace", None))
    with PdfJob() as job:  # WeasyPrint loads in the child while the demo is built
        current_id, previous_id = run_demo(root, force=args.force)
        ws = Workspace(root)
        payload = render(build(ws, current_id), "pdf", job=job)
    out = export_path(paths.exports_dir(root), current_id, "pdf")
    write_export(out, payload, default_folder=True)
    print(f"built {current_id} (and last year's {previous_id}) in {root}")
    print(f"wrote {out}")
    print(f"try: assessor --workspace {root} report {current_id} --format md")
    return 0
