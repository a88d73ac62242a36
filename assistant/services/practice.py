"""Provides practice mode's use cases, written once for the app, line mode and the CLI.

Find and validate cases; start a practice assessment (the case's people become interviewees,
each with an interview); open one as a `PracticeSession` (the chat over the store's session);
play a script; calibrate a submitted assessment; the cohort on a case; a trainee's progress.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from assistant import paths
from assistant.core.bank.loader import BankError, LoadedBank, find_bank
from assistant.core.errors import AssessorError, NotFoundError
from assistant.core.interview.replies import Notice, Reply
from assistant.core.model import AssessmentData, PracticeRecord, now
from assistant.core.practice.calibration import Calibration, calibrate
from assistant.core.practice.chat import PracticeChat, Seat
from assistant.core.practice.cohort import Cohort, cohort
from assistant.core.practice.loader import (
    CaseError,
    LoadedCase,
    case_files,
    find_case_file,
    read_case,
)
from assistant.services.opening import OpenAssessment, open_assessment
from assistant.store.errors import InvalidValueError
from assistant.store.workspace import Workspace


def case_dirs(workspace: Path | None = None) -> list[Path]:
    """Return the folders searched for cases: the workspace's own first, then the bundled ones."""
    dirs = []
    if workspace is not None and (workspace / "practice_cases").is_dir():
        dirs.append(workspace / "practice_cases")
    bundled = paths.practice_cases_dir()
    if all(d.resolve() != bundled.resolve() for d in dirs):
        dirs.append(bundled)
    return dirs


def _bank_for(case_bank: str, workspace: Path | None) -> LoadedBank:
    return find_bank(case_bank, paths.bank_dirs(workspace))


def load_case_file(path: Path, workspace: Path | None = None) -> LoadedCase:
    """Read a case file and check it against its bank; CaseError names the file and field."""
    first = read_case(path)
    try:
        loaded_bank = _bank_for(first.case.bank, workspace)
    except (NotFoundError, BankError) as exc:
        raise CaseError([f"{path}: bank: {exc}"]) from None
    loaded = read_case(path, loaded_bank.bank)
    if loaded.case.id != path.stem:
        raise CaseError([f"{path}: id: is '{loaded.case.id}' but the file is named '{path.stem}'"])
    return loaded


def find_case(case_id: str, workspace: Path | None = None) -> LoadedCase:
    """Return a case by id (or path), checked against its bank."""
    for folder in case_dirs(workspace):
        try:
            return load_case_file(find_case_file(case_id, folder), workspace)
        except NotFoundError:
            continue
    known = sorted({p.stem for d in case_dirs(workspace) for p in case_files(d)})
    raise NotFoundError(f"no practice case '{case_id}' (known: {', '.join(known) or 'none'})")


def list_cases(workspace: Path | None = None) -> list[LoadedCase]:
    """Return every valid case (the workspace's override bundled ones of the same id)."""
    seen: dict[str, LoadedCase] = {}
    for folder in case_dirs(workspace):
        for path in case_files(folder):
            if path.stem not in seen:
                seen[path.stem] = load_case_file(path, workspace)
    return list(seen.values())


def validate(files: list[Path], workspace: Path | None = None) -> list[str]:
    """Return one line per problem in the given case files (all shipped ones when none given)."""
    targets = files or [p for d in case_dirs(workspace) for p in case_files(d)]
    problems: list[str] = []
    for path in targets:
        try:
            load_case_file(path, workspace)
        except CaseError as exc:
            problems.extend(exc.problems)
    return problems


def case_summary(loaded: LoadedCase) -> dict[str, Any]:
    """Return a case as `practice list --json` shows it."""
    c = loaded.case
    return {
        "id": c.id,
        "bank": c.bank,
        "title": c.title,
        "people": [p.code for p in c.people],
        "criteria": c.criterion_ids(),
    }


# ---------------------------------------------------------------- assessments


def start_practice(
    workspace: Workspace, case_id: str, trainee: str, *, clock: Callable[[], datetime] = now
) -> str:
    """Create a practice assessment for a case and a trainee; return its id."""
    if not trainee.strip():
        raise InvalidValueError("trainee: must not be empty")
    loaded = find_case(case_id, workspace.root)
    case = loaded.case
    bank = _bank_for(case.bank, workspace.root)
    assessment_id = workspace.create_assessment(
        organisation=case.organisation,
        type="practice",
        bank=bank,
        assessors=[trainee.strip()],
        lead_assessor=trainee.strip(),
        start_date=clock().date(),
        who=trainee.strip(),
    )
    with workspace.open(assessment_id, who=trainee.strip()) as session:
        record = PracticeRecord(case_id=case.id, case_digest=loaded.digest, trainee=trainee.strip())
        session.update_assessment(
            session.data.assessment.model_copy(update={"practice": record}), why="practice case"
        )
        order = sorted(case.people, key=lambda p: (p.role, int(p.code[1:])))
        for person in order:
            made = session.add_interviewee(
                person.role, department=person.department, site=person.site, title=person.title
            )
            if made.code != person.code:  # pragma: no cover - codes are checked by the loader
                raise AssessorError(f"{case.id}: people: {person.code} became {made.code}")
            session.start_interview([made.id], assessor=trainee.strip(), started=clock())
    return assessment_id


@dataclass
class PracticeSession:
    """A practice assessment opened for the conversation: the assessment, its case and the chat."""

    opened: OpenAssessment
    case: LoadedCase
    chat: PracticeChat

    def start(self) -> list[Reply]:
        """Return the opening replies: warnings to tell once, then the chat's opening."""
        warnings = list(self.opened.warnings)
        record = self.opened.data.assessment.practice
        if record is not None and record.case_digest and record.case_digest != self.case.digest:
            warnings.append(
                f"practice case {record.case_id} changed since this assessment was started; "
                "answers and the reference are the case's as it is now"
            )
        return [*(Notice(w, "warning") for w in warnings), *self.chat.start()]

    def close(self) -> None:
        """Release the assessment's lock."""
        self.opened.session.close()


def practice_record(data: AssessmentData) -> PracticeRecord:
    """Return an assessment's practice record (InvalidValueError when it is not a practice)."""
    record = data.assessment.practice
    if record is None:
        raise InvalidValueError(f"{data.assessment.id}: not a practice assessment")
    return record


def seats(data: AssessmentData) -> dict[str, Seat]:
    """Return each interviewee's code, id and (first) interview."""
    out: dict[str, Seat] = {}
    for person in sorted(data.interviewees, key=lambda p: p.code):
        for interview in data.interviews:
            if interview.interviewee_ids == [person.id]:
                out[person.code] = Seat(person.code, person.id, interview.id)
                break
    return out


def open_practice(
    workspace: Workspace, assessment_id: str, *, clock: Callable[[], datetime] = now
) -> PracticeSession:
    """Open a practice assessment for its trainee to talk to the case's people."""
    opened = open_assessment(workspace, assessment_id)
    try:
        record = practice_record(opened.data)
        opened.session.act_as(record.trainee)
        loaded = find_case(record.case_id, workspace.root)
        chat = PracticeChat(
            loaded.case,
            opened.bank,
            opened.session,
            seats(opened.data),
            record.trainee,
            clock=clock,
        )
    except BaseException:
        opened.session.close()
        raise
    return PracticeSession(opened, loaded, chat)


def _script_lines(item: Mapping[str, Any], where: str) -> list[str]:
    keys = set(item)
    if keys == {"probe"}:
        return [f"/probe {item['probe']}"]
    if keys == {"show_me"} and item["show_me"] is True:
        return ["/show"]
    if keys == {"person", "question_id"}:
        return [f"/to {item['person']}", f"/ask {item['question_id']}"]
    if keys == {"person", "question"}:
        return [f"/to {item['person']}", str(item["question"])]
    raise InvalidValueError(
        f"{where}: must be {{person, question_id}}, {{person, question}}, {{probe}} or "
        "{show_me: true}"
    )


def read_script(path: Path) -> tuple[list[tuple[str, list[str]]], dict[str, float]]:
    """Read a practice script: the lines to type (with where each came from) and the scores."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InvalidValueError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise InvalidValueError(f"{path}: YAML error: {type(exc).__name__}") from None
    if not isinstance(data, dict) or set(data) - {"asks", "scores"}:
        raise InvalidValueError(f"{path}: must be a mapping with 'asks' and 'scores'")
    asks = data.get("asks") or []
    scores = data.get("scores") or {}
    if not isinstance(asks, list) or not isinstance(scores, dict):
        raise InvalidValueError(f"{path}: asks: must be a list; scores: a mapping")
    lines = []
    for i, item in enumerate(asks):
        where = f"{path}: asks[{i}]"
        if not isinstance(item, dict):
            raise InvalidValueError(f"{where}: must be a mapping")
        lines.append((where, _script_lines(item, where)))
    out: dict[str, float] = {}
    for key, value in scores.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidValueError(f"{path}: scores.{key}: must be a number")
        out[str(key)] = float(value)
    return lines, out


def run_script(
    workspace: Workspace,
    case_id: str,
    trainee: str,
    script: Path,
    *,
    clock: Callable[[], datetime] = now,
) -> str:
    """Play a trainee's script against a case, score, submit; return the new assessment's id.

    The script is checked before anything is created; a refused step stops the run with a
    message naming the step, and what was recorded so far stays.
    """
    from assistant.core.interview.replies import Notice, NotSaved

    lines, scores = read_script(script)
    case = find_case(case_id, workspace.root).case
    for crit in scores:
        if crit not in case.criterion_ids():
            raise InvalidValueError(
                f"{script}: scores.{crit}: not a criterion of {case.id} "
                f"(criteria: {', '.join(case.criterion_ids())})"
            )
    codes = {p.code for p in case.people}
    for where, typed in lines:
        if typed[0].startswith("/to ") and typed[0][4:].strip().upper() not in codes:
            raise InvalidValueError(
                f"{where}.person: no one called {typed[0][4:].strip()} in {case.id} "
                f"(people: {', '.join(sorted(codes))})"
            )
    assessment_id = start_practice(workspace, case_id, trainee, clock=clock)
    practice = open_practice(workspace, assessment_id, clock=clock)
    try:
        steps = [(w, t) for w, typed in lines for t in typed]
        steps += [(f"{script}: scores.{c}", f"/score {c} {v:g}") for c, v in scores.items()]
        steps.append((f"{script}: scores", "/submit"))
        for where, typed_line in steps:
            for reply in practice.chat.handle(typed_line):
                if isinstance(reply, NotSaved) or (
                    isinstance(reply, Notice) and reply.level != "info"
                ):
                    raise InvalidValueError(
                        f"{where}: {reply.plain()} (assessment {assessment_id})"
                    )
    finally:
        practice.close()
    return assessment_id


def calibration_for(workspace: Workspace, assessment_id: str) -> Calibration:
    """Return the calibration of a submitted practice assessment (refused before submission)."""
    return calibration_of(workspace.load(assessment_id), workspace.root)


def calibration_of(data: AssessmentData, root: Path | None = None) -> Calibration:
    """Return the calibration of a submitted practice assessment's data."""
    record = practice_record(data)
    if record.submitted is None:
        raise InvalidValueError(
            f"{data.assessment.id}: scores not submitted yet; the reference stays hidden until then"
        )
    loaded = find_case(record.case_id, root)
    bank = _bank_for(loaded.case.bank, root).bank
    return calibrate(loaded.case, bank, data, record.trainee)


def calibration_json(cal: Calibration) -> dict[str, Any]:
    """Return a calibration as `practice report --json` prints it."""
    return {
        "case": cal.case_id,
        "trainee": cal.trainee,
        "criteria": [
            {
                "id": r.id,
                "title": r.title,
                "trainee_score": r.trainee_score,
                "reference_score": r.reference_score,
                "trainee_band": r.trainee_band,
                "reference_band": r.reference_band,
                "missed": list(r.missed),
                "overweighted": list(r.overweighted),
                "key_evidence_found": list(r.found),
                "rationale": " ".join(r.rationale.split()),
            }
            for r in cal.criteria
        ],
        "band_agreement": cal.band_agreement,
        "within_one": cal.within_one,
        "weighted_kappa": cal.weighted_kappa,
        "questions_asked": cal.questions_asked,
        "probes_used": cal.probes_used,
        "show_me_used": cal.show_me_used,
        "key_evidence_found": cal.key_found,
        "key_evidence_total": cal.key_total,
    }


def practice_runs(workspace: Workspace) -> list[tuple[str, AssessmentData]]:
    """Return every practice assessment in the workspace with its data, oldest first."""
    out = []
    for listing in workspace.list_assessments():
        if listing.type != "practice":
            continue
        try:
            data = workspace.load(listing.id)
        except AssessorError:
            continue
        if data.assessment.practice is not None:
            out.append((listing.id, data))
    return sorted(out, key=lambda item: item[1].assessment.created)


def _other_runs(source: Path) -> list[tuple[str, AssessmentData]]:
    """Return the practice assessments in another workspace, or the one in an assessment folder."""
    if (source / "sessions").is_dir():
        return practice_runs(Workspace(source))
    if source.parent.name == "sessions" and source.is_dir():
        data = Workspace(source.parent.parent).load(source.name)
        return [(source.name, data)] if data.assessment.practice is not None else []
    raise NotFoundError(f"{source}: neither a workspace (with sessions/) nor an assessment folder")


def cohort_for(workspace: Workspace, case_id: str, sources: Sequence[Path] = ()) -> Cohort:
    """Return the cohort figures over the submitted practice assessments of one case: this
    workspace's, and those in other workspaces or assessment folders given as `sources`
    (a trainer collecting trainees' copies); each assessment counts once."""
    case = find_case(case_id, workspace.root).case
    found: dict[str, AssessmentData] = {}
    for aid, data in [*practice_runs(workspace), *(r for s in sources for r in _other_runs(s))]:
        found.setdefault(aid, data)
    runs = [
        (aid, calibration_of(data, workspace.root))
        for aid, data in found.items()
        if data.assessment.practice is not None
        and data.assessment.practice.case_id == case.id
        and data.assessment.practice.submitted is not None
    ]
    if not runs:
        raise NotFoundError(f"no submitted practice assessments of {case.id} found")
    return cohort(case.id, runs)


@dataclass(frozen=True)
class ProgressRow:
    """One submitted case of a trainee's, in time order."""

    assessment_id: str
    case_id: str
    submitted: datetime
    calibration: Calibration


def progress(workspace: Workspace, trainee: str) -> list[ProgressRow]:
    """Return a trainee's submitted practice assessments, oldest submission first."""
    rows = []
    for aid, data in practice_runs(workspace):
        record = data.assessment.practice
        if record is None or record.submitted is None:
            continue
        if record.trainee.casefold() != trainee.strip().casefold():
            continue
        rows.append(
            ProgressRow(aid, record.case_id, record.submitted, calibration_of(data, workspace.root))
        )
    return sorted(rows, key=lambda r: r.submitted)
