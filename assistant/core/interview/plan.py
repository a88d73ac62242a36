"""Provides interview plans: which criteria and questions to cover with one interviewee, and why.

An interview keeps to a few areas (3-4 for up to an hour, docs/ASSESSMENT.md §3): criteria the
organisation's self-assessment overstates first, largest gap first, then mandatory criteria,
then criteria that still lack an account from someone in this role (so leads' claims can be
triangulated with staff, §4.5), then the rest. Where the self-assessment cites evidence for a
planned criterion, the item carries a probe asking to see it. Plans are values: `add`, `drop`
and `move` return a new plan.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from assistant.core.bank.model import Bank, Criterion, Question
from assistant.core.errors import AssessorError
from assistant.core.evidence.sources import SourceIndex
from assistant.core.inputs.selfassess import Variance, compare, evidence_probe
from assistant.core.model import ROLE_LABEL, AssessmentData, Interview, Interviewee, RoleType


class PlanError(AssessorError):
    """A plan change that cannot be made (unknown criterion, not in the plan, bad position)."""


def capacity(time_box_minutes: int) -> int:
    """Return how many areas (criteria) fit a time box: 3 up to 45 min, 4 up to 60, +1 per 15."""
    if time_box_minutes < 30:
        return max(1, time_box_minutes // 10)
    if time_box_minutes <= 45:
        return 3
    if time_box_minutes <= 60:
        return 4
    return 4 + math.ceil((time_box_minutes - 60) / 15)


def questions_for(criterion: Criterion, role: RoleType) -> tuple[tuple[Question, ...], str]:
    """Return a criterion's questions for a role, and a note when another audience's are used.

    A role takes its own questions and those for "any"; a stakeholder takes lead questions when
    the criterion has none for stakeholders. Empty when nothing fits.
    """
    own = tuple(q for q in criterion.questions if q.audience in (role, "any"))
    if any(q.audience == role for q in own) or role != "stakeholder":
        return own, ""
    lead = tuple(q for q in criterion.questions if q.audience in ("lead", "any"))
    if any(q.audience == "lead" for q in lead):
        return lead, "lead questions (none for stakeholders)"
    return own, ""


SUMMARY_UNCOVERED = 4
"""How many uncovered criteria the one-line summary names; a long list is noise when read aloud."""


@dataclass(frozen=True)
class PlanItem:
    """One criterion in the plan, the questions to ask for it, and why it was chosen."""

    criterion_id: str
    title: str
    mandatory: bool
    question_ids: tuple[str, ...]
    why: str
    evidence_probe: str = ""
    """A follow-up asking for the evidence the self-assessment cites here ('' when none)."""


@dataclass(frozen=True)
class Plan:
    """The criteria to cover in one interview, in order, and those left for other interviews."""

    role: RoleType
    time_box_minutes: int
    items: tuple[PlanItem, ...]
    uncovered: tuple[str, ...] = ()
    """Criteria outside this plan with no account from this role yet, mandatory first."""
    bank: Bank | None = field(default=None, compare=False, repr=False)

    @property
    def criteria(self) -> tuple[str, ...]:
        """Return the planned criterion ids in order."""
        return tuple(i.criterion_id for i in self.items)

    @property
    def capacity(self) -> int:
        """Return how many areas the time box allows."""
        return capacity(self.time_box_minutes)

    def summary(self) -> str:
        """Return one line on what the plan expects to cover and what stays uncovered."""
        who = ROLE_LABEL[self.role]
        line = (
            f"Expects to cover {', '.join(self.criteria) or 'nothing'} with {who} in "
            f"{self.time_box_minutes} min"
        )
        if len(self.items) > self.capacity:
            line += f" (more than the {self.capacity} areas that usually fit)"
        if self.uncovered:
            shown = ", ".join(self.uncovered[:SUMMARY_UNCOVERED])
            more = len(self.uncovered) - SUMMARY_UNCOVERED
            if more > 0:
                shown += f" and {more} more (/plan lists them)"
            line += f"; still without a {who} source: {shown}"
        return line + "."

    def item(self, criterion_id: str) -> PlanItem:
        """Return the plan item of a criterion (PlanError when it is not planned)."""
        for it in self.items:
            if it.criterion_id == criterion_id:
                return it
        raise PlanError(f"{criterion_id} is not in the plan")

    def add(self, criterion_id: str, why: str = "added by the assessor") -> Plan:
        """Return the plan with a criterion added at the end (unchanged when already there)."""
        bank = self._bank()
        try:
            crit = bank.criterion(criterion_id)
        except KeyError:
            raise PlanError(f"no criterion {criterion_id} in bank {bank.id}") from None
        if crit.id in self.criteria:
            return self
        questions, note = questions_for(crit, self.role)
        if not questions:
            questions, note = tuple(crit.questions), f"no {self.role} questions; using all"
        item = PlanItem(
            crit.id,
            crit.title,
            crit.mandatory,
            tuple(q.id for q in questions),
            why + (f"; {note}" if note else ""),
        )
        return replace(
            self,
            items=(*self.items, item),
            uncovered=tuple(c for c in self.uncovered if c != crit.id),
        )

    def drop(self, criterion_id: str) -> Plan:
        """Return the plan without a criterion (PlanError when it is not planned)."""
        item = self.item(criterion_id)
        return replace(
            self,
            items=tuple(i for i in self.items if i is not item),
            uncovered=(*self.uncovered, item.criterion_id),
        )

    def move(self, criterion_id: str, position: int) -> Plan:
        """Return the plan with a criterion moved to a 1-based position (clamped to the ends)."""
        item = self.item(criterion_id)
        rest = [i for i in self.items if i is not item]
        at = min(max(position, 1), len(rest) + 1) - 1
        rest.insert(at, item)
        return replace(self, items=tuple(rest))

    def _bank(self) -> Bank:
        if self.bank is None:
            raise PlanError("this plan has no bank to add criteria from")
        return self.bank


def _has_source(bank: Bank, data: AssessmentData, role: RoleType) -> set[str]:
    """Return the criteria someone in `role` has answered on. Only who spoke counts, so no
    answer is read: a first plan on a big assessment is made at once."""
    index = SourceIndex(bank, data)
    return {crit.id for crit in bank.criteria() if index.heard(crit.id, role)}


def make_plan(
    bank: Bank,
    data: AssessmentData,
    interviewee: Interviewee,
    time_box_minutes: int,
    criteria: Sequence[str] | None = None,
) -> Plan:
    """Choose the criteria and questions for one interviewee within a time box.

    With `criteria` (for example Interview.planned_criteria) those are planned in that order,
    whatever the time box; unknown ids raise PlanError. Otherwise: mandatory criteria first,
    then those with no source of this role yet, then the rest, up to `capacity(time_box)`.
    """
    role = interviewee.role
    who = ROLE_LABEL[role]
    have = _has_source(bank, data, role)
    empty = Plan(role=role, time_box_minutes=time_box_minutes, items=(), bank=bank)
    if criteria:
        plan = empty
        for cid in criteria:
            plan = plan.add(cid, why="planned before the interview")
        missing = [c.id for c in bank.criteria() if c.id not in have]
        plan = replace(plan, uncovered=_mandatory_first(bank, missing, plan.criteria))
        return _with_evidence_probes(plan, data)
    variances = {v.criterion_id: v for v in compare(bank, data)}
    ranked: list[tuple[tuple[float, ...], int, Criterion, tuple[Question, ...], str]] = []
    for pos, crit in enumerate(bank.criteria()):
        questions, note = questions_for(crit, role)
        if not questions:
            continue
        lacking = crit.id not in have
        rank = (0 if crit.mandatory else 2) + (0 if lacking else 1)
        reasons = [
            "mandatory" if crit.mandatory else "desirable",
            f"no {who} source yet" if lacking else f"already has a {who} source",
        ]
        over = variances.get(crit.id)
        key: tuple[float, ...] = (1, 0, 0, rank)
        if over is not None and over.overstated:
            reasons.insert(0, _overstated_words(over))
            key = (0, -over.bands_apart, -over.gap, rank)
        if note:
            reasons.append(note)
        ranked.append((key, pos, crit, questions, "; ".join(reasons)))
    ranked.sort(key=lambda r: (r[0], r[1]))
    chosen = ranked[: capacity(time_box_minutes)]
    items = tuple(
        PlanItem(c.id, c.title, c.mandatory, tuple(q.id for q in qs), why)
        for _, _, c, qs, why in chosen
    )
    planned = {i.criterion_id for i in items}
    missing = [c.id for c in bank.criteria() if c.id not in have]
    plan = replace(empty, items=items, uncovered=_mandatory_first(bank, missing, planned))
    return _with_evidence_probes(plan, data)


def _overstated_words(v: Variance) -> str:
    basis = {"assessor": "assessor's score", "reading": "reading of its commentary"}
    against = basis.get(v.basis, "no commentary")
    base = f" {v.self_score - v.gap:g}" if v.basis != "nothing" else ""
    return f"self-score {v.self_score:g} vs {against}{base}: overstated by {v.gap:g}"


def _with_evidence_probes(plan: Plan, data: AssessmentData) -> Plan:
    """Give each planned criterion the self-assessment cites evidence for a probe asking for it."""
    cited = {s.criterion_id: s.evidence_refs for s in data.self_assessment if s.evidence_refs}
    if not cited:
        return plan
    titles = {e.library_id: e.title for e in data.evidence if e.library_id}
    items = tuple(
        replace(i, evidence_probe=evidence_probe(cited[i.criterion_id], titles))
        if i.criterion_id in cited
        else i
        for i in plan.items
    )
    return replace(plan, items=items)


def _mandatory_first(
    bank: Bank, ids: Sequence[str], planned: Sequence[str] | set[str]
) -> tuple[str, ...]:
    left = [cid for cid in ids if cid not in planned]
    mandatory = {c.id for c in bank.criteria() if c.mandatory}
    return tuple(sorted(left, key=lambda cid: (cid not in mandatory, ids.index(cid))))


def plan_for_interview(bank: Bank, data: AssessmentData, interview: Interview) -> Plan:
    """Return the plan of a recorded interview: its planned criteria, or a fresh plan.

    The role is that of the interview's first interviewee.
    """
    person = data.interviewee(interview.interviewee_ids[0])
    return make_plan(
        bank, data, person, interview.time_box_minutes, criteria=interview.planned_criteria or None
    )
