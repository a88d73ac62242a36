"""A whole interview in the line mode, typed through a pipe and checked on disk afterwards."""

from __future__ import annotations

import re
from pathlib import Path

from line_driver import (
    ESC_ENTER,
    STAFF_START,
    answer,
    assessment,
    drive,
    line,
    workspace,
)

from assistant.store.workspace import Workspace

SECRET = "Jane Secretname"
DECORATION = re.compile(r"[\u2500-\u259f\u2800-\u28ff\x1b]")
"""Box drawing, block and braille-spinner characters, and escape sequences: never printed."""


def test_whole_interview_from_new_assessment_to_disk(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    keys = (
        line("n")
        + line("Harbour City Council")
        + line("1")
        + line("1")  # new assessment
        + line("Local government")  # organisation profile: sector, size, where, channels, groups
        + line("")
        + line("")
        + line("phone, counter")
        + line("")
        + line("")  # no sites
        + line("n")
        + line("3")
        + line("Complaints")
        + line("Northside")  # new staff member
        + line(SECRET)
        + line("30")  # name, time box
        + answer("We log every complaint in the CRM.\nThe team reviews the log every Monday.")
        + line("/tag fact")
        + line("/evidence document Complaints log | CRM export verified")
        + line("/score")  # accept
        + line("/next")
        + answer("I answer complaints within two days and record each one.")
        + line("/next")
        + answer("Customers are promised a reply in five days.")
        + line("/score 8 the published charter and the log both show it")  # override
        + line("/end")
        + line("/confirm 1")
        + line("/dispute 2")
        + line("/end")
        + line("q")
    )
    result = drive(root, keys)
    assert result.status == 0
    text = result.text
    assert "Created assessment harbour-city-council-" in text
    assert "Added interviewee S1 (service-team staff)." in text
    assert "Question 1 of " in text and "(Complaint handling, staff): " in text
    assert "Question 3 of " in text
    assert text.count("Saved.") == 3
    assert "Tagged turn 1: fact." in text
    assert 'Evidence added: document "Complaints log" (CRM export), verified' in text
    assert "suggestion accepted." in text
    assert "override: the published charter and the log both show it." in text
    assert "Read-back:" in text and "Point 1 confirmed:" in text
    assert "Point 2 disputed:" in text
    assert "Interview ended: 3 turns" in text
    assert any(x.startswith("Suggested: ") for x in result.lines)
    assert SECRET not in text  # the name is never echoed back
    assert not DECORATION.search(text)

    ws = Workspace(root)
    (assessment_id,) = ws.ids()
    data = ws.load(assessment_id)
    assert [p.code for p in data.interviewees] == ["S1"]
    profile = data.assessment.profile
    assert (profile.sector, profile.channels) == ("Local government", ["phone", "counter"])
    assert SECRET in ws.names(assessment_id).values()
    (interview,) = data.interviews
    assert interview.ended is not None and interview.time_box_minutes == 30
    assert len(interview.confirmed_points) == 1 and len(interview.disputed_points) == 1
    turns = [t for t in data.turns if t.kind == "answer"]
    assert [t.answer for t in turns] == [
        "We log every complaint in the CRM.\nThe team reviews the log every Monday.",
        "I answer complaints within two days and record each one.",
        "Customers are promised a reply in five days.",
    ]
    assert turns[0].tags == ["fact"]
    (evidence,) = data.evidence
    assert (evidence.title, evidence.reference, evidence.verified) == (
        "Complaints log",
        "CRM export",
        True,
    )
    scores = {s.criterion_id: s for s in data.scores}
    assert scores["A.1"].accepted_suggestion
    assert not scores["A.2"].accepted_suggestion and scores["A.2"].score == 8
    assert scores["A.2"].override_reason == "the published charter and the log both show it"


def test_open_items_notes_probes_and_tick(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    assessment_id = assessment(root)
    keys = (
        STAFF_START
        + line("/tick all")
        + answer("We plan to start logging complaints next year.")
        + line("/probe")
        + answer("Today nothing is written down.")
        + line("/open document the draft complaints procedure")
        + line("/tag claim")
        + line("/note Interviewee seemed unsure")
        + line("/time")
    )
    result = drive(root, keys, assessment_id)
    assert "Opening checklist (0 of 5 to do" in result.text
    assert "Asking probe: " in result.text
    assert "Probe> " not in result.text  # prompts are not printed lines
    assert "Open item (document requested): the draft complaints procedure" in result.text
    assert "Open item (claim to verify): " in result.text
    assert "Note saved." in result.text
    assert "Coverage: " in result.text
    data = Workspace(root).load(assessment_id)
    assert data.turns[1].question.startswith("Setting the plans aside")  # the probe asked
    assert {i.kind for i in data.open_items} == {"document", "claim"}
    assert [t.kind for t in data.turns] == ["answer", "answer", "note"]


def test_esc_then_enter_sends_and_existing_interviewee_by_role_code(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    assessment_id = assessment(root)
    first = drive(
        root,
        STAFF_START
        + "One line answer"
        + ESC_ENTER
        + line("/end")
        + line("/end confirm")
        + line("s1")
        + line("")
        + "Second"
        + ESC_ENTER,
        assessment_id,
    )
    assert first.text.count("Saved.") == 2
    assert any("Interview with S1 started." in x for x in first.after("Interview ended"))
    data = Workspace(root).load(assessment_id)
    assert len(data.interviews) == 2 and len(data.interviewees) == 1
    assert sorted(t.answer for t in data.turns) == ["One line answer", "Second"]


def test_resume_after_end_of_input(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    assessment_id = assessment(root)
    first = drive(root, STAFF_START + answer("We keep a complaints log."), assessment_id)
    assert first.status == 0
    assert first.lines[-1].startswith("Saved answers are on disk; resume with assessor ")
    assert first.lines[-1].endswith(f"interview --plain {assessment_id}")

    second = drive(root, line("1") + answer("Here is the second answer."), assessment_id)
    assert "Open interviews (type the number to resume):" in second.text
    assert "Earlier, turn 1, S1: We keep a complaints log." in second.text
    assert "Note: resuming: 1 answer already recorded in this interview." in second.text
    assert "Question 2 of " in second.text
    data = Workspace(root).load(assessment_id)
    assert len(data.interviews) == 1
    assert [t.answer for t in data.turns] == [
        "We keep a complaints log.",
        "Here is the second answer.",
    ]


def test_new_assessment_asks_why_sites_are_not_visited(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    keys = (
        line("n")
        + line("Harbour City Council")
        + line("1")
        + line("1")
        + line("")  # organisation profile: sector, size, where, channels, groups
        + line("")
        + line("")
        + line("")
        + line("")
        + line("Head office, Northside, Southside")
        + line("Southside")
        + line("")  # no rationale: asked again
        + line("Southside runs the Northside procedures")
        + line("q")
        + line("q")
    )
    result = drive(root, keys)
    assert "Warning: a rationale is required when a site is not visited." in result.text
    ws = Workspace(root)
    (assessment_id,) = ws.ids()
    scope = ws.load(assessment_id).assessment.scope
    assert [(s.name, s.sampled) for s in scope.sites] == [
        ("Head office", True),
        ("Northside", True),
        ("Southside", False),
    ]
    assert scope.sampling_rationale == "Southside runs the Northside procedures"
