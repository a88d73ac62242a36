"""Provides the Scores screen's view of an assessment: one line per criterion, rollups, readiness.

Everything is computed by the core (`suggest`, `triangulate`, `rollup`, `readiness`,
`bias_checks`); this module only gathers the results in bank order so the screen and its widgets
can show them without deciding anything.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.core.bank.model import Bank, Criterion, Group
from assistant.core.evidence.sources import SourceIndex
from assistant.core.evidence.triangulation import Triangulation, triangulate
from assistant.core.model import AssessmentData, CriterionScore, ReviewComment, Suggestion
from assistant.core.scoring import decisions
from assistant.core.scoring.rollup import (
    BiasFlag,
    Blocker,
    Readiness,
    Rollup,
    bias_checks,
    decided_scores,
    readiness,
    rollup,
)
from assistant.core.scoring.suggestion import suggest


@dataclass(frozen=True)
class CriterionLine:
    """What the Scores screen shows about one criterion."""

    criterion: Criterion
    group: Group
    suggestion: Suggestion | None
    decided: CriterionScore | None
    triangulation: Triangulation
    blocker: Blocker | None
    others: tuple[CriterionScore, ...] = ()
    """Other assessors' decisions on the criterion, which do not count (the lead's wins, or
    the team's consensus score once agreed)."""
    review_comments: tuple[ReviewComment, ...] = ()
    """Review comments on the criterion (or its score, findings, turns) not yet resolved."""

    @property
    def id(self) -> str:
        """The criterion id."""
        return self.criterion.id

    @property
    def evidence(self) -> int:
        """How many evidence items are linked to the criterion."""
        return sum(len(ids) for ids in self.triangulation.evidence_by_type.values())

    @property
    def verified(self) -> int:
        """How many of them are verified."""
        return len(self.triangulation.verified_ids)

    def people(self, role: str) -> list[str]:
        """Return the role codes of the people in one role who spoke to the criterion."""
        view = self.triangulation.roles.get(role)
        return list(view.codes) if view else []

    @property
    def scored(self) -> bool:
        """True when the assessor has decided a score."""
        return self.decided is not None and self.decided.score is not None

    @property
    def overridden(self) -> bool:
        """True when the decided score is not the suggestion it was made against."""
        return self.scored and self.decided is not None and not self.decided.accepted_suggestion

    @property
    def suggestion_moved(self) -> bool:
        """True when the current suggestion differs from the one the decision was made against."""
        if not self.scored or self.decided is None or self.decided.suggestion is None:
            return False
        now = self.suggestion
        return now is None or now.score != self.decided.suggestion.score


@dataclass(frozen=True)
class ScoresData:
    """Every criterion line with the rollup, readiness and bias checks of the decided scores."""

    lines: list[CriterionLine]
    rollup: Rollup
    readiness: Readiness
    bias: list[BiasFlag]

    def line(self, criterion_id: str) -> CriterionLine:
        """Return the line of one criterion (KeyError when there is none)."""
        for line in self.lines:
            if line.id == criterion_id:
                return line
        raise KeyError(criterion_id)


def build_scores_data(bank: Bank, data: AssessmentData) -> ScoresData:
    """Gather suggestions, decisions, sources, rollup, readiness and bias flags in bank order."""
    index = SourceIndex(bank, data)
    current = data.current_scores()
    scores = decided_scores(data)
    ready = readiness(bank, scores)
    blockers = {b.criterion_id: b for b in ready.blockers}
    tris = {c.id: triangulate(bank, data, c.id, index) for c in bank.criteria()}
    lines = [
        CriterionLine(
            criterion=crit,
            group=group,
            suggestion=suggest(bank, data, crit.id, index, tris[crit.id]),
            decided=current.get(crit.id),
            triangulation=tris[crit.id],
            blocker=blockers.get(crit.id),
            others=tuple(
                s
                for s in data.scores
                if s.criterion_id == crit.id and s is not current.get(crit.id)
            ),
            review_comments=tuple(
                c for c in data.comments if c.criterion_id == crit.id and c.status != "resolved"
            ),
        )
        for group in bank.groups
        for crit in group.criteria
    ]
    return ScoresData(
        lines=lines, rollup=rollup(bank, scores), readiness=ready, bias=bias_checks(bank, data)
    )


def parse_score(bank: Bank, text: str) -> float:
    """Read a score typed by the assessor; DecisionError with a one-line reason when off scale."""
    return decisions.parse_score(bank.scale, text)


needs_reason = decisions.needs_reason


def own(line: CriterionLine, who: str) -> CriterionScore | None:
    """Return this assessor's own decision on the line's criterion, whether it counts or not."""
    for score in (line.decided, *line.others):
        if score is not None and score.assessor == who:
            return score
    return None


def _comment(line: CriterionLine, who: str) -> str:
    mine = own(line, who)
    return mine.comment if mine else ""


def accepted(line: CriterionLine, who: str, bank: Bank) -> CriterionScore:
    """Return the decision that accepts a line's suggestion (keeping the comment)."""
    return decisions.decide(
        bank, line.id, assessor=who, suggestion=line.suggestion, comment=_comment(line, who)
    )


def overridden(
    bank: Bank, line: CriterionLine, score: float, reason: str, who: str
) -> CriterionScore:
    """Return the decision that sets a score of the assessor's own, with the reason."""
    return decisions.decide(
        bank,
        line.id,
        assessor=who,
        suggestion=line.suggestion,
        score=score,
        reason=reason,
        comment=_comment(line, who),
    )


def commented(line: CriterionLine, comment: str, who: str) -> CriterionScore:
    """Return the assessor's own decision with a new comment (none yet: an unscored one)."""
    base = own(line, who) or CriterionScore(criterion_id=line.id, assessor=who)
    return base.model_copy(update={"comment": comment.strip()})
