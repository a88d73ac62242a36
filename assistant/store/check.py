"""Provides `check`: a read-only inspection of an assessment folder, one line per problem.

It verifies that every file parses and validates, that nothing the manifest expects is missing
or shorter and no audit entry records a change the data does not hold (store/integrity.py),
that turn numbers run 1, 2, 3... without gaps, that references resolve (criteria and questions
in the pinned bank, interviews, turns, evidence, interviewees) and that the bank file still has
the digest the assessment was pinned to. It never changes anything on disk. Problems (including
damaged files set aside earlier, whose contents are missing) make `assessor check` fail, and so
does a signed-off assessment whose scores, findings or answers no longer hash to the SHA-256
recorded at sign-off; warnings (a changed bank, temporary files left by an interrupted save,
files this app does not write) are printed but do not.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.core.bank.loader import find_bank
from assistant.core.bank.model import Bank
from assistant.core.errors import AssessorError
from assistant.core.model import AssessmentData
from assistant.core.review.signoff import content_digest
from assistant.store.files import (
    CORRUPT_MARK,
    INTERVIEWS_DIR,
    Layout,
    find_stale_temps,
    read_audit_log,
)
from assistant.store.integrity import integrity_problems
from assistant.store.loader import load_folder
from assistant.store.manifest import MANIFEST_FILE
from assistant.store.workspace import Workspace

KNOWN_FILES = {
    "assessment.json",
    "names.json",
    "audit.jsonl",
    ".lock",
    INTERVIEWS_DIR,
    MANIFEST_FILE,
}


@dataclass
class CheckReport:
    """What `check` found in one assessment."""

    assessment_id: str
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    interviews: int = 0
    turns: int = 0
    sign_off: str = ""
    """The sign-off and whether the content still hashes to what was signed ("" if none)."""

    @property
    def ok(self) -> bool:
        return not self.problems


def check_assessment(
    workspace: Workspace, assessment_id: str, bank_dirs: Sequence[Path]
) -> CheckReport:
    """Inspect one assessment; see the module docstring."""
    layout = workspace.find(assessment_id)
    report = CheckReport(assessment_id)
    try:
        report.problems += _set_aside(layout)
        report.warnings += _leftovers(layout)
        loaded = load_folder(layout, assessment_id, repair=False)
    except AssessorError as exc:
        report.problems.append(str(exc))
        return report
    data = loaded.data
    report.interviews, report.turns = len(data.interviews), len(data.turns)
    report.problems += loaded.problems
    report.warnings += loaded.notes
    log = read_audit_log(layout, assessment_id)
    report.problems += log.problems
    found = integrity_problems(layout, assessment_id, loaded, log)
    report.problems += found.problems
    report.warnings += found.notes
    report.problems += _numbering(layout, data)
    gone = loaded.damaged_interviews | found.missing_interviews
    report.problems += _references(layout, data, gone)
    _check_sign_off(report, data)
    known_people = {p.id for p in data.interviewees}
    for person_id in loaded.names:
        if person_id not in known_people:
            report.warnings.append(
                f"{layout.shown(layout.names)}: a name for unknown interviewee {person_id}"
            )
    pin = data.assessment.bank
    try:
        loaded_bank = find_bank(pin.id, bank_dirs)
    except AssessorError as exc:
        report.warnings.append(
            f"{assessment_id}: bank '{pin.id}' cannot be loaded, criteria not checked: {exc}"
        )
        return report
    if loaded_bank.digest != pin.digest:
        report.warnings.append(
            f"{assessment_id}: bank '{pin.id}' changed since the assessment was created "
            f"(pinned version {pin.version}, digest {pin.digest[:12]}; the file is now version "
            f"{loaded_bank.bank.version}, digest {loaded_bank.digest[:12]})"
        )
    report.problems += _bank_references(layout, data, loaded_bank.bank)
    return report


def _check_sign_off(report: CheckReport, data: AssessmentData) -> None:
    """Recompute a signed-off assessment's content digest and compare it with the signed one."""
    signed = data.assessment.sign_off
    if signed is None:
        return
    digest = content_digest(data)
    if not signed.active:
        report.sign_off = (
            f"sign-off by {signed.by} was lifted at {signed.lifted_at:%Y-%m-%d %H:%M} UTC "
            f"({signed.lifted_why})"
        )
    elif digest == signed.content_sha256:
        report.sign_off = (
            f"signed off by {signed.by} at {signed.at:%Y-%m-%d %H:%M} UTC; content sha256 "
            f"{digest} verified"
        )
    else:
        report.problems.append(
            f"{data.assessment.id}: signed off by {signed.by} with content sha256 "
            f"{signed.content_sha256}, but the scores, findings or answers on disk now hash to "
            f"{digest}: they were changed outside the app since sign-off"
        )


def _set_aside(layout: Layout) -> list[str]:
    """Damaged files moved aside earlier: what they held is missing until someone decides."""
    out: list[str] = []
    for folder in (layout.folder, layout.interviews):
        if folder.is_dir():
            out += [
                f"{layout.shown(path)}: a damaged file set aside earlier; what it held is "
                "not in the assessment (repair it and rename it back, or delete it to "
                "accept the loss)"
                for path in sorted(folder.iterdir())
                if CORRUPT_MARK in path.name
            ]
    return out


def _leftovers(layout: Layout) -> list[str]:
    out = [
        f"{layout.shown(p)}: temporary file left by an interrupted save (harmless; removed "
        "when the assessment is next opened for writing)"
        for p in find_stale_temps(layout)
    ]
    if layout.folder.is_dir():
        out += [
            f"{layout.shown(path)}: not a file this app writes"
            for path in sorted(layout.folder.iterdir())
            if path.name not in KNOWN_FILES
            and CORRUPT_MARK not in path.name
            and ".tmp-" not in path.name
        ]
    return out


def _numbering(layout: Layout, data: AssessmentData) -> list[str]:
    out: list[str] = []
    by_interview: dict[str, list[int]] = {}
    for turn in data.turns:
        by_interview.setdefault(turn.interview_id, []).append(turn.n)
    for interview_id, numbers in by_interview.items():
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        if missing:
            shown = ", ".join(str(n) for n in missing[:10]) + (" ..." if len(missing) > 10 else "")
            out.append(
                f"{layout.shown(layout.interview(interview_id))}: turn numbers are not "
                f"contiguous (missing {shown})"
            )
    return out


def _references(layout: Layout, data: AssessmentData, damaged: set[str]) -> list[str]:
    """Check ids point somewhere; references into a damaged interview file are not repeated."""
    out: list[str] = []
    people = {p.id for p in data.interviewees}
    interviews = {iv.id: iv for iv in data.interviews}
    turn_keys = {t.key for t in data.turns}
    evidence_ids = {e.id for e in data.evidence}
    main = layout.shown(layout.assessment)
    for iv in data.interviews:
        where = layout.shown(layout.interview(iv.id))
        for person in iv.interviewee_ids:
            if person not in people:
                out.append(f"{where}: interview.interviewee_ids: unknown interviewee '{person}'")
    for turn in data.turns:
        if turn.speaker_id and turn.speaker_id not in interviews[turn.interview_id].interviewee_ids:
            out.append(
                f"{layout.shown(layout.interview(turn.interview_id))}: turns[{turn.n}]."
                f"speaker_id: '{turn.speaker_id}' is not an interviewee of this interview"
            )
    for ev in data.evidence:
        where = layout.shown(layout.interview(ev.interview_id)) if ev.interview_id else main
        if ev.interview_id not in damaged:
            out += _place(
                where, f"evidence {ev.id}", ev.interview_id, ev.turn_n, interviews, turn_keys
            )
    for item in data.open_items:
        if item.interview_id not in damaged:
            out += _place(
                main, f"open item {item.id}", item.interview_id, item.turn_n, interviews, turn_keys
            )
    for finding in data.findings:
        for ev_id in finding.evidence_ids:
            if ev_id not in evidence_ids and not damaged:
                out.append(f"{main}: finding {finding.id}: unknown evidence '{ev_id}'")
        for key in finding.turn_keys:
            if key not in turn_keys and key.rpartition("/")[0] not in damaged:
                out.append(f"{main}: finding {finding.id}: unknown turn '{key}'")
    return out


def _place(
    where: str,
    what: str,
    interview_id: str | None,
    turn_n: int | None,
    interviews: Mapping[str, object],
    turn_keys: set[str],
) -> list[str]:
    if interview_id is None:
        return [f"{where}: {what}: turn_n without interview_id"] if turn_n is not None else []
    if interview_id not in interviews:
        return [f"{where}: {what}: unknown interview '{interview_id}'"]
    if turn_n is not None and f"{interview_id}/{turn_n}" not in turn_keys:
        return [f"{where}: {what}: unknown turn {interview_id}/{turn_n}"]
    return []


def _bank_references(layout: Layout, data: AssessmentData, bank: Bank) -> list[str]:
    criteria = {c.id for c in bank.criteria()}
    questions = {q.id for c in bank.criteria() for q in c.questions}
    main = layout.shown(layout.assessment)
    out: list[str] = []

    def need(where: str, ids: Iterable[str]) -> None:
        for cid in ids:
            if cid not in criteria:
                out.append(f"{where}: unknown criterion '{cid}' (not in bank {bank.id})")

    for iv in data.interviews:
        need(
            f"{layout.shown(layout.interview(iv.id))}: interview.planned_criteria",
            iv.planned_criteria,
        )
    for turn in data.turns:
        where = f"{layout.shown(layout.interview(turn.interview_id))}: turns[{turn.n}]"
        need(f"{where}.criteria", turn.criteria)
        if turn.question_id and turn.question_id not in questions:
            out.append(
                f"{where}.question_id: unknown question '{turn.question_id}' "
                f"(not in bank {bank.id})"
            )
    for ev in data.evidence:
        place = layout.shown(layout.interview(ev.interview_id)) if ev.interview_id else main
        need(f"{place}: evidence {ev.id}.criteria", ev.criteria)
    for score in data.scores:
        need(f"{main}: scores", [score.criterion_id])
        if score.score is not None and not bank.scale.min <= score.score <= bank.scale.max:
            out.append(
                f"{main}: score for {score.criterion_id}: {score.score:g} is outside the "
                f"scale {bank.scale.min:g}-{bank.scale.max:g}"
            )
    for finding in data.findings:
        need(f"{main}: finding {finding.id}.criteria", finding.criteria)
    for item in data.open_items:
        need(f"{main}: open item {item.id}.criteria", item.criteria)
    return out
