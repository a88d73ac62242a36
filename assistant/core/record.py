"""Provides what every domain record shares: the `Record` base, the clock (`now`) and id
source (`new_id`), and `Stamps`, which a workspace passes in so tests get fixed ones.
"""

from __future__ import annotations

import itertools
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from assistant.core.terms import (
    ASSESSMENT_TYPES as ASSESSMENT_TYPES,
)
from assistant.core.terms import (
    EVIDENCE_TYPES as EVIDENCE_TYPES,
)
from assistant.core.terms import (
    ROLE_LABEL as ROLE_LABEL,
)
from assistant.core.terms import (
    ROLE_PREFIX as ROLE_PREFIX,
)
from assistant.core.terms import (
    TAGS as TAGS,
)
from assistant.core.terms import (
    AssessmentStatus as AssessmentStatus,
)
from assistant.core.terms import (
    AssessmentType as AssessmentType,
)
from assistant.core.terms import (
    EvidenceType as EvidenceType,
)
from assistant.core.terms import (
    FindingKind as FindingKind,
)
from assistant.core.terms import (
    OpenItemKind as OpenItemKind,
)
from assistant.core.terms import (
    RoleType as RoleType,
)
from assistant.core.terms import (
    Tag as Tag,
)
from assistant.core.terms import (
    TurnKind as TurnKind,
)


def now() -> datetime:
    """Return the current time in UTC, to the second (what every record is stamped with)."""
    return datetime.now(UTC).replace(microsecond=0)


def new_id(prefix: str) -> str:
    """Return a short random id such as ``iv-3f9a1c2b``, unique across machines in practice."""
    return f"{prefix}-{secrets.token_hex(4)}"


Clock = Callable[[], datetime]
"""Where times come from: `now` in use, a fixed or stepping clock in tests."""

Token = Callable[[int], str]
"""Where random hex comes from (`secrets.token_hex`): `token(n)` gives 2n hex digits."""


@dataclass(frozen=True)
class Stamps:
    """The clock and random-id source that new records are stamped with.

    The store builds every record through `fill`, so a workspace made with fixed stamps
    writes the same ids and times on any date; the defaults are the system clock and
    `secrets.token_hex`.
    """

    clock: Clock = now
    token: Token = secrets.token_hex

    def new_id(self, prefix: str) -> str:
        """A short id such as ``iv-3f9a1c2b`` from this source."""
        return f"{prefix}-{self.token(4)}"

    def fill(self, model: type[BaseModel], values: dict[str, Any]) -> dict[str, Any]:
        """Return `values` with the model's unset id and time stamps taken from this source."""
        out = dict(values)
        prefix = getattr(model, "id_prefix", None)
        for name, info in model.model_fields.items():
            if name in out:
                continue
            if info.default_factory is now:
                out[name] = self.clock()
            elif name == "id" and prefix is not None:
                out[name] = self.new_id(prefix)
        return out


def counting_token(start: int = 1) -> Token:
    """A token source that counts (``00000001``, ``00000002``...): fixed ids for tests and demos."""
    counter = itertools.count(start)
    return lambda n: f"{next(counter):0{2 * n}x}"


class Record(BaseModel):
    """Base for domain values: unknown keys are errors so that nothing is dropped silently."""

    model_config = ConfigDict(extra="forbid")
    id_prefix: ClassVar[str | None] = None
    """The prefix of the kind's random id (``iv-3f9a1c2b``), for kinds that have one."""
