"""Provides a benchmark of saving a turn: `Session.record_turn` against SQLite and TinyDB.

Run: ``.venv/bin/python bench/bench_store.py [--samples 200]``. It prints p50 and p95 latency of
one durable `record_turn` in an interview already holding 20, 200 and 2,000 turns, and in an
assessment of 30 interviews, beside two baselines measured in the same run on the same machine
with the same turn documents:

* SQLite (the standard library's sqlite3) in WAL mode with ``synchronous=FULL``: one INSERT and
  one COMMIT per answer, the JSON document in a TEXT column;
* TinyDB's default `JSONStorage`, one file per interview (the layout without turn files).

Each sample is one more turn, so "20 turns" covers turns 21 to 20 + samples; take a multiple of
the journal's fold interval (50) so that folds are sampled at their real rate. It then counts
the syncs (fsync and fdatasync, through a wrapper around `os`) that 200 answers cost ours,
folds included, and, when ``strace`` is installed, the syncs SQLite makes for the same 200
commits. Results are recorded in docs/BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from tinydb import TinyDB
from tinydb.storages import JSONStorage
from tinydb.table import Document

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant import paths  # noqa: E402
from assistant.core.bank.loader import find_bank  # noqa: E402
from assistant.core.model import Turn  # noqa: E402
from assistant.store import Session, Workspace  # noqa: E402
from assistant.store.convert import to_doc  # noqa: E402

QUESTION = "Who are your main customer groups, and how did you find out what each of them needs?"
ANSWER = (
    "We run a short survey after calls, about 1,200 responses a month, and the team leaders "
    "read the comments every week; the results go to the monthly operations meeting. "
)


def answer(i: int) -> str:
    return ANSWER * (1 + i % 3)


def percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def fill(session: Session, interview_id: str, turns: int) -> None:
    for i in range(turns):
        session.record_turn(
            interview_id,
            answer=answer(i),
            question=QUESTION,
            question_id="SVC.1.q1",
            tags=["fact"],
            criteria=["SVC.1"],
        )


def ours(root: Path, interviews: int, turns: int) -> tuple[Session, Callable[[int], object]]:
    """An open session whose last interview holds `turns` turns; return it and a saver."""
    ws = Workspace(root)
    bank = find_bank("icss", paths.bank_dirs())
    aid = ws.create_assessment(organisation="Bench Council", type="practice", bank=bank)
    s = ws.open(aid)
    person = s.add_interviewee("lead")
    last = ""
    for _ in range(interviews):
        last = s.start_interview([person.id]).id
        fill(s, last, turns)

    def save(i: int) -> object:
        return s.record_turn(
            last,
            answer=answer(i),
            question=QUESTION,
            question_id="SVC.1.q1",
            tags=["fact"],
            criteria=["SVC.1"],
        )

    return s, save


def shapes(root: Path) -> tuple[dict[str, object], Turn]:
    """A real interview record and turn, to copy the baselines' documents from."""
    root.mkdir()
    ws = Workspace(root)
    bank = find_bank("icss", paths.bank_dirs())
    aid = ws.create_assessment(organisation="Shapes", type="practice", bank=bank)
    with ws.open(aid) as s:  # borrow real documents from a tiny real interview
        person = s.add_interviewee("lead")
        iv = s.start_interview([person.id])
        shape = s.record_turn(
            iv.id,
            answer="x",
            question=QUESTION,
            question_id="SVC.1.q1",
            tags=["fact"],
            criteria=["SVC.1"],
        )
    return to_doc(s.data.interviews[0]), shape


def turn_doc(shape: Turn, n: int, i: int) -> dict[str, object]:
    return to_doc(shape.model_copy(update={"n": n, "answer": answer(i)}))


def tinydb_default(root: Path, interviews: int, turns: int) -> Callable[[int], object]:
    """The same turn documents through TinyDB's default JSONStorage, one file per interview."""
    record, shape = shapes(root / "shapes")
    db: TinyDB | None = None
    for k in range(interviews):
        db = TinyDB(root / f"naive-{k}.json", storage=JSONStorage)
        db.table("interview").insert(record)
        db.table("turns").insert_multiple(
            Document(turn_doc(shape, n, n), doc_id=n) for n in range(1, turns + 1)
        )
    assert db is not None
    table = db.table("turns")

    def insert(i: int) -> object:
        return table.insert(Document(turn_doc(shape, i + 1, i), doc_id=i + 1))

    return insert


def sqlite_wal(root: Path, interviews: int, turns: int) -> Callable[[int], object]:
    """The same turn documents in SQLite, WAL mode, synchronous=FULL: one INSERT + COMMIT each."""
    _, shape = shapes(root / "shapes")
    db = sqlite3.connect(root / "turns.sqlite", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute(
        "CREATE TABLE turns (interview INTEGER, n INTEGER, doc TEXT, PRIMARY KEY (interview, n))"
    )
    db.execute("BEGIN")
    db.executemany(
        "INSERT INTO turns VALUES (?, ?, ?)",
        (
            (k, n, json.dumps(turn_doc(shape, n, n), ensure_ascii=False))
            for k in range(interviews)
            for n in range(1, turns + 1)
        ),
    )
    db.execute("COMMIT")
    last = interviews - 1

    def insert(i: int) -> object:
        doc = json.dumps(turn_doc(shape, i + 1, i), ensure_ascii=False)
        db.execute("BEGIN")
        db.execute("INSERT INTO turns VALUES (?, ?, ?)", (last, i + 1, doc))
        return db.execute("COMMIT")

    return insert


Samples = tuple[list[float], list[float]]
"""Wall-clock and CPU milliseconds per save."""
STORES = ("ours", "SQLite WAL", "JSONStorage")


def measure(interviews: int, turns: int, samples: int, rounds: int = 4) -> list[Samples]:
    """Time saves in alternating blocks (ours, SQLite, TinyDB), flushing the disk between
    blocks: all meet the same background noise, and none pays for another's dirty pages
    (on ext4 an fsync also commits everyone else's pending writes)."""
    out: list[Samples] = [([], []) for _ in STORES]
    per_round = max(1, samples // rounds)
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        session, save = ours(Path(a), interviews, turns)
        (Path(b) / "sqlite").mkdir()
        (Path(b) / "tinydb").mkdir()
        actions = [
            save,
            sqlite_wal(Path(b) / "sqlite", interviews, turns),
            tinydb_default(Path(b) / "tinydb", interviews, turns),
        ]
        try:
            for r in range(rounds):
                first = turns + r * per_round
                for action, times in zip(actions, out, strict=True):
                    os.sync()
                    for i in range(first, first + per_round):
                        t0, c0 = time.perf_counter(), time.process_time()
                        action(i)
                        times[0].append((time.perf_counter() - t0) * 1000)
                        times[1].append((time.process_time() - c0) * 1000)
        finally:
            session.close()
    return out


def count_our_syncs(answers: int) -> tuple[int, int]:
    """Return (syncs, answers) for `answers` record_turn calls in a new interview, folds and
    the closing fold included, counted by wrapping os.fsync and os.fdatasync."""
    calls = 0
    real = {name: getattr(os, name) for name in ("fsync", "fdatasync") if hasattr(os, name)}

    def wrap(fn: Callable[[int], None]) -> Callable[[int], None]:
        def counted(fd: int) -> None:
            nonlocal calls
            calls += 1
            fn(fd)

        return counted

    with tempfile.TemporaryDirectory() as root:
        session, save = ours(Path(root), 1, 0)
        try:
            for name, fn in real.items():
                setattr(os, name, wrap(fn))
            for i in range(answers):
                save(i)
            session.close()
        finally:
            for name, fn in real.items():
                setattr(os, name, fn)
    return calls, answers


def count_sqlite_syncs(answers: int) -> int | None:
    """Return the fsync + fdatasync calls of `answers` SQLite commits, counted by strace in a
    child process (None when strace is not installed)."""
    strace = shutil.which("strace")
    if strace is None:
        return None
    out = subprocess.run(
        [
            strace,
            "-f",
            "-c",
            "-e",
            "trace=fsync,fdatasync",
            sys.executable,
            __file__,
            "--sqlite-child",
            str(answers),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    total = 0
    for line in out.stderr.splitlines():
        match = re.match(r"^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(fsync|fdatasync)$", line)
        if match:
            total += int(match.group(1))
    return total


def sqlite_child(answers: int) -> int:
    """Run `answers` SQLite commits after setting up the table (which strace also counts, so
    the set-up's own syncs are measured apart and subtracted by the caller)."""
    with tempfile.TemporaryDirectory() as root:
        (Path(root) / "sqlite").mkdir()
        insert = sqlite_wal(Path(root) / "sqlite", 1, 0)
        for i in range(answers):
            insert(i)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--sqlite-child", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.sqlite_child is not None:
        return sqlite_child(args.sqlite_child)
    cases = [
        ("interview holding 20 turns", 1, 20),
        ("interview holding 200 turns", 1, 200),
        ("interview holding 2,000 turns", 1, 2000),
        ("assessment of 30 interviews x 60 turns", 30, 60),
    ]
    print(
        f"# bench_store  {datetime.now(UTC):%Y-%m-%d %H:%M} UTC  python "
        f"{platform.python_version()}  sqlite {sqlite3.sqlite_version}  {os.cpu_count()} cores"
        f"  {platform.platform()}  load {' '.join(f'{x:.1f}' for x in os.getloadavg())}"
    )
    print(
        f"# {args.samples} samples per case; ms per save (wall clock; cpu95 = p95 of CPU time,"
        " which disk contention from other processes does not inflate); every save is durable"
    )
    head = "".join(f"   {'-- ' + name + ' --':>22}" for name in STORES)
    print(f"{'':<40}{head}   {'p95 / SQLite':>14}")
    cols = "".join(f"   {'p50':>7} {'p95':>7} {'cpu95':>6}" for _ in STORES)
    print(f"{'case':<40}{cols}   {'ours':>6} {'Tiny':>6}")
    results: dict[str, float] = {}
    worst = 0.0
    for label, interviews, turns in cases:
        measured = measure(interviews, turns, args.samples)
        row = ""
        p95s = []
        for wall, cpu in measured:
            p50, p95 = percentiles(wall)
            row += f"   {p50:>7.2f} {p95:>7.2f} {percentiles(cpu)[1]:>6.2f}"
            p95s.append(p95)
        results[label] = p95s[0]
        worst = max(worst, p95s[0] / p95s[1])
        print(f"{label:<40}{row}   {p95s[0] / p95s[1]:>6.2f} {p95s[2] / p95s[1]:>6.2f}")
    p95_20 = results["interview holding 20 turns"]
    p95_2000 = results["interview holding 2,000 turns"]
    ok = p95_2000 <= 10 and p95_2000 <= 2 * p95_20
    print(
        f"target (p95 at 2,000 turns <= 10 ms and <= 2x p95 at 20 turns = {2 * p95_20:.2f} ms):"
        f" {'met' if ok else 'MISSED'} ({p95_2000:.2f} ms)"
    )
    print(
        f"target (p95 <= 1.5x SQLite WAL synchronous=FULL in every case): "
        f"{'met' if worst <= 1.5 else 'MISSED'} (worst {worst:.2f}x)"
    )
    syncs, answers = count_our_syncs(200)
    print(
        f"syncs per saved answer, ours: {syncs / answers:.3f} ({syncs} fsync/fdatasync calls "
        f"for {answers} answers, folds and the closing fold included; target <= 1.2): "
        f"{'met' if syncs / answers <= 1.2 else 'MISSED'}"
    )
    with_commits = count_sqlite_syncs(200)
    set_up = count_sqlite_syncs(0)
    if with_commits is not None and set_up is not None:
        print(
            f"syncs per saved answer, SQLite WAL FULL: {(with_commits - set_up) / 200:.3f} "
            "(strace -f -c, set-up subtracted)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
