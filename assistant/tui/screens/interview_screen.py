"""Provides InterviewScreen: the live interview as a chat, with the answer box and side panel.

Every input goes to the core's InterviewEngine (typed text and `/` commands via `submit`,
one-key tags via `tag_last`); the screen only renders the replies. When a write fails the typed
text is back in the answer box at once, under a loud NOT SAVED, and Enter retries.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from assistant.core.bank.model import Bank
from assistant.core.inputs.library import criterion_inputs
from assistant.core.interview import replies as r
from assistant.core.interview import views as rv
from assistant.core.interview.engine import InterviewEngine
from assistant.core.interview.progress import minutes_between
from assistant.core.model import Turn
from assistant.tui.screens import SCREENS_CSS
from assistant.tui.screens.evidence_modal import EvidenceForm, EvidenceModal
from assistant.tui.screens.interview_commands import InterviewCommands
from assistant.tui.screens.interview_keys import INTERVIEW_BINDINGS
from assistant.tui.widgets.answer_box import AnswerBox, command_hint
from assistant.tui.widgets.chat import (
    ChatLog,
    ChatMessage,
    answer_body,
    answer_message,
    marked,
    read_back_body,
    set_tags,
)
from assistant.tui.widgets.saved_indicator import SavedIndicator, SaveState
from assistant.tui.widgets.side_panel import SidePanel
from assistant.tui.widgets.tag_bar import TagBar

if TYPE_CHECKING:
    from assistant.tui.app import AssessorApp

Pending = tuple[Callable[[], list[r.Reply]], str | None, Callable[[list[r.Reply]], None] | None]
"""An engine call waiting for the next refresh: the call, the typed text, what to do after."""
NARROW = 100
"""Below this many columns the side panel hides (F8 shows it over the chat)."""
HISTORY = 20
"""Turns of this interview shown again when it is resumed."""


class InterviewScreen(Screen[None]):
    """One interview in progress."""

    CSS_PATH = SCREENS_CSS

    app: AssessorApp
    COMMANDS: ClassVar = {InterviewCommands}

    BINDINGS: ClassVar = INTERVIEW_BINDINGS

    def __init__(self, engine: InterviewEngine) -> None:
        super().__init__(id="interview")
        self.engine = engine
        self._pending: deque[Pending] = deque()
        self._last_state: SaveState = "idle"
        self._last_detail = ""
        self._probe_card: ChatMessage | None = None
        self._read_back: tuple[ChatMessage, rv.ReadBack] | None = None

    # ------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="interview-body"):
            with Vertical(id="chat-column"):
                yield ChatLog(id="chat")
                with Horizontal(id="status-row"):
                    yield Static("", id="hint")
                    yield SavedIndicator(id="saved")
                yield AnswerBox(id="answer", criteria=self._criteria)
                yield TagBar(id="tags")
            yield SidePanel(id="side")
        yield Footer()

    def _criteria(self) -> Sequence[str]:
        return [c.id for c in self.engine.bank.criteria()]

    @property
    def bank(self) -> Bank:
        """The interview's question bank."""
        return self.engine.bank

    @property
    def unsent_text(self) -> str:
        """Text typed in the box and not sent yet (the app asks before quitting over it)."""
        return self.box.text if self.is_mounted and self.box.text.strip() else ""

    @property
    def box(self) -> AnswerBox:
        return self.query_one("#answer", AnswerBox)

    @property
    def chat(self) -> ChatLog:
        return self.query_one("#chat", ChatLog)

    @property
    def indicator(self) -> SavedIndicator:
        return self.query_one("#saved", SavedIndicator)

    def on_mount(self) -> None:
        data = self.engine.data
        interview = data.interview(self.engine.interview_id)
        codes = ", ".join(data.interviewee(i).code for i in interview.interviewee_ids)
        self.title = f"Interview · {codes}"
        self.sub_title = data.assessment.organisation
        self._show_history()
        self._show_replies(self.engine.start())
        self._refresh_panel()
        self._tick_timer()
        self.set_interval(1.0, self._tick_timer)
        self.box.focus()
        if self.engine.ended:
            self.box.close()

    def _show_history(self) -> None:
        data = self.engine.data
        mine = [t for t in data.turns if t.interview_id == self.engine.interview_id]
        if len(mine) > HISTORY:
            self.chat.add(
                ChatMessage(
                    f"{len(mine) - HISTORY} earlier turns are in the transcript.", kind="notice"
                )
            )
        for turn in mine[-HISTORY:]:
            if turn.question and turn.kind == "answer":
                self.chat.add(ChatMessage(turn.question, title="asked", kind="asked"))
            self.chat.add(self._bubble(turn))
        if mine:
            self._show_tags(mine[-1].key)
            self._last_state, self._last_detail = "saved", f"{len(mine)} turns on disk"
            self.indicator.set_state(self._last_state, self._last_detail)

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "-narrow")

    # ------------------------------------------------------------ input

    @on(AnswerBox.Sent)
    def _sent(self, event: AnswerBox.Sent) -> None:
        event.stop()
        self._enqueue(partial(self.engine.submit, event.text), typed=event.text)

    def run_line(self, line: str) -> None:
        """Run a command that did not come from the box (palette, keys); the box is untouched."""
        self._enqueue(partial(self.engine.submit, line))

    def action_tag(self, tag: str) -> None:
        """Tag the last answer (works while typing; the box is untouched)."""
        self._enqueue(partial(self.engine.tag_last, tag))

    def _enqueue(
        self,
        call: Callable[[], list[r.Reply]],
        typed: str | None = None,
        then: Callable[[list[r.Reply]], None] | None = None,
    ) -> None:
        """Queue an engine call; it runs after the next refresh, so "saving…" is on screen.

        Calls run in the order the keys were pressed: a tag pressed right after Enter tags the
        answer that Enter sent.
        """
        self._pending.append((call, typed, then))
        if len(self._pending) == 1:
            self.indicator.set_state("saving")
            self.call_after_refresh(self._drain)

    def _drain(self) -> None:
        while self._pending:
            call, typed, then = self._pending.popleft()
            replies = call()
            self._show_replies(replies, typed)
            if then is not None:
                then(replies)

    def action_line(self, line: str) -> None:
        """Run a `/` command bound to a key (next, back, probe, tick)."""
        self.run_line(line)

    def action_evidence(self) -> None:
        """Open the Add evidence form."""
        self._evidence_form(None, "")

    def _evidence_form(self, previous: EvidenceForm | None, problem: str) -> None:
        crit = self.engine.current_criterion
        label = f"{crit.id} {crit.title}" if crit else "no criterion"

        def done(form: EvidenceForm | None) -> None:
            if form is not None:
                self._enqueue(
                    partial(self.engine.submit, form.command()), then=partial(retry, form)
                )

        def retry(form: EvidenceForm, replies: list[r.Reply]) -> None:
            failed = next((x for x in replies if isinstance(x, r.NotSaved)), None)
            refused = next((x for x in replies if isinstance(x, r.Notice) and x.keep), None)
            if failed is not None or refused is not None:
                why = failed.reason if failed is not None else refused.text if refused else ""
                self._evidence_form(form, f"Not saved: {why}")

        self.app.push_screen(EvidenceModal(label, previous, problem), done)

    def action_toggle_panel(self) -> None:
        """Show or hide the side panel."""
        self.toggle_class("-panel-toggled")

    def action_leave(self) -> None:
        """Go back to the setup; refuse while unsent text is in the box."""
        if self.box.text.strip() and not self.engine.ended:
            self.notify(
                "Send or clear the text in the box first (nothing is lost: the "
                "interview stays open).",
                severity="warning",
            )
            return
        self.app.pop_screen()

    @on(AnswerBox.Changed, "#answer")
    def _typing(self) -> None:
        hint = command_hint(self.box.text)
        widget = self.query_one("#hint", Static)
        if hint != str(widget.content):  # an update re-lays out the column: only on change
            widget.update(hint)

    # ------------------------------------------------------------ replies

    def _show_replies(self, replies: Iterable[r.Reply], typed: str | None = None) -> None:
        replies = list(replies)
        saved_detail = ""
        failed: r.NotSaved | None = None
        for reply in replies:
            if isinstance(reply, (r.Saved, r.Ask, r.ProbeAsked)):
                self._probe_card = None  # a probe card before this stays as history
            if isinstance(reply, r.Saved):
                saved_detail = self._saved(reply)
            elif isinstance(reply, r.NotSaved):
                failed = reply
                self.chat.add_reply(reply)
            elif isinstance(reply, r.Tagged):
                self._show_tags(reply.turn_key)
                msg = self.chat.find(reply.turn_key)
                if msg is not None:
                    set_tags(msg, reply.tags)
                saved_detail = f"turn {reply.n} tagged"
            elif isinstance(reply, r.Edited):
                msg = self.chat.find(reply.turn_key)
                if msg is not None:
                    msg.update(answer_body(reply.answer))
                else:
                    self.chat.add_reply(reply)
                saved_detail = f"turn {reply.n} corrected"
            elif isinstance(reply, r.SuggestionUpdate):
                if reply.alert:
                    self.notify(reply.alert, title="accounts contradict", severity="warning")
                self._show_suggestion(reply)
            elif isinstance(reply, r.Coverage):
                self._show_coverage(reply)
                self.chat.add_reply(reply)  # in the chat too when asked for (/time)
            elif isinstance(reply, (r.ProbeSuggested, r.ProbeDropped)):
                self._show_probe(reply)
            elif isinstance(reply, rv.PointMarked):
                self._mark_point(reply.point)
                self.chat.add_reply(reply)
                saved_detail = "point marked"
            elif isinstance(reply, r.Opening):
                self.query_one(SidePanel).show_opening(reply.items)
            elif isinstance(reply, rv.Ended):
                self.chat.add_reply(reply)
                self.box.close()
                saved_detail = "interview ended · Esc goes back"

            else:
                msg = self.chat.add_reply(reply)
                if isinstance(reply, rv.ReadBack) and msg is not None:
                    self._read_back = (msg, reply)
                elif isinstance(reply, (r.Ask, rv.PlanView)):
                    self._refresh_panel()  # another criterion, or another plan
                if isinstance(reply, (r.EvidenceAdded, r.OpenItemAdded, r.ScoreSet)):
                    saved_detail = reply.kind.replace("-", " ") + " saved"
        if failed is not None:
            self.indicator.set_state("not-saved", failed.reason.removeprefix("not saved: "))
            self.app.bell()
        elif saved_detail:
            self.indicator.set_state("saved", saved_detail)
        else:  # nothing written: the last write's state still holds
            self.indicator.set_state(self._last_state, self._last_detail)
        self._last_state, self._last_detail = self.indicator.state, self.indicator.detail
        kept = r.kept_text(replies)
        if typed is not None and kept is not None:
            self.box.restore(kept)

    def _show_probe(self, reply: r.ProbeSuggested | r.ProbeDropped) -> None:
        """Show the one suggested probe: a new one replaces the card of the one it follows,
        a withdrawn one leaves the screen (with a line saying why)."""
        old = self._probe_card
        if old is not None and old.is_attached:
            old.remove()
        self._probe_card = (
            self.chat.add_reply(reply) if isinstance(reply, r.ProbeSuggested) else None
        )
        if isinstance(reply, r.ProbeDropped):
            self.chat.add_reply(reply)

    def _mark_point(self, point: rv.Point) -> None:
        """Change a point's mark (○ ✔ ✖) in the read-back on screen."""
        if self._read_back is None:
            return
        msg, shown = self._read_back
        shown = marked(shown, point)
        self._read_back = (msg, shown)
        if msg.is_attached:
            msg.update(read_back_body(shown))

    def _show_suggestion(self, reply: r.SuggestionUpdate) -> None:
        crit = self.engine.current_criterion
        if crit is not None and reply.criterion_id == crit.id:
            side = self.query_one(SidePanel)
            side.show_suggestion(reply.criterion_id, reply.suggestion, reply.band_label)
            # the accounts change with the answer that changed the suggestion: a
            # contradiction shows while the person who gave it is still in the room
            side.show_triangulation(self.engine.triangulation)

    def _show_coverage(self, reply: r.Coverage) -> None:
        titles = {c.id: c.title for c in self.engine.bank.criteria()}
        self.query_one(SidePanel).show_coverage(reply, titles)

    def _saved(self, reply: r.Saved) -> str:
        data = self.engine.data
        turn = data.turn(reply.turn_key)
        self.chat.add(self._bubble(turn))
        self._show_tags(turn.key)
        stamp = self.app.clock().astimezone().strftime("%H:%M:%S")
        return f"turn {turn.n} · {stamp}"

    def _bubble(self, turn: Turn) -> ChatMessage:
        speaker = self.engine.data.speaker_of(turn)
        code = speaker.code if speaker else "?"
        return answer_message(
            turn.answer, code=code, n=turn.n, key=turn.key, tags=turn.tags, kind=turn.kind
        )

    def _show_tags(self, key: str) -> None:
        data = self.engine.data
        try:
            turn = data.turn(key)
        except KeyError:
            return
        speaker = data.speaker_of(turn)
        self.query_one(TagBar).show(turn.tags, f"{speaker.code if speaker else '?'} t{turn.n}")

    def _refresh_panel(self) -> None:
        """Show the panel afresh: on opening, and when the criterion or the plan changes.

        Between those, the panel shows what the engine's replies carry (SuggestionUpdate,
        Coverage); it is not recomputed after every input.
        """
        engine = self.engine
        side = self.query_one(SidePanel)
        crit = engine.current_criterion
        side.show_criterion(
            engine.bank,
            crit,
            criterion_inputs(engine.bank, engine.data, crit.id) if crit is not None else (),
        )
        reply = engine.suggestion_reply()
        if isinstance(reply, r.SuggestionUpdate):
            self._show_suggestion(reply)
        side.show_triangulation(engine.triangulation)
        self._show_coverage(engine.coverage())

    def _tick_timer(self) -> None:
        interview = self.engine.data.interview(self.engine.interview_id)
        end = interview.ended or self.app.clock()
        used = max(0, minutes_between(interview.started, end))
        started = interview.started.astimezone().strftime("%H:%M")
        self.query_one(SidePanel).show_time(used, interview.time_box_minutes, started)
