"""Provides `build_report`, which turns an assessment into the report model exporters lay out.

Every score in the report traces to a decided criterion score (suggestions are shown and marked,
never counted), every finding to criteria, evidence items and turns. The report is the client's:
evidence is cited by register number (E1), answers by role code and turn ("L1 turn 4"), never by
internal id; the assessment team's own follow-ups stay out of it (see `advice` and the working
papers). People appear by role code only; with ``redact=True`` departments and sites go too, also
where free text names them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Literal

from assistant.core.bank.model import Bank
from assistant.core.evidence.sources import SourceIndex
from assistant.core.evidence.triangulation import Triangulation, triangulate
from assistant.core.model import AssessmentData, Finding
from assistant.core.report.advice import client_advice, is_assessor_work
from assistant.core.report.commentary import draft_commentary
from assistant.core.report.cover import cover
from assistant.core.report.findings import RISK_ORDER, compose_findings
from assistant.core.report.history import assessment_date, history_section
from assistant.core.report.inputs import (
    self_assessment_section,
    with_library_fields,
    with_schedule,
)
from assistant.core.report.method import ROLES, evidence_register, method_section
from assistant.core.report.model import (
    SCHEMA_VERSION,
    AdviceRow,
    BandInfo,
    BlockerRow,
    CriterionRow,
    FindingRow,
    GapRow,
    GroupFindings,
    GroupScore,
    NarrativeRow,
    RecommendationInfo,
    Report,
    ScaleInfo,
    Summary,
    WeightRow,
)
from assistant.core.report.narrative import draft_narrative
from assistant.core.report.recommendation import outcome_label, recommend
from assistant.core.report.redaction import client_refs, scrub
from assistant.core.report.refs import ClientRefs
from assistant.core.report.review import add_review
from assistant.core.scoring.rollup import Readiness, Rollup, decided_scores, readiness, rollup
from assistant.core.scoring.suggestion import suggest

__all__ = ["Report", "build_report", "assessment_date"]


def _report_date(data: AssessmentData) -> date:
    if data.assessment.end_date:
        return data.assessment.end_date
    stamps = [t.answered_at.date() for t in data.turns] + [s.decided_at.date() for s in data.scores]
    return max(stamps, default=assessment_date(data))


def build_report(
    bank: Bank, data: AssessmentData, previous: Sequence[AssessmentData] = (), redact: bool = False
) -> Report:
    """Build the report of one assessment; `previous` may hold any earlier assessments."""
    index = SourceIndex(bank, data)
    scores = decided_scores(data)
    roll = rollup(bank, scores)
    ready = readiness(bank, scores)
    tris = {c.id: triangulate(bank, data, c.id, index) for c in bank.criteria()}
    everything = compose_findings(bank, data)
    findings = [f for f in everything if not is_assessor_work(f)]
    method = with_schedule(method_section(bank, data, roll, tris, redact), bank, data, redact)
    register = with_library_fields(evidence_register(bank, data), bank, data, redact)
    refs = ClientRefs(data, [e.id for e in register], [i.id for i in method.interview_list])
    summary = _summary(
        bank,
        roll,
        ready,
        [
            BlockerRow(criterion_id=b.criterion_id, title=b.title, reason=b.reason)
            for b in ready.blockers
        ],
        findings,
    )
    summary.recommendation = _recommendation(bank, data)
    summary.narrative = [
        NarrativeRow(key=p.key, title=p.title, text=p.text, drafted=p.drafted)
        for p in draft_narrative(bank, data, roll, ready, findings)
    ]
    advice = client_advice(bank, data, findings, index)
    keep = max(MAX_ADVICE, sum(1 for a in advice if a.priority < 3))
    advice, left = advice[:keep], max(0, len(advice) - keep)
    report = Report(
        schema_version=SCHEMA_VERSION,
        cover=cover(bank, data, _report_date(data), redact, previous),
        scale=ScaleInfo(
            id=bank.scale.id,
            min=bank.scale.min,
            max=bank.scale.max,
            bands=[
                BandInfo(id=b.id, label=b.label, min=b.min, max=b.max, descriptor=b.descriptor)
                for b in bank.scale.bands
            ],
        ),
        summary=summary,
        criteria=_criteria(bank, data, roll, tris, index),
        findings=_findings(bank, findings),
        gaps=_gaps(bank, tris),
        method=method,
        history=history_section(bank, data, roll, previous),
        evidence=register,
        recommendations=[
            AdviceRow(
                priority=a.priority,
                priority_label=PRIORITY_LABEL[a.priority],
                what=a.what,
                why=a.why,
                owner=a.owner,
                horizon=a.horizon,
                criteria=list(a.criteria),
            )
            for a in advice
        ],
        recommendations_left=left,
        self_assessment=self_assessment_section(bank, data),
    )
    report = client_refs(add_review(report, bank, data), refs)
    return scrub(report, data) if redact else report


PRIORITY_LABEL = {1: "High", 2: "Medium", 3: "Low"}
MAX_ADVICE = 10
"""Client recommendations listed; every high and medium one is kept whatever the count."""


def _recommendation(bank: Bank, data: AssessmentData) -> RecommendationInfo:
    rec = recommend(bank, data)
    return RecommendationInfo(
        outcome=rec.outcome,
        label=rec.label,
        derived_label=outcome_label(rec.derived, rec.certifying),
        certifying=rec.certifying,
        overridden=rec.overridden,
        reasons=rec.reasons,
        conditions=rec.conditions,
        decided_by=rec.decided_by,
        decision_reason=rec.decision_reason,
    )


def _weight_text(rows: Sequence[WeightRow], noun: str) -> str:
    """Say the weights in one sentence: the usual weight, then the exceptions by name."""
    counts: dict[float, int] = {}
    for w in rows:
        counts[w.weight] = counts.get(w.weight, 0) + 1
    usual = max(counts, key=lambda k: (counts[k], -k))
    odd = [f"{w.id} {w.title} ({w.weight:g})" for w in rows if w.weight != usual]
    text = f"each {noun} weighs {usual:g}"
    return text + (", except " + "; ".join(odd) if odd else "")


def _weights(bank: Bank) -> tuple[str, list[WeightRow], list[WeightRow]]:
    """Return the aggregation's weights: a sentence naming them, group rows, criterion rows."""
    groups = [WeightRow(id=g.id, title=g.title, weight=g.weight) for g in bank.groups]
    crits = [WeightRow(id=c.id, title=c.title, weight=c.weight) for c in bank.criteria()]
    method = bank.aggregation.method
    if method == "minimum":
        return "No weights apply: each aggregate is the lowest score beneath it.", [], []
    if method == "mean":
        return (
            "No weights apply: each aggregate is the plain mean of the scores beneath it.",
            [],
            [],
        )
    parts = [_weight_text(crits, "criterion")]
    if bank.aggregation.overall_from == "groups":
        parts.append(_weight_text(groups, bank.group_label.lower()))
    note = "Weights: " + "; ".join(parts) + ". Unscored criteria are left out, not counted as 0."
    return note, groups, crits


def _summary(
    bank: Bank,
    roll: Rollup,
    ready: Readiness,
    blockers: list[BlockerRow],
    findings: Sequence[Finding],
) -> Summary:
    def count(kind: str) -> int:
        return sum(1 for f in findings if f.kind == kind)

    def key(kind: str, limit: int) -> list[str]:
        out: list[str] = []
        ranked = sorted(
            (f for f in findings if f.kind == kind), key=lambda f: RISK_ORDER.get(_rule(f), 0.5)
        )
        for f in ranked:
            names = []
            for cid in f.criteria:
                try:
                    names.append(f"{cid} {bank.criterion(cid).title}")
                except KeyError:
                    names.append(cid)
            line = "; ".join(names) or "General"
            line += f" ({_rule_label(f)})"
            if line not in out:
                out.append(line)
        return out[:limit]

    note, group_weights, crit_weights = _weights(bank)
    return Summary(
        overall=roll.overall,
        overall_percent=roll.overall_percent,
        overall_band=roll.overall_band.label if roll.overall_band else None,
        overall_band_id=roll.overall_band.id if roll.overall_band else None,
        aggregation=" ".join(roll.method.split()),
        scored=roll.scored,
        total=roll.total,
        groups=[
            GroupScore(
                id=g.group_id,
                title=g.title,
                score=g.score,
                percent=g.percent,
                band=g.band.label if g.band else None,
                band_id=g.band.id if g.band else None,
                scored=g.scored,
                total=g.total,
            )
            for g in roll.groups
        ],
        ready=ready.ready,
        readiness_rule=" ".join(ready.rule.split()),
        blockers=blockers,
        strengths=count("strength"),
        risks=count("risk"),
        opportunities=count("opportunity"),
        key_strengths=key("strength", 4),
        key_risks=key("risk", 5),
        weights_note=note,
        group_weights=group_weights,
        criterion_weights=crit_weights,
    )


def _criteria(
    bank: Bank,
    data: AssessmentData,
    roll: Rollup,
    tris: Mapping[str, Triangulation],
    index: SourceIndex,
) -> list[CriterionRow]:
    current = data.current_scores()
    rows: list[CriterionRow] = []
    for res in roll.criteria:
        decided = current.get(res.criterion_id)
        tri = tris[res.criterion_id]
        if res.score is not None:
            sugg = decided.suggestion if decided is not None else None
            status = "decided"
        else:
            sugg = suggest(bank, data, res.criterion_id, index)
            status = "suggested" if sugg else "unscored"
        rows.append(
            CriterionRow(
                id=res.criterion_id,
                title=res.title,
                group_id=res.group_id,
                mandatory=res.mandatory,
                status=status,
                score=res.score,
                band=res.band.label if res.band else None,
                band_id=res.band.id if res.band else None,
                suggested_score=sugg.score if sugg else None,
                suggested_band=_band_label(bank, sugg.band) if sugg else None,
                accepted_suggestion=bool(decided and decided.accepted_suggestion),
                override_reason=decided.override_reason if decided else "",
                comment=decided.comment if decided else "",
                commentary=(decided.comment.strip() if decided else "")
                or draft_commentary(
                    bank,
                    data,
                    res.criterion_id,
                    res.score if res.score is not None else (sugg.score if sugg else None),
                    index,
                ),
                commentary_drafted=not (decided and decided.comment.strip()),
                sources={r: len(tri.roles[r].codes) for r in ROLES},
                evidence=sum(len(v) for v in tri.evidence_by_type.values()),
                verified=len(tri.verified_ids),
                warnings=list(tri.warnings),
            )
        )
    return rows


def _band_label(bank: Bank, band_id: str) -> str:
    try:
        return bank.scale.band(band_id).label
    except KeyError:
        return band_id


RULE_LABELS = {
    "top": "top band, corroborated",
    "blocker": "certification blocker",
    "gap": "leads and staff differ",
    "claim": "claims not verified",
    "single": "single source",
    "lift": "near the next band",
}


def _row(f: Finding) -> FindingRow:
    origin: Literal["drafted", "edited", "assessor"] = (
        "assessor" if not f.drafted else ("edited" if f.edited else "drafted")
    )
    return FindingRow(
        id=f.id,
        kind=f.kind,
        text=f.text,
        criteria=list(f.criteria),
        evidence_ids=list(f.evidence_ids),
        turn_keys=list(f.turn_keys),
        origin=origin,
        label=_rule_label(f),
    )


def _rule(f: Finding) -> str:
    """Return the drafting rule behind a finding (from its stable id), or "" for the assessor's."""
    parts = f.id.split("-")
    if f.drafted and len(parts) >= 3 and parts[0] == "d" and parts[2] in RULE_LABELS:
        return parts[2]
    return ""


def _rule_label(f: Finding) -> str:
    return RULE_LABELS.get(_rule(f), "assessor's finding")


def _findings(bank: Bank, findings: Sequence[Finding]) -> list[GroupFindings]:
    groups: dict[str, GroupFindings] = {
        g.id: GroupFindings(group_id=g.id, title=g.title, strengths=[], risks=[], opportunities=[])
        for g in bank.groups
    }
    general = GroupFindings(group_id="", title="General", strengths=[], risks=[], opportunities=[])
    for f in findings:
        target = general
        for cid in f.criteria:
            try:
                target = groups[bank.group_of(cid).id]
                break
            except KeyError:
                continue
        bucket = {"strength": target.strengths, "risk": target.risks}.get(
            f.kind, target.opportunities
        )
        bucket.append(_row(f))
    out = list(groups.values()) + [general]
    return [g for g in out if g.strengths or g.risks or g.opportunities or g.group_id]


def _gaps(bank: Bank, tris: Mapping[str, Triangulation]) -> list[GapRow]:
    rows = []
    for crit in bank.criteria():
        tri = tris[crit.id]
        lead, staff = tri.roles["lead"], tri.roles["staff"]
        if tri.gap is None or lead.band is None or staff.band is None:
            continue
        rows.append(
            GapRow(
                criterion_id=crit.id,
                title=crit.title,
                lead_band=bank.scale.band(lead.band).label,
                staff_band=bank.scale.band(staff.band).label,
                gap=tri.gap,
                lead_codes=list(lead.codes),
                staff_codes=list(staff.codes),
            )
        )
    return rows
