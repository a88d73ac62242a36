"""Provides the findings composer: drafts strengths, risks and opportunities from the evidence.

Every draft names its criterion, quotes the answers behind it by role code and turn (never by
name), lists the evidence ids it rests on and ends with a next step, so it meets the Baldrige
bar of actionable, aligned, accurate and appropriate feedback (docs/ASSESSMENT.md §8).

Drafts get stable ids (``d-<kind>-<rule>-<criterion>``). The assessor's own findings always win:
a stored finding that was written by hand, edited or removed is kept as it is (a removed one stays
out); only untouched drafts are refreshed from the current evidence.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from assistant.core.bank.model import Band, Bank, Criterion
from assistant.core.evidence.sources import SourceIndex, TurnSource, quote
from assistant.core.evidence.triangulation import Triangulation, triangulate
from assistant.core.model import AssessmentData, Finding, FindingKind, RoleType, Turn
from assistant.core.scoring.rollup import decided_scores, readiness

QUOTE_CHARS = 110
"""Quotes are trimmed to about this many characters around the words that matter."""

RISK_ORDER = {"blocker": 0, "gap": 1, "claim": 2, "single": 3}
"""Risks are ranked by rule first (blockers before gaps before unverified claims), then by score."""


@dataclass(frozen=True)
class _Ctx:
    """What every rule needs about one criterion."""

    crit: Criterion
    score: float | None
    band: Band | None
    tri: Triangulation
    turns: list[TurnSource]


def _quote(source: TurnSource) -> str:
    """Return a short quote from an answer, centred on the words that set its reading."""
    text = source.turn.answer
    reading = source.reading
    cues = [c for c in reading.cues if c.signal == reading.signal] or list(reading.cues)
    if not cues:
        return _short(text)
    out = quote(text, cues[0].start, cues[0].end, QUOTE_CHARS)
    if out.startswith("…") and " " in out:  # never start or end inside a word
        out = "…" + out[out.index(" ") + 1 :]
    if out.endswith("…") and " " in out:
        out = out[: out.rindex(" ")].rstrip(",;:") + "…"
    return out


def _cite(source: TurnSource, whole: bool = False) -> str:
    said = _short(source.turn.answer, 2 * QUOTE_CHARS) if whole else _quote(source)
    said = said.rstrip(" .;,:") if not said.endswith("…") else said
    return f'{source.code} (turn {source.turn.n}): "{said}"'


def _best(turns: Sequence[TurnSource], role: str | None = None, limit: int = 2) -> list[TurnSource]:
    """Return the most informative answers (highest level, then surest), one per speaker."""
    pool = [t for t in turns if role is None or t.role == role]
    pool.sort(key=lambda t: (-t.level, -t.reading.confidence, t.turn.key))
    out: list[TurnSource] = []
    codes: set[str] = set()
    for t in pool:
        if t.code not in codes:
            out.append(t)
            codes.add(t.code)
        if len(out) == limit:
            break
    return out


def _score_text(bank: Bank, ctx: _Ctx) -> str:
    if ctx.score is None or ctx.band is None:
        return "not scored"
    return f"{ctx.score:g}/{bank.scale.max:g}, {ctx.band.label}"


def _head(ctx: _Ctx) -> str:
    return f"{ctx.crit.id} {ctx.crit.title}"


def _evidence_titles(data: AssessmentData, ids: Sequence[str], limit: int = 3) -> str:
    titles = {e.id: e.title for e in data.evidence}
    parts = [f"{titles.get(i, i)} ({i})" for i in ids[:limit]]
    more = len(ids) - limit
    return "; ".join(parts) + (f" and {more} more" if more > 0 else "")


def _typical(crit: Criterion, limit: int = 2) -> str:
    items = [e.rstrip(".") for e in crit.typical_evidence[:limit]]
    return " or ".join(i[0].lower() + i[1:] if i else i for i in items)


def _next_band(bank: Bank, band: Band) -> Band | None:
    rank = bank.scale.rank(band.id)
    return bank.scale.bands[rank + 1] if rank + 1 < len(bank.scale.bands) else None


def _finding(
    kind: FindingKind,
    rule: str,
    ctx: _Ctx,
    text: str,
    evidence: Sequence[str],
    turns: Sequence[TurnSource],
) -> Finding:
    return Finding(
        id=f"d-{kind}-{rule}-{ctx.crit.id}",
        kind=kind,
        text=text,
        criteria=[ctx.crit.id],
        evidence_ids=list(dict.fromkeys(evidence)),
        turn_keys=list(dict.fromkeys(t.turn.key for t in turns)),
        drafted=True,
    )


# ------------------------------------------------------------------------------------ rules


def _strength(
    bank: Bank, data: AssessmentData, ctx: _Ctx, lowest: dict[str, str]
) -> Finding | None:
    """A criterion scored in the top band whose accounts corroborate each other (or whose
    contradiction verified evidence has resolved), resting on more than one source."""
    tri = ctx.tri
    if ctx.band is None or ctx.band.signal != "improvement":
        return None
    if tri.status not in ("corroborated", "contradicted") or (
        tri.contradicted and not tri.resolved
    ):
        return None
    if tri.sources < 2:
        return None
    agreeing = tri.corroborations[:1]
    if agreeing:
        quotes = [agreeing[0].lead, agreeing[0].other]
    else:
        roles: list[RoleType] = [r for r in ("lead", "stakeholder", "staff") if tri.has(r)]
        quotes = [q for r in roles for q in _best(ctx.turns, r, 1)]
    if not quotes:
        return None
    who = ", ".join(q.code for q in quotes)
    share = lowest.get(bank.group_of(ctx.crit.id).id)
    share_text = ""
    if share and share != ctx.crit.id:
        low = bank.criterion(share)
        share_text = (
            f", and use this practice as the model when improving {low.id} {low.title},"
            f" the lowest-scoring criterion in this {bank.group_label.lower()}"
        )
    verified = f" Verified: {_evidence_titles(data, tri.verified_ids)}." if tri.verified_ids else ""
    how = "borne out by" if len(quotes) > 1 else "described by"
    text = (
        f"{_head(ctx)} ({_score_text(bank, ctx)}): the practice is {how} "
        f"{who} - " + "; ".join(_cite(q) for q in quotes) + f".{verified} Next step: keep this "
        f"evidence current for the next assessment{share_text}."
    )
    return _finding("strength", "top", ctx, text, tri.verified_ids, quotes)


def _blocker(bank: Bank, ctx: _Ctx, reason: str) -> Finding:
    need = bank.scale.band(bank.certification.mandatory_min_band)
    quotes = _best(ctx.turns, None, 2)
    basis = (
        ("Recorded so far: " + "; ".join(_cite(q) for q in quotes) + ". ")
        if quotes
        else ("No interview answer or evidence has been recorded against it. ")
    )
    ev = [e for ids in ctx.tri.evidence_by_type.values() for e in ids]
    text = (
        f"Certification blocker - {_head(ctx)} is mandatory and {reason}. {basis}"
        f"Next step: reach {need.label} - {_lower_first(ctx.crit.descriptors[need.id])} "
        f"Show it with {_typical(ctx.crit)}."
    )
    return _finding("risk", "blocker", ctx, text, ev, quotes)


def _gap(bank: Bank, ctx: _Ctx) -> Finding | None:
    """A lead's claim that a staff or stakeholder account contradicts, not yet resolved."""
    tri = ctx.tri
    if not tri.contradicted or tri.resolved:
        return None
    pairs = tri.contradictions[:2]
    parts = []
    for pair in pairs:
        basis = pair.basis[0] if pair.basis else None
        lead_said = (
            f'"{_short(basis.lead_clause)}"' if basis else f'"{_short(pair.lead.turn.answer)}"'
        )
        other_said = (
            f'"{_short(basis.other_clause)}"' if basis else f'"{_short(pair.other.turn.answer)}"'
        )
        parts.append(
            f"{pair.lead.code} (turn {pair.lead.turn.n}) says {lead_said}; "
            f"{pair.other.code} (turn {pair.other.turn.n}) says {other_said}"
        )
    text = (
        f"{_head(ctx)} ({_score_text(bank, ctx)}): what the leads describe and what "
        "staff or stakeholders describe conflict - " + ". ".join(parts) + ". This is the gap "
        "between what management expects and what is delivered. Next step: check which "
        f"account holds against {_typical(ctx.crit)}, then put the practice in place where it "
        "is missing or correct the leads' picture."
    )
    turns = [t for p in pairs for t in (p.lead, p.other)]
    return _finding("risk", "gap", ctx, text, tri.verified_ids, turns)


def _claims(bank: Bank, data: AssessmentData, ctx: _Ctx) -> Finding | None:
    """Claims tagged for verification, or open claim items, that nothing has verified yet."""
    cid = ctx.crit.id
    items = [
        o for o in data.open_items if o.kind == "claim" and o.status == "open" and cid in o.criteria
    ]
    settled = {(o.interview_id, o.turn_n) for o in data.open_items if o.status == "closed"}
    settled |= {(e.interview_id, e.turn_n) for e in data.evidence if e.verified}
    item_at = {(o.interview_id, o.turn_n) for o in items}
    cited = [
        t
        for t in ctx.turns
        if ("claim-to-verify" in t.turn.tags and _at(t.turn) not in settled)
        or _at(t.turn) in item_at
    ]
    if not items and not cited:
        return None
    cited_at = {_at(t.turn) for t in cited}
    loose = [o for o in items if (o.interview_id, o.turn_n) not in cited_at]
    n = len(cited) + len(loose)
    parts = [_cite(t, whole=True) for t in cited[:3]]
    parts += [f'open item {o.id}: "{_short(o.text)}"' for o in loose[:3]]
    text = (
        f"{_head(ctx)} ({_score_text(bank, ctx)}): {n} claim{'s' if n != 1 else ''} not "
        "verified yet - " + "; ".join(parts) + ". The score must not rest on "
        f"{'them' if n != 1 else 'it'}. Next step: ask for {_typical(ctx.crit)} and record "
        "what it shows before the report is final."
    )
    return _finding("risk", "claim", ctx, text, [], cited)


def _top(ctx: _Ctx) -> bool:
    return ctx.band is not None and ctx.band.signal == "improvement"


def _at(turn: Turn) -> tuple[str | None, int | None]:
    return turn.interview_id, turn.n


def _single(bank: Bank, ctx: _Ctx) -> Finding | None:
    """A criterion whose evidence comes from one person and nothing verified."""
    if not ctx.tri.single_source:
        return None
    quotes = _best(ctx.turns, None, 1)
    if not quotes:
        return None
    text = (
        f"{_head(ctx)} ({_score_text(bank, ctx)}) rests on a single source: "
        f"{_cite(quotes[0])}, with no second account or verified record. Next step: "
        f"corroborate it with another interviewee and {_typical(ctx.crit, 1)}."
    )
    return _finding("risk", "single", ctx, text, [], quotes)


def _opportunity(bank: Bank, data: AssessmentData, ctx: _Ctx) -> Finding | None:
    """A score within one point of the next band, with what would lift it."""
    if ctx.score is None or ctx.band is None:
        return None
    nxt = _next_band(bank, ctx.band)
    if nxt is None or not 0 < nxt.min - ctx.score <= 1:
        return None
    quotes = _best(ctx.turns, None, 1)
    ev = ctx.tri.verified_ids
    basis = []
    if quotes:
        basis.append(_cite(quotes[0]))
    if ev:
        basis.append("verified: " + _evidence_titles(data, ev, 2))
    gap = nxt.min - ctx.score
    steps = _lift_steps(quotes[0] if quotes else None, bank.scale.rank(nxt.id))
    text = (
        f"{_head(ctx)} ({ctx.score:g}, {ctx.band.label}) is {gap:g} point"
        f"{'s' if gap != 1 else ''} short of {nxt.label}. "
        + (("It rests on " + "; ".join(basis) + ". ") if basis else "")
        + f"Next step: {steps}; {_typical(ctx.crit)} would show it."
    )
    return _finding("opportunity", "lift", ctx, text, ev, quotes)


LIFT_BY_GAP: Mapping[str, str] = {
    "only_plans": "put what is planned in place for real customers",
    "no_example": "give a recent, specific example of it working",
    "no_measure": "set a measure with a target and keep its figures",
    "claim_without_evidence": "keep a record that shows it happening",
    "no_review": "review those figures routinely and record what changed because of them",
}
"""What would lift a criterion, by what its best answer lacks (the reader's gaps), in the
client's words: specific to the evidence, never the next band's descriptor restated."""

LIFT_BY_RANK: tuple[str, ...] = (
    "decide and plan it",
    "put it in place and decide how its success will be measured",
    "use its measures to change the service, routinely, and check the effect of each change",
)
"""What the step into each band asks for (by band rank), when the answer lacks nothing else."""


def _lift_steps(best: TurnSource | None, next_rank: int) -> str:
    """Return what would lift the score, from the gaps of the best answer on the criterion."""
    gaps = [g for g in (best.reading.gaps if best is not None else ()) if g in LIFT_BY_GAP]
    if next_rank >= 2:  # into the top band the loop matters more than more examples
        gaps = [g for g in gaps if g != "no_example"]
    steps = [LIFT_BY_GAP[g] for g in gaps[:2]]
    if not steps:
        steps = [LIFT_BY_RANK[min(next_rank, len(LIFT_BY_RANK) - 1)]]
    return " and ".join(steps)


def _lower_first(text: str) -> str:
    text = " ".join(text.split())
    if not text.endswith((".", "!", "?")):
        text += "."
    if len(text) > 1 and text[1].isupper():
        return text
    return text[0].lower() + text[1:]


def _short(text: str, limit: int = QUOTE_CHARS) -> str:
    """Return text on one line, cut at a word boundary near `limit` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat[:limit]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(",;:") + "…"


# ------------------------------------------------------------------------------------ compose


def draft_findings(
    bank: Bank,
    data: AssessmentData,
    index: SourceIndex | None = None,
    tris: Mapping[str, Triangulation] | None = None,
) -> list[Finding]:
    """Draft findings from scores and evidence: strengths, ranked risks, then opportunities.

    A criterion drafted as a strength gets no "single source" risk, and a scored criterion in
    the top band none either: the balance of strengths and risks follows the scores.
    """
    index = index or SourceIndex(bank, data)
    scores = decided_scores(data)
    ready = readiness(bank, scores)
    blockers = {b.criterion_id: b.reason for b in ready.blockers}
    ctxs: list[_Ctx] = []
    for crit in bank.criteria():
        score = scores.get(crit.id)
        ctxs.append(
            _Ctx(
                crit=crit,
                score=score,
                band=None if score is None else bank.scale.band_for(bank.scale.clamp(score)),
                tri=tris[crit.id] if tris is not None else triangulate(bank, data, crit.id, index),
                turns=list(index.for_criterion(crit.id).turns),
            )
        )
    lowest: dict[str, str] = {}
    for group in bank.groups:
        scored = [(scores[c.id], c.id) for c in group.criteria if scores.get(c.id) is not None]
        if scored:
            lowest[group.id] = min(scored, key=lambda p: (p[0] or 0.0, p[1]))[1]
    strengths: list[Finding] = []
    risks: list[tuple[tuple[int, float, int], Finding]] = []
    opportunities: list[Finding] = []
    for pos, ctx in enumerate(ctxs):
        found = _strength(bank, data, ctx, lowest)
        if found:
            strengths.append(found)
        rank_score = ctx.score if ctx.score is not None else bank.scale.min - 1
        claim = _claims(bank, data, ctx)
        candidates = [
            (
                "blocker",
                _blocker(bank, ctx, blockers[ctx.crit.id]) if ctx.crit.id in blockers else None,
            ),
            ("gap", _gap(bank, ctx)),
            ("claim", claim),
            ("single", None if claim or found or _top(ctx) else _single(bank, ctx)),
        ]
        for rule, risk in candidates:
            if risk is not None:
                risks.append(((RISK_ORDER[rule], rank_score, pos), risk))
        found = None if ctx.crit.id in blockers else _opportunity(bank, data, ctx)
        if found:
            opportunities.append(found)
    risks.sort(key=lambda pair: pair[0])
    return strengths + [r for _, r in risks] + opportunities


def compose_findings(
    bank: Bank, data: AssessmentData, drafts: Sequence[Finding] | None = None
) -> list[Finding]:
    """Merge the assessor's findings with fresh drafts; the assessor's own work always wins.

    Kept as stored: findings written by hand, edited drafts. Left out: removed findings, and
    stored drafts nobody edited (they are replaced by the fresh draft, or dropped when the
    situation that produced them has gone, for example once a claim is verified).
    """
    fresh = list(drafts) if drafts is not None else draft_findings(bank, data)
    stored = {f.id: f for f in data.findings}
    kept = [f for f in data.findings if not f.removed and (f.edited or not f.drafted)]
    out = list(kept)
    for draft in fresh:
        if draft.id not in stored or not (
            stored[draft.id].edited or stored[draft.id].removed or not stored[draft.id].drafted
        ):
            out.append(draft)
    return out
