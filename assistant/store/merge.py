"""Provides `import`: merging another assessor's copy of an assessment folder into this one.

Nothing here is ever overwritten. Interviews missing here are copied in file by file (each
interview has its own files, so this is a copy, not a merge of records). Interviewees are matched
by id; one whose role code is already taken here gets the next free code, and the report says so.
Scores are keyed by (criterion, assessor): another assessor's score arrives beside ours, and where
the two differ the report prints a line per conflict for the consensus discussion (once consensus
has opened, individual scores are locked and further ones are listed as skipped). Findings, open
items, review comments and evidence arrive by id; audit entries not yet here are appended.
Answers the copy still holds in an interview's journal (store/journal.py) arrive written into the
interview's turn files, so the copy need not be opened for writing first.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from assistant.core.errors import AssessorError
from assistant.core.model import ROLE_LABEL, AssessmentData, AuditEntry, CriterionScore, Turn
from assistant.store.convert import FORMAT, Meta, new_document, to_doc, turn_part, turn_range
from assistant.store.errors import DamagedFileError
from assistant.store.files import Layout, read_audit, read_checked, scan_interviews
from assistant.store.loader import Loaded, load_folder
from assistant.store.session import Session
from assistant.store.workspace import Workspace


@dataclass
class MergeReport:
    """What an import brought in, what it could not, and where copies disagree."""

    assessment_id: str
    arrived: list[str] = field(default_factory=list)
    renumbered: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def import_copy(workspace: Workspace, source: Path, *, who: str = "") -> MergeReport:
    """Merge the assessment folder at `source` into the same assessment in this workspace."""
    source = Path(source)
    src = Layout(folder=source, workspace=source.parent)
    if not src.assessment.is_file():
        raise AssessorError(f"{source}: not an assessment folder (no assessment.json)")
    _, contents = read_checked(src.assessment, src, kind="assessment", assessment_id=None)
    assessment_id = contents.meta.assessment_id
    target = workspace.find(assessment_id)
    if target.folder.resolve() == source.resolve():
        raise AssessorError(f"{source}: is this workspace's own copy of {assessment_id}")
    theirs = load_folder(src, assessment_id, repair=False)
    report = MergeReport(assessment_id)
    report.skipped += theirs.problems
    with workspace.open(assessment_id, who=who) as session:
        _people(session, theirs.data, theirs.names, report)
        _interviews(session, src, assessment_id, theirs, report)
        _scores(session, theirs.data.scores, report)
        _records(session, theirs.data, report)
        _audit(session, src, assessment_id, report)
    return report


def _people(
    session: Session, theirs: AssessmentData, names: dict[str, str], report: MergeReport
) -> None:
    ours = {p.id: p for p in session.data.interviewees}
    arrived = 0
    for person in theirs.interviewees:
        if person.id in ours:
            if ours[person.id].code != person.code:
                report.skipped.append(
                    f"interviewee {person.id} is {ours[person.id].code} here "
                    f"and {person.code} in the copy; kept {ours[person.id].code}"
                )
            continue
        taken = {p.code for p in session.data.interviewees}
        if person.code in taken:
            code = session.next_code(person.role)
            report.renumbered.append(
                f"interviewee {person.code} from the copy ({ROLE_LABEL[person.role]}"
                f"{', ' + person.department if person.department else ''}) is {code} here "
                f"({person.code} was taken)"
            )
            person = person.model_copy(update={"code": code})
        session._adopt_interviewee(person, names.get(person.id))
        arrived += 1
    if arrived:
        report.arrived.append(f"{arrived} interviewee(s)")


def _interviews(
    session: Session, src: Layout, assessment_id: str, theirs: Loaded, report: MergeReport
) -> None:
    ours = {iv.id: iv for iv in session.data.interviews}
    arrived = turns_in = 0
    for interview_id, files in sorted(scan_interviews(src).items()):
        if files.main is None:
            continue
        if interview_id in ours:
            here = sum(1 for t in session.data.turns if t.interview_id == interview_id)
            there = _count_turns(src, assessment_id, interview_id, files.main, files.parts)
            if there is not None and interview_id in theirs.journals:
                there += len(theirs.journals[interview_id].fresh)
            if there is not None and there != here:
                report.conflicts.append(
                    f"interview {interview_id} is in both copies with "
                    f"different turns ({here} here, {there} in the copy); "
                    "kept this one"
                )
            continue
        try:
            raw, main = read_checked(
                files.main,
                src,
                kind="interview",
                assessment_id=assessment_id,
                interview_id=interview_id,
            )
        except DamagedFileError:
            continue  # already in report.skipped, from loading the copy
        payload = [(1, raw)]
        turns = list(main.docs("turns"))
        for part, path in sorted(files.parts.items()):
            try:
                raw_part, more = read_checked(
                    path,
                    src,
                    kind="turns",
                    assessment_id=assessment_id,
                    interview_id=interview_id,
                    part=part,
                )
            except DamagedFileError:
                low, high = turn_range(part)
                report.skipped.append(
                    f"interview {interview_id}: turns {low}-{high} not imported "
                    "(their file in the copy is damaged)"
                )
                continue
            payload.append((part, raw_part))
            turns.extend(more.docs("turns"))
        if interview_id in theirs.journals:  # answers the copy had not yet folded
            fresh = theirs.journals[interview_id].fresh
            payload = _with_turns(payload, fresh, assessment_id, interview_id)
            turns.extend(fresh)
        session._adopt_interview(payload, main.docs("interview")[0], turns, main.docs("evidence"))
        arrived += 1
        turns_in += len(turns)
    if arrived:
        report.arrived.append(f"{arrived} interview(s) with {turns_in} turn(s)")


def _with_turns(
    payload: list[tuple[int, bytes]], turns: list[Turn], assessment_id: str, interview_id: str
) -> list[tuple[int, bytes]]:
    """Return the files of an interview with journaled turns written into them (a turn file
    that the copy does not have, or whose copy is damaged, is made new)."""
    docs = {part: json.loads(raw) for part, raw in payload}
    for turn in turns:
        part = turn_part(turn.n)
        if part not in docs:
            meta = Meta(
                format=FORMAT,
                kind="turns",
                assessment_id=assessment_id,
                interview_id=interview_id,
                part=part,
            )
            docs[part] = new_document(meta, {"turns": []})
        docs[part].setdefault("turns", {})[str(turn.n)] = to_doc(turn)
    return [
        (part, json.dumps(doc, ensure_ascii=False).encode("utf-8"))
        for part, doc in sorted(docs.items())
    ]


def _count_turns(
    src: Layout, assessment_id: str, interview_id: str, main: Path, parts: dict[int, Path]
) -> int | None:
    try:
        total = len(
            read_checked(
                main, src, kind="interview", assessment_id=assessment_id, interview_id=interview_id
            )[1].docs("turns")
        )
        for part, path in parts.items():
            total += len(
                read_checked(
                    path,
                    src,
                    kind="turns",
                    assessment_id=assessment_id,
                    interview_id=interview_id,
                    part=part,
                )[1].docs("turns")
            )
    except DamagedFileError:
        return None
    return total


def _same_decision(a: CriterionScore, b: CriterionScore) -> bool:
    left, right = to_doc(a), to_doc(b)
    left.pop("decided_at"), right.pop("decided_at")
    return left == right


def _fmt(score: CriterionScore) -> str:
    value = "unscored" if score.score is None else f"{score.score:g}"
    return value + (f" ({score.band})" if score.band else "")


def _scores(session: Session, theirs: list[CriterionScore], report: MergeReport) -> None:
    arrived = 0
    opened = session.data.assessment.consensus_opened
    for score in theirs:
        mine = next(
            (
                s
                for s in session.data.scores
                if s.criterion_id == score.criterion_id and s.assessor == score.assessor
            ),
            None,
        )
        who = score.assessor or "(no assessor named)"
        if mine is not None:
            if not _same_decision(mine, score):
                report.conflicts.append(
                    f"{score.criterion_id}: {who} scored {_fmt(mine)} here and {_fmt(score)} in "
                    "the copy; kept the one here"
                )
            continue
        if opened is not None:
            report.skipped.append(
                f"{score.criterion_id}: {who}'s score {_fmt(score)} not imported; consensus "
                f"opened on {opened:%Y-%m-%d} and individual scores are locked"
            )
            continue
        for other in session.data.scores:
            if other.criterion_id == score.criterion_id and other.score != score.score:
                report.conflicts.append(
                    f"{score.criterion_id}: {other.assessor or '(no assessor named)'} scored "
                    f"{_fmt(other)}, {who} scored {_fmt(score)}; both kept for consensus"
                )
        session._adopt("scores", score, session.data.scores)
        arrived += 1
    if arrived:
        report.arrived.append(f"{arrived} score(s)")


def _records(session: Session, theirs: AssessmentData, report: MergeReport) -> None:
    groups = (
        ("findings", "finding(s)", theirs.findings, session.data.findings),
        ("open_items", "open item(s)", theirs.open_items, session.data.open_items),
        ("comments", "review comment(s)", theirs.comments, session.data.comments),
        (
            "pair_readings",
            "pairing reading(s)",
            theirs.pair_readings,
            session.data.pair_readings,
        ),
        (
            "evidence",
            "evidence item(s)",
            [e for e in theirs.evidence if e.interview_id is None],
            session.data.evidence,
        ),
    )
    for table, words, items, mirror in groups:
        have = {item.id for item in mirror}
        new = [item for item in items if item.id not in have]
        for item in new:
            session._adopt(table, item, mirror)
        if new:
            report.arrived.append(f"{len(new)} {words}")


def _audit(session: Session, src: Layout, assessment_id: str, report: MergeReport) -> None:
    theirs, problems = read_audit(src, assessment_id)
    report.skipped += problems

    def key(entry: AuditEntry) -> str:
        return json.dumps(to_doc(entry), sort_keys=True)

    have = {key(e) for e in session.audit_log()}
    new = [e for e in theirs if key(e) not in have]
    summary = "; ".join(report.arrived) or "nothing new"
    new.append(
        AuditEntry(
            who=session.who,
            entity="assessment",
            entity_id=assessment_id,
            field="import",
            new=str(src.folder),
            why=f"imported: {summary}",
        )
    )
    session._adopt_audit(new)
    if len(new) > 1:
        report.arrived.append(f"{len(new) - 1} audit entr{'y' if len(new) == 2 else 'ies'}")
