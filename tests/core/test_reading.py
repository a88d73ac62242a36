"""Tests for the passage reader: accuracy on labelled passages, and the rules one by one.

Labelled sets live in tests/data (docs/SCORING.md says how each was used). The dev set was
tuned on; holdout, test and blind were each read once to fix general gaps and are validation
sets now; these four are gated here at >= 80 % band agreement and <= 1.5 mean score error.
`passages_final.yaml` is never gated or read item by item: bench/bench_reading.py measures it.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.core.bankfile import read_bank
from assistant.core.reading import MAX_CHARS, place_on_scale, read_passage

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
SCALE = read_bank(ROOT / "question_banks" / "icss.yaml").bank.scale


def evaluate(name: str) -> tuple[float, float, dict[str, str], int]:
    items = yaml.safe_load((DATA / f"passages_{name}.yaml").read_text(encoding="utf-8"))
    hits, error = 0, 0.0
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in items:
        band, score = place_on_scale(read_passage(item["text"]), SCALE)
        good = band.id == item["band"]
        hits += good
        error += abs(score - item["score"])
        per[item["category"]][0] += good
        per[item["category"]][1] += 1
    summary = {k: f"{v[0]}/{v[1]}" for k, v in sorted(per.items())}
    return hits / len(items), error / len(items), summary, len(items)


@pytest.mark.parametrize("name", ["dev", "holdout", "test", "blind"])
def test_band_agreement_and_score_error(name: str) -> None:
    if not (DATA / f"passages_{name}.yaml").exists():
        pytest.fail(f"labelled set passages_{name}.yaml is missing")
    accuracy, mae, per_category, n = evaluate(name)
    assert n >= 35
    assert accuracy >= 0.80, f"{name}: band agreement {accuracy:.2f}; per category {per_category}"
    assert mae <= 1.5, f"{name}: mean absolute error {mae:.2f}; per category {per_category}"


def reading_of(text: str) -> tuple[str | None, float]:
    r = read_passage(text)
    band, score = place_on_scale(r, SCALE)
    return (r.signal and band.id), score


def test_a_negated_measure_is_not_a_measure() -> None:
    assert reading_of("We don't measure that yet.")[0] == "intention"
    assert reading_of("We measure that every month.")[0] == "implementation"
    r = read_passage("We don't measure that yet.")
    assert any(c.kind == "negation" and c.text == "measure" for c in r.cues)


def test_hedging_lowers_confidence() -> None:
    plain = read_passage("We call customers back the same day and log every call.")
    hedged = read_passage(
        "I think we probably call customers back the same day and log every call."
    )
    assert hedged.confidence < plain.confidence


def test_practice_in_theory_only_is_not_practice() -> None:
    assert (
        reading_of("In theory we reply to every email within a day, but it depends who's in.")[0]
        == "intention"
    )


def test_future_tense_describing_a_standard_in_force_is_practice() -> None:
    text = (
        "Every complaint will be acknowledged within two days - that's been our standard "
        "since 2019 and we hit it 96% of the time."
    )
    band, score = reading_of(text)
    assert band == "implementation" and score >= 4


def test_intent_verbs_are_plans() -> None:
    assert reading_of("We will introduce a complaints log next year.")[0] == "intention"
    r = read_passage("We plan to introduce a complaints log next year")
    assert r.gaps[0] == "only_plans"


def test_one_off_change_versus_routine_loop() -> None:
    assert reading_of("We changed the script once after a complaint.")[0] == "implementation"
    loop = "Every quarter we review the complaint themes and change the process where we need to."
    assert reading_of(loop)[0] == "integration"


def test_measures_nobody_uses_are_weak_practice() -> None:
    band, score = reading_of("We set KPIs but nobody looks at them.")
    assert band == "implementation" and score == 3
    assert "no_review" in read_passage("We track call times against a target.").gaps


def test_gaps_name_what_is_missing() -> None:
    r = read_passage("We always sort complaints out quickly.")
    assert "no_measure" in r.gaps and "no_example" in r.gaps
    assert (
        "claim_without_evidence" in read_passage("Staff answer every call within 20 seconds.").gaps
    )


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "Thanks, good question.", "🙂🙂"])
def test_passages_that_say_nothing(text: str) -> None:
    r = read_passage(text)
    assert r.signal is None and r.gaps == ()
    band, score = place_on_scale(r, SCALE)
    assert band.id == "intention" and score == 0


def test_a_huge_paste_is_read_up_to_the_cap() -> None:
    r = read_passage("We log every complaint in the system. " * 50_000)
    assert r.signal == "practice"
    assert all(c.end <= MAX_CHARS for c in r.cues)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=600))
def test_any_text_reads_without_error(text: str) -> None:
    r = read_passage(text)
    assert 0.0 <= r.strength <= 1.0 and 0.0 <= r.confidence <= 1.0
    for cue in r.cues:
        assert text[cue.start : cue.end] == cue.text
    band, score = place_on_scale(r, SCALE)
    assert band.min <= score <= band.max


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "we log every complaint",
                "we plan to",
                "next year",
                "nobody looks at it",
                "in theory",
                "every quarter we review the themes",
                "and changed the process",
                "across all sites",
                "I think",
                "96%",
                "since 2019",
                "not",
                ", but",
                ".",
                "will be",
                "sort of",
            ]
        ),
        max_size=12,
    )
)
def test_fragments_in_any_order(parts: list[str]) -> None:
    text = " ".join(parts)
    r = read_passage(text)
    assert all(text[c.start : c.end] == c.text for c in r.cues)
