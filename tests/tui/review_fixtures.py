"""Provides a small assessment built through the Workspace/Session API for the review-screen tests.

Three interviewees (a lead, a stakeholder, two staff), three interviews, a dozen turns on a few
ICSS criteria, and evidence (verified and not). `ReviewApp` hosts one review screen with the
assessment open as `app.current`, the way the real app does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import App
from textual.screen import Screen

from assistant import paths
from assistant.core.bank.loader import find_bank
from assistant.services.opening import OpenAssessment, open_assessment
from assistant.store.workspace import Workspace


@dataclass
class Built:
    """What the tests need to find again: the workspace, the assessment id and turn keys."""

    workspace: Workspace
    assessment_id: str
    keys: dict[str, str]


def build_assessment(root: Path) -> Built:
    """Create a workspace with one ICSS assessment; return where things are."""
    root.mkdir(parents=True, exist_ok=True)
    ws = Workspace(root)
    bank = find_bank("icss", paths.bank_dirs(root))
    aid = ws.create_assessment(
        organisation="Harbour City Council",
        type="certification",
        bank=bank,
        assessors=["ana"],
        lead_assessor="ana",
        who="ana",
    )
    keys: dict[str, str] = {}
    with ws.open(aid, who="ana") as s:
        lead = s.add_interviewee("lead", department="Customer Service")
        stake = s.add_interviewee("stakeholder", department="Finance")
        staff1 = s.add_interviewee("staff", department="Contact Centre")
        s.add_interviewee("staff", department="Libraries")  # S2: planned, not yet interviewed
        iv1 = s.start_interview([lead.id], assessor="ana")
        t = s.record_turn(
            iv1.id,
            question="How do you find out what customers need?",
            answer="We run a quarterly customer survey and every result is "
            "reviewed by the leadership team, who changed the opening "
            "hours after the last round.",
            criteria=["SVC.1"],
            tags=["fact"],
        )
        keys["lead_svc1"] = t.key
        t = s.record_turn(
            iv1.id,
            question="How are complaints handled?",
            answer="We plan to introduce a complaints register next year.",
            criteria=["OPS.2"],
            tags=["claim-to-verify"],
        )
        keys["lead_ops2"] = t.key
        t = s.record_turn(
            iv1.id,
            question="Who sets the service standards?",
            answer="The service charter is published and staff measure response "
            "times against it every week.",
            criteria=["SVC.2"],
        )
        keys["lead_svc2"] = t.key
        iv2 = s.start_interview([staff1.id], assessor="ana")
        t = s.record_turn(
            iv2.id,
            question="What do you do with survey results?",
            answer="Our team lead shows us the survey results each month and we "
            "track the satisfaction score on the wall board.",
            criteria=["SVC.1"],
            tags=["evidence-seen"],
        )
        keys["staff_svc1"] = t.key
        t = s.record_turn(
            iv2.id,
            question="Tell me about the wall board.",
            answer="The wall board shows the abandoned call rate, updated hourly.",
            criteria=["OPS.1"],
            tags=["opinion"],
        )
        keys["staff_ops1"] = t.key
        iv3 = s.start_interview([stake.id], assessor="ana")
        t = s.record_turn(
            iv3.id,
            question="How is the budget for service decided?",
            answer="Finance allocates the service budget from the annual plan.",
            criteria=["FIN.3"],
            tags=["fact"],
        )
        keys["stake_fin3"] = t.key
        s.add_evidence(
            type="record",
            title="Quarterly survey results Q3",
            verified=True,
            criteria=["SVC.1"],
            interview_id=iv1.id,
            turn_n=1,
        )
        s.add_evidence(type="document", title="Service charter", verified=False, criteria=["SVC.2"])
        keys["iv1"], keys["iv2"], keys["iv3"] = iv1.id, iv2.id, iv3.id
    return Built(workspace=ws, assessment_id=aid, keys=keys)


class ReviewApp(App[None]):
    """A minimal host: the assessment open as `current`, one review screen pushed on mount."""

    CSS_PATH = [p for p in (Path(paths.__file__).parent / "tui" / "app.tcss",) if p.exists()]

    def __init__(self, current: OpenAssessment, screen: Screen[None]) -> None:
        super().__init__()
        self.current = current
        self._first = screen

    def on_mount(self) -> None:
        self.push_screen(self._first)


def open_current(built: Built) -> OpenAssessment:
    """Open the built assessment for writing as the lead assessor."""
    return open_assessment(built.workspace, built.assessment_id, who="ana")


async def settle(pilot: object) -> None:
    """Let screen switches, workers and queued messages finish."""
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.app.workers.wait_for_complete()  # type: ignore[attr-defined]
    await pilot.wait_for_scheduled_animations()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
