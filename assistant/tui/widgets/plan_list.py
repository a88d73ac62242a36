"""Provides PlanList: the interview plan as a list the assessor reorders and trims by keyboard.

It shows each planned criterion with its questions; the keys only ask the screen to change
the plan (the core's `Plan.move/drop/add` does the work) by posting `PlanList.Changed`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from assistant.core.bank.model import Bank
from assistant.core.interview.plan import Plan

Change = Literal["up", "down", "drop"]


class PlanList(OptionList):
    """The planned criteria, one option each with its questions under it."""

    BINDINGS: ClassVar = [
        Binding(
            "ctrl+up,shift+up",
            "move('up')",
            "Move up",
            id="plan.up",
            tooltip="Move the highlighted area earlier in the interview",
        ),
        Binding(
            "ctrl+down,shift+down",
            "move('down')",
            "Move down",
            id="plan.down",
            tooltip="Move the highlighted area later in the interview",
        ),
        Binding(
            "delete,d",
            "move('drop')",
            "Drop",
            id="plan.drop",
            tooltip="Drop the highlighted area from this interview",
        ),
    ]

    @dataclass
    class Changed(Message):
        """The assessor asked to move or drop a planned criterion."""

        plan_list: PlanList
        criterion_id: str
        change: Change

    def show(self, bank: Bank, plan: Plan, keep: str | None = None) -> None:
        """Render a plan; keep the highlight on criterion `keep` when given."""
        self.clear_options()
        for n, item in enumerate(plan.items, 1):
            crit = bank.criterion(item.criterion_id)
            by_id = {q.id: q for q in crit.questions}
            lines: list[str | tuple[str, str]] = [
                (f"{n}. {item.criterion_id} {item.title}\n", "bold"),
                (f"   {item.why}\n", "$warning" if item.mandatory else "dim"),
            ]
            for qid in item.question_ids:
                if qid in by_id:
                    lines.append(f"   · {by_id[qid].text}\n")
            if item.evidence_probe:
                lines.append((f"   ↳ {item.evidence_probe}\n", "$accent"))
            self.add_option(Option(Content.assemble(*lines).rstrip(), id=item.criterion_id))
        if keep is not None and keep in plan.criteria:
            self.highlighted = plan.criteria.index(keep)
        elif plan.items:
            self.highlighted = 0

    def action_move(self, change: Change) -> None:
        """Ask for the highlighted criterion to move up, down, or out of the plan."""
        if self.highlighted is None:
            return
        option = self.get_option_at_index(self.highlighted)
        if option.id:
            self.post_message(self.Changed(self, option.id, change))
