"""Provides `assessor search`: ranked answers across every assessment in the workspace."""

from __future__ import annotations

import argparse
import json
import re
from typing import Any

from assistant import paths

CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def register(sub: Any) -> None:
    """Add the `search` command."""
    p = sub.add_parser(
        "search",
        help="find answers across every assessment (stemmed, accent-insensitive)",
        description="Search every answer in the workspace, best first. Words are matched "
        'whole or by stem ("complaint" finds "complaints", "cafe" finds "Café"); every word '
        "must appear. Punctuation and operators are taken as plain text.",
    )
    p.add_argument("query", help="the words to find")
    p.add_argument("--assessment", metavar="ID", help="only this assessment")
    p.add_argument(
        "--role", choices=("lead", "stakeholder", "staff"), help="only answers by this role"
    )
    p.add_argument("--criterion", metavar="ID", help="only answers linked to this criterion")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="at most N (default 20)")
    p.add_argument("--json", action="store_true", help="one JSON object per result")
    p.set_defaults(func=cmd_search)


def cmd_search(args: argparse.Namespace) -> int:
    """Print the hits, one line each (or JSON lines); exit 1 when nothing matches."""
    from assistant.store.search import SearchIndex, query_words
    from assistant.store.workspace import Workspace

    ws = Workspace(paths.workspace_root(args.workspace))
    ws.require_root()
    if not query_words(args.query):
        print("assessor: nothing to search for: the query has no words")
        return 1
    hits = SearchIndex(ws).search(
        args.query,
        assessment=args.assessment,
        role=args.role,
        criterion=args.criterion,
        limit=args.limit,
    )
    for hit in hits:
        if args.json:
            print(json.dumps(hit.as_dict(), ensure_ascii=False))
        else:
            where = f"{hit.assessment_id} {hit.code or '?'} turn {hit.n}"
            crit = f" [{', '.join(hit.criteria)}]" if hit.criteria else ""
            print(f"{where}{crit}: {CONTROL.sub(' ', hit.snippet)}")
    if not hits and not args.json:
        print("no answers match")
    elif len(hits) >= args.limit and not args.json:
        index = SearchIndex(ws)
        total = index.count(
            args.query, assessment=args.assessment, role=args.role, criterion=args.criterion
        )
        if total > len(hits):
            print(f"(the best {len(hits):,} of {total:,} matching answers; --limit N for more)")
    return 0 if hits else 1
