"""Provides `assessor status | consensus | review | signoff`: team review from the command line.

Each command opens the assessment for writing as the person named with ``--as`` (the lock keeps
a second reviewer out until the first is done) and calls `assistant.services.review`, so the
rules are the ones the app's Review and Consensus screens apply.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from assistant import paths
from assistant.core.errors import AssessorError

if TYPE_CHECKING:
    from assistant.services.opening import OpenAssessment

STATUSES = ("planned", "in-progress", "in-review", "signed-off")


def register(sub: Any) -> None:
    """Add the review commands."""
    p = sub.add_parser("status", help="show an assessment's status history, or move its status")
    p.add_argument("id", metavar="ID", help="assessment id")
    p.add_argument(
        "new_status", nargs="?", choices=STATUSES, metavar="STATUS", help="the new status"
    )
    p.add_argument("--why", default="", metavar="TEXT", help="why it changes (required)")
    _as(p)
    p.set_defaults(func=cmd_status)

    p = sub.add_parser(
        "consensus", help="individual scores side by side; open, set and close consensus"
    )
    p.add_argument("id", metavar="ID", help="assessment id")
    p.add_argument("--open", action="store_true", help="open consensus (locks individual scores)")
    p.add_argument(
        "--set",
        nargs=2,
        metavar=("CRITERION", "SCORE"),
        help="record the team's score on a criterion",
    )
    p.add_argument("--rationale", default="", metavar="TEXT", help="why the team agreed it")
    p.add_argument("--close", action="store_true", help="close consensus")
    p.add_argument("--all", action="store_true", help="list every criterion, not only disputed")
    _as(p)
    p.set_defaults(func=cmd_consensus)

    p = sub.add_parser("review", help="list review comments; comment, answer, resolve, mark")
    p.add_argument("id", metavar="ID", help="assessment id")
    p.add_argument(
        "--on",
        metavar="TARGET",
        help="what the comment is on: CRITERION, score:CRITERION, finding:ID, turn:IV/N "
        "or assessment (default: assessment)",
    )
    p.add_argument("--comment", metavar="TEXT", help="add a comment")
    p.add_argument(
        "--request-changes",
        metavar="REASON",
        help="add a comment that requests changes (back to in progress)",
    )
    p.add_argument("--reply", nargs=2, metavar=("COMMENT", "TEXT"), help="answer a comment")
    p.add_argument(
        "--resolve", nargs=2, metavar=("COMMENT", "TEXT"), help="resolve a comment, saying how"
    )
    p.add_argument("--reopen", nargs=2, metavar=("COMMENT", "TEXT"), help="reopen a comment")
    p.add_argument(
        "--reviewed",
        metavar="CRITERION",
        help="mark an override crossing the certification line as reviewed",
    )
    p.add_argument("--note", default="", metavar="TEXT", help="note for --reviewed")
    p.add_argument(
        "--close-item",
        nargs=2,
        metavar=("ITEM", "RESOLUTION"),
        help="close an open item (claim, document, person), saying how it was resolved",
    )
    p.add_argument("--all", action="store_true", help="list resolved comments too")
    _as(p)
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("signoff", help="sign an assessment off as its lead assessor")
    p.add_argument("id", metavar="ID", help="assessment id")
    p.add_argument(
        "--accept-risk",
        default="",
        metavar="REASON",
        help="sign off despite the blockers, recording them with this reason",
    )
    _as(p, required=True)
    p.set_defaults(func=cmd_signoff)


def _as(p: argparse.ArgumentParser, required: bool = False) -> None:
    p.add_argument(
        "--as",
        dest="who",
        required=required,
        default="",
        metavar="NAME",
        help="who makes the change (recorded in the audit log"
        + ("" if required else "; default: the lead assessor")
        + ")",
    )


def _open(args: argparse.Namespace, read_only: bool = False) -> OpenAssessment:
    from assistant.services.opening import open_assessment
    from assistant.store.workspace import Workspace

    ws = Workspace(paths.workspace_root(args.workspace))
    ws.require_root()
    return open_assessment(ws, args.id, read_only=read_only, who=args.who)


def cmd_status(args: argparse.Namespace) -> int:
    """Print the status and its history, or move it."""
    from assistant.services import review

    oa = _open(args, read_only=args.new_status is None)
    with oa.session:
        if args.new_status is not None:
            before = oa.data.assessment.status
            review.set_status(oa, args.new_status, args.why)
            print(
                f"{args.id}: {review.status_words(before)} -> "
                f"{review.status_words(args.new_status)} ({oa.session.who or 'unnamed'}: "
                f"{' '.join(args.why.split())})"
            )
            return 0
        print(f"{args.id}: {review.status_words(oa.data.assessment.status)}")
        print("  " + review.sign_off_state(oa.data).describe())
        for entry in review.status_history(oa):
            if entry.field != "status":
                continue
            print(
                f"  {entry.at:%Y-%m-%d %H:%M} {entry.who or '-'}: "
                f"{review.status_words(entry.old or '-')} -> "
                f"{review.status_words(entry.new or '-')}"
                + (f" ({entry.why})" if entry.why else "")
            )
    return 0


def render_consensus(oa: OpenAssessment, every: bool = False) -> str:
    """Return the consensus table: per criterion each assessor's score, band and comment."""
    from assistant.services import consensus

    scale = oa.bank.scale
    a = oa.data.assessment
    if a.consensus_opened is None:
        state = "not open (individual scores can still change)"
    elif a.consensus_closed is None:
        state = f"open since {a.consensus_opened:%Y-%m-%d %H:%M} UTC (individual scores locked)"
    else:
        state = f"closed {a.consensus_closed:%Y-%m-%d %H:%M} UTC"
    out = [f"Consensus for {a.id}: {state}"]
    shown = 0
    for line in consensus.consensus_lines(oa):
        if not every and not line.disputed and line.agreed is None:
            continue
        shown += 1
        agreed = line.agreed
        median = "-" if line.median is None else f"{line.median:g}"
        head = (
            f"{line.criterion_id} {line.title}{' (mandatory)' if line.mandatory else ''}: "
            f"median {median}, spread {line.spread:g}"
            + (", crosses a band" if line.crosses_band else "")
            + ("; rationale required" if line.needs_rationale else "")
        )
        out += ["", head]
        for s in line.individual:
            value = "unscored" if s.score is None else f"{s.score:g}"
            band = scale.band_for(s.score).label if s.score is not None else "-"
            who = s.assessor or "(no assessor named)"
            out.append(f"  {who:<16} {value:>5} {band}")
            if s.comment:
                out.append(f"    comment: {' '.join(s.comment.split())}")
            if s.override_reason:
                out.append(f"    override: {' '.join(s.override_reason.split())}")
            cites = line.cites.get(who, [])
            if cites:
                out.append(f"    cites: {', '.join(cites[:12])}")
        if agreed is None:
            out.append(f"  consensus: not agreed yet (starts at {median})")
        else:
            out.append(
                f"  consensus: {agreed.score:g} {scale.band(agreed.band).label} "
                f"({agreed.decided_by or '-'}, {agreed.decided_at:%Y-%m-%d %H:%M})"
                + (f" - {agreed.rationale}" if agreed.rationale else "")
            )
    if not shown:
        out.append("no criterion where assessors differ (use --all to list every criterion)")
    return "\n".join(out)


def cmd_consensus(args: argparse.Namespace) -> int:
    """List or change consensus."""
    from assistant.core.scoring.decisions import DecisionError, parse_score
    from assistant.services import consensus

    writing = args.open or args.close or args.set is not None
    if args.rationale and args.set is None:
        raise AssessorError("--rationale goes with --set CRITERION SCORE")
    oa = _open(args, read_only=not writing)
    with oa.session:
        if args.open:
            consensus.open_consensus(oa)
            print(f"{args.id}: consensus open; individual scores are locked")
        if args.set is not None:
            criterion, text = args.set
            try:
                value = parse_score(oa.bank.scale, text)
            except DecisionError as exc:
                raise AssessorError(f"consensus score for {criterion}: {exc}") from None
            agreed = consensus.set_consensus(oa, criterion, value, args.rationale)
            print(
                f"{agreed.criterion_id}: consensus {agreed.score:g} "
                f"({oa.bank.scale.band(agreed.band).label})"
            )
        if args.close:
            made = consensus.close_consensus(oa)
            print(
                f"{args.id}: consensus closed"
                + (f"; {len(made)} criteria agreed as scored" if made else "")
            )
        if not writing:
            print(render_consensus(oa, args.all))
    return 0


def render_comments(data: Any, every: bool = False) -> list[str]:
    """Return the review comments as lines, open ones first, with their replies."""
    items = sorted(data.comments, key=lambda c: (c.status == "resolved", c.at))
    out: list[str] = []
    for c in items:
        if c.status == "resolved" and not every:
            continue
        flag = " REQUEST CHANGES" if c.request_changes else ""
        where = c.ref if c.target in ("criterion", "assessment") else f"{c.target} {c.ref}"
        out.append(
            f"  [{c.status}]{flag} {c.id} on {where} - {c.author or 'reviewer'} "
            f"{c.at:%Y-%m-%d %H:%M}: {c.text}"
        )
        out += [
            f"      {r.action} by {r.who or '-'} {r.at:%Y-%m-%d %H:%M}: {r.text}" for r in c.replies
        ]
    return out


def cmd_review(args: argparse.Namespace) -> int:
    """Comment, answer, resolve or mark reviewed; without an action, list what is open."""
    from assistant.core.review.signoff import blockers
    from assistant.services import review

    actions = [
        args.comment,
        args.request_changes,
        args.reply,
        args.resolve,
        args.reopen,
        args.reviewed,
        args.close_item,
    ]
    writing = any(a is not None for a in actions)
    if sum(a is not None for a in actions) > 1:
        raise AssessorError(
            "give one of --comment, --request-changes, --reply, --resolve, "
            "--reopen, --reviewed, --close-item at a time"
        )
    if args.on and args.comment is None and args.request_changes is None:
        raise AssessorError("--on goes with --comment or --request-changes")
    oa = _open(args, read_only=not writing)
    with oa.session:
        if args.comment is not None or args.request_changes is not None:
            changes = args.request_changes is not None
            c = review.add_comment(
                oa,
                args.on or "assessment",
                args.request_changes if changes else args.comment,
                request_changes=changes,
            )
            print(
                f"{c.id}: {'changes requested' if changes else 'comment'} on {c.target} {c.ref}"
                + (
                    f"; {args.id} is {review.status_words(oa.data.assessment.status)}"
                    if changes
                    else ""
                )
            )
        elif args.reply or args.resolve:
            cid, text = args.reply or args.resolve
            c = review.answer_comment(oa, cid, text, resolve=args.resolve is not None)
            print(f"{c.id}: {c.status}")
        elif args.reopen:
            c = review.reopen_comment(oa, *args.reopen)
            print(f"{c.id}: {c.status}")
        elif args.close_item:
            review.close_item(oa, *args.close_item)
            print(f"{args.close_item[0]}: closed")
        elif args.reviewed:
            r = review.mark_override_reviewed(oa, args.reviewed, args.note)
            print(f"{r.criterion_id}: override to {r.score:g} marked reviewed by {r.by or '-'}")
        else:
            a = oa.data.assessment
            print(
                f"{a.id}: {review.status_words(a.status)}; "
                + review.sign_off_state(oa.data).describe()
            )
            lines = render_comments(oa.data, args.all)
            print("Comments:" if lines else "Comments: none open")
            for line in lines:
                print(line)
            found = blockers(oa.bank, oa.data)
            print(f"Sign-off blockers: {len(found) or 'none'}")
            for line in found:
                print(f"  - {line}")
            if any(line.endswith("not marked reviewed") for line in found):
                print(f"  (mark an override reviewed: assessor review {a.id} --reviewed CRITERION)")
    return 0


def cmd_signoff(args: argparse.Namespace) -> int:
    """Sign off, or print one line per blocker and exit 1."""
    from assistant.services import review

    oa = _open(args)
    with oa.session:
        try:
            record = review.sign_off(oa, args.accept_risk)
        except review.SignOffBlocked as exc:
            print(f"assessor: {exc}", file=sys.stderr)
            for line in exc.blockers:
                print(f"  - {line}", file=sys.stderr)
            return 1
    print(f"{args.id}: signed off by {record.by} at {record.at:%Y-%m-%d %H:%M} UTC")
    print(f"  content sha256 {record.content_sha256}")
    if record.accepted_risks:
        print(f"  risks accepted ({record.risk_reason}):")
        for line in record.accepted_risks:
            print(f"  - {line}")
    return 0
