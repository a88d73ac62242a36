"""`assessor suggest --text` as a user runs it on the rubric's patterns and on unreadable text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_sustained_loop_outcome_is_integration_with_its_words_quoted(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = (
        "Over four years, by tracing repeat calls to their causes and fixing them, our "
        "first-contact resolution rose from 58% to 81%."
    )
    code, out, _ = run(capsys, "suggest", "--text", text)
    assert code == 0
    assert out.startswith("Suggested: Integration")
    assert "measured outcome: 'from 58% to 81%'" in out


def test_a_plan_to_review_a_running_process_is_implementation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        capsys,
        "suggest",
        "--text",
        "We plan to review the complaints process that has run since 2019.",
    )
    assert code == 0 and out.startswith("Suggested: Implementation")
    assert "judged by the practice that exists now" in out


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Wir beantworten alle Anfragen innerhalb von zwei Arbeitstagen.", "English"),
        ("1200 1150 96% 0.95", "no words"),
        ("<table><tr><td>96%</td></tr></table>", "markup"),
    ],
)
def test_unreadable_text_is_nothing_to_read(
    capsys: pytest.CaptureFixture[str], text: str, why: str
) -> None:
    code, out, err = run(capsys, "suggest", "--text", text)
    assert code == 1 and out == ""
    assert err.startswith("assessor: nothing to read (confidence 0") and why in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "text", ["hello, nice to meet you", "Let me think about that for a moment."]
)
def test_small_talk_is_nothing_to_read_not_a_band(
    capsys: pytest.CaptureFixture[str], text: str
) -> None:
    code, out, err = run(capsys, "suggest", "--text", text)
    assert code == 1 and out == ""
    assert err.startswith("assessor: nothing to read (confidence 0, no band suggested)")
    assert "does not describe plans, practice or results" in err
    code, out, _ = run(capsys, "suggest", "--text", text, "--json")
    got = json.loads(out)
    assert code == 0 and got["band"] is None and got["score"] is None
    assert got["confidence"] == 0


def test_batch_gives_no_band_for_small_talk_and_one_for_practice(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    batch = tmp_path / "b.jsonl"
    lines = [
        {"id": "chat", "text": "hello, nice to meet you"},
        {"id": "done", "text": "We answer 96% of calls within 20 seconds and report it monthly."},
    ]
    batch.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    code, out, _ = run(capsys, "suggest", "--batch", str(batch))
    rows = {r["id"]: r for r in map(json.loads, out.splitlines())}
    assert code == 0
    assert rows["chat"]["band"] is None
    assert rows["done"]["band"] is not None and rows["done"]["confidence"] > 0
