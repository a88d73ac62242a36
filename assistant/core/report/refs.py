"""Provides client references: the report's own names for evidence, interviews and turns.

Internal ids (``ev-3f9a1c2b``, ``iv-c3b10a21/4``, ``oi-…``) are for merging files, not for
readers. The client report numbers evidence items E1, E2 … in register order and interviews 1, 2
… in register order, and cites an answer as its speaker's role code and turn number ("L1 turn
4"). `ClientRefs.text` rewrites any internal id left in free text (a finding, a comment) the
same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.core.model import AssessmentData

__all__ = ["ClientRefs", "INTERNAL_ID"]

INTERNAL_ID = re.compile(r"\b(?:ev|iv|oi|f|p)-[0-9a-f]{6,}(?:/\d+)?\b")
"""What an internal id looks like, with an optional turn number."""


class ClientRefs:
    """Maps an assessment's internal ids to the references a client report uses."""

    def __init__(
        self, data: AssessmentData, evidence_order: Sequence[str], interview_order: Sequence[str]
    ) -> None:
        self.evidence = {eid: f"E{i}" for i, eid in enumerate(evidence_order, 1)}
        self.interviews = {iid: str(i) for i, iid in enumerate(interview_order, 1)}
        self._codes: dict[str, str] = {}
        people = {p.id: p.code for p in data.interviewees}
        for iv in data.interviews:
            codes = [people[i] for i in iv.interviewee_ids if i in people]
            self._codes[iv.id] = "/".join(codes)
        self._speaker = {
            t.key: (s.code if (s := data.speaker_of(t)) is not None else "") for t in data.turns
        }
        self._items = {o.id for o in data.open_items}
        known = sorted(
            {*self.evidence, *self.interviews, *self._items, *(i.id for i in data.interviews)},
            key=len,
            reverse=True,
        )
        self._known = (
            re.compile(
                r"(?<![\w-])(?:" + "|".join(re.escape(k) for k in known) + r")(?:/\d+)?(?![\w-])"
            )
            if known
            else None
        )

    def turn(self, key: str) -> str:
        """Return a turn key as "L1 turn 4" (the interview's number when nobody is known)."""
        interview, _, n = key.rpartition("/")
        who = self._speaker.get(key) or self._codes.get(interview, "")
        if not who:
            who = f"interview {self.interviews.get(interview, '?')}"
        return f"{who} turn {n}" if n.isdigit() else who

    def interview(self, interview_id: str) -> str:
        """Return an interview's number in the register ("?" when it is not there)."""
        return self.interviews.get(interview_id, "?")

    def item(self, evidence_id: str) -> str:
        """Return an evidence item's register number ("E3"), or "a record" when unknown."""
        return self.evidence.get(evidence_id, "a record")

    def text(self, text: str) -> str:
        """Rewrite every internal id in free text as its client reference."""

        def swap(m: re.Match[str]) -> str:
            token = m.group(0)
            base = token.partition("/")[0]
            if base in self.evidence or token.startswith("ev-"):
                return self.item(base)
            if base in self.interviews or token.startswith("iv-"):
                if "/" in token:
                    return self.turn(token)
                return f"interview {self.interview(token)}"
            if base in self._items or token.startswith("oi-"):
                return "a request"
            return "an item"

        if self._known is not None:
            text = self._known.sub(swap, text)
        return INTERNAL_ID.sub(swap, text)
