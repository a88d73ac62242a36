"""Provides the last passes over a built report: client references and redaction.

`client_refs` replaces internal ids by the references a client reads (E3, "L1 turn 4",
interview 2) everywhere the report shows them; `scrub` replaces department and site names by
placeholders in every free-text field (bank text is left alone) for a redacted edition.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.core.model import AssessmentData
from assistant.core.report.model import REDACTED_DEPARTMENT, REDACTED_SITE, Report
from assistant.core.report.refs import ClientRefs

__all__ = ["client_refs", "scrub"]

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
        "rationale",
        "commentary",
        "what",
        "why",
        "owner",
        "conditions",
        "decision_reason",
        "sites",
    }
)
"""Fields holding the assessor's free text, which redaction scrubs (bank text is left alone)."""


def client_refs(report: Report, refs: ClientRefs) -> Report:
    """Replace internal ids by the client's references everywhere the report shows them."""
    for group in report.findings:
        for f in group.strengths + group.risks + group.opportunities:
            f.text = refs.text(f.text)
            f.evidence_ids = [refs.item(i) for i in f.evidence_ids]
            f.turn_keys = [refs.turn(k) for k in f.turn_keys]
    for c in report.criteria:
        c.comment, c.commentary = refs.text(c.comment), refs.text(c.commentary)
        c.override_reason = refs.text(c.override_reason)
    for e in report.evidence:
        e.id = refs.item(e.id)
    for i in report.method.interview_list:
        i.id = refs.interview(i.id)
    for d in report.method.disputes:
        d.interview_id = refs.interview(d.interview_id)
        d.point = refs.text(d.point)
    for g in report.gaps:
        for account in g.claims + g.counters:
            account.turn = refs.turn(account.turn)
        g.evidence = [refs.text(e) for e in g.evidence]
        g.resolution = refs.text(g.resolution)
    for a in report.recommendations:
        a.what, a.why = refs.text(a.what), refs.text(a.why)
    rec = report.summary.recommendation
    if rec is not None:
        rec.conditions = [refs.text(c) for c in rec.conditions]
        rec.reasons = [refs.text(r) for r in rec.reasons]
    report.summary.key_strengths = [refs.text(x) for x in report.summary.key_strengths]
    report.summary.key_risks = [refs.text(x) for x in report.summary.key_risks]
    return report


def scrub(report: Report, data: AssessmentData) -> Report:
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
