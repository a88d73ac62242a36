"""Calibration of a played script: figures worked out by hand, and feedback citing real turns."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from practice_helpers import write

from assistant.core.errors import NotFoundError
from assistant.services.practice import calibration_for, calibration_json, cohort_for, run_script
from assistant.store.errors import InvalidValueError
from assistant.store.workspace import Workspace

CASE = "icxs-harbourside-hotels"
SCRIPT = """\
asks:
  - {person: L1, question_id: POL.1.q1}
  - {person: L1, question_id: POL.1.q1}
  - {show_me: true}
  - {person: S1, question: "What do you do when a customer complains to you?"}
  - {person: S1, question: "When the same complaint keeps coming up, what happens?"}
  - {person: S1, question: "When the same complaint keeps coming up, what happens?"}
  - {show_me: true}
  - {probe: no_measure}
  - {person: L1, question_id: PPL.2.q1}
scores: {POL.1: 4, PRD.2: 2, POL.3: 6, PRC.3: 7, PPL.2: 6, MEA.4: 5}
"""


@pytest.fixture
def played(ws: Workspace, tmp_path: Path, clock: Callable[[], datetime]) -> str:
    return run_script(ws, CASE, "Ann", write(tmp_path / "s.yaml", SCRIPT), clock=clock)


def test_figures_by_hand(ws: Workspace, played: str) -> None:
    cal = calibration_for(ws, played)
    # trainee 4,2,6,7,6,5 against expert 1,5,3,7,2,5
    # bands: deployed/planned, planned/deployed, embedded/deployed, embedded/embedded,
    # embedded/planned, deployed/deployed -> 2 of 6 agree; |diff| <= 1 on 2 of 6
    # kappa: observed Σd² = 9+9+9+0+16+0 = 43; all pairs: 6·Σx² + 6·Σy² - 2·Σx·Σy
    # = 6·166 + 6·113 - 2·30·23 = 294; 1 - 6·43/294 = 36/294
    assert cal.band_agreement == pytest.approx(2 / 6)
    assert cal.within_one == pytest.approx(2 / 6)
    assert cal.weighted_kappa == pytest.approx(36 / 294)
    assert (cal.questions_asked, cal.probes_used, cal.show_me_used) == (6, 1, 2)


def test_feedback_cites_turns_and_names_what_was_missed(ws: Workspace, played: str) -> None:
    rows = {r.id: r for r in calibration_for(ws, played).criteria}
    pol = rows["POL.1"]
    assert pol.overweighted == (
        'you relied on L1 turn 1: a culture claim ("runs through everything we do") that no '
        "record or staff account supports",
    )
    assert any(m.startswith("you did not probe L1 for what is in place today") for m in pol.missed)
    assert any("(POL.1.q3)" in m and m.startswith("you never asked S1") for m in pol.missed)
    assert pol.found == ("the strategy is an unapproved draft (version 0.3) with no owner",)
    assert rows["PRC.3"].missed == () and len(rows["PRC.3"].found) == 3
    assert rows["PPL.2"].overweighted[0].startswith("you relied on L1 turn 4: a claim that every")
    assert any(
        m.startswith("you never asked S1 to show S1's own training record")
        for m in rows["PPL.2"].missed
    )
    assert rows["POL.3"].overweighted == (
        "you scored 6 without asking anyone about POL.3: a score needs evidence heard or seen",
    )


def test_report_json_shape(ws: Workspace, played: str) -> None:
    doc = calibration_json(calibration_for(ws, played))
    assert doc["case"] == CASE and doc["trainee"] == "Ann"
    first = doc["criteria"][0]
    assert {
        "id",
        "trainee_score",
        "reference_score",
        "trainee_band",
        "reference_band",
        "missed",
    } <= set(first)
    assert {"band_agreement", "within_one", "weighted_kappa"} <= set(doc)


def test_script_errors_name_the_step(ws: Workspace, tmp_path: Path) -> None:
    bad = write(tmp_path / "b.yaml", "asks:\n  - {person: S4, question_id: POL.1.q1}\nscores: {}\n")
    with pytest.raises(InvalidValueError, match=r"asks\[0\]\.person: no one called S4"):
        run_script(ws, CASE, "Ann", bad)
    bad = write(tmp_path / "c.yaml", "asks: []\nscores: {PRC.1: 3}\n")
    with pytest.raises(InvalidValueError, match=r"scores\.PRC\.1: not a criterion of"):
        run_script(ws, CASE, "Ann", bad)
    bad = write(tmp_path / "d.yaml", "asks:\n  - {show: yes}\nscores: {}\n")
    with pytest.raises(InvalidValueError, match=r"asks\[0\]: must be"):
        run_script(ws, CASE, "Ann", bad)
    assert ws.list_assessments() == []


def test_the_reference_stays_hidden_before_submission(ws: Workspace, tmp_path: Path) -> None:
    part = write(tmp_path / "p.yaml", "asks: []\nscores: {POL.1: 3}\n")
    with pytest.raises(InvalidValueError, match="score every criterion first"):
        run_script(ws, CASE, "Ann", part)
    (aid,) = [a.id for a in ws.list_assessments()]
    with pytest.raises(InvalidValueError, match="not submitted yet"):
        calibration_for(ws, aid)
    assert [s.score for s in ws.load(aid).scores] == [3.0]


def test_cohort_spread_outliers_and_icc(ws: Workspace, tmp_path: Path) -> None:
    from assistant.core.practice.agreement import icc_2_1

    scores = {
        "Ann": [1, 5, 3, 7, 2, 5],
        "Ben": [2, 4, 3, 6, 3, 5],
        "Cal": [5, 2, 6, 4, 7, 8],
    }
    crits = ["POL.1", "PRD.2", "POL.3", "PRC.3", "PPL.2", "MEA.4"]
    for name, values in scores.items():
        body = (
            "asks: []\nscores: {"
            + ", ".join(f"{c}: {v}" for c, v in zip(crits, values, strict=True))
            + "}\n"
        )
        run_script(ws, CASE, name, write(tmp_path / f"{name}.yaml", body))
    co = cohort_for(ws, CASE)
    assert [d.trainee for d in co.distances] == ["Cal", "Ben", "Ann"]
    assert co.distances[-1].mean_abs == 0
    pol = co.spreads[0]
    assert (pol.criterion_id, pol.low, pol.high, pol.reference) == ("POL.1", 1, 5, 1)
    rows = [[scores[n][i] for n in ("Ann", "Ben", "Cal")] for i in range(6)]
    assert co.icc == pytest.approx(icc_2_1(rows))


def test_cohort_reads_trainees_copies(ws: Workspace, tmp_path: Path) -> None:
    other = Workspace(tmp_path / "trainee")
    (tmp_path / "trainee").mkdir()
    body = "asks: []\nscores: {POL.1: 1, PRD.2: 5, POL.3: 3, PRC.3: 7, PPL.2: 2, MEA.4: 5}\n"
    theirs = run_script(other, CASE, "Dee", write(tmp_path / "d.yaml", body))
    run_script(ws, CASE, "Eli", write(tmp_path / "e.yaml", body.replace("POL.1: 1", "POL.1: 4")))
    folder = tmp_path / "trainee" / "sessions" / theirs
    for source in (tmp_path / "trainee", folder):
        co = cohort_for(ws, CASE, [source])
        assert [d.trainee for d in co.distances] == ["Eli", "Dee"]
    twice = cohort_for(ws, CASE, [tmp_path / "trainee", folder])
    assert len(twice.distances) == 2
    with pytest.raises(NotFoundError, match="neither a workspace"):
        cohort_for(ws, CASE, [tmp_path / "nowhere"])
