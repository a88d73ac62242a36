"""Tests for the wording features and the learned weights that read them."""

from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from assistant.core.reading.model import (
    SIGNALS,
    WEIGHTS_FILE,
    judge,
    parse_weights,
    shipped_weights,
)
from assistant.core.reading.wording import features, stem, words

ROOT = Path(__file__).resolve().parents[2]


def names(text: str) -> list[str]:
    return [w.feature for w in words(text)]


def test_negation_marks_the_words_in_its_clause_only() -> None:
    got = names("We don't measure that, but we log every call.")
    assert "w:not_measure" in got and "w:measure" not in got
    assert "w:log" in got and "w:not_log" not in got


def test_negation_reaches_four_words_at_most() -> None:
    got = names("We never got round to it at all really")
    assert "w:not_got" in got and "w:not_round" in got
    assert "w:to" in got, "the commonest words are never marked"
    assert "w:at" in got and "w:not_at" not in got, "the fifth word is out of reach"


def test_numbers_and_money_are_classes_not_values() -> None:
    got = names("We hit 96% of 1,200 calls with a £40k budget.")
    assert {"w:<pct>", "w:<num>", "w:<money>"} <= set(got)


def test_word_pairs_never_start_with_the_commonest_words() -> None:
    got = names("We review the themes monthly")
    assert "b:we_review" in got and "b:themes_monthly" in got
    assert not any(n.startswith("b:the_") for n in got)


def test_stems_join_word_forms_and_keep_the_negation_mark() -> None:
    assert stem("reviewed") == stem("reviews") == stem("reviewing")
    assert stem("not_reviewed") == "not_" + stem("reviewed")


def test_features_hold_cue_kinds_words_and_stems() -> None:
    v = features("We reviewed it.", ["review", "review", "practice"])
    assert v["k:review"] == v["k2:review"] == v["k:practice"] == 1.0
    assert "k2:practice" not in v
    assert v["w:reviewed"] == v["s:" + stem("reviewed")] == 1.0
    assert not any(k.startswith("rule:") for k in v)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
@example("NO0")  # a negated number: its feature is not_<num>
def test_every_word_feature_points_at_its_words(text: str) -> None:
    for w in words(text):
        assert 0 <= w.start < w.end <= len(text)
        token = w.feature[2:].removeprefix("not_")
        if w.feature.startswith("w:") and not token.startswith("<"):  # <num> stands for digits
            assert text[w.start : w.end].lower().replace("’", "'") == token


def tiny() -> dict[str, object]:
    return {
        "classes": list(SIGNALS),
        "intercepts": [0.0, 0.0, 0.0],
        "score_intercept": 4.0,
        "weights": {"w:plan": [2.0, -1.0, -1.0, -2.0], "w:review": [-1.0, -1.0, 2.0, 3.0]},
    }


def test_judge_follows_the_weights() -> None:
    w = parse_weights(tiny())
    plan = judge({"w:plan": 1.0, "w:unknown": 1.0}, w)
    assert plan.signal == "plan" and plan.score == pytest.approx(2.0)
    assert math.isclose(sum(plan.probabilities.values()), 1.0)
    assert plan.contributions == (("w:plan", 3.0),)
    review = judge({"w:review": 1.0}, w)
    assert review.signal == "improvement" and review.score == pytest.approx(7.0)


def test_an_empty_vector_gets_the_intercepts() -> None:
    verdict = judge({}, parse_weights(tiny()))
    assert verdict.contributions == () and verdict.score == 4.0
    assert all(p == pytest.approx(1 / 3) for p in verdict.probabilities.values())


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"classes": ["a", "b", "c"]}, "classes"),
        ({"intercepts": "x"}, "intercepts"),
        ({"weights": {"w:plan": [1.0]}}, "weights.w:plan"),
        ({"score_intercept": None}, "score_intercept"),
    ],
)
def test_malformed_weights_name_the_field(change: dict[str, object], field: str) -> None:
    raw = {**tiny(), **change}
    with pytest.raises(ValueError, match=WEIGHTS_FILE) as err:
        parse_weights(raw)
    assert field.split(".")[0] in str(err.value)


def test_a_missing_field_is_named() -> None:
    raw = tiny()
    del raw["weights"]
    with pytest.raises(ValueError, match="weights"):
        parse_weights(raw)


def test_shipped_weights_were_trained_on_the_training_inputs_as_they_are() -> None:
    """`make train` reproduces the shipped weights: their SHA-256 of the inputs (the real-text
    corpus, the synthetic sets, the split, the feature code) must match today's inputs."""
    spec = importlib.util.spec_from_file_location("train", ROOT / "bench" / "train_wording.py")
    assert spec and spec.loader
    train = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(train)
    if train.corpus.corpus_file() is None:
        pytest.skip(train.corpus.absent_message())
    shipped = json.loads(train.OUT.read_text("utf-8"))
    assert shipped["trained_on"]["sha256"] == train.digest(), (
        "training inputs changed since the weights were trained: run make train"
    )


def test_shipped_weights_say_what_they_were_trained_on() -> None:
    trained_on = shipped_weights().trained_on
    assert trained_on["real_passages"] >= 1000 and trained_on["held_out_test_passages"] >= 250
    assert "TRAIN split" in trained_on["corpus"]


def test_the_weights_ship_inside_the_package() -> None:
    from importlib import resources

    assert resources.files("assistant.core.reading").joinpath(WEIGHTS_FILE).is_file()
