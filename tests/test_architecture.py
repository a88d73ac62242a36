"""The layers hold: core <- store/export <- services <- cli/tui/line. The core imports no front
end, storage or rendering library; services no front end; front ends never import each other;
widgets never import screens; the line mode never loads Textual."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "assistant"
FORBIDDEN_IN_CORE = (
    "textual",
    "prompt_toolkit",
    "tinydb",
    "markdown_it",
    "weasyprint",
    "pygal",
    "rich",
    "assistant.store",
    "assistant.export",
    "assistant.tui",
    "assistant.line",
    "assistant.cli",
)


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def offending(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    bad = []
    for path in sorted((PACKAGE / folder).rglob("*.py")):
        for name in imports_of(path):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                bad.append(f"{path.relative_to(PACKAGE.parent)} imports {name}")
    return bad


def test_core_imports_no_front_end_storage_or_rendering() -> None:
    assert (PACKAGE / "core").is_dir()
    assert offending("core", FORBIDDEN_IN_CORE) == []


def test_the_check_itself_catches_a_bad_import(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("from textual.app import App\nimport assistant.store.workspace\n")
    assert imports_of(bad) == {"textual.app", "assistant.store.workspace"}


def test_front_ends_never_import_each_other() -> None:
    assert offending("tui", ("assistant.line", "prompt_toolkit")) == []
    assert offending("line", ("assistant.tui", "textual")) == []


FRONT_ENDS = ("textual", "prompt_toolkit", "assistant.tui", "assistant.line", "assistant.cli")


def test_store_and_export_import_no_front_end_or_service() -> None:
    for folder in ("store", "export"):
        assert offending(folder, (*FRONT_ENDS, "assistant.services")) == []


def test_store_and_export_never_import_each_other() -> None:
    assert offending("store", ("assistant.export",)) == []
    assert offending("export", ("assistant.store",)) == []


def test_services_import_no_front_end() -> None:
    assert (PACKAGE / "services").is_dir()
    assert offending("services", FRONT_ENDS) == []


def test_widgets_never_import_screens() -> None:
    assert offending("tui/widgets", ("assistant.tui.screens",)) == []


def _loaded_modules(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_importing_core_loads_no_textual_or_storage() -> None:
    mods = _loaded_modules(
        "assistant.core.scoring.suggestion, assistant.core.bank.loader, assistant.core.scoring.rollup"
    )
    assert "assistant.core.scoring.suggestion" in mods
    assert not {
        m for m in mods if m.split(".")[0] in ("textual", "tinydb", "weasyprint", "prompt_toolkit")
    }


def test_cli_banks_command_does_not_load_textual() -> None:
    mods = _loaded_modules("assistant.cli")
    assert "textual" not in mods and "weasyprint" not in mods
