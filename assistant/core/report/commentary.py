"""Provides criterion commentary: a drafted paragraph per criterion, and the lint that checks it.

Commentary is the 2-4 sentences under each criterion that an assessor signs: what was found, what
it rests on, what would lift it. `draft_commentary` writes one from the cited answers and evidence
in plain client language, for the assessor to edit (the Scores screen's comment key, or
``assessor comment``). `lint_text` flags text that cites nothing, restates a band descriptor, or is
a placeholder; findings get the same lint (DOMAIN.md §5 F19). `commentary_blockers` lists what
stands between an assessment and sign-off on this count: criteria whose commentary is missing or
fails the lint.

Citations in commentary are role codes (``L1``, ``S2``), turn numbers (``turn 4``) and evidence
titles, never internal ids, because the text goes to the client as written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.core.bank.model import Band, Bank, Criterion
from assistant.core.evidence.sources import SourceIndex, TurnSource
from assistant.core.evidence.triangulation import triangulate
from assistant.core.model import AssessmentData, Evidence

__all__ = [
    "CommentaryIssue",
    "commentary_blockers",
    "commentary_for",
    "draft_commentary",
    "lint_text",
    "what_would_lift",
]

MIN_CHARS = 60
"""Shorter than this, commentary cannot say what was found, on what, and what next."""
QUOTE_WORDS = 16
ROLE_CODE = re.compile(r"\b[LKS]\d{1,3}\b")
TURN_REF = re.compile(r"\bturns?\s+\d+", re.IGNORECASE)
EVIDENCE_REF = re.compile(r"\b(?:ev-[0-9a-f]{4,}|E\d{1,3})\b")
PLACEHOLDERS = re.compile(
    r"^\s*(?:tbd|tbc|todo|to do|xxx+|n/?a|none|-+|\.+|\?+|see above|as discussed|as above"
    r"|comment|lorem ipsum.*|suggested score accepted\.?|ok|fine|good|agreed)\s*[.!]*\s*$"
    r"|\b(?:lorem ipsum|\[?todo\]?|\btbd\b|xxx|fill (?:this )?in|placeholder)\b",
    re.IGNORECASE,
)
BOILERPLATE = re.compile(r"\bscores? \d+(?:\.\d+)?\b.{0,40}\b\d+(?:\.\d+)? points? below\b", re.I)
SHINGLE = 6
"""Words in a row shared with a descriptor that count as restating it."""
ACTION = re.compile(
    r"\b(?:next step|should|needs? to|could|to (?:reach|lift|hold|keep|move)|recommend"
    r"|would lift|would move|what would|introduce|publish|review|measure|set up|assign|agree)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class CommentaryIssue:
    """One criterion whose commentary is missing or fails the lint, and why."""

    criterion_id: str
    problem: str

    def plain(self) -> str:
        """Return the issue as one line."""
        return f"{self.criterion_id}: {self.problem}"


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.casefold())


def _shingles(text: str) -> set[tuple[str, ...]]:
    w = _words(text)
    return {tuple(w[i : i + SHINGLE]) for i in range(len(w) - SHINGLE + 1)}


def _descriptors(bank: Bank, crit: Criterion | None) -> list[str]:
    texts = [b.descriptor for b in bank.scale.bands]
    if crit is not None:
        texts += list(crit.descriptors.values())
    return texts


def _cites(text: str, evidence_titles: Sequence[str]) -> bool:
    if ROLE_CODE.search(text) or TURN_REF.search(text) or EVIDENCE_REF.search(text):
        return True
    folded = text.casefold()
    return any(len(t) >= 6 and t.casefold() in folded for t in evidence_titles)


def lint_text(
    text: str,
    bank: Bank,
    criterion: Criterion | None = None,
    *,
    evidence_titles: Sequence[str] = (),
    cited: bool = False,
    actionable: bool = False,
) -> list[str]:
    """Return what is wrong with a commentary or finding text ([] when nothing is).

    `cited` says the text carries citations elsewhere (a finding's evidence and turn lists);
    `actionable` asks for a next step, as risks and opportunities need.
    """
    flat = " ".join(text.split())
    if not flat or PLACEHOLDERS.search(flat):
        return ["is a placeholder, not commentary"]
    problems = []
    if len(flat) < MIN_CHARS:
        problems.append(f"is too short to say what was found and on what ({len(flat)} characters)")
    if not cited and not _cites(flat, evidence_titles):
        problems.append("cites nothing: name the role codes, turns or records it rests on")
    mine = _shingles(flat)
    if BOILERPLATE.search(flat) or any(mine & _shingles(d) for d in _descriptors(bank, criterion)):
        problems.append("restates the band descriptor instead of saying what was found")
    if actionable and not ACTION.search(flat):
        problems.append("says nothing the organisation could do next")
    return problems


# ------------------------------------------------------------------------------------ drafting


def _quote(source: TurnSource) -> str:
    words = " ".join(source.turn.answer.split()).split(" ")
    said = " ".join(words[:QUOTE_WORDS]).rstrip(" .,;:")
    return said + ("…" if len(words) > QUOTE_WORDS else "")


def _codes(turns: Sequence[TurnSource]) -> list[str]:
    return list(dict.fromkeys(t.code for t in turns if t.code))


def _join(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


FOUND = {
    "plan": "what we heard is mostly intention: plans and ideas rather than practice in place",
    "practice": "the practice runs day to day and people describe it in use",
    "improvement": "the practice is established, and people showed how its results lead to changes",
}
LIFT = {
    "plan": "putting the plan into practice and measuring whether it works",
    "practice": "showing that results are reviewed, changes follow from them, and the practice "
    "is shared across teams",
    "improvement": "keeping the review cycle going and the records that show it",
}


def draft_commentary(
    bank: Bank,
    data: AssessmentData,
    criterion_id: str,
    score: float | None = None,
    index: SourceIndex | None = None,
) -> str:
    """Draft 2-4 plain sentences on one criterion from its cited answers and evidence.

    With no score given, the criterion's current decided score is used, and without one the
    draft describes what the answers imply.
    """
    index = index or SourceIndex(bank, data)
    crit = bank.criterion(criterion_id)
    if score is None:
        decided = data.current_scores().get(criterion_id)
        score = decided.score if decided else None
    src = index.for_criterion(criterion_id)
    tri = triangulate(bank, data, criterion_id, index)
    turns = [t for t in src.turns if t.turn.answer.strip()]
    verified = [e for e in src.evidence if e.verified]
    unverified = [e for e in src.evidence if not e.verified]
    if not turns and not src.evidence:
        return (
            f"No one interviewed spoke to {crit.title.lower()} and no record was seen, so "
            "this criterion could not be assessed. At the next assessment, show it with "
            f"{_typical(crit)}."
        )
    band: Band | None = bank.scale.band_for(score) if score is not None else None
    if band is None:
        levels = sorted(turns, key=lambda t: -t.level)
        signal = levels[0].reading.signal if levels and levels[0].level >= 0 else "plan"
        band = bank.scale.band_for_signal(signal or "plan")
    out = [f"{band.label}: {FOUND[band.signal]}."]
    best = sorted(turns, key=lambda t: (-t.level, -t.reading.confidence, t.turn.key))
    if best:
        top = best[0]
        others = [c for c in _codes(best) if c != top.code]
        said = f'{top.code} (turn {top.turn.n}) said "{_quote(top)}"'
        if others:
            said += f"; {_join(others[:4])} also spoke to it"
        out.append(said[0].upper() + said[1:] + ".")
    out.append(_basis(verified, unverified, tri.has("staff"), bool(turns)))
    out.append(_lift(crit, band, verified, tri.has("staff"), data, criterion_id))
    return " ".join(s for s in out if s)


def _basis(verified: list[Evidence], unverified: list[Evidence], staff: bool, heard: bool) -> str:
    if verified:
        titles = _join([e.title for e in verified[:3]])
        basis = f"It rests on interview accounts and on records we saw: {titles}"
    elif unverified:
        shown = unverified[:2]
        basis = (
            "It rests on interview accounts; "
            + _join([e.title for e in shown])
            + (" was" if len(shown) == 1 else " were")
            + " referred to but not seen"
        )
    else:
        basis = "It rests on interview accounts alone; no record was seen"
    if heard and not staff:
        basis += ", and no front-line staff account"
    return basis + "."


def _lift(
    crit: Criterion,
    band: Band,
    verified: list[Evidence],
    staff: bool,
    data: AssessmentData,
    criterion_id: str,
) -> str:
    needs = []
    if not staff:
        needs.append("front-line staff describing the same practice")
    if not verified:
        needs.append(_typical(crit))
    asked = [
        o.text.rstrip(".")
        for o in data.open_items
        if o.status == "open" and o.kind == "document" and criterion_id in o.criteria
    ]
    if asked:
        needs.append(asked[0][0].lower() + asked[0][1:])
    head = "To hold this score" if band.signal == "improvement" else "What would lift it"
    tail = f"{LIFT[band.signal]}" + (f", with {_join(needs[:2])}" if needs else "")
    return f"{head}: {tail}."


ADVICE = {
    "plan": "put the plan into practice and measure whether it works",
    "practice": "show that results are reviewed, that changes follow from them, and that the "
    "practice is shared across teams",
    "improvement": "keep the review cycle going and the records that show it",
}


def what_would_lift(
    bank: Bank,
    data: AssessmentData,
    criterion_id: str,
    score: float,
    index: SourceIndex | None = None,
) -> str:
    """Return what would lift a scored criterion, as advice to the organisation (one sentence):
    "Take SVC.2 Service standards to Integration: show that results are reviewed, …"."""
    index = index or SourceIndex(bank, data)
    crit = bank.criterion(criterion_id)
    band = bank.scale.band_for(score)
    rank = bank.scale.rank(band.id)
    nxt = bank.scale.bands[rank + 1] if rank + 1 < len(bank.scale.bands) else None
    src = index.for_criterion(criterion_id)
    verified = [e for e in src.evidence if e.verified]
    staff = triangulate(bank, data, criterion_id, index).has("staff")
    needs = _lift(crit, band, verified, staff, data, criterion_id).partition(", with ")[2]
    head = f"Take {crit.id} {crit.title} to {nxt.label}" if nxt else f"Hold {crit.id} {crit.title}"
    return f"{head}: {ADVICE[band.signal]}" + (f", with {needs}" if needs else ".")


def _typical(crit: Criterion) -> str:
    items = [e.rstrip(".") for e in crit.typical_evidence[:2]]
    return " or ".join(i[0].lower() + i[1:] if i else i for i in items)


# ------------------------------------------------------------------------------------ sign-off


def commentary_for(data: AssessmentData, criterion_id: str) -> str:
    """Return the assessor's commentary on a criterion (the counting decision's comment)."""
    decided = data.current_scores().get(criterion_id)
    return decided.comment if decided else ""


def commentary_blockers(bank: Bank, data: AssessmentData) -> list[CommentaryIssue]:
    """Return every criterion whose commentary is missing or fails the lint, in bank order.

    Sign-off needs this list empty: each criterion carries 2-4 sentences the assessor has
    written or accepted, citing what it rests on.
    """
    titles: dict[str, list[str]] = {}
    for e in data.evidence:
        for cid in e.criteria:
            titles.setdefault(cid, []).append(e.title)
    out = []
    for crit in bank.criteria():
        text = commentary_for(data, crit.id)
        if not text.strip():
            out.append(CommentaryIssue(crit.id, "no commentary yet"))
            continue
        for problem in lint_text(text, bank, crit, evidence_titles=titles.get(crit.id, ())):
            out.append(CommentaryIssue(crit.id, f"commentary {problem}"))
    return out
