"""Provides the interview engine's opening and closing: the checklist, read-back marks, the end.

The opening checklist is ticked with /tick (docs/ASSESSMENT.md §3). /end reads back one point per
criterion answered, with the open items, for the interviewee to confirm or dispute (§4.6);
/end again, or /end confirm, ends the interview.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from assistant.core.errors import AssessorError
from assistant.core.interview.base import EngineBase, excerpt, number, pick
from assistant.core.interview.progress import (
    OPENING_STEPS,
    interview_turns,
    minutes_between,
    opening_items,
    read_back,
)
from assistant.core.interview.replies import Notice, NotSaved, Opening, Reply, count
from assistant.core.interview.views import Ended, PointMarked, ReadBack

Status = Literal["confirmed", "disputed"]


class Closing(EngineBase):
    """Command handlers for the opening checklist and the closing read-back."""

    def _cmd_tick(self, args: str, typed: str) -> list[Reply]:
        ids = [i for i, _ in OPENING_STEPS]
        interview = self._interview()
        done = list(interview.opening_done)
        word = args.strip().lower()
        if word == "all":
            wanted = ids
        elif not word:
            wanted = [i for i in ids if i not in done][:1]
        else:
            n = number(word)
            chosen = pick(word, tuple(ids))
            if n is not None and n == int(n) and 1 <= n <= len(ids):
                chosen = ids[int(n) - 1]
            if chosen is None:
                return [Notice(f"usage: /tick [1-{len(ids)}|all]", "warning", keep=typed)]
            wanted = [chosen]
        new = done + [i for i in wanted if i not in done]
        if new != done:
            try:
                self.recorder.update_interview(
                    interview.model_copy(update={"opening_done": new}), why="opening ticked"
                )
            except AssessorError as exc:
                return [NotSaved(str(exc), typed)]
        return [Opening(opening_items(self._interview(), self._s.plan.role))]

    def _cmd_confirm(self, args: str, typed: str) -> list[Reply]:
        return self._mark(args, typed, "confirmed")

    def _cmd_dispute(self, args: str, typed: str) -> list[Reply]:
        return self._mark(args, typed, "disputed")

    def _mark(self, args: str, typed: str, status: Status) -> list[Reply]:
        interview = self._interview()
        points = read_back(self.bank, self.data, interview)
        n = number(args.split()[0]) if args.split() else None
        if not points:
            return [Notice("no points to read back yet.", "warning")]
        if n is None or n != int(n) or not 1 <= n <= len(points):
            verb = "confirm" if status == "confirmed" else "dispute"
            return [
                Notice(f"usage: /{verb} N, with N from 1 to {len(points)}", "warning", keep=typed)
            ]
        point = points[int(n) - 1]
        confirmed = [p for p in interview.confirmed_points if p != point.record]
        disputed = [p for p in interview.disputed_points if p != point.record]
        (confirmed if status == "confirmed" else disputed).append(point.record)
        try:
            self.recorder.update_interview(
                interview.model_copy(
                    update={"confirmed_points": confirmed, "disputed_points": disputed}
                ),
                why=f"read-back point {point.n} {status} by the interviewee",
            )
        except AssessorError as exc:
            return [NotSaved(str(exc), typed)]
        return [PointMarked(replace(point, status=status))]

    def _cmd_end(self, args: str, typed: str) -> list[Reply]:
        word = args.strip().lower()
        if word not in ("", "confirm"):
            return [
                Notice(
                    "usage: /end, then /end again (or /end confirm) to finish",
                    "warning",
                    keep=typed,
                )
            ]
        interview = self._interview()
        if word == "confirm" or self._s.read_back:
            try:
                ended = self.recorder.end_interview(self.interview_id)
            except AssessorError as exc:
                return [NotSaved(str(exc), typed)]
            self._s = replace(self._s, ended=True)
            minutes = minutes_between(interview.started, ended.ended or self.clock())
            return [
                Ended(
                    self.interview_id,
                    len(interview_turns(self.data, self.interview_id)),
                    max(minutes, 0),
                    len(ended.disputed_points),
                )
            ]
        points = read_back(self.bank, self.data, interview)
        items = tuple(
            f"{i.kind}: {excerpt(i.text, 120)}"
            for i in self.data.open_items
            if i.interview_id == self.interview_id and i.status == "open"
        )
        out: list[Reply] = []
        cov = self.coverage()
        if cov.remaining_mandatory:
            n = len(cov.remaining_mandatory)
            out.append(
                Notice(
                    f"{'a mandatory area is' if n == 1 else f'{n} mandatory areas are'} not "
                    "covered yet: " + ", ".join(cov.remaining_mandatory),
                    "warning",
                )
            )
        todo = [i for i in opening_items(interview, self._s.plan.role) if not i.done]
        if todo:
            out.append(
                Notice(
                    f"opening checklist: {count(len(todo), 'step')} not ticked ("
                    + ", ".join(i.id for i in todo)
                    + "); /tick N if you did it, /tick all if you did them all.",
                    "warning",
                )
            )
        out.append(
            ReadBack(
                points, items, tuple(interview.disputed_points), tuple(interview.confirmed_points)
            )
        )
        self._s = replace(self._s, read_back=True)
        return out
