"""Provides AtomicJSONStorage: a TinyDB storage that never leaves a half-written file behind.

TinyDB's default JSONStorage rewrites its file in place, so a kill or a full disk in the middle of
a write leaves a torn or over-long document (TECH.md §2.1-2.2). This storage writes the whole
document to a temporary file in the same folder, fsyncs it, renames it over the old file with
`os.replace` and fsyncs the folder, so the file on disk is always either the old or the new
document. It keeps no handle open between operations.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Final

from tinydb.storages import Storage

from assistant.safeio import read_regular

FILE_MODE: Final = 0o600
"""Interview data is personal: files are readable by their owner only."""


def temp_prefix(name: str) -> str:
    """Return the prefix of this file's temporary files (``.<name>.tmp-``)."""
    return f".{name}.tmp-"


def stale_temps(path: Path) -> list[Path]:
    """Return temporary files left next to `path` by writes that never finished."""
    folder = path.parent
    if not folder.is_dir():
        return []
    prefix = temp_prefix(path.name)
    return sorted(p for p in folder.iterdir() if p.name.startswith(prefix))


def fsync_dir(folder: Path) -> None:
    """Make a rename or a new file in `folder` durable by fsyncing the folder itself."""
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write_bytes(
    path: Path, data: bytes, *, fsync: bool = True, fsync_folder: bool = True
) -> None:
    """Replace `path` with `data` atomically: temp file, fsync, rename, folder fsync.

    On any failure the temporary file is removed, the old file is left as it was, and the
    exception propagates. `fsync_folder=False` leaves the rename itself to the kernel: after a
    power cut the file is then either the old or the new version, never a torn one.
    """
    folder = path.parent
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path.name), dir=folder)
    try:
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            if fsync:
                os.fsync(fd)
        finally:
            os.close(fd)
        os.chmod(tmp, FILE_MODE)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    if fsync and fsync_folder:
        fsync_dir(folder)


class AtomicJSONStorage(Storage):
    """A TinyDB storage that replaces its JSON file atomically and durably on every write.

    Use as ``TinyDB(path, storage=AtomicJSONStorage)``. `read()` returns None for a missing or
    blank file and lets `ValueError` (bad JSON, bad UTF-8) and `UnsafeFileError` (a link, a
    FIFO, a file over the size cap) propagate: the caller decides what to
    do with a damaged file; this class never starts an empty database over it.

    Args:
        path: the JSON file.
        fsync: fsync the file and its folder on every write (turn off only in benchmarks).
        clean: remove stale temporary files on start; pass False when another process may be
            writing this file right now (a read-only view), since its temp file is live.
        **json_kwargs: passed to `json.dumps` (for example ``indent=1``).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        fsync: bool = True,
        clean: bool = True,
        **json_kwargs: Any,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self.fsync = fsync
        self.json_kwargs = json_kwargs
        self.last_counts: dict[str, int] | None = None
        """Records per table of the last document written (for the manifest)."""
        if clean:
            for stale in stale_temps(self.path):
                try:
                    stale.unlink()
                except FileNotFoundError:
                    pass

    def read(self) -> dict[str, dict[str, Any]] | None:
        """Return the parsed document, or None when the file is missing or blank."""
        try:
            raw = read_regular(self.path, str(self.path))
        except FileNotFoundError:
            return None
        if not raw.strip():
            return None
        data: dict[str, dict[str, Any]] = json.loads(raw.decode("utf-8"))
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        """Serialise `data`, then replace the file with it atomically (see the module docstring)."""
        text = json.dumps(data, ensure_ascii=False, **self.json_kwargs)
        atomic_write_bytes(self.path, text.encode("utf-8"), fsync=self.fsync)
        self.last_counts = {name: len(docs) for name, docs in data.items() if name != "meta"}

    def close(self) -> None:
        """Nothing to do: no handle is kept between operations."""
