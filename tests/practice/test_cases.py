"""The shipped practice cases: valid against their banks, in the shapes and with the traps the
trainees must meet, and the JSON Schema committed beside them in step with the model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from assistant import paths
from assistant.core.bank.loader import find_bank
from assistant.core.practice.loader import case_files
from assistant.core.practice.schema import case_schema
from assistant.services.practice import list_cases, load_case_file

CASES = paths.practice_cases_dir()


def test_schema_is_in_sync() -> None:
    committed = json.loads((CASES / "case.schema.json").read_text(encoding="utf-8"))
    assert committed == case_schema(), (
        "run: assessor practice schema > practice_cases/case.schema.json"
    )


@pytest.mark.parametrize("path", case_files(CASES), ids=lambda p: p.stem)
def test_each_case_is_valid_and_sized(path: Path) -> None:
    case = load_case_file(path).case
    assert 6 <= len(case.criteria) <= 10
    roles = {p.role for p in case.people}
    assert {"lead", "staff"} <= roles
    for crit in case.criteria:
        assert crit.trap, f"{case.id} {crit.id}: say what the criterion teaches"
        people = crit.people
        assert any(len(a) > 1 for s in people.values() for a in s.answers.values()) or any(
            s.probes for s in people.values()
        ), f"{case.id} {crit.id}: nothing below the surface"


def test_enough_cases_per_bank() -> None:
    cases = [c.case for c in list_cases()]
    banks = [c.bank for c in cases]
    assert banks.count("icxs2019") >= 3 and banks.count("icss") >= 2


def test_the_traps_are_all_there() -> None:
    cases = [c.case for c in list_cases()]
    refs = [(c, crit) for c in cases for crit in c.criteria]
    cautions = [k for _, crit in refs for k in crit.reference.cautions]
    keys = [k for _, crit in refs for k in crit.reference.key_evidence]
    # a lead's claim the staff contradict / a policy staff don't use / KPIs never acted on
    assert sum(1 for k in cautions if k.direction == "over" and k.person.startswith("L")) >= 5
    # a 'we will' standard in force, a modest staff loop: under-weighting cautions
    assert any(k.direction == "under" and "we will" in k.why.lower() for k in cautions)
    assert any(k.direction == "under" and k.person.startswith("S") for k in cautions)
    # evidence only when asked, and sometimes "I'd have to find it"
    assert sum(1 for k in keys if k.show_me) >= 10
    scripts = [s for _, crit in refs for s in crit.people.values() if s.show_me]
    assert any(s.show_me and s.show_me.missing for s in scripts)
    # a mandatory criterion at the lowest band: a certification blocker
    blockers = []
    for case, crit in refs:
        bank = find_bank(case.bank, paths.bank_dirs()).bank
        if bank.criterion(crit.id).mandatory and crit.reference.band == bank.scale.bands[0].id:
            blockers.append((case.id, crit.id))
    assert blockers


def test_the_guide_names_every_practice_command() -> None:
    from assistant.core.practice.replies import COMMANDS

    guide = (Path(__file__).resolve().parents[2] / "docs" / "PRACTICE.md").read_text(
        encoding="utf-8"
    )
    for command in COMMANDS:
        assert f"`/{command.name}" in guide, f"docs/PRACTICE.md does not mention /{command.name}"


def test_every_practice_command_has_its_handler() -> None:
    from assistant.core.practice.chat import HANDLERS
    from assistant.core.practice.replies import COMMANDS

    assert sorted(HANDLERS) == sorted(c.name for c in COMMANDS)
    for name, handler in HANDLERS.items():
        assert handler.__name__ == f"_cmd_{name}"
