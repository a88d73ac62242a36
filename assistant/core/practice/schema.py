"""Provides the JSON Schema of the practice-case format, generated from the model."""

from __future__ import annotations

from typing import Any

from assistant.core.practice.case import PracticeCase


def case_schema() -> dict[str, Any]:
    """Return the JSON Schema of a practice case (committed as practice_cases/case.schema.json)."""
    schema = PracticeCase.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Practice case"
    return schema
