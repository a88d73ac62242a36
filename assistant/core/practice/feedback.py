"""Provides the feedback reply: the calibration as the trainee reads it after submitting."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from assistant.core.interview.replies import Reply
from assistant.core.practice.calibration import Calibration


def pct(value: float | None) -> str:
    """Return a share as a percentage, or 'n/a' when it is undefined."""
    return "n/a" if value is None else f"{100 * value:.0f} %"


def num(value: float | None, digits: int = 2) -> str:
    """Return a figure, or 'n/a' when it is undefined."""
    return "n/a" if value is None else f"{value:.{digits}f}"


def score_text(value: float | None) -> str:
    """Return a score without a needless decimal, or '-' when there is none."""
    return "-" if value is None else f"{value:g}"


def _n(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_lines(cal: Calibration) -> list[str]:
    """Return the overall figures, one per line."""
    return [
        f"Band agreement: {pct(cal.band_agreement)}",
        f"Within ±1 point: {pct(cal.within_one)}",
        f"Quadratic-weighted kappa (0-10 scores): {num(cal.weighted_kappa)}",
        f"You asked {_n(cal.questions_asked, 'question')}, used {_n(cal.probes_used, 'probe')} "
        f"and asked to be shown evidence {_n(cal.show_me_used, 'time')}; you reached "
        f"{cal.key_found} of {cal.key_total} pieces of key evidence.",
    ]


@dataclass(frozen=True)
class Feedback(Reply):
    """The comparison with the expert, criterion by criterion."""

    kind: ClassVar[str] = "practice-feedback"
    calibration: Calibration

    def plain(self) -> str:
        cal = self.calibration
        lines = [f"Calibration: {cal.case_title} ({cal.trainee})", *summary_lines(cal)]
        for r in cal.criteria:
            same = "same band" if r.trainee_band == r.reference_band else "different band"
            lines += [
                "",
                f"{r.id} {r.title}: you {score_text(r.trainee_score)} ({r.trainee_band or '-'}), "
                f"expert {score_text(r.reference_score)} ({r.reference_band}): {same}",
                f"  Expert: {' '.join(r.rationale.split())}",
            ]
            lines += [f"  Missed: {m}" for m in r.missed]
            lines += [f"  Over-weighted: {m}" for m in r.overweighted]
            if r.trap:
                lines.append(f"  Lesson: {r.trap}")
        return "\n".join(lines)
