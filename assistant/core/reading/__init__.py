"""Provides the reading of one passage into 3-I evidence: plans, practice, improvement.

- `cues.py`: the rules' cue table (everyday phrasings of plans and practice), as data;
- `signs.py`: the cues the 3-I scale turns on (outcomes, data-led change, non-use, pilots...);
- `rules.py`: the algorithm that finds cues, judges them by their clause and decides by rules;
- `wording.py`, `model.py`, `weights.json`: the features and the trained linear weights;
- `rubric.py`: the rubric's boundary rules applied to the trained verdict;
- `reader.py`: `read_passage`, which everything else uses, and the reasons it gives.

Callers import from this package only.
"""

from __future__ import annotations

from assistant.core.reading.cues import Cue
from assistant.core.reading.reader import (
    LOWERING,
    LOWERS,
    MIN_PULL,
    REFERENCE_BANDS,
    read_passage,
    unreadable,
)
from assistant.core.reading.rules import MAX_CHARS, Reading, place_on_scale, read_rules

__all__ = [
    "LOWERING",
    "LOWERS",
    "MAX_CHARS",
    "MIN_PULL",
    "REFERENCE_BANDS",
    "Cue",
    "Reading",
    "place_on_scale",
    "read_passage",
    "read_rules",
    "unreadable",
]
