"""Provides the workspace's caches: the folder they live in and the signature that says when
an assessment folder changed.

Caches (the search index, the listing summaries) live in ``<workspace>/.cache/`` and are never
the source of truth: each is checked against the folder's signature, the sizes and change
times of its files, and re-read from the session files when that changed (an answer saved, a
folder copied in by hand). Deleting the folder loses nothing.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Final

CACHE_DIR: Final = ".cache"


def cache_path(workspace: Path, name: str) -> Path:
    """The file of one cache (``search.sqlite``, ``listing.sqlite``) in the workspace."""
    return workspace / CACHE_DIR / name


def signature(folder: Path) -> str:
    """Names, sizes and change times of every data file in an assessment folder and its
    sub-folders: it changes when anything is saved, copied in or removed (the lock file does
    not count). Only `stat` calls: no file is read."""
    parts: list[str] = []
    pending = [(folder, "")]
    while pending:
        here, prefix = pending.pop()
        try:
            entries = sorted(os.scandir(here), key=lambda e: e.name)
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                pending.append((Path(entry.path), f"{prefix}{entry.name}/"))
            elif ".json" in entry.name:
                try:
                    st = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                parts.append(f"{prefix}{entry.name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def connect(path: Path, schema: str) -> sqlite3.Connection:
    """Open (creating) a cache database and apply its schema; sqlite3.Error when unreadable."""
    path.parent.mkdir(exist_ok=True)
    db = sqlite3.connect(path, timeout=5)
    db.executescript(schema)
    return db


def reset(path: Path) -> None:
    """Delete a cache database and its journal files (it is rebuilt on next use)."""
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink(missing_ok=True)
