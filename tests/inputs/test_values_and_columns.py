"""Tests for cell parsing (dates, scores, id lists) and column matching by name."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from assistant.core.inputs.selfassess import COLUMNS
from assistant.core.inputs.table import letter, map_columns
from assistant.core.inputs.values import BadValue, parse_date, parse_score, split_ids


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("2025-12-31", date(2025, 12, 31)),
        ("31/12/2025", date(2025, 12, 31)),
        ("12/31/2025", date(2025, 12, 31)),
        ("31.12.2025", date(2025, 12, 31)),
        ("5/3/25", date(2025, 3, 5)),
        ("2025-12", date(2025, 12, 1)),
        ("Dec 2025", date(2025, 12, 1)),
        ("31 December 2025", date(2025, 12, 31)),
        ("December 31, 2025", date(2025, 12, 31)),
        ("2025-12-31T00:00:00", date(2025, 12, 31)),
        (46022, date(2025, 12, 31)),
        (46022.0, date(2025, 12, 31)),
        ("46022", date(2025, 12, 31)),
        (datetime(2025, 12, 31, 14, 5), date(2025, 12, 31)),
        (date(2025, 12, 31), date(2025, 12, 31)),
    ],
)
def test_dates_in_the_formats_workbooks_use(given: object, expected: date) -> None:
    assert parse_date(given) == expected


@pytest.mark.parametrize("given", ["", "soon", "31/13/2025", "2025-02-30", -4, 10**7, True])
def test_bad_dates_say_what_is_accepted(given: object) -> None:
    with pytest.raises(BadValue) as caught:
        parse_date(given)
    assert str(caught.value)


@pytest.mark.parametrize(
    ("given", "expected"),
    [(7, 7), ("7", 7), ("6.5", 7), ("7/10", 7), ("70%", 7), (" 3 ", 3), (0, 0), ("10", 10)],
)
def test_scores_on_a_whole_point_scale(given: object, expected: float) -> None:
    assert parse_score(given, 0, 10, 1) == expected


@pytest.mark.parametrize("given", ["", "eleven", 11, -1, "7/5", True, "nan"])
def test_bad_scores_are_refused(given: object) -> None:
    with pytest.raises(BadValue):
        parse_score(given, 0, 10, 1)


def test_id_lists_split_on_the_usual_separators_once_each() -> None:
    assert split_ids("E1; E2, E3\nE4 | E1") == ["E1", "E2", "E3", "E4"]
    assert split_ids(None) == []


def test_columns_match_whatever_the_case_spacing_or_synonym() -> None:
    found, problems, missing = map_columns(
        ["ATTRIBUTE ID", "self_score", "Narrative", "Supporting evidence", "Colour"], COLUMNS
    )
    assert found == {"criterion": 0, "score": 1, "commentary": 2, "evidence": 3}
    assert missing == []
    assert len(problems) == 1
    assert "E 'Colour' not recognised" in problems[0].text
    assert "known columns: criterion, self-score" in problems[0].text


def test_a_field_given_twice_and_a_missing_required_column() -> None:
    found, problems, missing = map_columns(["Score", "Rating", "Comments"], COLUMNS)
    assert found["score"] == 0
    assert "also means self-score (column A is used)" in problems[0].text
    assert missing == ["criterion"]


def test_column_letters() -> None:
    assert [letter(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


def test_records_saved_before_these_fields_existed_still_load() -> None:
    from assistant.core.model import AssessmentData, Evidence, Scope

    old = Evidence.model_validate(
        {
            "id": "ev-1",
            "type": "document",
            "title": "Charter",
            "recorded_at": "2025-01-01T00:00:00Z",
        }
    )
    assert (old.library_id, old.dated, old.verified_by, old.verified_at) == ("", None, "", None)
    assert Scope.model_validate({"unit": "x", "sites": [], "sampling_rationale": ""}).schedule == []
    assert "self_assessment" not in AssessmentData.model_json_schema()["required"]


@pytest.mark.parametrize("value", ["0", "121", "soon", "-3"])
def test_the_banks_evidence_window_is_validated(repo_root, value: str) -> None:  # type: ignore[no-untyped-def]
    from assistant.core.bank.loader import BankError, parse_bank

    text = (repo_root / "question_banks" / "icss.yaml").read_text(encoding="utf-8")
    assert "evidence_window_months: 12" in text
    with pytest.raises(BankError) as info:
        parse_bank(
            text.replace("evidence_window_months: 12", f"evidence_window_months: {value}"), "b.yaml"
        )
    assert any("corroboration.evidence_window_months" in p for p in info.value.problems)
