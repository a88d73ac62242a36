"""Provides CriterionDetail: one criterion's decision, suggestion, reasons and selectable citations.

Each reason of the suggestion is listed with the turns and evidence it cites; choosing a citation
posts `CriterionDetail.CitationChosen`, and the screen decides where that leads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from assistant.core.bank.model import Bank
from assistant.core.inputs.library import criterion_inputs
from assistant.core.model import AssessmentData

if TYPE_CHECKING:
    from assistant.services.scores import CriterionLine

EFFECT_MARK = {
    "supports": ("+", "green"),
    "lowers": ("−", "yellow"),
    "caps": ("▼", "red"),
    "notes": ("·", "dim"),
}


def _snippet(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class CriterionDetail(VerticalScroll):
    """The selected criterion: statement, decision, sources and the suggestion's reasons."""

    @dataclass
    class CitationChosen(Message):
        """The assessor chose a citation: a turn key (``<interview>/<n>``) or an evidence id."""

        cite: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._cites: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="detail-head")
        yield OptionList(id="detail-reasons")
        yield Static(id="detail-bands")

    def show(self, bank: Bank, data: AssessmentData, line: CriterionLine | None) -> None:
        """Render one criterion's line (None clears the pane)."""
        head = self.query_one("#detail-head", Static)
        reasons = self.query_one("#detail-reasons", OptionList)
        bands = self.query_one("#detail-bands", Static)
        reasons.clear_options()
        self._cites = {}
        if line is None:
            head.update("Select a criterion to see its suggestion and the evidence behind it.")
            bands.update("")
            return
        head.update(self._head(bank, line))
        bands.update(self._bands(bank, line))
        options: list[Option] = []
        if line.suggestion is None:
            options.append(
                Option("No suggestion yet: nothing recorded bears on it.", disabled=True)
            )
        else:
            for r_i, reason in enumerate(line.suggestion.reasons):
                mark, style = EFFECT_MARK.get(reason.effect, ("·", ""))
                options.append(
                    Option(
                        Text.assemble((f"{mark} ", style), reason.text),
                        id=f"reason-{r_i}",
                        disabled=not reason.cites,
                    )
                )
                if reason.cites:
                    self._cites[f"reason-{r_i}"] = reason.cites[0]
                for c_i, cite in enumerate(reason.cites):
                    option_id = f"cite-{r_i}-{c_i}"
                    self._cites[option_id] = cite
                    options.append(Option(self._cite_text(data, cite), id=option_id))
        brought = criterion_inputs(bank, data, line.criterion.id)
        if brought:
            options.append(Option(Text("From the organisation:", style="bold"), disabled=True))
            options += [
                Option(Text(f"  {text}", style="yellow" if warn else "dim"), disabled=True)
                for text, warn in brought
            ]
        reasons.add_options(options)
        first = next((i for i, o in enumerate(options) if o.id in self._cites), None)
        if first is not None:
            reasons.highlighted = first

    def _head(self, bank: Bank, line: CriterionLine) -> Text:
        crit = line.criterion
        text = Text()
        text.append(f"{crit.id} {crit.title}", style="bold")
        if crit.mandatory:
            text.append("  mandatory", style="bold magenta")
        text.append(f"\n{crit.statement}\n", style="italic")
        sug = line.suggestion
        if sug is not None:
            band = bank.scale.band(sug.band).label
            text.append("Suggested: ", style="bold")
            text.append(f"{sug.score:g} {band}  (confidence {sug.confidence:.2f})\n")
        decided = line.decided
        text.append("Decision: ", style="bold")
        if decided is None or decided.score is None:
            text.append("not decided yet\n", style="dim")
        else:
            band = bank.scale.band_for(decided.score).label
            how = (
                "accepted suggestion"
                if decided.accepted_suggestion
                else f'override — "{decided.override_reason}"'
                if decided.override_reason
                else "set by the assessor"
            )
            who = f" by {decided.assessor}" if decided.assessor else ""
            text.append(f"{decided.score:g} {band}, {how}{who}\n")
            if line.suggestion_moved:
                text.append("  The suggestion has changed since this decision.\n", style="yellow")
        for other in line.others:
            if other.score is not None:
                name = other.assessor or "an unnamed assessor"
                text.append(
                    f"  Also decided: {other.score:g} by {name} (does not count)\n", style="dim"
                )
        for c in line.review_comments:
            flag = "changes requested" if c.request_changes else f"review comment ({c.status})"
            text.append(f"✉ {flag} on {c.target} {c.ref}: ", style="bold yellow")
            text.append(f"{c.text} — {c.author or 'reviewer'}\n")
        if decided is not None and decided.comment:
            text.append("Comment: ", style="bold")
            text.append(f"{decided.comment}\n")
        if line.blocker is not None:
            text.append(f"✖ Blocker: {line.blocker.reason}\n", style="bold red")
        tri = line.triangulation
        parts = [
            f"{role} {', '.join(line.people(role)) or '–'}"
            for role in ("lead", "stakeholder", "staff")
        ]
        text.append("Sources: ", style="bold")
        text.append(" · ".join(parts) + f" · evidence {line.evidence}, verified {line.verified}\n")
        for warning in tri.warnings:
            text.append(f"⚠ {warning}\n", style="yellow")
        text.append("Reasons (d, then Enter opens the turn cited):", style="bold")
        return text

    @staticmethod
    def _bands(bank: Bank, line: CriterionLine) -> Text:
        text = Text()
        for band in bank.scale.bands:
            words = line.criterion.descriptors.get(band.id, band.descriptor)
            text.append(f"\n{band.label} {band.min:g}-{band.max:g}: ", style="bold dim")
            text.append(words, style="dim")
        return text

    @staticmethod
    def _cite_text(data: AssessmentData, cite: str) -> Text:
        try:
            turn = data.turn(cite)
        except KeyError:
            turn = None
        if turn is not None:
            person = data.speaker_of(turn)
            code = person.code if person else "?"
            return Text.assemble(
                ("    → ", "cyan"),
                (f"{code} turn {turn.n}", "bold cyan"),
                f"  {_snippet(turn.answer)}",
            )
        item = next((e for e in data.evidence if e.id == cite), None)
        if item is not None:
            state = "verified" if item.verified else "not verified"
            return Text.assemble(
                ("    → ", "cyan"),
                (f"{item.type} {item.id}", "bold cyan"),
                f"  {_snippet(item.title)} ({state})",
            )
        return Text.assemble(("    → ", "cyan"), cite)

    @on(OptionList.OptionSelected, "#detail-reasons")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        cite = self._cites.get(event.option.id or "")
        if cite is not None:
            self.post_message(self.CitationChosen(cite))
