"""Provides Workspace: finding, creating, listing and opening assessments in a workspace folder.

Nothing is created until the first write: constructing a Workspace, listing or loading never
touches the disk. A new assessment is built in a hidden folder and renamed into place, so a crash
while creating one leaves no half-made assessment behind.
"""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Final

from assistant import paths
from assistant.core.bank.loader import LoadedBank
from assistant.core.errors import AssessorError, NotFoundError
from assistant.core.model import (
    Assessment,
    AssessmentData,
    AssessmentType,
    AuditEntry,
    BankPin,
    Profile,
    Scope,
    Stamps,
)
from assistant.safeio import check_dir
from assistant.store.convert import FORMAT, Meta, build, new_document, to_doc
from assistant.store.errors import SaveError
from assistant.store.files import (
    ASSESSMENT_FILE,
    ID_PATTERN,
    Layout,
    append_audit,
    make_dir,
    remove_stale_temps,
    scan_interviews,
)
from assistant.store.journal import find_journals
from assistant.store.loader import Loaded, load_folder
from assistant.store.lock import AssessmentLock
from assistant.store.manifest import Manifest, counts_of, write_manifest
from assistant.store.session import Session
from assistant.store.storage import AtomicJSONStorage, fsync_dir


@dataclass(frozen=True)
class AssessmentListing:
    """One line of `assessor list`; `damaged` holds the reason when the assessment cannot open."""

    id: str
    organisation: str = ""
    type: str = ""
    status: str = ""
    bank_id: str = ""
    interviews: int = 0
    turns: int = 0
    last_saved: datetime | None = None
    damaged: str | None = None
    demo: bool = False


def slugify(text: str, limit: int = 40) -> str:
    """Return a lower-case, hyphenated form of `text` safe for a folder name."""
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:limit].rstrip("-") or "assessment"


class Workspace:
    """A workspace folder holding ``sessions/<assessment-id>/`` folders."""

    def __init__(self, root: Path, *, stamps: Stamps | None = None) -> None:
        self.root = Path(root)
        self.sessions = paths.sessions_dir(self.root)
        self.stamps = stamps or Stamps()
        """The clock and id source new assessments and records are stamped with."""

    # ------------------------------------------------------------ finding

    def require_root(self) -> None:
        """Raise NotFoundError when the workspace folder does not exist."""
        if not self.root.is_dir():
            raise NotFoundError(
                f"workspace {self.root} does not exist (create the folder, "
                "or choose another with --workspace)"
            )

    def layout(self, assessment_id: str) -> Layout:
        """Return the layout of an assessment folder (which may not exist)."""
        return Layout(folder=self.sessions / assessment_id, workspace=self.root)

    def ids(self) -> list[str]:
        """Return the ids of the assessment folders, sorted."""
        if not self.sessions.is_dir():
            return []
        return sorted(
            p.name for p in self.sessions.iterdir() if p.is_dir() and ID_PATTERN.match(p.name)
        )

    def find(self, assessment_id: str) -> Layout:
        """Return the layout of an existing assessment; NotFoundError lists the known ids."""
        self.require_root()
        if ID_PATTERN.match(assessment_id) and (self.sessions / assessment_id).is_dir():
            layout = self.layout(assessment_id)
            check_dir(layout.folder, layout.shown(layout.folder))
            return layout
        known = ", ".join(self.ids()) or "none"
        raise NotFoundError(f"no assessment '{assessment_id}' in {self.root} (known: {known})")

    # ------------------------------------------------------------ listing

    def list_assessments(self) -> list[AssessmentListing]:
        """Return every assessment; a damaged one is listed with its reason, never raised.

        Each line comes from the workspace's listing cache when the folder has not changed
        since it was read (`store/listing.py`), so listing reads no turns in the usual case.
        """
        from assistant.store.listing import list_cached

        folders = [(i, self.sessions / i) for i in self.ids()]
        return list_cached(self.root, folders, self.listing)

    def listing(self, assessment_id: str) -> AssessmentListing:
        """Read one assessment's line of the list from its files."""
        layout = self.layout(assessment_id)
        try:
            last = _last_saved(layout)
            loaded = load_folder(layout, assessment_id, repair=False)
        except (AssessorError, OSError) as exc:
            return AssessmentListing(id=assessment_id, damaged=str(exc))
        data = loaded.data
        a = data.assessment
        return AssessmentListing(
            id=a.id,
            organisation=a.organisation,
            type=a.type,
            status=a.status,
            bank_id=a.bank.id,
            interviews=len(data.interviews),
            turns=len(data.turns),
            last_saved=last,
            damaged="; ".join(loaded.problems) if loaded.problems else None,
            demo=a.demo,
        )

    # ------------------------------------------------------------ creating

    def create_assessment(
        self,
        *,
        organisation: str,
        type: AssessmentType,
        bank: LoadedBank,
        assessors: list[str] | None = None,
        lead_assessor: str | None = None,
        scope: Scope | None = None,
        start_date: date | None = None,
        who: str = "",
        profile: Profile | None = None,
        demo: bool = False,
    ) -> str:
        """Create an assessment pinned to a bank; return its id.

        The id is a readable slug: ``harbour-city-council-2026-11-a3f9``.
        """
        self.require_root()
        if not organisation.strip():
            raise AssessorError("organisation: must not be empty")
        day = start_date or self.stamps.clock().date()
        pin = BankPin(
            id=bank.bank.id, version=bank.bank.version, digest=bank.digest, title=bank.bank.title
        )
        try:
            make_dir(self.sessions)
        except OSError as exc:
            raise SaveError("sessions", exc.strerror or str(exc)) from None
        for _ in range(20):
            assessment_id = f"{slugify(organisation)}-{day:%Y-%m}-{self.stamps.token(2)}"
            if not (self.sessions / assessment_id).exists():
                break
        else:  # pragma: no cover - 20 collisions in a 65536 space
            raise AssessorError("could not find a free assessment id; try again")
        assessment: Assessment = build(
            Assessment,
            "assessment",
            stamps=self.stamps,
            id=assessment_id,
            organisation=organisation.strip(),
            type=type,
            bank=pin,
            scope=scope or Scope(),
            assessors=list(assessors or []),
            lead_assessor=lead_assessor,
            start_date=start_date,
            profile=profile or Profile(),
            demo=demo,
        )
        staging = self.sessions / f".new-{assessment_id}"
        final = self.layout(assessment_id)
        temp = Layout(folder=staging, workspace=self.root)
        meta = Meta(format=FORMAT, kind="assessment", assessment_id=assessment_id)
        try:
            make_dir(staging)
            _remove_abandoned_staging(self.sessions, staging)
            document = new_document(
                meta,
                {
                    "assessment": [(1, assessment)],
                    "interviewees": [],
                    "scores": [],
                    "findings": [],
                    "open_items": [],
                    "evidence": [],
                },
            )
            AtomicJSONStorage(temp.assessment).write(document)
            lines = append_audit(
                temp,
                assessment_id,
                [
                    AuditEntry(
                        at=self.stamps.clock(),
                        who=who,
                        entity="assessment",
                        entity_id=assessment_id,
                        field="created",
                        new=_one_line(to_doc(assessment)),
                        why="created",
                    )
                ],
            )
            write_manifest(
                temp,
                assessment_id,
                Manifest(files={ASSESSMENT_FILE: counts_of(document)}, audit_lines=lines),
            )
            staging.rename(final.folder)
            fsync_dir(self.sessions)
        except (OSError, ValueError, SaveError) as exc:
            shutil.rmtree(staging, ignore_errors=True)
            if isinstance(exc, SaveError):
                raise SaveError(final.shown(final.folder), exc.reason) from None
            raise SaveError(
                final.shown(final.folder),
                exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc),
            ) from None
        return assessment_id

    # ------------------------------------------------------------ opening

    def open(self, assessment_id: str, *, read_only: bool = False, who: str = "") -> Session:
        """Open an assessment; writable sessions hold its lock until closed.

        A writable open sets damaged files aside (listed in `session.problems`) and removes
        temporary files left by interrupted saves. A read-only open changes nothing on disk.
        """
        layout = self.find(assessment_id)
        if read_only:
            return Session(
                layout,
                load_folder(layout, assessment_id, repair=False),
                read_only=True,
                who=who,
                stamps=self.stamps,
            )
        lock = AssessmentLock(layout.lock, assessment_id)
        lock.acquire()
        try:
            remove_stale_temps(layout)
            loaded = load_folder(layout, assessment_id, repair=True)
            return Session(layout, loaded, read_only=False, who=who, lock=lock, stamps=self.stamps)
        except BaseException:
            lock.release()
            raise

    def delete_demos(self, assessment_ids: list[str]) -> None:
        """Delete assessments that `assessor demo` built, holding their locks while doing so.

        All locks are taken first, so nothing is deleted when any of them is open for writing
        elsewhere (AssessmentLocked) or is not marked as a demo (AssessorError). Each folder is
        renamed aside under its lock, so no other process can open it half-deleted.
        """
        if not assessment_ids:
            return
        locks: list[AssessmentLock] = []
        doomed: list[Path] = []
        try:
            for assessment_id in assessment_ids:
                layout = self.find(assessment_id)
                lock = AssessmentLock(layout.lock, assessment_id)
                lock.acquire()
                locks.append(lock)
                loaded = load_folder(layout, assessment_id, repair=False)
                if not loaded.data.assessment.demo:
                    raise AssessorError(
                        f"{assessment_id} was not built by `assessor demo`; nothing was deleted"
                    )
            for assessment_id in assessment_ids:
                target = self.sessions / f".deleting-{assessment_id}"
                shutil.rmtree(target, ignore_errors=True)
                self.layout(assessment_id).folder.rename(target)
                doomed.append(target)
            fsync_dir(self.sessions)
        finally:
            for lock in locks:
                lock.release()
        for target in doomed:
            shutil.rmtree(target, ignore_errors=True)

    def load(self, assessment_id: str) -> AssessmentData:
        """Return a read-only snapshot without locking; damaged files are left out (see `read`)."""
        return self.read(assessment_id).data

    def read(self, assessment_id: str) -> Loaded:
        """Return a snapshot with the problems found while reading; changes nothing on disk."""
        layout = self.find(assessment_id)
        return load_folder(layout, assessment_id, repair=False)

    def names(self, assessment_id: str) -> dict[str, str]:
        """Return the recorded real names of an assessment's interviewees."""
        return self.read(assessment_id).names


STAGING_MAX_AGE: Final = 3600.0
"""Seconds after which a hidden ``.new-*`` folder is taken to be left by a crash, not in use."""


def _remove_abandoned_staging(sessions: Path, ours: Path) -> None:
    """Delete folders left by a create or a demo deletion that crashed (an hour old or more).

    "Now" is the change time of `ours`, the folder this create just made: ages are measured by
    the file system's clock, the one that stamped the folders, whatever the process's clock says.
    """
    cutoff = ours.stat().st_mtime - STAGING_MAX_AGE
    for path in [*sessions.glob(".new-*"), *sessions.glob(".deleting-*")]:
        if path == ours:
            continue
        try:
            if path.is_dir() and path.stat().st_mtime < cutoff:
                shutil.rmtree(path)
        except OSError:
            continue


def _one_line(doc: dict[str, object]) -> str:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True)


def _last_saved(layout: Layout) -> datetime | None:
    """Return when any file of the assessment was last written."""
    times: list[float] = []
    candidates = [layout.assessment, layout.names, layout.audit]
    candidates += [
        p
        for files in scan_interviews(layout).values()
        for p in ([files.main] if files.main else []) + list(files.parts.values())
    ]
    candidates += find_journals(layout.interviews, layout.shown(layout.interviews)).values()
    for path in candidates:
        try:
            times.append(path.stat().st_mtime)
        except OSError:
            continue
    return datetime.fromtimestamp(max(times), UTC) if times else None
