"""The `assessor` entry points of the app: bare command, `app`, `serve` (help and safety)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.cli import app_cmds, build_parser, main


def test_serve_help_says_token_and_localhost(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "token" in out and "127.0.0.1" in out


def test_serve_binds_to_localhost_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from assistant.cli.serve import GuardedServer

    seen: dict[str, object] = {}

    def fake_serve(self: GuardedServer, debug: bool = False) -> None:
        seen.update(command=self.command, host=self.host, port=self.port, served=True)

    monkeypatch.setattr(GuardedServer, "serve", fake_serve)
    assert main(["--workspace", str(tmp_path), "serve", "--port", "8123"]) == 0
    assert seen["host"] == "127.0.0.1" and seen["port"] == 8123 and seen["served"]
    assert f"-m assistant --workspace {tmp_path}" in str(seen["command"])
    err = capsys.readouterr().err
    assert "http://127.0.0.1:8123/?token=" in err


def test_bare_command_without_a_terminal_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert not app_cmds.wants_app()  # pytest captures stdin/stdout: no terminal
    assert main([]) == 0
    assert "serve" in capsys.readouterr().out


def test_help_lists_app_and_serve() -> None:
    text = build_parser().format_help()
    assert "app" in text and "serve" in text


def test_importing_the_cli_does_not_load_textual() -> None:
    code = "import sys, assistant.cli; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_serve_picture_shows_the_home_screen_and_loads_nothing_from_outside(
    tmp_path: Path,
) -> None:
    from assistant.tui.preview import first_screen_svg

    assert main(["--workspace", str(tmp_path), "demo"]) == 0
    svg = first_screen_svg(tmp_path)
    assert svg.startswith("<svg") and "Tidewater" in svg and "Assessments" in svg
    assert "cdnjs" not in svg and not re.search(r"url\(\s*[\"']?https?:", svg)
