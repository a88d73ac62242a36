"""Provides the review screens' palette entries: Scores, Coverage, Transcripts, Report, criteria.

`REVIEW_MODES` are the app modes the review screens live in. `ReviewCommands` is a palette
provider that offers "Go to criterion …" for every criterion of the open assessment's bank, plus
the exports; `go_to_criterion` and `export_as` are what those entries run.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial

from textual.app import App
from textual.command import DiscoveryHit, Hit, Hits, Provider

from assistant.services.opening import OpenAssessment
from assistant.tui.screens.consensus_screen import ConsensusScreen
from assistant.tui.screens.coverage_screen import CoverageScreen
from assistant.tui.screens.report_export import FORMATS
from assistant.tui.screens.report_screen import ReportScreen
from assistant.tui.screens.review_screen import ReviewTeamScreen
from assistant.tui.screens.scores_screen import ScoresScreen
from assistant.tui.screens.selfassess_screen import SelfAssessmentScreen
from assistant.tui.screens.transcript_screen import TranscriptScreen

REVIEW_MODES = {
    "scores": ScoresScreen,
    "coverage": CoverageScreen,
    "transcripts": TranscriptScreen,
    "report": ReportScreen,
    "review": ReviewTeamScreen,
    "consensus": ConsensusScreen,
    "selfassess": SelfAssessmentScreen,
}
"""Mode name -> review screen class (each reads `app.current` when shown)."""

REVIEW_COMMANDS = (
    (
        "Scores",
        "Suggested and decided scores, rollups, readiness; accept or override",
        "app.switch_mode('scores')",
    ),
    (
        "Coverage matrix",
        "Criteria × interviewees: who spoke to what, gaps, whom to ask next",
        "app.switch_mode('coverage')",
    ),
    (
        "Transcripts",
        "Read and search every interview's turns (lead assessor review)",
        "app.switch_mode('transcripts')",
    ),
    ("Report", "Preview the report, edit findings, export", "app.switch_mode('report')"),
    (
        "Review and sign-off",
        "Reviewer comments, requested changes, sign-off blockers; sign off (lead assessor)",
        "app.switch_mode('review')",
    ),
    (
        "Consensus",
        "Each assessor's score side by side; agree the team's score with a rationale",
        "app.switch_mode('consensus')",
    ),
    (
        "Self-assessment",
        "The organisation's self-scores against the assessment, largest gap first",
        "app.switch_mode('selfassess')",
    ),
)
"""(title, help, action) for the app's palette list."""


def _current(app: App[object]) -> OpenAssessment | None:
    found = getattr(app, "current", None)
    return found if isinstance(found, OpenAssessment) else None


async def go_to_criterion(app: App[object], criterion_id: str) -> None:
    """Show the Scores screen with a criterion selected."""
    await app.switch_mode("scores")
    screen = app.screen
    if isinstance(screen, ScoresScreen):
        screen.show_criterion(criterion_id)


async def export_as(app: App[object], fmt: str) -> None:
    """Show the Report screen and export the report in one format."""
    await app.switch_mode("report")
    screen = app.screen
    if isinstance(screen, ReportScreen):
        screen.action_export(fmt)


class ReviewCommands(Provider):
    """Palette hits for every criterion of the open bank and for each export format."""

    def _entries(self) -> list[tuple[str, str, Callable[[], Awaitable[None]]]]:
        app = self.app
        current = _current(app)
        if current is None:
            return []
        out: list[tuple[str, str, Callable[[], Awaitable[None]]]] = []
        for crit in current.bank.criteria():
            out.append(
                (
                    f"Go to criterion {crit.id} {crit.title}",
                    "Open it on the Scores screen",
                    partial(go_to_criterion, app, crit.id),
                )
            )
        for ext, label in FORMATS.items():
            out.append(
                (
                    f"Export report as {label}",
                    f"Write exports/<assessment-id>.{ext}",
                    partial(export_as, app, ext),
                )
            )
        return out

    async def discover(self) -> Hits:
        for title, help_text, run in self._entries():
            if title.startswith("Export"):
                yield DiscoveryHit(title, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, run in self._entries():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), run, help=help_text)
