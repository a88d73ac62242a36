"""Provides the interview engine's state and shared helpers: steps, suggestions, coverage.

`InterviewEngine` (in `assistant.core.interview.engine`) builds on `EngineBase` and the command
handlers in `assistant.core.interview.actions`. The state is one frozen value that is replaced
only after a write succeeds, so a failed write leaves the engine exactly as it was.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from assistant.core.bank.model import Bank, Criterion, Probe, Question
from assistant.core.evidence.sources import SourceIndex, read_cached, turn_criteria
from assistant.core.interview.plan import Plan
from assistant.core.interview.progress import coverage
from assistant.core.interview.recorder import Recorder
from assistant.core.interview.replies import (
    Ask,
    Coverage,
    Notice,
    ProbeDropped,
    ProbeSuggested,
    Reply,
    SuggestionUpdate,
)
from assistant.core.model import AssessmentData, Interview, Suggestion, Turn
from assistant.core.scoring.suggestion import suggest


@dataclass(frozen=True)
class Step:
    """One planned question with its criterion."""

    criterion: Criterion
    question: Question


@dataclass(frozen=True)
class State:
    """Everything the engine remembers between inputs; replaced whole only after a write works."""

    plan: Plan
    steps: tuple[Step, ...]
    index: int
    asked_at: datetime
    history: tuple[int, ...] = ()
    asking: Probe | None = None
    suggested: tuple[int, Probe, str] | None = None
    """The probe the last answer calls for: its number, the probe, and why."""
    last_turn: str | None = None
    read_back: bool = False
    """True once the read-back was shown and nothing was answered since."""
    ended: bool = False


def plan_steps(bank: Bank, plan: Plan) -> tuple[Step, ...]:
    """Return the planned questions in order: all of one criterion before the next."""
    out: list[Step] = []
    for item in plan.items:
        try:
            crit = bank.criterion(item.criterion_id)
        except KeyError:
            continue
        by_id = {q.id: q for q in crit.questions}
        out.extend(Step(crit, by_id[qid]) for qid in item.question_ids if qid in by_id)
    return tuple(out)


def clean_text(text: str) -> str:
    """Return typed text without control characters (tabs and newlines kept), trimmed."""
    if text.isprintable():
        return text.strip()
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc").strip()


def pick(word: str, options: tuple[str, ...]) -> str | None:
    """Return the option a word names exactly or by a unique start."""
    low = word.lower()
    if low in options:
        return low
    starts = [o for o in options if o.startswith(low)] if low else []
    return starts[0] if len(starts) == 1 else None


def excerpt(text: str, limit: int = 160) -> str:
    """Return text on one line, cut to `limit` characters with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def number(word: str) -> float | None:
    """Return a finite number typed as a word (3, 4.5, 7,5), or None."""
    try:
        value = float(word.replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


GAP_WHY: dict[str, str] = {
    "only_plans": "only plans described, nothing in place yet",
    "no_example": "no concrete example given",
    "no_measure": "no measure or figure mentioned",
    "claim_without_evidence": "a claim with nothing to show for it",
    "no_review": "no sign that results are reviewed or acted on",
}


MEASURE_DENIED = re.compile(
    r"\b(?:do|does|did|have|has|are|is|were|was)(?:n[’']t| not)\s+(?:\w+\s+){0,2}?"
    r"(?:measur|track|monitor|count|record)\w*"
    r"|\b(?:never|not yet|nobody|no one)\s+(?:\w+\s+){0,1}?(?:measur|track|monitor)\w*"
    r"|\bno (?:real |formal )?(?:measures?|metrics?|figures?|kpis?|data)\b",
    re.IGNORECASE,
)
"""An answer saying plainly that something is not measured ("we don't measure that yet")."""

NOT_MEASURED_YET = Probe(
    gap="no_measure",
    text=(
        "You don't measure that yet: is measuring it planned, and what tells you today "
        "whether it is working?"
    ),
)
"""The follow-up when the answer says there is no measure: asking "which measure" would not fit."""

Suggested = tuple[int, Probe, str]
"""A suggested probe: its number among the question's probes (0: the engine's own), it, why."""


class EngineBase:
    """The engine's collaborators, its state and the views every handler needs."""

    _s: State

    def __init__(
        self, bank: Bank, recorder: Recorder, interview_id: str, clock: Callable[[], datetime]
    ) -> None:
        self.bank = bank
        self.recorder = recorder
        self.interview_id = interview_id
        self.clock = clock
        self._suggestions: dict[str, Suggestion | None] = {}

    @property
    def data(self) -> AssessmentData:
        """Everything recorded, as the recorder holds it now."""
        return self.recorder.data

    @property
    def suggestion(self) -> Suggestion | None:
        """The suggested score for the current criterion (None when nothing bears on it)."""
        step = self._step()
        return self._suggest(step.criterion.id) if step else None

    def suggestion_reply(self) -> SuggestionUpdate | Notice | None:
        """Return the current criterion's suggestion as the reply a front end renders."""
        step = self._step()
        return self._suggestion_update(step.criterion.id) if step else None

    def coverage(self) -> Coverage:
        """Return coverage of the plan and the time used and left."""
        return coverage(self.bank, self.data, self._interview(), self._s.plan, self.clock())

    def ask(self) -> Ask | None:
        """Return the reply that shows the current question (None when the plan is empty)."""
        step = self._step()
        if step is None:
            return None
        crit, q = step.criterion, step.question
        try:
            group = self.bank.group_of(crit.id).title
            band_label = self.bank.scale.band(q.probes_band).label
        except KeyError:
            group, band_label = "", q.probes_band
        return Ask(
            question_id=q.id,
            text=q.text,
            criterion_id=crit.id,
            criterion_title=crit.title,
            group_title=group,
            audience=q.audience,
            probes_band_label=band_label,
            index=self._s.index + 1,
            total=len(self._s.steps),
            show_me=tuple(q.show_me),
            mandatory=crit.mandatory,
        )

    # ------------------------------------------------------------------ helpers

    def _step(self) -> Step | None:
        steps = self._s.steps
        return steps[self._s.index] if 0 <= self._s.index < len(steps) else None

    def _criterion_id(self) -> str | None:
        step = self._step()
        return step.criterion.id if step else None

    def _turn(self, key: str | None) -> Turn | None:
        if key is None:
            return None
        try:
            return self.data.turn(key)
        except KeyError:
            return None

    def _interview(self) -> Interview:
        return self.data.interview(self.interview_id)

    def _changed(self) -> None:
        """Forget cached suggestions after a write."""
        self._suggestions.clear()

    def _suggest(self, criterion_id: str) -> Suggestion | None:
        """Return the suggestion for a criterion, from the turns and evidence that bear on it.

        The index is built over those alone (a shallow view of the data), so its cost does not
        grow with the answers given on other criteria.
        """
        if criterion_id not in self._suggestions:
            data = self.data
            view = data.model_copy(
                update={
                    "turns": [t for t in data.turns if criterion_id in turn_criteria(self.bank, t)],
                    "evidence": [e for e in data.evidence if criterion_id in e.criteria],
                }
            )
            index = SourceIndex(self.bank, view)
            self._suggestions[criterion_id] = suggest(self.bank, view, criterion_id, index)
        return self._suggestions[criterion_id]

    def _probe_for(self, answer: str, question: Question) -> Suggested | None:
        """Return the first probe (number, probe, why) for the answer's gaps, in gap order.

        Probes already asked for this question in this interview are passed over. When the
        answer says plainly that nothing is measured, the bank's "which measure…" probes would
        not fit: the follow-up asks whether measuring is planned and what stands in for it.
        """
        gaps = read_cached(answer).gaps
        if not gaps:
            return None
        probes = self.bank.probes_for(question)
        asked = {
            t.question
            for t in self.data.turns
            if t.interview_id == self.interview_id and t.question_id == question.id
        }
        if "no_measure" in gaps and MEASURE_DENIED.search(answer):
            gaps = tuple(g for g in gaps if g != "no_measure")
            if NOT_MEASURED_YET.text not in asked:
                return 0, NOT_MEASURED_YET, "they said it is not measured yet"
        for gap in gaps:
            for n, probe in enumerate(probes, 1):
                if probe.gap == gap and probe.text not in asked:
                    return n, probe, GAP_WHY.get(gap, gap.replace("_", " "))
        return None

    def _offer(self, probe: Suggested | None, dropped_why: str) -> list[Reply]:
        """Make `probe` the suggested one; return the reply for the change, if any.

        The same probe again needs no reply (its card is on screen already); none where one
        was suggested withdraws it, saying `dropped_why`.
        """
        old = self._s.suggested
        self._s = replace(self._s, suggested=probe)
        if probe is not None:
            if old is not None and old[1] == probe[1]:
                return []
            n, chosen, why = probe
            return [ProbeSuggested(chosen.text, chosen.gap, why, n)]
        return [ProbeDropped(old[1].text, dropped_why)] if old is not None else []

    def _suggestion_update(self, criterion_id: str) -> SuggestionUpdate | Notice:
        """Return the suggestion for a criterion as a reply; a Notice if it cannot be made.

        It runs after a write has succeeded, so it must not raise: the caller would then report
        a saved record as not saved.
        """
        try:
            suggestion = self._suggest(criterion_id)
        except Exception as exc:
            return Notice(f"no suggestion ({type(exc).__name__}: {exc})"[:200], "error")
        label = ""
        if suggestion is not None:
            try:
                label = self.bank.scale.band(suggestion.band).label
            except KeyError:
                label = suggestion.band
        return SuggestionUpdate(criterion_id, suggestion, label)

    def _find_criterion(self, word: str) -> str | None:
        """Return the bank criterion id a typed word names (any case, or a unique start)."""
        low = word.strip().lower()
        if not low:
            return None
        ids = [c.id for c in self.bank.criteria()]
        exact = [cid for cid in ids if cid.lower() == low]
        if exact:
            return exact[0]
        starts = [cid for cid in ids if cid.lower().startswith(low)]
        return starts[0] if len(starts) == 1 else None
