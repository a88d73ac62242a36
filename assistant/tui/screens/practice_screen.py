"""Provides PracticeScreen: a trainee's interview with a practice case's scripted people.

The trainee types questions (or `/` commands) in the box; the core's `PracticeChat` answers as
the person being interviewed and records every exchange; this screen only renders the replies.
The side panel shows the people and which criteria are scored. After /submit (or F8 once
submitted) the calibration opens in `FeedbackScreen`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from assistant.core.interview import replies as r
from assistant.core.practice import replies as pr
from assistant.core.practice.calibration import trainee_scores
from assistant.core.practice.feedback import Feedback, summary_lines
from assistant.tui.screens import SCREENS_CSS
from assistant.tui.screens.feedback_screen import FeedbackScreen
from assistant.tui.widgets.chat import ChatLog, ChatMessage

if TYPE_CHECKING:
    from assistant.services.practice import PracticeSession
    from assistant.tui.app import AssessorApp


def render_practice(reply: r.Reply) -> ChatMessage | None:
    """Return the message for a practice reply (None for ones shown elsewhere)."""
    if isinstance(reply, pr.YouAsked):
        return ChatMessage(reply.text, title=f"you → {reply.person}", kind="practice-question")
    if isinstance(reply, pr.PersonSays):
        at = f" · turn {reply.turn_n}" if reply.turn_n else " · not recorded"
        parts: list[str | tuple[str, str]] = [reply.text]
        if reply.shown:
            parts.append((f"\nEvidence seen and recorded: {reply.shown}", "bold"))
        if reply.missing:
            parts.append(("\nNot produced: recorded as an open item", "italic"))
        msg = ChatMessage(
            Content.assemble(*parts),
            title=f"{reply.person} · {reply.title}{at}",
            kind="practice-answer",
        )
        if reply.shown:
            msg.border_subtitle = "#evidence-seen"
        return msg
    if isinstance(reply, pr.Listing):
        return ChatMessage("\n".join(reply.lines), title=reply.title, kind="practice-list")
    if isinstance(reply, Feedback):
        text = "\n".join(summary_lines(reply.calibration)) + "\nF8 opens the full comparison."
        return ChatMessage(text, title="calibration", kind="practice-feedback")
    if isinstance(reply, r.Saved):
        return None
    if isinstance(reply, r.NotSaved):
        return ChatMessage(reply.plain(), title="NOT SAVED", kind="not-saved")
    if isinstance(reply, r.Notice):
        return ChatMessage(reply.plain(), kind=f"notice -{reply.level}")
    return ChatMessage(reply.plain(), kind=reply.kind)


class PracticeScreen(Screen[None]):
    """A practice interview: talk to the case's people, score blind, submit, read feedback."""

    CSS_PATH = SCREENS_CSS

    app: AssessorApp

    BINDINGS: ClassVar = [
        Binding("f2", "people", "People", id="practice.people", tooltip="List the people"),
        Binding(
            "f3",
            "questions",
            "Questions",
            id="practice.questions",
            tooltip="The bank questions for the person you are talking to",
        ),
        Binding(
            "f5",
            "show",
            "Show me",
            id="practice.show",
            tooltip="Ask to be shown the evidence for the last answer",
        ),
        Binding(
            "f8",
            "feedback",
            "Feedback",
            id="practice.feedback",
            tooltip="The comparison with the expert (after /submit)",
        ),
        Binding(
            "escape",
            "leave",
            "Leave",
            id="practice.leave",
            tooltip="Leave the practice; everything is saved",
        ),
    ]

    def __init__(self, assessment_id: str) -> None:
        super().__init__(id="practice")
        self.assessment_id = assessment_id
        self.practice: PracticeSession | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="practice-body"):
            with Vertical(id="practice-column"):
                yield ChatLog(id="practice-chat")
                yield Input(
                    id="practice-input",
                    placeholder="Ask the person a question, or /help (S1: … talks to S1)",
                )
            yield Static(id="practice-side")
        yield Footer()

    def on_mount(self) -> None:
        from assistant.services.practice import open_practice

        try:
            self.practice = open_practice(self.app.workspace, self.assessment_id)
        except Exception as exc:  # noqa: BLE001 - shown, never a traceback
            self.query_one(ChatLog).add(ChatMessage(f"Error: {exc}", kind="notice -error"))
            return
        self.title = f"Practice · {self.practice.case.case.title}"
        self.sub_title = f"trainee {self.practice.chat.trainee}"
        self._show(self.practice.start())
        self.query_one("#practice-input", Input).focus()

    def on_unmount(self) -> None:
        if self.practice is not None:
            self.practice.close()
            self.practice = None

    def _show(self, replies: list[r.Reply]) -> None:
        chat = self.query_one(ChatLog)
        messages = [m for m in (render_practice(x) for x in replies) if m is not None]
        chat.add(*messages)
        self._side()
        for reply in replies:
            if isinstance(reply, Feedback):
                self._feedback(reply)

    def _side(self) -> None:
        if self.practice is None:
            return
        chat = self.practice.chat
        lines = ["People (F2, /to CODE):"]
        for code in chat.seats:
            person = chat.case.person(code)
            mark = "→" if code == chat.current else " "
            lines += [f"{mark} {code} {person.title}", f"     {person.site}"]
        mine = trainee_scores(chat.recorder.data, chat.trainee)
        lines += ["", "Your scores (/score C N):"]
        for crit in chat.case.criterion_ids():
            got = mine.get(crit)
            lines.append(
                f"  {crit}: {got.score:g}" if got and got.score is not None else f"  {crit}: -"
            )
        lines += ["", "Submitted: scores locked" if chat.submitted else "Blind: /submit when done"]
        self.query_one("#practice-side", Static).update("\n".join(lines))

    def send(self, text: str) -> list[r.Reply]:
        """Hand one line to the chat and show the replies (used by the box and the keys)."""
        if self.practice is None:
            return []
        replies = self.practice.chat.handle(text)
        self._show(replies)
        return replies

    @on(Input.Submitted, "#practice-input")
    def _submitted(self, event: Input.Submitted) -> None:
        box = event.input
        replies = self.send(event.value)
        kept = [x.text for x in replies if isinstance(x, r.NotSaved)]
        kept += [x.keep for x in replies if isinstance(x, r.Notice) and x.keep]
        box.value = kept[0] if kept else ""

    def action_people(self) -> None:
        self.send("/people")

    def action_questions(self) -> None:
        self.send("/questions")

    def action_show(self) -> None:
        self.send("/show")

    def action_feedback(self) -> None:
        if self.practice is None:
            return
        reply = self.practice.chat.feedback()
        if isinstance(reply, Feedback):
            self._feedback(reply)
        else:
            self._show([reply])

    def _feedback(self, reply: Feedback) -> None:
        """Open the comparison, with the trainee's earlier results for context."""
        from assistant.core.practice.feedback import num, pct
        from assistant.services.practice import progress

        try:
            rows = progress(self.app.workspace, reply.calibration.trainee)
        except Exception:  # noqa: BLE001 - the history is context; the comparison matters
            rows = []
        lines = tuple(
            f"{r.submitted:%Y-%m-%d} {r.case_id}: bands {pct(r.calibration.band_agreement)}, "
            f"±1 {pct(r.calibration.within_one)}, kappa {num(r.calibration.weighted_kappa)}"
            for r in rows
        )
        self.app.push_screen(FeedbackScreen(reply, lines))

    def action_leave(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()
        else:
            self.app.exit()
