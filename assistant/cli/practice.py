"""Provides `assessor practice list | validate | schema | start | run | report | cohort | progress`.

Practice mode for trainee assessors: a scripted interviewee to question, blind scoring, and
calibration against an expert's reference.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import Any

from assistant import paths


def register(sub: Any) -> None:
    """Add the `practice` command group."""
    practice = sub.add_parser(
        "practice",
        help="practise on scripted cases; compare your scores with an expert's",
        description="Practice cases for trainee assessors: interview scripted people, score "
        "blind, then read the calibration against the expert's reference.",
    )
    ps = practice.add_subparsers(dest="practice_command", metavar="ACTION", required=True)
    p = ps.add_parser("list", help="list the practice cases")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(func=cmd_list)
    p = ps.add_parser("validate", help="check case files; one line per problem, exit 1 if any")
    p.add_argument("paths", nargs="*", type=Path, metavar="FILE", help="default: every case")
    p.set_defaults(func=cmd_validate)
    p = ps.add_parser("schema", help="print the JSON Schema of the case format")
    p.set_defaults(func=cmd_schema)
    p = ps.add_parser("start", help="start a practice assessment and talk to the case's people")
    p.add_argument("case", nargs="?", help="case id (see practice list) or path to a case file")
    p.add_argument("--trainee", help="your name (default: your login name)")
    p.add_argument(
        "--plain",
        action="store_true",
        help="line mode instead of the app (also when not a terminal)",
    )
    p.add_argument("--resume", metavar="ID", help="reopen this practice assessment instead")
    p.set_defaults(func=cmd_start)
    p = ps.add_parser("run", help="play a trainee's script (asks and scores); print the new id")
    p.add_argument("case")
    p.add_argument("--trainee", required=True)
    p.add_argument("--script", required=True, type=Path, metavar="FILE.yaml")
    p.set_defaults(func=cmd_run)
    p = ps.add_parser("report", help="the calibration of a submitted practice assessment")
    p.add_argument("assessment_id", metavar="ID")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--format", choices=("text", "md", "pdf"), default="text")
    p.add_argument("--output", "-o", type=Path, help="file to write (md, pdf)")
    p.set_defaults(func=cmd_report)
    p = ps.add_parser("cohort", help="spread, outliers and ICC over several trainees on a case")
    p.add_argument("case")
    p.add_argument(
        "--from",
        dest="sources",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="also read trainees' workspaces or assessment folders (repeatable)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_cohort)
    p = ps.add_parser("progress", help="a trainee's results across cases over time")
    p.add_argument("trainee")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_progress)


def _root(args: argparse.Namespace) -> Path:
    return paths.workspace_root(args.workspace)


def _workspace(args: argparse.Namespace) -> Any:
    from assistant.store.workspace import Workspace

    return Workspace(_root(args))


def cmd_list(args: argparse.Namespace) -> int:
    """Print the cases: id, bank, criteria, people, title."""
    from assistant.services.practice import case_summary, list_cases

    cases = [case_summary(c) for c in list_cases(_root(args))]
    if args.json:
        print(json.dumps(cases, indent=2))
        return 0
    for c in cases:
        print(
            f"{c['id']:32} {c['bank']:9} {len(c['criteria'])} criteria, "
            f"people {' '.join(c['people'])}: {c['title']}"
        )
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    """Check case files against the format and their banks."""
    from assistant.services.practice import validate

    problems = validate(list(args.paths), _root(args))
    for line in problems:
        print(line, file=sys.stderr)
    if not problems:
        print("ok")
    return 1 if problems else 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the case format's JSON Schema."""
    from assistant.core.practice.schema import case_schema

    print(json.dumps(case_schema(), indent=2))
    return 0


def cmd_start(args: argparse.Namespace) -> int:
    """Start (or resume) a practice assessment, in the app or in line mode."""
    from assistant.core.errors import AssessorError
    from assistant.services.practice import start_practice

    ws = _workspace(args)
    trainee = args.trainee or getpass.getuser()
    if not args.resume and not args.case:
        raise AssessorError(
            "practice start: give a CASE (see: assessor practice list) or --resume ID"
        )
    assessment_id = args.resume or start_practice(ws, args.case, trainee)
    from assistant.cli.app_cmds import wants_app

    if args.plain or getattr(args, "top_plain", False) or not wants_app():
        from assistant.line.practice import run_practice

        return run_practice(ws, assessment_id)
    from assistant.tui.app import create_app

    app = create_app(_root(args), who=trainee, practice=assessment_id)
    app.run()
    return int(app.return_code or 0)


def cmd_run(args: argparse.Namespace) -> int:
    """Play a script and print the new assessment's id."""
    from assistant.services.practice import run_script

    print(run_script(_workspace(args), args.case, args.trainee, args.script))
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Print or write the calibration report."""
    from assistant.core.practice.feedback import Feedback
    from assistant.services.practice import calibration_for, calibration_json
    from assistant.services.practice_report import calibration_markdown, write_calibration_pdf

    ws = _workspace(args)
    cal = calibration_for(ws, args.assessment_id)
    if args.json:
        print(json.dumps(calibration_json(cal), indent=2, ensure_ascii=False))
        return 0
    if args.format == "text":
        print(Feedback(cal).plain())
        return 0
    out = (
        args.output
        or paths.exports_dir(_root(args)) / f"{args.assessment_id}-calibration.{args.format}"
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    if args.format == "md":
        out.write_text(calibration_markdown(cal), encoding="utf-8")
    else:
        write_calibration_pdf(cal, out)
    print(out)
    return 0


def cmd_cohort(args: argparse.Namespace) -> int:
    """Print the cohort figures on one case."""
    from assistant.core.practice.feedback import num, pct
    from assistant.services.practice import cohort_for

    co = cohort_for(_workspace(args), args.case, args.sources)
    if args.json:
        print(
            json.dumps(
                {
                    "case": co.case_id,
                    "icc_2_1": co.icc,
                    "criteria": [
                        {
                            "id": s.criterion_id,
                            "reference": s.reference,
                            "scores": list(s.scores),
                            "min": s.low,
                            "max": s.high,
                            "mean": s.mean,
                            "sd": s.sd,
                        }
                        for s in co.spreads
                    ],
                    "trainees": [
                        {
                            "trainee": d.trainee,
                            "assessment": d.assessment_id,
                            "mean_abs_distance": d.mean_abs,
                            "band_agreement": d.band_agreement,
                            "weighted_kappa": d.weighted_kappa,
                        }
                        for d in co.distances
                    ],
                },
                indent=2,
            )
        )
        return 0
    print(f"Cohort on {co.case_id}: {len(co.distances)} trainees")
    print(
        f"ICC(2,1) among trainees (two-way random, absolute agreement, single rater): {num(co.icc)}"
    )
    print("criterion   ref   min   max   mean   sd")
    for s in co.spreads:
        print(
            f"{s.criterion_id:10} {s.reference:4g} {s.low:5g} {s.high:5g} {s.mean:6.1f} {s.sd:5.1f}"
        )
    print("Furthest from the reference first (mean absolute distance):")
    for d in co.distances:
        print(
            f"  {d.trainee:20} {d.mean_abs:4.1f}  bands {pct(d.band_agreement)}  "
            f"kappa {num(d.weighted_kappa)}  ({d.assessment_id})"
        )
    return 0


def cmd_progress(args: argparse.Namespace) -> int:
    """Print a trainee's submitted cases over time."""
    from assistant.core.practice.feedback import num, pct
    from assistant.services.practice import progress

    rows = progress(_workspace(args), args.trainee)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "assessment": r.assessment_id,
                        "case": r.case_id,
                        "submitted": r.submitted.isoformat(),
                        "band_agreement": r.calibration.band_agreement,
                        "within_one": r.calibration.within_one,
                        "weighted_kappa": r.calibration.weighted_kappa,
                    }
                    for r in rows
                ],
                indent=2,
            )
        )
        return 0
    if not rows:
        print(f"no submitted practice by {args.trainee}")
        return 0
    for r in rows:
        c = r.calibration
        print(
            f"{r.submitted:%Y-%m-%d %H:%M}  {r.case_id:30} bands {pct(c.band_agreement):>5}  "
            f"±1 {pct(c.within_one):>5}  kappa {num(c.weighted_kappa)}  ({r.assessment_id})"
        )
    return 0
