"""Provides every filesystem location the app uses, resolved on demand and never at import time.

The workspace is, in order: the `--workspace` option, the `ASSESSOR_WORKSPACE` environment
variable, or the current directory. It holds `sessions/` (assessments) and `exports/` (reports),
and may hold its own `question_banks/` next to the bundled ones.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_WORKSPACE = "ASSESSOR_WORKSPACE"


def workspace_root(override: str | os.PathLike[str] | None = None) -> Path:
    """Return the workspace folder chosen by option, environment or current directory."""
    if override:
        return Path(override).expanduser().resolve()
    env = os.environ.get(ENV_WORKSPACE)
    if env:
        return Path(env).expanduser().resolve()
    return Path.cwd().resolve()


def sessions_dir(workspace: Path) -> Path:
    """Return the folder holding one sub-folder per assessment."""
    return workspace / "sessions"


def exports_dir(workspace: Path) -> Path:
    """Return the folder where reports and exports are written by default."""
    return workspace / "exports"


def bundled_banks_dir() -> Path:
    """Return the folder of the banks that ship with the app.

    In a source checkout (and an editable install) that is the top-level `question_banks/`;
    in a wheel it is copied into the package as `assistant/_bundled_banks`.
    """
    package = Path(__file__).resolve().parent
    installed = package / "_bundled_banks"
    if installed.is_dir():
        return installed
    return package.parent / "question_banks"


def demo_dir() -> Path:
    """Return the demo's scripts: ``examples/demo`` in a checkout, ``_demo`` in a wheel."""
    package = Path(__file__).resolve().parent
    installed = package / "_demo"
    if installed.is_dir():
        return installed
    return package.parent / "examples" / "demo"


def practice_cases_dir() -> Path:
    """Return the practice cases that ship with the app: ``practice_cases`` or ``_practice``."""
    package = Path(__file__).resolve().parent
    installed = package / "_practice"
    if installed.is_dir():
        return installed
    return package.parent / "practice_cases"


def bank_dirs(workspace: Path | None = None) -> list[Path]:
    """Return the folders searched for banks: the workspace's own first, then the bundled ones."""
    dirs: list[Path] = []
    if workspace is not None and (workspace / "question_banks").is_dir():
        dirs.append(workspace / "question_banks")
    bundled = bundled_banks_dir()
    if bundled not in dirs:
        dirs.append(bundled)
    return dirs
