"""Provides `assessor banks list | show | validate | schema`."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant import paths

if TYPE_CHECKING:
    from assistant.core.bank.model import Bank


def register(sub: Any) -> None:
    """Add the `banks` command group."""
    banks = sub.add_parser(
        "banks",
        help="list, show, validate question banks; print their schema",
        description="Question banks: the criteria, scales and questions.",
    )
    bsub = banks.add_subparsers(dest="banks_command", metavar="ACTION", required=True)
    p = bsub.add_parser(
        "list", help="list the banks found in the workspace and bundled with the app"
    )
    p.set_defaults(func=cmd_list)
    p = bsub.add_parser("show", help="show a bank's groups and criteria, or one criterion in full")
    p.add_argument("bank", help="bank id (e.g. icss) or path to a bank file")
    p.add_argument("--criterion", "-c", metavar="ID", help="show this criterion in full")
    p.set_defaults(func=cmd_show)
    p = bsub.add_parser("validate", help="check bank files; one line per problem, exit 1 if any")
    p.add_argument(
        "paths",
        nargs="*",
        type=Path,
        metavar="PATH",
        help="bank files to check (default: every bank found)",
    )
    p.set_defaults(func=cmd_validate)
    p = bsub.add_parser("schema", help="print the JSON Schema of the bank format")
    p.set_defaults(func=cmd_schema)


def _dirs(args: argparse.Namespace) -> list[Path]:
    return paths.bank_dirs(paths.workspace_root(args.workspace))


def cmd_list(args: argparse.Namespace) -> int:
    """Print one line per bank: id, criteria count, edition, title, file."""
    from assistant.core.bank.loader import BankError, bank_files, display_path, read_bank

    files = bank_files(_dirs(args))
    if not files:
        print("no banks found")
        return 0
    status = 0
    for path in files:
        try:
            bank = read_bank(path).bank
        except BankError as exc:
            print(f"{path.stem:<12} INVALID  {exc}")
            status = 1
            continue
        n = len(bank.criteria())
        print(
            f"{bank.id:<12} {n:>3} criteria  {bank.standard} {bank.edition}  "
            f"{bank.title}  ({display_path(path)})"
        )
    return status


def cmd_show(args: argparse.Namespace) -> int:
    """Print a bank outline or one criterion in full."""
    from assistant.core.bank.loader import BankError, find_bank

    bank = find_bank(args.bank, _dirs(args)).bank
    if args.criterion:
        try:
            crit = bank.criterion(args.criterion)
        except KeyError:
            ids = ", ".join(c.id for c in bank.criteria())
            raise BankError(
                [f"{bank.id}: no criterion '{args.criterion}' (criteria: {ids})"]
            ) from None
        print(render_criterion(bank, crit.id))
    else:
        print(render_outline(bank))
    return 0


def render_outline(bank: Bank) -> str:
    """Return the bank's groups and criteria as plain text."""
    s = bank.scale
    lines = [
        f"{bank.title} [{bank.id}] - {bank.standard} {bank.edition}, bank version {bank.version}",
        f"Scale {s.min:g}-{s.max:g}: "
        + ", ".join(f"{b.label} {b.min:g}-{b.max:g}" for b in s.bands),
        f"Certification: {bank.certification.description}",
        f"Note: {bank.licence_note}",
        "",
    ]
    for group in bank.groups:
        lines.append(f"{group.id}  {group.title} - {group.guiding_question}")
        for crit in group.criteria:
            flag = "M" if crit.mandatory else "D"
            lines.append(f"  {crit.id:<8} [{flag}] {crit.title} ({len(crit.questions)} questions)")
        lines.append("")
    lines.append(
        "[M] mandatory  [D] desirable.  `assessor banks show "
        f"{bank.id} --criterion ID` shows one criterion in full."
    )
    return "\n".join(lines)


def render_criterion(bank: Bank, criterion_id: str) -> str:
    """Return one criterion with its descriptors, evidence and questions as plain text."""
    from assistant.core.bank.model import ProbeRef

    crit = bank.criterion(criterion_id)
    group = bank.group_of(criterion_id)
    kind = "mandatory" if crit.mandatory else "desirable"
    lines = [
        f"{crit.id} {crit.title} ({kind}, weight {crit.weight:g}) - {group.title}",
        f"  Must show: {crit.statement}",
        "",
        "  Bands:",
    ]
    for band in bank.scale.bands:
        lines.append(f"    {band.label} {band.min:g}-{band.max:g}: {crit.descriptors[band.id]}")
    lines += ["", "  Typical evidence:"] + [f"    - {e}" for e in crit.typical_evidence]
    cap = bank.cap_for(crit)
    lines += [f"  A lead's uncorroborated claim supports at most: {cap.label}", "", "  Questions:"]
    for q in crit.questions:
        lines.append(
            f"    {q.id} [{q.audience}, probes {bank.scale.band(q.probes_band).label}] {q.text}"
        )
        for probe in bank.probes_for(q):
            lines.append(f"        probe ({probe.gap.replace('_', ' ')}): {probe.text}")
        shared = [p.ref for p in q.probes if isinstance(p, ProbeRef)]
        if shared:
            lines.append(f"        (shared probes: {', '.join(shared)})")
        for ask in q.show_me:
            lines.append(f"        show me: {ask}")
    return "\n".join(lines)


def cmd_validate(args: argparse.Namespace) -> int:
    """Validate bank files; print one line per problem; exit 1 when any is found."""
    from assistant.core.bank.loader import BankError, bank_files, display_path, read_bank

    files = list(args.paths) or bank_files(_dirs(args))
    if not files:
        print("no bank files to validate")
        return 1
    bad = 0
    for path in files:
        try:
            loaded = read_bank(path)
        except BankError as exc:
            bad += 1
            for line in exc.problems:
                print(line)
            continue
        print(f"{display_path(path)}: ok ({len(loaded.bank.criteria())} criteria)")
    return 1 if bad else 0


def schema_json() -> str:
    """Return the bank format's JSON Schema (committed as question_banks/bank.schema.json)."""
    from assistant.core.bank.model import Bank

    schema = Bank.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Assessor question bank"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema."""
    print(schema_json(), end="")
    return 0
