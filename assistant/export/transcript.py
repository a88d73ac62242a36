"""Provides the transcript export of an assessment, as Markdown or JSON.

A transcript is everything that was said and recorded, interview by interview, turn by turn.
People appear by role code (L1, K2, S3) only; real names and job titles are added solely when
the caller passes the names (the CLI's ``--include-names``). User text in the Markdown goes
through the report's `esc`, so an answer can never become a link, an image or a heading.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from assistant.core.model import (
    ROLE_LABEL,
    AssessmentData,
    Evidence,
    Interview,
    Interviewee,
    Turn,
)
from assistant.export.mdtext import esc, table

FORMAT: Final = "assessor-transcript/1"


def _person(person: Interviewee, names: Mapping[str, str] | None) -> str:
    text = f"{person.code} ({ROLE_LABEL[person.role]}"
    text += f", {person.department}" if person.department else ""
    text += f", {person.site}" if person.site else ""
    text += ")"
    if names and person.id in names:
        text += f" {names[person.id]}"
    return text


def _speaker(data: AssessmentData, turn: Turn) -> str:
    person = data.speaker_of(turn)
    return person.code if person else "?"


def _interview_people(
    data: AssessmentData, interview: Interview, names: Mapping[str, str] | None
) -> str:
    out = []
    for person_id in interview.interviewee_ids:
        try:
            out.append(_person(data.interviewee(person_id), names))
        except KeyError:
            out.append(f"unknown interviewee {person_id}")
    return "; ".join(out)


def _evidence_line(e: Evidence) -> str:
    state = "verified" if e.verified else "not verified"
    turn = f", turn {e.turn_n}" if e.turn_n else ""
    return f"- {esc(e.title, 300)} ({e.type}, {state}{turn})"


def _block(text: str) -> str:
    """Return multi-line user text as an escaped Markdown block quote."""
    lines = [esc(line) for line in text.splitlines()] or [""]
    return "\n".join(f"> {line}" if line else ">" for line in lines)


def transcript_markdown(data: AssessmentData, names: Mapping[str, str] | None = None) -> str:
    """Return the transcript as Markdown; names appear only when `names` is given."""
    a = data.assessment
    out = [
        f"# Transcript: {esc(a.organisation, 300)}",
        "",
        table(
            ["", ""],
            [
                ["Assessment", f"{esc(a.id, 120)} ({esc(a.type)}, {esc(a.status)})"],
                [
                    "Bank",
                    esc(f"{a.bank.id} version {a.bank.version} (digest {a.bank.digest[:12]})"),
                ],
                ["Assessors", esc(", ".join(a.assessors), 500) or "–"],
                ["Interviews", str(len(data.interviews))],
                ["Turns", str(len(data.turns))],
            ],
        ),
        "",
    ]
    if data.interviewees:
        out += [
            "## Interviewees",
            "",
            table(
                ["Code", "Role", "Department", "Site"] + (["Name"] if names else []),
                [
                    [p.code, ROLE_LABEL[p.role], esc(p.department, 200), esc(p.site, 200)]
                    + ([esc(names.get(p.id, "–"), 200)] if names else [])
                    for p in data.interviewees
                ],
            ),
            "",
        ]
    for interview in data.interviews:
        ended = f", ended {interview.ended:%Y-%m-%d %H:%M}" if interview.ended else ""
        out += [
            f"## Interview {interview.id}",
            "",
            f"With {esc(_interview_people(data, interview, names), 1000)}; assessor "
            f"{esc(interview.assessor or '–', 200)}; started "
            f"{interview.started:%Y-%m-%d %H:%M}{ended}.",
            "",
        ]
        if interview.planned_criteria:
            out += [f"Planned criteria: {esc(', '.join(interview.planned_criteria), 500)}.", ""]
        for turn in (t for t in data.turns if t.interview_id == interview.id):
            label = "Note" if turn.kind == "note" else "Q"
            qid = f" ({esc(turn.question_id, 80)})" if turn.question_id else ""
            head = f"**{turn.n}.** {label}{qid}: {esc(turn.question) if turn.question else ''}"
            out += [head.rstrip(), "", f"{_speaker(data, turn)}:", "", _block(turn.answer), ""]
            meta = []
            if turn.tags:
                meta.append("tags " + ", ".join(turn.tags))
            if turn.criteria:
                meta.append("criteria " + esc(", ".join(turn.criteria), 300))
            if turn.change_kind == "edited":
                meta.append("answer edited after saving (old text in the audit log)")
            elif turn.change_kind == "tagged":
                meta.append("tags or criteria changed after saving")
            elif turn.change_kind == "changed":
                meta.append("changed after saving")
            if meta:
                out += [f"*{'; '.join(meta)}*", ""]
        evidence = [e for e in data.evidence if e.interview_id == interview.id]
        if evidence:
            out += ["Evidence:", "", *(_evidence_line(e) for e in evidence), ""]
    loose = [e for e in data.evidence if e.interview_id is None]
    if loose:
        out += ["## Other evidence", "", *(_evidence_line(e) for e in loose), ""]
    if data.open_items:
        out += (
            ["## Open items", ""]
            + [
                f"- [{'x' if i.status == 'closed' else ' '}] {i.kind}: {esc(i.text, 500)}"
                + (f" (resolved: {esc(i.resolution, 500)})" if i.resolution else "")
                for i in data.open_items
            ]
            + [""]
        )
    if data.scores:
        out += [
            "## Scores",
            "",
            table(
                ["Criterion", "Assessor", "Score", "Band", "Comment"],
                [
                    [
                        esc(s.criterion_id),
                        esc(s.assessor or "–", 200),
                        "–" if s.score is None else f"{s.score:g}",
                        esc(s.band or "–"),
                        esc(s.comment, 1000),
                    ]
                    for s in data.scores
                ],
            ),
            "",
        ]
    return "\n".join(out).rstrip() + "\n"


def transcript_document(
    data: AssessmentData, names: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """Return the transcript as a JSON-ready document; names only when `names` is given."""
    people = []
    for p in data.interviewees:
        doc = p.model_dump(mode="json")
        if not names:
            doc.pop("title")  # a job title can name a person as surely as a name does
        elif p.id in names:
            doc["name"] = names[p.id]
        people.append(doc)
    codes = {p.id: p.code for p in data.interviewees}
    interviews = []
    for interview in data.interviews:
        doc = interview.model_dump(mode="json")
        doc["interviewees"] = [codes.get(i, "?") for i in interview.interviewee_ids]
        doc["turns"] = []
        for turn in (t for t in data.turns if t.interview_id == interview.id):
            tdoc = turn.model_dump(mode="json")
            tdoc["key"] = turn.key
            tdoc["speaker"] = _speaker(data, turn)
            doc["turns"].append(tdoc)
        doc["evidence"] = [
            e.model_dump(mode="json") for e in data.evidence if e.interview_id == interview.id
        ]
        interviews.append(doc)
    return {
        "format": FORMAT,
        "includes_names": bool(names),
        "assessment": data.assessment.model_dump(mode="json"),
        "interviewees": people,
        "interviews": interviews,
        "evidence": [e.model_dump(mode="json") for e in data.evidence if e.interview_id is None],
        "scores": [s.model_dump(mode="json") for s in data.scores],
        "findings": [f.model_dump(mode="json") for f in data.findings],
        "open_items": [i.model_dump(mode="json") for i in data.open_items],
    }


def transcript_json(data: AssessmentData, names: Mapping[str, str] | None = None) -> str:
    """Return the transcript as indented JSON text."""
    return json.dumps(transcript_document(data, names), ensure_ascii=False, indent=2) + "\n"
