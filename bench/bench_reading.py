"""Benchmark: how well the passage reader agrees with an assessor, and how fast it reads.

Agreement is printed for every labelled set in tests/data, the blind set included
(`passages_blind.yaml`, written by someone who never saw the rules and never tuned on; it is
the figure to quote). Speed is the time per passage against a baseline measured in the same
run: one `re.findall(r"\\w+", text)` pass over the same passage.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.core.bankfile import read_bank  # noqa: E402
from assistant.core.reading import place_on_scale, read_passage  # noqa: E402

SETS = ("dev", "holdout", "test", "blind", "final")


def agreement(name: str) -> None:
    path = ROOT / "tests" / "data" / f"passages_{name}.yaml"
    if not path.exists():
        print(f"{name:8} (missing)")
        return
    scale = read_bank(ROOT / "question_banks" / "icss.yaml").bank.scale
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    hits, error = 0, 0.0
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in items:
        band, score = place_on_scale(read_passage(item["text"]), scale)
        hits += band.id == item["band"]
        error += abs(score - item["score"])
        per[item["category"]][0] += band.id == item["band"]
        per[item["category"]][1] += 1
    weak = ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(per.items()) if v[0] < v[1])
    print(
        f"{name:8} {len(items):3} passages  band agreement {hits / len(items):5.1%}  "
        f"mean score error {error / len(items):.2f}  misses: {weak or 'none'}"
    )


def speed() -> None:
    items = yaml.safe_load((ROOT / "tests" / "data" / "passages_dev.yaml").read_text())
    texts = [i["text"] for i in items] * 10
    ours, base = [], []
    for text in texts:
        t0 = time.perf_counter()
        read_passage(text)
        t1 = time.perf_counter()
        re.findall(r"\w+", text)
        t2 = time.perf_counter()
        ours.append((t1 - t0) * 1e6)
        base.append((t2 - t1) * 1e6)
    med, p95 = statistics.median(ours), statistics.quantiles(ours, n=20)[18]
    print(
        f"speed: {len(texts)} passages (mean {sum(map(len, texts)) / len(texts):.0f} chars): "
        f"p50 {med:.0f} us, p95 {p95:.0f} us; baseline p50 {statistics.median(base):.1f} us "
        f"({med / statistics.median(base):.0f}x)"
    )
    big = "We log every complaint in the system and review it monthly. " * 17_000
    t0 = time.perf_counter()
    read_passage(big)
    print(
        f"a 1 MB paste: {(time.perf_counter() - t0) * 1000:.0f} ms (first 20,000 characters read)"
    )


if __name__ == "__main__":
    for name in SETS:
        agreement(name)
    speed()
