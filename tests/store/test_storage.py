"""Tests for AtomicJSONStorage: round trips, failed writes, temp files, modes."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from assistant.store.storage import AtomicJSONStorage, stale_temps

json_scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=40)
)
json_values = st.recursive(
    json_scalars,
    lambda inner: (
        st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner, max_size=5)
    ),
    max_leaves=30,
)
documents = st.dictionaries(
    st.text(min_size=1, max_size=12),
    st.dictionaries(st.text(max_size=6), json_values, max_size=4),
    max_size=4,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(first=documents, second=documents)
def test_any_json_document_reads_back_equal_and_a_failed_write_keeps_the_old(
    tmp_path: Path, first: dict[str, Any], second: dict[str, Any]
) -> None:
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.write(first)
    assert storage.read() == first
    assert json.loads(path.read_bytes()) == first

    real_replace = os.replace

    def full_disk(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    os.replace = full_disk  # type: ignore[assignment]
    try:
        with pytest.raises(OSError):
            storage.write(second)
    finally:
        os.replace = real_replace
    assert json.loads(path.read_bytes()) == first
    assert stale_temps(path) == []
    storage.write(second)
    assert json.loads(path.read_bytes()) == second


def test_missing_and_blank_files_read_as_none(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    assert AtomicJSONStorage(path).read() is None
    path.write_text("  \n")
    assert AtomicJSONStorage(path).read() is None


def test_bad_json_propagates_instead_of_reading_as_empty(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    path.write_text('{"_default": {"1": {"a": 1}}} trailing')
    with pytest.raises(ValueError):
        AtomicJSONStorage(path).read()
    path.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ValueError):
        AtomicJSONStorage(path).read()


def test_unserialisable_data_never_touches_the_file(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.write({"t": {"1": {"a": 1}}})
    before = path.read_bytes()
    with pytest.raises(TypeError):
        storage.write({"t": {"1": {"a": object()}}})
    with pytest.raises(UnicodeEncodeError):
        storage.write({"t": {"1": {"a": "\ud800"}}})  # a lone surrogate cannot be UTF-8
    assert path.read_bytes() == before
    assert stale_temps(path) == []


def test_a_failed_fsync_leaves_old_content_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "db.json"
    storage = AtomicJSONStorage(path)
    storage.write({"t": {"1": {"v": "old"}}})

    def eio(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", eio)
    with pytest.raises(OSError):
        storage.write({"t": {"1": {"v": "new"}}})
    monkeypatch.undo()
    assert storage.read() == {"t": {"1": {"v": "old"}}}
    assert stale_temps(path) == []


def test_files_are_private_and_text_is_utf8(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    AtomicJSONStorage(path).write({"t": {"1": {"answer": "café – naïve"}}})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "café – naïve".encode() in path.read_bytes()


def test_stale_temp_files_are_removed_on_start_unless_told_not_to(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    stale = tmp_path / ".db.json.tmp-abc123"
    stale.write_text("half a docu")
    other = tmp_path / ".other.json.tmp-x"
    other.write_text("not ours")
    AtomicJSONStorage(path, clean=False)
    assert stale.exists()
    AtomicJSONStorage(path)
    assert not stale.exists()
    assert other.exists()


def test_works_as_tinydb_storage_without_keeping_a_handle(tmp_path: Path) -> None:
    path = tmp_path / "db.json"
    db = TinyDB(path, storage=AtomicJSONStorage)
    db.table("turns").insert({"answer": "yes"})
    db.table("turns").insert({"answer": "no"})
    fds = os.listdir("/proc/self/fd")
    assert not any(os.path.realpath(f"/proc/self/fd/{fd}") == str(path) for fd in fds)
    again = TinyDB(path, storage=AtomicJSONStorage)
    assert [d["answer"] for d in again.table("turns").all()] == ["yes", "no"]
