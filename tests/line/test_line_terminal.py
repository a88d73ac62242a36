"""The line mode in a real pseudo-terminal: `input()` setup, prompt-toolkit answers, Tab, ctrl+d.

Pipe tests drive prompt-toolkit for every prompt; in a terminal the setup questions use
`input()` while prompt-toolkit loads in the background. This test covers that hand-over.
"""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from line_driver import assessment, workspace

from assistant.store.workspace import Workspace

RUN_MAIN = (
    "import sys; from assistant.cli import main; rc = main(sys.argv[1:]); "
    "print('textual loaded' if 'textual' in sys.modules else 'no textual'); "
    "sys.exit(rc)"
)
COLOUR = re.compile(r"\x1b\[[0-9;]*(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[0-9]+)*m")


class Terminal:
    """A child process on a pseudo-terminal, with expect-style reading."""

    def __init__(self, argv: list[str], env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        self.proc = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.raw = ""

    def read(self, timeout: float = 0.1) -> None:
        ready, _, _ = select.select([self.master], [], [], timeout)
        if ready:
            try:
                data = os.read(self.master, 65536).decode("utf-8", "replace")
            except OSError:  # the child closed the terminal
                return
            if "\x1b[6n" in data:  # answer prompt-toolkit's cursor position request
                os.write(self.master, b"\x1b[1;1R")
            self.raw += data

    @property
    def text(self) -> str:
        return re.sub(r"\x1b\[[0-9;?]*[ -/]*[@-~]", "", self.raw).replace("\r", "")

    def expect(self, fragment: str, timeout: float = 20) -> None:
        end = time.monotonic() + timeout
        while fragment not in self.text[self.mark :]:
            if time.monotonic() > end:
                raise AssertionError(f"{fragment!r} not shown; screen so far:\n{self.text}")
            self.read()
        self.mark = self.text.index(fragment, self.mark) + len(fragment)

    mark = 0

    def send(self, keys: str) -> None:
        os.write(self.master, keys.encode())

    def wait(self, timeout: float = 20) -> int:
        end = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < end:
            self.read()
        for _ in range(5):
            self.read(0.05)
        os.close(self.master)
        return self.proc.wait(timeout=1)


def test_setup_answers_tab_and_ctrl_d_in_a_terminal(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    aid = assessment(root)
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm-256color"}
    term = Terminal(
        [sys.executable, "-c", RUN_MAIN, "--workspace", str(root), "interview", "--plain", aid], env
    )
    try:
        term.expect("Interviewee> ")
        for keys, prompt in (
            ("n", "Role> "),
            ("staff", "Department (optional)> "),
            ("", "Site (optional)> "),
            ("", "never shown)> "),
            ("Pat Private", "(Enter for 45)> "),
        ):
            term.send(keys + "\r")
            term.expect(prompt)
        term.send("\r")
        term.expect("Q1>")
        term.send("We log every complaint.\rAnd review them weekly.\r\r")
        term.expect("Saved.")
        term.expect("Q1>")
        term.send("/n\t")
        term.expect("/note TEXT - save a note")
        term.expect("Q1>")  # the prompt again, under the list
        term.send("\x15")  # ctrl+u clears the line
        term.expect("Q1>")
        term.send("\x04")  # ctrl+d leaves
        status = term.wait()
    finally:
        if term.proc.poll() is None:
            term.proc.kill()
    assert status == 0, term.text
    assert "Saved answers are on disk; resume with assessor" in term.text
    assert "no textual" in term.text
    assert "Pat Private" not in term.text.split("(Enter for 45)>", 1)[1]
    assert not COLOUR.search(term.raw)  # NO_COLOR: no colour codes at all
    turns = Workspace(root).load(aid).turns
    assert [t.answer for t in turns] == ["We log every complaint.\nAnd review them weekly."]
