"""PDF export: a real render of the fixed assessment, read back with pdftotext."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from report_sample import previous_data, sample_bank, sample_data

from assistant.core.errors import AssessorError
from assistant.core.report.builder import build_report
from assistant.export import pdf as pdf_export
from assistant.export.html import to_html

HAVE_PDFTOTEXT = shutil.which("pdftotext") is not None
NEEDS_POPPLER = pytest.mark.skipif(
    not HAVE_PDFTOTEXT, reason="pdftotext not installed (apt-get install poppler-utils)"
)


@pytest.fixture(scope="module")
def a4_pdf() -> bytes:
    report = build_report(sample_bank(), sample_data(), [previous_data()])
    return pdf_export.report_to_pdf(report, "a4")


def _pages(pdf: bytes, tmp_path: Path | None = None) -> int:
    """Count pages with pdfinfo, or by laying the same report out again without it."""
    if shutil.which("pdfinfo") and tmp_path is not None:
        path = tmp_path / "count.pdf"
        path.write_bytes(pdf)
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        return int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    import weasyprint

    html = to_html(build_report(sample_bank(), sample_data(), [previous_data()]))
    fetcher = pdf_export.safe_fetcher_class()()
    return len(weasyprint.HTML(string=html, base_url=None, url_fetcher=fetcher).render().pages)


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_pdf_is_a_multi_page_pdf(a4_pdf: bytes, tmp_path: Path) -> None:
    assert a4_pdf.startswith(b"%PDF-")
    assert _pages(a4_pdf, tmp_path) > 1


@NEEDS_POPPLER
def test_pdftotext_finds_headings_score_and_page_numbers(a4_pdf: bytes, tmp_path: Path) -> None:
    text = _text(a4_pdf, tmp_path)
    for heading in (
        "1. Executive summary",
        "2. Scores by criterion",
        "3. Strengths, risks and opportunities",
        "4. Recommendations to the organisation",
        "5. Leads and staff compared",
        "6. Method",
        "7. Change since the previous assessment",
        "Appendix A. Evidence register",
    ):
        assert heading in text, heading
    assert "Overall indicative score: 5.2 / 10" in text
    assert f"Page 2 of {_pages(a4_pdf, tmp_path)}" in text
    assert "Example Borough Council" in text


@NEEDS_POPPLER
def test_letter_page_size(tmp_path: Path) -> None:
    report = build_report(sample_bank(), sample_data())
    path = tmp_path / "l.pdf"
    path.write_bytes(pdf_export.report_to_pdf(report, "letter"))
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert "612 x 792 pts" in info


def test_render_in_a_thread_gives_the_same_pdf(a4_pdf: bytes) -> None:
    report = build_report(sample_bank(), sample_data(), [previous_data()])
    assert pdf_export.report_to_pdf(report, "a4", isolate=False) == a4_pdf


def test_time_limit_stops_the_render() -> None:
    html = "<p>x</p>" * 20_000
    with pytest.raises(AssessorError, match="longer than 0.01 s"):
        pdf_export.html_to_pdf(html, timeout=0.01)


def test_missing_system_libraries_name_the_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "fake" / "weasyprint"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "raise OSError(\"cannot load library 'libpango-1.0-0': not found\")\n"
    )
    monkeypatch.setenv("PYTHONPATH", str(fake.parent))
    with pytest.raises(AssessorError) as info:
        pdf_export.html_to_pdf("<p>x</p>")
    message = str(info.value)
    assert "libpango-1.0-0" in message and pdf_export.SYSTEM_FIX in message
    assert "\n" not in message
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # in-process: import fails too
    with pytest.raises(AssessorError, match="apt-get install libpango-1.0-0"):
        pdf_export.html_to_pdf("<p>x</p>", isolate=False)
