"""Provides FindingsList: the report's findings grouped by kind, marked drafted, edited or own.

It shows the list the core composed (`compose_findings`) and says which finding is selected; the
Report screen does the adding, editing and removing.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from assistant.core.model import Finding

KIND_TITLES = (
    ("strength", "Strengths", "green"),
    ("risk", "Risks", "red"),
    ("opportunity", "Opportunities", "cyan"),
)


def origin(finding: Finding) -> str:
    """Return how a finding came about: drafted, edited (a draft changed) or assessor."""
    if finding.drafted:
        return "edited" if finding.edited else "drafted"
    return "assessor"


class FindingsList(OptionList):
    """Findings by kind; option ids are finding ids, kind headings are disabled."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.findings: dict[str, Finding] = {}

    def show(self, findings: list[Finding]) -> None:
        """Replace the list, keeping the selection on the same finding when it is still there."""
        keep = self.selected()
        self.findings = {f.id: f for f in findings}
        self.clear_options()
        options: list[Option] = []
        for kind, title, style in KIND_TITLES:
            mine = [f for f in findings if f.kind == kind]
            options.append(
                Option(
                    Text(f"{title} ({len(mine)})", style=f"bold {style}"),
                    id=f"kind-{kind}",
                    disabled=True,
                )
            )
            for f in mine:
                flat = " ".join(f.text.split())
                label = Text.assemble(
                    (f"[{origin(f)}] ", "dim"),
                    (
                        ""
                        if not f.criteria or flat.startswith(f.criteria[0])
                        else " ".join(f.criteria) + " ",
                        "bold",
                    ),
                    flat[:140] + ("…" if len(flat) > 140 else ""),
                )
                options.append(Option(label, id=f.id))
        self.add_options(options)
        if keep is not None and keep.id in self.findings:
            self.highlighted = self.get_option_index(keep.id)
        elif findings:
            first = next(i for i, o in enumerate(self.options) if not o.disabled)
            self.highlighted = first

    def selected(self) -> Finding | None:
        """Return the highlighted finding, if any."""
        if self.highlighted is None or not self.options:
            return None
        option = self.get_option_at_index(self.highlighted)
        return self.findings.get(option.id or "")

    def select_id(self, finding_id: str) -> bool:
        """Highlight a finding by id; False when it is not listed."""
        if finding_id not in self.findings:
            return False
        self.highlighted = self.get_option_index(finding_id)
        return True
