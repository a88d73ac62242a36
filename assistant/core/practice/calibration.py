"""Provides calibration: a trainee's blind scores against the expert's reference, criterion by
criterion, with what the trainee missed or over-weighted and the overall agreement figures.

What the trainee heard is read back from the recorded turns (`responder.replay`), so feedback
cites real turns: "you relied on L1 turn 4, …", "you never asked S1 to show …".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from assistant.core.bank.model import Bank, Gap
from assistant.core.model import AssessmentData, CriterionScore, Turn
from assistant.core.practice.agreement import band_agreement, weighted_kappa, within
from assistant.core.practice.case import Caution, KeyEvidence, Pointer, PracticeCase
from assistant.core.practice.responder import Interviewee, Said, replay

PROBE_WORDS: Final[dict[Gap, str]] = {
    "no_example": "for an example",
    "no_measure": "for a measure",
    "claim_without_evidence": "for the evidence behind the claim",
    "only_plans": "for what is in place today rather than planned",
    "no_review": "for what changed because of the results",
}


@dataclass(frozen=True)
class Heard:
    """One exchange the trainee had: who, which turn, and what it was."""

    person: str
    turn_n: int
    said: Said


@dataclass(frozen=True)
class CriterionResult:
    """One criterion: the trainee's and the expert's score and band, and the feedback."""

    id: str
    title: str
    trainee_score: float | None
    trainee_band: str | None
    reference_score: float
    reference_band: str
    rationale: str
    missed: tuple[str, ...]
    overweighted: tuple[str, ...]
    found: tuple[str, ...]
    key_total: int
    exchanges: int
    trap: str = ""


@dataclass(frozen=True)
class Calibration:
    """A whole practice assessment compared with the reference."""

    case_id: str
    case_title: str
    trainee: str
    criteria: tuple[CriterionResult, ...]
    band_agreement: float | None
    within_one: float | None
    weighted_kappa: float | None
    questions_asked: int
    probes_used: int
    show_me_used: int
    key_found: int
    key_total: int


def heard_in(case: PracticeCase, bank: Bank, data: AssessmentData) -> list[Heard]:
    """Return every exchange recorded with the case's people, person by person, in turn order."""
    out: list[Heard] = []
    codes = {p.code for p in case.people}
    groups: dict[tuple[str, str], list[Turn]] = {}
    for turn in sorted(data.turns, key=lambda t: (t.interview_id, t.n)):
        person = data.speaker_of(turn)
        if person is not None and person.code in codes:
            groups.setdefault((turn.interview_id, person.code), []).append(turn)
    for (_, code), turns in groups.items():
        said, _ = replay(Interviewee(case, bank, code), turns)
        out.extend(Heard(code, turn.n, s) for turn, s in said)
    return out


def _reaches(h: Heard, criterion_id: str, pointer: Pointer) -> bool:
    s = h.said
    if h.person != pointer.person or s.criterion_id != criterion_id:
        return False
    if pointer.question_id is not None:
        return s.act == "ask" and s.question_id == pointer.question_id
    if pointer.probe is not None:
        return s.act == "probe" and s.gap == pointer.probe
    return s.act == "show_me"


def _missed_line(case: PracticeCase, criterion_id: str, key: KeyEvidence, bank: Bank) -> str:
    who = key.person
    if key.question_id is not None:
        words = " ".join(bank.question(key.question_id)[1].text.split())
        short = words if len(words) <= 90 else words[:89] + "…"
        return f"you never asked {who} “{short}” ({key.question_id}), which would have shown: " + (
            key.reveals
        )
    if key.probe is not None:
        return f"you did not probe {who} {PROBE_WORDS[key.probe]}, which would have shown: " + (
            key.reveals
        )
    script = case.script(who, criterion_id)
    shown = script.show_me.shows if script and script.show_me else None
    what = shown.title if shown else "the evidence"
    return f"you never asked {who} to show {what}, which would have shown: {key.reveals}"


def _caution_line(caution: Caution, hits: list[Heard], trainee: float, reference: float) -> str:
    turns = ", ".join(f"{h.person} turn {h.turn_n}" for h in hits)
    if caution.direction == "over" and trainee > reference:
        return f"you relied on {turns}: {caution.why}"
    if caution.direction == "under" and trainee < reference:
        return f"you may have discounted {turns}: {caution.why}"
    return ""


def trainee_scores(data: AssessmentData, trainee: str) -> dict[str, CriterionScore]:
    """Return the trainee's latest score per criterion."""
    out: dict[str, CriterionScore] = {}
    for score in sorted(data.scores, key=lambda s: s.decided_at):
        if score.assessor == trainee and score.score is not None:
            out[score.criterion_id] = score
    return out


def calibrate(case: PracticeCase, bank: Bank, data: AssessmentData, trainee: str) -> Calibration:
    """Compare the trainee's scores and interview with the case's reference."""
    heard = heard_in(case, bank, data)
    scores = trainee_scores(data, trainee)
    results: list[CriterionResult] = []
    for crit in case.criteria:
        ref = crit.reference
        mine = [h for h in heard if h.said.criterion_id == crit.id]
        found, missed = [], []
        for key in ref.key_evidence:
            if any(_reaches(h, crit.id, key) for h in mine):
                found.append(key.reveals)
            else:
                missed.append(_missed_line(case, crit.id, key, bank))
        decided = scores.get(crit.id)
        score = decided.score if decided is not None else None
        over: list[str] = []
        if score is not None and not mine:
            over.append(
                f"you scored {score:g} without asking anyone about {crit.id}: "
                "a score needs evidence heard or seen"
            )
        if score is not None:
            for caution in ref.cautions:
                hits = [
                    h
                    for h in mine
                    if _reaches(h, crit.id, caution)
                    and (caution.answer is None or h.said.answer_n == caution.answer)
                ]
                line = _caution_line(caution, hits, score, ref.score) if hits else ""
                if line:
                    over.append(line)
        results.append(
            CriterionResult(
                id=crit.id,
                title=bank.criterion(crit.id).title,
                trainee_score=score,
                trainee_band=bank.scale.band_for(score).id if score is not None else None,
                reference_score=ref.score,
                reference_band=ref.band,
                rationale=ref.rationale,
                missed=tuple(missed),
                overweighted=tuple(over),
                found=tuple(found),
                key_total=len(ref.key_evidence),
                exchanges=len(mine),
                trap=crit.trap,
            )
        )
    scored = [r for r in results if r.trainee_score is not None]
    mine_scores = [r.trainee_score for r in scored if r.trainee_score is not None]
    refs = [r.reference_score for r in scored]
    return Calibration(
        case_id=case.id,
        case_title=case.title,
        trainee=trainee,
        criteria=tuple(results),
        band_agreement=band_agreement(
            [r.trainee_band or "" for r in scored], [r.reference_band for r in scored]
        ),
        within_one=within(mine_scores, refs),
        weighted_kappa=weighted_kappa(mine_scores, refs),
        questions_asked=sum(1 for h in heard if h.said.act == "ask"),
        probes_used=sum(1 for h in heard if h.said.act == "probe"),
        show_me_used=sum(1 for h in heard if h.said.act == "show_me"),
        key_found=sum(len(r.found) for r in results),
        key_total=sum(r.key_total for r in results),
    )
