"""Golden Markdown and HTML for a fixed assessment, kept by syrupy like the screen goldens.

After a deliberate change: `pytest tests/export --snapshot-update`, then read the diff of
tests/export/__snapshots__/ before committing. The HTML golden leaves out the stylesheet (it is
the file export/assets/report.css, checked to be inlined by its own test)."""

from __future__ import annotations

import json
import re

import pytest
from report_sample import previous_data, sample_bank, sample_data
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.single_file import SingleFileSnapshotExtension, WriteMode

from assistant.core.report.builder import build_report
from assistant.export.html import stylesheet, to_html
from assistant.export.markdown import to_markdown
from assistant.export.tabular import to_csv, to_json


class MarkdownSnapshot(SingleFileSnapshotExtension):
    """A golden kept as a readable .md file."""

    _write_mode = WriteMode.TEXT
    file_extension = "md"


class HTMLSnapshot(SingleFileSnapshotExtension):
    """A golden kept as a readable .html file."""

    _write_mode = WriteMode.TEXT
    file_extension = "html"


def without_stylesheet(html: str) -> str:
    """The page with its inlined report.css left out (page size and band rules stay)."""
    assert stylesheet() in html
    return html.replace(stylesheet(), "/* export/assets/report.css */\n")


@pytest.fixture
def report():  # type: ignore[no-untyped-def]
    return build_report(sample_bank(), sample_data(), [previous_data()])


def test_markdown_matches_golden(report, snapshot: SnapshotAssertion) -> None:  # type: ignore[no-untyped-def]
    assert to_markdown(report) == snapshot.use_extension(MarkdownSnapshot)


def test_html_matches_golden(report, snapshot: SnapshotAssertion) -> None:  # type: ignore[no-untyped-def]
    assert without_stylesheet(to_html(report, "a4")) == snapshot.use_extension(HTMLSnapshot)


def test_the_html_inlines_the_whole_stylesheet(report) -> None:  # type: ignore[no-untyped-def]
    html = to_html(report, "a4")
    style = re.search(r"<style>(.*?)</style>", html, re.S)
    assert style is not None and stylesheet() in style.group(1)
    assert len(stylesheet()) > 1000


def test_letter_page_size_changes_only_the_page_rule(report) -> None:  # type: ignore[no-untyped-def]
    a4, letter = to_html(report, "a4"), to_html(report, "letter")
    assert "@page { size: A4; }" in a4 and "@page { size: letter; }" in letter
    assert a4.replace("size: A4;", "size: letter;") == letter
    with pytest.raises(ValueError):
        to_html(report, "a3")


def test_exports_are_deterministic() -> None:
    one = build_report(sample_bank(), sample_data(), [previous_data()])
    two = build_report(sample_bank(), sample_data(), [previous_data()])
    assert to_markdown(one) == to_markdown(two)
    assert to_html(one) == to_html(two)


def test_report_contents_trace_to_the_data(report) -> None:  # type: ignore[no-untyped-def]
    md = to_markdown(report)
    # overall = weighted mean of the five decided scores; suggestions are not counted
    assert report.summary.overall == round((7 + 5 + 8 + 2 + 4) / 5, 2)
    assert "Overall indicative score: 5.2 / 10" in md
    assert report.summary.scored == 5 and report.summary.total == 6
    suggested = next(c for c in report.criteria if c.id == "LRN.2")
    assert suggested.status == "suggested" and "(suggested)" in md
    assert [b.criterion_id for b in report.summary.blockers] == ["OPS.2"]
    assert report.history is not None and report.history.months_between == 12
    assert report.history.warning == ""
    # the assessor's edited draft is kept word for word, the hand-written finding too
    texts = [f.text for g in report.findings for f in g.risks + g.opportunities]
    assert any(
        t.startswith("Certification blocker - OPS.2 Measurement is at Intention") for t in texts
    )
    assert any("brief the depot team by June" in t for t in texts)
    assert "Unresolved differences of opinion" in md and "South Depot are reviewed" in md


def test_every_finding_cites_criteria_and_sources(report) -> None:  # type: ignore[no-untyped-def]
    for group in report.findings:
        for f in group.strengths + group.risks + group.opportunities:
            assert f.criteria, f.id
            assert f.evidence_ids or f.turn_keys, f.id


def test_a_recent_gap_analysis_is_no_interval_breach() -> None:
    # the minimum interval applies between certification assessments only (bank cycle rules);
    # tests/export/test_report_content.py checks the certification-to-certification case
    prev = previous_data()
    prev.assessment.start_date = prev.assessment.start_date.replace(year=2025, month=11)
    report = build_report(sample_bank(), sample_data(), [prev])
    assert report.history is not None and report.history.months_between == 4
    assert report.history.warning == ""
    assert "**Warning:**" not in to_markdown(report)


def test_other_organisations_are_not_history() -> None:
    prev = previous_data()
    prev.assessment.organisation = "Another Council"
    assert build_report(sample_bank(), sample_data(), [prev]).history is None


def test_redaction_removes_departments_and_sites_everywhere() -> None:
    report = build_report(sample_bank(), sample_data(), [previous_data()], redact=True)
    blob = to_markdown(report) + to_html(report) + to_json(report) + to_csv(report)
    for name in ("North Office", "South Depot", "West Library", "Customer Services", "Waste"):
        assert name not in blob, name
    assert "[site] takes most contacts" in report.method.sampling_rationale
    assert report.cover.redacted and report.cover.sites == []


def test_csv_has_one_row_per_criterion_and_json_round_trips(report) -> None:  # type: ignore[no-untyped-def]
    rows = to_csv(report).splitlines()
    assert len(rows) == 1 + 6 and rows[0].startswith("criterion_id,title")
    data = json.loads(to_json(report))
    assert data["summary"]["overall"] == report.summary.overall
    assert type(report).model_validate(data) == report
