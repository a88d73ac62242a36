"""Provides reading a whole assessment folder into the domain model, file by file.

A damaged file never stops the rest from loading: it is reported as one line and, when the
reader holds the lock (`repair=True`), renamed aside as ``<name>.corrupt-<timestamp>``. Only
assessment.json is indispensable; when it is damaged, loading stops with a clear error and the file
is left where it is for repair. Readers without the lock never rename or delete anything, since
the lock holder may be writing at that moment.

Answers saved since the last fold are in each interview's journal (store/journal.py). Journals
are read *before* the TinyDB files: a fold writes a turn into its TinyDB file before it deletes
the journal, so a reader racing a writer finds every saved turn in one or the other (a turn in
both, with the same content, is counted once).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.core.model import AssessmentData, Evidence, Interview, Turn
from assistant.safeio import check_dir
from assistant.store.convert import Contents, turn_range
from assistant.store.errors import DamagedFileError, RefusedFileError
from assistant.store.files import (
    CORRUPT_MARK,
    PART_PATTERN,
    Layout,
    quarantine,
    scan_interviews,
)
from assistant.store.files import (
    read_file as read_stored,
)
from assistant.store.journal import Journal, find_journals, read_journal


@dataclass
class Loaded:
    """An assessment as read from disk, with what could not be read."""

    data: AssessmentData
    names: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    turn_floor: dict[str, int] = field(default_factory=dict)
    """Per interview, the highest turn number that may exist on disk in a damaged turn file;
    new turns are numbered above it so a number is never used twice."""
    damaged_interviews: set[str] = field(default_factory=set)
    """Interviews whose own file could not be read (references to them are not dangling)."""
    file_counts: dict[str, dict[str, int]] = field(default_factory=dict)
    """Per file read (``interviews/iv-1.json``), its records per table: the manifest's view."""
    notes: list[str] = field(default_factory=list)
    """Harmless findings (the torn last line of a journal: a save that never returned)."""
    journals: dict[str, Journaled] = field(default_factory=dict)
    """Per interview read, its journal and the turns found only there (not yet folded)."""


@dataclass
class Journaled:
    """An interview's journal as loaded: the journal and its turns not in the TinyDB files."""

    journal: Journal
    fresh: list[Turn] = field(default_factory=list)


def load_folder(layout: Layout, assessment_id: str, *, repair: bool) -> Loaded:
    """Read every file of an assessment; see the module docstring for damaged files."""
    counts: dict[str, dict[str, int]] = {}

    def read_file(path: Path, layout: Layout, **how: Any) -> Contents:
        contents = read_stored(path, layout, **how)
        counts[path.relative_to(layout.folder).as_posix()] = {
            table: len(docs) for table, docs in contents.tables.items()
        }
        return contents

    check_dir(layout.folder, layout.shown(layout.folder))
    if not layout.assessment.exists():
        raise DamagedFileError(
            layout.shown(layout.assessment),
            "assessment",
            "the file is missing; this folder is not a usable assessment",
        )
    main = read_file(layout.assessment, layout, kind="assessment", assessment_id=assessment_id)
    assessment = main.docs("assessment")[0]
    problems: list[str] = []
    notes: list[str] = []
    journals = {
        interview_id: journal
        for interview_id, path in find_journals(
            layout.interviews, layout.shown(layout.interviews)
        ).items()
        if (journal := read_journal(path, layout.shown(path), assessment_id, interview_id))
    }
    journaled: dict[str, Journaled] = {}

    names: dict[str, str] = {}
    if layout.names.exists():
        try:
            contents = read_file(layout.names, layout, kind="names", assessment_id=assessment_id)
            names = {r.interviewee_id: r.name for r in contents.docs("names")}
        except DamagedFileError as exc:
            _report(exc, layout, repair, problems, layout.names)

    interviews: list[Interview] = []
    turns: dict[str, list[Turn]] = {}
    evidence: list[Evidence] = list(main.docs("evidence"))
    floors: dict[str, int] = {}
    damaged_interviews: set[str] = set()
    for interview_id, files in scan_interviews(layout).items():
        if files.main is None:
            problems.append(
                f"{layout.shown(files.parts[min(files.parts)])}: turns of interview "
                f"{interview_id}, whose interview file is missing; left as it is"
            )
            continue
        try:
            contents = read_file(
                files.main,
                layout,
                kind="interview",
                assessment_id=assessment_id,
                interview_id=interview_id,
                part=1,
            )
        except DamagedFileError as exc:
            _report(exc, layout, repair, problems, files.main)
            damaged_interviews.add(interview_id)
            if files.parts:
                problems.append(
                    f"{layout.shown(layout.interviews)}: {len(files.parts)} later "
                    f"turn file(s) of interview {interview_id} left as they are"
                )
            continue
        interviews.append(contents.docs("interview")[0])
        found = list(contents.docs("turns"))
        evidence.extend(contents.docs("evidence"))
        for part, path in sorted(files.parts.items()):
            try:
                more: Contents = read_file(
                    path,
                    layout,
                    kind="turns",
                    assessment_id=assessment_id,
                    interview_id=interview_id,
                    part=part,
                )
            except DamagedFileError as exc:
                _report(exc, layout, repair, problems, path)
                floors[interview_id] = max(floors.get(interview_id, 0), turn_range(part)[1])
                continue
            found.extend(more.docs("turns"))
        journal = journals.pop(interview_id, None)
        if journal is not None and journal.refused:
            problems += journal.problems
        elif journal is not None:
            journaled[interview_id] = _replay(layout, interview_id, journal, found, floors)
            problems += journaled[interview_id].journal.problems
            notes += journal.notes
        turns[interview_id] = sorted(found, key=lambda t: t.n)
    for interview_id, journal in journals.items():  # its interview file is missing or damaged
        problems.append(
            f"{layout.shown(journal.path)}: answers of interview {interview_id}, whose "
            "interview file is missing or damaged; left as they are"
        )

    if layout.interviews.is_dir():  # files set aside earlier: their interviews are not lost ids
        for path in layout.interviews.iterdir():
            head, mark, _ = path.name.partition(CORRUPT_MARK)
            if mark and head.endswith(".json") and PART_PATTERN.match(head) is None:
                set_aside = head[: -len(".json")]
                if set_aside not in {iv.id for iv in interviews}:
                    damaged_interviews.add(set_aside)
    interviews.sort(key=lambda iv: (iv.started, iv.id))
    data = AssessmentData(
        assessment=assessment,
        interviewees=main.docs("interviewees"),
        interviews=interviews,
        turns=[t for iv in interviews for t in turns.get(iv.id, [])],
        evidence=evidence,
        scores=main.docs("scores"),
        findings=main.docs("findings"),
        open_items=main.docs("open_items"),
        pair_readings=main.docs("pair_readings"),
        consensus=main.docs("consensus"),
        comments=main.docs("comments"),
        override_reviews=main.docs("override_reviews"),
        self_assessment=main.docs("self_assessment"),
    )
    return Loaded(
        data=data,
        names=names,
        problems=problems,
        turn_floor=floors,
        damaged_interviews=damaged_interviews,
        file_counts=counts,
        notes=notes,
        journals=journaled,
    )


def _replay(
    layout: Layout, interview_id: str, journal: Journal, found: list[Turn], floors: dict[str, int]
) -> Journaled:
    """Add a journal's turns that are not in the TinyDB files to `found` (in place); a turn
    that differs from the stored one is added to the journal's problems."""
    stored = {t.n: t for t in found}
    out = Journaled(journal)
    where = layout.shown(journal.path)
    for turn in journal.turns:
        there = stored.get(turn.n)
        if there is None:
            found.append(turn)
            out.fresh.append(turn)
        elif there != turn:
            journal.problems.append(
                f"{where}: turn {turn.n} differs from the one in the interview's turn file; "
                "the turn file's is kept"
            )
    if journal.unknown:  # numbers a damaged line may hold are never used again
        top = max([t.n for t in found], default=0)
        floors[interview_id] = max(floors.get(interview_id, 0), top + journal.unknown)
    return out


def _report(
    exc: DamagedFileError, layout: Layout, repair: bool, problems: list[str], path: Path
) -> None:
    """Record a damaged file; set it aside when the caller holds the lock."""
    if repair and not isinstance(exc, RefusedFileError):
        problems.append(quarantine(path, layout, f"not a valid {exc.kind} file ({exc.reason})"))
    else:
        problems.append(str(exc))
