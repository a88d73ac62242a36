"""Provides reading, validating and finding bank files, with one clear line per problem.

Every problem names the file, the path inside the bank
(``groups[2].criteria[0].questions[3].audience``)
and, where the YAML gives it, the line. Nothing is dropped silently: unknown keys, duplicate keys,
duplicate ids and dangling references are all errors.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from assistant.core.bank.model import Bank, ProbeRef, Scale
from assistant.core.errors import AssessorError, NotFoundError
from assistant.core.validation import error_words, format_loc
from assistant.safeio import UnsafeFileError, read_regular

MAX_BANK_BYTES = 5 * 1024 * 1024
"""Banks are a few hundred kilobytes; anything past this is refused before parsing."""

Loc = tuple[str | int, ...]


class BankError(AssessorError):
    """A bank file that cannot be used; `problems` holds one line per problem."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__(
            self.problems[0]
            if len(self.problems) == 1
            else f"{self.problems[0]} (and {len(self.problems) - 1} more problems)"
        )


@dataclass(frozen=True)
class LoadedBank:
    """A validated bank with the file it came from and a digest of that file's bytes."""

    bank: Bank
    path: Path
    digest: str


# ---------------------------------------------------------------- YAML with duplicate-key checks

_BaseLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _DuplicateKey(Exception):
    def __init__(self, key: object, line: int) -> None:
        super().__init__(key, line)
        self.key = key
        self.line = line


class _StrictLoader(_BaseLoader):  # type: ignore[misc]
    """A safe loader that refuses duplicate mapping keys instead of keeping the last one."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            try:
                duplicate = key in seen
            except TypeError:
                duplicate = False
            if duplicate:
                raise _DuplicateKey(key, key_node.start_mark.line + 1)
            try:
                seen.add(key)
            except TypeError:
                pass
        result: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return result


def _node_line(root: yaml.Node | None, loc: Loc) -> int | None:
    """Return the 1-based line of the deepest YAML node that `loc` reaches."""
    node = root
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for key_node, value_node in node.value:
                if getattr(key_node, "value", None) == part:
                    nxt = value_node
                    line = key_node.start_mark.line + 1
                    break
            if nxt is None:
                return line
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return line
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            return line
    return line


def _message(error: Any) -> str:
    return error_words(error, unknown_key="unknown key (not part of the bank format)")


def _clean_loc(loc: Iterable[Any]) -> Loc:
    """Drop pydantic's union tags (the model names it tried) from a location."""
    tags = {"Probe", "ProbeRef"}
    return tuple(p for p in loc if not (isinstance(p, str) and p in tags))


# ---------------------------------------------------------------- cross-reference checks


def check_scale(scale: Scale) -> list[tuple[Loc, str]]:
    """Return the scale's problems: bands that leave gaps, overlap or miss a signal."""
    problems: list[tuple[Loc, str]] = []

    if scale.min >= scale.max:
        problems.append((("scale", "max"), f"must be greater than scale.min ({scale.min:g})"))
    for i, band in enumerate(scale.bands):
        if band.min > band.max:
            problems.append(
                (("scale", "bands", i, "max"), f"is below the band's min ({band.min:g})")
            )
    first, last = scale.bands[0], scale.bands[-1]
    if first.min != scale.min:
        problems.append(
            (
                ("scale", "bands", 0, "min"),
                f"gap: the scale starts at {scale.min:g} but the first band at {first.min:g}",
            )
        )
    if last.max != scale.max:
        problems.append(
            (
                ("scale", "bands", len(scale.bands) - 1, "max"),
                f"gap: the scale ends at {scale.max:g} but the last band at {last.max:g}",
            )
        )
    for i in range(1, len(scale.bands)):
        prev, band = scale.bands[i - 1], scale.bands[i]
        expected = prev.max + scale.step
        if band.min <= prev.max:
            problems.append(
                (
                    ("scale", "bands", i, "min"),
                    f"overlap: starts at {band.min:g}, inside band '{prev.id}' "
                    f"({prev.min:g}-{prev.max:g})",
                )
            )
        elif abs(band.min - expected) > 1e-9:
            problems.append(
                (
                    ("scale", "bands", i, "min"),
                    f"gap: starts at {band.min:g} but band '{prev.id}' ends at "
                    f"{prev.max:g} (step {scale.step:g})",
                )
            )
    _duplicates(problems, [(("scale", "bands", i, "id"), b.id) for i, b in enumerate(scale.bands)])
    signals = [b.signal for b in scale.bands]
    for needed in ("plan", "practice", "improvement"):
        if needed not in signals:
            problems.append((("scale", "bands"), f"no band has signal '{needed}'"))
    order = {"plan": 0, "practice": 1, "improvement": 2}
    for i in range(1, len(signals)):
        if order[signals[i]] < order[signals[i - 1]]:
            problems.append(
                (
                    ("scale", "bands", i, "signal"),
                    "signals must rise with the bands (plan, practice, improvement)",
                )
            )
    return problems


def check_bank(bank: Bank) -> list[tuple[Loc, str]]:
    """Return the problems that typed validation cannot see: bands, ids and references."""
    problems = check_scale(bank.scale)
    band_ids = [b.id for b in bank.scale.bands]

    def need_band(loc: Loc, value: str) -> None:
        if value not in band_ids:
            problems.append((loc, f"unknown band '{value}' (bands: {', '.join(band_ids)})"))

    need_band(("certification", "mandatory_min_band"), bank.certification.mandatory_min_band)
    need_band(("corroboration", "default_cap"), bank.corroboration.default_cap)

    block_ids = {b.id for b in bank.probe_blocks}
    _duplicates(
        problems, [(("probe_blocks", i, "id"), b.id) for i, b in enumerate(bank.probe_blocks)]
    )
    _duplicates(problems, [(("groups", i, "id"), g.id) for i, g in enumerate(bank.groups)])
    crit_ids: list[tuple[Loc, str]] = []
    question_ids: list[tuple[Loc, str]] = []
    for gi, group in enumerate(bank.groups):
        for ci, crit in enumerate(group.criteria):
            base: Loc = ("groups", gi, "criteria", ci)
            crit_ids.append(((*base, "id"), crit.id))
            if crit.corroboration_cap is not None:
                need_band((*base, "corroboration_cap"), crit.corroboration_cap)
            for band_id in band_ids:
                if band_id not in crit.descriptors:
                    problems.append(((*base, "descriptors"), f"no descriptor for band '{band_id}'"))
            for key in crit.descriptors:
                if key not in band_ids:
                    problems.append(
                        (
                            (*base, "descriptors", key),
                            f"unknown band (bands: {', '.join(band_ids)})",
                        )
                    )
            for qi, question in enumerate(crit.questions):
                qloc: Loc = (*base, "questions", qi)
                question_ids.append(((*qloc, "id"), question.id))
                need_band((*qloc, "probes_band"), question.probes_band)
                for pi, probe in enumerate(question.probes):
                    if isinstance(probe, ProbeRef) and probe.ref not in block_ids:
                        problems.append(
                            (
                                (*qloc, "probes", pi, "ref"),
                                f"refers to probe block '{probe.ref}', which does not exist",
                            )
                        )
    _duplicates(problems, crit_ids)
    _duplicates(problems, question_ids)
    return problems


def _scale_problems(raw: object) -> list[tuple[Loc, str]]:
    """Check the scale alone, so band gaps show even when other parts fail typed validation."""
    try:
        scale = Scale.model_validate(raw)
    except ValidationError:
        return []
    return check_scale(scale)


def _duplicates(problems: list[tuple[Loc, str]], items: list[tuple[Loc, str]]) -> None:
    first: dict[str, Loc] = {}
    for loc, value in items:
        if value in first:
            problems.append(
                (loc, f"duplicate id '{value}' (first used at {format_loc(first[value])})")
            )
        else:
            first[value] = loc


# ---------------------------------------------------------------- reading


def load_yaml(text: str, source: str) -> Any:
    """Parse YAML strictly (duplicate keys are errors); raise BankError naming file and line.

    Practice cases are read with the same loader (`assistant.core.practice.loader`).
    """
    try:
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a safe loader subclass
    except _DuplicateKey as exc:
        raise BankError([f"{source}:{exc.line}: duplicate key '{exc.key}'"]) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        at = f":{mark.line + 1}" if mark is not None else ""
        raise BankError(
            [f"{source}{at}: YAML syntax error: {exc.problem or exc.context}"]
        ) from None
    except yaml.YAMLError as exc:
        raise BankError([f"{source}: YAML error: {exc}"]) from None
    except RecursionError:
        raise BankError([f"{source}: YAML nested too deeply"]) from None


def yaml_line(text: str, loc: Loc) -> int | None:
    """Return the 1-based line that a location inside a YAML text reaches (None if unknown)."""
    try:
        root = yaml.compose(text, Loader=_BaseLoader)
    except yaml.YAMLError:
        return None
    return _node_line(root, loc)


def parse_bank(text: str, source: str = "<bank>") -> Bank:
    """Parse and validate bank YAML text; raise BankError listing every problem found."""
    data = load_yaml(text, source)
    if not isinstance(data, dict):
        kind = "empty" if data is None else f"a {type(data).__name__}, not a mapping"
        raise BankError([f"{source}: not a bank: the file is {kind}"])

    root: yaml.Node | None = None

    def where(loc: Loc) -> str:
        nonlocal root
        if root is None:
            try:
                root = yaml.compose(text, Loader=_BaseLoader)
            except yaml.YAMLError:
                return ""
        line = _node_line(root, loc)
        return f" (line {line})" if line else ""

    try:
        bank = Bank.model_validate(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = _clean_loc(err["loc"])
            lines.append(f"{source}: {format_loc(loc)}: {_message(err)}{where(loc)}")
        lines.extend(
            f"{source}: {format_loc(loc)}: {msg}{where(loc)}"
            for loc, msg in _scale_problems(data.get("scale"))
        )
        raise BankError(lines) from None
    except RecursionError:
        raise BankError([f"{source}: bank nested too deeply"]) from None
    problems = check_bank(bank)
    if problems:
        raise BankError(
            [f"{source}: {format_loc(loc)}: {msg}{where(loc)}" for loc, msg in problems]
        )
    return bank


def display_path(path: Path) -> str:
    """Show a path relative to the current directory when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_bank(path: Path) -> LoadedBank:
    """Read, validate and digest one bank file; raise BankError on any problem."""
    shown = display_path(path)
    try:
        if path.is_dir():
            raise IsADirectoryError
        size = path.stat().st_size
        if size > MAX_BANK_BYTES:
            raise BankError(
                [
                    f"{shown}: file is {size // (1024 * 1024)} MB; banks may be at most "
                    f"{MAX_BANK_BYTES // (1024 * 1024)} MB"
                ]
            )
        raw = read_regular(path, shown, cap=MAX_BANK_BYTES, follow_links=True)
    except UnsafeFileError as exc:
        raise BankError([str(exc)]) from None
    except FileNotFoundError:
        raise BankError([f"{shown}: no such file"]) from None
    except IsADirectoryError:
        raise BankError([f"{shown}: is a folder, not a bank file"]) from None
    except OSError as exc:
        raise BankError([f"{shown}: cannot read: {exc.strerror or exc}"]) from None
    if b"\x00" in raw:
        raise BankError([f"{shown}: not a text file (a bank is UTF-8 YAML)"])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BankError([f"{shown}: not UTF-8 text (byte {exc.start})"]) from None
    bank = parse_bank(text, shown)
    return LoadedBank(bank=bank, path=path, digest=hashlib.sha256(raw).hexdigest())


def bank_files(dirs: Sequence[Path]) -> list[Path]:
    """Return the bank files in the given folders, earlier folders first."""
    files: list[Path] = []
    for folder in dirs:
        if folder.is_dir():
            files.extend(sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")))
    return files


def find_bank(bank_id: str, dirs: Sequence[Path]) -> LoadedBank:
    """Return the bank with this id: a path to a file, or an id looked up in the bank folders."""
    candidate = Path(bank_id)
    if candidate.suffix in (".yaml", ".yml") and candidate.exists():
        return read_bank(candidate)
    files = bank_files(dirs)
    for path in files:
        if path.stem == bank_id:
            loaded = read_bank(path)
            if loaded.bank.id == bank_id:
                return loaded
    for path in files:
        try:
            loaded = read_bank(path)
        except BankError:
            continue
        if loaded.bank.id == bank_id:
            return loaded
    known = ", ".join(p.stem for p in files) or "none"
    raise NotFoundError(f"no bank with id '{bank_id}' (known: {known})")
