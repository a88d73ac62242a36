"""Provides a small two-assessor assessment on the ICSS bank for the review tests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from assistant import paths
from assistant.core.bank.loader import find_bank
from assistant.core.model import CriterionScore, Suggestion
from assistant.store import Workspace

LEAD = "Amy Reyes"
SECOND = "Tom Okafor"
DECIDED = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
"""When the test decisions are stamped (fixed, so digests do not depend on the clock)."""


def bank():  # type: ignore[no-untyped-def]
    """Return the ICSS bank the tests score against."""
    return find_bank("icss", paths.bank_dirs(Path.cwd())).bank


def score(cid: str, who: str, value: float, suggested: float | None = None, **kw: object):  # type: ignore[no-untyped-def]
    """Return a decision on the ICSS scale (with a suggestion when `suggested` is given)."""
    scale = bank().scale
    sugg = None
    if suggested is not None:
        sugg = Suggestion(
            criterion_id=cid,
            band=scale.band_for(suggested).id,
            score=suggested,
            confidence=0.6,
        )
    accepted = sugg is not None and suggested == value
    return CriterionScore(
        criterion_id=cid,
        assessor=who,
        score=value,
        band=scale.band_for(value).id,
        suggestion=sugg,
        accepted_suggestion=accepted,
        override_reason="" if accepted or sugg is None else "seen on site",
        decided_at=kw.pop("decided_at", DECIDED),
        **kw,  # type: ignore[arg-type]
    )


def scored_assessment(root: Path) -> str:
    """Create an assessment where the lead scored every criterion at 5 (Implementation)."""
    ws = Workspace(root)
    loaded = find_bank("icss", paths.bank_dirs(root))
    aid = ws.create_assessment(
        organisation="Example Council",
        type="certification",
        bank=loaded,
        assessors=[LEAD, SECOND],
        lead_assessor=LEAD,
        who=LEAD,
    )
    with ws.open(aid, who=LEAD) as s:
        person = s.add_interviewee("staff", department="Contact centre")
        iv = s.start_interview([person.id], assessor=LEAD)
        s.record_turn(iv.id, question="How?", answer="We log every complaint.", criteria=["OPS.4"])
        for crit in loaded.bank.criteria():
            s.set_score(score(crit.id, LEAD, 5))
    return aid
