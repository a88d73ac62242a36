"""Provides the report's view of triangulation: each criterion's status and pairs, and the gap
section, one row per contradicted criterion with the claim, the counter-account, the evidence on
the criterion and how the contradiction stands.

The accounts are quoted as they were recorded (the clause a pair's reading rests on); nothing
the assessor or an interviewee said is reworded.
"""

from __future__ import annotations

from collections.abc import Mapping

from assistant.core.bank.model import Bank
from assistant.core.evidence.pairing import BASIS_WORDS
from assistant.core.evidence.sources import TurnSource
from assistant.core.evidence.triangulation import Triangulation
from assistant.core.model import AssessmentData
from assistant.core.report.model import AccountRow, GapRow, PairRow, TriangulationRow


def triangulation_row(tri: Triangulation) -> TriangulationRow:
    """Return a criterion's triangulation as the report carries it (status, pairs, resolution)."""
    return TriangulationRow(
        status=tri.status,
        pairs=[
            PairRow(
                lead_turn=p.lead_turn,
                other_turn=p.other_turn,
                relation=p.relation,
                confirmed_by=p.confirmed_by,
                suggested=p.suggested,
                lead_code=p.lead.code,
                other_code=p.other.code,
                basis=list(dict.fromkeys(b.kind for b in p.basis)),
                words=list(dict.fromkeys(w for b in p.basis for w in b.words)),
            )
            for p in tri.pairs
        ],
        resolved_by=list(tri.resolved_by),
        not_asked=list(tri.not_asked),
    )


def _account(source: TurnSource) -> AccountRow:
    return AccountRow(
        code=source.code,
        role=source.role or "",
        turn=source.turn.key,
        said=" ".join(source.turn.answer.split()),
    )


def gap_rows(
    bank: Bank,
    data: AssessmentData,
    tris: Mapping[str, Triangulation],
    scores: Mapping[str, float | None],
) -> list[GapRow]:
    """Return one row per contradicted criterion: the claims, the counter-accounts, the evidence
    on the criterion and how the contradiction stands."""
    titles = {e.id: (e.title, e.verified) for e in data.evidence}
    rows = []
    for crit in bank.criteria():
        tri = tris[crit.id]
        if not tri.contradicted:
            continue
        claims: dict[str, AccountRow] = {}
        counters: dict[str, AccountRow] = {}
        reasons: list[str] = []
        for pair in tri.contradictions:
            basis = pair.basis[0] if pair.basis else None
            claims.setdefault(pair.lead_turn, _account(pair.lead))
            counters.setdefault(pair.other_turn, _account(pair.other))
            why = BASIS_WORDS[basis.kind] if basis else "read as contradicting by the assessor"
            if basis:
                cues = [c for c in (basis.lead_cue, basis.other_cue) if c]
                shown = " against ".join(f'"{c}"' for c in cues) or ", ".join(basis.words[:3])
                why += f" ({shown})"
            who = f"{pair.lead.code} and {pair.other.code}"
            if pair.confirmed_by:
                why += f" (confirmed by {pair.confirmed_by})"
            reasons.append(f"{who}: {why}")
        evidence = [
            f"{titles[i][0]} ({i}, {'verified' if titles[i][1] else 'not verified'})"
            for ids in tri.evidence_by_type.values()
            for i in ids
            if i in titles
        ]
        if tri.resolved:
            named = [
                titles[i][0] + f" ({i})" if i in titles else f"answer {i} (seen)"
                for i in tri.resolved_by
            ]
            resolution = "Resolved by verified evidence: " + "; ".join(named) + "."
        else:
            resolution = (
                "Open: no verified record or observation settles which account holds; the "
                "lead's claim counts at most as the bank's cap for uncorroborated claims."
            )
        score = scores.get(crit.id)
        rows.append(
            GapRow(
                criterion_id=crit.id,
                title=crit.title,
                score=score,
                band=bank.scale.band_for(bank.scale.clamp(score)).label
                if score is not None
                else None,
                claims=list(claims.values()),
                counters=list(counters.values()),
                reasons=list(dict.fromkeys(reasons)),
                evidence=evidence,
                resolution=resolution,
            )
        )
    return rows
