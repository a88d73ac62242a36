"""Provides the real-text scoring corpus to the training and bench scripts, and its split.

The corpus (`../shared/scoring-corpus/passages.yaml`: real organisations' passages, each
labelled twice on the 3-I rubric) is third-party text: it is read from beside the repository,
never copied into it. Set SCORING_CORPUS to its folder to read it from elsewhere.

The split is by page: a passage is in the TEST split when the SHA-256 of its `source_url`,
read as a number, is divisible by five, so all passages from one page fall on one side, the
split never changes, and no setting is chosen on it. Settings are chosen by cross-validation
on the TRAIN split, grouped by page.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
BAND_SIGNAL = {"intention": "plan", "implementation": "practice", "integration": "improvement"}
BANDS = ("intention", "implementation", "integration")


def corpus_dir() -> Path:
    """Return where the corpus is looked for: $SCORING_CORPUS, else ../shared/scoring-corpus."""
    env = os.environ.get("SCORING_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "scoring-corpus"


def corpus_file() -> Path | None:
    """Return the corpus file, or None when it is not there (a fresh clone)."""
    path = corpus_dir() / "passages.yaml"
    return path if path.is_file() else None


def absent_message() -> str:
    """Return the plain message given when the corpus is not there."""
    return (
        f"the real-text corpus is not there ({corpus_dir()}/passages.yaml): it is kept beside "
        "the repository, never in it; set SCORING_CORPUS to its folder"
    )


def is_test(source_url: str) -> bool:
    """Return True when a page's passages belong to the held-out test split (one page in 5)."""
    return int(hashlib.sha256(source_url.encode("utf-8")).hexdigest(), 16) % 5 == 0


def load() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Return the corpus's (train, test) passages; raises FileNotFoundError when absent."""
    path = corpus_file()
    if path is None:
        raise FileNotFoundError(absent_message())
    items: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    train = [i for i in items if not is_test(i["source_url"])]
    test = [i for i in items if is_test(i["source_url"])]
    return train, test


def digest() -> str:
    """Return the SHA-256 of the corpus file, so weights trained on another copy are noticed."""
    path = corpus_file()
    if path is None:
        raise FileNotFoundError(absent_message())
    return hashlib.sha256(path.read_bytes()).hexdigest()


def confusion(gold: list[str], got: list[str]) -> list[str]:
    """Return the lines of a confusion matrix: rows are the label, columns the reading."""
    head = "label \\ read".ljust(16) + "".join(b[:5].rjust(8) for b in BANDS) + "  recall"
    lines = [head]
    for b in BANDS:
        row = [sum(1 for g, r in zip(gold, got, strict=True) if g == b and r == c) for c in BANDS]
        n = sum(row)
        recall = f"{row[BANDS.index(b)] / n:7.1%}" if n else "      -"
        lines.append(b.ljust(16) + "".join(str(v).rjust(8) for v in row) + " " + recall)
    return lines
