"""Provides the one place where domain models become stored documents and back again.

Every stored file is a TinyDB document: ``{table: {doc_id: document}}``. Each file carries a
``meta`` table whose single document holds the format marker (``{"format": "assessor/1",
"kind": "interview", ...}``), so a file that is not ours is recognised instead of being read as an
empty database. Reading validates every document with the domain models and reports the first
problem as ``turns[3].answer: must be text``, where ``3`` is the document id (for turns, the turn
number).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal, TypeVar

from pydantic import BaseModel, ValidationError

from assistant.core.model import (
    Assessment,
    AuditEntry,
    ConsensusScore,
    CriterionScore,
    Evidence,
    Finding,
    Interview,
    Interviewee,
    OpenItem,
    OverrideReview,
    Record,
    ReviewComment,
    SelfScore,
    Stamps,
    Turn,
)
from assistant.core.validation import error_words, format_loc
from assistant.store.errors import DamagedFileError, InvalidValueError, NewerFormatError

FORMAT: Final = "assessor/1"
"""The format marker written into every file; bump the number when the layout changes."""
FORMAT_VERSION: Final = 1
TURNS_PER_FILE: Final = 50
"""Turns 1-50 live in the interview file, 51-100 in ``<id>.turns-002.json`` and so on, so
saving a turn rewrites one small file however long the interview runs (docs/BENCHMARKS.md)."""

FileKind = Literal["assessment", "interview", "turns", "names", "audit"]
KIND_WORDS: Final[dict[str, str]] = {
    "assessment": "assessment",
    "interview": "interview",
    "turns": "interview turns",
    "names": "names",
    "audit": "audit log",
}


class Meta(Record):
    """The marker document of a file: format, kind and what it belongs to."""

    format: str
    kind: FileKind
    assessment_id: str
    interview_id: str | None = None
    part: int | None = None


class NameRecord(Record):
    """A real name, kept in names.json apart from everything that is exported."""

    interviewee_id: str
    name: str


TABLES: Final[dict[str, dict[str, type[Record]]]] = {
    "assessment": {
        "assessment": Assessment,
        "interviewees": Interviewee,
        "scores": CriterionScore,
        "findings": Finding,
        "open_items": OpenItem,
        "evidence": Evidence,
        "consensus": ConsensusScore,
        "comments": ReviewComment,
        "override_reviews": OverrideReview,
        "self_assessment": SelfScore,
    },
    "interview": {"interview": Interview, "turns": Turn, "evidence": Evidence},
    "turns": {"turns": Turn},
    "names": {"names": NameRecord},
}
"""The tables each kind of file may hold and the model of their documents."""


@dataclass
class Contents:
    """A validated file: its marker and its documents by table and document id."""

    meta: Meta
    tables: dict[str, dict[int, Any]] = field(default_factory=dict)

    def docs(self, table: str) -> list[Any]:
        """Return a table's models in document-id order."""
        items = self.tables.get(table, {})
        return [items[k] for k in sorted(items)]


# ---------------------------------------------------------------- documents out


DEFAULT_STAMPS = Stamps()
"""The system clock and random ids: what records get when no stamps are given."""


def to_doc(model: BaseModel) -> dict[str, Any]:
    """Return a model as a JSON-ready document."""
    return model.model_dump(mode="json")


def new_document(
    meta: Meta, tables: Mapping[str, Iterable[tuple[int, BaseModel]]]
) -> dict[str, dict[str, Any]]:
    """Return a whole file's document: the marker plus the given tables, written in one go."""
    doc: dict[str, dict[str, Any]] = {"meta": {"1": to_doc(meta)}}
    for name, items in tables.items():
        doc[name] = {str(doc_id): to_doc(model) for doc_id, model in items}
    return doc


def audit_line(entry: AuditEntry, txn: str | None = None) -> str:
    """Return one audit entry as a JSON line (marked with its pending save's id, if any)."""
    doc = to_doc(entry)
    if txn is not None:
        doc["txn"] = txn
    return json.dumps(doc, ensure_ascii=False) + "\n"


def find_surrogate(value: object, loc: tuple[str | int, ...] = ()) -> str | None:
    """Return where a lone surrogate (``"\\udfff"``, which no UTF-8 file can hold) hides in
    parsed JSON, as ``turns[3].answer``; None when there is none.

    JSON's ``\\u`` escapes can smuggle one in; it would make every later export fail with an
    encoding error, so files and input are checked at the edge.
    """
    stack: list[tuple[object, tuple[str | int, ...]]] = [(value, loc)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, str):
            if _has_surrogate(item):
                return format_loc(where) or "text"
        elif isinstance(item, dict):
            for key, sub in item.items():
                if isinstance(key, str) and _has_surrogate(key):
                    return format_loc(where) or "a key"
                part: str | int = int(key) if _DOC_ID.match(str(key)) else str(key)
                stack.append((sub, (*where, part)))
        elif isinstance(item, list | tuple):
            stack.extend((sub, (*where, i)) for i, sub in enumerate(item))
    return None


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def audit_header(assessment_id: str) -> str:
    """Return the first line of an audit log: its format marker."""
    meta = Meta(format=FORMAT, kind="audit", assessment_id=assessment_id)
    return json.dumps(to_doc(meta), ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- error wording


def first_error(exc: ValidationError, prefix: tuple[str | int, ...] = ()) -> str:
    """Return the first problem of a validation error as ``loc: words`` (+ how many more)."""
    errors = exc.errors()
    err = errors[0]
    text = f"{format_loc((*prefix, *err['loc']))}: {error_words(err)}"
    if len(errors) > 1:
        text += f"; {len(errors) - 1} more"
    return text


M = TypeVar("M", bound=Record)


def build(model: type[M], what: str, stamps: Stamps | None = None, **values: Any) -> M:
    """Construct a model from values a caller passed, its unset ids and times from `stamps`
    (the system clock and random ids when None); a bad value raises InvalidValueError."""
    refuse_surrogates(values, what)
    try:
        return model(**(stamps or DEFAULT_STAMPS).fill(model, values))
    except ValidationError as exc:
        raise InvalidValueError(f"{what}: {first_error(exc)}") from None


def refuse_surrogates(values: object, what: str) -> None:
    """Raise InvalidValueError when input text holds a lone surrogate (see `find_surrogate`)."""
    bad = find_surrogate(values)
    if bad is not None:
        raise InvalidValueError(f"{what}: {bad}: holds a lone surrogate, not text")


def revalidate(obj: M, what: str) -> M:
    """Validate a model instance as a whole (catches values assigned after construction)."""
    dumped = obj.model_dump()
    refuse_surrogates(dumped, what)
    try:
        return type(obj).model_validate(dumped)
    except ValidationError as exc:
        raise InvalidValueError(f"{what}: {first_error(exc)}") from None


# ---------------------------------------------------------------- documents in

_DOC_ID = re.compile(r"^[1-9][0-9]{0,9}$")


class _Bad(Exception):
    """Internal: the reason a document is not valid."""


def parse_format(value: object) -> int | None:
    """Return the version number of a format marker such as ``assessor/1``, or None."""
    if isinstance(value, str):
        match = re.fullmatch(r"assessor/([0-9]{1,6})", value)
        if match:
            return int(match.group(1))
    return None


def read_contents(
    raw: object,
    *,
    kind: FileKind,
    where: str,
    assessment_id: str | None,
    interview_id: str | None = None,
    part: int | None = None,
) -> Contents:
    """Validate a file's parsed JSON as a file of `kind`; raise DamagedFileError if it is not.

    `assessment_id`, `interview_id` and `part` are what the file's place in the folder says it
    must belong to (None: take the file's word for it). A file marked with a newer format raises
    NewerFormatError instead, so that it is left alone rather than set aside.
    """
    words = KIND_WORDS[kind]
    try:
        return _read(raw, kind, where, assessment_id, interview_id, part)
    except _Bad as exc:
        raise DamagedFileError(where, words, str(exc)) from None


def _read(
    raw: object,
    kind: FileKind,
    where: str,
    assessment_id: str | None,
    interview_id: str | None,
    part: int | None,
) -> Contents:
    if raw is None:
        raise _Bad("the file is empty")
    if not isinstance(raw, dict):
        raise _Bad(f"a JSON {type(raw).__name__}, not an object")
    meta_table = raw.get("meta")
    if (
        not isinstance(meta_table, dict)
        or len(meta_table) != 1
        or not isinstance(next(iter(meta_table.values())), dict)
    ):
        raise _Bad("no assessor format marker; not a file this app wrote")
    meta_doc = next(iter(meta_table.values()))
    version = parse_format(meta_doc.get("format"))
    if version is None:
        raise _Bad("no assessor format marker; not a file this app wrote")
    if version > FORMAT_VERSION:
        raise NewerFormatError(
            f"{where}: written by a newer version of assessor "
            f"({meta_doc.get('format')}); upgrade to open it"
        )
    try:
        meta = Meta.model_validate(meta_doc)
    except ValidationError as exc:
        raise _Bad(first_error(exc, ("meta",))) from None
    if meta.kind != kind:
        raise _Bad(f"it is a {KIND_WORDS.get(meta.kind, meta.kind)} file")
    if assessment_id is not None and meta.assessment_id != assessment_id:
        raise _Bad(f"it belongs to assessment {meta.assessment_id}")
    if interview_id is not None and meta.interview_id != interview_id:
        raise _Bad(f"it belongs to interview {meta.interview_id}")
    if kind in ("interview", "turns") and not meta.interview_id:
        raise _Bad("meta.interview_id: required field missing")
    if part is not None and (meta.part or 1) != part:
        raise _Bad(f"it holds turn file part {meta.part}, not {part}")
    contents = Contents(meta=meta)
    allowed = TABLES[kind]
    for table, docs in raw.items():
        if table == "meta":
            continue
        if table not in allowed:
            raise _Bad(f"unknown table '{table}'")
        if not isinstance(docs, dict):
            raise _Bad(f"{table}: must be a mapping of ids to documents")
        model = allowed[table]
        parsed: dict[int, Any] = {}
        for key, doc in docs.items():
            if not isinstance(key, str) or not _DOC_ID.match(key):
                raise _Bad(f"{table}: bad document id '{key}'")
            try:
                parsed[int(key)] = model.model_validate(doc)
            except ValidationError as exc:
                raise _Bad(first_error(exc, (table, int(key)))) from None
        contents.tables[table] = parsed
    _check_shape(contents, kind)
    return contents


def _check_shape(contents: Contents, kind: FileKind) -> None:
    """Check what typed validation cannot: one record per file, ids and turn numbers agree."""
    meta = contents.meta
    if kind == "assessment":
        items = contents.docs("assessment")
        if len(items) != 1:
            raise _Bad(f"assessment: must hold exactly one record (holds {len(items)})")
        if items[0].id != meta.assessment_id:
            raise _Bad(f"assessment.id: '{items[0].id}' does not match the marker")
    if kind == "interview":
        items = contents.docs("interview")
        if len(items) != 1:
            raise _Bad(f"interview: must hold exactly one record (holds {len(items)})")
        if items[0].id != meta.interview_id:
            raise _Bad(f"interview.id: '{items[0].id}' does not match the marker")
    if kind in ("interview", "turns"):
        part = meta.part or 1
        low, high = turn_range(part)
        for doc_id, turn in contents.tables.get("turns", {}).items():
            if turn.n != doc_id:
                raise _Bad(f"turns[{doc_id}].n: is {turn.n}, not {doc_id}")
            if turn.interview_id != meta.interview_id:
                raise _Bad(f"turns[{doc_id}].interview_id: belongs to another interview")
            if not low <= turn.n <= high:
                raise _Bad(f"turns[{doc_id}].n: outside this file's turns {low}-{high}")
        for doc_id, ev in contents.tables.get("evidence", {}).items():
            if ev.interview_id != meta.interview_id:
                raise _Bad(f"evidence[{doc_id}].interview_id: belongs to another interview")


def turn_part(n: int) -> int:
    """Return which turn file (1 = the interview file itself) holds turn `n`."""
    return (n - 1) // TURNS_PER_FILE + 1


def turn_range(part: int) -> tuple[int, int]:
    """Return the first and last turn numbers a turn file holds."""
    return (part - 1) * TURNS_PER_FILE + 1, part * TURNS_PER_FILE
