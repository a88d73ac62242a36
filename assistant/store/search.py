"""Provides SearchIndex: full-text search over every answer in the workspace.

The index is SQLite FTS5 from the standard library (Porter stemming, accent folding: "cafe"
finds "Café", "complaint" finds "complaints"), kept in ``<workspace>/.cache/search.sqlite``.
It is never the source of truth: each search first compares every assessment folder's file
sizes and times with what was indexed and re-reads the assessments that changed (answers saved
since, a folder copied in by hand, one removed); an index that cannot be read is deleted and
rebuilt, with one line to the log. The query is always taken as plain words, never as FTS
syntax.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from dataclasses import dataclass
from typing import Any, Final

from assistant.core.errors import AssessorError
from assistant.core.model import AssessmentData
from assistant.core.text import fold as fold
from assistant.store.cache import cache_path, connect, reset, signature
from assistant.store.workspace import Workspace

log = logging.getLogger(__name__)

INDEX_FILE: Final = "search.sqlite"
SCHEMA_VERSION: Final = 1
MAX_WORDS: Final = 32
"""Words of a query beyond this are ignored (a 10 kB paste is not a search)."""
WORD: Final = re.compile(r"\w+", re.UNICODE)

_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources (assessment_id TEXT PRIMARY KEY, signature TEXT NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS turns USING fts5(
    answer, question,
    assessment_id UNINDEXED, organisation UNINDEXED, turn_key UNINDEXED, n UNINDEXED,
    role UNINDEXED, code UNINDEXED, criteria UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT OR IGNORE INTO meta VALUES ('schema', '{SCHEMA_VERSION}');
"""


@dataclass(frozen=True)
class Hit:
    """One answer that matches, best first."""

    assessment_id: str
    organisation: str
    turn_key: str
    n: int
    role: str
    code: str
    criteria: tuple[str, ...]
    snippet: str
    """The answer around the matched words, with the words in [brackets]."""
    rank: float

    def as_dict(self) -> dict[str, object]:
        """The hit as plain data (`assessor search --json`)."""
        return {
            "assessment": self.assessment_id,
            "organisation": self.organisation,
            "turn": self.turn_key,
            "n": self.n,
            "role": self.role,
            "code": self.code,
            "criteria": list(self.criteria),
            "snippet": self.snippet,
            "rank": round(self.rank, 4),
        }


def query_words(query: str) -> list[str]:
    """The words of a query, as FTS5 strings: punctuation and operators are never syntax."""
    return ['"' + w.replace('"', "") + '"' for w in WORD.findall(query)[:MAX_WORDS]]


class SearchIndex:
    """The workspace's answers, indexed for search; rebuilt from the session files at need."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.path = cache_path(workspace.root, INDEX_FILE)

    # ------------------------------------------------------------ connection

    def _connect(self) -> sqlite3.Connection:
        db = connect(self.path, _SCHEMA)
        (version,) = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if version != str(SCHEMA_VERSION):
            raise sqlite3.DatabaseError(f"index schema {version}, expected {SCHEMA_VERSION}")
        return db

    def _open(self) -> sqlite3.Connection:
        """Open the index; one that cannot be read is deleted and built again."""
        try:
            return self._connect()
        except sqlite3.Error as exc:
            log.warning("search index %s unreadable (%s): rebuilding it", self.path, exc)
            reset(self.path)
            try:
                return self._connect()
            except sqlite3.Error as again:
                raise AssessorError(f"{self.path}: cannot build the index: {again}") from None

    # ------------------------------------------------------------ keeping it fresh

    def refresh(self, db: sqlite3.Connection) -> int:
        """Re-index the assessments whose files changed; return how many were re-read."""
        known = dict(db.execute("SELECT assessment_id, signature FROM sources").fetchall())
        present = self.workspace.ids()
        changed = 0
        with db:
            for gone in set(known) - set(present):
                db.execute("DELETE FROM turns WHERE assessment_id = ?", (gone,))
                db.execute("DELETE FROM sources WHERE assessment_id = ?", (gone,))
            for assessment_id in present:
                sig = signature(self.workspace.sessions / assessment_id)
                if known.get(assessment_id) == sig:
                    continue
                db.execute("DELETE FROM turns WHERE assessment_id = ?", (assessment_id,))
                try:
                    data = self.workspace.read(assessment_id).data
                except (AssessorError, OSError) as exc:  # a damaged folder: skip it this time
                    log.warning("search: %s not indexed: %s", assessment_id, exc)
                    db.execute("DELETE FROM sources WHERE assessment_id = ?", (assessment_id,))
                    continue
                db.executemany("INSERT INTO turns VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", _rows(data))
                db.execute("INSERT OR REPLACE INTO sources VALUES (?, ?)", (assessment_id, sig))
                changed += 1
        return changed

    # ------------------------------------------------------------ searching

    def search(
        self,
        query: str,
        *,
        assessment: str | None = None,
        role: str | None = None,
        criterion: str | None = None,
        limit: int = 50,
    ) -> list[Hit]:
        """Answers matching every word of `query`, best first (BM25), within the filters."""
        rows = self._select(
            "assessment_id, organisation, turn_key, n, role, code, criteria, "
            "snippet(turns, 0, '[', ']', '…', 16), bm25(turns)",
            query,
            (assessment, role, criterion),
            f" ORDER BY bm25(turns) LIMIT {max(1, int(limit))}",
        )
        return [
            Hit(a, o, k, int(n), r, c, tuple(crit.split()), snip, float(rank))
            for a, o, k, n, r, c, crit, snip, rank in rows
        ]

    def count(
        self,
        query: str,
        *,
        assessment: str | None = None,
        role: str | None = None,
        criterion: str | None = None,
    ) -> int:
        """How many answers `search` would find with no limit."""
        rows = self._select("count(*)", query, (assessment, role, criterion), "")
        return int(rows[0][0]) if rows else 0

    def _select(
        self,
        columns: str,
        query: str,
        filters: tuple[str | None, str | None, str | None],
        tail: str,
    ) -> list[tuple[Any, ...]]:
        """Run one query over the refreshed index: every word of `query`, within the filters
        (assessment, role, criterion); no rows when the query has no words."""
        words = query_words(query)
        if not words:
            return []
        assessment, role, criterion = filters
        db = self._open()
        try:
            self.refresh(db)
            sql = f"SELECT {columns} FROM turns WHERE turns MATCH ?"
            args: list[object] = [" ".join(words)]
            if assessment:
                sql += " AND assessment_id = ?"
                args.append(assessment)
            if role:
                sql += " AND role = ?"
                args.append(role)
            if criterion:
                sql += " AND (' ' || criteria || ' ') LIKE ?"
                args.append(f"% {criterion} %")
            rows: list[tuple[Any, ...]] = db.execute(sql + tail, args).fetchall()
        finally:
            db.close()
        return rows


def _rows(data: AssessmentData) -> list[tuple[object, ...]]:
    """One index row per answer or note of an assessment."""
    people = {p.id: p for p in data.interviewees}
    first_person = {iv.id: next(iter(iv.interviewee_ids), None) for iv in data.interviews}
    org = data.assessment.organisation
    rows: list[tuple[object, ...]] = []
    for turn in data.turns:
        person = people.get(turn.speaker_id or first_person.get(turn.interview_id) or "")
        rows.append(
            (
                turn.answer,
                turn.question,
                data.assessment.id,
                org,
                turn.key,
                turn.n,
                person.role if person else "",
                person.code if person else "",
                " ".join(turn.criteria),
            )
        )
    return rows
