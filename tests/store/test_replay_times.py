"""Replayed interviews keep the time they took place when the script says so."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml

from assistant import paths
from assistant.store.replay import load_script, run_script
from assistant.store.workspace import Workspace

SCRIPT = {
    "assessment": {"organisation": "Dated Org", "type": "gap-analysis", "bank": "icss"},
    "interviewee": {"role": "staff", "department": "Contact centre"},
    "interview": {"time_box_minutes": 30, "started": "2025-03-04T09:30:00Z"},
    "turns": [
        {"question_id": "SVC.1.q3", "answer": "We log every request on the system."},
        {"question_id": "SVC.1.q3", "answer": "Last week a caller asked for large print."},
        {"question_id": "SVC.1.q3", "answer": "The team leader reads the log each Friday."},
    ],
}


def test_a_dated_script_keeps_its_dates(tmp_path: Path) -> None:
    path = tmp_path / "dated.yaml"
    path.write_text(yaml.safe_dump(SCRIPT), encoding="utf-8")
    ws = Workspace(tmp_path)
    aid = run_script(
        ws,
        load_script(path),
        source="dated.yaml",
        bank_dirs=paths.bank_dirs(tmp_path),
        say=lambda _line: None,
    )
    data = ws.load(aid)
    (interview,) = data.interviews
    start = datetime(2025, 3, 4, 9, 30, tzinfo=UTC)
    assert interview.started == start
    assert interview.ended == start + timedelta(minutes=30)
    asked = [t.asked_at for t in sorted(data.turns, key=lambda t: t.n)]
    assert asked == [start, start + timedelta(minutes=10), start + timedelta(minutes=20)]
    assert all(t.asked_at < t.answered_at <= interview.ended for t in data.turns)


def test_an_undated_script_is_stamped_now(tmp_path: Path) -> None:
    script = {**SCRIPT, "interview": {"time_box_minutes": 30}}
    path = tmp_path / "now.yaml"
    path.write_text(yaml.safe_dump(script), encoding="utf-8")
    ws = Workspace(tmp_path)
    before = datetime.now(UTC) - timedelta(seconds=2)
    aid = run_script(
        ws,
        load_script(path),
        source="now.yaml",
        bank_dirs=paths.bank_dirs(tmp_path),
        say=lambda _line: None,
    )
    (interview,) = ws.load(aid).interviews
    assert interview.started >= before and interview.ended is not None
