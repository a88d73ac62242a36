"""Provides the one table of slash commands that both front ends use, with parsing and completion.

The Textual app and the line mode both pass what the assessor typed to the interview engine,
which parses it here; the line mode also completes command names and their fixed arguments from
this table on Tab. Text that starts with ``//`` is not a command: it is recorded as an answer
that starts with ``/``.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.core.model import EVIDENCE_TYPES, TAGS

PREFIX = "/"
MIN_PREFIX = 2
"""A shorter start of a command name than this is not taken as the command."""


@dataclass(frozen=True)
class Command:
    """One slash command: its name, how to type it, what it does, and other names for it."""

    name: str
    usage: str
    help: str
    aliases: tuple[str, ...] = ()
    choices: tuple[str, ...] = ()
    """Fixed values for the first argument, offered on Tab (criterion ids are added by callers)."""
    takes_criterion: bool = False
    """True when the first argument may be a criterion id."""

    def names(self) -> tuple[str, ...]:
        """Return the name followed by the aliases."""
        return (self.name, *self.aliases)

    def line(self) -> str:
        """Return the one-line help: usage and what the command does."""
        alias = f" (also /{', /'.join(self.aliases)})" if self.aliases else ""
        return f"{self.usage} - {self.help}{alias}"


COMMANDS: tuple[Command, ...] = (
    Command(
        "next",
        "/next [criterion]",
        "go to the next planned question; with a criterion id, jump to its first question",
        aliases=("n",),
        takes_criterion=True,
    ),
    Command("skip", "/skip", "move on to the next question without recording anything"),
    Command("back", "/back", "return to the previous question", aliases=("prev",)),
    Command(
        "probe",
        "/probe [n]",
        "ask the suggested follow-up probe, or probe number n of this question",
        aliases=("p",),
    ),
    Command(
        "tag",
        "/tag TAG [doc|person]",
        "tag the last answer: fact, opinion, claim-to-verify (opens a claim to verify), "
        "evidence-seen, referral (opens a document or person to follow up)",
        aliases=("t",),
        choices=(*TAGS, "referral-doc", "referral-person"),
    ),
    Command(
        "evidence",
        "/evidence TYPE TITLE [| reference] [verified]",
        "register evidence for this criterion; types: " + ", ".join(EVIDENCE_TYPES),
        aliases=("ev",),
        choices=EVIDENCE_TYPES,
    ),
    Command(
        "score",
        "/score [N] [reason]",
        "accept the suggested score, or set N; a reason is required when N differs "
        "from the suggestion",
        takes_criterion=True,
    ),
    Command("note", "/note TEXT", "save a note of your own (not an answer) for this criterion"),
    Command(
        "edit",
        "/edit [N] TEXT",
        "correct answer N of this interview (no number: the last answer); the earlier text "
        "stays in the audit log",
        aliases=("fix",),
    ),
    Command(
        "open",
        "/open claim|document|person TEXT",
        "add an open item: a claim to verify, a document requested, a person to ask",
        choices=("claim", "document", "person"),
    ),
    Command(
        "plan",
        "/plan [add C | drop C | move C N]",
        "show the interview plan, or add, drop or move a criterion",
        choices=("add", "drop", "move"),
    ),
    Command("time", "/time", "show time used and left, and coverage of the plan"),
    Command(
        "tick",
        "/tick [N|all]",
        "tick opening checklist item N (no number: the next one; all: every item)",
        choices=("all",),
    ),
    Command("confirm", "/confirm N", "mark read-back point N as confirmed by the interviewee"),
    Command("dispute", "/dispute N", "mark read-back point N as disputed by the interviewee"),
    Command(
        "pair",
        "/pair [criterion] [N corroborates|contradicts|silent|ok [why]]",
        "list how staff and stakeholder accounts read against the leads' on this criterion, "
        "or confirm or change reading N (your reading always wins)",
        takes_criterion=True,
    ),
    Command("help", "/help [command]", "list the commands, or explain one", aliases=("?", "h")),
    Command(
        "end",
        "/end [confirm]",
        "read back what you heard; /end again (or /end confirm) ends the interview",
        aliases=("close",),
        choices=("confirm",),
    ),
)

_HEAD = re.compile(r"(\S*)\s*(.*)", re.DOTALL)
_BY_NAME: dict[str, Command] = {n: c for c in COMMANDS for n in c.names()}


@dataclass(frozen=True)
class ParsedCommand:
    """What a line starting with ``/`` asks for.

    `command` is None when the name is not known; then `error` says so and `suggestions` holds
    the closest commands.
    """

    command: Command | None
    name: str
    args: str
    error: str = ""
    suggestions: tuple[Command, ...] = ()

    @property
    def ok(self) -> bool:
        """True when the command is known."""
        return self.command is not None


def find(name: str) -> Command | None:
    """Return the command with this name or alias (a leading ``/`` is allowed), or None."""
    return _BY_NAME.get(name.strip().lstrip(PREFIX).lower())


def close_matches(name: str, limit: int = 3) -> list[Command]:
    """Return the commands whose names look most like `name`, best first."""
    word = name.strip().lstrip(PREFIX).lower()
    out: list[Command] = [c for c in complete(word)] if word else []
    names = [n for n in _BY_NAME if len(n) >= MIN_PREFIX]
    for match in difflib.get_close_matches(word, names, n=limit, cutoff=0.5):
        cmd = _BY_NAME[match]
        if cmd not in out:
            out.append(cmd)
    return out[:limit]


def _resolve(word: str) -> tuple[Command | None, tuple[Command, ...]]:
    exact = _BY_NAME.get(word)
    if exact is not None:
        return exact, ()
    starts = complete(word) if len(word) >= MIN_PREFIX else []
    if len(starts) == 1:
        return starts[0], ()
    return None, tuple(starts)


def is_command(text: str) -> bool:
    """True when a line is a command: it starts with one ``/`` (``//`` escapes a leading slash)."""
    stripped = text.lstrip()
    return stripped.startswith(PREFIX) and not stripped.startswith(PREFIX * 2)


def unescape(text: str) -> str:
    """Return an answer typed as ``//…`` with one leading slash removed."""
    stripped = text.lstrip()
    if stripped.startswith(PREFIX * 2):
        return stripped[1:]
    return text


def parse(text: str) -> ParsedCommand | None:
    """Parse one typed line; None when it is not a command (an answer or a note).

    A unique start of a name of at least two letters is accepted (``/ev`` is ``/evidence``).
    Unknown or ambiguous names give a ParsedCommand without a command, with an error and the
    closest matches.
    """
    if not is_command(text):
        return None
    body = text.lstrip()[len(PREFIX) :]
    match = _HEAD.match(body)
    word = match.group(1).lower() if match else ""
    args = match.group(2).strip() if match else body.strip()
    if not word:
        return ParsedCommand(
            None, "", args, "a command name is missing after '/'", tuple(COMMANDS[:3])
        )
    command, candidates = _resolve(word)
    if command is not None:
        return ParsedCommand(command, command.name, args)
    shown = word if len(word) <= 30 else word[:29] + "…"
    if candidates:
        names = ", ".join("/" + c.name for c in candidates)
        return ParsedCommand(None, word, args, f"/{shown} could be {names}", candidates)
    return ParsedCommand(None, word, args, f"unknown command /{shown}", tuple(close_matches(word)))


def complete(prefix: str) -> list[Command]:
    """Return the commands whose name or an alias starts with `prefix`, in table order.

    The prefix may start with ``/``; once it holds a space (arguments are being typed) nothing
    is offered: use `complete_argument` for those.
    """
    text = prefix.lstrip()
    if text.startswith(PREFIX):
        text = text[len(PREFIX) :]
    if " " in text or text.startswith(PREFIX):
        return []
    word = text.lower()
    return [c for c in COMMANDS if any(n.startswith(word) for n in c.names())]


def complete_argument(text: str, criteria: Sequence[str] = ()) -> list[str]:
    """Return the values that complete the first argument of a command being typed.

    `text` is the whole line so far (``/tag cl``); `criteria` are the criterion ids to offer
    for commands that take one (``/next``, ``/plan add``).
    """
    parsed = parse(text)
    if parsed is None or parsed.command is None or " " not in text.lstrip():
        return []
    cmd = parsed.command
    words = text.lstrip().split(" ")
    if cmd.name == "plan" and len(words) >= 3 and words[1].lower() in ("add", "drop", "move"):
        pool: Sequence[str] = criteria
        typed = words[2] if len(words) == 3 else None
    else:
        pool = (*cmd.choices, *(criteria if cmd.takes_criterion else ()))
        typed = words[1] if len(words) == 2 else None
    if typed is None:
        return []
    low = typed.lower()
    return [v for v in pool if v.lower().startswith(low)]
