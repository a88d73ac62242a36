"""Search across the workspace: stemming, accents, filters, freshness, hostile queries."""

from __future__ import annotations

import json
import logging
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from assistant import paths
from assistant.cli import main
from assistant.core.bank.loader import find_bank
from assistant.core.model import Stamps, counting_token
from assistant.store.search import SearchIndex, fold, query_words
from assistant.store.workspace import Workspace

STAMPS = Stamps(clock=lambda: datetime(2026, 3, 2, 10, tzinfo=UTC), token=counting_token())


def make(ws: Workspace, org: str, answers: list[tuple[str, str, list[str]]]) -> str:
    """An assessment with one interview per role: (role, answer, criteria) in order."""
    bank = find_bank("icss", paths.bank_dirs(ws.root))
    aid = ws.create_assessment(organisation=org, type="certification", bank=bank)
    with ws.open(aid) as s:
        interviews: dict[str, str] = {}
        for role, answer, criteria in answers:
            if role not in interviews:
                person = s.add_interviewee(role)  # type: ignore[arg-type]
                interviews[role] = s.start_interview([person.id]).id
            s.record_turn(interviews[role], answer=answer, criteria=criteria)
    return aid


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    root = tmp_path / "ws"
    root.mkdir()
    w = Workspace(root, stamps=STAMPS)
    make(
        w,
        "Harbour City",
        [
            ("lead", "Complaints are logged in the CRM and reviewed monthly.", ["OPS.2"]),
            ("staff", "I meet customers at the Café counter every morning.", ["SVC.1"]),
            ("staff", "Nobody checks the complaint log, as far as I know.", ["OPS.2"]),
        ],
    )
    make(w, "Northside Water", [("lead", "We log each complaint and call back.", ["OPS.2"])])
    return w


def test_stems_and_accents(ws: Workspace) -> None:
    index = SearchIndex(ws)
    hits = index.search("complaint")
    assert len(hits) == 3
    assert {h.organisation for h in hits} == {"Harbour City", "Northside Water"}
    cafe = index.search("cafe")
    assert [h.code for h in cafe] == ["S1"] and "[Café]" in cafe[0].snippet
    assert fold("Café ÉTÉ") == "cafe ete"


def test_filters_narrow_the_hits(ws: Workspace) -> None:
    index = SearchIndex(ws)
    assert {h.role for h in index.search("complaint", role="staff")} == {"staff"}
    assert index.search("complaint", criterion="SVC.1") == []
    assert len(index.search("complaint", criterion="OPS.2")) == 3
    only = ws.ids()[0]
    assert {h.assessment_id for h in index.search("complaint", assessment=only)} == {only}


def test_count_is_how_many_an_unlimited_search_finds(ws: Workspace) -> None:
    index = SearchIndex(ws)
    every = index.search("complaint", limit=1000)
    assert len(every) > 2
    assert index.count("complaint") == len(every)
    assert len(index.search("complaint", limit=2)) == 2  # the limit cuts, the count does not
    assert index.count("complaint", role="lead") == len(index.search("complaint", role="lead"))
    assert index.count("complaint", criterion="SVC.1") == 0
    assert index.count("?!") == 0  # no words: nothing counted, never an error


def test_every_word_must_match_and_best_comes_first(ws: Workspace) -> None:
    index = SearchIndex(ws)
    assert [h.code for h in index.search("complaint crm")] == ["L1"]
    assert [h.n for h in index.search("nobody complaints")] == [2]
    hits = index.search("complaint log")  # "logged" and "log" share a stem
    assert len(hits) == 3 and hits == sorted(hits, key=lambda h: h.rank)


@pytest.mark.parametrize(
    "query",
    ['"', "NEAR(complaint", "complaint*", "AND OR NOT", "col:val", "^x", "-complaint", "'; drop"],
)
def test_fts_syntax_is_plain_text(ws: Workspace, query: str) -> None:
    hits = SearchIndex(ws).search(query)  # never an error
    assert isinstance(hits, list)


def test_punctuation_and_huge_queries(ws: Workspace) -> None:
    index = SearchIndex(ws)
    assert query_words("!!! ... ???") == []
    assert index.search("!!! ... ???") == []
    long = "complaint " + "word " * 3000  # about 15 kB
    assert len(query_words(long)) == 32
    assert index.search(long) == []  # every word must match


def test_saved_answers_and_copied_folders_are_found_next_time(
    ws: Workspace, tmp_path: Path
) -> None:
    index = SearchIndex(ws)
    assert index.search("escalation") == []
    aid = ws.ids()[0]
    with ws.open(aid) as s:
        iv = s.data.interviews[0].id
        s.record_turn(iv, answer="Escalation goes to the duty manager.", criteria=["OPS.3"])
    assert [h.assessment_id for h in index.search("escalation")] == [aid]

    other = tmp_path / "other"
    other.mkdir()
    theirs = make(
        Workspace(other, stamps=Stamps(token=counting_token(500))),
        "Copied In",
        [("lead", "Our escalation matrix is on the wall.", ["OPS.3"])],
    )
    shutil.copytree(other / "sessions" / theirs, ws.sessions / theirs)
    assert {h.organisation for h in index.search("escalation")} == {"Harbour City", "Copied In"}
    shutil.rmtree(ws.sessions / theirs)
    assert {h.organisation for h in index.search("escalation")} == {"Harbour City"}


def test_a_corrupt_index_is_rebuilt_with_a_log_line(
    ws: Workspace, caplog: pytest.LogCaptureFixture
) -> None:
    index = SearchIndex(ws)
    assert len(index.search("complaint")) == 3
    index.path.write_bytes(b"this is not a database" * 100)
    with caplog.at_level(logging.WARNING):
        assert len(index.search("complaint")) == 3
    assert "rebuilding" in caplog.text


def test_cli_search_prints_ranked_lines_and_json(
    ws: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["search", "cafe", "--workspace", str(ws.root)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and " S1 turn 1 [SVC.1]: " in out[0] and "[Café]" in out[0]
    assert (
        main(["search", "complaint", "--json", "--role", "lead", "--workspace", str(ws.root)]) == 0
    )
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(rows) == 2 and {r["role"] for r in rows} == {"lead"}
    assert main(["search", "complaint", "--limit", "1", "--workspace", str(ws.root)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    total = SearchIndex(ws).count("complaint")
    assert len(out) == 2 and out[1] == (
        f"(the best 1 of {total} matching answers; --limit N for more)"
    )
    assert main(["search", "zebra", "--workspace", str(ws.root)]) == 1
    assert "no answers match" in capsys.readouterr().out
