"""Provides terminal-safe output: stored text never reaches the terminal as control codes.

An organisation name or bank text holding ``ESC [ ... `` could retitle the window, hide lines or
fake output when `list`, `show` or `banks show` print it. Every command that prints text (all
but the app, the line mode and serve, which drive the terminal themselves) runs with stdout and
stderr wrapped so that C0 and C1 control characters (bar newline and tab) and the Unicode
bidirectional overrides are dropped on the way out.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """Return `text` without control characters (newlines and tabs kept)."""
    return CONTROLS.sub("", text)


class SafeStream:
    """A text stream that drops control characters before passing text on."""

    def __init__(self, inner: TextIO) -> None:
        self._inner = inner

    def write(self, text: str) -> int:
        self._inner.write(terminal_safe(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@contextmanager
def guarded_output() -> Iterator[None]:
    """Wrap stdout and stderr in `SafeStream` for the duration."""
    out, err = sys.stdout, sys.stderr
    sys.stdout = SafeStream(out)
    sys.stderr = SafeStream(err)
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
