"""The demo's PDF read as a client and a screen reader would: the issue's "done when", checked.

It has a recommendation and cycle dates on the cover, commentary on every criterion,
recommendations to the organisation apart from the assessor's follow-ups, no internal ids, no
page that is nearly empty, and pdfinfo reports it tagged.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from assistant.core.bank.loader import find_bank
from assistant.paths import bank_dirs
from assistant.services import reporting
from assistant.services.demo import run_demo
from assistant.store.workspace import Workspace

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdfinfo")),
    reason="poppler-utils not installed (apt-get install poppler-utils)",
)
TODAY = date(2026, 6, 15)
MIN_WORDS = 60
"""Fewer words than this on a page (contents and chart pages aside) is a near-empty page."""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workspace, str, Path]:
    root = tmp_path_factory.mktemp("demo")
    current, _ = run_demo(root, today=TODAY)
    ws = Workspace(root)
    pdf = root / "demo.pdf"
    pdf.write_bytes(reporting.render(reporting.build(ws, current), "pdf"))
    return ws, current, pdf


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    return text.split("\f")[:-1]


def test_demo_pdf_is_tagged(demo: tuple[Workspace, str, Path]) -> None:
    info = subprocess.run(["pdfinfo", str(demo[2])], capture_output=True, text=True).stdout
    assert re.search(r"Tagged:\s+yes", info)


def test_cover_has_recommendation_cycle_profile_and_team(
    demo: tuple[Workspace, str, Path],
) -> None:
    cover = " ".join(_pages(demo[2])[0].split())
    assert "Not recommended for certification" in cover
    assert f"valid {TODAY} to {TODAY.replace(year=TODAY.year + 1)}" in cover
    assert f"due by {TODAY.replace(year=TODAY.year + 1)}" in cover
    assert "Local government" in cover and "Lead assessor Dana Whitfield" in cover
    assert "Assessment team Sam Okoro" in cover


def test_every_criterion_has_commentary_and_no_internal_id_shows(
    demo: tuple[Workspace, str, Path],
) -> None:
    ws, current, pdf = demo
    text = " ".join("".join(_pages(pdf)).split())
    bank = find_bank("icss", bank_dirs(ws.root)).bank
    start = text.index("Commentary by criterion")
    section = text[start : text.index("3. Strengths, risks", start)]
    for crit in bank.criteria():
        assert f"{crit.id} {crit.title} (" in section, crit.id
    assert "(draft)" not in section  # the demo's assessor has confirmed every commentary
    assert not re.search(r"\b(?:iv|ev|oi)-[0-9a-f]{4,}", text)
    assert "before the report is final" not in text  # the assessor's to-dos stay out
    assert "4. Recommendations to the organisation" in text
    assert "Suggested owner:" in text and "Horizon:" in text
    papers = reporting.working_papers(ws, current).decode("utf-8")
    assert "before the report is final" in papers


def test_no_page_is_nearly_empty(demo: tuple[Workspace, str, Path]) -> None:
    pages = _pages(demo[2])
    thin = [
        n
        for n, page in enumerate(pages, 1)
        if len(page.split()) < MIN_WORDS and n != 2  # page 2 is the contents
    ]
    assert thin == [], f"pages with fewer than {MIN_WORDS} words: {thin}"
