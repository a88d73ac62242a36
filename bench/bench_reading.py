"""Benchmark: how well the passage reader agrees with an assessor, and how fast it reads.

Agreement is printed for every labelled set in tests/data, for the reader (rules and wording
model together) and for the rules alone. The sets trained or tuned on give in-sample figures;
the blind sets, written by people who saw no rules and no other set and never trained on, give
the figures to quote. Speed is the time per passage against a baseline measured in the same
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

from assistant.core.bank.loader import read_bank  # noqa: E402
from assistant.core.reading import place_on_scale, read_passage, read_rules  # noqa: E402

SETS = yaml.safe_load((ROOT / "tests" / "data" / "sets.yaml").read_text(encoding="utf-8"))
TRAINED: list[str] = SETS["trained"]
"""Sets the rules were tuned on or the wording model was trained on: in-sample figures."""
BLIND: list[str] = SETS["blind"]
"""Sets written by people who saw no rules and no other set; never trained on, never read."""


def agreement(name: str, blind: bool) -> tuple[int, int, int, float, float]:
    """Print and return (passages, combined hits, rules-alone hits, combined error, rules error)."""
    path = ROOT / "tests" / "data" / f"{name}.yaml"
    if not path.exists():
        print(f"{name:24} (missing)")
        return 0, 0, 0, 0.0, 0.0
    scale = read_bank(ROOT / "question_banks" / "icss.yaml").bank.scale
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    hits = rule_hits = 0
    error = rule_error = 0.0
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in items:
        band, score = place_on_scale(read_passage(item["text"]), scale)
        rband, rscore = place_on_scale(read_rules(item["text"]), scale)
        hits += band.id == item["band"]
        rule_hits += rband.id == item["band"]
        error += abs(score - item["score"])
        rule_error += abs(rscore - item["score"])
        if "category" in item:
            per[item["category"]][0] += band.id == item["band"]
            per[item["category"]][1] += 1
    n = len(items)
    weak = ", ".join(f"{k} {v[0]}/{v[1]}" for k, v in sorted(per.items()) if v[0] < v[1])
    print(
        f"{name:24} {n:3}  {hits / n:6.1%}  {error / n:4.2f}   rules alone {rule_hits / n:6.1%}"
        f"  {rule_error / n:4.2f}" + ("" if blind or not weak else f"  misses: {weak}")
    )
    return n, hits, rule_hits, error, rule_error


def report() -> None:
    """Print agreement for every set, and the pooled figure over the blind sets."""
    print(f"{'set':24} {'n':>3}  {'band':>6}  {'mae':>4}")
    print("-- trained or tuned on (in-sample; leave-one-writer-out: bench/train_wording.py --cv)")
    for name in TRAINED:
        agreement(name, blind=False)
    print("-- blind: written by people who saw no rules and no other set; never trained on")
    totals = [0, 0, 0, 0.0, 0.0]
    for name in BLIND:
        for i, v in enumerate(agreement(name, blind=True)):
            totals[i] += v
    n, hits, rule_hits, error, rule_error = totals
    if n:
        print(
            f"{'all blind passages':24} {int(n):3}  {hits / n:6.1%}  {error / n:4.2f}   "
            f"rules alone {rule_hits / n:6.1%}  {rule_error / n:4.2f}"
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
    report()
    speed()
