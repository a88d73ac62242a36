"""Provides FindingsEditing: the Report screen's findings editor — add, edit, remove with reason.

Drafts come from the core's findings composer. Editing or removing a draft first stores it as
drafted, so the change itself goes through the Session as an audited change (old, new, why).
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.widgets import OptionList, Static

from assistant.core.model import Finding
from assistant.tui.screens.finding_modal import FindingEdit, FindingModal
from assistant.tui.screens.note_modal import NoteModal
from assistant.tui.screens.review_base import ReviewScreen
from assistant.tui.widgets.findings_list import FindingsList, origin


class FindingsEditing(ReviewScreen):
    """Findings actions for a screen that shows a `FindingsList` and a finding detail box."""

    @on(OptionList.OptionHighlighted, "#report-findings")
    def _show_finding(self) -> None:
        f = self.query_one(FindingsList).selected()
        box = self.query_one("#report-finding-detail", Static)
        if f is None:
            box.update("No finding selected. n writes one.")
            return
        text = Text()
        text.append(f"{f.kind} · {origin(f)} · {f.id}\n", style="bold")
        text.append(f.text + "\n")
        if f.criteria:
            text.append(f"criteria: {', '.join(f.criteria)}\n", style="dim")
        if f.evidence_ids:
            text.append(f"evidence: {', '.join(f.evidence_ids)}\n", style="dim")
        if f.turn_keys:
            text.append(f"turns: {', '.join(f.turn_keys)}", style="dim")
        box.update(text)

    def _stored(self, finding_id: str) -> Finding | None:
        current = self.current
        if current is None:
            return None
        return next((f for f in current.data.findings if f.id == finding_id), None)

    def _ensure_stored(self, finding: Finding) -> bool:
        """Store a draft as it was drafted, so that what follows is an audited change to it."""
        current = self.current
        if current is None:
            return False
        if self._stored(finding.id) is not None:
            return True
        return self.save("Finding", lambda: current.session.add_finding(finding)) is not None

    def action_new_finding(self) -> None:
        """Write a finding of the assessor's own."""
        current = self.current
        if current is None:
            return

        def done(edit: FindingEdit | None) -> None:
            if edit is None:
                return
            new = Finding(kind=edit.kind, text=edit.text, criteria=edit.criteria)
            if self.save("New finding", lambda: current.session.add_finding(new)) is not None:
                self.refresh_view()
                self.query_one(FindingsList).select_id(new.id)
                self._show_finding()
                self.notify(f"{edit.kind.capitalize()} added.")

        self.app.push_screen(FindingModal(current.bank), done)

    def _selected_or_say(self) -> Finding | None:
        f = self.query_one(FindingsList).selected()
        if f is None:
            self.notify("Select a finding first.", severity="warning")
        return f

    def action_edit_finding(self) -> None:
        """Edit the selected finding's kind, text and criteria (audited)."""
        current, f = self.current, self._selected_or_say()
        if current is None or f is None:
            return

        def done(edit: FindingEdit | None) -> None:
            if edit is None or not self._ensure_stored(f):
                return
            new = f.model_copy(
                update={
                    "kind": edit.kind,
                    "text": edit.text,
                    "criteria": edit.criteria,
                    "edited": True,
                }
            )
            why = "edited draft" if f.drafted else "edited"
            if (
                self.save("Edit finding", lambda: current.session.update_finding(new, why=why))
                is not None
            ):
                self.refresh_view()

        self.app.push_screen(FindingModal(current.bank, f), done)

    def action_remove_finding(self) -> None:
        """Remove the selected finding, with the reason (it stays in the audit log)."""
        current, f = self.current, self._selected_or_say()
        if current is None or f is None:
            return

        def done(reason: str | None) -> None:
            if not reason or not self._ensure_stored(f):
                return
            if (
                self.save(
                    "Remove finding", lambda: current.session.remove_finding(f.id, why=reason)
                )
                is not None
            ):
                self.refresh_view()
                self.notify(f"Finding {f.id} removed.")

        self.app.push_screen(
            NoteModal(
                f"Remove finding {f.id}",
                required=True,
                placeholder="why it does not belong in the report",
                hint=" ".join(f.text.split())[:200],
            ),
            done,
        )
