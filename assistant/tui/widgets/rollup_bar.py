"""Provides RollupBar: the indicative rollup, certification readiness and bias flags in one block.

It only lays out what `core.scoring.rollup` decided; the Scores screen passes it the results.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from assistant.core.bank.model import Bank
from assistant.core.scoring.rollup import BiasFlag, Readiness, Rollup

SHOWN_BLOCKERS = 4
"""Blockers listed with their reasons at the top; the rest are marked in the table."""


def _score(value: float | None, bank: Bank) -> str:
    return "–" if value is None else f"{value:g}/{bank.scale.max:g}"


class RollupBar(Static):
    """Overall and per-group indicative scores, readiness with blockers, and bias flags."""

    def show(self, bank: Bank, roll: Rollup, ready: Readiness, bias: list[BiasFlag]) -> None:
        """Render the given results."""
        text = Text()
        overall = _score(roll.overall, bank)
        band = f" {roll.overall_band.label}" if roll.overall_band else ""
        pct = f" ({roll.overall_percent:g}%)" if roll.overall_percent is not None else ""
        text.append("Overall ", style="bold")
        text.append(f"{overall}{pct}{band}", style="bold")
        text.append(f"  indicative · {roll.scored} of {roll.total} scored\n", style="dim")
        for i, group in enumerate(roll.groups):
            if i:
                text.append("  │  ", style="dim")
            label = group.band.label if group.band else ""
            text.append(f"{group.title} ")
            text.append(f"{_score(group.score, bank)} {label}".rstrip(), style="bold")
            text.append(f" ({group.scored}/{group.total})", style="dim")
        text.append("\n")
        text.append(f"Aggregation: {roll.method}\n", style="dim italic")
        if ready.ready:
            text.append("Certification: ready", style="bold green")
            text.append(f" — {ready.rule}\n", style="dim")
        else:
            n = len(ready.blockers)
            text.append(
                f"Certification: not ready, {n} blocker{'s' if n != 1 else ''} ", style="bold red"
            )
            text.append("(✖ in the table)\n", style="dim")
            for i, blocker in enumerate(ready.blockers[:SHOWN_BLOCKERS]):
                text.append(" · " if i else "  ", style="dim")
                text.append(f"✖ {blocker.criterion_id}", style="bold red")
                text.append(f" {blocker.reason}")
            if n > SHOWN_BLOCKERS:
                text.append(f" · and {n - SHOWN_BLOCKERS} more", style="red")
            text.append("\n")
        for flag in bias:
            text.append(f"Bias check ({flag.kind}): ", style="bold yellow")
            text.append(f"{flag.message}\n")
        text.rstrip()
        self.update(text)
