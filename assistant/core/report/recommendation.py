"""Provides the certification recommendation: derived from the bank's rule, editable by the lead.

The derived outcome follows the certification rule in the bank and what is still open:

* **not recommended** when a mandatory criterion is scored below the band the rule needs
  (for ICSS: a mandatory attribute at Intention);
* **recommend with conditions** when nothing is below the line but something must still happen
  first: a mandatory criterion not scored yet, or evidence the organisation still has to provide
  (open document requests and claims to verify); each becomes a condition;
* **recommend** otherwise.

The lead assessor may replace it with an outcome of their own and must give a reason
(`core.model.RecommendationDecision`); the report then shows both, so a reader sees when
judgement departed from the rule. For gap analyses and continuous-improvement assessments the same
reading is given as indicative readiness, since they issue no certificate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.core.bank.model import Bank
from assistant.core.model import AssessmentData, OpenItem, Outcome
from assistant.core.scoring.rollup import decided_scores, readiness

__all__ = ["OUTCOMES", "Recommendation", "client_request", "outcome_label", "recommend"]

OUTCOMES: tuple[Outcome, ...] = ("recommend", "conditions", "not-recommended")
_ASK = re.compile(
    r"^(?:please\s+)?(?:ask(?:\s+\w+)?\s+for|ask|request|get|obtain|see|check|verify|chase)\s+",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Recommendation:
    """The recommendation a report carries, with why, its conditions, and who set it."""

    outcome: Outcome
    derived: Outcome
    certifying: bool
    """True for assessment types that can lead to a certificate (certification,
    re-certification, surveillance); otherwise the outcome is indicative readiness."""
    reasons: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    decided_by: str = ""
    decision_reason: str = ""

    @property
    def overridden(self) -> bool:
        """True when the lead assessor set an outcome other than the derived one."""
        return bool(self.decided_by) and self.outcome != self.derived

    @property
    def label(self) -> str:
        """Return the outcome as the report words it."""
        return outcome_label(self.outcome, self.certifying)


def outcome_label(outcome: Outcome, certifying: bool = True) -> str:
    """Return an outcome in words: "Recommended for certification with conditions" and so on."""
    if certifying:
        return {
            "recommend": "Recommended for certification",
            "conditions": "Recommended for certification, with conditions",
            "not-recommended": "Not recommended for certification",
        }[outcome]
    return {
        "recommend": "Indicatively ready for certification",
        "conditions": "Indicatively ready for certification, with conditions",
        "not-recommended": "Not yet ready for certification",
    }[outcome]


def client_request(item: OpenItem, titles: dict[str, str]) -> str:
    """Word an open request as what the organisation is to provide, naming its criteria."""
    text = _ASK.sub("", " ".join(item.text.split())).rstrip(".")
    text = text[:1].lower() + text[1:] if text else "the evidence requested"
    verb = "Show evidence of" if item.kind == "claim" and not _ASK.match(item.text) else "Provide"
    crits = ", ".join(f"{c} {titles[c]}" if c in titles else c for c in item.criteria)
    return f"{verb} {text}" + (f" ({crits})" if crits else "") + "."


def recommend(bank: Bank, data: AssessmentData) -> Recommendation:
    """Return the recommendation for an assessment: the rule's, or the lead assessor's own."""
    kind = data.assessment.type
    certifying = bank.cycle.certifies(kind) or bank.cycle.rule(kind).maintains_certificate
    if kind in ("certification", "recertification", "surveillance"):
        certifying = True
    scores = decided_scores(data)
    ready = readiness(bank, scores)
    titles = {c.id: c.title for c in bank.criteria()}
    below = [b for b in ready.blockers if scores.get(b.criterion_id) is not None]
    unscored = [b for b in ready.blockers if scores.get(b.criterion_id) is None]
    reasons: list[str] = []
    conditions: list[str] = []
    if below:
        derived: Outcome = "not-recommended"
        reasons += [f"{b.criterion_id} {b.title} is mandatory and {b.reason}." for b in below]
    else:
        reasons.append("No mandatory criterion is scored below the band the rule needs.")
        conditions += [
            f"Score {b.criterion_id} {b.title}, a mandatory criterion not yet scored; it needs "
            f"{bank.scale.band(bank.certification.mandatory_min_band).label} or above."
            for b in unscored
        ]
        conditions += [
            client_request(o, titles)
            for o in data.open_items
            if o.status == "open" and o.kind in ("document", "claim")
        ]
        derived = "conditions" if conditions else "recommend"
    own = data.assessment.report.recommendation
    if own is None:
        return Recommendation(derived, derived, certifying, reasons, conditions)
    return Recommendation(
        outcome=own.outcome,
        derived=derived,
        certifying=certifying,
        reasons=reasons,
        conditions=list(own.conditions) or (conditions if own.outcome == "conditions" else []),
        decided_by=own.who,
        decision_reason=" ".join(own.reason.split()),
    )
