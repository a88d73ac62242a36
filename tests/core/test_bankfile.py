"""Tests for reading and validating bank files: the bundled banks, and one broken file per rule."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.core.bank.loader import BankError, find_bank, parse_bank, read_bank
from assistant.core.errors import NotFoundError

ROOT = Path(__file__).resolve().parents[2]

MINIMAL = """\
id: mini
title: Mini bank
standard: TEST
edition: "1"
version: "1.0"
licence_note: Test bank in our own words.
scale:
  id: three-i
  min: 0
  max: 10
  bands:
    - {id: intention, label: Intention, min: 0, max: 2, signal: plan, descriptor: Plans only.}
    - {id: implementation, label: Implementation, min: 3, max: 5, signal: practice, descriptor: In place.}
    - {id: integration, label: Integration, min: 6, max: 10, signal: improvement, descriptor: Embedded.}
aggregation: {method: weighted_mean, description: Weighted mean.}
certification: {mandatory_min_band: implementation, description: Mandatory at Implementation.}
corroboration: {default_cap: intention}
probe_blocks:
  - id: ladder
    probes:
      - {gap: no_example, text: Tell me about the last time.}
groups:
  - id: G1
    title: Group one
    guiding_question: How?
    criteria:
      - id: C1
        title: Criterion one
        statement: Must show something.
        mandatory: true
        descriptors: {intention: Planned., implementation: Done., integration: Embedded.}
        typical_evidence: [A log]
        questions:
          - id: C1.q1
            text: Walk me through it.
            audience: lead
            probes_band: implementation
            probes:
              - ref: ladder
              - {gap: no_measure, text: "How do you know it works?"}
            show_me: [The log]
"""


def mutate(edit) -> str:  # type: ignore[no-untyped-def]
    data = yaml.safe_load(MINIMAL)
    edit(data)
    return yaml.safe_dump(data, sort_keys=False)


def problems(text: str) -> list[str]:
    with pytest.raises(BankError) as info:
        parse_bank(text, "x.yaml")
    return info.value.problems


def q(data):  # type: ignore[no-untyped-def]
    return data["groups"][0]["criteria"][0]["questions"][0]


def test_minimal_bank_is_valid() -> None:
    bank = parse_bank(MINIMAL, "mini.yaml")
    assert bank.criterion("C1").mandatory
    assert [p.gap for p in bank.probes_for(bank.criteria()[0].questions[0])] == [
        "no_example",
        "no_measure",
    ]
    assert bank.scale.band_for(2.5).id == "intention"
    assert bank.scale.band_for(6).id == "integration"


@pytest.mark.parametrize("name", ["icss", "icxs2019"])
def test_bundled_banks_load_and_validate(name: str) -> None:
    path = ROOT / "question_banks" / f"{name}.yaml"
    if not path.exists():
        pytest.fail(f"bundled bank {path} is missing")
    loaded = read_bank(path)
    assert loaded.bank.id == name
    assert len(loaded.digest) == 64


def test_icss_has_the_public_structure() -> None:
    bank = read_bank(ROOT / "question_banks" / "icss.yaml").bank
    assert [g.title for g in bank.groups] == [
        "Service",
        "Financial / Governance",
        "Operational",
        "Learning and Growth",
    ]
    assert all(len(g.criteria) == 6 for g in bank.groups)
    assert 10 <= sum(c.mandatory for c in bank.criteria()) <= 14
    for crit in bank.criteria():
        audiences = {qq.audience for qq in crit.questions}
        assert len(crit.questions) >= 4, crit.id
        assert {"lead", "staff"} <= audiences, crit.id
        assert {qq.probes_band for qq in crit.questions} == {
            "intention",
            "implementation",
            "integration",
        }, crit.id
        assert sum(len(qq.show_me) for qq in crit.questions) >= 1, crit.id


def test_icxs_has_seven_sections_and_a_configurable_scale() -> None:
    bank = read_bank(ROOT / "question_banks" / "icxs2019.yaml").bank
    assert [g.id for g in bank.groups] == ["POL", "PRD", "PLC", "PRC", "PPL", "MEA", "RES"]
    assert all(3 <= len(g.criteria) <= 5 for g in bank.groups)
    assert bank.scale.configurable
    assert bank.cycle.min_months_between_certifications == 6
    assert bank.cycle.certifies("certification") and not bank.cycle.certifies("gap-analysis")


BROKEN = {
    "wrong audience": (
        lambda d: q(d).update(audience="manager"),
        "groups[0].criteria[0].questions[0].audience: must be one of lead, stakeholder, staff, any",
    ),
    "wrong type": (
        lambda d: d["groups"][0]["criteria"][0].update(mandatory="often"),
        "mandatory: must be true or false",
    ),
    "missing field": (
        lambda d: d["groups"][0]["criteria"][0].pop("statement"),
        "statement: required field missing",
    ),
    "unknown key": (lambda d: q(d).update(colour="red"), "colour: unknown key"),
    "empty text": (lambda d: q(d).update(text="   "), "questions[0].text: must not be empty"),
    "bad gap": (lambda d: q(d)["probes"][1].update(gap="vague"), "gap: must be one of no_example"),
    "dangling ref": (
        lambda d: q(d)["probes"][0].update(ref="nowhere"),
        "probe block 'nowhere', which does not exist",
    ),
    "unknown band in question": (
        lambda d: q(d).update(probes_band="excellence"),
        "probes_band: unknown band 'excellence'",
    ),
    "missing descriptor": (
        lambda d: d["groups"][0]["criteria"][0]["descriptors"].pop("integration"),
        "no descriptor for band 'integration'",
    ),
    "band gap": (
        lambda d: d["scale"]["bands"][1].update(min=4),
        "gap: starts at 4 but band 'intention' ends at 2",
    ),
    "band overlap": (
        lambda d: d["scale"]["bands"][2].update(min=5),
        "overlap: starts at 5, inside band 'implementation'",
    ),
    "scale not covered": (
        lambda d: d["scale"]["bands"][2].update(max=9),
        "gap: the scale ends at 10 but the last band at 9",
    ),
    "duplicate question id": (
        lambda d: d["groups"][0]["criteria"][0]["questions"].append(dict(q(d))),
        "duplicate id 'C1.q1'",
    ),
    "duplicate criterion id": (
        lambda d: d["groups"][0]["criteria"].append(
            dict(d["groups"][0]["criteria"][0], questions=[dict(q(d), id="C1.q9")])
        ),
        "duplicate id 'C1'",
    ),
    "unknown certification band": (
        lambda d: d["certification"].update(mandatory_min_band="gold"),
        "certification.mandatory_min_band: unknown band 'gold'",
    ),
    "bad id characters": (
        lambda d: d["groups"][0].update(id="G 1"),
        "groups[0].id: must use only letters",
    ),
    "no criteria": (
        lambda d: d["groups"][0].update(criteria=[]),
        "criteria: must have at least 1 item",
    ),
    "missing signal": (
        lambda d: d["scale"]["bands"][2].update(signal="practice"),
        "no band has signal 'improvement'",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_rule_reports_file_and_path(case: str) -> None:
    edit, expected = BROKEN[case]
    found = problems(mutate(edit))
    assert all(line.startswith("x.yaml") for line in found), found
    assert any(expected in line for line in found), f"{expected!r} not in {found}"


def test_problem_lines_carry_the_yaml_line_number() -> None:
    text = MINIMAL.replace("audience: lead", "audience: boss")
    (line,) = problems(text)
    expected_line = text.splitlines().index("            audience: boss") + 1
    assert line.endswith(f"(line {expected_line})"), line


def test_yaml_syntax_error_names_the_line() -> None:
    text = MINIMAL.replace("title: Mini bank", "title: [unclosed")
    (line,) = problems(text)
    assert line.startswith("x.yaml:") and "YAML syntax error" in line


def test_duplicate_keys_are_not_dropped_silently() -> None:
    text = MINIMAL.replace('version: "1.0"\n', 'version: "1.0"\nversion: "2.0"\n')
    (line,) = problems(text)
    assert "duplicate key 'version'" in line and line.startswith("x.yaml:6")


def test_every_problem_is_reported_not_just_the_first() -> None:
    def two(d):  # type: ignore[no-untyped-def]
        q(d).update(audience="boss")
        d["groups"][0]["criteria"][0].pop("title")

    assert len(problems(mutate(two))) == 2


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "the file is empty"),
        (b"- just\n- a list\n", "not a mapping"),
        (b"\x00\x01\x02binary", "not a text file"),
        (b"id: \xff\xfe bad", "not UTF-8"),
    ],
)
def test_unusable_files_get_one_line(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    with pytest.raises(BankError) as info:
        read_bank(path)
    assert expected in str(info.value)
    assert "bad.yaml" in str(info.value)


def test_huge_file_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(BankError, match="50 MB; banks may be at most 5 MB"):
        read_bank(path)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(BankError, match="no such file"):
        read_bank(tmp_path / "nope.yaml")
    with pytest.raises(BankError, match="is a folder"):
        read_bank(tmp_path)


def test_find_bank_by_id_and_unknown_id(tmp_path: Path) -> None:
    (tmp_path / "mini.yaml").write_text(MINIMAL)
    assert find_bank("mini", [tmp_path]).bank.title == "Mini bank"
    with pytest.raises(NotFoundError, match="no bank with id 'zzz' \\(known: mini\\)"):
        find_bank("zzz", [tmp_path])


def test_both_bundled_banks_name_their_bands_by_the_3i_model() -> None:
    """The app promises 3-I scores; the ICXS2019 stand-in scale uses the 3-I names (as data)."""
    for name in ("icss", "icxs2019"):
        bank = read_bank(ROOT / "question_banks" / f"{name}.yaml").bank
        labels = [(b.label, b.min, b.max) for b in bank.scale.bands]
        assert labels == [("Intention", 0, 2), ("Implementation", 3, 5), ("Integration", 6, 10)]
    icxs = read_bank(ROOT / "question_banks" / "icxs2019.yaml").bank
    assert icxs.scale.configurable and "licensed" in icxs.scale.note
