"""The committed JSON Schema matches the bank model, so editors validate what the app validates."""

from __future__ import annotations

import json
from pathlib import Path

from assistant.cli.banks import schema_json

ROOT = Path(__file__).resolve().parents[2]


def test_committed_schema_is_current() -> None:
    committed = (ROOT / "question_banks" / "bank.schema.json").read_text(encoding="utf-8")
    assert committed == schema_json(), (
        "question_banks/bank.schema.json is stale: run `assessor banks schema > "
        "question_banks/bank.schema.json`"
    )


def test_schema_forbids_unknown_keys_and_names_audiences() -> None:
    schema = json.loads(schema_json())
    question = schema["$defs"]["Question"]
    assert question["additionalProperties"] is False
    assert question["properties"]["audience"]["enum"] == ["lead", "stakeholder", "staff", "any"]
