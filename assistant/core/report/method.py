"""Provides the method section and evidence register of the report: who was interviewed,
where and how, the limitations an assessor must state, open items, unresolved differences, and
every evidence item with where it came from.
"""

from __future__ import annotations

from collections.abc import Mapping

from assistant.core.bank.model import Bank
from assistant.core.evidence.triangulation import Triangulation
from assistant.core.model import ROLE_LABEL, AssessmentData, Interview, Interviewee, RoleType
from assistant.core.report.model import (
    DisputeRow,
    EvidenceRow,
    InterviewRow,
    Method,
    PersonRow,
    RoleRow,
    SiteRow,
)
from assistant.core.scoring.rollup import Rollup, bias_checks

ROLES: tuple[RoleType, ...] = ("lead", "stakeholder", "staff")


def sites(data: AssessmentData) -> list[SiteRow]:
    """Return the sites in scope, whether each was visited, and why."""
    return [
        SiteRow(name=s.name, sampled=s.sampled, reason=s.reason)
        for s in data.assessment.scope.sites
    ]


def method_section(
    bank: Bank, data: AssessmentData, roll: Rollup, tris: Mapping[str, Triangulation], redact: bool
) -> Method:
    """Return the method section: interviews by role, people, sites, limitations, open items."""
    people = {p.id: p for p in data.interviewees}
    answers = [t for t in data.turns if t.kind == "answer" and t.answer.strip()]
    spoke = [speaker.role for t in answers if (speaker := data.speaker_of(t)) is not None]
    roles = []
    for role in ROLES:
        ids = {p.id for p in data.interviewees if p.role == role}
        roles.append(
            RoleRow(
                role=role,
                label=ROLE_LABEL[role],
                people=len(ids),
                interviews=sum(1 for iv in data.interviews if ids & set(iv.interviewee_ids)),
                answers=spoke.count(role),
            )
        )
    interviews = [
        InterviewRow(
            id=iv.id,
            date=iv.started.date(),
            codes=[people[i].code for i in iv.interviewee_ids if i in people],
            answers=sum(1 for t in answers if t.interview_id == iv.id),
            criteria=sorted({c for t in answers if t.interview_id == iv.id for c in t.criteria}),
        )
        for iv in interview_order(data)
    ]
    disputes = [
        DisputeRow(
            interview_id=iv.id,
            point=point,
            codes=[people[i].code for i in iv.interviewee_ids if i in people],
        )
        for iv in data.interviews
        for point in iv.disputed_points
    ]
    open_n = sum(1 for o in data.open_items if o.status == "open")
    unscored = [c.criterion_id for c in roll.criteria if c.score is None]
    return Method(
        interviews=len(data.interviews),
        people=len(data.interviewees),
        answers=len(answers),
        roles=roles,
        people_list=[
            PersonRow(
                code=p.code,
                role=ROLE_LABEL[p.role],
                department="" if redact else p.department,
                site="" if redact else p.site,
            )
            for p in sorted(data.interviewees, key=lambda p: _code_order(p.code))
        ],
        interview_list=interviews,
        sites=[] if redact else sites(data),
        sampling_rationale=data.assessment.scope.sampling_rationale,
        limitations=limitations(bank, data, roll, tris, unscored, open_n),
        unscored=unscored,
        open_items=[],  # the team's follow-ups: working papers, not the client report
        disputes=disputes,
        checks=[f.message for f in bias_checks(bank, data)],
    )


def _code_order(code: str) -> tuple[int, int, str]:
    """Order role codes leads, stakeholders, staff, then by number: L1, L2, K1, S1, S10."""
    prefix, digits = code[:1], code[1:]
    return ("LKS".find(prefix) % 4, int(digits) if digits.isdigit() else 0, code)


def interview_order(data: AssessmentData) -> list[Interview]:
    """Return the interviews in register order: by day, then leads, stakeholders, staff."""
    people = {p.id: p for p in data.interviewees}
    return sorted(data.interviews, key=lambda iv: _interview_order(iv, people))


def _interview_order(iv: Interview, people: Mapping[str, Interviewee]) -> tuple[object, ...]:
    codes = sorted((people[i].code for i in iv.interviewee_ids if i in people), key=_code_order)
    return (iv.started.date(), _code_order(codes[0]) if codes else (9, 0, ""), iv.id)


def _n(count: int, one: str, many: str) -> str:
    """Return "1 criterion is" or "3 criteria are": a count with the right form."""
    return f"{count} {one if count == 1 else many}"


def limitations(
    bank: Bank,
    data: AssessmentData,
    roll: Rollup,
    tris: Mapping[str, Triangulation],
    unscored: list[str],
    open_n: int,
) -> list[str]:
    """Return the limitations an assessor must state: sampling, gaps in scoring and sources."""
    out = [
        "Scores are not the scheme's official result. "
        + " ".join(bank.aggregation.description.split())
    ]
    sites = data.assessment.scope.sites
    sampled = [s for s in sites if s.sampled]
    if sites:
        out.append(
            f"Evidence is a sample: {len(sampled)} of {_n(len(sites), 'site', 'sites')} "
            "in scope visited; practice at other sites may differ."
        )
    if unscored:
        out.append(
            f"{len(unscored)} of {roll.total} criteria "
            f"{'is' if len(unscored) == 1 else 'are'} not scored ("
            + ", ".join(unscored)
            + ") and left out of every aggregate."
        )
    no_staff = [c.id for c in bank.criteria() if not tris[c.id].has("staff")]
    if no_staff:
        out.append(
            _n(len(no_staff), "criterion has", "criteria have")
            + " no staff account ("
            + ", ".join(no_staff)
            + "), so delivery at the front line is not confirmed."
        )
    single = [c.id for c in bank.criteria() if tris[c.id].single_source]
    if single:
        out.append("Resting on a single source: " + ", ".join(single) + ".")
    contradicted = [c.id for c in bank.criteria() if tris[c.id].contradicted]
    if contradicted:
        open_ = [cid for cid in contradicted if not tris[cid].resolved]
        out.append(
            _n(len(contradicted), "criterion has", "criteria have")
            + " accounts that contradict each other ("
            + ", ".join(contradicted)
            + ")"
            + (f"; not yet resolved by verified evidence: {', '.join(open_)}" if open_ else "")
            + " (section 5)."
        )
    unverified = [e.id for e in data.evidence if not e.verified]
    if unverified:
        out.append(
            _n(len(unverified), "evidence item was", "evidence items were")
            + " referred to but not verified; unverified items count towards no score."
        )
    if open_n:
        out.append(
            _n(
                open_n,
                "request for evidence or follow-up was",
                "requests for evidence or follow-ups were",
            )
            + " still open when this report was produced; those the organisation must answer "
            "are conditions of the recommendation."
        )
    return out


def evidence_register(bank: Bank, data: AssessmentData) -> list[EvidenceRow]:
    """Return the evidence register in bank order of the first criterion each item supports."""
    order = {c.id: i for i, c in enumerate(bank.criteria())}
    rows = []
    for e in sorted(
        data.evidence,
        key=lambda e: (
            min((order.get(c, len(order)) for c in e.criteria), default=len(order)),
            e.id,
        ),
    ):
        source = ""
        if e.interview_id:
            codes = []
            try:
                iv = data.interview(e.interview_id)
                codes = [
                    data.interviewee(i).code
                    for i in iv.interviewee_ids
                    if any(p.id == i for p in data.interviewees)
                ]
            except KeyError:
                pass
            turn = f" turn {e.turn_n}" if e.turn_n else ""
            source = ("/".join(codes) or "interview") + turn
        rows.append(
            EvidenceRow(
                id=e.id,
                type=e.type,
                title=e.title,
                reference=e.reference,
                verified=e.verified,
                criteria=list(e.criteria),
                source=source,
            )
        )
    return rows
