"""Global options work before or after any subcommand: every command, every sub-command."""

from __future__ import annotations

import argparse

import pytest

from assistant.cli import _subcommands, build_parser, main


def command_paths() -> list[tuple[list[str], argparse.ArgumentParser]]:
    """Every runnable command as the words that name it, with its parser."""
    found: list[tuple[list[str], argparse.ArgumentParser]] = []

    def walk(parser: argparse.ArgumentParser, words: list[str]) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if words and not any(a.required for a in subs):
            found.append((words, parser))
        for action in subs:
            for name, child in action.choices.items():
                if name not in {a.dest for a in child._actions}:  # aliases name the same parser
                    walk(child, [*words, name])

    walk(build_parser(), [])
    return found


def required_words(parser: argparse.ArgumentParser) -> list[str]:
    """Values for the command's required arguments, so that it parses."""
    words: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue
        if not action.option_strings and action.nargs not in ("?", "*"):
            words += ["1"] * (action.nargs if isinstance(action.nargs, int) else 1)
        elif action.required and action.option_strings:
            words += [action.option_strings[0], str(next(iter(action.choices or ["1"])))]
    for group in parser._mutually_exclusive_groups:
        if group.required:
            words += [group._group_actions[0].option_strings[0], "1"]
    return words


PATHS = command_paths()


def test_the_walk_finds_the_commands() -> None:
    names = {" ".join(words) for words, _ in PATHS}
    assert {"list", "report", "banks list", "banks validate", "demo", "interview"} <= names
    # every parser the CLI has is either a runnable command or a group of them
    groups = {"banks", "practice", "selfassess", "evidence", "schedule"}
    assert len(PATHS) + len(groups) == len(_subcommands(build_parser()))


@pytest.mark.parametrize("words", [w for w, _ in PATHS], ids=[" ".join(w) for w, _ in PATHS])
@pytest.mark.parametrize("where", ["before", "after"])
def test_workspace_before_or_after_the_command(words: list[str], where: str) -> None:
    parser = build_parser()
    sub = dict((" ".join(w), p) for w, p in command_paths())[" ".join(words)]
    rest = required_words(sub)
    option = ["--workspace", "/some/where"]
    argv = option + words + rest if where == "before" else words + rest + option
    args = parser.parse_args(argv)
    assert args.workspace == "/some/where"


def test_after_wins_over_before() -> None:
    args = build_parser().parse_args(["--workspace", "a", "list", "--workspace", "b"])
    assert args.workspace == "b"


def test_no_workspace_is_none() -> None:
    assert build_parser().parse_args(["list"]).workspace is None


def test_list_with_the_option_after_reads_that_workspace(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    ws = tmp_path / "ws"
    ws.mkdir()
    assert main(["list", "--workspace", str(ws)]) == 0
    missing = tmp_path / "missing"
    assert main(["list", "--workspace", str(missing)]) == 1
    assert str(missing) in capsys.readouterr().err
