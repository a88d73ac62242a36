"""Benchmark: importing an evidence library and a self-assessment workbook.

Builds, in a temporary workspace, an evidence library of N rows and a self-assessment of
every criterion as XLSX with openpyxl, then times (median of --repeat runs, each into a fresh
assessment):
- `import_library` (read values and formulas, parse, two durable writes) against openpyxl
  alone loading the same workbook's values once, measured in the same run;
- `import_self_assessment` (each commentary read by the reader) against the same baseline.

    python bench/bench_inputs.py [--rows 2000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from openpyxl import Workbook, load_workbook  # noqa: E402

from assistant import paths  # noqa: E402
from assistant.core.bank.loader import find_bank  # noqa: E402
from assistant.services.evidence_library import import_library  # noqa: E402
from assistant.services.opening import open_assessment  # noqa: E402
from assistant.services.selfassess import import_self_assessment  # noqa: E402
from assistant.store.workspace import Workspace  # noqa: E402

COMMENT = (
    "Every complaint is logged the day it arrives and the monthly figures go to the board; "
    "after the spring review we changed the scripts across all teams."
)


def library(path: Path, rows: int, criteria: list[str]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["ID", "Title", "Owner", "Date", "Version", "Location", "Criteria"])
    for i in range(rows):
        ws.append(
            [
                f"E{i + 1}",
                f"Document {i + 1}",
                "Owner",
                f"2025-{i % 12 + 1:02d}-15",
                "1",
                f"Share/{i}",
                criteria[i % len(criteria)],
            ]
        )
    wb.save(path)
    return path


def workbook(path: Path, criteria: list[str]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["Criterion", "Self score", "Commentary", "Evidence"])
    for i, cid in enumerate(criteria):
        ws.append([cid, 7, f"{COMMENT} ({i})", f"E{i + 1}"])
    wb.save(path)
    return path


def median(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        bank = find_bank("icss", paths.bank_dirs())
        ids = [c.id for c in bank.bank.criteria()]
        lib = library(root / "library.xlsx", args.rows, ids)
        book = workbook(root / "sa.xlsx", ids)
        ws = Workspace(root / "ws")
        (root / "ws").mkdir()

        def fresh_import(path: Path, what: Callable[..., object]) -> Callable[[], object]:
            def run() -> object:
                aid = ws.create_assessment(organisation="Bench", type="certification", bank=bank)
                opened = open_assessment(ws, aid)
                try:
                    return what(opened, path)
                finally:
                    opened.session.close()

            return run

        def openpyxl_only(path: Path) -> Callable[[], object]:
            raw = path.read_bytes()
            return lambda: load_workbook(io.BytesIO(raw), data_only=True)

        for name, path, what in (
            (f"evidence library, {args.rows} rows", lib, import_library),
            (f"self-assessment, {len(ids)} rows", book, import_self_assessment),
        ):
            base = median(openpyxl_only(path), args.repeat)
            ours = median(fresh_import(path, what), args.repeat)
            print(
                f"{name}: import {ours * 1000:.0f} ms, openpyxl loading its values "
                f"{base * 1000:.0f} ms, ratio {ours / base:.2f}x"
            )


if __name__ == "__main__":
    main()
