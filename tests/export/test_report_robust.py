"""Bad input makes a readable report every time: nothing scored, one criterion, 2,000 turns, a
50 KB comment, right-to-left and emoji text, a bank with 60 criteria. No traceback, no table
wider than the page, and the client text is still free of internal ids."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from report_sample import BANK_YAML, T0, sample_bank, sample_data

from assistant.core.bank.loader import parse_bank
from assistant.core.bank.model import Bank
from assistant.core.model import (
    AssessmentData,
    CriterionScore,
    Interview,
    Interviewee,
    Turn,
)
from assistant.core.report.builder import build_report
from assistant.export.html import to_html
from assistant.export.markdown import to_markdown

RTL_EMOJI = "مرحبا بالعالم — שלום עולם 😀👍✅ mixed ← text"


def big_bank(groups: int, per_group: int) -> Bank:
    """Return a bank of `groups` x `per_group` criteria, every second one mandatory."""
    out = [BANK_YAML.strip("\n")]
    for g in range(groups):
        gid = f"G{g + 1}"
        out.append(f"  - id: {gid}\n    title: Group {g + 1}\n    guiding_question: How?")
        out.append("    criteria:")
        for i in range(per_group):
            cid = f"{gid}.{i + 1}"
            out.append(
                f"      - id: {cid}\n        title: Criterion {cid} with a longer title\n"
                f"        statement: It works.\n        mandatory: {str(i % 2 == 0).lower()}\n"
                "        descriptors: {intention: Planned only here., implementation: Running"
                " here., integration: Reviewed here.}\n"
                "        typical_evidence: [Records of it]\n        questions:\n"
                f"          - {{id: {cid}.q1, text: Tell me., audience: any, probes_band:"
                " implementation}"
            )
    return parse_bank("\n".join(out) + "\n", "big.yaml")


def data_for(bank: Bank, turns_per_criterion: int = 1, comment: str = "") -> AssessmentData:
    """Return an assessment that scores every criterion of `bank` from one staff interview."""
    base = sample_data()
    person = Interviewee(id="p-s9", code="S9", role="staff", department="Ops", site="North")
    iv = Interview(id="iv-00aa", interviewee_ids=[person.id], assessor="A. Assessor", started=T0)
    turns = []
    n = 0
    for crit in bank.criteria():
        for _ in range(turns_per_criterion):
            n += 1
            turns.append(
                Turn(
                    interview_id=iv.id,
                    n=n,
                    question_id=f"{crit.id}.q1",
                    answer="We measure it every week against target and report monthly.",
                    criteria=[crit.id],
                    asked_at=T0 + timedelta(seconds=n),
                    answered_at=T0 + timedelta(seconds=n),
                )
            )
    scores = [
        CriterionScore(criterion_id=c.id, assessor="A. Assessor", score=4, comment=comment)
        for c in bank.criteria()
    ]
    return AssessmentData(
        assessment=base.assessment,
        interviewees=[person],
        interviews=[iv],
        turns=turns,
        scores=scores,
    )


def nothing_scored() -> tuple[Bank, AssessmentData]:
    data = sample_data()
    return sample_bank(), data.model_copy(update={"scores": [], "findings": []})


def one_criterion() -> tuple[Bank, AssessmentData]:
    bank = big_bank(1, 1)
    return bank, data_for(bank)


def many_turns() -> tuple[Bank, AssessmentData]:
    bank = sample_bank()
    return bank, data_for(bank, turns_per_criterion=334)  # 2,004 turns


def huge_comment() -> tuple[Bank, AssessmentData]:
    bank = sample_bank()
    word = "unbreakable" * 40 + " "
    return bank, data_for(bank, comment=(word * 200)[:50_000])


def rtl_and_emoji() -> tuple[Bank, AssessmentData]:
    bank = sample_bank()
    data = data_for(bank, comment=f"S9 turn 1: {RTL_EMOJI}")
    a = data.assessment.model_copy(update={"organisation": f"{RTL_EMOJI} Council"})
    turns = [t.model_copy(update={"answer": RTL_EMOJI * 3}) for t in data.turns]
    return bank, data.model_copy(update={"assessment": a, "turns": turns})


def sixty_criteria() -> tuple[Bank, AssessmentData]:
    bank = big_bank(6, 10)
    return bank, data_for(bank)


CASES: dict[str, Callable[[], tuple[Bank, AssessmentData]]] = {
    "nothing scored": nothing_scored,
    "one criterion": one_criterion,
    "2,000 turns": many_turns,
    "50 KB comment": huge_comment,
    "RTL and emoji": rtl_and_emoji,
    "60 criteria": sixty_criteria,
}
INTERNAL = re.compile(r"\b(?:iv|ev|oi)-[0-9a-f]{4,}\b")


@pytest.mark.parametrize("case", list(CASES))
def test_markdown_and_html_are_whole_and_free_of_internal_ids(case: str) -> None:
    bank, data = CASES[case]()
    report = build_report(bank, data)
    md = to_markdown(report)
    html = to_html(report)
    assert md.startswith("# ") and "## 1. Executive summary" in md
    assert html.rstrip().endswith("</html>")
    assert not INTERNAL.search(md), INTERNAL.findall(md)[:3]
    assert len(report.criteria) == len(bank.criteria())
    assert all(c.commentary for c in report.criteria)
    assert report.summary.recommendation is not None


def _overflows(html: str) -> list[str]:
    """Return the boxes of a laid-out document that stick out past the page's content edge."""
    weasyprint = pytest.importorskip("weasyprint")
    from weasyprint.formatting_structure import boxes

    from assistant.export.pdf import safe_fetcher_class

    try:
        doc = weasyprint.HTML(
            string=html, base_url=None, url_fetcher=safe_fetcher_class()()
        ).render()
    except OSError as exc:  # pragma: no cover - machine without Pango
        pytest.skip(f"WeasyPrint cannot load its libraries: {exc}")
    out = []
    for number, page in enumerate(doc.pages, 1):
        box = page._page_box
        limit = box.content_box_x() + box.width
        for b in box.descendants():
            if isinstance(b, (boxes.TableBox, boxes.TableCellBox, boxes.LineBox)):
                right = b.position_x + b.margin_width()
                if right > limit + 1:
                    out.append(
                        f"page {number}: {type(b).__name__} ends at {right:.0f} > {limit:.0f}"
                    )
    return out


def test_the_overflow_check_can_fail() -> None:
    wide = '<html><body><table style="width: 400mm"><tr><td>x</td></tr></table></body></html>'
    assert _overflows(wide)


@pytest.mark.parametrize("case", ["50 KB comment", "RTL and emoji", "60 criteria", "one criterion"])
def test_pdf_layout_keeps_every_table_and_line_inside_the_page(case: str) -> None:
    bank, data = CASES[case]()
    assert _overflows(to_html(build_report(bank, data))) == []


def test_emoji_print_from_the_packaged_colour_font(tmp_path: Path) -> None:
    from assistant.export.fonts import NOTO, missing_fonts
    from assistant.export.pdf import report_to_pdf

    if "Noto Color Emoji" in missing_fonts() or not shutil.which("pdffonts"):
        pytest.skip(f"needs {NOTO}/NotoColorEmoji.ttf (fonts-noto-color-emoji) and pdffonts")
    bank, data = rtl_and_emoji()
    pdf = tmp_path / "rtl.pdf"
    pdf.write_bytes(report_to_pdf(build_report(bank, data), isolate=False))
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "Noto-Color-Emoji" in fonts and "DejaVu-Sans" in fonts
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "😀" in text and "שלום" in text
