"""Provides reading and checking practice cases, one clear line per problem.

A problem names the file, the field (``criteria[2].people.S1.probes.no_measure``) and, where
the YAML gives it, the line. `check_case` checks a case against its bank: every criterion and
question id must exist there, every pointer must reach something a person says, and the
reference score must sit in the reference band.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from assistant.core.bank.loader import BankError, display_path, load_yaml, yaml_line
from assistant.core.bank.model import Bank
from assistant.core.errors import AssessorError, NotFoundError
from assistant.core.practice.case import Pointer, PracticeCase
from assistant.core.terms import ROLE_PREFIX
from assistant.core.validation import error_words, format_loc

MAX_CASE_BYTES = 2 * 1024 * 1024
Loc = tuple[str | int, ...]


class CaseError(AssessorError):
    """A practice case that cannot be used; `problems` holds one line per problem."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        more = len(self.problems) - 1
        super().__init__(self.problems[0] + (f" (and {more} more problems)" if more else ""))


@dataclass(frozen=True)
class LoadedCase:
    """A validated case with its file and a digest of the file's bytes."""

    case: PracticeCase
    path: Path
    digest: str


def _where(text: str) -> Callable[[Loc], str]:
    lines: dict[Loc, int | None] = {}

    def where(loc: Loc) -> str:
        if loc not in lines:
            lines[loc] = yaml_line(text, loc)
        line = lines[loc]
        return f" (line {line})" if line else ""

    return where


def parse_case(text: str, source: str = "<case>", bank: Bank | None = None) -> PracticeCase:
    """Parse and validate case YAML; with a bank, check it against the bank too."""
    try:
        data = load_yaml(text, source)
    except BankError as exc:
        raise CaseError(exc.problems) from None
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}, not a mapping"
        raise CaseError([f"{source}: not a practice case: the file is {kind}"])
    where = _where(text)
    try:
        case = PracticeCase.model_validate(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if isinstance(p, int | str))
            words = error_words(err, unknown_key="unknown key (not part of the case format)")
            lines.append(f"{source}: {format_loc(loc)}: {words}{where(loc)}")
        raise CaseError(lines) from None
    problems = check_case(case, bank) if bank is not None else check_people(case)
    if problems:
        raise CaseError(
            [f"{source}: {format_loc(loc)}: {msg}{where(loc)}" for loc, msg in problems]
        )
    return case


def check_people(case: PracticeCase) -> list[tuple[Loc, str]]:
    """Return problems with the people: duplicate codes, codes that do not fit the role."""
    problems: list[tuple[Loc, str]] = []
    seen: set[str] = set()
    for i, person in enumerate(case.people):
        if person.code in seen:
            problems.append((("people", i, "code"), f"duplicate code '{person.code}'"))
        seen.add(person.code)
        if not person.code.startswith(ROLE_PREFIX[person.role]):
            problems.append(
                (
                    ("people", i, "code"),
                    f"a {person.role} has a code starting with {ROLE_PREFIX[person.role]}",
                )
            )
    for role, prefix in ROLE_PREFIX.items():
        numbers = sorted(int(p.code[1:]) for p in case.people if p.role == role)
        if numbers != list(range(1, len(numbers) + 1)):
            problems.append((("people",), f"{role} codes must run {prefix}1, {prefix}2, ... "))
    return problems


def check_case(case: PracticeCase, bank: Bank) -> list[tuple[Loc, str]]:
    """Return what typed validation cannot see: ids unknown to the bank, dangling pointers."""
    problems = check_people(case)
    if case.bank != bank.id:
        problems.append((("bank",), f"is '{case.bank}' but was checked against bank '{bank.id}'"))
        return problems
    codes = {p.code for p in case.people}
    seen: set[str] = set()
    for ci, crit in enumerate(case.criteria):
        base: Loc = ("criteria", ci)
        if crit.id in seen:
            problems.append(((*base, "id"), f"duplicate criterion '{crit.id}'"))
        seen.add(crit.id)
        try:
            bank_crit = bank.criterion(crit.id)
        except KeyError:
            problems.append(((*base, "id"), f"no criterion '{crit.id}' in bank {bank.id}"))
            continue
        qids = {q.id for q in bank_crit.questions}
        for code, script in crit.people.items():
            if code not in codes:
                problems.append(((*base, "people", code), "not one of the case's people"))
            for qid in script.answers:
                if qid not in qids:
                    problems.append(
                        ((*base, "people", code, "answers", qid), f"not a question of {crit.id}")
                    )
        ref = crit.reference
        loc: Loc = (*base, "reference")
        try:
            band = bank.scale.band(ref.band)
        except KeyError:
            known = ", ".join(b.id for b in bank.scale.bands)
            problems.append(((*loc, "band"), f"unknown band '{ref.band}' (bands: {known})"))
        else:
            if not band.min <= ref.score <= band.max:
                problems.append(
                    (
                        (*loc, "score"),
                        f"{ref.score:g} is outside band {band.id} ({band.min:g}-{band.max:g})",
                    )
                )
        pointers: list[tuple[Loc, Pointer]] = [
            ((*loc, "key_evidence", i), p) for i, p in enumerate(ref.key_evidence)
        ] + [((*loc, "cautions", i), p) for i, p in enumerate(ref.cautions)]
        for ploc, pointer in pointers:
            reason = _dangling(case, crit.id, pointer)
            if reason:
                problems.append((ploc, reason))
    return problems


def _dangling(case: PracticeCase, criterion_id: str, pointer: Pointer) -> str:
    script = case.script(pointer.person, criterion_id)
    if script is None:
        return f"{pointer.person} says nothing on {criterion_id}"
    if pointer.question_id is not None and pointer.question_id not in script.answers:
        return f"{pointer.person} has no answer to {pointer.question_id}"
    if pointer.probe is not None and pointer.probe not in script.probes:
        return f"{pointer.person} has no answer to a {pointer.probe} probe"
    if pointer.show_me and script.show_me is None:
        return f"{pointer.person} has nothing to show on {criterion_id}"
    return ""


def read_case(path: Path, bank: Bank | None = None) -> LoadedCase:
    """Read, validate (against the bank when given) and digest one case file."""
    shown = display_path(path)
    try:
        if path.stat().st_size > MAX_CASE_BYTES:
            raise CaseError([f"{shown}: file is larger than {MAX_CASE_BYTES // 1024} KB"])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise CaseError([f"{shown}: no such file"]) from None
    except IsADirectoryError:
        raise CaseError([f"{shown}: is a folder, not a case file"]) from None
    except OSError as exc:
        raise CaseError([f"{shown}: cannot read: {exc.strerror or exc}"]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CaseError([f"{shown}: not UTF-8 text (byte {exc.start})"]) from None
    case = parse_case(text, shown, bank)
    return LoadedCase(case=case, path=path, digest=hashlib.sha256(raw).hexdigest())


def case_files(folder: Path) -> list[Path]:
    """Return the case files in a folder, sorted by name."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml"))


def find_case_file(case_id: str, folder: Path) -> Path:
    """Return the file of a case given by id or by path (NotFoundError when there is none)."""
    candidate = Path(case_id)
    if candidate.suffix in (".yaml", ".yml") and candidate.exists():
        return candidate
    for path in case_files(folder):
        if path.stem == case_id:
            return path
    known = ", ".join(p.stem for p in case_files(folder)) or "none"
    raise NotFoundError(f"no practice case '{case_id}' (known: {known})")
