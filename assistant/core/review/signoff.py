"""Provides the sign-off rules: what the signature covers, what blocks it, how status moves.

The content digest is SHA-256 over canonical JSON (sorted keys, no spaces, UTF-8) of the
individual scores, consensus scores, findings and answers (every turn's question, answer, tags
and criteria). Review comments, statuses and timestamps of the review itself are not content:
answering a comment does not lift a sign-off; changing a score, a finding or an answer does.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from assistant.core.bank.model import Bank
from assistant.core.model import AssessmentData, AssessmentStatus, CriterionScore
from assistant.core.review.consensus import lines

STATUS_MOVES: dict[str, tuple[str, ...]] = {
    "planned": ("in-progress",),
    "in-progress": ("planned", "in-review"),
    "in-review": ("in-progress",),
    "signed-off": ("in-progress",),
}
"""Where each status may move by hand; signed-off is reached only by signing off."""

STATUS_WORDS: dict[str, str] = {
    "planned": "planned",
    "in-progress": "in progress",
    "in-review": "in review",
    "signed-off": "signed off",
}


def content_digest(data: AssessmentData) -> str:
    """Return the SHA-256 (hex) of the assessment's signed content (see the module docstring)."""
    payload: dict[str, Any] = {
        "assessment": data.assessment.id,
        "scores": sorted(
            (s.model_dump(mode="json") for s in data.scores),
            key=lambda d: (d["criterion_id"], d["assessor"]),
        ),
        "consensus": sorted(
            (c.model_dump(mode="json") for c in data.consensus),
            key=lambda d: d["criterion_id"],
        ),
        "findings": sorted(
            (f.model_dump(mode="json") for f in data.findings), key=lambda d: d["id"]
        ),
        "answers": sorted(
            (
                {
                    "key": t.key,
                    "kind": t.kind,
                    "question_id": t.question_id,
                    "question": t.question,
                    "answer": t.answer,
                    "tags": list(t.tags),
                    "criteria": list(t.criteria),
                }
                for t in data.turns
            ),
            key=lambda d: (d["key"].rpartition("/")[0], int(d["key"].rpartition("/")[2])),
        ),
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def move_problem(current: str, target: AssessmentStatus) -> str:
    """Return why the status cannot move from `current` to `target` by hand, or ""."""
    if target == current:
        return f"the assessment is already {STATUS_WORDS.get(target, target)}"
    if target == "signed-off":
        return "an assessment is signed off with `assessor signoff ID --as NAME`, not by status"
    allowed = STATUS_MOVES.get(current, ())
    if target not in allowed:
        words = ", ".join(STATUS_WORDS[s] for s in allowed) or "nothing"
        return (
            f"cannot move from {STATUS_WORDS.get(current, current)} to "
            f"{STATUS_WORDS.get(target, target)} (from here: {words})"
        )
    return ""


@dataclass(frozen=True)
class Crossing:
    """An override that puts a criterion on the other side of the certification line."""

    criterion_id: str
    suggested: float
    score: float
    reviewed: bool

    def describe(self, line_label: str) -> str:
        """Return the one-line description shown to the reviewer."""
        way = "lifts it to" if self.score > self.suggested else "drops it below"
        return (
            f"{self.criterion_id}: override from the suggested {self.suggested:g} to "
            f"{self.score:g} {way} the certification line ({line_label})"
        )


def crossings(bank: Bank, data: AssessmentData) -> list[Crossing]:
    """Return the current decisions whose override crosses the certification line either way."""
    scale = bank.scale
    need = scale.band(bank.certification.mandatory_min_band)
    reviewed = {(r.criterion_id, r.score) for r in data.override_reviews}
    out: list[Crossing] = []
    current: dict[str, CriterionScore] = data.current_scores()
    for crit in bank.criteria():
        score = current.get(crit.id)
        if score is None or score.score is None or score.suggestion is None:
            continue
        suggested = score.suggestion.score
        if (suggested >= need.min) != (score.score >= need.min):
            out.append(
                Crossing(crit.id, suggested, score.score, (crit.id, score.score) in reviewed)
            )
    return out


def blockers(bank: Bank, data: AssessmentData) -> list[str]:
    """Return one line per reason the assessment cannot be signed off yet (empty: it can)."""
    out: list[str] = []
    a = data.assessment
    if a.consensus_opened is not None and a.consensus_closed is None:
        out.append("consensus is still open: agree the disputed scores and close it")
    mandatory = {c.id for c in bank.criteria() if c.mandatory}
    current = data.current_scores()
    for crit in bank.criteria():
        score = current.get(crit.id)
        if score is None or score.score is None:
            out.append(f"{crit.id} {crit.title}: not scored")
    if a.consensus_opened is None:
        for line in lines(bank, data):
            if line.disputed:
                values = ", ".join(
                    f"{who} {v:g}" for who, v in line.scores.items() if v is not None
                )
                out.append(
                    f"{line.criterion_id}: assessors differ ({values}); "
                    "open consensus and agree a score"
                )
    for item in data.open_items:
        hit = sorted(set(item.criteria) & mandatory)
        if item.status == "open" and hit:
            out.append(f"{', '.join(hit)} (mandatory): open {item.kind} {item.id}: {item.text}")
    for c in data.comments:
        if c.status == "resolved":
            continue
        on_mandatory = c.criterion_id in mandatory
        if on_mandatory or c.request_changes:
            what = "changes requested" if c.request_changes else "unresolved comment"
            where = c.criterion_id or c.ref
            out.append(f"{where}: {what} ({c.id}, {c.author or 'reviewer'}): {c.text}")
    line_label = bank.scale.band(bank.certification.mandatory_min_band).label
    for crossing in crossings(bank, data):
        if not crossing.reviewed:
            out.append(crossing.describe(line_label) + "; not marked reviewed")
    return [" ".join(line.split()) for line in out]
