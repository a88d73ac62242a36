"""Provides the interview engine: what the assessor types goes in, replies to render come out.

Text that is not a slash command is the answer to the question shown (a bank question or an
asked probe) and is saved at once through the Recorder. The replies then say it is saved,
suggest a follow-up probe for what the answer lacks, update the suggested score and show
coverage and time. Every write may fail: the engine then replies NOT SAVED with the typed text
and keeps its state, so pressing Enter again retries. No input string makes it raise.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Final

from assistant.core.bank.model import Bank, Criterion, Probe, Question
from assistant.core.errors import AssessorError, NotFoundError
from assistant.core.interview import commands
from assistant.core.interview.actions import Actions
from assistant.core.interview.base import State, clean_text, plan_steps
from assistant.core.interview.closing import Closing
from assistant.core.interview.navigation import Navigation
from assistant.core.interview.plan import Plan
from assistant.core.interview.progress import interview_turns, opening_items
from assistant.core.interview.recorder import Recorder
from assistant.core.interview.replies import (
    Notice,
    NotSaved,
    Opening,
    ProbeSuggested,
    Reply,
    Saved,
    count,
)
from assistant.core.model import Turn, now

MAX_ANSWER = 200_000
"""Answers longer than this many characters are refused (split them), not cut silently."""


class InterviewEngine(Navigation, Closing, Actions):
    """Runs one interview: asks the planned questions, records answers, probes, scores, closes."""

    def __init__(
        self,
        bank: Bank,
        recorder: Recorder,
        interview_id: str,
        plan: Plan,
        *,
        clock: Callable[[], datetime] = now,
    ) -> None:
        try:
            interview = recorder.data.interview(interview_id)
        except KeyError:
            raise NotFoundError(f"no interview '{interview_id}'") from None
        super().__init__(bank, recorder, interview_id, clock)
        steps = plan_steps(bank, plan)
        mine = interview_turns(recorder.data, interview_id)
        answered = {t.question_id for t in mine}
        last = max(len(steps) - 1, 0)
        index = next((i for i, s in enumerate(steps) if s.question.id not in answered), last)
        self._s = State(
            plan=plan,
            steps=steps,
            index=index,
            asked_at=clock(),
            last_turn=mine[-1].key if mine else None,
            ended=interview.ended is not None,
        )

    @property
    def plan(self) -> Plan:
        """The plan as it stands (it changes with /plan and /next CRITERION)."""
        return self._s.plan

    @property
    def ended(self) -> bool:
        """True once the interview is ended."""
        return self._s.ended

    @property
    def current_question(self) -> Question | None:
        """The bank question shown now (None when the plan is empty)."""
        step = self._step()
        return step.question if step else None

    @property
    def current_criterion(self) -> Criterion | None:
        """The criterion of the question shown now."""
        step = self._step()
        return step.criterion if step else None

    @property
    def current_probe(self) -> Probe | None:
        """The probe being asked: the next answer is recorded against it."""
        return self._s.asking

    @property
    def suggested_probe(self) -> Probe | None:
        """The probe the last answer calls for, asked by /probe."""
        return self._s.suggested[1] if self._s.suggested else None

    @property
    def last_turn(self) -> Turn | None:
        """The last turn recorded in this interview."""
        return self._turn(self._s.last_turn)

    def start(self) -> list[Reply]:
        """Return the opening checklist and the first question (or where the interview stands)."""
        interview = self._interview()
        if self._s.ended:
            return [
                Notice(f"interview {interview.id} has ended; nothing more is recorded.", "warning")
            ]
        out: list[Reply] = [Opening(opening_items(interview, self.plan.role))]
        done = len(interview_turns(self.data, self.interview_id))
        if done:
            out.append(
                Notice(f"resuming: {count(done, 'answer')} already recorded in this interview.")
            )
        out.append(
            self.ask()
            or Notice(
                "nothing is planned for this interview: add an area with /plan add CRITERION.",
                "warning",
            )
        )
        self._s = replace(self._s, asked_at=self.clock())
        return out

    def submit(self, text: str, *, speaker_id: str | None = None) -> list[Reply]:
        """Handle one typed line: a slash command, or the answer to the question shown.

        `speaker_id` names who answered when several people are interviewed together.
        """
        try:
            return self._submit(text, speaker_id)
        except Exception as exc:  # a live interview must go on: keep the text, report it
            reason = f"unexpected error, nothing changed ({type(exc).__name__}: {exc})"
            return [NotSaved(reason[:300], text)]

    def _submit(self, text: str, speaker_id: str | None) -> list[Reply]:
        parsed = commands.parse(text)
        if self._s.ended and (parsed is None or parsed.name != "help"):
            return [Notice("this interview has ended; nothing more is recorded here.", "warning")]
        if parsed is None:
            return self._answer(commands.unescape(text), text, speaker_id)
        if parsed.command is None:
            names = ", ".join("/" + c.name for c in parsed.suggestions)
            hint = f" Did you mean {names}?" if names else ""
            return [
                Notice(
                    f"{parsed.error}.{hint} /help lists the commands; start a line with "
                    "// to save text that begins with /.",
                    "warning",
                    keep=text,
                )
            ]
        return HANDLERS[parsed.command.name](self, parsed.args, text)

    def _answer(self, answer: str, typed: str, speaker_id: str | None) -> list[Reply]:
        clean = clean_text(answer)
        if not clean:
            return [Notice("nothing to save: type the answer, or /help for the commands.")]
        if len(clean) > MAX_ANSWER:
            return [
                NotSaved(
                    f"the answer is {len(clean):,} characters, more than {MAX_ANSWER:,}: split it",
                    typed,
                )
            ]
        step = self._step()
        asking = self._s.asking
        question = (asking.text if asking else step.question.text) if step else ""
        try:
            turn = self.recorder.record_turn(
                self.interview_id,
                answer=clean,
                question=question,
                question_id=step.question.id if step else None,
                tags=[],
                criteria=[step.criterion.id] if step else [],
                speaker_id=speaker_id,
                kind="answer",
                asked_at=self._s.asked_at,
            )
        except AssessorError as exc:
            return [NotSaved(str(exc), typed)]
        self._changed()
        out: list[Reply] = [Saved(turn.key, turn.n)]
        if step is None:
            self._s = replace(self._s, last_turn=turn.key, read_back=False)
            return [
                *out,
                Notice(
                    "saved without a question: nothing is planned; add an area "
                    "with /plan add CRITERION.",
                    "warning",
                ),
            ]
        self._s = replace(
            self._s, asking=None, last_turn=turn.key, read_back=False, asked_at=self.clock()
        )
        try:
            probe = self._probe_for(turn.answer, step.question)
        except Exception as exc:  # the answer is saved: say the probe failed, never "not saved"
            probe = None
            out.append(Notice(f"no probe suggested ({type(exc).__name__}: {exc})"[:200], "error"))
        self._s = replace(self._s, suggested=probe)
        if probe is not None:
            n, chosen, why = probe
            out.append(ProbeSuggested(chosen.text, chosen.gap, why, n))
        return [*out, self._suggestion_update(step.criterion.id), self.coverage()]


Handler = Callable[[InterviewEngine, str, str], list[Reply]]
"""A slash command's code: it gets the engine, the arguments and the line as typed."""

HANDLERS: Final[Mapping[str, Handler]] = {
    # navigation.py: moving through the plan
    "next": Navigation._cmd_next,
    "skip": Navigation._cmd_skip,
    "back": Navigation._cmd_back,
    "probe": Navigation._cmd_probe,
    "plan": Navigation._cmd_plan,
    "time": Navigation._cmd_time,
    "help": Navigation._cmd_help,
    # actions.py: recording
    "tag": Actions._cmd_tag,
    "note": Actions._cmd_note,
    "edit": Actions._cmd_edit,
    "evidence": Actions._cmd_evidence,
    "open": Actions._cmd_open,
    "score": Actions._cmd_score,
    # closing.py: opening checklist, read-back and end
    "tick": Closing._cmd_tick,
    "confirm": Closing._cmd_confirm,
    "dispute": Closing._cmd_dispute,
    "end": Closing._cmd_end,
}
"""Each command of the table in `commands.COMMANDS` and the code that runs it: one hop from a
command's name to its handler (tests/core/test_commands.py checks both lists agree)."""
