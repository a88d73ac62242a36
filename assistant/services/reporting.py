"""Provides the report as the app and the command line produce it: build, render, name, write.

One place composes the workspace (store), the report model (core) and the exporters (export),
so `assessor report`, `assessor demo` and the app's Report screen make the same files with the
same names.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from assistant import paths
from assistant.core.errors import AssessorError

if TYPE_CHECKING:
    from assistant.core.model import AssessmentData
    from assistant.core.report.model import Report
    from assistant.export.pdf import PdfJob
    from assistant.store.workspace import Workspace

FORMATS: dict[str, str] = {
    "pdf": "PDF",
    "html": "HTML",
    "md": "Markdown",
    "csv": "CSV",
    "json": "JSON",
}
"""Export formats: file extension -> name shown to the user."""


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


def build(
    ws: Workspace, assessment_id: str, redact: bool = False, damage: list[str] | None = None
) -> Report:
    """Load an assessment and its bank and build its report, with earlier assessments.

    `damage` (from `integrity_gate`) is shown as a warning on the report's first page.
    """
    from assistant.core.bank.loader import find_bank
    from assistant.core.report.builder import build_report

    data = ws.load(assessment_id)
    loaded = find_bank(data.assessment.bank.id, paths.bank_dirs(ws.root))
    report = build_report(loaded.bank, data, earlier_assessments(ws, data), redact=redact)
    if damage:
        cover = report.cover.model_copy(update={"damage": list(damage)})
        report = report.model_copy(update={"cover": cover})
    return report


class DamagedAssessmentError(AssessorError):
    """`report` or `export` of an assessment that `check` would fail."""


def integrity_gate(ws: Workspace, assessment_id: str, allow_damaged: bool) -> list[str]:
    """Return `check`'s problems for an assessment; refuse unless `allow_damaged`.

    A report of an assessment with a missing interview would silently count fewer interviews,
    so it is refused with one line saying what `check` found; with `allow_damaged` the problems
    come back to be shown on the first page.
    """
    from assistant.store.check import check_assessment

    ws.find(assessment_id)  # an unknown id is its own error, not an integrity problem
    problems = check_assessment(ws, assessment_id, paths.bank_dirs(ws.root)).problems
    if problems and not allow_damaged:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise DamagedAssessmentError(
            f"{assessment_id} fails its integrity check: {problems[0]}{more}; see "
            f"`assessor check {assessment_id}`, or pass --allow-damaged to write it anyway "
            "with a warning on the first page"
        )
    return problems


def working_papers(ws: Workspace, assessment_id: str) -> bytes:
    """Return the assessment team's working papers (Markdown), which the client never gets."""
    from assistant.core.bank.loader import find_bank
    from assistant.core.report.papers import working_papers as gather
    from assistant.export.working_papers import to_working_papers

    data = ws.load(assessment_id)
    loaded = find_bank(data.assessment.bank.id, paths.bank_dirs(ws.root))
    papers = gather(loaded.bank, data)
    text = to_working_papers(papers, data.assessment.organisation, assessment_id)
    return text.encode("utf-8")


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
    if fmt not in FORMATS:
        raise AssessorError(f"unknown export format '{fmt}' (known: {', '.join(FORMATS)})")
    from assistant.export.tabular import to_csv, to_json

    return (to_csv(report) if fmt == "csv" else to_json(report)).encode("utf-8")


def export_path(folder: Path, assessment_id: str, fmt: str, redact: bool = False) -> Path:
    """Return where an export goes by default: ``<exports>/<id>[-redacted].<fmt>``."""
    return folder / f"{assessment_id}{'-redacted' if redact else ''}.{fmt}"


def write_export(out: Path, payload: bytes, default_folder: bool = True) -> Path:
    """Write a file whole (temp file, fsync, rename); an unwritable path is one clear line.

    With `default_folder`, a missing exports folder is created; a folder the user named must
    exist already.
    """
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
    return out
