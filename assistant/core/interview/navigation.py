"""Provides the interview engine's navigation: next, skip, back, probes, the plan, time and help.

Moving never records anything; changing the plan saves the interview's planned criteria.
"""

from __future__ import annotations

from dataclasses import replace

from assistant.core.errors import AssessorError
from assistant.core.interview import commands
from assistant.core.interview.base import EngineBase, State, plan_steps
from assistant.core.interview.plan import Plan, PlanError
from assistant.core.interview.replies import Notice, NotSaved, ProbeAsked, Reply
from assistant.core.interview.views import HelpView, PlanEntry, PlanView


class Navigation(EngineBase):
    """Command handlers that move through the plan or change it."""

    def _go(self, index: int, state: State | None = None, push: bool = True) -> list[Reply]:
        s = state or self._s
        history = (*s.history, s.index)[-200:] if push else s.history
        self._s = replace(
            s, index=index, history=history, asking=None, suggested=None, asked_at=self.clock()
        )
        ask = self.ask()
        return [ask] if ask else []

    def _cmd_next(self, args: str, typed: str) -> list[Reply]:
        word = args.split()[0] if args.split() else ""
        if word:
            return self._jump(word, typed)
        return self._cmd_skip("", typed)

    def _cmd_skip(self, args: str, typed: str) -> list[Reply]:
        if self._s.index + 1 >= len(self._s.steps):
            return [
                Notice(
                    "that was the last planned question: /plan add CRITERION for "
                    "another area, or /end to close."
                )
            ]
        return self._go(self._s.index + 1)

    def _cmd_back(self, args: str, typed: str) -> list[Reply]:
        s = self._s
        if s.history:
            return self._go(s.history[-1], replace(s, history=s.history[:-1]), push=False)
        if s.index > 0:
            return self._go(s.index - 1, push=False)
        return [Notice("this is the first question.")]

    def _jump(self, word: str, typed: str) -> list[Reply]:
        cid = self._find_criterion(word)
        if cid is None:
            return [
                Notice(
                    f"no criterion '{word[:40]}' in the bank (for example "
                    f"{self.bank.criteria()[0].id}).",
                    "warning",
                    keep=typed,
                )
            ]
        state, out = self._s, list[Reply]()
        if cid not in state.plan.criteria:
            try:
                state, out = self._replan(
                    state.plan.add(cid, why="added during the interview"), f"added {cid}"
                )
            except AssessorError as exc:
                return [NotSaved(str(exc), typed)]
        index = next((i for i, s in enumerate(state.steps) if s.criterion.id == cid), None)
        if index is None:
            return [Notice(f"{cid} has no questions in this plan.", "warning")]
        return [*out, *self._go(index, state)]

    def _cmd_probe(self, args: str, typed: str) -> list[Reply]:
        step = self._step()
        if step is None:
            return [Notice("no question to probe.", "warning")]
        probes = self.bank.probes_for(step.question)
        word = args.split()[0] if args.split() else ""
        listing = "; ".join(f"{n}. {p.text}" for n, p in enumerate(probes, 1))
        if word:
            n = int(word) if word.isdecimal() and len(word) < 6 else 0
            if not 1 <= n <= len(probes):
                return [
                    Notice(f"probes for this question: {listing or 'none'}", "warning", keep=typed)
                ]
            probe = probes[n - 1]
        elif self._s.suggested is not None:
            probe = self._s.suggested[1]
        else:
            return [
                Notice(
                    f"no probe suggested. Probes for this question: {listing or 'none'}. "
                    "Type /probe N."
                )
            ]
        self._s = replace(self._s, asking=probe, suggested=None, asked_at=self.clock())
        return [ProbeAsked(probe.text, probe.gap, step.question.id, step.criterion.id)]

    # ------------------------------------------------------------------ plan, time, help

    def _replan(self, plan: Plan, why: str) -> tuple[State, list[Reply]]:
        """Save a changed plan and return the new state (not yet applied) and a PlanView.

        Raises AssessorError when the interview cannot be saved.
        """
        interview = self._interview()
        self.recorder.update_interview(
            interview.model_copy(update={"planned_criteria": list(plan.criteria)}),
            why=f"plan changed: {why}",
        )
        steps = plan_steps(self.bank, plan)
        current = self._step()
        index = next((i for i, s in enumerate(steps) if current and s == current), None)
        if index is None:
            index = min(self._s.index, max(len(steps) - 1, 0))
        state = replace(self._s, plan=plan, steps=steps, index=index, history=())
        return state, [self._plan_view(state)]

    def _plan_view(self, state: State) -> PlanView:
        current = state.steps[state.index].criterion.id if state.steps else None
        entries = tuple(
            PlanEntry(
                i.criterion_id,
                i.title,
                i.mandatory,
                len(i.question_ids),
                i.why,
                i.criterion_id == current,
                i.evidence_probe,
            )
            for i in state.plan.items
        )
        return PlanView(entries, state.plan.uncovered, state.plan.time_box_minutes, state.plan.role)

    def _cmd_plan(self, args: str, typed: str) -> list[Reply]:
        words = args.split()
        if not words:
            return [self._plan_view(self._s)]
        verb = words[0].lower()
        cid = self._find_criterion(words[1]) if len(words) > 1 else None
        usage = "usage: /plan [add C | drop C | move C N]"
        if verb not in ("add", "drop", "move") or cid is None:
            return [Notice(usage, "warning", keep=typed)]
        try:
            if verb == "add":
                plan = self._s.plan.add(cid)
            elif verb == "drop":
                plan = self._s.plan.drop(cid)
            else:
                pos = words[2] if len(words) > 2 else ""
                if not (pos.isdecimal() and len(pos) < 6):
                    return [Notice(usage, "warning", keep=typed)]
                plan = self._s.plan.move(cid, int(pos))
        except PlanError as exc:
            return [Notice(str(exc), "warning", keep=typed)]
        try:
            state, out = self._replan(plan, f"{verb} {cid}")
        except AssessorError as exc:
            return [NotSaved(str(exc), typed)]
        moved = state.steps[state.index] if state.steps else None
        if moved == self._step():
            self._s = state
            return out
        self._s = replace(state, asking=None, suggested=None, asked_at=self.clock())
        ask = self.ask()
        return [*out, *([ask] if ask else [])]

    def _cmd_time(self, args: str, typed: str) -> list[Reply]:
        return [replace(self.coverage(), asked=True)]

    def _cmd_help(self, args: str, typed: str) -> list[Reply]:
        word = args.split()[0] if args.split() else ""
        if word:
            cmd = commands.find(word)
            if cmd is None:
                matches = commands.close_matches(word)
                return [
                    Notice(f"no command /{word.lstrip('/')[:30]}.", "warning"),
                    HelpView(tuple(matches or commands.COMMANDS)),
                ]
            return [HelpView((cmd,))]
        return [HelpView(commands.COMMANDS)]
