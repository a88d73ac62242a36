"""Provides `assessor comment | recommend | narrative`: the report texts an assessor writes.

* ``assessor comment ID CRITERION "TEXT"`` saves a criterion's commentary; ``--draft`` prints the
  app's draft, ``--accept-draft`` saves it as yours; ``--check`` lists every criterion whose
  commentary is missing or fails the lint (what sign-off needs fixed).
* ``assessor recommend ID --outcome conditions --reason "…" [--condition "…"]`` records the
  lead assessor's recommendation.
* ``assessor narrative ID GROUP "TEXT"`` writes an executive-narrative paragraph (``overview``
  for the opening one; empty text goes back to the draft).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from assistant import paths

if TYPE_CHECKING:
    from assistant.services.opening import OpenAssessment

OUTCOME_CHOICES = ("recommend", "conditions", "not-recommended")


def register(sub: Any) -> None:
    """Add the report-text commands."""
    p = sub.add_parser("comment", help="write, draft or check a criterion's commentary")
    p.add_argument("id", metavar="ID", help="assessment id")
    p.add_argument("criterion", nargs="?", metavar="CRITERION", help="criterion id, e.g. SVC.1")
    p.add_argument("text", nargs="?", metavar="TEXT", help="2-4 sentences citing role codes")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--draft", action="store_true", help="print the app's draft; save nothing")
    how.add_argument("--accept-draft", action="store_true", help="save the app's draft as yours")
    how.add_argument(
        "--check", action="store_true", help="list commentary missing or failing the lint"
    )
    p.add_argument("--as", dest="who", metavar="NAME", help="assessor writing (default: lead)")
    p.set_defaults(func=cmd_comment)

    p = sub.add_parser("recommend", help="record the lead assessor's recommendation")
    p.add_argument("id", metavar="ID", help="assessment id")
    p.add_argument("--outcome", required=True, choices=OUTCOME_CHOICES)
    p.add_argument("--reason", required=True, metavar="TEXT", help="why (required)")
    p.add_argument(
        "--condition", action="append", default=[], metavar="TEXT", help="a condition (repeat)"
    )
    p.add_argument("--as", dest="who", metavar="NAME", help="lead assessor (default: the lead)")
    p.set_defaults(func=cmd_recommend)

    p = sub.add_parser("narrative", help="write an executive-narrative paragraph")
    p.add_argument("id", metavar="ID", help="assessment id")
    p.add_argument("group", metavar="GROUP", help="group id (e.g. SVC), or 'overview'")
    p.add_argument("text", metavar="TEXT", help="the paragraph ('' goes back to the draft)")
    p.add_argument("--as", dest="who", metavar="NAME", help="assessor writing (default: lead)")
    p.set_defaults(func=cmd_narrative)


def _open(args: argparse.Namespace, read_only: bool = False) -> OpenAssessment:
    from assistant.services.opening import open_assessment
    from assistant.store.workspace import Workspace

    ws = Workspace(paths.workspace_root(args.workspace))
    ws.require_root()
    return open_assessment(ws, args.id, read_only=read_only, who=args.who or "")


def cmd_comment(args: argparse.Namespace) -> int:
    """Write, draft or check commentary."""
    from assistant.core.errors import AssessorError
    from assistant.core.report.commentary import (
        commentary_blockers,
        draft_commentary,
        lint_text,
    )
    from assistant.services.report_texts import accept_draft, set_commentary

    read_only = args.check or args.draft
    opened = _open(args, read_only=read_only)
    try:
        if args.check:
            issues = commentary_blockers(opened.bank, opened.data)
            for issue in issues:
                print(issue.plain())
            print(f"{len(issues)} criterion commentary problem(s)", file=sys.stderr)
            return 1 if issues else 0
        if not args.criterion:
            raise AssessorError("criterion: give one, e.g. SVC.1 (or use --check)")
        if args.draft:
            try:
                opened.bank.criterion(args.criterion)
            except KeyError:
                raise AssessorError(f"criterion: no '{args.criterion}' in the bank") from None
            print(draft_commentary(opened.bank, opened.data, args.criterion))
            return 0
        if args.accept_draft:
            saved = accept_draft(opened, args.criterion)
        else:
            if not args.text:
                raise AssessorError("text: give the commentary, or use --draft / --accept-draft")
            saved = set_commentary(opened, args.criterion, args.text)
        print(f"saved commentary on {saved.criterion_id}")
        crit = opened.bank.criterion(saved.criterion_id)
        for problem in lint_text(saved.comment, opened.bank, crit):
            print(f"warning: the commentary {problem}", file=sys.stderr)
        return 0
    finally:
        opened.session.close()


def cmd_recommend(args: argparse.Namespace) -> int:
    """Record the lead assessor's recommendation."""
    from assistant.services.report_texts import set_recommendation

    opened = _open(args)
    try:
        decision = set_recommendation(opened, args.outcome, args.reason, args.condition)
        print(f"recommendation saved: {decision.outcome} ({decision.who or 'assessor'})")
        return 0
    finally:
        opened.session.close()


def cmd_narrative(args: argparse.Namespace) -> int:
    """Write an executive-narrative paragraph."""
    from assistant.services.report_texts import set_narrative

    opened = _open(args)
    key = "" if args.group.casefold() == "overview" else args.group
    try:
        set_narrative(opened, key, args.text)
        print(f"narrative saved for {args.group}")
        return 0
    finally:
        opened.session.close()
