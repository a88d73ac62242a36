"""Provides `Weighing`: which answers on a criterion may set a suggestion's level, once the
accounts have been read against each other (`assistant.core.evidence.triangulation`).

It is the combination an assessor applies: a denial never raises a suggestion, an account that
contradicts a lead's claim supports nothing, a contradicted claim counts at most at the bank's cap
until verified evidence resolves it, and a lead's claim counts above the cap only when an
account of the same practice bears it out.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.core.evidence.pairing import Pair
from assistant.core.evidence.sources import CriterionSources, TurnSource
from assistant.core.evidence.statements import statement_of
from assistant.core.evidence.triangulation import Triangulation


@dataclass(frozen=True)
class Weighing:
    """Which answers may set the level, from how the accounts read against each other.

    - an answer that only denies (reports an absence) never raises the level;
    - a staff or stakeholder answer that contradicts a lead's claim supports nothing;
    - a lead's claim that someone contradicts is held at the bank's cap for uncorroborated
      claims until verified evidence (a record, an observation, something seen) resolves it;
    - a lead's claim counts above the cap only when an account of the same practice bears it
      out (a corroborating pair) or verified evidence does.
    """

    counted: tuple[TurnSource, ...]
    contested: frozenset[str]
    """Lead turns someone contradicts, not yet resolved by verified evidence."""
    borne_out: frozenset[str]
    """Lead turns a corroborating account of the same practice bears out."""
    contradictions: tuple[Pair, ...]
    resolved_by: tuple[str, ...]
    absences: tuple[TurnSource, ...]
    cap_level: int = 0

    def level(self, t: TurnSource) -> int:
        """The level an answer counts at: a contested lead claim counts at most at the cap."""
        if not self.contested:
            return t.level
        return min(t.level, self.cap_level) if t.key in self.contested else t.level

    @staticmethod
    def of(src: CriterionSources, tri: Triangulation, cap_level: int = 0) -> Weighing:
        """Return the weighing of one criterion's sources under its triangulation."""
        contra = tri.contradictions
        against = {p.other.key for p in contra} | {
            p.lead.key for p in contra if p.direction == "others-claim-more"
        }
        resolved = tuple(tri.resolved_by)
        contested = frozenset(p.lead.key for p in contra if p.direction != "others-claim-more")
        borne = frozenset(
            p.lead.key
            for p in tri.corroborations
            if p.direction == "same-story" and p.other.level >= 1 and p.other.key not in against
        )
        absences = tuple(t for t in src.turns if statement_of(t.turn.answer).only_denies)
        skip = {t.key for t in absences} | against
        counted = tuple(t for t in src.turns if t.level >= 0 and t.key not in skip)
        return Weighing(
            counted=counted,
            contested=frozenset() if resolved else contested,
            borne_out=borne,
            contradictions=tuple(contra),
            resolved_by=resolved,
            absences=absences,
            cap_level=cap_level,
        )
