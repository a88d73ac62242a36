"""Provides the Report screen's exports and its section tabs.

Rendering, file names and whole-file writes come from `assistant.services.reporting`, the same code
`assessor report` uses, so the app and the command line make the same files.
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.core.report.model import Report
from assistant.services.reporting import FORMATS as FORMATS
from assistant.services.reporting import export_path as export_path


def write_export(report: Report, fmt: str, target: Path) -> Path:
    """Render the report in one format and write it to `target` whole; return the path."""
    from assistant.services.reporting import render
    from assistant.services.reporting import write_export as write

    return write(target, render(report, fmt))


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
