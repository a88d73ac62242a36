"""Kill -9 during `python -m assistant replay`: every write reported as saved is on disk.

Each trial starts a replay of a long generated script and SIGKILLs it at a random moment: one in
five between 0.3 s and 2.5 s after start (start-up and creation included), the others up to 1.6 s
after the replay's first line of output (about 0.4-1 s after start), so that they land mid-write
even on a busy machine. Everything the process printed as ``saved ...`` before it died must
be readable afterwards, the assessment must open for writing (the kernel released the lock) and
`check` must find no problem. Most kills leave answers in an interview's journal, not yet folded
into its turn files: a read-only load must see them before the writable open folds them.
Several replays run at once to keep the test short.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from assistant import paths
from assistant.core.bank.loader import find_bank
from assistant.store import Workspace
from assistant.store.check import check_assessment

ROOT = Path(__file__).resolve().parents[2]
TRIALS = 52
PARALLEL = 3
TURNS = 1200
SAVED_TURN = re.compile(r"^saved (iv-[0-9a-f]+) turn (\d+)$")
SAVED_EVIDENCE = re.compile(r"^saved (iv-[0-9a-f]+) evidence (ev-[0-9a-f]+) \(turn (\d+)\)$")
CREATED = re.compile(r"^created (\S+)$")


def answer(i: int) -> str:
    # sizes alternate so a torn or over-long write would show (TECH.md §2.2)
    return f"answer {i}: " + ("we measure it weekly and act on it. " * (1 + (i * 7) % 9))


def write_script(path: Path, with_assessment: bool) -> None:
    turns = []
    for i in range(1, TURNS + 1):
        turn: dict[str, object] = {
            "question": f"question {i}?",
            "answer": answer(i),
            "tags": ["fact"] if i % 2 else ["opinion", "claim-to-verify"],
            "criteria": ["SVC.1"],
        }
        if i % 7 == 0:
            turn["evidence"] = [{"type": "record", "title": f"record {i}", "verified": True}]
        if i % 11 == 0:
            turn["open_items"] = [{"kind": "claim", "text": f"check claim {i}"}]
        if i % 2 == 0:  # replacing the score with a long, then short comment shrinks the file
            comment = "long comment " * 60 if i % 4 == 0 else "short"
            turn["score"] = {"criterion": "SVC.1", "score": (i // 2) % 11, "comment": comment}
        turns.append(turn)
    script: dict[str, object] = {
        "interviewee": {"role": "staff", "department": "Counter", "name": "Sam Crash"},
        "interview": {"assessor": "amy", "planned_criteria": ["SVC.1"]},
        "turns": turns,
    }
    if with_assessment:
        script["assessment"] = {
            "organisation": "Crash Test Council",
            "type": "practice",
            "bank": "icss",
            "assessors": ["amy"],
        }
    path.write_text(yaml.safe_dump(script, sort_keys=False))


@dataclass
class Trial:
    """One replay and when to kill it: `kill_after` seconds after start, or after its first
    line of output when `from_first_line` (so a slow, busy machine still kills mid-write)."""

    number: int
    kill_after: float
    from_first_line: bool
    assessment_id: str | None
    proc: subprocess.Popen[str] | None = None
    started: float = 0.0
    first_line: float | None = None
    output: list[str] = field(default_factory=list)
    killed: bool = False
    journaled: int = 0
    """Journals holding answers not yet folded when the process died (counted by `verify`)."""
    reader: threading.Thread | None = None

    def due(self, now: float) -> bool:
        if not self.from_first_line:
            return now - self.started >= self.kill_after
        return self.first_line is not None and now - self.first_line >= self.kill_after


def _read(trial: Trial) -> None:
    assert trial.proc is not None and trial.proc.stdout is not None
    for line in trial.proc.stdout:
        if trial.first_line is None:
            trial.first_line = time.monotonic()
        trial.output.append(line.rstrip("\n"))


def start(trial: Trial, ws: Path, script: Path) -> None:
    cmd = [
        sys.executable,
        "-m",
        "assistant",
        "--workspace",
        str(ws),
        "replay",
        str(script),
        "--delay",
        "0",
    ]
    if trial.assessment_id:
        cmd += ["--assessment", trial.assessment_id]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    trial.started = time.monotonic()
    trial.proc = subprocess.Popen(
        cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    trial.reader = threading.Thread(target=_read, args=(trial,), daemon=True)
    trial.reader.start()


def verify(trial: Trial, ws: Workspace) -> None:
    saved_turns = [
        (m.group(1), int(m.group(2))) for line in trial.output if (m := SAVED_TURN.match(line))
    ]
    saved_evidence = [m.group(2) for line in trial.output if (m := SAVED_EVIDENCE.match(line))]
    created = [m.group(1) for line in trial.output if (m := CREATED.match(line))]
    aid = trial.assessment_id or (created[0] if created else None)
    if aid is None:  # killed before it said "created"; checked with the rest at the end
        assert not saved_turns
        return
    journals = list(ws.layout(aid).interviews.glob("*.journal.jsonl"))
    trial.journaled = sum(1 for j in journals if j.read_bytes().count(b"\n") > 1)
    loaded = ws.read(aid)  # read-only, before any fold: the journal's answers must be there
    assert loaded.problems == [], loaded.problems
    data = loaded.data
    on_disk = {(t.interview_id, t.n): t for t in data.turns}
    for key in saved_turns:
        assert key in on_disk, f"trial {trial.number}: {key} was reported saved but is lost"
        assert on_disk[key].answer == answer(key[1])
    assert set(saved_evidence) <= {e.id for e in data.evidence}
    numbers = sorted(n for (_, n) in on_disk)
    assert numbers == list(range(1, len(numbers) + 1))
    assert len(numbers) >= len(saved_turns)
    with ws.open(aid) as session:  # the lock died with the process
        assert session.problems == [], session.problems
        assert {(t.interview_id, t.n) for t in session.data.turns} == set(on_disk)
    assert not list(ws.layout(aid).interviews.glob("*.journal.jsonl"))  # folded on opening
    report = check_assessment(ws, aid, paths.bank_dirs())
    assert report.problems == [], report.problems


@pytest.mark.slow
def test_kill_9_during_replay_never_loses_a_saved_turn(tmp_path: Path) -> None:
    seed = int(os.environ.get("CRASH_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    root = tmp_path / "ws"
    root.mkdir()
    ws = Workspace(root)
    bank = find_bank("icss", paths.bank_dirs())
    new_script, into_script = tmp_path / "new.yaml", tmp_path / "into.yaml"
    write_script(new_script, with_assessment=True)
    write_script(into_script, with_assessment=False)
    trials: list[Trial] = []
    for number in range(TRIALS):
        aid = None
        if number % 2:
            aid = ws.create_assessment(organisation=f"Crash {number}", type="practice", bank=bank)
        if number % 5 == 0:  # a kill at any moment, start-up and creation included
            trials.append(Trial(number, rng.uniform(0.3, 2.5), False, aid))
        else:
            trials.append(Trial(number, rng.uniform(0.0, 1.6), True, aid))
    pending, running, done = list(trials), [], []
    while pending or running:
        while pending and len(running) < PARALLEL:
            trial = pending.pop(0)
            start(trial, root, into_script if trial.assessment_id else new_script)
            running.append(trial)
        time.sleep(0.01)
        for trial in list(running):
            assert trial.proc is not None and trial.reader is not None
            if trial.proc.poll() is None and not trial.due(time.monotonic()):
                continue
            if trial.proc.poll() is None:
                os.kill(trial.proc.pid, signal.SIGKILL)
                trial.killed = True
            trial.proc.wait(timeout=30)
            trial.reader.join(timeout=30)
            assert trial.proc.stderr is not None
            err = trial.proc.stderr.read()
            trial.proc.stderr.close()
            if not trial.killed:
                assert trial.proc.returncode == 0, f"seed {seed}, trial {trial.number}: {err}"
            running.remove(trial)
            done.append(trial)
            try:
                verify(trial, ws)
            except AssertionError as exc:
                raise AssertionError(
                    f"seed {seed}, trial {trial.number}, killed after "
                    f"{trial.kill_after:.2f} s: {exc}"
                ) from None
    for aid in ws.ids():  # including any made by a replay killed before it printed the id
        with ws.open(aid):
            pass
    killed_mid_way = [t for t in done if t.killed and any(SAVED_TURN.match(x) for x in t.output)]
    early = [t for t in done if t.killed and t not in killed_mid_way]
    with_journal = [t for t in killed_mid_way if t.journaled]
    print(
        f"seed {seed}: {len(killed_mid_way)} killed while saving turns "
        f"({len(with_journal)} with answers still in a journal), {len(early)} before "
        f"the first turn, {len(done) - len(killed_mid_way) - len(early)} finished first"
    )
    assert len(with_journal) >= len(killed_mid_way) // 2, (
        f"seed {seed}: only {len(with_journal)} kills left answers in a journal"
    )
    assert len(killed_mid_way) >= TRIALS * 6 // 10, (
        f"seed {seed}: only {len(killed_mid_way)} kills landed while turns were being written; "
        "the replay is too fast or too slow for this test's timing"
    )
    out = subprocess.run(
        [sys.executable, "-m", "assistant", "--workspace", str(root), "check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stdout + out.stderr
