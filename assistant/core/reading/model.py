"""Provides the learned weights that read a passage's wording as plans, practice or improvement.

The weights are a linear model trained on labelled passages (`bench/train_wording.py`, with
scikit-learn) and shipped as data in `weights.json`; reading them needs nothing but
this module, so the core stays free of heavy dependencies and a reading stays well under a
millisecond. A linear model can say why: each feature's weight times its presence is its
contribution, so the words that pushed a passage towards its level can be quoted.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from assistant.core.bank.model import Signal

SIGNALS: tuple[Signal, Signal, Signal] = ("plan", "practice", "improvement")
WEIGHTS_FILE = "weights.json"


@dataclass(frozen=True)
class Weights:
    """A trained model: class and score weights per feature, and the intercepts."""

    classes: tuple[Signal, ...]
    intercepts: tuple[float, ...]
    score_intercept: float
    weights: dict[str, tuple[float, ...]]
    """feature -> one weight per class, then the score weight."""
    trained_on: dict[str, Any]


@dataclass(frozen=True)
class Verdict:
    """What the weights make of one passage."""

    signal: Signal
    probabilities: dict[Signal, float]
    score: float
    """The expected score on the 0-10 reference scale the labels use."""
    contributions: tuple[tuple[str, float], ...]
    """Features that pushed the passage towards `signal`, strongest first."""


def parse_weights(raw: dict[str, Any]) -> Weights:
    """Build weights from their JSON form; raises ValueError naming the field that is wrong."""

    def field(name: str, convert: Callable[[Any], Any]) -> Any:
        try:
            return convert(raw[name])
        except (KeyError, TypeError, ValueError, AttributeError):
            raise ValueError(f"{WEIGHTS_FILE}: field {name} is missing or malformed") from None

    classes = field("classes", tuple)
    intercepts = field("intercepts", lambda v: tuple(float(x) for x in v))
    score_intercept = field("score_intercept", float)
    table = field(
        "weights", lambda v: {str(k): tuple(float(x) for x in vals) for k, vals in v.items()}
    )
    if classes != SIGNALS or len(intercepts) != len(SIGNALS):
        raise ValueError(f"{WEIGHTS_FILE}: classes must be {list(SIGNALS)}")
    width = len(SIGNALS) + 1
    for name, vals in table.items():
        if len(vals) != width:
            raise ValueError(f"{WEIGHTS_FILE}: weights.{name} needs {width} numbers")
    return Weights(classes, intercepts, score_intercept, table, dict(raw.get("trained_on", {})))


@lru_cache(maxsize=1)
def shipped_weights() -> Weights:
    """Return the weights shipped with the package, read once."""
    text = (
        resources.files("assistant.core.reading").joinpath(WEIGHTS_FILE).read_text(encoding="utf-8")
    )
    return parse_weights(json.loads(text))


def judge(vector: dict[str, float], weights: Weights | None = None) -> Verdict:
    """Return the level, the class probabilities and the expected score of a feature vector."""
    w = weights or shipped_weights()
    n = len(w.classes)
    logits = list(w.intercepts)
    score = w.score_intercept
    used: list[tuple[str, tuple[float, ...], float]] = []
    for name, value in vector.items():
        row = w.weights.get(name)
        if row is None or not value:
            continue
        for i in range(n):
            logits[i] += row[i] * value
        score += row[n] * value
        used.append((name, row, value))
    top = max(logits)
    exps = [math.exp(v - top) for v in logits]
    total = sum(exps)
    probs = {c: e / total for c, e in zip(w.classes, exps, strict=True)}
    best = max(range(n), key=lambda i: logits[i])
    # A feature's pull towards the chosen level: its weight there against its mean elsewhere.
    pulls = []
    for name, row, value in used:
        others = sum(row[i] for i in range(n) if i != best) / (n - 1)
        pull = (row[best] - others) * value
        if pull > 0:
            pulls.append((name, round(pull, 4)))
    pulls.sort(key=lambda p: -p[1])
    return Verdict(w.classes[best], probs, score, tuple(pulls))
