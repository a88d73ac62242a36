"""Provides Session: the one way front ends change an assessment, one durable write at a time.

Every write method returns only after the change is on disk (temp file, fsync, atomic rename,
folder fsync). If the disk refuses (full, read-only, permissions) the method raises SaveError,
the previous file is left as it was and `session.data` is not touched. Changes to something
already saved (an edited answer, a replaced score, a removed finding) are written to audit.jsonl
first, with who, when, old value, new value and why. If the change itself then fails, a second
audit line says it was not saved. How a change reaches the disk is `writer.Writer`'s job.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from pydantic import BaseModel, ValidationError
from tinydb import Query
from tinydb.table import Document

from assistant.core.errors import AssessorError, NotFoundError
from assistant.core.model import (
    ROLE_PREFIX,
    Assessment,
    AssessmentData,
    AuditEntry,
    ConsensusScore,
    CriterionScore,
    Evidence,
    EvidenceType,
    Finding,
    Interview,
    Interviewee,
    OpenItem,
    OverrideReview,
    ReviewComment,
    RoleType,
    SelfScore,
    Stamps,
    Tag,
    Turn,
    TurnKind,
)
from assistant.core.review.signoff import content_digest
from assistant.store.convert import (
    NameRecord,
    build,
    first_error,
    new_document,
    refuse_surrogates,
    revalidate,
    to_doc,
    turn_part,
)
from assistant.store.errors import InvalidValueError, ReadOnlyError, SaveError
from assistant.store.files import Layout, make_dir, read_audit
from assistant.store.integrity import prepare_writer
from assistant.store.loader import Loaded
from assistant.store.lock import AssessmentLock
from assistant.store.manifest import counts_of
from assistant.store.storage import atomic_write_bytes
from assistant.store.writer import Writer, audit_text, reason

CONTENT_WRITES = frozenset(
    {
        "record_turn",
        "edit_turn",
        "set_score",
        "add_finding",
        "update_finding",
        "remove_finding",
        "save_consensus",
        "_adopt_interview",
        "_adopt",
    }
)
"""Writes that may change signed content; after one, a standing sign-off is checked and lifted."""

P = ParamSpec("P")
R = TypeVar("R")


def _writer(method: Callable[Concatenate[Session, P], R]) -> Callable[Concatenate[Session, P], R]:
    """Guard a write method: refuse on read-only or closed sessions; one writer at a time."""

    def wrapper(self: Session, /, *args: P.args, **kwargs: P.kwargs) -> R:
        if self.read_only:
            raise ReadOnlyError(f"assessment {self.id} is open read-only; nothing was saved")
        if self._closed:
            raise AssessorError(f"assessment {self.id} is closed; nothing was saved")
        with self._mutex:
            try:
                result = method(self, *args, **kwargs)
                if method.__name__ in CONTENT_WRITES:
                    self._lift_sign_off(method.__name__)
                return result
            finally:
                self._w.flush()  # the manifest follows the data it describes

    functools.update_wrapper(wrapper, method)
    return wrapper


def _insert_update(table: Any, docs: list[dict[str, Any]], updates: list[Any]) -> None:
    """Insert documents and apply (document, condition) updates: one file write for each kind."""
    if docs:
        table.insert_multiple(docs)
    if updates:
        table.update_multiple(updates)


class Session:
    """An open assessment: `data` mirrors what is on disk after every write.

    Use as a context manager, or call `close()`; closing releases the lock. `problems` lists the
    files that could not be read when the session opened (already set aside when writable).
    """

    def __init__(
        self,
        layout: Layout,
        loaded: Loaded,
        *,
        read_only: bool,
        who: str = "",
        lock: AssessmentLock | None = None,
        stamps: Stamps | None = None,
    ) -> None:
        self.id = loaded.data.assessment.id
        self.stamps = stamps or Stamps()
        """Where new records' ids and times come from (the workspace's)."""
        self.read_only = read_only
        self.who = who
        self.data: AssessmentData = loaded.data
        self.problems: list[str] = list(loaded.problems)
        self.layout = layout
        self._names = dict(loaded.names)
        self._lock = lock
        self._closed = False
        self._mutex = threading.RLock()
        self._w = Writer(layout, self.id, who, self.stamps.clock)
        self.notices: list[str] = []
        """Things done on opening that the user should hear of once (a manifest built for an
        older folder, a pending save settled after a crash); nothing is wrong with the data."""
        if not read_only:
            self.notices += prepare_writer(self._w, layout, loaded)
        self._last_n: dict[str, int] = {
            iv.id: loaded.turn_floor.get(iv.id, 0) for iv in self.data.interviews
        }
        self._turn_at: dict[tuple[str, int], int] = {}
        for i, turn in enumerate(self.data.turns):
            self._turn_at[(turn.interview_id, turn.n)] = i
            self._last_n[turn.interview_id] = max(self._last_n.get(turn.interview_id, 0), turn.n)

    # ------------------------------------------------------------ life cycle

    def act_as(self, who: str) -> None:
        """Record later changes (scores, audit entries) as made by `who`."""
        self.who = who
        self._w.who = who

    def close(self) -> None:
        """Release the lock; the session can still be read but no longer written."""
        if self._closed:
            return
        self._closed = True
        self._w.close()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Session:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------ lookups

    def _interview(self, interview_id: str) -> Interview:
        try:
            return self.data.interview(interview_id)
        except KeyError:
            known = ", ".join(iv.id for iv in self.data.interviews) or "none"
            raise NotFoundError(
                f"no interview '{interview_id}' in {self.id} (interviews: {known})"
            ) from None

    def _turn_index(self, key: str) -> int:
        interview_id, _, number = key.rpartition("/")
        index = self._turn_at.get((interview_id, int(number))) if number.isdigit() else None
        if index is None:
            raise NotFoundError(f"no turn '{key}' in {self.id} (a turn key is <interview>/<n>)")
        return index

    @staticmethod
    def _find(items: list[Any], item_id: str, what: str) -> int:
        for i, item in enumerate(items):
            if item.id == item_id:
                return i
        raise NotFoundError(f"no {what} '{item_id}'")

    def name_of(self, interviewee_id: str) -> str | None:
        """Return an interviewee's real name, or None when none was recorded."""
        return self._names.get(interviewee_id)

    def names(self) -> dict[str, str]:
        """Return every recorded real name by interviewee id."""
        return dict(self._names)

    def audit_log(self) -> list[AuditEntry]:
        """Return the audit entries, oldest first (unreadable lines are left out)."""
        entries, _ = read_audit(self.layout, self.id)
        return entries

    # ------------------------------------------------------------ interviewees and interviews

    @_writer
    def add_interviewee(
        self,
        role: RoleType,
        *,
        department: str = "",
        site: str = "",
        title: str = "",
        name: str | None = None,
    ) -> Interviewee:
        """Add an interviewee with the next role code (L1.., K1.., S1..); keep the name apart."""
        if role not in ROLE_PREFIX:
            raise InvalidValueError(f"interviewee.role: must be one of {', '.join(ROLE_PREFIX)}")
        person = build(
            Interviewee,
            "interviewee",
            stamps=self.stamps,
            code=self.next_code(role),
            role=role,
            department=department,
            site=site,
            title=title,
        )
        if name:
            self._save_name(person.id, name)
        try:
            self._w.commit(
                self.layout.assessment, lambda db: db.table("interviewees").insert(to_doc(person))
            )
        except SaveError:
            if name:
                try:
                    self._w.commit(
                        self.layout.names,
                        lambda db: db.table("names").remove(Query().interviewee_id == person.id),
                    )
                except SaveError:
                    pass
            raise
        self.data.interviewees.append(person)
        if name:
            self._names[person.id] = name
        return person

    def next_code(self, role: RoleType) -> str:
        """Return the next free role code for a role, such as S3."""
        prefix = ROLE_PREFIX[role]
        used = [
            int(m.group(1))
            for p in self.data.interviewees
            if (m := re.fullmatch(rf"{prefix}(\d+)", p.code))
        ]
        return f"{prefix}{max(used, default=0) + 1}"

    def _save_name(self, interviewee_id: str, name: str) -> None:
        record = build(NameRecord, "name", interviewee_id=interviewee_id, name=name)
        if not self.layout.names.exists():
            self._w.create(
                self.layout.names, new_document(self._w.meta("names"), {"names": [(1, record)]})
            )
        else:
            self._w.commit(
                self.layout.names,
                lambda db: db.table("names").upsert(
                    to_doc(record), Query().interviewee_id == interviewee_id
                ),
            )

    @_writer
    def start_interview(
        self,
        interviewee_ids: list[str],
        *,
        assessor: str = "",
        planned_criteria: list[str] | None = None,
        time_box_minutes: int = 45,
        started: datetime | None = None,
    ) -> Interview:
        """Start an interview with these interviewees (now, or at `started` for a record made
        afterwards); it gets its own file."""
        for person_id in interviewee_ids:
            self._interviewee(person_id)
        times = {} if started is None else {"started": started}
        interview = build(
            Interview,
            "interview",
            stamps=self.stamps,
            interviewee_ids=list(interviewee_ids),
            assessor=assessor,
            planned_criteria=list(planned_criteria or []),
            time_box_minutes=time_box_minutes,
            **times,
        )
        path = self.layout.interview(interview.id)
        self._w.create(
            path,
            new_document(
                self._w.meta("interview", interview.id),
                {"interview": [(1, interview)], "turns": [], "evidence": []},
            ),
        )
        self.data.interviews.append(interview)
        self._last_n[interview.id] = 0
        return interview

    def _interviewee(self, person_id: str) -> Interviewee:
        try:
            return self.data.interviewee(person_id)
        except KeyError:
            known = ", ".join(f"{p.id} ({p.code})" for p in self.data.interviewees) or "none"
            raise NotFoundError(f"no interviewee '{person_id}' (interviewees: {known})") from None

    @_writer
    def update_interview(self, interview: Interview, why: str = "") -> Interview:
        """Save changes to an interview record (opening checklist, plan, read-back points)."""
        new = revalidate(interview, "interview")
        old = self._interview(new.id)
        for person_id in new.interviewee_ids:
            self._interviewee(person_id)
        return self._replace_interview(old, new, why)

    @_writer
    def end_interview(self, interview_id: str, at: datetime | None = None) -> Interview:
        """Mark an interview ended now, or `at` (once; ending it again changes nothing)."""
        old = self._interview(interview_id)
        if old.ended is not None:
            return old
        ended = at or self.stamps.clock()
        return self._replace_interview(old, old.model_copy(update={"ended": ended}), "ended")

    def _replace_interview(self, old: Interview, new: Interview, why: str) -> Interview:
        path = self.layout.interview(new.id)
        if not self._audited_update("interview", "interview", path, old, new, why):
            return old
        self.data.interviews[self._find(self.data.interviews, new.id, "interview")] = new
        return new

    def _audited_update(
        self, entity: str, table: str, path: Path, old: BaseModel, new: BaseModel, why: str
    ) -> bool:
        """Write `new` over the row with its id in `table` of `path`, after logging each field
        that changed from `old` (the audit line first, so a failed write is logged as not
        saved). False when nothing changed, and nothing was written."""
        key = str(new.model_dump(include={"id"})["id"])
        changes = self._w.changes(entity, key, old, new, why)
        if not changes:
            return False
        self._w.audited(
            changes,
            lambda: self._w.commit(
                path, lambda db: db.table(table).update(to_doc(new), Query().id == key)
            ),
        )
        return True

    # ------------------------------------------------------------ turns

    @_writer
    def record_turn(
        self,
        interview_id: str,
        *,
        answer: str,
        question: str = "",
        question_id: str | None = None,
        tags: list[Tag] | None = None,
        criteria: list[str] | None = None,
        speaker_id: str | None = None,
        kind: TurnKind = "answer",
        asked_at: datetime | None = None,
        answered_at: datetime | None = None,
    ) -> Turn:
        """Save a question and its answer (or a note) as the interview's next turn."""
        interview = self._interview(interview_id)
        if speaker_id is not None and speaker_id not in interview.interviewee_ids:
            raise NotFoundError(f"speaker '{speaker_id}' is not an interviewee of {interview_id}")
        n = self._last_n.get(interview_id, 0) + 1
        values: dict[str, Any] = dict(
            interview_id=interview_id,
            n=n,
            kind=kind,
            answer=answer,
            question=question,
            question_id=question_id,
            speaker_id=speaker_id,
            tags=list(tags or []),
            criteria=list(criteria or []),
        )
        if asked_at is not None:
            values["asked_at"] = asked_at
        if answered_at is not None:
            values["answered_at"] = answered_at
        turn: Turn = build(Turn, f"turn {interview_id}/{n}", self.stamps, **values)
        part = turn_part(n)
        path = self.layout.interview(interview_id, part)
        if part > 1 and not path.exists():
            self._w.create(
                path,
                new_document(self._w.meta("turns", interview_id, part), {"turns": [(n, turn)]}),
            )
        else:
            self._w.commit(
                path, lambda db: db.table("turns").insert(Document(to_doc(turn), doc_id=n))
            )
        self._turn_at[(interview_id, n)] = len(self.data.turns)
        self.data.turns.append(turn)
        self._last_n[interview_id] = n
        return turn

    @_writer
    def edit_turn(
        self,
        key: str,
        *,
        answer: str | None = None,
        tags: list[Tag] | None = None,
        criteria: list[str] | None = None,
        why: str = "",
    ) -> Turn:
        """Change a saved turn's answer, tags or criteria; the old values go to the audit log."""
        index = self._turn_index(key)
        old = self.data.turns[index]
        update: dict[str, Any] = {}
        if answer is not None:
            update["answer"] = answer
        if tags is not None:
            update["tags"] = list(tags)
        if criteria is not None:
            update["criteria"] = list(criteria)
        changed: list[str] = list(old.changed)
        for name, value in update.items():
            if value != getattr(old, name) and name not in changed:
                changed.append(name)
        refuse_surrogates(update, f"turn {key}")
        try:
            new = Turn.model_validate(
                {**old.model_dump(), **update, "edited": True, "changed": changed}
            )
        except ValidationError as exc:
            raise InvalidValueError(f"turn {key}: {first_error(exc)}") from None
        changes = self._w.changes("turn", key, old, new, why, skip=("edited", "changed"))
        if not changes:
            return old
        path = self.layout.interview(old.interview_id, turn_part(old.n))
        self._w.audited(
            changes,
            lambda: self._w.commit(
                path, lambda db: db.table("turns").update(to_doc(new), doc_ids=[old.n])
            ),
        )
        self.data.turns[index] = new
        return new

    # ------------------------------------------------------------ evidence

    @_writer
    def add_evidence(
        self,
        *,
        type: EvidenceType,
        title: str,
        reference: str = "",
        verified: bool = False,
        criteria: list[str] | None = None,
        interview_id: str | None = None,
        turn_n: int | None = None,
    ) -> Evidence:
        """Register an item of evidence, in its interview's file when it came up in one."""
        evidence: Evidence = build(
            Evidence,
            "evidence",
            stamps=self.stamps,
            type=type,
            title=title,
            reference=reference,
            verified=verified,
            criteria=list(criteria or []),
            interview_id=interview_id,
            turn_n=turn_n,
        )
        self._check_place(evidence.interview_id, evidence.turn_n, "evidence")
        self._w.commit(
            self._evidence_file(evidence), lambda db: db.table("evidence").insert(to_doc(evidence))
        )
        self.data.evidence.append(evidence)
        return evidence

    def _check_place(self, interview_id: str | None, turn_n: int | None, what: str) -> None:
        if interview_id is not None:
            self._interview(interview_id)
            if turn_n is not None:
                self._turn_index(f"{interview_id}/{turn_n}")
        elif turn_n is not None:
            raise InvalidValueError(f"{what}: turn_n needs interview_id")

    def _evidence_file(self, evidence: Evidence) -> Path:
        if evidence.interview_id is None:
            return self.layout.assessment
        return self.layout.interview(evidence.interview_id)

    @_writer
    def update_evidence(self, evidence: Evidence, why: str = "") -> Evidence:
        """Save changes to an item of evidence (verified, reference, criteria...); audited."""
        new = revalidate(evidence, "evidence")
        index = self._find(self.data.evidence, new.id, "evidence")
        old = self.data.evidence[index]
        if new.interview_id != old.interview_id:
            raise InvalidValueError(
                f"evidence {new.id}: cannot move to another interview; record it again there"
            )
        self._check_place(new.interview_id, new.turn_n, "evidence")
        path = self._evidence_file(new)
        if not self._audited_update("evidence", "evidence", path, old, new, why):
            return old
        self.data.evidence[index] = new
        return new

    # ------------------------------------------------------------ scores, findings, open items

    @_writer
    def set_score(self, score: CriterionScore, why: str = "") -> CriterionScore:
        """Save an assessor's decision on a criterion; replacing one is audited old -> new."""
        new = revalidate(score, "score")
        opened = self.data.assessment.consensus_opened
        if opened is not None:
            raise InvalidValueError(
                f"{new.criterion_id}: consensus opened on {opened:%Y-%m-%d %H:%M}, so individual "
                "scores are locked; set the consensus score instead "
                f"(assessor consensus {self.id} --set {new.criterion_id} SCORE --rationale TEXT)"
            )
        q = Query()
        match = (q.criterion_id == new.criterion_id) & (q.assessor == new.assessor)
        index = next(
            (
                i
                for i, s in enumerate(self.data.scores)
                if s.criterion_id == new.criterion_id and s.assessor == new.assessor
            ),
            None,
        )
        entity_id = f"{new.criterion_id}/{new.assessor}" if new.assessor else new.criterion_id
        if index is None:
            value = audit_text(new.score) if new.score is not None else None
            changes = [
                AuditEntry(
                    at=self.stamps.clock(),
                    who=self.who,
                    entity="score",
                    entity_id=entity_id,
                    field="score",
                    old=None,
                    new=value,
                    why=why or "first decision",
                )
            ]
        else:
            changes = self._w.changes(
                "score", entity_id, self.data.scores[index], new, why, skip=("decided_at",)
            )
            if not changes:
                return self.data.scores[index]
        self._w.audited(
            changes,
            lambda: self._w.commit(
                self.layout.assessment, lambda db: db.table("scores").upsert(to_doc(new), match)
            ),
        )
        if index is None:
            self.data.scores.append(new)
        else:
            self.data.scores[index] = new
        return new

    @_writer
    def add_finding(self, finding: Finding) -> Finding:
        """Save a new strength, risk or opportunity."""
        new = revalidate(finding, "finding")
        if any(f.id == new.id for f in self.data.findings):
            raise InvalidValueError(f"finding {new.id} already exists; use update_finding")
        self._w.commit(self.layout.assessment, lambda db: db.table("findings").insert(to_doc(new)))
        self.data.findings.append(new)
        return new

    @_writer
    def update_finding(self, finding: Finding, why: str = "") -> Finding:
        """Save changes to a finding; audited."""
        return self._replace_finding(revalidate(finding, "finding"), why)

    @_writer
    def remove_finding(self, finding_id: str, why: str = "") -> Finding:
        """Mark a finding removed (it stays on disk and in the audit log); audited."""
        old = self.data.findings[self._find(self.data.findings, finding_id, "finding")]
        return self._replace_finding(old.model_copy(update={"removed": True}), why)

    def _replace_finding(self, new: Finding, why: str) -> Finding:
        index = self._find(self.data.findings, new.id, "finding")
        old = self.data.findings[index]
        if not self._audited_update("finding", "findings", self.layout.assessment, old, new, why):
            return new
        self.data.findings[index] = new
        return new

    @_writer
    def add_open_item(self, item: OpenItem) -> OpenItem:
        """Save something to follow up: a claim to verify, a document, a person to ask."""
        new = revalidate(item, "open item")
        if any(i.id == new.id for i in self.data.open_items):
            raise InvalidValueError(f"open item {new.id} already exists")
        self._check_place(new.interview_id, new.turn_n, "open item")
        self._w.commit(
            self.layout.assessment, lambda db: db.table("open_items").insert(to_doc(new))
        )
        self.data.open_items.append(new)
        return new

    @_writer
    def close_open_item(self, item_id: str, resolution: str) -> OpenItem:
        """Close an open item with how it was resolved; audited."""
        index = self._find(self.data.open_items, item_id, "open item")
        old = self.data.open_items[index]
        new = old.model_copy(update={"status": "closed", "resolution": resolution})
        path = self.layout.assessment
        if not self._audited_update("open_item", "open_items", path, old, new, "closed"):
            return old
        self.data.open_items[index] = new
        return new

    @_writer
    def update_assessment(self, assessment: Assessment, why: str = "") -> Assessment:
        """Save changes to the assessment record (scope, dates, status...); audited."""
        new = revalidate(assessment, "assessment")
        old = self.data.assessment
        if new.id != old.id:
            raise InvalidValueError(f"assessment.id: cannot change ({old.id} -> {new.id})")
        path = self.layout.assessment
        if not self._audited_update("assessment", "assessment", path, old, new, why):
            return old
        self.data.assessment = new
        return new

    # ------------------------------------------------------------ the organisation's inputs

    @_writer
    def save_self_assessment(self, entries: Sequence[SelfScore], why: str = "") -> tuple[int, int]:
        """Save the organisation's self-scores by criterion; return (added, changed).

        A criterion already saved is replaced only where a field differs, audited old -> new;
        new ones are audited as first entries. Two writes at most, each durable.
        """
        checked = [revalidate(e, "self-assessment") for e in entries]
        at = {e.criterion_id: i for i, e in enumerate(self.data.self_assessment)}
        added: list[SelfScore] = []
        changed: list[SelfScore] = []
        log: list[AuditEntry] = []
        for entry in checked:
            i = at.get(entry.criterion_id)
            if i is None:
                added.append(entry)
                log.append(self._first("self_assessment", entry.criterion_id, entry.score, why))
                continue
            diff = self._w.changes(
                "self_assessment",
                entry.criterion_id,
                self.data.self_assessment[i],
                entry,
                why,
                skip=("imported_at",),
            )
            if diff:
                changed.append(entry)
                log.extend(diff)
        table = "self_assessment"
        if added or changed:
            self._w.audited(
                log,
                lambda: self._w.commit(
                    self.layout.assessment,
                    lambda db: _insert_update(
                        db.table(table),
                        [to_doc(e) for e in added],
                        [(to_doc(e), Query().criterion_id == e.criterion_id) for e in changed],
                    ),
                ),
            )
        for entry in changed:
            self.data.self_assessment[at[entry.criterion_id]] = entry
        self.data.self_assessment.extend(added)
        return len(added), len(changed)

    @_writer
    def save_library(
        self, added: Sequence[Evidence], changed: Sequence[Evidence], why: str = ""
    ) -> None:
        """Save evidence-library items: new ones added, changed ones replaced (audited).

        Library items belong to no interview, so they live in assessment.json.
        """
        new = [revalidate(e, "evidence") for e in added]
        upd = [revalidate(e, "evidence") for e in changed]
        have = {e.id: i for i, e in enumerate(self.data.evidence)}
        log: list[AuditEntry] = []
        for item in new:
            if item.id in have or item.interview_id is not None:
                raise InvalidValueError(f"evidence {item.id}: already saved or not a library item")
            log.append(self._first("evidence", item.id, item.title, why))
        for item in upd:
            if item.id not in have:
                raise NotFoundError(f"no evidence '{item.id}'")
            log.extend(
                self._w.changes("evidence", item.id, self.data.evidence[have[item.id]], item, why)
            )
        if not new and not upd:
            return
        self._w.audited(
            log,
            lambda: self._w.commit(
                self.layout.assessment,
                lambda db: _insert_update(
                    db.table("evidence"),
                    [to_doc(e) for e in new],
                    [(to_doc(e), Query().id == e.id) for e in upd],
                ),
            ),
        )
        for item in upd:
            self.data.evidence[have[item.id]] = item
        self.data.evidence.extend(new)

    def _first(self, entity: str, entity_id: str, value: object, why: str) -> AuditEntry:
        return AuditEntry(
            at=self.stamps.clock(),
            who=self.who,
            entity=entity,
            entity_id=entity_id,
            field="added",
            old=None,
            new=audit_text(value),
            why=why or "imported",
        )

    # ------------------------------------------------------------ used by import (merge.py)

    @_writer
    def _adopt_interviewee(self, person: Interviewee, name: str | None) -> Interviewee:
        """Add an interviewee from another copy as it is (same id); its name too if given."""
        if name and person.id not in self._names:
            self._save_name(person.id, name)
            self._names[person.id] = name
        self._w.commit(
            self.layout.assessment, lambda db: db.table("interviewees").insert(to_doc(person))
        )
        self.data.interviewees.append(person)
        return person

    @_writer
    def _adopt_interview(
        self,
        files: list[tuple[int, bytes]],
        interview: Interview,
        turns: list[Turn],
        evidence: list[Evidence],
    ) -> None:
        """Copy another copy's interview files in byte for byte (already validated)."""
        written: list[Path] = []
        try:
            make_dir(self.layout.interviews)
            for part, raw in files:
                path = self.layout.interview(interview.id, part)
                if path.exists():
                    raise SaveError(self.layout.shown(path), "already exists; not overwritten")
                atomic_write_bytes(path, raw)
                written.append(path)
        except (OSError, SaveError) as exc:
            for path in written:
                path.unlink(missing_ok=True)
            if isinstance(exc, SaveError):
                raise
            raise SaveError(
                self.layout.shown(self.layout.interview(interview.id)), reason(exc)
            ) from None
        for path, (_, raw) in zip(written, files, strict=True):
            self._w.note(path, counts_of(json.loads(raw)))
        self.data.interviews.append(interview)
        for turn in sorted(turns, key=lambda t: t.n):
            self._turn_at[(turn.interview_id, turn.n)] = len(self.data.turns)
            self.data.turns.append(turn)
        self.data.evidence.extend(evidence)
        self._last_n[interview.id] = max([t.n for t in turns], default=0)

    @_writer
    def _adopt(self, table: str, record: BaseModel, mirror: list[Any]) -> None:
        """Insert a record from another copy into assessment.json as it is."""
        self._w.commit(self.layout.assessment, lambda db: db.table(table).insert(to_doc(record)))
        mirror.append(record)

    @_writer
    def _adopt_audit(self, entries: list[AuditEntry]) -> None:
        self._w.audit(entries)

    # ------------------------------------------------------------ review (services/review.py)

    @_writer
    def save_consensus(self, agreed: ConsensusScore, why: str = "") -> ConsensusScore:
        """Save the team's consensus score on a criterion (replacing one is audited)."""
        new = revalidate(agreed, "consensus score")
        index = next(
            (i for i, c in enumerate(self.data.consensus) if c.criterion_id == new.criterion_id),
            None,
        )
        old = self.data.consensus[index] if index is not None else None
        changes = self._w.changes(
            "consensus",
            new.criterion_id,
            old if old is not None else new.model_copy(update={"score": None, "band": None}),
            new,
            why or new.rationale,
            skip=("decided_at", "individual", "median", "spread", "decided_by"),
        )
        if not changes:
            return old if old is not None else new
        self._w.audited(
            changes,
            lambda: self._w.commit(
                self.layout.assessment,
                lambda db: db.table("consensus").upsert(
                    to_doc(new), Query().criterion_id == new.criterion_id
                ),
            ),
        )
        if index is None:
            self.data.consensus.append(new)
        else:
            self.data.consensus[index] = new
        return new

    @_writer
    def save_comment(self, comment: ReviewComment, why: str = "") -> ReviewComment:
        """Save a new review comment, or changes to one (status, replies); changes are audited."""
        new = revalidate(comment, "comment")
        index = next((i for i, c in enumerate(self.data.comments) if c.id == new.id), None)
        if index is None:
            entry = AuditEntry(
                at=self.stamps.clock(),
                who=self.who,
                entity="comment",
                entity_id=new.id,
                field="text",
                new=new.text,
                why=why or f"comment on {new.target} {new.ref}",
            )
            self._w.audited(
                [entry],
                lambda: self._w.commit(
                    self.layout.assessment, lambda db: db.table("comments").insert(to_doc(new))
                ),
            )
            self.data.comments.append(new)
            return new
        old = self.data.comments[index]
        if self._audited_update("comment", "comments", self.layout.assessment, old, new, why):
            self.data.comments[index] = new
        return new

    @_writer
    def add_override_review(self, review: OverrideReview) -> OverrideReview:
        """Record that an override crossing the certification line was reviewed; audited."""
        new = revalidate(review, "override review")
        entry = AuditEntry(
            at=self.stamps.clock(),
            who=self.who,
            entity="override_review",
            entity_id=new.criterion_id,
            field="score",
            new=audit_text(new.score),
            why=new.note or "override reviewed",
        )
        self._w.audited(
            [entry],
            lambda: self._w.commit(
                self.layout.assessment,
                lambda db: db.table("override_reviews").insert(to_doc(new)),
            ),
        )
        self.data.override_reviews.append(new)
        return new

    def _lift_sign_off(self, what: str) -> None:
        """Lift a standing sign-off when a write changed the signed content (audited)."""
        a = self.data.assessment
        signed = a.sign_off
        if signed is None or not signed.active:
            return
        if content_digest(self.data) == signed.content_sha256:
            return
        why = f"content changed after sign-off ({what.strip('_').replace('_', ' ')})"
        lifted = signed.model_copy(
            update={"lifted_at": self.stamps.clock(), "lifted_by": self.who, "lifted_why": why}
        )
        status = "in-progress" if a.status == "signed-off" else a.status
        self.update_assessment(a.model_copy(update={"sign_off": lifted, "status": status}), why)
