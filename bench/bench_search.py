"""Benchmark: search and listing at workspace scale (200 assessments x 500 answers).

Prints, for a workspace made by bench/make_workspace.py:
- the first search (it builds the index from every session file) and a warm search, p50/p95
  over several queries, against `grep -ril WORD` over the same files measured in the same run
  (targets: warm <= 300 ms and <= 10x grep);
- `Workspace.list_assessments()` on 2 assessments and on 200 (target: 200 <= 2x of 2 once
  listing reads a summary per assessment instead of every turn; printed as measured).

    python bench/bench_search.py [--assessments 200] [--turns 500] [--keep DIR]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from make_workspace import make  # noqa: E402

from assistant.store.search import SearchIndex  # noqa: E402
from assistant.store.workspace import Workspace  # noqa: E402

QUERIES = ["complaint", "survey results", "we plan", "team leader weekly", "customers"]


def timed(run: Callable[[], object], repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        out.append(time.perf_counter() - start)
    return out


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--assessments", type=int, default=200)
    parser.add_argument("--turns", type=int, default=500)
    parser.add_argument("--keep", type=Path, help="build (or reuse) the workspace here")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    root = args.keep or tmp / "big"
    if not (root / "sessions").is_dir():
        root.mkdir(parents=True, exist_ok=True)
        make(root, args.assessments, args.turns)
    ws = Workspace(root)
    ids = ws.ids()
    small = tmp / "small"
    (small / "sessions").mkdir(parents=True)
    for aid in ids[:2]:
        shutil.copytree(root / "sessions" / aid, small / "sessions" / aid)

    index = SearchIndex(ws)
    shutil.rmtree(index.path.parent, ignore_errors=True)
    cold = timed(lambda: index.search("complaint"), 1)[0]
    warm = [t for q in QUERIES for t in timed(lambda q=q: index.search(q), 5)]
    grep = timed(
        lambda: subprocess.run(
            ["grep", "-ril", "complaint", str(root / "sessions")],
            capture_output=True,
            check=False,
        ),
        5,
    )
    import sqlite3

    with sqlite3.connect(index.path) as db:
        (turns,) = db.execute("SELECT count(*) FROM turns").fetchone()
    g = statistics.median(grep)
    print(f"workspace: {len(ids)} assessments, {turns:,} answers")
    print(f"grep -ril complaint (baseline): {g * 1000:.0f} ms")
    print(f"first search, building the index: {cold * 1000:.0f} ms ({cold / g:.1f}x grep)")
    print(
        f"warm search p50 {statistics.median(warm) * 1000:.1f} ms, p95 {pct(warm, 0.95) * 1000:.1f}"
        f" ms ({pct(warm, 0.95) / g:.2f}x grep; target <= 300 ms and <= 10x)"
    )
    cold_many = timed(lambda: ws.list_assessments(), 1)[0]
    two = statistics.median(timed(lambda: Workspace(small).list_assessments(), 5))
    many = statistics.median(timed(lambda: ws.list_assessments(), 5))
    print(
        f"list in-process, summaries warm: 2 assessments {two * 1000:.1f} ms; {len(ids)}: "
        f"{many * 1000:.1f} ms (the first listing of {len(ids)} reads every file: "
        f"{cold_many * 1000:.0f} ms)"
    )
    cli = [sys.executable, "-m", "assistant", "list", "--workspace"]
    cli_two = statistics.median(
        timed(lambda: subprocess.run([*cli, str(small)], capture_output=True, check=True), 5)
    )
    cli_many = statistics.median(
        timed(lambda: subprocess.run([*cli, str(root)], capture_output=True, check=True), 5)
    )
    print(
        f"assessor list: 2 assessments {cli_two * 1000:.0f} ms; {len(ids)}: "
        f"{cli_many * 1000:.0f} ms ({cli_many / cli_two:.2f}x; target <= 2x)"
    )
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
