"""Line mode as a screen-reader user hears it (issue 20): plurals, no brackets, little noise."""

from __future__ import annotations

from pathlib import Path

from line_driver import STAFF_START, answer, assessment, drive, line, workspace

from assistant.store.workspace import Workspace


def test_no_coverage_line_after_an_answer_only_on_time(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    assessment_id = assessment(root)
    result = drive(
        root,
        STAFF_START + answer("We keep a complaints log.") + answer("The team reads it weekly."),
        assessment_id,
    )
    assert result.text.count("Saved.") == 2
    assert "Coverage:" not in result.text
    asked = drive(root, line("1") + line("/time"), assessment_id)
    assert sum(1 for x in asked.lines if x.startswith("Coverage: ")) == 1


def test_the_opening_checklist_says_done_and_not_done(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    assessment_id = assessment(root)
    result = drive(root, STAFF_START + line("/tick 2"), assessment_id)
    assert "[ ]" not in result.text and "[x]" not in result.text
    assert "1. not done: Explain why you are here" in result.text
    assert "2. done: Explain confidentiality" in result.text


def test_lists_use_real_plurals(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    assessment_id = assessment(root)
    drive(root, STAFF_START + answer("We keep a complaints log."), assessment_id)
    result = drive(root, "", None)
    assert "1 interview, 1 turn, id " in result.text
    assert "(s)" not in result.text
    resumed = drive(root, line("1"), assessment_id)
    assert "S1, 1 turn, started " in resumed.text
    assert "1 answer already recorded" in resumed.text


def test_a_lone_shell_word_is_not_saved_without_asking(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    assessment_id = assessment(root)
    keys = (
        STAFF_START
        + answer("clear")
        + line("")  # Enter: drop it
        + answer("exit")
        + line("y")  # y: it really was the answer
        + answer("help")
        + line("")
    )
    result = drive(root, keys, assessment_id)
    assert result.text.count("looks like a command, not an answer") == 3
    assert "/tag TAG" in result.text  # "help", dropped, lists the commands
    data = Workspace(root).load(assessment_id)
    assert [t.answer for t in data.turns] == ["exit"]


def test_the_plan_names_a_few_uncovered_areas_only(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    assessment_id = assessment(root)
    result = drive(root, STAFF_START + line("/plan"), assessment_id)
    [uncovered] = [x for x in result.lines if x.startswith("Not covered by this plan")]
    assert "areas (" in uncovered and "and others" in uncovered
    assert uncovered.count(",") <= 3
