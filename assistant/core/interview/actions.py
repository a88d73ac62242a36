"""Provides the interview engine's recording commands: tags, notes, evidence, open items, scores.

Each handler takes the command's arguments and the line as typed, writes through the Recorder,
and returns replies. A refused command returns a Notice that keeps the typed text; a failed
write returns NOT SAVED and changes no engine state.
"""

from __future__ import annotations

from assistant.core.errors import AssessorError
from assistant.core.evidence.sources import turn_criteria
from assistant.core.interview.base import EngineBase, clean_text, excerpt, number, pick
from assistant.core.interview.replies import (
    Edited,
    EvidenceAdded,
    Notice,
    NotSaved,
    OpenItemAdded,
    Reply,
    Saved,
    ScoreSet,
    Tagged,
)
from assistant.core.model import (
    EVIDENCE_TYPES,
    TAGS,
    EvidenceType,
    OpenItem,
    Tag,
    Turn,
)
from assistant.core.scoring.decisions import DecisionError, decide

TAG_ALIASES: dict[str, tuple[Tag, str | None]] = {
    "claim": ("claim-to-verify", None),
    "seen": ("evidence-seen", None),
    "referral-doc": ("referral", "document"),
    "referral-document": ("referral", "document"),
    "referral-person": ("referral", "person"),
}
OPEN_KINDS = {
    "claim": "claim",
    "document": "document",
    "doc": "document",
    "person": "person",
    "people": "person",
}


class Actions(EngineBase):
    """Command handlers that record what was heard and decided."""

    def tag_last(self, tag: str, target: str | None = None, typed: str = "") -> list[Reply]:
        """Tag the last answer; claim-to-verify and referral also open a follow-up item.

        `target` chooses a referral's item: "document" (default) or "person".
        """
        typed = typed or f"/tag {tag}"
        word = tag.strip().lower()
        alias = TAG_ALIASES.get(word)
        name, kind = alias if alias else (word, None)
        if name not in TAGS:
            return [
                Notice(
                    f"no tag '{excerpt(tag, 40)}': use one of {', '.join(TAGS)} "
                    "(or referral-doc, referral-person).",
                    "warning",
                    keep=typed,
                )
            ]
        if target:
            kind = OPEN_KINDS.get(target.lower())
            if kind is None or kind == "claim":
                return [
                    Notice(
                        "a referral is to a document or a person: /tag referral doc, "
                        "/tag referral person.",
                        "warning",
                        keep=typed,
                    )
                ]
        turn = self._turn(self._s.last_turn)
        if turn is None:
            return [Notice("no answer to tag yet.", "warning")]
        tag_value: Tag = name
        if tag_value not in turn.tags:
            try:
                turn = self.recorder.edit_turn(
                    turn.key,
                    tags=[*turn.tags, tag_value],
                    why=f"tagged {tag_value} during the interview",
                )
            except AssessorError as exc:
                return [NotSaved(str(exc), typed)]
            self._changed()
        out: list[Reply] = [Tagged(turn.key, turn.n, tuple(turn.tags))]
        item_kind = (
            "claim"
            if tag_value == "claim-to-verify"
            else ((kind or "document") if tag_value == "referral" else None)
        )
        if item_kind is not None:
            out.extend(self._follow_up(turn, item_kind, typed))
        crit = turn.criteria[0] if turn.criteria else self._criterion_id()
        if crit is not None:
            out.append(self._suggestion_update(crit))
        return out

    def _follow_up(self, turn: Turn, kind: str, typed: str) -> list[Reply]:
        """Open the follow-up item a tag calls for, unless one citing this turn exists."""
        for item in self.data.open_items:
            if (item.interview_id, item.turn_n, item.kind) == (turn.interview_id, turn.n, kind):
                return []
        speaker = self.data.speaker_of(turn)
        where = f"{speaker.code if speaker else '?'}, turn {turn.n}"
        text = {
            "claim": "Verify the claim",
            "document": "Obtain the document referred to",
            "person": "Ask the person referred to",
        }[kind]
        item = OpenItem(
            kind=kind,
            text=f'{text} ({where}): "{excerpt(turn.answer)}"',
            criteria=list(turn.criteria),
            interview_id=turn.interview_id,
            turn_n=turn.n,
            created=self.clock(),
        )
        try:
            saved = self.recorder.add_open_item(item)
        except AssessorError as exc:
            return [NotSaved(f"{exc} (the tag is saved; the open item is not)", typed)]
        return [OpenItemAdded(saved.id, saved.kind, saved.text, tuple(saved.criteria))]

    def _cmd_tag(self, args: str, typed: str) -> list[Reply]:
        words = args.split()
        if not words:
            return [Notice("usage: /tag TAG; tags: " + ", ".join(TAGS), "warning", keep=typed)]
        return self.tag_last(words[0], words[1] if len(words) > 1 else None, typed)

    def _cmd_note(self, args: str, typed: str) -> list[Reply]:
        text = clean_text(args)
        if not text:
            return [Notice("usage: /note TEXT", "warning", keep=typed)]
        crit = self._criterion_id()
        try:
            turn = self.recorder.record_turn(
                self.interview_id,
                answer=text,
                question="",
                question_id=None,
                tags=[],
                criteria=[crit] if crit else [],
                speaker_id=None,
                kind="note",
                asked_at=self.clock(),
            )
        except AssessorError as exc:
            return [NotSaved(str(exc), typed)]
        self._changed()
        return [Saved(turn.key, turn.n, "note")]

    def _cmd_edit(self, args: str, typed: str) -> list[Reply]:
        head, _, rest = args.strip().partition(" ")
        n = int(head) if head.isascii() and head.isdigit() else None
        text = clean_text(rest if n is not None else args)
        if not text:
            return [Notice("usage: /edit [N] TEXT (N: the turn number)", "warning", keep=typed)]
        if n is None:
            turn = self._turn(self._s.last_turn)
        else:
            turn = next(
                (t for t in self.data.turns if t.interview_id == self.interview_id and t.n == n),
                None,
            )
        if turn is None:
            what = f"no turn {n} in this interview" if n is not None else "no answer to correct"
            return [Notice(f"{what} yet.", "warning", keep=typed)]
        try:
            turn = self.recorder.edit_turn(
                turn.key, answer=text, why="corrected during the interview"
            )
        except AssessorError as exc:
            return [NotSaved(str(exc), typed)]
        self._changed()
        out: list[Reply] = [Edited(turn.key, turn.n, turn.answer)]
        step = self._step()
        if turn.key == self._s.last_turn and step and step.question.id == turn.question_id:
            try:
                probe = self._probe_for(turn.answer, step.question)
            except Exception:  # the edit is saved: a failed probe must not undo that
                probe = None
            out += self._offer(probe, "the corrected answer no longer calls for it")
        for crit in turn_criteria(self.bank, turn):
            out.append(self._suggestion_update(crit))
        return out

    def _cmd_evidence(self, args: str, typed: str) -> list[Reply]:
        usage = "usage: /evidence TYPE TITLE [| reference] [verified]; types: " + ", ".join(
            EVIDENCE_TYPES
        )
        words = clean_text(args).split(None, 1)
        name = pick(words[0], EVIDENCE_TYPES) if words else None
        kind: EvidenceType | None = next((t for t in EVIDENCE_TYPES if t == name), None)
        if kind is None or len(words) < 2:
            return [Notice(usage, "warning", keep=typed)]
        title, _, reference = (p.strip() for p in words[1].partition("|"))
        verified = False
        for part in ("reference", "title"):
            value = reference if part == "reference" else title
            head, _, tail = value.rpartition(" ")
            if tail.lower() == "verified" and (head or part == "reference"):
                verified = True
                if part == "reference":
                    reference = head.strip()
                else:
                    title = head.strip()
                break
        if not title:
            return [Notice(usage, "warning", keep=typed)]
        crit = self._criterion_id()
        last = self._turn(self._s.last_turn)
        try:
            ev = self.recorder.add_evidence(
                type=kind,
                title=title,
                reference=reference,
                verified=verified,
                criteria=[crit] if crit else [],
                interview_id=self.interview_id,
                turn_n=last.n if last else None,
            )
        except AssessorError as exc:
            return [NotSaved(str(exc), typed)]
        self._changed()
        out: list[Reply] = [
            EvidenceAdded(ev.id, ev.type, ev.title, ev.reference, ev.verified, tuple(ev.criteria))
        ]
        asked_for = self._s.suggested[1].gap if self._s.suggested else None
        if ev.verified and asked_for == "claim_without_evidence":  # it asked where it is shown
            out += self._offer(None, "verified evidence is recorded")
        if crit is not None:
            out.append(self._suggestion_update(crit))
        return out

    def _cmd_open(self, args: str, typed: str) -> list[Reply]:
        words = clean_text(args).split(None, 1)
        kind = OPEN_KINDS.get(words[0].lower()) if words else None
        if kind is None or len(words) < 2:
            return [Notice("usage: /open claim|document|person TEXT", "warning", keep=typed)]
        crit = self._criterion_id()
        last = self._turn(self._s.last_turn)
        item = OpenItem(
            kind=kind,
            text=words[1],
            criteria=[crit] if crit else [],
            interview_id=self.interview_id,
            turn_n=last.n if last else None,
            created=self.clock(),
        )
        try:
            saved = self.recorder.add_open_item(item)
        except AssessorError as exc:
            return [NotSaved(str(exc), typed)]
        return [OpenItemAdded(saved.id, saved.kind, saved.text, tuple(saved.criteria))]

    def _cmd_score(self, args: str, typed: str) -> list[Reply]:
        words = clean_text(args).split(None, 1)
        crit = self._find_criterion(words[0]) if words else None
        if crit is not None and number(words[0]) is None:
            words = words[1].split(None, 1) if len(words) > 1 else []
        else:
            crit = self._criterion_id()
        if crit is None:
            return [
                Notice("no criterion to score: /score CRITERION N reason", "warning", keep=typed)
            ]
        value = number(words[0]) if words else None
        reason = (words[1] if len(words) > 1 else "") if value is not None else " ".join(words)
        suggestion = self._suggest(crit)
        try:
            score = decide(
                self.bank,
                crit,
                assessor=self._interview().assessor,
                suggestion=suggestion,
                score=value,
                reason=reason,
                comment=reason if value is None or suggestion is None else "",
                at=self.clock(),
            )
        except DecisionError as exc:
            hint = f" - /score {value:g} REASON" if value is not None else " - /score N REASON"
            return [Notice(f"{exc}{hint}.", "warning", keep=typed)]
        accepted = score.accepted_suggestion
        band = self.bank.scale.band(score.band or "")
        why = "suggestion accepted" if accepted else (reason or "scored without a suggestion")
        try:
            saved = self.recorder.set_score(score, why=why)
        except AssessorError as exc:
            return [NotSaved(str(exc), typed)]
        return [
            ScoreSet(
                crit,
                saved.score if saved.score is not None else score.score or 0.0,
                band.label,
                accepted,
                reason,
            )
        ]
