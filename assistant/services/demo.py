"""Provides the demo: a complete fictional assessment, built through the replay path.

The content lives in ``examples/demo/``: ``demo.yaml`` (scope, sampling, read-back, scoring
decisions, the assessor's edits) and replay scripts for each interview. The demo creates last
year's gap analysis and this year's certification assessment of the same council, replays every
interview through the store, scores all criteria (suggestions accepted unless overridden with a
reason), drafts the findings, and writes this year's report as a PDF.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import yaml
from pydantic import BaseModel, ConfigDict, Field

from assistant import paths
from assistant.core.errors import AssessorError
from assistant.core.model import Profile

if TYPE_CHECKING:
    from assistant.core.bank.loader import LoadedBank
    from assistant.store.session import Session
    from assistant.store.workspace import Workspace

DEMO_DIR = paths.demo_dir()


class _Spec(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DemoInterview(_Spec):
    script: str
    confirmed: list[str] = Field(default_factory=list)
    disputed: list[str] = Field(default_factory=list)


class DemoOverride(_Spec):
    score: float
    reason: str


class DemoEdit(_Spec):
    id: str
    text: str
    why: str


class DemoFinding(_Spec):
    kind: str
    criteria: list[str]
    text: str


class DemoRound(_Spec):
    type: str
    months_ago: int = 0
    interviews: list[DemoInterview]
    overrides: dict[str, DemoOverride] = Field(default_factory=dict)
    comments: dict[str, str] = Field(default_factory=dict)
    scores: dict[str, float] = Field(default_factory=dict)
    edit_finding: DemoEdit | None = None
    own_findings: list[DemoFinding] = Field(default_factory=list)
    accept_drafts: bool = False
    """The assessor accepts the app's drafted commentary where no comment of their own is set."""
    narrative: dict[str, str] = Field(default_factory=dict)


class DemoSite(_Spec):
    name: str
    sampled: bool
    reason: str


class DemoSpec(_Spec):
    organisation: str
    profile: Profile = Field(default_factory=Profile)
    bank: str
    assessors: list[str]
    unit: str
    sampling_rationale: str
    sites: list[DemoSite]
    current: DemoRound
    previous: DemoRound


def load_spec(folder: Path = DEMO_DIR) -> DemoSpec:
    """Read examples/demo/demo.yaml."""
    path = folder / "demo.yaml"
    try:
        return DemoSpec.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise AssessorError(
            f"demo content not found at {folder} (a source checkout has it under examples/demo)"
        ) from None


def _months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    for dom in (day.day, 28):
        try:
            return date(year, month + 1, dom)
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _clear_earlier(ws: Workspace, organisation: str, force: bool) -> None:
    """Replace earlier demos (with --force): only assessments the demo built, each deleted
    under its lock, and only the PDF the demo wrote for it; anything else is left alone."""
    same = [a for a in ws.list_assessments() if a.organisation == organisation and a.demo]
    if same and not force:
        raise AssessorError(
            f"{ws.root} already holds a demo of {organisation} "
            f"({', '.join(a.id for a in same)}); use --force to replace it"
        )
    ws.delete_demos([listing.id for listing in same])
    for listing in same:
        pdf = paths.exports_dir(ws.root) / f"{listing.id}.pdf"
        if pdf.is_file() and not pdf.is_symlink():
            pdf.unlink()


def _create(ws: Workspace, spec: DemoSpec, rnd: DemoRound, loaded: LoadedBank, start: date) -> str:
    from assistant.core.model import Scope, Site
    from assistant.services.report_texts import make_profile

    scope = Scope(
        unit=spec.unit,
        sampling_rationale=" ".join(spec.sampling_rationale.split()),
        sites=[Site(name=s.name, sampled=s.sampled, reason=s.reason) for s in spec.sites],
    )
    return ws.create_assessment(
        organisation=spec.organisation,
        type=rnd.type,  # type: ignore[arg-type]
        bank=loaded,
        assessors=spec.assessors,
        lead_assessor=spec.assessors[0],
        scope=scope,
        start_date=start,
        who=spec.assessors[0],
        profile=make_profile(**spec.profile.model_dump()),  # tidied as a form's input is
        demo=True,
    )


def _interview_time(start: date, index: int) -> datetime:
    """Return when the demo's n-th interview took place: three a day from 09:30, from `start`."""
    day = start + timedelta(days=index // 3)
    return datetime(day.year, day.month, day.day, 9, 30, tzinfo=UTC) + timedelta(
        hours=2 * (index % 3)
    )


def _replay(ws: Workspace, assessment_id: str, rnd: DemoRound, folder: Path, start: date) -> int:
    from assistant.store.replay import load_script, run_script

    turns = 0
    for index, item in enumerate(rnd.interviews):
        path = folder / item.script
        script = load_script(path)
        at = min(_interview_time(start, index), datetime.now(UTC) - timedelta(hours=1))
        when = script.interview.model_copy(update={"started": at})
        script = script.model_copy(update={"interview": when})
        before = {iv.id for iv in ws.load(assessment_id).interviews}
        run_script(
            ws,
            script,
            source=item.script,
            bank_dirs=paths.bank_dirs(ws.root),
            assessment_id=assessment_id,
            say=lambda _line: None,
        )
        turns += len(script.turns)
        if item.confirmed or item.disputed:
            with ws.open(assessment_id, who=script.interview.assessor) as session:
                new = [iv for iv in session.data.interviews if iv.id not in before]
                for iv in new:
                    session.update_interview(
                        iv.model_copy(
                            update={
                                "confirmed_points": [" ".join(p.split()) for p in item.confirmed],
                                "disputed_points": [" ".join(p.split()) for p in item.disputed],
                            }
                        ),
                        why="closing read-back",
                    )
    return turns


def _score(session: Session, loaded: LoadedBank, rnd: DemoRound, who: str) -> None:
    from assistant.core.evidence.sources import SourceIndex
    from assistant.core.model import CriterionScore
    from assistant.core.scoring.suggestion import suggest

    bank = loaded.bank
    index = SourceIndex(bank, session.data)
    for crit in bank.criteria():
        comment = " ".join(rnd.comments.get(crit.id, "").split())
        if crit.id in rnd.scores:
            value = rnd.scores[crit.id]
            session.set_score(
                CriterionScore(
                    criterion_id=crit.id,
                    assessor=who,
                    score=value,
                    band=bank.scale.band_for(value).id,
                    comment=comment,
                )
            )
            continue
        sugg = suggest(bank, session.data, crit.id, index)
        override = rnd.overrides.get(crit.id)
        if override is not None or sugg is None:
            value = override.score if override else bank.scale.min
            reason = " ".join(override.reason.split()) if override else "no evidence recorded"
            session.set_score(
                CriterionScore(
                    criterion_id=crit.id,
                    assessor=who,
                    score=value,
                    band=bank.scale.band_for(value).id,
                    comment=comment,
                    suggestion=sugg,
                    override_reason=reason,
                ),
                why=reason,
            )
        else:
            session.set_score(
                CriterionScore(
                    criterion_id=crit.id,
                    assessor=who,
                    score=sugg.score,
                    band=sugg.band,
                    comment=comment,
                    suggestion=sugg,
                    accepted_suggestion=True,
                ),
                why="suggestion accepted",
            )


def _findings(session: Session, loaded: LoadedBank, rnd: DemoRound) -> None:
    from assistant.core.model import Finding
    from assistant.core.report.findings import draft_findings

    for finding in draft_findings(loaded.bank, session.data):
        session.add_finding(finding)
    edit = rnd.edit_finding
    if edit is not None:
        for finding in session.data.findings:
            if finding.id == edit.id:
                session.update_finding(
                    finding.model_copy(
                        update={"text": " ".join(edit.text.split()), "edited": True}
                    ),
                    why=edit.why,
                )
    for own in rnd.own_findings:
        keys = [
            t.key
            for t in session.data.turns
            if set(t.criteria) & set(own.criteria) and t.kind == "answer"
        ]
        session.add_finding(
            Finding.model_validate(
                {
                    "kind": own.kind,
                    "text": " ".join(own.text.split()),
                    "criteria": own.criteria,
                    "turn_keys": keys[:4],
                }
            )
        )


def _accept_drafts(session: Session, loaded: LoadedBank, who: str) -> None:
    """Save the drafted commentary as the assessor's on every criterion without a comment."""
    from assistant.core.evidence.sources import SourceIndex
    from assistant.core.report.commentary import draft_commentary

    index = SourceIndex(loaded.bank, session.data)
    for cid, decided in session.data.current_scores().items():
        if not decided.comment.strip():
            text = draft_commentary(loaded.bank, session.data, cid, decided.score, index)
            session.set_score(decided.model_copy(update={"comment": text}), why="commentary")


def build_round(
    ws: Workspace,
    spec: DemoSpec,
    rnd: DemoRound,
    loaded: LoadedBank,
    start: date,
    end: date,
    folder: Path,
    status: str,
) -> tuple[str, int]:
    """Create one assessment of the demo, replay its interviews, score it; return (id, turns)."""
    assessment_id = _create(ws, spec, rnd, loaded, start)
    turns = _replay(ws, assessment_id, rnd, folder, start)
    lead = spec.assessors[0]
    with ws.open(assessment_id, who=lead) as session:
        _score(session, loaded, rnd, lead)
        if not rnd.scores:
            _findings(session, loaded, rnd)
        if rnd.accept_drafts:
            _accept_drafts(session, loaded, lead)
        a = session.data.assessment
        texts = a.report.model_copy(
            update={"narrative": {k: " ".join(v.split()) for k, v in rnd.narrative.items()}}
        )
        signing = status == "signed-off"
        session.update_assessment(
            a.model_copy(
                update={
                    "end_date": end,
                    "status": "in-review" if signing else status,
                    "report": texts,
                }
            ),
            why="fieldwork finished",
        )
        if signing:
            _sign_off(session, loaded)
    return assessment_id, turns


def _sign_off(session: Session, loaded: LoadedBank) -> None:
    """Sign last year's round off as its lead assessor, accepting what still blocks it."""
    from assistant.services.opening import OpenAssessment
    from assistant.services.review import sign_off

    sign_off(
        OpenAssessment(session, loaded),
        accept_risk="gap analysis: open points are carried into the certification round",
    )


def run_demo(
    root: Path, force: bool = False, folder: Path = DEMO_DIR, today: date | None = None
) -> tuple[str, str]:
    """Build both demo assessments in `root`; return (current id, previous id)."""
    from assistant.core.bank.loader import find_bank
    from assistant.store.workspace import Workspace

    spec = load_spec(folder)
    root.mkdir(parents=True, exist_ok=True)
    ws = Workspace(root)
    _clear_earlier(ws, spec.organisation, force)
    loaded = find_bank(spec.bank, paths.bank_dirs(root))
    end = today or date.today()
    start = end - timedelta(days=2)
    prev_start = _months_before(start, spec.previous.months_ago)
    previous_id, _ = build_round(
        ws,
        spec,
        spec.previous,
        loaded,
        prev_start,
        prev_start + timedelta(days=1),
        folder,
        "signed-off",
    )
    current_id, _ = build_round(
        ws,
        spec,
        spec.current,
        loaded,
        _months_before(start, spec.current.months_ago),
        end,
        folder,
        "in-review",
    )
    return current_id, previous_id
