"""Provides consensus as one set of use cases: individual scores side by side, open, agree, close.

The command line (`assessor consensus`) and the app's Consensus screen call these functions on an
`OpenAssessment`; the arithmetic (median, spread, when a rationale is needed) is pure, in
`assistant.core.review.consensus`. Opening consensus locks the individual scores (the session
refuses them); the consensus score then counts for rollups and the report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from assistant.core.errors import AssessorError, NotFoundError
from assistant.core.model import ConsensusScore
from assistant.core.review import consensus as rules
from assistant.core.scoring.decisions import DecisionError, check_score
from assistant.services.review import stamped, words, writable

if TYPE_CHECKING:
    from assistant.services.opening import OpenAssessment


def consensus_lines(oa: OpenAssessment) -> list[rules.ConsensusLine]:
    """Return every criterion with its individual scores, median, spread and agreed score."""
    return rules.lines(oa.bank, oa.data)


def open_consensus(oa: OpenAssessment, why: str = "") -> None:
    """Open consensus: from now on individual scores are locked."""
    writable(oa, "open consensus")
    a = oa.data.assessment
    if a.consensus_opened is not None and a.consensus_closed is None:
        raise AssessorError(
            f"{a.id}: consensus is already open (since {a.consensus_opened:%Y-%m-%d %H:%M})"
        )
    update = {
        "consensus_opened": a.consensus_opened or oa.session.stamps.clock(),
        "consensus_closed": None,
    }
    oa.session.update_assessment(
        a.model_copy(update=update), why=words(why) or "consensus opened; individual scores locked"
    )


def _line(oa: OpenAssessment, criterion_id: str) -> rules.ConsensusLine:
    for line in consensus_lines(oa):
        if line.criterion_id.casefold() == criterion_id.strip().casefold():
            return line
    raise NotFoundError(f"no criterion '{criterion_id}' in bank {oa.bank.id}")


def set_consensus(
    oa: OpenAssessment, criterion_id: str, score: float, rationale: str = ""
) -> ConsensusScore:
    """Record the team's score on a criterion; refuses off-scale scores and a missing rationale."""
    writable(oa, "set a consensus score")
    a = oa.data.assessment
    if a.consensus_opened is None or a.consensus_closed is not None:
        raise AssessorError(
            f"{a.id}: consensus is not open; open it first (assessor consensus {a.id} --open)"
        )
    line = _line(oa, criterion_id)
    try:
        check_score(oa.bank.scale, score)
    except DecisionError as exc:
        raise AssessorError(f"consensus score for {line.criterion_id}: {exc}") from None
    rationale = words(rationale)
    need = rules.rationale_needed(line, score)
    if need and not rationale:
        raise AssessorError(
            f"{line.criterion_id}: {need}; give a written rationale (--rationale TEXT)"
        )
    agreed = stamped(
        oa,
        ConsensusScore,
        criterion_id=line.criterion_id,
        score=score,
        band=oa.bank.scale.band_for(score).id,
        rationale=rationale,
        individual=line.scores,
        median=line.median,
        spread=line.spread,
        decided_by=oa.session.who,
    )
    return oa.session.save_consensus(agreed, why=rationale or "consensus agreed")


def close_consensus(oa: OpenAssessment) -> list[ConsensusScore]:
    """Close consensus; criteria every assessor scored alike are agreed as they stand.

    Refuses while a criterion with differing individual scores has no consensus score.
    Returns the consensus scores recorded automatically.
    """
    writable(oa, "close consensus")
    a = oa.data.assessment
    if a.consensus_opened is None or a.consensus_closed is not None:
        raise AssessorError(f"{a.id}: consensus is not open")
    todo = [line for line in consensus_lines(oa) if line.agreed is None]
    disputed = [line.criterion_id for line in todo if line.disputed]
    if disputed:
        raise AssessorError(
            f"{a.id}: no consensus score yet for {', '.join(disputed)} (the assessors differ); "
            f"set one with --set ID SCORE --rationale TEXT"
        )
    made: list[ConsensusScore] = []
    for line in todo:
        if line.median is None:
            continue
        made.append(
            oa.session.save_consensus(
                stamped(
                    oa,
                    ConsensusScore,
                    criterion_id=line.criterion_id,
                    score=line.median,
                    band=oa.bank.scale.band_for(line.median).id,
                    rationale="",
                    individual=line.scores,
                    median=line.median,
                    spread=line.spread,
                    decided_by=oa.session.who,
                ),
                why=f"consensus closed: agreed as scored ({', '.join(line.scores)})",
            )
        )
    a = oa.data.assessment
    oa.session.update_assessment(
        a.model_copy(update={"consensus_closed": oa.session.stamps.clock()}), why="consensus closed"
    )
    return made
