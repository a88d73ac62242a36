"""Provides `assessor suggest`: a 3-I score suggestion with its reasons for free text or a batch."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from assistant import paths

if TYPE_CHECKING:
    from assistant.core.bank.model import Bank
    from assistant.core.model import Suggestion
from assistant.core.errors import AssessorError

MAX_BATCH_LINE = 2_000_000


def register(sub: Any) -> None:
    """Add the `suggest` command."""
    p = sub.add_parser(
        "suggest",
        help="suggest a band and score for a passage of text, or a JSONL batch",
        description="Suggest a band and score, with reasons quoting the text. For a batch, each "
        'input line is {"id": …, "text": …, "criterion": …optional} and each output line is '
        '{"id", "band", "score", "confidence", "reasons"}.',
    )
    p.add_argument("--bank", default="icss", help="bank id or file (default: icss)")
    p.add_argument("--criterion", "-c", metavar="ID", help="criterion the text is about")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--text", "-t", help="the passage; '-' reads it from standard input")
    src.add_argument("--batch", type=Path, metavar="FILE.jsonl", help="one JSON object per line")
    p.add_argument("--json", action="store_true", help="print the suggestion as JSON")
    p.add_argument("--out", type=Path, metavar="PATH", help="with --batch: write results here")
    p.set_defaults(func=cmd_suggest)


def _bank(args: argparse.Namespace) -> Bank:
    from assistant.core.bank.loader import find_bank

    return find_bank(args.bank, paths.bank_dirs(paths.workspace_root(args.workspace))).bank


SMALL_TALK = "the text does not describe plans, practice or results"


def nothing_in(text: str) -> str | None:
    """Return why `text` gives no band (unreadable, or small talk with no cue), else None."""
    from assistant.core.reading import read_passage, unreadable

    why = unreadable(text)
    if why is None and read_passage(text).signal is None:
        why = SMALL_TALK
    return why


def result_json(item_id: object, bank: Bank, s: Suggestion, text: str = "") -> dict[str, Any]:
    """Return the batch output object for one suggestion (band null when nothing was read)."""
    why = nothing_in(text) if text else None
    if why is not None:
        return {
            "id": item_id,
            "criterion": s.criterion_id or None,
            "band": None,
            "band_label": None,
            "score": None,
            "confidence": 0.0,
            "reasons": [f"nothing to read: {why}"],
        }
    return {
        "id": item_id,
        "criterion": s.criterion_id or None,
        "band": s.band,
        "band_label": bank.scale.band(s.band).label,
        "score": s.score,
        "confidence": s.confidence,
        "reasons": [r.text for r in s.reasons],
    }


def cmd_suggest(args: argparse.Namespace) -> int:
    """Suggest for one passage or for every line of a batch."""
    from assistant.core.scoring.suggestion import suggest_text

    bank = _bank(args)
    if args.criterion:
        try:
            bank.criterion(args.criterion)
        except KeyError:
            raise AssessorError(f"bank '{bank.id}' has no criterion '{args.criterion}'") from None
    if args.batch is not None:
        return _batch(args, bank)
    text = sys.stdin.read() if args.text == "-" else args.text
    if not text.strip():
        raise AssessorError("the text is empty: give the passage to read with --text")
    why = nothing_in(text)
    if why is not None and not args.json:
        raise AssessorError(f"nothing to read (confidence 0, no band suggested): {why}")
    s = suggest_text(bank, text, args.criterion)
    if args.json:
        print(json.dumps(result_json(None, bank, s, text), ensure_ascii=False))
        return 0
    band = bank.scale.band(s.band)
    about = ""
    if args.criterion:
        about = f" for {args.criterion} {bank.criterion(args.criterion).title}"
    print(
        f"Suggested{about}: {band.label} {s.score:g} of {bank.scale.max:g} "
        f"(confidence {s.confidence:.2f})"
    )
    marks = {"supports": "+", "lowers": "-", "caps": "!", "notes": "·"}
    for reason in s.reasons:
        print(f"  {marks.get(reason.effect, '·')} {reason.text}")
    print(f"  {band.label} ({band.min:g}-{band.max:g}): {band.descriptor}")
    return 0


def _batch(args: argparse.Namespace, bank: Bank) -> int:
    path: Path = args.batch
    try:
        handle = path.open("r", encoding="utf-8", errors="replace")
    except OSError as exc:
        raise AssessorError(f"{path}: cannot read: {exc.strerror or exc}") from None
    out: TextIO = sys.stdout
    if args.out is not None:
        try:
            out = args.out.open("w", encoding="utf-8")
        except OSError as exc:
            raise AssessorError(f"{args.out}: cannot write: {exc.strerror or exc}") from None
    bad = 0
    with handle:
        for number, line in enumerate(handle, start=1):
            problem = _batch_line(bank, line, out)
            if problem:
                bad += 1
                print(f"{path}:{number}: {problem}", file=sys.stderr)
    if out is not sys.stdout:
        out.close()
    if bad:
        print(
            f"assessor: {bad} line(s) of {path} skipped; the rest were processed", file=sys.stderr
        )
    return 1 if bad else 0


def _batch_line(bank: Bank, line: str, out: TextIO) -> str | None:
    """Process one batch line; return a problem description, or None when it was written."""
    from assistant.core.scoring.suggestion import suggest_text

    if not line.strip():
        return None
    if len(line) > MAX_BATCH_LINE:
        return f"line longer than {MAX_BATCH_LINE:,} characters"
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return f"not valid JSON ({exc.msg} at column {exc.colno})"
    if not isinstance(item, dict):
        return "expected a JSON object with id and text"
    text, criterion = item.get("text"), item.get("criterion")
    if not isinstance(text, str) or not text.strip():
        return "field 'text': must be non-empty text"
    if criterion is not None:
        if not isinstance(criterion, str):
            return "field 'criterion': must be text"
        try:
            bank.criterion(criterion)
        except KeyError:
            return f"field 'criterion': bank '{bank.id}' has no criterion '{criterion}'"
    s = suggest_text(bank, text, criterion)
    out.write(json.dumps(result_json(item.get("id"), bank, s, text), ensure_ascii=False) + "\n")
    return None
