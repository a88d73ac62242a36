"""Malformed case files: one line naming the file and the field, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from practice_helpers import write

from assistant import paths
from assistant.core.bank.loader import find_bank
from assistant.core.practice.loader import CaseError, read_case

GOOD = (paths.practice_cases_dir() / "icxs-harbourside-hotels.yaml").read_text(encoding="utf-8")
BANK = find_bank("icxs2019", paths.bank_dirs()).bank


def problem(tmp_path: Path, text: str) -> str:
    path = write(tmp_path / "icxs-harbourside-hotels.yaml", text)
    with pytest.raises(CaseError) as info:
        read_case(path, BANK)
    message = str(info.value)
    assert "\n" not in message and "Traceback" not in message
    assert "icxs-harbourside-hotels.yaml" in message
    return message


def test_the_good_case_reads(tmp_path: Path) -> None:
    path = write(tmp_path / "icxs-harbourside-hotels.yaml", GOOD)
    assert read_case(path, BANK).case.id == "icxs-harbourside-hotels"


def test_yaml_syntax_names_the_line(tmp_path: Path) -> None:
    assert ":3: YAML syntax error" in problem(tmp_path, "id: x\ntitle: [\nbank: : :\n")


def test_unknown_probe_kind_names_the_field(tmp_path: Path) -> None:
    text = GOOD.replace(
        "claim_without_evidence: >-\n            There's the draft",
        "no_proof: >-\n            There's the draft",
        1,
    )
    msg = problem(tmp_path, text)
    assert "criteria[0].people.L1.probes.no_proof" in msg and "line" in msg


def test_question_of_another_criterion(tmp_path: Path) -> None:
    msg = problem(tmp_path, GOOD.replace("POL.1.q2:", "PRD.2.q2:", 1))
    assert "criteria[0].people.L1.answers.PRD.2.q2: not a question of POL.1" in msg


def test_unknown_criterion(tmp_path: Path) -> None:
    msg = problem(tmp_path, GOOD.replace("- id: POL.3", "- id: POL.9", 1))
    assert "criteria[2].id: no criterion 'POL.9' in bank icxs2019" in msg


def test_reference_score_outside_its_band(tmp_path: Path) -> None:
    msg = problem(
        tmp_path, GOOD.replace("score: 1\n      band: planned", "score: 4\n      band: planned", 1)
    )
    assert "criteria[0].reference.score: 4 is outside band planned (0-2)" in msg


def test_pointer_to_nothing(tmp_path: Path) -> None:
    msg = problem(
        tmp_path,
        GOOD.replace(
            "          probe: only_plans\n          reveals: each general",
            "          probe: no_review\n          reveals: each general",
            1,
        ),
    )
    assert "criteria[0].reference.key_evidence[1]: L1 has no answer to a no_review probe" in msg


def test_person_not_in_the_case(tmp_path: Path) -> None:
    msg = problem(
        tmp_path,
        GOOD.replace(
            "      S1:\n        answers:\n          POL.1.q3:",
            "      S2:\n        answers:\n          POL.1.q3:",
            1,
        ),
    )
    assert "criteria[0].people.S2: not one of the case's people" in msg


def test_code_must_fit_the_role(tmp_path: Path) -> None:
    msg = problem(
        tmp_path, GOOD.replace("  - code: S1\n    role: staff", "  - code: S1\n    role: lead", 1)
    )
    assert "people[1].code" in msg


def test_show_me_needs_one_of_shows_or_missing(tmp_path: Path) -> None:
    text = GOOD.replace(
        "          missing: >-\n            I'd have to ask my manager",
        "          missing: x\n          shows: {type: document, title: t, says: s}\n          #",
        1,
    )
    assert "show_me" in problem(tmp_path, text)


def test_not_a_mapping_and_missing_file(tmp_path: Path) -> None:
    assert "not a practice case" in problem(tmp_path, "- a\n- b\n")
    with pytest.raises(CaseError, match="no such file"):
        read_case(tmp_path / "absent.yaml")
