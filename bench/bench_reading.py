"""Benchmark: how well the passage reader agrees with an assessor, and how fast it reads.

The figures to quote come from real organisations' writing: the TEST split of the real-text
corpus (`bench/corpus.py`: one page in five, never trained on, no setting chosen on it). For
it the bench prints band agreement, recall of each band, mean score error and the confusion
matrix, for the reader (rules, trained weights and rubric rules together) and for the rules
alone, beside the two labellers' agreement with each other on the same passages (`band`,
`score` against `band_b`, `score_b`). When the corpus is not there it says so and goes on.

The project's own labelled sets (tests/data, written for the project by briefed writers) are
printed after, labelled as synthetic: they share a style, and real writing does not.

Speed is the time per passage against a baseline measured in the same run: one
`re.findall(r"\\w+", text)` pass over the same passage; the CPU time of the reading thread is
printed too, because wall-clock p95 on a shared machine measures the other processes.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import corpus  # noqa: E402

from assistant.core.bank.loader import read_bank  # noqa: E402
from assistant.core.reading import place_on_scale, read_passage, read_rules  # noqa: E402

SETS = yaml.safe_load((ROOT / "tests" / "data" / "sets.yaml").read_text(encoding="utf-8"))
SCALE = read_bank(ROOT / "question_banks" / "icss.yaml").bank.scale


def figures(name: str, gold: list[tuple[str, float]], got: list[tuple[str, float]]) -> None:
    """Print band agreement, recall per band and mean score error of one reader."""
    n = len(gold)
    hits = sum(g[0] == r[0] for g, r in zip(gold, got, strict=True))
    err = sum(abs(g[1] - r[1]) for g, r in zip(gold, got, strict=True)) / n
    recall = []
    for b in corpus.BANDS:
        m = sum(1 for g in gold if g[0] == b)
        k = sum(1 for g, r in zip(gold, got, strict=True) if g[0] == r[0] == b)
        recall.append(f"{b[:5]} {k / m:6.1%}" if m else f"{b[:5]}      -")
    print(f"{name:34} band {hits / n:6.1%}  score error {err:4.2f}   recall " + "  ".join(recall))


def read_all(texts: list[str]) -> tuple[list[tuple[str, float]], list[tuple[str, float]]]:
    """Return the (band, score) of every text by the reader and by the rules alone."""
    ours, rules = [], []
    for text in texts:
        band, score = place_on_scale(read_passage(text), SCALE)
        ours.append((band.id, float(score)))
        rband, rscore = place_on_scale(read_rules(text), SCALE)
        rules.append((rband.id, float(rscore)))
    return ours, rules


def real_text() -> None:
    """Print the figures on the corpus's held-out TEST split."""
    if corpus.corpus_file() is None:
        print(f"real text: not measured: {corpus.absent_message()}")
        return
    _, test = corpus.load()
    pages = len({i["source_url"] for i in test})
    print(f"== real text: TEST split, {len(test)} passages from {pages} pages, never trained on")
    gold = [(i["band"], float(i["score"])) for i in test]
    ours, rules = read_all([i["text"] for i in test])
    figures("reader (rules + weights + rubric)", gold, ours)
    figures("rules alone", gold, rules)
    figures(
        "second labeller against the first",
        gold,
        [(i["band_b"], float(i["score_b"])) for i in test],
    )
    print("confusion of the reader (rows: first labeller's band):")
    for line in corpus.confusion([g[0] for g in gold], [r[0] for r in ours]):
        print("  " + line)
    agreed = [k for k, i in enumerate(test) if i["agreed"]]
    figures(
        f"reader, on the {len(agreed)} agreed passages",
        [gold[k] for k in agreed],
        [ours[k] for k in agreed],
    )


def synthetic() -> None:
    """Print the figures on the project's own labelled sets (synthetic: written for it)."""
    print("== synthetic: passages written for the project (not real writing; trained on or blind)")
    for group in ("trained", "blind"):
        items: list[dict[str, Any]] = []
        for name in SETS[group]:
            path = ROOT / "tests" / "data" / f"{name}.yaml"
            items += yaml.safe_load(path.read_text(encoding="utf-8"))
        gold = [(i["band"], float(i["score"])) for i in items]
        ours, rules = read_all([i["text"] for i in items])
        figures(f"{group} sets ({len(items)}), reader", gold, ours)
        figures(f"{group} sets ({len(items)}), rules alone", gold, rules)


def speed() -> None:
    """Print the time per passage, p50 and p95, against a baseline from the same run."""
    items = yaml.safe_load((ROOT / "tests" / "data" / "passages_dev.yaml").read_text())
    texts = [i["text"] for i in items] * 10
    read_passage(texts[0])
    ours, base, cpu = [], [], []
    for text in texts:
        c0 = time.thread_time()
        t0 = time.perf_counter()
        read_passage(text)
        t1 = time.perf_counter()
        cpu.append((time.thread_time() - c0) * 1e6)
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
    print(
        f"  CPU time of the reading thread (what a busy machine does not inflate): "
        f"p50 {statistics.median(cpu):.0f} us, p95 {statistics.quantiles(cpu, n=20)[18]:.0f} us"
    )
    big = "We log every complaint in the system and review it monthly. " * 17_000
    t0 = time.perf_counter()
    read_passage(big)
    print(f"a 1 MB paste: {(time.perf_counter() - t0) * 1000:.1f} ms (answered: nothing to read)")


if __name__ == "__main__":
    real_text()
    synthetic()
    speed()
