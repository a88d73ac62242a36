"""Provides the Report screen's exports: one report model written as PDF, HTML, MD, CSV or JSON.

The exporters (`assistant.export`) turn the report into text or bytes; this module only picks
the file name in the workspace's exports folder (named as `assessor report` names it) and writes
the file whole (temp file, fsync, rename), so a failed export never leaves half a file behind.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from assistant.core.report_model import Report
from assistant.store.files import make_dir
from assistant.store.storage import atomic_write_bytes

FORMATS: dict[str, str] = {
    "pdf": "PDF",
    "html": "HTML",
    "md": "Markdown",
    "csv": "CSV",
    "json": "JSON",
}


def _render(report: Report, fmt: str) -> bytes:
    if fmt == "pdf":
        from assistant.export.pdf import report_to_pdf

        return report_to_pdf(report)
    render: Callable[[Report], str]
    if fmt == "html":
        from assistant.export.html import to_html as render
    elif fmt == "md":
        from assistant.export.markdown import to_markdown as render
    elif fmt == "csv":
        from assistant.export.tabular import to_csv as render
    elif fmt == "json":
        from assistant.export.tabular import to_json as render
    else:
        raise ValueError(f"unknown export format '{fmt}' (known: {', '.join(FORMATS)})")
    return render(report).encode("utf-8")


def export_path(folder: Path, assessment_id: str, fmt: str, redact: bool = False) -> Path:
    """Return where an export goes, as `assessor report` names it: ``<exports>/<id>.<fmt>``."""
    return folder / f"{assessment_id}{'-redacted' if redact else ''}.{fmt}"


def write_export(report: Report, fmt: str, target: Path) -> Path:
    """Render the report in one format and write it to `target` atomically; return the path."""
    content = _render(report, fmt)
    make_dir(target.parent)
    atomic_write_bytes(target, content)
    return target


_SECTION = re.compile(r"^## (?P<title>.+)$", re.MULTILINE)


def split_sections(markdown: str) -> list[tuple[str, str]]:
    """Split a report's Markdown at its ``##`` headings into (short label, text) pairs.

    The text before the first ``##`` (the title and cover) is labelled "Cover". Labels are short
    enough for tabs: "1 Executive", "App. A".
    """
    cuts = [m.start() for m in _SECTION.finditer(markdown)]
    starts = [0, *cuts] if not cuts or cuts[0] > 0 else cuts
    out: list[tuple[str, str]] = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(markdown)
        text = markdown[start:end].strip()
        match = _SECTION.match(text)
        out.append((_label(match.group("title")) if match else "Cover", text))
    return out


def _label(title: str) -> str:
    words = title.replace("Appendix", "App.").split()
    if words and re.fullmatch(r"\d+\.", words[0]):
        label = f"{words[0].rstrip('.')} {words[1] if len(words) > 1 else ''}"
    else:
        label = " ".join(words[:2])
    return label.strip().rstrip(",.:;")
