"""Provides /pair: how the staff and stakeholder accounts on a criterion read against the
leads', and the assessor's own reading of a pair, saved apart from the suggested one.

``/pair`` lists the pairs of the current criterion (or ``/pair CRITERION``), numbered, each with
the clauses and words its reading rests on. ``/pair N RELATION [why]`` saves the assessor's
reading of pair N: ``corroborates``, ``contradicts``, ``silent``, or ``ok`` to confirm the
suggested one. The assessor's reading always wins over the suggested one.
"""

from __future__ import annotations

from assistant.core.errors import AssessorError
from assistant.core.evidence.pairing import pair_words, reading_of
from assistant.core.interview.base import EngineBase, clean_text, number
from assistant.core.interview.replies import Notice, NotSaved, Reply
from assistant.core.model import PairRelation

RELATIONS: dict[str, PairRelation | None] = {
    "corroborates": "corroborates",
    "corroborate": "corroborates",
    "agree": "corroborates",
    "contradicts": "contradicts",
    "contradict": "contradicts",
    "silent": "silent",
    "ok": None,
    "confirm": None,
}
"""What may follow the pair number; None confirms the suggested reading."""


class PairActions(EngineBase):
    """The /pair command."""

    def _cmd_pair(self, args: str, typed: str) -> list[Reply]:
        words = clean_text(args).split(None, 2)
        crit = self._find_criterion(words[0]) if words else None
        if crit is not None and number(words[0]) is None:
            words = words[1:]
        else:
            crit = self._criterion_id()
        if crit is None:
            return [Notice("no criterion: /pair CRITERION lists its pairs", "warning", keep=typed)]
        tri = self._triangulate(crit)
        if not words:
            if not tri.pairs:
                ask = " and ".join(
                    {"lead": "a lead", "staff": "staff or stakeholders"}[r] for r in tri.not_asked
                )
                more = f" ({ask} not asked yet)" if ask else ""
                return [Notice(f"{crit} is {tri.status}: no lead-versus-staff pair to read{more}.")]
            lines = [f"{crit} is {tri.status}. Pairs (/pair N corroborates|contradicts|silent|ok):"]
            lines += [f"{i}. {pair_words(p)}" for i, p in enumerate(tri.pairs, 1)]
            return [Notice("\n".join(lines))]
        n = number(words[0])
        if n is None or not 1 <= n <= len(tri.pairs) or int(n) != n:
            return [
                Notice(
                    f"no pair {words[0]} on {crit} ({len(tri.pairs)} listed by /pair)",
                    "warning",
                    keep=typed,
                )
            ]
        pair = tri.pairs[int(n) - 1]
        word = words[1].lower() if len(words) > 1 else "ok"
        if word not in RELATIONS:
            return [
                Notice(
                    f"'{word}' is not a reading: corroborates, contradicts, silent or ok",
                    "warning",
                    keep=typed,
                )
            ]
        relation = RELATIONS[word] or pair.suggested
        why = words[2] if len(words) > 2 else ""
        reading = reading_of(pair, relation, self._interview().assessor, why, self.clock())
        try:
            self.recorder.set_pair_reading(reading, why=why or "assessor's reading")
        except AssessorError as exc:
            return [NotSaved(str(exc), typed)]
        self._changed()
        tri = self._triangulate(crit)
        return [
            Notice(
                f"pair {int(n)} on {crit} read as {relation} "
                f"({pair.lead.code} t{pair.lead.turn.n} vs {pair.other.code} t{pair.other.turn.n});"
                f" {crit} is now {tri.status}."
            ),
            self._suggestion_update(crit),
        ]
