"""Make a large workspace for benchmarks: N assessments of M answers each.

One assessment is recorded through the store (so its files are exactly what the app writes),
then copied N-1 times under new ids, rewriting the id inside each file. Answers are drawn from
the project's own labelled passages (tests/data), with a varying suffix so that no two are alike.

    python bench/make_workspace.py DIR [--assessments 200] [--turns 500]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant import paths  # noqa: E402
from assistant.core.bank.loader import find_bank  # noqa: E402
from assistant.store.workspace import Workspace  # noqa: E402

ORGS = ["Harbour City Council", "Northside Water", "Tidewater Homes", "Eastgate Health"]


def texts() -> list[str]:
    """Answer texts of our own (never the third-party corpus)."""
    data = yaml.safe_load((ROOT / "tests" / "data" / "passages_dev.yaml").read_text())
    items = data if isinstance(data, list) else data["passages"]
    return [p["text"] for p in items]


def make(root: Path, assessments: int, turns: int, seed: int = 7) -> list[str]:
    """Fill `root` with the workspace; return the assessment ids."""
    rng = random.Random(seed)
    pool = texts()
    ws = Workspace(root)
    bank = find_bank("icss", paths.bank_dirs(root))
    crit = [c.id for c in bank.bank.criteria()]
    first = ws.create_assessment(organisation=ORGS[0], type="certification", bank=bank)
    with ws.open(first) as s:
        people = [s.add_interviewee(role) for role in ("lead", "staff", "staff", "stakeholder")]
        per = max(1, turns // len(people))
        for person in people:
            iv = s.start_interview([person.id]).id
            for n in range(per):
                s.record_turn(
                    iv,
                    answer=f"{rng.choice(pool)} (case {rng.randint(1, 99999)}, item {n})",
                    criteria=[rng.choice(crit)],
                )
    ids = [first]
    source = ws.sessions / first
    for i in range(1, assessments):
        new_id = first.replace(first.rsplit("-", 1)[1], f"{i:04x}")
        target = ws.sessions / new_id
        shutil.copytree(source, target)
        for path in target.rglob("*"):
            if path.is_file() and path.suffix in {".json", ".jsonl"}:
                path.write_text(path.read_text(encoding="utf-8").replace(first, new_id))
        ids.append(new_id)
    return ids


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--assessments", type=int, default=200)
    parser.add_argument("--turns", type=int, default=500)
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    ids = make(args.dir, args.assessments, args.turns)
    print(f"{len(ids)} assessments of about {args.turns} answers in {args.dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
