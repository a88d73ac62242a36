"""Provides `assessor new | list | show | export | import | check | replay`: assessments on disk.

The storage layer is imported inside each command, so `assessor banks ...` never loads TinyDB.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant import paths

if TYPE_CHECKING:
    from assistant.core.model import AssessmentData
from assistant.cli.report import add_allow_damaged
from assistant.core.errors import AssessorError

if TYPE_CHECKING:
    from assistant.store.workspace import Workspace


def register(sub: Any) -> None:
    """Add the assessment commands."""
    from assistant.core.terms import ASSESSMENT_TYPES

    p = sub.add_parser("new", help="create an assessment pinned to a bank; prints its id")
    p.add_argument("--org", required=True, metavar="NAME", help="organisation assessed")
    p.add_argument("--type", required=True, choices=ASSESSMENT_TYPES, help="assessment type")
    p.add_argument("--bank", required=True, metavar="ID", help="bank id (e.g. icss) or file")
    p.add_argument(
        "--assessor",
        action="append",
        default=[],
        metavar="NAME",
        help="an assessor (repeat for a team; the first is the lead)",
    )
    p.add_argument(
        "--site", action="append", default=[], metavar="NAME", help="a site in scope (repeat)"
    )
    p.add_argument("--unit", metavar="TEXT", help="unit in scope (default: whole organisation)")
    prof = p.add_argument_group("organisation profile (shown in the report)")
    prof.add_argument("--sector", default="", metavar="TEXT", help="e.g. 'Local government'")
    prof.add_argument("--size", default="", metavar="TEXT", help="e.g. 'about 420 staff'")
    prof.add_argument(
        "--locations", default="", metavar="TEXT", help="where it serves customers, in words"
    )
    prof.add_argument(
        "--channel", action="append", default=[], metavar="NAME", help="a channel (repeat)"
    )
    prof.add_argument(
        "--customer-group",
        action="append",
        default=[],
        metavar="NAME",
        help="a customer group (repeat)",
    )
    from assistant.cli.inputs import add_scope_options

    add_scope_options(p)
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("list", help="list the assessments in the workspace")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser("show", help="summarise one assessment")
    p.add_argument("id", metavar="ID", help="assessment id")
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("export", help="write an assessment's full transcript (role codes only)")
    p.add_argument("id", metavar="ID", help="assessment id")
    p.add_argument("--format", choices=("json", "md"), default="md", help="default: md")
    p.add_argument(
        "--out",
        metavar="PATH",
        help="file to write ('-' for standard output; "
        "default: <workspace>/exports/<id>-transcript.<format>)",
    )
    p.add_argument(
        "--include-names",
        action="store_true",
        help="add interviewees' real names (kept out by default)",
    )
    add_allow_damaged(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("import", help="merge another assessor's copy of an assessment folder")
    p.add_argument("path", type=Path, metavar="PATH", help="the other copy's assessment folder")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("check", help="verify an assessment's files; one line per problem")
    p.add_argument("id", nargs="?", metavar="ID", help="assessment id (default: all)")
    p.add_argument(
        "--accept-loss",
        action="store_true",
        help="accept files the manifest expects but that are gone or shorter (recorded in "
        "the audit log); needs ID",
    )
    p.set_defaults(func=cmd_check)

    p = sub.add_parser(
        "replay", help="play a scripted interview through the store (format: docs/REPLAY.md)"
    )
    p.add_argument("script", type=Path, metavar="SCRIPT.yaml")
    p.add_argument("--assessment", metavar="ID", help="replay into this existing assessment")
    p.add_argument(
        "--delay",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="pause between turns (demos, crash tests)",
    )
    p.set_defaults(func=cmd_replay)


def _workspace(args: argparse.Namespace) -> Workspace:
    from assistant.store.workspace import Workspace

    ws = Workspace(paths.workspace_root(args.workspace))
    ws.require_root()
    return ws


def _bank_dirs(ws: Workspace) -> list[Path]:
    return paths.bank_dirs(ws.root)


def cmd_new(args: argparse.Namespace) -> int:
    """Create an assessment and print its id."""
    from assistant.core.bank.loader import find_bank
    from assistant.core.model import Scope, Site
    from assistant.services.report_texts import make_profile

    ws = _workspace(args)
    bank = find_bank(args.bank, _bank_dirs(ws))
    from assistant.cli.inputs import site_reasons
    from assistant.services.scope import scoped

    scope = scoped(
        Scope(unit=args.unit or "whole organisation", sites=[Site(name=s) for s in args.site]),
        visit=args.visit_site,
        skip=args.skip_site,
        reasons=site_reasons(args.site_reason),
        rationale=args.rationale,
    )
    assessors = list(args.assessor)
    new_id = ws.create_assessment(
        organisation=args.org,
        type=args.type,
        bank=bank,
        assessors=assessors,
        lead_assessor=assessors[0] if assessors else None,
        scope=scope,
        who=assessors[0] if assessors else "",
        profile=make_profile(
            args.sector, args.size, args.locations, args.channel, args.customer_group
        ),
    )
    print(new_id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """Print a table of assessments; damaged ones with their reason."""
    ws = _workspace(args)
    rows = ws.list_assessments()
    if not rows:
        print(f"no assessments in {ws.root}")
        return 0
    width = max(len(r.id) for r in rows)
    print(
        f"{'ID':<{width}}  {'ORGANISATION':<24} {'TYPE':<22} {'STATUS':<11} "
        f"{'INTERVIEWS':>10} {'TURNS':>6}  LAST SAVED"
    )
    for r in rows:
        saved = r.last_saved.astimezone().strftime("%Y-%m-%d %H:%M") if r.last_saved else "-"
        if r.organisation:
            print(
                f"{r.id:<{width}}  {r.organisation[:24]:<24} {r.type:<22} {r.status:<11} "
                f"{r.interviews:>10} {r.turns:>6}  {saved}"
            )
        if r.damaged:
            print(f"{r.id:<{width}}  DAMAGED: {r.damaged}")
    return 0


def render_summary(data: AssessmentData, problems: list[str]) -> str:
    """Return the text of `assessor show`."""
    from assistant.core.terms import ROLE_LABEL

    a = data.assessment
    lines = [
        f"{a.organisation}  [{a.id}]",
        f"  type {a.type}, status {a.status}, created {a.created:%Y-%m-%d}",
        f"  bank {a.bank.id} version {a.bank.version} (digest {a.bank.digest[:12]})",
        f"  assessors: {', '.join(a.assessors) or '-'}; scope: {a.scope.unit}"
        + (f"; sites: {', '.join(s.name for s in a.scope.sites)}" if a.scope.sites else ""),
        "",
        "Interviewees:",
    ]
    lines += [
        f"  {p.code:<4} {ROLE_LABEL[p.role]}"
        + (f", {p.department}" if p.department else "")
        + (f", {p.site}" if p.site else "")
        for p in data.interviewees
    ] or ["  none"]
    lines += ["", "Interviews:"]
    for iv in data.interviews:
        n = sum(1 for t in data.turns if t.interview_id == iv.id)
        codes = []
        for pid in iv.interviewee_ids:
            try:
                codes.append(data.interviewee(pid).code)
            except KeyError:
                codes.append("?")
        state = f"ended {iv.ended:%H:%M}" if iv.ended else "open"
        lines.append(
            f"  {iv.id}  {', '.join(codes):<8} {n:>4} turns  started "
            f"{iv.started:%Y-%m-%d %H:%M}, {state}"
        )
    if not data.interviews:
        lines.append("  none")
    open_items = [i for i in data.open_items if i.status == "open"]
    verified = sum(1 for e in data.evidence if e.verified)
    lines += [
        "",
        f"Evidence: {len(data.evidence)} ({verified} verified)",
        f"Scores set: {len(data.scores)}"
        + (f" ({', '.join(sorted({s.criterion_id for s in data.scores}))})" if data.scores else ""),
        f"Open items: {len(open_items)} open, {len(data.open_items) - len(open_items)} closed",
    ]
    lines += [f"  - {i.kind}: {i.text}" for i in open_items[:10]]
    lines += _review_summary(data)
    lines += ["", "Last 5 turns:"]
    for turn in data.turns[-5:] if data.turns else []:
        speaker = data.speaker_of(turn)
        answer = " ".join(turn.answer.split())
        lines.append(
            f"  {turn.key} {speaker.code if speaker else '?'}: "
            f"{answer[:100]}{'...' if len(answer) > 100 else ''}"
        )
    if not data.turns:
        lines.append("  none")
    if problems:
        lines += ["", "Problems:"] + [f"  {p}" for p in problems]
    return "\n".join(lines)


def _review_summary(data: AssessmentData) -> list[str]:
    """Return the review part of `assessor show`: sign-off and open comments per criterion."""
    from assistant.cli.review import render_comments
    from assistant.services.review import open_comments, sign_off_state

    lines = ["", f"Sign-off: {sign_off_state(data).describe()}"]
    if data.consensus:
        lines.append(f"Consensus scores: {len(data.consensus)}")
    still_open = open_comments(data)
    lines.append(
        f"Review comments: {len(still_open)} open, {len(data.comments) - len(still_open)} resolved"
    )
    lines += render_comments(data)
    return lines


def cmd_show(args: argparse.Namespace) -> int:
    """Print a summary of one assessment (read-only; works while it is open elsewhere)."""
    loaded = _workspace(args).read(args.id)
    print(render_summary(loaded.data, loaded.problems))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the transcript as Markdown or JSON."""
    from assistant.export.transcript import transcript_json, transcript_markdown
    from assistant.services.reporting import integrity_gate
    from assistant.store.errors import SaveError
    from assistant.store.files import make_dir
    from assistant.store.storage import atomic_write_bytes

    ws = _workspace(args)
    damage = integrity_gate(ws, args.id, args.allow_damaged)
    loaded = ws.read(args.id)
    names = loaded.names if args.include_names else None
    text = (transcript_json if args.format == "json" else transcript_markdown)(loaded.data, names)
    text = with_damage_warning(text, args.format, damage)
    for problem in damage or loaded.problems:
        print(f"assessor: warning: {problem}", file=sys.stderr)
    if args.out == "-":
        sys.stdout.write(text)
        return 0
    if args.out:
        out = Path(args.out)
    else:
        suffix = "-with-names" if args.include_names else ""
        out = paths.exports_dir(ws.root) / f"{args.id}-transcript{suffix}.{args.format}"
    try:
        if not args.out:
            make_dir(out.parent)
        atomic_write_bytes(out, text.encode("utf-8"))
    except OSError as exc:
        raise SaveError(str(out), exc.strerror or str(exc)) from None
    print(f"wrote {out}" + (" (includes real names)" if args.include_names else ""))
    return 0


def with_damage_warning(text: str, fmt: str, damage: list[str]) -> str:
    """Put `check`'s problems first in an export written with --allow-damaged."""
    if not damage:
        return text
    if fmt == "json":
        import json

        doc = json.loads(text)
        if isinstance(doc, dict):
            doc = {"integrity_problems": damage, **doc}
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    from assistant.export.markdown import damage_warning

    return damage_warning(damage) + text


def cmd_import(args: argparse.Namespace) -> int:
    """Merge another copy of an assessment; report what arrived and every conflict."""
    from assistant.store.merge import import_copy

    report = import_copy(_workspace(args), args.path)
    print(
        f"imported into {report.assessment_id}: "
        + ("; ".join(report.arrived) if report.arrived else "nothing new")
    )
    for line in report.renumbered:
        print(f"renumbered: {line}")
    for line in report.conflicts:
        print(f"conflict: {line}")
    if any("kept for consensus" in line for line in report.conflicts):
        print(
            f"next: assessor consensus {report.assessment_id} (scores side by side), then "
            f"--open, --set CRITERION SCORE --rationale TEXT and --close"
        )
    for line in report.skipped:
        print(f"skipped: {line}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """Verify one or every assessment; exit 1 when any has a problem."""
    from assistant.store.check import check_assessment

    ws = _workspace(args)
    if args.accept_loss:
        from assistant.store.integrity import accept_loss

        if not args.id:
            raise AssessorError("--accept-loss needs an assessment id")
        with ws.open(args.id) as session:
            accepted = accept_loss(session)
        for line in accepted:
            print(f"accepted: {line}")
        if not accepted:
            print(f"{args.id}: nothing missing; nothing to accept")
    ids = [args.id] if args.id else ws.ids()
    if not ids:
        print(f"no assessments in {ws.root}")
        return 0
    bad = 0
    for assessment_id in ids:
        report = check_assessment(ws, assessment_id, _bank_dirs(ws))
        for line in report.problems:
            print(line)
        for line in report.warnings:
            print(f"warning: {line}")
        if report.sign_off:
            print(f"{assessment_id}: {report.sign_off}")
        if report.ok:
            print(f"{assessment_id}: ok ({report.interviews} interviews, {report.turns} turns)")
        else:
            bad += 1
            print(f"{assessment_id}: {len(report.problems)} problem(s)")
    return 1 if bad else 0


def cmd_replay(args: argparse.Namespace) -> int:
    """Play a script through the store, printing each durable write as it happens."""
    from assistant.store.replay import load_script, run_script

    ws = _workspace(args)
    script = load_script(args.script)
    if args.delay < 0:
        raise AssessorError("--delay must not be negative")

    def say(line: str) -> None:
        print(line, flush=True)

    run_script(
        ws,
        script,
        source=str(args.script),
        bank_dirs=_bank_dirs(ws),
        assessment_id=args.assessment,
        delay=args.delay,
        say=say,
    )
    return 0
