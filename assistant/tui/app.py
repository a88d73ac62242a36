"""Provides AssessorApp and `create_app`, the factory the CLI and the tests share.

The app only composes: its modes (`MODES`), its global keys, its palette commands
(`PALETTE_COMMANDS`, `PALETTE_PROVIDERS`) and its two themes. Each screen owns its behaviour.
The assessment open now is `app.current` (an `OpenAssessment`, or None); review screens read
it when they are shown.

To add a screen: put it in `MODES` (mode name -> screen class, or a callable that imports and
builds it, so start-up does not pay for it) and, if it deserves one, a `PaletteCommand`; its CSS
goes in its own block at the end of app.tcss.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import Provider
from textual.screen import Screen

from assistant.tui import state, themes
from assistant.tui.screens.home_screen import HomeScreen

if TYPE_CHECKING:
    from assistant.core.model import Stamps
    from assistant.services.opening import OpenAssessment
    from assistant.store.workspace import Workspace


@dataclass(frozen=True)
class PaletteCommand:
    """An entry of the command palette: runs `action` (an action string) when chosen."""

    title: str
    help: str
    action: str
    needs_assessment: bool = False


PALETTE_COMMANDS: list[PaletteCommand] = [
    PaletteCommand(
        "New assessment", "Create an assessment in this workspace", "app.new_assessment"
    ),
    PaletteCommand("Assessments", "Go to the list of assessments (home)", "app.go_home"),
    PaletteCommand(
        "Search all assessments",
        "Find answers across every assessment in the workspace; Enter opens the turn",
        "app.search",
    ),
    PaletteCommand(
        "Start interview",
        "Set up and start an interview in the open assessment",
        "app.start_interview",
        needs_assessment=True,
    ),
    PaletteCommand(
        "Export report",
        "Preview the report and export it (Report screen)",
        "app.switch_mode('report')",
        needs_assessment=True,
    ),
    PaletteCommand(
        "Toggle light/dark theme", "Switch between the light and dark themes", "app.toggle_theme"
    ),
]
"""The app's own palette commands (Textual adds Theme, Keys, Screenshot and Quit)."""

REVIEW_MODE_NAMES = (
    "scores",
    "coverage",
    "transcripts",
    "report",
    "review",
    "consensus",
    "selfassess",
)
"""The review screens' modes (their table is `review_commands.REVIEW_MODES`, imported on use)."""


def _review_screen(name: str) -> Callable[[], Screen[Any]]:
    def build() -> Screen[Any]:
        from assistant.tui.screens.review_commands import REVIEW_MODES

        return REVIEW_MODES[name]()  # type: ignore[no-any-return]

    return build


def _review_commands() -> list[PaletteCommand]:
    from assistant.tui.screens.review_commands import REVIEW_COMMANDS

    return [
        PaletteCommand(title, help_text, action, needs_assessment=True)
        for title, help_text, action in REVIEW_COMMANDS
    ]


def _review_provider() -> type[Provider]:
    from assistant.tui.screens.review_commands import ReviewCommands

    return ReviewCommands


MODES: dict[str, str | Callable[[], Screen[Any]]] = {
    "home": HomeScreen,
    **{name: _review_screen(name) for name in REVIEW_MODE_NAMES},
}
"""Screens reachable with `app.switch_mode(name)`; "home" holds assessments → setup →
interview as a stack, so switching back to it returns to a running interview."""

PALETTE_PROVIDERS: set[type[Provider] | Callable[[], type[Provider]]] = {_review_provider}
"""Palette providers beyond Textual's system commands (callables are imported when used)."""


class AssessorApp(App[None]):
    """The assessor's interview assistant."""

    TITLE = "Assessor"
    CSS_PATH = "app.tcss"
    MODES: ClassVar = MODES
    DEFAULT_MODE = "home"
    COMMANDS: ClassVar = App.COMMANDS | PALETTE_PROVIDERS
    BINDINGS: ClassVar = [
        Binding(
            "f1",
            "help",
            "Help",
            id="app.help",
            tooltip="List every key of this screen and the / commands",
        ),
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            priority=True,
            show=False,
            id="app.quit",
            tooltip="Quit; everything is already saved",
        ),
        Binding(
            "ctrl+a",
            "select_all_in_field",
            "Select all",
            priority=True,
            show=False,
            id="app.select-all",
            tooltip="Select all the text of a form field (the answer box keeps its own keys)",
        ),
    ]

    def __init__(
        self,
        workspace: Path,
        *,
        clock: state.Clock = state.default_clock,
        stamps: Stamps | None = None,
        who: str = "",
        dark: bool = True,
        practice: str | None = None,
    ) -> None:
        super().__init__()
        self.root = workspace
        self.practice = practice
        """A practice assessment to open at start (`assessor practice start`)."""
        self._workspace: Workspace | None = None
        self._stamps = stamps
        self.clock = stamps.clock if stamps is not None else clock
        self.who = who
        self.current: OpenAssessment | None = None
        for theme in themes.THEMES:
            self.register_theme(theme)
        # set_reactive: the theme's watcher runs once at start-up anyway (Textual calls it on
        # mount); assigning here would parse the whole stylesheet a second time.
        self.set_reactive(AssessorApp.theme, themes.DARK if dark else themes.LIGHT)

        self.sub_title = state.workspace_label(workspace)

    @property
    def workspace(self) -> Workspace:
        """The workspace (the store is imported on first use, off the start-up path)."""
        if self._workspace is None:
            from assistant.core.model import Stamps
            from assistant.store.workspace import Workspace

            stamps = self._stamps or Stamps(clock=self.clock)
            self._workspace = Workspace(self.root, stamps=stamps)
        return self._workspace

    # ------------------------------------------------------------ the open assessment

    def open_assessment(self, assessment_id: str, *, read_only: bool = False) -> OpenAssessment:
        """Close what is open, then open an assessment (raises AssessorError on failure)."""
        self.close_assessment()
        self.current = state.open_assessment(
            self.workspace, assessment_id, read_only=read_only, who=self.who
        )
        # What was just read lives until the assessment is closed: moved out of the collector's
        # sight, a full collection no longer walks every turn and pauses the screen for it
        # (up to 130 ms with 1,200 turns on a slow machine; docs/BENCHMARKS.md).
        gc.freeze()
        return self.current

    def load_screens_css(self) -> None:
        """Add the other screens' rules to the stylesheet (once), while the home screen waits
        for a key: start-up parses only the home screen's (docs/BENCHMARKS.md). A screen pushed
        before this loads them itself (its CSS_PATH)."""
        from assistant.tui.screens import SCREENS_CSS

        if not self.stylesheet.has_source(SCREENS_CSS, ""):
            self.stylesheet.read(SCREENS_CSS)
            self.stylesheet.reparse()
            self.stylesheet.update(self)

    def close_assessment(self) -> None:
        """Release the open assessment's lock."""
        if self.current is not None:
            self.current.session.close()
            self.current = None
            gc.unfreeze()  # what the closed assessment held can be collected again

    def on_mount(self) -> None:
        if self.practice:
            from assistant.tui.screens.practice_screen import PracticeScreen

            self.push_screen(PracticeScreen(self.practice))

    def on_unmount(self) -> None:
        self.close_assessment()

    async def action_quit(self) -> None:
        """Quit, but ask first when an answer box still holds text that was not sent."""
        stacks = self._screen_stacks.values()  # every mode: an interview may be underneath
        unsent = [s for stack in stacks for s in stack if getattr(s, "unsent_text", "")]
        if not unsent:
            self.exit()
            return
        from assistant.tui.screens.confirm_modal import ConfirmModal

        def answer(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit()

        question = (
            "The answer box holds text that has not been sent, so it is not saved.\n\n"
            "Quit anyway and lose it?"
        )
        self.push_screen(ConfirmModal(question, yes="Quit and lose it", no="Go back"), answer)

    # ------------------------------------------------------------ palette and keys

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for cmd in [*PALETTE_COMMANDS, *_review_commands()]:
            if cmd.needs_assessment and self.current is None:
                continue
            yield SystemCommand(cmd.title, cmd.help, _runner(self, cmd.action))

    def action_select_all_in_field(self) -> None:
        """Select all of a one-line field's text, as ctrl+a does in most programs."""
        from textual.actions import SkipAction
        from textual.widgets import Input

        if not isinstance(self.focused, Input):
            raise SkipAction()
        self.focused.select_all()

    def action_help(self) -> None:
        """Show every key of the screen below and the / commands."""
        from assistant.tui.screens.help_screen import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_toggle_theme(self) -> None:
        """Switch between the light and dark themes."""
        self.theme = themes.LIGHT if self.theme == themes.DARK else themes.DARK

    async def action_go_home(self) -> None:
        """Show the assessments (the home mode keeps a running interview on its stack)."""
        await self.switch_mode("home")

    async def _home(self) -> HomeScreen | None:
        if self.current_mode != "home":
            await self.switch_mode("home")
        bottom = self.screen_stack[0] if self.screen_stack else None
        return bottom if isinstance(bottom, HomeScreen) else None

    async def action_new_assessment(self) -> None:
        """Open the New assessment form."""
        home = await self._home()
        if home is not None:
            home.action_new()

    def action_search(self) -> None:
        """Search every answer in the workspace."""
        from assistant.tui.screens.search_screen import SearchScreen

        if not isinstance(self.screen, SearchScreen):
            self.push_screen(SearchScreen())

    def interview_running(self) -> bool:
        """True when an interview screen is open in any mode (its assessment must stay open)."""
        from assistant.tui.screens.interview_screen import InterviewScreen

        stacks = self._screen_stacks.values()
        return any(isinstance(s, InterviewScreen) for stack in stacks for s in stack)

    async def action_start_interview(self) -> None:
        """Set up an interview in the open assessment."""
        home = await self._home()
        if home is not None:
            home.start_interview()


def _runner(app: App[None], action: str) -> Callable[[], object]:
    async def run() -> None:
        await app.run_action(action)

    return run


def create_app(
    workspace: Path,
    *,
    clock: state.Clock | None = None,
    stamps: Stamps | None = None,
    who: str = "",
    dark: bool = True,
    practice: str | None = None,
) -> AssessorApp:
    """Return the app for a workspace folder (used by `assessor` and by the tests).

    `stamps` gives the clock and id source every new record gets (tests pass fixed ones);
    `clock` alone sets only the time, ids stay random. With `practice`, that practice
    assessment opens at once (`assessor practice start`).
    """
    return AssessorApp(
        Path(workspace),
        clock=clock or state.default_clock,
        stamps=stamps,
        who=who,
        dark=dark,
        practice=practice,
    )
