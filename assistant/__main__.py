"""Provides `python -m assistant`, the same as the `assessor` command."""

from __future__ import annotations

import sys

from assistant.cli import main

if __name__ == "__main__":
    sys.exit(main())
