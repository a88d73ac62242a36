"""Provides list_cached: the workspace list from one small summary per assessment.

Listing used to load and validate every turn of every assessment. Now each assessment's line
(organisation, type, status, counts, last saved, damage) is kept in
``<workspace>/.cache/listing.sqlite`` with the folder's signature; a listing re-reads only
the folders whose files changed since (or that appeared), so listing 200 assessments costs a
few `stat` calls each. The cache is never the source of truth: an unreadable one is deleted
and rebuilt, and a folder that changes is always read again.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Final

from assistant.store.cache import cache_path, connect, reset, signature

if TYPE_CHECKING:
    from assistant.store.workspace import AssessmentListing

log = logging.getLogger(__name__)

LISTING_FILE: Final = "listing.sqlite"
SCHEMA: Final = """
CREATE TABLE IF NOT EXISTS listing (
    assessment_id TEXT PRIMARY KEY, signature TEXT NOT NULL, line TEXT NOT NULL
);
"""


def _to_json(item: AssessmentListing) -> str:
    data = asdict(item)
    data["last_saved"] = item.last_saved.isoformat() if item.last_saved else None
    return json.dumps(data, ensure_ascii=False)


def _from_json(text: str) -> AssessmentListing:
    from assistant.store.workspace import AssessmentListing

    data = json.loads(text)
    saved = data.get("last_saved")
    data["last_saved"] = datetime.fromisoformat(saved) if saved else None
    return AssessmentListing(**data)


def list_cached(
    root: Path,
    folders: list[tuple[str, Path]],
    read_one: Callable[[str], AssessmentListing],
) -> list[AssessmentListing]:
    """One listing per (id, folder), from the cache where the folder has not changed, else
    from `read_one` (which reads the assessment's files)."""
    path = cache_path(root, LISTING_FILE)
    try:
        db = connect(path, SCHEMA)
    except sqlite3.Error as exc:
        log.warning("listing cache %s unreadable (%s): rebuilding it", path, exc)
        reset(path)
        try:
            db = connect(path, SCHEMA)
        except sqlite3.Error:
            return [read_one(assessment_id) for assessment_id, _ in folders]
    except OSError:  # a read-only workspace: list without a cache
        return [read_one(assessment_id) for assessment_id, _ in folders]
    try:
        known = {a: (s, line) for a, s, line in db.execute("SELECT * FROM listing")}
        out: list[AssessmentListing] = []
        fresh: list[tuple[str, str, str]] = []
        for assessment_id, folder in folders:
            sig = signature(folder)
            cached = known.get(assessment_id)
            if cached is not None and cached[0] == sig and sig:
                try:
                    out.append(_from_json(cached[1]))
                    continue
                except (ValueError, TypeError):
                    pass
            item = read_one(assessment_id)
            out.append(item)
            fresh.append((assessment_id, sig, _to_json(item)))
        gone = set(known) - {a for a, _ in folders}
        try:
            with db:
                db.executemany("INSERT OR REPLACE INTO listing VALUES (?, ?, ?)", fresh)
                db.executemany("DELETE FROM listing WHERE assessment_id = ?", [(g,) for g in gone])
        except sqlite3.Error as exc:  # a cache that cannot be written only costs time
            log.warning("listing cache %s not updated: %s", path, exc)
        return out
    except sqlite3.Error as exc:
        log.warning("listing cache %s unreadable (%s): rebuilding it", path, exc)
        db.close()
        reset(path)
        return [read_one(assessment_id) for assessment_id, _ in folders]
    finally:
        db.close()
