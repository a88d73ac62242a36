"""Provides SidePanel: what the assessor glances at while listening.

Top to bottom: the timer against the time box over the plan coverage, the opening checklist
until it is done, the live suggested score with its reasons (each citing role code and turn),
then the current criterion's statement, band descriptors and typical evidence. It renders
what the screen hands it; it decides nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from assistant.core.bank.model import Bank, Criterion
from assistant.core.interview.replies import Coverage, OpeningItem
from assistant.core.model import Suggestion

EFFECT_MARK = {"supports": "+", "lowers": "−", "caps": "⊓", "notes": "·"}


class SidePanel(VerticalScroll, can_focus=False):
    """The interview's side panel; hidden on narrow terminals (see app.tcss)."""

    def compose(self) -> ComposeResult:
        yield Static(id="progress", classes="panel-block")
        yield Static(id="opening", classes="panel-block")
        yield Static(id="suggestion", classes="panel-block")
        yield Static(id="criterion", classes="panel-block")

    def _set(self, block: str, title: str | None, body: Content | str) -> None:
        widget = self.query_one(f"#{block}", Static)
        if title is not None:
            widget.border_title = title
        widget.update(body)
        widget.display = bool(str(body))

    # ------------------------------------------------------------ blocks

    def show_time(self, used: int, box: int, started: str) -> None:
        """Show minutes used against the time box, as the title of the coverage block."""
        left = box - used
        state = f"{left} left" if left >= 0 else f"{-left} OVER"
        width = 10
        filled = min(width, round(width * used / box)) if box else width
        bar = "█" * filled + "░" * (width - filled)
        block = self.query_one("#progress", Static)
        block.border_title = f"time {used}/{box} min {bar} {state}"
        block.set_class(left < 0, "-over")
        block.border_subtitle = f"started {started}"

    def show_coverage(self, cov: Coverage, titles: dict[str, str]) -> None:
        """Show which planned areas have answers (one line each) and any time warning."""
        lines: list[Content] = []
        for cid in cov.planned:
            done = cid in cov.covered
            must = cid in cov.remaining_mandatory
            mark = "✔" if done else ("!" if must else "○")
            style = "$success" if done else ("bold $warning" if must else "")
            lines.append(Content.styled(f"{mark} {cid} {titles.get(cid, '')}", style))
        if cov.warning:
            lines.append(Content.styled(cov.warning, "bold $warning"))
        body = Content("\n").join(lines) if lines else Content("nothing planned")
        self._set("progress", None, body)

    def show_opening(self, items: Sequence[OpeningItem]) -> None:
        """Show the opening checklist until every step is ticked."""
        todo = [i for i in items if not i.done]
        if not todo:
            self._set("opening", "", "")
            return
        marks = "  ".join(f"{'☑' if i.done else '☐'} {i.id}" for i in items)
        body = Content.assemble(marks, ("\nnext: ", "bold"), todo[0].text)
        self._set("opening", f"opening · {len(todo)} to do · F9 ticks", body)

    def show_suggestion(
        self, criterion_id: str, suggestion: Suggestion | None, band_label: str
    ) -> None:
        """Show the live suggested score and its reasons."""
        if suggestion is None:
            self._set(
                "suggestion",
                f"suggested · {criterion_id}",
                Content.styled("nothing to go on yet", "dim"),
            )
            return
        head = Content.assemble(
            (f"{suggestion.score:g} {band_label}", "bold $accent"),
            f"  confidence {suggestion.confidence:.0%}\n",
        )
        lines = [
            Content.assemble((f"{EFFECT_MARK.get(x.effect, '·')} ", "bold"), x.text)
            for x in suggestion.reasons[:5]
        ]
        body = Content.assemble(head, Content("\n").join(lines))
        self._set("suggestion", f"suggested · {criterion_id} · /score accepts", body)

    def show_criterion(
        self, bank: Bank, crit: Criterion | None, inputs: Sequence[tuple[str, bool]] = ()
    ) -> None:
        """Show a criterion's statement, band descriptors and typical evidence.

        `inputs` are the organisation's lines for it (self-score, library items), each with
        whether to flag it (stale, or cited but not in the library).
        """
        if crit is None:
            self._set("criterion", "", "")
            return
        parts: list[str | tuple[str, str]] = [f"{crit.statement}\n"]
        if inputs:
            parts.append(("\nFrom the organisation:", "bold"))
            parts += [(f"\n • {text}", "$warning" if warn else "") for text, warn in inputs]
            parts.append("\n")
        for band in bank.scale.bands:
            descriptor = crit.descriptors.get(band.id, band.descriptor)
            parts += [(f"\n{band.label} {band.min:g}–{band.max:g}: ", "bold"), descriptor]
        parts.append(("\n\nTypical evidence:", "bold"))
        parts += [f"\n • {item}" for item in crit.typical_evidence]
        must = " · mandatory" if crit.mandatory else ""
        self._set("criterion", f"{crit.id} {crit.title}{must}", Content.assemble(*parts))
