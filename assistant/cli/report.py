"""Provides `assessor report ID --format pdf|html|md|csv|json`: the assessment report, exported.

The report compares with earlier assessments of the same organisation against the same bank
found in the workspace. Exporters are imported inside the command, so nothing else loads
WeasyPrint or markdown-it.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant import paths
from assistant.core.bankfile import find_bank
from assistant.core.errors import AssessorError
from assistant.core.model import AssessmentData

if TYPE_CHECKING:
    from assistant.core.report_model import Report
    from assistant.export.pdf import PdfJob
    from assistant.store.workspace import Workspace

FORMATS = ("pdf", "html", "md", "csv", "json")


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
        "--out", metavar="PATH", help="file to write (default: <workspace>/exports/<id>.<format>)"
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
    p.set_defaults(func=cmd_report)


def earlier_assessments(ws: Workspace, data: AssessmentData) -> list[AssessmentData]:
    """Return the workspace's other assessments of the same organisation and bank."""
    org = data.assessment.organisation.casefold().strip()
    out: list[AssessmentData] = []
    for listing in ws.list_assessments():
        if (
            listing.id == data.assessment.id
            or listing.bank_id != data.assessment.bank.id
            or listing.organisation.casefold().strip() != org
        ):
            continue
        try:
            out.append(ws.load(listing.id))
        except AssessorError:
            continue
    return out


def build(ws: Workspace, assessment_id: str, redact: bool = False) -> Report:
    """Load an assessment and its bank and build its report."""
    from assistant.core.report import build_report

    data = ws.load(assessment_id)
    loaded = find_bank(data.assessment.bank.id, paths.bank_dirs(ws.root))
    return build_report(loaded.bank, data, earlier_assessments(ws, data), redact=redact)


def render(report: Report, fmt: str, page_size: str = "a4", job: PdfJob | None = None) -> bytes:
    """Return a report in one of FORMATS as bytes (a started `PdfJob` prints a PDF)."""
    if fmt == "pdf":
        from assistant.export.html import to_html
        from assistant.export.pdf import html_to_pdf

        html = to_html(report, page_size)
        return job.render(html) if job is not None else html_to_pdf(html)
    if fmt == "html":
        from assistant.export.html import to_html

        return to_html(report, page_size).encode("utf-8")
    if fmt == "md":
        from assistant.export.markdown import to_markdown

        return to_markdown(report).encode("utf-8")
    from assistant.export.tabular import to_csv, to_json

    return (to_csv(report) if fmt == "csv" else to_json(report)).encode("utf-8")


def write_export(out: Path, payload: bytes, default_folder: bool) -> None:
    """Write atomically; an unwritable path becomes one clear AssessorError line."""
    from assistant.store.errors import SaveError
    from assistant.store.files import make_dir
    from assistant.store.storage import atomic_write_bytes

    try:
        if default_folder:
            make_dir(out.parent)
        elif not out.parent.is_dir():
            raise SaveError(str(out), f"no such folder {out.parent}")
        atomic_write_bytes(out, payload)
    except OSError as exc:
        raise SaveError(str(out), exc.strerror or str(exc)) from None


def cmd_report(args: argparse.Namespace) -> int:
    """Build the report and write it in the chosen format."""
    from assistant.store.workspace import Workspace

    ws = Workspace(paths.workspace_root(args.workspace))
    ws.require_root()
    ws.find(args.id)
    if args.format == "pdf":
        from assistant.export.pdf import PdfJob

        with PdfJob() as job:  # the renderer starts while the report is built
            payload = render(build(ws, args.id, redact=args.redact), "pdf", args.page_size, job)
    else:
        payload = render(build(ws, args.id, redact=args.redact), args.format, args.page_size)
    suffix = "-redacted" if args.redact else ""
    out = (
        Path(args.out)
        if args.out
        else (paths.exports_dir(ws.root) / f"{args.id}{suffix}.{args.format}")
    )
    write_export(out, payload, default_folder=not args.out)
    print(f"wrote {out}")
    return 0
