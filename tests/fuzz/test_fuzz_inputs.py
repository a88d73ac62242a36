"""Fuzz: session files, audit lines, manifests, banks and replay scripts, mangled at random, only
ever raise the project's own errors (AssessorError and its kinds), each one line naming where.

Bounded so `make test` stays fast (FUZZ_EXAMPLES, default 30 per property); `make fuzz` runs
thousands. Inputs start from real documents written by the store and are then broken: values
swapped for arbitrary JSON (deep, surrogate-laden, huge numbers), keys dropped or added, bytes
spliced in.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant import paths
from assistant.core.bank.loader import find_bank, parse_bank
from assistant.core.errors import AssessorError
from assistant.store import Workspace
from assistant.store.check import check_assessment
from assistant.store.convert import read_contents
from assistant.store.files import Layout, read_audit_log
from assistant.store.manifest import parse_manifest, read_manifest
from assistant.store.replay import load_script

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "30"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

TEXT = st.text(
    alphabet=st.characters(codec=None, blacklist_categories=()),  # surrogates included
    max_size=30,
)
JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | TEXT,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(TEXT, inner, max_size=4),
    max_leaves=20,
)


def expect_own_error(call: Any, *args: Any, **kwargs: Any) -> Any:
    """Run `call`; only the project's errors may escape, as one line."""
    try:
        return call(*args, **kwargs)
    except AssessorError as exc:
        text = str(exc)
        assert text.strip() and "\n" not in text, text
        return None


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[Workspace, str]:
    root = tmp_path_factory.mktemp("fuzz") / "ws"
    root.mkdir()
    ws = Workspace(root)
    aid = ws.create_assessment(
        organisation="Fuzz Council", type="practice", bank=find_bank("icss", paths.bank_dirs())
    )
    with ws.open(aid) as s:
        person = s.add_interviewee("staff", name="Jo")
        iv = s.start_interview([person.id])
        for n in range(3):
            s.record_turn(iv.id, answer=f"answer {n}", question_id="SVC.1.q1", speaker_id=person.id)
        s.add_evidence(type="document", title="policy", interview_id=iv.id, turn_n=1)
        s.edit_turn(f"{iv.id}/2", answer="changed", why="fuzz")
    return ws, aid


def _paths(doc: Any, here: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [here]
    if isinstance(doc, dict):
        for k, v in doc.items():
            out += _paths(v, (*here, k))
    elif isinstance(doc, list):
        for i, v in enumerate(doc):
            out += _paths(v, (*here, i))
    return out


def _mutate(doc: Any, data: st.DataObject) -> Any:
    doc = copy.deepcopy(doc)
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.sampled_from(_paths(doc)))
        value = data.draw(JSON)
        if not where:
            return value
        parent = doc
        for part in where[:-1]:
            parent = parent[part]
        if isinstance(parent, dict) and data.draw(st.booleans()):
            del parent[where[-1]]
        else:
            parent[where[-1]] = value
    return doc


@FUZZ
@given(data=st.data())
def test_mangled_interview_files(sample: tuple[Workspace, str], data: st.DataObject) -> None:
    ws, aid = sample
    layout = ws.layout(aid)
    path = next(layout.interviews.glob("iv-*.json"))
    doc = _mutate(json.loads(path.read_text()), data)
    iv = path.stem
    expect_own_error(
        read_contents, doc, kind="interview", where="x.json", assessment_id=aid, interview_id=iv
    )
    # The same through the file reader and check, in a scratch copy of the folder.
    scratch = Layout(folder=layout.folder, workspace=ws.root)
    raw = json.dumps(doc, ensure_ascii=True, allow_nan=True).encode()
    original = path.read_bytes()
    try:
        path.write_bytes(raw)
        report = check_assessment(ws, aid, paths.bank_dirs())
        assert all(p.strip() and "\n" not in p for p in report.problems)
        expect_own_error(ws.read, aid)
    finally:
        path.write_bytes(original)
    assert scratch.folder.is_dir()


@FUZZ
@given(data=st.data())
def test_mangled_assessment_files(sample: tuple[Workspace, str], data: st.DataObject) -> None:
    ws, aid = sample
    doc = _mutate(json.loads(ws.layout(aid).assessment.read_text()), data)
    expect_own_error(read_contents, doc, kind="assessment", where="a.json", assessment_id=aid)


@FUZZ
@given(
    lines=st.lists(
        st.binary(max_size=60)
        | JSON.map(lambda v: json.dumps(v, allow_nan=True).encode())
        | st.integers(1, 3000).map(lambda n: b"[" * n + b"]" * n),
        max_size=6,
    ),
    keep_header=st.booleans(),
)
def test_mangled_audit_lines(
    sample: tuple[Workspace, str], lines: list[bytes], keep_header: bool
) -> None:
    ws, aid = sample
    layout = ws.layout(aid)
    original = layout.audit.read_bytes()
    head = original.split(b"\n", 1)[0] + b"\n" if keep_header else b""
    try:
        layout.audit.write_bytes(head + b"\n".join(lines))
        log = read_audit_log(layout, aid)  # never raises
        assert all(p.strip() and "\n" not in p for p in log.problems)
        assert log.lines >= len(log.entries)
        report = check_assessment(ws, aid, paths.bank_dirs())
        assert all("\n" not in p for p in report.problems)
    finally:
        layout.audit.write_bytes(original)


@FUZZ
@given(data=st.data(), raw=st.binary(max_size=80))
def test_mangled_manifests(sample: tuple[Workspace, str], data: st.DataObject, raw: bytes) -> None:
    ws, aid = sample
    layout = ws.layout(aid)
    path = layout.folder / "manifest.json"
    doc = _mutate(json.loads(path.read_text()), data)
    expect_own_error(parse_manifest, doc, "manifest.json", aid)
    original = path.read_bytes()
    try:
        for content in (json.dumps(doc, allow_nan=True).encode(), raw):
            path.write_bytes(content)
            expect_own_error(read_manifest, layout, aid)
            report = check_assessment(ws, aid, paths.bank_dirs())
            assert all("\n" not in p for p in report.problems)
    finally:
        path.write_bytes(original)


BANK = (ROOT / "question_banks" / "icss.yaml").read_text(encoding="utf-8")
NUMBERS = st.sampled_from(
    [".nan", ".inf", "-.inf", "1e308", "-1e308", "1e-320", "0", "-1", "10000", "1e3", '"7"']
)


@FUZZ
@given(
    spots=st.lists(st.sampled_from(["weight: 1", "min: 0", "max: 10", "step: 1"]), max_size=3),
    values=st.lists(NUMBERS, min_size=3, max_size=3),
)
def test_banks_with_odd_numbers(spots: list[str], values: list[str]) -> None:
    text = BANK
    for spot, value in zip(spots, values, strict=False):
        key = spot.split(":")[0]
        text = text.replace(spot, f"{key}: {value}", 1)
    bank = expect_own_error(parse_bank, text, "b.yaml")
    if bank is not None:  # whatever passes is finite and sane
        for crit in bank.criteria():
            assert 0 < crit.weight <= 100
        assert -1000 <= bank.scale.min < bank.scale.max <= 1000


SCRIPT = (ROOT / "examples" / "interview.yaml").read_text(encoding="utf-8")


@FUZZ
@given(data=st.data(), junk=st.text(max_size=40))
def test_mangled_replay_scripts(tmp_path: Path, data: st.DataObject, junk: str) -> None:
    import yaml

    doc = yaml.safe_load(SCRIPT)
    mutated = _mutate(doc, data)
    path = tmp_path / "s.yaml"
    for text in (
        yaml.safe_dump(mutated, allow_unicode=False),
        SCRIPT[: data.draw(st.integers(0, len(SCRIPT)))] + junk,
    ):
        try:
            path.write_text(text, encoding="utf-8", errors="surrogatepass")
        except UnicodeEncodeError:
            continue
        expect_own_error(load_script, path)
