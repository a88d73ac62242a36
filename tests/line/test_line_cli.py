"""`assessor --plain` and `assessor interview --plain`: wiring, piped input, and no Textual."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from line_driver import assessment, workspace

from assistant.cli import main
from assistant.line.prompts import StreamIO
from assistant.store.workspace import Workspace

RUN_MAIN = (
    "import sys; from assistant.cli import main; rc = main(sys.argv[1:]); "
    "print('textual loaded' if 'textual' in sys.modules else 'no textual'); "
    "sys.exit(rc)"
)


def assessor(root: Path, *args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-c", RUN_MAIN, "--workspace", str(root), *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )


def test_importing_the_line_mode_loads_no_textual() -> None:
    code = (
        "import sys, assistant.line, assistant.line.repl, assistant.cli.line_cmd, "
        "assistant.cli; print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


def test_plain_with_piped_input_runs_an_interview_without_textual(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    stdin = "\n".join(
        [
            "n",
            "Harbour City Council",
            "",
            "1",
            *[""] * 5,  # organisation profile: every question skipped
            "",  # no sites
            "n",
            "staff",
            "",
            "",
            "Jo Bloggs",
            "",
            "We log every complaint.",
            "",
            "/tag fact",
            "/end",
            "/end",
            "q",
            "",
        ]
    )
    done = assessor(root, "--plain", stdin=stdin)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.rstrip().endswith("no textual")
    assert "Saved." in out and "Tagged turn 1: fact." in out and "Interview ended" in out
    assert "Jo Bloggs" not in out
    assert "\x1b" not in out  # no escape sequences on a pipe
    (aid,) = Workspace(root).ids()
    assert [t.answer for t in Workspace(root).load(aid).turns] == ["We log every complaint."]


def test_interview_plain_id_resumes_and_end_of_input_exits_zero(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    aid = assessment(root)
    first = assessor(
        root, "interview", "--plain", aid, stdin="n\nstaff\n\n\n\n\nFirst answer.\n\nhalf typed"
    )
    assert first.returncode == 0, first.stderr
    assert "Not saved: 10 characters typed but not sent." in first.stdout
    assert f"resume with assessor --workspace {root} interview --plain {aid}" in first.stdout
    second = assessor(root, "interview", "--plain", aid, stdin="1\nSecond answer.\n\n")
    assert second.returncode == 0, second.stderr
    assert "Earlier, turn 1, S1: First answer." in second.stdout
    assert [t.answer for t in Workspace(root).load(aid).turns] == [
        "First answer.",
        "Second answer.",
    ]


def test_unknown_assessment_id_is_one_line_exit_1(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    done = assessor(root, "interview", "--plain", "no-such-id", stdin="")
    assert done.returncode == 1
    assert done.stderr.startswith("assessor: no assessment 'no-such-id'")


def test_routing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    calls: list[tuple[Any, ...]] = []
    monkeypatch.setattr(
        "assistant.line.repl.run", lambda root, aid, who="": calls.append((root, aid, who)) or 0
    )
    monkeypatch.setattr("assistant.cli.app_cmds.cmd_app", lambda args: calls.append(("app",)) or 0)
    monkeypatch.setattr("assistant.cli.app_cmds.wants_app", lambda: True)
    assert main(["--workspace", str(tmp_path), "--plain"]) == 0
    assert main(["--workspace", str(tmp_path), "interview", "--plain", "x-1", "--as", "Ann"]) == 0
    assert main(["--plain", "--workspace", str(tmp_path), "interview", "x-2"]) == 0
    assert main(["--workspace", str(tmp_path), "interview"]) == 0
    monkeypatch.setattr("assistant.cli.app_cmds.wants_app", lambda: False)  # not a terminal
    assert main(["--workspace", str(tmp_path), "interview", "x-3"]) == 0
    assert calls == [
        (tmp_path.resolve(), None, ""),
        (tmp_path.resolve(), "x-1", "Ann"),
        (tmp_path.resolve(), "x-2", ""),
        ("app",),
        (tmp_path.resolve(), "x-3", ""),
    ]


def test_stream_input_follows_the_terminal_rules() -> None:
    said: list[str] = []
    lines = "first\nsecond\n\n/next\n\n\n/note x\nlast words"
    reader = StreamIO(io.StringIO(lines), say=said.append)
    assert reader.answer("Q1> ") == "first\nsecond"
    assert reader.answer("Q1> ") == "/next"
    assert reader.answer("Q2> ", default="kept") == "kept"  # Enter sends kept text again
    assert reader.answer("Q2> ") == ""  # an empty answer
    assert reader.answer("Q2> ") == "/note x"
    with pytest.raises(EOFError):
        reader.answer("Q2> ")
    assert reader.unsent() == "last words"
    assert said[0] == "Q1>"
