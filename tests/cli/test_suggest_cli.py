"""`assessor suggest --text` as a user runs it on the rubric's patterns and on unreadable text."""

from __future__ import annotations

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
