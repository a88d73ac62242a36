"""Provides Records: the session's writes of decisions and records kept in assessment.json:
scores, pair readings, findings, open items, the assessment itself, and the organisation's
inputs (self-assessment, evidence library). Each change to something saved is audited.
"""

from __future__ import annotations

from collections.abc import Sequence

from tinydb import Query

from assistant.core.errors import NotFoundError
from assistant.core.model import (
    Assessment,
    AuditEntry,
    CriterionScore,
    Evidence,
    Finding,
    OpenItem,
    PairReading,
    SelfScore,
)
from assistant.store.convert import (
    revalidate,
    to_doc,
)
from assistant.store.errors import InvalidValueError
from assistant.store.session_base import SessionBase, _insert_update, _writer
from assistant.store.writer import audit_text


class Records(SessionBase):
    """Scores, findings, open items, the assessment record and the organisation's inputs."""

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
    def set_pair_reading(self, reading: PairReading, why: str = "") -> PairReading:
        """Save the assessor's reading of a lead-versus-other pair; a change is audited.

        One reading is kept per pair (criterion, lead turn, other turn); the suggested reading is
        never stored, so the assessor's word stays apart from it and always wins.
        """
        new = revalidate(reading, "pairing reading")
        for key in (new.lead_turn, new.other_turn):
            self._turn_index(key)
        q = Query()
        match = (
            (q.criterion_id == new.criterion_id)
            & (q.lead_turn == new.lead_turn)
            & (q.other_turn == new.other_turn)
        )
        index = next((i for i, r in enumerate(self.data.pair_readings) if r.key == new.key), None)
        if index is None:
            changes = [
                AuditEntry(
                    who=self.who,
                    entity="pair_reading",
                    entity_id=new.key,
                    field="relation",
                    old=None,
                    new=new.relation,
                    why=why or "assessor's reading",
                )
            ]
        else:
            changes = self._w.changes(
                "pair_reading",
                new.key,
                self.data.pair_readings[index],
                new,
                why,
                skip=("decided_at",),
            )
            if not changes:
                return self.data.pair_readings[index]
        self._w.audited(
            changes,
            lambda: self._w.commit(
                self.layout.assessment,
                lambda db: db.table("pair_readings").upsert(to_doc(new), match),
            ),
        )
        if index is None:
            self.data.pair_readings.append(new)
        else:
            self.data.pair_readings[index] = new
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
