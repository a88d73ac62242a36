"""Benchmark: live score suggestion and whole-assessment rollup on a large assessment.

Builds an assessment in memory (30 interviews, 1,200 answers drawn from the labelled passages)
and prints:
- the latency of one criterion's suggestion as the assessor works (all earlier answers already
  read, one new answer), p50 and p95; target <= 5 ms;
- the same with a cold cache (every answer read afresh);
- a whole assessment's suggestions + triangulation + rollup + readiness; target <= 50 ms;
- a baseline measured in the same run: one pass over every turn filtering by criterion
  (the least work any suggestion must do), so the ratio is comparable across machines.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.core.bank.loader import read_bank  # noqa: E402
from assistant.core.evidence.sources import SourceIndex, read_cached  # noqa: E402
from assistant.core.evidence.triangulation import triangulate  # noqa: E402
from assistant.core.model import (  # noqa: E402
    Assessment,
    AssessmentData,
    BankPin,
    Evidence,
    Interview,
    Interviewee,
    Turn,
)
from assistant.core.scoring.rollup import readiness, rollup  # noqa: E402
from assistant.core.scoring.suggestion import suggest  # noqa: E402


def build(turns_per_interview: int = 40, interviews: int = 30) -> AssessmentData:
    """Return a synthetic assessment with realistic answer texts."""
    bank = read_bank(ROOT / "question_banks" / "icss.yaml").bank
    passages = yaml.safe_load((ROOT / "tests" / "data" / "passages_dev.yaml").read_text())
    texts = [p["text"] for p in (passages if isinstance(passages, list) else passages["passages"])]
    rng = random.Random(7)
    crit_ids = [c.id for c in bank.criteria()]
    roles = ["lead"] * 10 + ["staff"] * 15 + ["stakeholder"] * 5
    people, ivs, turns, evidence = [], [], [], []
    t0 = datetime(2026, 10, 1, 9, tzinfo=UTC)
    for i, role in enumerate(roles[:interviews]):
        person = Interviewee(id=f"p-{i}", code=f"{role[0].upper()}{i}", role=role)  # type: ignore[arg-type]
        iv = Interview(id=f"iv-{i}", interviewee_ids=[person.id], started=t0)
        people.append(person)
        ivs.append(iv)
        for n in range(1, turns_per_interview + 1):
            # A unique suffix so every answer is a distinct text, as in a real assessment.
            text = f"{rng.choice(texts)} ({iv.id} answer {n})"
            at = t0 + timedelta(minutes=n)
            turns.append(
                Turn(
                    interview_id=iv.id,
                    n=n,
                    question="Q",
                    answer=text,
                    criteria=[crit_ids[(i + n) % len(crit_ids)]],
                    asked_at=at,
                    answered_at=at,
                )
            )
        evidence.append(
            Evidence(
                id=f"ev-{i}",
                type="record",
                title="Log",
                verified=i % 2 == 0,
                criteria=[crit_ids[i % len(crit_ids)]],
                interview_id=iv.id,
            )
        )
    assessment = Assessment(
        id="bench",
        organisation="Bench",
        type="certification",
        bank=BankPin(id="icss", version="1", digest="x"),
    )
    return AssessmentData(
        assessment=assessment, interviewees=people, interviews=ivs, turns=turns, evidence=evidence
    )


def timed(fn, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append((time.perf_counter() - start) * 1000)
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def main() -> None:
    bank = read_bank(ROOT / "question_banks" / "icss.yaml").bank
    data = build()
    crit = "OPS.2"
    print(f"assessment: {len(data.interviews)} interviews, {len(data.turns)} answers")

    def baseline() -> None:
        sum(1 for t in data.turns if crit in t.criteria)

    base = timed(baseline, 200)

    read_cached.cache_clear()
    cold = timed(lambda: (read_cached.cache_clear(), suggest(bank, data, crit)), 20)

    rng = random.Random(1)
    new_texts = [
        f"We now log every complaint the same day; check {rng.random()}" for _ in range(200)
    ]
    for t in data.turns:
        read_cached(t.answer)
    last = data.turns[-1]

    def live(i: list[int] = [0]) -> None:  # noqa: B006 - a counter across calls
        i[0] += 1
        data.turns[-1] = last.model_copy(
            update={"answer": new_texts[i[0] % 200], "criteria": [crit]}
        )
        suggest(bank, data, crit)

    warm = timed(live, 200)
    data.turns[-1] = last

    def whole() -> None:
        index = SourceIndex(bank, data)
        scores = {}
        for c in bank.criteria():
            s = suggest(bank, data, c.id, index)
            triangulate(bank, data, c.id, index)
            scores[c.id] = s.score if s else None
        rollup(bank, scores)
        readiness(bank, scores)

    full = timed(whole, 30)
    b50 = statistics.median(base)
    print(f"baseline (one filtering pass over {len(data.turns)} turns): p50 {b50:.3f} ms")
    for name, values, target in (
        ("suggestion, live (one new answer)", warm, 5.0),
        ("suggestion, cold cache", cold, None),
        ("whole assessment: 24 suggestions + triangulation + rollup", full, 50.0),
    ):
        med, q95 = statistics.median(values), p95(values)
        verdict = "" if target is None else (" OK" if q95 <= target else " OVER TARGET")
        tgt = "" if target is None else f" (target <= {target:g} ms)"
        print(
            f"{name}: p50 {med:.2f} ms, p95 {q95:.2f} ms, {med / b50:.0f}x baseline{tgt}{verdict}"
        )


if __name__ == "__main__":
    main()
