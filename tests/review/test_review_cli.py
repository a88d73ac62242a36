"""Tests for `assessor status | consensus | review | signoff` as a team would use them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from review_setup import LEAD, SECOND, score, scored_assessment

from assistant.cli import main
from assistant.core.scoring.rollup import decided_scores
from assistant.services.opening import open_assessment
from assistant.services.review import sign_off
from assistant.store import Workspace


def run(capsys: pytest.CaptureFixture[str], ws: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--workspace", str(ws), *args])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("assessor: ") and "Traceback" not in err
    return lines[0]


@pytest.fixture
def ws(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    root.mkdir()
    return root


def two_copies(ws: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """The lead's copy here; the second assessor scores OPS.4 and LRN.5 in their own copy."""
    aid = scored_assessment(ws)
    theirs = tmp_path / "tom"
    (theirs / "sessions").mkdir(parents=True)
    shutil.copytree(ws / "sessions" / aid, theirs / "sessions" / aid)
    with Workspace(theirs).open(aid, who=SECOND) as s:
        s.set_score(score("OPS.4", SECOND, 7, comment="reviewed every month"))
        s.set_score(score("LRN.5", SECOND, 5))
    code, out, err = run(capsys, ws, "import", str(theirs / "sessions" / aid))
    assert code == 0, err
    assert f"next: assessor consensus {aid}" in out
    return aid


def test_consensus_resolves_two_assessors_scores_with_a_rationale(
    capsys: pytest.CaptureFixture[str], ws: Path, tmp_path: Path
) -> None:
    aid = two_copies(ws, tmp_path, capsys)
    code, out, _ = run(capsys, ws, "consensus", aid)
    assert code == 0
    assert "OPS.4 Service performance measurement (mandatory): median 6, spread 2" in out
    assert "rationale required" in out and "comment: reviewed every month" in out
    assert "LRN.5" not in out  # both scored 5: not disputed

    code, _, err = run(capsys, ws, "consensus", aid, "--set", "OPS.4", "6", "--as", LEAD)
    assert code == 1 and "consensus is not open" in one_line_error(err)
    code, out, _ = run(capsys, ws, "consensus", aid, "--open", "--as", LEAD)
    assert code == 0 and "individual scores are locked" in out
    with Workspace(ws).open(aid, who=SECOND) as s, pytest.raises(Exception, match="locked"):
        s.set_score(score("OPS.4", SECOND, 6))
    code, _, err = run(capsys, ws, "consensus", aid, "--set", "OPS.4", "11", "--rationale", "x")
    assert code == 1 and "a score goes from 0 to 10" in one_line_error(err)
    code, _, err = run(capsys, ws, "consensus", aid, "--set", "OPS.4", "6")
    assert code == 1 and "give a written rationale" in one_line_error(err)
    code, _, err = run(capsys, ws, "consensus", aid, "--close")
    assert code == 1 and "no consensus score yet for OPS.4" in one_line_error(err)
    code, out, err = run(
        capsys, ws, "consensus", aid, "--set", "OPS.4", "6", "--rationale", "monthly, not weekly"
    )
    assert code == 0, err
    code, out, err = run(capsys, ws, "consensus", aid, "--close")
    assert code == 0 and "consensus closed; 23 criteria agreed as scored" in out

    data = Workspace(ws).load(aid)
    assert decided_scores(data)["OPS.4"] == 6
    assert sorted((s.assessor, s.score) for s in data.scores if s.criterion_id == "OPS.4") == [
        (LEAD, 5),
        (SECOND, 7),
    ]
    code, _, _ = run(
        capsys, ws, "report", aid, "--format", "json", "--out", str(tmp_path / "r.json")
    )
    report = json.loads((tmp_path / "r.json").read_text())
    ops = next(c for c in report["criteria"] if c["id"] == "OPS.4")
    assert ops["score"] == 6
    annex = [(r["criterion_id"], r["assessor"], r["score"]) for r in report["individual_scores"]]
    assert ("OPS.4", SECOND, 7) in annex and ("OPS.4", LEAD, 5) in annex
    assert all(cid in ("OPS.4", "LRN.5") for cid, _, _ in annex)


def test_review_requests_changes_answers_and_signs_off_with_a_verified_hash(
    capsys: pytest.CaptureFixture[str], ws: Path, tmp_path: Path
) -> None:
    aid = scored_assessment(ws)
    with Workspace(ws).open(aid, who=LEAD) as s:
        s.set_score(score("LRN.5", LEAD, 3, suggested=2))
    code, _, err = run(capsys, ws, "status", aid, "in-review", "--as", LEAD)
    assert code == 1 and "say why" in one_line_error(err)
    code, out, _ = run(capsys, ws, "status", aid, "in-review", "--why", "ready", "--as", LEAD)
    assert code == 0 and "in progress -> in review" in out

    code, out, err = run(
        capsys, ws, "review", aid, "--on", "score:LRN.5", "--request-changes",
        "The override crosses the line; show the delegation limits", "--as", "Pat",
    )  # fmt: skip
    assert code == 0, err
    comment_id = out.split(":")[0]
    assert f"{aid} is in progress" in out
    code, _, err = run(capsys, ws, "review", aid, "--on", "turn:iv-gone/3", "--comment", "x")
    assert code == 1 and "no interview 'iv-gone'" in one_line_error(err)

    code, out, err = run(capsys, ws, "signoff", aid, "--as", LEAD)
    assert code == 1
    blockers = [line for line in err.splitlines() if line.startswith("  - ")]
    assert len(blockers) == 2, err
    assert any("changes requested" in line for line in blockers)
    assert any("not marked reviewed" in line for line in blockers)

    code, out, _ = run(capsys, ws, "review", aid, "--reply", comment_id, "Limits seen: 50 GBP")
    assert code == 0 and "answered" in out
    run(capsys, ws, "review", aid, "--resolve", comment_id, "verified", "--as", "Pat")
    code, out, _ = run(capsys, ws, "review", aid, "--reviewed", "LRN.5", "--as", "Pat")
    assert code == 0 and "marked reviewed by Pat" in out
    code, _, err = run(capsys, ws, "signoff", aid, "--as", SECOND)
    assert code == 1 and f"only the lead assessor ({LEAD})" in one_line_error(err)
    code, out, err = run(capsys, ws, "signoff", aid, "--as", LEAD)
    assert code == 0, err
    digest = out.split("content sha256 ")[1].split()[0]
    code, _, err = run(capsys, ws, "signoff", aid, "--as", LEAD)
    assert code == 1 and "already signed off" in one_line_error(err)
    code, out, _ = run(capsys, ws, "check", aid)
    assert code == 0 and f"content sha256 {digest} verified" in out
    code, out, _ = run(capsys, ws, "status", aid)
    assert "in review -> signed off" not in out  # signed off from in progress after changes
    assert f"{LEAD}: in progress -> signed off (signed off)" in out
    assert "Pat: in review -> in progress (changes requested on score LRN.5" in out

    out_json = tmp_path / "r.json"
    run(capsys, ws, "report", aid, "--format", "json", "--out", str(out_json))
    cover = json.loads(out_json.read_text())["cover"]
    assert cover["status"] == "signed-off" and cover["draft"] is False
    assert cover["sign_off"]["by"] == LEAD and cover["sign_off"]["content_sha256"] == digest
    html = tmp_path / "r.html"
    run(capsys, ws, "report", aid, "--format", "html", "--out", str(html))
    assert "DRAFT - not signed off" not in html.read_text() and digest in html.read_text()


def test_a_later_change_lifts_the_sign_off_and_tampering_fails_check(
    capsys: pytest.CaptureFixture[str], ws: Path, tmp_path: Path
) -> None:
    aid = scored_assessment(ws)
    assert run(capsys, ws, "signoff", aid, "--as", LEAD)[0] == 0
    folder = ws / "sessions" / aid
    saved = (folder / "assessment.json").read_text()
    doc = json.loads(saved)
    first = next(iter(doc["scores"]))
    doc["scores"][first]["score"] = 9
    (folder / "assessment.json").write_text(json.dumps(doc))
    code, out, _ = run(capsys, ws, "check", aid)
    assert code == 1 and "changed outside the app since sign-off" in out
    (folder / "assessment.json").write_text(saved)
    with Workspace(ws).open(aid, who=LEAD) as s:
        turn = s.data.turns[0]
        s.edit_turn(turn.key, tags=["fact"], why="tagged")
        assert s.data.assessment.status == "in-progress"
        signed = s.data.assessment.sign_off
        assert signed is not None and not signed.active and "edit turn" in signed.lifted_why
        assert any(e.field == "sign_off" for e in s.audit_log())
    code, out, _ = run(capsys, ws, "check", aid)
    assert code == 0 and "was lifted" in out
    md = tmp_path / "r.md"
    run(capsys, ws, "report", aid, "--format", "md", "--out", str(md))
    assert "**DRAFT - not signed off.** Signed off by Amy Reyes" in md.read_text()
    assert "the sign-off was lifted" in md.read_text()


def test_read_only_locked_and_unsigned_reports_are_clear(
    capsys: pytest.CaptureFixture[str], ws: Path, tmp_path: Path
) -> None:
    aid = scored_assessment(ws)
    oa = open_assessment(Workspace(ws), aid, read_only=True, who=LEAD)
    with oa.session, pytest.raises(Exception, match="open read-only; cannot sign off"):
        sign_off(oa)
    with Workspace(ws).open(aid, who="Pat"):
        code, _, err = run(capsys, ws, "review", aid, "--comment", "hello", "--as", "Kim")
        assert code == 1 and "assessor: " in one_line_error(err)
    assert Workspace(ws).load(aid).comments == []
    html = tmp_path / "r.html"
    run(capsys, ws, "report", aid, "--format", "html", "--out", str(html))
    text = html.read_text()
    assert '@top-center { content: "DRAFT";' in text
    assert '@bottom-center { content: "DRAFT - not signed off";' in text
    assert 'class="draft-banner"' in text
    code, out, _ = run(capsys, ws, "show", aid)
    assert "Sign-off: not signed off" in out and "Review comments: 0 open" in out


def test_turn_marks_tell_an_edited_answer_from_a_retagged_one(ws: Path) -> None:
    aid = scored_assessment(ws)
    with Workspace(ws).open(aid, who=LEAD) as s:
        iv = s.data.interviews[0].id
        s.record_turn(iv, answer="Second answer")
        first, second = s.data.turns
        assert first.change_kind == ""
        assert s.edit_turn(first.key, tags=["fact"]).change_kind == "tagged"
        assert s.edit_turn(second.key, answer="Corrected answer").change_kind == "edited"
    from assistant.services.transcripts import change_mark

    data = Workspace(ws).load(aid)
    assert change_mark(data.turns[0])[0] == "#"
    assert "audit log" in change_mark(data.turns[1])[1]


def test_review_records_take_the_workspace_clock_and_ids(ws: Path) -> None:
    from datetime import UTC, datetime

    from assistant.core.model import Stamps, counting_token
    from assistant.services.review import add_comment, answer_comment

    aid = scored_assessment(ws)
    at = datetime(2030, 1, 2, 3, 4, tzinfo=UTC)
    fixed = Workspace(ws, stamps=Stamps(clock=lambda: at, token=counting_token(7)))
    oa = open_assessment(fixed, aid, who=LEAD)
    with oa.session:
        comment = add_comment(oa, "OPS.4", "Why 5?")
        assert comment.id == "rc-00000007" and comment.at == at
        assert answer_comment(oa, comment.id, "Survey seen").replies[0].at == at
        assert answer_comment(oa, comment.id, "Done", resolve=True).status == "resolved"
        signed = sign_off(oa)
        assert signed.at == at
        oa.session.edit_turn(oa.data.turns[0].key, answer="Changed", why="typo")
        lifted = oa.data.assessment.sign_off
        assert lifted is not None and lifted.lifted_at == at
        assert [e.at for e in oa.session.audit_log() if e.field == "sign_off"][-1] == at
