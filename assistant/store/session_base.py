"""Provides SessionBase: the state and helpers every part of `Session` shares, and the
`_writer` guard each write method wears (read-only and closed sessions refuse; one writer
at a time; the manifest follows the data; a content write lifts a standing sign-off).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, Self, TypeVar

from pydantic import BaseModel
from tinydb import Query

from assistant.core.errors import AssessorError, NotFoundError
from assistant.core.model import (
    AssessmentData,
    AuditEntry,
    Interview,
    Stamps,
)
from assistant.store.convert import (
    to_doc,
)
from assistant.store.errors import InvalidValueError, ReadOnlyError
from assistant.store.files import Layout, read_audit
from assistant.store.integrity import prepare_writer
from assistant.store.loader import Loaded
from assistant.store.lock import AssessmentLock
from assistant.store.writer import Writer, audit_text

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
S = TypeVar("S", bound="SessionBase")


def _writer(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """Guard a write method: refuse on read-only or closed sessions; one writer at a time."""

    def wrapper(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
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


class SessionBase:
    """What every part of a session shares: the open files, the data as on disk, the lock, the
    writer, lookups, and the audited update that most writes use."""

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
        with self._mutex:
            if not self.read_only:
                self.notices += self._w.fold_all()  # journaled answers into their files
                self._w.flush()
            self._closed = True
            self._w.close()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> Self:
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

    def _check_place(self, interview_id: str | None, turn_n: int | None, what: str) -> None:
        if interview_id is not None:
            self._interview(interview_id)
            if turn_n is not None:
                self._turn_index(f"{interview_id}/{turn_n}")
        elif turn_n is not None:
            raise InvalidValueError(f"{what}: turn_n needs interview_id")

    def _lift_sign_off(self, what: str) -> None:
        """Lift a standing sign-off after a content write (the review part does it)."""
