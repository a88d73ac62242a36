"""Tests for the passage reader: agreement on labelled passages, and the rules one by one.

The figures that matter come from real organisations' writing (the corpus beside the
repository, `bench/corpus.py`): its TEST split is gated here as a guard against a broken model
or stale weights, on pooled figures only (a failure prints no passage), and skipped when the
corpus is absent. The project's own sets in tests/data are synthetic (written for the project):
the `trained` ones are extra training data, the blind ones are never trained on. Every example
sentence below is our own wording.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.core.bank.loader import read_bank
from assistant.core.reading import MAX_CHARS, Reading, place_on_scale, read_passage, read_rules

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
import corpus  # noqa: E402

DATA = ROOT / "tests" / "data"
SCALE = read_bank(ROOT / "question_banks" / "icss.yaml").bank.scale
SETS = yaml.safe_load((DATA / "sets.yaml").read_text(encoding="utf-8"))
TRAINED: list[str] = SETS["trained"]
BLIND: list[str] = SETS["blind"]


def evaluate(name: str, reader: Callable[[str], Reading] = read_passage) -> tuple[int, int, float]:
    """Return (passages, band agreements, summed score error) for one labelled set."""
    path = DATA / f"{name}.yaml"
    if not path.exists():
        pytest.fail(f"labelled set {name}.yaml is missing")
    items = yaml.safe_load(path.read_text(encoding="utf-8"))
    hits, error = 0, 0.0
    for item in items:
        band, score = place_on_scale(reader(item["text"]), SCALE)
        hits += band.id == item["band"]
        error += abs(score - item["score"])
    return len(items), hits, error


def test_synthetic_training_sets_are_read_as_labelled() -> None:
    """In-sample (pooled): a guard against broken or stale weights, not a measure."""
    totals = [evaluate(name) for name in TRAINED]
    n = sum(t[0] for t in totals)
    hits = sum(t[1] for t in totals)
    assert n >= 700
    assert hits / n >= 0.90, f"in-sample agreement {hits / n:.2f}: stale or broken weights"


def test_real_text_test_split_beats_the_rules_alone() -> None:
    """On real writing never trained on: the gate is what the shipped weights reach, rounded
    down, so a regression shows; the issue's targets are reported by bench/bench_reading.py."""
    if corpus.corpus_file() is None:
        pytest.skip(corpus.absent_message())
    _, test = corpus.load()
    hits = rule_hits = 0
    error = 0.0
    for item in test:
        band, score = place_on_scale(read_passage(item["text"]), SCALE)
        hits += band.id == item["band"]
        error += abs(score - item["score"])
        rule_hits += place_on_scale(read_rules(item["text"]), SCALE)[0].id == item["band"]
    n = len(test)
    assert n >= 250
    assert hits / n >= 0.58, f"real-text band agreement {hits / n:.3f} (do not read the items)"
    assert error / n <= 1.6, f"real-text mean score error {error / n:.2f}"
    assert hits > rule_hits


def test_blind_sets_meet_the_agreement_target() -> None:
    """The issue's target, on passages no rule or weight was fitted to (pooled, 280 passages)."""
    totals = [evaluate(name) for name in BLIND]
    n = sum(t[0] for t in totals)
    hits = sum(t[1] for t in totals)
    error = sum(t[2] for t in totals)
    assert n >= 250
    assert hits / n >= 0.80, f"blind band agreement {hits / n:.3f} (do not read the items)"
    assert error / n <= 1.5, f"blind mean score error {error / n:.2f} (do not read the items)"


def test_the_words_lift_the_rules_on_blind_sets() -> None:
    """The learned weights must earn their place: better than the rules alone, never worse."""
    combined = [evaluate(name) for name in BLIND]
    rules = [evaluate(name, read_rules) for name in BLIND]
    assert sum(t[1] for t in combined) > sum(t[1] for t in rules)
    assert sum(t[2] for t in combined) < sum(t[2] for t in rules)


def reading_of(text: str) -> tuple[str | None, float]:
    r = read_passage(text)
    band, score = place_on_scale(r, SCALE)
    return (r.signal and band.id), score


def test_a_negated_measure_is_not_a_measure() -> None:
    assert reading_of("We don't measure that yet.")[0] == "intention"
    assert reading_of("We measure that every month.")[0] == "implementation"
    r = read_passage("We don't measure that yet.")
    assert any(c.kind == "negation" and c.words == "measure" for c in r.cues)


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


@pytest.mark.parametrize(
    "text",
    [
        "Let me think about that for a moment.",
        "Good morning everyone, thanks for having me.",
        "My name is Sam and I manage the team.",
    ],
)
def test_short_small_talk_says_nothing(text: str) -> None:
    r = read_passage(text)
    assert read_rules(text).signal is None
    assert r.signal is None and r.confidence == 0


def test_a_long_passage_without_a_cue_is_still_read_by_its_wording() -> None:
    # No rule cue and weak words: short small talk says nothing, but a passage this long
    # describes something, so it gets a level, flagged as weaker ground and less sure.
    text = (
        "Our advisers sit with residents in the community hall and talk through whatever "
        "problem they bring along with them."
    )
    assert read_rules(text).signal is None
    r = read_passage(text)
    assert r.signal is not None and r.confidence < 0.6
    assert [c.kind for c in r.cues] == ["wording"] and "weaker ground" in r.cues[0].effect


def test_words_the_rules_miss_are_quoted_as_wording() -> None:
    text = "Coaching, yeah, I do it. I sit with them, listen to a few calls, give some pointers."
    assert read_rules(text).signal is None
    r = read_passage(text)
    assert r.signal == "practice"
    wording = [c for c in r.cues if c.kind == "wording"]
    assert wording and all(c.signal == "practice" for c in wording)
    assert all(text[c.start : c.end] == c.text for c in wording)


def test_rule_cues_are_kept_when_the_words_agree() -> None:
    r = read_passage("Every quarter we review the complaint themes and change the process.")
    assert r.signal == "improvement"
    assert {"review", "change"} <= {c.kind for c in r.cues}
    assert not any(c.kind == "wording" for c in r.cues)


def test_a_paste_past_the_cap_is_nothing_to_read() -> None:
    r = read_passage("We log every complaint in the system. " * 50_000)
    assert r.signal is None and r.confidence == 0.0
    assert "longer than" in r.cues[0].effect and str(f"{MAX_CHARS:,}") in r.cues[0].effect


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
