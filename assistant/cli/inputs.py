"""Provides `assessor selfassess | evidence | scope | schedule`: what the organisation brings.

The organisation's self-assessment workbook and evidence library (XLSX or CSV), the sites in
scope and which are visited, and the interviews planned across the days. Imports print one
line per problem on stderr and exit 1 when some rows were not imported; the rest is saved.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant import paths

if TYPE_CHECKING:
    from assistant.core.inputs.schedule import Check
    from assistant.services.opening import OpenAssessment
    from assistant.services.selfassess import ImportResult


def register(sub: Any) -> None:
    """Add the input commands."""
    p = sub.add_parser("selfassess", help="the organisation's self-assessment workbook")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    v = verbs.add_parser("import", help="import a self-assessment workbook (XLSX or CSV)")
    v.add_argument("id", metavar="ID", help="assessment id")
    v.add_argument("file", type=Path, metavar="FILE", help="workbook: criterion, self-score, ...")
    v.set_defaults(func=cmd_selfassess_import)
    v = verbs.add_parser("show", help="self-scores against the assessor's view, largest gap first")
    v.add_argument("id", metavar="ID", help="assessment id")
    v.add_argument("--json", action="store_true", help="print JSON")
    v.set_defaults(func=cmd_selfassess_show)

    p = sub.add_parser("evidence", help="the evidence register and the organisation's library")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    v = verbs.add_parser("import", help="import an evidence-library sheet (XLSX or CSV)")
    v.add_argument("id", metavar="ID", help="assessment id")
    v.add_argument("file", type=Path, metavar="FILE", help="sheet: id, title, owner, date, ...")
    v.set_defaults(func=cmd_evidence_import)
    v = verbs.add_parser("list", help="list the evidence register; stale items flagged")
    v.add_argument("id", metavar="ID", help="assessment id")
    v.add_argument("--json", action="store_true", help="print JSON")
    v.set_defaults(func=cmd_evidence_list)
    v = verbs.add_parser("verify", help="record that an evidence item was verified, by whom")
    v.add_argument("id", metavar="ID", help="assessment id")
    v.add_argument("evidence", metavar="EVIDENCE", help="evidence id or library id")
    v.add_argument("--by", required=True, metavar="NAME", help="who verified it")
    v.add_argument("--note", default="", metavar="TEXT", help="how (kept in the audit log)")
    v.set_defaults(func=cmd_evidence_verify)

    p = sub.add_parser("scope", help="show or set sites in scope, which are visited, and why")
    p.add_argument("id", metavar="ID", help="assessment id")
    add_scope_options(p)
    p.set_defaults(func=cmd_scope)

    p = sub.add_parser("schedule", help="the interviews planned across the days")
    verbs = p.add_subparsers(dest="verb", metavar="VERB", required=True)
    v = verbs.add_parser("list", help="list the schedule and its checks")
    v.add_argument("id", metavar="ID", help="assessment id")
    v.add_argument("--json", action="store_true", help="print JSON")
    v.set_defaults(func=cmd_schedule_list)
    v = verbs.add_parser("add", help="plan an interview")
    v.add_argument("id", metavar="ID", help="assessment id")
    v.add_argument("--day", required=True, metavar="DATE", help="e.g. 2025-06-02")
    v.add_argument("--time", default="09:00", metavar="HH:MM", help="default 09:00")
    v.add_argument("--role", required=True, choices=("lead", "stakeholder", "staff"))
    v.add_argument("--site", default="", metavar="NAME", help="site (one in scope)")
    v.add_argument("--minutes", type=int, default=45, metavar="N", help="time box (default 45)")
    v.add_argument(
        "--criteria", default="", metavar="IDS", help="comma-separated (default: chosen later)"
    )
    v.add_argument("--note", default="", metavar="TEXT", help="e.g. the team or person")
    v.set_defaults(func=cmd_schedule_add)
    v = verbs.add_parser("remove", help="remove the Nth interview of `schedule list`")
    v.add_argument("id", metavar="ID", help="assessment id")
    v.add_argument("number", type=int, metavar="N")
    v.set_defaults(func=cmd_schedule_remove)


def add_scope_options(p: argparse.ArgumentParser) -> None:
    """Add the sampling options (`scope` and `new` share them)."""
    p.add_argument(
        "--skip-site",
        action="append",
        default=[],
        metavar="NAME",
        help="a site in scope that is not visited (repeat; needs --rationale)",
    )
    p.add_argument(
        "--visit-site",
        action="append",
        default=[],
        metavar="NAME",
        help="a site that is visited (added when new; repeat)",
    )
    p.add_argument(
        "--site-reason",
        action="append",
        default=[],
        metavar="NAME=TEXT",
        help="why a site is or is not visited (repeat)",
    )
    p.add_argument("--rationale", metavar="TEXT", help="the sampling rationale")


def site_reasons(values: list[str]) -> dict[str, str]:
    """Parse ``NAME=TEXT`` pairs; a value without '=' is a usage error."""
    from assistant.core.errors import AssessorError

    out: dict[str, str] = {}
    for value in values:
        name, sep, text = value.partition("=")
        if not sep or not name.strip():
            raise AssessorError(f"--site-reason: '{value}' is not NAME=TEXT")
        out[name.strip()] = text
    return out


@contextmanager
def _opened(args: argparse.Namespace, read_only: bool = False) -> Iterator[OpenAssessment]:
    from assistant.services.opening import open_assessment
    from assistant.store.workspace import Workspace

    ws = Workspace(paths.workspace_root(args.workspace))
    ws.require_root()
    opened = open_assessment(ws, args.id, read_only=read_only)
    try:
        for warning in opened.warnings:
            print(f"assessor: {warning}", file=sys.stderr)
        yield opened
    finally:
        opened.session.close()


def _report(result: ImportResult) -> int:
    for line in result.problems:
        print(line, file=sys.stderr)
    print(result.summary())
    return 1 if result.skipped else 0


def cmd_selfassess_import(args: argparse.Namespace) -> int:
    """Import a self-assessment workbook."""
    from assistant.services.selfassess import import_self_assessment

    with _opened(args) as opened:
        return _report(import_self_assessment(opened, args.file))


def cmd_selfassess_show(args: argparse.Namespace) -> int:
    """Print the self-assessment against the assessor's view."""
    from assistant.services.selfassess import variance_json, variance_rows, variance_text

    with _opened(args, read_only=True) as opened:
        rows = variance_rows(opened.bank, opened.data)
        if args.json:
            print(json.dumps([variance_json(v) for v in rows], indent=2))
            return 0
        if not rows:
            print(f"no self-assessment in {args.id} (assessor selfassess import {args.id} FILE)")
            return 0
        over = sum(1 for v in rows if v.overstated)
        print(f"{len(rows)} criteria self-assessed; {over} overstated (largest gap first)")
        for v in rows:
            print(variance_text(v))
    return 0


def cmd_evidence_import(args: argparse.Namespace) -> int:
    """Import an evidence-library sheet."""
    from assistant.services.evidence_library import import_library

    with _opened(args) as opened:
        return _report(import_library(opened, args.file))


def cmd_evidence_list(args: argparse.Namespace) -> int:
    """Print the evidence register."""
    from assistant.services.evidence_library import register, row_json, row_text

    with _opened(args, read_only=True) as opened:
        rows = register(opened.bank, opened.data)
        if args.json:
            print(json.dumps([row_json(r) for r in rows], indent=2))
            return 0
        stale = sum(1 for r in rows if r.stale)
        print(f"{len(rows)} evidence item(s); {stale} stale")
        for row in rows:
            print(row_text(row))
    return 0


def cmd_evidence_verify(args: argparse.Namespace) -> int:
    """Mark an evidence item verified."""
    from assistant.services.evidence_library import verify

    with _opened(args) as opened:
        item = verify(opened, args.evidence, args.by, args.note)
        print(f"{item.library_id or item.id}: verified by {item.verified_by}")
    return 0


def _print_checks(checks: list[Check]) -> None:
    for check in checks:
        print(f"{check.level}: {check.text}")


def cmd_scope(args: argparse.Namespace) -> int:
    """Show the scope and schedule, or change the sampling and show the checks."""
    from assistant.services.scope import save_scope, scope_lines, scoped

    change = args.skip_site or args.visit_site or args.site_reason or args.rationale is not None
    with _opened(args, read_only=not change) as opened:
        scope = opened.data.assessment.scope
        if change:
            scope = scoped(
                scope,
                visit=args.visit_site,
                skip=args.skip_site,
                reasons=site_reasons(args.site_reason),
                rationale=args.rationale,
            )
            save_scope(opened, scope)
        print("\n".join(scope_lines(opened.bank, scope)))
    return 0


def cmd_schedule_list(args: argparse.Namespace) -> int:
    """Print the schedule by day, with the checks."""
    from assistant.core.inputs.schedule import check_scope, sort_slots
    from assistant.services.scope import scope_lines

    with _opened(args, read_only=True) as opened:
        scope = opened.data.assessment.scope
        if args.json:
            checks = check_scope(opened.bank, scope)
            doc = {
                "schedule": [s.model_dump(mode="json") for s in sort_slots(scope.schedule)],
                "checks": [{"level": c.level, "text": c.text} for c in checks],
            }
            print(json.dumps(doc, indent=2))
            return 0
        lines = scope_lines(opened.bank, scope)
        start = next(i for i, line in enumerate(lines) if line.startswith("Sampling rationale"))
        print("\n".join(lines[start + 1 :]))
    return 0


def cmd_schedule_add(args: argparse.Namespace) -> int:
    """Add an interview to the schedule."""
    from assistant.core.inputs.schedule import slot_label
    from assistant.services.scope import add_slot, make_slot

    with _opened(args) as opened:
        slot = make_slot(
            opened.bank,
            day=args.day,
            time=args.time,
            role=args.role,
            site=args.site,
            minutes=args.minutes,
            criteria=[c for c in args.criteria.split(",") if c.strip()],
            note=args.note,
        )
        checks = add_slot(opened, slot)
        print(f"scheduled: {slot_label(slot)}")
        _print_checks(checks)
    return 0


def cmd_schedule_remove(args: argparse.Namespace) -> int:
    """Remove an interview from the schedule."""
    from assistant.core.inputs.schedule import slot_label
    from assistant.services.scope import remove_slot

    with _opened(args) as opened:
        gone, checks = remove_slot(opened, args.number)
        print(f"removed: {slot_label(gone)}")
        _print_checks(checks)
    return 0
