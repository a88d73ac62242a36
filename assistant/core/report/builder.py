"""Provides `build_report`, which turns an assessment into the report model exporters lay out.

Every score in the report traces to a decided criterion score (suggestions are shown and marked,
never counted), every finding to criteria, evidence ids and turn keys. People appear by role code
only; with ``redact=True`` departments and sites go too, also where free text names them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Literal

from assistant.core.bank.model import Bank
from assistant.core.evidence.sources import SourceIndex
from assistant.core.evidence.triangulation import Triangulation, triangulate
from assistant.core.model import AssessmentData, Finding
from assistant.core.report.findings import RISK_ORDER, compose_findings, draft_findings
from assistant.core.report.gaps import gap_rows, triangulation_row
from assistant.core.report.history import assessment_date, history_section
from assistant.core.report.method import ROLES, evidence_register, method_section, sites
from assistant.core.report.model import (
    REDACTED_DEPARTMENT,
    REDACTED_SITE,
    SCHEMA_VERSION,
    TYPE_LABELS,
    BandInfo,
    BlockerRow,
    Cover,
    CriterionRow,
    FindingRow,
    GroupFindings,
    GroupScore,
    Report,
    ScaleInfo,
    Summary,
)
from assistant.core.scoring.rollup import Rollup, decided_scores, readiness, rollup
from assistant.core.scoring.suggestion import suggest

__all__ = ["Report", "build_report", "assessment_date"]

_USER_TEXT = frozenset(
    {
        "text",
        "comment",
        "override_reason",
        "sampling_rationale",
        "scope_unit",
        "point",
        "reference",
        "assessors",
    }
)
"""Fields holding the assessor's free text, which redaction scrubs (bank text is left alone)."""


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
    findings = compose_findings(bank, data, draft_findings(bank, data, index, tris))
    report = Report(
        schema_version=SCHEMA_VERSION,
        cover=_cover(bank, data, redact),
        scale=ScaleInfo(
            id=bank.scale.id,
            min=bank.scale.min,
            max=bank.scale.max,
            bands=[
                BandInfo(id=b.id, label=b.label, min=b.min, max=b.max, descriptor=b.descriptor)
                for b in bank.scale.bands
            ],
        ),
        summary=_summary(
            bank,
            roll,
            ready.ready,
            ready.rule,
            [
                BlockerRow(criterion_id=b.criterion_id, title=b.title, reason=b.reason)
                for b in ready.blockers
            ],
            findings,
        ),
        criteria=_criteria(bank, data, roll, tris, index),
        findings=_findings(bank, findings),
        gaps=gap_rows(bank, data, tris, scores),
        method=method_section(bank, data, roll, tris, redact),
        history=history_section(bank, data, roll, previous),
        evidence=evidence_register(bank, data),
    )
    return _scrub(report, data) if redact else report


def _cover(bank: Bank, data: AssessmentData, redact: bool) -> Cover:
    a = data.assessment
    return Cover(
        title=f"{bank.standard} assessment report",
        organisation=a.organisation,
        assessment_id=a.id,
        assessment_type=TYPE_LABELS.get(a.type, a.type),
        status=a.status,
        start_date=a.start_date,
        end_date=a.end_date,
        report_date=_report_date(data),
        scope_unit=a.scope.unit,
        sites=[] if redact else sites(data),
        sampling_rationale=a.scope.sampling_rationale,
        assessors=list(a.assessors),
        lead_assessor=a.lead_assessor,
        bank_id=bank.id,
        bank_title=bank.title,
        standard=bank.standard,
        edition=bank.edition,
        bank_version=bank.version,
        group_label=bank.group_label,
        redacted=redact,
    )


def _summary(
    bank: Bank,
    roll: Rollup,
    ready: bool,
    rule: str,
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
        ready=ready,
        readiness_rule=" ".join(rule.split()),
        blockers=blockers,
        strengths=count("strength"),
        risks=count("risk"),
        opportunities=count("opportunity"),
        key_strengths=key("strength", 4),
        key_risks=key("risk", 5),
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
            sugg = suggest(bank, data, res.criterion_id, index, tri)
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
                sources={r: len(tri.roles[r].codes) for r in ROLES},
                evidence=sum(len(v) for v in tri.evidence_by_type.values()),
                verified=len(tri.verified_ids),
                warnings=list(tri.warnings),
                triangulation=triangulation_row(tri),
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
    "gap": "accounts contradict",
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


def _scrub(report: Report, data: AssessmentData) -> Report:
    """Replace every department and site name in the report's text by a placeholder."""
    org = data.assessment.organisation.casefold()
    names: dict[str, str] = {}
    for s in data.assessment.scope.sites:
        names[s.name.strip()] = REDACTED_SITE
    for p in data.interviewees:
        names.setdefault(p.site.strip(), REDACTED_SITE)
        names.setdefault(p.department.strip(), REDACTED_DEPARTMENT)
    names = {k: v for k, v in names.items() if k and k.casefold() != org}
    if not names:
        return report
    patterns = [
        (re.compile(rf"(?<!\w){re.escape(k)}(?!\w)", 0 if len(k) <= 3 else re.IGNORECASE), v)
        for k, v in sorted(names.items(), key=lambda kv: -len(kv[0]))
    ]

    def clean(value: Any, key: str = "", titles: bool = False) -> Any:
        if isinstance(value, str):
            if key in _USER_TEXT or (titles and key == "title"):
                for pattern, placeholder in patterns:
                    value = pattern.sub(placeholder, value)
            return value
        if isinstance(value, list):
            return [clean(v, key, titles) for v in value]
        if isinstance(value, dict):
            return {k: clean(v, k, titles or key == "evidence") for k, v in value.items()}
        return value

    return Report.model_validate(clean(report.model_dump()))
