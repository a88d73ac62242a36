"""Provides ReviewTeamScreen: the lead assessor's review, from comments to sign-off.

One table lists the review comments (open first) with what they are on; beside it the selected
comment's thread, and below the sign-off blockers, one line each. Keys comment on the assessment,
a criterion, a score, a finding or a turn; request changes; answer, resolve or reopen a comment;
mark an override that crosses the certification line as reviewed; close an open item; move the
status; and sign off. Every change goes through `assistant.services.review`, as on the command
line, so the same guard rails apply.
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, Static

from assistant.core.model import ReviewComment
from assistant.core.review.signoff import blockers, crossings
from assistant.services import review
from assistant.services.opening import OpenAssessment
from assistant.tui.screens.note_modal import NoteModal
from assistant.tui.screens.review_base import ReviewScreen

TARGET_HINT = (
    "What is it on? A criterion (LRN.5), its score (score:LRN.5), a finding (finding:ID), "
    "a turn (turn:IV/N), or 'assessment'."
)
STATUS_STYLE = {"open": "bold red", "answered": "yellow", "resolved": "green"}


class ReviewTeamScreen(ReviewScreen):
    """Review comments, sign-off blockers and sign-off for the open assessment."""

    TITLE = "Review"
    AUTO_FOCUS = "#review-table"
    BUSY = "#review-body"
    BINDINGS = [
        Binding("c", "comment", "Comment", id="review.comment", tooltip=TARGET_HINT),
        Binding(
            "x",
            "request_changes",
            "Request changes",
            id="review.request_changes",
            tooltip="Comment and send the assessment back to in progress, with the reason",
        ),
        Binding(
            "a",
            "answer",
            "Answer",
            id="review.answer",
            tooltip="Answer the selected comment",
        ),
        Binding(
            "r",
            "resolve",
            "Resolve",
            id="review.resolve",
            tooltip="Resolve the selected comment, saying how",
        ),
        Binding(
            "o",
            "reopen",
            "Reopen",
            id="review.reopen",
            show=False,
            tooltip="Reopen the selected comment",
        ),
        Binding(
            "m",
            "mark_reviewed",
            "Override reviewed",
            id="review.override_reviewed",
            tooltip="Mark an override that crosses the certification line as reviewed",
        ),
        Binding(
            "i",
            "close_item",
            "Close item",
            id="review.close_item",
            show=False,
            tooltip="Close an open item (claim, document, person), saying how it was resolved",
        ),
        Binding(
            "p",
            "status",
            "Status",
            id="review.status",
            tooltip="Send to review, or back to in progress, saying why",
        ),
        Binding(
            "s",
            "sign_off",
            "Sign off",
            id="review.sign_off",
            tooltip="Sign off as the lead assessor (refused while anything blocks it)",
        ),
        Binding(
            "n",
            "consensus",
            "Consensus",
            id="review.consensus",
            tooltip="Individual scores side by side; agree consensus scores",
        ),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static("", id="review-status")
        with Horizontal(id="review-body"):
            table: DataTable[str | Text] = DataTable(
                id="review-table", cursor_type="row", zebra_stripes=True
            )
            yield table
            with Vertical(id="review-side"):
                yield Static("", id="review-thread")
                yield Static("", id="review-blockers")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#review-table", DataTable)
        for name in ("Status", "On", "By", "Comment"):
            table.add_column(name, key=name)

    # ------------------------------------------------------------------ drawing

    def draw(self, current: OpenAssessment) -> None:
        data = current.data
        a = data.assessment
        state = review.sign_off_state(data)
        head = Text()
        head.append(f"Status: {review.status_words(a.status)}", style="bold")
        head.append("  ·  ")
        head.append(state.describe(), style="green" if state.signed else "yellow")
        if a.consensus_opened is not None:
            closed = a.consensus_closed is not None
            head.append(f"  ·  consensus {'closed' if closed else 'open'}")
        if current.read_only:
            head.append("  ·  read-only", style="bold red")
        self.query_one("#review-status", Static).update(head)

        table = self.query_one("#review-table", DataTable)
        keep = self._selected_id()
        table.clear()
        items = sorted(data.comments, key=lambda c: (c.status == "resolved", c.at))
        for c in items:
            flag = "changes " if c.request_changes else ""
            table.add_row(
                Text(flag + c.status, style=STATUS_STYLE[c.status]),
                f"{c.target} {c.ref}" if c.target != "criterion" else c.ref,
                c.author or "-",
                short(c.text, 70),
                key=c.id,
            )
        if keep is not None:
            try:
                table.move_cursor(row=table.get_row_index(keep), animate=False)
            except Exception:  # noqa: BLE001 - RowDoesNotExist: gone
                pass
        self._show_thread()
        found = blockers(current.bank, data)
        text = Text()
        text.append(
            f"Sign-off blockers: {len(found)}\n" if found else "Nothing blocks sign-off.\n",
            style="bold red" if found else "bold green",
        )
        for line in found:
            text.append(f"• {line}\n")
        self.query_one("#review-blockers", Static).update(text)

    def _selected_id(self) -> str | None:
        return cursor_key(self.query_one("#review-table", DataTable))

    def _selected(self) -> ReviewComment | None:
        current = self.current
        cid = self._selected_id()
        if current is None or cid is None:
            return None
        return next((c for c in current.data.comments if c.id == cid), None)

    @on(DataTable.RowHighlighted, "#review-table")
    def _highlighted(self) -> None:
        self._show_thread()

    def _show_thread(self) -> None:
        c = self._selected()
        out = Text()
        if c is None:
            out.append("No review comments yet. c comments, x requests changes.", style="dim")
        else:
            out.append(f"{c.id} on {c.target} {c.ref}", style="bold")
            if c.request_changes:
                out.append("  changes requested", style="bold red")
            out.append(f"\n{c.author or 'reviewer'} {c.at:%Y-%m-%d %H:%M}: {c.text}\n")
            for r in c.replies:
                out.append(f"  {r.action} by {r.who or '-'} {r.at:%Y-%m-%d %H:%M}: ", style="dim")
                out.append(f"{r.text}\n")
        self.query_one("#review-thread", Static).update(out)

    # ------------------------------------------------------------------ actions

    def _do(self, what: str, write: Callable[[OpenAssessment], object]) -> None:
        current = self.current
        if current is None:
            self.notify("Open an assessment first.", severity="warning")
            return
        if self.save(what, lambda: write(current)) is not None:
            self.notify(f"{what}: saved")
        self.refresh_view()

    def _ask(self, title: str, done: Callable[[str], None], **kw: object) -> None:
        def answer(text: str | None) -> None:
            if text:
                done(text)

        self.app.push_screen(NoteModal(title, required=True, **kw), answer)  # type: ignore[arg-type]

    def _comment(self, request_changes: bool) -> None:
        def on_target(target: str) -> None:
            title = "Reason for the changes" if request_changes else "Comment"
            self._ask(
                f"{title} on {target}",
                lambda text: self._do(
                    "Changes requested" if request_changes else "Comment",
                    lambda oa: review.add_comment(
                        oa, target, text, request_changes=request_changes
                    ),
                ),
            )

        c = self._selected()
        self._ask(
            "Request changes on" if request_changes else "Comment on",
            on_target,
            value=c.ref if c is not None else "assessment",
            hint=TARGET_HINT,
        )

    def action_comment(self) -> None:
        """Comment on the assessment, a criterion, a score, a finding or a turn."""
        self._comment(False)

    def action_request_changes(self) -> None:
        """Comment and send the assessment back to in progress."""
        self._comment(True)

    def _on_selected(self, title: str, write: Callable[[OpenAssessment, str, str], object]) -> None:
        c = self._selected()
        if c is None:
            self.notify("Select a comment first.", severity="warning")
            return
        self._ask(f"{title} {c.id}", lambda text: self._do(title, lambda oa: write(oa, c.id, text)))

    def action_answer(self) -> None:
        """Answer the selected comment."""
        self._on_selected("Answer", lambda oa, cid, t: review.answer_comment(oa, cid, t))

    def action_resolve(self) -> None:
        """Resolve the selected comment, saying how."""
        self._on_selected(
            "Resolve", lambda oa, cid, t: review.answer_comment(oa, cid, t, resolve=True)
        )

    def action_reopen(self) -> None:
        """Reopen the selected comment."""
        self._on_selected("Reopen", review.reopen_comment)

    def action_mark_reviewed(self) -> None:
        """Mark an override crossing the certification line as reviewed."""
        current = self.current
        if current is None:
            return
        todo = [c.criterion_id for c in crossings(current.bank, current.data) if not c.reviewed]
        if not todo:
            self.notify("No override crossing the certification line awaits review.")
            return
        self._ask(
            "Override reviewed: criterion",
            lambda cid: self._do(
                f"{cid} override reviewed", lambda oa: review.mark_override_reviewed(oa, cid)
            ),
            value=todo[0],
            hint=f"Awaiting review: {', '.join(todo)}",
        )

    def action_close_item(self) -> None:
        """Close an open item, saying how it was resolved."""
        current = self.current
        if current is None:
            return
        items = [i for i in current.data.open_items if i.status == "open"]
        if not items:
            self.notify("No open items.")
            return

        def with_id(item_id: str) -> None:
            self._ask(
                f"How was {item_id} resolved?",
                lambda text: self._do(
                    f"{item_id} closed", lambda oa: review.close_item(oa, item_id, text)
                ),
            )

        self._ask(
            "Close open item",
            with_id,
            value=items[0].id,
            hint="\n".join(
                f"{i.id} {', '.join(i.criteria)}: {short(i.text, 60)}" for i in items[:8]
            ),
        )

    def action_status(self) -> None:
        """Send the assessment to review, or back to in progress, saying why."""
        current = self.current
        if current is None:
            return
        now_status = current.data.assessment.status
        target = "in-review" if now_status in ("planned", "in-progress") else "in-progress"
        if now_status == "planned":
            target = "in-progress"
        self._ask(
            f"Why move to {review.status_words(target)}?",
            lambda why: self._do(
                f"Status {review.status_words(target)}",
                lambda oa: review.set_status(oa, target, why),  # type: ignore[arg-type]
            ),
        )

    def action_sign_off(self) -> None:
        """Sign off; with blockers, ask for the reason to accept the risk explicitly."""
        current = self.current
        if current is None:
            return
        found = blockers(current.bank, current.data)
        if not found:
            self._do("Sign-off", lambda oa: review.sign_off(oa))
            return
        self._ask(
            f"{len(found)} blocker(s): sign off anyway, accepting the risk because…",
            lambda reason: self._do("Sign-off", lambda oa: review.sign_off(oa, reason)),
            hint="Escape cancels. The blockers are recorded in the sign-off with your reason.",
        )

    async def action_consensus(self) -> None:
        """Show the Consensus screen."""
        await self.app.switch_mode("consensus")


def cursor_key(table: DataTable[str | Text]) -> str | None:
    """Return the key of the row under a table's cursor (None when the table is empty)."""
    if table.row_count == 0:
        return None
    key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
    return str(key) if key is not None else None


def short(text: str, limit: int) -> str:
    """Return text on one line, cut to `limit` characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
