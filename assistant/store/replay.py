"""Provides `replay`: playing a scripted interview through the Session API, write by write.

A script (YAML, described in docs/REPLAY.md) names an assessment to create (or the caller passes an
existing id), one interviewee, the interview plan and a list of turns. The whole script is
validated against the format and the bank before anything is written, so a typo at turn 25 does
not leave 24 turns behind. Each durable write is reported through `say` as it happens
(``saved <interview-id> turn <n>``); a process killed mid-replay has everything it reported.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from assistant.core.bank.loader import LoadedBank, find_bank
from assistant.core.bank.model import Bank
from assistant.core.errors import AssessorError
from assistant.core.model import (
    AssessmentType,
    CriterionScore,
    EvidenceType,
    OpenItem,
    OpenItemKind,
    RoleType,
    Scope,
    Site,
    Tag,
    TurnKind,
)
from assistant.safeio import UnsafeFileError, read_regular
from assistant.store.convert import find_surrogate, first_error
from assistant.store.workspace import Workspace

MAX_SCRIPT_BYTES = 2 * 1024 * 1024
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ScriptError(AssessorError):
    """A replay script that cannot be used; the message names the file and the field."""


class _Script(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ScriptAssessment(_Script):
    """The assessment to create before the interview."""

    organisation: str = Field(min_length=1)
    type: AssessmentType
    bank: str = Field(min_length=1)
    assessors: list[str] = Field(default_factory=list)
    sites: list[str] = Field(default_factory=list)
    unit: str = "whole organisation"


class ScriptInterviewee(_Script):
    """The person interviewed; the name, if given, is stored apart from the transcript."""

    role: RoleType
    department: str = ""
    site: str = ""
    title: str = ""
    name: str | None = None


class ScriptInterview(_Script):
    """The interview plan."""

    assessor: str = ""
    time_box_minutes: int = Field(default=45, ge=5, le=480)
    planned_criteria: list[str] = Field(default_factory=list)
    started: datetime | None = None
    """When the interview took place, for a record typed up afterwards (default: now); the
    turns are then spread evenly over the time box."""


class ScriptEvidence(_Script):
    """Evidence seen or referred to during a turn."""

    type: EvidenceType
    title: str = Field(min_length=1)
    reference: str = ""
    verified: bool = False
    criteria: list[str] | None = None


class ScriptOpenItem(_Script):
    """Something to follow up, raised during a turn."""

    kind: OpenItemKind
    text: str = Field(min_length=1)
    criteria: list[str] | None = None


class ScriptScore(_Script):
    """A score decided after a turn."""

    criterion: str
    score: float | None = None
    band: str | None = None
    comment: str = ""
    assessor: str | None = None


class ScriptTurn(_Script):
    """One question and answer (or a note)."""

    question_id: str | None = None
    question: str = ""
    answer: str
    kind: TurnKind = "answer"
    tags: list[Tag] = Field(default_factory=list)
    criteria: list[str] = Field(default_factory=list)
    evidence: list[ScriptEvidence] = Field(default_factory=list)
    open_items: list[ScriptOpenItem] = Field(default_factory=list)
    score: ScriptScore | None = None


class Script(_Script):
    """A whole replay script."""

    assessment: ScriptAssessment | None = None
    interviewee: ScriptInterviewee
    interview: ScriptInterview = Field(default_factory=ScriptInterview)
    turns: list[ScriptTurn] = Field(min_length=1)


def load_script(path: Path) -> Script:
    """Read and validate a script file; ScriptError names the file and the field."""
    try:
        raw = read_regular(path, str(path), cap=MAX_SCRIPT_BYTES, follow_links=True)
    except FileNotFoundError:
        raise ScriptError(f"{path}: no such file") from None
    except UnsafeFileError as exc:
        raise ScriptError(str(exc)) from None
    except OSError as exc:
        raise ScriptError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_LOADER)  # noqa: S506 - a safe loader
    except UnicodeDecodeError as exc:
        raise ScriptError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except RecursionError:
        raise ScriptError(f"{path}: nested too deeply for a replay script") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f":{mark.line + 1}" if mark is not None else ""
        why = " ".join(str(getattr(exc, "problem", None) or exc).split())
        raise ScriptError(f"{path}{at}: YAML syntax error: {why}") from None
    if not isinstance(data, dict):
        raise ScriptError(f"{path}: not a replay script (expected a mapping at the top)")
    bad = find_surrogate(data)
    if bad is not None:
        raise ScriptError(f"{path}: {bad}: holds a lone surrogate, not text")
    try:
        return Script.model_validate(data)
    except ValidationError as exc:
        raise ScriptError(f"{path}: {first_error(exc)}") from None


def check_script(script: Script, bank: Bank, source: str) -> None:
    """Raise ScriptError if the script names questions, criteria or bands the bank lacks."""
    criteria = {c.id for c in bank.criteria()}
    bands = {b.id for b in bank.scale.bands}
    problems: list[str] = []

    def need(where: str, ids: Sequence[str] | None) -> None:
        for cid in ids or []:
            if cid not in criteria:
                problems.append(f"{where}: unknown criterion '{cid}' (not in bank {bank.id})")

    need("interview.planned_criteria", script.interview.planned_criteria)
    for i, turn in enumerate(script.turns):
        where = f"turns[{i}]"
        if turn.question_id:
            try:
                bank.question(turn.question_id)
            except KeyError:
                problems.append(
                    f"{where}.question_id: unknown question '{turn.question_id}' "
                    f"(not in bank {bank.id}; use question: with free text)"
                )
        need(f"{where}.criteria", turn.criteria)
        for j, ev in enumerate(turn.evidence):
            need(f"{where}.evidence[{j}].criteria", ev.criteria)
        for j, item in enumerate(turn.open_items):
            need(f"{where}.open_items[{j}].criteria", item.criteria)
        if turn.score is not None:
            need(f"{where}.score.criterion", [turn.score.criterion])
            if turn.score.band and turn.score.band not in bands:
                problems.append(
                    f"{where}.score.band: unknown band '{turn.score.band}' "
                    f"(bands: {', '.join(sorted(bands))})"
                )
            value = turn.score.score
            if value is not None and not bank.scale.min <= value <= bank.scale.max:
                problems.append(
                    f"{where}.score.score: must be within {bank.scale.min:g}-{bank.scale.max:g}"
                )
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise ScriptError(f"{source}: {problems[0]}{more}")


def run_script(
    workspace: Workspace,
    script: Script,
    *,
    source: str,
    bank_dirs: Sequence[Path],
    assessment_id: str | None = None,
    delay: float = 0.0,
    say: Callable[[str], None] = print,
) -> str:
    """Play a validated script through a Session; return the assessment id."""
    if assessment_id is None and script.assessment is None:
        raise ScriptError(
            f"{source}: no assessment: block; pass --assessment ID to replay into "
            "an existing assessment"
        )
    if assessment_id is not None:
        pin = workspace.load(assessment_id).assessment.bank
        loaded: LoadedBank = find_bank(pin.id, bank_dirs)
    else:
        assert script.assessment is not None
        loaded = find_bank(script.assessment.bank, bank_dirs)
    check_script(script, loaded.bank, source)
    who = script.interview.assessor
    if assessment_id is None:
        spec = script.assessment
        assert spec is not None
        who = who or (spec.assessors[0] if spec.assessors else "")
        scope = Scope(unit=spec.unit, sites=[Site(name=s) for s in spec.sites])
        assessment_id = workspace.create_assessment(
            organisation=spec.organisation,
            type=spec.type,
            bank=loaded,
            assessors=spec.assessors,
            lead_assessor=spec.assessors[0] if spec.assessors else None,
            scope=scope,
            who=who,
        )
        say(f"created {assessment_id}")
    bank = loaded.bank
    with workspace.open(assessment_id, who=who) as session:
        for problem in session.problems:
            say(f"warning: {problem}")
        who = who or (session.data.assessment.assessors[:1] or [""])[0]
        p = script.interviewee
        person = session.add_interviewee(
            p.role, department=p.department, site=p.site, title=p.title, name=p.name
        )
        say(f"saved interviewee {person.code}")
        plan = script.interview
        interview = session.start_interview(
            [person.id],
            assessor=who,
            planned_criteria=plan.planned_criteria,
            time_box_minutes=plan.time_box_minutes,
            started=plan.started,
        )
        say(f"saved {interview.id} started")
        gap = timedelta(minutes=plan.time_box_minutes / max(1, len(script.turns)))
        for i, step in enumerate(script.turns):
            if i and delay > 0:
                time.sleep(delay)
            question, criteria = step.question, list(step.criteria)
            if step.question_id:
                crit, q = bank.question(step.question_id)
                question = question or q.text
                criteria = criteria or [crit.id]
            turn = session.record_turn(
                interview.id,
                answer=step.answer,
                question=question,
                question_id=step.question_id,
                tags=step.tags,
                criteria=criteria,
                kind=step.kind,
                asked_at=None if plan.started is None else plan.started + i * gap,
                answered_at=None if plan.started is None else plan.started + (i + 0.8) * gap,
            )
            say(f"saved {interview.id} turn {turn.n}")
            for ev in step.evidence:
                item = session.add_evidence(
                    type=ev.type,
                    title=ev.title,
                    reference=ev.reference,
                    verified=ev.verified,
                    criteria=ev.criteria if ev.criteria is not None else criteria,
                    interview_id=interview.id,
                    turn_n=turn.n,
                )
                say(f"saved {interview.id} evidence {item.id} (turn {turn.n})")
            for oi in step.open_items:
                opened = session.add_open_item(
                    OpenItem(
                        kind=oi.kind,
                        text=oi.text,
                        criteria=oi.criteria if oi.criteria is not None else criteria,
                        interview_id=interview.id,
                        turn_n=turn.n,
                    )
                )
                say(f"saved {interview.id} open item {opened.id} (turn {turn.n})")
            if step.score is not None:
                s = step.score
                values: dict[str, Any] = dict(
                    criterion_id=s.criterion,
                    assessor=s.assessor or who,
                    score=s.score,
                    band=s.band,
                    comment=s.comment,
                )
                if s.score is not None and not s.band:
                    values["band"] = bank.scale.band_for(s.score).id
                decided = session.set_score(CriterionScore(**values), why="replay")
                say(f"saved score {decided.criterion_id} (turn {turn.n})")
        ended = None
        if plan.started is not None:
            ended = plan.started + timedelta(minutes=plan.time_box_minutes)
        session.end_interview(interview.id, at=ended)
        say(f"saved {interview.id} ended")
    return assessment_id
