"""Property tests: mangled bank files only ever raise BankError with a message, nothing else."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.core.bank.loader import BankError, parse_bank, read_bank

ROOT = Path(__file__).resolve().parents[2]
SOURCE = (ROOT / "question_banks" / "icss.yaml").read_text(encoding="utf-8")
HEAD = SOURCE[:6000]


def _check(text: str) -> None:
    try:
        parse_bank(text, "m.yaml")
    except BankError as exc:
        assert exc.problems and all(p.startswith("m.yaml") and p.strip() for p in exc.problems)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(0, len(HEAD)), junk=st.text(max_size=40))
def test_truncated_and_spliced_banks(cut: int, junk: str) -> None:
    _check(HEAD[:cut] + junk + HEAD[cut : cut + 200])


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(0, len(HEAD) - 1),
            st.sampled_from(
                [
                    ":",
                    "-",
                    " ",
                    "\n",
                    "'",
                    '"',
                    "{",
                    "[",
                    "&a",
                    "*a",
                    "!!python/object",
                    "\t",
                    "#",
                    "?",
                    "|",
                ]
            ),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_bytes_flipped_in_a_real_bank(edits: list[tuple[int, str]]) -> None:
    text = HEAD
    for pos, piece in edits:
        text = text[:pos] + piece + text[pos + 1 :]
    _check(text)


@settings(max_examples=200, deadline=None)
@given(
    st.recursive(
        st.none()
        | st.booleans()
        | st.integers()
        | st.floats(allow_nan=True)
        | st.text(max_size=20),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(
                st.sampled_from(["id", "title", "groups", "scale", "bands", "criteria", "x"]),
                children,
                max_size=5,
            )
        ),
        max_leaves=30,
    )
)
def test_arbitrary_structures(value: object) -> None:
    import yaml

    _check(yaml.safe_dump(value))


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_bytes_on_disk(tmp_path_factory, data: bytes) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path_factory.mktemp("fuzz") / "b.yaml"
    path.write_bytes(data)
    try:
        read_bank(path)
    except BankError as exc:
        assert "b.yaml" in str(exc)
