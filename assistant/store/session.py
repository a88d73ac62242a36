"""Provides Session: the one way front ends change an assessment, one durable write at a time.

Every write method returns only after the change is on disk (temp file, fsync, atomic rename,
folder fsync). If the disk refuses (full, read-only, permissions) the method raises SaveError,
the previous file is left as it was and `session.data` is not touched. Changes to something
already saved (an edited answer, a replaced score, a removed finding) are written to audit.jsonl
first, with who, when, old value, new value and why. If the change itself then fails, a second
audit line says it was not saved. How a change reaches the disk is `writer.Writer`'s job.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from tinydb import Query

from assistant.core.errors import NotFoundError
from assistant.core.model import (
    ROLE_PREFIX,
    AuditEntry,
    Evidence,
    EvidenceType,
    Interview,
    Interviewee,
    RoleType,
    Tag,
    Turn,
    TurnKind,
)
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
from assistant.store.errors import InvalidValueError, SaveError
from assistant.store.files import make_dir
from assistant.store.journal import FOLD_AT
from assistant.store.manifest import counts_of
from assistant.store.session_base import CONTENT_WRITES as CONTENT_WRITES
from assistant.store.session_base import _writer
from assistant.store.session_review import Review
from assistant.store.storage import atomic_write_bytes
from assistant.store.writer import reason


class Session(Review):
    """An open assessment: `data` mirrors what is on disk after every write.

    Use as a context manager, or call `close()`; closing releases the lock. `problems` lists the
    files that could not be read when the session opened (already set aside when writable).
    Interviewees, interviews, turns, evidence and import live here; decisions and records in
    `session_records.Records`; consensus, comments and sign-off in `session_review.Review`;
    the shared state and the write guard in `session_base`.
    """

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
        self._w.fold(interview_id)
        return self._replace_interview(old, old.model_copy(update={"ended": ended}), "ended")

    def _replace_interview(self, old: Interview, new: Interview, why: str) -> Interview:
        path = self.layout.interview(new.id)
        if not self._audited_update("interview", "interview", path, old, new, why):
            return old
        self.data.interviews[self._find(self.data.interviews, new.id, "interview")] = new
        return new

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
        """Save a question and its answer (or a note) as the interview's next turn.

        The turn is appended to the interview's journal, durable after one sync; every
        `FOLD_AT` turns the journal is folded into the interview's TinyDB files."""
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
        self._w.journal(turn)  # durable here: one write and one sync (store/journal.py)
        self._turn_at[(interview_id, n)] = len(self.data.turns)
        self.data.turns.append(turn)
        self._last_n[interview_id] = n
        if len(self._w.journaled(interview_id)) >= FOLD_AT:
            try:
                self._w.fold(interview_id)
            except SaveError:
                pass  # the turns stay safe in the journal; the next fold tries again
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

        def write() -> None:
            if old.n in self._w.journaled(old.interview_id):
                self._w.fold(old.interview_id)  # the turn must be in its file to change there
            self._w.commit(path, lambda db: db.table("turns").update(to_doc(new), doc_ids=[old.n]))

        self._w.audited(changes, write)
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
