"""Provides `assessor cycle ORG`: an organisation's certification timeline and what is due."""

from __future__ import annotations

import argparse
import json
from datetime import date
from typing import Any

from assistant import paths
from assistant.core.errors import AssessorError


def register(sub: Any) -> None:
    """Add the `cycle` command."""
    p = sub.add_parser(
        "cycle",
        help="an organisation's assessments, certificate, surveillance and re-assessment dates",
        description="List an organisation's assessments in date order with what the bank's "
        "cycle rules make of them: the certificate's issue and expiry, surveillance "
        "assessments due, the earliest further certification assessment, and a warning for "
        "anything due within 90 days.",
    )
    p.add_argument("organisation", metavar="ORG", help="organisation name (or part), or an id")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="the day to read the cycle on (today)")
    p.add_argument("--json", action="store_true", help="print the timelines as JSON")
    p.set_defaults(func=cmd_cycle)


def _day(text: str | None) -> date:
    if not text:
        return date.today()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise AssessorError(f"--as-of: '{text[:20]}' is not a date (YYYY-MM-DD)") from None


def _fmt(day: date | None) -> str:
    return day.isoformat() if day else "—"


def cmd_cycle(args: argparse.Namespace) -> int:
    """Print each timeline; exit 0 (what is due is a warning, not an error)."""
    from assistant.core.report.model import TYPE_LABELS
    from assistant.services.cycle import timelines
    from assistant.store.workspace import Workspace

    ws = Workspace(paths.workspace_root(args.workspace))
    ws.require_root()
    found = timelines(ws, args.organisation, _day(args.as_of))
    if args.json:
        print(json.dumps([_as_json(t) for t in found], ensure_ascii=False, indent=1))
        return 0
    for t in found:
        s = t.status
        print(f"{t.organisation} · {t.bank_id.upper()} (as of {t.as_of.isoformat()})")
        for e in t.entries:
            label = TYPE_LABELS.get(e.type, e.type)
            print(f"  {e.day.isoformat()}  {label:<24} {e.assessment_id}  ({e.status})")
        if s.certified_on is None:
            print("  No certification assessment yet: no certificate to follow.")
        else:
            signed = any(
                e.day == s.certified_on and e.type == s.certified_by and e.status == "signed-off"
                for e in t.entries
            )
            pending = "" if signed else " (not signed off yet: the certificate is pending)"
            print(
                f"  Certificate from the {s.certified_by} of {_fmt(s.certified_on)}{pending}: "
                f"valid to {_fmt(s.expires)}"
            )
            if s.next_due is not None:
                what, day = s.next_due
                print(f"  Next due: {TYPE_LABELS.get(what, what).lower()} by {_fmt(day)}")
            if s.surveillance_due:
                held = len(s.surveillance_done)
                print(
                    f"  Surveillance due: {', '.join(_fmt(d) for d in s.surveillance_due)} "
                    f"({held} held); next {_fmt(s.next_surveillance)}"
                )
            if s.earliest_reassessment:
                print(
                    f"  Earliest further certification assessment: {_fmt(s.earliest_reassessment)}"
                )
        for b in s.breaches:
            print(
                f"  warning: certification on {_fmt(b.current)} came {b.months} month(s) "
                f"after {_fmt(b.previous)}; the bank allows no fewer than {b.minimum}"
            )
        for what, day in t.due_soon():
            late = " (overdue)" if day < t.as_of else ""
            print(f"  warning: {what} by {_fmt(day)}{late}")
        print(f"  Rule: {t.rule}")
    return 0


def _as_json(t: Any) -> dict[str, Any]:
    s = t.status
    return {
        "organisation": t.organisation,
        "bank": t.bank_id,
        "as_of": t.as_of.isoformat(),
        "assessments": [
            {"id": e.assessment_id, "type": e.type, "date": e.day.isoformat(), "status": e.status}
            for e in t.entries
        ],
        "certified_on": _fmt(s.certified_on) if s.certified_on else None,
        "expires": _fmt(s.expires) if s.expires else None,
        "surveillance_due": [d.isoformat() for d in s.surveillance_due],
        "next_surveillance": _fmt(s.next_surveillance) if s.next_surveillance else None,
        "earliest_reassessment": (
            _fmt(s.earliest_reassessment) if s.earliest_reassessment else None
        ),
        "due_soon": [{"what": w, "date": d.isoformat()} for w, d in t.due_soon()],
    }
