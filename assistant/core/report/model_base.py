"""Provides the base every part of the report model shares."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class _M(BaseModel):
    """Base of every part of the report: unknown fields are errors."""

    model_config = ConfigDict(extra="forbid")
